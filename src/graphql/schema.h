#pragma once

#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "graphql/ast.h"
#include "graphql/error.h"

namespace rampart::graphql {

enum class TypeKind : uint8_t { Scalar, Object, Interface, Union, Enum, InputObject };

struct NamedType;
class ResolveContext;
class ResolvedValue;

/// What a resolver answers when it fails: the message and `extensions.code`
/// of the field error (GraphQL spec §6.4.4). The field becomes null and the
/// error carries the field's path and location.
struct FieldError {
    std::string message;
    std::string code;
};

/// A resolver's answer: a value or a field error.
class FieldResult;

/// Resolves one field of one object type. Called with the parent object,
/// the coerced arguments and the request's context.
using Resolver = std::function<FieldResult(const ResolveContext&)>;

/// A type as a field, argument or variable refers to it: a named type with
/// list/non-null wrappers, outermost first.
struct TypeRef {
    const NamedType* named = nullptr;
    std::vector<ast::TypeWrapper> wrappers;

    [[nodiscard]] bool is_non_null() const {
        return !wrappers.empty() && wrappers.front() == ast::TypeWrapper::NonNull;
    }
    /// `[Int!]!`
    [[nodiscard]] std::string to_string() const;
};

struct InputValue {
    std::string name;
    std::string description;
    TypeRef type;
    /// As written in the SDL (printed by introspection's `defaultValue`).
    std::optional<ast::Value> default_value;
    /// The default coerced to the type (graphql-js `valueFromAST`); unset
    /// when there is none or it is invalid. Used when the argument or input
    /// field is omitted.
    std::optional<boost::json::value> coerced_default;
    std::optional<std::string> deprecation_reason;
    Location loc;

    /// Non-null without a default: must be given (GraphQL spec §5.4.2.1).
    [[nodiscard]] bool is_required() const { return type.is_non_null() && !coerced_default.has_value(); }
};

struct Field {
    std::string name;
    std::string description;
    std::vector<InputValue> arguments;
    TypeRef type;
    std::optional<std::string> deprecation_reason;
    Resolver resolver;  ///< empty until bound
    Location loc;

    [[nodiscard]] const InputValue* argument(std::string_view arg_name) const;
};

struct EnumValue {
    std::string name;
    std::string description;
    std::optional<std::string> deprecation_reason;
};

/// A named type of the schema (GraphQL spec §3.4).
struct NamedType {
    TypeKind kind = TypeKind::Scalar;
    std::string name;
    std::string description;
    std::optional<std::string> specified_by_url;   ///< Scalar
    std::vector<Field> fields;                     ///< Object, Interface
    std::vector<const NamedType*> interfaces;      ///< Object, Interface
    std::vector<const NamedType*> possible_types;  ///< Union members; Interface implementations (objects)
    std::vector<EnumValue> enum_values;            ///< Enum
    std::vector<InputValue> input_fields;          ///< InputObject
    bool built_in = false;                         ///< Int, Float, String, Boolean, ID and the __ types

    [[nodiscard]] const Field* field(std::string_view field_name) const;
    [[nodiscard]] const InputValue* input_field(std::string_view field_name) const;
    [[nodiscard]] const EnumValue* enum_value(std::string_view value_name) const;
    [[nodiscard]] bool is_leaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    [[nodiscard]] bool is_abstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
    [[nodiscard]] bool is_input() const {
        return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject;
    }
    [[nodiscard]] bool is_output() const { return kind != TypeKind::InputObject; }
};

struct DirectiveDef {
    std::string name;
    std::string description;
    std::vector<InputValue> arguments;
    bool repeatable = false;
    std::vector<std::string> locations;  ///< "QUERY", "FIELD", "FIELD_DEFINITION", …
    bool built_in = false;

    [[nodiscard]] const InputValue* argument(std::string_view arg_name) const;
};

/// A schema built from SDL (GraphQL spec §3), with the built-in scalars,
/// the directives @skip, @include, @deprecated, @specifiedBy and the
/// introspection types added. Immutable once built, except for binding
/// resolvers before serving; shared by all threads afterwards.
class Schema {
public:
    /// Builds a schema from SDL text. All problems (syntax, unknown types,
    /// duplicate names, interface contracts of §3.6.1, …) are reported with
    /// their line:column.
    [[nodiscard]] static std::variant<std::unique_ptr<Schema>, std::vector<GraphQLError>> build(std::string_view sdl);

