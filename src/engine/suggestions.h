#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "engine/catalog_graph.h"
#include "model/threat_model.h"

namespace rampart::engine {

/// One curated attack pattern for a kind of item, and why it threatens it.
struct CuratedPattern {
    int attack_pattern = 0;  ///< CAPEC id
    std::string reason;      ///< one line, in the product's words
    int line = 0;            ///< where it sits in the curated file (1-based)

    bool operator==(const CuratedPattern&) const = default;
};

/// The curated attack patterns of every item kind (the file
/// src/engine/data/attack_pattern_suggestions.yaml, compiled into the
/// binary). Built once by the composition root and passed down.
class SuggestionTable {
public:
    /// Reads a table in the curated file's format: a map from item kind
    /// ("database") to a list of `{capec: 66, reason: "…"}`. Every kind must
    /// be present; every problem (unknown kind, missing or duplicate id,
    /// blank reason, YAML syntax) is reported with its line and column in one
    /// InvalidData error.
    [[nodiscard]] static core::Result<SuggestionTable> parse(std::string_view yaml, std::string_view file);
    /// The table compiled into the binary.
    [[nodiscard]] static core::Result<SuggestionTable> builtin();

    /// The curated patterns of a kind, in file order (most telling first).
    [[nodiscard]] const std::vector<CuratedPattern>& for_kind(model::ItemKind kind) const;
    /// The name used in diagnostics.
    [[nodiscard]] const std::string& file() const { return m_file; }

private:
    std::string m_file;
    std::map<model::ItemKind, std::vector<CuratedPattern>> m_by_kind;
};

/// The text of the curated file as compiled into the binary.
[[nodiscard]] std::string_view builtin_suggestions_yaml();

/// Checks every curated id against a CAPEC catalog: each must exist and be
/// neither Deprecated nor Obsolete. Reports every offending entry with its
/// line (InvalidData).
[[nodiscard]] core::Result<void> validate_suggestions(const SuggestionTable& table, const CatalogGraph& graph);

/// Where a suggestion comes from.
enum class SuggestionSource { Curated, TextMatch };

[[nodiscard]] std::string_view to_string(SuggestionSource source);  ///< "curated", "text_match"

/// A pattern the full-text index found for an item's name and description.
struct TextMatch {
    int attack_pattern = 0;
    double score = 0;  ///< higher is more relevant
};

/// One attack pattern offered for an item.
struct Suggestion {
    int attack_pattern = 0;
    std::string name;    ///< CAPEC's name
    std::string reason;  ///< the curated reason, or why the text matched
    SuggestionSource source = SuggestionSource::Curated;
    /// Curated: 1 (the curation vouches for it). Text match: the index's
    /// score as passed in. The order of the list, not the score, is the rank.
    double score = 0;

    bool operator==(const Suggestion&) const = default;
};

/// The attack patterns to offer for an item of `kind`: the curated ones in
/// file order, then the text matches by descending score (ties keep the
/// given order). Each pattern appears once, under its first source; patterns
/// unknown to the graph's CAPEC catalog or retired (Deprecated, Obsolete) are
/// never offered. At most `limit` suggestions.
[[nodiscard]] std::vector<Suggestion> rank_suggestions(const SuggestionTable& table, model::ItemKind kind,
                                                       const std::vector<TextMatch>& text_matches,
                                                       const CatalogGraph& graph,
                                                       size_t limit = std::numeric_limits<size_t>::max());

}  // namespace rampart::engine
