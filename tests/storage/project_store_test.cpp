// The backend-neutral conformance suite for ProjectStore: every backend is
// instantiated below and must pass the same tests.
#include "storage/project_store.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/storage_backends.h"

namespace rampart::storage {
namespace {

using model::RequirementStatus;

using testing::BackendTest;

template <typename T>
T expect_ok(core::Result<T> result) {
    if (!result.ok()) throw std::runtime_error(result.error().to_string());
    return std::move(result).value();
}

void expect_ok(const core::Result<void>& result) {
    if (!result.ok()) throw std::runtime_error(result.error().to_string());
}

model::ProjectRequirement requirement(std::string item_key, std::string asvs_id, std::string chapter_id, int level,
                                      model::MatchKind match, std::vector<model::Trace> traces) {
    model::ProjectRequirement r;
    r.item_key = std::move(item_key);
    r.asvs_id = std::move(asvs_id);
    r.chapter_id = std::move(chapter_id);
    r.chapter_name = r.chapter_id == "V5" ? "Validation" : "Architecture";
    r.section_name = "Section of " + r.asvs_id;
    r.description = "Verify " + r.asvs_id;
    r.level = level;
    r.match = match;
    r.traces = std::move(traces);
    return r;
}

class ProjectStoreConformance : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto& tenancy = backend().tenancy();
        m_company_a = expect_ok(tenancy.create_company("Acme")).id;
        m_company_b = expect_ok(tenancy.create_company("Globex")).id;
        m_alice = expect_ok(tenancy.create_user("alice@acme.test", "Alice", ""));
        m_bob = expect_ok(tenancy.create_user("bob@acme.test", "Bob", ""));
        m_mallory = expect_ok(tenancy.create_user("mallory@globex.test", "Mallory", ""));
        expect_ok(tenancy.set_role(m_company_a, m_alice.id, model::Role::Admin));
        expect_ok(tenancy.set_role(m_company_a, m_bob.id, model::Role::Developer));
        expect_ok(tenancy.set_role(m_company_b, m_mallory.id, model::Role::Admin));
        m_web_asset = expect_ok(store().create_asset(asset(m_company_a, "shop-web"))).id;
        m_api_asset = expect_ok(store().create_asset(asset(m_company_a, "payments-api"))).id;
    }

    ProjectStore& store() { return backend().projects(); }

    static model::Asset asset(int64_t company_id, std::string name) {
        model::Asset a;
        a.company_id = company_id;
        a.name = std::move(name);
        a.description = "The " + a.name;
        a.tags = {"prod"};
        a.business_impact = "high";
        a.data_classification = "confidential";
        return a;
    }

    model::Project project(std::string name, std::vector<std::string> tags,
                           model::ProjectStatus status = model::ProjectStatus::Planned) const {
        model::Project p;
        p.company_id = m_company_a;
        p.name = std::move(name);
        p.status = status;
        p.goal = "Ship safely";
        p.scope = "Checkout";
        p.limitation = "No mobile";
        p.estimated_hours = 12.5;
        p.tags = std::move(tags);
        p.asvs_version = "4.0.3";
        p.asvs_level = 2;
        p.capec_version = "3.9";
        p.cwe_version = "4.14";
        p.follow_cwe_hierarchy = true;
        p.created_by = m_alice.id;
        model::ProjectItem web;
        web.key = "web";
        web.kind = model::ItemKind::UserInterface;
        web.name = "Web shop";
        web.description = "The storefront";
        web.attack_patterns = {66, 7};
        model::ProjectItem db;
        db.key = "db";
        db.kind = model::ItemKind::Database;
        db.name = "Orders database";
        db.attack_patterns = {66};
        p.items = {web, db};
        return p;
    }

    static std::vector<model::ProjectRequirement> requirements() {
        using model::MatchKind;
        return {
            requirement("web", "V5.3.4", "V5", 1, MatchKind::Direct,
                        {{66, 89, 89, MatchKind::Direct}, {7, 89, 89, MatchKind::Direct}}),
            requirement("web", "V5.3.3", "V5", 1, MatchKind::Direct, {{66, 89, 79, MatchKind::Direct}}),
            requirement("db", "V1.1.2", "V1", 2, MatchKind::Indirect, {{66, 89, 1053, MatchKind::Indirect}}),
            requirement("db", "V5.1.1", "V5", 3, MatchKind::Direct, {{66, 89, 20, MatchKind::Direct}}),
        };
    }

