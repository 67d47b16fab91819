#include "catalog/csv_reader.h"

#include <gtest/gtest.h>

namespace rampart::catalog {
namespace {

TEST(CsvReader, ReadsQuotedCellsCrlfAndEmbeddedNewlines) {
    const auto table = read_csv("a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n3,,\n", "t.csv");
    ASSERT_TRUE(table.ok()) << table.error().to_string();
    ASSERT_EQ(table->records.size(), 2u);
    EXPECT_EQ(table->records[0].cells[1], "x, \"y\"");
    EXPECT_EQ(table->records[0].cells[2], "two\nlines");
    EXPECT_EQ(table->records[1].line, 5);
    EXPECT_EQ(table->records[1].cells.size(), 3u);
    EXPECT_EQ(table->column("c").value(), 2u);
    EXPECT_EQ(table->records[0].positions[2].column, 14);
}

TEST(CsvReader, ReportsAnUnclosedQuoteWhereItOpens) {
    const auto table = read_csv("a,b\n1,\"never closed\n2,3\n", "t.csv");
    ASSERT_FALSE(table.ok());
    ASSERT_EQ(table.error().diagnostics.size(), 1u);
    EXPECT_EQ(table.error().diagnostics[0].where.line, 2);
    EXPECT_EQ(table.error().diagnostics[0].where.column, 3);
}

TEST(CsvReader, CollectsEveryStrayQuote) {
    const auto table = read_csv("a,b\nx\"y,1\n\"ok\"z,2\n", "t.csv");
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().diagnostics.size(), 2u);
}

TEST(CsvReader, AnEmptyFileHasNoHeader) {
    const auto table = read_csv("", "t.csv");
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().code, core::ErrorCode::InvalidData);
}

}  // namespace
}  // namespace rampart::catalog
