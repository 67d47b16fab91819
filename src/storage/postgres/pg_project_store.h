#pragma once

#include "storage/postgres/database.h"
#include "storage/project_store.h"

namespace rampart::storage::postgres {

/// ProjectStore on PostgreSQL. Every query names the caller's company, so a
/// foreign id answers exactly like a missing one. The use case wraps its
/// work in Database::transaction and decides what is committed together;
/// create_project is all or nothing even without it (its statements join
/// the caller's transaction when there is one).
class PgProjectStore final : public ProjectStore {
public:
    explicit PgProjectStore(Database& db) : m_db(db) {}

    core::Result<model::Asset> create_asset(const model::Asset& asset) override;
    core::Result<std::optional<model::Asset>> find_asset(int64_t company_id, int64_t id) override;
    core::Result<std::optional<model::Asset>> find_asset_by_name(int64_t company_id, const std::string& name) override;
    core::Result<Page<model::Asset>> list_assets(int64_t company_id, const PageRequest& page) override;

    core::Result<int64_t> create_draft(int64_t company_id, int64_t user_id, const std::string& model_json) override;
    core::Result<std::optional<std::pair<std::string, int64_t>>> find_draft(int64_t company_id, int64_t id) override;
    core::Result<int64_t> update_draft(int64_t company_id, int64_t id, int64_t expected_version,
                                       const std::string& model_json) override;
    core::Result<bool> delete_draft(int64_t company_id, int64_t id) override;

    core::Result<int64_t> create_project(const model::Project& project,
                                         const std::vector<model::ProjectRequirement>& requirements,
                                         const std::vector<int64_t>& team_user_ids,
                                         const std::vector<int64_t>& asset_ids) override;
    core::Result<std::optional<model::Project>> find_project(int64_t company_id, int64_t id) override;
    core::Result<Page<ProjectSummary>> list_projects(int64_t company_id, const ProjectFilter& filter,
                                                     const PageRequest& page) override;
    core::Result<int64_t> update_project(const model::Project& project) override;

    core::Result<Page<model::ProjectRequirement>> list_requirements(int64_t company_id, int64_t project_id,
                                                                    const RequirementFilter& filter,
                                                                    const PageRequest& page) override;
    core::Result<std::optional<model::ProjectRequirement>> find_requirement(int64_t company_id, int64_t id) override;
    core::Result<int64_t> update_requirement(int64_t company_id, const model::ProjectRequirement& requirement,
                                             int64_t actor_id) override;
    core::Result<model::Progress> progress(int64_t company_id, int64_t project_id,
                                           const std::optional<std::string>& item_key) override;

    core::Result<int64_t> add_evidence_file(int64_t company_id, const model::EvidenceFile& file) override;
    core::Result<std::vector<model::EvidenceFile>> project_evidence_files(int64_t company_id,
                                                                          int64_t project_id) override;

    core::Result<void> record(int64_t company_id, const model::AuditEvent& event) override;
    core::Result<Page<model::AuditEvent>> history(int64_t company_id, int64_t project_id,
                                                  std::optional<int64_t> requirement_id,
                                                  const PageRequest& page) override;

private:
    /// Fills team emails and asset names of the given projects (two queries
    /// for all of them).
    [[nodiscard]] static core::Result<void> load_team_and_assets(Connection& connection,
                                                                 std::vector<model::Project*>& projects);
    /// Fills traces and evidence files of the given requirements (two
    /// queries for all of them).
    [[nodiscard]] static core::Result<void> load_traces_and_files(Connection& connection,
                                                                  std::vector<model::ProjectRequirement>& requirements);

    Database& m_db;
};

}  // namespace rampart::storage::postgres
