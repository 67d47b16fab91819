#pragma once

#include <cstddef>
#include <string>

#include "core/config.h"

namespace rampart::cli {

/// The settings of `rampart serve` (flag > RAMPART_* environment > default).
struct ServeOptions {
    std::string listen = "127.0.0.1:8080";  ///< --listen / RAMPART_LISTEN
    size_t threads = 0;                     ///< --threads; 0 = one per core
    size_t rate_limit_per_minute = 1200;    ///< --rate-limit / RAMPART_RATE_LIMIT; 0 = off
    std::string static_dir;                 ///< --static-dir / RAMPART_STATIC_DIR: the web page
    std::string explorer_dir;               ///< --explorer-dir / RAMPART_EXPLORER_DIR: Altair
    std::string blob_dir;                   ///< --blob-dir / RAMPART_BLOB_DIR: evidence files
    bool introspection = true;              ///< --no-introspection / RAMPART_INTROSPECTION=off
    size_t max_depth = 15;                  ///< --max-depth
    size_t max_complexity = 5000;           ///< --max-complexity
    size_t max_body_bytes = size_t{1} << 20;
    size_t max_upload_bytes = size_t{64} << 20;
};

/// Runs the HTTP server until SIGTERM or SIGINT; answers the exit code.
/// On an empty database it first creates a company, an admin user and an
/// API key, and prints the key once.
[[nodiscard]] int serve(const core::Config& config, const ServeOptions& options);

/// Prints the GraphQL schema (SDL) to standard output.
[[nodiscard]] int print_schema();

}  // namespace rampart::cli
