#include <gtest/gtest.h>

#include <string>

#include "graphql_test_support.h"

namespace rampart::graphql {
namespace {

using testing::build_schema;
using testing::parse_json;
using testing::run;
using testing::text;

std::string introspection_query() {
    // graphql-js getIntrospectionQuery({descriptions, specifiedByUrl,
    // directiveIsRepeatable, schemaDescription, inputValueDeprecation}).
    return rampart::testing::read_file(
        rampart::testing::test_data("graphql/introspection/introspection_query.graphql"));
}

// --- The full introspection query against graphql-js's answers,
// tests/data/graphql/introspection.

class IntrospectionCase : public ::testing::TestWithParam<std::string> {};

TEST_P(IntrospectionCase, AnswersAsGraphqlJs) {
    auto folder = rampart::testing::test_data("graphql/introspection");
    auto spec = parse_json(rampart::testing::read_file(folder / (GetParam() + ".json"))).as_object();
    auto expected = parse_json(rampart::testing::read_file(folder / (GetParam() + ".expected.json")));
    auto schema = build_schema(rampart::testing::read_file(folder / std::string(spec.at("schema").as_string())));
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(text(run(*schema, introspection_query())), text(expected));
}

INSTANTIATE_TEST_SUITE_P(Data, IntrospectionCase,
                         ::testing::ValuesIn(testing::data_files("graphql/introspection", ".json")));

// --- Specific answers (GraphQL spec §4)

constexpr const char* SDL = R"(
"A test schema."
schema { query: Query }

"Marks a field for auditing."
directive @audit(level: Int = 1) repeatable on FIELD_DEFINITION

interface Node { id: ID! }

"An application."
type App implements Node {
  id: ID!
  "Its name."
  name: String @deprecated(reason: "Use title.")
  title: String
  hosts(first: Int = 10, after: String @deprecated): [Host!]!
}

type Host implements Node { id: ID! address: String }

union Asset = App | Host

enum Level { LOW MEDIUM @deprecated HIGH }

input Filter {
  level: Level = MEDIUM
  names: [String!] = ["a"]
  legacy: Boolean @deprecated(reason: "Gone.")
}

scalar Url @specifiedBy(url: "https://url.spec.whatwg.org/")

type Query {
  node(id: ID!): Node
  assets(filter: Filter = {level: HIGH}): [Asset]
  home: Url
}
)";

class Introspection : public ::testing::Test {
protected:
    void SetUp() override {
        m_schema = build_schema(SDL);
        ASSERT_NE(m_schema, nullptr);
    }
    std::string ask(std::string_view query) { return text(run(*m_schema, query)); }

    std::unique_ptr<Schema> m_schema;
};

TEST_F(Introspection, Spec_4_2_TypeFieldsAndTheirTypes) {
    EXPECT_EQ(
        ask(R"({ __type(name: "App") { kind name description fields { name type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } })"),
        R"({"data":{"__type":{"kind":"OBJECT","name":"App","description":"An application.","fields":[)"
        R"({"name":"id","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}}},)"
        R"({"name":"title","type":{"kind":"SCALAR","name":"String","ofType":null}},)"
        R"({"name":"hosts","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"name":"Host"}}}}}]}}})");
}

TEST_F(Introspection, Spec_4_2_DeprecatedMembersOnlyWhenAskedFor) {
    EXPECT_EQ(
        ask(R"({ __type(name: "App") { all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } })"),
        R"({"data":{"__type":{"all":[{"name":"id","isDeprecated":false,"deprecationReason":null},)"
        R"({"name":"name","isDeprecated":true,"deprecationReason":"Use title."},)"
        R"({"name":"title","isDeprecated":false,"deprecationReason":null},)"
        R"({"name":"hosts","isDeprecated":false,"deprecationReason":null}]}}})");
    EXPECT_EQ(
        ask(R"({ __type(name: "Level") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } })"),
        R"({"data":{"__type":{"enumValues":[{"name":"LOW"},{"name":"HIGH"}],"all":[)"
        R"({"name":"LOW","isDeprecated":false,"deprecationReason":null},)"
        R"({"name":"MEDIUM","isDeprecated":true,"deprecationReason":"No longer supported"},)"
        R"({"name":"HIGH","isDeprecated":false,"deprecationReason":null}]}}})");
    EXPECT_EQ(
        ask(R"({ __type(name: "App") { fields { name args { name } all: args(includeDeprecated: true) { name isDeprecated } } } })"),
        R"({"data":{"__type":{"fields":[{"name":"id","args":[],"all":[]},{"name":"title","args":[],"all":[]},)"
        R"({"name":"hosts","args":[{"name":"first"}],"all":[{"name":"first","isDeprecated":false},{"name":"after","isDeprecated":true}]}]}}})");
}

