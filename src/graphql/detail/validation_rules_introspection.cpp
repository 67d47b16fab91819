// graphql-js's rules beyond GraphQL spec §5: MaxIntrospectionDepth (part of
// its specifiedRules since v16.9) and the optional NoDeprecatedCustom and
// NoSchemaIntrospectionCustom.

#include <unordered_map>

#include "graphql/detail/validation_context.h"

namespace rampart::graphql::detail {
namespace {

// Introspection lists nest without bound (`fields { type { fields … } }`):
// three levels of them inside `__schema` or `__type` are refused.
class MaxIntrospectionDepth final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        if (field.name.value != "__schema" && field.name.value != "__type") return Visit::Continue;
        // For each fragment, the greatest entry depth at which it was
        // visited during this root check.
        std::unordered_map<std::string_view, size_t> visited_fragments;
        if (check_selection(field, visited_fragments, 0)) {
            report("Maximum introspection depth exceeded", {field.loc});
            return Visit::Skip;
        }
        return Visit::Continue;
    }

private:
    static constexpr size_t MAX_LISTS_DEPTH = 3;

    bool check_selection(const ast::Selection& node, std::unordered_map<std::string_view, size_t>& visited,
                         size_t depth) {
        if (node.kind == ast::Selection::Kind::FragmentSpread) return check_spread(node.name.value, visited, depth);
        if (node.kind == ast::Selection::Kind::Field) {
            const std::string& name = node.name.value;
            if (name == "fields" || name == "interfaces" || name == "possibleTypes" || name == "inputFields") {
                ++depth;
                if (depth >= MAX_LISTS_DEPTH) return true;
            }
        }
        return check_set(node.selection_set, visited, depth);
    }

    bool check_set(const ast::SelectionSet& set, std::unordered_map<std::string_view, size_t>& visited, size_t depth) {
        for (const auto& child : set.selections) {
            if (check_selection(child, visited, depth)) return true;
        }
        return false;
    }

    bool check_spread(std::string_view name, std::unordered_map<std::string_view, size_t>& visited, size_t depth) {
        // A check that reached the limit reaches it again from as deep or deeper.
        auto exceeded = m_exceeded_fragments.find(name);
        if (exceeded != m_exceeded_fragments.end() && exceeded->second <= depth) return true;
        // At equal or shallower entry depths, skip revisits (cycles) and
        // reuse completed successful checks.
        auto visited_entry = visited.find(name);
        auto checked_entry = m_checked_fragments.find(name);
        if ((visited_entry != visited.end() && visited_entry->second >= depth) ||
            (checked_entry != m_checked_fragments.end() && checked_entry->second >= depth)) {
            return false;
        }
        const ast::FragmentDefinition* fragment = context().fragment(name);
        if (fragment == nullptr) return false;
        visited[name] = depth;
        if (check_set(fragment->selection_set, visited, depth)) {
            m_exceeded_fragments[name] = depth;
            return true;
        }
        m_checked_fragments[name] = depth;
        return false;
    }

    std::unordered_map<std::string_view, size_t> m_checked_fragments;
    std::unordered_map<std::string_view, size_t> m_exceeded_fragments;
};

// Reports every use of a deprecated field, argument, input field or enum
// value (graphql-js NoDeprecatedCustomRule).
class NoDeprecatedCustom final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        const Field* definition = info().field_def();
        const NamedType* parent_type = info().parent_type();
        if (definition != nullptr && definition->deprecation_reason && parent_type != nullptr) {
            report("The field " + parent_type->name + "." + definition->name + " is deprecated. " +
                       *definition->deprecation_reason,
                   {field.loc});
        }
        return Visit::Continue;
    }

    Visit enter_argument(const ast::Argument& argument) override {
        const InputValue* definition = info().argument();
        if (definition == nullptr || !definition->deprecation_reason) return Visit::Continue;
        if (const DirectiveDef* directive = info().directive()) {
            report("Directive \"@" + directive->name + "\" argument \"" + definition->name + "\" is deprecated. " +
                       *definition->deprecation_reason,
                   {argument.loc});
        } else if (info().parent_type() != nullptr && info().field_def() != nullptr) {
            report("Field \"" + info().parent_type()->name + "." + info().field_def()->name + "\" argument \"" +
                       definition->name + "\" is deprecated. " + *definition->deprecation_reason,
                   {argument.loc});
        }
        return Visit::Continue;
    }

    Visit enter_object_field(const ast::ObjectField& field) override {
        const NamedType* input_object = info().parent_input_type().named;
        if (input_object == nullptr || input_object->kind != TypeKind::InputObject) return Visit::Continue;
        const InputValue* definition = input_object->input_field(field.name.value);
        if (definition != nullptr && definition->deprecation_reason) {
            report("The input field " + input_object->name + "." + definition->name + " is deprecated. " +
                       *definition->deprecation_reason,
                   {field.loc});
        }
        return Visit::Continue;
    }

    Visit enter_value(const ast::Value& value) override {
        if (value.kind != ast::ValueKind::Enum) return Visit::Continue;
        const EnumValue* definition = info().enum_value();
        const NamedType* enum_type = info().input_type().named;
        if (definition != nullptr && definition->deprecation_reason && enum_type != nullptr) {
            report("The enum value \"" + enum_type->name + "." + definition->name + "\" is deprecated. " +
                       *definition->deprecation_reason,
                   {value.loc});
        }
        return Visit::Continue;
    }
};

// Refuses fields whose type is an introspection type (GraphQL spec §4.5),
// `__schema` and `__type` first of all; `__typename` stays allowed
// (graphql-js NoSchemaIntrospectionCustomRule).
class NoSchemaIntrospectionCustom final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        if (is_introspection_type(info().type().named)) {
            report("GraphQL introspection has been disabled, but the requested query contained the field \"" +
                       field.name.value + "\".",
                   {field.loc});
        }
        return Visit::Continue;
    }
};

}  // namespace

std::unique_ptr<Rule> make_max_introspection_depth(ValidationContext& context) {
    return std::make_unique<MaxIntrospectionDepth>(context);
}
std::unique_ptr<Rule> make_no_deprecated_custom(ValidationContext& context) {
    return std::make_unique<NoDeprecatedCustom>(context);
}
std::unique_ptr<Rule> make_no_schema_introspection_custom(ValidationContext& context) {
    return std::make_unique<NoSchemaIntrospectionCustom>(context);
}

}  // namespace rampart::graphql::detail
