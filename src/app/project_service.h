#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/catalog_service.h"
#include "core/error.h"
#include "engine/generation.h"
#include "engine/suggestions.h"
#include "evidence/blob_store.h"
#include "evidence/content_sniffer.h"
#include "evidence/evidence_file.h"
#include "model/project.h"
#include "model/tenancy.h"
#include "model/threat_model.h"
#include "modelfile/model_file.h"
#include "storage/project_store.h"
#include "storage/tenancy_store.h"

namespace rampart::app {

/// Runs `work` in one storage transaction (all or nothing); the composition
/// root passes the backend's, e.g. `storage::sqlite::Database::transaction`.
/// (The same alias as in admin_service.h; C++ allows redeclaring it.)
using TransactionRunner = std::function<core::Result<void>(const std::function<core::Result<void>()>&)>;

/// The editable details of a project; unset fields stay as they are.
struct ProjectUpdate {
    std::optional<std::string> name;
    std::optional<std::string> goal;
    std::optional<std::string> scope;
    std::optional<std::string> limitation;
    std::optional<double> estimated_hours;
    std::optional<std::vector<std::string>> tags;
    /// The version the caller read; Conflict when the project changed since.
    std::optional<int64_t> expected_version;
};

/// A file uploaded as evidence, before any check.
struct EvidenceUpload {
    std::string name;     ///< as the user's machine named it
    std::string content;  ///< the bytes
};

/// What a person does to one requirement.
struct RequirementActionInput {
    int64_t requirement_id = 0;
    model::RequirementAction action = model::RequirementAction::Start;
    /// not_apply: why it does not apply; other actions: an optional reason
    /// kept in the history (why it was restarted, …).
    std::string justification;
    std::string evidence_text;          ///< finish: the written evidence
    std::vector<EvidenceUpload> files;  ///< finish: evidence files
    /// The version the caller read; Conflict when the requirement changed since.
    std::optional<int64_t> expected_version;
};

/// The threat-modelling and requirement-tracking use cases (DESIGN.md §1,
/// flows 1 and 2): the one place every door (CLI, GraphQL) calls.
///
/// Every use case takes the acting user, checks the role's permission
/// (engine::require) first, and reads and writes only the actor's company:
/// an id of another company answers NotFound exactly like a missing one.
/// Every write is one transaction and leaves an audit event.
///
/// Not thread-safe: the service keeps one ContentSniffer (a libmagic
/// handle); a server gives each worker thread its own service.
class ProjectService {
public:
    ProjectService(storage::ProjectStore& projects, storage::TenancyStore& tenancy, CatalogService& catalogs,
                   TransactionRunner transaction, evidence::BlobStore& blobs, evidence::EvidencePolicy policy,
                   const engine::SuggestionTable& suggestions);
    ~ProjectService();
    ProjectService(const ProjectService&) = delete;
    ProjectService& operator=(const ProjectService&) = delete;

    /// Attack patterns to offer for an item (ReadCatalogs): the curated ones
    /// of its kind, then the CAPEC entries whose text matches the item's name
    /// and description, ranked by the full-text index. Patterns of the newest
    /// CAPEC version only, never retired ones; at most `limit`.
    [[nodiscard]] core::Result<std::vector<engine::Suggestion>> suggest(const model::Actor& actor, model::ItemKind kind,
                                                                        std::string_view name,
                                                                        std::string_view description, size_t limit);

    /// The requirements a threat model would get (ReadCatalogs: nothing is
    /// written), from the model's ASVS release and the newest CAPEC and CWE
    /// held. Items without a key get the one their name gives
    /// (modelfile::derive_item_key). Unknown or retired patterns are reported
    /// as skipped, not refused.
    [[nodiscard]] core::Result<engine::GenerationResult> preview(const model::Actor& actor,
                                                                 const model::ThreatModel& model);

    /// Saves a threat model as a new project in PLANNED (CreateProject) and
    /// answers its id. In one transaction: the team's emails must belong to
    /// members of the company (InvalidArgument naming the others); assets
    /// the company does not hold yet are created under the names given
    /// (saving a model file that names its application should just work);
    /// every attack pattern must be in the CAPEC catalog (InvalidData, one
    /// diagnostic each); the requirements are generated, the deselected ones
    /// dropped, the catalog versions recorded, and "project.create" audited.
    [[nodiscard]] core::Result<int64_t> save(const model::Actor& actor, const model::ThreatModel& model,
                                             const std::vector<engine::RequirementKey>& deselected = {});

    /// Reads a model file (YAML or JSON) and saves it (see save). Unknown
    /// attack patterns are InvalidData with their line and column; nothing
    /// is saved when anything is wrong.
    [[nodiscard]] core::Result<int64_t> create_from_model_file(const model::Actor& actor, std::string_view text,
                                                               std::string_view file_name);

    /// The project's threat model as a model file (ReadProjects).
    [[nodiscard]] core::Result<std::string> export_model_file(const model::Actor& actor, int64_t project_id,
                                                              modelfile::Format format);

    /// One project with its items, team and assets (ReadProjects).
    [[nodiscard]] core::Result<model::Project> get(const model::Actor& actor, int64_t project_id);

    /// The company's projects with their progress (ReadProjects).
    [[nodiscard]] core::Result<storage::Page<storage::ProjectSummary>> list(const model::Actor& actor,
                                                                            const storage::ProjectFilter& filter,
                                                                            const storage::PageRequest& page);

