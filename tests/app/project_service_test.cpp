#include "app/project_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>

#include "app/admin_service.h"
#include "evidence/attachments_zip.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_project_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"
#include "test_support.h"

namespace rampart::app {
namespace {

using model::ProjectStatus;
using model::RequirementAction;
using model::RequirementStatus;
using model::Role;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::shared_file;
using testing::TempDir;

// The smallest valid PNG: one transparent pixel (67 bytes).
constexpr std::array<unsigned char, 67> PNG_BYTES = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

std::string png() { return std::string(reinterpret_cast<const char*>(PNG_BYTES.data()), PNG_BYTES.size()); }

/// A threat model with one API item threatened by SQL injection (CAPEC-66)
/// and CSRF (CAPEC-62), at ASVS 4.0.3 level 1.
model::ThreatModel payments_model() {
    model::ThreatModel model;
    model.name = "Payments";
    model.goal = "Take card payments";
    model.estimated_hours = 40;
    model.tags = {"pci"};
    model.team = {"dev@acme.test"};
    model.assets = {"payments-api"};
    model.asvs_version = "4.0.3";
    model.asvs_level = 1;
    model.items = {{"api", model::ItemKind::Api, "Public API", "REST endpoints", {66, 62}}};
    return model;
}

/// The database with the official catalogs, imported once for the suite and
/// copied for each test.
class ProjectServiceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_template_dir = new TempDir();
        const auto path = (*s_template_dir / "catalogs.db").string();
        auto db = storage::sqlite::Database::open(path);
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        storage::sqlite::SqliteCatalogStore store(**db);
        CatalogService catalogs(store);
        const auto report = catalogs.import_paths({shared_file("catalogs").string()}, {});
        ASSERT_TRUE(report.ok()) << report.error().to_string();
        ASSERT_TRUE((*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }

    static void TearDownTestSuite() {
        delete s_template_dir;
        s_template_dir = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(s_template_dir, nullptr);
        const auto path = m_dir / "rampart.db";
        std::filesystem::copy_file(*s_template_dir / "catalogs.db", path);
        auto db = storage::sqlite::Database::open(path.string());
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        m_db = std::move(db).value();
        m_catalog_store = std::make_unique<storage::sqlite::SqliteCatalogStore>(*m_db);
        m_tenancy = std::make_unique<storage::sqlite::SqliteTenancyStore>(*m_db);
        m_projects = std::make_unique<storage::sqlite::SqliteProjectStore>(*m_db);
        m_catalogs = std::make_unique<CatalogService>(*m_catalog_store);
        auto blobs = evidence::BlobStore::open(m_dir / "blobs");
        ASSERT_TRUE(blobs.ok()) << blobs.error().to_string();
        m_blobs = std::make_unique<evidence::BlobStore>(std::move(blobs).value());
        auto table = engine::SuggestionTable::builtin();
        ASSERT_TRUE(table.ok()) << table.error().to_string();
        m_suggestions = std::make_unique<engine::SuggestionTable>(std::move(table).value());
        const auto transaction = [this](const std::function<core::Result<void>()>& work) {
            return m_db->transaction(work);
        };
        m_admin = std::make_unique<AdminService>(*m_tenancy, transaction);
        m_service = std::make_unique<ProjectService>(*m_projects, *m_tenancy, *m_catalogs, transaction, *m_blobs,
                                                     evidence::EvidencePolicy{}, *m_suggestions);

        m_admin_a = actor("Acme", "ana@acme.test", Role::Admin);
        m_analyst_a = actor("Acme", "sec@acme.test", Role::SecurityAnalyst);
        m_developer_a = actor("Acme", "dev@acme.test", Role::Developer);
        m_viewer_a = actor("Acme", "vic@acme.test", Role::Viewer);
        m_analyst_b = actor("Globex", "gus@globex.test", Role::SecurityAnalyst);
    }

    model::Actor actor(const std::string& company, const std::string& email, Role role) {
        const auto created = m_admin->create_key(company, email, role, "test");
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().to_string());
        if (!created.ok()) return {};
        const auto authenticated = m_admin->authenticate(created->plain_key);
        EXPECT_TRUE(authenticated.ok());
        return authenticated.ok() ? *authenticated : model::Actor{};
    }

    ProjectService& service() { return *m_service; }
    storage::sqlite::Database& db() { return *m_db; }
    const TempDir& dir() const { return m_dir; }

