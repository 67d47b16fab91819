#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/parse.h"
#include "test_support.h"

namespace rampart::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view ASVS_403_CSV = "OWASP Application Security Verification Standard 4.0.3-en.csv";
constexpr std::string_view ASVS_403_JSON = "OWASP Application Security Verification Standard 4.0.3-en.flat.json";
constexpr std::string_view ASVS_402_CSV = "OWASP Application Security Verification Standard 4.0.2-en.csv";
constexpr std::string_view ASVS_402_JSON = "OWASP Application Security Verification Standard 4.0.2-en.flat.json";
constexpr std::string_view ASVS_500_CSV = "OWASP_Application_Security_Verification_Standard_5.0.0_en.csv";
constexpr std::string_view ASVS_500_JSON = "OWASP_Application_Security_Verification_Standard_5.0.0_en.flat.json";

std::string official(std::string_view name) {
    return testing::read_file(testing::shared_file("catalogs/asvs/" + std::string(name)));
}

std::string fixture(const std::string& name) { return testing::read_file(testing::test_data("catalog/asvs/" + name)); }

// An official file through the whole import path: detection, parsing and
// settling the version.
ParsedCatalog parse_official(std::string_view name) {
    auto parsed = parse_catalog(official(name), ParseRequest{std::string(name), {}, {}});
    EXPECT_TRUE(parsed.ok()) << parsed.error().to_string();
    return parsed.ok() ? std::move(parsed).value() : ParsedCatalog{};
}

model::AsvsCatalog official_asvs(std::string_view name) {
    auto parsed = parse_official(name);
    const auto* catalog = std::get_if<model::AsvsCatalog>(&parsed.content);
    EXPECT_NE(catalog, nullptr) << name;
    return catalog != nullptr ? *catalog : model::AsvsCatalog{};
}

const model::AsvsRequirement* find(const model::AsvsCatalog& catalog, std::string_view id) {
    const auto at = std::find_if(catalog.requirements.begin(), catalog.requirements.end(),
                                 [&](const auto& requirement) { return requirement.id == id; });
    return at == catalog.requirements.end() ? nullptr : &*at;
}

int count_at_level(const model::AsvsCatalog& catalog, int level) {
    return static_cast<int>(std::count_if(catalog.requirements.begin(), catalog.requirements.end(),
                                          [&](const auto& r) { return r.levels[static_cast<size_t>(level - 1)]; }));
}

int count_with_cwe(const model::AsvsCatalog& catalog) {
    return static_cast<int>(std::count_if(catalog.requirements.begin(), catalog.requirements.end(),
                                          [](const auto& r) { return !r.cwes.empty(); }));
}

// Each diagnostic as "file:line:column: message" or "file#pointer: message",
// so a failing expectation prints every problem the parser reported.
template <typename T>
std::vector<std::string> diagnostics_of(const core::Result<T>& result) {
    std::vector<std::string> out;
    if (result.ok()) return out;
    for (const auto& diagnostic : result.error().diagnostics) out.push_back(diagnostic.to_string());
    return out;
}

// --- The official files (../shared/catalogs/asvs), counts from its README §1.

struct OfficialCounts {
    std::string_view name;  ///< the test's name
    std::string_view file;
    std::string_view version;
    std::string_view version_source;
    int requirements;
    int deleted;
    int l1;
    int l2;
    int l3;
    int with_cwe;
};

class AsvsOfficialFile : public ::testing::TestWithParam<OfficialCounts> {};

TEST_P(AsvsOfficialFile, HasTheCountsOfTheCatalogReadme) {
    const auto& expected = GetParam();
    const auto parsed = parse_official(expected.file);
    EXPECT_EQ(parsed.version, expected.version);
    EXPECT_EQ(parsed.version_source, expected.version_source);
    const auto* catalog = std::get_if<model::AsvsCatalog>(&parsed.content);
    ASSERT_NE(catalog, nullptr);
    EXPECT_EQ(catalog->version, expected.version);
    EXPECT_EQ(catalog->requirements.size(), static_cast<size_t>(expected.requirements));
    EXPECT_EQ(catalog->deleted_rows_skipped, expected.deleted);
    EXPECT_EQ(count_at_level(*catalog, 1), expected.l1);
    EXPECT_EQ(count_at_level(*catalog, 2), expected.l2);
    EXPECT_EQ(count_at_level(*catalog, 3), expected.l3);
    EXPECT_EQ(count_with_cwe(*catalog), expected.with_cwe);
}

