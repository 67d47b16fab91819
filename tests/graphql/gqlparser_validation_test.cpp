// The validation cases of graphql-js, as gqlparser exports them
// (validator/imported/spec/*.spec.yml of the Debian package
// golang-github-vektah-gqlparser-dev), run against Rampart's validation rule
// by rule: each case is one test, named after its rule and title.
//
// Deviations: gqlparser's own list (validator/imported/deviations.yml) skips
// cases gqlparser cannot run; Rampart's list
// (tests/data/graphql/validation_deviations.yml) skips the cases Rampart
// deliberately differs on and re-enables those of gqlparser's skips that do
// not apply to Rampart. gqlparser's replacement error lists describe
// gqlparser's output, not graphql-js's, and are not used: a case they match
// runs against graphql-js's expectations unless Rampart's list says
// otherwise.
//
// Errors are compared in order, messages and locations: graphql-js's
// expectations list them in the order graphql-js reports them (the order of
// its document walk), and Rampart walks the document the same way.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"

namespace rampart::graphql {
namespace {

namespace fs = std::filesystem;

fs::path spec_dir() { return fs::path(RAMPART_GQLPARSER_DIR) / "validator" / "imported" / "spec"; }
fs::path gqlparser_deviations_file() {
    return fs::path(RAMPART_GQLPARSER_DIR) / "validator" / "imported" / "deviations.yml";
}
fs::path rampart_deviations_file() { return fs::path(RAMPART_TEST_DATA_DIR) / "graphql" / "validation_deviations.yml"; }

struct ExpectedError {
    std::string message;
    std::vector<std::pair<uint32_t, uint32_t>> locations;

    friend bool operator==(const ExpectedError& a, const ExpectedError& b) {
        return a.message == b.message && a.locations == b.locations;
    }
};

/// Why a case does not run, or empty when it runs.
struct Verdict {
    std::string skip_reason;
    std::string source;  ///< "gqlparser" or "rampart"
};

struct Case {
    std::string file_rule;  ///< "KnownTypeNamesRule", from the file name
    std::string name;
    std::string rule;  ///< "KnownTypeNames"
    std::string schema;
    std::string query;
    std::vector<ExpectedError> errors;
    Verdict verdict;
    std::string test_name;
};

struct Deviation {
    std::regex pattern;
    std::string skip;
    std::string run;
};

std::vector<Deviation> load_deviations(const fs::path& file) {
    std::vector<Deviation> deviations;
    if (!fs::exists(file)) return deviations;
    YAML::Node root = YAML::LoadFile(file.string());
    for (const auto& node : root) {
        Deviation deviation;
        deviation.pattern = std::regex("^(" + node["rule"].as<std::string>() + ")$");
        if (node["skip"]) deviation.skip = node["skip"].as<std::string>();
        if (node["run"]) deviation.run = node["run"].as<std::string>();
        deviations.push_back(std::move(deviation));
    }
    return deviations;
}

std::string sanitize(const std::string& text) {
    std::string out;
    bool underscore = false;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            out += c;
            underscore = false;
        } else if (!underscore && !out.empty()) {
            out += '_';
            underscore = true;
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

std::vector<Case> load_cases() {
    std::vector<Case> cases;
    if (!fs::is_directory(spec_dir())) return cases;
    const auto gqlparser_deviations = load_deviations(gqlparser_deviations_file());
    const auto rampart_deviations = load_deviations(rampart_deviations_file());

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(spec_dir())) {
        const std::string file_name = entry.path().filename().string();
        if (file_name.ends_with(".spec.yml")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());

    std::map<std::string, int> name_counts;
    for (const auto& file : files) {
        const std::string file_rule = file.filename().string().substr(0, file.filename().string().size() - 9);
        YAML::Node root = YAML::LoadFile(file.string());
        for (const auto& node : root) {
            Case spec;
            spec.file_rule = file_rule;
            spec.name = node["name"].as<std::string>();
            spec.rule = node["rule"].as<std::string>();
            spec.schema = node["schema"].as<std::string>();
            spec.query = node["query"].as<std::string>();
            if (node["errors"]) {
                for (const auto& error : node["errors"]) {
                    ExpectedError expected;
                    expected.message = error["message"].as<std::string>();
                    if (error["locations"]) {
                        for (const auto& location : error["locations"]) {
                            expected.locations.emplace_back(location["line"].as<uint32_t>(),
                                                            location["column"].as<uint32_t>());
                        }
                    }
                    spec.errors.push_back(std::move(expected));
                }
            }
            const std::string key = file_rule + "/" + spec.name;
            for (const auto& deviation : gqlparser_deviations) {
                if (!deviation.skip.empty() && std::regex_match(key, deviation.pattern)) {
                    spec.verdict = {deviation.skip, "gqlparser"};
                }
            }
            for (const auto& deviation : rampart_deviations) {
                if (!std::regex_match(key, deviation.pattern)) continue;
                if (!deviation.run.empty()) {
                    spec.verdict = {};
                } else if (!deviation.skip.empty()) {
                    spec.verdict = {deviation.skip, "rampart"};
                }
            }
            std::string test_name = sanitize(spec.rule + "_" + spec.name);
            if (int count = name_counts[test_name]++; count > 0) test_name += "_" + std::to_string(count + 1);
            spec.test_name = test_name;
            cases.push_back(std::move(spec));
        }
    }
    return cases;
}

const std::vector<Case>& all_cases() {
    static const std::vector<Case> CASES = load_cases();
    return CASES;
}

std::vector<std::string> load_schema_sources() {
    std::vector<std::string> sources;
    const fs::path file = spec_dir() / "schemas.yml";
    if (!fs::exists(file)) return sources;
    for (const auto& node : YAML::LoadFile(file.string())) sources.push_back(node.as<std::string>());
    return sources;
}

using BuiltSchema = std::variant<std::unique_ptr<Schema>, std::vector<GraphQLError>>;

/// The schemas of schemas.yml, built once.
const std::vector<BuiltSchema>& indexed_schemas() {
    static const std::vector<BuiltSchema> SCHEMAS = [] {
        std::vector<BuiltSchema> built;
        for (const auto& source : load_schema_sources()) built.push_back(Schema::build(source));
        return built;
    }();
    return SCHEMAS;
}

std::string describe(const std::vector<GraphQLError>& errors) {
    std::ostringstream out;
    for (const auto& error : errors) {
        out << "  " << error.message;
        for (const auto& location : error.locations) out << " @" << location.line << ":" << location.column;
        out << "\n";
    }
    return out.str();
}

std::string describe(const std::vector<ExpectedError>& errors) {
    std::ostringstream out;
    for (const auto& error : errors) {
        out << "  " << error.message;
        for (const auto& [line, column] : error.locations) out << " @" << line << ":" << column;
        out << "\n";
    }
    return out.str();
}

class GqlparserValidation : public ::testing::TestWithParam<size_t> {};

TEST_P(GqlparserValidation, MatchesGraphqlJs) {
    const Case& spec = all_cases()[GetParam()];
    if (!spec.verdict.skip_reason.empty()) {
        GTEST_SKIP() << "deviation (" << spec.verdict.source << "): " << spec.verdict.skip_reason;
    }

    const Schema* schema = nullptr;
    BuiltSchema inline_schema;
    const bool indexed = !spec.schema.empty() && std::all_of(spec.schema.begin(), spec.schema.end(), ::isdigit);
    if (indexed) {
        const size_t index = std::stoul(spec.schema);
        ASSERT_LT(index, indexed_schemas().size()) << "schema index out of range";
        const auto& built = indexed_schemas()[index];
        ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Schema>>(built))
            << "schemas.yml[" << index << "] does not build:\n"
            << describe(std::get<std::vector<GraphQLError>>(built));
        schema = std::get<std::unique_ptr<Schema>>(built).get();
    } else {
        inline_schema = Schema::build(spec.schema);
        ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Schema>>(inline_schema))
            << "inline schema does not build:\n"
            << describe(std::get<std::vector<GraphQLError>>(inline_schema));
        schema = std::get<std::unique_ptr<Schema>>(inline_schema).get();
    }

