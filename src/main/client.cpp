#include "main/client.h"

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
// Boost.URL is used header-only: its definitions are compiled here, once.
#include <boost/url/src.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <utility>

namespace rampart::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view USER_AGENT = "rampart-cli/0.1.0";
/// GraphQL over HTTP §6.4.1: a client that accepts the newer media type
/// gets the precise status codes; plain JSON keeps older servers working.
constexpr std::string_view GRAPHQL_ACCEPT = "application/graphql-response+json, application/json";
/// A GraphQL answer is a page of JSON; anything far larger is a wrong server.
constexpr std::uint64_t MAX_ANSWER_BYTES = 256ULL * 1024 * 1024;

std::string format_duration(std::chrono::milliseconds duration) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
    if (seconds >= 60 && seconds % 60 == 0) return fmt::format("{} min", seconds / 60);
    if (seconds > 0) return fmt::format("{} s", seconds);
    return fmt::format("{} ms", duration.count());
}

/// The error code whose GraphQL `extensions.code` is `code`, if the table
/// has one.
std::optional<core::ErrorCode> code_from_graphql(std::string_view code) {
    for (const auto& row : core::error_code_table()) {
        if (row.graphql_code == code) return row.code;
    }
    return std::nullopt;
}

/// The error code for an HTTP status: the table's first row with that
/// status, else the class of the status (4xx the caller's, 5xx the server's).
core::ErrorCode code_from_status(unsigned status) {
    for (const auto& row : core::error_code_table()) {
        if (row.http_status == static_cast<int>(status)) return row.code;
    }
    return status >= 400 && status < 500 ? core::ErrorCode::InvalidArgument : core::ErrorCode::Internal;
}

/// GraphQL spec §7.1.2: `path` lists field names and list indices.
std::string format_path(const json::value& path) {
    if (!path.is_array()) return "";
    std::string out;
    for (const auto& segment : path.get_array()) {
        if (!out.empty()) out += '.';
        if (segment.is_string()) {
            out += std::string(segment.get_string());
        } else {
            out += json::serialize(segment);
        }
    }
    return out;
}

struct GraphqlErrorEntry {
    std::string text;
    std::optional<std::string> code;
};

/// One entry of `errors` (GraphQL spec §7.1.2) for people: "message
/// [CODE] at path". A message of several lines (an error with its
/// diagnostics) keeps the code and path on its first line.
GraphqlErrorEntry describe_graphql_error(const json::value& entry) {
    GraphqlErrorEntry out;
    if (!entry.is_object()) {
        out.text = json::serialize(entry);
        return out;
    }
    const auto& object = entry.get_object();
    const auto* message = object.if_contains("message");
    std::string text = message != nullptr && message->is_string() ? std::string(message->get_string())
                                                                  : std::string("(an error without a message)");
    std::string suffix;
    if (const auto* extensions = object.if_contains("extensions"); extensions != nullptr && extensions->is_object()) {
        if (const auto* code = extensions->get_object().if_contains("code"); code != nullptr && code->is_string()) {
            out.code = std::string(code->get_string());
            suffix += fmt::format(" [{}]", *out.code);
        }
    }
    if (const auto* path = object.if_contains("path"); path != nullptr) {
        if (auto where = format_path(*path); !where.empty()) suffix += " at " + where;
    }
    const auto line_end = std::min(text.find('\n'), text.size());
    out.text = text.substr(0, line_end) + suffix + text.substr(line_end);
    return out;
}

/// Codes the servers of the GraphQL ecosystem give a request their schema
/// does not accept; from this client they mean the two speak different
/// versions of the API.
bool is_request_error(const std::optional<std::string>& code) {
    return code && (*code == "GRAPHQL_VALIDATION_FAILED" || *code == "GRAPHQL_PARSE_FAILED");
}

/// Every GraphQL error of an answer as one core::Error: the code of the
/// first error that names one the table knows, else the HTTP status's.
core::Error graphql_errors(const json::array& errors, unsigned status, std::string_view prefix) {
    std::vector<GraphqlErrorEntry> entries;
    entries.reserve(errors.size());
    for (const auto& entry : errors) entries.push_back(describe_graphql_error(entry));
    std::optional<core::ErrorCode> code;
    for (const auto& entry : entries) {
        if (entry.code) code = code_from_graphql(*entry.code);
        if (code) break;
    }
    if (!code) code = status >= 300 ? code_from_status(status) : core::ErrorCode::Internal;
    core::Error error{*code, "", {}};
    if (entries.size() == 1) {
        error.message = std::string(prefix) + entries.front().text;
    } else {
        error.message = fmt::format("{}the server reported {} errors:", prefix, entries.size());
        for (const auto& entry : entries) error.diagnostics.push_back(core::Diagnostic{{}, entry.text});
    }
    if (std::any_of(entries.begin(), entries.end(), [](const auto& entry) { return is_request_error(entry.code); })) {
        error.diagnostics.push_back(core::Diagnostic{
            {}, "the server does not accept this client's request: are `rampart` and the server the same version?"});
    }
    return error;
}

