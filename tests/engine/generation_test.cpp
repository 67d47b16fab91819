#include "engine/generation.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/official_catalogs.h"
#include "test_support.h"

namespace rampart::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// ---------------------------------------------------------------------------
// A small graph whose every link is known, for the exact rules.

model::AsvsRequirement requirement(std::string id, std::vector<int> cwes, std::array<bool, 3> levels) {
    model::AsvsRequirement out;
    out.id = std::move(id);
    const auto section_end = out.id.rfind('.');
    out.section_id = out.id.substr(0, section_end);
    out.chapter_id = out.id.substr(0, out.id.find('.'));
    out.chapter_name = "chapter " + out.chapter_id;
    out.section_name = "section " + out.section_id;
    out.description = "text of " + out.id;
    out.levels = levels;
    out.cwes = std::move(cwes);
    return out;
}

model::AttackPattern pattern(int id, std::vector<int> cwes, std::string status = "Draft") {
    model::AttackPattern out;
    out.id = id;
    out.name = "pattern " + std::to_string(id);
    out.status = std::move(status);
    out.cwes = std::move(cwes);
    return out;
}

model::Weakness weakness(int id, const std::vector<int>& parents) {
    model::Weakness out;
    out.id = id;
    out.name = "weakness " + std::to_string(id);
    for (const int parent : parents) out.relations.push_back({"ChildOf", parent, 1000, "Primary"});
    return out;
}

constexpr std::array<bool, 3> ALL_LEVELS = {true, true, true};
constexpr std::array<bool, 3> FROM_L2 = {false, true, true};
constexpr std::array<bool, 3> ONLY_L3 = {false, false, true};

// CWE hierarchy (view 1000): 700 ← 79 ← 80 ← 81 (grandchild), 700 ← 89.
CatalogGraph small_graph() {
    model::AsvsRelease asvs;
    asvs.version = "4.0.3";
    asvs.requirements = {
        requirement("V5.3.4", {89}, ALL_LEVELS),   requirement("V5.3.5", {89}, ALL_LEVELS),
        requirement("V5.3.3", {79}, ALL_LEVELS),   requirement("V2.10.1", {89}, FROM_L2),
        requirement("V2.9.1", {89}, FROM_L2),      requirement("V10.1.1", {89}, FROM_L2),
        requirement("V14.1.1", {700}, ALL_LEVELS), requirement("V9.9.9", {81}, ALL_LEVELS),
        requirement("V8.1.1", {500}, ONLY_L3),
    };
    model::CapecCatalog capec;
    capec.version = "3.9";
    capec.patterns = {
        pattern(66, {89, 1286}),          pattern(86, {80}), pattern(63, {79, 80}),  pattern(5, {89}, "Obsolete"),
        pattern(106, {79}, "Deprecated"), pattern(179, {}),  pattern(11, {430, 500})};
    model::CweCatalog cwe;
    cwe.version = "4.14";
    cwe.weaknesses = {weakness(700, {}),   weakness(79, {700}), weakness(80, {79}), weakness(81, {80}),
                      weakness(89, {700}), weakness(430, {}),   weakness(500, {})};
    return CatalogGraph(std::move(asvs), std::move(capec), std::move(cwe));
}

model::ThreatModelItem item(std::string key, std::vector<int> patterns, model::ItemKind kind = model::ItemKind::Api) {
    model::ThreatModelItem out;
    out.name = "The " + key;
    out.key = std::move(key);
    out.kind = kind;
    out.attack_patterns = std::move(patterns);
    return out;
}

model::ThreatModel threat_model(std::vector<model::ThreatModelItem> items, int level = 1, bool hierarchy = false) {
    model::ThreatModel out;
    out.name = "shop";
    out.asvs_version = "4.0.3";
    out.asvs_level = level;
    out.follow_cwe_hierarchy = hierarchy;
    out.items = std::move(items);
    return out;
}

