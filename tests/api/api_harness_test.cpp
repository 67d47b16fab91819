#include "api_harness.h"

#include <gtest/gtest.h>

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "graphql/execution.h"

namespace rampart::api::testing {
namespace {

using rampart::testing::shared_file;
using rampart::testing::TempDir;

/// The seeded database every harness copies, built once for the whole run.
struct Template {
    TempDir dir;
    std::map<Caller, model::Actor> actors;

    [[nodiscard]] std::filesystem::path database() const { return dir / "template.db"; }
};

void fail(const std::string& what, const core::Error& error) {
    throw std::runtime_error(what + ": " + error.to_string());
}

template <typename T>
T take(core::Result<T> result, const std::string& what) {
    if (!result.ok()) fail(what, result.error());
    return std::move(result).value();
}

model::ThreatModel payments_model() {
    model::ThreatModel model;
    model.name = "Payments";
    model.goal = "Take card payments";
    model.scope = "The public API and its database";
    model.estimated_hours = 40;
    model.tags = {"pci"};
    model.team = {"dev@acme.test"};
    model.assets = {"payments-api"};
    model.asvs_version = "4.0.3";
    model.asvs_level = 1;
    model.items = {{"api", model::ItemKind::Api, "Public API", "REST endpoints", {66, 62}},
                   {"db", model::ItemKind::Database, "Payments database", "Orders and card tokens", {66}}};
    return model;
}

model::ThreatModel draft_model() {
    model::ThreatModel model;
    model.name = "Checkout";
    model.goal = "Let customers pay";
    model.items = {{"", model::ItemKind::UserInterface, "Checkout pages", "Server-rendered pages", {63}}};
    return model;
}

std::unique_ptr<Template> build_template() {
    auto made = std::make_unique<Template>();
    auto db = take(storage::sqlite::Database::open(made->database().string()), "open the template");
    storage::sqlite::SqliteCatalogStore catalog_store(*db);
    storage::sqlite::SqliteTenancyStore tenancy(*db);
    storage::sqlite::SqliteProjectStore project_store(*db);
    app::CatalogService catalogs(catalog_store);
    take(catalogs.import_paths({shared_file("catalogs").string()}, {}), "import the catalogs");

    const auto transaction = [&db](const std::function<core::Result<void>()>& work) { return db->transaction(work); };
    app::AdminService admin(tenancy, transaction);
    const auto add = [&](Caller caller, const std::string& company, const std::string& email, model::Role role) {
        const auto created = take(admin.create_key(company, email, role, "seed"), "create " + email);
        made->actors[caller] = take(admin.authenticate(created.plain_key), "authenticate " + email);
    };
    add(Caller::AcmeAdmin, "Acme", "ana@acme.test", model::Role::Admin);
    add(Caller::AcmeAnalyst, "Acme", "sec@acme.test", model::Role::SecurityAnalyst);
    add(Caller::AcmeDeveloper, "Acme", "dev@acme.test", model::Role::Developer);
    add(Caller::AcmeViewer, "Acme", "vic@acme.test", model::Role::Viewer);
    add(Caller::GlobexAnalyst, "Globex", "gus@globex.test", model::Role::SecurityAnalyst);

    auto blobs = take(evidence::BlobStore::open(made->dir / "blobs"), "open the blob store");
    auto suggestions = take(engine::SuggestionTable::builtin(), "read the suggestions");
    app::ProjectService projects(project_store, tenancy, catalogs, transaction, blobs, evidence::EvidencePolicy{},
                                 suggestions);
    const auto& analyst = made->actors.at(Caller::AcmeAnalyst);
    const auto project_id = take(projects.save(analyst, payments_model()), "save the project");
    if (project_id != 1) throw std::runtime_error("the seeded project is not project 1");
    take(projects.change_status(analyst, project_id, model::ProjectStatus::Running, "work starts"),
         "start the project");
    const auto draft = take(projects.create_draft(analyst, draft_model()), "create the draft");
    if (draft.id != 1) throw std::runtime_error("the seeded draft is not draft 1");

    if (const auto done = db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); !done.ok()) fail("checkpoint", done.error());
    return made;
}

const Template& shared_template() {
    static const std::unique_ptr<Template> TEMPLATE = build_template();
    return *TEMPLATE;
}

}  // namespace

std::optional<Caller> caller_from(const std::string& name) {
    if (name == "admin") return Caller::AcmeAdmin;
    if (name == "analyst") return Caller::AcmeAnalyst;
    if (name == "developer") return Caller::AcmeDeveloper;
    if (name == "viewer") return Caller::AcmeViewer;
    if (name == "globex") return Caller::GlobexAnalyst;
    return std::nullopt;
}

const graphql::Schema& ApiHarness::schema() {
    static const std::unique_ptr<graphql::Schema> SCHEMA = [] {
        auto built = build_schema();
        if (auto* message = std::get_if<std::string>(&built)) throw std::runtime_error(*message);
        return std::get<std::unique_ptr<graphql::Schema>>(std::move(built));
    }();
    return *SCHEMA;
}