// 4.0.x exports state no version (the digest settles it), except the 4.0.2
// flat JSON whose key set is its own; 5.0's `L` column states 5.0.0. The
// level counts include every non-empty mark, not only ✓.
INSTANTIATE_TEST_SUITE_P(
    AsvsReleases, AsvsOfficialFile,
    ::testing::Values(OfficialCounts{"Csv403", ASVS_403_CSV, "4.0.3", "digest", 278, 8, 128, 259, 278, 268},
                      OfficialCounts{"Json403", ASVS_403_JSON, "4.0.3", "digest", 278, 8, 128, 259, 278, 268},
                      OfficialCounts{"Csv402", ASVS_402_CSV, "4.0.2", "digest", 286, 0, 131, 267, 286, 276},
                      OfficialCounts{"Json402", ASVS_402_JSON, "4.0.2", "content", 286, 0, 131, 267, 286, 276},
                      OfficialCounts{"Csv500", ASVS_500_CSV, "5.0.0", "content", 345, 0, 70, 253, 345, 0},
                      OfficialCounts{"Json500", ASVS_500_JSON, "5.0.0", "content", 345, 0, 70, 253, 345, 0}),
    [](const ::testing::TestParamInfo<OfficialCounts>& param) { return std::string(param.param.name); });

TEST(AsvsOfficialFiles, CsvAndJsonOfTheSameReleaseAgree) {
    EXPECT_EQ(official_asvs(ASVS_403_CSV).requirements, official_asvs(ASVS_403_JSON).requirements);
    EXPECT_EQ(official_asvs(ASVS_500_CSV).requirements, official_asvs(ASVS_500_JSON).requirements);

    // The 4.0.2 flat JSON names no sections; everything else matches.
    auto csv = official_asvs(ASVS_402_CSV).requirements;
    for (auto& requirement : csv) requirement.section_name.clear();
    EXPECT_EQ(csv, official_asvs(ASVS_402_JSON).requirements);
}

TEST(AsvsOfficialFiles, Release403RowsReadAsWritten) {
    const auto catalog = official_asvs(ASVS_403_CSV);

    // ASVS 4.0.3 V5.3.4: parameterized queries against SQL injection.
    const auto* sql = find(catalog, "V5.3.4");
    ASSERT_NE(sql, nullptr);
    EXPECT_EQ(sql->cwes, std::vector<int>{89});
    EXPECT_EQ(sql->levels, (std::array<bool, 3>{true, true, true}));
    EXPECT_EQ(sql->chapter_id, "V5");
    EXPECT_EQ(sql->chapter_name, "Validation, Sanitization and Encoding");
    EXPECT_EQ(sql->section_id, "V5.3");
    EXPECT_EQ(sql->section_name, "Output Encoding and Injection Prevention");
    EXPECT_THAT(sql->description, StartsWith("Verify that data selection or database queries (e.g. SQL, HQL"));

    // "o" (optional) still counts as applying at L2.
    const auto* biometric = find(catalog, "V2.8.7");
    ASSERT_NE(biometric, nullptr);
    EXPECT_EQ(biometric->levels, (std::array<bool, 3>{false, true, true}));
    EXPECT_EQ(biometric->nist, "5.2.3");

    // "OS assisted" / "HSM" and session time-outs are level marks too.
    ASSERT_NE(find(catalog, "V2.10.1"), nullptr);
    EXPECT_EQ(find(catalog, "V2.10.1")->levels, (std::array<bool, 3>{false, true, true}));
    ASSERT_NE(find(catalog, "V3.3.2"), nullptr);
    EXPECT_EQ(find(catalog, "V3.3.2")->levels, (std::array<bool, 3>{true, true, true}));

    // Errata after the release tag changed V3.4.3 from CWE 16 to 1275.
    ASSERT_NE(find(catalog, "V3.4.3"), nullptr);
    EXPECT_EQ(find(catalog, "V3.4.3")->cwes, std::vector<int>{1275});

    // "[DELETED, NOT ACTIONABLE]" placeholders are no requirement.
    EXPECT_EQ(find(catalog, "V1.4.2"), nullptr);
    EXPECT_EQ(find(catalog, "V14.3.1"), nullptr);
}