    int64_t save_payments() {
        const auto saved = service().save(m_analyst_a, payments_model());
        EXPECT_TRUE(saved.ok()) << (saved.ok() ? "" : saved.error().to_string());
        return saved.ok() ? *saved : 0;
    }

    std::vector<model::ProjectRequirement> requirements_of(int64_t project_id) {
        const auto page = service().requirements(m_analyst_a, project_id, {}, {1, 1000});
        EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().to_string());
        return page.ok() ? page->items : std::vector<model::ProjectRequirement>{};
    }

    model::ProjectRequirement requirement(int64_t project_id, const std::string& asvs_id) {
        for (const auto& found : requirements_of(project_id)) {
            if (found.asvs_id == asvs_id) return found;
        }
        ADD_FAILURE() << "no requirement " << asvs_id;
        return {};
    }

    core::Result<model::ProjectRequirement> act(const model::Actor& who, int64_t requirement_id,
                                                RequirementAction action, const std::string& justification = "",
                                                const std::string& evidence_text = "",
                                                std::vector<EvidenceUpload> files = {}) {
        RequirementActionInput input;
        input.requirement_id = requirement_id;
        input.action = action;
        input.justification = justification;
        input.evidence_text = evidence_text;
        input.files = std::move(files);
        return service().requirement_action(who, input);
    }

    int count_rows(const std::string& table) {
        auto rows = db().prepare("SELECT COUNT(*) FROM " + table);
        EXPECT_TRUE(rows.ok());
        if (!rows.ok() || !rows->step().ok()) return -1;
        return static_cast<int>(rows->integer(0));
    }

    model::Actor m_admin_a;
    model::Actor m_analyst_a;
    model::Actor m_developer_a;
    model::Actor m_viewer_a;
    model::Actor m_analyst_b;

private:
    static TempDir* s_template_dir;
    TempDir m_dir;
    std::unique_ptr<storage::sqlite::Database> m_db;
    std::unique_ptr<storage::sqlite::SqliteCatalogStore> m_catalog_store;
    std::unique_ptr<storage::sqlite::SqliteTenancyStore> m_tenancy;
    std::unique_ptr<storage::sqlite::SqliteProjectStore> m_projects;
    std::unique_ptr<CatalogService> m_catalogs;
    std::unique_ptr<evidence::BlobStore> m_blobs;
    std::unique_ptr<engine::SuggestionTable> m_suggestions;
    std::unique_ptr<AdminService> m_admin;
    std::unique_ptr<ProjectService> m_service;
};

TempDir* ProjectServiceTest::s_template_dir = nullptr;

ProjectUpdate rename(const std::string& name) {
    ProjectUpdate update;
    update.name = name;
    return update;
}

TEST_F(ProjectServiceTest, SavingAModelGeneratesTracedRequirementsInAPlannedProject) {
    const auto id = save_payments();
    const auto project = service().get(m_viewer_a, id);
    ASSERT_TRUE(project.ok()) << project.error().to_string();
    EXPECT_EQ(project->name, "Payments");
    EXPECT_EQ(project->status, ProjectStatus::Planned);
    EXPECT_EQ(project->asvs_version, "4.0.3");
    EXPECT_EQ(project->capec_version, "3.9");
    EXPECT_EQ(project->cwe_version, "4.14");
    EXPECT_THAT(project->team, ElementsAre("dev@acme.test"));
    EXPECT_THAT(project->assets, ElementsAre("payments-api")) << "a new asset is created under the name given";
    ASSERT_EQ(project->items.size(), 1u);
    EXPECT_THAT(project->items[0].attack_patterns, ElementsAre(66, 62));

    std::vector<std::string> ids;
    for (const auto& found : requirements_of(id)) ids.push_back(found.asvs_id);
    EXPECT_THAT(ids, Contains("V5.3.4"));
    EXPECT_THAT(ids, Contains("V5.3.5"));
    EXPECT_THAT(ids, Contains("V4.2.2"));
    const auto sql = requirement(id, "V5.3.4");
    EXPECT_EQ(sql.item_key, "api");
    EXPECT_EQ(sql.status, RequirementStatus::NotStarted);
    EXPECT_THAT(sql.traces, Contains(model::Trace{66, 89, 89, model::MatchKind::Direct}));
    const auto csrf = requirement(id, "V4.2.2");
    EXPECT_THAT(csrf.traces, Contains(model::Trace{62, 352, 352, model::MatchKind::Direct}));

    const auto history = service().history(m_viewer_a, id, std::nullopt, {});
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->items.size(), 1u);
    EXPECT_EQ(history->items[0].action, "project.create");
    EXPECT_EQ(history->items[0].actor_id, m_analyst_a.user_id);

    // The preview shows the same, and writes nothing.
    const auto preview = service().preview(m_viewer_a, payments_model());
    ASSERT_TRUE(preview.ok()) << preview.error().to_string();
    EXPECT_EQ(preview->requirements.size(), ids.size());
}

