// `rampart serve`: builds one set of services per server thread over the
// same SQLite file (a connection is used by one thread only; WAL lets the
// threads read while one writes), the GraphQL schema and the HTTP server.
#include "main/serve_command.h"

#include <fmt/format.h>

#include <sys/resource.h>

#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api/api.h"
#include "api/context.h"
#include "app/admin_service.h"
#include "app/catalog_service.h"
#include "app/project_service.h"
#include "engine/suggestions.h"
#include "evidence/blob_store.h"
#include "graphql/service.h"
#include "http/server.h"
#include "main/output.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_project_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"

namespace rampart::cli {
namespace {

/// The company, user and key made on the first start of an empty database.
constexpr std::string_view BOOTSTRAP_COMPANY = "Default";
constexpr std::string_view BOOTSTRAP_EMAIL = "admin@localhost";

/// Everything one server thread needs: its own connection and services.
class ThreadBackend {
public:
    [[nodiscard]] static core::Result<std::unique_ptr<ThreadBackend>> open(const std::string& database_path,
                                                                           const std::filesystem::path& blob_dir,
                                                                           const engine::SuggestionTable& suggestions) {
        auto db = storage::sqlite::Database::open(database_path);
        if (!db.ok()) return db.error();
        auto blobs = evidence::BlobStore::open(blob_dir);
        if (!blobs.ok()) return blobs.error();
        return std::unique_ptr<ThreadBackend>(
            new ThreadBackend(std::move(db).value(), std::move(blobs).value(), suggestions));
    }

    [[nodiscard]] api::Services& services() { return m_services; }
    [[nodiscard]] app::AdminService& admin() { return m_admin; }

private:
    ThreadBackend(std::unique_ptr<storage::sqlite::Database> database, evidence::BlobStore blobs,
                  const engine::SuggestionTable& suggestions)
        : m_database(std::move(database)),
          m_catalog_store(*m_database),
          m_tenancy(*m_database),
          m_projects_store(*m_database),
          m_blobs(std::move(blobs)),
          m_catalogs(m_catalog_store),
          m_admin(m_tenancy, transaction()),
          m_projects(m_projects_store, m_tenancy, m_catalogs, transaction(), m_blobs, evidence::EvidencePolicy{},
                     suggestions),
          m_services{m_projects, m_admin, m_catalogs} {}

    app::TransactionRunner transaction() {
        return [this](const std::function<core::Result<void>()>& work) { return m_database->transaction(work); };
    }

    std::unique_ptr<storage::sqlite::Database> m_database;
    storage::sqlite::SqliteCatalogStore m_catalog_store;
    storage::sqlite::SqliteTenancyStore m_tenancy;
    storage::sqlite::SqliteProjectStore m_projects_store;
    evidence::BlobStore m_blobs;
    app::CatalogService m_catalogs;
    app::AdminService m_admin;
    app::ProjectService m_projects;
    api::Services m_services;
};

/// The HTTP server's view of one thread's backend: API keys become actors,
/// downloads become files.
class BackendGate final : public http::Gate {
public:
    explicit BackendGate(std::unique_ptr<ThreadBackend> backend) : m_backend(std::move(backend)) {}

    std::variant<http::Identity, std::string> authenticate(std::string_view api_key) override {
        if (api_key.empty()) return std::string("an API key is required: send it in the x-api-key header");
        auto actor = m_backend->admin().authenticate(api_key);
        if (!actor.ok()) return actor.error().message;
        // The server handles one request at a time on this thread, so the
        // context can live here until the next request replaces it.
        m_request = api::RequestContext{std::move(actor).value(), &m_backend->services(), nullptr};
        // Rate limits are per key: the prefix names the key without its secret.
        const auto second = api_key.find('_', 3);
        return http::Identity{std::string(api_key.substr(0, second)), std::any(&m_request)};
    }

    std::variant<http::FileDownload, std::pair<int, std::string>> download(const http::Identity& who,
                                                                           std::string_view rest) override {
        const auto* request = std::any_cast<api::RequestContext*>(&who.graphql_context);
        if (request == nullptr || *request == nullptr) return std::pair<int, std::string>{401, "not signed in"};
        auto file = api::attachments_download(*(*request)->services, (*request)->actor, rest);
        if (!file.ok()) {
            return std::pair<int, std::string>{core::info(file.error().code).http_status, file.error().message};
        }
        return http::FileDownload{file->path, file->content_type, file->file_name, true};
    }

private:
    std::unique_ptr<ThreadBackend> m_backend;
    api::RequestContext m_request;
};

struct ListenAddress {
    std::string host;
    uint16_t port = 0;
};

core::Result<ListenAddress> parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    const auto bad = [&] {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("--listen \"{}\" is not HOST:PORT (e.g. 127.0.0.1:8080)", text));
    };
    if (colon == std::string::npos || colon == 0) return bad();
    ListenAddress address;
    address.host = text.substr(0, colon);
    if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
        address.host = address.host.substr(1, address.host.size() - 2);
    }
    const auto* first = text.data() + colon + 1;
    const auto* last = text.data() + text.size();
    const auto parsed = std::from_chars(first, last, address.port);
    if (parsed.ec != std::errc() || parsed.ptr != last) return bad();
    return address;
}

