#pragma once

#include <string_view>

#include "core/error.h"

namespace rampart::core {

/// Sends log records to standard error at `level` (trace, debug, info, warn,
/// error, critical, off). Standard output stays for the command's own data.
[[nodiscard]] Result<void> init_logging(std::string_view level);

}  // namespace rampart::core