TEST_F(ProjectServiceTest, DeselectedRequirementsAreLeftOut) {
    const auto saved = service().save(m_analyst_a, payments_model(), {{"api", "V5.3.5"}});
    ASSERT_TRUE(saved.ok()) << saved.error().to_string();
    for (const auto& found : requirements_of(*saved)) EXPECT_NE(found.asvs_id, "V5.3.5");
    EXPECT_EQ(service().save(m_analyst_a, payments_model(), {{"api", "V99.1.1"}}).error().code,
              core::ErrorCode::InvalidArgument);
}

TEST_F(ProjectServiceTest, TheTeamMustBeMembersOfTheCompany) {
    auto model = payments_model();
    model.team = {"dev@acme.test", "gus@globex.test", "nobody@acme.test"};
    const auto saved = service().save(m_analyst_a, model);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_THAT(saved.error().message, HasSubstr("gus@globex.test, nobody@acme.test"));
    EXPECT_EQ(count_rows("projects"), 0);
    EXPECT_EQ(count_rows("assets"), 0) << "the transaction rolled the new asset back";
}

TEST_F(ProjectServiceTest, PreviewReportsUnknownPatternsAsSkippedButSaveRefusesThem) {
    auto model = payments_model();
    model.items[0].attack_patterns.push_back(99999);
    const auto preview = service().preview(m_analyst_a, model);
    ASSERT_TRUE(preview.ok()) << preview.error().to_string();
    ASSERT_FALSE(preview->skipped.empty());
    EXPECT_EQ(preview->skipped.back().attack_pattern, 99999);
    EXPECT_EQ(preview->skipped.back().reason, engine::SkipReason::UnknownPattern);

    const auto saved = service().save(m_analyst_a, model);
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, core::ErrorCode::InvalidData);
    EXPECT_EQ(count_rows("projects"), 0);
}

TEST_F(ProjectServiceTest, AModelFileWithUnknownPatternsIsRefusedWithLinesAndNothingIsSaved) {
    const auto text = testing::read_file(testing::test_data("modelfile/unknown_patterns.yaml"));
    const auto created = service().create_from_model_file(m_analyst_a, text, "unknown_patterns.yaml");
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(created.error().diagnostics.size(), 2u) << created.error().to_string();
    EXPECT_THAT(created.error().diagnostics[0].message, HasSubstr("CAPEC-99999"));
    EXPECT_EQ(created.error().diagnostics[0].where.line, 10);
    EXPECT_EQ(created.error().diagnostics[0].where.file, "unknown_patterns.yaml");
    EXPECT_THAT(created.error().diagnostics[1].message, HasSubstr("CAPEC-88888"));
    EXPECT_EQ(created.error().diagnostics[1].where.line, 14);
    EXPECT_EQ(count_rows("projects"), 0);
}

TEST_F(ProjectServiceTest, AModelFileRoundTripsThroughAProject) {
    const auto text =
        "rampart: 1\n"
        "project:\n"
        "  name: Shop\n"
        "  asvs: {version: 4.0.3, level: 1}\n"
        "items:\n"
        "  - {kind: api, name: Public API, attack_patterns: [CAPEC-66, CAPEC-62]}\n";
    const auto created = service().create_from_model_file(m_analyst_a, text, "shop.yaml");
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    const auto project = service().get(m_analyst_a, *created);
    ASSERT_TRUE(project.ok());
    ASSERT_EQ(project->items.size(), 1u);
    EXPECT_EQ(project->items[0].key, "public-api");

    const auto exported = service().export_model_file(m_viewer_a, *created, modelfile::Format::Yaml);
    ASSERT_TRUE(exported.ok()) << exported.error().to_string();
    const auto reread = modelfile::parse_model_file(*exported, "export.yaml");
    ASSERT_TRUE(reread.ok()) << reread.error().to_string() << "\n" << *exported;
    EXPECT_EQ(reread->name, "Shop");
    ASSERT_EQ(reread->items.size(), 1u);
    EXPECT_EQ(reread->items[0].key, "public-api");
    EXPECT_THAT(reread->items[0].attack_patterns, ElementsAre(66, 62));
}

