// The lexer and parser cases of gqlparser (Debian
// golang-github-vektah-gqlparser-dev), run against Rampart's lexer and
// parser. gqlparser ported them from graphql-js v14/v15; Rampart words its
// errors as graphql-js v16 does, so each expected message is first rewritten
// into v16's wording (to_graphql_js_v16 below) and then compared exactly,
// together with the line and column. The few cases where graphql-js v16
// (and Rampart) disagree with gqlparser are listed in DEVIATIONS with the
// reason and with the outcome v16 gives, which is what is asserted instead.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <iostream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graphql/lexer.h"
#include "graphql/parser.h"

namespace rampart::graphql {
namespace {

constexpr std::string_view GQLPARSER_DIR = RAMPART_GQLPARSER_DIR;
constexpr std::array<std::string_view, 3> CASE_FILES = {"lexer/lexer_test.yml", "parser/query_test.yml",
                                                        "parser/schema_test.yml"};

struct ExpectedToken {
    std::string kind;
    std::optional<std::string> value;  ///< unset when the case says `undefined`
    int start = 0;                     ///< 0: not given (gqlparser's convention)
    int end = 0;
    int line = 0;
    int column = 0;
};

struct ExpectedError {
    std::string message;
    Location location;
};

struct YmlCase {
    std::string file;
    std::string section;
    std::string name;
    std::string input;
    std::optional<ExpectedError> error;
    std::vector<ExpectedToken> tokens;
    std::string test_name;

