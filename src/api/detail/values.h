#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "api/detail/binding.h"
#include "api/detail/nodes.h"
#include "engine/catalog_graph.h"
#include "graphql/schema.h"
#include "model/project.h"
#include "model/threat_model.h"
#include "storage/project_store.h"

// Building the objects several areas answer.
namespace rampart::api::detail {

/// A page object of `type_name` (ProjectPage, …).
[[nodiscard]] graphql::ResolvedValue page_value(std::string_view type_name, PageMeta metadata,
                                                graphql::ResolvedValue collection);

template <typename T>
[[nodiscard]] PageMeta meta_of(const storage::Page<T>& page) {
    return {page.page, page.limit, page.total, page.total_pages()};
}

/// An AttackPattern, or null when the graph's CAPEC version lacks it.
[[nodiscard]] graphql::ResolvedValue pattern_value(const std::shared_ptr<const engine::CatalogGraph>& graph, int id);
/// A Weakness (also for CWE ids the CWE catalog does not describe).
[[nodiscard]] graphql::ResolvedValue weakness_value(const std::shared_ptr<const engine::CatalogGraph>& graph, int id);
/// An AsvsRequirement.
[[nodiscard]] graphql::ResolvedValue asvs_value(const std::shared_ptr<const engine::CatalogGraph>& graph,
                                                const model::AsvsRequirement& requirement);
/// The AttackPatterns of a list of CAPEC ids the graph holds, in list order.
[[nodiscard]] graphql::ResolvedValue patterns_value(const std::shared_ptr<const engine::CatalogGraph>& graph,
                                                    const std::vector<int>& ids);

/// A Project (remembered for the rest of the request).
[[nodiscard]] graphql::ResolvedValue project_value(const Call& call, model::Project project,
                                                   std::optional<model::Progress> progress = std::nullopt);
/// Reads a project and answers it as a Project.
[[nodiscard]] Answer project_answer(const Call& call, int64_t project_id);
/// A Requirement.
[[nodiscard]] graphql::ResolvedValue requirement_value(model::ProjectRequirement requirement);
/// One page of a project's requirements as a RequirementPage.
[[nodiscard]] Answer requirement_page(const Call& call, int64_t project_id, const storage::RequirementFilter& filter);
/// One page of a project's (or requirement's) history as an AuditEventPage.
[[nodiscard]] Answer history_page(const Call& call, int64_t project_id, std::optional<int64_t> requirement_id);
/// The attack patterns to offer for an item, `limit` argument read from the call.
[[nodiscard]] Answer suggestions(const Call& call, model::ItemKind kind, std::string_view name,
                                 std::string_view description);

}  // namespace rampart::api::detail
