#pragma once

#include <filesystem>
#include <string_view>

#include "core/error.h"

namespace rampart::evidence::detail {

/// Writes `content` to `path` so that a crash never leaves a half-written
/// file there: the bytes go to a temporary file in the same folder, are
/// flushed to disk, and the temporary file is renamed over `path` (rename(2)
/// is atomic within a file system). The folder must exist. Io on failure.
[[nodiscard]] core::Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// The whole content of a file: NotFound when it does not exist, Io when it
/// cannot be read.
[[nodiscard]] core::Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace rampart::evidence::detail
