#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "catalog/parse.h"
#include "core/text.h"
#include "model/catalog.h"
#include "test_support.h"

namespace rampart::catalog {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::string fixture(const std::string& name) {
    return rampart::testing::read_file(rampart::testing::test_data("catalog/capec/" + name));
}

// The official bundle is parsed once for every test that reads it.
const ParsedCatalog& official_bundle() {
    static const auto parsed = [] {
        const auto bytes =
            rampart::testing::read_file(rampart::testing::shared_file("catalogs/capec/stix-capec-3.9.json"));
        auto result = parse_catalog(bytes, {"stix-capec-3.9.json", std::nullopt, std::nullopt});
        EXPECT_TRUE(result.ok()) << result.error().to_string();
        return std::move(result).value();
    }();
    return parsed;
}

const model::CapecCatalog& official_capec() { return std::get<model::CapecCatalog>(official_bundle().content); }

const model::AttackPattern& pattern(const model::CapecCatalog& catalog, int id) {
    const auto it = std::find_if(catalog.patterns.begin(), catalog.patterns.end(),
                                 [&](const auto& candidate) { return candidate.id == id; });
    EXPECT_NE(it, catalog.patterns.end()) << "CAPEC-" << id;
    return *it;
}

// The one diagnostic with this JSON pointer.
const core::Diagnostic& at_pointer(const core::Error& error, std::string_view pointer) {
    const auto it = std::find_if(error.diagnostics.begin(), error.diagnostics.end(),
                                 [&](const auto& diagnostic) { return diagnostic.where.pointer == pointer; });
    EXPECT_NE(it, error.diagnostics.end()) << "no diagnostic at " << pointer << " in\n" << error.to_string();
    static const core::Diagnostic none;
    return it == error.diagnostics.end() ? none : *it;
}

// The one diagnostic on this line.
const core::Diagnostic& at_line(const core::Error& error, int line) {
    const auto it = std::find_if(error.diagnostics.begin(), error.diagnostics.end(),
                                 [&](const auto& diagnostic) { return diagnostic.where.line == line; });
    EXPECT_NE(it, error.diagnostics.end()) << "no diagnostic on line " << line << " in\n" << error.to_string();
    static const core::Diagnostic none;
    return it == error.diagnostics.end() ? none : *it;
}

// --- The official CAPEC 3.9 STIX bundle (../shared/catalogs/README.md §2) ---

TEST(CapecStixOfficial, CountsMatchTheCatalogReadme) {
    const auto& parsed = official_bundle();
    EXPECT_EQ(parsed.format, CatalogFormat::CapecStixJson);
    EXPECT_EQ(parsed.version, "3.9");
    EXPECT_EQ(parsed.version_source, "content");

    const auto& catalog = official_capec();
    EXPECT_EQ(catalog.version, "3.9");
    ASSERT_EQ(catalog.patterns.size(), 615u);
    size_t active = 0;
    size_t links = 0;
    size_t with_cwe = 0;
    std::set<int> cwes;
    for (const auto& p : catalog.patterns) {
        if (!model::is_retired_status(p.status)) ++active;
        links += p.cwes.size();
        if (!p.cwes.empty()) ++with_cwe;
        cwes.insert(p.cwes.begin(), p.cwes.end());
    }
    EXPECT_EQ(active, 558u);
    EXPECT_EQ(links, 1212u);
    EXPECT_EQ(cwes.size(), 336u);
    EXPECT_EQ(with_cwe, 450u);
}

TEST(CapecStixOfficial, SqlInjectionHasItsWeaknessesFamilyAndMitigations) {
    const auto& sqli = pattern(official_capec(), 66);
    EXPECT_EQ(sqli.name, "SQL Injection");
    EXPECT_EQ(sqli.abstraction, "Standard");
    EXPECT_EQ(sqli.status, "Draft");
    EXPECT_EQ(sqli.likelihood, "High");
    EXPECT_EQ(sqli.typical_severity, "High");
    EXPECT_THAT(sqli.cwes, ElementsAre(89, 1286));
    EXPECT_THAT(sqli.parents, ElementsAre(248));
    EXPECT_THAT(sqli.children, Contains(7));
    EXPECT_THAT(sqli.prerequisites, Not(IsEmpty()));
    EXPECT_THAT(sqli.mitigations, Not(IsEmpty()));
    EXPECT_THAT(sqli.description, HasSubstr("constructs SQL statements based on user input"));
}

TEST(CapecStixOfficial, PatternsAreSortedAndHierarchyIsSymmetric) {
    const auto& catalog = official_capec();
    EXPECT_TRUE(std::is_sorted(catalog.patterns.begin(), catalog.patterns.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
    std::set<std::pair<int, int>> child_of;
    std::set<std::pair<int, int>> parent_of;
    size_t with_parent = 0;
    for (const auto& p : catalog.patterns) {
        for (const int parent : p.parents) child_of.insert({p.id, parent});
        for (const int child : p.children) parent_of.insert({child, p.id});
        if (!p.parents.empty()) ++with_parent;
    }
    EXPECT_EQ(child_of, parent_of);
    EXPECT_EQ(with_parent, 499u);
}

TEST(CapecStixOfficial, MarkupIsStrippedButQuotedHtmlStays) {
    const auto& catalog = official_capec();
    for (const auto& p : catalog.patterns) {
        EXPECT_THAT(p.description, Not(HasSubstr("xhtml:"))) << "CAPEC-" << p.id;
        for (const auto& mitigation : p.mitigations) EXPECT_THAT(mitigation, Not(HasSubstr("xhtml:")));
        EXPECT_EQ(p.name, std::string(core::trim(p.name)));
    }
    // CAPEC-18 quotes an HTML tag as content; it is not markup.
    EXPECT_THAT(pattern(catalog, 18).description, HasSubstr("image tags (<img>)"));
    // CAPEC-552's name carries a trailing blank in MITRE's data.
    EXPECT_EQ(pattern(catalog, 552).name, "Install Rootkit");
    // CAPEC-5's description is all <xhtml:p> paragraphs.
    EXPECT_THAT(pattern(catalog, 5).description, ::testing::StartsWith("This type of attack against older telephone"));
}

TEST(CapecStixOfficial, DeprecatedPatternsAreKeptWithTheirStatus) {
    size_t deprecated = 0;
    size_t obsolete = 0;
    for (const auto& p : official_capec().patterns) {
        deprecated += p.status == "Deprecated" ? 1 : 0;
        obsolete += p.status == "Obsolete" ? 1 : 0;
    }
    EXPECT_EQ(deprecated, 56u);
    EXPECT_EQ(obsolete, 1u);
}

// --- A small bundle written for the tests ---

TEST(CapecStix, ParsesTheMinimalBundle) {
    const auto result = parse_capec_stix(fixture("minimal.json"), "minimal.json");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    const auto& catalog = *result;
    EXPECT_EQ(catalog.version, "3.9");
    ASSERT_EQ(catalog.patterns.size(), 4u);
    EXPECT_EQ(catalog.patterns[0].id, 7);
    EXPECT_EQ(catalog.patterns[3].id, 254);

    const auto& sqli = pattern(catalog, 66);
    EXPECT_EQ(sqli.name, "SQL Injection");
    // The CWE listed twice is kept once.
    EXPECT_THAT(sqli.cwes, ElementsAre(89, 1286));
    EXPECT_THAT(sqli.parents, ElementsAre(248));
    EXPECT_THAT(sqli.children, ElementsAre(7));
    EXPECT_EQ(sqli.description,
              "This attack exploits target software that constructs SQL statements based on user input, for example "
              "through image tags (<img>) or <parser1> --> <parser2> chains.");
    EXPECT_THAT(sqli.prerequisites,
                ElementsAre("SQL queries used by the application to store, retrieve or modify data.",
                            "User-controllable input that is not properly validated."));
    EXPECT_THAT(sqli.mitigations,
                ElementsAre("Strong input validation - keywords such as UNION, SELECT must be filtered. Second "
                            "paragraph.",
                            "Use of parameterized queries or stored procedures."));

    const auto& blind = pattern(catalog, 7);
    EXPECT_EQ(blind.description,
              "Blind SQL Injection results from an insufficient mitigation. True or false questions, answers from the "
              "page.");
    EXPECT_TRUE(blind.mitigations.empty());
    EXPECT_EQ(pattern(catalog, 254).status, "Deprecated");
    EXPECT_THAT(pattern(catalog, 248).children, ElementsAre(66, 254));
}

// --- Broken STIX bundles: every problem with its position ---

TEST(CapecStix, TruncatedFileReportsLineAndColumn) {
    const auto result = parse_capec_stix(fixture("truncated.json"), "truncated.json");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    const auto& where = result.error().diagnostics[0].where;
    // The file stops inside the string on line 65 after 30 characters.
    EXPECT_EQ(where.file, "truncated.json");
    EXPECT_EQ(where.line, 65);
    EXPECT_EQ(where.column, 31);
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("JSON syntax error"));
}

TEST(CapecStix, UnknownCweReferenceIsReportedAtItsPointer) {
    const auto result = parse_capec_stix(fixture("unknown_cwe.json"), "unknown_cwe.json");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    const auto& diagnostic = result.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.file, "unknown_cwe.json");
    EXPECT_EQ(diagnostic.where.pointer, "/objects/3/external_references/1/external_id");
    EXPECT_EQ(diagnostic.message, "unknown CWE reference 'CWE-abc'; expected CWE-<number>");
}

TEST(CapecStix, DanglingChildOfIsReported) {
    const auto result = parse_capec_stix(fixture("dangling_child.json"), "dangling_child.json");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    const auto& diagnostic = result.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.pointer, "/objects/8/x_capec_child_of_refs/0");
    EXPECT_EQ(diagnostic.message,
              "dangling reference 'attack-pattern--00000000-0000-4000-8000-00000000dead': the bundle holds no attack "
              "pattern with this id");
}

