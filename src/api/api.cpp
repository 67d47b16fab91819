#include "api/api.h"

#include <fmt/format.h>

#include "api/detail/fields.h"
#include "api/schema_sdl.h"

namespace rampart::api {

std::variant<std::unique_ptr<graphql::Schema>, std::string> build_schema() {
    auto built = graphql::Schema::build(schema_sdl());
    if (auto* errors = std::get_if<std::vector<graphql::GraphQLError>>(&built)) {
        std::string message = "src/api/schema.graphql does not build:";
        for (const auto& error : *errors) {
            message += "\n  ";
            for (const auto& location : error.locations)
                message += fmt::format("{}:{}: ", location.line, location.column);
            message += error.message;
        }
        return message;
    }
    auto schema = std::get<std::unique_ptr<graphql::Schema>>(std::move(built));
    std::vector<std::string> problems;
    detail::bind_catalog_fields(*schema, problems);
    detail::bind_project_fields(*schema, problems);
    detail::bind_threat_model_fields(*schema, problems);
    detail::bind_admin_fields(*schema, problems);
    for (const auto& field : schema->unbound_fields()) problems.push_back(field + " has no resolver");
    if (!problems.empty()) {
        std::string message = "the GraphQL schema is incomplete:";
        for (const auto& problem : problems) message += "\n  " + problem;
        return message;
    }
    return schema;
}

}  // namespace rampart::api
