#include <memory>
#include <span>
#include <string>
#include <vector>

#include "graphql/detail/introspection.h"
#include "graphql/values.h"

namespace rampart::graphql::detail {

namespace json = boost::json;

std::string_view builtin_sdl() {
    // Generated from graphql-js 16.8.1 (specifiedScalarTypes,
    // specifiedDirectives, introspectionTypes); descriptions as plain strings.
    return R"graphql("The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."
scalar String

"The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."
scalar Int

"The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."
scalar Float

"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean

"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."
scalar ID

"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include(
  "Included when true."
  if: Boolean!
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip(
  "Skipped when true."
  if: Boolean!
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated(
  "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)."
  reason: String = "No longer supported"
) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE

"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy(
  "The URL that specifies the behavior of this scalar."
  url: String!
) on SCALAR

"A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations."
type __Schema {
  description: String
  "A list of all types supported by this server."
  types: [__Type!]!
  "The type that query operations will be rooted at."
  queryType: __Type!
  "If this server supports mutation, the type that mutation operations will be rooted at."
  mutationType: __Type
  "If this server support subscription, the type that subscription operations will be rooted at."
  subscriptionType: __Type
  "A list of all directives supported by this server."
  directives: [__Directive!]!
}

"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}

"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies."
enum __DirectiveLocation {
  "Location adjacent to a query operation."
  QUERY
  "Location adjacent to a mutation operation."
  MUTATION
  "Location adjacent to a subscription operation."
  SUBSCRIPTION
  "Location adjacent to a field."
  FIELD
  "Location adjacent to a fragment definition."
  FRAGMENT_DEFINITION
  "Location adjacent to a fragment spread."
  FRAGMENT_SPREAD
  "Location adjacent to an inline fragment."
  INLINE_FRAGMENT
  "Location adjacent to a variable definition."
  VARIABLE_DEFINITION
  "Location adjacent to a schema definition."
  SCHEMA
  "Location adjacent to a scalar definition."
  SCALAR
  "Location adjacent to an object type definition."
  OBJECT
  "Location adjacent to a field definition."
  FIELD_DEFINITION
  "Location adjacent to an argument definition."
  ARGUMENT_DEFINITION
  "Location adjacent to an interface definition."
  INTERFACE
  "Location adjacent to a union definition."
  UNION
  "Location adjacent to an enum definition."
  ENUM
  "Location adjacent to an enum value definition."
  ENUM_VALUE
  "Location adjacent to an input object type definition."
  INPUT_OBJECT
  "Location adjacent to an input object field definition."
  INPUT_FIELD_DEFINITION
}

"The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}

"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}

"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  "A GraphQL-formatted string representing the default value for this input value."
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"An enum describing what kind of type a given `__Type` is."
enum __TypeKind {
  "Indicates this type is a scalar."
  SCALAR
  "Indicates this type is an object. `fields` and `interfaces` are valid fields."
  OBJECT
  "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."
  INTERFACE
  "Indicates this type is a union. `possibleTypes` is a valid field."
  UNION
  "Indicates this type is an enum. `enumValues` is a valid field."
  ENUM
  "Indicates this type is an input object. `inputFields` is a valid field."
  INPUT_OBJECT
  "Indicates this type is a list. `ofType` is a valid field."
  LIST
  "Indicates this type is a non-null. `ofType` is a valid field."
  NON_NULL
})graphql";
}

namespace {

/// What a __Type object stands for: a named type with list/non-null
/// wrappers around it (GraphQL spec §4.2.2), borrowed from the schema.
struct IntrospectedType {
    const NamedType* named = nullptr;
    std::span<const ast::TypeWrapper> wrappers;
};

/// A non-owning pointer into the schema, which outlives every execution.
template <typename T>
std::shared_ptr<const T> borrow(const T& item) {
    return std::shared_ptr<const T>(std::shared_ptr<const void>(), &item);
}

ResolvedValue nullable_text(const std::string& text) {
    if (text.empty()) return ResolvedValue::null();
    return {json::value(text)};
}

ResolvedValue optional_text(const std::optional<std::string>& text) {
    if (!text) return ResolvedValue::null();
    return {json::value(*text)};
}

bool include_deprecated(const ResolveContext& context) {
    const json::value* flag = context.argument("includeDeprecated");
    return flag != nullptr && flag->is_bool() && flag->get_bool();
}

const char* kind_name(TypeKind kind) {
    switch (kind) {
        case TypeKind::Scalar: return "SCALAR";
        case TypeKind::Object: return "OBJECT";
        case TypeKind::Interface: return "INTERFACE";
        case TypeKind::Union: return "UNION";
        case TypeKind::Enum: return "ENUM";
        case TypeKind::InputObject: return "INPUT_OBJECT";
    }
    return "SCALAR";
}

/// The resolvers close over the introspection types they produce.
struct Introspection {
    const Schema* schema = nullptr;
    const NamedType* schema_type = nullptr;
    const NamedType* type_type = nullptr;
    const NamedType* field_type = nullptr;
    const NamedType* input_value_type = nullptr;
    const NamedType* enum_value_type = nullptr;
    const NamedType* directive_type = nullptr;

