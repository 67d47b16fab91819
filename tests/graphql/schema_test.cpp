#include "graphql/schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/values.h"
#include "graphql_test_support.h"

namespace rampart::graphql {
namespace {

using testing::build_schema;
using testing::schema_errors;

// --- Printing: graphql-js printSchema(buildSchema(sdl)), tests/data/graphql/schema

class SchemaPrint : public ::testing::TestWithParam<std::string> {};

TEST_P(SchemaPrint, EqualsGraphqlJsPrintSchema) {
    std::string sdl =
        rampart::testing::read_file(rampart::testing::test_data("graphql/schema/" + GetParam() + ".graphql"));
    std::string expected =
        rampart::testing::read_file(rampart::testing::test_data("graphql/schema/" + GetParam() + ".expected"));
    auto schema = build_schema(sdl);
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->print() + "\n", expected);
    // Printing is a fixed point: the printed SDL builds the same schema.
    auto again = build_schema(schema->print());
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->print(), schema->print());
}

INSTANTIATE_TEST_SUITE_P(Data, SchemaPrint, ::testing::ValuesIn(testing::data_files("graphql/schema", ".graphql")));

// --- Errors: the SDL rules, then validateSchema, tests/data/graphql/schema_errors

class SchemaErrors : public ::testing::TestWithParam<std::string> {};

TEST_P(SchemaErrors, EqualGraphqlJs) {
    std::string sdl =
        rampart::testing::read_file(rampart::testing::test_data("graphql/schema_errors/" + GetParam() + ".graphql"));
    std::string expected =
        rampart::testing::read_file(rampart::testing::test_data("graphql/schema_errors/" + GetParam() + ".expected"));
    EXPECT_EQ(schema_errors(sdl), expected);
}

INSTANTIATE_TEST_SUITE_P(Data, SchemaErrors,
                         ::testing::ValuesIn(testing::data_files("graphql/schema_errors", ".graphql")));

// --- Building

TEST(SchemaBuild, SyntaxErrorsAreReportedWithTheirLocation) {
    auto errors = schema_errors("type Query {\n  a: Int\n");
    EXPECT_NE(errors.find("3:1 Syntax Error"), std::string::npos) << errors;
}

TEST(SchemaBuild, BuiltInScalarsArePartOfTheSchemaWhenReferenced) {
    // graphql-js: String and Boolean are always referenced (by introspection
    // and @include/@skip); the other standard scalars only when used.
    auto schema = build_schema("type Query { a: Int }");
    ASSERT_NE(schema, nullptr);
    ASSERT_NE(schema->type("Int"), nullptr);
    EXPECT_TRUE(schema->type("Int")->built_in);
    EXPECT_NE(schema->type("String"), nullptr);
    EXPECT_NE(schema->type("Boolean"), nullptr);
    EXPECT_EQ(schema->type("Float"), nullptr);
    EXPECT_EQ(schema->type("ID"), nullptr);
    std::vector<std::string> names;
    for (const auto& type : schema->types()) names.push_back(type->name);
    EXPECT_EQ(names, (std::vector<std::string>{"Query", "Int", "Boolean", "String", "__Schema", "__Type", "__TypeKind",
                                               "__Field", "__InputValue", "__EnumValue", "__Directive",
                                               "__DirectiveLocation"}));
}

