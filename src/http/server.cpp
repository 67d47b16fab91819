#include "http/server.h"

#include <spdlog/spdlog.h>
#include <stdlib.h>  // mkdtemp

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <csignal>
#include <latch>
#include <optional>
#include <system_error>
#include <vector>

#include "http/detail/connection.h"
#include "http/detail/worker.h"

namespace rampart::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// After a failed accept (out of descriptors, say), wait this long before
/// the next, rather than spin.
constexpr std::chrono::milliseconds ACCEPT_PAUSE{100};

std::variant<std::filesystem::path, std::string> prepare_upload_dir(const std::string& configured, bool& created) {
    std::error_code ec;
    if (configured.empty()) {
        auto pattern = (std::filesystem::temp_directory_path(ec) / "rampart-uploads-XXXXXX").string();
        if (ec) return "no temporary folder for uploads: " + ec.message();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return "cannot make a folder for uploads in " + pattern + ": " +
                   std::error_code(errno, std::generic_category()).message();
        }
        created = true;
        return std::filesystem::path(pattern);
    }
    std::filesystem::path dir(configured);
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        return "the upload folder " + configured + " cannot be used: " + (ec ? ec.message() : "not a folder");
    }
    return dir;
}

std::variant<std::filesystem::path, std::string> canonical_folder(const std::string& configured,
                                                                  std::string_view what) {
    std::error_code ec;
    auto path = std::filesystem::canonical(configured, ec);
    if (ec || !std::filesystem::is_directory(path)) {
        return std::string(what) + " folder " + configured + " does not exist";
    }
    return path;
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions options, const graphql::Service& service, GateFactory gate_factory)
        : shared(std::move(options), service), factory(std::move(gate_factory)) {}

    ~Impl() {
        signals.reset();
        pending.reset();
        accept_pause.reset();
        acceptor.reset();
        workers.clear();
        if (owns_upload_dir) {
            std::error_code ignored;
            std::filesystem::remove_all(shared.upload_dir, ignored);
        }
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void accept() {
        auto& target = *workers[next_worker++ % workers.size()];
        // The socket belongs to the target thread's context from the start.
        auto& socket = pending.emplace(target.context);
        acceptor->async_accept(socket, [this, &target](boost::system::error_code ec) {
            if (stopping || !acceptor->is_open()) return;
            if (ec) {
                spdlog::warn("accepting a connection failed: {}", ec.message());
                accept_pause->expires_after(ACCEPT_PAUSE);
                accept_pause->async_wait([this](boost::system::error_code wait_error) {
                    if (!wait_error && !stopping) accept();
                });
                return;
            }
            // The connection is made on its own thread, where it stays.
            asio::post(target.context, [this, &target, peer = std::move(*pending)]() mutable {
                open_connection(target, std::move(peer));
            });
            accept();
        });
    }

    void open_connection(detail::Worker& worker, tcp::socket socket) {
        if (worker.stopping) {
            boost::system::error_code ignored;
            socket.close(ignored);
            return;
        }
        try {
            std::make_shared<detail::Connection>(std::move(socket), worker, shared)->start();
        } catch (const std::exception& e) {
            spdlog::error("cannot serve a connection: {}", e.what());
        }
    }

    void serve(size_t index, std::latch& ready, std::atomic<bool>& gates_failed) {
        auto& worker = *workers[index];
        try {
            worker.gate = factory();
            if (!worker.gate) throw std::runtime_error("the gate factory made nothing");
        } catch (const std::exception& e) {
            spdlog::critical("server thread {} cannot start: {}", index, e.what());
            gates_failed = true;
        }
        ready.arrive_and_wait();
        if (gates_failed) return;
        if (index == 0 && !stopping) accept();
        for (;;) {
            try {
                worker.context.run();
                break;
            } catch (const std::exception& e) {
                // Connections guard their handlers; this is a last resort
                // that keeps the thread serving.
                spdlog::error("server thread {}: {}", index, e.what());
            }
        }
        worker.gate.reset();
    }

    detail::Shared shared;
    GateFactory factory;
    std::vector<std::unique_ptr<detail::Worker>> workers;
    // On workers[0]'s context, so declared after `workers` and reset
    // before them.
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::steady_timer> accept_pause;
    std::optional<asio::signal_set> signals;
    std::optional<tcp::socket> pending;  ///< the socket being accepted into
    size_t next_worker = 0;
    uint16_t port = 0;
    bool owns_upload_dir = false;
    std::atomic<bool> stopping{false};
    std::atomic<bool> running{false};
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Server::~Server() = default;

std::variant<std::unique_ptr<Server>, std::string> Server::create(ServerOptions options,
                                                                  const graphql::Service& service, GateFactory gates) {
    if (!gates) return std::string("the server needs a gate factory");
    if (options.threads == 0) options.threads = 1;
    auto impl = std::make_unique<Impl>(std::move(options), service, std::move(gates));
    auto& shared = impl->shared;

    auto upload_dir = prepare_upload_dir(shared.options.upload_dir, impl->owns_upload_dir);
    if (auto* error = std::get_if<std::string>(&upload_dir)) return *error;
    shared.upload_dir = std::get<std::filesystem::path>(upload_dir);
    if (!shared.options.static_dir.empty()) {
        auto root = canonical_folder(shared.options.static_dir, "the web page");
        if (auto* error = std::get_if<std::string>(&root)) return *error;
        shared.static_root = std::get<std::filesystem::path>(root);
    }
    if (!shared.options.explorer_dir.empty()) {
        auto root = canonical_folder(shared.options.explorer_dir, "the API explorer");
        if (auto* error = std::get_if<std::string>(&root)) return *error;
        shared.explorer_root = std::get<std::filesystem::path>(root);
    }

    for (size_t i = 0; i < shared.options.threads; ++i) impl->workers.push_back(std::make_unique<detail::Worker>());
    auto& context = impl->workers.front()->context;
    const auto where = shared.options.host + ":" + std::to_string(shared.options.port);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(shared.options.host, ec);
    tcp::endpoint endpoint;
    if (ec) {
        tcp::resolver resolver(context);
        auto results = resolver.resolve(shared.options.host, std::to_string(shared.options.port), ec);
        if (ec || results.empty()) return "cannot resolve " + shared.options.host + ": " + ec.message();
        endpoint = results.begin()->endpoint();
    } else {
        endpoint = tcp::endpoint(address, shared.options.port);
    }
    auto& acceptor = impl->acceptor.emplace(context);
    if (acceptor.open(endpoint.protocol(), ec); ec) return "cannot listen on " + where + ": " + ec.message();
    if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec); ec) {
        return "cannot listen on " + where + ": " + ec.message();
    }
    if (acceptor.bind(endpoint, ec); ec) return "cannot listen on " + where + ": " + ec.message();
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
        return "cannot listen on " + where + ": " + ec.message();
    }
    impl->port = acceptor.local_endpoint().port();
    impl->accept_pause.emplace(context);
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return m_impl->port; }

