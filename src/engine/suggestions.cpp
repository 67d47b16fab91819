#include "engine/suggestions.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <utility>

#include "core/text.h"

namespace rampart::engine {
namespace {

constexpr std::string_view BUILTIN_FILE = "src/engine/data/attack_pattern_suggestions.yaml";

// yaml-cpp counts lines and columns from 0 and marks nodes without a position
// (an absent value) with -1; Rampart counts from 1 and uses 0 for "unknown".
core::SourceLocation location(std::string_view file, const YAML::Mark& mark) {
    if (mark.line < 0) return {std::string(file), 0, 0, {}};
    return {std::string(file), mark.line + 1, mark.column + 1, {}};
}

std::string_view node_kind(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Null: return "nothing";
        case YAML::NodeType::Scalar: return "a scalar";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Map: return "a mapping";
        case YAML::NodeType::Undefined: break;
    }
    return "nothing";
}

std::string kind_names() {
    std::string out;
    for (const auto kind : model::all_item_kinds()) {
        if (!out.empty()) out += ", ";
        out += model::to_string(kind);
    }
    return out;
}

// A CAPEC id written as 66 or as CAPEC-66.
std::optional<int> capec_id(std::string_view text) {
    text = core::trim(text);
    if (text.substr(0, 6) == "CAPEC-") text.remove_prefix(6);
    const auto id = core::parse_int(text);
    if (!id || *id <= 0) return std::nullopt;
    return id;
}

class Diagnostics {
public:
    explicit Diagnostics(std::string_view file) : m_file(file) {}

    void add(const YAML::Mark& mark, std::string message) {
        m_all.push_back({location(m_file, mark), std::move(message)});
    }
    [[nodiscard]] bool empty() const { return m_all.empty(); }
    [[nodiscard]] core::Error to_error(std::string_view what) && {
        const auto count = m_all.size();
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} problem{} in {}", m_file, count, count == 1 ? "" : "s", what),
                           std::move(m_all)};
    }

private:
    std::string_view m_file;
    std::vector<core::Diagnostic> m_all;
};

// Reads one `{capec: 66, reason: "…"}` entry; nothing when it is wrong (the
// problems are added to `diagnostics`).
std::optional<CuratedPattern> read_entry(const YAML::Node& entry, Diagnostics& diagnostics) {
    if (!entry.IsMap()) {
        diagnostics.add(entry.Mark(), fmt::format("expected an entry such as '{{capec: 66, reason: \"…\"}}', found {}",
                                                  node_kind(entry)));
        return std::nullopt;
    }
    CuratedPattern curated;
    curated.line = entry.Mark().line + 1;
    bool valid = true;
    bool has_id = false;
    bool has_reason = false;
    for (const auto& field : entry) {
        const auto& key = field.first;
        const auto& value = field.second;
        const auto name = key.IsScalar() ? key.Scalar() : std::string();
        // An absent value has no position of its own; its key has.
        const auto& mark = value.IsNull() || value.Mark().line < 0 ? key.Mark() : value.Mark();
        if (name == "capec") {
            has_id = true;
            const auto id = value.IsScalar() ? capec_id(value.Scalar()) : std::nullopt;
            if (!id) {
                diagnostics.add(
                    mark, fmt::format("'capec' must be a CAPEC id such as 66, found {}",
                                      value.IsScalar() ? "'" + value.Scalar() + "'" : std::string(node_kind(value))));
                valid = false;
                continue;
            }
            curated.attack_pattern = *id;
        } else if (name == "reason") {
            has_reason = true;
            if (!value.IsScalar() || core::trim(value.Scalar()).empty()) {
                diagnostics.add(mark, "'reason' must be one line saying why the pattern threatens this kind of item");
                valid = false;
                continue;
            }
            curated.reason = core::collapse_whitespace(value.Scalar());
        } else {
            diagnostics.add(key.Mark(), fmt::format("unexpected key '{}'; an entry has 'capec' and 'reason'", name));
            valid = false;
        }
    }
    if (!has_id) diagnostics.add(entry.Mark(), "the entry has no 'capec' id");
    if (!has_reason) diagnostics.add(entry.Mark(), "the entry has no 'reason'");
    if (!valid || !has_id || !has_reason) return std::nullopt;
    return curated;
}

}  // namespace