TEST(SchemaBuild, HasTheSpecifiedDirectives) {
    auto schema = build_schema("type Query { a: Int }");
    ASSERT_NE(schema, nullptr);
    std::vector<std::string> names;
    for (const auto& directive : schema->directives()) names.push_back(directive.name);
    EXPECT_EQ(names, (std::vector<std::string>{"include", "skip", "deprecated", "specifiedBy"}));
    const DirectiveDef* deprecated = schema->directive("deprecated");
    ASSERT_NE(deprecated, nullptr);
    EXPECT_EQ(deprecated->locations, (std::vector<std::string>{"FIELD_DEFINITION", "ARGUMENT_DEFINITION",
                                                               "INPUT_FIELD_DEFINITION", "ENUM_VALUE"}));
    const InputValue* reason = deprecated->argument("reason");
    ASSERT_NE(reason, nullptr);
    ASSERT_TRUE(reason->coerced_default.has_value());
    EXPECT_EQ(reason->coerced_default->as_string(), "No longer supported");
    const DirectiveDef* specified_by = schema->directive("specifiedBy");
    ASSERT_NE(specified_by, nullptr);
    EXPECT_EQ(specified_by->argument("url")->type.to_string(), "String!");
    EXPECT_EQ(schema->directive("include")->argument("if")->type.to_string(), "Boolean!");
}

TEST(SchemaBuild, Spec_3_3_1_DefaultRootOperationTypeNames) {
    auto schema = build_schema("type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }");
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->query_type(), schema->type("Query"));
    EXPECT_EQ(schema->mutation_type(), schema->type("Mutation"));
    EXPECT_EQ(schema->subscription_type(), schema->type("Subscription"));
}

TEST(SchemaBuild, Spec_3_3_SchemaDefinitionNamesTheRoots) {
    auto schema = build_schema("schema { query: Root } type Root { a: Int } type Mutation { b: Int }");
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->query_type(), schema->type("Root"));
    // With a schema definition, a type named Mutation is not a root.
    EXPECT_EQ(schema->mutation_type(), nullptr);
}

TEST(SchemaBuild, Spec_3_4_3_ExtensionsAddInOrder) {
    auto schema = build_schema(R"(
        type Query { a: Int }
        extend type Query { b: String }
        interface Named { name: String }
        type Thing { id: ID }
        extend type Thing implements Named { name: String }
        enum Level { LOW }
        extend enum Level { HIGH }
        union Any = Thing
        extend union Any = Query
        input Filter { a: Int }
        extend input Filter { b: Int = 2 }
        scalar Date
        extend scalar Date @specifiedBy(url: "https://example.com")
        extend schema { mutation: Thing }
    )");
    ASSERT_NE(schema, nullptr);
    const NamedType* query = schema->query_type();
    ASSERT_EQ(query->fields.size(), 2U);
    EXPECT_EQ(query->fields[1].name, "b");
    const NamedType* thing = schema->type("Thing");
    ASSERT_EQ(thing->interfaces.size(), 1U);
    EXPECT_EQ(thing->interfaces[0]->name, "Named");
    EXPECT_EQ(thing->fields.size(), 2U);
    EXPECT_EQ(schema->type("Level")->enum_values.size(), 2U);
    EXPECT_EQ(schema->type("Any")->possible_types.size(), 2U);
    const InputValue* b = schema->type("Filter")->input_field("b");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->coerced_default->as_int64(), 2);
    // graphql-js reads @specifiedBy from the scalar's definition only.
    EXPECT_FALSE(schema->type("Date")->specified_by_url.has_value());
    EXPECT_EQ(schema->mutation_type(), thing);
    EXPECT_EQ(schema->type("Named")->possible_types, (std::vector<const NamedType*>{thing}));
}

TEST(SchemaBuild, DeprecationReasons) {
    auto schema = build_schema(R"(
        type Query {
          a: Int @deprecated
          b(x: Int @deprecated(reason: "use y"), y: Int): Int
          c: Int
        }
        enum E { ONE @deprecated(reason: "") TWO }
        input I { f: Int @deprecated }
    )");
    ASSERT_NE(schema, nullptr);
    const NamedType* query = schema->query_type();
    EXPECT_EQ(query->field("a")->deprecation_reason, "No longer supported");
    EXPECT_EQ(query->field("b")->argument("x")->deprecation_reason, "use y");
    EXPECT_FALSE(query->field("c")->deprecation_reason.has_value());
    EXPECT_EQ(schema->type("E")->enum_value("ONE")->deprecation_reason, "");
    EXPECT_FALSE(schema->type("E")->enum_value("TWO")->deprecation_reason.has_value());
    EXPECT_EQ(schema->type("I")->input_field("f")->deprecation_reason, "No longer supported");
}

