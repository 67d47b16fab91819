#include "http/detail/connection.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <initializer_list>
#include <system_error>
#include <utility>

#include "http/graphql_request.h"
#include "http/static_files.h"

namespace rampart::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t HEADER_LIMIT = size_t{16} * 1024;
constexpr size_t FIRST_READ_BYTES = 4096;
constexpr size_t UPLOAD_CHUNK_BYTES = size_t{64} * 1024;
constexpr size_t DRAIN_CHUNK_BYTES = size_t{16} * 1024;
constexpr size_t MAX_UPLOAD_FILES = 100;
/// How long a connection that is closed with request bytes still unread
/// keeps reading them, so that the client sees the answer instead of a
/// reset (RFC 9112 §9.6).
constexpr std::chrono::seconds LINGER{2};
constexpr std::string_view CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view WWW_AUTHENTICATE = R"(ApiKey header="x-api-key")";

bool is_http_error(const beast::error_code& ec) {
    return ec.category() == beast::http::make_error_code(bhttp::error::bad_target).category();
}

bool is_quiet_end(const beast::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::operation_aborted ||
           ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::bad_descriptor;
}

/// A non-empty value of one of the headers that a browser cannot send
/// cross-origin without a CORS preflight (Apollo Server's CSRF
/// prevention): x-api-key, x-apollo-operation-name,
/// apollo-require-preflight, graphql-preflight.
bool has_preflight_header(const bhttp::fields& fields) {
    for (const auto* name : {"x-api-key", "x-apollo-operation-name", "apollo-require-preflight", "graphql-preflight"}) {
        if (!fields[name].empty()) return true;
    }
    return false;
}

/// A request a browser sends cross-site without asking first (a "simple"
/// request of the Fetch standard: GET, HEAD, or a POST of a form type)
/// must prove it was not forged by carrying a header a form cannot set.
bool forgery_safe(const bhttp::request<bhttp::empty_body>& request, std::string_view essence) {
    const bool simple = request.method() == bhttp::verb::get || request.method() == bhttp::verb::head ||
                        essence.empty() || essence == "multipart/form-data" ||
                        essence == "application/x-www-form-urlencoded" || essence == "text/plain";
    return !simple || has_preflight_header(request);
}

// A name for Content-Disposition (RFC 6266 §4.3): an ASCII fallback in
// `filename`, the exact UTF-8 name percent-encoded in `filename*`.
std::string content_disposition(std::string_view name) {
    std::string fallback;
    std::string encoded;
    static constexpr std::string_view HEX = "0123456789ABCDEF";
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                           (byte >= 'A' && byte <= 'Z') ||
                           std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
        fallback.push_back(byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\' ? c : '_');
        if (plain) {
            encoded.push_back(c);
        } else {
            encoded.push_back('%');
            encoded.push_back(HEX[byte >> 4U]);
            encoded.push_back(HEX[byte & 0x0fU]);
        }
    }
    if (fallback.empty()) fallback = "download";
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + (encoded.empty() ? "download" : encoded);
}

std::string entity_tag(uint64_t size, int64_t modified) { return fmt::format("\"{:x}-{:x}\"", size, modified); }

}  // namespace

Connection::Connection(tcp::socket socket, Worker& worker, Shared& shared)
    : m_stream(std::move(socket)), m_worker(worker), m_shared(shared) {
    m_worker.connections.insert(this);
}

Connection::~Connection() {
    m_worker.connections.erase(this);
    if (!m_remove_after.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_remove_after, ignored);
    }
}

template <typename Function>
void Connection::guarded(Function&& function) {
    try {
        function();
    } catch (const std::exception& e) {
        fail_internal(e.what());
    } catch (...) {
        fail_internal("an unknown exception");
    }
}

void Connection::fail_internal(std::string_view what) {
    try {
        spdlog::error("{} {} failed: {}", m_method, m_path, what);
        if (m_state == State::Writing || m_state == State::Closing || m_state == State::Idle) {
            m_stream.close();
            return;
        }
        m_collector.reset();
        m_multipart.reset();
        m_close_after = true;
        send_error(500, "Internal server error");
    } catch (...) {
        m_stream.close();
    }
}

void Connection::start() {
    beast::error_code ignored;
    m_stream.socket().set_option(tcp::no_delay(true), ignored);
    m_stream.expires_after(m_shared.options.header_timeout);
    wait_for_request(true);
}

