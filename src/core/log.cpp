#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace rampart::core {

Result<void> init_logging(std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off") {
        return Error::make(ErrorCode::InvalidArgument,
                           "unknown log level '" + std::string(level) +
                               "' (expected trace, debug, info, warn, error, critical or off)");
    }
    auto logger = spdlog::stderr_color_mt("rampart");
    logger->set_level(parsed);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_default_logger(logger);
    return {};
}

}  // namespace rampart::core