TEST(AsvsOfficialFiles, Release402RowsReadAsWritten) {
    const auto csv = official_asvs(ASVS_402_CSV);
    const auto* access = find(csv, "V1.4.2");
    ASSERT_NE(access, nullptr);
    EXPECT_EQ(access->cwes, std::vector<int>{284});
    // The cell ends with a space; trimming keeps the sentence itself.
    EXPECT_EQ(access->description,
              "Verify that the chosen access control solution is flexible enough to meet the application's needs.");
    ASSERT_NE(find(csv, "V3.4.3"), nullptr);
    EXPECT_EQ(find(csv, "V3.4.3")->cwes, std::vector<int>{16});

    // The flat JSON has no section columns: the section comes from the id.
    const auto json = official_asvs(ASVS_402_JSON);
    ASSERT_NE(find(json, "V1.1.6"), nullptr);
    EXPECT_EQ(find(json, "V1.1.6")->section_id, "V1.1");
    EXPECT_EQ(find(json, "V1.1.6")->section_name, "");
    EXPECT_EQ(find(json, "V1.1.6")->chapter_name, "Architecture, Design and Threat Modeling Requirements");
}

TEST(AsvsOfficialFiles, Release500LevelsAreCumulative) {
    const auto catalog = official_asvs(ASVS_500_JSON);
    const auto* decoding = find(catalog, "V1.1.1");
    ASSERT_NE(decoding, nullptr);
    EXPECT_EQ(decoding->levels, (std::array<bool, 3>{false, true, true}));
    EXPECT_TRUE(decoding->cwes.empty());
    EXPECT_TRUE(decoding->nist.empty());
    EXPECT_EQ(decoding->section_name, "Encoding and Sanitization Architecture");
}

TEST(AsvsOfficialFiles, CweMappingOfTheBleedingEdgeIds) {
    const auto parsed = parse_official("v5.0.be_cwe_mapping.json");
    EXPECT_EQ(parsed.format, CatalogFormat::AsvsCweMappingJson);
    EXPECT_EQ(parsed.version, "5.0.0");
    EXPECT_EQ(parsed.version_source, "content");
    const auto* mapping = std::get_if<model::AsvsCweMapping>(&parsed.content);
    ASSERT_NE(mapping, nullptr);
    EXPECT_EQ(mapping->scheme, "5.0.be");
    EXPECT_EQ(mapping->target_version, "5.0.0");
    EXPECT_EQ(mapping->cwe_by_id.size(), 212u);
    ASSERT_TRUE(mapping->cwe_by_id.contains("v5.0.be-1.2.4"));
    EXPECT_EQ(mapping->cwe_by_id.at("v5.0.be-1.2.4"), 306);
}

// --- CSV

TEST(AsvsCsv, AcceptsCweFormsAndFreeTextLevelMarks) {
    const auto catalog = parse_asvs_csv(fixture("cwe_forms.csv"), "cwe_forms.csv");
    ASSERT_TRUE(catalog.ok()) << catalog.error().to_string();
    EXPECT_EQ(catalog->version, "");  // 4.0.x columns do not say which 4.0 release
    ASSERT_EQ(catalog->requirements.size(), 3u);
    EXPECT_EQ(catalog->requirements[0].cwes, std::vector<int>{89});
    EXPECT_EQ(catalog->requirements[1].cwes, (std::vector<int>{89, 564}));
    EXPECT_TRUE(catalog->requirements[2].cwes.empty());
    EXPECT_EQ(catalog->requirements[1].levels, (std::array<bool, 3>{false, true, true}));
    // A cell of blanks is empty; "30 days" is a mark.
    EXPECT_EQ(catalog->requirements[2].levels, (std::array<bool, 3>{false, false, true}));
    EXPECT_EQ(catalog->requirements[1].description, "Verify that queries resist injection.  Keep  spacing.");
    EXPECT_EQ(catalog->requirements[1].nist, "5.1.1");
}