void Connection::on_stop() {
    if (m_state == State::Idle) {
        m_stream.close();
    } else {
        m_close_after = true;
    }
}

void Connection::wait_for_request(bool first) {
    m_state = State::Idle;
    if (m_worker.stopping || m_close_after) {
        close(false);
        return;
    }
    if (m_buffer.size() > 0) {
        if (!first) m_stream.expires_after(m_shared.options.header_timeout);
        read_header();
        return;
    }
    // The first byte of a request is awaited with the idle timeout (on a
    // new connection the header timeout already runs); the rest of the
    // headers then get the header timeout.
    if (!first) m_stream.expires_after(m_shared.options.idle_timeout);
    m_stream.async_read_some(m_buffer.prepare(FIRST_READ_BYTES),
                             [self = shared_from_this(), first](beast::error_code ec, size_t bytes) {
                                 self->guarded([&] {
                                     if (ec) {
                                         self->close(false);
                                         return;
                                     }
                                     self->m_buffer.commit(bytes);
                                     if (!first) self->m_stream.expires_after(self->m_shared.options.header_timeout);
                                     self->read_header();
                                 });
                             });
}

void Connection::read_header() {
    m_state = State::Header;
    m_header.emplace();
    m_header->header_limit(HEADER_LIMIT);
    // Body sizes are checked by the route, which knows its limit.
    m_header->body_limit(boost::none);
    bhttp::async_read_header(m_stream, m_buffer, *m_header, [self = shared_from_this()](beast::error_code ec, size_t) {
        self->guarded([&] { self->on_header(ec); });
    });
}

void Connection::on_header(beast::error_code ec) {
    m_started = std::chrono::steady_clock::now();
    if (ec) {
        if (is_quiet_end(ec) || !is_http_error(ec)) {
            close(false);
            return;
        }
        m_method = "-";
        m_path = "-";
        m_client_keep_alive = false;
        m_body_pending = true;
        if (ec == bhttp::error::header_limit) {
            send_error(431, "The request headers are too large");
        } else {
            send_error(400, "Malformed HTTP request: " + ec.message());
        }
        return;
    }
    route();
}

void Connection::route() {
    auto& request = m_header->get();
    m_method.assign(request.method_string());
    const std::string_view target = request.target();
    const auto query_at = target.find('?');
    const std::string_view path = target.substr(0, query_at);
    m_path.assign(path);
    m_head = request.method() == bhttp::verb::head;
    m_client_keep_alive = request.keep_alive();
    m_body_pending = !m_header->is_done();
    m_close_after = false;
    m_identity.reset();
    m_response_type = ResponseType::Json;

    if (path.empty() || path.front() != '/') {
        send_error(400, "The request target must be an absolute path");
        return;
    }
    if (path == "/graphql") {
        handle_graphql();
    } else if (path == "/healthz") {
        handle_health();
    } else if (path.starts_with("/files/")) {
        handle_download(path.substr(7));
    } else if (m_shared.explorer_root && (path == "/altair" || path == "/graphiql")) {
        // The explorer's pages load their assets by relative URLs.
        auto& response = fresh_response(bhttp::status::moved_permanently, Surface::Explorer);
        response.set(bhttp::field::location, m_path + "/");
        send_response();
    } else if (m_shared.explorer_root && (path.starts_with("/altair/") || path.starts_with("/graphiql/"))) {
        handle_static(*m_shared.explorer_root, path.substr(path.find('/', 1) + 1), Surface::Explorer, false);
    } else if (m_shared.static_root) {
        handle_static(*m_shared.static_root, path.substr(1), Surface::Page, true);
    } else {
        send_error(404, "Not found");
    }
}

void Connection::handle_health() {
    const auto verb = m_header->get().method();
    if (verb != bhttp::verb::get && verb != bhttp::verb::head) {
        send_error(405, "Method not allowed", {{"Allow", "GET, HEAD"}});
        return;
    }
    auto& response = fresh_response(bhttp::status::ok, Surface::Api);
    response.set(bhttp::field::content_type, "application/json; charset=utf-8");
    response.body() = R"({"status":"ok"})";
    send_response();
}

