#include <gtest/gtest.h>

#include <filesystem>

#include "api/api.h"
#include "api_harness.h"
#include "test_support.h"

namespace rampart::api::testing {
namespace {

using rampart::testing::test_data;

TEST(AttachmentsDownload, ZipsTheEvidenceFilesOfTheCallersProject) {
    ApiHarness harness;
    const auto png = test_data("api/files/screenshot.png");
    graphql::Upload upload{"screenshot.png", "image/png", png.string(), std::filesystem::file_size(png)};
    const auto finished = harness.run(R"(mutation {
        startRequirement(input: {id: "1"}) { status }
        finishRequirement(input: {id: "1", evidenceText: "parameterised queries", files: ["shot"]}) {
          status evidenceFiles { name mediaType } } })",
                                      {}, Caller::AcmeDeveloper, {{"shot", upload}});
    ASSERT_FALSE(finished.contains("errors")) << boost::json::serialize(finished);

    const auto download = attachments_download(harness.services(), harness.actor(Caller::AcmeViewer),
                                               "/files/projects/1/attachments.zip");
    ASSERT_TRUE(download.ok()) << download.error().to_string();
    EXPECT_EQ(download->entries, 1U);
    EXPECT_EQ(download->file_name, "project-1-attachments.zip");
    EXPECT_GT(std::filesystem::file_size(download->path), 0U);
    std::filesystem::remove(download->path);
}

TEST(AttachmentsDownload, AnswersNotFoundForOtherCompaniesAndOtherPaths) {
    ApiHarness harness;
    const auto foreign =
        attachments_download(harness.services(), harness.actor(Caller::GlobexAnalyst), "projects/1/attachments.zip");
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::NotFound);
    for (const char* path : {"projects/x/attachments.zip", "projects/1/other.zip", "../etc/passwd", ""}) {
        const auto other = attachments_download(harness.services(), harness.actor(Caller::AcmeViewer), path);
        ASSERT_FALSE(other.ok()) << path;
        EXPECT_EQ(other.error().code, core::ErrorCode::NotFound) << path;
    }
}

TEST(AttachmentsDownload, TheUrlIsTheOneTheProjectAnswers) {
    EXPECT_EQ(attachments_url(7), "/files/projects/7/attachments.zip");
}

}  // namespace
}  // namespace rampart::api::testing
