#include "modelfile/model_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_support.h"

namespace rampart::modelfile {
namespace {

std::string fixture(const std::string& name) { return testing::read_file(testing::test_data("modelfile/" + name)); }

/// The example of docs/model-file.md, kept valid by this test.
std::string documented_example() {
    return testing::read_file(std::filesystem::path(RAMPART_TEST_DATA_DIR) /
                              "../../docs/examples/payments.rampart.yaml");
}

/// The first diagnostic whose message contains `text`, or nullptr.
const core::Diagnostic* find_diagnostic(const core::Error& error, std::string_view text) {
    for (const auto& diagnostic : error.diagnostics) {
        if (diagnostic.message.find(text) != std::string::npos) return &diagnostic;
    }
    return nullptr;
}

/// Asserts a diagnostic containing `text` exists and answers its line.
int line_of(const core::Error& error, std::string_view text) {
    const auto* diagnostic = find_diagnostic(error, text);
    EXPECT_NE(diagnostic, nullptr) << "no diagnostic mentions '" << text << "' in:\n" << error.to_string();
    return diagnostic == nullptr ? -1 : diagnostic->where.line;
}

model::ThreatModel tricky_model() {
    model::ThreatModel model;
    model.name = "2024";  // a YAML plain scalar that looks like a number
    model.goal = "Line one\nline two: with a colon # and a hash";
    model.scope = "  leading and trailing spaces  ";
    model.limitation = "null";
    model.estimated_hours = 12.75;
    model.tags = {"true", "a, b", "[x]", "- dash", "é ✓", "~"};
    model.team = {"ana@example.com"};
    model.assets = {"repo:payments"};
    model.asvs_version = "5.0";
    model.asvs_level = 3;
    model.follow_cwe_hierarchy = true;
    model.items.push_back({"queue.v2", model::ItemKind::Queue, "Events \"queue\"", "", {1, 66}});
    model.items.push_back({"ci", model::ItemKind::CiCd, "Build: pipeline", "'quoted' description", {}});
    return model;
}

// ------------------------------------------------------------- valid files

TEST(ModelFile, TheDocumentedExampleParses) {
    const auto model = parse_model_file(documented_example(), "payments.rampart.yaml");
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    EXPECT_EQ(model->name, "Payments API");
    EXPECT_EQ(model->scope,
              "The public REST API, the checkout pages, the payments database and the login through the company "
              "identity provider.");
    EXPECT_EQ(model->estimated_hours, 120);
    EXPECT_EQ(model->tags, (std::vector<std::string>{"pci", "external"}));
    EXPECT_EQ(model->team, (std::vector<std::string>{"alice@example.com", "bob@example.com"}));
    EXPECT_EQ(model->asvs_version, "4.0.3");
    EXPECT_EQ(model->asvs_level, 2);
    EXPECT_FALSE(model->follow_cwe_hierarchy);
    ASSERT_EQ(model->items.size(), 4u);
    EXPECT_EQ(model->items[0].key, "gateway");
    EXPECT_EQ(model->items[0].kind, model::ItemKind::Api);
    EXPECT_EQ(model->items[0].attack_patterns, (std::vector<int>{66, 88, 115, 125, 94}));
    EXPECT_EQ(model->items[1].kind, model::ItemKind::Database);
    EXPECT_EQ(model->items[2].kind, model::ItemKind::UserInterface);
    EXPECT_EQ(model->items[3].kind, model::ItemKind::IdentityProvider);
    EXPECT_EQ(model->items[3].attack_patterns, (std::vector<int>{49, 600, 593, 196}));
}

TEST(ModelFile, YamlAndJsonGiveTheSameModel) {
    const auto yaml = parse_model_file(documented_example(), "payments.rampart.yaml");
    const auto json = parse_model_file(fixture("payments.json"), "payments.json");
    ASSERT_TRUE(yaml.ok()) << yaml.error().to_string();
    ASSERT_TRUE(json.ok()) << json.error().to_string();
    EXPECT_EQ(*yaml, *json);
}

TEST(ModelFile, RoundTripsThroughYamlAndJson) {
    const auto example = parse_model_file(documented_example(), "payments.rampart.yaml");
    ASSERT_TRUE(example.ok()) << example.error().to_string();
    model::ThreatModel minimal;
    minimal.name = "Minimal";
    for (const auto& model : {*example, tricky_model(), minimal}) {
        for (const auto format : {Format::Yaml, Format::Json}) {
            const auto text = write_model_file(model, format);
            const auto again = parse_model_file(text, format == Format::Yaml ? "out.yaml" : "out.json");
            ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << text;
            EXPECT_EQ(*again, model) << text;
        }
    }
}

TEST(ModelFile, WritesAttackPatternsAsCapecReferences) {
    const auto yaml = write_model_file(tricky_model(), Format::Yaml);
    EXPECT_NE(yaml.find("attack_patterns: [CAPEC-1, CAPEC-66]"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("\nrampart: 1\n"), std::string::npos) << yaml;
    const auto json = write_model_file(tricky_model(), Format::Json);
    EXPECT_NE(json.find("\"CAPEC-66\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"estimated_hours\": 12.75"), std::string::npos) << json;
}

TEST(ModelFile, DerivesMissingKeysFromNames) {
    EXPECT_EQ(derive_item_key("Public API"), "public-api");
    EXPECT_EQ(derive_item_key("  Payments (v2) -- DB!  "), "payments-v2-db");
    EXPECT_EQ(derive_item_key("Café"), "caf");
    EXPECT_EQ(derive_item_key("✓✓"), "");

    const auto model =
        parse_model_file("rampart: 1\nproject: {name: P}\nitems:\n  - {kind: api, name: Public API}\n", "derived.yaml");
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    EXPECT_EQ(model->items.at(0).key, "public-api");
}

TEST(ModelFile, AnEmptyOrMissingItemsListIsAllowed) {
    for (const auto* text : {"rampart: 1\nproject: {name: P}\nitems: []\n", "rampart: 1\nproject: {name: P}\n",
                             "{\"rampart\": 1, \"project\": {\"name\": \"P\"}, \"items\": []}"}) {
        const auto model = parse_model_file(text, "empty.yaml");
        ASSERT_TRUE(model.ok()) << model.error().to_string();
        EXPECT_TRUE(model->items.empty());
        EXPECT_EQ(model->asvs_version, "4.0.3");
        EXPECT_EQ(model->asvs_level, 1);
    }
}

TEST(ModelFile, AcceptsBothSpellingsOfAnAttackPattern) {
    const auto model = parse_model_file(
        "rampart: 1\nproject: {name: P}\nitems:\n  - {kind: api, name: A, attack_patterns: [CAPEC-66, 62, capec-63, "
        "\"7\"]}\n",
        "spellings.yaml");
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    EXPECT_EQ(model->items.at(0).attack_patterns, (std::vector<int>{66, 62, 63, 7}));
}

// ------------------------------------------------------------- problems

TEST(ModelFileErrors, BadIndentationIsReportedWithLineAndColumn) {
    const auto model = parse_model_file(fixture("bad_indentation.yaml"), "bad_indentation.yaml");
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.error().code, core::ErrorCode::InvalidData);
    ASSERT_EQ(model.error().diagnostics.size(), 1u);
    const auto& diagnostic = model.error().diagnostics[0];
    EXPECT_EQ(diagnostic.where.file, "bad_indentation.yaml");
    // yaml-cpp stops at the ':' of the over-indented key.
    EXPECT_EQ(diagnostic.where.line, 4);
    EXPECT_EQ(diagnostic.where.column, 8);
    EXPECT_NE(diagnostic.message.find("YAML syntax error"), std::string::npos);
    EXPECT_EQ(diagnostic.to_string(),
              "bad_indentation.yaml:4:8: YAML syntax error: illegal map value (check the indentation, or quote a "
              "value that holds ': ')");
}

TEST(ModelFileErrors, JsonSyntaxErrorHasLineAndColumn) {
    const auto model = parse_model_file(fixture("json_syntax.json"), "json_syntax.json");
    ASSERT_FALSE(model.ok());
    ASSERT_EQ(model.error().diagnostics.size(), 1u);
    EXPECT_EQ(model.error().diagnostics[0].where.line, 5);
    EXPECT_EQ(model.error().diagnostics[0].where.column, 21);
    EXPECT_NE(model.error().diagnostics[0].message.find("JSON syntax error"), std::string::npos);
}

TEST(ModelFileErrors, EveryProblemIsReportedWithItsLine) {
    const auto model = parse_model_file(fixture("several_problems.yaml"), "several_problems.yaml");
    ASSERT_FALSE(model.ok());
    const auto& error = model.error();
    EXPECT_EQ(error.code, core::ErrorCode::InvalidData);
    EXPECT_EQ(error.diagnostics.size(), 8u) << error.to_string();
    EXPECT_EQ(line_of(error, "the project needs a name"), 2);
    EXPECT_EQ(line_of(error, "-8 is negative"), 4);
    EXPECT_EQ(line_of(error, "'alice' is not an email address"), 5);
    EXPECT_EQ(line_of(error, "ASVS has no level 5"), 6);
    EXPECT_EQ(line_of(error, "unknown key 'atack_patterns'"), 10);
    EXPECT_EQ(line_of(error, "unknown item kind 'databse'"), 11);
    EXPECT_EQ(line_of(error, "'CAPEC66' is not an attack pattern reference"), 15);
    EXPECT_EQ(line_of(error, "'-3' is not an attack pattern reference"), 15);
    // In the order of the file.
    EXPECT_TRUE(std::is_sorted(error.diagnostics.begin(), error.diagnostics.end(),
                               [](const auto& a, const auto& b) { return a.where.line < b.where.line; }));
    for (const auto& diagnostic : error.diagnostics) {
        EXPECT_EQ(diagnostic.where.file, "several_problems.yaml");
        EXPECT_GT(diagnostic.where.column, 0) << diagnostic.to_string();
    }
}

TEST(ModelFileErrors, JsonContentProblemsHaveLineColumnAndPointer) {
    const auto model = parse_model_file(fixture("several_problems.json"), "several_problems.json");
    ASSERT_FALSE(model.ok());
    const auto& error = model.error();
    EXPECT_EQ(error.diagnostics.size(), 4u) << error.to_string();
    const auto* hours = find_diagnostic(error, "estimated_hours: expected a number, found the string 'lots'");
    ASSERT_NE(hours, nullptr) << error.to_string();
    EXPECT_EQ(hours->where.line, 5);
    EXPECT_EQ(hours->where.column, 24);
    EXPECT_EQ(hours->where.pointer, "/project/estimated_hours");
    const auto* level = find_diagnostic(error, "ASVS has no level 0");
    ASSERT_NE(level, nullptr);
    EXPECT_EQ(level->where.line, 6);
    EXPECT_EQ(level->where.pointer, "/project/asvs/level");
    const auto* key = find_diagnostic(error, "did you mean 'attack_patterns'?");
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->where.line, 9);
    EXPECT_EQ(key->where.pointer, "/items/0/atack_patterns");
    const auto* kind = find_diagnostic(error, "unknown item kind 'databse'");
    ASSERT_NE(kind, nullptr);
    EXPECT_EQ(kind->where.line, 10);
    EXPECT_EQ(kind->where.pointer, "/items/1/kind");
}

TEST(ModelFileErrors, UnknownKindListsTheKinds) {
    const auto model = parse_model_file(fixture("unknown_kind.yaml"), "unknown_kind.yaml");
    ASSERT_FALSE(model.ok());
    ASSERT_EQ(model.error().diagnostics.size(), 2u) << model.error().to_string();
    const auto& web = model.error().diagnostics[0];
    EXPECT_EQ(web.where.line, 7);
    EXPECT_EQ(web.where.column, 11);
    EXPECT_NE(web.message.find("unknown item kind 'web_server'"), std::string::npos);
    EXPECT_EQ(web.message.find("did you mean"), std::string::npos) << web.message;
    for (const auto kind : model::all_item_kinds()) {
        EXPECT_NE(web.message.find(model::to_string(kind)), std::string::npos) << model::to_string(kind);
    }
    // Kinds are lower case; the wrong case gets the right spelling offered.
    EXPECT_EQ(model.error().diagnostics[1].where.line, 9);
    EXPECT_NE(model.error().diagnostics[1].message.find("did you mean 'database'?"), std::string::npos);
}

TEST(ModelFileErrors, UnknownKeyNamesTheKeyAndSuggestsTheClosest) {
    const auto model = parse_model_file(fixture("unknown_key.yaml"), "unknown_key.yaml");
    ASSERT_FALSE(model.ok());
    const auto& error = model.error();
    ASSERT_EQ(error.diagnostics.size(), 2u) << error.to_string();
    EXPECT_EQ(error.diagnostics[0].where.line, 4);
    EXPECT_NE(error.diagnostics[0].message.find("unknown key 'level' in `project`; 'level' belongs under `asvs`"),
              std::string::npos)
        << error.diagnostics[0].message;
    EXPECT_EQ(error.diagnostics[1].where.line, 8);
    EXPECT_EQ(error.diagnostics[1].where.column, 5);
    EXPECT_NE(error.diagnostics[1].message.find("unknown key 'atack_patterns' in items[0]; did you mean "
                                                "'attack_patterns'?"),
              std::string::npos)
        << error.diagnostics[1].message;

    const auto far = parse_model_file("rampart: 1\nproject: {name: P, colour: red}\n", "far.yaml");
    ASSERT_FALSE(far.ok());
    EXPECT_NE(far.error().diagnostics.at(0).message.find("the keys are name, goal"), std::string::npos)
        << far.error().to_string();
}

TEST(ModelFileErrors, LevelMustBeOneToThree) {
    const auto model = parse_model_file(fixture("bad_level.yaml"), "bad_level.yaml");
    ASSERT_FALSE(model.ok());
    ASSERT_EQ(model.error().diagnostics.size(), 1u);
    EXPECT_EQ(model.error().diagnostics[0].where.line, 6);
    EXPECT_EQ(model.error().diagnostics[0].where.column, 12);
    EXPECT_NE(model.error().diagnostics[0].message.find("expected 1, 2 or 3"), std::string::npos);

    for (const auto* level : {"two", "2.5", "\"2\""}) {
        const auto text = fmt::format("rampart: 1\nproject:\n  name: P\n  asvs: {{level: {}}}\n", level);
        const auto wrong = parse_model_file(text, "level.yaml");
        ASSERT_FALSE(wrong.ok()) << level;
        EXPECT_NE(wrong.error().diagnostics.at(0).message.find("expected the ASVS level 1, 2 or 3"), std::string::npos)
            << wrong.error().to_string();
    }
}

TEST(ModelFileErrors, DuplicateKeysAreReportedWithTheFirstUse) {
    const auto model = parse_model_file(fixture("duplicate_keys.yaml"), "duplicate_keys.yaml");
    ASSERT_FALSE(model.ok());
    const auto& error = model.error();
    ASSERT_EQ(error.diagnostics.size(), 3u) << error.to_string();
    EXPECT_EQ(line_of(error, "duplicate key 'name' in `project` (first at line 3)"), 4);
    EXPECT_EQ(line_of(error, "duplicate item key 'gateway'; the item at line 6 has it too"), 9);
    const auto* derived = find_diagnostic(error, "duplicate item key 'orders-db' (derived from the name)");
    ASSERT_NE(derived, nullptr) << error.to_string();
    EXPECT_EQ(derived->where.line, 15);
    EXPECT_NE(derived->message.find("the item at line 13 has it too"), std::string::npos);
    EXPECT_NE(derived->message.find("give one of them a `key`"), std::string::npos);

    const auto repeated = parse_model_file(
        "rampart: 1\nproject: {name: P}\nitems:\n  - kind: api\n    name: A\n    attack_patterns: [66,\n      "
        "CAPEC-66]\n",
        "repeated.yaml");
    ASSERT_FALSE(repeated.ok());
    EXPECT_EQ(line_of(repeated.error(), "CAPEC-66 is listed twice (first at line 6)"), 7);
}

TEST(ModelFileErrors, JsonDuplicateKeysAreReportedToo) {
    const auto model = parse_model_file("{\n  \"rampart\": 1,\n  \"project\": {\"name\": \"A\", \"name\": \"B\"}\n}\n",
                                        "duplicate.json");
    ASSERT_FALSE(model.ok());
    ASSERT_EQ(model.error().diagnostics.size(), 1u) << model.error().to_string();
    const auto& where = model.error().diagnostics[0].where;
    EXPECT_EQ(where.line, 3);
    EXPECT_EQ(where.column, 28);
    EXPECT_EQ(where.pointer, "/project/name");
}

// Columns count bytes in both syntaxes (yaml-cpp does, and so does
// core::line_column_at): "✓" is three.
TEST(ModelFileErrors, ColumnsCountBytesInBothSyntaxes) {
    const auto json =
        parse_model_file(R"({"rampart": 1, "project": {"name": "✓✓", "estimated_hours": "lots"}})", "columns.json");
    ASSERT_FALSE(json.ok());
    EXPECT_EQ(json.error().diagnostics.at(0).where.column, 65);
    const auto yaml = parse_model_file("rampart: 1\nproject: {name: \"✓✓\", estimated_hours: lots}\n", "columns.yaml");
    ASSERT_FALSE(yaml.ok());
    EXPECT_EQ(yaml.error().diagnostics.at(0).where.column, 44);
}

TEST(ModelFileErrors, TheFormatVersionIsRequiredAndChecked) {
    const auto missing = parse_model_file("project: {name: P}\n", "missing.yaml");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(find_diagnostic(missing.error(), "missing `rampart: 1`"), nullptr) << missing.error().to_string();

    // Another version's file is reported alone: its other keys follow rules
    // this reader does not know.
    const auto newer = parse_model_file(fixture("unsupported_version.yaml"), "unsupported_version.yaml");
    ASSERT_FALSE(newer.ok());
    ASSERT_EQ(newer.error().diagnostics.size(), 1u) << newer.error().to_string();
    EXPECT_EQ(newer.error().diagnostics[0].where.line, 1);
    EXPECT_NE(newer.error().diagnostics[0].message.find("unsupported format version 2; this Rampart reads version 1"),
              std::string::npos);
}

TEST(ModelFileErrors, AFileThatIsNotAMappingIsRefused) {
    for (const auto* text : {"", "   \n", "- a\n- b\n", "just text\n", "[1, 2]"}) {
        const auto model = parse_model_file(text, "odd.yaml");
        ASSERT_FALSE(model.ok()) << text;
        ASSERT_EQ(model.error().diagnostics.size(), 1u) << model.error().to_string();
        EXPECT_EQ(model.error().diagnostics[0].where.line, 1) << text;
    }
    const auto empty = parse_model_file("", "empty.yaml");
    EXPECT_NE(empty.error().diagnostics.at(0).message.find("the file is empty"), std::string::npos);
}

TEST(ModelFileErrors, WrongTypesNameWhatWasExpectedAndFound) {
    const auto model = parse_model_file(
        "rampart: 1\nproject:\n  name: [P]\n  tags: pci\n  follow_cwe_hierarchy: yes\n  estimated_hours: \"12\"\n"
        "items:\n  kind: api\n",
        "types.yaml");
    ASSERT_FALSE(model.ok());
    const auto& error = model.error();
    EXPECT_EQ(error.diagnostics.size(), 5u) << error.to_string();
    EXPECT_EQ(line_of(error, "project.name: expected text, found a list"), 3);
    EXPECT_EQ(line_of(error, "project.tags: expected a list of texts, found 'pci'"), 4);
    EXPECT_EQ(line_of(error, "project.follow_cwe_hierarchy: expected true or false, found 'yes'"), 5);
    EXPECT_EQ(line_of(error, "project.estimated_hours: expected a number, found the string '12'"), 6);
    EXPECT_EQ(line_of(error, "items: expected a list of items, found a mapping"), 8);

    const auto json = parse_model_file(R"({"rampart": "1", "project": {"name": 12}})", "types.json");
    ASSERT_FALSE(json.ok());
    EXPECT_NE(find_diagnostic(json.error(), "rampart: expected the format version 1, found the string '1'"), nullptr)
        << json.error().to_string();
    EXPECT_NE(find_diagnostic(json.error(), "project.name: expected text (in quotes), found the number 12"), nullptr)
        << json.error().to_string();
}

TEST(ModelFileErrors, InvalidUtf8IsReportedWhereItStarts) {
    const auto model = parse_model_file("rampart: 1\nproject:\n  name: Caf\xC3\n", "latin1.yaml");
    ASSERT_FALSE(model.ok());
    ASSERT_EQ(model.error().diagnostics.size(), 1u);
    EXPECT_EQ(model.error().diagnostics[0].where.line, 3);
    EXPECT_EQ(model.error().diagnostics[0].where.column, 12);
}

TEST(ModelFileErrors, AliasBombsAreRefused) {
    // Each level refers to the previous one ten times: 10^9 nodes if copied.
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        text += fmt::format("a{0}: &a{0} [*a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}, *a{1}]\n", i,
                            i - 1);
    }
    const auto model = parse_model_file(text, "bomb.yaml");
    ASSERT_FALSE(model.ok());
    EXPECT_NE(model.error().to_string().find("too large"), std::string::npos) << model.error().to_string();
}