bool Connection::authenticate() {
    if (!m_worker.gate) {
        send_error(503, "The server is not ready");
        return false;
    }
    auto result = m_worker.gate->authenticate(m_header->get()["x-api-key"]);
    if (auto* message = std::get_if<std::string>(&result)) {
        send_error(401, *message, {{"WWW-Authenticate", WWW_AUTHENTICATE}});
        return false;
    }
    m_identity = std::move(std::get<Identity>(result));
    if (auto wait = m_shared.limiter.acquire(m_identity->rate_key)) {
        const auto seconds = std::to_string(wait->count());
        send_error(429, "Too many requests; retry in " + seconds + " s", {{"Retry-After", seconds}});
        return false;
    }
    return true;
}

void Connection::handle_graphql() {
    const auto& request = m_header->get();
    const auto verb = request.method();
    if (verb != bhttp::verb::get && verb != bhttp::verb::post) {
        send_error(405, "Method not allowed", {{"Allow", "GET, POST"}});
        return;
    }
    if (!authenticate()) return;
    // GraphQL over HTTP §6.4: the response type follows Accept.
    auto negotiated = negotiate_response_type(request[bhttp::field::accept]);
    if (!negotiated) {
        send_error(406, "The Accept header allows neither application/graphql-response+json nor application/json");
        return;
    }
    m_response_type = *negotiated;

    if (verb == bhttp::verb::get) {
        if (!forgery_safe(request, {})) {
            send_error(400, "This request looks like a cross-site request forgery");
            return;
        }
        const std::string_view target = request.target();
        const auto query_at = target.find('?');
        auto decoded =
            decode_query_request(query_at == std::string_view::npos ? std::string_view() : target.substr(query_at + 1));
        if (auto* problem = std::get_if<std::string>(&decoded)) {
            send_request_problem(*problem);
        } else {
            execute(std::move(std::get<graphql::Request>(decoded)));
        }
        return;
    }

    const std::string_view content_type = request[bhttp::field::content_type];
    if (content_type.empty()) {
        send_error(415, "A POST to /graphql needs a Content-Type: application/json or multipart/form-data");
        return;
    }
    const auto media = parse_media_type(content_type);
    if (media && media->essence == "application/json") {
        // GraphQL over HTTP §6.3.2: the body is UTF-8 JSON.
        if (const auto* charset = media->parameter("charset"); charset != nullptr && !iequals(*charset, "utf-8")) {
            send_error(415, "Only UTF-8 JSON bodies are accepted");
            return;
        }
        read_json_body();
        return;
    }
    if (media && media->essence == "multipart/form-data") {
        auto boundary = multipart_boundary(content_type);
        if (!boundary) {
            send_error(400, "The multipart/form-data Content-Type has no valid boundary");
            return;
        }
        if (!forgery_safe(request, media->essence)) {
            send_error(400, "This request looks like a cross-site request forgery");
            return;
        }
        read_upload(*boundary);
        return;
    }
    send_error(415, "The Content-Type must be application/json or multipart/form-data");
}

template <typename Next>
void Connection::continue_then(Next&& next) {
    const auto& request = m_header->get();
    if (request.version() < 11 || !iequals(request[bhttp::field::expect], "100-continue")) {
        next();
        return;
    }
    m_stream.expires_after(m_shared.options.body_timeout);
    asio::async_write(m_stream, asio::buffer(CONTINUE.data(), CONTINUE.size()),
                      [self = shared_from_this(), next = std::forward<Next>(next)](beast::error_code ec, size_t) {
                          self->guarded([&] {
                              if (ec) {
                                  self->close(false);
                                  return;
                              }
                              next();
                          });
                      });
}

void Connection::read_json_body() {
    const auto limit = m_shared.options.max_body_bytes;
    if (auto length = m_header->content_length(); length && *length > limit) {
        send_error(413, "The request body is larger than " + std::to_string(limit) + " bytes");
        return;
    }
    continue_then([this] {
        m_body.emplace(std::move(*m_header));
        m_header.reset();
        m_body->body_limit(m_shared.options.max_body_bytes);
        m_state = State::Body;
        m_stream.expires_after(m_shared.options.body_timeout);
        bhttp::async_read(m_stream, m_buffer, *m_body, [self = shared_from_this()](beast::error_code ec, size_t) {
            self->guarded([&] { self->on_json_body(ec); });
        });
    });
}

void Connection::on_json_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
        send_error(413,
                   "The request body is larger than " + std::to_string(m_shared.options.max_body_bytes) + " bytes");
        return;
    }
    if (ec) {
        if (is_quiet_end(ec) || !is_http_error(ec)) {
            close(false);
        } else {
            send_error(400, "Malformed HTTP request body: " + ec.message());
        }
        return;
    }
    m_body_pending = false;
    auto decoded = decode_json_request(m_body->get().body());
    if (auto* problem = std::get_if<std::string>(&decoded)) {
        send_request_problem(*problem);
    } else {
        execute(std::move(std::get<graphql::Request>(decoded)));
    }
}