    /// Creates the standard project in company A and answers its id.
    int64_t create_standard(const std::string& name = "Shop checkout", std::vector<std::string> tags = {"pci"},
                            model::ProjectStatus status = model::ProjectStatus::Planned) {
        return expect_ok(store().create_project(project(name, std::move(tags), status), requirements(),
                                                {m_alice.id, m_bob.id}, {m_web_asset, m_api_asset}));
    }

    std::vector<model::ProjectRequirement> all_requirements(int64_t project_id, const RequirementFilter& filter = {}) {
        return expect_ok(store().list_requirements(m_company_a, project_id, filter, {1, 100})).items;
    }

    /// Moves a requirement to `status` as read, answering the new version.
    int64_t set_status(const model::ProjectRequirement& read, RequirementStatus status) {
        auto changed = read;
        changed.status = status;
        return expect_ok(store().update_requirement(m_company_a, changed, m_alice.id));
    }

    int64_t m_company_a = 0;
    int64_t m_company_b = 0;
    model::User m_alice;
    model::User m_bob;
    model::User m_mallory;
    int64_t m_web_asset = 0;
    int64_t m_api_asset = 0;
};

TEST_P(ProjectStoreConformance, CreatedProjectIsFoundWithItemsTeamAssetsAndRequirements) {
    const auto id = create_standard();
    const auto found = expect_ok(store().find_project(m_company_a, id));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->company_id, m_company_a);
    EXPECT_EQ(found->name, "Shop checkout");
    EXPECT_EQ(found->status, model::ProjectStatus::Planned);
    EXPECT_EQ(found->goal, "Ship safely");
    EXPECT_EQ(found->scope, "Checkout");
    EXPECT_EQ(found->limitation, "No mobile");
    EXPECT_DOUBLE_EQ(found->estimated_hours, 12.5);
    EXPECT_EQ(found->tags, std::vector<std::string>{"pci"});
    EXPECT_EQ(found->team, (std::vector<std::string>{"alice@acme.test", "bob@acme.test"}));
    EXPECT_EQ(found->assets, (std::vector<std::string>{"payments-api", "shop-web"}));
    EXPECT_EQ(found->asvs_version, "4.0.3");
    EXPECT_EQ(found->asvs_level, 2);
    EXPECT_EQ(found->capec_version, "3.9");
    EXPECT_EQ(found->cwe_version, "4.14");
    EXPECT_TRUE(found->follow_cwe_hierarchy);
    EXPECT_EQ(found->created_by, m_alice.id);
    EXPECT_FALSE(found->created_at.empty());
    EXPECT_EQ(found->version, 1);
    ASSERT_EQ(found->items.size(), 2u);
    EXPECT_EQ(found->items[0].key, "web");
    EXPECT_EQ(found->items[0].kind, model::ItemKind::UserInterface);
    EXPECT_EQ(found->items[0].name, "Web shop");
    EXPECT_EQ(found->items[0].description, "The storefront");
    EXPECT_EQ(found->items[0].attack_patterns, (std::vector<int>{66, 7}));
    EXPECT_NE(found->items[0].id, 0);
    EXPECT_EQ(found->items[1].key, "db");
    EXPECT_EQ(found->items[1].kind, model::ItemKind::Database);
    EXPECT_EQ(found->items[1].attack_patterns, (std::vector<int>{66}));

    const auto stored = all_requirements(id);
    const auto expected = requirements();
    ASSERT_EQ(stored.size(), expected.size());
    for (size_t i = 0; i < stored.size(); ++i) {
        SCOPED_TRACE(expected[i].asvs_id);
        EXPECT_EQ(stored[i].project_id, id);
        EXPECT_EQ(stored[i].item_key, expected[i].item_key);
        EXPECT_EQ(stored[i].item_id, found->items[expected[i].item_key == "web" ? 0 : 1].id);
        EXPECT_EQ(stored[i].asvs_id, expected[i].asvs_id);
        EXPECT_EQ(stored[i].chapter_id, expected[i].chapter_id);
        EXPECT_EQ(stored[i].chapter_name, expected[i].chapter_name);
        EXPECT_EQ(stored[i].section_name, expected[i].section_name);
        EXPECT_EQ(stored[i].description, expected[i].description);
        EXPECT_EQ(stored[i].level, expected[i].level);
        EXPECT_EQ(stored[i].match, expected[i].match);
        EXPECT_EQ(stored[i].status, RequirementStatus::NotStarted);
        EXPECT_EQ(stored[i].traces, expected[i].traces);
        EXPECT_EQ(stored[i].version, 1);
    }
    const auto one = expect_ok(store().find_requirement(m_company_a, stored[0].id));
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->asvs_id, "V5.3.4");
    EXPECT_EQ(one->traces, expected[0].traces);
}

