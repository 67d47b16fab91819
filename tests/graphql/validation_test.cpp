// Validation as a whole: every error collected in one go, and the cost
// limits checked after the rules (depth, complexity, aliases, introspection).
// Rule by rule conformance with graphql-js lives in
// gqlparser_validation_test.cpp.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"

namespace rampart::graphql {
namespace {

constexpr std::string_view SDL = R"(
type Query {
  node(id: ID!): Node
  nodes(first: Int = 10): [Node]
  search(text: String!, kind: Kind): [Node]
  name: String
}

enum Kind { ITEM WEAKNESS }

type Node {
  id: ID!
  name: String
  kind: Kind
  child: Node
  children: [Node]
}
)";

class ValidationTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto built = Schema::build(SDL);
        ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Schema>>(built));
        m_schema = std::move(std::get<std::unique_ptr<Schema>>(built));
    }

    std::vector<GraphQLError> check(std::string_view query, const CostLimits& limits = {}) {
        ParseResult parsed = parse(query);
        EXPECT_TRUE(parsed.document.has_value()) << (parsed.error ? parsed.error->message : "");
        if (!parsed.document) return {};
        m_document = std::move(*parsed.document);
        return validate(*m_schema, m_document, limits);
    }

    static std::vector<std::string> messages(const std::vector<GraphQLError>& errors) {
        std::vector<std::string> texts;
        texts.reserve(errors.size());
        for (const auto& error : errors) texts.push_back(error.message);
        return texts;
    }

    /// `{ node(id: 1) { child { child { … name } } } }` with `depth` fields
    /// on the deepest path.
    static std::string nested_query(size_t depth) {
        std::string query = "{ node(id: 1) { ";
        for (size_t i = 2; i < depth; ++i) query += "child { ";
        query += "name";
        for (size_t i = 2; i < depth; ++i) query += " }";
        return query + " } }";
    }

    std::unique_ptr<Schema> m_schema;
    ast::Document m_document;
};

TEST_F(ValidationTest, AcceptsAValidQuery) {
    EXPECT_TRUE(check("query Q($id: ID!) { node(id: $id) { id name ...N } } fragment N on Node { kind }").empty());
}

TEST_F(ValidationTest, CollectsEveryErrorWithItsLocationAndCode) {
    const auto errors = check(R"(query Q($unused: Int) {
  node(id: 1) { nam }
  search(txt: "x") { id }
  nodes(first: "ten") { ...Missing }
})");
    // In the order of the document walk, as graphql-js reports them.
    EXPECT_EQ(messages(errors),
              (std::vector<std::string>{
                  "Cannot query field \"nam\" on type \"Node\". Did you mean \"name\"?",
                  "Unknown argument \"txt\" on field \"Query.search\". Did you mean \"text\"?",
                  std::string("Field \"search\" argument \"text\" of type \"String!\" is required, ") +
                      "but it was not provided.",
                  "Int cannot represent non-integer value: \"ten\"",
                  "Unknown fragment \"Missing\".",
                  "Variable \"$unused\" is never used in operation \"Q\".",
              }));
    ASSERT_EQ(errors.size(), 6U);
    EXPECT_EQ(errors[0].locations, (std::vector<Location>{{2, 17}}));
    EXPECT_EQ(errors[2].locations, (std::vector<Location>{{3, 3}}));
    EXPECT_EQ(errors[3].locations, (std::vector<Location>{{4, 16}}));
    EXPECT_EQ(errors[5].locations, (std::vector<Location>{{1, 9}}));
    for (const auto& error : errors) EXPECT_EQ(error.code, "GRAPHQL_VALIDATION_FAILED");
}

TEST_F(ValidationTest, StopsAfterOneHundredErrorsAsGraphqlJsDoes) {
    std::string query = "{";
    for (int i = 0; i < 150; ++i) query += " f" + std::to_string(i) + ": nope";
    const auto errors = check(query + " }");
    ASSERT_EQ(errors.size(), 101U);
    EXPECT_EQ(errors.back().message, "Too many validation errors, error limit reached. Validation aborted.");
    EXPECT_EQ(errors.back().code, "GRAPHQL_VALIDATION_FAILED");
}

