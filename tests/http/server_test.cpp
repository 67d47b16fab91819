// The HTTP server end to end: a real server on loopback, real requests.
// GraphQL over HTTP behaviour follows the spec and graphql-http's server
// audits (the audit ids are named where a test mirrors one).
#include <boost/json/parse.hpp>

#include "http/server_fixture.h"

namespace rampart::http::test {
namespace {

namespace bhttp = boost::beast::http;
using Verb = bhttp::verb;

boost::json::object json_of(const Response& response) {
    boost::system::error_code ec;
    auto value = boost::json::parse(response.body, ec);
    if (ec || !value.is_object()) {
        ADD_FAILURE() << "not a JSON object: " << response.body;
        return {};
    }
    return value.as_object();
}

std::string first_error_code(const Response& response) {
    auto json = json_of(response);
    if (!json.contains("errors")) return {};
    const auto& error = json.at("errors").as_array().at(0).as_object();
    if (!error.contains("extensions")) return {};
    return std::string(error.at("extensions").as_object().at("code").as_string());
}

void expect_security_headers(const Response& response) {
    EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(response.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(response.header("Cross-Origin-Resource-Policy"), "same-origin");
    EXPECT_FALSE(response.header("Content-Security-Policy").empty());
}

using ServerTest = ServerFixture;

TEST_F(ServerTest, HealthNeedsNoKey) {
    start();
    auto http = client();
    auto response = http.get("/healthz");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"status":"ok"})");
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
    expect_security_headers(response);
    auto head = http.request(Verb::head, "/healthz");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), "15");
    EXPECT_EQ(head.body, "");
    auto post = http.post("/healthz", "x");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("Allow"), "GET, HEAD");
    EXPECT_EQ(m_gates, 2) << "one gate a thread";
}