TEST(AsvsCsv, ReportsTheUnclosedQuoteOfATruncatedFile) {
    const auto catalog = parse_asvs_csv(fixture("truncated.csv"), "truncated.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_EQ(catalog.error().code, core::ErrorCode::InvalidData);
    EXPECT_THAT(diagnostics_of(catalog),
                ElementsAre("truncated.csv:3:67: quoted cell is never closed (the file may be truncated)"));
}

TEST(AsvsCsv, ReportsEachMissingColumnAtTheHeader) {
    const auto catalog = parse_asvs_csv(fixture("missing_column.csv"), "missing_column.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog),
                ElementsAre("missing_column.csv:1: missing column 'cwe'; an ASVS 4.0.x CSV export has the columns "
                            "chapter_id, chapter_name, section_id, section_name, req_id, req_description, level1, "
                            "level2, level3, cwe, nist"));
}

TEST(AsvsCsv, RejectsLevelsOtherThanOneTwoOrThree) {
    const auto catalog = parse_asvs_csv(fixture("bad_level.csv"), "bad_level.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog), ElementsAre(StartsWith("bad_level.csv:3:105: level '4' is not 1, 2 or 3;"),
                                                     StartsWith("bad_level.csv:4:94: level 'x' is not 1, 2 or 3;")));
}

TEST(AsvsCsv, ReportsAnUnknownCweReference) {
    const auto catalog = parse_asvs_csv(fixture("unknown_cwe.csv"), "unknown_cwe.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog), ElementsAre("unknown_cwe.csv:3:82: unknown CWE reference 'abc'; expected a "
                                                     "CWE number such as 89 or CWE-89"));
}

TEST(AsvsCsv, RejectsACweCatalog) {
    const auto catalog = parse_asvs_csv(fixture("cwe_header.csv"), "cwe_header.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(catalog.error().message, HasSubstr("not an ASVS CSV export"));
    // One diagnostic per column the header lacks, all at the header.
    const auto diagnostics = diagnostics_of(catalog);
    EXPECT_EQ(diagnostics.size(), 11u);
    EXPECT_THAT(diagnostics.front(), StartsWith("cwe_header.csv:1: missing column 'chapter_id';"));
}

TEST(AsvsCsv, ReportsEveryProblemOfAFile) {
    const auto catalog = parse_asvs_csv(fixture("several_problems.csv"), "several_problems.csv");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(catalog.error().message, HasSubstr("5 problem(s)"));
    EXPECT_THAT(
        diagnostics_of(catalog),
        ElementsAre(StartsWith("several_problems.csv:3:32: requirement id '1.1.2' is not of the form V<chapter>."),
                    "several_problems.csv:4:32: duplicate requirement id 'V1.1.1'; it is already defined on line 2",
                    "several_problems.csv:5:39: empty requirement description",
                    StartsWith("several_problems.csv:6:64: unknown CWE reference 'CWE-x1';"),
                    StartsWith("several_problems.csv:7:1: the row has 12 cells but the header has 11 columns")));
}

// --- JSON

TEST(AsvsJson, ReportsWhereATruncatedDocumentStops) {
    const auto catalog = parse_asvs_json(fixture("truncated.json"), "truncated.json");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog), ElementsAre(StartsWith("truncated.json:18:59: JSON syntax error:")));
}

TEST(AsvsJson, RejectsLevelsOtherThanOneTwoOrThree) {
    const auto catalog = parse_asvs_json(fixture("bad_level.json"), "bad_level.json");
    ASSERT_FALSE(catalog.ok());
    // The first element's L is the integer 2, which is accepted.
    EXPECT_THAT(diagnostics_of(catalog),
                ElementsAre(StartsWith("bad_level.json#/requirements/1/L: level '4' is not 1, 2 or 3;"),
                            StartsWith("bad_level.json#/requirements/2/L: level 'x' is not 1, 2 or 3;")));
}