std::string status_line(const GraphqlClient::Response& response) {
    return response.reason.empty() ? fmt::format("HTTP {}", response.status)
                                   : fmt::format("HTTP {} {}", response.status, response.reason);
}

/// The start of a body that is not JSON, on one line, for an error message.
std::string body_excerpt(std::string_view body) {
    constexpr size_t SHOWN = 200;
    std::string out(body.substr(0, SHOWN));
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (body.size() > SHOWN) out += "…";
    return out;
}

std::optional<json::object> parse_object(std::string_view text) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.get_object());
}

/// Sets the member named by a dotted object path ("variables.input.files.0")
/// to null, creating what is missing; the GraphQL multipart request spec
/// sends every file variable as null in `operations`.
void set_null_at(json::value& root, std::string_view path) {
    json::value* at = &root;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('.', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        const bool is_index = !segment.empty() &&
                              std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (is_index && (at->is_array() || at->is_null())) {
            if (at->is_null()) *at = json::array();
            auto& array = at->get_array();
            const auto index = static_cast<size_t>(std::stoul(std::string(segment)));
            if (array.size() <= index) array.resize(index + 1);
            at = &array[index];
        } else {
            if (!at->is_object()) *at = json::object();
            at = &at->get_object()[segment];
        }
        start = end + 1;
    }
    *at = nullptr;
}

/// A media type for the file part; the server checks the content itself
/// (DESIGN.md §1), this only helps servers that look at the header.
std::string media_type_for(const std::filesystem::path& path) {
    auto extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::pair<std::string_view, std::string_view> TYPES[] = {
        {".pdf", "application/pdf"},   {".zip", "application/zip"},   {".png", "image/png"},
        {".jpg", "image/jpeg"},        {".jpeg", "image/jpeg"},       {".txt", "text/plain"},
        {".json", "application/json"}, {".yaml", "application/yaml"}, {".yml", "application/yaml"},
    };
    for (const auto& [known, type] : TYPES) {
        if (extension == known) return std::string(type);
    }
    return "application/octet-stream";
}

core::Result<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::Error::make(core::ErrorCode::Io, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return core::Error::make(core::ErrorCode::Io, fmt::format("cannot read {}", path));
    return content.str();
}

/// RFC 7578 §4.2: the file name goes into a quoted string; quotes and line
/// breaks are percent-encoded as browsers do (HTML, "multipart/form-data
/// encoding algorithm").
std::string quoted_file_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        switch (c) {
            case '"': out += "%22"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string random_boundary() {
    std::random_device random;
    std::uniform_int_distribution<int> digit(0, 15);
    std::string out = "rampart-";
    for (int i = 0; i < 32; ++i) out += "0123456789abcdef"[digit(random)];
    return out;
}

std::string key_hint(const ClientSettings& settings) {
    const auto source = settings.api_key_source == core::SettingSource::Flag ? "--api-key" : "RAMPART_API_KEY";
    // Keys look like rk_<prefix>_<secret>; the prefix is what
    // `rampart admin list-keys` shows, the secret never leaves the screen.
    const auto& key = settings.api_key;
    if (key.rfind("rk_", 0) == 0) {
        const auto second = key.find('_', 3);
        if (second != std::string::npos) return fmt::format("{}… from {}", key.substr(0, second), source);
    }
    return fmt::format("from {}", source);
}

}  // namespace

core::Result<ClientSettings> resolve_client_settings(const std::optional<std::string>& url_flag,
                                                     const std::optional<std::string>& api_key_flag) {
    const auto url = core::resolve_setting(url_flag, "RAMPART_URL", "");
    if (url.value.empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 "no Rampart server given: set RAMPART_URL or pass --url (e.g. "
                                 "http://127.0.0.1:8080, where `rampart serve` listens)");
    }
    const auto key = core::resolve_setting(api_key_flag, "RAMPART_API_KEY", "");
    if (key.value.empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 "no API key given: set RAMPART_API_KEY or pass --api-key (an admin creates one "
                                 "with `rampart admin create-key`)");
    }
    return ClientSettings{url.value, url.source, key.value, key.source};
}