    [[nodiscard]] const NamedType* type(std::string_view name) const;
    [[nodiscard]] const NamedType* query_type() const { return m_query; }
    [[nodiscard]] const NamedType* mutation_type() const { return m_mutation; }
    [[nodiscard]] const NamedType* subscription_type() const { return m_subscription; }
    [[nodiscard]] const DirectiveDef* directive(std::string_view name) const;
    /// The field `name` of `parent` as a document selects it, including the
    /// meta-fields `__typename` (on every composite type) and `__schema`,
    /// `__type` (on the query root type only), GraphQL spec §4.1; null when
    /// there is none.
    [[nodiscard]] const Field* field_def(const NamedType* parent, std::string_view name) const;
    [[nodiscard]] const std::vector<std::unique_ptr<NamedType>>& types() const { return m_types; }
    [[nodiscard]] const std::vector<DirectiveDef>& directives() const { return m_directives; }
    [[nodiscard]] const std::string& description() const { return m_description; }

    /// Whether `sub` is `super`, an object implementing it, a member of it
    /// (union) or an interface implementing it.
    [[nodiscard]] bool is_sub_type(const NamedType* super, const NamedType* sub) const;
    /// The object types an abstract type may be at run time; the type itself for objects.
    [[nodiscard]] std::vector<const NamedType*> possible_types(const NamedType* type) const;

    /// Binds the resolver of `type_name.field_name`; false when there is no
    /// such field (a programming error the start-up check reports).
    bool bind(std::string_view type_name, std::string_view field_name, Resolver resolver);

    /// "Type.field" for every field of every non-introspection object type
    /// that has no resolver: the start-up check refuses to serve with any.
    [[nodiscard]] std::vector<std::string> unbound_fields() const;

    /// The schema as SDL, as graphql-js `printSchema` prints it (built-ins
    /// left out, descriptions as block strings).
    [[nodiscard]] std::string print() const;

private:
    Schema() = default;
    friend class SchemaBuilder;

    std::vector<std::unique_ptr<NamedType>> m_types;
    std::unordered_map<std::string, NamedType*> m_by_name;
    std::vector<DirectiveDef> m_directives;
    std::string m_description;
    const NamedType* m_query = nullptr;
    const NamedType* m_mutation = nullptr;
    const NamedType* m_subscription = nullptr;
    // The meta-fields of §4.1, resolved by the engine over this schema.
    Field m_schema_field;
    Field m_type_field;
    Field m_typename_field;
};

/// An object as resolvers see it: a shared pointer to any C++ value, typed
/// by the schema's object type it stands for.
struct ObjectRef {
    /// The concrete object type; required when the field's type is abstract.
    const NamedType* type = nullptr;
    std::string type_name;  ///< used when `type` is not set (resolved by name)
    std::shared_ptr<const void> data;
    std::type_index data_type = typeid(void);
};

/// The result of resolving a field before completion (GraphQL spec §6.4.3):
/// null, a leaf (a JSON value the scalar or enum serializes, e.g. a string
/// for ID and enums), a list of resolved values, or an object.
class ResolvedValue {
public:
    enum class Kind : uint8_t { Null, Leaf, List, Object };

    ResolvedValue() = default;
    /// A leaf: string, number, bool; null converts to Null.
    ResolvedValue(boost::json::value leaf);  // NOLINT(google-explicit-constructor): leaves are the common case
    ResolvedValue(std::string text) : ResolvedValue(boost::json::value(std::move(text))) {}  // NOLINT
    ResolvedValue(const char* text) : ResolvedValue(boost::json::value(text)) {}             // NOLINT

