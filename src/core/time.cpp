#include "core/time.h"

#include <fmt/chrono.h>

#include <chrono>

namespace rampart::core {

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), millis);
}

}  // namespace rampart::core
