#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rampart::graphql {

/// A position in a GraphQL source text, both 1-based (GraphQL spec §2.1:
/// line terminators are LF, CRLF and CR; columns count Unicode code points).
struct Location {
    uint32_t line = 0;
    uint32_t column = 0;

    friend bool operator==(const Location&, const Location&) = default;
};

/// The abstract syntax tree of a GraphQL document (GraphQL spec §2, October
/// 2021 edition, and the type system definitions of §3). Every node carries
/// the location of its first token. Nodes are plain values: a parsed
/// document owns its whole tree.
namespace ast {

struct Name {
    std::string value;
    Location loc;
};

/// §2.9 Input values. One node type for all kinds keeps the tree copyable
/// and simple to walk.
enum class ValueKind : uint8_t { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };

struct ObjectField;

struct Value {
    ValueKind kind = ValueKind::Null;
    Location loc;
    /// Variable: the name without `$`; Int/Float: the literal as written;
    /// String: the decoded value (escapes and block-string indentation
    /// resolved); Enum: the name.
    std::string text;
    bool boolean = false;             ///< Boolean
    bool block_string = false;        ///< String written as """…"""
    std::vector<Value> list;          ///< List
    std::vector<ObjectField> fields;  ///< Object, in source order
};

struct ObjectField {
    Name name;
    Value value;
    Location loc;
};

/// §2.11 Type references: `[Int!]!` is name "Int" with wrappers
/// {NonNull, List, NonNull}, outermost first.
enum class TypeWrapper : uint8_t { List, NonNull };

struct TypeRef {
    Name name;
    std::vector<TypeWrapper> wrappers;
    Location loc;
};

struct Argument {
    Name name;
    Value value;
    Location loc;
};

struct Directive {
    Name name;
    std::vector<Argument> arguments;
    Location loc;
};

struct Selection;

struct SelectionSet {
    std::vector<Selection> selections;
    Location loc;  ///< the `{`; line 0 when the node has no selection set
};

/// §2.4–2.8: a field, a fragment spread or an inline fragment.
struct Selection {
    enum class Kind : uint8_t { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    Location loc;
    std::optional<Name> alias;           ///< Field
    Name name;                           ///< Field: the field; FragmentSpread: the fragment
    std::vector<Argument> arguments;     ///< Field
    std::vector<Directive> directives;   ///< all kinds
    std::optional<Name> type_condition;  ///< InlineFragment (optional there too)
    SelectionSet selection_set;          ///< Field (may be empty) and InlineFragment

    /// The key of the field in the response: the alias, else the name.
    [[nodiscard]] const std::string& response_key() const { return alias ? alias->value : name.value; }
};

enum class OperationType : uint8_t { Query, Mutation, Subscription };

struct VariableDefinition {
    Name variable;  ///< without `$`
    TypeRef type;
    std::optional<Value> default_value;
    std::vector<Directive> directives;
    Location loc;
};

/// §2.3
struct OperationDefinition {
    OperationType operation = OperationType::Query;
    std::optional<Name> name;
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selection_set;
    Location loc;
    bool shorthand = false;  ///< `{ … }` without the `query` keyword
};

/// §2.8
struct FragmentDefinition {
    Name name;
    Name type_condition;
    std::vector<Directive> directives;
    SelectionSet selection_set;
    Location loc;
};

// Type system (§3), for the SDL the schema is built from.

struct InputValueDefinition {
    std::optional<std::string> description;
    Name name;
    TypeRef type;
    std::optional<Value> default_value;
    std::vector<Directive> directives;
    Location loc;
};

struct FieldDefinition {
    std::optional<std::string> description;
    Name name;
    std::vector<InputValueDefinition> arguments;
    TypeRef type;
    std::vector<Directive> directives;
    Location loc;
};

struct EnumValueDefinition {
    std::optional<std::string> description;
    Name name;
    std::vector<Directive> directives;
    Location loc;
};

enum class TypeDefinitionKind : uint8_t { Scalar, Object, Interface, Union, Enum, InputObject };

/// A type definition or, with `extension`, a type extension (§3.4.3).
struct TypeDefinition {
    TypeDefinitionKind kind = TypeDefinitionKind::Object;
    bool extension = false;
    std::optional<std::string> description;
    Name name;
    std::vector<Name> interfaces;  ///< Object, Interface
    std::vector<Directive> directives;
    std::vector<FieldDefinition> fields;             ///< Object, Interface
    std::vector<InputValueDefinition> input_fields;  ///< InputObject
    std::vector<Name> union_members;                 ///< Union
    std::vector<EnumValueDefinition> enum_values;    ///< Enum
    Location loc;
};

struct OperationTypeDefinition {
    OperationType operation = OperationType::Query;
    Name type;
    Location loc;
};

/// `schema { … }` or `extend schema …` (§3.3).
struct SchemaDefinition {
    bool extension = false;
    std::optional<std::string> description;
    std::vector<Directive> directives;
    std::vector<OperationTypeDefinition> operation_types;
    Location loc;
};

/// §3.13
struct DirectiveDefinition {
    std::optional<std::string> description;
    Name name;
    std::vector<InputValueDefinition> arguments;
    bool repeatable = false;
    std::vector<Name> locations;
    Location loc;
};

using Definition =
    std::variant<OperationDefinition, FragmentDefinition, SchemaDefinition, TypeDefinition, DirectiveDefinition>;

struct Document {
    std::vector<Definition> definitions;
};

}  // namespace ast
}  // namespace rampart::graphql