/// Creates the first company, admin and key when the database has no
/// company at all; answers the key to print, or nothing.
core::Result<std::optional<app::CreatedApiKey>> bootstrap(storage::sqlite::Database& database) {
    auto count = database.prepare("SELECT count(*) FROM companies");
    if (!count.ok()) return count.error();
    auto row = count->step();
    if (!row.ok()) return row.error();
    if (*row && count->integer(0) > 0) return std::optional<app::CreatedApiKey>{};
    storage::sqlite::SqliteTenancyStore tenancy(database);
    app::AdminService admin(
        tenancy, [&](const std::function<core::Result<void>()>& work) { return database.transaction(work); });
    auto created = admin.create_key(std::string(BOOTSTRAP_COMPANY), std::string(BOOTSTRAP_EMAIL), model::Role::Admin,
                                    "first start");
    if (!created.ok()) return created.error();
    return std::optional<app::CreatedApiKey>(std::move(created).value());
}

/// Imports the catalog folder when the database holds no catalog yet, so a
/// fresh server answers catalog questions at once.
core::Result<void> import_catalogs_if_empty(storage::sqlite::Database& database, const core::Config& config) {
    if (config.catalog_dir.value.empty()) return {};
    storage::sqlite::SqliteCatalogStore store(database);
    app::CatalogService catalogs(store);
    auto held = catalogs.list();
    if (!held.ok()) return held.error();
    if (!held->empty()) return {};
    auto report = catalogs.import_paths({config.catalog_dir.value}, {});
    if (!report.ok()) return report.error();
    std::cout << fmt::format("Imported {} catalog files from {}\n", report->files.size(), config.catalog_dir.value);
    return {};
}

/// Raises the open-files limit to what the system allows: every connection
/// is a descriptor, and the usual soft limit of 1,024 is too low for a server.
void raise_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

}  // namespace

int serve(const core::Config& config, const ServeOptions& options) {
    raise_file_limit();
    auto address = parse_listen(options.listen);
    if (!address.ok()) return report_error(address.error(), false);

    // The first connection runs the migrations before the threads open theirs.
    auto primary = storage::sqlite::Database::open(config.database.value);
    if (!primary.ok()) return report_error(primary.error(), false);
    if (auto imported = import_catalogs_if_empty(**primary, config); !imported.ok()) {
        return report_error(imported.error(), false);
    }
    auto first_key = bootstrap(**primary);
    if (!first_key.ok()) return report_error(first_key.error(), false);

    auto suggestions = engine::SuggestionTable::builtin();
    if (!suggestions.ok()) return report_error(suggestions.error(), false);

    auto schema = api::build_schema();
    if (auto* problem = std::get_if<std::string>(&schema)) {
        return report_error(core::Error::make(core::ErrorCode::Internal, *problem), false);
    }
    const auto& graphql_schema = *std::get<std::unique_ptr<graphql::Schema>>(schema);
    graphql::ServiceOptions service_options;
    service_options.cost.introspection = options.introspection;
    service_options.cost.max_depth = options.max_depth;
    service_options.cost.max_complexity = options.max_complexity;
    const graphql::Service service(graphql_schema, service_options);

    http::ServerOptions server_options;
    server_options.host = address->host;
    server_options.port = address->port;
    server_options.threads = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    server_options.rate_limit_per_minute = options.rate_limit_per_minute;
    server_options.static_dir = options.static_dir;
    server_options.explorer_dir = options.explorer_dir;
    server_options.max_body_bytes = options.max_body_bytes;
    server_options.max_upload_bytes = options.max_upload_bytes;

    const std::filesystem::path blob_dir =
        !options.blob_dir.empty() ? std::filesystem::path(options.blob_dir)
                                  : std::filesystem::absolute(config.database.value).parent_path() / "blobs";
    std::vector<std::unique_ptr<http::Gate>> gates;
    for (size_t i = 0; i < server_options.threads; ++i) {
        auto backend = ThreadBackend::open(config.database.value, blob_dir, *suggestions);
        if (!backend.ok()) return report_error(backend.error(), false);
        gates.push_back(std::make_unique<BackendGate>(std::move(backend).value()));
    }
    std::mutex gates_mutex;
    http::GateFactory factory = [&]() -> std::unique_ptr<http::Gate> {
        const std::lock_guard lock(gates_mutex);
        if (gates.empty()) return nullptr;
        auto gate = std::move(gates.back());
        gates.pop_back();
        return gate;
    };

    auto server = http::Server::create(server_options, service, factory);
    if (auto* problem = std::get_if<std::string>(&server)) {
        return report_error(core::Error::make(core::ErrorCode::Unavailable, *problem), false);
    }
    auto& running = *std::get<std::unique_ptr<http::Server>>(server);
    const auto url = fmt::format("http://{}:{}", address->host, running.port());
    std::cout << fmt::format("Rampart is serving on {}/ (GraphQL at {}/graphql", url, url);
    if (!options.explorer_dir.empty()) std::cout << fmt::format(", API explorer at {}/altair", url);
    std::cout << ")\n";
    if (first_key->has_value()) {
        std::cout << fmt::format(
            "First start: created company \"{}\" with admin {}. Their API key (shown once, keep it safe):\n{}\n",
            BOOTSTRAP_COMPANY, BOOTSTRAP_EMAIL, (*first_key)->plain_key);
    }
    std::cout.flush();
    running.stop_on_signals();
    running.run();
    return 0;
}

int print_schema() {
    auto schema = api::build_schema();
    if (auto* problem = std::get_if<std::string>(&schema)) {
        return report_error(core::Error::make(core::ErrorCode::Internal, *problem), false);
    }
    std::cout << std::get<std::unique_ptr<graphql::Schema>>(schema)->print();
    return 0;
}

}  // namespace rampart::cli
