#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/error.h"

namespace rampart::cli {

/// The server to talk to and the key to talk with. The sources say whether
/// a flag or the environment gave them, so that an error names the one the
/// user has to fix.
struct ClientSettings {
    std::string url;  ///< e.g. http://127.0.0.1:8080 (a trailing /graphql is accepted)
    core::SettingSource url_source = core::SettingSource::Environment;
    std::string api_key;
    core::SettingSource api_key_source = core::SettingSource::Environment;
};

/// Resolves the server and the key: `--url` wins over RAMPART_URL and
/// `--api-key` over RAMPART_API_KEY. A missing one is InvalidArgument naming
/// both the flag and the variable.
[[nodiscard]] core::Result<ClientSettings> resolve_client_settings(const std::optional<std::string>& url_flag,
                                                                   const std::optional<std::string>& api_key_flag);

/// How long the client waits before it gives up.
struct ClientTimeouts {
    std::chrono::milliseconds connect{std::chrono::seconds(10)};  ///< name lookup and TCP connect
    std::chrono::milliseconds request{std::chrono::minutes(5)};   ///< sending the request and reading the answer
};

/// A local file sent with a GraphQL request (GraphQL multipart request
/// spec): `variable` is the object path of the `Upload` variable it fills,
/// e.g. "variables.input.files.0"; the variable itself is sent as null.
struct FileUpload {
    std::string variable;
    std::string path;
};

/// A synchronous client for one Rampart server: GraphQL over HTTP/1.1
/// (Boost.Beast) with the `x-api-key` header, like any script would use the
/// API (DESIGN.md §2: the API is the one door).
///
/// Every failure is a core::Error whose code follows the error table: the
/// server's `extensions.code` when it gave one, the HTTP status otherwise,
/// Unavailable when the server cannot be reached.
class GraphqlClient {
public:
    /// Checks the URL (http only) and prepares the client; nothing is sent yet.
    [[nodiscard]] static core::Result<GraphqlClient> create(ClientSettings settings, ClientTimeouts timeouts = {});

    /// POSTs `{query, variables}` as application/json to <url>/graphql and
    /// answers the response's `data`. Any entry of `errors`, in a 200 answer
    /// or not, makes the call fail with every message, code and path.
    [[nodiscard]] core::Result<boost::json::object> execute(std::string_view query,
                                                            const boost::json::object& variables);

    /// The same as a multipart/form-data request (fields `operations`, `map`
    /// and one part per file), for mutations that take `Upload` arguments.
    [[nodiscard]] core::Result<boost::json::object> execute(std::string_view query,
                                                            const boost::json::object& variables,
                                                            const std::vector<FileUpload>& files);

    /// GETs `path` (absolute on the server, e.g. "/files/…", or a full URL on
    /// the same server) into `output_path`. The file appears only once the
    /// whole body has arrived. Answers the number of bytes written.
    [[nodiscard]] core::Result<std::uint64_t> download(std::string_view path, const std::string& output_path);

    /// The server's base URL as the user gave it, for messages.
    [[nodiscard]] const std::string& url() const { return m_settings.url; }

    /// One HTTP exchange's outcome; public so that the request helpers in
    /// client.cpp can fill it.
    struct Response {
        unsigned status = 0;
        std::string reason;
        std::string content_type;
        std::string body;
    };

private:
    GraphqlClient(ClientSettings settings, ClientTimeouts timeouts);

    [[nodiscard]] core::Result<boost::json::object> post_graphql(std::string body, const std::string& content_type);
    [[nodiscard]] core::Result<Response> send(const std::string& target, std::string body,
                                              const std::string& content_type,
                                              const std::optional<std::string>& download_path);
    [[nodiscard]] core::Error transport_error(const std::string& what, const std::string& detail) const;
    [[nodiscard]] core::Error answer_error(const Response& response) const;
    [[nodiscard]] std::string url_hint() const;

    ClientSettings m_settings;
    ClientTimeouts m_timeouts;
    std::string m_host;        ///< as resolved (IPv6 without brackets)
    std::string m_port;        ///< decimal
    std::string m_host_field;  ///< the Host header: host[:port] as written in the URL
    std::string m_base_path;   ///< without a trailing slash; "" for the root
};

}  // namespace rampart::cli
