#include "graphql/execution.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "graphql_test_support.h"

namespace rampart::graphql {
namespace {

namespace json = boost::json;
using testing::build_schema;
using testing::parse_json;
using testing::run;
using testing::text;

// --- Data-driven: graphql-js execute() with the case's rootValue,
// tests/data/graphql/execution (graphql_js_reference.js writes the answers).

class ExecutionCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ExecutionCase, AnswersAsGraphqlJs) {
    auto folder = rampart::testing::test_data("graphql/execution");
    auto spec = parse_json(rampart::testing::read_file(folder / (GetParam() + ".json"))).as_object();
    auto expected = parse_json(rampart::testing::read_file(folder / (GetParam() + ".expected.json")));
    std::string sdl = rampart::testing::read_file(folder / std::string(spec.at("schema").as_string()));
    auto schema = build_schema(sdl);
    ASSERT_NE(schema, nullptr);
    testing::bind_json_root(*schema, spec.at("root").as_object());
    json::object variables;
    if (const auto* given = spec.if_contains("variables")) variables = given->as_object();
    std::optional<std::string> operation_name;
    if (const auto* name = spec.if_contains("operationName")) operation_name = std::string(name->as_string());
    auto answer = run(*schema, std::string(spec.at("query").as_string()), variables, operation_name);
    EXPECT_EQ(text(answer), text(expected));
}

INSTANTIATE_TEST_SUITE_P(Data, ExecutionCase, ::testing::ValuesIn(testing::data_files("graphql/execution", ".json")));

// --- Arguments (§6.4.1 CoerceArgumentValues)

constexpr const char* ECHO_SDL = R"(
    scalar JSON
    enum Color { RED GREEN }
    input Point { x: Int! y: Int = 0 color: Color = RED }
    type Query {
      echo(i: Int, f: Float = 1.5, s: String, id: ID, e: Color, list: [Int], points: [Point!], p: Point, j: JSON): JSON
      required(n: Int!): Int
    }
)";

std::unique_ptr<Schema> echo_schema() {
    auto schema = build_schema(ECHO_SDL);
    if (!schema) return schema;
    schema->bind("Query", "echo",
                 [](const ResolveContext& context) -> FieldResult { return json::value(context.arguments()); });
    schema->bind("Query", "required",
                 [](const ResolveContext& context) -> FieldResult { return *context.argument("n"); });
    return schema;
}

TEST(ExecutionArguments, Spec_6_4_1_LiteralsAndDefaults) {
    auto schema = echo_schema();
    ASSERT_NE(schema, nullptr);
    auto answer = run(
        *schema,
        R"({ echo(i: 1, s: "x", id: 7, e: GREEN, list: 3, points: [{x: 1}, {x: 2, y: 3, color: GREEN}], j: {a: [1, "b"]}) })");
    EXPECT_EQ(
        text(answer),
        R"({"data":{"echo":{"i":1,"f":1.5E0,"s":"x","id":"7","e":"GREEN","list":[3],"points":[{"x":1,"y":0,"color":"RED"},{"x":2,"y":3,"color":"GREEN"}],"j":{"a":[1,"b"]}}}})");
}

TEST(ExecutionArguments, Spec_6_4_1_VariablesInsideListsAndObjects) {
    auto schema = echo_schema();
    ASSERT_NE(schema, nullptr);
    auto answer = run(*schema,
                      R"(query ($x: Int!, $c: Color, $missing: Int, $f: Float) {
                           echo(list: [$x, $missing, 3], p: {x: $x, color: $c, y: $missing}, f: $f)
                         })",
                      parse_json(R"({"x": 5, "c": "GREEN"})").as_object());
    // A missing variable in a list is null; in an input object the field
    // takes its default; as an argument, the argument's default.
    EXPECT_EQ(text(answer), R"({"data":{"echo":{"f":1.5E0,"list":[5,null,3],"p":{"x":5,"y":0,"color":"GREEN"}}}})");
}

TEST(ExecutionArguments, Spec_6_4_1_ExplicitNullIsKept) {
    auto schema = echo_schema();
    ASSERT_NE(schema, nullptr);
    auto answer =
        run(*schema, R"(query ($n: Float) { echo(f: $n, i: null) })", parse_json(R"({"n": null})").as_object());
    EXPECT_EQ(text(answer), R"({"data":{"echo":{"i":null,"f":null}}})");
}

