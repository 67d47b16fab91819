// The multipart/form-data parser (RFC 2046 §5.1.1, RFC 7578) and the
// GraphQL multipart request collector built on it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "http/multipart.h"
#include "http/upload_request.h"

namespace rampart::http {
namespace {

struct RecordedPart {
    PartHeaders headers;
    std::string data;
    bool ended = false;
};

class RecordingSink : public MultipartSink {
public:
    std::optional<std::string> on_part_begin(const PartHeaders& headers) override {
        parts.push_back({headers, {}, false});
        return std::nullopt;
    }
    std::optional<std::string> on_part_data(std::string_view bytes) override {
        parts.back().data.append(bytes);
        return std::nullopt;
    }
    std::optional<std::string> on_part_end() override {
        parts.back().ended = true;
        return std::nullopt;
    }
    std::vector<RecordedPart> parts;
};

// Parses `body` fed in pieces of `piece` bytes; the error, if any.
std::optional<std::string> parse(std::string_view body, RecordingSink& sink, size_t piece = 0,
                                 std::string_view boundary = "XyZ", MultipartLimits limits = {}) {
    MultipartParser parser(boundary, sink, limits);
    if (piece == 0) piece = body.size() + 1;
    for (size_t at = 0; at < body.size(); at += piece) {
        if (auto error = parser.feed(body.substr(at, piece))) return error;
    }
    return parser.finish();
}

const std::string TWO_PARTS =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"operations\"\r\n"
    "\r\n"
    "{\"query\":\"{a}\"}\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"0\"; filename=\"a.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "line one\r\nline --XyZ two\r\n--Xy\r\n"
    "--XyZ--\r\n";

TEST(MultipartParser, ParsesParts) {
    RecordingSink sink;
    ASSERT_EQ(parse(TWO_PARTS, sink), std::nullopt);
    ASSERT_EQ(sink.parts.size(), 2U);
    EXPECT_EQ(sink.parts[0].headers.name, "operations");
    EXPECT_TRUE(sink.parts[0].headers.form_data);
    EXPECT_FALSE(sink.parts[0].headers.file_name);
    EXPECT_EQ(sink.parts[0].data, "{\"query\":\"{a}\"}");
    EXPECT_EQ(sink.parts[1].headers.name, "0");
    EXPECT_EQ(sink.parts[1].headers.file_name, "a.txt");
    EXPECT_EQ(sink.parts[1].headers.content_type, "text/plain");
    EXPECT_EQ(sink.parts[1].data, "line one\r\nline --XyZ two\r\n--Xy");
    EXPECT_TRUE(sink.parts[1].ended);
}

TEST(MultipartParser, AnySplitGivesTheSameParts) {
    for (size_t piece = 1; piece <= TWO_PARTS.size(); ++piece) {
        RecordingSink sink;
        ASSERT_EQ(parse(TWO_PARTS, sink, piece), std::nullopt) << piece;
        ASSERT_EQ(sink.parts.size(), 2U) << piece;
        EXPECT_EQ(sink.parts[0].data, "{\"query\":\"{a}\"}") << piece;
        EXPECT_EQ(sink.parts[1].data, "line one\r\nline --XyZ two\r\n--Xy") << piece;
    }
}

TEST(MultipartParser, IgnoresPreambleEpilogueAndPadding) {
    RecordingSink sink;
    const std::string body =
        "This is the preamble.\r\n--XyZ \t\r\n"
        "Content-Disposition: form-data; name=a\r\n\r\n"
        "1\r\n--XyZ\r\n"
        "\r\n"  // a part without headers
        "2\r\n--XyZ--  epilogue\r\n--XyZ\r\nmore";
    ASSERT_EQ(parse(body, sink), std::nullopt);
    ASSERT_EQ(sink.parts.size(), 2U);
    EXPECT_EQ(sink.parts[0].headers.name, "a");
    EXPECT_EQ(sink.parts[0].data, "1");
    EXPECT_FALSE(sink.parts[1].headers.form_data);
    EXPECT_EQ(sink.parts[1].data, "2");
}

TEST(MultipartParser, EmptyPartAndBinaryData) {
    RecordingSink sink;
    const std::string binary("\0\r\n\r-\xff", 6);
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=e\r\n\r\n\r\n--XyZ\r\n"
        "Content-Disposition: form-data; name=b\r\n\r\n" +
        binary + "\r\n--XyZ--";
    ASSERT_EQ(parse(body, sink, 3), std::nullopt);
    ASSERT_EQ(sink.parts.size(), 2U);
    EXPECT_EQ(sink.parts[0].data, "");
    EXPECT_EQ(sink.parts[1].data, binary);
}

TEST(MultipartParser, ReadsDispositionParameters) {
    RecordingSink sink;
    const std::string body =
        "--XyZ\r\n"
        "content-disposition: FORM-DATA ; name=\"with \\\"quote\\\"\" ; filename=\"C:\\dir\\x.pdf\";\r\n"
        "  filename*=UTF-8''na%C3%AFve.txt\r\n"
        "\r\nx\r\n--XyZ--";
    ASSERT_EQ(parse(body, sink), std::nullopt);
    ASSERT_EQ(sink.parts.size(), 1U);
    EXPECT_TRUE(sink.parts[0].headers.form_data);
    EXPECT_EQ(sink.parts[0].headers.name, "with \"quote\"");
    EXPECT_EQ(sink.parts[0].headers.file_name, "na\xc3\xafve.txt");
}

TEST(MultipartParser, RefusesMalformedBodies) {
    const std::vector<std::string> bodies = {
        "",                                                                           // no boundary at all
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno end",              // never closed
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ",          // cut after a delimiter
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZjunk\r\n",  // bad boundary line
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\nno colon\r\n\r\n1\r\n--XyZ--",
        "--XyZ\r\n: empty name\r\n\r\n1\r\n--XyZ--",
        "--XyZ\r\n continued first\r\n\r\n1\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"unclosed\r\n\r\n1\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: ; name=a\r\n\r\n1\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name\r\n\r\n1\r\n--XyZ--",
        "--XyZ" + std::string(300, ' ') + "\r\n\r\n1\r\n--XyZ--",  // endless padding
        "--XyZ\r\nContent-Disposition: form-data; name=a",         // headers never end
    };
    for (const auto& body : bodies) {
        RecordingSink sink;
        EXPECT_NE(parse(body, sink), std::nullopt) << body;
        RecordingSink split_sink;
        EXPECT_NE(parse(body, split_sink, 1), std::nullopt) << body;
    }
}

TEST(MultipartParser, EnforcesLimits) {
    {
        RecordingSink sink;
        const std::string body = "--XyZ\r\nX-Long: " + std::string(200, 'a') + "\r\n\r\n1\r\n--XyZ--";
        EXPECT_NE(parse(body, sink, 7, "XyZ", {100, 10}), std::nullopt);
    }
    {
        RecordingSink sink;
        std::string body;
        for (int i = 0; i < 5; ++i) body += "--XyZ\r\n\r\nx\r\n";
        body += "--XyZ--";
        EXPECT_NE(parse(body, sink, 0, "XyZ", {100, 4}), std::nullopt);
        RecordingSink enough;
        EXPECT_EQ(parse(body, enough, 0, "XyZ", {100, 5}), std::nullopt);
    }
}

TEST(MultipartParser, StopsWhenTheSinkRefuses) {
    class Refusing : public RecordingSink {
        std::optional<std::string> on_part_data(std::string_view) override { return "no"; }
    } sink;
    MultipartParser parser("XyZ", sink);
    EXPECT_EQ(parser.feed(TWO_PARTS), "no");
    EXPECT_EQ(parser.feed("more"), "no");
    EXPECT_EQ(parser.finish(), "no");
}

TEST(MultipartBoundary, ReadsTheContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""), "a b:c");
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
    EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"a\rb\""));
}

