// GraphQL spec §5.3.2 Field Selection Merging, as graphql-js v16
// implements it: fields and fragments are collected once per (parent type,
// selection set), compared fragment pairs are memoised, and a work budget
// stops pathological documents.

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "graphql/detail/validation_context.h"

namespace rampart::graphql::detail {
namespace {

constexpr size_t MAX_CONFLICT_DETAIL_LENGTH = 1000;
constexpr size_t MAX_CONFLICT_NODES = 20;
constexpr int64_t MAX_COMPLEXITY_BUDGET = 500000;

std::string maybe_abbreviate(std::string text) {
    if (text.size() > MAX_CONFLICT_DETAIL_LENGTH) {
        text.resize(MAX_CONFLICT_DETAIL_LENGTH);
        text += "...";
    }
    return text;
}

struct FieldInfo;

/// One field of a collected selection set, with the type it is selected on
/// and its definition there (both may be unknown).
struct FieldDetails {
    const NamedType* parent_type = nullptr;
    const ast::Selection* node = nullptr;
    const Field* definition = nullptr;
    /// No arguments and no selection set: two such fields of the same name
    /// and type never conflict.
    bool is_simple_leaf = false;
    FieldInfo* info = nullptr;
};

/// What comparisons need of a field, prepared only when it overlaps another.
struct FieldInfo {
    /// The reason of a conflict with another field, or nullopt for none.
    std::unordered_map<const FieldInfo*, std::optional<std::string>> comparisons;
    const NamedType* named_type = nullptr;
    std::optional<std::string> type_string;
    /// Argument values by name (the last one when repeated); null when the
    /// field has no arguments.
    const std::vector<ast::Argument>* arguments = nullptr;
    std::unordered_map<std::string_view, const ast::Value*> argument_values;
};

struct CollectFieldsResult;

struct Overlap {
    std::string_view response_name;
    const std::vector<FieldDetails*>* fields1;
    const std::vector<FieldDetails*>* fields2;
};

/// The fields of a selection set by response name, in first-seen order, and
/// the fragments it spreads. Neither changes once collected, so the
/// comparisons below may hold references into them.
struct CollectFieldsResult {
    std::vector<std::pair<std::string_view, std::vector<FieldDetails*>>> grouped_field_set;
    std::unordered_map<std::string_view, size_t> group_index;
    std::vector<std::string_view> fragment_names;
    std::unordered_set<std::string_view> fragment_name_set;
    /// Fragments compared with these fields, and whether as mutually exclusive.
    std::unordered_map<std::string_view, bool> compared_fragments;
    std::unordered_map<const CollectFieldsResult*, std::vector<Overlap>> overlapping_fields;

    [[nodiscard]] const std::vector<FieldDetails*>* group(std::string_view name) const {
        auto found = group_index.find(name);
        return found == group_index.end() ? nullptr : &grouped_field_set[found->second].second;
    }
};

struct Conflict {
    std::string response_name;
    std::string reason;
    std::vector<Location> fields1;
    std::vector<Location> fields2;
};

/// Which fragment pairs were compared, and whether only as mutually
/// exclusive (graphql-js `PairSet`).
class PairSet {
public:
    [[nodiscard]] bool has(std::string_view a, std::string_view b, bool weakly_present) const {
        return has_ordered(a, b, weakly_present) || has_ordered(b, a, weakly_present);
    }
    void add(std::string_view a, std::string_view b, bool weakly_present) { m_data[a][b] = weakly_present; }

private:
    [[nodiscard]] bool has_ordered(std::string_view a, std::string_view b, bool weakly_present) const {
        auto first = m_data.find(a);
        if (first == m_data.end()) return false;
        auto second = first->second.find(b);
        if (second == first->second.end()) return false;
        // A non-exclusive comparison covers an exclusive one, not the reverse.
        return weakly_present || second->second == weakly_present;
    }

