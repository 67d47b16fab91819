#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/project.h"
#include "model/tenancy.h"
#include "storage/tenancy_store.h"

namespace rampart::storage {

struct ProjectFilter {
    std::optional<model::ProjectStatus> status;
    std::optional<std::string> tag;
    std::optional<std::string> name_contains;
    std::optional<int64_t> asset_id;  ///< only projects that cover this asset
};

struct RequirementFilter {
    std::optional<model::RequirementStatus> status;
    std::optional<std::string> item_key;
    std::optional<int> level;  ///< requirements needed at this level or below
    std::optional<std::string> chapter_id;
};

/// A project summary for listings, with its progress.
struct ProjectSummary {
    model::Project project;  ///< items are not loaded
    model::Progress progress;
};

/// Assets, drafts, projects, requirements, evidence and the audit trail.
/// Every call takes the caller's company and sees nothing of another
/// company: a foreign id answers exactly like a missing one.
class ProjectStore {
public:
    virtual ~ProjectStore() = default;

    // Assets.
    [[nodiscard]] virtual core::Result<model::Asset> create_asset(const model::Asset& asset) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::Asset>> find_asset(int64_t company_id, int64_t id) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::Asset>> find_asset_by_name(int64_t company_id,
                                                                                       const std::string& name) = 0;
    [[nodiscard]] virtual core::Result<Page<model::Asset>> list_assets(int64_t company_id, const PageRequest& page) = 0;

    // Drafts: a threat model being edited, kept as the model file's JSON.
    [[nodiscard]] virtual core::Result<int64_t> create_draft(int64_t company_id, int64_t user_id,
                                                             const std::string& model_json) = 0;
    [[nodiscard]] virtual core::Result<std::optional<std::pair<std::string, int64_t>>> find_draft(int64_t company_id,
                                                                                                  int64_t id) = 0;
    /// Conflict when the draft's version is no longer `expected_version`.
    [[nodiscard]] virtual core::Result<int64_t> update_draft(int64_t company_id, int64_t id, int64_t expected_version,
                                                             const std::string& model_json) = 0;
    [[nodiscard]] virtual core::Result<bool> delete_draft(int64_t company_id, int64_t id) = 0;

    // Projects.
    /// Stores a new project with its items (ids filled in) and requirements
    /// (item_key names the item); answers the project id.
    [[nodiscard]] virtual core::Result<int64_t> create_project(
        const model::Project& project, const std::vector<model::ProjectRequirement>& requirements,
        const std::vector<int64_t>& team_user_ids, const std::vector<int64_t>& asset_ids) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::Project>> find_project(int64_t company_id, int64_t id) = 0;
    [[nodiscard]] virtual core::Result<Page<ProjectSummary>> list_projects(int64_t company_id,
                                                                           const ProjectFilter& filter,
                                                                           const PageRequest& page) = 0;
    /// Writes the editable fields and the status; Conflict when the stored
    /// version is no longer `project.version`. Answers the new version.
    [[nodiscard]] virtual core::Result<int64_t> update_project(const model::Project& project) = 0;

    // Requirements.
    [[nodiscard]] virtual core::Result<Page<model::ProjectRequirement>> list_requirements(
        int64_t company_id, int64_t project_id, const RequirementFilter& filter, const PageRequest& page) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::ProjectRequirement>> find_requirement(int64_t company_id,
                                                                                                  int64_t id) = 0;
    /// Writes status, justification and evidence text; Conflict when the
    /// stored version is no longer `requirement.version`. Answers the new version.
    [[nodiscard]] virtual core::Result<int64_t> update_requirement(int64_t company_id,
                                                                   const model::ProjectRequirement& requirement,
                                                                   int64_t actor_id) = 0;
    [[nodiscard]] virtual core::Result<model::Progress> progress(int64_t company_id, int64_t project_id,
                                                                 const std::optional<std::string>& item_key) = 0;

    // Evidence.
    [[nodiscard]] virtual core::Result<int64_t> add_evidence_file(int64_t company_id,
                                                                  const model::EvidenceFile& file) = 0;
    [[nodiscard]] virtual core::Result<std::vector<model::EvidenceFile>> project_evidence_files(int64_t company_id,
                                                                                                int64_t project_id) = 0;

    // Audit.
    [[nodiscard]] virtual core::Result<void> record(int64_t company_id, const model::AuditEvent& event) = 0;
    [[nodiscard]] virtual core::Result<Page<model::AuditEvent>> history(int64_t company_id, int64_t project_id,
                                                                        std::optional<int64_t> requirement_id,
                                                                        const PageRequest& page) = 0;
};

}  // namespace rampart::storage
