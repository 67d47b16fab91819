// Rules about the definitions of a document: operations and fragments
// (GraphQL spec §5.1, §5.2, §5.5).

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "graphql/detail/validation_context.h"

namespace rampart::graphql::detail {
namespace {

// GraphQL spec §5.1.1 Executable Definitions.
class ExecutableDefinitions final : public Rule {
public:
    using Rule::Rule;

    Visit enter_document(const ast::Document& document) override {
        for (const auto& definition : document.definitions) {
            if (std::holds_alternative<ast::OperationDefinition>(definition) ||
                std::holds_alternative<ast::FragmentDefinition>(definition)) {
                continue;
            }
            std::string name;
            Location loc;
            if (const auto* schema_definition = std::get_if<ast::SchemaDefinition>(&definition)) {
                name = "schema";
                loc = schema_definition->loc;
            } else if (const auto* type = std::get_if<ast::TypeDefinition>(&definition)) {
                name = '"' + type->name.value + '"';
                loc = type->loc;
            } else if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                name = '"' + directive->name.value + '"';
                loc = directive->loc;
            }
            report("The " + name + " definition is not executable.", {loc});
        }
        return Visit::Skip;
    }
};

// GraphQL spec §5.2.1.1 Operation Name Uniqueness.
class UniqueOperationNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& operation) override {
        if (operation.name) {
            auto [known, inserted] = m_known.emplace(operation.name->value, operation.name->loc);
            if (!inserted) {
                report("There can be only one operation named \"" + operation.name->value + "\".",
                       {known->second, operation.name->loc});
            }
        }
        return Visit::Skip;
    }
    Visit enter_fragment_definition(const ast::FragmentDefinition& /*fragment*/) override { return Visit::Skip; }

private:
    std::unordered_map<std::string_view, Location> m_known;
};

// GraphQL spec §5.2.2.1 Lone Anonymous Operation.
class LoneAnonymousOperation final : public Rule {
public:
    using Rule::Rule;

    Visit enter_document(const ast::Document& document) override {
        m_operation_count = 0;
        for (const auto& definition : document.definitions) {
            if (std::holds_alternative<ast::OperationDefinition>(definition)) ++m_operation_count;
        }
        return Visit::Continue;
    }
    Visit enter_operation(const ast::OperationDefinition& operation) override {
        if (!operation.name && m_operation_count > 1) {
            report("This anonymous operation must be the only defined operation.", {operation.loc});
        }
        return Visit::Continue;
    }

private:
    size_t m_operation_count = 0;
};

// GraphQL spec §5.2.3.1 Single Root Field: the root fields are collected
// as execution collects them (§6.3.2 CollectFields) with no variables.
class SingleFieldSubscriptions final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& operation) override {
        if (operation.operation != ast::OperationType::Subscription) return Visit::Continue;
        const NamedType* subscription_type = schema().subscription_type();
        if (subscription_type == nullptr) return Visit::Continue;
        if (!m_counted_definitions) {
            m_counted_definitions = true;
            context().spend_fragment_work(context().document().definitions.size());
        }

        GroupedFields fields;
        std::unordered_set<std::string_view> visited_fragments;
        collect_fields(subscription_type, operation.selection_set, fields, visited_fragments);

        const std::string prefix =
            operation.name ? "Subscription \"" + operation.name->value + "\"" : std::string("Anonymous Subscription");
        if (fields.groups.size() > 1) {
            std::vector<Location> extra;
            for (size_t i = 1; i < fields.groups.size(); ++i) {
                for (const auto* field : fields.groups[i].second) extra.push_back(field->loc);
            }
            report(prefix + " must select only one top level field.", std::move(extra));
        }
        for (const auto& [key, nodes] : fields.groups) {
            if (nodes.front()->name.value.starts_with("__")) {
                std::vector<Location> locations;
                locations.reserve(nodes.size());
                for (const auto* node : nodes) locations.push_back(node->loc);
                report(prefix + " must not select an introspection top level field.", std::move(locations));
            }
        }
        return Visit::Continue;
    }

