#pragma once

#include <string>
#include <vector>

#include "graphql/schema.h"

// Each area binds its root fields and object types; problems (a field the
// schema lacks) are collected for the start-up check.
namespace rampart::api::detail {

void bind_catalog_fields(graphql::Schema& schema, std::vector<std::string>& problems);
void bind_project_fields(graphql::Schema& schema, std::vector<std::string>& problems);
void bind_threat_model_fields(graphql::Schema& schema, std::vector<std::string>& problems);
void bind_admin_fields(graphql::Schema& schema, std::vector<std::string>& problems);

}  // namespace rampart::api::detail
