#include "api/detail/values.h"

#include <utility>

#include "api/detail/inputs.h"

namespace rampart::api::detail {

graphql::ResolvedValue page_value(std::string_view type_name, PageMeta metadata, graphql::ResolvedValue collection) {
    return object(type_name, PageNode{metadata, std::move(collection)});
}

graphql::ResolvedValue pattern_value(const std::shared_ptr<const engine::CatalogGraph>& graph, int id) {
    const auto* pattern = graph->pattern(id);
    if (pattern == nullptr) return graphql::ResolvedValue::null();
    return object("AttackPattern", PatternNode{graph, pattern});
}

graphql::ResolvedValue weakness_value(const std::shared_ptr<const engine::CatalogGraph>& graph, int id) {
    return object("Weakness", WeaknessNode{graph, id});
}

graphql::ResolvedValue asvs_value(const std::shared_ptr<const engine::CatalogGraph>& graph,
                                  const model::AsvsRequirement& requirement) {
    return object("AsvsRequirement", AsvsNode{graph, &requirement});
}

graphql::ResolvedValue patterns_value(const std::shared_ptr<const engine::CatalogGraph>& graph,
                                      const std::vector<int>& ids) {
    std::vector<graphql::ResolvedValue> items;
    for (const int id : ids) {
        if (graph->pattern(id) != nullptr) items.push_back(pattern_value(graph, id));
    }
    return graphql::ResolvedValue::list(std::move(items));
}

graphql::ResolvedValue project_value(const Call& call, model::Project project,
                                     std::optional<model::Progress> progress) {
    // Listings read projects without their items; only whole ones are kept.
    if (!project.items.empty() || progress == std::nullopt) call.remember(project);
    return object("Project", ProjectNode{std::move(project), progress});
}

Answer project_answer(const Call& call, int64_t project_id) {
    auto project = RAMPART_TRY(call.projects().get(call.actor(), project_id));
    return project_value(call, std::move(project));
}

graphql::ResolvedValue requirement_value(model::ProjectRequirement requirement) {
    return object("Requirement", std::move(requirement));
}

Answer requirement_page(const Call& call, int64_t project_id, const storage::RequirementFilter& filter) {
    const auto request = RAMPART_TRY(call.page());
    auto page = RAMPART_TRY(call.projects().requirements(call.actor(), project_id, filter, request));
    const auto metadata = meta_of(page);
    return page_value("RequirementPage", metadata, objects("Requirement", std::move(page.items)));
}

Answer history_page(const Call& call, int64_t project_id, std::optional<int64_t> requirement_id) {
    const auto request = RAMPART_TRY(call.page());
    auto page = RAMPART_TRY(call.projects().history(call.actor(), project_id, requirement_id, request));
    const auto metadata = meta_of(page);
    return page_value("AuditEventPage", metadata, objects("AuditEvent", std::move(page.items)));
}

Answer suggestions(const Call& call, model::ItemKind kind, std::string_view name, std::string_view description) {
    const auto limit = RAMPART_TRY(limit_arg(call, 20));
    auto found =
        RAMPART_TRY(call.projects().suggest(call.actor(), kind, name, description, static_cast<size_t>(limit)));
    return objects("AttackPatternSuggestion", std::move(found));
}

}  // namespace rampart::api::detail