    [[nodiscard]] std::string key() const { return file + "/" + section + "/" + name; }
    [[nodiscard]] bool is_lexer_case() const { return file.rfind("lexer/", 0) == 0; }
};

void PrintTo(const YmlCase& yml_case, std::ostream* out) { *out << yml_case.key(); }

/// What graphql-js v16 does where gqlparser expects otherwise: nullopt for
/// "parses", else the error.
struct Deviation {
    std::string_view reason;
    std::optional<std::string_view> message;
    Location location;
};

const std::map<std::string, Deviation, std::less<>>& deviations() {
    static const std::map<std::string, Deviation, std::less<>> table = {
        // The October 2021 edition made SourceCharacter any Unicode scalar
        // value; control characters are allowed inside strings since.
        {"lexer/lexer_test.yml/lex reports useful string errors/control characters",
         {"control characters are valid in strings since the October 2021 spec", std::nullopt, {}}},
        {"lexer/lexer_test.yml/lex reports useful string errors/null byte",
         {"control characters are valid in strings since the October 2021 spec", std::nullopt, {}}},
        {"lexer/lexer_test.yml/lex reports useful block string errors/unescaped control characters",
         {"control characters are valid in strings since the October 2021 spec", std::nullopt, {}}},
        {"lexer/lexer_test.yml/lex reports useful block string errors/null byte",
         {"control characters are valid in strings since the October 2021 spec", std::nullopt, {}}},
        // gqlparser prints the first byte of the UTF-8 sequence as a
        // character; graphql-js prints the code point.
        {"lexer/lexer_test.yml/lex reports useful unknown character error/unicode 203",
         {"graphql-js names the code point, gqlparser its first byte",
          "Syntax Error: Unexpected character: U+203B.",
          {1, 1}}},
        {"lexer/lexer_test.yml/lex reports useful unknown character error/unicode 200",
         {"graphql-js names the code point, gqlparser its first byte",
          "Syntax Error: Unexpected character: U+200B.",
          {1, 1}}},
        // graphql-js v16 names the variable and points at its `$`.
        // Variables on fragments were an experiment graphql-js v16 keeps
        // behind a flag (allowLegacyFragmentVariables); the spec has none.
        {"parser/query_test.yml/ast/fragment defined variables",
         {"fragment variables are not in the spec", "Syntax Error: Expected \"on\", found \"(\".", {1, 11}}},
        {"parser/query_test.yml/variables/are not allowed in default args",
         {"graphql-js v16 names the variable",
          "Syntax Error: Unexpected variable \"$var\" in constant value.",
          {1, 37}}},
        // A description before `extend` is reported as such by graphql-js,
        // at the description.
        {"parser/schema_test.yml/type extensions/can have descriptions",
         {"graphql-js v16 reports the misplaced description itself",
          "Syntax Error: Unexpected description, descriptions are supported only on type definitions.",
          {1, 1}}},
        // gqlparser's string tokens start one column late (after the quote).
        {"parser/schema_test.yml/type extensions/can not have descriptions on types",
         {"gqlparser places string tokens after their opening quote",
          "Syntax Error: Unexpected String \"Description\".",
          {1, 8}}},
        // An unterminated block string is an unterminated string to
        // graphql-js, wherever the input ends.
        {"parser/schema_test.yml/fuzzer/2",
         {"gqlparser reports an internal <Invalid> token", "Syntax Error: Unterminated string.", {2, 1}}},
    };
    return table;
}

// gqlparser's wording -> graphql-js v16's -----------------------------------

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string_view strip_period(std::string_view text) {
    if (!text.empty() && text.back() == '.' && text != "...") text.remove_suffix(1);
    return text;
}

/// graphql-js v14/v15 `printCharCode` ("\"?\"", "\"\\u0007\"") to v16
/// `printCodePointAt` ("\"?\"", "U+0007").
std::string to_code_point(std::string_view printed) {
    if (starts_with(printed, "\"\\u") && printed.size() == 8) return "U+" + std::string(printed.substr(3, 4));
    return std::string(printed);
}

/// gqlparser prints punctuators bare (`}`); graphql-js v16 quotes them.
std::string to_token_description(std::string_view description) {
    static const std::set<std::string_view> punctuators = {"!", "$", "&", "(", ")", "...", ":",
                                                           "=", "@", "[", "]", "{", "|",   "}"};
    if (punctuators.count(description) != 0) return "\"" + std::string(description) + "\"";
    return std::string(description);
}

/// graphql-js v16 places escape sequence errors at the backslash, v14/v15
/// one character later.
Location to_graphql_js_v16_location(std::string_view message, Location location) {
    if (starts_with(message, "Invalid character escape sequence: ") && location.column > 1) --location.column;
    return location;
}

std::string to_graphql_js_v16(std::string_view message) {
    std::string v16;
    if (starts_with(message, "Cannot parse the unexpected character ")) {
        v16 = "Unexpected character: " +
              to_code_point(
                  strip_period(message.substr(std::string_view("Cannot parse the unexpected character ").size()))) +
              ".";
    } else if (starts_with(message, "Cannot contain the invalid character ")) {
        v16 = "Unexpected character: " +
              to_code_point(
                  strip_period(message.substr(std::string_view("Cannot contain the invalid character ").size()))) +
              ".";
    } else if (starts_with(message, "Invalid character within String: ")) {
        v16 =
            "Invalid character within String: " +
            to_code_point(strip_period(message.substr(std::string_view("Invalid character within String: ").size()))) +
            ".";
    } else if (starts_with(message, "Invalid character escape sequence: ")) {
        const std::string_view sequence =
            strip_period(message.substr(std::string_view("Invalid character escape sequence: ").size()));
        v16 = (starts_with(sequence, "\\u") ? "Invalid Unicode escape sequence: \""
                                            : "Invalid character escape sequence: \"") +
              std::string(sequence) + "\".";
    } else if (starts_with(message, "expected at least one definition, found ")) {
        // gqlparser's own check for empty `{}`; graphql-js reads the first
        // item and finds no name.
        v16 = "Expected Name, found " +
              to_token_description(
                  strip_period(message.substr(std::string_view("expected at least one definition, found ").size()))) +
              ".";
    } else if (starts_with(message, "Expected ") && message.find(", found ") != std::string_view::npos) {
        const size_t found = message.find(", found ");
        v16 = "Expected " + to_token_description(message.substr(9, found - 9)) + ", found " +
              to_token_description(strip_period(message.substr(found + 8))) + ".";
    } else if (starts_with(message, "Unexpected ") && !starts_with(message, "Unexpected single quote")) {
        v16 = "Unexpected " + to_token_description(strip_period(message.substr(11))) + ".";
    } else {
        v16 = std::string(message);
    }
    return "Syntax Error: " + v16;
}

// Loading ---------------------------------------------------------------------

std::string sanitise(std::string_view text) {
    std::string name;
    for (const char c : text) {
        name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
    }
    return name;
}

ExpectedToken read_token(const YAML::Node& node) {
    ExpectedToken token;
    token.kind = node["kind"].as<std::string>("");
    if (node["value"]) {
        const std::string value = node["value"].as<std::string>();
        if (value != "undefined") token.value = value;
    }
    token.start = node["start"].as<int>(0);
    token.end = node["end"].as<int>(0);
    token.line = node["line"].as<int>(0);
    token.column = node["column"].as<int>(0);
    return token;
}

std::vector<YmlCase> load_cases() {
    std::vector<YmlCase> cases;
    std::set<std::string> names;
    for (const std::string_view file : CASE_FILES) {
        YAML::Node root;
        try {
            root = YAML::LoadFile(std::string(GQLPARSER_DIR) + "/" + std::string(file));
        } catch (const YAML::Exception&) {
            continue;  // GqlparserCases.AllFilesLoad reports it
        }
        for (const auto& section : root) {
            for (const auto& node : section.second) {
                YmlCase yml_case;
                yml_case.file = file;
                yml_case.section = section.first.as<std::string>();
                yml_case.name = node["name"].as<std::string>();
                yml_case.input = node["input"].as<std::string>("");
                if (const YAML::Node error = node["error"]) {
                    ExpectedError expected;
                    expected.message = error["message"].as<std::string>();
                    const YAML::Node location = error["locations"][0];
                    expected.location = Location{location["line"].as<uint32_t>(), location["column"].as<uint32_t>()};
                    yml_case.error = expected;
                }
                if (const YAML::Node tokens = node["tokens"]) {
                    for (const auto& token : tokens) yml_case.tokens.push_back(read_token(token));
                }
                std::string test_name =
                    sanitise(std::string(file.substr(file.find('/') + 1, file.find('.') - file.find('/') - 1)) + "_" +
                             yml_case.section + "_" + yml_case.name);
                while (!names.insert(test_name).second) test_name += "_";
                yml_case.test_name = test_name;
                cases.push_back(std::move(yml_case));
            }
        }
    }
    return cases;
}

const std::vector<YmlCase>& all_cases() {
    static const std::vector<YmlCase> cases = load_cases();
    return cases;
}

// Running -----------------------------------------------------------------------

/// A token with its own copy of the value (the lexer's buffers die with it).
struct LexedToken {
    TokenKind kind = TokenKind::EndOfFile;
    std::string value;
    uint32_t start = 0;
    uint32_t end = 0;
    Location loc;
};

struct Outcome {
    std::optional<GraphQLError> error;
    std::vector<LexedToken> tokens;  ///< lexer cases: the tokens before the error or the end
};

Outcome run(const YmlCase& yml_case) {
    Outcome outcome;
    if (yml_case.is_lexer_case()) {
        Lexer lexer(yml_case.input);
        Token token;
        while (true) {
            if (!lexer.next(token)) {
                outcome.error = lexer.error();
                break;
            }
            if (token.kind == TokenKind::EndOfFile) break;
            outcome.tokens.push_back({token.kind, std::string(token.value), token.start, token.end, token.loc});
        }
        return outcome;
    }
    ParseResult result = parse(yml_case.input);
    outcome.error = std::move(result.error);
    if (result.document) {
        // What parses prints, and the print parses back to the same print.
        const std::string printed = print(*result.document);
        const ParseResult again = parse(printed);
        EXPECT_FALSE(again.error) << printed;
        if (again.document) {
            EXPECT_EQ(print(*again.document), printed);
        }
    }
    return outcome;
}

std::string token_kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::StartOfFile: return "SOF";
        case TokenKind::EndOfFile: return "EOF";
        case TokenKind::Bang: return "Bang";
        case TokenKind::Dollar: return "Dollar";
        case TokenKind::Amp: return "Amp";
        case TokenKind::ParenL: return "ParenL";
        case TokenKind::ParenR: return "ParenR";
        case TokenKind::Spread: return "Spread";
        case TokenKind::Colon: return "Colon";
        case TokenKind::Equals: return "Equals";
        case TokenKind::At: return "At";
        case TokenKind::BracketL: return "BracketL";
        case TokenKind::BracketR: return "BracketR";
        case TokenKind::BraceL: return "BraceL";
        case TokenKind::Pipe: return "Pipe";
        case TokenKind::BraceR: return "BraceR";
        case TokenKind::Name: return "Name";
        case TokenKind::Int: return "Int";
        case TokenKind::Float: return "Float";
        case TokenKind::String: return "String";
        case TokenKind::BlockString: return "BlockString";
        case TokenKind::Comment: return "Comment";
    }
    return "?";
}

