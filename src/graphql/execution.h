#pragma once

#include <any>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

namespace rampart::graphql {

/// One execution of a validated document (GraphQL spec §6).
struct ExecutionRequest {
    const ast::Document* document = nullptr;
    std::optional<std::string> operation_name;
    boost::json::object variables;
    /// Passed to every resolver (ResolveContext::context<T>() with std::any
    /// holding a T*).
    std::any context;
    std::unordered_map<std::string, Upload> uploads;
};

/// The response (§7.1): `data` unset when execution did not start (request
/// errors: unknown operation, bad variables), JSON null when a non-null
/// error propagated to the root.
struct ExecutionResult {
    std::optional<boost::json::value> data;
    std::vector<GraphQLError> errors;
};

/// Executes the operation: selects it by name (§6.1), coerces the variables
/// (§6.1.2), then executes queries' root fields (in order) and mutations'
/// serially (§6.2.2), completing values with non-null propagation (§6.4.4),
/// abstract type resolution, `@skip`/`@include`, and introspection
/// (`__schema`, `__type`, `__typename`, §4).
[[nodiscard]] ExecutionResult execute(const Schema& schema, const ExecutionRequest& request);

/// Coerces variable values (§6.1.2); errors name the variable and the JSON
/// path of the bad part. Exposed for tests.
[[nodiscard]] std::vector<GraphQLError> coerce_variables(const Schema& schema,
                                                         const ast::OperationDefinition& operation,
                                                         const boost::json::object& given,
                                                         boost::json::object& coerced);

/// The response as JSON: {"errors": […]} first when any, then {"data": …};
/// no `errors` key at all when there are none (clients treat an empty list
/// as failure).
[[nodiscard]] boost::json::object to_json(const ExecutionResult& result);
[[nodiscard]] boost::json::object to_json(const GraphQLError& error);

}  // namespace rampart::graphql
