#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <any>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/json.hpp>

#include "graphql/execution.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "test_support.h"

// Building blocks shared by the tests of the GraphQL engine's type system,
// execution, introspection and service.
namespace rampart::graphql::testing {

/// Builds a schema, failing the test with the errors when it does not build.
inline std::unique_ptr<Schema> build_schema(std::string_view sdl) {
    auto built = Schema::build(sdl);
    if (auto* errors = std::get_if<std::vector<GraphQLError>>(&built)) {
        std::string text;
        for (const auto& error : *errors) {
            text += error.message + "\n";
        }
        ADD_FAILURE() << "the schema does not build:\n" << text;
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<Schema>>(built));
}

/// The errors of a schema that must not build, one a line as
/// "line:column[,line:column] message" (the format of tests/data/graphql/schema_errors).
inline std::string schema_errors(std::string_view sdl) {
    auto built = Schema::build(sdl);
    const auto* errors = std::get_if<std::vector<GraphQLError>>(&built);
    if (errors == nullptr) return "(the schema builds)\n";
    std::string text;
    for (const auto& error : *errors) {
        std::string locations;
        for (const auto& location : error.locations) {
            if (!locations.empty()) locations += ",";
            locations += std::to_string(location.line) + ":" + std::to_string(location.column);
        }
        text += locations + " " + error.message + "\n";
    }
    return text;
}

/// Binds every field of the root types to the member of `root` of the same
/// name; the fields below resolve through the engine's default resolver,
/// which reads JSON objects' members (graphql-js rootValue semantics).
inline void bind_json_root(Schema& schema, const boost::json::object& root) {
    for (const NamedType* root_type : {schema.query_type(), schema.mutation_type(), schema.subscription_type()}) {
        if (root_type == nullptr) continue;
        for (const auto& field : root_type->fields) {
            const boost::json::value* member = root.if_contains(field.name);
            boost::json::value value = member != nullptr ? *member : boost::json::value(nullptr);
            schema.bind(root_type->name, field.name, [value](const ResolveContext&) -> FieldResult { return value; });
        }
    }
}

/// Parses and executes `query`, answering the response as to_json writes it.
inline boost::json::object run(const Schema& schema, std::string_view query, boost::json::object variables = {},
                               std::optional<std::string> operation_name = std::nullopt, std::any context = {},
                               std::unordered_map<std::string, Upload> uploads = {}) {
    ParseResult parsed = parse(query);
    if (!parsed.document) {
        ADD_FAILURE() << "the query does not parse: " << (parsed.error ? parsed.error->message : "");
        return {};
    }
    ExecutionRequest request;
    request.document = &*parsed.document;
    request.operation_name = std::move(operation_name);
    request.variables = std::move(variables);
    request.context = std::move(context);
    request.uploads = std::move(uploads);
    return to_json(execute(schema, request));
}

/// JSON text with the members in their order (boost::json's equality
/// ignores the order, which GraphQL responses must keep).
inline std::string text(const boost::json::value& value) { return boost::json::serialize(value); }

inline boost::json::value parse_json(std::string_view text) { return boost::json::parse(text); }

/// The files of a folder below tests/data with an extension, sorted.
inline std::vector<std::string> data_files(const std::string& folder, std::string_view extension) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(rampart::testing::test_data(folder))) {
        std::string name = entry.path().filename().string();
        if (name.size() > extension.size() &&
            name.compare(name.size() - extension.size(), extension.size(), extension) == 0 &&
            name.find(".expected") == std::string::npos) {
            names.push_back(name.substr(0, name.size() - extension.size()));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace rampart::graphql::testing
