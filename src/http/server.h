#pragma once

#include <any>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>

#include "graphql/service.h"

namespace rampart::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;  ///< 0 = any free port (read it back with Server::port())
    size_t threads = std::thread::hardware_concurrency();
    size_t max_body_bytes = 1 << 20;     ///< JSON bodies (and multipart `operations`/`map`); 413 above
    size_t max_upload_bytes = 64 << 20;  ///< whole multipart bodies; 413 above
    /// From a connection's first byte (or its opening) to the end of a
    /// request's headers; a client that dawdles is disconnected.
    std::chrono::seconds header_timeout{10};
    /// Reading a JSON body, whole; for uploads and downloads, the longest
    /// pause between two pieces.
    std::chrono::seconds body_timeout{60};
    /// How long a keep-alive connection may wait for its next request.
    std::chrono::seconds idle_timeout{60};
    size_t rate_limit_per_minute = 1200;  ///< per Identity::rate_key; 0 = off
    std::string static_dir;    ///< the web page, served at / (index.html for unknown routes without an extension)
    std::string explorer_dir;  ///< the API explorer, served at /altair/ and /graphiql/ when set
    std::string upload_dir;    ///< where uploads stream to; empty: a private new folder under the temp folder
};

/// What an API key speaks for.
struct Identity {
    /// The key of the rate-limit bucket (e.g. the API key's id).
    std::string rate_key;
    /// Handed to the GraphQL engine as the request's context
    /// (graphql::Request::context; resolvers read it with
    /// ResolveContext::context<T>(), so it holds a T*).
    std::any graphql_context;
};

/// A file the application hands out (e.g. a zip of attachments).
struct FileDownload {
    std::string path;
    std::string content_type;
    std::string download_name;  ///< the name the browser saves it as
    bool remove_after = false;  ///< remove `path` once sent (a file made for this one download)
};

/// The application's side of the server. Each server thread has its own
/// instance, made by the factory on that thread and used only there, so an
/// implementation needs no locks of its own.
class Gate {
public:
    virtual ~Gate() = default;
    /// Resolves an `x-api-key` value (empty when the header is missing):
    /// the identity, or a message for the 401 answer when the key is
    /// missing, unknown or revoked.
    virtual std::variant<Identity, std::string> authenticate(std::string_view api_key) = 0;
    /// GET /files/<rest> for an authenticated identity: the file to send,
    /// or an HTTP status and message (404 when not found or not the
    /// caller's to see).
    virtual std::variant<FileDownload, std::pair<int, std::string>> download(const Identity& who,
                                                                             std::string_view rest) = 0;
};

using GateFactory = std::function<std::unique_ptr<Gate>()>;

/// The HTTP server: GraphQL over HTTP at /graphql (POST JSON, GET queries,
/// multipart uploads), downloads at /files/, health at /healthz, and the
/// web page and API explorer as static files. One io_context per thread:
/// a connection stays on the thread that accepted it and uses that
/// thread's Gate.
class Server {
public:
    /// Binds the listening socket (so port() is known before run()) and
    /// prepares the folders; a message when that fails (port in use, a
    /// missing static folder …).
    [[nodiscard]] static std::variant<std::unique_ptr<Server>, std::string> create(ServerOptions options,
                                                                                   const graphql::Service& service,
                                                                                   GateFactory gates);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    Server(Server&&) = delete;
    Server& operator=(Server&&) = delete;

    /// The port listened on.
    [[nodiscard]] uint16_t port() const;
    /// Makes SIGINT and SIGTERM call stop(); call before run().
    void stop_on_signals();
    /// Serves until stop(): makes each thread's Gate, then runs the threads
    /// (the calling thread is one of them). Returns once every connection
    /// is closed.
    void run();
    /// Graceful stop, from any thread: stops accepting, closes idle
    /// connections, lets requests in flight finish (answered with
    /// `Connection: close`), then run() returns.
    void stop();

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace rampart::http