TEST_F(ProjectServiceTest, StatusMovesFollowTheTableAndAreAudited) {
    const auto id = save_payments();
    const auto refused = service().change_status(m_analyst_a, id, ProjectStatus::Done, "skip ahead");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Conflict);

    const auto running = service().change_status(m_analyst_a, id, ProjectStatus::Running, "kick-off");
    ASSERT_TRUE(running.ok()) << running.error().to_string();
    EXPECT_EQ(running->status, ProjectStatus::Running);
    EXPECT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Fixing, "review").ok());
    EXPECT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "sent back").ok());

    const auto history = service().history(m_viewer_a, id, std::nullopt, {});
    ASSERT_TRUE(history.ok());
    std::vector<std::string> moves;
    for (const auto& event : history->items) {
        if (event.action == "project.status") moves.push_back(event.before + ">" + event.after + ":" + event.reason);
    }
    std::sort(moves.begin(), moves.end());
    EXPECT_THAT(moves, ElementsAre("FIXING>RUNNING:sent back", "PLANNED>RUNNING:kick-off", "RUNNING>FIXING:review"));
}

TEST_F(ProjectServiceTest, UpdatesAuditEachChangedField) {
    const auto id = save_payments();
    ProjectUpdate update;
    update.name = "Payments v2";
    update.goal = "Take card payments";  // unchanged: not audited
    update.estimated_hours = 60;
    update.tags = std::vector<std::string>{"pci", "q3"};
    const auto updated = service().update(m_analyst_a, id, update);
    ASSERT_TRUE(updated.ok()) << updated.error().to_string();
    EXPECT_EQ(updated->name, "Payments v2");
    EXPECT_EQ(updated->estimated_hours, 60);
    EXPECT_THAT(updated->tags, ElementsAre("pci", "q3"));

    const auto history = service().history(m_analyst_a, id, std::nullopt, {});
    ASSERT_TRUE(history.ok());
    std::vector<std::string> changes;
    for (const auto& event : history->items) {
        if (event.action == "project.update") changes.push_back(event.field + ":" + event.before + ">" + event.after);
    }
    std::sort(changes.begin(), changes.end());
    EXPECT_THAT(changes, ElementsAre("estimated_hours:40>60", "name:Payments>Payments v2", "tags:pci>pci, q3"));

    ProjectUpdate stale;
    stale.goal = "other";
    stale.expected_version = 1;
    EXPECT_EQ(service().update(m_analyst_a, id, stale).error().code, core::ErrorCode::Conflict);
}

TEST_F(ProjectServiceTest, DevelopersActWhileRunningAndAreFrozenInFixing) {
    const auto id = save_payments();
    const auto sql = requirement(id, "V5.3.4");
    // PLANNED: the work has not been handed over yet.
    EXPECT_EQ(act(m_developer_a, sql.id, RequirementAction::Start).error().code, core::ErrorCode::Conflict);

    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "").ok());
    const auto started = act(m_developer_a, sql.id, RequirementAction::Start);
    ASSERT_TRUE(started.ok()) << started.error().to_string();
    EXPECT_EQ(started->status, RequirementStatus::InProgress);
    EXPECT_EQ(started->version, sql.version + 1);

    // Not applicable needs a justification.
    const auto csrf = requirement(id, "V4.2.2");
    EXPECT_EQ(act(m_developer_a, csrf.id, RequirementAction::NotApply, "  ").error().code,
              core::ErrorCode::InvalidArgument);
    const auto skipped = act(m_developer_a, csrf.id, RequirementAction::NotApply, "no cookies, bearer tokens only");
    ASSERT_TRUE(skipped.ok()) << skipped.error().to_string();
    EXPECT_EQ(skipped->justification, "no cookies, bearer tokens only");

    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Fixing, "").ok());
    const auto frozen = act(m_developer_a, sql.id, RequirementAction::Finish, "", "parameterised queries");
    ASSERT_FALSE(frozen.ok());
    EXPECT_EQ(frozen.error().code, core::ErrorCode::Conflict);
    EXPECT_EQ(requirement(id, "V5.3.4").status, RequirementStatus::InProgress);
    // The analyst reviews in FIXING: the justification is rejected.
    const auto restarted = act(m_analyst_a, csrf.id, RequirementAction::Restart, "cookies are used by the admin UI");
    ASSERT_TRUE(restarted.ok()) << restarted.error().to_string();
    EXPECT_EQ(restarted->status, RequirementStatus::NotStarted);
    EXPECT_EQ(restarted->justification, "");

    const auto history = service().history(m_viewer_a, id, csrf.id, {});
    ASSERT_TRUE(history.ok());
    std::vector<std::string> moves;
    for (const auto& event : history->items) {
        moves.push_back(event.action + ":" + event.before + ">" + event.after + ":" + event.reason);
    }
    std::sort(moves.begin(), moves.end());
    EXPECT_THAT(moves, ElementsAre("requirement.not_apply:NOT_STARTED>NOT_APPLICABLE:no cookies, bearer tokens only",
                                   "requirement.restart:NOT_APPLICABLE>NOT_STARTED:cookies are used by the admin UI"));
}