private:
    /// Response keys in first-seen order, each with its fields.
    struct GroupedFields {
        std::vector<std::pair<std::string_view, std::vector<const ast::Selection*>>> groups;
        std::unordered_map<std::string_view, size_t> index;
    };

    /// `@skip(if: true)` or `@include(if: false)` written as literals; a
    /// variable has no value during validation, so the selection stays.
    static bool excluded(const std::vector<ast::Directive>& directives) {
        auto literal_if = [&](std::string_view name) -> std::optional<bool> {
            for (const auto& directive : directives) {
                if (directive.name.value != name) continue;
                for (const auto& argument : directive.arguments) {
                    if (argument.name.value == "if" && argument.value.kind == ast::ValueKind::Boolean) {
                        return argument.value.boolean;
                    }
                }
                return std::nullopt;
            }
            return std::nullopt;
        };
        return literal_if("skip") == std::optional<bool>(true) || literal_if("include") == std::optional<bool>(false);
    }

    bool condition_matches(const std::optional<ast::Name>& condition, const NamedType* runtime_type) const {
        if (!condition) return true;
        const NamedType* conditional_type = schema().type(condition->value);
        if (conditional_type == runtime_type) return true;
        if (conditional_type != nullptr && conditional_type->is_abstract()) {
            return schema().is_sub_type(conditional_type, runtime_type);
        }
        return false;
    }

    void collect_fields(const NamedType* runtime_type, const ast::SelectionSet& set, GroupedFields& fields,
                        std::unordered_set<std::string_view>& visited_fragments) {
        context().spend_fragment_work(set.selections.size());
        for (const auto& selection : set.selections) {
            context().spend_fragment_work(selection.directives.size());
            for (const auto& directive : selection.directives) {
                if (directive.name.value == "skip" || directive.name.value == "include") {
                    context().spend_fragment_work(directive.arguments.size());
                }
            }
            switch (selection.kind) {
                case ast::Selection::Kind::Field: {
                    if (excluded(selection.directives)) break;
                    const std::string& key = selection.response_key();
                    auto [entry, inserted] = fields.index.emplace(key, fields.groups.size());
                    if (inserted) fields.groups.emplace_back(key, std::vector<const ast::Selection*>{});
                    fields.groups[entry->second].second.push_back(&selection);
                    break;
                }
                case ast::Selection::Kind::InlineFragment:
                    if (excluded(selection.directives) || !condition_matches(selection.type_condition, runtime_type)) {
                        break;
                    }
                    collect_fields(runtime_type, selection.selection_set, fields, visited_fragments);
                    break;
                case ast::Selection::Kind::FragmentSpread: {
                    if (visited_fragments.contains(selection.name.value) || excluded(selection.directives)) break;
                    visited_fragments.insert(selection.name.value);
                    const ast::FragmentDefinition* fragment = context().fragment(selection.name.value);
                    if (fragment == nullptr || !condition_matches(fragment->type_condition, runtime_type)) break;
                    collect_fields(runtime_type, fragment->selection_set, fields, visited_fragments);
                    break;
                }
            }
        }
    }

    bool m_counted_definitions = false;
};

// GraphQL spec §5.5.1.1 Fragment Name Uniqueness.
class UniqueFragmentNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& /*operation*/) override { return Visit::Skip; }
    Visit enter_fragment_definition(const ast::FragmentDefinition& fragment) override {
        auto [known, inserted] = m_known.emplace(fragment.name.value, fragment.name.loc);
        if (!inserted) {
            report("There can be only one fragment named \"" + fragment.name.value + "\".",
                   {known->second, fragment.name.loc});
        }
        return Visit::Skip;
    }

private:
    std::unordered_map<std::string_view, Location> m_known;
};

// GraphQL spec §5.5.2.1 Fragment Spread Target Defined.
class KnownFragmentNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_fragment_spread(const ast::Selection& spread) override {
        if (context().fragment(spread.name.value) == nullptr) {
            report("Unknown fragment \"" + spread.name.value + "\".", {spread.name.loc});
        }
        return Visit::Continue;
    }
};