TEST(SchemaBuild, ReportsEveryErrorNotJustTheFirst) {
    auto errors = schema_errors("type Query { a: Foo b: Bar }");
    EXPECT_EQ(errors, "1:17 Unknown type \"Foo\".\n1:24 Unknown type \"Bar\".\n");
}

TEST(SchemaBuild, InvalidDirectiveValueInSdlIsAnError) {
    auto errors = schema_errors("type Query { a: Int @deprecated(reason: 5) }");
    EXPECT_EQ(errors, "1:41 Argument \"reason\" has invalid value 5.\n");
}

// --- Queries of the built schema

TEST(Schema, Spec_3_6_1_SubTypesAndPossibleTypes) {
    auto schema = build_schema(R"(
        interface Node { id: ID! }
        interface Asset implements Node { id: ID! }
        type Host implements Node & Asset { id: ID! }
        type App implements Node & Asset { id: ID! }
        type User { id: ID! }
        union Result = Host | User
        type Query { node: Node result: Result }
    )");
    ASSERT_NE(schema, nullptr);
    const NamedType* node = schema->type("Node");
    const NamedType* asset = schema->type("Asset");
    const NamedType* host = schema->type("Host");
    const NamedType* app = schema->type("App");
    const NamedType* user = schema->type("User");
    const NamedType* result = schema->type("Result");
    EXPECT_TRUE(schema->is_sub_type(node, host));
    EXPECT_TRUE(schema->is_sub_type(node, asset));
    EXPECT_TRUE(schema->is_sub_type(result, user));
    EXPECT_FALSE(schema->is_sub_type(result, app));
    EXPECT_FALSE(schema->is_sub_type(asset, user));
    EXPECT_EQ(schema->possible_types(node), (std::vector<const NamedType*>{host, app}));
    EXPECT_EQ(schema->possible_types(result), (std::vector<const NamedType*>{host, user}));
    EXPECT_EQ(schema->possible_types(user), (std::vector<const NamedType*>{user}));
    EXPECT_TRUE(is_type_sub_type_of(*schema, TypeRef{host, {ast::TypeWrapper::NonNull}}, TypeRef{node, {}}));
    EXPECT_FALSE(is_type_sub_type_of(*schema, TypeRef{host, {}}, TypeRef{node, {ast::TypeWrapper::NonNull}}));
    EXPECT_TRUE(is_type_sub_type_of(*schema, TypeRef{host, {ast::TypeWrapper::List, ast::TypeWrapper::NonNull}},
                                    TypeRef{node, {ast::TypeWrapper::List}}));
}

TEST(Schema, FieldDefinitionsIncludeTheMetaFields) {
    auto schema = build_schema("type Query { a: Int } type Other { b: Int } union U = Other");
    ASSERT_NE(schema, nullptr);
    const NamedType* query = schema->query_type();
    const NamedType* other = schema->type("Other");
    EXPECT_EQ(schema->field_def(query, "a"), query->field("a"));
    ASSERT_NE(schema->field_def(query, "__schema"), nullptr);
    EXPECT_EQ(schema->field_def(query, "__schema")->type.to_string(), "__Schema!");
    ASSERT_NE(schema->field_def(query, "__type"), nullptr);
    EXPECT_EQ(schema->field_def(query, "__type")->argument("name")->type.to_string(), "String!");
    EXPECT_EQ(schema->field_def(other, "__schema"), nullptr);  // §4.1: on the query root only
    ASSERT_NE(schema->field_def(schema->type("U"), "__typename"), nullptr);
    EXPECT_EQ(schema->field_def(schema->type("U"), "b"), nullptr);
    EXPECT_EQ(schema->field_def(other, "nope"), nullptr);
}