TEST_F(Introspection, Spec_4_2_InputValuesAndDefaults) {
    EXPECT_EQ(
        ask(R"({ __type(name: "Filter") { kind fields { name } inputFields { name defaultValue type { name } } all: inputFields(includeDeprecated: true) { name deprecationReason } } })"),
        R"({"data":{"__type":{"kind":"INPUT_OBJECT","fields":null,"inputFields":[)"
        R"({"name":"level","defaultValue":"MEDIUM","type":{"name":"Level"}},)"
        R"({"name":"names","defaultValue":"[\"a\"]","type":{"name":null}}],"all":[)"
        R"({"name":"level","deprecationReason":null},{"name":"names","deprecationReason":null},{"name":"legacy","deprecationReason":"Gone."}]}}})");
    EXPECT_EQ(
        ask(R"({ __schema { queryType { fields { name args { name defaultValue } } } } })"),
        R"({"data":{"__schema":{"queryType":{"fields":[{"name":"node","args":[{"name":"id","defaultValue":null}]},)"
        R"({"name":"assets","args":[{"name":"filter","defaultValue":"{level: HIGH, names: [\"a\"]}"}]},)"
        R"({"name":"home","args":[]}]}}}})");
}

TEST_F(Introspection, Spec_4_2_AbstractTypesListTheirPossibleTypes) {
    EXPECT_EQ(
        ask(R"({ node: __type(name: "Node") { kind interfaces { name } possibleTypes { name } } asset: __type(name: "Asset") { kind possibleTypes { name } enumValues { name } } app: __type(name: "App") { interfaces { name } possibleTypes { name } } })"),
        R"({"data":{"node":{"kind":"INTERFACE","interfaces":[],"possibleTypes":[{"name":"App"},{"name":"Host"}]},)"
        R"("asset":{"kind":"UNION","possibleTypes":[{"name":"App"},{"name":"Host"}],"enumValues":null},)"
        R"("app":{"interfaces":[{"name":"Node"}],"possibleTypes":null}}})");
}

TEST_F(Introspection, Spec_4_2_ScalarsAndDirectives) {
    EXPECT_EQ(
        ask(R"({ url: __type(name: "Url") { kind specifiedByURL } int: __type(name: "ID") { specifiedByURL description } })"),
        R"({"data":{"url":{"kind":"SCALAR","specifiedByURL":"https://url.spec.whatwg.org/"},"int":{"specifiedByURL":null,"description":"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."}}})");
    EXPECT_EQ(
        ask(R"({ __schema { description directives { name isRepeatable locations args { name type { name } defaultValue } } } })"),
        R"({"data":{"__schema":{"description":"A test schema.","directives":[)"
        R"({"name":"audit","isRepeatable":true,"locations":["FIELD_DEFINITION"],"args":[{"name":"level","type":{"name":"Int"},"defaultValue":"1"}]},)"
        R"({"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","type":{"name":null},"defaultValue":null}]},)"
        R"({"name":"skip","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","type":{"name":null},"defaultValue":null}]},)"
        R"({"name":"deprecated","isRepeatable":false,"locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"],"args":[{"name":"reason","type":{"name":"String"},"defaultValue":"\"No longer supported\""}]},)"
        R"({"name":"specifiedBy","isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","type":{"name":null},"defaultValue":null}]}]}}})");
}

TEST_F(Introspection, Spec_4_2_RootTypes) {
    EXPECT_EQ(
        ask("{ __schema { queryType { name kind } mutationType { name } subscriptionType { name } } }"),
        R"({"data":{"__schema":{"queryType":{"name":"Query","kind":"OBJECT"},"mutationType":null,"subscriptionType":null}}})");
}

TEST_F(Introspection, UnknownTypeIsNull) {
    EXPECT_EQ(ask(R"({ __type(name: "Nope") { name } })"), R"({"data":{"__type":null}})");
}

TEST_F(Introspection, Spec_4_4_TypenameOnIntrospectionObjects) {
    EXPECT_EQ(
        ask(R"({ __typename __schema { __typename queryType { __typename name fields { __typename type { __typename } } } } })"),
        R"({"data":{"__typename":"Query","__schema":{"__typename":"__Schema","queryType":{"__typename":"__Type","name":"Query","fields":[)"
        R"({"__typename":"__Field","type":{"__typename":"__Type"}},{"__typename":"__Field","type":{"__typename":"__Type"}},)"
        R"({"__typename":"__Field","type":{"__typename":"__Type"}}]}}}})");
}

TEST_F(Introspection, IntrospectionTypesDescribeThemselves) {
    EXPECT_EQ(ask(R"({ __type(name: "__Type") { name fields { name } } })"),
              R"({"data":{"__type":{"name":"__Type","fields":[{"name":"kind"},{"name":"name"},{"name":"description"},)"
              R"({"name":"specifiedByURL"},{"name":"fields"},{"name":"interfaces"},{"name":"possibleTypes"},)"
              R"({"name":"enumValues"},{"name":"inputFields"},{"name":"ofType"}]}}})");
}

}  // namespace
}  // namespace rampart::graphql