// GraphQL spec §5.5.1.4 Fragments Must Be Used.
class NoUnusedFragments final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& operation) override {
        m_operations.push_back(&operation);
        return Visit::Skip;
    }
    Visit enter_fragment_definition(const ast::FragmentDefinition& fragment) override {
        m_fragments.push_back(&fragment);
        return Visit::Skip;
    }
    void leave_document(const ast::Document& /*document*/) override {
        std::unordered_set<std::string_view> used;
        for (const auto* fragment : context().recursively_referenced_fragments(m_operations)) {
            used.insert(fragment->name.value);
        }
        for (const auto* fragment : m_fragments) {
            if (!used.contains(fragment->name.value)) {
                report("Fragment \"" + fragment->name.value + "\" is never used.", {fragment->loc});
            }
        }
    }

private:
    std::vector<const ast::OperationDefinition*> m_operations;
    std::vector<const ast::FragmentDefinition*> m_fragments;
};

// GraphQL spec §5.5.2.2 Fragment Spreads Must Not Form Cycles: a depth-first
// search that reports each cycle once, with the spreads along it.
class NoFragmentCycles final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& /*operation*/) override { return Visit::Skip; }
    Visit enter_fragment_definition(const ast::FragmentDefinition& fragment) override {
        detect_cycle_recursive(fragment);
        return Visit::Skip;
    }

private:
    void detect_cycle_recursive(const ast::FragmentDefinition& fragment) {
        const std::string& fragment_name = fragment.name.value;
        if (!m_visited.insert(fragment_name).second) return;
        const auto& spread_nodes = context().fragment_spreads(fragment.selection_set);
        if (spread_nodes.empty()) return;

        m_spread_path_index[fragment_name] = m_spread_path.size();
        for (const auto* spread_node : spread_nodes) {
            const std::string& spread_name = spread_node->name.value;
            auto cycle_index = m_spread_path_index.find(spread_name);
            m_spread_path.push_back(spread_node);
            if (cycle_index == m_spread_path_index.end()) {
                if (const auto* spread_fragment = context().fragment(spread_name)) {
                    detect_cycle_recursive(*spread_fragment);
                }
            } else {
                std::string via;
                std::vector<Location> locations;
                for (size_t i = cycle_index->second; i < m_spread_path.size(); ++i) {
                    locations.push_back(m_spread_path[i]->loc);
                    if (i + 1 < m_spread_path.size()) {
                        if (!via.empty()) via += ", ";
                        via += '"' + m_spread_path[i]->name.value + '"';
                    }
                }
                report("Cannot spread fragment \"" + spread_name + "\" within itself" +
                           (via.empty() ? std::string(".") : " via " + via + "."),
                       std::move(locations));
            }
            m_spread_path.pop_back();
        }
        m_spread_path_index.erase(fragment_name);
    }

    std::unordered_set<std::string_view> m_visited;
    std::vector<const ast::Selection*> m_spread_path;
    std::unordered_map<std::string_view, size_t> m_spread_path_index;
};

}  // namespace

std::unique_ptr<Rule> make_executable_definitions(ValidationContext& context) {
    return std::make_unique<ExecutableDefinitions>(context);
}
std::unique_ptr<Rule> make_unique_operation_names(ValidationContext& context) {
    return std::make_unique<UniqueOperationNames>(context);
}
std::unique_ptr<Rule> make_lone_anonymous_operation(ValidationContext& context) {
    return std::make_unique<LoneAnonymousOperation>(context);
}
std::unique_ptr<Rule> make_single_field_subscriptions(ValidationContext& context) {
    return std::make_unique<SingleFieldSubscriptions>(context);
}
std::unique_ptr<Rule> make_unique_fragment_names(ValidationContext& context) {
    return std::make_unique<UniqueFragmentNames>(context);
}
std::unique_ptr<Rule> make_known_fragment_names(ValidationContext& context) {
    return std::make_unique<KnownFragmentNames>(context);
}
std::unique_ptr<Rule> make_no_unused_fragments(ValidationContext& context) {
    return std::make_unique<NoUnusedFragments>(context);
}
std::unique_ptr<Rule> make_no_fragment_cycles(ValidationContext& context) {
    return std::make_unique<NoFragmentCycles>(context);
}

}  // namespace rampart::graphql::detail