TEST(Schema, BindAndUnboundFields) {
    auto schema = build_schema("type Query { a: Int b: Thing } type Thing { c: Int }");
    ASSERT_NE(schema, nullptr);
    EXPECT_EQ(schema->unbound_fields(), (std::vector<std::string>{"Query.a", "Query.b", "Thing.c"}));
    EXPECT_TRUE(schema->bind("Query", "a", [](const ResolveContext&) -> FieldResult { return boost::json::value(1); }));
    EXPECT_FALSE(
        schema->bind("Query", "nope", [](const ResolveContext&) -> FieldResult { return ResolvedValue::null(); }));
    EXPECT_FALSE(schema->bind("Nope", "a", [](const ResolveContext&) -> FieldResult { return ResolvedValue::null(); }));
    EXPECT_EQ(schema->unbound_fields(), (std::vector<std::string>{"Query.b", "Thing.c"}));
}

// --- Values (graphql-js formatting)

TEST(Values, NumbersPrintAsJavaScriptDoes) {
    EXPECT_EQ(js_number_string(1.0), "1");
    EXPECT_EQ(js_number_string(-0.0), "0");
    EXPECT_EQ(js_number_string(1.5), "1.5");
    EXPECT_EQ(js_number_string(0.1), "0.1");
    EXPECT_EQ(js_number_string(123456789012345680000.0), "123456789012345680000");
    EXPECT_EQ(js_number_string(1e21), "1e+21");
    EXPECT_EQ(js_number_string(1.5e-7), "1.5e-7");
    EXPECT_EQ(js_number_string(0.000001), "0.000001");
    EXPECT_EQ(js_number_string(-2.5e30), "-2.5e+30");
}

TEST(Values, InspectAsGraphqlJs) {
    EXPECT_EQ(inspect(testing::parse_json(R"("a\"b")")), R"("a\"b")");
    EXPECT_EQ(inspect(testing::parse_json(R"({"a": 1, "b": [true, null], "c": {"d": {"e": {}}}})")),
              R"({ a: 1, b: [true, null], c: { d: [Object] } })");
    EXPECT_EQ(inspect(testing::parse_json(R"({"c": {"d": {"e": {"f": 1}}}})")), "{ c: { d: [Object] } }");
    EXPECT_EQ(inspect(testing::parse_json("[1,2,3,4,5,6,7,8,9,10,11,12]")),
              "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]");
    EXPECT_EQ(inspect(testing::parse_json("2.5")), "2.5");
}

TEST(Values, PrintStringEscapesAsGraphqlJs) {
    EXPECT_EQ(print_string("a\"b\\c\nd\x01"), R"("a\"b\\c\nd\u0001")");
    EXPECT_EQ(print_string("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
}

TEST(Values, CoerceInputValueReportsEveryProblemWithItsPath) {
    auto schema = build_schema("input P { x: Int! y: [Int!] } type Query { a(p: P): Int }");
    ASSERT_NE(schema, nullptr);
    std::vector<std::string> problems;
    auto coerced = coerce_input_value(
        testing::parse_json(R"({"y": [1, "2", null], "z": 1})"), TypeRef{schema->type("P"), {}},
        [&](const std::vector<PathSegment>& path, const boost::json::value& invalid, const std::string& message) {
            problems.push_back(print_path(path) + " " + inspect(invalid) + " " + message);
        });
    EXPECT_EQ(problems,
              (std::vector<std::string>{
                  R"( { y: [1, "2", null], z: 1 } Field "x" of required type "Int!" was not provided.)",
                  R"(.y[1] "2" Int cannot represent non-integer value: "2")",
                  R"(.y[2] null Expected non-nullable type "Int!" not to be null.)",
                  R"( { y: [1, "2", null], z: 1 } Field "z" is not defined by type "P". Did you mean "x" or "y"?)"}));
    (void)coerced;
}

}  // namespace
}  // namespace rampart::graphql
