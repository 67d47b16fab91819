#pragma once

// A real server on a free loopback port, serving a tiny schema through a
// test Gate, with the folders of a web page, an explorer and uploads.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "graphql/schema.h"
#include "graphql/service.h"
#include "http/http_test_client.h"
#include "http/server.h"

namespace rampart::http::test {

/// Who a test key speaks for; resolvers read it as the request context.
struct TestUser {
    std::string name;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

inline void write_file(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

/// Keys: "good-key" and "other-key" are valid (each its own rate bucket),
/// "throw" makes the gate throw, anything else is refused.
class TestGate : public Gate {
public:
    explicit TestGate(std::filesystem::path files) : m_files(std::move(files)) {}

    std::variant<Identity, std::string> authenticate(std::string_view api_key) override {
        if (api_key.empty()) return std::string("An x-api-key header is required");
        if (api_key == "throw") throw std::runtime_error("the key store is down");
        if (api_key == "good-key" || api_key == "other-key") return Identity{std::string(api_key), &m_user};
        return std::string("The API key is unknown or revoked");
    }

    std::variant<FileDownload, std::pair<int, std::string>> download(const Identity& /*who*/,
                                                                     std::string_view rest) override {
        if (rest == "report.txt") return FileDownload{(m_files / "report.txt").string(), "text/plain", "report ü.txt"};
        if (rest == "once.zip") {
            const auto copy = m_files / ("once-" + std::to_string(++m_made) + ".zip");
            std::filesystem::copy_file(m_files / "report.txt", copy);
            return FileDownload{copy.string(), "application/zip", "once.zip", true};
        }
        if (rest == "forbidden") return std::pair<int, std::string>{403, "Not yours"};
        return std::pair<int, std::string>{404, "No such file"};
    }

private:
    std::filesystem::path m_files;
    TestUser m_user{"tester"};
    int m_made = 0;
};

class ServerFixture : public ::testing::Test {
protected:
    static constexpr const char* SDL =
        "type Query { hello: String whoami: String slow(ms: Int!): String } "
        "type Mutation { echo(text: String!, file: Upload): String } scalar Upload";

    static void SetUpTestSuite() {
        auto built = graphql::Schema::build(SDL);
        ASSERT_TRUE(std::holds_alternative<std::unique_ptr<graphql::Schema>>(built));
        s_schema = std::move(std::get<std::unique_ptr<graphql::Schema>>(built)).release();
        s_schema->bind("Query", "hello",
                       [](const graphql::ResolveContext&) -> graphql::FieldResult { return "world"; });
        s_schema->bind("Query", "whoami", [](const graphql::ResolveContext& context) -> graphql::FieldResult {
            return context.context<TestUser>().name;
        });
        s_schema->bind("Query", "slow", [](const graphql::ResolveContext& context) -> graphql::FieldResult {
            std::this_thread::sleep_for(std::chrono::milliseconds(context.argument("ms")->as_int64()));
            return "done";
        });
        s_schema->bind("Mutation", "echo", [](const graphql::ResolveContext& context) -> graphql::FieldResult {
            std::string answer(context.argument("text")->as_string());
            const auto* file = context.argument("file");
            if (file != nullptr && file->is_string()) {
                const auto* upload = context.upload(file->as_string());
                if (upload == nullptr) return graphql::FieldError{"no such upload", "BAD_USER_INPUT"};
                answer += ":" + upload->file_name + ":" + read_file(upload->path);
            }
            return answer;
        });
        s_service = new graphql::Service(*s_schema, {});
    }

    static void TearDownTestSuite() {
        delete s_service;
        delete s_schema;
        s_service = nullptr;
        s_schema = nullptr;
    }

    void SetUp() override {
        m_dir =
            std::filesystem::temp_directory_path() / ("rampart-http-test-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        write_file(m_dir / "www" / "index.html", "<html>app</html>");
        write_file(m_dir / "www" / "app.js", "console.log(1);");
        write_file(m_dir / "www" / "assets" / "style.css", "body{}");
        write_file(m_dir / "www" / ".env", "SECRET=1");
        write_file(m_dir / "secret.txt", "top secret");
        std::filesystem::create_symlink(m_dir / "secret.txt", m_dir / "www" / "link");
        std::filesystem::create_symlink(m_dir / "secret.txt", m_dir / "www" / "link.txt");
        write_file(m_dir / "altair" / "index.html", "<html>altair</html>");
        write_file(m_dir / "files" / "report.txt", "the report");
        std::filesystem::create_directories(m_dir / "uploads");
    }

    void TearDown() override {
        stop_server();
        std::filesystem::remove_all(m_dir);
    }

    ServerOptions options() const {
        ServerOptions options;
        options.port = 0;
        options.threads = 2;
        options.rate_limit_per_minute = 0;
        options.static_dir = (m_dir / "www").string();
        options.explorer_dir = (m_dir / "altair").string();
        options.upload_dir = (m_dir / "uploads").string();
        return options;
    }

    void start(const ServerOptions& server_options) {
        auto files = m_dir / "files";
        auto created = Server::create(server_options, *s_service, [this, files] {
            ++m_gates;
            return std::make_unique<TestGate>(files);
        });
        ASSERT_TRUE(std::holds_alternative<std::unique_ptr<Server>>(created)) << std::get<std::string>(created);
        m_server = std::move(std::get<std::unique_ptr<Server>>(created));
        m_thread = std::thread([this] { m_server->run(); });
    }
    void start() { start(options()); }

    void stop_server() {
        if (!m_server) return;
        m_server->stop();
        if (m_thread.joinable()) m_thread.join();
        m_server.reset();
    }

    [[nodiscard]] HttpClient client() const { return HttpClient(m_server->port()); }

    static HeaderList json_headers(std::string accept = {}) {
        HeaderList headers = {{"x-api-key", "good-key"}, {"Content-Type", "application/json"}};
        if (!accept.empty()) headers.emplace_back("Accept", std::move(accept));
        return headers;
    }

    static inline graphql::Schema* s_schema = nullptr;
    static inline graphql::Service* s_service = nullptr;

    std::filesystem::path m_dir;
    std::unique_ptr<Server> m_server;
    std::thread m_thread;
    std::atomic<int> m_gates{0};
};

}  // namespace rampart::http::test