TEST_F(ProjectServiceTest, AStaleVersionIsAConflict) {
    const auto id = save_payments();
    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "").ok());
    const auto sql = requirement(id, "V5.3.4");
    ASSERT_TRUE(act(m_developer_a, sql.id, RequirementAction::Start).ok());
    RequirementActionInput input;
    input.requirement_id = sql.id;
    input.action = RequirementAction::Finish;
    input.evidence_text = "done";
    input.expected_version = sql.version;  // read before the start
    EXPECT_EQ(service().requirement_action(m_developer_a, input).error().code, core::ErrorCode::Conflict);
    input.expected_version = sql.version + 1;
    EXPECT_TRUE(service().requirement_action(m_developer_a, input).ok());
}

TEST_F(ProjectServiceTest, FinishingWithAPngPutsItInTheAttachmentsZip) {
    const auto id = save_payments();
    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "").ok());
    const auto sql = requirement(id, "V5.3.4");
    const auto finished = act(m_developer_a, sql.id, RequirementAction::Finish, "", "prepared statements everywhere",
                              {{"C:\\Users\\dev\\login-test.png", png()}});
    ASSERT_TRUE(finished.ok()) << finished.error().to_string();
    EXPECT_EQ(finished->status, RequirementStatus::Done);
    EXPECT_EQ(finished->evidence_text, "prepared statements everywhere");

    const auto zip_path = (dir() / "attachments.zip").string();
    const auto written = service().attachments_zip(m_viewer_a, id, zip_path);
    ASSERT_TRUE(written.ok()) << written.error().to_string();
    EXPECT_EQ(*written, 1u);
    const auto entries = evidence::read_zip_entries(zip_path);
    ASSERT_TRUE(entries.ok()) << entries.error().to_string();
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(entries->at(0).name, "api/V5.3.4/login-test.png");
    EXPECT_EQ(entries->at(0).content, png());

    const auto history = service().history(m_viewer_a, id, sql.id, {});
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->items.size(), 1u);
    EXPECT_EQ(history->items[0].action, "requirement.finish");
    EXPECT_THAT(history->items[0].reason, HasSubstr("login-test.png"));
}