// ------------------------------------------------------------- catalog check

TEST(ModelFile, CheckAttackPatternsReportsUnknownIdsWithTheirLines) {
    const auto parsed = read_model_file(fixture("unknown_patterns.yaml"), "unknown_patterns.yaml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    const std::set<int> catalog = {7, 66, 88};
    const auto is_known = [&](int id) { return catalog.contains(id); };

    const auto checked = check_attack_patterns(parsed->model, is_known, "unknown_patterns.yaml", parsed->locations);
    ASSERT_FALSE(checked.ok());
    const auto& error = checked.error();
    EXPECT_EQ(error.code, core::ErrorCode::InvalidData);
    ASSERT_EQ(error.diagnostics.size(), 2u) << error.to_string();
    EXPECT_NE(error.diagnostics[0].message.find("unknown attack pattern CAPEC-99999 in item 'gateway'"),
              std::string::npos);
    EXPECT_EQ(error.diagnostics[0].where.line, 10);
    EXPECT_EQ(error.diagnostics[0].where.column, 9);
    EXPECT_NE(error.diagnostics[1].message.find("unknown attack pattern CAPEC-88888 in item 'orders'"),
              std::string::npos);
    EXPECT_EQ(error.diagnostics[1].where.line, 14);
    EXPECT_EQ(error.diagnostics[1].where.column, 32);

    // Without positions, each problem names its JSON pointer.
    const auto unplaced = check_attack_patterns(parsed->model, is_known, "model");
    ASSERT_FALSE(unplaced.ok());
    EXPECT_EQ(unplaced.error().diagnostics.at(1).where.pointer, "/items/1/attack_patterns/1");
    EXPECT_EQ(unplaced.error().diagnostics.at(1).where.line, 0);

    EXPECT_TRUE(check_attack_patterns(
                    parsed->model, [](int) { return true; }, "unknown_patterns.yaml")
                    .ok());
}

TEST(ModelFile, TheDocumentedExampleUsesOnlyPatternsOfTheCatalog) {
    const auto parsed = read_model_file(documented_example(), "payments.rampart.yaml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    // The ids that exist, not deprecated, in CAPEC 3.9 (checked against
    // stix-capec-3.9.json when the example was written).
    const std::set<int> capec = {7, 49, 62, 63, 66, 88, 94, 103, 108, 115, 116, 125, 196, 592, 593, 600};
    const auto checked = check_attack_patterns(
        parsed->model, [&](int id) { return capec.contains(id); }, "payments.rampart.yaml", parsed->locations);
    EXPECT_TRUE(checked.ok()) << checked.error().to_string();
    EXPECT_EQ(parsed->locations.items.size(), 4u);
    EXPECT_EQ(parsed->locations.attack_patterns.at({0, 0}).line, 26);
}

}  // namespace
}  // namespace rampart::modelfile
