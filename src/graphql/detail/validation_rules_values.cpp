// Rules about input values (GraphQL spec §5.6).

#include <unordered_map>

#include "graphql/detail/suggestions.h"
#include "graphql/detail/validation_context.h"
#include "graphql/parser.h"

namespace rampart::graphql::detail {
namespace {

/// Whether an Int literal lies outside the 32-bit signed range of GraphQL
/// spec §3.5.1.
bool outside_int32(std::string_view text) {
    const bool negative = !text.empty() && text.front() == '-';
    std::string_view digits = negative ? text.substr(1) : text;
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > 10) return true;
    int64_t value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return negative ? value > 2147483648LL : value > 2147483647LL;
}

// GraphQL spec §5.6.1 Values of Correct Type: literals are checked as the
// scalars' literal coercion (§3.5) and enums (§3.9) would coerce them.
class ValuesOfCorrectType final : public Rule {
public:
    using Rule::Rule;

    Visit enter_value(const ast::Value& value) override {
        switch (value.kind) {
            case ast::ValueKind::List:
                if (!info().parent_input_type().nullable().is_list()) {
                    check_leaf_value(value);
                    return Visit::Skip;
                }
                return Visit::Continue;
            case ast::ValueKind::Object: return enter_object(value);
            case ast::ValueKind::Null: {
                TypeUse type = info().input_type();
                if (type.is_non_null()) {
                    report("Expected value of type \"" + type.to_string() + "\", found null.", {value.loc});
                }
                return Visit::Continue;
            }
            case ast::ValueKind::Variable: return Visit::Continue;
            default: check_leaf_value(value); return Visit::Continue;
        }
    }

    Visit enter_object_field(const ast::ObjectField& field) override {
        const NamedType* parent_type = info().parent_input_type().named;
        if (!info().input_type().known() && parent_type != nullptr && parent_type->kind == TypeKind::InputObject) {
            std::vector<std::string> names;
            names.reserve(parent_type->input_fields.size());
            for (const auto& input_field : parent_type->input_fields) names.push_back(input_field.name);
            report("Field \"" + field.name.value + "\" is not defined by type \"" + parent_type->name + "\"." +
                       did_you_mean(suggestion_list(field.name.value, names)),
                   {field.loc});
        }
        return Visit::Continue;
    }

private:
    Visit enter_object(const ast::Value& value) {
        const NamedType* type = info().input_type().named;
        if (type == nullptr || type->kind != TypeKind::InputObject) {
            check_leaf_value(value);
            return Visit::Skip;
        }
        // Ensure every required field exists.
        for (const auto& field : type->input_fields) {
            if (!field.type.is_non_null() || field.default_value) continue;
            bool given = false;
            for (const auto& field_node : value.fields) {
                if (field_node.name.value == field.name) {
                    given = true;
                    break;
                }
            }
            if (!given) {
                report("Field \"" + type->name + "." + field.name + "\" of required type \"" +
                           TypeUse::of(field.type).to_string() + "\" was not provided.",
                       {value.loc});
            }
        }
        return Visit::Continue;
    }

    /// graphql-js `isValidValueNode`: the value must suit a leaf type.
    void check_leaf_value(const ast::Value& value) {
        TypeUse location_type = info().input_type();
        if (!location_type.known()) return;
        const NamedType* type = location_type.named;
        if (!type->is_leaf()) {
            report("Expected value of type \"" + location_type.to_string() + "\", found " + print_value(value) + ".",
                   {value.loc});
            return;
        }
        if (type->kind == TypeKind::Enum) {
            check_enum_value(type, value);
            return;
        }
        const std::string& name = type->name;
        if (!type->built_in) return;  // Custom scalars accept any literal (graphql-js valueFromASTUntyped).
        const ast::ValueKind kind = value.kind;
        if (name == "Int") {
            if (kind != ast::ValueKind::Int) {
                report("Int cannot represent non-integer value: " + print_value(value), {value.loc});
            } else if (outside_int32(value.text)) {
                report("Int cannot represent non 32-bit signed integer value: " + value.text, {value.loc});
            }
        } else if (name == "Float") {
            if (kind != ast::ValueKind::Float && kind != ast::ValueKind::Int) {
                report("Float cannot represent non numeric value: " + print_value(value), {value.loc});
            }
        } else if (name == "String") {
            if (kind != ast::ValueKind::String) {
                report("String cannot represent a non string value: " + print_value(value), {value.loc});
            }
        } else if (name == "Boolean") {
            if (kind != ast::ValueKind::Boolean) {
                report("Boolean cannot represent a non boolean value: " + print_value(value), {value.loc});
            }
        } else if (name == "ID") {
            if (kind != ast::ValueKind::String && kind != ast::ValueKind::Int) {
                report("ID cannot represent a non-string and non-integer value: " + print_value(value), {value.loc});
            }
        }
    }

    void check_enum_value(const NamedType* type, const ast::Value& value) {
        if (value.kind == ast::ValueKind::Enum && type->enum_value(value.text) != nullptr) return;
        const std::string printed = print_value(value);
        std::vector<std::string> names;
        names.reserve(type->enum_values.size());
        for (const auto& enum_value : type->enum_values) names.push_back(enum_value.name);
        const std::string suggestion = did_you_mean(suggestion_list(printed, names), "the enum value");
        if (value.kind != ast::ValueKind::Enum) {
            report("Enum \"" + type->name + "\" cannot represent non-enum value: " + printed + "." + suggestion,
                   {value.loc});
        } else {
            report("Value \"" + printed + "\" does not exist in \"" + type->name + "\" enum." + suggestion,
                   {value.loc});
        }
    }
};

// GraphQL spec §5.6.3 Input Object Field Uniqueness.
class UniqueInputFieldNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_value(const ast::Value& value) override {
        if (value.kind == ast::ValueKind::Object) m_known.emplace_back();
        return Visit::Continue;
    }
    void leave_value(const ast::Value& value) override {
        if (value.kind == ast::ValueKind::Object) m_known.pop_back();
    }
    Visit enter_object_field(const ast::ObjectField& field) override {
        if (m_known.empty()) return Visit::Continue;
        auto [known, inserted] = m_known.back().emplace(field.name.value, field.name.loc);
        if (!inserted) {
            report("There can be only one input field named \"" + field.name.value + "\".",
                   {known->second, field.name.loc});
        }
        return Visit::Continue;
    }

private:
    std::vector<std::unordered_map<std::string_view, Location>> m_known;
};

}  // namespace

std::unique_ptr<Rule> make_values_of_correct_type(ValidationContext& context) {
    return std::make_unique<ValuesOfCorrectType>(context);
}
std::unique_ptr<Rule> make_unique_input_field_names(ValidationContext& context) {
    return std::make_unique<UniqueInputFieldNames>(context);
}

}  // namespace rampart::graphql::detail