TEST_P(ProjectStoreConformance, CreateRefusesForeignTeamMembersAssetsAndUnknownItems) {
    auto foreign_asset = expect_ok(store().create_asset(asset(m_company_b, "globex-site")));
    auto refused = store().create_project(project("X", {}), {}, {}, {foreign_asset.id});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);
    refused = store().create_project(project("X", {}), {}, {m_mallory.id}, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);
    auto stray = requirements();
    stray[0].item_key = "queue";
    refused = store().create_project(project("X", {}), stray, {}, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_NE(refused.error().message.find("queue"), std::string::npos);
    auto twice = project("X", {});
    twice.items.push_back(twice.items.front());
    refused = store().create_project(twice, {}, {}, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
    // Every refusal comes before the first write.
    EXPECT_EQ(expect_ok(store().list_projects(m_company_a, {}, {1, 50})).total, 0);
}

TEST_P(ProjectStoreConformance, ListsProjectsNewestFirstWithEachFilterAndPages) {
    const auto shop = create_standard("Shop checkout", {"pci", "web"}, model::ProjectStatus::Running);
    const auto payments = create_standard("Payments 50% rollout", {"pci"});
    const auto tools = create_standard("Internal_tools", {"internal"});

    auto names = [&](const ProjectFilter& filter) {
        std::vector<int64_t> ids;
        for (const auto& summary : expect_ok(store().list_projects(m_company_a, filter, {1, 50})).items) {
            ids.push_back(summary.project.id);
        }
        return ids;
    };
    EXPECT_EQ(names({}), (std::vector<int64_t>{tools, payments, shop}));
    EXPECT_EQ(names({model::ProjectStatus::Running, {}, {}, {}}), std::vector<int64_t>{shop});
    EXPECT_EQ(names({{}, std::string("pci"), {}, {}}), (std::vector<int64_t>{payments, shop}));
    EXPECT_EQ(names({{}, std::string("pc"), {}, {}}), std::vector<int64_t>{});  // whole tags, not substrings
    EXPECT_EQ(names({{}, {}, std::string("SHOP"), {}}), std::vector<int64_t>{shop});
    // The wildcards of LIKE are matched literally.
    EXPECT_EQ(names({{}, {}, std::string("50%"), {}}), std::vector<int64_t>{payments});
    EXPECT_EQ(names({{}, {}, std::string("%"), {}}), std::vector<int64_t>{payments});
    EXPECT_EQ(names({{}, {}, std::string("_"), {}}), std::vector<int64_t>{tools});
    EXPECT_EQ(names({model::ProjectStatus::Planned, std::string("pci"), std::string("roll"), {}}),
              std::vector<int64_t>{payments});

    const auto first = expect_ok(store().list_projects(m_company_a, {}, {1, 2}));
    EXPECT_EQ(first.total, 3);
    EXPECT_EQ(first.page, 1);
    EXPECT_EQ(first.limit, 2);
    EXPECT_EQ(first.total_pages(), 2);
    ASSERT_EQ(first.items.size(), 2u);
    EXPECT_EQ(first.items[0].project.team, (std::vector<std::string>{"alice@acme.test", "bob@acme.test"}));
    EXPECT_EQ(first.items[0].progress.not_started, 4);
    EXPECT_EQ(first.items[0].progress.total(), 4);
    const auto second = expect_ok(store().list_projects(m_company_a, {}, {2, 2}));
    EXPECT_EQ(second.total, 3);
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].project.id, shop);
    EXPECT_TRUE(expect_ok(store().list_projects(m_company_a, {}, {3, 2})).items.empty());

    for (const PageRequest bad : {PageRequest{0, 10}, PageRequest{1, 0}, PageRequest{1, 1001}}) {
        const auto refused = store().list_projects(m_company_a, {}, bad);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
    }
    EXPECT_EQ(expect_ok(store().list_projects(m_company_a, {}, {1, 1000})).items.size(), 3u);
}

