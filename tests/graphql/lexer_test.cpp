#include "graphql/lexer.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::graphql {

// Internal linkage: other test files may print locations their own way.
static void PrintTo(const Location& location, std::ostream* out) { *out << location.line << ":" << location.column; }

namespace {

struct Lexed {
    TokenKind kind = TokenKind::EndOfFile;
    std::string value;
    Location loc;
};

struct LexResult {
    std::vector<Lexed> tokens;  ///< without the final EndOfFile
    std::optional<GraphQLError> error;
    Location end;  ///< where EndOfFile was found
};

LexResult lex(std::string_view source, CommentMode comments = CommentMode::Skip) {
    LexResult result;
    Lexer lexer(source, comments);
    Token token;
    while (true) {
        if (!lexer.next(token)) {
            result.error = lexer.error();
            return result;
        }
        if (token.kind == TokenKind::EndOfFile) {
            result.end = token.loc;
            return result;
        }
        result.tokens.push_back({token.kind, std::string(token.value), token.loc});
    }
}

/// The single token of `source`, which must lex without error.
Lexed single(std::string_view source) {
    const LexResult result = lex(source);
    EXPECT_FALSE(result.error) << source << ": " << result.error->message;
    EXPECT_EQ(result.tokens.size(), 1U) << source;
    return result.tokens.empty() ? Lexed{} : result.tokens.front();
}

/// The error of `source`, which must fail to lex: "message @line:column".
std::string error_of(std::string_view source) {
    const LexResult result = lex(source);
    if (!result.error) return "no error";
    EXPECT_EQ(result.error->code, "GRAPHQL_PARSE_FAILED");
    EXPECT_EQ(result.error->locations.size(), 1U);
    const Location at = result.error->locations.front();
    return result.error->message + " @" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string string_value(std::string_view source) {
    const Lexed token = single(source);
    EXPECT_TRUE(token.kind == TokenKind::String || token.kind == TokenKind::BlockString) << source;
    return token.value;
}

// GraphQL spec §2.1.8 Punctuators
TEST(Lexer, Punctuators) {
    const LexResult result = lex("! $ & ( ) ... : = @ [ ] { | }");
    ASSERT_FALSE(result.error);
    const std::vector<TokenKind> expected = {
        TokenKind::Bang,     TokenKind::Dollar, TokenKind::Amp,    TokenKind::ParenL, TokenKind::ParenR,
        TokenKind::Spread,   TokenKind::Colon,  TokenKind::Equals, TokenKind::At,     TokenKind::BracketL,
        TokenKind::BracketR, TokenKind::BraceL, TokenKind::Pipe,   TokenKind::BraceR,
    };
    ASSERT_EQ(result.tokens.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(result.tokens[i].kind, expected[i]) << i;
        EXPECT_EQ(result.tokens[i].value, "") << i;
    }
    EXPECT_EQ(result.tokens[5].loc, (Location{1, 11}));
}

// §2.1.9 Names
TEST(Lexer, Names) {
    const LexResult result = lex("_ a Z __typename name_With_123");
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 5U);
    EXPECT_EQ(result.tokens[0].value, "_");
    EXPECT_EQ(result.tokens[3].value, "__typename");
    EXPECT_EQ(result.tokens[4].value, "name_With_123");
    for (const Lexed& token : result.tokens) EXPECT_EQ(token.kind, TokenKind::Name);
}

// §2.1.7 Ignored tokens: white space, line terminators, commas, comments and
// the byte order mark.
TEST(Lexer, SkipsIgnoredTokens) {
    const LexResult result = lex("\xEF\xBB\xBF ,,\t# comment ,{ }\n,a,\xEF\xBB\xBF b#end");
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 2U);
    EXPECT_EQ(result.tokens[0].value, "a");
    EXPECT_EQ(result.tokens[0].loc, (Location{2, 2}));
    EXPECT_EQ(result.tokens[1].value, "b");
    // The byte order mark is one character wide.
    EXPECT_EQ(result.tokens[1].loc, (Location{2, 6}));
}

TEST(Lexer, EmitsCommentsWhenAsked) {
    const LexResult result = lex("# first\na # second é\r\n#", CommentMode::Emit);
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 4U);
    EXPECT_EQ(result.tokens[0].kind, TokenKind::Comment);
    EXPECT_EQ(result.tokens[0].value, " first");
    EXPECT_EQ(result.tokens[2].value, " second é");
    EXPECT_EQ(result.tokens[2].loc, (Location{2, 3}));
    EXPECT_EQ(result.tokens[3].value, "");
    EXPECT_EQ(result.tokens[3].loc, (Location{3, 1}));
}

