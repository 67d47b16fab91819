#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/catalog_service.h"
#include "engine/catalog_graph.h"
#include "engine/generation.h"
#include "graphql/schema.h"
#include "model/catalog.h"
#include "model/project.h"
#include "model/tenancy.h"

// The C++ values behind the schema's object types where no model type fits
// as it is. Each names the schema type it backs.
namespace rampart::api::detail {

/// PageMetadata.
struct PageMeta {
    int current_page = 1;
    int limit_value = 50;
    int total_count = 0;
    int total_pages = 0;
};

/// ProjectPage, RequirementPage, AssetPage, AuditEventPage, CatalogSearchPage.
struct PageNode {
    PageMeta metadata;
    graphql::ResolvedValue collection;  ///< a list of objects
};

/// Project: the project and, in listings, its progress read with it.
struct ProjectNode {
    model::Project project;
    std::optional<model::Progress> progress;
};

/// Item: a project's item and the project it belongs to.
struct ItemNode {
    int64_t project_id = 0;
    app::CatalogSelection catalogs;  ///< the project's catalog versions
    model::ProjectItem item;
};

/// Trace: one path to a requirement, and the catalogs it was made with.
struct TraceNode {
    std::string item_key;
    std::string asvs_id;
    int attack_pattern = 0;
    int pattern_cwe = 0;
    int requirement_cwe = 0;
    model::MatchKind match = model::MatchKind::Direct;
    app::CatalogSelection catalogs;
};

/// GenerationPreview.
struct PreviewNode {
    engine::GenerationResult result;
};

/// GeneratedRequirement.
struct GeneratedNode {
    engine::GeneratedRequirement requirement;
    app::CatalogSelection catalogs;
};

/// AttackPattern: an entry of a loaded graph (kept alive with it).
struct PatternNode {
    std::shared_ptr<const engine::CatalogGraph> graph;
    const model::AttackPattern* pattern = nullptr;
};

/// Weakness: a CWE id of a loaded graph; the CWE catalog may not describe it.
struct WeaknessNode {
    std::shared_ptr<const engine::CatalogGraph> graph;
    int id = 0;
};

/// AsvsRequirement: an entry of a loaded graph.
struct AsvsNode {
    std::shared_ptr<const engine::CatalogGraph> graph;
    const model::AsvsRequirement* requirement = nullptr;
};

/// ThreatModelItem.
struct ModelItemNode {
    model::ThreatModelItem item;
};

/// CurrentUser.
struct CurrentUserNode {
    model::Actor actor;
};

/// User: a member of the company.
struct UserNode {
    model::User user;
    model::Role role = model::Role::Viewer;
};

/// RoleDefinition.
struct RoleNode {
    model::Role role = model::Role::Viewer;
};

/// Activity: a requirement as the Conviso Platform shows it.
struct ActivityNode {
    model::ProjectRequirement requirement;
    std::string asvs_version;
};

/// Playbook.
struct PlaybookNode {
    std::string checklist_type_id;
    int64_t company_id = 0;
    std::string name;
};

/// Vulnerability and its VulnerabilityTemplate.
struct VulnerabilityNode {
    std::string title;
    std::optional<std::string> category_list;
    std::optional<std::string> reference;
};

}  // namespace rampart::api::detail
