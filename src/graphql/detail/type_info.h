#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace rampart::graphql::detail {

/// A possibly wrapped type as validation tracks it (graphql-js GraphQLType):
/// a named type and its list/non-null wrappers, outermost first, borrowed
/// from the schema or from the document. A null `named` stands for
/// "unknown" (graphql-js `undefined`).
struct TypeUse {
    const NamedType* named = nullptr;
    std::span<const ast::TypeWrapper> wrappers;

    [[nodiscard]] static TypeUse of(const TypeRef& ref) { return {ref.named, ref.wrappers}; }
    [[nodiscard]] bool known() const { return named != nullptr; }
    [[nodiscard]] bool is_non_null() const {
        return !wrappers.empty() && wrappers.front() == ast::TypeWrapper::NonNull;
    }
    [[nodiscard]] bool is_list() const { return !wrappers.empty() && wrappers.front() == ast::TypeWrapper::List; }
    [[nodiscard]] bool is_wrapped() const { return !wrappers.empty(); }
    /// The wrapped type (graphql-js `ofType`); only for wrapped types.
    [[nodiscard]] TypeUse of_type() const { return {named, wrappers.subspan(1)}; }
    /// graphql-js `getNullableType`.
    [[nodiscard]] TypeUse nullable() const { return is_non_null() ? of_type() : *this; }
    /// `[Int!]!`, as graphql-js `inspect(type)` prints it.
    [[nodiscard]] std::string to_string() const;

    /// Structural equality: graphql-js compares wrapped types by identity only
    /// as a shortcut before comparing them structurally.
    friend bool operator==(const TypeUse& left, const TypeUse& right) {
        return left.named == right.named &&
               std::equal(left.wrappers.begin(), left.wrappers.end(), right.wrappers.begin(), right.wrappers.end());
    }
};

[[nodiscard]] inline bool is_composite(const NamedType* type) {
    return type != nullptr &&
           (type->kind == TypeKind::Object || type->kind == TypeKind::Interface || type->kind == TypeKind::Union);
}

/// The introspection types of GraphQL spec §4.5 (graphql-js `isIntrospectionType`).
[[nodiscard]] bool is_introspection_type(const NamedType* type);

/// The meta-fields every schema answers (GraphQL spec §4.4): `__schema` and
/// `__type` on the query type, `__typename` on every composite type.
class MetaFields {
public:
    explicit MetaFields(const Schema& schema);

    [[nodiscard]] const Field* schema_field() const { return m_schema.type.named ? &m_schema : nullptr; }
    [[nodiscard]] const Field* type_field() const { return m_type.type.named ? &m_type : nullptr; }
    [[nodiscard]] const Field* typename_field() const { return m_typename.type.named ? &m_typename : nullptr; }

private:
    Field m_schema;
    Field m_type;
    Field m_typename;
};

/// The field definition a field selects on `parent`, meta-fields included
/// (graphql-js `getFieldDef` of TypeInfo).
[[nodiscard]] const Field* find_field_def(const Schema& schema, const MetaFields& meta, const NamedType* parent,
                                          std::string_view name);

/// The type a type reference of the document names, or unknown
/// (graphql-js `typeFromAST`).
[[nodiscard]] TypeUse type_from_ast(const Schema& schema, const ast::TypeRef& ref);

/// graphql-js `isTypeSubTypeOf`.
[[nodiscard]] bool is_type_sub_type_of(const Schema& schema, TypeUse maybe_sub_type, TypeUse super_type);

/// graphql-js `doTypesOverlap` for two composite types.
[[nodiscard]] bool do_types_overlap(const Schema& schema, const NamedType* a, const NamedType* b);

/// The state graphql-js `TypeInfo` keeps while a document is walked: the
/// output and input types at the current position, the parent composite
/// type, the field, directive and argument definitions in scope. The walker
/// calls the enter/leave pairs; rules read the accessors.
class TypeInfo {
public:
    TypeInfo(const Schema& schema, const MetaFields& meta) : m_schema(schema), m_meta(meta) {}

    [[nodiscard]] TypeUse type() const { return m_types.empty() ? TypeUse{} : m_types.back(); }
    [[nodiscard]] const NamedType* parent_type() const {
        return m_parent_types.empty() ? nullptr : m_parent_types.back();
    }
    [[nodiscard]] const Field* field_def() const { return m_field_defs.empty() ? nullptr : m_field_defs.back(); }
    [[nodiscard]] TypeUse input_type() const { return m_input_types.empty() ? TypeUse{} : m_input_types.back(); }
    [[nodiscard]] TypeUse parent_input_type() const {
        return m_input_types.size() < 2 ? TypeUse{} : m_input_types[m_input_types.size() - 2];
    }
    /// Whether the current input position has a default value (an argument
    /// or input field declared with one).
    [[nodiscard]] bool has_default_value() const { return !m_has_defaults.empty() && m_has_defaults.back(); }
    [[nodiscard]] const DirectiveDef* directive() const { return m_directive; }
    [[nodiscard]] const InputValue* argument() const { return m_argument; }
    [[nodiscard]] const EnumValue* enum_value() const { return m_enum_value; }

    void enter_selection_set();
    void leave_selection_set() { m_parent_types.pop_back(); }
    void enter_field(const ast::Selection& field);
    void leave_field() {
        m_field_defs.pop_back();
        m_types.pop_back();
    }
    void enter_directive(const ast::Directive& directive) { m_directive = m_schema.directive(directive.name.value); }
    void leave_directive() { m_directive = nullptr; }
    void enter_operation(const ast::OperationDefinition& operation);
    void enter_fragment(const std::optional<ast::Name>& type_condition);
    /// Leaves an operation, an inline fragment or a fragment definition.
    void leave_typed_scope() { m_types.pop_back(); }
    void enter_variable_definition(const ast::VariableDefinition& definition);
    void leave_variable_definition() { m_input_types.pop_back(); }
    void enter_argument(const ast::Argument& argument);
    void leave_argument();
    void enter_list();
    void enter_object_field(const ast::ObjectField& field);
    /// Leaves a list value or an object field.
    void leave_input_position();
    void enter_enum(const ast::Value& value);
    void leave_enum() { m_enum_value = nullptr; }

private:
    const Schema& m_schema;
    const MetaFields& m_meta;
    std::vector<TypeUse> m_types;
    std::vector<const NamedType*> m_parent_types;
    std::vector<const Field*> m_field_defs;
    std::vector<TypeUse> m_input_types;
    std::vector<bool> m_has_defaults;
    const DirectiveDef* m_directive = nullptr;
    const InputValue* m_argument = nullptr;
    const EnumValue* m_enum_value = nullptr;
};

}  // namespace rampart::graphql::detail