// §2.1.3 Line terminators: LF, CRLF and CR each end one line.
TEST(Lexer, CountsLinesForEveryLineTerminator) {
    const LexResult result = lex("a\nb\r\nc\rd\n\re\r\r\nf");
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 6U);
    const std::vector<uint32_t> lines = {1, 2, 3, 4, 6, 8};
    for (size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(result.tokens[i].loc, (Location{lines[i], 1})) << i;
}

TEST(Lexer, ColumnsCountCodePoints) {
    // é is two bytes, ਊ three, 😀 four: each is one column.
    const LexResult result = lex("\"é\" \"ਊ\" \"😀\" x");
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 4U);
    EXPECT_EQ(result.tokens[1].loc, (Location{1, 5}));
    EXPECT_EQ(result.tokens[2].loc, (Location{1, 9}));
    EXPECT_EQ(result.tokens[3].loc, (Location{1, 13}));
    EXPECT_EQ(error_of("\"😀\" ?"), "Syntax Error: Unexpected character: \"?\". @1:5");
}

TEST(Lexer, EndOfFileLocation) {
    const LexResult result = lex("a\n  ");
    ASSERT_FALSE(result.error);
    EXPECT_EQ(result.end, (Location{2, 3}));
    EXPECT_EQ(lex("").end, (Location{1, 1}));
}

// §2.9.1 IntValue, §2.9.2 FloatValue
TEST(Lexer, Numbers) {
    for (const std::string_view text : {"0", "-0", "4", "-4", "9", "1234567890123456789012345"}) {
        const Lexed token = single(text);
        EXPECT_EQ(token.kind, TokenKind::Int) << text;
        EXPECT_EQ(token.value, text);
    }
    for (const std::string_view text :
         {"4.123", "-4.123", "0.123", "123e4", "123E4", "123e-4", "123e+4", "-1.123e4567", "0e0", "-0.0"}) {
        const Lexed token = single(text);
        EXPECT_EQ(token.kind, TokenKind::Float) << text;
        EXPECT_EQ(token.value, text);
    }
}

