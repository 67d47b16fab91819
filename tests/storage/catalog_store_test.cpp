// The backend-neutral conformance suite for CatalogStore: every backend is
// instantiated below and must pass the same tests.
#include "storage/catalog_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/storage_backends.h"

namespace rampart::storage {
namespace {

using testing::BackendTest;

model::AsvsRelease small_release() {
    model::AsvsRelease release;
    release.version = "4.0.3";
    model::AsvsRequirement sql{"V5.3.4",
                               "V5",
                               "Validation",
                               "V5.3",
                               "Output Encoding",
                               "Verify that data selection or database queries use parameterized queries.",
                               {true, true, true},
                               {89},
                               ""};
    model::AsvsRequirement xss{
        "V5.3.3",
        "V5",
        "Validation",
        "V5.3",
        "Output Encoding",
        "Verify that context-aware output escaping protects against reflected cross-site scripting.",
        {true, true, true},
        {79},
        ""};
    model::AsvsRequirement l2{
        "V1.1.2", "V1",   "Architecture", "V1.1", "SDLC", "Verify the use of threat modeling.", {false, true, true},
        {1053},   "5.1.1"};
    release.requirements = {sql, xss, l2};
    return release;
}

model::CapecCatalog small_capec() {
    model::CapecCatalog capec;
    capec.version = "3.9";
    model::AttackPattern injection;
    injection.id = 66;
    injection.name = "SQL Injection";
    injection.description = "This attack exploits target software that constructs SQL statements.";
    injection.abstraction = "Standard";
    injection.status = "Draft";
    injection.likelihood = "High";
    injection.typical_severity = "High";
    injection.prerequisites = {"SQL queries used by the application", "User-controllable input"};
    injection.cwes = {89, 1286};
    injection.parents = {248};
    injection.children = {7};
    injection.mitigations = {"Use parameterized queries"};
    model::AttackPattern old = injection;
    old.id = 7;
    old.name = "Blind SQL Injection";
    old.status = "Deprecated";
    old.parents = {66};
    old.children = {};
    old.cwes = {89};
    model::AttackPattern command = injection;
    command.id = 248;
    command.name = "Command Injection";
    command.parents = {};
    command.children = {66};
    command.cwes = {};
    capec.patterns = {old, injection, command};
    return capec;
}

model::CweCatalog small_cwe() {
    model::CweCatalog cwe;
    cwe.version = "4.14";
    cwe.weaknesses = {
        {89,
         "SQL Injection",
         "Base",
         "Stable",
         "The product constructs SQL commands.",
         {{"ChildOf", 943, 1000, "Primary"}},
         {66, 7}},
        {943,
         "Improper Neutralization of Special Elements in Data Query Logic",
         "Class",
         "Incomplete",
         "Query logic.",
         {{"ChildOf", 74, 1000, "Primary"}, {"ChildOf", 1019, 699, "Primary"}},
         {}},
    };
    return cwe;
}

class CatalogStoreConformance : public BackendTest {
protected:
    CatalogStore& store() { return backend().catalogs(); }
};

CatalogFileRecord file_record(const std::string& name, int entries) {
    return {name, "test", "digest-of-" + name, entries, 0, {}};
}

TEST_P(CatalogStoreConformance, StoresAndLoadsEveryKindUnchanged) {
    ASSERT_TRUE(store().store_asvs(small_release(), {file_record("asvs.csv", 3)}).ok());
    ASSERT_TRUE(store().store_capec(small_capec(), {file_record("capec.json", 3)}).ok());
    ASSERT_TRUE(store().store_cwe(small_cwe(), {file_record("cwe.csv", 2)}).ok());

    const auto asvs = store().load_asvs("4.0.3");
    ASSERT_TRUE(asvs.ok());
    EXPECT_EQ(asvs->requirements, small_release().requirements);  // catalog order kept
    auto capec = store().load_capec("3.9");
    ASSERT_TRUE(capec.ok());
    auto expected_capec = small_capec();
    std::sort(expected_capec.patterns.begin(), expected_capec.patterns.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    EXPECT_EQ(capec->patterns, expected_capec.patterns);
    const auto cwe = store().load_cwe("4.14");
    ASSERT_TRUE(cwe.ok());
    EXPECT_EQ(cwe->weaknesses, small_cwe().weaknesses);
}

TEST_P(CatalogStoreConformance, ListsVersionsWithCountsAndFiles) {
    ASSERT_TRUE(store().store_capec(small_capec(), {file_record("capec.json", 3)}).ok());
    ASSERT_TRUE(store().store_asvs(small_release(), {file_record("a.csv", 3), file_record("a.json", 3)}).ok());
    ASSERT_TRUE(store().store_cwe(small_cwe(), {file_record("cwe.csv", 2)}).ok());
    const auto list = store().list_catalogs();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 3u);
    const auto& asvs = (*list)[0];
    EXPECT_EQ(asvs.kind, model::CatalogKind::Asvs);
    EXPECT_EQ(asvs.files.size(), 2u);
    EXPECT_EQ(asvs.counts.entries, 3);
    EXPECT_EQ(asvs.counts.level1, 2);
    EXPECT_EQ(asvs.counts.with_cwe, 3);
    const auto& capec = (*list)[1];
    EXPECT_EQ(capec.counts.entries, 3);
    EXPECT_EQ(capec.counts.active, 2);
    EXPECT_EQ(capec.counts.cwe_links, 3);
    EXPECT_EQ((*list)[2].counts.child_of, 2);  // only view 1000 counts
}

TEST_P(CatalogStoreConformance, StoringAgainReplacesTheWholeVersion) {
    ASSERT_TRUE(store().store_asvs(small_release(), {file_record("a.csv", 3)}).ok());
    auto smaller = small_release();
    smaller.requirements.pop_back();
    smaller.requirements[0].cwes = {89, 564};
    ASSERT_TRUE(store().store_asvs(smaller, {file_record("b.csv", 2)}).ok());
    const auto loaded = store().load_asvs("4.0.3");
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->requirements, smaller.requirements);
    const auto found = store().find_catalog(model::CatalogKind::Asvs, "4.0.3");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->files.size(), 2u);
    const auto hits = store().search({"threat modeling", std::nullopt, std::nullopt, 10, 0});
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(hits->total, 0) << "the search index must drop replaced entries";
}