TEST(CapecStix, JsonArrayIsNotABundle) {
    const auto result = parse_capec_stix(fixture("array.json"), "array.json");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].where.pointer, "/");
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("expected a STIX 2.1 bundle"));
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("found an array"));
}

TEST(CapecStix, BundleWithoutAttackPatternsIsAnotherKindOfDocument) {
    const auto result = parse_capec_stix(fixture("no_patterns.json"), "no_patterns.json");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u) << result.error().to_string();
    EXPECT_EQ(result.error().diagnostics[0].where.pointer, "/objects");
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("no attack-pattern objects"));
}

TEST(CapecStix, ReportsEveryProblemOfTheFile) {
    const auto result = parse_capec_stix(fixture("several_problems.json"), "several_problems.json");
    ASSERT_FALSE(result.ok());
    const auto& error = result.error();
    EXPECT_EQ(error.code, core::ErrorCode::InvalidData);
    EXPECT_EQ(error.diagnostics.size(), 6u) << error.to_string();
    EXPECT_EQ(at_pointer(error, "/objects/1/external_references/3/external_id").message,
              "unknown CWE reference 'CWE-'; expected CWE-<number>");
    EXPECT_EQ(at_pointer(error, "/objects/2/name").message, "missing required member \"name\"");
    EXPECT_THAT(at_pointer(error, "/objects/3/x_capec_child_of_refs/0").message, HasSubstr("dangling reference"));
    EXPECT_THAT(at_pointer(error, "/objects/5/source_ref").message,
                HasSubstr("the bundle holds no course-of-action with this id"));
    EXPECT_EQ(at_pointer(error, "/objects/8/external_references").message,
              "duplicate attack pattern CAPEC-66; first defined at /objects/3");
    EXPECT_THAT(at_pointer(error, "/objects/8/x_capec_version").message,
                HasSubstr("x_capec_version \"3.8\" differs from \"3.9\""));
    // Found in several passes, reported in the order of the document.
    ASSERT_FALSE(error.diagnostics.empty());
    EXPECT_EQ(error.diagnostics.front().where.pointer, "/objects/1/external_references/3/external_id");
    EXPECT_EQ(error.diagnostics.back().where.pointer, "/objects/8/x_capec_version");
}

