// Rules about variables (GraphQL spec §5.8).

#include <unordered_map>
#include <unordered_set>

#include "graphql/detail/validation_context.h"

namespace rampart::graphql::detail {
namespace {

// GraphQL spec §5.8.1 Variable Uniqueness.
class UniqueVariableNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& operation) override {
        // Groups in first-seen order, as graphql-js `groupBy` keeps them.
        std::vector<std::pair<std::string_view, std::vector<Location>>> groups;
        std::unordered_map<std::string_view, size_t> index;
        for (const auto& definition : operation.variables) {
            auto [found, inserted] = index.emplace(definition.variable.value, groups.size());
            if (inserted) groups.emplace_back(definition.variable.value, std::vector<Location>{});
            groups[found->second].second.push_back(definition.variable.loc);
        }
        for (auto& [name, locations] : groups) {
            if (locations.size() > 1) {
                report("There can be only one variable named \"$" + std::string(name) + "\".", std::move(locations));
            }
        }
        return Visit::Continue;
    }
};

// GraphQL spec §5.8.3 All Variable Uses Defined.
class NoUndefinedVariables final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& /*operation*/) override {
        m_defined.clear();
        return Visit::Continue;
    }
    Visit enter_variable_definition(const ast::VariableDefinition& definition) override {
        m_defined.insert(definition.variable.value);
        return Visit::Continue;
    }
    void leave_operation(const ast::OperationDefinition& operation) override {
        for (const auto& usage : context().recursive_variable_usages(operation)) {
            const std::string& name = usage.node->text;
            if (m_defined.contains(name)) continue;
            report(operation.name
                       ? "Variable \"$" + name + "\" is not defined by operation \"" + operation.name->value + "\"."
                       : "Variable \"$" + name + "\" is not defined.",
                   {usage.node->loc, operation.loc});
        }
    }

private:
    std::unordered_set<std::string_view> m_defined;
};

// GraphQL spec §5.8.4 All Variables Used.
class NoUnusedVariables final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& /*operation*/) override {
        m_definitions.clear();
        return Visit::Continue;
    }
    Visit enter_variable_definition(const ast::VariableDefinition& definition) override {
        m_definitions.push_back(&definition);
        return Visit::Continue;
    }
    void leave_operation(const ast::OperationDefinition& operation) override {
        std::unordered_set<std::string_view> used;
        for (const auto& usage : context().recursive_variable_usages(operation)) used.insert(usage.node->text);
        for (const auto* definition : m_definitions) {
            const std::string& name = definition->variable.value;
            if (used.contains(name)) continue;
            report(operation.name
                       ? "Variable \"$" + name + "\" is never used in operation \"" + operation.name->value + "\"."
                       : "Variable \"$" + name + "\" is never used.",
                   {definition->loc});
        }
    }

private:
    std::vector<const ast::VariableDefinition*> m_definitions;
};

// GraphQL spec §5.8.5 All Variable Usages Are Allowed.
class VariablesInAllowedPosition final : public Rule {
public:
    using Rule::Rule;

    Visit enter_operation(const ast::OperationDefinition& /*operation*/) override {
        m_definitions.clear();
        return Visit::Continue;
    }
    Visit enter_variable_definition(const ast::VariableDefinition& definition) override {
        m_definitions[definition.variable.value] = &definition;
        return Visit::Continue;
    }
    void leave_operation(const ast::OperationDefinition& operation) override {
        for (const auto& usage : context().recursive_variable_usages(operation)) {
            const std::string& name = usage.node->text;
            auto found = m_definitions.find(name);
            if (found == m_definitions.end() || !usage.type.known()) continue;
            const ast::VariableDefinition& definition = *found->second;
            TypeUse variable_type = type_from_ast(schema(), definition.type);
            if (variable_type.known() && !allowed_variable_usage(variable_type, definition, usage)) {
                report("Variable \"$" + name + "\" of type \"" + variable_type.to_string() +
                           "\" used in position expecting type \"" + usage.type.to_string() + "\".",
                       {definition.loc, usage.node->loc});
            }
        }
    }

private:
    /// A nullable variable may stand in a non-null position when it or the
    /// position has a non-null default value (§5.8.5 AreTypesCompatible and
    /// the default-value allowance).
    bool allowed_variable_usage(TypeUse variable_type, const ast::VariableDefinition& definition,
                                const VariableUsage& usage) const {
        if (usage.type.is_non_null() && !variable_type.is_non_null()) {
            const bool has_non_null_variable_default =
                definition.default_value && definition.default_value->kind != ast::ValueKind::Null;
            if (!has_non_null_variable_default && !usage.has_default) return false;
            return is_type_sub_type_of(schema(), variable_type, usage.type.of_type());
        }
        return is_type_sub_type_of(schema(), variable_type, usage.type);
    }

    std::unordered_map<std::string_view, const ast::VariableDefinition*> m_definitions;
};

}  // namespace

std::unique_ptr<Rule> make_unique_variable_names(ValidationContext& context) {
    return std::make_unique<UniqueVariableNames>(context);
}
std::unique_ptr<Rule> make_no_undefined_variables(ValidationContext& context) {
    return std::make_unique<NoUndefinedVariables>(context);
}
std::unique_ptr<Rule> make_no_unused_variables(ValidationContext& context) {
    return std::make_unique<NoUnusedVariables>(context);
}
std::unique_ptr<Rule> make_variables_in_allowed_position(ValidationContext& context) {
    return std::make_unique<VariablesInAllowedPosition>(context);
}

}  // namespace rampart::graphql::detail
