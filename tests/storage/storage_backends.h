#pragma once

// The backends every storage conformance suite runs against (STYLE.md:
// one backend-neutral suite, never a test body per backend). A suite derives
// its fixture from BackendTest and instantiates itself with
// RAMPART_STORAGE_BACKENDS; each test then gets a clean database of each
// backend:
//   SQLite      an in-memory database;
//   PostgreSQL  a fresh schema on the server named by RAMPART_TEST_POSTGRES
//               (dropped after the test). Without that variable these
//               instantiations are skipped; `ctest -L postgres` starts a
//               throw-away server and runs them.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <string>

#include "storage/catalog_store.h"
#include "storage/postgres/database.h"
#include "storage/postgres/pg_catalog_store.h"
#include "storage/postgres/pg_project_store.h"
#include "storage/postgres/pg_tenancy_store.h"
#include "storage/project_store.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_catalog_store.h"
#include "storage/sqlite/sqlite_project_store.h"
#include "storage/sqlite/sqlite_tenancy_store.h"
#include "storage/tenancy_store.h"

namespace rampart::storage::testing {

enum class BackendKind { Sqlite, Postgres };

/// Test names end in the backend: Postgres/ProjectStoreConformance.X/postgres.
inline std::string backend_name(const ::testing::TestParamInfo<BackendKind>& info) {
    return info.param == BackendKind::Sqlite ? "sqlite" : "postgres";
}

inline void PrintTo(BackendKind kind, std::ostream* out) {
    *out << (kind == BackendKind::Sqlite ? "SQLite" : "PostgreSQL");
}

inline constexpr const char* POSTGRES_ENV = "RAMPART_TEST_POSTGRES";
inline constexpr const char* POSTGRES_SKIPPED =
    "PostgreSQL is not configured: set RAMPART_TEST_POSTGRES to a postgresql:// URI (`scripts/pg-test-cluster.sh "
    "start DIR` starts a throw-away server and prints one), or run `ctest -L postgres`, which does both";

/// A schema name no other test uses.
inline std::string unique_schema_name() {
    std::random_device random;
    const auto value = (static_cast<uint64_t>(random()) << 32U) ^ random();
    return "rampart_t_" + fmt::format("{:016x}", value);
}

/// Options for a fresh schema on the test server; nothing when no server is
/// configured.
inline std::optional<postgres::Options> postgres_test_options(int pool_size = 1) {
    const char* uri = std::getenv(POSTGRES_ENV);
    if (uri == nullptr || *uri == '\0') return std::nullopt;
    postgres::Options options;
    options.uri = uri;
    options.pool_size = pool_size;
    options.schema = unique_schema_name();
    options.application_name = "rampart-test";
    options.checkout_timeout = std::chrono::seconds(10);
    return options;
}

/// Drops a test schema: over `db` when it is given and still answers, else
/// over a connection of its own, so it works whatever state the test left
/// its pool in.
inline void drop_schema(const postgres::Options& options, postgres::Database* db = nullptr) {
    const auto drop = "DROP SCHEMA IF EXISTS " + postgres::quote_identifier(options.schema) + " CASCADE";
    if (db != nullptr && db->exec(drop).ok()) return;
    postgres::Options admin;
    admin.uri = options.uri;
    admin.application_name = options.application_name;
    auto connection = postgres::Connection::connect(admin);
    if (connection.ok()) {
        (void)(*connection)->exec(drop);
    }
}

/// A clean database of one backend with its stores.
class StorageBackend {
public:
    virtual ~StorageBackend() = default;
    virtual CatalogStore& catalogs() = 0;
    virtual TenancyStore& tenancy() = 0;
    virtual ProjectStore& projects() = 0;
    virtual core::Result<void> transaction(const std::function<core::Result<void>()>& work) = 0;
    /// Runs one statement that both dialects understand, for tests that
    /// change data behind the stores' back.
    virtual core::Result<void> execute(const std::string& sql) = 0;
};

class SqliteBackend final : public StorageBackend {
public:
    explicit SqliteBackend(std::unique_ptr<sqlite::Database> db)
        : m_db(std::move(db)), m_catalogs(*m_db), m_tenancy(*m_db), m_projects(*m_db) {}

