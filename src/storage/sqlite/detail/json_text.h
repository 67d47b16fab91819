#pragma once

#include <string>
#include <vector>

namespace rampart::storage::sqlite::detail {

/// A list of strings as the JSON array text kept in a TEXT column (tags,
/// prerequisites, mitigations).
[[nodiscard]] std::string to_json_array(const std::vector<std::string>& values);

/// The strings of a JSON array column; anything else reads as empty.
[[nodiscard]] std::vector<std::string> from_json_array(const std::string& text);

}  // namespace rampart::storage::sqlite::detail