std::vector<std::string> ids(const GenerationResult& result) {
    std::vector<std::string> out;
    for (const auto& generated : result.requirements) out.push_back(generated.item_key + " " + generated.asvs_id);
    return out;
}

const GeneratedRequirement& find(const GenerationResult& result, std::string_view item_key, std::string_view id) {
    for (const auto& generated : result.requirements) {
        if (generated.item_key == item_key && generated.asvs_id == id) return generated;
    }
    ADD_FAILURE() << "no " << id << " for " << item_key;
    static const GeneratedRequirement none;
    return none;
}

GenerationResult generate(const model::ThreatModel& model, const CatalogGraph& graph) {
    auto result = generate_requirements(model, graph);
    EXPECT_TRUE(result.ok()) << result.error().to_string();
    return result.ok() ? std::move(result).value() : GenerationResult{};
}

TEST(GenerationRules, FollowsPatternToCweToRequirementsAtTheTargetLevel) {
    const auto graph = small_graph();
    const auto result = generate(threat_model({item("api", {66})}, 1), graph);
    EXPECT_THAT(ids(result), ElementsAre("api V5.3.4", "api V5.3.5"));
    const auto& sql = find(result, "api", "V5.3.4");
    EXPECT_EQ(sql.match, MatchKind::Direct);
    EXPECT_THAT(sql.traces, ElementsAre(Trace{66, 89, 89, MatchKind::Direct}));
    EXPECT_EQ(sql.level, 1);
    EXPECT_EQ(sql.chapter_id, "V5");
    EXPECT_EQ(sql.section_id, "V5.3");
    EXPECT_EQ(sql.description, "text of V5.3.4");
    EXPECT_TRUE(result.skipped.empty());
    EXPECT_EQ(result.asvs_version, "4.0.3");
    EXPECT_EQ(result.asvs_level, 1);
}

TEST(GenerationRules, HigherLevelsIncludeTheLowerOnesAndSortIdsNumerically) {
    const auto graph = small_graph();
    const auto result = generate(threat_model({item("api", {66})}, 2), graph);
    // V2.10.1 after V2.9.1, V10.1.1 after V5.3.5: numbers, not text.
    EXPECT_THAT(ids(result), ElementsAre("api V2.9.1", "api V2.10.1", "api V5.3.4", "api V5.3.5", "api V10.1.1"));
    EXPECT_EQ(find(result, "api", "V2.10.1").level, 2);
    EXPECT_EQ(find(result, "api", "V5.3.4").level, 1);
}

TEST(GenerationRules, OneRequirementPerItemAndIdWithEveryTrace) {
    const auto graph = small_graph();
    // 66 is listed twice for the web item but counts once; the db item gets
    // its own copies of the same requirements.
    const auto result = generate(threat_model({item("web", {63, 66, 66}), item("db", {66})}, 1), graph);
    EXPECT_THAT(ids(result), ElementsAre("web V5.3.3", "web V5.3.4", "web V5.3.5", "db V5.3.4", "db V5.3.5"));
    EXPECT_THAT(find(result, "web", "V5.3.4").traces, ElementsAre(Trace{66, 89, 89, MatchKind::Direct}));

    const auto both = generate(threat_model({item("web", {86, 63})}, 1, true), graph);
    EXPECT_THAT(find(both, "web", "V5.3.3").traces,
                ElementsAre(Trace{63, 79, 79, MatchKind::Direct}, Trace{86, 80, 79, MatchKind::Indirect}));
    EXPECT_EQ(find(both, "web", "V5.3.3").match, MatchKind::Direct) << "direct when any trace is direct";
}

