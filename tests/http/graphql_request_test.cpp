// Decoding of GraphQL-over-HTTP requests and media-type negotiation.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "http/graphql_request.h"
#include "http/media_type.h"
#include "http/rate_limiter.h"
#include "http/static_files.h"

namespace rampart::http {
namespace {

using Type = ResponseType;

TEST(MediaType, ParsesEssenceAndParameters) {
    auto media = parse_media_type("Application/JSON; Charset=\"UTF-8\" ; boundary=abc");
    ASSERT_TRUE(media);
    EXPECT_EQ(media->essence, "application/json");
    ASSERT_NE(media->parameter("charset"), nullptr);
    EXPECT_EQ(*media->parameter("charset"), "UTF-8");
    EXPECT_EQ(*media->parameter("BOUNDARY"), "abc");
    EXPECT_EQ(media->parameter("q"), nullptr);
}

TEST(MediaType, RefusesMalformed) {
    EXPECT_FALSE(parse_media_type(""));
    EXPECT_FALSE(parse_media_type("json"));
    EXPECT_FALSE(parse_media_type("application/"));
    EXPECT_FALSE(parse_media_type("application/json; charset"));
    EXPECT_FALSE(parse_media_type("application/json; charset=\"utf-8"));
    EXPECT_FALSE(parse_media_type("application/json, text/plain"));
}

// GraphQL over HTTP §6.4 and graphql-http's audits 22EB, 4655, 47DE, 80D8.
TEST(Negotiation, FollowsTheSpecification) {
    EXPECT_EQ(negotiate_response_type(""), Type::Json);
    EXPECT_EQ(negotiate_response_type("*/*"), Type::Json);
    EXPECT_EQ(negotiate_response_type("application/json"), Type::Json);
    EXPECT_EQ(negotiate_response_type("application/*"), Type::Json);
    EXPECT_EQ(negotiate_response_type("application/graphql-response+json"), Type::GraphQLResponseJson);
    EXPECT_EQ(negotiate_response_type("application/graphql-response+json, application/json;q=0.9"),
              Type::GraphQLResponseJson);
    EXPECT_EQ(negotiate_response_type("application/json, application/graphql-response+json;q=0.5"), Type::Json);
    EXPECT_EQ(negotiate_response_type("application/graphql-response+json;charset=utf-8, */*;q=0.1"),
              Type::GraphQLResponseJson);
    EXPECT_EQ(negotiate_response_type("text/html, application/xhtml+xml, */*;q=0.8"), Type::Json);
    EXPECT_EQ(negotiate_response_type("application/json;q=0, application/graphql-response+json;q=0.2"),
              Type::GraphQLResponseJson);
    EXPECT_FALSE(negotiate_response_type("text/html"));
    EXPECT_FALSE(negotiate_response_type("application/json;q=0"));
    EXPECT_FALSE(negotiate_response_type("image/png, text/*"));
    // Garbage alone is treated as no preference.
    EXPECT_EQ(negotiate_response_type(",,;"), Type::Json);
}

TEST(JsonRequest, DecodesAllParameters) {
    auto decoded = decode_json_request(
        R"({"query":"query Q($a: Int) { a }","operationName":"Q","variables":{"a":1},"extensions":{"x":1}})");
    ASSERT_TRUE(std::holds_alternative<graphql::Request>(decoded));
    const auto& request = std::get<graphql::Request>(decoded);
    EXPECT_EQ(request.query, "query Q($a: Int) { a }");
    EXPECT_EQ(request.operation_name, "Q");
    EXPECT_EQ(request.variables.at("a").as_int64(), 1);
    EXPECT_FALSE(request.queries_only);
}

TEST(JsonRequest, AcceptsNullOptionalParameters) {
    auto decoded = decode_json_request(R"({"query":"{a}","operationName":null,"variables":null,"extensions":null})");
    ASSERT_TRUE(std::holds_alternative<graphql::Request>(decoded));
    EXPECT_FALSE(std::get<graphql::Request>(decoded).operation_name);
}

TEST(JsonRequest, RefusesMalformedParameters) {
    for (const char* body :
         {"", "{ \"not a JSON", "[]", "1", R"({"notquery":"{a}"})", R"({"query":null})", R"({"query":{"obj":"ect"}})",
          R"({"query":0})", R"({"query":false})", R"({"query":["array"]})", R"({"query":"{a}","operationName":0})",
          R"({"query":"{a}","operationName":{}})", R"({"query":"{a}","variables":"string"})",
          R"({"query":"{a}","variables":[]})", R"({"query":"{a}","variables":0})",
          R"({"query":"{a}","extensions":"string"})", R"({"query":"{a}","extensions":false})"}) {
        EXPECT_TRUE(std::holds_alternative<std::string>(decode_json_request(body))) << body;
    }
}

TEST(QueryRequest, DecodesFormEncodedParameters) {
    auto decoded = decode_query_request(
        "query=query+Type(%24name%3A+String!)+%7B+__type(name%3A+%24name)+%7B+name+%7D+%7D"
        "&variables=%7B%22name%22%3A%22sometype%22%7D&operationName=Type&other=1");
    ASSERT_TRUE(std::holds_alternative<graphql::Request>(decoded)) << std::get<std::string>(decoded);
    const auto& request = std::get<graphql::Request>(decoded);
    EXPECT_EQ(request.query, "query Type($name: String!) { __type(name: $name) { name } }");
    EXPECT_EQ(request.variables.at("name").as_string(), "sometype");
    EXPECT_EQ(request.operation_name, "Type");
    EXPECT_TRUE(request.queries_only);
}

TEST(QueryRequest, RefusesBadInput) {
    for (const char* query : {"", "variables=%7B%7D", "query=%7Ba%7D&variables=%7B", "query=%7Ba%7D&variables=%5B%5D",
                              "query=%zz", "query=a&query=b", "query=%7Ba%7D&extensions=1"}) {
        EXPECT_TRUE(std::holds_alternative<std::string>(decode_query_request(query))) << query;
    }
}

TEST(FormDecode, HandlesEscapes) {
    EXPECT_EQ(form_decode("a+b%20c%2B"), "a b c+");
    EXPECT_FALSE(form_decode("%"));
    EXPECT_FALSE(form_decode("%2"));
    EXPECT_FALSE(form_decode("%g0"));
}

TEST(RateLimiter, SpendsAndEarnsTokens) {
    RateLimiter limiter(60);  // one a second
    const auto start = RateLimiter::Clock::now();
    for (int i = 0; i < 60; ++i) EXPECT_FALSE(limiter.acquire("k", start)) << i;
    auto wait = limiter.acquire("k", start);
    ASSERT_TRUE(wait);
    EXPECT_EQ(wait->count(), 1);
    EXPECT_FALSE(limiter.acquire("other", start));
    EXPECT_FALSE(limiter.acquire("k", start + std::chrono::milliseconds(1001)));
    EXPECT_TRUE(limiter.acquire("k", start + std::chrono::milliseconds(1002)));
}

TEST(RateLimiter, ZeroIsOff) {
    RateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.acquire("k"));
}

TEST(StaticFiles, DecodesPaths) {
    EXPECT_EQ(percent_decode_path("a%20b/%2e%2E"), "a b/..");
    EXPECT_FALSE(percent_decode_path("a%00b"));
    EXPECT_FALSE(percent_decode_path("a%2"));
}

TEST(StaticFiles, ContentTypes) {
    EXPECT_EQ(content_type_for("a/index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("x.JS"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
    EXPECT_EQ(content_type_for("x"), "application/octet-stream");
}

}  // namespace
}  // namespace rampart::http