    [[nodiscard]] ResolvedValue type_of(const NamedType* named, std::span<const ast::TypeWrapper> wrappers = {}) const {
        if (named == nullptr) return ResolvedValue::null();
        return ResolvedValue::object(*type_type,
                                     std::make_shared<const IntrospectedType>(IntrospectedType{named, wrappers}));
    }
    [[nodiscard]] ResolvedValue type_of(const TypeRef& ref) const { return type_of(ref.named, ref.wrappers); }

    [[nodiscard]] ResolvedValue types_of(const std::vector<const NamedType*>& types) const {
        std::vector<ResolvedValue> items;
        items.reserve(types.size());
        for (const auto* named : types) items.push_back(type_of(named));
        return ResolvedValue::list(std::move(items));
    }

    [[nodiscard]] ResolvedValue input_values(const std::vector<InputValue>& values, bool with_deprecated) const {
        std::vector<ResolvedValue> items;
        items.reserve(values.size());
        for (const auto& value : values) {
            if (with_deprecated || !value.deprecation_reason) {
                items.push_back(ResolvedValue::object(*input_value_type, borrow(value)));
            }
        }
        return ResolvedValue::list(std::move(items));
    }
};

void bind_schema(Schema& schema, const std::shared_ptr<const Introspection>& in) {
    schema.bind("__Schema", "description",
                [in](const ResolveContext&) -> FieldResult { return nullable_text(in->schema->description()); });
    schema.bind("__Schema", "types", [in](const ResolveContext&) -> FieldResult {
        std::vector<const NamedType*> types;
        types.reserve(in->schema->types().size());
        for (const auto& named : in->schema->types()) types.push_back(named.get());
        return in->types_of(types);
    });
    schema.bind("__Schema", "queryType",
                [in](const ResolveContext&) -> FieldResult { return in->type_of(in->schema->query_type()); });
    schema.bind("__Schema", "mutationType",
                [in](const ResolveContext&) -> FieldResult { return in->type_of(in->schema->mutation_type()); });
    schema.bind("__Schema", "subscriptionType",
                [in](const ResolveContext&) -> FieldResult { return in->type_of(in->schema->subscription_type()); });
    schema.bind("__Schema", "directives", [in](const ResolveContext&) -> FieldResult {
        std::vector<ResolvedValue> items;
        items.reserve(in->schema->directives().size());
        for (const auto& directive : in->schema->directives()) {
            items.push_back(ResolvedValue::object(*in->directive_type, borrow(directive)));
        }
        return ResolvedValue::list(std::move(items));
    });
}

void bind_type(Schema& schema, const std::shared_ptr<const Introspection>& in) {
    schema.bind("__Type", "kind", [](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty()) return type.wrappers.front() == ast::TypeWrapper::List ? "LIST" : "NON_NULL";
        return kind_name(type.named->kind);
    });
    schema.bind("__Type", "name", [](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty()) return ResolvedValue::null();
        return type.named->name;
    });
    schema.bind("__Type", "description", [](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty()) return ResolvedValue::null();
        return nullable_text(type.named->description);
    });
    schema.bind("__Type", "specifiedByURL", [](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() || type.named->kind != TypeKind::Scalar) return ResolvedValue::null();
        return optional_text(type.named->specified_by_url);
    });
    schema.bind("__Type", "fields", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() ||
            (type.named->kind != TypeKind::Object && type.named->kind != TypeKind::Interface)) {
            return ResolvedValue::null();
        }
        bool with_deprecated = include_deprecated(context);
        std::vector<ResolvedValue> items;
        items.reserve(type.named->fields.size());
        for (const auto& field : type.named->fields) {
            if (with_deprecated || !field.deprecation_reason) {
                items.push_back(ResolvedValue::object(*in->field_type, borrow(field)));
            }
        }
        return ResolvedValue::list(std::move(items));
    });
    schema.bind("__Type", "interfaces", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() ||
            (type.named->kind != TypeKind::Object && type.named->kind != TypeKind::Interface)) {
            return ResolvedValue::null();
        }
        return in->types_of(type.named->interfaces);
    });
    schema.bind("__Type", "possibleTypes", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() || !type.named->is_abstract()) return ResolvedValue::null();
        return in->types_of(in->schema->possible_types(type.named));
    });
    schema.bind("__Type", "enumValues", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() || type.named->kind != TypeKind::Enum) return ResolvedValue::null();
        bool with_deprecated = include_deprecated(context);
        std::vector<ResolvedValue> items;
        items.reserve(type.named->enum_values.size());
        for (const auto& value : type.named->enum_values) {
            if (with_deprecated || !value.deprecation_reason) {
                items.push_back(ResolvedValue::object(*in->enum_value_type, borrow(value)));
            }
        }
        return ResolvedValue::list(std::move(items));
    });
    schema.bind("__Type", "inputFields", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (!type.wrappers.empty() || type.named->kind != TypeKind::InputObject) return ResolvedValue::null();
        return in->input_values(type.named->input_fields, include_deprecated(context));
    });
    schema.bind("__Type", "ofType", [in](const ResolveContext& context) -> FieldResult {
        const auto& type = context.parent<IntrospectedType>();
        if (type.wrappers.empty()) return ResolvedValue::null();
        return in->type_of(type.named, type.wrappers.subspan(1));
    });
}