TEST(GenerationRules, ReportsPatternsThatYieldNothingWithTheReason) {
    const auto graph = small_graph();
    const auto result = generate(threat_model({item("api", {999, 5, 106, 179, 11, 179})}, 2), graph);
    EXPECT_TRUE(result.requirements.empty()) << "a retired pattern generates nothing even when its CWEs match";
    ASSERT_EQ(result.skipped.size(), 5u) << "a duplicate pattern is reported once";
    EXPECT_EQ(result.skipped[0], (SkippedPattern{"api", 999, SkipReason::UnknownPattern, "", {}}));
    EXPECT_EQ(result.skipped[1], (SkippedPattern{"api", 5, SkipReason::RetiredPattern, "Obsolete", {}}));
    EXPECT_EQ(result.skipped[2], (SkippedPattern{"api", 106, SkipReason::RetiredPattern, "Deprecated", {}}));
    EXPECT_EQ(result.skipped[3], (SkippedPattern{"api", 179, SkipReason::NoRelatedCwe, "", {}}));
    EXPECT_EQ(result.skipped[4], (SkippedPattern{"api", 11, SkipReason::NoRequirementAtLevel, "", {430, 500}}));

    // CWE-500 is carried by an L3 requirement, so the same pattern yields at L3.
    const auto l3 = generate(threat_model({item("api", {11})}, 3), graph);
    EXPECT_THAT(ids(l3), ElementsAre("api V8.1.1"));
    EXPECT_TRUE(l3.skipped.empty());
}

TEST(GenerationRules, TheHierarchyAddsOneLevelMarkedIndirectAfterTheDirectOnes) {
    const auto graph = small_graph();
    const auto off = generate(threat_model({item("web", {86})}, 1, false), graph);
    EXPECT_TRUE(off.requirements.empty());
    ASSERT_EQ(off.skipped.size(), 1u);
    EXPECT_EQ(off.skipped[0].reason, SkipReason::NoRequirementAtLevel);

    const auto on = generate(threat_model({item("web", {86, 66})}, 1, true), graph);
    // Direct (66 → 89) first, then indirect in id order: CWE-80's parent 79
    // (V5.3.3) and child 81 (V9.9.9) through 86, CWE-89's parent 700
    // (V14.1.1) through 66. 700 is also 80's grandparent, two steps away, so
    // 86 never reaches V14.1.1.
    EXPECT_THAT(ids(on), ElementsAre("web V5.3.4", "web V5.3.5", "web V5.3.3", "web V9.9.9", "web V14.1.1"));
    EXPECT_EQ(find(on, "web", "V5.3.3").match, MatchKind::Indirect);
    EXPECT_THAT(find(on, "web", "V5.3.3").traces, ElementsAre(Trace{86, 80, 79, MatchKind::Indirect}));
    EXPECT_THAT(find(on, "web", "V9.9.9").traces, ElementsAre(Trace{86, 80, 81, MatchKind::Indirect}));
    EXPECT_THAT(find(on, "web", "V14.1.1").traces, ElementsAre(Trace{66, 89, 700, MatchKind::Indirect}));
    EXPECT_TRUE(on.skipped.empty());
}

TEST(GenerationRules, AHierarchyNeighbourThePatternCitesItselfIsNoIndirectTrace) {
    const auto graph = small_graph();
    // CAPEC-63 cites 79 and its child 80; 80 → 79 would only repeat the direct link.
    const auto result = generate(threat_model({item("web", {63})}, 1, true), graph);
    EXPECT_THAT(find(result, "web", "V5.3.3").traces, ElementsAre(Trace{63, 79, 79, MatchKind::Direct}));
}

TEST(GenerationValidation, ListsEveryProblemWithItsPointer) {
    const auto graph = small_graph();
    auto model = threat_model({item("api", {66}), item("db", {66}), item("api", {66}), item("", {66})}, 4);
    model.asvs_version = "5.0.0";
    model.items[1].name = "   ";
    const auto result = generate_requirements(model, graph);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidArgument);
    std::vector<std::string> pointers;
    for (const auto& diagnostic : result.error().diagnostics) pointers.push_back(diagnostic.where.pointer);
    EXPECT_THAT(pointers, ElementsAre("/asvs_level", "/asvs_version", "/items/1/name", "/items/2/key", "/items/3/key"));
    EXPECT_THAT(result.error().diagnostics[3].message, HasSubstr("already used by item 0"));
    EXPECT_THAT(result.error().diagnostics[1].message, HasSubstr("ASVS 5.0.0"));
    EXPECT_THAT(result.error().message, HasSubstr("5 problems"));

    for (const int level : {0, -1, 4}) {
        const auto bad = generate_requirements(threat_model({item("api", {66})}, level), graph);
        ASSERT_FALSE(bad.ok()) << level;
        EXPECT_EQ(bad.error().diagnostics.at(0).where.pointer, "/asvs_level");
    }
}

