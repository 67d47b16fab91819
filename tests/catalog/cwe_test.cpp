#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "catalog/parse.h"
#include "model/catalog.h"
#include "test_support.h"

namespace rampart::catalog {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string fixture(const std::string& name) {
    return rampart::testing::read_file(rampart::testing::test_data("catalog/cwe/" + name));
}

ParsedCatalog parse_official(const std::string& name) {
    const auto bytes = rampart::testing::read_file(rampart::testing::shared_file(name));
    auto result = parse_catalog(bytes, {name, std::nullopt, std::nullopt});
    EXPECT_TRUE(result.ok()) << result.error().to_string();
    return std::move(result).value();
}

// The official CSV views are parsed once for every test that reads them.
const ParsedCatalog& research_view() {
    static const auto parsed = parse_official("catalogs/cwe/1000.csv");
    return parsed;
}
const ParsedCatalog& development_view() {
    static const auto parsed = parse_official("catalogs/cwe/699.csv");
    return parsed;
}
const model::CweCatalog& cwe_of(const ParsedCatalog& parsed) { return std::get<model::CweCatalog>(parsed.content); }

const model::Weakness& weakness(const model::CweCatalog& catalog, int id) {
    const auto it = std::find_if(catalog.weaknesses.begin(), catalog.weaknesses.end(),
                                 [&](const auto& candidate) { return candidate.id == id; });
    EXPECT_NE(it, catalog.weaknesses.end()) << "CWE-" << id;
    return *it;
}

// The one diagnostic on this line.
const core::Diagnostic& at_line(const core::Error& error, int line) {
    const auto it = std::find_if(error.diagnostics.begin(), error.diagnostics.end(),
                                 [&](const auto& diagnostic) { return diagnostic.where.line == line; });
    EXPECT_NE(it, error.diagnostics.end()) << "no diagnostic on line " << line << " in\n" << error.to_string();
    static const core::Diagnostic none;
    return it == error.diagnostics.end() ? none : *it;
}

// --- The official CWE 4.14 CSV views (../shared/catalogs/README.md §3) ---

TEST(CweCsvOfficial, ResearchViewCountsAndDigestVersion) {
    const auto& parsed = research_view();
    EXPECT_EQ(parsed.format, CatalogFormat::CweCsv);
    // The CSV states no release; parse_catalog knows the file by its digest.
    EXPECT_EQ(parsed.version, "4.14");
    EXPECT_EQ(parsed.version_source, "digest");

    const auto& catalog = cwe_of(parsed);
    EXPECT_EQ(catalog.version, "4.14");
    ASSERT_EQ(catalog.weaknesses.size(), 938u);
    size_t child_of_1000 = 0;
    std::set<int> children;
    std::map<std::string, size_t> abstractions;
    for (const auto& w : catalog.weaknesses) {
        ++abstractions[w.abstraction];
        for (const auto& relation : w.relations) {
            if (relation.nature == "ChildOf" && relation.view == 1000) {
                ++child_of_1000;
                children.insert(w.id);
            }
        }
    }
    EXPECT_EQ(child_of_1000, 1076u);
    EXPECT_EQ(children.size(), 928u);
    EXPECT_EQ(abstractions, (std::map<std::string, size_t>{
                                {"Base", 519}, {"Class", 110}, {"Compound", 7}, {"Pillar", 10}, {"Variant", 292}}));
    EXPECT_TRUE(std::is_sorted(catalog.weaknesses.begin(), catalog.weaknesses.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST(CweCsvOfficial, SqlInjectionIsABaseChildOf943) {
    const auto& sqli = weakness(cwe_of(research_view()), 89);
    EXPECT_EQ(sqli.name, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')");
    EXPECT_EQ(sqli.abstraction, "Base");
    EXPECT_EQ(sqli.status, "Stable");
    EXPECT_THAT(sqli.relations, Contains(model::WeaknessRelation{"ChildOf", 943, 1000, "Primary"}));
    EXPECT_THAT(sqli.attack_patterns, Contains(66));
    EXPECT_THAT(sqli.description, HasSubstr("SQL command"));
}

TEST(CweCsvOfficial, ChainRelationsAndTrimmedNames) {
    const auto& catalog = cwe_of(research_view());
    // StartsWith carries a CHAIN ID the model does not keep.
    EXPECT_THAT(weakness(catalog, 680).relations, Contains(model::WeaknessRelation{"StartsWith", 190, 709, ""}));
    // MITRE's names for 280, 600 and 1290 end with a blank.
    EXPECT_EQ(weakness(catalog, 600).name, "Uncaught Exception in Servlet");
}

TEST(CweCsvOfficial, DevelopmentViewRowsEqualTheirResearchViewRows) {
    const auto& development = cwe_of(development_view());
    EXPECT_EQ(development_view().version, "4.14");
    ASSERT_EQ(development.weaknesses.size(), 399u);
    const auto& research = cwe_of(research_view());
    for (const auto& w : development.weaknesses) EXPECT_EQ(w, weakness(research, w.id)) << "CWE-" << w.id;
}

TEST(CweCapecCrossCheck, CapecWeaknessPairsEqualCweRelatedAttackPatterns) {
    const auto bytes = rampart::testing::read_file(rampart::testing::shared_file("catalogs/capec/stix-capec-3.9.json"));
    const auto capec = parse_capec_stix(bytes, "stix-capec-3.9.json");
    ASSERT_TRUE(capec.ok()) << capec.error().to_string();

    std::set<std::pair<int, int>> from_capec;
    for (const auto& p : capec->patterns) {
        for (const int cwe : p.cwes) from_capec.insert({p.id, cwe});
    }
    std::set<std::pair<int, int>> from_cwe;
    std::set<int> cwes_with_patterns;
    for (const auto& w : cwe_of(research_view()).weaknesses) {
        for (const int pattern : w.attack_patterns) from_cwe.insert({pattern, w.id});
        if (!w.attack_patterns.empty()) cwes_with_patterns.insert(w.id);
    }
    EXPECT_EQ(from_capec.size(), 1212u);
    EXPECT_EQ(cwes_with_patterns.size(), 336u);
    EXPECT_EQ(from_capec, from_cwe);
}

// --- Small CSV files written for the tests ---

TEST(CweCsv, ParsesASmallExport) {
    const auto result = parse_cwe_csv(fixture("small.csv"), "small.csv");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->version, "");
    ASSERT_EQ(result->weaknesses.size(), 2u);
    const auto& sqli = result->weaknesses[0];
    EXPECT_EQ(sqli.id, 89);
    EXPECT_THAT(sqli.relations, ElementsAre(model::WeaknessRelation{"ChildOf", 943, 1000, "Primary"},
                                            model::WeaknessRelation{"ChildOf", 74, 1003, "Primary"}));
    EXPECT_THAT(sqli.attack_patterns, ElementsAre(7, 66, 108, 109, 110, 470));
}

TEST(CweCsv, MissingColumnIsReportedOnTheHeaderLine) {
    const auto result = parse_cwe_csv(fixture("missing_name.csv"), "missing_name.csv");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    const auto& diagnostic = result.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.file, "missing_name.csv");
    EXPECT_EQ(diagnostic.where.line, 1);
    EXPECT_EQ(diagnostic.where.column, 1);
    EXPECT_THAT(diagnostic.message, ::testing::StartsWith("missing column \"Name\""));
    EXPECT_THAT(diagnostic.message, HasSubstr("CWE-ID, Name, Weakness Abstraction"));
}

TEST(CweCsv, UnknownCweReferenceInRelatedWeaknesses) {
    const auto result = parse_cwe_csv(fixture("bad_relation.csv"), "bad_relation.csv");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    const auto& diagnostic = result.error().diagnostics[0];
    // Line 3, the cell after the six before it.
    EXPECT_EQ(diagnostic.where.line, 3);
    EXPECT_EQ(diagnostic.where.column, 182);
    EXPECT_EQ(diagnostic.message,
              "unknown CWE reference 'xyz' in the Related Weaknesses entry "
              "'NATURE:ChildOf:CWE ID:xyz:VIEW ID:1000:ORDINAL:Primary'; expected a CWE number");
}

TEST(CweCsv, AsvsCsvIsAnotherKindOfFile) {
    const auto result = parse_cwe_csv(fixture("asvs.csv"), "asvs.csv");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    const auto& diagnostic = result.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.line, 1);
    EXPECT_THAT(diagnostic.message, ::testing::StartsWith("not MITRE's CWE CSV export"));
    EXPECT_THAT(diagnostic.message, HasSubstr("chapter_id,chapter_name"));
}

TEST(CweCsv, ReportsEveryProblemOfTheFile) {
    const auto result = parse_cwe_csv(fixture("several_problems.csv"), "several_problems.csv");
    ASSERT_FALSE(result.ok());
    const auto& error = result.error();
    EXPECT_EQ(error.diagnostics.size(), 7u) << error.to_string();
    std::multimap<int, std::string> by_line;
    for (const auto& diagnostic : error.diagnostics) by_line.emplace(diagnostic.where.line, diagnostic.message);
    const auto messages = [&](int line) {
        std::vector<std::string> out;
        for (auto [it, end] = by_line.equal_range(line); it != end; ++it) out.push_back(it->second);
        return out;
    };
    EXPECT_THAT(messages(3), ElementsAre("the weakness CWE-943 has no name",
                                         "unknown CAPEC reference 'x1' in Related Attack Patterns; expected a CAPEC "
                                         "number"));
    EXPECT_THAT(messages(4), ElementsAre("duplicate weakness CWE-89; first defined on line 2"));
    EXPECT_THAT(messages(5), ElementsAre("unknown CWE reference 'CWE-abc'; expected a CWE number such as 89",
                                         HasSubstr("malformed Related Weaknesses cell 'NATURE:ChildOf:CWE ID:74'")));
    EXPECT_THAT(messages(6), ElementsAre(HasSubstr("'NATURE:ChildOf:VIEW ID:1000' has no CWE ID"),
                                         HasSubstr("'CWE ID:707:VIEW ID:1000' has no NATURE")));
    EXPECT_EQ(at_line(error, 4).where.column, 1);
}

TEST(CweCsv, InvalidUtf8IsReportedByParseCatalog) {
    const auto result = parse_catalog(fixture("invalid_utf8.csv"), {"invalid_utf8.csv", std::nullopt, std::nullopt});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].where.line, 3);
    EXPECT_EQ(result.error().diagnostics[0].where.column, 58);
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("0xFF"));
}