TEST_P(ProjectStoreConformance, ListsOnlyTheProjectsThatCoverAnAsset) {
    const auto both = create_standard("Both assets");
    const auto web_only =
        expect_ok(store().create_project(project("Web only", {}), requirements(), {m_alice.id}, {m_web_asset}));
    const auto none = expect_ok(store().create_project(project("No asset", {}), {}, {}, {}));
    const auto covering = [&](int64_t asset_id) {
        ProjectFilter filter;
        filter.asset_id = asset_id;
        std::vector<int64_t> ids;
        for (const auto& summary : expect_ok(store().list_projects(m_company_a, filter, {1, 50})).items) {
            ids.push_back(summary.project.id);
        }
        return ids;
    };
    EXPECT_EQ(covering(m_web_asset), (std::vector<int64_t>{web_only, both}));
    EXPECT_EQ(covering(m_api_asset), std::vector<int64_t>{both});
    EXPECT_EQ(expect_ok(store().list_projects(m_company_a, {}, {1, 50})).total, 3) << none;
    // Another company's view of the same asset id holds nothing.
    ProjectFilter foreign;
    foreign.asset_id = m_web_asset;
    EXPECT_EQ(expect_ok(store().list_projects(m_company_b, foreign, {1, 50})).total, 0);
}

TEST_P(ProjectStoreConformance, FiltersRequirementsByStatusItemLevelAndChapter) {
    const auto id = create_standard();
    const auto all = all_requirements(id);
    set_status(all[1], RequirementStatus::Done);

    auto ids = [&](const RequirementFilter& filter) {
        std::vector<std::string> out;
        for (const auto& r : all_requirements(id, filter)) out.push_back(r.asvs_id);
        return out;
    };
    EXPECT_EQ(ids({}), (std::vector<std::string>{"V5.3.4", "V5.3.3", "V1.1.2", "V5.1.1"}));
    EXPECT_EQ(ids({RequirementStatus::Done, {}, {}, {}}), std::vector<std::string>{"V5.3.3"});
    EXPECT_EQ(ids({{}, std::string("db"), {}, {}}), (std::vector<std::string>{"V1.1.2", "V5.1.1"}));
    EXPECT_EQ(ids({{}, {}, 1, {}}), (std::vector<std::string>{"V5.3.4", "V5.3.3"}));
    EXPECT_EQ(ids({{}, {}, 2, {}}), (std::vector<std::string>{"V5.3.4", "V5.3.3", "V1.1.2"}));
    EXPECT_EQ(ids({{}, {}, {}, std::string("V1")}), std::vector<std::string>{"V1.1.2"});
    EXPECT_EQ(ids({RequirementStatus::NotStarted, std::string("web"), 1, std::string("V5")}),
              std::vector<std::string>{"V5.3.4"});

    const auto page = expect_ok(store().list_requirements(m_company_a, id, {}, {2, 3}));
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(page.total_pages(), 2);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].asvs_id, "V5.1.1");
    EXPECT_EQ(page.items[0].traces, requirements()[3].traces);
    const auto refused = store().list_requirements(m_company_a, id, {}, {1, 1001});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
}

TEST_P(ProjectStoreConformance, CountsProgressPerStatusAndPerItem) {
    const auto id = create_standard();
    const auto all = all_requirements(id);
    set_status(all[0], RequirementStatus::Done);
    set_status(all[1], RequirementStatus::InProgress);
    set_status(all[2], RequirementStatus::NotApplicable);

    const auto whole = expect_ok(store().progress(m_company_a, id, std::nullopt));
    EXPECT_EQ(whole.not_started, 1);
    EXPECT_EQ(whole.in_progress, 1);
    EXPECT_EQ(whole.not_applicable, 1);
    EXPECT_EQ(whole.done, 1);
    EXPECT_EQ(whole.percent_settled(), 50);
    const auto web = expect_ok(store().progress(m_company_a, id, std::string("web")));
    EXPECT_EQ(web.done, 1);
    EXPECT_EQ(web.in_progress, 1);
    EXPECT_EQ(web.total(), 2);
    EXPECT_EQ(expect_ok(store().progress(m_company_a, id, std::string("queue"))).total(), 0);
}

