#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <unordered_set>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "graphql/service.h"
#include "http/rate_limiter.h"
#include "http/server.h"

namespace rampart::http::detail {

class Connection;

/// What all threads share; read-only while serving, except the rate
/// limiter, which locks.
struct Shared {
    Shared(ServerOptions server_options, const graphql::Service& graphql_service)
        : options(std::move(server_options)), service(graphql_service), limiter(options.rate_limit_per_minute) {}

    ServerOptions options;
    const graphql::Service& service;
    RateLimiter limiter;
    std::filesystem::path upload_dir;
    std::optional<std::filesystem::path> static_root;    ///< canonical
    std::optional<std::filesystem::path> explorer_root;  ///< canonical
    /// Set by Server::stop() at once, so answers being made on any thread
    /// already say `Connection: close`.
    std::atomic<bool> stopping{false};
};

/// One server thread: its io_context, its Gate and its open connections.
/// Everything here is touched only on the worker's own thread.
struct Worker {
    Worker() : guard(boost::asio::make_work_guard(context)) {}

    std::unique_ptr<Gate> gate;
    std::unordered_set<Connection*> connections;
    bool stopping = false;
    // Last, so that it goes first: destroying the context destroys pending
    // handlers, which hold connections, which unregister themselves above.
    boost::asio::io_context context{1};
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
};

}  // namespace rampart::http::detail