TEST_F(ServerTest, PostJsonQuery) {
    start();
    auto http = client();
    // 4655: application/json is accepted and matched.
    auto response =
        http.post("/graphql", R"({"query":"{ __typename hello whoami }"})", json_headers("application/json"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(response.body, R"({"data":{"__typename":"Query","hello":"world","whoami":"tester"}})");
    EXPECT_TRUE(response.keep_alive);
    expect_security_headers(response);
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
    // 22EB: application/graphql-response+json is accepted and matched.
    response = http.post("/graphql", R"({"query":"{ hello }"})", json_headers("application/graphql-response+json"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/graphql-response+json; charset=utf-8");
    // 47DE, and no Accept at all: application/json.
    response = http.post("/graphql", R"({"query":"{ hello }"})", json_headers("*/*"));
    EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
    response = http.post("/graphql", R"({"query":"{ hello }"})", json_headers());
    EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
    // BF61: an explicit UTF-8 charset.
    response = http.post("/graphql", R"({"query":"{ hello }"})",
                         {{"x-api-key", "good-key"}, {"Content-Type", "application/json; charset=utf-8"}});
    EXPECT_EQ(response.status, 200);
    // B8B3, 0220-0222: operationName, null parameters, extensions.
    response = http.post(
        "/graphql",
        R"({"query":"query Q { hello } query R { whoami }","operationName":"R","variables":null,"extensions":{"a":1}})",
        json_headers("application/json"));
    EXPECT_EQ(response.body, R"({"data":{"whoami":"tester"}})");
}

TEST_F(ServerTest, NegotiationRefusesUnacceptableTypes) {
    start();
    auto http = client();
    auto response = http.post("/graphql", R"({"query":"{ hello }"})", json_headers("text/html"));
    EXPECT_EQ(response.status, 406);
    EXPECT_EQ(first_error_code(response), "NOT_ACCEPTABLE");
}

TEST_F(ServerTest, RequestErrorsDependOnTheMediaType) {
    start();
    auto http = client();
    // graphql-http 1.23 (BCF8, 8764, 3E3A, 423L …): a request that is not
    // well-formed is 400 whatever the media type; a well-formed one that
    // fails to parse or validate is 200 with application/json (572B, FDE2).
    const std::vector<std::pair<std::string, int>> cases = {
        {R"({ "not a JSON)", 400},                                                // BCF8, B7N8
        {R"({"qeury":"{ __typename }"})", 400},                                   // 3E3A, 423L
        {R"({"query":{"obj":"ect"}})", 400},                                      // LKJ0
        {R"({"query":"{ __typename }","variables":"str"})", 400},                 // 4760
        {R"({"query":"{ __typename }","operationName":0})", 400},                 // 6C01
        {R"({"query":"{ __typename }","extensions":[1]})", 400},                  // 58B3
        {"", 400},                                                                // A5BF
        {"[]", 400},                                                              //
        {R"({"query":"{"})", 200},                                                // 572B, 556A, D586
        {R"({"query":"{ 8f31403dfe404bccbb0e835f2629c6a7 }"})", 200},             // FDE2, 74FF, 5E5B
        {R"({"query":"query($n: Int!) { hello }","variables":{"n":"x"}})", 200},  // 7B9B, 86EE
    };
    for (const auto& [body, legacy_status] : cases) {
        auto strict = http.post("/graphql", body, json_headers("application/graphql-response+json"));
        EXPECT_EQ(strict.status, 400) << body;
        EXPECT_EQ(strict.header("Content-Type"), "application/graphql-response+json; charset=utf-8") << body;
        auto json = json_of(strict);
        EXPECT_TRUE(json.contains("errors")) << body;
        EXPECT_FALSE(json.contains("data")) << body;
        auto legacy = http.post("/graphql", body, json_headers("application/json"));
        EXPECT_EQ(legacy.status, legacy_status) << body;
        EXPECT_TRUE(json_of(legacy).contains("errors")) << body;
        EXPECT_FALSE(json_of(legacy).contains("data")) << body;
    }
}

TEST_F(ServerTest, ContentTypeIsChecked) {
    start();
    auto http = client();
    // 9ABE: no Content-Type.
    auto response = http.post("/graphql", "", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 415);
    response =
        http.post("/graphql", R"({"query":"{ hello }"})", {{"x-api-key", "good-key"}, {"Content-Type", "text/plain"}});
    EXPECT_EQ(response.status, 415);
    EXPECT_EQ(first_error_code(response), "UNSUPPORTED_MEDIA_TYPE");
    response = http.post("/graphql", R"({"query":"{ hello }"})",
                         {{"x-api-key", "good-key"}, {"Content-Type", "application/json; charset=latin1"}});
    EXPECT_EQ(response.status, 415);
    response = http.post("/graphql", "x", {{"x-api-key", "good-key"}, {"Content-Type", "multipart/form-data"}});
    EXPECT_EQ(response.status, 400);
}

TEST_F(ServerTest, GetRunsQueriesOnly) {
    start();
    auto http = client();
    // 5A70, 80D8.
    auto response = http.get("/graphql?query=%7B+__typename+%7D", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(response.body, R"({"data":{"__typename":"Query"}})");
    // D6D5, 6A70: variables as URL-encoded JSON.
    response = http.get(
        "/graphql?query=query+Type(%24name%3A+String!)+%7B+__type(name%3A+%24name)+%7B+name+%7D+%7D"
        "&variables=%7B%22name%22%3A%22Query%22%7D",
        {{"x-api-key", "good-key"}, {"Accept", "application/graphql-response+json"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"data":{"__type":{"name":"Query"}}})");
    // 9C48: no mutation over GET.
    response = http.get("/graphql?query=mutation+%7B+__typename+%7D",
                        {{"x-api-key", "good-key"}, {"Accept", "application/graphql-response+json"}});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("Allow"), "POST");
    EXPECT_TRUE(json_of(response).contains("errors"));
    // Bad variables JSON.
    response = http.get("/graphql?query=%7B+hello+%7D&variables=%7B",
                        {{"x-api-key", "good-key"}, {"Accept", "application/graphql-response+json"}});
    EXPECT_EQ(response.status, 400);
    response = http.get("/graphql", {{"x-api-key", "good-key"}, {"Accept", "application/graphql-response+json"}});
    EXPECT_EQ(response.status, 400);
}

TEST_F(ServerTest, WrongMethodsGet405) {
    start();
    auto http = client();
    auto response = http.request(Verb::put, "/graphql", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("Allow"), "GET, POST");
    EXPECT_EQ(first_error_code(response), "METHOD_NOT_ALLOWED");
    response = http.request(Verb::delete_, "/files/report.txt", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("Allow"), "GET, HEAD");
    response = http.request(Verb::post, "/app.js");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, AuthenticationIsRequired) {
    start();
    auto http = client();
    for (const auto* key : {"", "wrong"}) {
        HeaderList headers = {{"Content-Type", "application/json"}};
        if (*key != '\0') headers.emplace_back("x-api-key", key);
        auto response = http.post("/graphql", R"({"query":"{ hello }"})", headers);
        EXPECT_EQ(response.status, 401) << key;
        EXPECT_EQ(first_error_code(response), "UNAUTHENTICATED");
        EXPECT_FALSE(response.header("WWW-Authenticate").empty());
        expect_security_headers(response);
    }
    auto response = http.get("/graphql?query=%7Bhello%7D");
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(json_of(response).at("errors").as_array().at(0).at("message").as_string(),
              "An x-api-key header is required");
    // Header names are case-insensitive.
    response = http.post("/graphql", R"({"query":"{ hello }"})",
                         {{"X-API-KEY", "good-key"}, {"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 200);
    response = http.get("/files/report.txt");
    EXPECT_EQ(response.status, 401);
}

TEST_F(ServerTest, RateLimitPerIdentity) {
    auto server_options = options();
    server_options.rate_limit_per_minute = 3;
    start(server_options);
    auto http = client();
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(http.post("/graphql", R"({"query":"{ hello }"})", json_headers()).status, 200) << i;
    }
    auto response = http.post("/graphql", R"({"query":"{ hello }"})", json_headers());
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(first_error_code(response), "RATE_LIMITED");
    const int retry_after = std::stoi(response.header("Retry-After"));
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 20);
    // Another key has its own bucket; health is never limited.
    auto other = client();
    EXPECT_EQ(other
                  .post("/graphql", R"({"query":"{ hello }"})",
                        {{"x-api-key", "other-key"}, {"Content-Type", "application/json"}})
                  .status,
              200);
    EXPECT_EQ(other.get("/healthz").status, 200);
}

TEST_F(ServerTest, GateFailuresAre500AndTheServerGoesOn) {
    start();
    auto http = client();
    auto response = http.post("/graphql", R"({"query":"{ hello }"})",
                              {{"x-api-key", "throw"}, {"Content-Type", "application/json"}});
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(json_of(response).at("errors").as_array().at(0).at("message").as_string(), "Internal server error");
    EXPECT_EQ(client().post("/graphql", R"({"query":"{ hello }"})", json_headers()).status, 200);
}

TEST_F(ServerTest, BodyLimits) {
    auto server_options = options();
    server_options.max_body_bytes = 1024;
    server_options.max_upload_bytes = 4096;
    start(server_options);
    {
        // Refused from Content-Length alone, before any body is sent.
        auto http = client();
        http.send_raw(
            "POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: good-key\r\nContent-Type: application/json\r\n"
            "Content-Length: 2000000\r\n\r\n");
        auto response = http.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 413);
        EXPECT_EQ(first_error_code(*response), "LIMIT_EXCEEDED");
        EXPECT_FALSE(response->keep_alive);
    }
    {
        // A chunked body is stopped while it is read.
        auto http = client();
        std::string body =
            "POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: good-key\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 5; ++i) body += "200\r\n" + std::string(512, ' ') + "\r\n";
        body += "0\r\n\r\n";
        http.send_raw(body);
        auto response = http.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 413);
    }
    {
        auto http = client();
        auto response = http.post("/graphql", std::string(5000, 'x'),
                                  {{"x-api-key", "good-key"}, {"Content-Type", "multipart/form-data; boundary=B"}});
        EXPECT_EQ(response.status, 413);
    }
    // Just under the limit is fine.
    std::string padded = R"({"query":"{ hello }"})" + std::string(1000, ' ');
    EXPECT_EQ(client().post("/graphql", padded, json_headers()).status, 200);
}

TEST_F(ServerTest, ExpectContinue) {
    start();
    auto http = client();
    const std::string body = R"({"query":"{ hello }"})";
    http.send_raw(
        "POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: good-key\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    auto interim = http.read_response();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    http.send_raw(body);
    auto response = http.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, R"({"data":{"hello":"world"}})");
}

TEST_F(ServerTest, MalformedHttp) {
    start();
    {
        auto http = client();
        http.send_raw("THIS IS NOT HTTP\r\n\r\n");
        auto response = http.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 400);
        EXPECT_TRUE(http.closed_within(std::chrono::seconds(5)));
    }
    {
        auto http = client();
        http.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
        auto response = http.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 431);
    }
    {
        auto http = client();
        http.send_raw("GET http://elsewhere/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        auto response = http.read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 400);
    }
    EXPECT_EQ(client().get("/healthz").status, 200);
}

std::string multipart_body(std::string_view boundary, std::string_view operations, std::string_view map,
                           std::string_view file_name, std::string_view content) {
    std::string body;
    body += "--" + std::string(boundary) + "\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n";
    body += std::string(operations) + "\r\n";
    body += "--" + std::string(boundary) + "\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n";
    body += std::string(map) + "\r\n";
    body += "--" + std::string(boundary) + "\r\nContent-Disposition: form-data; name=\"0\"; filename=\"" +
            std::string(file_name) + "\"\r\nContent-Type: text/plain\r\n\r\n";
    body += std::string(content) + "\r\n--" + std::string(boundary) + "--\r\n";
    return body;
}

TEST_F(ServerTest, MultipartUploadRoundTrip) {
    start();
    auto http = client();
    const std::string content = "file content\r\n--not the boundary\r\n" + std::string(200000, 'z');
    const auto body = multipart_body(
        "----boundary42",
        R"({"query":"mutation($t: String!, $f: Upload) { echo(text: $t, file: $f) }","variables":{"t":"hi","f":null}})",
        R"({"0":["variables.f"]})", "notes.txt", content);
    auto response =
        http.post("/graphql", body,
                  {{"x-api-key", "good-key"}, {"Content-Type", "multipart/form-data; boundary=----boundary42"}});
    ASSERT_EQ(response.status, 200) << response.body;
    auto json = json_of(response);
    ASSERT_TRUE(json.contains("data")) << response.body;
    EXPECT_EQ(json.at("data").at("echo").as_string(), "hi:notes.txt:" + content);
    EXPECT_TRUE(std::filesystem::is_empty(m_dir / "uploads")) << "uploads outlive their request";

    // The connection stays usable.
    EXPECT_EQ(http.post("/graphql", R"({"query":"{ hello }"})", json_headers()).status, 200);

    // Chunked, and with Expect: 100-continue.
    auto chunked = client();
    chunked.send_raw(
        "POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: good-key\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: multipart/form-data; boundary=----boundary42\r\n\r\n");
    for (size_t at = 0; at < body.size(); at += 7000) {
        const auto piece = body.substr(at, 7000);
        std::ostringstream chunk;
        chunk << std::hex << piece.size() << "\r\n" << piece << "\r\n";
        chunked.send_raw(chunk.str());
    }
    chunked.send_raw("0\r\n\r\n");
    auto second = chunked.read_response();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200);
    EXPECT_EQ(json_of(*second).at("data").at("echo").as_string(), "hi:notes.txt:" + content);
    EXPECT_TRUE(std::filesystem::is_empty(m_dir / "uploads"));
}

TEST_F(ServerTest, MalformedMultipart) {
    start();
    auto http = client();
    const HeaderList headers = {{"x-api-key", "good-key"},
                                {"Content-Type", "multipart/form-data; boundary=B"},
                                {"Accept", "application/graphql-response+json"}};
    // The file the map names is missing.
    auto response =
        http.post("/graphql",
                  "--B\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n"
                  R"({"query":"mutation($f: Upload) { echo(text: \"x\", file: $f) }","variables":{"f":null}})"
                  "\r\n--B\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n"
                  R"({"0":["variables.f"]})"
                  "\r\n--B--\r\n",
                  headers);
    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(json_of(response).contains("errors"));
    // Never closed.
    auto other = client();
    response = other.post("/graphql", "--B\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}", headers);
    EXPECT_EQ(response.status, 400);
    // Fields out of order.
    auto third = client();
    response =
        third.post("/graphql", "--B\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{}\r\n--B--", headers);
    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(std::filesystem::is_empty(m_dir / "uploads"));
}

TEST_F(ServerTest, Downloads) {
    start();
    auto http = client();
    auto response = http.get("/files/report.txt", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "the report");
    EXPECT_EQ(response.header("Content-Type"), "text/plain");
    EXPECT_EQ(response.header("Content-Disposition"),
              "attachment; filename=\"report __.txt\"; filename*=UTF-8''report%20%C3%BC.txt");
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
    expect_security_headers(response);
    auto head = http.request(Verb::head, "/files/report.txt", {{"x-api-key", "good-key"}});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), "10");
    EXPECT_EQ(http.get("/files/nothing", {{"x-api-key", "good-key"}}).status, 404);
    EXPECT_EQ(http.get("/files/forbidden", {{"x-api-key", "good-key"}}).status, 403);
    response = http.get("/files/once.zip", {{"x-api-key", "good-key"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "the report");
    // Removed once the last byte is written, which may be just after the
    // client has read it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::filesystem::exists(m_dir / "files" / "once-1.zip") && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(std::filesystem::exists(m_dir / "files" / "once-1.zip")) << "a one-time file was kept";
}

TEST_F(ServerTest, StaticFiles) {
    start();
    auto http = client();
    auto response = http.get("/");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "<html>app</html>");
    EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(response.header("Content-Security-Policy").find("script-src 'self';"), std::string::npos);
    expect_security_headers(response);
    response = http.get("/app.js");
    EXPECT_EQ(response.header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(response.body, "console.log(1);");
    EXPECT_EQ(http.get("/assets/style.css").header("Content-Type"), "text/css; charset=utf-8");
    // Routes of the single-page application get the page.
    EXPECT_EQ(http.get("/projects/12").body, "<html>app</html>");
    EXPECT_EQ(http.get("/missing.js").status, 404);
    // Nothing outside the folder, no dot files.
    for (const auto* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/.env",
                               "/link.txt", "/%00", "/assets\\..\\..\\secret.txt"}) {
        auto refused = http.get(target);
        EXPECT_NE(refused.body, "top secret") << target;
        EXPECT_NE(refused.body, "SECRET=1") << target;
        EXPECT_LT(refused.status, 500) << target;
    }
    EXPECT_EQ(http.get("/link").body, "<html>app</html>");  // a link out of the folder is not followed
    // Revalidation.
    const auto tag = http.get("/app.js").header("ETag");
    ASSERT_FALSE(tag.empty());
    response = http.get("/app.js", {{"If-None-Match", tag}});
    EXPECT_EQ(response.status, 304);
    EXPECT_EQ(response.body, "");
    auto head = http.request(Verb::head, "/app.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), "15");
    EXPECT_EQ(http.get("/healthz").status, 200) << "the connection survives HEAD";
}

TEST_F(ServerTest, Explorer) {
    start();
    auto http = client();
    auto response = http.get("/altair");
    EXPECT_EQ(response.status, 301);
    EXPECT_EQ(response.header("Location"), "/altair/");
    response = http.get("/altair/");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "<html>altair</html>");
    EXPECT_NE(response.header("Content-Security-Policy").find("'unsafe-eval'"), std::string::npos);
    EXPECT_EQ(http.get("/graphiql/").body, "<html>altair</html>");
    EXPECT_EQ(http.get("/altair/nothing.js").status, 404);
}

TEST_F(ServerTest, WithoutFoldersUnknownPathsAre404) {
    auto server_options = options();
    server_options.static_dir.clear();
    server_options.explorer_dir.clear();
    start(server_options);
    auto http = client();
    auto response = http.get("/");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(first_error_code(response), "NOT_FOUND");
    EXPECT_EQ(http.get("/altair/").status, 404);
    expect_security_headers(response);
}

TEST_F(ServerTest, CreateReportsProblems) {
    start();
    auto server_options = options();
    server_options.port = m_server->port();
    auto taken = Server::create(server_options, *s_service, [] { return std::unique_ptr<Gate>(); });
    ASSERT_TRUE(std::holds_alternative<std::string>(taken));
    EXPECT_NE(std::get<std::string>(taken).find("cannot listen"), std::string::npos);

    server_options = options();
    server_options.static_dir = (m_dir / "nowhere").string();
    auto missing = Server::create(server_options, *s_service, [] { return std::unique_ptr<Gate>(); });
    ASSERT_TRUE(std::holds_alternative<std::string>(missing));
}

TEST_F(ServerTest, KeepAliveServesManyRequests) {
    start();
    auto http = client();
    for (int i = 0; i < 200; ++i) {
        auto response = http.post("/graphql", R"({"query":"{ __typename }"})", json_headers());
        ASSERT_EQ(response.status, 200);
        ASSERT_TRUE(response.keep_alive);
    }
    auto closing = http.request(Verb::get, "/healthz", {{"Connection", "close"}});
    EXPECT_FALSE(closing.keep_alive);
    EXPECT_TRUE(http.closed_within(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace rampart::http::test
