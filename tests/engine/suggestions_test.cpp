#include "engine/suggestions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "engine/official_catalogs.h"

namespace rampart::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

model::AttackPattern pattern(int id, std::string status = "Draft") {
    model::AttackPattern out;
    out.id = id;
    out.name = "pattern " + std::to_string(id);
    out.status = std::move(status);
    return out;
}

CatalogGraph small_graph() {
    model::CapecCatalog capec;
    capec.version = "3.9";
    capec.patterns = {
        pattern(66), pattern(7), pattern(676), pattern(109), pattern(106, "Deprecated"), pattern(5, "Obsolete"),
        pattern(88), pattern(63)};
    return CatalogGraph({}, std::move(capec), {});
}

// Every kind must be present; these tests vary one of them.
std::string table_yaml(const std::string& database_section) {
    std::string out;
    for (const auto kind : model::all_item_kinds()) {
        if (kind == model::ItemKind::Database) continue;
        out += std::string(model::to_string(kind)) + ":\n  - capec: 88\n    reason: \"commands from input\"\n";
    }
    return out + "database:\n" + database_section;
}

SuggestionTable parse_ok(const std::string& yaml) {
    auto table = SuggestionTable::parse(yaml, "test.yaml");
    EXPECT_TRUE(table.ok()) << table.error().to_string();
    return table.ok() ? std::move(table).value() : SuggestionTable{};
}

std::vector<int> ids(const std::vector<Suggestion>& suggestions) {
    std::vector<int> out;
    out.reserve(suggestions.size());
    for (const auto& suggestion : suggestions) out.push_back(suggestion.attack_pattern);
    return out;
}

TEST(SuggestionBuiltin, EveryKindHasFiveToFifteenCuratedPatterns) {
    const auto table = SuggestionTable::builtin();
    ASSERT_TRUE(table.ok()) << table.error().to_string();
    for (const auto kind : model::all_item_kinds()) {
        const auto& curated = table->for_kind(kind);
        EXPECT_GE(curated.size(), 5u) << model::to_string(kind);
        EXPECT_LE(curated.size(), 15u) << model::to_string(kind);
        for (const auto& entry : curated) {
            // One line each, short enough to show beside the pattern's name.
            EXPECT_EQ(entry.reason.find('\n'), std::string::npos) << entry.reason;
            EXPECT_LE(entry.reason.size(), 110u) << entry.reason;
            EXPECT_GT(entry.line, 0);
        }
    }
}

TEST(SuggestionBuiltin, EveryCuratedPatternIsActiveInCapec39) {
    const auto& loaded = rampart::testing::official_graph();
    ASSERT_NE(loaded.graph, nullptr) << loaded.error;
    ASSERT_EQ(loaded.graph->capec().version, "3.9");
    const auto table = SuggestionTable::builtin();
    ASSERT_TRUE(table.ok()) << table.error().to_string();
    const auto valid = validate_suggestions(*table, *loaded.graph);
    EXPECT_TRUE(valid.ok()) << valid.error().to_string();
    // And the ranking offers every one of them, under its CAPEC name.
    for (const auto kind : model::all_item_kinds()) {
        const auto offered = rank_suggestions(*table, kind, {}, *loaded.graph);
        ASSERT_EQ(offered.size(), table->for_kind(kind).size()) << model::to_string(kind);
        for (const auto& suggestion : offered) {
            EXPECT_EQ(suggestion.name, loaded.graph->pattern(suggestion.attack_pattern)->name);
        }
    }
    // The example the product is explained with.
    const auto& database = table->for_kind(model::ItemKind::Database);
    ASSERT_FALSE(database.empty());
    EXPECT_EQ(database.front().attack_pattern, 66);
}

TEST(SuggestionRank, CuratedFirstThenTextMatchesByScoreWithoutDuplicatesOrRetiredPatterns) {
    const auto graph = small_graph();
    const auto table =
        parse_ok(table_yaml("  - capec: 66\n    reason: \"queries built from input\"\n"
                            "  - capec: 106\n    reason: \"retired since\"\n"
                            "  - capec: 4242\n    reason: \"unknown to this CAPEC\"\n"
                            "  - capec: 676\n    reason: \"query objects from input\"\n"));
    const std::vector<TextMatch> matches = {{109, 2.0},   {66, 9.0},  {5, 8.0}, {7, 3.5},
                                            {31337, 7.0}, {109, 1.0}, {63, 2.0}};
    const auto ranked = rank_suggestions(table, model::ItemKind::Database, matches, graph);
    // Curated in file order (without the retired and the unknown), then the
    // text matches by descending score, ties in the given order; 66 is
    // already curated, 5 is retired, 31337 unknown, 109 listed twice.
    EXPECT_THAT(ids(ranked), ElementsAre(66, 676, 7, 109, 63));
    EXPECT_EQ(ranked[0].source, SuggestionSource::Curated);
    EXPECT_EQ(ranked[0].reason, "queries built from input");
    EXPECT_EQ(ranked[0].name, "pattern 66");
    EXPECT_EQ(ranked[2].source, SuggestionSource::TextMatch);
    EXPECT_EQ(ranked[2].score, 3.5);
    EXPECT_EQ(ranked[3].score, 2.0) << "the better score of a pattern matched twice";

    EXPECT_THAT(ids(rank_suggestions(table, model::ItemKind::Database, matches, graph, 3)), ElementsAre(66, 676, 7));
    EXPECT_TRUE(rank_suggestions(table, model::ItemKind::Database, matches, graph, 0).empty());
    EXPECT_THAT(ids(rank_suggestions(table, model::ItemKind::Queue, {}, graph)), ElementsAre(88));
}

