#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::http {

/// Decodes the percent-escapes of a URL path (RFC 3986 §2.1); null on a
/// malformed escape or a decoded NUL.
[[nodiscard]] std::optional<std::string> percent_decode_path(std::string_view path);

/// The regular file that `relative_path` (percent-decoded, `/`-separated)
/// names inside `canonical_root`, `index.html` for a folder; null when it
/// names nothing, a hidden file (a segment starting with a dot), or
/// anything outside the root: `..` segments are refused outright and the
/// answer is checked after symbolic links are resolved.
[[nodiscard]] std::optional<std::filesystem::path> resolve_static_file(const std::filesystem::path& canonical_root,
                                                                       std::string_view relative_path);

/// The Content-Type for a file, from its extension (UTF-8 for text);
/// application/octet-stream when unknown.
[[nodiscard]] std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace rampart::http