void Connection::read_upload(const std::string& boundary) {
    const auto limit = m_shared.options.max_upload_bytes;
    if (auto length = m_header->content_length(); length && *length > limit) {
        send_error(413, "The upload is larger than " + std::to_string(limit) + " bytes");
        return;
    }
    m_collector = std::make_unique<UploadCollector>(m_shared.upload_dir,
                                                    UploadLimits{m_shared.options.max_body_bytes, MAX_UPLOAD_FILES});
    m_multipart = std::make_unique<MultipartParser>(boundary, *m_collector);
    if (m_chunk.size() != UPLOAD_CHUNK_BYTES) m_chunk.resize(UPLOAD_CHUNK_BYTES);
    continue_then([this] {
        m_upload_body.emplace(std::move(*m_header));
        m_header.reset();
        m_upload_body->body_limit(m_shared.options.max_upload_bytes);
        m_state = State::Body;
        read_upload_some();
    });
}

void Connection::read_upload_some() {
    auto& body = m_upload_body->get().body();
    body.data = m_chunk.data();
    body.size = m_chunk.size();
    body.more = true;
    // An inactivity timeout: a large upload over a slow link may take
    // longer than body_timeout as a whole.
    m_stream.expires_after(m_shared.options.body_timeout);
    bhttp::async_read(m_stream, m_buffer, *m_upload_body, [self = shared_from_this()](beast::error_code ec, size_t) {
        self->guarded([&] { self->on_upload_some(ec); });
    });
}

void Connection::on_upload_some(beast::error_code ec) {
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == bhttp::error::body_limit) {
        m_collector.reset();
        m_multipart.reset();
        send_error(413, "The upload is larger than " + std::to_string(m_shared.options.max_upload_bytes) + " bytes");
        return;
    }
    if (ec) {
        m_collector.reset();
        m_multipart.reset();
        if (is_quiet_end(ec) || !is_http_error(ec)) {
            close(false);
        } else {
            send_error(400, "Malformed HTTP request body: " + ec.message());
        }
        return;
    }
    const auto& body = m_upload_body->get().body();
    const size_t received = m_chunk.size() - body.size;
    if (received > 0) {
        if (auto problem = m_multipart->feed(std::string_view(m_chunk.data(), received))) {
            upload_failed(*problem);
            return;
        }
    }
    if (!m_upload_body->is_done()) {
        read_upload_some();
        return;
    }
    m_body_pending = false;
    if (auto problem = m_multipart->finish()) {
        upload_failed(*problem);
        return;
    }
    auto decoded = m_collector->finish();
    if (auto* problem = std::get_if<std::string>(&decoded)) {
        upload_failed(*problem);
        return;
    }
    execute(std::move(std::get<graphql::Request>(decoded)));
}

void Connection::upload_failed(const std::string& message) {
    const auto failure = m_collector ? m_collector->failure() : UploadFailure::Malformed;
    m_collector.reset();
    m_multipart.reset();
    switch (failure) {
        case UploadFailure::TooLarge: send_error(413, message); return;
        case UploadFailure::Storage:
            spdlog::error("upload to {} failed: {}", m_shared.upload_dir.string(), message);
            send_error(500, "The upload could not be stored");
            return;
        case UploadFailure::None:
        case UploadFailure::Malformed: send_request_problem(message); return;
    }
}

void Connection::execute(graphql::Request request) {
    request.context = m_identity->graphql_context;
    auto response = m_shared.service.run(std::move(request));
    // The files of an upload live as long as the execution, no longer.
    m_collector.reset();
    m_multipart.reset();

    auto status = bhttp::status::ok;
    if (response.outcome == graphql::Outcome::MutationOverGet) {
        status = bhttp::status::method_not_allowed;
    } else if (response.outcome == graphql::Outcome::RequestError &&
               m_response_type == ResponseType::GraphQLResponseJson) {
        // GraphQL over HTTP §6.4.2: with application/graphql-response+json a
        // request error is 400; application/json answers 200 (§6.4.1).
        status = bhttp::status::bad_request;
    }
    auto& http_response = fresh_response(status, Surface::Api);
    http_response.set(bhttp::field::content_type, content_type_of(m_response_type));
    auto json = graphql::to_json(response.result);
    if (status == bhttp::status::method_not_allowed) {
        // GraphQL over HTTP §6.3.1: a mutation over GET is refused with 405.
        http_response.set(bhttp::field::allow, "POST");
        if (!json.contains("errors")) {
            http_response.body() = error_body("Mutations are only accepted over POST", "METHOD_NOT_ALLOWED");
            send_response();
            return;
        }
    }
    http_response.body() = boost::json::serialize(json);
    send_response();
}