/// gqlparser's kinds are SCREAMING_CASE (`BLOCK_STRING`) or CamelCase.
bool same_kind(std::string_view expected, TokenKind kind) {
    std::string folded;
    for (const char c : expected) {
        if (c != '_') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string actual = token_kind_name(kind);
    std::transform(actual.begin(), actual.end(), actual.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return folded == actual;
}

/// gqlparser counts offsets in code points.
int code_point_offset(std::string_view source, size_t byte_offset) {
    int count = 0;
    for (size_t i = 0; i < byte_offset && i < source.size(); ++i) {
        if ((static_cast<unsigned char>(source[i]) & 0xC0U) != 0x80U) ++count;
    }
    return count;
}

class GqlparserCase : public ::testing::TestWithParam<YmlCase> {};

TEST_P(GqlparserCase, BehavesAsGraphqlJsV16) {
    const YmlCase& yml_case = GetParam();
    SCOPED_TRACE("input: " + yml_case.input);
    const Outcome outcome = run(yml_case);

    std::optional<ExpectedError> expected;
    const auto deviation = deviations().find(yml_case.key());
    if (deviation != deviations().end()) {
        if (deviation->second.message) {
            expected = ExpectedError{std::string(*deviation->second.message), deviation->second.location};
        }
    } else if (yml_case.error) {
        expected = ExpectedError{to_graphql_js_v16(yml_case.error->message),
                                 to_graphql_js_v16_location(yml_case.error->message, yml_case.error->location)};
    }

    if (expected) {
        ASSERT_TRUE(outcome.error) << "expected: " << expected->message;
        EXPECT_EQ(outcome.error->message, expected->message)
            << "gqlparser: " << (yml_case.error ? yml_case.error->message : "");
        EXPECT_EQ(outcome.error->code, "GRAPHQL_PARSE_FAILED");
        ASSERT_EQ(outcome.error->locations.size(), 1U);
        EXPECT_EQ(outcome.error->locations[0].line, expected->location.line);
        EXPECT_EQ(outcome.error->locations[0].column, expected->location.column);
    } else {
        EXPECT_FALSE(outcome.error) << outcome.error->message;
    }

    if (!yml_case.is_lexer_case() || deviation != deviations().end()) return;
    // gqlparser lists the tokens read before the end or the error.
    ASSERT_EQ(outcome.tokens.size(), yml_case.tokens.size());
    for (size_t i = 0; i < outcome.tokens.size(); ++i) {
        const LexedToken& actual = outcome.tokens[i];
        const ExpectedToken& wanted = yml_case.tokens[i];
        EXPECT_TRUE(same_kind(wanted.kind, actual.kind)) << wanted.kind << " vs " << token_kind_name(actual.kind);
        if (wanted.value) {
            EXPECT_EQ(actual.value, *wanted.value) << i;
        }
        if (wanted.start != 0) {
            EXPECT_EQ(code_point_offset(yml_case.input, actual.start), wanted.start) << i;
        }
        if (wanted.end != 0) {
            EXPECT_EQ(code_point_offset(yml_case.input, actual.end), wanted.end) << i;
        }
        if (wanted.line != 0) {
            EXPECT_EQ(actual.loc.line, static_cast<uint32_t>(wanted.line)) << i;
        }
        if (wanted.column != 0) {
            EXPECT_EQ(actual.loc.column, static_cast<uint32_t>(wanted.column)) << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Gqlparser, GqlparserCase, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<YmlCase>& param) { return param.param.test_name; });

TEST(GqlparserCases, AllFilesLoad) {
    std::map<std::string, size_t> per_file;
    for (const YmlCase& yml_case : all_cases()) ++per_file[yml_case.file];
    for (const std::string_view file : CASE_FILES) {
        EXPECT_GT(per_file[std::string(file)], 20U) << GQLPARSER_DIR << "/" << file;
    }
    std::cout << "gqlparser cases: " << all_cases().size() << ", listed as deviations: " << deviations().size() << "\n";
}

TEST(GqlparserCases, EveryDeviationNamesAnExistingCase) {
    std::set<std::string> keys;
    for (const YmlCase& yml_case : all_cases()) keys.insert(yml_case.key());
    for (const auto& [key, deviation] : deviations()) {
        EXPECT_EQ(keys.count(key), 1U) << key << " (" << deviation.reason << ")";
    }
}

TEST(GqlparserCases, RewritesOldWordingIntoV16) {
    EXPECT_EQ(to_graphql_js_v16("Expected Name, found }"), "Syntax Error: Expected Name, found \"}\".");
    EXPECT_EQ(to_graphql_js_v16("Expected \"on\", found Name \"Type\""),
              "Syntax Error: Expected \"on\", found Name \"Type\".");
    EXPECT_EQ(to_graphql_js_v16("Unexpected <EOF>"), "Syntax Error: Unexpected <EOF>.");
    EXPECT_EQ(to_graphql_js_v16("Cannot contain the invalid character \"\\u0007\""),
              "Syntax Error: Unexpected character: U+0007.");
    EXPECT_EQ(to_graphql_js_v16("Invalid character escape sequence: \\u1 es."),
              "Syntax Error: Invalid Unicode escape sequence: \"\\u1 es\".");
}

}  // namespace
}  // namespace rampart::graphql
