// Rules about the types a document names and the fields it selects
// (GraphQL spec §5.3, §5.5.1.2–3, §5.5.2.3, §5.8.2).

#include <algorithm>
#include <array>
#include <unordered_set>
#include <variant>

#include "graphql/detail/suggestions.h"
#include "graphql/detail/validation_context.h"

namespace rampart::graphql::detail {
namespace {

/// The scalars of GraphQL spec §3.5 and the introspection types of §4.5:
/// SDL may name them without defining them.
constexpr std::array<std::string_view, 13> STANDARD_TYPE_NAMES = {
    "String", "Int",     "Float",        "Boolean",     "ID",        "__Schema", "__Directive", "__DirectiveLocation",
    "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"};

/// A stable insertion sort: JavaScript's sort on the short arrays these rules
/// sort, and safe with comparators that are not strict weak orders.
template <typename T, typename Less>
void insertion_sort(std::vector<T>& items, Less less) {
    for (size_t i = 1; i < items.size(); ++i) {
        T item = std::move(items[i]);
        size_t j = i;
        while (j > 0 && less(item, items[j - 1])) {
            items[j] = std::move(items[j - 1]);
            --j;
        }
        items[j] = std::move(item);
    }
}

// GraphQL spec §5.5.1.2 Fragment Spread Type Existence, and every other
// named type reference of the document.
class KnownTypeNames final : public Rule {
public:
    explicit KnownTypeNames(ValidationContext& context) : Rule(context) {
        for (const auto& definition : context.document().definitions) {
            const auto* type = std::get_if<ast::TypeDefinition>(&definition);
            if (type != nullptr && !type->extension && m_defined.insert(type->name.value).second) {
                m_defined_names.push_back(type->name.value);
            }
        }
    }

    Visit enter_type_system_definition(const ast::Definition& /*definition*/) override {
        m_in_type_system = true;
        return Visit::Continue;
    }
    void leave_type_system_definition(const ast::Definition& /*definition*/) override { m_in_type_system = false; }

    void enter_named_type(const ast::Name& name) override {
        if (schema().type(name.value) != nullptr || m_defined.contains(name.value)) return;
        const bool standard =
            std::find(STANDARD_TYPE_NAMES.begin(), STANDARD_TYPE_NAMES.end(), name.value) != STANDARD_TYPE_NAMES.end();
        if (m_in_type_system && standard) return;
        std::vector<std::string> options;
        if (m_in_type_system) options.assign(STANDARD_TYPE_NAMES.begin(), STANDARD_TYPE_NAMES.end());
        for (const auto& type : schema().types()) options.push_back(type->name);
        options.insert(options.end(), m_defined_names.begin(), m_defined_names.end());
        report("Unknown type \"" + name.value + "\"." + did_you_mean(suggestion_list(name.value, options)), {name.loc});
    }

private:
    std::unordered_set<std::string_view> m_defined;
    std::vector<std::string> m_defined_names;
    bool m_in_type_system = false;
};

// GraphQL spec §5.5.1.3 Fragments On Composite Types.
class FragmentsOnCompositeTypes final : public Rule {
public:
    using Rule::Rule;

    Visit enter_inline_fragment(const ast::Selection& fragment) override {
        if (fragment.type_condition) {
            const NamedType* type = schema().type(fragment.type_condition->value);
            if (type != nullptr && !is_composite(type)) {
                report("Fragment cannot condition on non composite type \"" + fragment.type_condition->value + "\".",
                       {fragment.type_condition->loc});
            }
        }
        return Visit::Continue;
    }
    Visit enter_fragment_definition(const ast::FragmentDefinition& fragment) override {
        const NamedType* type = schema().type(fragment.type_condition.value);
        if (type != nullptr && !is_composite(type)) {
            report("Fragment \"" + fragment.name.value + "\" cannot condition on non composite type \"" +
                       fragment.type_condition.value + "\".",
                   {fragment.type_condition.loc});
        }
        return Visit::Continue;
    }
};

// GraphQL spec §5.8.2 Variables Are Input Types.
class VariablesAreInputTypes final : public Rule {
public:
    using Rule::Rule;

    Visit enter_variable_definition(const ast::VariableDefinition& definition) override {
        TypeUse type = type_from_ast(schema(), definition.type);
        if (type.known() && !type.named->is_input()) {
            report("Variable \"$" + definition.variable.value + "\" cannot be non-input type \"" + type.to_string() +
                       "\".",
                   {definition.type.loc});
        }
        return Visit::Continue;
    }
};

// GraphQL spec §5.3.3 Leaf Field Selections.
class ScalarLeafs final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        TypeUse type = info().type();
        if (!type.known()) return Visit::Continue;
        const bool has_selection_set = field.selection_set.loc.line != 0 || !field.selection_set.selections.empty();
        const std::string& name = field.name.value;
        if (type.named->is_leaf()) {
            if (has_selection_set) {
                report("Field \"" + name + "\" must not have a selection since type \"" + type.to_string() +
                           "\" has no subfields.",
                       {field.selection_set.loc});
            }
        } else if (!has_selection_set) {
            report("Field \"" + name + "\" of type \"" + type.to_string() +
                       "\" must have a selection of subfields. Did you mean \"" + name + " { ... }\"?",
                   {field.loc});
        } else if (field.selection_set.selections.empty()) {
            report("Field \"" + name + "\" of type \"" + type.to_string() + "\" must have at least one field selected.",
                   {field.loc});
        }
        return Visit::Continue;
    }
};