void Connection::handle_download(std::string_view rest) {
    const auto verb = m_header->get().method();
    if (verb != bhttp::verb::get && verb != bhttp::verb::head) {
        send_error(405, "Method not allowed", {{"Allow", "GET, HEAD"}});
        return;
    }
    if (!authenticate()) return;
    auto decoded = percent_decode_path(rest);
    if (!decoded || decoded->empty()) {
        send_error(404, "Not found");
        return;
    }
    auto answer = m_worker.gate->download(*m_identity, *decoded);
    if (auto* refusal = std::get_if<std::pair<int, std::string>>(&answer)) {
        const int status = refusal->first >= 400 && refusal->first <= 599 ? refusal->first : 500;
        send_error(status, refusal->second);
        return;
    }
    auto& download = std::get<FileDownload>(answer);
    std::string remove_after = download.remove_after ? download.path : std::string();
    bhttp::file_body::value_type file;
    beast::error_code ec;
    file.open(download.path.c_str(), beast::file_mode::scan, ec);
    if (ec) {
        if (!remove_after.empty()) {
            std::error_code ignored;
            std::filesystem::remove(remove_after, ignored);
        }
        spdlog::warn("download {} cannot be opened: {}", download.path, ec.message());
        send_error(404, "The file is no longer available");
        return;
    }
    const auto content_type = download.content_type.empty() ? "application/octet-stream" : download.content_type;
    const auto disposition = content_disposition(download.download_name);
    if (m_head) {
        auto& response = fresh_response(bhttp::status::ok, Surface::Download);
        response.set(bhttp::field::content_type, content_type);
        response.set(bhttp::field::content_disposition, disposition);
        response.body().clear();
        m_remove_after = std::move(remove_after);
        send_response(file.size());
        return;
    }
    FileResponse response{bhttp::status::ok, 11};
    set_security_headers(response, Surface::Download);
    response.set(bhttp::field::content_type, content_type);
    response.set(bhttp::field::content_disposition, disposition);
    response.body() = std::move(file);
    response.prepare_payload();
    send_file(std::move(response), std::move(remove_after));
}

void Connection::handle_static(const std::filesystem::path& root, std::string_view relative, Surface surface,
                               bool spa) {
    const auto& request = m_header->get();
    if (request.method() != bhttp::verb::get && request.method() != bhttp::verb::head) {
        send_error(405, "Method not allowed", {{"Allow", "GET, HEAD"}});
        return;
    }
    auto file = resolve_static_file(root, relative);
    if (!file && spa) {
        // A route of the single-page application (no extension in its last
        // segment) gets the page, which then routes on the client.
        const auto last =
            relative.substr(relative.find_last_of('/') == std::string_view::npos ? 0 : relative.find_last_of('/') + 1);
        if (last.find('.') == std::string_view::npos) file = resolve_static_file(root, "index.html");
    }
    if (!file) {
        send_error(404, "Not found");
        return;
    }
    std::error_code fs_error;
    const auto size = std::filesystem::file_size(*file, fs_error);
    const auto modified = std::filesystem::last_write_time(*file, fs_error).time_since_epoch().count();
    if (fs_error) {
        send_error(404, "Not found");
        return;
    }
    const auto tag = entity_tag(size, modified);
    if (request[bhttp::field::if_none_match] == tag) {
        auto& response = fresh_response(bhttp::status::not_modified, surface);
        response.set(bhttp::field::etag, tag);
        send_response();
        return;
    }
    bhttp::file_body::value_type body;
    beast::error_code ec;
    body.open(file->c_str(), beast::file_mode::scan, ec);
    if (ec) {
        send_error(404, "Not found");
        return;
    }
    if (m_head) {
        auto& response = fresh_response(bhttp::status::ok, surface);
        response.set(bhttp::field::content_type, content_type_for(*file));
        response.set(bhttp::field::etag, tag);
        send_response(body.size());
        return;
    }
    FileResponse response{bhttp::status::ok, 11};
    set_security_headers(response, surface);
    response.set(bhttp::field::content_type, content_type_for(*file));
    response.set(bhttp::field::etag, tag);
    response.body() = std::move(body);
    response.prepare_payload();
    send_file(std::move(response), {});
}

