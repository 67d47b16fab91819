#include "graphql/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::graphql {

// Internal linkage: other test files may print locations their own way.
static void PrintTo(const Location& location, std::ostream* out) { *out << location.line << ":" << location.column; }

namespace {

namespace fs = std::filesystem;

/// "message @line:column" of a failed parse, or the printed document.
std::string outcome(std::string_view source, const ParseLimits& limits = {}) {
    const ParseResult result = parse(source, limits);
    if (result.document) return print(*result.document);
    if (!result.error) return "neither a document nor an error";
    EXPECT_EQ(result.error->code, "GRAPHQL_PARSE_FAILED");
    EXPECT_EQ(result.error->locations.size(), 1U);
    const Location at = result.error->locations.empty() ? Location{} : result.error->locations.front();
    return result.error->message + " @" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

ast::Document parsed(std::string_view source) {
    ParseResult result = parse(source);
    EXPECT_TRUE(result.document) << source.substr(0, 200) << "\n" << (result.error ? result.error->message : "");
    return result.document ? std::move(*result.document) : ast::Document{};
}

template <typename T>
const T& definition(const ast::Document& document, size_t index) {
    static const T empty{};
    if (index >= document.definitions.size() || !std::holds_alternative<T>(document.definitions[index])) {
        ADD_FAILURE() << "definition " << index << " is not of the expected kind";
        return empty;
    }
    return std::get<T>(document.definitions[index]);
}

// Data-driven cases ---------------------------------------------------------------
// tests/data/graphql/parser/<name>.graphql beside <name>.expected: the
// document as graphql-js v16 `print` prints it, or its syntax error as
// "message @line:column". The expected files were produced with graphql-js
// v16; RAMPART_REBASELINE=1 rewrites them from Rampart's output (review the
// diff before keeping it).

fs::path cases_dir() { return fs::path(RAMPART_TEST_DATA_DIR) / "graphql" / "parser"; }

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cases_dir(), error)) {
        if (entry.path().extension() == ".graphql") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class ParserCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ParserCase, PrintsOrFailsAsGraphqlJs) {
    const std::string source = read_file(cases_dir() / (GetParam() + ".graphql"));
    const std::string actual = outcome(source) + "\n";
    const fs::path expected_path = cases_dir() / (GetParam() + ".expected");
    const char* rebaseline = std::getenv("RAMPART_REBASELINE");
    if (rebaseline != nullptr && std::string_view(rebaseline) == "1") {
        std::ofstream(expected_path, std::ios::binary) << actual;
        GTEST_SKIP() << "rebaselined " << expected_path;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "no " << expected_path << "; run with RAMPART_REBASELINE=1";
    EXPECT_EQ(actual, read_file(expected_path));
    // A printed document parses back to itself.
    const ParseResult result = parse(source);
    if (result.document) {
        const std::string printed = print(*result.document);
        EXPECT_EQ(outcome(printed), printed);
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ParserCase, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(ParserCases, AreThere) { EXPECT_GT(case_names().size(), 50U) << cases_dir(); }

// Executable documents (GraphQL spec §2) ----------------------------------------

TEST(Parser, ShorthandQuery) {
    const ast::Document document = parsed("{ __typename }");
    ASSERT_EQ(document.definitions.size(), 1U);
    const auto& operation = definition<ast::OperationDefinition>(document, 0);
    EXPECT_TRUE(operation.shorthand);
    EXPECT_EQ(operation.operation, ast::OperationType::Query);
    EXPECT_FALSE(operation.name);
    EXPECT_EQ(operation.loc, (Location{1, 1}));
    EXPECT_EQ(operation.selection_set.loc, (Location{1, 1}));
    ASSERT_EQ(operation.selection_set.selections.size(), 1U);
    const ast::Selection& field = operation.selection_set.selections[0];
    EXPECT_EQ(field.kind, ast::Selection::Kind::Field);
    EXPECT_EQ(field.name.value, "__typename");
    EXPECT_EQ(field.response_key(), "__typename");
    EXPECT_EQ(field.loc, (Location{1, 3}));
    EXPECT_EQ(field.selection_set.loc.line, 0U);
    EXPECT_TRUE(field.selection_set.selections.empty());
}

TEST(Parser, OperationsWithEverything) {
    const ast::Document document = parsed(
        "query Q($id: ID! = \"1\" @v, $list: [[Int!]]) @op {\n"
        "  alias: node(id: $id, n: [1, 2.5, \"s\", true, null, RED, {a: $list}]) @skip(if: false) {\n"
        "    ...Frag @spread\n"
        "    ... on User @inline { name }\n"
        "    ... { id }\n"
        "  }\n"
        "}\n"
        "mutation { m }\n"
        "subscription S { s }\n"
        "fragment Frag on Node @frag { id }\n");
    ASSERT_EQ(document.definitions.size(), 4U);
    const auto& query = definition<ast::OperationDefinition>(document, 0);
    EXPECT_FALSE(query.shorthand);
    ASSERT_TRUE(query.name);
    EXPECT_EQ(query.name->value, "Q");
    EXPECT_EQ(query.name->loc, (Location{1, 7}));
    ASSERT_EQ(query.variables.size(), 2U);
    const ast::VariableDefinition& id = query.variables[0];
    EXPECT_EQ(id.variable.value, "id");
    EXPECT_EQ(id.loc, (Location{1, 9}));
    EXPECT_EQ(id.variable.loc, (Location{1, 10}));
    EXPECT_EQ(id.type.name.value, "ID");
    EXPECT_EQ(id.type.wrappers, std::vector<ast::TypeWrapper>{ast::TypeWrapper::NonNull});
    EXPECT_EQ(id.type.loc, (Location{1, 14}));
    ASSERT_TRUE(id.default_value);
    EXPECT_EQ(id.default_value->kind, ast::ValueKind::String);
    EXPECT_EQ(id.default_value->text, "1");
    EXPECT_EQ(id.default_value->loc, (Location{1, 20}));
    ASSERT_EQ(id.directives.size(), 1U);
    EXPECT_EQ(id.directives[0].name.value, "v");
    const ast::TypeRef& list = query.variables[1].type;
    EXPECT_EQ(list.name.value, "Int");
    EXPECT_EQ(list.name.loc, (Location{1, 37}));
    EXPECT_EQ(list.wrappers, (std::vector<ast::TypeWrapper>{ast::TypeWrapper::List, ast::TypeWrapper::List,
                                                            ast::TypeWrapper::NonNull}));
    EXPECT_EQ(print_type(list), "[[Int!]]");
    ASSERT_EQ(query.directives.size(), 1U);
    EXPECT_EQ(query.directives[0].loc, (Location{1, 45}));

    ASSERT_EQ(query.selection_set.selections.size(), 1U);
    const ast::Selection& node = query.selection_set.selections[0];
    ASSERT_TRUE(node.alias);
    EXPECT_EQ(node.alias->value, "alias");
    EXPECT_EQ(node.name.value, "node");
    EXPECT_EQ(node.response_key(), "alias");
    EXPECT_EQ(node.loc, (Location{2, 3}));
    EXPECT_EQ(node.name.loc, (Location{2, 10}));
    ASSERT_EQ(node.arguments.size(), 2U);
    EXPECT_EQ(node.arguments[0].loc, (Location{2, 15}));
    EXPECT_EQ(node.arguments[0].value.kind, ast::ValueKind::Variable);
    EXPECT_EQ(node.arguments[0].value.text, "id");
    const ast::Value& values = node.arguments[1].value;
    ASSERT_EQ(values.kind, ast::ValueKind::List);
    ASSERT_EQ(values.list.size(), 7U);
    EXPECT_EQ(values.list[0].kind, ast::ValueKind::Int);
    EXPECT_EQ(values.list[1].kind, ast::ValueKind::Float);
    EXPECT_EQ(values.list[1].text, "2.5");
    EXPECT_EQ(values.list[2].kind, ast::ValueKind::String);
    EXPECT_EQ(values.list[3].kind, ast::ValueKind::Boolean);
    EXPECT_TRUE(values.list[3].boolean);
    EXPECT_EQ(values.list[4].kind, ast::ValueKind::Null);
    EXPECT_EQ(values.list[5].kind, ast::ValueKind::Enum);
    EXPECT_EQ(values.list[5].text, "RED");
    ASSERT_EQ(values.list[6].kind, ast::ValueKind::Object);
    ASSERT_EQ(values.list[6].fields.size(), 1U);
    EXPECT_EQ(values.list[6].fields[0].name.value, "a");
    EXPECT_EQ(values.list[6].fields[0].loc, (Location{2, 59}));
    EXPECT_EQ(values.list[6].fields[0].value.text, "list");
    EXPECT_EQ(node.directives.size(), 1U);

    const auto& selections = node.selection_set.selections;
    ASSERT_EQ(selections.size(), 3U);
    EXPECT_EQ(selections[0].kind, ast::Selection::Kind::FragmentSpread);
    EXPECT_EQ(selections[0].name.value, "Frag");
    EXPECT_EQ(selections[0].loc, (Location{3, 5}));
    EXPECT_EQ(selections[0].directives.size(), 1U);
    EXPECT_EQ(selections[1].kind, ast::Selection::Kind::InlineFragment);
    ASSERT_TRUE(selections[1].type_condition);
    EXPECT_EQ(selections[1].type_condition->value, "User");
    EXPECT_EQ(selections[1].type_condition->loc, (Location{4, 12}));
    EXPECT_EQ(selections[1].selection_set.selections.size(), 1U);
    EXPECT_EQ(selections[2].kind, ast::Selection::Kind::InlineFragment);
    EXPECT_FALSE(selections[2].type_condition);

    const auto& mutation = definition<ast::OperationDefinition>(document, 1);
    EXPECT_EQ(mutation.operation, ast::OperationType::Mutation);
    EXPECT_FALSE(mutation.shorthand);
    EXPECT_EQ(mutation.loc, (Location{8, 1}));
    EXPECT_EQ(definition<ast::OperationDefinition>(document, 2).operation, ast::OperationType::Subscription);
    const auto& fragment = definition<ast::FragmentDefinition>(document, 3);
    EXPECT_EQ(fragment.name.value, "Frag");
    EXPECT_EQ(fragment.type_condition.value, "Node");
    EXPECT_EQ(fragment.directives.size(), 1U);
    EXPECT_EQ(fragment.loc, (Location{10, 1}));
}

TEST(Parser, StringValuesAreDecoded) {
    const ast::Document document = parsed("{ f(a: \"x\\ny\\u00e9\", b: \"\"\"\n    block\n      text\n  \"\"\") }");
    const auto& field = definition<ast::OperationDefinition>(document, 0).selection_set.selections[0];
    EXPECT_EQ(field.arguments[0].value.text, "x\ny\xC3\xA9");
    EXPECT_FALSE(field.arguments[0].value.block_string);
    EXPECT_EQ(field.arguments[1].value.text, "block\n  text");
    EXPECT_TRUE(field.arguments[1].value.block_string);
}

TEST(Parser, LocationsCountLinesAndCodePoints) {
    const ast::Document document = parsed("# é\r\n{\r  a(x: \"é😀\") b: c\n\td\n}");
    const auto& selections = definition<ast::OperationDefinition>(document, 0).selection_set.selections;
    ASSERT_EQ(selections.size(), 3U);
    EXPECT_EQ(selections[0].loc, (Location{3, 3}));
    EXPECT_EQ(selections[1].loc, (Location{3, 14}));
    EXPECT_EQ(selections[1].name.loc, (Location{3, 17}));
    EXPECT_EQ(selections[2].loc, (Location{4, 2}));
    EXPECT_EQ(outcome("# é\r\n{\r  a(x: \"é😀\") ? }"), "Syntax Error: Unexpected character: \"?\". @3:14");
    EXPECT_EQ(outcome("{ a(x: \"é😀\") \"s\" }"), "Syntax Error: Expected Name, found String \"s\". @1:14");
}

// Type system definitions (GraphQL spec §3) --------------------------------------

TEST(Parser, TypeSystemDefinitions) {
    const ast::Document document = parsed(
        "\"\"\"The schema\"\"\" schema @s { query: Q mutation: M subscription: S }\n"
        "\"scalar\" scalar Date @d\n"
        "type T implements & I & J @t { \"f\" f(\"a\" a: Int = 1 @x, b: [In!]): [T] @y g: Int }\n"
        "interface I implements J { f: Int }\n"
        "union U @u = | A | B\n"
        "enum E { \"a\" A @e, B }\n"
        "input In { a: Int = 2 @z, b: String }\n"
        "\"\"\"d\"\"\" directive @d(a: Int) repeatable on | FIELD | QUERY\n");
    ASSERT_EQ(document.definitions.size(), 8U);
    const auto& schema = definition<ast::SchemaDefinition>(document, 0);
    EXPECT_FALSE(schema.extension);
    EXPECT_EQ(schema.description, "The schema");
    EXPECT_EQ(schema.loc, (Location{1, 1}));
    EXPECT_EQ(schema.directives.size(), 1U);
    ASSERT_EQ(schema.operation_types.size(), 3U);
    EXPECT_EQ(schema.operation_types[1].operation, ast::OperationType::Mutation);
    EXPECT_EQ(schema.operation_types[1].type.value, "M");
    EXPECT_EQ(schema.operation_types[2].loc, (Location{1, 51}));

    const auto& scalar = definition<ast::TypeDefinition>(document, 1);
    EXPECT_EQ(scalar.kind, ast::TypeDefinitionKind::Scalar);
    EXPECT_EQ(scalar.description, "scalar");
    EXPECT_EQ(scalar.name.value, "Date");
    EXPECT_EQ(scalar.loc, (Location{2, 1}));

    const auto& object = definition<ast::TypeDefinition>(document, 2);
    EXPECT_EQ(object.kind, ast::TypeDefinitionKind::Object);
    EXPECT_FALSE(object.description);
    ASSERT_EQ(object.interfaces.size(), 2U);
    EXPECT_EQ(object.interfaces[1].value, "J");
    ASSERT_EQ(object.fields.size(), 2U);
    const ast::FieldDefinition& f = object.fields[0];
    EXPECT_EQ(f.description, "f");
    EXPECT_EQ(f.loc, (Location{3, 32}));
    EXPECT_EQ(f.name.value, "f");
    ASSERT_EQ(f.arguments.size(), 2U);
    EXPECT_EQ(f.arguments[0].description, "a");
    EXPECT_EQ(f.arguments[0].loc, (Location{3, 38}));
    ASSERT_TRUE(f.arguments[0].default_value);
    EXPECT_EQ(f.arguments[0].default_value->text, "1");
    EXPECT_EQ(f.arguments[0].directives.size(), 1U);
    EXPECT_EQ(print_type(f.arguments[1].type), "[In!]");
    EXPECT_EQ(print_type(f.type), "[T]");
    EXPECT_EQ(f.directives.size(), 1U);

    const auto& interface = definition<ast::TypeDefinition>(document, 3);
    EXPECT_EQ(interface.kind, ast::TypeDefinitionKind::Interface);
    EXPECT_EQ(interface.interfaces.size(), 1U);

    const auto& union_type = definition<ast::TypeDefinition>(document, 4);
    EXPECT_EQ(union_type.kind, ast::TypeDefinitionKind::Union);
    ASSERT_EQ(union_type.union_members.size(), 2U);
    EXPECT_EQ(union_type.union_members[0].value, "A");
    EXPECT_EQ(union_type.directives.size(), 1U);

    const auto& enum_type = definition<ast::TypeDefinition>(document, 5);
    ASSERT_EQ(enum_type.enum_values.size(), 2U);
    EXPECT_EQ(enum_type.enum_values[0].description, "a");
    EXPECT_EQ(enum_type.enum_values[0].name.value, "A");
    EXPECT_EQ(enum_type.enum_values[0].directives.size(), 1U);
    EXPECT_EQ(enum_type.enum_values[1].loc, (Location{6, 20}));

    const auto& input = definition<ast::TypeDefinition>(document, 6);
    EXPECT_EQ(input.kind, ast::TypeDefinitionKind::InputObject);
    ASSERT_EQ(input.input_fields.size(), 2U);
    EXPECT_EQ(input.input_fields[0].default_value->text, "2");

    const auto& directive = definition<ast::DirectiveDefinition>(document, 7);
    EXPECT_EQ(directive.description, "d");
    EXPECT_EQ(directive.name.value, "d");
    EXPECT_TRUE(directive.repeatable);
    ASSERT_EQ(directive.locations.size(), 2U);
    EXPECT_EQ(directive.locations[1].value, "QUERY");
    EXPECT_EQ(directive.arguments.size(), 1U);
    EXPECT_EQ(directive.loc, (Location{8, 1}));
}

TEST(Parser, TypeSystemExtensions) {
    const ast::Document document = parsed(
        "extend schema @s { subscription: S }\n"
        "extend scalar Date @d\n"
        "extend type T implements I\n"
        "extend interface I @i\n"
        "extend union U = C\n"
        "extend enum E { C }\n"
        "extend input In { c: Int }\n");
    ASSERT_EQ(document.definitions.size(), 7U);
    const auto& schema = definition<ast::SchemaDefinition>(document, 0);
    EXPECT_TRUE(schema.extension);
    EXPECT_EQ(schema.operation_types.size(), 1U);
    const std::vector<ast::TypeDefinitionKind> kinds = {
        ast::TypeDefinitionKind::Scalar, ast::TypeDefinitionKind::Object, ast::TypeDefinitionKind::Interface,
        ast::TypeDefinitionKind::Union,  ast::TypeDefinitionKind::Enum,   ast::TypeDefinitionKind::InputObject,
    };
    for (size_t i = 0; i < kinds.size(); ++i) {
        const auto& type = definition<ast::TypeDefinition>(document, i + 1);
        EXPECT_TRUE(type.extension) << i;
        EXPECT_EQ(type.kind, kinds[i]) << i;
        EXPECT_EQ(type.loc, (Location{static_cast<uint32_t>(i + 2), 1})) << i;
    }
}

TEST(Parser, MixedDocumentsParse) {
    // Whether executable and type system definitions may be mixed is for
    // validation to say (§5.1.1).
    const ast::Document document = parsed("type Query { a: Int } { a }");
    EXPECT_EQ(document.definitions.size(), 2U);
}

// Limits ------------------------------------------------------------------------------

TEST(ParserLimits, DocumentSize) {
    ParseLimits limits;
    limits.max_document_bytes = 14;
    EXPECT_EQ(outcome("{ __typename }", limits), "{\n  __typename\n}");
    EXPECT_EQ(outcome("{ __typename  }", limits), "Syntax Error: Document size exceeds the limit of 14 bytes. @1:1");
    const std::string big(ParseLimits{}.max_document_bytes + 1, ' ');
    EXPECT_EQ(outcome(big), "Syntax Error: Document size exceeds the limit of 1048576 bytes. @1:1");
}

TEST(ParserLimits, TokenCount) {
    ParseLimits limits;
    limits.max_tokens = 3;
    EXPECT_EQ(outcome("{ a }", limits), "{\n  a\n}");
    EXPECT_EQ(outcome("{ a b }", limits), "Syntax Error: Document contains more than 3 tokens. Parsing aborted. @1:7");
    // Comments and commas are not tokens.
    EXPECT_EQ(outcome("# c\n{ a,,, } # d", limits), "{\n  a\n}");

    std::string many = "{";
    for (int i = 0; i < 20000; ++i) many += " a";
    many += " }";
    EXPECT_EQ(outcome(many), "Syntax Error: Document contains more than 15000 tokens. Parsing aborted. @1:30001");
}

std::string repeated(std::string_view text, size_t count) {
    std::string result;
    result.reserve(text.size() * count);
    for (size_t i = 0; i < count; ++i) result += text;
    return result;
}

TEST(ParserLimits, NestingOfTenThousandBracketsIsAnErrorNotACrash) {
    const std::string message = "Syntax Error: Document nesting exceeds the limit of 128.";
    // List values.
    EXPECT_EQ(outcome("{ f(a: " + repeated("[", 10000) + repeated("]", 10000) + ") }"), message + " @1:135");
    // Object values.
    EXPECT_EQ(outcome("{ f(a: " + repeated("{a: ", 10000) + "1" + repeated("}", 10000) + ") }"),
              message + " @1:" + std::to_string(8 + 4 * 127));
    // Selection sets.
    EXPECT_EQ(outcome(repeated("{a", 10000) + repeated("}", 10000)), message + " @1:257");
    // List types, also in the type system.
    EXPECT_EQ(outcome("query ($a: " + repeated("[", 10000) + "Int" + repeated("]", 10000) + ") { f }"),
              message + " @1:140");
    EXPECT_EQ(outcome("type T { f: " + repeated("[", 10000) + "Int" + repeated("]", 10000) + " }"),
              message + " @1:141");
    // Unclosed, as a fuzzer would send it.
    EXPECT_EQ(outcome(repeated("[", 100000)), "Syntax Error: Unexpected \"[\". @1:1");
    EXPECT_EQ(outcome("{ f(a: " + repeated("[{a: ", 100000)), message + " @1:" + std::to_string(9 + 5 * 63));
    EXPECT_EQ(outcome(repeated("{", 100000)), "Syntax Error: Expected Name, found \"{\". @1:2");
    EXPECT_EQ(outcome(repeated("{ a ", 100000)), message + " @1:" + std::to_string(1 + 4 * 128));
}

TEST(ParserLimits, NestingUpToTheLimitParses) {
    // Selection sets, lists and list types count together.
    const std::string at_limit =
        repeated("{a", 64) + "(x: " + repeated("[", 64) + repeated("]", 64) + ")" + repeated("}", 64);
    EXPECT_EQ(parse(at_limit).error, std::nullopt);
    const std::string over =
        repeated("{a", 64) + "(x: " + repeated("[", 65) + repeated("]", 65) + ")" + repeated("}", 64);
    EXPECT_EQ(outcome(over),
              "Syntax Error: Document nesting exceeds the limit of 128. @1:" + std::to_string(128 + 4 + 65));

    ParseLimits limits;
    limits.max_depth = 2;
    EXPECT_EQ(outcome("{ a { b } }", limits), "{\n  a {\n    b\n  }\n}");
    EXPECT_EQ(outcome("{ a { b { c } } }", limits), "Syntax Error: Document nesting exceeds the limit of 2. @1:9");
}

TEST(ParserLimits, HugeStringsParse) {
    const std::string text(size_t{1000} * 1000, 'x');
    ParseLimits limits;
    limits.max_document_bytes = size_t{4} * 1000 * 1000;
    const ParseResult result = parse("{ f(a: \"" + text + "\", b: \"\"\"" + text + "\"\"\") }", limits);
    ASSERT_TRUE(result.document);
    const auto& field = definition<ast::OperationDefinition>(*result.document, 0).selection_set.selections.at(0);
    ASSERT_EQ(field.arguments.size(), 2U);
    EXPECT_EQ(field.arguments[0].value.text.size(), text.size());
    EXPECT_EQ(field.arguments[1].value.text.size(), text.size());
}

TEST(Parser, InvalidUtf8IsASyntaxError) {
    EXPECT_EQ(outcome("{ f(a: \"\xC3\x28\") }"),
              "Syntax Error: Invalid character within String: byte 0xC3 (invalid UTF-8). @1:9");
    EXPECT_EQ(outcome("{ f \xFF }"), "Syntax Error: Invalid character: byte 0xFF (invalid UTF-8). @1:5");
    EXPECT_EQ(outcome("\"\"\"\xED\xBF\xBF\"\"\" scalar S"),
              "Syntax Error: Invalid character within String: byte 0xED (invalid UTF-8). @1:4");
    EXPECT_EQ(outcome("# \xF5\x80\x80\x80\n{ a }"), "Syntax Error: Invalid character: byte 0xF5 (invalid UTF-8). @1:3");
}

TEST(Parser, TheFirstErrorWins) {
    // A lexical error beyond a syntax error is never reached.
    EXPECT_EQ(outcome("{ a ) \xFF"), "Syntax Error: Expected Name, found \")\". @1:5");
    // A lexical error in the token after a description is reported.
    EXPECT_EQ(outcome("\"d\" ?"), "Syntax Error: Unexpected character: \"?\". @1:5");
}

// Values, types and printing ------------------------------------------------------------

TEST(ParseValue, ParsesOneValue) {
    const auto value = parse_value("{a: [1, -2.5e3, \"x\", $v, ENUM, null, true]}");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->kind, ast::ValueKind::Object);
    EXPECT_EQ(value->loc, (Location{1, 1}));
    EXPECT_EQ(print_value(*value), "{a: [1, -2.5e3, \"x\", $v, ENUM, null, true]}");

    GraphQLError error;
    EXPECT_FALSE(parse_value("1 2", &error));
    EXPECT_EQ(error.message, "Syntax Error: Expected <EOF>, found Int \"2\".");
    EXPECT_EQ(error.locations, std::vector<Location>{(Location{1, 3})});
    EXPECT_EQ(error.code, "GRAPHQL_PARSE_FAILED");
    EXPECT_FALSE(parse_value("", &error));
    EXPECT_EQ(error.message, "Syntax Error: Unexpected <EOF>.");
    EXPECT_FALSE(parse_value(repeated("[", 10000)));
}

TEST(PrintValue, PrintsAsGraphqlJs) {
    ast::Value value;
    value.kind = ast::ValueKind::String;
    value.text = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' + " del \x7F c1 \xC2\x85 é";
    EXPECT_EQ(print_value(value),
              "\"quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000 del \\u007F c1 \\u0085 é\"");
    value.block_string = true;
    value.text = "block \"\"\" with quotes";
    EXPECT_EQ(print_value(value), "\"\"\"block \\\"\"\" with quotes\"\"\"");
    value.text = "ends with \"";
    EXPECT_EQ(print_value(value), "\"\"\"\nends with \"\n\"\"\"");
    value.text = "  leading space";
    EXPECT_EQ(print_value(value), "\"\"\"  leading space\"\"\"");
    value.text = "two\nlines";
    EXPECT_EQ(print_value(value), "\"\"\"\ntwo\nlines\n\"\"\"");

    ast::Value list;
    list.kind = ast::ValueKind::List;
    EXPECT_EQ(print_value(list), "[]");
    ast::Value object;
    object.kind = ast::ValueKind::Object;
    EXPECT_EQ(print_value(object), "{}");
}

TEST(PrintType, PrintsWrappersOutermostFirst) {
    ast::TypeRef type;
    type.name.value = "Int";
    EXPECT_EQ(print_type(type), "Int");
    type.wrappers = {ast::TypeWrapper::NonNull, ast::TypeWrapper::List, ast::TypeWrapper::NonNull};
    EXPECT_EQ(print_type(type), "[Int!]!");
    type.wrappers = {ast::TypeWrapper::List, ast::TypeWrapper::List};
    EXPECT_EQ(print_type(type), "[[Int]]");
}

TEST(Print, DescriptionsPrintAsBlockStringsWhenTheyCan) {
    EXPECT_EQ(outcome("\"plain\" scalar A \"\"\"block\"\"\" scalar B \"two\\nlines\" scalar C \"\\n starts with "
                      "newline\" scalar D"),
              "\"\"\"plain\"\"\"\nscalar A\n\n\"\"\"block\"\"\"\nscalar B\n\n\"\"\"\ntwo\nlines\n\"\"\"\nscalar C\n\n"
              "\"\\n starts with newline\"\nscalar D");
}

}  // namespace
}  // namespace rampart::graphql
