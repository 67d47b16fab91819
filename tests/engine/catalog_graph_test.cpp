#include "engine/catalog_graph.h"

#include <gtest/gtest.h>

namespace rampart::engine {
namespace {

model::AsvsRequirement requirement(std::string id, std::vector<int> cwes) {
    model::AsvsRequirement out;
    out.id = std::move(id);
    out.description = "text of " + out.id;
    out.levels = {true, true, true};
    out.cwes = std::move(cwes);
    return out;
}

model::AttackPattern pattern(int id, std::vector<int> cwes) {
    model::AttackPattern out;
    out.id = id;
    out.name = "pattern " + std::to_string(id);
    out.cwes = std::move(cwes);
    return out;
}

model::Weakness weakness(int id, std::vector<model::WeaknessRelation> relations) {
    model::Weakness out;
    out.id = id;
    out.name = "weakness " + std::to_string(id);
    out.relations = std::move(relations);
    return out;
}

CatalogGraph small_graph() {
    model::AsvsRelease asvs;
    asvs.version = "4.0.3";
    asvs.requirements = {requirement("V5.3.4", {89}), requirement("V5.3.5", {89}), requirement("V5.3.3", {79}),
                         requirement("V1.1.1", {})};
    model::CapecCatalog capec;
    capec.version = "3.9";
    capec.patterns = {pattern(66, {89, 1286}), pattern(63, {79, 20}), pattern(7, {89})};
    model::CweCatalog cwe;
    cwe.version = "4.14";
    cwe.weaknesses = {weakness(89, {{"ChildOf", 943, 1000, "Primary"}, {"ChildOf", 1019, 699, "Primary"}}),
                      weakness(564, {{"ChildOf", 89, 1000, "Primary"}}), weakness(943, {}),
                      weakness(79, {{"PeerOf", 89, 1000, ""}})};
    return CatalogGraph(std::move(asvs), std::move(capec), std::move(cwe));
}

TEST(CatalogGraph, FindsEntriesById) {
    const auto graph = small_graph();
    ASSERT_NE(graph.pattern(66), nullptr);
    EXPECT_EQ(graph.pattern(66)->name, "pattern 66");
    EXPECT_EQ(graph.pattern(99), nullptr);
    ASSERT_NE(graph.weakness(564), nullptr);
    EXPECT_EQ(graph.weakness(1), nullptr);
    ASSERT_NE(graph.requirement("V5.3.3"), nullptr);
    EXPECT_EQ(graph.requirement("V9.9.9"), nullptr);
}

TEST(CatalogGraph, LinksPatternsToWeaknessesToRequirementsAndBack) {
    const auto graph = small_graph();
    std::vector<std::string> requirements;
    for (const auto* r : graph.requirements_for_cwe(89)) requirements.push_back(r->id);
    EXPECT_EQ(requirements, (std::vector<std::string>{"V5.3.4", "V5.3.5"}));
    EXPECT_TRUE(graph.requirements_for_cwe(1286).empty());

    std::vector<int> patterns;
    for (const auto* p : graph.patterns_for_cwe(89)) patterns.push_back(p->id);
    EXPECT_EQ(patterns, (std::vector<int>{7, 66}));
    EXPECT_EQ(graph.requirement_cwes("V5.3.3"), std::vector<int>{79});
    EXPECT_TRUE(graph.requirement_cwes("V1.1.1").empty());
    EXPECT_TRUE(graph.requirement_cwes("V0.0.0").empty());
}

TEST(CatalogGraph, TheHierarchyIsChildOfInTheResearchViewOnly) {
    const auto graph = small_graph();
    EXPECT_EQ(graph.cwe_parents(89), std::vector<int>{943});  // the view 699 parent is not followed
    EXPECT_EQ(graph.cwe_children(89), std::vector<int>{564});
    EXPECT_EQ(graph.cwe_children(943), std::vector<int>{89});
    EXPECT_TRUE(graph.cwe_parents(79).empty()) << "PeerOf is no parent";
    EXPECT_TRUE(graph.cwe_children(1019).empty());
}

TEST(CatalogGraph, MappedSchemeIdsGiveReleaseRequirementsTheirCwes) {
    model::AsvsRelease asvs;
    asvs.version = "5.0.0";
    asvs.requirements = {requirement("V6.1.3", {}), requirement("V6.2.1", {})};
    asvs.scheme_cwes = {{"v5.0.be-1.2.4", 306}, {"v5.0.be-2.1.1", 521}, {"v5.0.be-9.9.9", 20}};
    asvs.scheme_ids = {{"v5.0.be-1.2.4", "V6.1.3"}, {"v5.0.be-2.1.1", "V6.2.1"}, {"v5.0.be-7.7.7", "V6.2.1"}};
    const CatalogGraph graph(std::move(asvs), {}, {});
    EXPECT_EQ(graph.requirement_cwes("V6.1.3"), std::vector<int>{306});
    EXPECT_EQ(graph.requirement_cwes("V6.2.1"), std::vector<int>{521});
    ASSERT_EQ(graph.requirements_for_cwe(306).size(), 1u);
    EXPECT_TRUE(graph.requirements_for_cwe(20).empty()) << "a scheme id with no renumbering reaches nothing";
}

}  // namespace
}  // namespace rampart::engine
