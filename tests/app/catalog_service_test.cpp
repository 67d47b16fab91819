#include "app/catalog_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "test_support.h"

namespace rampart::app {
namespace {

using testing::read_file;
using testing::shared_file;
using testing::TempDir;

class CatalogServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::sqlite::Database::open((m_dir / "rampart.db").string());
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::sqlite::SqliteCatalogStore>(*m_db);
        m_service = std::make_unique<CatalogService>(*m_store);
    }

    CatalogService& service() { return *m_service; }
    const TempDir& dir() const { return m_dir; }

    const storage::CatalogRecord* find(const std::vector<storage::CatalogRecord>& records, model::CatalogKind kind,
                                       const std::string& version) {
        const auto found = std::find_if(records.begin(), records.end(), [&](const auto& record) {
            return record.kind == kind && record.version == version;
        });
        return found == records.end() ? nullptr : &*found;
    }

    ImportReport import_official() {
        auto report = service().import_paths({shared_file("catalogs").string()}, {});
        EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().to_string());
        return report.ok() ? std::move(report).value() : ImportReport{};
    }

private:
    TempDir m_dir;
    std::unique_ptr<storage::sqlite::Database> m_db;
    std::unique_ptr<storage::sqlite::SqliteCatalogStore> m_store;
    std::unique_ptr<CatalogService> m_service;
};

TEST_F(CatalogServiceTest, ImportsTheOfficialFolderWithTheDocumentedCounts) {
    const auto report = import_official();
    EXPECT_EQ(report.skipped_files.size(), 1u) << "the folder's README is no catalog";
    const auto records = service().list();
    ASSERT_TRUE(records.ok());

    const auto* asvs403 = find(*records, model::CatalogKind::Asvs, "4.0.3");
    ASSERT_NE(asvs403, nullptr);
    EXPECT_EQ(asvs403->counts.entries, 278);
    EXPECT_EQ(asvs403->counts.level1, 128);
    EXPECT_EQ(asvs403->counts.with_cwe, 268);
    EXPECT_EQ(asvs403->files.size(), 2u);  // CSV and flat JSON agree
    const auto* asvs402 = find(*records, model::CatalogKind::Asvs, "4.0.2");
    ASSERT_NE(asvs402, nullptr);
    EXPECT_EQ(asvs402->counts.entries, 286);
    EXPECT_EQ(asvs402->counts.level1, 131);
    EXPECT_EQ(asvs402->counts.with_cwe, 276);
    const auto* asvs500 = find(*records, model::CatalogKind::Asvs, "5.0.0");
    ASSERT_NE(asvs500, nullptr);
    EXPECT_EQ(asvs500->counts.entries, 345);
    EXPECT_EQ(asvs500->counts.level1, 70);

    const auto* capec = find(*records, model::CatalogKind::Capec, "3.9");
    ASSERT_NE(capec, nullptr);
    EXPECT_EQ(capec->counts.entries, 615);
    EXPECT_EQ(capec->counts.active, 558);
    EXPECT_EQ(capec->counts.cwe_links, 1212);
    EXPECT_EQ(capec->counts.with_cwe, 450);

    const auto* cwe = find(*records, model::CatalogKind::Cwe, "4.14");
    ASSERT_NE(cwe, nullptr);
    EXPECT_EQ(cwe->counts.entries, 938);
    EXPECT_EQ(cwe->counts.child_of, 1076);
    EXPECT_EQ(cwe->files.size(), 2u);  // 1000.csv and 699.csv
}