TEST(AsvsJson, ReportsAMissingKeyAgainstTheClosestKeySet) {
    // Without L the element still has six of the seven 5.0 keys.
    const auto catalog = parse_asvs_json(fixture("missing_key.json"), "missing_key.json");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog),
                ElementsAre("missing_key.json#/requirements/0/L: missing key \"L\"; an ASVS 5.0 flat JSON export has "
                            "the keys chapter_id, chapter_name, section_id, section_name, req_id, req_description, L"));
}

TEST(AsvsJson, RejectsADocumentThatIsNoExport) {
    const auto catalog = parse_asvs_json(fixture("array.json"), "array.json");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(diagnostics_of(catalog),
                ElementsAre("array.json#/: expected an object with a \"requirements\" array (an ASVS flat JSON "
                            "export), found an array"));
}

TEST(AsvsJson, ReadsThe402KeySet) {
    const auto catalog = parse_asvs_json(fixture("flat_402.json"), "flat_402.json");
    ASSERT_TRUE(catalog.ok()) << catalog.error().to_string();
    EXPECT_EQ(catalog->version, "4.0.2");
    ASSERT_EQ(catalog->requirements.size(), 1u);
    const auto& requirement = catalog->requirements[0];
    EXPECT_EQ(requirement.id, "V1.1.6");
    EXPECT_EQ(requirement.chapter_id, "V1");
    EXPECT_EQ(requirement.section_id, "V1.1");
    EXPECT_EQ(requirement.description, "Verify availability of a secure coding checklist.");
    EXPECT_EQ(requirement.levels, (std::array<bool, 3>{false, true, true}));
    EXPECT_EQ(requirement.cwes, std::vector<int>{637});
}

TEST(AsvsJson, ReportsEveryProblemOfAFile) {
    const auto catalog = parse_asvs_json(fixture("several_problems.json"), "several_problems.json");
    ASSERT_FALSE(catalog.ok());
    EXPECT_THAT(
        diagnostics_of(catalog),
        ElementsAre(StartsWith("several_problems.json#/requirements/0/nist: missing key \"nist\";"),
                    "several_problems.json#/requirements/1/level1: expected a string, found a boolean",
                    "several_problems.json#/requirements/2: expected a requirement object, found a string",
                    StartsWith("several_problems.json#/requirements/3/req_id: requirement id 'V1-1-4' is not of"),
                    "several_problems.json#/requirements/4/req_id: duplicate requirement id 'V1.1.1'; it is already "
                    "defined at /requirements/0",
                    StartsWith("several_problems.json#/requirements/5/cwe: unknown CWE reference 'CWE-abc';"),
                    "several_problems.json#/requirements/6/section_id: missing key \"section_id\""));
}

// --- Through parse_catalog: the checks that come before any parser.

TEST(AsvsCatalog, RejectsInvalidUtf8WithItsPosition) {
    const auto parsed = parse_catalog(fixture("invalid_utf8.csv"), ParseRequest{"invalid_utf8.csv", {}, {}});
    ASSERT_FALSE(parsed.ok());
    EXPECT_THAT(diagnostics_of(parsed),
                ElementsAre("invalid_utf8.csv:2:53: invalid UTF-8 byte 0xE9; catalog files must be UTF-8"));
}

TEST(AsvsCatalog, RejectsAnEmptyFile) {
    const auto parsed = parse_catalog(fixture("empty.csv"), ParseRequest{"empty.csv", {}, {}});
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, core::ErrorCode::InvalidData);
    EXPECT_THAT(diagnostics_of(parsed), ElementsAre("empty.csv:1:1: expected a catalog file, found no content"));
}

TEST(AsvsCatalog, DetectsTheIdMapping) {
    const auto parsed = parse_catalog(fixture("id_mapping.yml"), ParseRequest{"id_mapping.yml", {}, {}});
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    EXPECT_EQ(parsed->format, CatalogFormat::AsvsIdMappingYaml);
    EXPECT_EQ(parsed->version, "5.0.0");
    EXPECT_EQ(parsed->version_source, "content");
}

// --- The CWE mapping of the 5.0 bleeding-edge ids