TEST(Lexer, NumberErrors) {
    EXPECT_EQ(error_of("00"), "Syntax Error: Invalid number, unexpected digit after 0: \"0\". @1:2");
    EXPECT_EQ(error_of("-01"), "Syntax Error: Invalid number, unexpected digit after 0: \"1\". @1:3");
    EXPECT_EQ(error_of("+1"), "Syntax Error: Unexpected character: \"+\". @1:1");
    EXPECT_EQ(error_of("1."), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3");
    EXPECT_EQ(error_of("1.e1"), "Syntax Error: Invalid number, expected digit but got: \"e\". @1:3");
    EXPECT_EQ(error_of(".123"), "Syntax Error: Unexpected character: \".\". @1:1");
    EXPECT_EQ(error_of("1.A"), "Syntax Error: Invalid number, expected digit but got: \"A\". @1:3");
    EXPECT_EQ(error_of("-A"), "Syntax Error: Invalid number, expected digit but got: \"A\". @1:2");
    EXPECT_EQ(error_of("-"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:2");
    EXPECT_EQ(error_of("1.0e"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:5");
    EXPECT_EQ(error_of("1.0eA"), "Syntax Error: Invalid number, expected digit but got: \"A\". @1:5");
    EXPECT_EQ(error_of("1.2.3"), "Syntax Error: Invalid number, expected digit but got: \".\". @1:4");
    EXPECT_EQ(error_of("1_000"), "Syntax Error: Invalid number, expected digit but got: \"_\". @1:2");
    EXPECT_EQ(error_of("12é"), "Syntax Error: Unexpected character: U+00E9. @1:3");
    EXPECT_EQ(error_of("1.\"x\""), "Syntax Error: Invalid number, expected digit but got: '\"'. @1:3");
    EXPECT_EQ(error_of("a-b"), "Syntax Error: Invalid number, expected digit but got: \"b\". @1:3");
}

// §2.9.4 StringValue
TEST(Lexer, Strings) {
    EXPECT_EQ(string_value("\"\""), "");
    EXPECT_EQ(string_value("\"simple\""), "simple");
    EXPECT_EQ(string_value("\" white space \""), " white space ");
    EXPECT_EQ(string_value("\"quote \\\"\""), "quote \"");
    EXPECT_EQ(string_value("\"escaped \\n\\r\\b\\t\\f\""), "escaped \n\r\b\t\f");
    EXPECT_EQ(string_value("\"slashes \\\\ \\/\""), "slashes \\ /");
    EXPECT_EQ(string_value("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\""), "unicode \u1234\u5678\u90AB\uCDEF");
    EXPECT_EQ(string_value("\"unicode \\u{1234}\\u{5678}\\u{90AB}\\u{CDEF}\""), "unicode \u1234\u5678\u90AB\uCDEF");
    EXPECT_EQ(string_value("\"string with unicode escape \\u{1F600}\""), "string with unicode escape 😀");
    EXPECT_EQ(string_value("\"string with minimal unicode escape \\u{0}\""),
              std::string("string with minimal unicode escape ") + '\0');
    EXPECT_EQ(string_value("\"\\u{10FFFF}\""), "\U0010FFFF");
}

TEST(Lexer, StringEscapesOfAnyWidthAndSurrogatePairs) {
    EXPECT_EQ(string_value("\"\\u{00000041}\""), "A");
    EXPECT_EQ(string_value("\"\\uD83D\\uDE00\""), "😀");
    EXPECT_EQ(string_value("\"\\ud83d\\ude00 tail\""), "😀 tail");
    EXPECT_EQ(string_value("\"raw é ਊ 😀\""), "raw é ਊ 😀");
    // The October 2021 edition admits every Unicode scalar value in strings,
    // control characters included.
    EXPECT_EQ(string_value("\"bell \a and tab \t\""), "bell \a and tab \t");
    EXPECT_EQ(string_value(std::string_view("\"nul \0 byte\"", 12)), std::string("nul \0 byte", 10));
}

TEST(Lexer, StringErrors) {
    EXPECT_EQ(error_of("\""), "Syntax Error: Unterminated string. @1:2");
    EXPECT_EQ(error_of("\"no end quote"), "Syntax Error: Unterminated string. @1:14");
    EXPECT_EQ(error_of("'single quotes'"),
              "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")? @1:1");
    EXPECT_EQ(error_of("\"multi\nline\""), "Syntax Error: Unterminated string. @1:7");
    EXPECT_EQ(error_of("\"multi\rline\""), "Syntax Error: Unterminated string. @1:7");
    EXPECT_EQ(error_of("\"bad \\z esc\""), "Syntax Error: Invalid character escape sequence: \"\\z\". @1:6");
    EXPECT_EQ(error_of("\"bad \\x esc\""), "Syntax Error: Invalid character escape sequence: \"\\x\". @1:6");
    EXPECT_EQ(error_of("\"bad \\u1 esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u1 es\". @1:6");
    EXPECT_EQ(error_of("\"bad \\u0XX1 esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u0XX1\". @1:6");
    EXPECT_EQ(error_of("\"bad \\uGGGG esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uGGGG\". @1:6");
    EXPECT_EQ(error_of("\"bad \\uFGGG esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uFGGG\". @1:6");
    EXPECT_EQ(error_of("\"bad \\uGGGF esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uGGGF\". @1:6");
    EXPECT_EQ(error_of("\"bad \\u{} esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\". @1:6");
    EXPECT_EQ(error_of("\"bad \\u{FGGG} esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{FG\". @1:6");
    EXPECT_EQ(error_of("\"bad \\u{FFFF esc\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFF \". @1:6");
    EXPECT_EQ(error_of("\"bad \\u{FFFF\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFF\"\". @1:6");
    EXPECT_EQ(error_of("\"too high \\u{110000} esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\". @1:11");
    EXPECT_EQ(error_of("\"way too high \\u{12345678} esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\u{12345678}\". @1:15");
    EXPECT_EQ(error_of("\"too long \\u{000000000} esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000000\". @1:11");
    // Lone and misordered surrogates are not Unicode scalar values.
    EXPECT_EQ(error_of("\"bad surrogate \\uDEAD esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\uDEAD\". @1:16");
    EXPECT_EQ(error_of("\"bad high surrogate pair \\uDEAD\\uDEAD esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\uDEAD\". @1:26");
    EXPECT_EQ(error_of("\"bad low surrogate pair \\uD800\\uD800 esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\". @1:25");
    EXPECT_EQ(error_of("\"cannot use braces for surrogate pair \\u{D83D}\\u{DE00} esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\u{D83D}\". @1:39");
    EXPECT_EQ(error_of("\"cannot escape half a pair \\uD83D\\u{DE00} esc\""),
              "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:28");
    EXPECT_EQ(error_of("\"escape at the end \\"), "Syntax Error: Invalid character escape sequence: \"\\\". @1:20");
}

// §2.9.4 BlockString and BlockStringValue()
TEST(Lexer, BlockStrings) {
    EXPECT_EQ(string_value("\"\"\"\"\"\""), "");
    EXPECT_EQ(string_value("\"\"\"simple\"\"\""), "simple");
    EXPECT_EQ(string_value("\"\"\" white space \"\"\""), " white space ");
    EXPECT_EQ(string_value("\"\"\"contains \" quote\"\"\""), "contains \" quote");
    EXPECT_EQ(string_value("\"\"\"contains \\\"\"\" triple quote\"\"\""), "contains \"\"\" triple quote");
    EXPECT_EQ(string_value("\"\"\"multi\nline\"\"\""), "multi\nline");
    EXPECT_EQ(string_value("\"\"\"multi\rline\r\nnormalized\"\"\""), "multi\nline\nnormalized");
    EXPECT_EQ(string_value("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\""), "unescaped \\n\\r\\b\\t\\f\\u1234");
    EXPECT_EQ(string_value("\"\"\"unescaped unicode outside BMP 😀\"\"\""), "unescaped unicode outside BMP 😀");
    EXPECT_EQ(string_value("\"\"\"slashes \\\\ \\/\"\"\""), "slashes \\\\ \\/");
    EXPECT_EQ(string_value("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\""),
              "spans\n  multiple\n    lines");
    EXPECT_EQ(string_value("\"\"\"  first line keeps its indent\n    second\n      third\"\"\""),
              "  first line keeps its indent\nsecond\n  third");
    EXPECT_EQ(string_value("\"\"\"\n\t\tTabs\n\t\tcount\n\"\"\""), "Tabs\ncount");
    EXPECT_EQ(string_value("\"\"\"   \n  \n\"\"\""), "");
    EXPECT_EQ(string_value("\"\"\"\\\"\"\"\"\"\""), "\"\"\"");
    EXPECT_EQ(string_value("\"\"\"a \\ b \\\" c\"\"\""), "a \\ b \\\" c");
}

TEST(Lexer, BlockStringsMoveTheLineCount) {
    const LexResult result = lex("\"\"\"\n\nsome\ndescription\n\n\"\"\" foo\n  \"\"\"a\r\nb\rc\"\"\" bar");
    ASSERT_FALSE(result.error);
    ASSERT_EQ(result.tokens.size(), 4U);
    EXPECT_EQ(result.tokens[0].value, "some\ndescription");
    EXPECT_EQ(result.tokens[1].loc, (Location{6, 5}));
    EXPECT_EQ(result.tokens[2].loc, (Location{7, 3}));
    EXPECT_EQ(result.tokens[3].loc, (Location{9, 6}));
}

TEST(Lexer, BlockStringErrors) {
    EXPECT_EQ(error_of("\"\"\""), "Syntax Error: Unterminated string. @1:4");
    EXPECT_EQ(error_of("\"\"\"no end\n\n"), "Syntax Error: Unterminated string. @3:1");
    EXPECT_EQ(error_of("\"\"\"\r"), "Syntax Error: Unterminated string. @2:1");
    EXPECT_EQ(error_of("\"\"\"a\nb\xFF\"\"\""),
              "Syntax Error: Invalid character within String: byte 0xFF (invalid UTF-8). @2:2");
}

TEST(BlockStringValue, FollowsTheSpecAlgorithm) {
    EXPECT_EQ(block_string_value(""), "");
    EXPECT_EQ(block_string_value("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n"),
              "Hello,\n  World!\n\nYours,\n  GraphQL.");
    EXPECT_EQ(block_string_value("\n\n    Hello,\r\n      World!\r    \n\n"), "Hello,\n  World!");
    EXPECT_EQ(block_string_value("    Hello,\n      World!"), "    Hello,\nWorld!");
    EXPECT_EQ(block_string_value("  \n  a\n    \n  b\n  "), "a\n  \nb");
    EXPECT_EQ(block_string_value("\t \n \tx\n \t y"), "x\n y");
}

// Source text must be valid UTF-8 (Unicode scalar values, §2.1.1).
TEST(Lexer, RejectsInvalidUtf8) {
    EXPECT_EQ(error_of("\xFF"), "Syntax Error: Invalid character: byte 0xFF (invalid UTF-8). @1:1");
    EXPECT_EQ(error_of("a \xC3"), "Syntax Error: Invalid character: byte 0xC3 (invalid UTF-8). @1:3");
    // Overlong encoding of "/", an encoded surrogate, a code point past
    // U+10FFFF, a stray continuation byte.
    EXPECT_EQ(error_of("\"\xC0\xAF\""),
              "Syntax Error: Invalid character within String: byte 0xC0 (invalid UTF-8). @1:2");
    EXPECT_EQ(error_of("\"\xED\xA0\x80\""),
              "Syntax Error: Invalid character within String: byte 0xED (invalid UTF-8). @1:2");
    EXPECT_EQ(error_of("\"\xF4\x90\x80\x80\""),
              "Syntax Error: Invalid character within String: byte 0xF4 (invalid UTF-8). @1:2");
    EXPECT_EQ(error_of("\"é\x80\""), "Syntax Error: Invalid character within String: byte 0x80 (invalid UTF-8). @1:3");
    EXPECT_EQ(error_of("# comment \xE2\x82\n"), "Syntax Error: Invalid character: byte 0xE2 (invalid UTF-8). @1:11");
    // A truncated sequence at the very end.
    EXPECT_EQ(error_of("\"abc\xF0\x9F\x98"),
              "Syntax Error: Invalid character within String: byte 0xF0 (invalid UTF-8). @1:5");
}

TEST(Lexer, UnexpectedCharacters) {
    EXPECT_EQ(error_of("\a"), "Syntax Error: Unexpected character: U+0007. @1:1");
    EXPECT_EQ(error_of("\n\n    ?\n\n\n"), "Syntax Error: Unexpected character: \"?\". @3:5");
    EXPECT_EQ(error_of(".."), "Syntax Error: Unexpected character: \".\". @1:1");
    EXPECT_EQ(error_of("~"), "Syntax Error: Unexpected character: \"~\". @1:1");
    EXPECT_EQ(error_of("\xE2\x80\xBB"), "Syntax Error: Unexpected character: U+203B. @1:1");
    EXPECT_EQ(error_of("\xE2\x80\x8B"), "Syntax Error: Unexpected character: U+200B. @1:1");
    EXPECT_EQ(error_of("😀"), "Syntax Error: Unexpected character: U+1F600. @1:1");
    EXPECT_EQ(error_of(std::string_view("\0", 1)), "Syntax Error: Unexpected character: U+0000. @1:1");
}

TEST(Lexer, HugeStringsLexInLinearTime) {
    std::string source = "\"";
    source.append(size_t{4} * 1024 * 1024, 'x');
    source += "\\n\"";
    const Lexed token = single(source);
    EXPECT_EQ(token.value.size(), 4U * 1024 * 1024 + 1);

    std::string line(size_t{2} * 1024 * 1024, ' ');
    for (size_t i = 0; i < line.size(); i += 4) line[i] = 'a';
    line += "\"é\"";
    const LexResult result = lex(line);
    ASSERT_FALSE(result.error);
    EXPECT_EQ(result.tokens.size(), 512U * 1024 + 1);
    EXPECT_EQ(result.end, (Location{1, 2U * 1024 * 1024 + 4}));
}

TEST(Lexer, TokenDescriptionsAreWordedAsGraphqlJs) {
    Token token;
    token.kind = TokenKind::BraceR;
    EXPECT_EQ(token_description(token), "\"}\"");
    token.kind = TokenKind::EndOfFile;
    EXPECT_EQ(token_description(token), "<EOF>");
    token.kind = TokenKind::Name;
    token.value = "on";
    EXPECT_EQ(token_description(token), "Name \"on\"");
    token.kind = TokenKind::BlockString;
    token.value = "text";
    EXPECT_EQ(token_description(token), "BlockString \"text\"");
    EXPECT_EQ(token_kind_description(TokenKind::Spread), "\"...\"");
}

TEST(Lexer, KeepsReturningEndOfFile) {
    Lexer lexer("a");
    Token token;
    ASSERT_TRUE(lexer.next(token));
    EXPECT_EQ(token.kind, TokenKind::Name);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(lexer.next(token));
        EXPECT_EQ(token.kind, TokenKind::EndOfFile);
    }
}

TEST(Utf8, DecodesAndEncodesScalarValues) {
    for (const uint32_t code :
         {0x0U, 0x41U, 0x7FU, 0x80U, 0x7FFU, 0x800U, 0xD7FFU, 0xE000U, 0xFFFFU, 0x10000U, 0x10FFFFU}) {
        std::string encoded;
        append_utf8(encoded, code);
        uint32_t decoded = 0xFFFFFFFFU;
        EXPECT_EQ(decode_utf8(encoded, 0, decoded), encoded.size()) << code;
        EXPECT_EQ(decoded, code);
    }
    uint32_t ignored = 0;
    EXPECT_EQ(decode_utf8("\xE0\x80\x80", 0, ignored), 0U);  // overlong
    EXPECT_EQ(decode_utf8("\xF8\x88\x80\x80\x80", 0, ignored), 0U);
    EXPECT_EQ(decode_utf8("", 0, ignored), 0U);
}

}  // namespace
}  // namespace rampart::graphql