// GraphQL spec §5.3.1 Field Selections.
class FieldsOnCorrectType final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        const NamedType* type = info().parent_type();
        if (type == nullptr || info().field_def() != nullptr) return Visit::Continue;
        const std::string& name = field.name.value;
        // First suggest types to condition on, else perhaps a typo.
        std::string suggestion = did_you_mean(suggested_type_names(type, name), "to use an inline fragment on");
        if (suggestion.empty()) suggestion = did_you_mean(suggested_field_names(type, name));
        report("Cannot query field \"" + name + "\" on type \"" + type->name + "\"." + suggestion, {field.loc});
        return Visit::Continue;
    }

private:
    /// The possible types of an abstract type that define the field, and
    /// their interfaces that do: the most used first, super types before
    /// their subtypes.
    std::vector<std::string> suggested_type_names(const NamedType* type, std::string_view field_name) const {
        if (!type->is_abstract()) return {};
        std::vector<const NamedType*> suggested;
        std::unordered_map<const NamedType*, int> usage_count;
        for (const NamedType* possible_type : schema().possible_types(type)) {
            if (possible_type->field(field_name) == nullptr) continue;
            if (usage_count.find(possible_type) == usage_count.end()) suggested.push_back(possible_type);
            usage_count[possible_type] = 1;
            for (const NamedType* possible_interface : possible_type->interfaces) {
                if (possible_interface->field(field_name) == nullptr) continue;
                if (usage_count.find(possible_interface) == usage_count.end()) suggested.push_back(possible_interface);
                usage_count[possible_interface] += 1;
            }
        }
        insertion_sort(suggested, [&](const NamedType* a, const NamedType* b) {
            const int usage_diff = usage_count[b] - usage_count[a];
            if (usage_diff != 0) return usage_diff < 0;
            if (a->kind == TypeKind::Interface && schema().is_sub_type(a, b)) return true;
            if (b->kind == TypeKind::Interface && schema().is_sub_type(b, a)) return false;
            return natural_compare(a->name, b->name) < 0;
        });
        std::vector<std::string> names;
        names.reserve(suggested.size());
        for (const NamedType* suggested_type : suggested) names.push_back(suggested_type->name);
        return names;
    }

    static std::vector<std::string> suggested_field_names(const NamedType* type, std::string_view field_name) {
        if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) return {};
        std::vector<std::string> names;
        names.reserve(type->fields.size());
        for (const auto& field : type->fields) names.push_back(field.name);
        return suggestion_list(field_name, names);
    }
};

// GraphQL spec §5.5.2.3 Fragment Spread Is Possible.
class PossibleFragmentSpreads final : public Rule {
public:
    using Rule::Rule;

    Visit enter_inline_fragment(const ast::Selection& fragment) override {
        const NamedType* fragment_type = info().type().named;
        const NamedType* parent_type = info().parent_type();
        if (is_composite(fragment_type) && is_composite(parent_type) &&
            !do_types_overlap(schema(), fragment_type, parent_type)) {
            report("Fragment cannot be spread here as objects of type \"" + parent_type->name +
                       "\" can never be of type \"" + fragment_type->name + "\".",
                   {fragment.loc});
        }
        return Visit::Continue;
    }

    Visit enter_fragment_spread(const ast::Selection& spread) override {
        const ast::FragmentDefinition* fragment = context().fragment(spread.name.value);
        if (fragment == nullptr) return Visit::Continue;
        const NamedType* fragment_type = schema().type(fragment->type_condition.value);
        const NamedType* parent_type = info().parent_type();
        if (is_composite(fragment_type) && parent_type != nullptr &&
            !do_types_overlap(schema(), fragment_type, parent_type)) {
            report("Fragment \"" + spread.name.value + "\" cannot be spread here as objects of type \"" +
                       parent_type->name + "\" can never be of type \"" + fragment_type->name + "\".",
                   {spread.loc});
        }
        return Visit::Continue;
    }
};

}  // namespace

std::unique_ptr<Rule> make_known_type_names(ValidationContext& context) {
    return std::make_unique<KnownTypeNames>(context);
}
std::unique_ptr<Rule> make_fragments_on_composite_types(ValidationContext& context) {
    return std::make_unique<FragmentsOnCompositeTypes>(context);
}
std::unique_ptr<Rule> make_variables_are_input_types(ValidationContext& context) {
    return std::make_unique<VariablesAreInputTypes>(context);
}
std::unique_ptr<Rule> make_scalar_leafs(ValidationContext& context) { return std::make_unique<ScalarLeafs>(context); }
std::unique_ptr<Rule> make_fields_on_correct_type(ValidationContext& context) {
    return std::make_unique<FieldsOnCorrectType>(context);
}
std::unique_ptr<Rule> make_possible_fragment_spreads(ValidationContext& context) {
    return std::make_unique<PossibleFragmentSpreads>(context);
}

}  // namespace rampart::graphql::detail
