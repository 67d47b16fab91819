#pragma once

// A small HTTP/1.1 client for tests that talk to a real server on
// loopback: one keep-alive connection, every operation bounded by a
// timeout so a misbehaving server fails the test instead of hanging it.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rampart::http::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// A response as the test sees it.
struct Response {
    int status = 0;
    boost::beast::http::fields headers;
    std::string body;
    bool keep_alive = false;

    [[nodiscard]] std::string header(std::string_view name) const { return std::string(headers[name]); }
    [[nodiscard]] bool has_header(std::string_view name) const { return headers.find(name) != headers.end(); }
};

class HttpClient {
public:
    explicit HttpClient(uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10))
        : m_port(port), m_timeout(timeout), m_stream(m_io) {
        connect();
    }

    void connect() {
        boost::beast::error_code ignored;
        m_stream.socket().close(ignored);
        m_buffer.clear();
        m_reconnect = false;
        m_stream.expires_after(m_timeout);
        boost::beast::error_code ec;
        m_stream.async_connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), m_port),
                               [&](boost::beast::error_code e) { ec = e; });
        run();
        if (ec) throw std::runtime_error("connect: " + ec.message());
    }

    /// Sends one request and reads its response (throws when the server
    /// closes the connection instead of answering).
    Response request(boost::beast::http::verb method, std::string_view target, const HeaderList& headers = {},
                     std::string body = {}, bool content_length = true) {
        // The server closes after answering a request whose body it did
        // not read; a new connection then carries the next request.
        if (m_reconnect) connect();
        boost::beast::http::request<boost::beast::http::string_body> request{method, target, 11};
        request.set(boost::beast::http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers) request.set(name, value);
        request.body() = std::move(body);
        if (content_length) request.prepare_payload();
        m_stream.expires_after(m_timeout);
        boost::beast::error_code ec;
        boost::beast::http::async_write(m_stream, request, [&](boost::beast::error_code e, size_t) { ec = e; });
        run();
        if (ec) throw std::runtime_error("write: " + ec.message());
        auto response = read_response(method == boost::beast::http::verb::head);
        if (!response) throw std::runtime_error("the server closed the connection without answering");
        return *response;
    }

    Response get(std::string_view target, const HeaderList& headers = {}) {
        return request(boost::beast::http::verb::get, target, headers);
    }

    Response post(std::string_view target, std::string body, HeaderList headers = {}) {
        return request(boost::beast::http::verb::post, target, headers, std::move(body));
    }

    /// Writes bytes as they are.
    void send_raw(std::string_view bytes) {
        m_stream.expires_after(m_timeout);
        boost::beast::error_code ec;
        boost::asio::async_write(m_stream, boost::asio::buffer(bytes.data(), bytes.size()),
                                 [&](boost::beast::error_code e, size_t) { ec = e; });
        run();
        if (ec) throw std::runtime_error("write: " + ec.message());
    }

    /// Reads one response; null when the connection ends first.
    std::optional<Response> read_response(bool head = false) {
        boost::beast::http::response_parser<boost::beast::http::string_body> parser;
        parser.body_limit(1U << 30U);
        parser.skip(head);
        m_stream.expires_after(m_timeout);
        boost::beast::error_code ec;
        boost::beast::http::async_read(m_stream, m_buffer, parser, [&](boost::beast::error_code e, size_t) { ec = e; });
        run();
        if (ec) return std::nullopt;
        auto message = parser.release();
        m_reconnect = !message.keep_alive() && message.result_int() >= 200;
        Response response;
        response.status = message.result_int();
        response.keep_alive = message.keep_alive();
        response.headers = message.base();
        response.body = std::move(message.body());
        return response;
    }

    /// Waits up to `wait` for the server to close the connection; true
    /// when it did (bytes that arrive meanwhile are dropped).
    bool closed_within(std::chrono::milliseconds wait) {
        const auto deadline = std::chrono::steady_clock::now() + wait;
        m_stream.expires_never();
        for (;;) {
            if (std::chrono::steady_clock::now() >= deadline) return false;
            boost::asio::steady_timer timer(m_io, deadline);
            bool timed_out = false;
            timer.async_wait([&](boost::beast::error_code e) {
                if (!e) {
                    timed_out = true;
                    m_stream.socket().cancel();
                }
            });
            boost::beast::error_code ec;
            char byte = 0;
            m_stream.async_read_some(boost::asio::buffer(&byte, 1), [&](boost::beast::error_code e, size_t) {
                ec = e;
                timer.cancel();
            });
            run();
            if (timed_out) return false;
            if (ec) return true;
        }
    }

private:
    void run() {
        m_io.restart();
        m_io.run();
    }

    uint16_t m_port;
    std::chrono::milliseconds m_timeout;
    boost::asio::io_context m_io;
    boost::beast::tcp_stream m_stream;
    boost::beast::flat_buffer m_buffer;
    bool m_reconnect = false;
};

}  // namespace rampart::http::test
