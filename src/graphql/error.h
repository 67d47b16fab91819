#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "graphql/ast.h"

namespace rampart::graphql {

/// One element of a response path (GraphQL spec §7.1.2): a response key or a
/// list index.
using PathSegment = std::variant<std::string, int64_t>;

/// An error as the response's `errors` list carries it (GraphQL spec §7.1.2).
struct GraphQLError {
    std::string message;
    std::vector<Location> locations;
    std::vector<PathSegment> path;
    /// `extensions.code` when not empty: the machine-readable kind, e.g.
    /// "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "NOT_FOUND".
    std::string code;
};

}  // namespace rampart::graphql
