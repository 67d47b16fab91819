#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/ast.h"
#include "graphql/detail/type_info.h"
#include "graphql/detail/visitor.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace rampart::graphql::detail {

/// Thrown inside validation only, when a budget that guards against hostile
/// documents runs out; validate() catches it and reports what graphql-js
/// reports. It never leaves the library.
struct ValidationAborted {
    std::string message;
};

/// A variable as a value of the document uses it, with the input type of
/// its position and whether that position has a default value
/// (graphql-js `VariableUsage`).
struct VariableUsage {
    const ast::Value* node = nullptr;
    TypeUse type;
    bool has_default = false;
};

/// What every rule shares during one validation (graphql-js
/// `ValidationContext`): the schema, the document, the TypeInfo of the walk,
/// fragment lookups and the errors found.
class ValidationContext {
public:
    /// graphql-js `validate` stops after 100 errors.
    static constexpr size_t MAX_ERRORS = 100;

    ValidationContext(const Schema& schema, const ast::Document& document);

    [[nodiscard]] const Schema& schema() const { return m_schema; }
    [[nodiscard]] const ast::Document& document() const { return m_document; }
    [[nodiscard]] const MetaFields& meta_fields() const { return m_meta; }
    [[nodiscard]] TypeInfo& type_info() { return m_type_info; }
    [[nodiscard]] const TypeInfo& type_info() const { return m_type_info; }

    /// The fragment definition of that name (the last one when repeated).
    [[nodiscard]] const ast::FragmentDefinition* fragment(std::string_view name) const;
    /// The fragment spreads below a selection set, nested ones after the
    /// set's own, in graphql-js order (`getFragmentSpreads`).
    [[nodiscard]] const std::vector<const ast::Selection*>& fragment_spreads(const ast::SelectionSet& set);
    /// The fragments the operations reach through spreads, transitively.
    /// As in graphql-js, the answer is remembered by the set of fragments the
    /// operations spread directly, so operations spreading the same set share
    /// one answer (and its order).
    [[nodiscard]] const std::vector<const ast::FragmentDefinition*>& recursively_referenced_fragments(
        const std::vector<const ast::OperationDefinition*>& operations);
    /// Every variable used in the operation and the fragments it reaches.
    [[nodiscard]] const std::vector<VariableUsage>& recursive_variable_usages(
        const ast::OperationDefinition& operation);

    /// Records an error of the rule with that index.
    void report(size_t rule, std::string message, std::vector<Location> locations);
    /// Meters work over fragments (graphql-js `spendFragmentWork`).
    void spend_fragment_work(size_t cost);

    struct Reported {
        size_t rule;
        GraphQLError error;
    };
    [[nodiscard]] std::vector<Reported>& reported() { return m_reported; }

private:
    template <typename Node>
    const std::vector<VariableUsage>& variable_usages(const Node& node);

    const Schema& m_schema;
    const ast::Document& m_document;
    MetaFields m_meta;
    TypeInfo m_type_info;
    std::unordered_map<std::string_view, const ast::FragmentDefinition*> m_fragments;
    std::unordered_map<const ast::SelectionSet*, std::vector<const ast::Selection*>> m_fragment_spreads;
    std::unordered_map<const void*, std::vector<VariableUsage>> m_variable_usages;
    std::unordered_map<const ast::OperationDefinition*, std::vector<VariableUsage>> m_recursive_variable_usages;
    /// Keyed by the sorted names of the directly spread fragments.
    std::map<std::vector<std::string_view>, std::vector<const ast::FragmentDefinition*>> m_referenced_fragments;
    std::map<std::vector<std::string_view>, std::vector<VariableUsage>> m_fragment_variable_usages;
    std::vector<Reported> m_reported;
    size_t m_remaining_fragment_work = 50000;
};

/// A validation rule: a visitor that reports through the shared context.
class Rule : public Visitor {
public:
    explicit Rule(ValidationContext& context) : m_context(context) {}
    void set_index(size_t index) { m_index = index; }

protected:
    [[nodiscard]] ValidationContext& context() const { return m_context; }
    [[nodiscard]] const Schema& schema() const { return m_context.schema(); }
    [[nodiscard]] const TypeInfo& info() const { return m_context.type_info(); }
    void report(std::string message, std::vector<Location> locations) {
        m_context.report(m_index, std::move(message), std::move(locations));
    }

private:
    ValidationContext& m_context;
    size_t m_index = 0;
};

using RuleFactory = std::unique_ptr<Rule> (*)(ValidationContext&);

/// A rule by its graphql-js name without the "Rule" suffix.
struct RuleEntry {
    std::string_view name;
    RuleFactory make;
};

/// graphql-js v16 `specifiedRules`, in its order: the rules of GraphQL spec
/// §5 plus MaxIntrospectionDepth.
[[nodiscard]] const std::vector<RuleEntry>& specified_rules();
/// The optional rules graphql-js ships (NoDeprecatedCustom,
/// NoSchemaIntrospectionCustom).
[[nodiscard]] const std::vector<RuleEntry>& custom_rules();

// The rules, one factory each (validation_rules_*.cpp).
std::unique_ptr<Rule> make_executable_definitions(ValidationContext& context);
std::unique_ptr<Rule> make_unique_operation_names(ValidationContext& context);
std::unique_ptr<Rule> make_lone_anonymous_operation(ValidationContext& context);
std::unique_ptr<Rule> make_single_field_subscriptions(ValidationContext& context);
std::unique_ptr<Rule> make_known_type_names(ValidationContext& context);
std::unique_ptr<Rule> make_fragments_on_composite_types(ValidationContext& context);
std::unique_ptr<Rule> make_variables_are_input_types(ValidationContext& context);
std::unique_ptr<Rule> make_scalar_leafs(ValidationContext& context);
std::unique_ptr<Rule> make_fields_on_correct_type(ValidationContext& context);
std::unique_ptr<Rule> make_unique_fragment_names(ValidationContext& context);
std::unique_ptr<Rule> make_known_fragment_names(ValidationContext& context);
std::unique_ptr<Rule> make_no_unused_fragments(ValidationContext& context);
std::unique_ptr<Rule> make_possible_fragment_spreads(ValidationContext& context);
std::unique_ptr<Rule> make_no_fragment_cycles(ValidationContext& context);
std::unique_ptr<Rule> make_unique_variable_names(ValidationContext& context);
std::unique_ptr<Rule> make_no_undefined_variables(ValidationContext& context);
std::unique_ptr<Rule> make_no_unused_variables(ValidationContext& context);
std::unique_ptr<Rule> make_known_directives(ValidationContext& context);
std::unique_ptr<Rule> make_unique_directives_per_location(ValidationContext& context);
std::unique_ptr<Rule> make_known_argument_names(ValidationContext& context);
std::unique_ptr<Rule> make_unique_argument_names(ValidationContext& context);
std::unique_ptr<Rule> make_values_of_correct_type(ValidationContext& context);
std::unique_ptr<Rule> make_provided_required_arguments(ValidationContext& context);
std::unique_ptr<Rule> make_variables_in_allowed_position(ValidationContext& context);
std::unique_ptr<Rule> make_overlapping_fields_can_be_merged(ValidationContext& context);
std::unique_ptr<Rule> make_unique_input_field_names(ValidationContext& context);
std::unique_ptr<Rule> make_max_introspection_depth(ValidationContext& context);
std::unique_ptr<Rule> make_no_deprecated_custom(ValidationContext& context);
std::unique_ptr<Rule> make_no_schema_introspection_custom(ValidationContext& context);

}  // namespace rampart::graphql::detail