TEST_P(ProjectStoreConformance, TwoUpdatesFromTheSameReadFirstWinsSecondConflicts) {
    const auto id = create_standard();
    const auto read = *expect_ok(store().find_project(m_company_a, id));
    auto first = read;
    first.goal = "First goal";
    auto second = read;
    second.status = model::ProjectStatus::Running;
    EXPECT_EQ(expect_ok(store().update_project(first)), 2);
    const auto conflict = store().update_project(second);
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(conflict.error().message.find("version 2 is current, you had 1"), std::string::npos)
        << conflict.error().message;
    const auto after = *expect_ok(store().find_project(m_company_a, id));
    EXPECT_EQ(after.goal, "First goal");
    EXPECT_EQ(after.status, model::ProjectStatus::Planned);
    EXPECT_EQ(after.version, 2);
    EXPECT_EQ(after.items.size(), 2u);

    const auto requirement = all_requirements(id)[0];
    auto finish = requirement;
    finish.status = RequirementStatus::Done;
    finish.evidence_text = "Parameterized everywhere";
    auto skip = requirement;
    skip.status = RequirementStatus::NotApplicable;
    skip.justification = "No SQL";
    EXPECT_EQ(expect_ok(store().update_requirement(m_company_a, finish, m_bob.id)), 2);
    const auto lost = store().update_requirement(m_company_a, skip, m_alice.id);
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(lost.error().message.find("version 2 is current, you had 1"), std::string::npos);
    const auto stored = *expect_ok(store().find_requirement(m_company_a, requirement.id));
    EXPECT_EQ(stored.status, RequirementStatus::Done);
    EXPECT_EQ(stored.evidence_text, "Parameterized everywhere");
    EXPECT_EQ(stored.justification, "");
    EXPECT_EQ(stored.version, 2);

    auto missing = read;
    missing.id = id + 1000;
    const auto not_found = store().update_project(missing);
    ASSERT_FALSE(not_found.ok());
    EXPECT_EQ(not_found.error().code, core::ErrorCode::NotFound);
    auto missing_requirement = requirement;
    missing_requirement.id += 1000;
    const auto no_requirement = store().update_requirement(m_company_a, missing_requirement, m_bob.id);
    ASSERT_FALSE(no_requirement.ok());
    EXPECT_EQ(no_requirement.error().code, core::ErrorCode::NotFound);
}

TEST_P(ProjectStoreConformance, AnotherCompanySeesNothingOfAProject) {
    const auto id = create_standard();
    const auto requirement = all_requirements(id)[0];
    expect_ok(store().record(m_company_a, {0, id, requirement.id, m_alice.id, "", "2026-01-01T00:00:00.000Z",
                                           "requirement.start", "status", "NOT_STARTED", "IN_PROGRESS", ""}));
    model::EvidenceFile file{0, requirement.id, "scan.pdf", "application/pdf", 10, "ab", m_alice.id, ""};
    expect_ok(store().add_evidence_file(m_company_a, file));
    const auto draft = expect_ok(store().create_draft(m_company_a, m_alice.id, "{}"));
    const auto b = m_company_b;

    EXPECT_FALSE(expect_ok(store().find_project(b, id)).has_value());
    EXPECT_EQ(expect_ok(store().list_projects(b, {}, {1, 50})).total, 0);
    auto foreign = *expect_ok(store().find_project(m_company_a, id));
    foreign.company_id = b;
    foreign.name = "Stolen";
    auto refused = store().update_project(foreign);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);

    EXPECT_EQ(expect_ok(store().list_requirements(b, id, {}, {1, 50})).total, 0);
    EXPECT_FALSE(expect_ok(store().find_requirement(b, requirement.id)).has_value());
    auto changed = requirement;
    changed.status = RequirementStatus::Done;
    refused = store().update_requirement(b, changed, m_mallory.id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(expect_ok(store().progress(b, id, std::nullopt)).total(), 0);

    refused = store().add_evidence_file(b, file);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);
    EXPECT_TRUE(expect_ok(store().project_evidence_files(b, id)).empty());

    EXPECT_EQ(expect_ok(store().history(b, id, std::nullopt, {1, 50})).total, 0);
    EXPECT_EQ(expect_ok(store().history(b, id, requirement.id, {1, 50})).total, 0);
    const auto wrote =
        store().record(b, {0, id, requirement.id, m_mallory.id, "", "", "project.status", "", "", "", ""});
    ASSERT_FALSE(wrote.ok());
    EXPECT_EQ(wrote.error().code, core::ErrorCode::NotFound);

    EXPECT_FALSE(expect_ok(store().find_draft(b, draft)).has_value());
    refused = store().update_draft(b, draft, 1, "{\"name\":\"x\"}");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::NotFound);
    EXPECT_FALSE(expect_ok(store().delete_draft(b, draft)));

    EXPECT_FALSE(expect_ok(store().find_asset(b, m_web_asset)).has_value());
    EXPECT_FALSE(expect_ok(store().find_asset_by_name(b, "shop-web")).has_value());
    EXPECT_EQ(expect_ok(store().list_assets(b, {1, 50})).total, 0);

    // Company A still has everything, unchanged.
    const auto kept = *expect_ok(store().find_project(m_company_a, id));
    EXPECT_EQ(kept.name, "Shop checkout");
    EXPECT_EQ(kept.version, 1);
    EXPECT_EQ(expect_ok(store().find_requirement(m_company_a, requirement.id))->version, 1);
    EXPECT_EQ(expect_ok(store().history(m_company_a, id, std::nullopt, {1, 50})).total, 1);
    EXPECT_EQ(expect_ok(store().project_evidence_files(m_company_a, id)).size(), 1u);
    EXPECT_TRUE(expect_ok(store().find_draft(m_company_a, draft)).has_value());
}

