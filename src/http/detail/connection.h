#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include "graphql/service.h"
#include "http/detail/response.h"
#include "http/detail/worker.h"
#include "http/media_type.h"
#include "http/multipart.h"
#include "http/server.h"
#include "http/upload_request.h"

namespace rampart::http::detail {

/// One client connection, from accept to close, on one worker thread:
/// reads a request's headers, routes, authenticates, reads the body the
/// route wants (bounded, with timeouts), answers, and keeps the
/// connection alive for the next request. Nothing that goes wrong in a
/// request escapes it.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(boost::asio::ip::tcp::socket socket, Worker& worker, Shared& shared);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&&) = delete;
    Connection& operator=(Connection&&) = delete;

    void start();
    /// The server is stopping: an idle connection closes now, a busy one
    /// after its answer.
    void on_stop();

private:
    enum class State : uint8_t { Idle, Header, Body, Writing, Closing };
    using StringResponse = boost::beast::http::response<boost::beast::http::string_body>;
    using FileResponse = boost::beast::http::response<boost::beast::http::file_body>;
    using Headers = std::initializer_list<std::pair<std::string_view, std::string_view>>;

    template <typename Function>
    void guarded(Function&& function);
    void fail_internal(std::string_view what);

    void wait_for_request(bool first);
    void read_header();
    void on_header(boost::beast::error_code ec);
    void route();

    void handle_health();
    void handle_graphql();
    void handle_download(std::string_view rest);
    void handle_static(const std::filesystem::path& root, std::string_view relative, Surface surface, bool spa);

    /// Authenticates by `x-api-key` and takes a rate-limit token; answers
    /// 401 or 429 itself and returns false when the request may not go on.
    bool authenticate();
    void read_json_body();
    void on_json_body(boost::beast::error_code ec);
    void read_upload(const std::string& boundary);
    void read_upload_some();
    void on_upload_some(boost::beast::error_code ec);
    void upload_failed(const std::string& message);
    /// Answers `100 Continue` when the client waits for it (RFC 9110
    /// §10.1.1), then calls `next`.
    template <typename Next>
    void continue_then(Next&& next);
    void execute(graphql::Request request);

    StringResponse& fresh_response(boost::beast::http::status status, Surface surface);
    /// Writes m_response; for HEAD, `head_length` is the Content-Length
    /// (the body's size when not given).
    void send_response(std::optional<uint64_t> head_length = std::nullopt);
    void send_error(int status, std::string_view message, Headers headers = {});
    void send_request_problem(std::string_view message);
    void send_file(FileResponse response, std::string remove_after);
    void write_file_some();
    void on_written(boost::beast::error_code ec);
    void log_request();
    void close(bool linger);
    void drain();

    [[nodiscard]] bool keep_alive() const;

    boost::beast::tcp_stream m_stream;
    Worker& m_worker;
    Shared& m_shared;
    boost::beast::flat_buffer m_buffer;
    State m_state = State::Idle;

    std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>> m_header;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_body;
    std::optional<boost::beast::http::request_parser<boost::beast::http::buffer_body>> m_upload_body;
    std::unique_ptr<UploadCollector> m_collector;
    std::unique_ptr<MultipartParser> m_multipart;
    std::vector<char> m_chunk;

    // The request being served.
    std::string m_method;
    std::string m_path;
    bool m_head = false;
    bool m_client_keep_alive = true;
    bool m_body_pending = false;  ///< body bytes left unread on the socket
    bool m_close_after = false;
    ResponseType m_response_type = ResponseType::Json;
    std::optional<Identity> m_identity;
    std::chrono::steady_clock::time_point m_started;

    StringResponse m_response;
    std::optional<FileResponse> m_file_response;
    std::optional<boost::beast::http::response_serializer<boost::beast::http::file_body>> m_file_serializer;
    std::string m_remove_after;
    unsigned m_status = 0;
};

}  // namespace rampart::http::detail
