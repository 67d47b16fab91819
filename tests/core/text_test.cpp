#include "core/text.h"

#include <gtest/gtest.h>

namespace rampart::core {
namespace {

TEST(Utf8, AcceptsValidTextAndFindsTheFirstBadByte) {
    EXPECT_FALSE(find_invalid_utf8("plain ✓ text 𝄞").has_value());
    EXPECT_EQ(find_invalid_utf8("ab\xC3").value(), 2u);            // truncated sequence
    EXPECT_EQ(find_invalid_utf8("a\xC0\xAF").value(), 1u);         // overlong
    EXPECT_EQ(find_invalid_utf8("a\xED\xA0\x80").value(), 1u);     // surrogate
    EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80").value(), 0u);  // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("ok\xFF").value(), 2u);
}

TEST(LineColumn, CountsFromOne) {
    const std::string_view text = "ab\ncd\nef";
    EXPECT_EQ(line_column_at(text, 0).line, 1);
    EXPECT_EQ(line_column_at(text, 4).line, 2);
    EXPECT_EQ(line_column_at(text, 4).column, 2);
    EXPECT_EQ(line_column_at(text, 100).line, 3);
}

TEST(Text, BomTrimSplitParse) {
    EXPECT_EQ(strip_bom("\xEF\xBB\xBFx"), "x");
    EXPECT_EQ(trim(" \t a b \r\n"), "a b");
    EXPECT_EQ(split("a,,b", ',').size(), 3u);
    EXPECT_EQ(parse_int("89").value(), 89);
    EXPECT_FALSE(parse_int("89a").has_value());
    EXPECT_FALSE(parse_int("").has_value());
    EXPECT_FALSE(parse_int("-1").has_value());
    EXPECT_EQ(collapse_whitespace("  a \n\t b  "), "a b");
    EXPECT_EQ(json_pointer_append("/a", "b/c~d"), "/a/b~1c~0d");
}

TEST(Sha256, MatchesTheKnownDigestOfTheEmptyString) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace rampart::core
