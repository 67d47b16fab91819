#include "graphql/detail/validation_context.h"

#include <algorithm>
#include <unordered_set>
#include <variant>

namespace rampart::graphql::detail {
namespace {

/// Collects the variables of an operation or fragment with the input type
/// of their positions; variable definitions (and their default values) are
/// not usages.
class VariableUsageCollector final : public Visitor {
public:
    VariableUsageCollector(const TypeInfo& info, std::vector<VariableUsage>& usages) : m_info(info), m_usages(usages) {}

    Visit enter_variable_definition(const ast::VariableDefinition& /*definition*/) override { return Visit::Skip; }
    Visit enter_value(const ast::Value& value) override {
        if (value.kind == ast::ValueKind::Variable) {
            m_usages.push_back(VariableUsage{&value, m_info.input_type(), m_info.has_default_value()});
        }
        return Visit::Continue;
    }

private:
    const TypeInfo& m_info;
    std::vector<VariableUsage>& m_usages;
};

}  // namespace

ValidationContext::ValidationContext(const Schema& schema, const ast::Document& document)
    : m_schema(schema), m_document(document), m_meta(schema), m_type_info(schema, m_meta) {
    for (const auto& definition : document.definitions) {
        if (const auto* fragment = std::get_if<ast::FragmentDefinition>(&definition)) {
            m_fragments[fragment->name.value] = fragment;
        }
    }
}

const ast::FragmentDefinition* ValidationContext::fragment(std::string_view name) const {
    auto found = m_fragments.find(name);
    return found == m_fragments.end() ? nullptr : found->second;
}

const std::vector<const ast::Selection*>& ValidationContext::fragment_spreads(const ast::SelectionSet& set) {
    auto found = m_fragment_spreads.find(&set);
    if (found != m_fragment_spreads.end()) return found->second;
    std::vector<const ast::Selection*> spreads;
    // graphql-js uses a stack: a set's own spreads come first, then the
    // nested sets, last one first.
    std::vector<const ast::SelectionSet*> sets_to_visit{&set};
    while (!sets_to_visit.empty()) {
        const ast::SelectionSet* current = sets_to_visit.back();
        sets_to_visit.pop_back();
        for (const auto& selection : current->selections) {
            if (selection.kind == ast::Selection::Kind::FragmentSpread) {
                spreads.push_back(&selection);
            } else if (!selection.selection_set.selections.empty()) {
                sets_to_visit.push_back(&selection.selection_set);
            }
        }
    }
    return m_fragment_spreads.emplace(&set, std::move(spreads)).first->second;
}

namespace {

/// The names a set of operations spreads directly, in first-seen order.
std::vector<std::string_view> direct_spread_names(ValidationContext& context,
                                                  const std::vector<const ast::OperationDefinition*>& operations) {
    std::vector<std::string_view> names;
    std::unordered_set<std::string_view> seen;
    for (const auto* operation : operations) {
        for (const auto* spread : context.fragment_spreads(operation->selection_set)) {
            if (seen.insert(spread->name.value).second) names.push_back(spread->name.value);
        }
    }
    return names;
}

std::vector<std::string_view> sorted(std::vector<std::string_view> names) {
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

const std::vector<const ast::FragmentDefinition*>& ValidationContext::recursively_referenced_fragments(
    const std::vector<const ast::OperationDefinition*>& operations) {
    // An insertion-ordered set of names that grows while it is iterated.
    std::vector<std::string_view> collected_names = direct_spread_names(*this, operations);
    std::vector<std::string_view> key = sorted(collected_names);
    auto cached = m_referenced_fragments.find(key);
    if (cached != m_referenced_fragments.end()) return cached->second;

    std::unordered_set<std::string_view> seen(collected_names.begin(), collected_names.end());
    spend_fragment_work(collected_names.size());
    std::vector<const ast::FragmentDefinition*> fragments;
    for (size_t i = 0; i < collected_names.size(); ++i) {
        const ast::FragmentDefinition* definition = fragment(collected_names[i]);
        if (definition == nullptr) continue;
        fragments.push_back(definition);
        const auto& spreads = fragment_spreads(definition->selection_set);
        spend_fragment_work(spreads.size());
        for (const auto* spread : spreads) {
            if (seen.insert(spread->name.value).second) collected_names.push_back(spread->name.value);
        }
    }
    return m_referenced_fragments.emplace(std::move(key), std::move(fragments)).first->second;
}

template <typename Node>
const std::vector<VariableUsage>& ValidationContext::variable_usages(const Node& node) {
    auto found = m_variable_usages.find(&node);
    if (found != m_variable_usages.end()) return found->second;
    std::vector<VariableUsage> usages;
    TypeInfo type_info(m_schema, m_meta);
    VariableUsageCollector collector(type_info, usages);
    walk(node, type_info, collector);
    return m_variable_usages.emplace(&node, std::move(usages)).first->second;
}

const std::vector<VariableUsage>& ValidationContext::recursive_variable_usages(
    const ast::OperationDefinition& operation) {
    auto found = m_recursive_variable_usages.find(&operation);
    if (found != m_recursive_variable_usages.end()) return found->second;
    const auto& fragments = recursively_referenced_fragments({&operation});
    // The fragments' usages are remembered with the fragments themselves.
    std::vector<std::string_view> key = sorted(direct_spread_names(*this, {&operation}));
    auto fragment_usages = m_fragment_variable_usages.find(key);
    if (fragment_usages == m_fragment_variable_usages.end()) {
        spend_fragment_work(fragments.size());
        std::vector<VariableUsage> usages;
        for (const auto* fragment : fragments) {
            const auto& local = variable_usages(*fragment);
            spend_fragment_work(local.size());
            usages.insert(usages.end(), local.begin(), local.end());
        }
        fragment_usages = m_fragment_variable_usages.emplace(std::move(key), std::move(usages)).first;
    }
    spend_fragment_work(fragment_usages->second.size());
    std::vector<VariableUsage> usages = variable_usages(operation);
    usages.insert(usages.end(), fragment_usages->second.begin(), fragment_usages->second.end());
    return m_recursive_variable_usages.emplace(&operation, std::move(usages)).first->second;
}

void ValidationContext::report(size_t rule, std::string message, std::vector<Location> locations) {
    if (m_reported.size() >= MAX_ERRORS) {
        throw ValidationAborted{"Too many validation errors, error limit reached. Validation aborted."};
    }
    m_reported.push_back(Reported{rule, GraphQLError{std::move(message), std::move(locations), {}, {}}});
}

void ValidationContext::spend_fragment_work(size_t cost) {
    if (cost > m_remaining_fragment_work) throw ValidationAborted{"Validation aborted."};
    m_remaining_fragment_work -= cost;
}

}  // namespace rampart::graphql::detail