void bind_members(Schema& schema, const std::shared_ptr<const Introspection>& in) {
    schema.bind("__Field", "name",
                [](const ResolveContext& context) -> FieldResult { return context.parent<Field>().name; });
    schema.bind("__Field", "description", [](const ResolveContext& context) -> FieldResult {
        return nullable_text(context.parent<Field>().description);
    });
    schema.bind("__Field", "args", [in](const ResolveContext& context) -> FieldResult {
        return in->input_values(context.parent<Field>().arguments, include_deprecated(context));
    });
    schema.bind("__Field", "type", [in](const ResolveContext& context) -> FieldResult {
        return in->type_of(context.parent<Field>().type);
    });
    schema.bind("__Field", "isDeprecated", [](const ResolveContext& context) -> FieldResult {
        return json::value(context.parent<Field>().deprecation_reason.has_value());
    });
    schema.bind("__Field", "deprecationReason", [](const ResolveContext& context) -> FieldResult {
        return optional_text(context.parent<Field>().deprecation_reason);
    });

    schema.bind("__InputValue", "name",
                [](const ResolveContext& context) -> FieldResult { return context.parent<InputValue>().name; });
    schema.bind("__InputValue", "description", [](const ResolveContext& context) -> FieldResult {
        return nullable_text(context.parent<InputValue>().description);
    });
    schema.bind("__InputValue", "type", [in](const ResolveContext& context) -> FieldResult {
        return in->type_of(context.parent<InputValue>().type);
    });
    schema.bind("__InputValue", "defaultValue", [](const ResolveContext& context) -> FieldResult {
        return optional_text(print_default_value(context.parent<InputValue>()));
    });
    schema.bind("__InputValue", "isDeprecated", [](const ResolveContext& context) -> FieldResult {
        return json::value(context.parent<InputValue>().deprecation_reason.has_value());
    });
    schema.bind("__InputValue", "deprecationReason", [](const ResolveContext& context) -> FieldResult {
        return optional_text(context.parent<InputValue>().deprecation_reason);
    });

    schema.bind("__EnumValue", "name",
                [](const ResolveContext& context) -> FieldResult { return context.parent<EnumValue>().name; });
    schema.bind("__EnumValue", "description", [](const ResolveContext& context) -> FieldResult {
        return nullable_text(context.parent<EnumValue>().description);
    });
    schema.bind("__EnumValue", "isDeprecated", [](const ResolveContext& context) -> FieldResult {
        return json::value(context.parent<EnumValue>().deprecation_reason.has_value());
    });
    schema.bind("__EnumValue", "deprecationReason", [](const ResolveContext& context) -> FieldResult {
        return optional_text(context.parent<EnumValue>().deprecation_reason);
    });

    schema.bind("__Directive", "name",
                [](const ResolveContext& context) -> FieldResult { return context.parent<DirectiveDef>().name; });
    schema.bind("__Directive", "description", [](const ResolveContext& context) -> FieldResult {
        return nullable_text(context.parent<DirectiveDef>().description);
    });
    schema.bind("__Directive", "isRepeatable", [](const ResolveContext& context) -> FieldResult {
        return json::value(context.parent<DirectiveDef>().repeatable);
    });
    schema.bind("__Directive", "locations", [](const ResolveContext& context) -> FieldResult {
        std::vector<ResolvedValue> items;
        for (const auto& location : context.parent<DirectiveDef>().locations) items.emplace_back(location);
        return ResolvedValue::list(std::move(items));
    });
    schema.bind("__Directive", "args", [in](const ResolveContext& context) -> FieldResult {
        return in->input_values(context.parent<DirectiveDef>().arguments, include_deprecated(context));
    });
}

std::shared_ptr<const Introspection> introspection_of(const Schema& schema) {
    auto in = std::make_shared<Introspection>();
    in->schema = &schema;
    in->schema_type = schema.type("__Schema");
    in->type_type = schema.type("__Type");
    in->field_type = schema.type("__Field");
    in->input_value_type = schema.type("__InputValue");
    in->enum_value_type = schema.type("__EnumValue");
    in->directive_type = schema.type("__Directive");
    return in;
}

}  // namespace

void bind_introspection(Schema& schema) {
    auto in = introspection_of(schema);
    bind_schema(schema, in);
    bind_type(schema, in);
    bind_members(schema, in);
}

Resolver schema_meta_resolver(const Schema& schema) {
    auto in = introspection_of(schema);
    return [in](const ResolveContext&) -> FieldResult {
        return ResolvedValue::object(*in->schema_type, borrow(*in->schema));
    };
}

Resolver type_meta_resolver(const Schema& schema) {
    auto in = introspection_of(schema);
    return [in](const ResolveContext& context) -> FieldResult {
        const json::value* name = context.argument("name");
        if (name == nullptr || !name->is_string()) return ResolvedValue::null();
        return in->type_of(in->schema->type(name->get_string()));
    };
}

}  // namespace rampart::graphql::detail
