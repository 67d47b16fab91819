#include "graphql/validation.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>
#include <variant>

#include "graphql/detail/validation_context.h"

namespace rampart::graphql {
namespace {

constexpr const char* VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";

using detail::RuleEntry;
using detail::ValidationAborted;
using detail::ValidationContext;

/// Runs the rules in one walk of the document and answers the errors of
/// each rule, in the order found (graphql-js `validate`).
/// The rule index of the error that ends an aborted validation.
constexpr size_t ABORTED = std::numeric_limits<size_t>::max();

struct RuleRun {
    std::vector<ValidationContext::Reported> reported;
};

RuleRun run_rules(const Schema& schema, const ast::Document& document, const std::vector<const RuleEntry*>& entries) {
    ValidationContext context(schema, document);
    std::vector<std::unique_ptr<detail::Rule>> rules;
    std::vector<detail::Visitor*> visitors;
    rules.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        rules.push_back(entries[i]->make(context));
        rules.back()->set_index(i);
        visitors.push_back(rules.back().get());
    }
    RuleRun run;
    try {
        detail::ParallelVisitor parallel(std::move(visitors));
        detail::walk(document, context.type_info(), parallel);
    } catch (const ValidationAborted& aborted) {
        context.reported().push_back({ABORTED, GraphQLError{aborted.message, {}, {}, {}}});
    }
    run.reported = std::move(context.reported());
    return run;
}

const RuleEntry* find_rule(std::string_view name) {
    if (name.ends_with("Rule")) name.remove_suffix(4);
    for (const auto* rules : {&detail::specified_rules(), &detail::custom_rules()}) {
        for (const auto& entry : *rules) {
            if (entry.name == name) return &entry;
        }
    }
    return nullptr;
}

/// Saturating addition: expanded fragments may multiply counts beyond any
/// integer.
uint64_t add(uint64_t a, uint64_t b) {
    return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max() : a + b;
}

/// The cost of a selection set with its fragments expanded: the deepest
/// nesting of fields, the number of fields and the number of aliased fields.
struct Cost {
    uint64_t depth = 0;
    uint64_t complexity = 0;
    uint64_t aliases = 0;
};

/// Measures operations in one pass over the document: each fragment is
/// measured once and its cost reused wherever it is spread, so fragments
/// spread many times cost nothing extra to measure.
class CostMeter {
public:
    explicit CostMeter(const ast::Document& document) {
        for (const auto& definition : document.definitions) {
            if (const auto* fragment = std::get_if<ast::FragmentDefinition>(&definition)) {
                m_fragments[fragment->name.value] = fragment;
            }
        }
    }

    Cost measure(const ast::SelectionSet& set) {
        Cost cost;
        for (const auto& selection : set.selections) {
            Cost inner;
            switch (selection.kind) {
                case ast::Selection::Kind::Field:
                    inner = measure(selection.selection_set);
                    inner.depth = add(inner.depth, 1);
                    inner.complexity = add(inner.complexity, 1);
                    if (selection.alias) inner.aliases = add(inner.aliases, 1);
                    break;
                case ast::Selection::Kind::InlineFragment: inner = measure(selection.selection_set); break;
                case ast::Selection::Kind::FragmentSpread: inner = fragment_cost(selection.name.value); break;
            }
            cost.depth = std::max(cost.depth, inner.depth);
            cost.complexity = add(cost.complexity, inner.complexity);
            cost.aliases = add(cost.aliases, inner.aliases);
        }
        return cost;
    }

private:
    Cost fragment_cost(const std::string& name) {
        auto known = m_costs.find(name);
        if (known != m_costs.end()) return known->second;
        auto fragment = m_fragments.find(name);
        if (fragment == m_fragments.end()) return {};
        // The rules refuse cycles before costs are measured; should one reach
        // here anyway, the fragment counts nothing inside itself.
        m_costs[name] = Cost{};
        Cost cost = measure(fragment->second->selection_set);
        m_costs[name] = cost;
        return cost;
    }

