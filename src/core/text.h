#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::core {

/// A 1-based line and column.
struct LineColumn {
    int line = 1;
    int column = 1;
};

/// The line and column (in bytes) of `offset` within `text`.
[[nodiscard]] LineColumn line_column_at(std::string_view text, size_t offset);

/// The byte offset of the first invalid UTF-8 sequence, or nothing when the
/// whole text is valid UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
[[nodiscard]] std::optional<size_t> find_invalid_utf8(std::string_view text);

/// The text without a leading UTF-8 byte-order mark.
[[nodiscard]] std::string_view strip_bom(std::string_view text);

[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] std::string to_lower(std::string_view text);
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, char separator);

/// Parses a whole string as a non-negative decimal integer.
[[nodiscard]] std::optional<int> parse_int(std::string_view text);

/// Collapses runs of white space to one space and trims the ends.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

/// Compares dotted version numbers numerically ("4.0.10" > "4.0.9");
/// negative, zero or positive like strcmp.
[[nodiscard]] int compare_versions(std::string_view a, std::string_view b);

/// Lower-case hexadecimal SHA-256 of the bytes (libsodium).
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// Appends `token` to a JSON pointer, escaping `~` and `/` (RFC 6901 §3).
[[nodiscard]] std::string json_pointer_append(std::string_view pointer, std::string_view token);
[[nodiscard]] std::string json_pointer_append(std::string_view pointer, size_t index);

}  // namespace rampart::core