    std::unordered_map<std::string_view, std::unordered_map<std::string_view, bool>> m_data;
};

class OverlappingFieldsCanBeMerged final : public Rule {
public:
    using Rule::Rule;

    Visit enter_selection_set(const ast::SelectionSet& set, bool of_inline_fragment) override {
        // An inline fragment's fields are compared with its parent's.
        if (of_inline_fragment) return Visit::Continue;
        if (set.selections.size() <= 1 &&
            (set.selections.empty() || set.selections.front().kind != ast::Selection::Kind::InlineFragment)) {
            return Visit::Continue;
        }
        for (auto& conflict : find_conflicts_within_selection_set(info().parent_type(), set)) {
            std::vector<Location> locations = std::move(conflict.fields1);
            locations.insert(locations.end(), conflict.fields2.begin(), conflict.fields2.end());
            report("Fields \"" + maybe_abbreviate(conflict.response_name) + "\" conflict because " + conflict.reason +
                       ". Use different aliases on the fields to fetch both if this was intentional.",
                   std::move(locations));
        }
        return Visit::Continue;
    }

private:
    void spend(int64_t cost) {
        m_remaining_budget -= cost;
        if (m_remaining_budget < 0) throw ValidationAborted{"Validation aborted."};
    }

    std::vector<Conflict> find_conflicts_within_selection_set(const NamedType* parent_type,
                                                              const ast::SelectionSet& set) {
        std::vector<Conflict> conflicts;
        CollectFieldsResult& result = collect_fields(parent_type, set);
        // (A) Conflicts within the fields of this selection set.
        collect_conflicts_within(conflicts, result);
        // (B)/(C) Fragments compare with the fields and with each other.
        if (!result.fragment_names.empty() && (!result.grouped_field_set.empty() || result.fragment_names.size() > 1)) {
            for (size_t i = 0; i < result.fragment_names.size(); ++i) {
                collect_conflicts_between_fields_and_fragment(conflicts, false, result, result.fragment_names[i]);
                for (size_t j = i + 1; j < result.fragment_names.size(); ++j) {
                    collect_conflicts_between_fragments(conflicts, false, result.fragment_names[i],
                                                        result.fragment_names[j]);
                }
            }
        }
        return conflicts;
    }

    void collect_conflicts_between_fields_and_fragment(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                                                       CollectFieldsResult& result, std::string_view fragment_name) {
        spend(1);
        if (result.grouped_field_set.empty()) return;
        auto compared = result.compared_fragments.find(fragment_name);
        // Only a non-exclusive comparison can be reused for overlapping parents.
        if (compared != result.compared_fragments.end() && (!compared->second || mutually_exclusive)) return;
        result.compared_fragments[fragment_name] = mutually_exclusive;
        const ast::FragmentDefinition* fragment = context().fragment(fragment_name);
        if (fragment == nullptr) return;
        CollectFieldsResult& result2 = collect_fragment_fields(*fragment);
        // Do not compare a fragment's fields to themselves.
        if (&result == &result2) return;
        // (D) The fields against the fragment's fields.
        collect_conflicts_between(conflicts, mutually_exclusive, result, result2);
        // (E) The fields against the fragments the fragment spreads.
        for (std::string_view referenced_name : result2.fragment_names) {
            collect_conflicts_between_fields_and_fragment(conflicts, mutually_exclusive, result, referenced_name);
        }
    }

