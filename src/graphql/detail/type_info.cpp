#include "graphql/detail/type_info.h"

#include <array>

namespace rampart::graphql::detail {

std::string TypeUse::to_string() const {
    if (named == nullptr) return "undefined";
    // Wrappers are outermost first: every list opens before the name and
    // closes, like every non-null mark, after it, innermost first.
    std::string text;
    for (ast::TypeWrapper wrapper : wrappers) {
        if (wrapper == ast::TypeWrapper::List) text += '[';
    }
    text += named->name;
    for (size_t i = wrappers.size(); i > 0; --i) text += wrappers[i - 1] == ast::TypeWrapper::List ? ']' : '!';
    return text;
}

bool is_introspection_type(const NamedType* type) {
    static constexpr std::array<std::string_view, 8> NAMES = {"__Schema",    "__Directive", "__DirectiveLocation",
                                                              "__Type",      "__Field",     "__InputValue",
                                                              "__EnumValue", "__TypeKind"};
    return type != nullptr && std::find(NAMES.begin(), NAMES.end(), type->name) != NAMES.end();
}

MetaFields::MetaFields(const Schema& schema) {
    const NamedType* schema_type = schema.type("__Schema");
    const NamedType* type_type = schema.type("__Type");
    const NamedType* string_type = schema.type("String");

    m_schema.name = "__schema";
    m_schema.description = "Access the current type schema of this server.";
    m_schema.type = TypeRef{schema_type, {ast::TypeWrapper::NonNull}};

    m_type.name = "__type";
    m_type.description = "Request the type information of a single type.";
    m_type.type = TypeRef{type_type, {}};
    InputValue name_argument;
    name_argument.name = "name";
    name_argument.type = TypeRef{string_type, {ast::TypeWrapper::NonNull}};
    m_type.arguments.push_back(std::move(name_argument));

    m_typename.name = "__typename";
    m_typename.description = "The name of the current Object type at runtime.";
    m_typename.type = TypeRef{string_type, {ast::TypeWrapper::NonNull}};
}

const Field* find_field_def(const Schema& schema, const MetaFields& meta, const NamedType* parent,
                            std::string_view name) {
    if (parent == nullptr) return nullptr;
    if (name == "__schema" && schema.query_type() == parent) return meta.schema_field();
    if (name == "__type" && schema.query_type() == parent) return meta.type_field();
    if (name == "__typename" && is_composite(parent)) return meta.typename_field();
    if (parent->kind == TypeKind::Object || parent->kind == TypeKind::Interface) return parent->field(name);
    return nullptr;
}

TypeUse type_from_ast(const Schema& schema, const ast::TypeRef& ref) {
    const NamedType* named = schema.type(ref.name.value);
    if (named == nullptr) return {};
    return {named, ref.wrappers};
}

bool is_type_sub_type_of(const Schema& schema, TypeUse maybe_sub_type, TypeUse super_type) {
    // Equivalent type is a valid subtype.
    if (maybe_sub_type == super_type) return true;
    // If the super type is non-null, the sub type must be non-null too.
    if (super_type.is_non_null()) {
        if (maybe_sub_type.is_non_null()) {
            return is_type_sub_type_of(schema, maybe_sub_type.of_type(), super_type.of_type());
        }
        return false;
    }
    // A non-null sub type is a subtype of a nullable super type.
    if (maybe_sub_type.is_non_null()) return is_type_sub_type_of(schema, maybe_sub_type.of_type(), super_type);
    if (super_type.is_list()) {
        if (maybe_sub_type.is_list())
            return is_type_sub_type_of(schema, maybe_sub_type.of_type(), super_type.of_type());
        return false;
    }
    if (maybe_sub_type.is_list()) return false;
    // An abstract super type is a super type of its possible types.
    return super_type.named != nullptr && super_type.named->is_abstract() && maybe_sub_type.named != nullptr &&
           (maybe_sub_type.named->kind == TypeKind::Interface || maybe_sub_type.named->kind == TypeKind::Object) &&
           schema.is_sub_type(super_type.named, maybe_sub_type.named);
}

bool do_types_overlap(const Schema& schema, const NamedType* a, const NamedType* b) {
    if (a == b) return true;
    if (a->is_abstract()) {
        if (b->is_abstract()) {
            // Two abstract types overlap when they share a possible type.
            for (const NamedType* type : schema.possible_types(a)) {
                if (schema.is_sub_type(b, type)) return true;
            }
            return false;
        }
        return schema.is_sub_type(a, b);
    }
    if (b->is_abstract()) return schema.is_sub_type(b, a);
    return false;
}

void TypeInfo::enter_selection_set() {
    const NamedType* named = type().named;
    m_parent_types.push_back(is_composite(named) ? named : nullptr);
}

void TypeInfo::enter_field(const ast::Selection& field) {
    const Field* definition = find_field_def(m_schema, m_meta, parent_type(), field.name.value);
    m_field_defs.push_back(definition);
    m_types.push_back(definition != nullptr ? TypeUse::of(definition->type) : TypeUse{});
}

void TypeInfo::enter_operation(const ast::OperationDefinition& operation) {
    const NamedType* root = nullptr;
    switch (operation.operation) {
        case ast::OperationType::Query: root = m_schema.query_type(); break;
        case ast::OperationType::Mutation: root = m_schema.mutation_type(); break;
        case ast::OperationType::Subscription: root = m_schema.subscription_type(); break;
    }
    m_types.push_back(root != nullptr && root->kind == TypeKind::Object ? TypeUse{root, {}} : TypeUse{});
}

void TypeInfo::enter_fragment(const std::optional<ast::Name>& type_condition) {
    const NamedType* named = type_condition ? m_schema.type(type_condition->value) : type().named;
    m_types.push_back(named != nullptr && named->is_output() ? TypeUse{named, {}} : TypeUse{});
}

void TypeInfo::enter_variable_definition(const ast::VariableDefinition& definition) {
    TypeUse input = type_from_ast(m_schema, definition.type);
    m_input_types.push_back(input.known() && input.named->is_input() ? input : TypeUse{});
}

void TypeInfo::enter_argument(const ast::Argument& argument) {
    // graphql-js looks the argument up on the directive when there is one,
    // else on the field (even for an unknown directive on a field).
    const std::vector<InputValue>* arguments = nullptr;
    if (m_directive != nullptr) {
        arguments = &m_directive->arguments;
    } else if (const Field* field = field_def()) {
        arguments = &field->arguments;
    }
    const InputValue* definition = nullptr;
    if (arguments != nullptr) {
        for (const auto& candidate : *arguments) {
            if (candidate.name == argument.name.value) {
                definition = &candidate;
                break;
            }
        }
    }
    m_argument = definition;
    m_has_defaults.push_back(definition != nullptr && definition->default_value.has_value());
    m_input_types.push_back(definition != nullptr && definition->type.named->is_input() ? TypeUse::of(definition->type)
                                                                                        : TypeUse{});
}

void TypeInfo::leave_argument() {
    m_argument = nullptr;
    m_has_defaults.pop_back();
    m_input_types.pop_back();
}

void TypeInfo::enter_list() {
    TypeUse list_type = input_type().nullable();
    TypeUse item_type = list_type.is_list() ? list_type.of_type() : list_type;
    // List positions never have a default value.
    m_has_defaults.push_back(false);
    m_input_types.push_back(item_type.known() && item_type.named->is_input() ? item_type : TypeUse{});
}

void TypeInfo::enter_object_field(const ast::ObjectField& field) {
    const NamedType* object_type = input_type().named;
    const InputValue* input_field = nullptr;
    if (object_type != nullptr && object_type->kind == TypeKind::InputObject) {
        input_field = object_type->input_field(field.name.value);
    }
    m_has_defaults.push_back(input_field != nullptr && input_field->default_value.has_value());
    m_input_types.push_back(
        input_field != nullptr && input_field->type.named->is_input() ? TypeUse::of(input_field->type) : TypeUse{});
}

void TypeInfo::leave_input_position() {
    m_has_defaults.pop_back();
    m_input_types.pop_back();
}

void TypeInfo::enter_enum(const ast::Value& value) {
    const NamedType* enum_type = input_type().named;
    m_enum_value =
        enum_type != nullptr && enum_type->kind == TypeKind::Enum ? enum_type->enum_value(value.text) : nullptr;
}

}  // namespace rampart::graphql::detail
