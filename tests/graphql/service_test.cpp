#include "graphql/service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "graphql_test_support.h"

namespace rampart::graphql {
namespace {

namespace json = boost::json;
using testing::build_schema;
using testing::parse_json;
using testing::text;

class ServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_schema = build_schema(R"(
            type Query { hello(name: String = "world"): String count: Int! }
            type Mutation { bump: Int! }
        )");
        ASSERT_NE(m_schema, nullptr);
        m_schema->bind("Query", "hello", [](const ResolveContext& context) -> FieldResult {
            return "hello " + std::string(context.argument("name")->as_string());
        });
        m_schema->bind("Query", "count",
                       [this](const ResolveContext&) -> FieldResult { return json::value(m_count.load()); });
        m_schema->bind("Mutation", "bump",
                       [this](const ResolveContext&) -> FieldResult { return json::value(++m_count); });
    }

    Response run(std::string query, json::object variables = {}, std::optional<std::string> operation = std::nullopt,
                 bool queries_only = false, const ServiceOptions* options = nullptr) {
        if (!m_service || options != nullptr) {
            m_service = std::make_unique<Service>(*m_schema, options != nullptr ? *options : ServiceOptions{});
        }
        Request request;
        request.query = std::move(query);
        request.variables = std::move(variables);
        request.operation_name = std::move(operation);
        request.queries_only = queries_only;
        return m_service->run(std::move(request));
    }

    std::unique_ptr<Schema> m_schema;
    std::unique_ptr<Service> m_service;
    std::atomic<int> m_count{0};
};

TEST_F(ServiceTest, ExecutesAValidQuery) {
    auto response = run(R"({ hello(name: "ann") count })");
    EXPECT_EQ(response.outcome, Outcome::Executed);
    EXPECT_EQ(text(to_json(response.result)), R"({"data":{"hello":"hello ann","count":0}})");
}

TEST_F(ServiceTest, ParseErrorIsARequestErrorWithoutData) {
    auto response = run("{ hello ");
    EXPECT_EQ(response.outcome, Outcome::RequestError);
    EXPECT_FALSE(response.result.data.has_value());
    ASSERT_EQ(response.result.errors.size(), 1U);
    EXPECT_EQ(response.result.errors[0].code, "GRAPHQL_PARSE_FAILED");
    EXPECT_EQ(response.result.errors[0].locations.front().line, 1U);
    EXPECT_EQ(text(to_json(response.result)).find("\"data\""), std::string::npos);
}

TEST_F(ServiceTest, ParseLimitsApply) {
    ServiceOptions options;
    options.parse.max_tokens = 5;
    auto response = run("{ hello count hello count }", {}, std::nullopt, false, &options);
    EXPECT_EQ(response.outcome, Outcome::RequestError);
    EXPECT_EQ(response.result.errors.at(0).code, "GRAPHQL_PARSE_FAILED");
}

TEST_F(ServiceTest, ValidationErrorIsARequestError) {
    auto response = run("{ nope }");
    EXPECT_EQ(response.outcome, Outcome::RequestError);
    EXPECT_FALSE(response.result.data.has_value());
    ASSERT_FALSE(response.result.errors.empty());
    EXPECT_EQ(response.result.errors[0].message, "Cannot query field \"nope\" on type \"Query\".");
    EXPECT_EQ(response.result.errors[0].code, "GRAPHQL_VALIDATION_FAILED");
}

TEST_F(ServiceTest, OperationSelectionAndVariableErrorsAreRequestErrors) {
    auto unknown = run("query A { count }", {}, std::string("B"));
    EXPECT_EQ(unknown.outcome, Outcome::RequestError);
    EXPECT_EQ(unknown.result.errors.at(0).message, "Unknown operation named \"B\".");
    auto ambiguous = run("query A { count } query B { count }");
    EXPECT_EQ(ambiguous.outcome, Outcome::RequestError);
    EXPECT_EQ(ambiguous.result.errors.at(0).message,
              "Must provide operation name if query contains multiple operations.");
    auto variables = run("query ($n: String!) { hello(name: $n) }", parse_json(R"({"n": 3})").as_object());
    EXPECT_EQ(variables.outcome, Outcome::RequestError);
    EXPECT_EQ(variables.result.errors.at(0).message,
              "Variable \"$n\" got invalid value 3; String cannot represent a non string value: 3");
    EXPECT_EQ(variables.result.errors.at(0).code, "BAD_USER_INPUT");
}

TEST_F(ServiceTest, MutationOverGetIsRefused) {
    auto response = run("mutation { bump }", {}, std::nullopt, true);
    EXPECT_EQ(response.outcome, Outcome::MutationOverGet);
    EXPECT_FALSE(response.result.data.has_value());
    EXPECT_EQ(m_count.load(), 0);
    // The named query of a document that also holds a mutation is fine.
    auto query = run("query Q { count } mutation M { bump }", {}, std::string("Q"), true);
    EXPECT_EQ(query.outcome, Outcome::Executed);
    auto post = run("mutation { bump }");
    EXPECT_EQ(post.outcome, Outcome::Executed);
    EXPECT_EQ(text(to_json(post.result)), R"({"data":{"bump":1}})");
}

TEST_F(ServiceTest, FieldErrorsStillExecute) {
    m_schema->bind("Query", "count", [](const ResolveContext&) -> FieldResult {
        return FieldError{"Nope.", "FORBIDDEN"};
    });
    auto response = run("{ hello count }");
    EXPECT_EQ(response.outcome, Outcome::Executed);
    EXPECT_EQ(
        text(to_json(response.result)),
        R"({"errors":[{"message":"Nope.","locations":[{"line":1,"column":9}],"path":["count"],"extensions":{"code":"FORBIDDEN"}}],"data":null})");
}

TEST_F(ServiceTest, CachedDocumentsAnswerTheSame) {
    ServiceOptions options;
    options.document_cache_size = 2;
    Service service(*m_schema, options);
    auto ask = [&](std::string query) {
        Request request;
        request.query = std::move(query);
        return service.run(std::move(request));
    };
    for (int round = 0; round < 3; ++round) {
        for (const char* name : {"a", "b", "c"}) {
            auto response = ask(std::string(R"({ hello(name: ")") + name + R"(") })");
            EXPECT_EQ(text(to_json(response.result)), std::string(R"({"data":{"hello":"hello )") + name + R"("}})");
        }
        auto invalid = ask("{ nope }");
        EXPECT_EQ(invalid.outcome, Outcome::RequestError);
    }
}

TEST_F(ServiceTest, IsSharedByThreads) {
    Service service(*m_schema, ServiceOptions{});
    std::atomic<int> failures{0};
    constexpr int THREADS = 4;
    std::vector<std::thread> threads;
    threads.reserve(THREADS);
    for (int t = 0; t < THREADS; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                Request request;
                request.query = R"(query ($n: String) { hello(name: $n) })";
                request.variables["n"] = std::to_string((t * 7 + i) % 13);
                auto response = service.run(std::move(request));
                std::string expected = R"({"data":{"hello":"hello )" + std::to_string((t * 7 + i) % 13) + R"("}})";
                if (text(to_json(response.result)) != expected) ++failures;
                Request bad;
                bad.query = "{ hello(name: " + std::to_string(i) + ") }";
                if (service.run(std::move(bad)).outcome != Outcome::RequestError) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace rampart::graphql