TEST_F(CatalogServiceTest, LinksCapecToCweToAsvsAndBack) {
    import_official();
    const auto graph = service().load_graph({});
    ASSERT_TRUE(graph.ok()) << graph.error().to_string();
    EXPECT_EQ(graph->asvs().version, "4.0.3");

    const auto* sql_injection = graph->pattern(66);
    ASSERT_NE(sql_injection, nullptr);
    EXPECT_NE(std::find(sql_injection->cwes.begin(), sql_injection->cwes.end(), 89), sql_injection->cwes.end());
    std::vector<std::string> ids;
    for (const auto* requirement : graph->requirements_for_cwe(89)) ids.push_back(requirement->id);
    EXPECT_EQ(ids, (std::vector<std::string>{"V5.3.4", "V5.3.5"}));

    const auto& xss_cwes = graph->requirement_cwes("V5.3.3");
    ASSERT_EQ(xss_cwes, std::vector<int>{79});
    std::vector<int> patterns;
    for (const auto* pattern : graph->patterns_for_cwe(79)) patterns.push_back(pattern->id);
    EXPECT_NE(std::find(patterns.begin(), patterns.end(), 63), patterns.end());

    const auto parents = graph->cwe_parents(89);
    EXPECT_EQ(parents, std::vector<int>{943});
    const auto children = graph->cwe_children(89);
    EXPECT_NE(std::find(children.begin(), children.end(), 564), children.end());
}

TEST_F(CatalogServiceTest, ReimportingIdenticalContentChangesNothing) {
    import_official();
    const auto before = service().list();
    ASSERT_TRUE(before.ok());
    const auto again = import_official();
    ASSERT_FALSE(again.files.empty());
    for (const auto& file : again.files) {
        EXPECT_EQ(file.action, FileOutcome::Action::Unchanged) << file.file;
        EXPECT_EQ(file.added, 0) << file.file;
    }
    const auto after = service().list();
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(before->size(), after->size());
    for (size_t i = 0; i < before->size(); ++i) {
        EXPECT_EQ((*before)[i].updated_at, (*after)[i].updated_at) << (*before)[i].version;
        EXPECT_EQ((*before)[i].files.size(), (*after)[i].files.size());
    }
}

TEST_F(CatalogServiceTest, DifferentContentUnderAHeldVersionNeedsReplace) {
    const auto csv_path = shared_file("catalogs/asvs/OWASP Application Security Verification Standard 4.0.3-en.csv");
    ASSERT_TRUE(service().import_paths({csv_path.string()}, {}).ok());
    auto text = read_file(csv_path);
    const std::string original = "Verify that data selection or database queries";
    const auto at = text.find(original);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, original.size(), "Verify that every data selection or database query");
    const auto changed = dir().write("changed-4.0.3.csv", text);

    const auto refused = service().import_paths({changed.string()}, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Conflict);
    ASSERT_EQ(refused.error().diagnostics.size(), 1u);
    EXPECT_NE(refused.error().diagnostics[0].message.find("V5.3.4"), std::string::npos);
    auto graph = service().load_graph({});
    ASSERT_TRUE(graph.ok());
    EXPECT_EQ(graph->requirement("V5.3.4")->description.find("every"), std::string::npos);

    ImportOptions replace;
    replace.replace = true;
    const auto replaced = service().import_paths({changed.string()}, replace);
    ASSERT_TRUE(replaced.ok()) << replaced.error().to_string();
    EXPECT_EQ(replaced->files[0].action, FileOutcome::Action::Replaced);
    EXPECT_EQ(replaced->files[0].changed, 1);
    graph = service().load_graph({});
    ASSERT_TRUE(graph.ok());
    EXPECT_NE(graph->requirement("V5.3.4")->description.find("every"), std::string::npos);
}