    void collect_conflicts_between_fragments(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                                             std::string_view fragment_name1, std::string_view fragment_name2) {
        spend(2);
        if (fragment_name1 == fragment_name2) return;
        // Memoise so two fragments are not compared more than once.
        if (m_compared_fragment_pairs.has(fragment_name1, fragment_name2, mutually_exclusive)) return;
        m_compared_fragment_pairs.add(fragment_name1, fragment_name2, mutually_exclusive);
        const ast::FragmentDefinition* fragment1 = context().fragment(fragment_name1);
        const ast::FragmentDefinition* fragment2 = context().fragment(fragment_name2);
        if (fragment1 == nullptr || fragment2 == nullptr) return;
        CollectFieldsResult& result1 = collect_fragment_fields(*fragment1);
        CollectFieldsResult& result2 = collect_fragment_fields(*fragment2);
        // (F) The two fragments' fields.
        collect_conflicts_between(conflicts, mutually_exclusive, result1, result2);
        // (G) Each fragment against the fragments the other spreads.
        for (std::string_view referenced_name2 : result2.fragment_names) {
            collect_conflicts_between_fragments(conflicts, mutually_exclusive, fragment_name1, referenced_name2);
        }
        for (std::string_view referenced_name1 : result1.fragment_names) {
            collect_conflicts_between_fragments(conflicts, mutually_exclusive, referenced_name1, fragment_name2);
        }
    }

    std::vector<Conflict> find_conflicts_between_sub_selection_sets(bool mutually_exclusive,
                                                                    const NamedType* parent_type1,
                                                                    const ast::SelectionSet& set1,
                                                                    const NamedType* parent_type2,
                                                                    const ast::SelectionSet& set2) {
        std::vector<Conflict> conflicts;
        CollectFieldsResult& result1 = collect_fields(parent_type1, set1);
        CollectFieldsResult& result2 = collect_fields(parent_type2, set2);
        // (H) The two sets of fields.
        collect_conflicts_between(conflicts, mutually_exclusive, result1, result2);
        // (I) Each set of fields against the fragments the other spreads.
        const std::vector<std::string_view>& names1 = result1.fragment_names;
        const std::vector<std::string_view>& names2 = result2.fragment_names;
        for (std::string_view name2 : names2) {
            collect_conflicts_between_fields_and_fragment(conflicts, mutually_exclusive, result1, name2);
        }
        for (std::string_view name1 : names1) {
            collect_conflicts_between_fields_and_fragment(conflicts, mutually_exclusive, result2, name1);
        }
        // (J) Every fragment of one against every fragment of the other.
        for (std::string_view name1 : names1) {
            for (std::string_view name2 : names2) {
                collect_conflicts_between_fragments(conflicts, mutually_exclusive, name1, name2);
            }
        }
        return conflicts;
    }

    void collect_conflicts_within(std::vector<Conflict>& conflicts, const CollectFieldsResult& result) {
        for (const auto& [response_name, fields] : result.grouped_field_set) {
            for (size_t i = 0; i < fields.size(); ++i) {
                for (size_t j = i + 1; j < fields.size(); ++j) {
                    if (auto conflict = find_conflict(false, response_name, *fields[i], *fields[j])) {
                        conflicts.push_back(std::move(*conflict));
                    }
                }
            }
        }
    }

    void collect_conflicts_between(std::vector<Conflict>& conflicts, bool parents_mutually_exclusive,
                                   CollectFieldsResult& result1, const CollectFieldsResult& result2) {
        if (result1.grouped_field_set.empty() || result2.grouped_field_set.empty()) return;
        // The overlaps are cached on result1; copy them, since comparing may
        // add to that cache.
        const std::vector<Overlap> overlaps = overlapping_fields(result1, result2);
        for (const auto& overlap : overlaps) {
            for (FieldDetails* field1 : *overlap.fields1) {
                for (FieldDetails* field2 : *overlap.fields2) {
                    if (auto conflict =
                            find_conflict(parents_mutually_exclusive, overlap.response_name, *field1, *field2)) {
                        conflicts.push_back(std::move(*conflict));
                    }
                }
            }
        }
    }

    const std::vector<Overlap>& overlapping_fields(CollectFieldsResult& result1, const CollectFieldsResult& result2) {
        auto cached = result1.overlapping_fields.find(&result2);
        if (cached != result1.overlapping_fields.end()) return cached->second;
        std::vector<Overlap> overlaps;
        for (const auto& [response_name, fields1] : result1.grouped_field_set) {
            spend(1);
            if (const auto* fields2 = result2.group(response_name)) {
                overlaps.push_back(Overlap{response_name, &fields1, fields2});
            }
        }
        return result1.overlapping_fields.emplace(&result2, std::move(overlaps)).first->second;
    }