TEST(GenerationValidation, AnEmptyModelOrVersionIsFine) {
    const auto graph = small_graph();
    auto model = threat_model({}, 3);
    model.asvs_version.clear();  // no version named: the graph's release is taken
    const auto result = generate(model, graph);
    EXPECT_TRUE(result.requirements.empty());
    EXPECT_EQ(result.asvs_version, "4.0.3");
}

TEST(GenerationDeselect, DropsTheChosenRequirementsOnly) {
    const auto graph = small_graph();
    auto result = generate(threat_model({item("web", {66}), item("db", {66})}, 1), graph);
    ASSERT_TRUE(deselect(result, {{"web", "V5.3.5"}, {"db", "V5.3.4"}}).ok());
    EXPECT_THAT(ids(result), ElementsAre("web V5.3.4", "db V5.3.5"));
}

TEST(GenerationDeselect, AnUnknownKeyDropsNothing) {
    const auto graph = small_graph();
    auto result = generate(threat_model({item("web", {66})}, 1), graph);
    const auto before = result;
    const auto outcome = deselect(result, {{"web", "V5.3.4"}, {"web", "V1.1.1"}, {"api", "V5.3.5"}});
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, core::ErrorCode::InvalidArgument);
    ASSERT_EQ(outcome.error().diagnostics.size(), 2u);
    EXPECT_EQ(outcome.error().diagnostics[0].where.pointer, "/1");
    EXPECT_THAT(outcome.error().diagnostics[1].message, HasSubstr("V5.3.5"));
    EXPECT_EQ(result, before);
}

TEST(GenerationOrder, AsvsIdsCompareByTheirNumbers) {
    EXPECT_LT(compare_asvs_ids("V2.9.1", "V2.10.1"), 0);
    EXPECT_LT(compare_asvs_ids("V9.1.1", "V10.1.1"), 0);
    EXPECT_GT(compare_asvs_ids("V5.3.10", "V5.3.4"), 0);
    EXPECT_EQ(compare_asvs_ids("V5.3.4", "V5.3.4"), 0);
}

// ---------------------------------------------------------------------------
// Golden files on the official catalogs. The dumps are checked by hand
// against ../shared/catalogs/README.md §5; RAMPART_REBASELINE=1 rewrites them.

std::string dump(const GenerationResult& result, const CatalogGraph& graph) {
    std::string out = fmt::format("ASVS {}, level {}, CWE hierarchy {}\n", result.asvs_version, result.asvs_level,
                                  result.follow_cwe_hierarchy ? "on" : "off");
    std::string item_key;
    for (const auto& generated : result.requirements) {
        if (generated.item_key != item_key) {
            item_key = generated.item_key;
            out += fmt::format("\nitem {}\n", item_key);
        }
        out +=
            fmt::format("  {} L{} {} | {} {} | {} {}\n", generated.asvs_id, generated.level, to_string(generated.match),
                        generated.chapter_id, generated.chapter_name, generated.section_id, generated.section_name);
        out += fmt::format("    {}\n", generated.description);
        for (const auto& trace : generated.traces) {
            const auto* pattern = graph.pattern(trace.attack_pattern);
            out += fmt::format("    CAPEC-{} {} -> CWE-{}", trace.attack_pattern, pattern ? pattern->name : "?",
                               trace.pattern_cwe);
            if (trace.requirement_cwe != trace.pattern_cwe) {
                const auto parents = graph.cwe_parents(trace.pattern_cwe);
                const bool up = std::count(parents.begin(), parents.end(), trace.requirement_cwe) > 0;
                out += fmt::format(" {} CWE-{}", up ? "ChildOf" : "ParentOf", trace.requirement_cwe);
            }
            out += fmt::format(" ({})\n", to_string(trace.match));
        }
    }
    if (!result.skipped.empty()) out += "\nskipped\n";
    for (const auto& skipped : result.skipped) {
        out += fmt::format("  {} CAPEC-{} {}", skipped.item_key, skipped.attack_pattern, to_string(skipped.reason));
        if (!skipped.status.empty()) out += " " + skipped.status;
        if (!skipped.cwes.empty()) out += fmt::format(" CWE {}", fmt::join(skipped.cwes, ", "));
        out += "\n";
    }
    return out;
}