    ParseResult parsed = parse(spec.query);
    ASSERT_TRUE(parsed.document.has_value()) << "query does not parse: " << parsed.error->message << "\n" << spec.query;

    const std::vector<GraphQLError> found = validate_rule(*schema, *parsed.document, spec.rule);
    std::vector<ExpectedError> actual;
    for (const auto& error : found) {
        ExpectedError entry{error.message, {}};
        for (const auto& location : error.locations) entry.locations.emplace_back(location.line, location.column);
        actual.push_back(std::move(entry));
    }
    EXPECT_EQ(actual, spec.errors) << "query:" << spec.query << "\nexpected:\n"
                                   << describe(spec.errors) << "found:\n"
                                   << describe(found);
}

std::vector<size_t> case_indexes() {
    std::vector<size_t> indexes(all_cases().size());
    for (size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
    return indexes;
}

INSTANTIATE_TEST_SUITE_P(Spec, GqlparserValidation, ::testing::ValuesIn(case_indexes()),
                         [](const ::testing::TestParamInfo<size_t>& param_info) {
                             return all_cases()[param_info.param].test_name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GqlparserValidation);

// Every schema of schemas.yml builds: graphql-js's `buildSchema` accepts
// them all.
class GqlparserSchema : public ::testing::TestWithParam<size_t> {};

TEST_P(GqlparserSchema, Builds) {
    // The list ends with an empty entry that no case uses; graphql-js's
    // buildSchema refuses it too ("Unexpected <EOF>").
    if (load_schema_sources()[GetParam()].empty()) GTEST_SKIP() << "empty SDL, used by no case";
    const auto& built = indexed_schemas()[GetParam()];
    EXPECT_TRUE(std::holds_alternative<std::unique_ptr<Schema>>(built))
        << describe(std::get<std::vector<GraphQLError>>(built)) << load_schema_sources()[GetParam()];
}

std::vector<size_t> schema_indexes() {
    std::vector<size_t> indexes(load_schema_sources().size());
    for (size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
    return indexes;
}

INSTANTIATE_TEST_SUITE_P(Schemas, GqlparserSchema, ::testing::ValuesIn(schema_indexes()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GqlparserSchema);

TEST(GqlparserValidationSummary, CasesAreFound) {
    if (!fs::is_directory(spec_dir())) GTEST_SKIP() << "gqlparser is not installed at " << RAMPART_GQLPARSER_DIR;
    size_t gqlparser_skips = 0;
    size_t rampart_skips = 0;
    for (const auto& spec : all_cases()) {
        if (spec.verdict.source == "gqlparser") ++gqlparser_skips;
        if (spec.verdict.source == "rampart") ++rampart_skips;
    }
    std::cout << "[ summary  ] " << all_cases().size()
              << " graphql-js validation cases: " << all_cases().size() - gqlparser_skips - rampart_skips << " run, "
              << gqlparser_skips << " skipped as gqlparser deviates, " << rampart_skips
              << " skipped as Rampart deviates\n";
    EXPECT_GT(all_cases().size(), 400U);
}

}  // namespace
}  // namespace rampart::graphql
