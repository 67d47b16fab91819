// The GraphQL API, case by case: each tests/data/api/cases/<name>.graphql
// runs against a freshly seeded Rampart (see ApiHarness) and its answer,
// masked, must equal <name>.json. RAMPART_REBASELINE=1 rewrites the expected
// answers instead; review the diff before keeping it.
//
// A case's first lines may say who calls and which files it uploads:
//   # as: viewer                       (admin, analyst, developer, viewer, globex; default analyst)
//   # upload: evidence=files/shot.png  (the key the variables name → a file below tests/data/api)
// Variables, if any, sit in <name>.variables.json.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "api_harness.h"
#include "test_support.h"

namespace rampart::api::testing {
namespace {

namespace fs = std::filesystem;
using rampart::testing::read_file;
using rampart::testing::test_data;

fs::path cases_dir() { return test_data("api/cases"); }

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cases_dir(), error)) {
        if (entry.path().extension() == ".graphql") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// Numbers compare by value (an expected 40.0 may read back as the integer 40).
bool same(const boost::json::value& a, const boost::json::value& b) {
    const auto is_number = [](const boost::json::value& v) { return v.is_number(); };
    if (is_number(a) && is_number(b)) {
        return std::abs(a.to_number<double>() - b.to_number<double>()) < 1e-9;
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i) {
            if (!same(x[i], y[i])) return false;
        }
        return true;
    }
    if (a.is_object()) {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        if (x.size() != y.size()) return false;
        auto i = x.begin();
        auto j = y.begin();
        // Key order matters: GraphQL answers fields in the order asked (§7.2.2).
        for (; i != x.end(); ++i, ++j) {
            if (i->key() != j->key() || !same(i->value(), j->value())) return false;
        }
        return true;
    }
    return a == b;
}

struct CaseHeader {
    Caller caller = Caller::AcmeAnalyst;
    std::unordered_map<std::string, graphql::Upload> uploads;
};

CaseHeader read_header(const std::string& query) {
    CaseHeader header;
    std::istringstream lines(query);
    std::string line;
    while (std::getline(lines, line) && line.rfind('#', 0) == 0) {
        if (line.rfind("# as: ", 0) == 0) {
            const auto caller = caller_from(line.substr(6));
            EXPECT_TRUE(caller.has_value()) << "unknown caller in: " << line;
            if (caller) header.caller = *caller;
        } else if (line.rfind("# upload: ", 0) == 0) {
            const auto spec = line.substr(10);
            const auto equals = spec.find('=');
            EXPECT_NE(equals, std::string::npos) << line;
            if (equals == std::string::npos) continue;
            const auto path = test_data("api/" + spec.substr(equals + 1));
            graphql::Upload upload;
            upload.file_name = path.filename().string();
            upload.content_type = "application/octet-stream";
            upload.path = path.string();
            upload.size = fs::file_size(path);
            header.uploads.emplace(spec.substr(0, equals), upload);
        }
    }
    return header;
}

class ApiCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ApiCase, AnswersAsExpected) {
    const auto name = GetParam();
    const auto query = read_file(cases_dir() / (name + ".graphql"));
    const auto header = read_header(query);
    boost::json::object variables;
    if (const auto path = cases_dir() / (name + ".variables.json"); fs::exists(path)) {
        variables = boost::json::parse(read_file(path)).as_object();
    }

    ApiHarness harness;
    const auto actual = mask(harness.run(query, variables, header.caller, header.uploads));
    const auto expected_path = cases_dir() / (name + ".json");
    const char* rebaseline = std::getenv("RAMPART_REBASELINE");
    if (rebaseline != nullptr && std::string(rebaseline) == "1") {
        std::ofstream(expected_path, std::ios::binary) << pretty(actual);
        GTEST_SKIP() << "rebaselined " << expected_path;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "no " << expected_path << "; run with RAMPART_REBASELINE=1\n"
                                           << pretty(actual);
    const auto expected = boost::json::parse(read_file(expected_path));
    EXPECT_TRUE(same(actual, expected)) << "expected " << expected_path << ":\n"
                                        << pretty(expected) << "actual:\n"
                                        << pretty(actual);
}

INSTANTIATE_TEST_SUITE_P(Cases, ApiCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

TEST(ApiCases, EveryRootFieldIsCoveredByACase) {
    std::string all;
    for (const auto& name : case_names()) all += read_file(cases_dir() / (name + ".graphql")) + "\n";
    const auto& schema = ApiHarness::schema();
    for (const auto* root : {schema.query_type(), schema.mutation_type()}) {
        ASSERT_NE(root, nullptr);
        for (const auto& field : root->fields) {
            const std::regex use("\\b" + field.name + "\\s*[({]");
            EXPECT_TRUE(std::regex_search(all, use)) << root->name << "." << field.name << " has no case";
        }
    }
}

}  // namespace
}  // namespace rampart::api::testing