TEST_P(ProjectStoreConformance, KeepsEvidenceFilesWithTheirRequirement) {
    const auto id = create_standard();
    const auto all = all_requirements(id);
    model::EvidenceFile scan{0, all[2].id, "scan.pdf", "application/pdf", 2048, "0f0f", m_bob.id, ""};
    model::EvidenceFile log{0, all[0].id, "ci.log", "text/plain", 12, "a1a1", m_alice.id, "2026-02-01T10:00:00.000Z"};
    const auto scan_id = expect_ok(store().add_evidence_file(m_company_a, scan));
    const auto log_id = expect_ok(store().add_evidence_file(m_company_a, log));

    const auto found = *expect_ok(store().find_requirement(m_company_a, all[0].id));
    ASSERT_EQ(found.evidence_files.size(), 1u);
    EXPECT_EQ(found.evidence_files[0].id, log_id);
    EXPECT_EQ(found.evidence_files[0].name, "ci.log");
    EXPECT_EQ(found.evidence_files[0].media_type, "text/plain");
    EXPECT_EQ(found.evidence_files[0].size, 12);
    EXPECT_EQ(found.evidence_files[0].sha256, "a1a1");
    EXPECT_EQ(found.evidence_files[0].uploaded_by, m_alice.id);
    EXPECT_EQ(found.evidence_files[0].uploaded_at, "2026-02-01T10:00:00.000Z");
    EXPECT_EQ(all_requirements(id)[2].evidence_files.size(), 1u);

    const auto files = expect_ok(store().project_evidence_files(m_company_a, id));
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].id, log_id);  // in requirement order
    EXPECT_EQ(files[1].id, scan_id);
    EXPECT_FALSE(files[1].uploaded_at.empty());
}

TEST_P(ProjectStoreConformance, HistoryIsOldestFirstPagedAndFilteredByRequirement) {
    const auto id = create_standard();
    const auto all = all_requirements(id);
    auto event = [&](int64_t requirement_id, std::string action, int64_t actor) {
        model::AuditEvent e;
        e.project_id = id;
        e.requirement_id = requirement_id;
        e.actor_id = actor;
        e.action = std::move(action);
        e.field = "status";
        e.before = "a";
        e.after = "b";
        e.reason = "because";
        expect_ok(store().record(m_company_a, e));
    };
    event(0, "project.create", m_alice.id);
    event(all[0].id, "requirement.start", m_bob.id);
    event(all[1].id, "requirement.start", m_alice.id);
    event(all[0].id, "requirement.finish", m_bob.id);
    event(0, "project.status", 0);

    const auto everything = expect_ok(store().history(m_company_a, id, std::nullopt, {1, 50}));
    EXPECT_EQ(everything.total, 5);
    std::vector<std::string> actions;
    for (const auto& e : everything.items) actions.push_back(e.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"project.create", "requirement.start", "requirement.start",
                                                 "requirement.finish", "project.status"}));
    EXPECT_EQ(everything.items[0].actor_email, "alice@acme.test");
    EXPECT_EQ(everything.items[0].requirement_id, 0);
    EXPECT_EQ(everything.items[0].reason, "because");
    EXPECT_EQ(everything.items[0].before, "a");
    EXPECT_EQ(everything.items[0].after, "b");
    EXPECT_FALSE(everything.items[0].at.empty());
    EXPECT_EQ(everything.items[1].actor_email, "bob@acme.test");
    EXPECT_EQ(everything.items[4].actor_id, 0);
    EXPECT_EQ(everything.items[4].actor_email, "");

    const auto second_page = expect_ok(store().history(m_company_a, id, std::nullopt, {2, 2}));
    EXPECT_EQ(second_page.total, 5);
    ASSERT_EQ(second_page.items.size(), 2u);
    EXPECT_EQ(second_page.items[0].action, "requirement.start");
    EXPECT_EQ(second_page.items[1].action, "requirement.finish");

    const auto one = expect_ok(store().history(m_company_a, id, all[0].id, {1, 50}));
    EXPECT_EQ(one.total, 2);
    ASSERT_EQ(one.items.size(), 2u);
    EXPECT_EQ(one.items[0].action, "requirement.start");
    EXPECT_EQ(one.items[1].action, "requirement.finish");
    EXPECT_EQ(one.items[1].requirement_id, all[0].id);

    const auto refused = store().history(m_company_a, id, std::nullopt, {0, 50});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
}