ApiHarness::ApiHarness() {
    const auto& seeded = shared_template();
    const auto path = m_dir / "rampart.db";
    std::filesystem::copy_file(seeded.database(), path);
    m_db = take(storage::sqlite::Database::open(path.string()), "open the database");
    m_catalog_store = std::make_unique<storage::sqlite::SqliteCatalogStore>(*m_db);
    m_tenancy = std::make_unique<storage::sqlite::SqliteTenancyStore>(*m_db);
    m_project_store = std::make_unique<storage::sqlite::SqliteProjectStore>(*m_db);
    m_catalogs = std::make_unique<app::CatalogService>(*m_catalog_store);
    m_blobs = std::make_unique<evidence::BlobStore>(take(evidence::BlobStore::open(m_dir / "blobs"), "blobs"));
    m_suggestions = std::make_unique<engine::SuggestionTable>(take(engine::SuggestionTable::builtin(), "table"));
    const auto transaction = [this](const std::function<core::Result<void>()>& work) {
        return m_db->transaction(work);
    };
    m_admin = std::make_unique<app::AdminService>(*m_tenancy, transaction);
    m_projects = std::make_unique<app::ProjectService>(*m_project_store, *m_tenancy, *m_catalogs, transaction, *m_blobs,
                                                       evidence::EvidencePolicy{}, *m_suggestions);
    m_services = std::make_unique<Services>(Services{*m_projects, *m_admin, *m_catalogs});
    m_service = std::make_unique<graphql::Service>(schema(), graphql::ServiceOptions{});
}

ApiHarness::~ApiHarness() = default;

const model::Actor& ApiHarness::actor(Caller caller) const { return shared_template().actors.at(caller); }

boost::json::object ApiHarness::run(const std::string& query, const boost::json::object& variables, Caller caller,
                                    const std::unordered_map<std::string, graphql::Upload>& uploads) {
    RequestContext context{actor(caller), m_services.get(), nullptr};
    graphql::Request request;
    request.query = query;
    request.variables = variables;
    request.context = &context;
    request.uploads = uploads;
    const auto response = m_service->run(std::move(request));
    return graphql::to_json(response.result);
}

boost::json::value mask(const boost::json::value& value) {
    static const std::regex TIME(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)");
    static const std::regex KEY(R"(rk_[a-z0-9]{8}_[A-Za-z0-9_-]{43})");
    static const std::regex PREFIX(R"(rk_[a-z0-9]{8})");
    static const std::regex TMP(R"(/tmp/rampart-[A-Za-z0-9-]+)");
    switch (value.kind()) {
        case boost::json::kind::string: {
            std::string text(value.get_string());
            text = std::regex_replace(text, TIME, "<time>");
            text = std::regex_replace(text, KEY, "<key>");
            text = std::regex_replace(text, PREFIX, "<prefix>");
            text = std::regex_replace(text, TMP, "<tmp>");
            // Catalog file names carry the checkout's path to shared/.
            const std::string shared = RAMPART_SHARED_DIR;
            for (auto at = text.find(shared); at != std::string::npos; at = text.find(shared, at)) {
                text.replace(at, shared.size(), "<shared>");
            }
            return boost::json::value(text);
        }
        case boost::json::kind::double_: {
            const double rounded = std::round(value.get_double() * 1e6) / 1e6;
            return boost::json::value(rounded);
        }
        case boost::json::kind::array: {
            boost::json::array out;
            for (const auto& item : value.get_array()) out.push_back(mask(item));
            return out;
        }
        case boost::json::kind::object: {
            boost::json::object out;
            for (const auto& [key, item] : value.get_object()) out[key] = mask(item);
            return out;
        }
        default: return value;
    }
}

namespace {

/// The shortest text that reads back as the same double, with ".0" on whole
/// numbers so that they read back as doubles.
std::string number_text(double number) {
    std::array<char, 64> buffer{};
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number).ptr;
    std::string text(buffer.data(), end);
    if (text.find_first_of(".eE") == std::string::npos && std::isfinite(number)) text += ".0";
    return text;
}

void print(std::ostringstream& out, const boost::json::value& value, int indent) {
    const std::string pad(static_cast<size_t>(indent) * 2, ' ');
    const std::string inner(static_cast<size_t>(indent + 1) * 2, ' ');
    if (value.is_object() && !value.get_object().empty()) {
        out << "{\n";
        bool first = true;
        for (const auto& [key, item] : value.get_object()) {
            if (!first) out << ",\n";
            first = false;
            out << inner << boost::json::serialize(boost::json::value(key)) << ": ";
            print(out, item, indent + 1);
        }
        out << "\n" << pad << "}";
    } else if (value.is_array() && !value.get_array().empty()) {
        out << "[\n";
        bool first = true;
        for (const auto& item : value.get_array()) {
            if (!first) out << ",\n";
            first = false;
            out << inner;
            print(out, item, indent + 1);
        }
        out << "\n" << pad << "]";
    } else if (value.is_double()) {
        out << number_text(value.get_double());
    } else {
        out << boost::json::serialize(value);
    }
}

}  // namespace

std::string pretty(const boost::json::value& value) {
    std::ostringstream out;
    print(out, value, 0);
    out << "\n";
    return out.str();
}

}  // namespace rampart::api::testing
