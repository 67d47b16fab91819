// DESIGN.md §4: the two operations of the Conviso Platform client, sent as
// that client sends them, and its reading of the answers.

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "api_harness.h"

namespace rampart::api::testing {
namespace {

constexpr const char* PROJECTS_QUERY = R"(query Projects($id: ID!) { project(id: $id) {
  activities { id title reference status description justify }
  playbooks { checklistTypeId companyId } } })";

constexpr const char* ASSETS_QUERY = R"(query Assets($id: ID!) { assets(id: $id, page: 1, limit: 1000) {
  metadata { currentPage limitValue totalCount totalPages }
  collection { id name projects { pid ...VulnByAsset } } } }
fragment VulnByAsset on Project {
  vulnerabilities { title vulnerabilityTemplate { categoryList reference } } })";

/// Python's `title.split('-')[1].strip()`.
std::string second_piece(const std::string& title) {
    const auto first = title.find('-');
    if (first == std::string::npos) return {};
    const auto second = title.find('-', first + 1);
    auto piece = title.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    const auto begin = piece.find_first_not_of(" \t\r\n");
    const auto end = piece.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : piece.substr(begin, end - begin + 1);
}

TEST(ConvisoCompatibility, ProjectsQueryAnswersActivitiesWhoseTitleSplitsToTheAsvsId) {
    ApiHarness harness;
    const auto response = harness.run(PROJECTS_QUERY, {{"id", "1"}});
    EXPECT_FALSE(response.contains("errors")) << boost::json::serialize(response);
    const auto& project = response.at("data").at("project").as_object();
    const auto& activities = project.at("activities").as_array();
    ASSERT_FALSE(activities.empty());
    const std::regex asvs_id(R"(V\d+\.\d+\.\d+)");
    for (const auto& value : activities) {
        const auto& activity = value.as_object();
        const std::string title(activity.at("title").as_string());
        EXPECT_EQ(title.rfind("ASVS 4.0.3 - ", 0), 0U) << title;
        const auto id = second_piece(title);
        EXPECT_TRUE(std::regex_match(id, asvs_id)) << title;
        EXPECT_EQ(id, std::string(activity.at("reference").as_string())) << title;
        EXPECT_EQ(std::string(activity.at("status").as_string()), "NOT_STARTED");
        EXPECT_TRUE(activity.at("justify").is_string());
        EXPECT_TRUE(activity.at("id").is_string());
    }
    const auto& playbooks = project.at("playbooks").as_array();
    ASSERT_EQ(playbooks.size(), 1U);
    EXPECT_EQ(playbooks[0].at("companyId"), boost::json::value("1"));
    EXPECT_EQ(playbooks[0].at("checklistTypeId"), boost::json::value("asvs-4.0.3-l1"));
}

TEST(ConvisoCompatibility, AssetsQueryTakesTheCompanyIdAndListsProjectsWithVulnerabilities) {
    ApiHarness harness;
    const auto response = harness.run(ASSETS_QUERY, {{"id", "1"}});
    EXPECT_FALSE(response.contains("errors")) << boost::json::serialize(response);
    const auto& assets = response.at("data").at("assets").as_object();
    EXPECT_EQ(boost::json::serialize(assets.at("metadata")),
              R"({"currentPage":1,"limitValue":1000,"totalCount":1,"totalPages":1})");
    const auto& collection = assets.at("collection").as_array();
    ASSERT_EQ(collection.size(), 1U);
    EXPECT_EQ(collection[0].at("name"), boost::json::value("payments-api"));
    const auto& projects = collection[0].at("projects").as_array();
    ASSERT_EQ(projects.size(), 1U);
    EXPECT_EQ(projects[0].at("pid"), boost::json::value("1"));
    EXPECT_TRUE(projects[0].at("vulnerabilities").as_array().empty());
}

TEST(ConvisoCompatibility, AnotherCompanysIdAnswersNothing) {
    ApiHarness harness;
    const auto assets = harness.run(ASSETS_QUERY, {{"id", "1"}}, Caller::GlobexAnalyst);
    EXPECT_FALSE(assets.contains("errors")) << boost::json::serialize(assets);
    EXPECT_TRUE(assets.at("data").at("assets").at("collection").as_array().empty());
    EXPECT_EQ(assets.at("data").at("assets").at("metadata").at("totalCount"), boost::json::value(0));

    const auto project = harness.run(PROJECTS_QUERY, {{"id", "1"}}, Caller::GlobexAnalyst);
    EXPECT_TRUE(project.at("data").at("project").is_null());
    ASSERT_TRUE(project.contains("errors"));
    EXPECT_EQ(project.at("errors").at(0).at("extensions").at("code"), boost::json::value("NOT_FOUND"));
}

}  // namespace
}  // namespace rampart::api::testing
