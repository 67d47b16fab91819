#include "catalog/detail/asvs_fields.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace rampart::catalog::detail {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ASVS numbers a requirement <chapter>.<section>.<requirement> behind a "V"
// (ASVS 4.0.3, "How to Reference ASVS Requirements"): V5.3.4.
bool is_requirement_id(std::string_view id) {
    if (id.size() < 2 || id.front() != 'V') return false;
    const auto parts = core::split(id.substr(1), '.');
    return parts.size() >= 2 && std::all_of(parts.begin(), parts.end(), all_digits);
}

// ASVS 5.0 levels are cumulative: `L` names the lowest level that requires
// the item, so an L2 item is required at L2 and L3.
std::optional<std::array<bool, 3>> levels_from_lowest(std::string_view mark) {
    const auto lowest = all_digits(mark) ? core::parse_int(mark) : std::nullopt;
    if (!lowest || *lowest < 1 || *lowest > 3) return std::nullopt;
    return std::array<bool, 3>{*lowest <= 1, *lowest <= 2, true};
}

std::string level_message(std::string_view mark) {
    return fmt::format("level '{}' is not 1, 2 or 3; L names the lowest ASVS level that requires the requirement",
                       mark);
}

// OWASP keeps withdrawn 4.0.3 requirements as "[DELETED, MOVED TO …]" rows
// so the numbering stays stable; they are no requirement.
bool is_deleted_placeholder(std::string_view description) { return description.rfind("[DELETED", 0) == 0; }

// The official files hold one bare number per cell or value ("89"); "CWE-89" and
// several references separated by commas or spaces are accepted too.
// References that are no CWE number land in `unknown`.
void parse_cwes(std::string_view cell, std::vector<int>& cwes, std::vector<std::string_view>& unknown) {
    size_t at = 0;
    while (at < cell.size()) {
        const auto start = cell.find_first_not_of(", ;\t\r\n", at);
        if (start == std::string_view::npos) break;
        auto end = cell.find_first_of(", ;\t\r\n", start);
        if (end == std::string_view::npos) end = cell.size();
        const auto token = cell.substr(start, end - start);
        at = end;
        auto number = token;
        if (number.size() > 4 && core::to_lower(number.substr(0, 4)) == "cwe-") number.remove_prefix(4);
        const auto cwe = all_digits(number) ? core::parse_int(number) : std::nullopt;
        if (!cwe || *cwe == 0) {
            unknown.push_back(token);
        } else if (std::find(cwes.begin(), cwes.end(), *cwe) == cwes.end()) {
            cwes.push_back(*cwe);
        }
    }
}

}  // namespace rampart::catalog::detail
