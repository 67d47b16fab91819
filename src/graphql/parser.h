#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "graphql/ast.h"
#include "graphql/error.h"

namespace rampart::graphql {

/// Bounds that keep hostile input from exhausting the parser: each is a
/// syntax error naming the limit, never a crash or a stack overflow.
struct ParseLimits {
    size_t max_document_bytes = size_t{1024} * 1024;
    size_t max_tokens = 15000;
    /// Nesting of selection sets, lists, objects and type wrappers together.
    size_t max_depth = 128;
};

/// The outcome of parsing: a document, or the first syntax error (with its
/// line:column and code "GRAPHQL_PARSE_FAILED"), as graphql-js reports it.
struct ParseResult {
    std::optional<ast::Document> document;
    std::optional<GraphQLError> error;
};

/// Parses an executable document or type-system (SDL) document, or a mix
/// (GraphQL spec §2.2 Document). Whether a document may hold type-system
/// definitions is validation's business (§5.1.1).
[[nodiscard]] ParseResult parse(std::string_view source, const ParseLimits& limits = {});

/// Parses a single input value (e.g. a default value given as text).
[[nodiscard]] std::optional<ast::Value> parse_value(std::string_view source, GraphQLError* error = nullptr);

/// Prints a value in GraphQL syntax (`{a: [1, "x"], b: ENUM}`), as graphql-js
/// `print` does; used for introspection's `defaultValue`.
[[nodiscard]] std::string print_value(const ast::Value& value);

/// Prints a type reference: `[Int!]!`.
[[nodiscard]] std::string print_type(const ast::TypeRef& type);

/// Prints a whole document as graphql-js `print` does: two-space
/// indentation, one selection or field per line, definitions separated by a
/// blank line, no trailing newline.
[[nodiscard]] std::string print(const ast::Document& document);

}  // namespace rampart::graphql