    /// A project's requirements (ReadProjects).
    [[nodiscard]] core::Result<storage::Page<model::ProjectRequirement>> requirements(
        const model::Actor& actor, int64_t project_id, const storage::RequirementFilter& filter,
        const storage::PageRequest& page);

    /// Changes a project's details (EditProject); each changed field is
    /// audited ("project.update") with its value before and after. Answers
    /// the project as stored.
    [[nodiscard]] core::Result<model::Project> update(const model::Actor& actor, int64_t project_id,
                                                      const ProjectUpdate& update);

    /// Moves a project along PLANNED → RUNNING → FIXING → DONE (and back, see
    /// engine::change_project_status) with ChangeProjectStatus; audited as
    /// "project.status" with the reason.
    [[nodiscard]] core::Result<model::Project> change_status(const model::Actor& actor, int64_t project_id,
                                                             model::ProjectStatus status, const std::string& reason);

    /// Starts, not-applies, finishes or restarts a requirement (MoveRequirement;
    /// AttachEvidence with files), following engine::apply_requirement_action.
    /// Files are checked (name, extension, size, content) before anything is
    /// written; every bad file is reported. Restart clears the justification
    /// and the evidence text (they no longer hold); evidence files stay
    /// attached, as part of the history. Audited as "requirement.<action>".
    /// Answers the requirement as stored.
    [[nodiscard]] core::Result<model::ProjectRequirement> requirement_action(const model::Actor& actor,
                                                                             const RequirementActionInput& input);

    /// Counts per status and the settled share, for the project or one item
    /// (ReadProjects).
    [[nodiscard]] core::Result<model::Progress> progress(const model::Actor& actor, int64_t project_id,
                                                         const std::optional<std::string>& item_key = std::nullopt);

    /// The recorded changes of a project or one of its requirements, in the
    /// store's order (ReadProjects).
    [[nodiscard]] core::Result<storage::Page<model::AuditEvent>> history(const model::Actor& actor, int64_t project_id,
                                                                         std::optional<int64_t> requirement_id,
                                                                         const storage::PageRequest& page);

    /// Writes every evidence file of the project into one zip at
    /// `output_path`, as "<item key>/<ASVS id>/<file name>" (ReadProjects).
    /// Answers how many files it holds.
    [[nodiscard]] core::Result<size_t> attachments_zip(const model::Actor& actor, int64_t project_id,
                                                       const std::string& output_path);

    // Assets: the company's applications, repositories and services.
    /// Creates an asset (ManageAssets); the name is required and unique
    /// within the company (Conflict otherwise).
    [[nodiscard]] core::Result<model::Asset> create_asset(const model::Actor& actor, model::Asset asset);
    [[nodiscard]] core::Result<model::Asset> get_asset(const model::Actor& actor, int64_t asset_id);
    [[nodiscard]] core::Result<storage::Page<model::Asset>> list_assets(const model::Actor& actor,
                                                                        const storage::PageRequest& page);

    // Drafts: a threat model being edited, kept until it is saved.
    /// A draft's model and the version a later update must name.
    struct Draft {
        int64_t id = 0;
        model::ThreatModel model;
        int64_t version = 0;
    };
    /// Stores a draft (CreateProject); answers it with its id.
    [[nodiscard]] core::Result<Draft> create_draft(const model::Actor& actor, const model::ThreatModel& model);
    [[nodiscard]] core::Result<Draft> get_draft(const model::Actor& actor, int64_t draft_id);
    /// Replaces a draft's model; Conflict when `expected_version` is stale.
    [[nodiscard]] core::Result<Draft> update_draft(const model::Actor& actor, int64_t draft_id,
                                                   int64_t expected_version, const model::ThreatModel& model);
    /// Saves a draft as a project (see save) and removes the draft, in one transaction.
    [[nodiscard]] core::Result<int64_t> save_draft(const model::Actor& actor, int64_t draft_id,
                                                   const std::vector<engine::RequirementKey>& deselected = {});

private:
    [[nodiscard]] core::Result<int64_t> save_checked(const model::Actor& actor, const model::ThreatModel& model,
                                                     const std::vector<engine::RequirementKey>& deselected,
                                                     std::string_view file_name,
                                                     const modelfile::ModelFileLocations& locations);
    [[nodiscard]] core::Result<model::Project> find_project(const model::Actor& actor, int64_t project_id);
    [[nodiscard]] core::Result<engine::CatalogGraph> graph_for(const model::ThreatModel& model);
    [[nodiscard]] core::Result<evidence::ContentSniffer*> sniffer();
    [[nodiscard]] core::Result<std::vector<model::ProjectRequirement>> all_requirements(const model::Actor& actor,
                                                                                        int64_t project_id);

    storage::ProjectStore& m_projects;
    storage::TenancyStore& m_tenancy;
    CatalogService& m_catalogs;
    TransactionRunner m_transaction;
    evidence::BlobStore& m_blobs;
    evidence::EvidencePolicy m_policy;
    const engine::SuggestionTable& m_suggestions;
    /// Created on first use: loading libmagic's database can fail, and a
    /// constructor cannot say so.
    std::optional<evidence::ContentSniffer> m_sniffer;
};

}  // namespace rampart::app
