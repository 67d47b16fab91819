#pragma once

// Field rules shared by the ASVS CSV and JSON readers.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::catalog::detail {

/// True for a non-empty run of ASCII digits.
[[nodiscard]] bool all_digits(std::string_view text);

/// ASVS numbers a requirement <chapter>.<section>.<requirement> behind a "V"
/// (ASVS 4.0.3, "How to Reference ASVS Requirements"): V5.3.4.
[[nodiscard]] bool is_requirement_id(std::string_view id);

/// ASVS 5.0 levels are cumulative: `L` names the lowest level that requires
/// the item, so an L2 item is required at L2 and L3. Nothing for a mark
/// other than 1, 2 or 3.
[[nodiscard]] std::optional<std::array<bool, 3>> levels_from_lowest(std::string_view mark);

/// The message for an `L` mark that is not 1, 2 or 3.
[[nodiscard]] std::string level_message(std::string_view mark);

/// OWASP keeps withdrawn 4.0.3 requirements as "[DELETED, MOVED TO …]" rows
/// so the numbering stays stable; they are no requirement.
[[nodiscard]] bool is_deleted_placeholder(std::string_view description);

/// The CWE references of one cell or value. The official files hold one
/// bare number ("89"); "CWE-89" and several references separated by commas
/// or spaces are accepted too. References that are no CWE number land in
/// `unknown`.
void parse_cwes(std::string_view cell, std::vector<int>& cwes, std::vector<std::string_view>& unknown);

}  // namespace rampart::catalog::detail
