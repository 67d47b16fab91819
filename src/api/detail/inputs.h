#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "api/detail/binding.h"
#include "app/catalog_service.h"
#include "app/project_service.h"
#include "core/error.h"
#include "engine/generation.h"
#include "graphql/schema.h"
#include "model/threat_model.h"
#include "model/workflow.h"
#include "storage/project_store.h"

namespace rampart::api::detail {

/// An InvalidArgument error (BAD_USER_INPUT).
[[nodiscard]] core::Error bad_input(std::string message);

/// A C++ enum's name (`user_interface`, `asvs-csv`) as a GraphQL enum value
/// (`USER_INTERFACE`, `ASVS_CSV`).
[[nodiscard]] std::string enum_value(std::string_view name);
/// A GraphQL enum value in lower case (`NOT_APPLY` → `not_apply`).
[[nodiscard]] std::string enum_lower(std::string_view value);

/// Parses an ID (a decimal string or an integer) for `what` (InvalidArgument otherwise).
[[nodiscard]] core::Result<int64_t> parse_id(const boost::json::value* value, std::string_view what);

/// The members of an input object, unset when absent or null.
[[nodiscard]] std::optional<std::string> get_string(const boost::json::object& input, std::string_view key);
[[nodiscard]] std::optional<int64_t> get_int(const boost::json::object& input, std::string_view key);
[[nodiscard]] std::optional<double> get_number(const boost::json::object& input, std::string_view key);
[[nodiscard]] std::optional<bool> get_bool(const boost::json::object& input, std::string_view key);
[[nodiscard]] std::optional<std::vector<std::string>> get_strings(const boost::json::object& input,
                                                                  std::string_view key);
[[nodiscard]] const boost::json::object& get_object(const boost::json::object& input, std::string_view key);

[[nodiscard]] core::Result<model::Role> role_from(std::string_view value);
[[nodiscard]] core::Result<model::ProjectStatus> project_status_from(std::string_view value);
[[nodiscard]] core::Result<model::RequirementStatus> requirement_status_from(std::string_view value);
[[nodiscard]] core::Result<model::ItemKind> item_kind_from(std::string_view value);

/// A ThreatModelInput as the model it describes.
[[nodiscard]] core::Result<model::ThreatModel> threat_model_from(const boost::json::object& input);
/// A list of RequirementKeyInput.
[[nodiscard]] std::vector<engine::RequirementKey> requirement_keys_from(const boost::json::value* value);
[[nodiscard]] core::Result<storage::ProjectFilter> project_filter_from(const boost::json::object& input);
[[nodiscard]] core::Result<storage::RequirementFilter> requirement_filter_from(const boost::json::object& input);
[[nodiscard]] app::CatalogSelection selection_from(const boost::json::object& input);

/// The content of the uploaded file an `Upload` value names (`what` names
/// the argument in errors).
[[nodiscard]] core::Result<app::EvidenceUpload> read_upload(const Call& call, const boost::json::value* value,
                                                            std::string_view what);

/// A `limit` argument between 1 and 1000.
[[nodiscard]] core::Result<int> limit_arg(const Call& call, int fallback);

}  // namespace rampart::api::detail