core::Result<SuggestionTable> SuggestionTable::parse(std::string_view yaml, std::string_view file) {
    SuggestionTable table;
    table.m_file = std::string(file);
    Diagnostics diagnostics(table.m_file);
    constexpr std::string_view what = "the curated attack patterns";
    // yaml-cpp reports syntax errors, and misuse of a node, by throwing; both
    // are caught here so no exception leaves the engine.
    try {
        const auto root = YAML::Load(std::string(yaml));
        if (!root.IsMap()) {
            diagnostics.add(root.Mark(), fmt::format("expected a mapping from item kinds ({}) to lists of attack "
                                                     "patterns, found {}",
                                                     kind_names(), node_kind(root)));
            return std::move(diagnostics).to_error(what);
        }
        for (const auto& section : root) {
            const auto& key = section.first;
            const auto& entries = section.second;
            const auto kind = key.IsScalar() ? model::item_kind_from_string(key.Scalar()) : std::nullopt;
            if (!kind) {
                diagnostics.add(key.Mark(), fmt::format("unknown item kind '{}'; expected one of: {}",
                                                        key.IsScalar() ? key.Scalar() : "", kind_names()));
                continue;
            }
            // yaml-cpp keeps duplicate keys (YAML 1.2 §3.2.1.1 forbids them).
            if (table.m_by_kind.count(*kind) != 0) {
                diagnostics.add(key.Mark(), fmt::format("the item kind '{}' is listed twice", key.Scalar()));
                continue;
            }
            auto& patterns = table.m_by_kind[*kind];
            if (!entries.IsSequence() || entries.size() == 0) {
                diagnostics.add(entries.IsNull() || entries.Mark().line < 0 ? key.Mark() : entries.Mark(),
                                fmt::format("the item kind '{}' needs a list of attack patterns, found {}",
                                            key.Scalar(), entries.IsSequence() ? "an empty list" : node_kind(entries)));
                continue;
            }
            std::set<int> seen;
            for (const auto& entry : entries) {
                auto curated = read_entry(entry, diagnostics);
                if (!curated) continue;
                if (!seen.insert(curated->attack_pattern).second) {
                    diagnostics.add(entry.Mark(), fmt::format("CAPEC-{} is listed twice for the item kind '{}'",
                                                              curated->attack_pattern, key.Scalar()));
                    continue;
                }
                patterns.push_back(std::move(*curated));
            }
        }
        for (const auto kind : model::all_item_kinds()) {
            if (table.m_by_kind.count(kind) == 0) {
                diagnostics.add(root.Mark(), fmt::format("the item kind '{}' has no curated attack patterns",
                                                         model::to_string(kind)));
            }
        }
    } catch (const YAML::Exception& error) {
        diagnostics.add(error.mark, fmt::format("YAML syntax error: {}", error.msg));
    }
    if (!diagnostics.empty()) return std::move(diagnostics).to_error(what);
    return table;
}

core::Result<SuggestionTable> SuggestionTable::builtin() { return parse(builtin_suggestions_yaml(), BUILTIN_FILE); }

const std::vector<CuratedPattern>& SuggestionTable::for_kind(model::ItemKind kind) const {
    static const std::vector<CuratedPattern> none;
    const auto found = m_by_kind.find(kind);
    return found == m_by_kind.end() ? none : found->second;
}

core::Result<void> validate_suggestions(const SuggestionTable& table, const CatalogGraph& graph) {
    std::vector<core::Diagnostic> problems;
    for (const auto kind : model::all_item_kinds()) {
        for (const auto& curated : table.for_kind(kind)) {
            const auto* pattern = graph.pattern(curated.attack_pattern);
            std::string problem;
            if (pattern == nullptr) {
                problem = fmt::format("CAPEC-{} (item kind '{}') is not in CAPEC {}", curated.attack_pattern,
                                      model::to_string(kind), graph.capec().version);
            } else if (model::is_retired_status(pattern->status)) {
                problem = fmt::format("CAPEC-{} (item kind '{}') is {} in CAPEC {}", curated.attack_pattern,
                                      model::to_string(kind), pattern->status, graph.capec().version);
            } else {
                continue;
            }
            problems.push_back({{table.file(), curated.line, 0, {}}, std::move(problem)});
        }
    }
    if (problems.empty()) return {};
    const auto count = problems.size();
    return core::Error{core::ErrorCode::InvalidData,
                       fmt::format("{}: {} curated attack pattern{} unknown or retired", table.file(), count,
                                   count == 1 ? " is" : "s are"),
                       std::move(problems)};
}

std::string_view to_string(SuggestionSource source) {
    switch (source) {
        case SuggestionSource::Curated: return "curated";
        case SuggestionSource::TextMatch: return "text_match";
    }
    return "unknown";
}

std::vector<Suggestion> rank_suggestions(const SuggestionTable& table, model::ItemKind kind,
                                         const std::vector<TextMatch>& text_matches, const CatalogGraph& graph,
                                         size_t limit) {
    std::vector<Suggestion> out;
    std::set<int> offered;
    // A pattern the graph does not know, or that MITRE retired, is never
    // offered: the user would pick a threat that generates nothing.
    const auto offer = [&](int id, std::string reason, SuggestionSource source, double score) {
        if (out.size() >= limit || offered.count(id) != 0) return;
        const auto* pattern = graph.pattern(id);
        if (pattern == nullptr || model::is_retired_status(pattern->status)) return;
        offered.insert(id);
        out.push_back({id, pattern->name, std::move(reason), source, score});
    };

    for (const auto& curated : table.for_kind(kind))
        offer(curated.attack_pattern, curated.reason, SuggestionSource::Curated, 1.0);

    auto matches = text_matches;
    std::stable_sort(matches.begin(), matches.end(),
                     [](const TextMatch& a, const TextMatch& b) { return a.score > b.score; });
    for (const auto& match : matches) {
        offer(match.attack_pattern, "its name or description matches the item's name and description",
              SuggestionSource::TextMatch, match.score);
    }
    return out;
}

}  // namespace rampart::engine