    /// Whether two fields of one response name conflict, including through
    /// their sub-selections.
    std::optional<Conflict> find_conflict(bool parents_mutually_exclusive, std::string_view response_name,
                                          FieldDetails& details1, FieldDetails& details2) {
        const NamedType* parent_type1 = details1.parent_type;
        const NamedType* parent_type2 = details2.parent_type;
        const ast::Selection& node1 = *details1.node;
        const ast::Selection& node2 = *details2.node;
        const Field* def1 = details1.definition;
        const Field* def2 = details2.definition;

        // Fields on two different object types can never apply at once, so
        // only their shapes must agree.
        const bool mutually_exclusive =
            parents_mutually_exclusive ||
            (parent_type1 != parent_type2 && parent_type1 != nullptr && parent_type2 != nullptr &&
             parent_type1->kind == TypeKind::Object && parent_type2->kind == TypeKind::Object);
        // Count attempted pairs, including pairs skipped by type exclusivity.
        spend(2);

        const TypeUse type1 = def1 != nullptr ? TypeUse::of(def1->type) : TypeUse{};
        const TypeUse type2 = def2 != nullptr ? TypeUse::of(def2->type) : TypeUse{};
        if (details1.is_simple_leaf && details2.is_simple_leaf && type1 == type2 &&
            node1.name.value == node2.name.value) {
            return std::nullopt;
        }

        if (!mutually_exclusive) {
            FieldInfo& info1 = field_info(details1);
            FieldInfo& info2 = field_info(details2);
            auto memo = info1.comparisons.find(&info2);
            std::optional<std::string> reason;
            if (memo != info1.comparisons.end()) {
                reason = memo->second;
            } else {
                const std::string& name1 = node1.name.value;
                const std::string& name2 = node2.name.value;
                if (name1 != name2) {
                    reason = "\"" + maybe_abbreviate(name1) + "\" and \"" + maybe_abbreviate(name2) +
                             "\" are different fields";
                } else if (!same_arguments(info1, info2)) {
                    reason = "they have differing arguments";
                }
                info1.comparisons.emplace(&info2, reason);
            }
            if (reason) {
                return Conflict{std::string(response_name), *reason, {node1.loc}, {node2.loc}};
            }
        }

        if (type1.known() && type2.known() && do_types_conflict(type1, type2)) {
            FieldInfo& info1 = field_info(details1);
            FieldInfo& info2 = field_info(details2);
            if (!info1.type_string) info1.type_string = type1.to_string();
            if (!info2.type_string) info2.type_string = type2.to_string();
            return Conflict{
                std::string(response_name),
                "they return conflicting types \"" + *info1.type_string + "\" and \"" + *info2.type_string + "\"",
                {node1.loc},
                {node2.loc}};
        }

        // Compare the sub-fields.
        if (has_selection_set(node1) && has_selection_set(node2)) {
            auto conflicts = find_conflicts_between_sub_selection_sets(
                mutually_exclusive, field_info(details1).named_type, node1.selection_set,
                field_info(details2).named_type, node2.selection_set);
            return subfield_conflicts(conflicts, response_name, node1, node2);
        }
        return std::nullopt;
    }

    static bool has_selection_set(const ast::Selection& node) {
        return node.selection_set.loc.line != 0 || !node.selection_set.selections.empty();
    }

    FieldInfo& field_info(FieldDetails& details) {
        if (details.info == nullptr) {
            FieldInfo& info = m_field_infos.emplace_back();
            info.named_type = details.definition != nullptr ? details.definition->type.named : nullptr;
            if (!details.node->arguments.empty()) {
                info.arguments = &details.node->arguments;
                for (const auto& argument : details.node->arguments) {
                    info.argument_values[argument.name.value] = &argument.value;
                }
            }
            details.info = &info;
        }
        return *details.info;
    }