// --- CAPEC XML (schema 3.x), a fixture written after MITRE's capec_v3.9.xml ---

TEST(CapecXml, ParsesTheSampleCatalog) {
    const auto result = parse_capec_xml(fixture("sample.xml"), "sample.xml");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    const auto& catalog = *result;
    EXPECT_EQ(catalog.version, "3.9");
    ASSERT_EQ(catalog.patterns.size(), 4u);
    std::vector<int> ids;
    for (const auto& p : catalog.patterns) ids.push_back(p.id);
    EXPECT_THAT(ids, ElementsAre(7, 66, 248, 254));

    const auto& sqli = pattern(catalog, 66);
    EXPECT_EQ(sqli.name, "SQL Injection");
    EXPECT_EQ(sqli.abstraction, "Standard");
    EXPECT_EQ(sqli.status, "Draft");
    EXPECT_EQ(sqli.likelihood, "High");
    EXPECT_EQ(sqli.typical_severity, "High");
    EXPECT_EQ(sqli.description,
              "This attack exploits target software that constructs SQL statements based on user input.");
    EXPECT_THAT(sqli.cwes, ElementsAre(89, 1286));
    EXPECT_THAT(sqli.parents, ElementsAre(248));
    // CanPrecede is neither a parent nor a child.
    EXPECT_THAT(sqli.children, ElementsAre(7));
    EXPECT_THAT(sqli.prerequisites,
                ElementsAre("SQL queries used by the application to store, retrieve or modify data.",
                            "User-controllable input that is not properly validated by the application as part of SQL "
                            "queries."));
    EXPECT_THAT(sqli.mitigations,
                ElementsAre("Strong input validation - All user-controllable input must be validated & filtered. "
                            "Keywords such as UNION, SELECT or INSERT must be filtered.",
                            "Use of parameterized queries or stored procedures."));
}

TEST(CapecXml, DerivesChildrenFromChildOf) {
    const auto result = parse_capec_xml(fixture("sample.xml"), "sample.xml");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_THAT(pattern(*result, 248).children, ElementsAre(66, 254));
    EXPECT_THAT(pattern(*result, 248).parents, IsEmpty());
    EXPECT_THAT(pattern(*result, 7).parents, ElementsAre(66));
    EXPECT_EQ(pattern(*result, 7).description,
              "Blind SQL Injection results from an insufficient mitigation for SQL Injection. The adversary asks "
              "true or false questions, and reads the answer from the page.");
}