TEST_F(ValidationTest, RunsOneRuleByName) {
    ParseResult parsed = parse("{ node(id: 1) { nam } } fragment Unused on Node { id }");
    ASSERT_TRUE(parsed.document);
    EXPECT_EQ(messages(validate_rule(*m_schema, *parsed.document, "NoUnusedFragments")),
              (std::vector<std::string>{"Fragment \"Unused\" is never used."}));
    EXPECT_EQ(messages(validate_rule(*m_schema, *parsed.document, "FieldsOnCorrectTypeRule")),
              (std::vector<std::string>{"Cannot query field \"nam\" on type \"Node\". Did you mean \"name\"?"}));
    EXPECT_EQ(messages(validate_rule(*m_schema, *parsed.document, "NoSuchRule")),
              (std::vector<std::string>{"Unknown validation rule \"NoSuchRule\"."}));
}

TEST_F(ValidationTest, RefusesDepthBeyondTheLimit) {
    EXPECT_TRUE(check(nested_query(15)).empty());
    const auto errors = check(nested_query(16));
    ASSERT_EQ(errors.size(), 1U);
    EXPECT_EQ(errors[0].message, "Query depth 16 exceeds the maximum depth of 15.");
    EXPECT_EQ(errors[0].code, "GRAPHQL_VALIDATION_FAILED");
    EXPECT_EQ(errors[0].locations, (std::vector<Location>{{1, 1}}));
}

TEST_F(ValidationTest, CountsDepthThroughFragmentsAndInlineFragments) {
    CostLimits limits;
    limits.max_depth = 4;
    // node › child › child › child › name = 5 fields deep.
    const auto errors = check(R"(
query Deep { node(id: 1) { ...A } }
fragment A on Node { child { ... on Node { child { ...B } } } }
fragment B on Node { child { name } }
)",
                              limits);
    EXPECT_EQ(messages(errors), (std::vector<std::string>{"Query depth 5 exceeds the maximum depth of 4."}));
    EXPECT_EQ(errors[0].locations, (std::vector<Location>{{2, 1}}));
}

TEST_F(ValidationTest, CountsIntrospectionInTheDepth) {
    CostLimits limits;
    limits.max_depth = 4;
    EXPECT_EQ(messages(check("{ __schema { types { fields { type { name } } } } }", limits)),
              (std::vector<std::string>{"Query depth 5 exceeds the maximum depth of 4."}));
    EXPECT_TRUE(check("{ __schema { types { fields { name } } } }", limits).empty());
}

TEST_F(ValidationTest, RefusesComplexityBeyondTheLimitWithFragmentsExpanded) {
    CostLimits limits;
    limits.max_complexity = 10;
    // Each spread of F counts its three fields again: 1 + 3 × (1 + 3) = 13.
    const auto errors = check(R"({ nodes { a: child { ...F } b: child { ...F } c: child { ...F } } }
fragment F on Node { id name kind })",
                              limits);
    EXPECT_EQ(messages(errors),
              (std::vector<std::string>{"Query complexity 13 exceeds the maximum complexity of 10."}));
}

