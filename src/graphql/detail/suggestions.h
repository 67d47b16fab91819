#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rampart::graphql::detail {

/// The options close enough to `input` to suggest, best first: graphql-js
/// `suggestionList` (a Damerau–Levenshtein distance where a change of case
/// counts as one edit, at most 40 % of the input's length, ties broken by
/// natural order).
[[nodiscard]] std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string>& options);

/// " Did you mean "A", "B", or "C"?" for at most five suggestions, with an
/// optional phrase after "mean" ("to use an inline fragment on"); empty when
/// there is nothing to suggest (graphql-js `didYouMean`).
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view sub_message = {});

/// graphql-js `naturalCompare`: digits compare as numbers ("a2" < "a10").
[[nodiscard]] int natural_compare(std::string_view a, std::string_view b);

}  // namespace rampart::graphql::detail
