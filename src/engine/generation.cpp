#include "engine/generation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/text.h"

namespace rampart::engine {
namespace {

bool contains(const std::vector<int>& values, int value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// ASVS marks levels cumulatively, so the first marked level is the one that
// introduces the requirement.
int lowest_level(const std::array<bool, 3>& levels) {
    for (size_t i = 0; i < levels.size(); ++i) {
        if (levels[i]) return static_cast<int>(i) + 1;
    }
    return 0;
}

core::Diagnostic at(std::string pointer, std::string message) {
    core::Diagnostic diagnostic;
    diagnostic.where.pointer = std::move(pointer);
    diagnostic.message = std::move(message);
    return diagnostic;
}

std::string item_pointer(size_t index, std::string_view field) {
    return core::json_pointer_append(core::json_pointer_append(core::json_pointer_append("", "items"), index), field);
}

// One requirement reached by a pattern: its position in the graph's ASVS
// release and the path that led there.
struct Contribution {
    size_t requirement = 0;
    Trace trace;
};

// What one attack pattern yields, independent of the item it threatens.
struct PatternOutcome {
    std::optional<SkipReason> skip;
    std::string status;
    std::vector<int> cwes;
    std::vector<Contribution> contributions;  ///< in discovery order: direct, then indirect
};

// Generation for one model. A model repeats the same patterns across its
// items (SQL injection threatens every item that talks to a database), so
// what a pattern yields is worked out once per call and reused; the
// per-item state is a slot per ASVS requirement, reset after each item.
class Generator {
public:
    Generator(const model::ThreatModel& model, const CatalogGraph& graph)
        : m_model(model),
          m_graph(graph),
          m_level_index(static_cast<size_t>(model.asvs_level - 1)),
          m_slot(graph.asvs().requirements.size(), NO_SLOT) {}

    void generate_item(const model::ThreatModelItem& item, GenerationResult& out) {
        std::vector<int> seen;
        for (const int pattern_id : item.attack_patterns) {
            if (contains(seen, pattern_id)) continue;
            seen.push_back(pattern_id);
            const auto& outcome = pattern_outcome(pattern_id);
            if (outcome.skip) {
                out.skipped.push_back({item.key, pattern_id, *outcome.skip, outcome.status, outcome.cwes});
                continue;
            }
            for (const auto& contribution : outcome.contributions) add(item, contribution);
        }
        finish_item(out.requirements);
    }

private:
    static constexpr size_t NO_SLOT = static_cast<size_t>(-1);

    const PatternOutcome& pattern_outcome(int pattern_id) {
        const auto cached = m_patterns.find(pattern_id);
        if (cached != m_patterns.end()) return cached->second;
        auto& outcome = m_patterns[pattern_id];

        const auto* pattern = m_graph.pattern(pattern_id);
        if (pattern == nullptr) {
            outcome.skip = SkipReason::UnknownPattern;
            return outcome;
        }
        // A retired pattern generates nothing even when its CWEs would still
        // match: MITRE withdrew it, usually in favour of another pattern the
        // user should choose instead.
        if (model::is_retired_status(pattern->status)) {
            outcome.skip = SkipReason::RetiredPattern;
            outcome.status = pattern->status;
            return outcome;
        }
        if (pattern->cwes.empty()) {
            outcome.skip = SkipReason::NoRelatedCwe;
            return outcome;
        }
        for (const int cwe : pattern->cwes) {
            for (const size_t requirement : requirements_at_level(cwe)) {
                outcome.contributions.push_back({requirement, {pattern_id, cwe, cwe, MatchKind::Direct}});
            }
        }
        if (m_model.follow_cwe_hierarchy) {
            for (const int cwe : pattern->cwes) {
                auto neighbours = m_graph.cwe_parents(cwe);
                const auto children = m_graph.cwe_children(cwe);
                neighbours.insert(neighbours.end(), children.begin(), children.end());
                for (const int neighbour : neighbours) {
                    // A neighbour the pattern cites itself is already a direct
                    // match; the detour through the hierarchy adds nothing.
                    if (contains(pattern->cwes, neighbour)) continue;
                    for (const size_t requirement : requirements_at_level(neighbour)) {
                        outcome.contributions.push_back(
                            {requirement, {pattern_id, cwe, neighbour, MatchKind::Indirect}});
                    }
                }
            }
        }
        if (outcome.contributions.empty()) {
            outcome.skip = SkipReason::NoRequirementAtLevel;
            outcome.cwes = pattern->cwes;
        }
        return outcome;
    }

    // Positions of the requirements carrying the CWE and marked at the level.
    const std::vector<size_t>& requirements_at_level(int cwe) {
        const auto cached = m_requirements.find(cwe);
        if (cached != m_requirements.end()) return cached->second;
        auto& positions = m_requirements[cwe];
        const auto* first = m_graph.asvs().requirements.data();
        for (const auto* requirement : m_graph.requirements_for_cwe(cwe)) {
            if (requirement->levels[m_level_index]) positions.push_back(static_cast<size_t>(requirement - first));
        }
        return positions;
    }

    void add(const model::ThreatModelItem& item, const Contribution& contribution) {
        auto& slot = m_slot[contribution.requirement];
        if (slot == NO_SLOT) {
            const auto& requirement = m_graph.asvs().requirements[contribution.requirement];
            slot = m_found.size();
            m_touched.push_back(contribution.requirement);
            GeneratedRequirement generated;
            generated.item_key = item.key;
            generated.asvs_id = requirement.id;
            generated.level = lowest_level(requirement.levels);
            generated.chapter_id = requirement.chapter_id;
            generated.chapter_name = requirement.chapter_name;
            generated.section_id = requirement.section_id;
            generated.section_name = requirement.section_name;
            generated.description = requirement.description;
            generated.match = contribution.trace.match;
            m_found.push_back(std::move(generated));
        }
        auto& generated = m_found[slot];
        const auto& trace = contribution.trace;
        if (std::find(generated.traces.begin(), generated.traces.end(), trace) != generated.traces.end()) return;
        generated.traces.push_back(trace);
        if (trace.match == MatchKind::Direct) generated.match = MatchKind::Direct;
    }

    // Moves the item's requirements, ranked, to the end of `out`.
    void finish_item(std::vector<GeneratedRequirement>& out) {
        for (auto& generated : m_found) {
            std::stable_partition(generated.traces.begin(), generated.traces.end(),
                                  [](const Trace& trace) { return trace.match == MatchKind::Direct; });
        }
        std::sort(m_found.begin(), m_found.end(), [](const GeneratedRequirement& a, const GeneratedRequirement& b) {
            if (a.match != b.match) return a.match == MatchKind::Direct;
            return compare_asvs_ids(a.asvs_id, b.asvs_id) < 0;
        });
        std::move(m_found.begin(), m_found.end(), std::back_inserter(out));
        m_found.clear();
        for (const size_t requirement : m_touched) m_slot[requirement] = NO_SLOT;
        m_touched.clear();
    }

    const model::ThreatModel& m_model;
    const CatalogGraph& m_graph;
    size_t m_level_index;
    std::unordered_map<int, PatternOutcome> m_patterns;
    std::unordered_map<int, std::vector<size_t>> m_requirements;
    std::vector<size_t> m_slot;     ///< per ASVS requirement: its index in m_found, or NO_SLOT
    std::vector<size_t> m_touched;  ///< the slots the current item set
    std::vector<GeneratedRequirement> m_found;
};

// One dot-separated piece of an ASVS id and the rest after it.
std::pair<std::string_view, std::string_view> next_segment(std::string_view id) {
    const auto dot = id.find('.');
    if (dot == std::string_view::npos) return {id, {}};
    return {id.substr(0, dot), id.substr(dot + 1)};
}

std::optional<long> segment_number(std::string_view segment) {
    if (segment.empty() || segment.size() > 9) return std::nullopt;
    long value = 0;
    for (const char c : segment) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::string_view to_string(MatchKind match) {
    switch (match) {
        case MatchKind::Direct: return "direct";
        case MatchKind::Indirect: return "indirect";
    }
    return "unknown";
}

std::string_view to_string(SkipReason reason) {
    switch (reason) {
        case SkipReason::UnknownPattern: return "unknown_pattern";
        case SkipReason::RetiredPattern: return "retired_pattern";
        case SkipReason::NoRelatedCwe: return "no_related_cwe";
        case SkipReason::NoRequirementAtLevel: return "no_requirement_at_level";
    }
    return "unknown";
}

int compare_asvs_ids(std::string_view a, std::string_view b) {
    // Sorting calls this for every pair it compares, so it walks the ids in
    // place instead of splitting them.
    const auto strip = [](std::string_view id) {
        if (!id.empty() && (id.front() == 'V' || id.front() == 'v')) id.remove_prefix(1);
        return id;
    };
    a = strip(a);
    b = strip(b);
    while (!a.empty() || !b.empty()) {
        if (a.empty()) return -1;  // V1.2 before V1.2.1
        if (b.empty()) return 1;
        const auto [left, left_rest] = next_segment(a);
        const auto [right, right_rest] = next_segment(b);
        const auto left_number = segment_number(left);
        const auto right_number = segment_number(right);
        if (left_number && right_number) {
            if (*left_number != *right_number) return *left_number < *right_number ? -1 : 1;
        } else if (left != right) {
            return left < right ? -1 : 1;
        }
        a = left_rest;
        b = right_rest;
    }
    return 0;
}

core::Result<void> validate_for_generation(const model::ThreatModel& model, const CatalogGraph& graph) {
    std::vector<core::Diagnostic> problems;
    if (model.asvs_level < 1 || model.asvs_level > 3) {
        problems.push_back(
            at("/asvs_level", fmt::format("the ASVS level must be 1, 2 or 3, not {}", model.asvs_level)));
    }
    if (!model.asvs_version.empty() && model.asvs_version != graph.asvs().version) {
        problems.push_back(
            at("/asvs_version", fmt::format("the model targets ASVS {} but the catalogs given are ASVS {}",
                                            model.asvs_version, graph.asvs().version)));
    }
    std::map<std::string_view, size_t> first_use;
    for (size_t i = 0; i < model.items.size(); ++i) {
        const auto& item = model.items[i];
        if (core::trim(item.key).empty()) {
            problems.push_back(at(item_pointer(i, "key"), "the item has no key"));
        } else if (const auto [previous, inserted] = first_use.emplace(item.key, i); !inserted) {
            problems.push_back(at(item_pointer(i, "key"),
                                  fmt::format("the key '{}' is already used by item {}", item.key, previous->second)));
        }
        if (core::trim(item.name).empty()) problems.push_back(at(item_pointer(i, "name"), "the item has no name"));
    }
    if (problems.empty()) return {};
    return core::Error{core::ErrorCode::InvalidArgument,
                       fmt::format("the threat model cannot generate requirements ({} problem{})", problems.size(),
                                   problems.size() == 1 ? "" : "s"),
                       std::move(problems)};
}

core::Result<GenerationResult> generate_requirements(const model::ThreatModel& model, const CatalogGraph& graph) {
    RAMPART_TRY(validate_for_generation(model, graph));
    GenerationResult result;
    result.asvs_version = graph.asvs().version;
    result.asvs_level = model.asvs_level;
    result.follow_cwe_hierarchy = model.follow_cwe_hierarchy;
    Generator generator(model, graph);
    for (const auto& item : model.items) generator.generate_item(item, result);
    return result;
}

core::Result<void> deselect(GenerationResult& result, const std::vector<RequirementKey>& keys) {
    std::set<std::pair<std::string_view, std::string_view>> generated;
    for (const auto& requirement : result.requirements) generated.emplace(requirement.item_key, requirement.asvs_id);

    std::vector<core::Diagnostic> unknown;
    std::set<std::pair<std::string_view, std::string_view>> dropped;
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::pair<std::string_view, std::string_view> key{keys[i].item_key, keys[i].asvs_id};
        if (generated.count(key) == 0) {
            unknown.push_back(at(
                core::json_pointer_append("", i),
                fmt::format("no requirement {} was generated for the item '{}'", keys[i].asvs_id, keys[i].item_key)));
        }
        dropped.insert(key);
    }
    // All or nothing: a half-applied deselection would leave requirements the
    // user meant to drop.
    if (!unknown.empty()) {
        return core::Error{core::ErrorCode::InvalidArgument,
                           "some deselected requirements are not among the generated ones", std::move(unknown)};
    }
    std::erase_if(result.requirements, [&](const GeneratedRequirement& requirement) {
        return dropped.count({requirement.item_key, requirement.asvs_id}) != 0;
    });
    return {};
}

}  // namespace rampart::engine
