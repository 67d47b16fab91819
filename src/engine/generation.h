#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "engine/catalog_graph.h"
#include "model/threat_model.h"

namespace rampart::engine {

/// How a requirement was reached from an attack pattern: through a CWE the
/// pattern cites itself, or through one step of the CWE hierarchy.
enum class MatchKind { Direct, Indirect };

[[nodiscard]] std::string_view to_string(MatchKind match);  ///< "direct", "indirect"

/// One path from an attack pattern to a requirement. For a direct match both
/// CWEs are the same; for an indirect one `requirement_cwe` is the parent or
/// child of `pattern_cwe` (CWE view 1000) that the requirement carries.
struct Trace {
    int attack_pattern = 0;   ///< CAPEC id
    int pattern_cwe = 0;      ///< a CWE the pattern cites
    int requirement_cwe = 0;  ///< the CWE the requirement carries
    MatchKind match = MatchKind::Direct;

    bool operator==(const Trace&) const = default;
};

/// One ASVS requirement generated for one item, with every trace that led to
/// it. There is exactly one per (item key, ASVS id).
struct GeneratedRequirement {
    std::string item_key;
    std::string asvs_id;  ///< "V5.3.4"
    /// The lowest ASVS level that requires it (ASVS levels are cumulative).
    int level = 1;
    std::string chapter_id;
    std::string chapter_name;
    std::string section_id;
    std::string section_name;
    std::string description;
    /// Direct when any trace is direct.
    MatchKind match = MatchKind::Direct;
    /// Direct traces first, then in the order they were found (the item's
    /// pattern order, then the pattern's CWE order).
    std::vector<Trace> traces;

    bool operator==(const GeneratedRequirement&) const = default;
};

/// Why a chosen attack pattern produced no requirement.
enum class SkipReason {
    UnknownPattern,        ///< not in the CAPEC catalog of the graph
    RetiredPattern,        ///< Deprecated or Obsolete: never generates
    NoRelatedCwe,          ///< CAPEC names no CWE for it
    NoRequirementAtLevel,  ///< it has CWEs, but no requirement at the target level carries them
};

[[nodiscard]] std::string_view to_string(SkipReason reason);  ///< "unknown_pattern", …

/// A chosen attack pattern that yielded nothing, and why.
struct SkippedPattern {
    std::string item_key;
    int attack_pattern = 0;
    SkipReason reason = SkipReason::UnknownPattern;
    std::string status;     ///< RetiredPattern: the CAPEC status ("Deprecated", "Obsolete")
    std::vector<int> cwes;  ///< NoRequirementAtLevel: the pattern's CWEs that found nothing

    bool operator==(const SkippedPattern&) const = default;
};

/// What generation produced for a threat model.
struct GenerationResult {
    std::string asvs_version;
    int asvs_level = 1;
    bool follow_cwe_hierarchy = false;
    /// Per item in model order; within an item direct before indirect, then
    /// by ASVS id in numeric order (V2.10.1 after V2.9.1).
    std::vector<GeneratedRequirement> requirements;
    /// Per item in model order, then in the item's pattern order.
    std::vector<SkippedPattern> skipped;

    bool operator==(const GenerationResult&) const = default;
};

/// Checks what generation needs of a threat model and reports every problem
/// at once (InvalidArgument, one Diagnostic each with a JSON pointer such as
/// `/items/2/name`): the ASVS level outside 1..3, an ASVS version other than
/// the graph's (when the model names one), an empty item key or name, and
/// item keys used twice.
[[nodiscard]] core::Result<void> validate_for_generation(const model::ThreatModel& model, const CatalogGraph& graph);

/// Derives the ASVS requirements of every item: for each chosen attack
/// pattern, its related CWEs (CAPEC), then the requirements of the graph's
/// ASVS release carrying one of them and marked at the model's level. With
/// `follow_cwe_hierarchy`, also the requirements carrying a direct parent or
/// child (CWE view 1000) of a pattern CWE, as indirect matches ranked below
/// the direct ones. A pattern chosen twice for one item counts once.
[[nodiscard]] core::Result<GenerationResult> generate_requirements(const model::ThreatModel& model,
                                                                   const CatalogGraph& graph);

/// Names one generated requirement.
struct RequirementKey {
    std::string item_key;
    std::string asvs_id;

    bool operator==(const RequirementKey&) const = default;
};

/// Drops the generated requirements the user deselected. Every key must name
/// a generated requirement; otherwise nothing is dropped and the error
/// (InvalidArgument) lists each unknown key with its index (`/3`).
[[nodiscard]] core::Result<void> deselect(GenerationResult& result, const std::vector<RequirementKey>& keys);

/// Orders ASVS ids by their numbers: V2.9.1 < V2.10.1 < V10.1.1. Negative,
/// zero or positive like strcmp.
[[nodiscard]] int compare_asvs_ids(std::string_view a, std::string_view b);

}  // namespace rampart::engine
