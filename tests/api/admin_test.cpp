#include <gtest/gtest.h>

#include <string>

#include "api_harness.h"

namespace rampart::api::testing {
namespace {

TEST(ApiKeys, AKeyCreatedThroughTheApiCanBeRevokedByItsOwner) {
    ApiHarness harness;
    const auto created =
        harness.run(R"(mutation { createApiKey(input: {name: "laptop"}) { plainKey apiKey { prefix } } })", {},
                    Caller::AcmeDeveloper);
    ASSERT_FALSE(created.contains("errors")) << boost::json::serialize(created);
    const std::string plain(created.at("data").at("createApiKey").at("plainKey").as_string());
    const std::string prefix(created.at("data").at("createApiKey").at("apiKey").at("prefix").as_string());
    EXPECT_EQ(plain.rfind(prefix + "_", 0), 0U) << "the plain key starts with its prefix";
    EXPECT_TRUE(harness.services().admin.authenticate(plain).ok());

    const auto revoked = harness.run(R"(mutation($prefix: String!) {
        revokeApiKey(input: {prefix: $prefix}) { prefix active revokedAt } })",
                                     {{"prefix", prefix}}, Caller::AcmeDeveloper);
    ASSERT_FALSE(revoked.contains("errors")) << boost::json::serialize(revoked);
    const auto& key = revoked.at("data").at("revokeApiKey");
    EXPECT_EQ(key.at("prefix"), boost::json::value(prefix));
    EXPECT_EQ(key.at("active"), boost::json::value(false));
    EXPECT_TRUE(key.at("revokedAt").is_string());
    EXPECT_FALSE(harness.services().admin.authenticate(plain).ok()) << "a revoked key no longer works";
}

TEST(ApiKeys, NobodyRevokesAnotherCompanysKey) {
    ApiHarness harness;
    const auto created =
        harness.run(R"(mutation { createApiKey(input: {name: "ci"}) { apiKey { prefix } } })", {}, Caller::AcmeAdmin);
    const std::string prefix(created.at("data").at("createApiKey").at("apiKey").at("prefix").as_string());
    const auto revoked =
        harness.run(R"(mutation($prefix: String!) { revokeApiKey(input: {prefix: $prefix}) { active } })",
                    {{"prefix", prefix}}, Caller::GlobexAnalyst);
    ASSERT_TRUE(revoked.contains("errors"));
    EXPECT_EQ(revoked.at("errors").at(0).at("extensions").at("code"), boost::json::value("NOT_FOUND"));
}

}  // namespace
}  // namespace rampart::api::testing