    bool same_arguments(const FieldInfo& info1, const FieldInfo& info2) {
        if (info1.arguments == nullptr) return info2.arguments == nullptr;
        if (info2.arguments == nullptr || info1.arguments->size() != info2.arguments->size()) return false;
        for (const auto& argument1 : *info1.arguments) {
            spend(1);
            auto value2 = info2.argument_values.find(argument1.name.value);
            if (value2 == info2.argument_values.end()) return false;
            if (stringify_value(argument1.value) != stringify_value(*value2->second)) return false;
        }
        return true;
    }

    /// A canonical text of a value: equal for values that are the same
    /// literal, object fields in name order (graphql-js `stringifyValue`).
    const std::string& stringify_value(const ast::Value& value) {
        auto cached = m_stringified_values.find(&value);
        if (cached != m_stringified_values.end()) return cached->second;
        std::string text;
        append_canonical(text, value);
        return m_stringified_values.emplace(&value, std::move(text)).first->second;
    }

    static void append_text(std::string& out, std::string_view text) {
        out += std::to_string(text.size());
        out += ':';
        out += text;
    }

    static void append_canonical(std::string& out, const ast::Value& value) {
        out += static_cast<char>('A' + static_cast<int>(value.kind));
        switch (value.kind) {
            case ast::ValueKind::List:
                out += '[';
                for (const auto& item : value.list) append_canonical(out, item);
                out += ']';
                break;
            case ast::ValueKind::Object: {
                std::vector<const ast::ObjectField*> fields;
                fields.reserve(value.fields.size());
                for (const auto& field : value.fields) fields.push_back(&field);
                std::stable_sort(fields.begin(), fields.end(),
                                 [](const auto* a, const auto* b) { return a->name.value < b->name.value; });
                out += '{';
                for (const auto* field : fields) {
                    append_text(out, field->name.value);
                    append_canonical(out, field->value);
                }
                out += '}';
                break;
            }
            case ast::ValueKind::Boolean: out += value.boolean ? 't' : 'f'; break;
            case ast::ValueKind::Null: break;
            case ast::ValueKind::String:
                out += value.block_string ? 'b' : 's';
                append_text(out, value.text);
                break;
            default: append_text(out, value.text); break;
        }
    }

    /// Two types conflict when no value could be of both (after lists and
    /// non-null wrappers agree, leaves must be the same type).
    bool do_types_conflict(TypeUse type1, TypeUse type2) {
        if (type1 == type2) return false;
        spend(1);
        if (type1.is_list()) return type2.is_list() ? do_types_conflict(type1.of_type(), type2.of_type()) : true;
        if (type2.is_list()) return true;
        if (type1.is_non_null()) {
            return type2.is_non_null() ? do_types_conflict(type1.of_type(), type2.of_type()) : true;
        }
        if (type2.is_non_null()) return true;
        if (type1.named->is_leaf() || type2.named->is_leaf()) return type1.named != type2.named;
        return false;
    }

    CollectFieldsResult& collect_fields(const NamedType* parent_type, const ast::SelectionSet& set) {
        auto key = std::make_pair(parent_type, &set);
        auto cached = m_collected.find(key);
        if (cached != m_collected.end()) return *cached->second;
        auto result = std::make_unique<CollectFieldsResult>();
        collect_fields_impl(parent_type, set, *result);
        return *m_collected.emplace(key, std::move(result)).first->second;
    }

    CollectFieldsResult& collect_fragment_fields(const ast::FragmentDefinition& fragment) {
        return collect_fields(schema().type(fragment.type_condition.value), fragment.selection_set);
    }