TEST_F(CatalogServiceTest, ABadFileLeavesTheDatabaseExactlyAsItWasAndEveryProblemIsListed) {
    const auto folder = dir() / "mixed";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(shared_file("catalogs/capec/stix-capec-3.9.json"), folder / "capec.json");
    dir().write("mixed/broken-4.0.3.csv",
                "chapter_id,chapter_name,section_id,section_name,req_id,req_description,level1,level2,level3,cwe,nist\n"
                "V1,A,V1.1,B,V1.1.1,Text,✓,✓,✓,eighty-nine,\n"
                "V1,A,V1.1,B,V1.1.2,\"Unclosed\n");
    dir().write("mixed/also-broken.json", "{\"requirements\": [ {\"req_id\": ");

    const auto result = service().import_paths({folder.string()}, {});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    bool names_csv = false, names_json = false;
    for (const auto& diagnostic : result.error().diagnostics) {
        names_csv = names_csv || diagnostic.where.file.find("broken-4.0.3.csv") != std::string::npos;
        names_json = names_json || diagnostic.where.file.find("also-broken.json") != std::string::npos;
    }
    EXPECT_TRUE(names_csv && names_json) << result.error().to_string();
    const auto records = service().list();
    ASSERT_TRUE(records.ok());
    EXPECT_TRUE(records->empty()) << "the good CAPEC file must not be imported either";
}

TEST_F(CatalogServiceTest, AVersionNobodyStatesIsAskedFor) {
    const auto csv = read_file(shared_file("catalogs/cwe/1000.csv"));
    const auto first_rows = csv.substr(0, csv.find('\n', csv.find('\n') + 1) + 1);
    const auto file = dir().write("weaknesses.csv", first_rows);
    const auto refused = service().import_paths({file.string()}, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().to_string().find("--catalog-version"), std::string::npos);

    ImportOptions named;
    named.version = "4.13";
    const auto imported = service().import_paths({file.string()}, named);
    ASSERT_TRUE(imported.ok()) << imported.error().to_string();
    EXPECT_EQ(imported->files[0].version, "4.13");
    EXPECT_EQ(imported->files[0].version_source, "option");
}

TEST_F(CatalogServiceTest, AMissingPathIsNotFound) {
    const auto result = service().import_paths({(dir() / "nope").string()}, {});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::NotFound);
}

TEST_F(CatalogServiceTest, AsvsFiveTakesItsCwesThroughTheIdMapping) {
    import_official();
    auto graph = service().load_graph({"5.0.0", std::nullopt, std::nullopt});
    ASSERT_TRUE(graph.ok());
    EXPECT_TRUE(graph->requirement_cwes("V6.1.3").empty()) << "without the renumbering no 5.0.0 id has a CWE";

    // The official mapping file is YAML (`be id: 5.0.0 id`); three of its lines.
    const auto mapping = dir().write("mapping_v5.0.be_to_v5.0.0.yml",
                                     "---\nv5.0.be-1.2.4: v5.0.0-6.1.3\nv5.0.be-2.1.1: v5.0.0-6.2.1\n"
                                     "v5.0.be-5.6.1: v5.0.0-1.1.1\n");
    const auto imported = service().import_paths({mapping.string()}, {});
    ASSERT_TRUE(imported.ok()) << imported.error().to_string();
    graph = service().load_graph({"5.0.0", std::nullopt, std::nullopt});
    ASSERT_TRUE(graph.ok());
    EXPECT_EQ(graph->requirement_cwes("V6.1.3"), std::vector<int>{306});
    EXPECT_EQ(graph->requirement_cwes("V6.2.1"), std::vector<int>{521});
}

TEST(CatalogRef, ParsesTheUsualSpellings) {
    EXPECT_EQ(parse_catalog_ref("CAPEC-66")->number, 66);
    EXPECT_EQ(parse_catalog_ref("capec 66")->kind, model::CatalogKind::Capec);
    EXPECT_EQ(parse_catalog_ref("cwe89")->number, 89);
    EXPECT_EQ(parse_catalog_ref("V5.3.4")->requirement, "V5.3.4");
    EXPECT_EQ(parse_catalog_ref("5.3.4")->requirement, "V5.3.4");
    EXPECT_FALSE(parse_catalog_ref("banana").ok());
    EXPECT_FALSE(parse_catalog_ref("CAPEC-").ok());
}

}  // namespace
}  // namespace rampart::app
