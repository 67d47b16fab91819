#include "graphql/detail/suggestions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>

namespace rampart::graphql::detail {
namespace {

/// JavaScript compares and measures strings by UTF-16 code units; names are
/// ASCII, but the printed values of ValuesOfCorrectType may hold anything.
std::u16string to_utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        uint32_t code = byte;
        size_t extra = 0;
        if (byte >= 0xF0) {
            code = byte & 0x07U;
            extra = 3;
        } else if (byte >= 0xE0) {
            code = byte & 0x0FU;
            extra = 2;
        } else if (byte >= 0xC0) {
            code = byte & 0x1FU;
            extra = 1;
        }
        ++i;
        for (size_t k = 0; k < extra && i < text.size(); ++k, ++i) {
            code = (code << 6U) | (static_cast<unsigned char>(text[i]) & 0x3FU);
        }
        if (code >= 0x10000) {
            code -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (code >> 10U)));
            out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FFU)));
        } else {
            out.push_back(static_cast<char16_t>(code));
        }
    }
    return out;
}

std::u16string to_lower(std::u16string text) {
    for (auto& c : text) {
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    }
    return text;
}

/// graphql-js `LexicalDistance`: the optimal string alignment distance of
/// the lower-cased strings, except that strings differing only in case are
/// one edit apart; nullopt when above the threshold.
class LexicalDistance {
public:
    explicit LexicalDistance(std::string_view input) : m_input(to_utf16(input)), m_input_lower(to_lower(m_input)) {
        for (auto& row : m_rows) row.assign(m_input.size() + 1, 0);
    }

    [[nodiscard]] size_t input_length() const { return m_input.size(); }

    std::optional<size_t> measure(std::string_view option_text, size_t threshold) {
        std::u16string option = to_utf16(option_text);
        if (m_input == option) return 0;
        std::u16string option_lower = to_lower(option);
        // Any case change counts as a single edit.
        if (m_input_lower == option_lower) return 1;

        const std::u16string* a = &option_lower;
        const std::u16string* b = &m_input_lower;
        if (a->size() < b->size()) std::swap(a, b);
        const size_t a_length = a->size();
        const size_t b_length = b->size();
        if (a_length - b_length > threshold) return std::nullopt;

        // graphql-js sizes its rows by the input; the shorter string indexes them.
        for (auto& row : m_rows) {
            if (row.size() < b_length + 1) row.resize(b_length + 1);
        }
        for (size_t j = 0; j <= b_length; ++j) m_rows[0][j] = j;
        for (size_t i = 1; i <= a_length; ++i) {
            auto& up_row = m_rows[(i - 1) % 3];
            auto& current_row = m_rows[i % 3];
            size_t smallest_cell = current_row[0] = i;
            for (size_t j = 1; j <= b_length; ++j) {
                const size_t cost = (*a)[i - 1] == (*b)[j - 1] ? 0 : 1;
                size_t current_cell = std::min({up_row[j] + 1, current_row[j - 1] + 1, up_row[j - 1] + cost});
                if (i > 1 && j > 1 && (*a)[i - 1] == (*b)[j - 2] && (*a)[i - 2] == (*b)[j - 1]) {
                    // Transposition.
                    current_cell = std::min(current_cell, m_rows[(i - 2) % 3][j - 2] + 1);
                }
                smallest_cell = std::min(smallest_cell, current_cell);
                current_row[j] = current_cell;
            }
            // Early exit: the distance cannot shrink below the row's smallest cell.
            if (smallest_cell > threshold) return std::nullopt;
        }
        const size_t distance = m_rows[a_length % 3][b_length];
        if (distance <= threshold) return distance;
        return std::nullopt;
    }

private:
    std::u16string m_input;
    std::u16string m_input_lower;
    std::array<std::vector<size_t>, 3> m_rows;
};

bool is_digit(int code) { return code >= '0' && code <= '9'; }

int natural_compare_utf16(const std::u16string& a, const std::u16string& b) {
    size_t a_index = 0;
    size_t b_index = 0;
    // charCodeAt past the end is NaN in JavaScript: never a digit.
    auto at = [](const std::u16string& text, size_t index) { return index < text.size() ? int(text[index]) : -1; };
    while (a_index < a.size() && b_index < b.size()) {
        int a_char = at(a, a_index);
        int b_char = at(b, b_index);
        if (is_digit(a_char) && is_digit(b_char)) {
            double a_num = 0;
            do {
                ++a_index;
                a_num = a_num * 10 + (a_char - '0');
                a_char = at(a, a_index);
            } while (is_digit(a_char) && a_num > 0);
            double b_num = 0;
            do {
                ++b_index;
                b_num = b_num * 10 + (b_char - '0');
                b_char = at(b, b_index);
            } while (is_digit(b_char) && b_num > 0);
            if (a_num < b_num) return -1;
            if (a_num > b_num) return 1;
        } else {
            if (a_char < b_char) return -1;
            if (a_char > b_char) return 1;
            ++a_index;
            ++b_index;
        }
    }
    const auto diff = static_cast<int64_t>(a.size()) - static_cast<int64_t>(b.size());
    return diff < 0 ? -1 : (diff > 0 ? 1 : 0);
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) { return natural_compare_utf16(to_utf16(a), to_utf16(b)); }

std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string>& options) {
    LexicalDistance lexical_distance(input);
    const auto threshold = static_cast<size_t>(std::floor(double(lexical_distance.input_length()) * 0.4)) + 1;
    // graphql-js keys an object by option: a repeated option counts once.
    std::map<std::string, size_t> by_distance;
    for (const auto& option : options) {
        if (auto distance = lexical_distance.measure(option, threshold)) by_distance[option] = *distance;
    }
    std::vector<std::pair<std::string, size_t>> ranked(by_distance.begin(), by_distance.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& left, const auto& right) {
        if (left.second != right.second) return left.second < right.second;
        return natural_compare(left.first, right.first) < 0;
    });
    std::vector<std::string> result;
    result.reserve(ranked.size());
    for (auto& entry : ranked) result.push_back(std::move(entry.first));
    return result;
}

std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view sub_message) {
    constexpr size_t MAX_SUGGESTIONS = 5;
    if (suggestions.empty()) return {};
    std::string message = " Did you mean ";
    if (!sub_message.empty()) {
        message += sub_message;
        message += ' ';
    }
    auto quoted = [](const std::string& text) { return '"' + text + '"'; };
    if (suggestions.size() == 1) return message + quoted(suggestions[0]) + '?';
    if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + '?';
    const size_t count = std::min(suggestions.size(), MAX_SUGGESTIONS);
    for (size_t i = 0; i + 1 < count; ++i) message += quoted(suggestions[i]) + ", ";
    return message + "or " + quoted(suggestions[count - 1]) + '?';
}

}  // namespace rampart::graphql::detail