    void collect_fields_impl(const NamedType* parent_type, const ast::SelectionSet& set, CollectFieldsResult& result) {
        for (const auto& selection : set.selections) {
            switch (selection.kind) {
                case ast::Selection::Kind::Field: {
                    const Field* definition = nullptr;
                    if (parent_type != nullptr &&
                        (parent_type->kind == TypeKind::Object || parent_type->kind == TypeKind::Interface)) {
                        definition = parent_type->field(selection.name.value);
                    }
                    FieldDetails& details = m_field_details.emplace_back();
                    details.parent_type = parent_type;
                    details.node = &selection;
                    details.definition = definition;
                    details.is_simple_leaf = selection.arguments.empty() && !has_selection_set(selection);
                    const std::string& response_name = selection.response_key();
                    auto [index, inserted] = result.group_index.emplace(response_name, result.grouped_field_set.size());
                    if (inserted) result.grouped_field_set.emplace_back(response_name, std::vector<FieldDetails*>{});
                    result.grouped_field_set[index->second].second.push_back(&details);
                    break;
                }
                case ast::Selection::Kind::FragmentSpread:
                    if (result.fragment_name_set.insert(selection.name.value).second) {
                        result.fragment_names.push_back(selection.name.value);
                    }
                    break;
                case ast::Selection::Kind::InlineFragment: {
                    const NamedType* fragment_type =
                        selection.type_condition ? schema().type(selection.type_condition->value) : parent_type;
                    collect_fields_impl(fragment_type, selection.selection_set, result);
                    break;
                }
            }
        }
    }

    /// A conflict of two fields made of their sub-fields' conflicts.
    static std::optional<Conflict> subfield_conflicts(const std::vector<Conflict>& conflicts,
                                                      std::string_view response_name, const ast::Selection& node1,
                                                      const ast::Selection& node2) {
        if (conflicts.empty()) return std::nullopt;
        std::string message;
        for (const auto& conflict : conflicts) {
            if (!message.empty()) message += " and ";
            message +=
                "subfields \"" + maybe_abbreviate(conflict.response_name) + "\" conflict because " + conflict.reason;
            if (message.size() > MAX_CONFLICT_DETAIL_LENGTH) break;
        }
        return Conflict{std::string(response_name), maybe_abbreviate(std::move(message)),
                        collect_conflict_nodes(node1, conflicts, &Conflict::fields1),
                        collect_conflict_nodes(node2, conflicts, &Conflict::fields2)};
    }

    /// The enclosing field, then the sub-conflicts' fields, at most twenty.
    static std::vector<Location> collect_conflict_nodes(const ast::Selection& node,
                                                        const std::vector<Conflict>& conflicts,
                                                        std::vector<Location> Conflict::*side) {
        std::vector<Location> nodes{node.loc};
        for (const auto& conflict : conflicts) {
            const std::vector<Location>& locations = conflict.*side;
            const size_t remaining = MAX_CONFLICT_NODES - nodes.size();
            // Take from the end, as graphql-js's slice(-remaining) does.
            const size_t take = std::min(remaining, locations.size());
            nodes.insert(nodes.end(), locations.end() - static_cast<std::ptrdiff_t>(take), locations.end());
            if (nodes.size() == MAX_CONFLICT_NODES) break;
        }
        return nodes;
    }

    struct PairHash {
        size_t operator()(const std::pair<const NamedType*, const ast::SelectionSet*>& key) const {
            return std::hash<const void*>()(key.first) * 31 + std::hash<const void*>()(key.second);
        }
    };

    PairSet m_compared_fragment_pairs;
    std::unordered_map<std::pair<const NamedType*, const ast::SelectionSet*>, std::unique_ptr<CollectFieldsResult>,
                       PairHash>
        m_collected;
    std::deque<FieldDetails> m_field_details;
    std::deque<FieldInfo> m_field_infos;
    std::unordered_map<const ast::Value*, std::string> m_stringified_values;
    int64_t m_remaining_budget = MAX_COMPLEXITY_BUDGET;
};

}  // namespace

std::unique_ptr<Rule> make_overlapping_fields_can_be_merged(ValidationContext& context) {
    return std::make_unique<OverlappingFieldsCanBeMerged>(context);
}

}  // namespace rampart::graphql::detail
