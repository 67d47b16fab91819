#include "modelfile/detail/suggest.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"

namespace rampart::modelfile::detail {
namespace {

// Optimal string alignment distance (Damerau–Levenshtein without repeated
// edits of one substring): a swap of two neighbours, the commonest typo,
// counts as one edit.
size_t edit_distance(std::string_view a, std::string_view b) {
    const size_t rows = a.size() + 1;
    const size_t columns = b.size() + 1;
    std::vector<size_t> d(rows * columns);
    const auto at = [&](size_t i, size_t j) -> size_t& { return d[i * columns + j]; };
    for (size_t i = 0; i < rows; ++i) at(i, 0) = i;
    for (size_t j = 0; j < columns; ++j) at(0, j) = j;
    for (size_t i = 1; i < rows; ++i) {
        for (size_t j = 1; j < columns; ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(rows - 1, columns - 1);
}

}  // namespace

std::optional<std::string_view> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
    const auto lowered = core::to_lower(word);
    std::optional<std::string_view> best;
    size_t best_distance = 0;
    for (const auto candidate : candidates) {
        const auto distance = edit_distance(lowered, core::to_lower(candidate));
        // One edit in three characters, at most three: "atack_patterns" is a
        // typo of "attack_patterns", "key" is not one of "kind".
        const size_t allowed = std::clamp<size_t>(candidate.size() / 3, 1, 3);
        if (distance > allowed) continue;
        if (!best || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace rampart::modelfile::detail