TEST(CweCsv, EmptyFileIsReportedByParseCatalog) {
    ParseRequest request{"empty.csv", CatalogFormat::CweCsv, std::nullopt};
    const auto result = parse_catalog("", request);
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.error().message, HasSubstr("empty"));
}

// --- CWE XML (schema 7.x), a fixture written after MITRE's cwec_v4.14.xml ---

TEST(CweXml, ParsesTheSampleCatalog) {
    const auto result = parse_cwe_xml(fixture("sample.xml"), "sample.xml");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->version, "4.14");
    std::vector<int> ids;
    for (const auto& w : result->weaknesses) ids.push_back(w.id);
    // Category 1019 and view 1000 are not weaknesses.
    EXPECT_THAT(ids, ElementsAre(20, 89, 680, 943));

    const auto& sqli = weakness(*result, 89);
    EXPECT_EQ(sqli.name, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')");
    EXPECT_EQ(sqli.abstraction, "Base");
    EXPECT_EQ(sqli.status, "Stable");
    EXPECT_THAT(sqli.description, ::testing::StartsWith("The product constructs all or part of an SQL command"));
    EXPECT_THAT(sqli.relations, ElementsAre(model::WeaknessRelation{"ChildOf", 943, 1000, "Primary"},
                                            model::WeaknessRelation{"ChildOf", 74, 1003, "Primary"},
                                            model::WeaknessRelation{"CanFollow", 456, 1000, ""}));
    EXPECT_THAT(sqli.attack_patterns, ElementsAre(7, 66, 108));

    const auto& chain = weakness(*result, 680);
    EXPECT_EQ(chain.abstraction, "Compound");
    EXPECT_EQ(chain.description,
              "The product performs a calculation to determine how much memory to allocate, but an integer overflow "
              "can occur that causes less memory to be allocated than expected.");
    EXPECT_THAT(chain.relations, Contains(model::WeaknessRelation{"StartsWith", 190, 709, ""}));
    EXPECT_THAT(weakness(*result, 20).attack_patterns, IsEmpty());
}