TEST(ExecutionArguments, MissingRequiredArgumentIsAFieldError) {
    auto schema = echo_schema();
    ASSERT_NE(schema, nullptr);
    auto answer = run(*schema, "query ($n: Int) { a: required b: required(n: $n) c: required(n: 2) }");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"Argument \"n\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":19}],"path":["a"]},)"
        R"({"message":"Argument \"n\" of required type \"Int!\" was provided the variable \"$n\" which was not provided a runtime value.","locations":[{"line":1,"column":46}],"path":["b"]}],)"
        R"("data":{"a":null,"b":null,"c":2}})");
}

TEST(ExecutionArguments, InvalidLiteralIsAFieldError) {
    auto schema = echo_schema();
    ASSERT_NE(schema, nullptr);
    auto answer = run(*schema, R"({ echo(i: "one") })");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"Argument \"i\" has invalid value \"one\".","locations":[{"line":1,"column":11}],"path":["echo"]}],"data":{"echo":null}})");
}

// --- Mutations (§6.2.2)

TEST(ExecutionMutation, Spec_6_2_2_RootFieldsRunSeriallyInOrder) {
    auto schema = build_schema("type Query { count: Int } type Mutation { add(n: Int!): Int double: Int }");
    ASSERT_NE(schema, nullptr);
    int counter = 0;
    std::vector<std::string> calls;
    schema->bind("Query", "count", [&](const ResolveContext&) -> FieldResult { return json::value(counter); });
    schema->bind("Mutation", "add", [&](const ResolveContext& context) -> FieldResult {
        calls.emplace_back("add");
        counter += static_cast<int>(context.argument("n")->as_int64());
        return json::value(counter);
    });
    schema->bind("Mutation", "double", [&](const ResolveContext&) -> FieldResult {
        calls.emplace_back("double");
        counter *= 2;
        return json::value(counter);
    });
    auto answer = run(*schema, "mutation { first: add(n: 1) double second: add(n: 3) }");
    EXPECT_EQ(text(answer), R"({"data":{"first":1,"double":2,"second":5}})");
    EXPECT_EQ(calls, (std::vector<std::string>{"add", "double", "add"}));
}

// --- Resolvers

struct Account {
    std::string name;
    std::vector<std::string> roles;
};

struct Caller {
    std::string user;
};

TEST(ExecutionResolvers, ParentContextAndPath) {
    auto schema = build_schema(
        "type Query { account: Account accounts: [Account] } type Account { name: String path: String caller: String "
        "}");
    ASSERT_NE(schema, nullptr);
    schema->bind("Query", "account", [](const ResolveContext&) -> FieldResult {
        return ResolvedValue::object("Account", Account{"ann", {}});
    });
    schema->bind("Query", "accounts", [](const ResolveContext&) -> FieldResult {
        return ResolvedValue::list({ResolvedValue::object("Account", Account{"bob", {}}), ResolvedValue::null()});
    });
    schema->bind("Account", "name",
                 [](const ResolveContext& context) -> FieldResult { return context.parent<Account>().name; });
    schema->bind("Account", "path", [](const ResolveContext& context) -> FieldResult {
        std::string path;
        for (const auto& segment : context.path()) {
            path += std::holds_alternative<int64_t>(segment) ? std::to_string(std::get<int64_t>(segment))
                                                             : std::get<std::string>(segment);
            path += "/";
        }
        return path;
    });
    schema->bind("Account", "caller",
                 [](const ResolveContext& context) -> FieldResult { return context.context<Caller>().user; });
    Caller caller{"root"};
    auto answer =
        run(*schema, "{ account { name path caller } accounts { name p: path } }", {}, std::nullopt, std::any(&caller));
    EXPECT_EQ(
        text(answer),
        R"({"data":{"account":{"name":"ann","path":"account/path/","caller":"root"},"accounts":[{"name":"bob","p":"accounts/0/p/"},null]}})");
}