void expect_golden(const std::string& name, const std::string& actual) {
    const auto path = rampart::testing::test_data("engine/generation/" + name + ".expected");
    const char* rebaseline = std::getenv("RAMPART_REBASELINE");
    if (rebaseline != nullptr && std::string(rebaseline) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with RAMPART_REBASELINE=1";
    EXPECT_EQ(actual, rampart::testing::read_file(path)) << "differs from " << path;
}

const CatalogGraph* official() {
    const auto& loaded = rampart::testing::official_graph();
    EXPECT_NE(loaded.graph, nullptr) << loaded.error;
    return loaded.graph.get();
}

TEST(GenerationGolden, ApiWithSqlInjectionAndCsrfAtLevel1) {
    const auto* graph = official();
    ASSERT_NE(graph, nullptr);
    const auto model = threat_model({item("api", {66, 62})}, 1);
    const auto result = generate(model, *graph);
    // CAPEC-66 → CWE-89 → V5.3.4, V5.3.5; CAPEC-62 → CWE-352 → V4.2.2,
    // V13.2.3; CWE-306 → V3.7.1 (its V1.2.x and V14.5.4 are L2);
    // CWE-1275 → V3.4.3 (README §5).
    EXPECT_THAT(ids(result),
                ElementsAre("api V3.4.3", "api V3.7.1", "api V4.2.2", "api V5.3.4", "api V5.3.5", "api V13.2.3"));
    EXPECT_THAT(find(result, "api", "V13.2.3").traces, ElementsAre(Trace{62, 352, 352, MatchKind::Direct}));
    expect_golden("api_capec66_capec62_L1", dump(result, *graph));
}

TEST(GenerationGolden, ApiWithSqlInjectionAndCsrfAtLevel2) {
    const auto* graph = official();
    ASSERT_NE(graph, nullptr);
    const auto result = generate(threat_model({item("api", {66, 62})}, 2), *graph);
    // Level 2 adds CWE-306 → V1.2.2–V1.2.4, V14.5.4 and CWE-732 → V4.3.3.
    EXPECT_THAT(ids(result),
                ElementsAre("api V1.2.2", "api V1.2.3", "api V1.2.4", "api V3.4.3", "api V3.7.1", "api V4.2.2",
                            "api V4.3.3", "api V5.3.4", "api V5.3.5", "api V13.2.3", "api V14.5.4"));
    expect_golden("api_capec66_capec62_L2", dump(result, *graph));
}

TEST(GenerationGolden, SkippedPatternsOnTheOfficialCatalogs) {
    const auto* graph = official();
    ASSERT_NE(graph, nullptr);
    // CAPEC-5 Blue Boxing is Obsolete but still cites CWE-285 (V4.1.3 …);
    // CAPEC-106 is Deprecated; CAPEC-179 names no CWE; CAPEC-11 cites
    // CWE-430, which no ASVS requirement carries; CAPEC-999 does not exist.
    const auto result = generate(threat_model({item("api", {5, 106, 179, 11, 999})}, 3), *graph);
    EXPECT_TRUE(result.requirements.empty());
    ASSERT_EQ(result.skipped.size(), 5u);
    EXPECT_EQ(result.skipped[0], (SkippedPattern{"api", 5, SkipReason::RetiredPattern, "Obsolete", {}}));
    EXPECT_EQ(result.skipped[1], (SkippedPattern{"api", 106, SkipReason::RetiredPattern, "Deprecated", {}}));
    EXPECT_EQ(result.skipped[2], (SkippedPattern{"api", 179, SkipReason::NoRelatedCwe, "", {}}));
    EXPECT_EQ(result.skipped[3], (SkippedPattern{"api", 11, SkipReason::NoRequirementAtLevel, "", {430}}));
    EXPECT_EQ(result.skipped[4], (SkippedPattern{"api", 999, SkipReason::UnknownPattern, "", {}}));
}

TEST(GenerationGolden, OneLevelOfTheCweHierarchyOnTheOfficialCatalogs) {
    const auto* graph = official();
    ASSERT_NE(graph, nullptr);
    // The one-level examples of README §5, one item each.
    auto model = threat_model({item("headers", {86}), item("files", {139}), item("mail", {134}), item("numbers", {128}),
                               item("buffers", {123}), item("checksums", {145}), item("sql", {66})},
                              3, true);
    const auto result = generate(model, *graph);
    const auto& xss = find(result, "headers", "V5.3.3");
    EXPECT_EQ(xss.match, MatchKind::Indirect);
    EXPECT_THAT(xss.traces, ElementsAre(Trace{86, 80, 79, MatchKind::Indirect}));
    EXPECT_THAT(find(result, "files", "V12.3.1").traces, ElementsAre(Trace{139, 23, 22, MatchKind::Indirect}));
    EXPECT_THAT(find(result, "mail", "V5.2.2").traces, ElementsAre(Trace{134, 150, 138, MatchKind::Indirect}));
    EXPECT_EQ(find(result, "numbers", "V5.4.3").traces.at(0), (Trace{128, 682, 190, MatchKind::Indirect}));
    EXPECT_EQ(find(result, "buffers", "V5.4.1").traces.at(0), (Trace{123, 119, 120, MatchKind::Indirect}));
    EXPECT_EQ(find(result, "checksums", "V3.5.3").traces.at(0), (Trace{145, 354, 345, MatchKind::Indirect}));

    // Within every item the direct requirements come first, and every
    // indirect trace is exactly one ChildOf step (view 1000) away.
    for (const auto& generated : result.requirements) {
        for (const auto& trace : generated.traces) {
            if (trace.match == MatchKind::Direct) {
                EXPECT_EQ(trace.pattern_cwe, trace.requirement_cwe);
                continue;
            }
            const auto parents = graph->cwe_parents(trace.pattern_cwe);
            const auto children = graph->cwe_children(trace.pattern_cwe);
            const bool one_step = std::count(parents.begin(), parents.end(), trace.requirement_cwe) +
                                      std::count(children.begin(), children.end(), trace.requirement_cwe) >
                                  0;
            EXPECT_TRUE(one_step) << generated.asvs_id << " via CWE-" << trace.pattern_cwe << " and CWE-"
                                  << trace.requirement_cwe;
        }
    }
    for (size_t i = 1; i < result.requirements.size(); ++i) {
        const auto& previous = result.requirements[i - 1];
        const auto& current = result.requirements[i];
        if (previous.item_key != current.item_key) continue;
        EXPECT_FALSE(previous.match == MatchKind::Indirect && current.match == MatchKind::Direct)
            << current.item_key << ": " << current.asvs_id << " after " << previous.asvs_id;
    }
    // CAPEC-66's direct requirements are unchanged by the option.
    EXPECT_EQ(find(result, "sql", "V5.3.4").match, MatchKind::Direct);
    expect_golden("hierarchy_L3", dump(result, *graph));
}

}  // namespace
}  // namespace rampart::engine