TEST(CapecXml, KeepsDeprecatedPatterns) {
    const auto result = parse_capec_xml(fixture("sample.xml"), "sample.xml");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    const auto& deprecated = pattern(*result, 254);
    EXPECT_EQ(deprecated.status, "Deprecated");
    EXPECT_EQ(deprecated.name, "DEPRECATED: DTD Injection in a SOAP Message");
    EXPECT_THAT(deprecated.parents, ElementsAre(248));
}

TEST(CapecXml, ParseCatalogDetectsTheFormatAndTakesTheVersionFromTheContent) {
    const auto parsed = parse_catalog(fixture("sample.xml"), {"sample.xml", std::nullopt, std::nullopt});
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    EXPECT_EQ(parsed->format, CatalogFormat::CapecXml);
    EXPECT_EQ(parsed->version, "3.9");
    EXPECT_EQ(parsed->version_source, "content");
}

TEST(CapecXml, TruncatedFileReportsTheLine) {
    const auto result = parse_capec_xml(fixture("truncated.xml"), "truncated.xml");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    const auto& diagnostic = result.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.file, "truncated.xml");
    // The cut falls inside the <Description> on line 33, the file's last.
    EXPECT_EQ(diagnostic.where.line, 33);
    EXPECT_THAT(diagnostic.message, HasSubstr("XML syntax error"));
}

TEST(CapecXml, AnotherRootElementIsAnotherKindOfDocument) {
    const auto cwe = rampart::testing::read_file(rampart::testing::test_data("catalog/cwe/sample.xml"));
    const auto result = parse_capec_xml(cwe, "cwe.xml");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].where.line, 3);
    EXPECT_EQ(result.error().diagnostics[0].message,
              "expected the root element <Attack_Pattern_Catalog> of MITRE's CAPEC XML, found <Weakness_Catalog>");
}

TEST(CapecXml, AnotherSchemaNamespaceIsRejected) {
    const auto result = parse_capec_xml(
        "<Attack_Pattern_Catalog xmlns=\"http://capec.mitre.org/capec-2\" Version=\"2.11\">\n"
        "  <Attack_Patterns><Attack_Pattern ID=\"1\" Name=\"x\"/></Attack_Patterns>\n"
        "</Attack_Pattern_Catalog>\n",
        "old.xml");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("expected CAPEC schema 3.x"));
}

TEST(CapecXml, ReportsEveryProblemOfTheFile) {
    const auto result = parse_capec_xml(fixture("broken.xml"), "broken.xml");
    ASSERT_FALSE(result.ok());
    const auto& error = result.error();
    EXPECT_EQ(error.diagnostics.size(), 5u) << error.to_string();
    EXPECT_EQ(at_line(error, 7).message,
              "dangling reference CAPEC-248 (ChildOf): the catalog holds no attack pattern with this id");
    EXPECT_EQ(at_line(error, 10).message, "unknown CWE reference 'CWE-89'; expected a CWE number (CWE_ID)");
    EXPECT_EQ(at_line(error, 13).message, "the attack pattern CAPEC-7 has no Name");
    EXPECT_EQ(at_line(error, 16).message, "duplicate attack pattern CAPEC-66; first defined on line 4");
    EXPECT_EQ(at_line(error, 19).message, "unknown CAPEC id 'abc'; expected a number");
    for (const auto& diagnostic : error.diagnostics) EXPECT_EQ(diagnostic.where.file, "broken.xml");
    // Found in several passes, reported top down.
    EXPECT_TRUE(std::is_sorted(error.diagnostics.begin(), error.diagnostics.end(),
                               [](const auto& a, const auto& b) { return a.where.line < b.where.line; }));
}

// --- Through parse_catalog: the checks before any parser runs ---

TEST(CapecCatalog, EmptyFileIsRejected) {
    const auto result = parse_catalog(fixture("empty.json"), {"empty.json", std::nullopt, std::nullopt});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(result.error().diagnostics.size(), 1u);
    EXPECT_EQ(result.error().diagnostics[0].where.line, 1);
    EXPECT_THAT(result.error().message, HasSubstr("empty"));
}

TEST(CapecCatalog, ExplicitFormatRoutesAJsonArrayToTheStixParser) {
    ParseRequest request{"array.json", CatalogFormat::CapecStixJson, std::nullopt};
    const auto result = parse_catalog(fixture("array.json"), request);
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.error().diagnostics.at(0).message, HasSubstr("expected a STIX 2.1 bundle"));
}

}  // namespace
}  // namespace rampart::catalog
