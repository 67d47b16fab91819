#pragma once

#include "storage/catalog_store.h"
#include "storage/postgres/database.h"

namespace rampart::storage::postgres {

/// CatalogStore on PostgreSQL. A version's entries are written with one
/// statement per table (unnest() over array parameters), and searched with
/// a weighted tsvector under a GIN index.
class PgCatalogStore final : public CatalogStore {
public:
    explicit PgCatalogStore(Database& db) : m_db(db) {}

    core::Result<void> transaction(const std::function<core::Result<void>()>& work) override {
        return m_db.transaction(work);
    }
    core::Result<std::vector<CatalogRecord>> list_catalogs() override;
    core::Result<std::optional<CatalogRecord>> find_catalog(model::CatalogKind kind,
                                                            const std::string& version) override;
    core::Result<model::AsvsRelease> load_asvs(const std::string& version) override;
    core::Result<model::CapecCatalog> load_capec(const std::string& version) override;
    core::Result<model::CweCatalog> load_cwe(const std::string& version) override;
    core::Result<void> store_asvs(const model::AsvsRelease& release,
                                  const std::vector<CatalogFileRecord>& new_files) override;
    core::Result<void> store_capec(const model::CapecCatalog& catalog,
                                   const std::vector<CatalogFileRecord>& new_files) override;
    core::Result<void> store_cwe(const model::CweCatalog& catalog,
                                 const std::vector<CatalogFileRecord>& new_files) override;
    core::Result<SearchPage> search(const SearchQuery& query) override;

private:
    /// Creates the catalog row when missing, empties it of entries, records
    /// the files; answers the catalog's id.
    core::Result<int64_t> begin_replace(Connection& connection, model::CatalogKind kind, const std::string& version,
                                        const std::vector<CatalogFileRecord>& new_files);
    static core::Result<std::optional<int64_t>> catalog_id(Connection& connection, model::CatalogKind kind,
                                                           const std::string& version);
    static core::Result<CatalogCounts> counts(Connection& connection, int64_t id, model::CatalogKind kind);
    static core::Result<std::vector<CatalogFileRecord>> files(Connection& connection, int64_t id);

    Database& m_db;
};

}  // namespace rampart::storage::postgres
