#pragma once

#include <cstddef>
#include <vector>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace rampart::graphql {

/// Cost limits checked with validation; each refusal is a validation error
/// naming the limit and the value found.
struct CostLimits {
    size_t max_depth = 15;         ///< nesting of fields, fragments expanded
    size_t max_complexity = 5000;  ///< one point per field, fragments expanded
    size_t max_aliases = 30;       ///< aliased fields in the document
    bool introspection = true;     ///< `__schema` and `__type` allowed
};

/// Checks an executable document against the schema: every rule of the
/// GraphQL specification's Validation section (§5, October 2021), then the
/// cost limits. Collects every error with its locations (code
/// "GRAPHQL_VALIDATION_FAILED"); an empty answer means valid.
[[nodiscard]] std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& document,
                                                 const CostLimits& limits = {});

/// The names of the rules, for tests that run one rule alone (the
/// conformance cases of graphql-js name them: "KnownTypeNames", …).
[[nodiscard]] std::vector<GraphQLError> validate_rule(const Schema& schema, const ast::Document& document,
                                                      std::string_view rule_name);

}  // namespace rampart::graphql