TEST(AsvsCweMapping, ReportsEveryBadEntry) {
    const auto mapping = parse_asvs_cwe_mapping(fixture("cwe_mapping_broken.json"), "cwe_mapping_broken.json");
    ASSERT_FALSE(mapping.ok());
    EXPECT_THAT(diagnostics_of(mapping),
                ElementsAre(StartsWith("cwe_mapping_broken.json#/v5.0.be-x: 'v5.0.be-x' is not an ASVS id"),
                            "cwe_mapping_broken.json#/v4.0.3-2.1.1: 'v4.0.3-2.1.1' belongs to the id scheme '4.0.3' "
                            "but 'v5.0.be-1.2.4' set the file's scheme to '5.0.be'",
                            "cwe_mapping_broken.json#/v5.0.be-2.1.5: unknown CWE reference 'abc'; expected one CWE "
                            "number such as 89 or CWE-89",
                            StartsWith("cwe_mapping_broken.json#/v5.0.be-2.1.6: unknown CWE reference '[\"620\"]'")));
}

TEST(AsvsCweMapping, RejectsAnArray) {
    const auto mapping = parse_asvs_cwe_mapping(fixture("array.json"), "array.json");
    ASSERT_FALSE(mapping.ok());
    EXPECT_THAT(diagnostics_of(mapping), ElementsAre(HasSubstr("found an array")));
}

// --- The renumbering of the 5.0 bleeding-edge ids into 5.0.0

TEST(AsvsIdMapping, ReadsRenumberings) {
    const auto mapping = parse_asvs_id_mapping(fixture("id_mapping.yml"), "id_mapping.yml");
    ASSERT_TRUE(mapping.ok()) << mapping.error().to_string();
    EXPECT_EQ(mapping->from_scheme, "5.0.be");
    EXPECT_EQ(mapping->to_version, "5.0.0");
    EXPECT_EQ(mapping->target_by_id.size(), 5u);
    EXPECT_EQ(mapping->target_by_id.at("v5.0.be-5.6.1"), "V1.1.1");
    EXPECT_EQ(mapping->target_by_id.at("v5.0.be-1.2.4"), "V6.1.3");
    EXPECT_EQ(mapping->target_by_id.at("v5.0.be-53.3.2"), "V17.3.2");
}

TEST(AsvsIdMapping, ReportsASyntaxErrorWithLineAndColumn) {
    const auto mapping = parse_asvs_id_mapping(fixture("id_mapping_bad_indent.yml"), "id_mapping_bad_indent.yml");
    ASSERT_FALSE(mapping.ok());
    EXPECT_THAT(diagnostics_of(mapping), ElementsAre(StartsWith("id_mapping_bad_indent.yml:3:16: YAML syntax error:")));
}

TEST(AsvsIdMapping, RejectsASequence) {
    const auto mapping = parse_asvs_id_mapping(fixture("id_mapping_sequence.yml"), "id_mapping_sequence.yml");
    ASSERT_FALSE(mapping.ok());
    EXPECT_THAT(diagnostics_of(mapping),
                ElementsAre(StartsWith("id_mapping_sequence.yml:2:1: expected a mapping of ASVS ids such as "
                                       "'v5.0.be-5.6.1: v5.0.0-1.1.1', found a sequence")));
}

TEST(AsvsIdMapping, ReportsEveryBadTarget) {
    const auto mapping = parse_asvs_id_mapping(fixture("id_mapping_bad_targets.yml"), "id_mapping_bad_targets.yml");
    ASSERT_FALSE(mapping.ok());
    EXPECT_THAT(diagnostics_of(mapping),
                ElementsAre(StartsWith("id_mapping_bad_targets.yml:3:16: target 'V1.1.2' is not a released ASVS id"),
                            StartsWith("id_mapping_bad_targets.yml:4:16: target 'v5.0.be-1.2.1' is not a released"),
                            StartsWith("id_mapping_bad_targets.yml:5:1: 'v5.0.be-5.3.13' maps to nothing;"),
                            "id_mapping_bad_targets.yml:6:16: target 'v4.0.3-1.2.3' names ASVS 4.0.3 but "
                            "'v5.0.0-1.1.1' named ASVS 5.0.0",
                            "id_mapping_bad_targets.yml:7:1: duplicate id 'v5.0.be-5.6.1'"));
}

}  // namespace
}  // namespace rampart::catalog
