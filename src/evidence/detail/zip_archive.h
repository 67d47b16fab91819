#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace rampart::evidence::detail {

/// The entry names of a zip archive held in memory (libzip, with its
/// consistency checks on), or InvalidArgument naming why libzip cannot read
/// it. Nothing is decompressed.
[[nodiscard]] core::Result<std::vector<std::string>> zip_entry_names(std::string_view archive);

}  // namespace rampart::evidence::detail