core::Result<GraphqlClient> GraphqlClient::create(ClientSettings settings, ClientTimeouts timeouts) {
    const auto source = settings.url_source == core::SettingSource::Flag ? "--url" : "RAMPART_URL";
    auto parsed = boost::urls::parse_uri(settings.url);
    if (!parsed) {
        return core::Error::make(
            core::ErrorCode::InvalidArgument,
            fmt::format("'{}' is not a URL ({}); expected e.g. http://127.0.0.1:8080", settings.url, source));
    }
    const auto& url = *parsed;
    if (url.scheme_id() == boost::urls::scheme::https) {
        return core::Error::make(
            core::ErrorCode::InvalidArgument,
            fmt::format("{} ({}): this client speaks plain HTTP only; reach the server over http:// (for instance "
                        "through an SSH tunnel or on the TLS proxy's internal address)",
                        settings.url, source));
    }
    if (url.scheme_id() != boost::urls::scheme::http || url.host_address().empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("'{}' ({}) is not an http:// URL with a host; expected e.g. "
                                             "http://127.0.0.1:8080",
                                             settings.url, source));
    }
    std::string port = url.has_port() ? std::string(url.port()) : "80";
    std::string host_field = std::string(url.encoded_host_and_port());
    std::string base_path = std::string(url.encoded_path());
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    // A URL copied from a script that already ends in /graphql (DESIGN.md
    // §4) names the endpoint, not the server.
    constexpr std::string_view ENDPOINT = "/graphql";
    if (base_path.size() >= ENDPOINT.size() &&
        base_path.compare(base_path.size() - ENDPOINT.size(), ENDPOINT.size(), ENDPOINT) == 0) {
        base_path.resize(base_path.size() - ENDPOINT.size());
    }
    GraphqlClient client(std::move(settings), timeouts);
    client.m_host = std::string(url.host_address());
    client.m_port = std::move(port);
    client.m_host_field = std::move(host_field);
    client.m_base_path = std::move(base_path);
    return client;
}

GraphqlClient::GraphqlClient(ClientSettings settings, ClientTimeouts timeouts)
    : m_settings(std::move(settings)), m_timeouts(timeouts) {}

std::string GraphqlClient::url_hint() const {
    return m_settings.url_source == core::SettingSource::Flag ? "--url" : "RAMPART_URL";
}

core::Error GraphqlClient::transport_error(const std::string& what, const std::string& detail) const {
    return core::Error::make(core::ErrorCode::Unavailable,
                             fmt::format("{} {}: {} ({})", what, m_settings.url, detail, url_hint()));
}

core::Result<json::object> GraphqlClient::execute(std::string_view query, const json::object& variables) {
    json::object request{{"query", query}, {"variables", variables}};
    return post_graphql(json::serialize(request), "application/json");
}

core::Result<json::object> GraphqlClient::execute(std::string_view query, const json::object& variables,
                                                  const std::vector<FileUpload>& files) {
    if (files.empty()) return execute(query, variables);
    // GraphQL multipart request spec: `operations` holds the request with
    // null in place of each file, `map` says which part fills which
    // variable, then one part per file named by its key in `map`.
    json::value operations = json::object{{"query", query}, {"variables", variables}};
    json::object map;
    std::vector<std::string> contents;
    contents.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        set_null_at(operations, files[i].variable);
        map[std::to_string(i)] = json::array{json::value(files[i].variable)};
        contents.push_back(RAMPART_TRY(read_file(files[i].path)));
    }
    std::string boundary = random_boundary();
    // RFC 2046 §5.1.1: the boundary must not occur in any part.
    while (std::any_of(contents.begin(), contents.end(),
                       [&](const std::string& content) { return content.find(boundary) != std::string::npos; })) {
        boundary = random_boundary();
    }
    std::string body;
    auto add_part = [&](std::string_view headers, std::string_view content) {
        body += "--";
        body += boundary;
        body += "\r\n";
        body += headers;
        body += "\r\n\r\n";
        body += content;
        body += "\r\n";
    };
    add_part("Content-Disposition: form-data; name=\"operations\"\r\nContent-Type: application/json",
             json::serialize(operations));
    add_part("Content-Disposition: form-data; name=\"map\"\r\nContent-Type: application/json", json::serialize(map));
    for (size_t i = 0; i < files.size(); ++i) {
        const std::filesystem::path path(files[i].path);
        add_part(fmt::format("Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}", i,
                             quoted_file_name(path.filename().string()), media_type_for(path)),
                 contents[i]);
        contents[i].clear();
        contents[i].shrink_to_fit();
    }
    body += "--" + boundary + "--\r\n";
    return post_graphql(std::move(body), "multipart/form-data; boundary=" + boundary);
}