TEST_P(CatalogStoreConformance, AFailedTransactionLeavesNothing) {
    const auto result = store().transaction([&]() -> core::Result<void> {
        RAMPART_TRY(store().store_asvs(small_release(), {file_record("a.csv", 3)}));
        return core::Error::make(core::ErrorCode::InvalidData, "the second file was bad");
    });
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, "the second file was bad");
    const auto list = store().list_catalogs();
    ASSERT_TRUE(list.ok());
    EXPECT_TRUE(list->empty());
    EXPECT_TRUE(store().load_asvs("4.0.3")->requirements.empty());
}

TEST_P(CatalogStoreConformance, SearchRanksTitlesFirstFiltersAndPages) {
    ASSERT_TRUE(store().store_asvs(small_release(), {file_record("a.csv", 3)}).ok());
    ASSERT_TRUE(store().store_capec(small_capec(), {file_record("c.json", 3)}).ok());
    ASSERT_TRUE(store().store_cwe(small_cwe(), {file_record("w.csv", 2)}).ok());

    const auto all = store().search({"sql", std::nullopt, std::nullopt, 10, 0});
    ASSERT_TRUE(all.ok());
    ASSERT_GE(all->hits.size(), 3u);
    EXPECT_EQ(all->total, static_cast<int>(all->hits.size()));
    for (size_t i = 1; i < all->hits.size(); ++i) EXPECT_GE(all->hits[i - 1].score, all->hits[i].score);

    const auto capec_only = store().search({"injection", model::CatalogKind::Capec, std::nullopt, 10, 0});
    ASSERT_TRUE(capec_only.ok());
    for (const auto& hit : capec_only->hits) EXPECT_EQ(hit.kind, model::CatalogKind::Capec);
    EXPECT_EQ(capec_only->total, 3);

    const auto second_page = store().search({"injection", model::CatalogKind::Capec, std::nullopt, 2, 2});
    ASSERT_TRUE(second_page.ok());
    EXPECT_EQ(second_page->hits.size(), 1u);
    EXPECT_EQ(second_page->total, 3);

    const auto prefix = store().search({"parame", model::CatalogKind::Asvs, std::string("4.0.3"), 10, 0});
    ASSERT_TRUE(prefix.ok());
    ASSERT_EQ(prefix->hits.size(), 1u);
    EXPECT_EQ(prefix->hits[0].ref, "V5.3.4");
    EXPECT_NE(prefix->hits[0].snippet.find('['), std::string::npos);

    const auto other_release = store().search({"parameterized", model::CatalogKind::Asvs, std::string("5.0.0"), 10, 0});
    ASSERT_TRUE(other_release.ok());
    EXPECT_EQ(other_release->total, 0);

    // Query operators and quotes in the text (FTS5's and tsquery's) are
    // plain words or separators, never syntax.
    for (const std::string text : {"\"sql\" OR NOT ( * :", "sql' & !injection | (x) <-> y:* \\", "sql:*", "&|!()"}) {
        const auto hostile = store().search({text, std::nullopt, std::nullopt, 10, 0});
        ASSERT_TRUE(hostile.ok()) << text << ": " << hostile.error().to_string();
    }
    const auto punctuated = store().search({"'SQL'-(injection)!", model::CatalogKind::Cwe, std::nullopt, 10, 0});
    ASSERT_TRUE(punctuated.ok());
    ASSERT_EQ(punctuated->total, 1);
    EXPECT_EQ(punctuated->hits[0].ref, "CWE-89");
}

