#pragma once

#include <string>
#include <vector>

namespace rampart::storage::postgres::detail {

/// A list of strings as JSON array text, for a JSONB column (tags,
/// prerequisites, mitigations).
[[nodiscard]] std::string to_json_array(const std::vector<std::string>& values);

/// The strings of a JSON array; anything else reads as empty.
[[nodiscard]] std::vector<std::string> from_json_array(const std::string& text);

}  // namespace rampart::storage::postgres::detail