TEST(SuggestionRank, TextMatchesOnTheOfficialCatalogs) {
    const auto& loaded = rampart::testing::official_graph();
    ASSERT_NE(loaded.graph, nullptr) << loaded.error;
    const auto table = SuggestionTable::builtin();
    ASSERT_TRUE(table.ok()) << table.error().to_string();
    // What a full-text search for "sql" might answer: 66 (curated for
    // databases), 7 (curated too), 108 (curated), 110 SQL Injection through
    // SOAP Parameter Tampering (new), and 106, which is Deprecated.
    const std::vector<TextMatch> matches = {{66, 5.0}, {110, 4.0}, {106, 3.9}, {7, 3.0}, {108, 1.0}};
    const auto ranked = rank_suggestions(*table, model::ItemKind::Database, matches, *loaded.graph);
    const auto curated = table->for_kind(model::ItemKind::Database).size();
    ASSERT_EQ(ranked.size(), curated + 1);
    EXPECT_EQ(ranked.back().attack_pattern, 110);
    EXPECT_EQ(ranked.back().source, SuggestionSource::TextMatch);
    EXPECT_EQ(ranked.back().name, "SQL Injection through SOAP Parameter Tampering");
    std::set<int> seen;
    for (const auto& suggestion : ranked) {
        EXPECT_TRUE(seen.insert(suggestion.attack_pattern).second) << suggestion.attack_pattern;
        EXPECT_FALSE(model::is_retired_status(loaded.graph->pattern(suggestion.attack_pattern)->status));
    }
}

TEST(SuggestionParse, ReportsEveryProblemWithItsLine) {
    const std::string yaml =
        "module:\n"                // 1
        "  - capec: 66\n"          // 2
        "    reason: \"fine\"\n"   // 3
        "  - capec: 66\n"          // 4: listed twice
        "    reason: \"again\"\n"  // 5
        "  - capec: sixty\n"       // 6: not an id
        "    reason: \"x\"\n"      // 7
        "  - reason: \"no id\"\n"  // 8
        "  - capec: 7\n"           // 9
        "    reason: \"  \"\n"     // 10: blank
        "    weight: 3\n"          // 11: unexpected key
        "spaceship:\n"             // 12: unknown kind
        "  - capec: 1\n"           // 13
        "    reason: \"x\"\n"      // 14
        "layer: []\n";             // 15: empty list
    const auto result = SuggestionTable::parse(yaml, "bad.yaml");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    std::vector<int> lines;
    for (const auto& diagnostic : result.error().diagnostics) {
        EXPECT_EQ(diagnostic.where.file, "bad.yaml");
        if (diagnostic.message.find("has no curated attack patterns") == std::string::npos) {
            lines.push_back(diagnostic.where.line);
        }
    }
    EXPECT_THAT(lines, ElementsAre(4, 6, 8, 10, 11, 12, 15)) << result.error().to_string();
    // Every kind but module and layer is missing.
    size_t missing = 0;
    for (const auto& diagnostic : result.error().diagnostics) {
        if (diagnostic.message.find("has no curated attack patterns") != std::string::npos) ++missing;
    }
    EXPECT_EQ(missing, model::all_item_kinds().size() - 2);
}

TEST(SuggestionParse, SyntaxErrorsAndWrongShapesAreErrorsNotExceptions) {
    for (const std::string yaml : {"module: [\n", "- just\n- a list\n", "module: {capec: 1}\n", ""}) {
        const auto result = SuggestionTable::parse(yaml, "broken.yaml");
        ASSERT_FALSE(result.ok()) << yaml;
        EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData) << yaml;
        EXPECT_FALSE(result.error().diagnostics.empty()) << yaml;
    }
    const auto syntax = SuggestionTable::parse("module: [\n", "broken.yaml");
    EXPECT_THAT(syntax.error().diagnostics.at(0).message, HasSubstr("YAML syntax error"));
    EXPECT_THAT(SuggestionTable::parse(table_yaml("  - capec: CAPEC-66\n    reason: \"x\"\n"), "ok.yaml").ok(), true)
        << "an id may be written CAPEC-66";
}

TEST(SuggestionValidate, ReportsUnknownAndRetiredPatternsWithTheirLines) {
    const auto graph = small_graph();
    const auto table =
        parse_ok(table_yaml("  - capec: 66\n    reason: \"fine\"\n"
                            "  - capec: 106\n    reason: \"retired\"\n"
                            "  - capec: 4242\n    reason: \"unknown\"\n"));
    const auto result = validate_suggestions(table, graph);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(result.error().diagnostics.size(), 2u) << result.error().to_string();
    const auto database_line = static_cast<int>(model::all_item_kinds().size() - 1) * 3 + 1;
    EXPECT_EQ(result.error().diagnostics[0].where.line, database_line + 3);
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("CAPEC-106"));
    EXPECT_THAT(result.error().diagnostics[0].message, HasSubstr("Deprecated"));
    EXPECT_EQ(result.error().diagnostics[1].where.line, database_line + 5);
    EXPECT_THAT(result.error().diagnostics[1].message, HasSubstr("not in CAPEC 3.9"));
}

}  // namespace
}  // namespace rampart::engine