TEST(ExecutionResolvers, ExceptionsAndFieldErrorsBecomeFieldErrors) {
    auto schema = build_schema("type Query { boom: Int odd: Int strict: Int! ok: Int weird: Int }");
    ASSERT_NE(schema, nullptr);
    schema->bind("Query", "boom",
                 [](const ResolveContext&) -> FieldResult { throw std::runtime_error("disk on fire"); });
    schema->bind("Query", "odd", [](const ResolveContext&) -> FieldResult {
        return FieldError{"Not found.", "NOT_FOUND"};
    });
    schema->bind("Query", "strict", [](const ResolveContext&) -> FieldResult {
        return FieldError{"No.", "FORBIDDEN"};
    });
    schema->bind("Query", "ok", [](const ResolveContext&) -> FieldResult { return json::value(1); });
    schema->bind("Query", "weird", [](const ResolveContext&) -> FieldResult { throw 42; });
    auto answer = run(*schema, "{ ok boom odd weird }");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"disk on fire","locations":[{"line":1,"column":6}],"path":["boom"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},)"
        R"({"message":"Not found.","locations":[{"line":1,"column":11}],"path":["odd"],"extensions":{"code":"NOT_FOUND"}},)"
        R"({"message":"Unexpected error resolving Query.weird.","locations":[{"line":1,"column":15}],"path":["weird"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],)"
        R"("data":{"ok":1,"boom":null,"odd":null,"weird":null}})");
    // §6.4.4: a failed non-null root field makes `data` null.
    auto strict = run(*schema, "{ ok strict }");
    EXPECT_EQ(
        text(strict),
        R"({"errors":[{"message":"No.","locations":[{"line":1,"column":6}],"path":["strict"],"extensions":{"code":"FORBIDDEN"}}],"data":null})");
}

TEST(ExecutionResolvers, ReadingTheParentAsTheWrongTypeIsAFieldError) {
    auto schema = build_schema("type Query { account: Account } type Account { name: String }");
    ASSERT_NE(schema, nullptr);
    schema->bind("Query", "account", [](const ResolveContext&) -> FieldResult {
        return ResolvedValue::object("Account", Account{"ann", {}});
    });
    schema->bind("Account", "name",
                 [](const ResolveContext& context) -> FieldResult { return context.parent<Caller>().user; });
    auto answer = run(*schema, "{ account { name } }");
    EXPECT_EQ(answer.at("data").at("account").at("name"), nullptr);
    EXPECT_EQ(answer.at("errors").as_array().size(), 1U);
}

TEST(ExecutionResolvers, UnboundFieldIsAFieldError) {
    auto schema = build_schema("type Query { a: Int }");
    ASSERT_NE(schema, nullptr);
    auto answer = run(*schema, "{ a }");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"No resolver is bound to Query.a.","locations":[{"line":1,"column":3}],"path":["a"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"a":null}})");
}

// --- Abstract types (§6.4.3 ResolveAbstractType)

TEST(ExecutionAbstract, ObjectsNameTheirTypeByPointerOrName) {
    auto schema = build_schema(R"(
        interface Named { name: String }
        type Person implements Named { name: String }
        type Robot implements Named { name: String serial: Int }
        type Query { things: [Named] other: Named }
    )");
    ASSERT_NE(schema, nullptr);
    const NamedType* robot = schema->type("Robot");
    schema->bind("Query", "things", [robot](const ResolveContext&) -> FieldResult {
        return ResolvedValue::list({ResolvedValue::object("Person", Account{"ann", {}}),
                                    ResolvedValue::object(*robot, std::make_shared<const Account>(Account{"r2", {}})),
                                    ResolvedValue::object("Query", Account{"q", {}}),
                                    ResolvedValue::object("", Account{"x", {}})});
    });
    schema->bind("Query", "other", [](const ResolveContext&) -> FieldResult {
        return ResolvedValue::object("Named", Account{"n", {}});
    });
    for (const char* type : {"Person", "Robot"}) {
        schema->bind(type, "name",
                     [](const ResolveContext& context) -> FieldResult { return context.parent<Account>().name; });
    }
    schema->bind("Robot", "serial", [](const ResolveContext&) -> FieldResult { return json::value(7); });
    auto answer = run(*schema, "{ things { __typename name ... on Robot { serial } } other { name } }");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"Runtime Object type \"Query\" is not a possible type for \"Named\".","locations":[{"line":1,"column":3}],"path":["things",2]},)"
        R"({"message":"Abstract type \"Named\" must resolve to an Object type at runtime for field \"Query.things\". The resolver must name the object's type.","locations":[{"line":1,"column":3}],"path":["things",3]},)"
        R"({"message":"Abstract type \"Named\" was resolved to a non-object type \"Named\".","locations":[{"line":1,"column":54}],"path":["other"]}],)"
        R"("data":{"things":[{"__typename":"Person","name":"ann"},{"__typename":"Robot","name":"r2","serial":7},null,null],"other":null}})");
}

// --- Non-null (§6.4.4) with nested lists