core::Result<json::object> GraphqlClient::post_graphql(std::string body, const std::string& content_type) {
    auto response = RAMPART_TRY(send(m_base_path + "/graphql", std::move(body), content_type, std::nullopt));
    auto answer = parse_object(response.body);
    if (response.status == 401) {
        auto prefix = fmt::format("the server refused the API key ({}): ", key_hint(m_settings));
        if (answer) {
            if (const auto* errors = answer->if_contains("errors");
                errors != nullptr && errors->is_array() && !errors->get_array().empty()) {
                auto error = graphql_errors(errors->get_array(), response.status, prefix);
                error.code = core::ErrorCode::Unauthenticated;
                return error;
            }
        }
        return core::Error::make(
            core::ErrorCode::Unauthenticated,
            prefix + (response.body.empty() ? status_line(response) : body_excerpt(response.body)));
    }
    if (!answer) return answer_error(response);
    // GraphQL spec §7.1.2: an answer with `errors` did not do what was asked,
    // even when `data` holds a part of it.
    if (const auto* errors = answer->if_contains("errors");
        errors != nullptr && errors->is_array() && !errors->get_array().empty()) {
        const auto prefix = response.status >= 300 ? status_line(response) + ": " : std::string();
        return graphql_errors(errors->get_array(), response.status, prefix);
    }
    if (response.status >= 300) return answer_error(response);
    auto* data = answer->if_contains("data");
    if (data == nullptr || !data->is_object()) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("the answer of {} holds no data and no errors", m_settings.url));
    }
    return std::move(data->get_object());
}

core::Error GraphqlClient::answer_error(const Response& response) const {
    if (response.status == 401) {
        return core::Error::make(
            core::ErrorCode::Unauthenticated,
            fmt::format("the server refused the API key ({}): {}", key_hint(m_settings), body_excerpt(response.body)));
    }
    if (auto answer = parse_object(response.body)) {
        if (const auto* errors = answer->if_contains("errors");
            errors != nullptr && errors->is_array() && !errors->get_array().empty()) {
            return graphql_errors(errors->get_array(), response.status, status_line(response) + ": ");
        }
    }
    if (response.status >= 200 && response.status < 300) {
        return core::Error::make(
            core::ErrorCode::Internal,
            fmt::format("{} answered {} that is not a GraphQL response: {}", m_settings.url,
                        response.content_type.empty() ? "a body" : response.content_type, body_excerpt(response.body)));
    }
    auto message = fmt::format("{} answered {}", m_settings.url, status_line(response));
    if (auto excerpt = body_excerpt(response.body); !excerpt.empty()) message += ": " + excerpt;
    return core::Error::make(code_from_status(response.status), std::move(message));
}

core::Result<std::uint64_t> GraphqlClient::download(std::string_view path, const std::string& output_path) {
    std::string target;
    if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) {
        // A full URL from the server: only its path is taken, so the key is
        // never sent anywhere but to the server the user named.
        auto parsed = boost::urls::parse_uri(path);
        if (!parsed) {
            return core::Error::make(core::ErrorCode::Internal,
                                     fmt::format("the server gave '{}' as a download address", path));
        }
        target = std::string(parsed->encoded_target());
    } else if (path.rfind('/', 0) == 0) {
        const bool has_base = !m_base_path.empty() && path.rfind(m_base_path + "/", 0) == 0;
        target = has_base ? std::string(path) : m_base_path + std::string(path);
    } else {
        target = m_base_path + "/" + std::string(path);
    }
    // Written beside the destination and renamed at the end, so a broken
    // transfer never leaves a truncated file under the asked name.
    const std::string partial = output_path + ".part";
    auto response = send(target, "", "", partial);
    if (!response.ok()) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return response.error();
    }
    if (response->status != 200) return answer_error(*response);
    std::error_code ec;
    const auto size = std::filesystem::file_size(partial, ec);
    if (!ec) std::filesystem::rename(partial, output_path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return core::Error::make(core::ErrorCode::Io, fmt::format("cannot write {}: {}", output_path, ec.message()));
    }
    return static_cast<std::uint64_t>(size);
}