TEST_P(CatalogStoreConformance, SearchRanksANameMatchAboveAMentionInADescription) {
    ASSERT_TRUE(store().store_capec(small_capec(), {file_record("c.json", 3)}).ok());
    ASSERT_TRUE(store().store_cwe(small_cwe(), {file_record("w.csv", 2)}).ok());

    // CAPEC-66 and CAPEC-7 carry "SQL" in their names, CAPEC-248 (Command
    // Injection) only in its description.
    const auto capec = store().search({"sql", model::CatalogKind::Capec, std::nullopt, 10, 0});
    ASSERT_TRUE(capec.ok());
    ASSERT_EQ(capec->hits.size(), 3u);
    EXPECT_EQ(capec->hits.back().ref, "CAPEC-248");
    EXPECT_GT(capec->hits[1].score, capec->hits[2].score);
    EXPECT_NE(capec->hits[0].title.find("SQL"), std::string::npos);

    // References are searchable: CWE-89 by its number.
    const auto by_ref = store().search({"CWE-89", std::nullopt, std::nullopt, 10, 0});
    ASSERT_TRUE(by_ref.ok());
    ASSERT_GE(by_ref->hits.size(), 1u);
    EXPECT_EQ(by_ref->hits[0].ref, "CWE-89");
}

TEST_P(CatalogStoreConformance, SearchMatchesTheLastWordAsAPrefixAndEveryWord) {
    ASSERT_TRUE(store().store_capec(small_capec(), {file_record("c.json", 3)}).ok());
    const auto prefix = store().search({"blind sql inj", model::CatalogKind::Capec, std::nullopt, 10, 0});
    ASSERT_TRUE(prefix.ok());
    ASSERT_EQ(prefix->total, 1);
    EXPECT_EQ(prefix->hits[0].ref, "CAPEC-7");
    EXPECT_EQ(prefix->hits[0].title, "Blind SQL Injection");
    // Only the last word is a prefix: "blin" alone is no word of the catalog.
    const auto not_prefix = store().search({"blin sql", model::CatalogKind::Capec, std::nullopt, 10, 0});
    ASSERT_TRUE(not_prefix.ok());
    EXPECT_EQ(not_prefix->total, 0);
    const auto nothing = store().search({"  ...  ", std::nullopt, std::nullopt, 10, 0});
    ASSERT_TRUE(nothing.ok());
    EXPECT_EQ(nothing->total, 0);
    EXPECT_TRUE(nothing->hits.empty());
}

RAMPART_STORAGE_BACKENDS(CatalogStoreConformance);

TEST(FtsQuery, QuotesEveryWordAndPrefixesTheLast) {
    EXPECT_EQ(sqlite::fts_query("sql injection"), "\"sql\" \"injection\"*");
    EXPECT_EQ(sqlite::fts_query("  \"a\" OR (b) "), "\"a\" \"OR\" \"b\"*");
    EXPECT_EQ(sqlite::fts_query("*:()"), "");
}

}  // namespace
}  // namespace rampart::storage