TEST_F(ProjectServiceTest, EvidenceWhoseContentLiesIsRefusedAndNothingIsRecorded) {
    const auto id = save_payments();
    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "").ok());
    const auto sql = requirement(id, "V5.3.4");
    const auto refused = act(m_developer_a, sql.id, RequirementAction::Finish, "", "see screenshot",
                             {{"ok.png", png()}, {"screenshot.png", "%PDF-1.4\n%fake\n"}, {"run.exe", "MZ"}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
    ASSERT_EQ(refused.error().diagnostics.size(), 2u) << refused.error().to_string();
    EXPECT_EQ(refused.error().diagnostics[0].where.file, "screenshot.png");
    EXPECT_EQ(refused.error().diagnostics[1].where.file, "run.exe");

    EXPECT_EQ(requirement(id, "V5.3.4").status, RequirementStatus::NotStarted);
    EXPECT_EQ(count_rows("evidence_files"), 0);
    const auto history = service().history(m_viewer_a, id, sql.id, {});
    ASSERT_TRUE(history.ok());
    EXPECT_TRUE(history->items.empty());
    const auto zip_path = (dir() / "empty.zip").string();
    ASSERT_TRUE(service().attachments_zip(m_viewer_a, id, zip_path).ok());
    EXPECT_TRUE(evidence::read_zip_entries(zip_path)->empty());
}

TEST_F(ProjectServiceTest, ProgressCountsSettledRequirements) {
    const auto id = save_payments();
    const auto all = requirements_of(id);
    ASSERT_GE(all.size(), 3u);
    ASSERT_TRUE(service().change_status(m_analyst_a, id, ProjectStatus::Running, "").ok());
    ASSERT_TRUE(act(m_developer_a, requirement(id, "V5.3.4").id, RequirementAction::Finish, "", "tests").ok());
    ASSERT_TRUE(act(m_developer_a, requirement(id, "V4.2.2").id, RequirementAction::NotApply, "no cookies").ok());
    ASSERT_TRUE(act(m_developer_a, requirement(id, "V5.3.5").id, RequirementAction::Start).ok());

    const auto progress = service().progress(m_viewer_a, id);
    ASSERT_TRUE(progress.ok()) << progress.error().to_string();
    EXPECT_EQ(progress->total(), static_cast<int>(all.size()));
    EXPECT_EQ(progress->done, 1);
    EXPECT_EQ(progress->not_applicable, 1);
    EXPECT_EQ(progress->in_progress, 1);
    EXPECT_EQ(progress->percent_settled(), 2 * 100 / static_cast<int>(all.size()));
    const auto item = service().progress(m_viewer_a, id, std::string("api"));
    ASSERT_TRUE(item.ok());
    EXPECT_EQ(item->total(), static_cast<int>(all.size()));

    const auto listed = service().list(m_viewer_a, {}, {});
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->items.size(), 1u);
    EXPECT_EQ(listed->items[0].progress.settled(), 2);
}

TEST_F(ProjectServiceTest, AnotherCompanySeesNothingOfAProject) {
    const auto id = save_payments();
    const auto sql = requirement(id, "V5.3.4");
    const auto& other = m_analyst_b;
    const auto not_found = [](const auto& result) {
        return !result.ok() && result.error().code == core::ErrorCode::NotFound;
    };
    EXPECT_TRUE(not_found(service().get(other, id)));
    EXPECT_TRUE(not_found(service().export_model_file(other, id, modelfile::Format::Json)));
    EXPECT_TRUE(not_found(service().requirements(other, id, {}, {})));
    EXPECT_TRUE(not_found(service().update(other, id, rename("mine"))));
    EXPECT_TRUE(not_found(service().change_status(other, id, ProjectStatus::Running, "")));
    EXPECT_TRUE(not_found(act(other, sql.id, RequirementAction::NotApply, "not ours")));
    EXPECT_TRUE(not_found(service().progress(other, id)));
    EXPECT_TRUE(not_found(service().history(other, id, std::nullopt, {})));
    EXPECT_TRUE(not_found(service().attachments_zip(other, id, (dir() / "theirs.zip").string())));
    EXPECT_TRUE(service().list(other, {}, {})->items.empty());
    // A foreign id answers exactly like a missing one.
    EXPECT_EQ(service().get(other, id).error().message, "no project " + std::to_string(id));
    EXPECT_EQ(service().get(other, id + 1000).error().message, "no project " + std::to_string(id + 1000));

    // Nothing changed in company A.
    const auto project = service().get(m_analyst_a, id);
    ASSERT_TRUE(project.ok());
    EXPECT_EQ(project->name, "Payments");
    EXPECT_EQ(project->status, ProjectStatus::Planned);
    EXPECT_EQ(requirement(id, "V5.3.4").status, RequirementStatus::NotStarted);
}