// --- The GraphQL multipart request (jaydenseric/graphql-multipart-request-spec)

class UploadCollectorTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir =
            std::filesystem::temp_directory_path() / ("rampart-multipart-test-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    size_t files_in_dir() const {
        return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(m_dir), {}));
    }

    static std::string field(std::string_view name, std::string_view value) {
        return "--B\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" +
               std::string(value) + "\r\n";
    }
    static std::string file(std::string_view name, std::string_view file_name, std::string_view content) {
        return "--B\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
               std::string(file_name) + "\"\r\nContent-Type: text/plain\r\n\r\n" + std::string(content) + "\r\n";
    }

    // Runs a body through the parser into a collector.
    DecodedRequest collect(const std::string& body, UploadCollector& collector, size_t piece = 5) {
        MultipartParser parser("B", collector);
        for (size_t at = 0; at < body.size(); at += piece) {
            if (auto error = parser.feed(std::string_view(body).substr(at, piece))) return *error;
        }
        if (auto error = parser.finish()) return *error;
        return collector.finish();
    }

    std::filesystem::path m_dir;
};

TEST_F(UploadCollectorTest, MapsFilesOntoVariables) {
    const std::string body =
        field("operations",
              R"({"query":"mutation($f: Upload!, $l: [Upload!]!) { a }","variables":{"f":null,"l":[null,null]}})") +
        field("map", R"({"0":["variables.f"],"1":["variables.l.0"],"2":["variables.l.1"]})") +
        file("0", "../../etc/a.txt", "alpha") + file("1", "b.txt", "") + file("2", "c.bin", std::string(10000, 'c')) +
        file("unmapped", "x", "skipped") + "--B--\r\n";
    {
        UploadCollector collector(m_dir, {});
        auto decoded = collect(body, collector);
        ASSERT_TRUE(std::holds_alternative<graphql::Request>(decoded)) << std::get<std::string>(decoded);
        const auto& request = std::get<graphql::Request>(decoded);
        EXPECT_EQ(request.variables.at("f").as_string(), "0");
        EXPECT_EQ(request.variables.at("l").as_array()[1].as_string(), "2");
        ASSERT_EQ(request.uploads.size(), 3U);
        const auto& first = request.uploads.at("0");
        EXPECT_EQ(first.file_name, "a.txt");
        EXPECT_EQ(first.content_type, "text/plain");
        EXPECT_EQ(first.size, 5U);
        std::ifstream in(first.path, std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        EXPECT_EQ(content.str(), "alpha");
        EXPECT_EQ(request.uploads.at("1").size, 0U);
        EXPECT_EQ(request.uploads.at("2").size, 10000U);
        EXPECT_EQ(std::filesystem::path(first.path).parent_path(), m_dir);
        EXPECT_EQ(files_in_dir(), 3U);
    }
    EXPECT_EQ(files_in_dir(), 0U) << "files outlive the collector";
}

TEST_F(UploadCollectorTest, RefusesMisorderedOrMissingFields) {
    const std::string operations = field("operations", R"({"query":"{a}","variables":{"f":null}})");
    const std::string map = field("map", R"({"0":["variables.f"]})");
    const std::vector<std::string> bodies = {
        map + operations + file("0", "a", "x") + "--B--",
        file("0", "a", "x") + operations + map + "--B--",
        operations + "--B--",
        operations + map + "--B--",                                              // the file is missing
        operations + map + file("0", "a", "x") + file("0", "a", "y") + "--B--",  // twice
        operations + field("map", "[1]") + "--B--",
        operations + field("map", R"({"0":"variables.f"})") + "--B--",
        operations + field("map", R"({"0":[]})") + "--B--",
        operations + field("map", R"({"0":[1]})") + "--B--",
        operations + field("map", "{") + "--B--",
        operations + field("map", R"({"0":["variables.g.h"]})") + file("0", "a", "x") + "--B--",
        operations + field("map", R"({"0":["variables..f"]})") + file("0", "a", "x") + "--B--",
        operations + field("map", R"({"0":["query.x"]})") + file("0", "a", "x") + "--B--",
        field("operations", "{") + map + file("0", "a", "x") + "--B--",
        field("operations", R"([{"query":"{a}"}])") + field("map", R"({"0":["0.variables.f"]})") + file("0", "a", "x") +
            "--B--",
        "--B\r\nContent-Disposition: attachment; name=\"operations\"\r\n\r\n{}\r\n--B--",
    };
    for (const auto& body : bodies) {
        UploadCollector collector(m_dir, {});
        auto decoded = collect(body, collector);
        EXPECT_TRUE(std::holds_alternative<std::string>(decoded)) << body;
        EXPECT_NE(collector.failure(), UploadFailure::None) << body;
    }
    EXPECT_EQ(files_in_dir(), 0U);
}

TEST_F(UploadCollectorTest, EnforcesLimits) {
    {
        UploadCollector collector(m_dir, {16, 10});
        auto decoded = collect(field("operations", std::string(17, ' ')) + "--B--", collector);
        EXPECT_TRUE(std::holds_alternative<std::string>(decoded));
        EXPECT_EQ(collector.failure(), UploadFailure::TooLarge);
    }
    {
        UploadCollector collector(m_dir, {1024, 1});
        auto decoded = collect(field("operations", R"({"query":"{a}","variables":{"a":null,"b":null}})") +
                                   field("map", R"({"0":["variables.a"],"1":["variables.b"]})") + file("0", "a", "x") +
                                   file("1", "b", "y") + "--B--",
                               collector);
        EXPECT_TRUE(std::holds_alternative<std::string>(decoded));
        EXPECT_EQ(collector.failure(), UploadFailure::TooLarge);
    }
    EXPECT_EQ(files_in_dir(), 0U);
}

TEST_F(UploadCollectorTest, ReportsStorageFailures) {
    UploadCollector collector(m_dir / "missing", {});
    auto decoded = collect(field("operations", R"({"query":"{a}","variables":{"a":null}})") +
                               field("map", R"({"0":["variables.a"]})") + file("0", "a", "x") + "--B--",
                           collector);
    EXPECT_TRUE(std::holds_alternative<std::string>(decoded));
    EXPECT_EQ(collector.failure(), UploadFailure::Storage);
}

TEST(UploadMap, ParsesAndApplies) {
    auto map = parse_upload_map(R"({"a":["variables.x","variables.y.0"]})");
    ASSERT_TRUE(std::holds_alternative<UploadMap>(map));
    auto decoded = assemble_upload_request(R"({"query":"{q}","variables":{"x":null,"y":[null]}})",
                                           std::get<UploadMap>(map), {{"a", graphql::Upload{"n", "t", "/p", 1}}});
    ASSERT_TRUE(std::holds_alternative<graphql::Request>(decoded));
    const auto& request = std::get<graphql::Request>(decoded);
    EXPECT_EQ(request.variables.at("x").as_string(), "a");
    EXPECT_EQ(request.variables.at("y").as_array()[0].as_string(), "a");
    EXPECT_EQ(request.uploads.at("a").path, "/p");
    EXPECT_TRUE(std::holds_alternative<std::string>(
        assemble_upload_request(R"({"query":"{q}","variables":{"y":[]}})", std::get<UploadMap>(map), {})));
}

}  // namespace
}  // namespace rampart::http
