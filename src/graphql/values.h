#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

// Input coercion and output serialisation of values (GraphQL spec §3.5
// scalars, §3.9 enums, §3.10 input objects, §6.1.2 variables, §6.4.1
// arguments), shared by execution, introspection, the schema printer and
// validation. Messages are graphql-js v16's, word for word, because clients
// and conformance suites compare them.
namespace rampart::graphql {

/// A type reference seen from one of its wrappers inwards: `[Int!]!`, then
/// `[Int!]`, `Int!`, `Int`. Borrows the wrappers of a TypeRef (or of any
/// wrapper list that outlives the view).
struct TypeView {
    const NamedType* named = nullptr;
    std::span<const ast::TypeWrapper> wrappers;

    TypeView() = default;
    TypeView(const TypeRef& ref) : named(ref.named), wrappers(ref.wrappers) {}  // NOLINT(google-explicit-constructor)
    TypeView(const NamedType* named_type, std::span<const ast::TypeWrapper> type_wrappers)
        : named(named_type), wrappers(type_wrappers) {}

    [[nodiscard]] bool is_non_null() const {
        return !wrappers.empty() && wrappers.front() == ast::TypeWrapper::NonNull;
    }
    [[nodiscard]] bool is_list() const { return !wrappers.empty() && wrappers.front() == ast::TypeWrapper::List; }
    [[nodiscard]] bool is_named() const { return wrappers.empty(); }
    /// The type one wrapper in: `[Int!]!` → `[Int!]` → `Int!` → `Int`.
    [[nodiscard]] TypeView of_type() const { return {named, wrappers.subspan(1)}; }
    /// The type without its outer non-null wrapper, if any.
    [[nodiscard]] TypeView nullable() const { return is_non_null() ? of_type() : *this; }
    /// `[Int!]!`
    [[nodiscard]] std::string to_string() const;
};

/// Whether two types are the same (graphql-js `isEqualType`).
[[nodiscard]] bool is_equal_type(TypeView a, TypeView b);

/// Whether a value of type `sub` may be used where `super` is expected:
/// covariance through non-null and list, and abstract super types (GraphQL
/// spec §3.6.1 IsValidImplementationFieldType, §5.8.5 AreTypesCompatible;
/// graphql-js `isTypeSubTypeOf`).
[[nodiscard]] bool is_type_sub_type_of(const Schema& schema, TypeView sub, TypeView super);

/// `[Int!]!` of a type as written in a document.
[[nodiscard]] std::string ast_type_string(const ast::TypeRef& type);

/// A number as JavaScript's Number.prototype.toString writes it (`1`,
/// `1.5`, `1e+21`, `1e-7`): the form graphql-js messages and printed
/// default values use.
[[nodiscard]] std::string js_number_string(double number);

/// A JSON value as graphql-js `inspect` shows it in messages: strings
/// quoted, objects as `{ a: 1 }`, nesting deeper than two levels elided.
[[nodiscard]] std::string inspect(const boost::json::value& value);

/// A string quoted and escaped as a GraphQL string literal (graphql-js
/// `printString`).
[[nodiscard]] std::string print_string(std::string_view text);

/// `.a[0].b` for a path (graphql-js `printPathArray`).
[[nodiscard]] std::string print_path(const std::vector<PathSegment>& path);

/// Called for each problem found while coercing an input value: the path
/// inside the value, the offending part and the message.
using CoercionErrorHandler =
    std::function<void(const std::vector<PathSegment>& path, const boost::json::value& invalid, std::string message)>;

/// Coerces a JSON input value (a variable's value) to `type` (GraphQL spec
/// §3.5 input coercion, §6.1.2 CoerceVariableValues; graphql-js
/// `coerceInputValue`): input object defaults filled in, lists of one
/// accepted, enums checked, IDs as strings. Reports every problem through
/// `on_error`; the answer is meaningless when it reported any.
[[nodiscard]] boost::json::value coerce_input_value(const boost::json::value& input, TypeView type,
                                                    const CoercionErrorHandler& on_error);

/// Coerces a literal of a document, with already coerced variables, to
/// `type` (graphql-js `valueFromAST`); nullopt when the literal is invalid
/// (the caller reports it). `variables` may be null (constant contexts).
[[nodiscard]] std::optional<boost::json::value> value_from_ast(const ast::Value& literal, TypeView type,
                                                               const boost::json::object* variables);

/// A literal as plain JSON without a type (custom scalars; graphql-js
/// `valueFromASTUntyped`).
[[nodiscard]] boost::json::value value_from_ast_untyped(const ast::Value& literal,
                                                        const boost::json::object* variables);

/// ParseLiteral of a scalar or enum (§3.5): the JSON value, or nullopt with
/// the graphql-js message (e.g. `Int cannot represent non-integer value:
/// "x"`) in `error`.
[[nodiscard]] std::optional<boost::json::value> parse_leaf_literal(const NamedType& leaf, const ast::Value& literal,
                                                                   const boost::json::object* variables,
                                                                   std::string* error);

/// ParseValue of a scalar or enum (§3.5) for a JSON input value.
[[nodiscard]] std::optional<boost::json::value> parse_leaf_value(const NamedType& leaf, const boost::json::value& input,
                                                                 std::string* error);

/// Serialize of a scalar or enum (§3.5 result coercion, §6.4.3): Int in
/// ±2^31, Float finite, String, Boolean, ID as a string, enums among their
/// values, custom scalars unchanged.
[[nodiscard]] std::optional<boost::json::value> serialize_leaf(const NamedType& leaf, const boost::json::value& result,
                                                               std::string* error);

/// The literal for a coerced value of `type` (graphql-js `astFromValue`),
/// nullopt when there is nothing to print.
[[nodiscard]] std::optional<ast::Value> ast_from_value(const boost::json::value& value, TypeView type);

/// Coerces the arguments of a field or directive (GraphQL spec §6.4.1
/// CoerceArgumentValues; graphql-js `getArgumentValues`): given values,
/// defaults and variables into `out`. The error names the argument as
/// graphql-js does (`Argument "x" of required type "Int!" was not
/// provided.`), located at `node_location` or at the offending value.
[[nodiscard]] std::optional<GraphQLError> coerce_argument_values(const std::vector<InputValue>& definitions,
                                                                 const std::vector<ast::Argument>& arguments,
                                                                 Location node_location,
                                                                 const boost::json::object* variables,
                                                                 boost::json::object& out);

/// A value printed in GraphQL syntax without a type: `{a: [1, "x"]}`.
[[nodiscard]] std::string print_json_as_literal(const boost::json::value& value);

/// An input value's default as introspection's `defaultValue` and the
/// schema printer show it: the coerced default turned back into a literal
/// and printed (graphql-js `print(astFromValue(defaultValue, type))`).
[[nodiscard]] std::optional<std::string> print_default_value(const InputValue& input);

}  // namespace rampart::graphql