TEST_F(ProjectServiceTest, EachRoleIsRefusedWhatItMayNotDo) {
    const auto id = save_payments();
    const auto forbidden = [](const auto& result) {
        return !result.ok() && result.error().code == core::ErrorCode::Forbidden;
    };
    EXPECT_TRUE(forbidden(service().save(m_viewer_a, payments_model())));
    EXPECT_TRUE(forbidden(service().save(m_developer_a, payments_model())));
    EXPECT_TRUE(forbidden(service().create_from_model_file(m_viewer_a, "rampart: 1\n", "x.yaml")));
    EXPECT_TRUE(forbidden(service().change_status(m_developer_a, id, ProjectStatus::Running, "")));
    EXPECT_TRUE(forbidden(service().update(m_developer_a, id, rename("mine"))));
    EXPECT_TRUE(forbidden(act(m_viewer_a, requirement(id, "V5.3.4").id, RequirementAction::Start)));
    EXPECT_TRUE(service().save(m_admin_a, payments_model()).ok());
    EXPECT_TRUE(service().change_status(m_admin_a, id, ProjectStatus::Running, "").ok());
    EXPECT_TRUE(service().get(m_viewer_a, id).ok());
}

TEST_F(ProjectServiceTest, SuggestsCuratedPatternsThenTextMatches) {
    const auto suggestions =
        service().suggest(m_viewer_a, model::ItemKind::Database, "Orders", "SQL database of customer orders", 30);
    ASSERT_TRUE(suggestions.ok()) << suggestions.error().to_string();
    ASSERT_FALSE(suggestions->empty());
    EXPECT_EQ(suggestions->front().source, engine::SuggestionSource::Curated);
    bool text_match = false;
    for (const auto& suggestion : *suggestions) {
        EXPECT_FALSE(suggestion.name.empty());
        text_match = text_match || suggestion.source == engine::SuggestionSource::TextMatch;
    }
    EXPECT_TRUE(text_match);
    const auto few = service().suggest(m_viewer_a, model::ItemKind::Api, "", "", 2);
    ASSERT_TRUE(few.ok());
    EXPECT_EQ(few->size(), 2u);
}

TEST_F(ProjectServiceTest, DraftsKeepTheModelAndSaveIntoAProjectOnce) {
    const auto draft = service().create_draft(m_analyst_a, payments_model());
    ASSERT_TRUE(draft.ok()) << draft.error().to_string();
    auto loaded = service().get_draft(m_analyst_a, draft->id);
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
    EXPECT_EQ(loaded->model.items.size(), payments_model().items.size());

    auto changed = loaded->model;
    changed.name = "Payments, second pass";
    const auto updated = service().update_draft(m_analyst_a, draft->id, loaded->version, changed);
    ASSERT_TRUE(updated.ok()) << updated.error().to_string();
    const auto stale = service().update_draft(m_analyst_a, draft->id, loaded->version, changed);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);

    EXPECT_EQ(service().get_draft(m_analyst_b, draft->id).error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(service().create_draft(m_viewer_a, payments_model()).error().code, core::ErrorCode::Forbidden);

    const auto project_id = service().save_draft(m_analyst_a, draft->id);
    ASSERT_TRUE(project_id.ok()) << project_id.error().to_string();
    EXPECT_EQ(service().get(m_analyst_a, *project_id)->name, "Payments, second pass");
    EXPECT_EQ(service().get_draft(m_analyst_a, draft->id).error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(service().save_draft(m_analyst_a, draft->id).error().code, core::ErrorCode::NotFound);
}

TEST_F(ProjectServiceTest, AssetsBelongToOneCompany) {
    model::Asset asset;
    asset.name = "  billing-service ";
    asset.tags = {"pci"};
    asset.business_impact = "high";
    asset.data_classification = "confidential";
    asset.company_id = 999;  // ignored: the actor's company is used
    const auto created = service().create_asset(m_analyst_a, asset);
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    EXPECT_EQ(created->name, "billing-service");
    EXPECT_EQ(created->company_id, m_analyst_a.company_id);
    EXPECT_EQ(service().create_asset(m_analyst_a, asset).error().code, core::ErrorCode::Conflict);
    EXPECT_EQ(service().create_asset(m_viewer_a, asset).error().code, core::ErrorCode::Forbidden);
    model::Asset unnamed;
    EXPECT_EQ(service().create_asset(m_analyst_a, unnamed).error().code, core::ErrorCode::InvalidArgument);

    EXPECT_EQ(service().get_asset(m_viewer_a, created->id)->data_classification, "confidential");
    EXPECT_EQ(service().get_asset(m_analyst_b, created->id).error().code, core::ErrorCode::NotFound);
    const auto listed = service().list_assets(m_analyst_b, {1, 50});
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->total, 0);
    const auto own = service().list_assets(m_developer_a, {1, 50});
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(own->total, 1);
}

}  // namespace
}  // namespace rampart::app
