#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace rampart::modelfile::detail {

/// The candidate a mistyped word most likely meant: the closest by edit
/// distance (insertions, deletions, substitutions and swaps of neighbours,
/// ignoring ASCII case), when it is close enough to be a typo rather than
/// another word. Nothing when no candidate is that close.
[[nodiscard]] std::optional<std::string_view> closest_match(std::string_view word,
                                                            std::span<const std::string_view> candidates);

}  // namespace rampart::modelfile::detail
