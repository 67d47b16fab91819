#pragma once

#include <string>

namespace rampart::core {

/// The current UTC time as ISO 8601 with milliseconds: 2026-11-23T09:32:00.123Z.
[[nodiscard]] std::string utc_now_iso8601();

}  // namespace rampart::core
