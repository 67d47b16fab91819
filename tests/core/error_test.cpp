#include "core/error.h"

#include <gtest/gtest.h>

#include <set>

namespace rampart::core {
namespace {

TEST(ErrorTable, EveryCodeHasItsOwnExitCodeAndGraphqlCode) {
    std::set<int> exit_codes;
    std::set<std::string_view> graphql_codes;
    for (const auto& row : error_code_table()) {
        EXPECT_TRUE(exit_codes.insert(row.exit_code).second) << row.name;
        EXPECT_TRUE(graphql_codes.insert(row.graphql_code).second) << row.name;
        EXPECT_GE(row.http_status, 400) << row.name;
        EXPECT_NE(row.exit_code, 0) << row.name;
    }
    EXPECT_EQ(info(ErrorCode::NotFound).http_status, 404);
    EXPECT_EQ(info(ErrorCode::InvalidData).graphql_code, "INVALID_DATA");
}

Result<int> half(int value) {
    if (value % 2 != 0) return Error::make(ErrorCode::InvalidArgument, "odd");
    return value / 2;
}

Result<int> quarter(int value) {
    const int halved = RAMPART_TRY(half(value));
    return RAMPART_TRY(half(halved));
}

TEST(Result, TryPropagatesTheFirstError) {
    EXPECT_EQ(quarter(8).value(), 2);
    const auto failed = quarter(6);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(failed.error().message, "odd");
}

TEST(Error, ToStringListsEveryDiagnosticWithItsPosition) {
    Error error{ErrorCode::InvalidData, "a.csv: 2 problem(s)", {}};
    error.diagnostics.push_back({{"a.csv", 3, 7, {}}, "bad level"});
    error.diagnostics.push_back({{"b.json", 0, 0, "/requirements/4/cwe"}, "not a number"});
    EXPECT_EQ(error.to_string(),
              "a.csv: 2 problem(s)\n  a.csv:3:7: bad level\n  b.json#/requirements/4/cwe: not a number");
}

}  // namespace
}  // namespace rampart::core