TEST_P(ProjectStoreConformance, DraftsAreVersionedAndDeleted) {
    const auto id = expect_ok(store().create_draft(m_company_a, m_alice.id, R"({"name":"v1"})"));
    const auto read = *expect_ok(store().find_draft(m_company_a, id));
    EXPECT_EQ(read.first, R"({"name":"v1"})");
    EXPECT_EQ(read.second, 1);

    EXPECT_EQ(expect_ok(store().update_draft(m_company_a, id, read.second, R"({"name":"alice"})")), 2);
    const auto stale = store().update_draft(m_company_a, id, read.second, R"({"name":"bob"})");
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(stale.error().message.find("version 2 is current, you had 1"), std::string::npos);
    EXPECT_EQ(expect_ok(store().find_draft(m_company_a, id))->first, R"({"name":"alice"})");

    EXPECT_TRUE(expect_ok(store().delete_draft(m_company_a, id)));
    EXPECT_FALSE(expect_ok(store().delete_draft(m_company_a, id)));
    EXPECT_FALSE(expect_ok(store().find_draft(m_company_a, id)).has_value());
    const auto gone = store().update_draft(m_company_a, id, 2, "{}");
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, core::ErrorCode::NotFound);
}

TEST_P(ProjectStoreConformance, AssetNamesAreUniquePerCompany) {
    const auto duplicate = store().create_asset(asset(m_company_a, "shop-web"));
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(duplicate.error().message.find("\"shop-web\""), std::string::npos);
    // Another company may use the same name.
    const auto other = expect_ok(store().create_asset(asset(m_company_b, "shop-web")));
    EXPECT_EQ(other.company_id, m_company_b);

    const auto found = *expect_ok(store().find_asset_by_name(m_company_a, "shop-web"));
    EXPECT_EQ(found.id, m_web_asset);
    EXPECT_EQ(found.description, "The shop-web");
    EXPECT_EQ(found.tags, std::vector<std::string>{"prod"});
    EXPECT_EQ(found.business_impact, "high");
    EXPECT_EQ(found.data_classification, "confidential");
    EXPECT_FALSE(found.created_at.empty());
    EXPECT_EQ(expect_ok(store().find_asset(m_company_a, m_api_asset))->name, "payments-api");

    expect_ok(store().create_asset(asset(m_company_a, "admin-portal")));
    const auto first = expect_ok(store().list_assets(m_company_a, {1, 2}));
    EXPECT_EQ(first.total, 3);
    EXPECT_EQ(first.total_pages(), 2);
    ASSERT_EQ(first.items.size(), 2u);
    EXPECT_EQ(first.items[0].name, "admin-portal");
    EXPECT_EQ(first.items[1].name, "payments-api");
    const auto second = expect_ok(store().list_assets(m_company_a, {2, 2}));
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].name, "shop-web");
    const auto refused = store().list_assets(m_company_a, {1, 0});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidArgument);
}

RAMPART_STORAGE_BACKENDS(ProjectStoreConformance);

}  // namespace
}  // namespace rampart::storage