Connection::StringResponse& Connection::fresh_response(bhttp::status status, Surface surface) {
    m_response.clear();
    m_response.body().clear();
    m_response.result(status);
    m_response.version(11);
    set_security_headers(m_response, surface);
    return m_response;
}

bool Connection::keep_alive() const {
    return m_client_keep_alive && !m_body_pending && !m_close_after && !m_worker.stopping &&
           !m_shared.stopping.load(std::memory_order_relaxed);
}

void Connection::send_error(int status, std::string_view message, Headers headers) {
    auto& response = fresh_response(static_cast<bhttp::status>(status), Surface::Api);
    response.set(bhttp::field::content_type, content_type_of(m_response_type));
    for (const auto& [name, value] : headers) response.set(name, value);
    response.body() = error_body(message, code_for_status(status));
    send_response();
}

void Connection::send_request_problem(std::string_view message) {
    // GraphQL over HTTP §6.4: a request that is not a well-formed GraphQL
    // request (bad JSON, a missing or mistyped parameter) is 400 whatever
    // the media type; only a well-formed request that fails to parse,
    // validate or coerce its variables is answered 200 with
    // application/json.
    send_error(400, message);
}

void Connection::send_response(std::optional<uint64_t> head_length) {
    m_status = m_response.result_int();
    const bool keep = keep_alive();
    m_response.keep_alive(keep);
    if (m_head) {
        // HEAD (RFC 9110 §9.3.2): the length the GET body would have, no body.
        m_response.content_length(head_length.value_or(m_response.body().size()));
        m_response.body().clear();
    } else {
        m_response.prepare_payload();
    }
    m_state = State::Writing;
    m_stream.expires_after(m_shared.options.body_timeout);
    bhttp::async_write(m_stream, m_response, [self = shared_from_this()](beast::error_code ec, size_t) {
        self->guarded([&] { self->on_written(ec); });
    });
}

void Connection::send_file(FileResponse response, std::string remove_after) {
    m_status = response.result_int();
    response.keep_alive(keep_alive());
    m_remove_after = std::move(remove_after);
    m_file_response.emplace(std::move(response));
    m_file_serializer.emplace(*m_file_response);
    m_state = State::Writing;
    write_file_some();
}

void Connection::write_file_some() {
    // An inactivity timeout per piece, so a large file over a slow link is
    // not cut off.
    m_stream.expires_after(m_shared.options.body_timeout);
    bhttp::async_write_some(m_stream, *m_file_serializer, [self = shared_from_this()](beast::error_code ec, size_t) {
        self->guarded([&] {
            if (ec || self->m_file_serializer->is_done()) {
                self->on_written(ec);
            } else {
                self->write_file_some();
            }
        });
    });
}

void Connection::on_written(beast::error_code ec) {
    log_request();
    const bool keep = m_file_response ? m_file_response->keep_alive() : m_response.keep_alive();
    m_file_serializer.reset();
    m_file_response.reset();
    if (!m_remove_after.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_remove_after, ignored);
        m_remove_after.clear();
    }
    m_header.reset();
    m_body.reset();
    m_upload_body.reset();
    m_identity.reset();
    if (ec) {
        close(false);
        return;
    }
    if (!keep) {
        close(m_body_pending);
        return;
    }
    wait_for_request(false);
}

void Connection::log_request() {
    if (!spdlog::should_log(spdlog::level::debug)) return;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - m_started).count();
    spdlog::debug("{} {} {} {}µs", m_method, m_path, m_status, micros);
}

void Connection::close(bool linger) {
    m_state = State::Closing;
    beast::error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (!linger || ec) {
        m_stream.close();
        return;
    }
    m_stream.expires_after(LINGER);
    drain();
}

void Connection::drain() {
    m_buffer.clear();
    m_stream.async_read_some(m_buffer.prepare(DRAIN_CHUNK_BYTES),
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                                 self->guarded([&] {
                                     if (ec) {
                                         self->m_stream.close();
                                     } else {
                                         self->drain();
                                     }
                                 });
                             });
}

}  // namespace rampart::http::detail