void Server::stop_on_signals() {
    auto& impl = *m_impl;
    auto& signals = impl.signals.emplace(impl.workers.front()->context, SIGINT, SIGTERM);
    signals.async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        spdlog::info("signal {}: stopping", signal);
        stop();
    });
}

void Server::run() {
    auto& impl = *m_impl;
    if (impl.running.exchange(true)) return;
    const size_t count = impl.workers.size();
    std::latch ready(static_cast<std::ptrdiff_t>(count));
    std::atomic<bool> gates_failed{false};
    std::vector<std::thread> threads;
    threads.reserve(count - 1);
    for (size_t i = 1; i < count; ++i) {
        threads.emplace_back([&impl, i, &ready, &gates_failed] { impl.serve(i, ready, gates_failed); });
    }
    spdlog::info("serving on {}:{} with {} threads", impl.shared.options.host, impl.port, count);
    impl.serve(0, ready, gates_failed);
    for (auto& thread : threads) thread.join();
    spdlog::info("server stopped");
}

void Server::stop() {
    auto& impl = *m_impl;
    if (impl.stopping.exchange(true)) return;
    impl.shared.stopping = true;
    asio::post(impl.workers.front()->context, [&impl] {
        boost::system::error_code ignored;
        impl.acceptor->close(ignored);
        impl.accept_pause->cancel();
        if (impl.signals) impl.signals->cancel(ignored);
    });
    for (auto& worker_ptr : impl.workers) {
        auto& worker = *worker_ptr;
        asio::post(worker.context, [&worker] {
            worker.stopping = true;
            // on_stop may close a connection but never destroys it here,
            // so the set stays valid while it is walked.
            for (auto* connection : worker.connections) connection->on_stop();
            worker.guard.reset();
        });
    }
}

}  // namespace rampart::http