    static ResolvedValue null() { return {}; }
    static ResolvedValue list(std::vector<ResolvedValue> items);
    /// An object of the type named `type_name`, holding `data`.
    template <typename T>
    static ResolvedValue object(std::string_view type_name, std::shared_ptr<const T> data) {
        ResolvedValue value;
        value.m_kind = Kind::Object;
        value.m_object.type_name = std::string(type_name);
        value.m_object.data = std::move(data);
        value.m_object.data_type = typeid(T);
        return value;
    }
    template <typename T>
    static ResolvedValue object(std::string_view type_name, T data) {
        return object<T>(type_name, std::make_shared<const T>(std::move(data)));
    }
    /// An object of the type `type` of this schema (no look-up by name).
    template <typename T>
    static ResolvedValue object(const NamedType& type, std::shared_ptr<const T> data) {
        ResolvedValue value;
        value.m_kind = Kind::Object;
        value.m_object.type = &type;
        value.m_object.data = std::move(data);
        value.m_object.data_type = typeid(T);
        return value;
    }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] const boost::json::value& leaf() const { return m_leaf; }
    [[nodiscard]] const std::vector<ResolvedValue>& items() const { return m_items; }
    [[nodiscard]] const ObjectRef& object_ref() const { return m_object; }

private:
    Kind m_kind = Kind::Null;
    boost::json::value m_leaf;
    std::vector<ResolvedValue> m_items;
    ObjectRef m_object;
};

class FieldResult {
public:
    FieldResult(ResolvedValue value) : m_value(std::move(value)) {}     // NOLINT(google-explicit-constructor)
    FieldResult(FieldError error) : m_error(std::move(error)) {}        // NOLINT(google-explicit-constructor)
    FieldResult(boost::json::value leaf) : m_value(std::move(leaf)) {}  // NOLINT(google-explicit-constructor)
    FieldResult(std::string text) : m_value(std::move(text)) {}         // NOLINT(google-explicit-constructor)
    FieldResult(const char* text) : m_value(text) {}                    // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    [[nodiscard]] const ResolvedValue& value() const { return m_value; }
    [[nodiscard]] ResolvedValue& value() { return m_value; }
    [[nodiscard]] const FieldError& error() const { return *m_error; }

private:
    ResolvedValue m_value;
    std::optional<FieldError> m_error;
};

/// A file sent with the GraphQL multipart request format and mapped onto a
/// variable of type `Upload` (the scalar's value is an UploadRef, see
/// Request::uploads). The content lies on disk at `path`.
struct Upload {
    std::string file_name;
    std::string content_type;
    std::string path;
    uint64_t size = 0;
};

/// What a resolver sees.
class ResolveContext {
public:
    ResolveContext(const ObjectRef* parent, const boost::json::object& arguments, const std::any& context,
                   const Field& field, const std::vector<PathSegment>& path,
                   const std::unordered_map<std::string, Upload>& uploads)
        : m_parent(parent),
          m_arguments(arguments),
          m_context(context),
          m_field(field),
          m_path(path),
          m_uploads(uploads) {}

    /// The parent object's data; a programming error (std::logic_error)
    /// when it holds another C++ type.
    template <typename T>
    [[nodiscard]] const T& parent() const {
        if (m_parent == nullptr || m_parent->data_type != typeid(T) || !m_parent->data) {
            throw std::logic_error("resolver of " + m_field.name + " read its parent as the wrong type");
        }
        return *static_cast<const T*>(m_parent->data.get());
    }
    /// The coerced arguments (GraphQL spec §6.4.1): every argument given or
    /// defaulted, as JSON (enums as their names, input objects as objects).
    [[nodiscard]] const boost::json::object& arguments() const { return m_arguments; }
    [[nodiscard]] const boost::json::value* argument(std::string_view name) const {
        return m_arguments.if_contains(name);
    }
    /// The request's context as the caller passed it to execute (e.g. the
    /// acting user and the services of this thread).
    template <typename T>
    [[nodiscard]] T& context() const {
        return *std::any_cast<T*>(m_context);
    }
    [[nodiscard]] const Field& field() const { return m_field; }
    [[nodiscard]] const std::vector<PathSegment>& path() const { return m_path; }
    /// The uploaded file an `Upload` argument value names (its value is the
    /// upload's key string), or null.
    [[nodiscard]] const Upload* upload(std::string_view key) const {
        auto found = m_uploads.find(std::string(key));
        return found == m_uploads.end() ? nullptr : &found->second;
    }

private:
    const ObjectRef* m_parent;
    const boost::json::object& m_arguments;
    const std::any& m_context;
    const Field& m_field;
    const std::vector<PathSegment>& m_path;
    const std::unordered_map<std::string, Upload>& m_uploads;
};

}  // namespace rampart::graphql
