// The server under pressure: slow clients, idle connections, a thousand
// connections at once, and a graceful stop with a request in flight.
#include <sys/resource.h>

#include <boost/asio/connect.hpp>

#include <future>

#include "http/server_fixture.h"

namespace rampart::http::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

using ServerLimitsTest = ServerFixture;

ServerOptions with_timeouts(ServerOptions options) {
    options.header_timeout = 1s;
    options.body_timeout = 1s;
    options.idle_timeout = 1s;
    return options;
}

TEST_F(ServerLimitsTest, SlowHeadersAreCutOff) {
    start(with_timeouts(options()));
    auto http = client();
    const auto began = std::chrono::steady_clock::now();
    http.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    EXPECT_TRUE(http.closed_within(5s));
    const auto took = std::chrono::steady_clock::now() - began;
    EXPECT_GE(took, 900ms);
    EXPECT_LT(took, 4s);
    // The server still serves.
    EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(ServerLimitsTest, SilentConnectionsAreCutOff) {
    start(with_timeouts(options()));
    auto http = client();
    EXPECT_TRUE(http.closed_within(5s));
}

TEST_F(ServerLimitsTest, SlowBodiesAreCutOff) {
    start(with_timeouts(options()));
    auto http = client();
    http.send_raw(
        "POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: good-key\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n{\"query\":");
    EXPECT_TRUE(http.closed_within(5s));
}

TEST_F(ServerLimitsTest, IdleKeepAliveConnectionsAreClosed) {
    start(with_timeouts(options()));
    auto http = client();
    EXPECT_EQ(http.get("/healthz").status, 200);
    const auto began = std::chrono::steady_clock::now();
    EXPECT_TRUE(http.closed_within(5s));
    EXPECT_GE(std::chrono::steady_clock::now() - began, 900ms);
}

// Raises the limit of open files for a test that needs many sockets; false
// when the hard limit is too low.
bool raise_open_files(rlim_t wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
    if (limit.rlim_cur >= wanted) return true;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < wanted) return false;
    limit.rlim_cur = wanted;
    return ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

TEST_F(ServerLimitsTest, AThousandConnectionsAtOnce) {
    constexpr size_t CONNECTIONS = 1000;
    if (!raise_open_files(4 * CONNECTIONS)) GTEST_SKIP() << "the open-file limit is too low";
    start();

    struct Exchange {
        explicit Exchange(asio::io_context& io) : stream(io) {}
        beast::tcp_stream stream;
        bhttp::request<bhttp::string_body> request;
        beast::flat_buffer buffer;
        bhttp::response<bhttp::string_body> response;
        unsigned status = 0;
    };
    asio::io_context io;
    std::vector<std::unique_ptr<Exchange>> exchanges;
    const asio::ip::tcp::endpoint server(asio::ip::make_address("127.0.0.1"), m_server->port());
    // Every connection is opened before any request is sent, so the server
    // holds all of them at once.
    size_t connected = 0;
    for (size_t i = 0; i < CONNECTIONS; ++i) {
        auto exchange = std::make_unique<Exchange>(io);
        exchange->stream.expires_after(30s);
        exchange->stream.async_connect(server, [&connected](beast::error_code ec) {
            if (!ec) ++connected;
        });
        exchanges.push_back(std::move(exchange));
    }
    io.run();
    ASSERT_EQ(connected, CONNECTIONS);
    io.restart();
    for (auto& exchange_ptr : exchanges) {
        auto* exchange = exchange_ptr.get();
        exchange->request = {bhttp::verb::post, "/graphql", 11};
        exchange->request.set(bhttp::field::host, "127.0.0.1");
        exchange->request.set("x-api-key", "good-key");
        exchange->request.set(bhttp::field::content_type, "application/json");
        exchange->request.body() = R"({"query":"{ __typename }"})";
        exchange->request.prepare_payload();
        exchange->stream.expires_after(30s);
        bhttp::async_write(exchange->stream, exchange->request, [exchange](beast::error_code ec, size_t) {
            if (ec) return;
            bhttp::async_read(exchange->stream, exchange->buffer, exchange->response,
                              [exchange](beast::error_code read_error, size_t) {
                                  if (!read_error) exchange->status = exchange->response.result_int();
                              });
        });
    }
    io.run();
    size_t ok = 0;
    for (const auto& exchange : exchanges) {
        if (exchange->status == 200U && exchange->response.body() == R"({"data":{"__typename":"Query"}})") ++ok;
    }
    EXPECT_EQ(ok, CONNECTIONS);
    exchanges.clear();
    EXPECT_EQ(client().post("/graphql", R"({"query":"{ hello }"})", json_headers()).status, 200);
}

TEST_F(ServerLimitsTest, GracefulStopFinishesRequestsInFlight) {
    start();
    auto idle = client();
    EXPECT_EQ(idle.get("/healthz").status, 200);

    auto in_flight = std::async(std::launch::async, [this] {
        auto http = client();
        return http.post("/graphql", R"({"query":"{ slow(ms: 800) }"})", json_headers());
    });
    std::this_thread::sleep_for(200ms);
    const auto began = std::chrono::steady_clock::now();
    m_server->stop();
    // The idle connection is closed at once.
    EXPECT_TRUE(idle.closed_within(2s));
    auto response = in_flight.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"data":{"slow":"done"}})");
    EXPECT_FALSE(response.keep_alive) << "a stopping server keeps no connection";
    m_thread.join();
    EXPECT_LT(std::chrono::steady_clock::now() - began, 5s);
    // Nobody listens any more.
    EXPECT_THROW(HttpClient(m_server->port(), 2s), std::runtime_error);
    m_server.reset();
}

TEST_F(ServerLimitsTest, StopBeforeRunReturnsAtOnce) {
    auto created = Server::create(options(), *s_service, [] { return std::make_unique<TestGate>("/nonexistent"); });
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Server>>(created));
    auto& server = std::get<std::unique_ptr<Server>>(created);
    server->stop();
    auto done = std::async(std::launch::async, [&] { server->run(); });
    EXPECT_EQ(done.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerLimitsTest, AFailingGateFactoryStopsTheServer) {
    auto created = Server::create(options(), *s_service,
                                  []() -> std::unique_ptr<Gate> { throw std::runtime_error("no database"); });
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Server>>(created));
    auto& server = std::get<std::unique_ptr<Server>>(created);
    auto done = std::async(std::launch::async, [&] { server->run(); });
    EXPECT_EQ(done.wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace rampart::http::test