core::Result<GraphqlClient::Response> GraphqlClient::send(const std::string& target, std::string body,
                                                          const std::string& content_type,
                                                          const std::optional<std::string>& download_path) {
    asio::io_context io;
    beast::tcp_stream stream(io);

    // Name lookup has no timer of its own; the context runs for at most the
    // connect timeout and the lookup is cancelled when it is not done.
    tcp::resolver resolver(io);
    beast::error_code lookup_error;
    tcp::resolver::results_type endpoints;
    bool looked_up = false;
    resolver.async_resolve(m_host, m_port, [&](beast::error_code ec, tcp::resolver::results_type results) {
        lookup_error = ec;
        endpoints = std::move(results);
        looked_up = true;
    });
    io.run_for(m_timeouts.connect);
    if (!looked_up) {
        resolver.cancel();
        io.restart();
        io.run();
        return transport_error("cannot reach Rampart at", fmt::format("looking up '{}' took longer than {}", m_host,
                                                                      format_duration(m_timeouts.connect)));
    }
    if (lookup_error) {
        const bool unknown =
            lookup_error == asio::error::host_not_found || lookup_error == asio::error::host_not_found_try_again;
        return transport_error("cannot reach Rampart at",
                               unknown ? fmt::format("host '{}' not found", m_host)
                                       : fmt::format("cannot look up '{}': {}", m_host, lookup_error.message()));
    }

    auto run = [&](auto&& start) {
        beast::error_code result;
        start([&](beast::error_code ec, auto&&...) { result = ec; });
        io.restart();
        io.run();
        return result;
    };

    // Beast's stream timers apply to its asynchronous operations only, so
    // every step below is asynchronous and the context is run to its end.
    stream.expires_after(m_timeouts.connect);
    if (auto ec = run([&](auto handler) { stream.async_connect(endpoints, handler); })) {
        if (ec == asio::error::connection_refused) {
            return transport_error("cannot reach Rampart at", "connection refused — is `rampart serve` running?");
        }
        if (ec == beast::error::timeout) {
            return transport_error("cannot reach Rampart at",
                                   fmt::format("no connection within {}", format_duration(m_timeouts.connect)));
        }
        return transport_error("cannot reach Rampart at", ec.message());
    }

    http::request<http::string_body> request{download_path ? http::verb::get : http::verb::post, target, 11};
    request.set(http::field::host, m_host_field);
    request.set(http::field::user_agent, USER_AGENT);
    request.set("x-api-key", m_settings.api_key);
    request.set(http::field::accept, download_path ? std::string_view("*/*") : GRAPHQL_ACCEPT);
    if (!download_path) {
        request.set(http::field::content_type, content_type);
        request.body() = std::move(body);
    }
    request.prepare_payload();

    // One timer for the whole exchange: sending, waiting, reading.
    stream.expires_after(m_timeouts.request);
    auto broken = [&](const beast::error_code& ec) {
        if (ec == beast::error::timeout) {
            return transport_error("no answer from Rampart at",
                                   fmt::format("gave up after {}", format_duration(m_timeouts.request)));
        }
        return transport_error("the connection to Rampart broke at", ec.message());
    };
    const auto write_error = run([&](auto handler) { http::async_write(stream, request, handler); });
    if (write_error == beast::error::timeout) return broken(write_error);

    // A server may refuse a request before reading all of it (413 for an
    // upload over its limit) and close the connection; its answer is still
    // read, so the user learns why rather than "broken pipe".
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> head;
    if (auto ec = run([&](auto handler) { http::async_read_header(stream, buffer, head, handler); })) {
        return broken(write_error ? write_error : ec);
    }
    Response response;
    response.status = head.get().result_int();
    response.reason = std::string(head.get().reason());
    response.content_type = std::string(head.get()[http::field::content_type]);

    if (download_path && response.status == 200) {
        http::response_parser<http::file_body> parser(std::move(head));
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        beast::error_code open_error;
        parser.get().body().open(download_path->c_str(), beast::file_mode::write, open_error);
        if (open_error) {
            return core::Error::make(core::ErrorCode::Io,
                                     fmt::format("cannot write {}: {}", *download_path, open_error.message()));
        }
        auto ec = run([&](auto handler) { http::async_read(stream, buffer, parser, handler); });
        parser.get().body().close();
        if (ec) return broken(ec);
    } else {
        http::response_parser<http::string_body> parser(std::move(head));
        parser.body_limit(MAX_ANSWER_BYTES);
        if (auto ec = run([&](auto handler) { http::async_read(stream, buffer, parser, handler); })) {
            return broken(ec);
        }
        response.body = std::move(parser.get().body());
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response;
}

}  // namespace rampart::cli