    std::unordered_map<std::string_view, const ast::FragmentDefinition*> m_fragments;
    std::unordered_map<std::string_view, Cost> m_costs;
};

GraphQLError cost_error(std::string message, Location location) {
    return GraphQLError{std::move(message), {location}, {}, VALIDATION_FAILED};
}

void check_costs(const ast::Document& document, const CostLimits& limits, std::vector<GraphQLError>& errors) {
    CostMeter meter(document);
    for (const auto& definition : document.definitions) {
        const auto* operation = std::get_if<ast::OperationDefinition>(&definition);
        if (operation == nullptr) continue;
        const Cost cost = meter.measure(operation->selection_set);
        if (cost.depth > limits.max_depth) {
            errors.push_back(cost_error("Query depth " + std::to_string(cost.depth) + " exceeds the maximum depth of " +
                                            std::to_string(limits.max_depth) + ".",
                                        operation->loc));
        }
        if (cost.complexity > limits.max_complexity) {
            errors.push_back(cost_error("Query complexity " + std::to_string(cost.complexity) +
                                            " exceeds the maximum complexity of " +
                                            std::to_string(limits.max_complexity) + ".",
                                        operation->loc));
        }
        if (cost.aliases > limits.max_aliases) {
            errors.push_back(cost_error("Query alias count " + std::to_string(cost.aliases) +
                                            " exceeds the maximum alias count of " +
                                            std::to_string(limits.max_aliases) + ".",
                                        operation->loc));
        }
    }
}

std::vector<GraphQLError> with_code(std::vector<ValidationContext::Reported> reported) {
    std::vector<GraphQLError> errors;
    errors.reserve(reported.size());
    for (auto& entry : reported) {
        entry.error.code = VALIDATION_FAILED;
        errors.push_back(std::move(entry.error));
    }
    return errors;
}

}  // namespace

namespace detail {

const std::vector<RuleEntry>& specified_rules() {
    static const std::vector<RuleEntry> RULES = {
        {"ExecutableDefinitions", make_executable_definitions},
        {"UniqueOperationNames", make_unique_operation_names},
        {"LoneAnonymousOperation", make_lone_anonymous_operation},
        {"SingleFieldSubscriptions", make_single_field_subscriptions},
        {"KnownTypeNames", make_known_type_names},
        {"FragmentsOnCompositeTypes", make_fragments_on_composite_types},
        {"VariablesAreInputTypes", make_variables_are_input_types},
        {"ScalarLeafs", make_scalar_leafs},
        {"FieldsOnCorrectType", make_fields_on_correct_type},
        {"UniqueFragmentNames", make_unique_fragment_names},
        {"KnownFragmentNames", make_known_fragment_names},
        {"NoUnusedFragments", make_no_unused_fragments},
        {"PossibleFragmentSpreads", make_possible_fragment_spreads},
        {"NoFragmentCycles", make_no_fragment_cycles},
        {"UniqueVariableNames", make_unique_variable_names},
        {"NoUndefinedVariables", make_no_undefined_variables},
        {"NoUnusedVariables", make_no_unused_variables},
        {"KnownDirectives", make_known_directives},
        {"UniqueDirectivesPerLocation", make_unique_directives_per_location},
        {"KnownArgumentNames", make_known_argument_names},
        {"UniqueArgumentNames", make_unique_argument_names},
        {"ValuesOfCorrectType", make_values_of_correct_type},
        {"ProvidedRequiredArguments", make_provided_required_arguments},
        {"VariablesInAllowedPosition", make_variables_in_allowed_position},
        {"OverlappingFieldsCanBeMerged", make_overlapping_fields_can_be_merged},
        {"UniqueInputFieldNames", make_unique_input_field_names},
        {"MaxIntrospectionDepth", make_max_introspection_depth},
    };
    return RULES;
}

const std::vector<RuleEntry>& custom_rules() {
    static const std::vector<RuleEntry> RULES = {
        {"NoDeprecatedCustom", make_no_deprecated_custom},
        {"NoSchemaIntrospectionCustom", make_no_schema_introspection_custom},
    };
    return RULES;
}

}  // namespace detail

std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& document, const CostLimits& limits) {
    std::vector<const RuleEntry*> entries;
    for (const auto& entry : detail::specified_rules()) entries.push_back(&entry);
    const size_t specified_count = entries.size();
    // Introspection switched off is graphql-js's NoSchemaIntrospectionCustom
    // rule, run in the same walk; like the cost limits it speaks only when
    // the document is otherwise valid.
    if (!limits.introspection) entries.push_back(find_rule("NoSchemaIntrospectionCustom"));

    RuleRun run = run_rules(schema, document, entries);
    std::vector<ValidationContext::Reported> rule_errors;
    std::vector<ValidationContext::Reported> introspection_errors;
    for (auto& entry : run.reported) {
        (entry.rule == specified_count ? introspection_errors : rule_errors).push_back(std::move(entry));
    }
    if (!rule_errors.empty()) return with_code(std::move(rule_errors));
    std::vector<GraphQLError> errors = with_code(std::move(introspection_errors));
    check_costs(document, limits, errors);
    return errors;
}

std::vector<GraphQLError> validate_rule(const Schema& schema, const ast::Document& document,
                                        std::string_view rule_name) {
    const RuleEntry* entry = find_rule(rule_name);
    if (entry == nullptr) {
        return {GraphQLError{"Unknown validation rule \"" + std::string(rule_name) + "\".", {}, {}, VALIDATION_FAILED}};
    }
    return with_code(run_rules(schema, document, {entry}).reported);
}

}  // namespace rampart::graphql