    CatalogStore& catalogs() override { return m_catalogs; }
    TenancyStore& tenancy() override { return m_tenancy; }
    ProjectStore& projects() override { return m_projects; }
    core::Result<void> transaction(const std::function<core::Result<void>()>& work) override {
        return m_db->transaction(work);
    }
    core::Result<void> execute(const std::string& sql) override { return m_db->exec(sql); }

private:
    std::unique_ptr<sqlite::Database> m_db;
    sqlite::SqliteCatalogStore m_catalogs;
    sqlite::SqliteTenancyStore m_tenancy;
    sqlite::SqliteProjectStore m_projects;
};

class PostgresBackend final : public StorageBackend {
public:
    PostgresBackend(std::unique_ptr<postgres::Database> db, postgres::Options options)
        : m_db(std::move(db)), m_options(std::move(options)), m_catalogs(*m_db), m_tenancy(*m_db), m_projects(*m_db) {}
    ~PostgresBackend() override { drop_schema(m_options, m_db.get()); }
    PostgresBackend(const PostgresBackend&) = delete;
    PostgresBackend& operator=(const PostgresBackend&) = delete;

    CatalogStore& catalogs() override { return m_catalogs; }
    TenancyStore& tenancy() override { return m_tenancy; }
    ProjectStore& projects() override { return m_projects; }
    core::Result<void> transaction(const std::function<core::Result<void>()>& work) override {
        return m_db->transaction(work);
    }
    core::Result<void> execute(const std::string& sql) override {
        RAMPART_TRY(m_db->exec(sql));
        return {};
    }

private:
    std::unique_ptr<postgres::Database> m_db;
    postgres::Options m_options;
    postgres::PgCatalogStore m_catalogs;
    postgres::PgTenancyStore m_tenancy;
    postgres::PgProjectStore m_projects;
};

/// A backend, or why there is none: `skipped` when it is not configured,
/// `error` when it is but failed to open.
struct MadeBackend {
    std::unique_ptr<StorageBackend> backend;
    std::string skipped;
    std::string error;
};

inline MadeBackend make_backend(BackendKind kind) {
    MadeBackend made;
    if (kind == BackendKind::Sqlite) {
        auto db = sqlite::Database::open(":memory:");
        if (!db.ok()) {
            made.error = db.error().to_string();
        } else {
            made.backend = std::make_unique<SqliteBackend>(std::move(db).value());
        }
        return made;
    }
    auto options = postgres_test_options();
    if (!options) {
        made.skipped = POSTGRES_SKIPPED;
        return made;
    }
    auto db = postgres::Database::open(*options);
    if (!db.ok()) {
        made.error = db.error().to_string();
        drop_schema(*options);
    } else {
        made.backend = std::make_unique<PostgresBackend>(std::move(db).value(), std::move(*options));
    }
    return made;
}

/// The fixture of a conformance suite: the parameter names the backend.
/// Derived fixtures that override SetUp call this one first and return when
/// IsSkipped().
class BackendTest : public ::testing::TestWithParam<BackendKind> {
protected:
    void SetUp() override {
        auto made = make_backend(GetParam());
        if (!made.skipped.empty()) GTEST_SKIP() << made.skipped;
        ASSERT_TRUE(made.backend) << "the " << (GetParam() == BackendKind::Sqlite ? "SQLite" : "PostgreSQL")
                                  << " backend did not open: " << made.error;
        m_backend = std::move(made.backend);
    }

    StorageBackend& backend() { return *m_backend; }

private:
    std::unique_ptr<StorageBackend> m_backend;
};

}  // namespace rampart::storage::testing

/// Runs a conformance suite against every backend.
#define RAMPART_STORAGE_BACKENDS(suite)                                                                              \
    INSTANTIATE_TEST_SUITE_P(Sqlite, suite, ::testing::Values(::rampart::storage::testing::BackendKind::Sqlite),     \
                             ::rampart::storage::testing::backend_name);                                             \
    INSTANTIATE_TEST_SUITE_P(Postgres, suite, ::testing::Values(::rampart::storage::testing::BackendKind::Postgres), \
                             ::rampart::storage::testing::backend_name)
