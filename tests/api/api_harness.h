#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/api.h"
#include "app/admin_service.h"
#include "app/catalog_service.h"
#include "app/project_service.h"
#include "engine/suggestions.h"
#include "evidence/blob_store.h"
#include "graphql/service.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_project_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"
#include "test_support.h"

namespace rampart::api::testing {

/// Who a request acts as. Acme (company 1) has one user of each role;
/// Globex (company 2) has one security analyst.
enum class Caller { AcmeAdmin, AcmeAnalyst, AcmeDeveloper, AcmeViewer, GlobexAnalyst };

/// Parses "admin", "analyst", "developer", "viewer", "globex".
[[nodiscard]] std::optional<Caller> caller_from(const std::string& name);

/// A Rampart with a real SQLite database of its own, copied from a template
/// that holds the official catalogs and the seed: the companies and users of
/// Caller, the project "Payments" (id 1, RUNNING) saved by Acme's analyst from two
/// items (a public API threatened by CAPEC-66 and CAPEC-62, a database by
/// CAPEC-66), its asset "payments-api" (id 1), and a draft (id 1).
class ApiHarness {
public:
    ApiHarness();
    ~ApiHarness();
    ApiHarness(const ApiHarness&) = delete;
    ApiHarness& operator=(const ApiHarness&) = delete;

    /// Runs one GraphQL request and answers the response as JSON.
    boost::json::object run(const std::string& query, const boost::json::object& variables = {},
                            Caller caller = Caller::AcmeAnalyst,
                            const std::unordered_map<std::string, graphql::Upload>& uploads = {});

    [[nodiscard]] const model::Actor& actor(Caller caller) const;
    [[nodiscard]] Services& services() { return *m_services; }
    [[nodiscard]] const rampart::testing::TempDir& dir() const { return m_dir; }

    /// The schema every harness shares (built once).
    [[nodiscard]] static const graphql::Schema& schema();

private:
    rampart::testing::TempDir m_dir;
    std::unique_ptr<storage::sqlite::Database> m_db;
    std::unique_ptr<storage::sqlite::SqliteCatalogStore> m_catalog_store;
    std::unique_ptr<storage::sqlite::SqliteTenancyStore> m_tenancy;
    std::unique_ptr<storage::sqlite::SqliteProjectStore> m_project_store;
    std::unique_ptr<app::CatalogService> m_catalogs;
    std::unique_ptr<evidence::BlobStore> m_blobs;
    std::unique_ptr<engine::SuggestionTable> m_suggestions;
    std::unique_ptr<app::AdminService> m_admin;
    std::unique_ptr<app::ProjectService> m_projects;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<graphql::Service> m_service;
};

/// Replaces what changes from run to run: timestamps become "<time>", API
/// keys "<key>", key prefixes "<prefix>", temporary folders "<tmp>"; numbers
/// with a fraction are rounded to 6 decimals.
[[nodiscard]] boost::json::value mask(const boost::json::value& value);

/// JSON with two-space indentation and a final newline, for expected files.
[[nodiscard]] std::string pretty(const boost::json::value& value);

}  // namespace rampart::api::testing