TEST(ExecutionNonNull, Spec_6_4_4_NullPropagatesToTheNearestNullablePosition) {
    auto schema = build_schema("type Query { grid: [[Int!]]! cells: [[Int!]!] }");
    ASSERT_NE(schema, nullptr);
    testing::bind_json_root(*schema,
                            parse_json(R"({"grid": [[1, 2], [3, null], null], "cells": [[1], [null]]})").as_object());
    auto answer = run(*schema, "{ grid cells }");
    EXPECT_EQ(
        text(answer),
        R"({"errors":[{"message":"Cannot return null for non-nullable field Query.grid.","locations":[{"line":1,"column":3}],"path":["grid",1,1]},)"
        R"({"message":"Cannot return null for non-nullable field Query.cells.","locations":[{"line":1,"column":8}],"path":["cells",1,0]}],)"
        R"("data":{"grid":[[1,2],null,null],"cells":null}})");
}

// --- Uploads

TEST(ExecutionUploads, UploadVariablesCarryTheFileKey) {
    auto schema = build_schema("scalar Upload type Query { size(file: Upload!): Int name(file: Upload): String }");
    ASSERT_NE(schema, nullptr);
    schema->bind("Query", "size", [](const ResolveContext& context) -> FieldResult {
        const Upload* upload = context.upload(context.argument("file")->as_string());
        if (upload == nullptr) return FieldError{"No such file.", "BAD_USER_INPUT"};
        return json::value(upload->size);
    });
    schema->bind("Query", "name", [](const ResolveContext& context) -> FieldResult {
        const Upload* upload = context.upload(context.argument("file")->as_string());
        return upload != nullptr ? upload->file_name : "none";
    });
    std::unordered_map<std::string, Upload> uploads{{"0", Upload{"report.sarif", "application/json", "/tmp/x", 1234}}};
    auto answer = run(*schema, "query ($f: Upload!, $g: Upload) { size(file: $f) name(file: $g) }",
                      parse_json(R"({"f": "0", "g": "9"})").as_object(), std::nullopt, {}, uploads);
    EXPECT_EQ(text(answer), R"({"data":{"size":1234,"name":"none"}})");
    auto bad = run(*schema, "query ($f: Upload!) { size(file: $f) }", parse_json(R"({"f": {"a": 1}})").as_object());
    EXPECT_EQ(
        text(bad),
        R"({"errors":[{"message":"Variable \"$f\" got invalid value { a: 1 }; Upload cannot represent a non string value: { a: 1 }","locations":[{"line":1,"column":8}]}]})");
}

// --- The response (§7.1)

TEST(ExecutionResponse, Spec_7_1_ErrorsComeFirstAndOnlyWhenPresent) {
    ExecutionResult result;
    result.data = parse_json(R"({"a": 1})");
    EXPECT_EQ(text(to_json(result)), R"({"data":{"a":1}})");
    result.errors.push_back(GraphQLError{"m", {{1, 2}}, {std::string("a"), int64_t{0}}, "CODE"});
    EXPECT_EQ(
        text(to_json(result)),
        R"({"errors":[{"message":"m","locations":[{"line":1,"column":2}],"path":["a",0],"extensions":{"code":"CODE"}}],"data":{"a":1}})");
    ExecutionResult request_error;
    request_error.errors.push_back(GraphQLError{"bad", {}, {}, {}});
    EXPECT_EQ(text(to_json(request_error)), R"({"errors":[{"message":"bad"}]})");
}

TEST(ExecutionResponse, FieldOrderFollowsTheQuery) {
    auto schema = build_schema("type Query { a: Int b: Int c: Int }");
    ASSERT_NE(schema, nullptr);
    testing::bind_json_root(*schema, parse_json(R"({"a": 1, "b": 2, "c": 3})").as_object());
    EXPECT_EQ(text(run(*schema, "{ c a b x: a }")), R"({"data":{"c":3,"a":1,"b":2,"x":1}})");
}

TEST(ExecutionResponse, CoerceVariablesAlone) {
    auto schema = build_schema("type Query { a(n: Int): Int }");
    ASSERT_NE(schema, nullptr);
    ParseResult parsed = parse("query ($n: Int = 4, $m: [Int]) { a(n: $n) }");
    ASSERT_TRUE(parsed.document);
    const auto& operation = std::get<ast::OperationDefinition>(parsed.document->definitions.front());
    json::object coerced;
    auto errors = coerce_variables(*schema, operation, parse_json(R"({"m": 1})").as_object(), coerced);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(text(coerced), R"({"n":4,"m":[1]})");
}

}  // namespace
}  // namespace rampart::graphql