TEST(CweXml, ParseCatalogDetectsTheFormatAndTakesTheVersionFromTheContent) {
    const auto parsed = parse_catalog(fixture("sample.xml"), {"sample.xml", std::nullopt, std::nullopt});
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    EXPECT_EQ(parsed->format, CatalogFormat::CweXml);
    EXPECT_EQ(parsed->version, "4.14");
    EXPECT_EQ(parsed->version_source, "content");
}

TEST(CweXml, TruncatedFileReportsTheLine) {
    const auto result = parse_cwe_xml(fixture("truncated.xml"), "truncated.xml");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].where.line, 15);
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("XML syntax error"));
}

TEST(CweXml, AnotherRootElementIsAnotherKindOfDocument) {
    const auto capec = rampart::testing::read_file(rampart::testing::test_data("catalog/capec/sample.xml"));
    const auto result = parse_cwe_xml(capec, "capec.xml");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].message,
              "expected the root element <Weakness_Catalog> of MITRE's CWE XML, found <Attack_Pattern_Catalog>");
}

TEST(CweXml, ReportsEveryProblemOfTheFile) {
    const auto result = parse_cwe_xml(fixture("broken.xml"), "broken.xml");
    ASSERT_FALSE(result.ok());
    const auto& error = result.error();
    EXPECT_EQ(error.diagnostics.size(), 5u) << error.to_string();
    EXPECT_EQ(at_line(error, 7).message, "unknown CWE reference 'CWE-943'; expected a number in CWE_ID");
    EXPECT_EQ(at_line(error, 8).message, "missing Nature attribute (ChildOf, PeerOf, …)");
    EXPECT_EQ(at_line(error, 11).message, "unknown CAPEC reference 'sixty-six'; expected a number in CAPEC_ID");
    EXPECT_EQ(at_line(error, 14).message, "duplicate weakness CWE-89; first defined on line 4");
    EXPECT_EQ(at_line(error, 17).message, "the weakness CWE-20 has no Name");
}

}  // namespace
}  // namespace rampart::catalog