TEST_F(ValidationTest, ExponentialFragmentExpansionIsMeasuredQuicklyAndSaturates) {
    // Each fragment spreads the previous one twice: 2^60 fields once
    // expanded. The rules accept it; the meter measures each fragment once.
    std::string query = "{ nodes { ...F60 } }\nfragment F0 on Node { id }\n";
    for (int i = 1; i <= 60; ++i) {
        query += "fragment F" + std::to_string(i) + " on Node { a" + std::to_string(i) + ": child { ...F" +
                 std::to_string(i - 1) + " } b" + std::to_string(i) + ": child { ...F" + std::to_string(i - 1) +
                 " } }\n";
    }
    CostLimits limits;
    limits.max_depth = 1000;
    // Measuring each fragment once is what lets this finish at all (the
    // suite's time-out catches an expansion); no wall-clock assertion here.
    const auto errors = check(query, limits);
    ASSERT_EQ(errors.size(), 2U) << (errors.empty() ? "" : errors[0].message);
    EXPECT_TRUE(errors[0].message.starts_with("Query complexity ")) << errors[0].message;
    EXPECT_TRUE(errors[1].message.starts_with("Query alias count ")) << errors[1].message;
}

TEST_F(ValidationTest, RefusesTooManyAliases) {
    CostLimits limits;
    limits.max_aliases = 3;
    EXPECT_TRUE(check("{ a: name b: name c: name }", limits).empty());
    EXPECT_EQ(messages(check("{ a: name b: name c: name d: name }", limits)),
              (std::vector<std::string>{"Query alias count 4 exceeds the maximum alias count of 3."}));
    // Aliases inside a fragment count at every spread.
    EXPECT_EQ(messages(check("{ nodes { ...F } node(id: 1) { ...F } } fragment F on Node { x: id y: id }", limits)),
              (std::vector<std::string>{"Query alias count 4 exceeds the maximum alias count of 3."}));
}

TEST_F(ValidationTest, ChecksEachOperationOfTheDocument) {
    CostLimits limits;
    limits.max_aliases = 1;
    EXPECT_EQ(messages(check("query A { a: name } query B { a: name b: name }", limits)),
              (std::vector<std::string>{"Query alias count 2 exceeds the maximum alias count of 1."}));
}

TEST_F(ValidationTest, ChecksCostsOnlyWhenTheRulesPass) {
    std::string query = nested_query(20);
    query.replace(query.find("name"), 4, "zzzz");
    EXPECT_EQ(messages(check(query)), (std::vector<std::string>{"Cannot query field \"zzzz\" on type \"Node\"."}));
}

TEST_F(ValidationTest, RefusesIntrospectionWhenSwitchedOff) {
    CostLimits limits;
    limits.introspection = false;
    EXPECT_EQ(messages(check("{ __schema { queryType { name } } }", limits)),
              (std::vector<std::string>{
                  "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\".",
                  "GraphQL introspection has been disabled, but the requested query contained the field "
                  "\"queryType\".",
              }));
    EXPECT_EQ(messages(check("{ __type(name: \"Node\") { name } }", limits)),
              (std::vector<std::string>{
                  "GraphQL introspection has been disabled, but the requested query contained the field \"__type\"."}));
    EXPECT_TRUE(check("{ __typename node(id: 1) { __typename } }", limits).empty());
    // Switched on, the same document is valid.
    EXPECT_TRUE(check("{ __schema { queryType { name } } }").empty());
}

TEST_F(ValidationTest, RefusesDeeplyNestedIntrospectionLists) {
    // graphql-js's MaxIntrospectionDepth: three nested introspection lists.
    CostLimits limits;
    limits.max_depth = 100;
    EXPECT_EQ(
        messages(check("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }", limits)),
        (std::vector<std::string>{"Maximum introspection depth exceeded"}));
}

TEST_F(ValidationTest, ManyOverlappingFragmentsAreComparedOnce) {
    // Every fragment compared with every other: the pairs are memoised.
    std::string query = "{ nodes {";
    std::string fragments;
    for (int i = 0; i < 300; ++i) {
        query += " ...F" + std::to_string(i);
        fragments += "fragment F" + std::to_string(i) + " on Node { name child { id } }\n";
    }
    const auto errors = check(query + " } }\n" + fragments);
    EXPECT_TRUE(errors.empty() || errors.back().message == "Validation aborted.")
        << (errors.empty() ? "" : errors.front().message);
}

}  // namespace
}  // namespace rampart::graphql
