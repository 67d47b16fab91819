#pragma once

#include "storage/catalog_store.h"
#include "storage/sqlite/database.h"

namespace rampart::storage::sqlite {

/// The SQLite implementation of CatalogStore.
class SqliteCatalogStore final : public CatalogStore {
public:
    explicit SqliteCatalogStore(Database& db) : m_db(db) {}

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
    /// the file; answers the catalog's id.
    core::Result<int64_t> begin_replace(model::CatalogKind kind, const std::string& version,
                                        const std::vector<CatalogFileRecord>& new_files);
    core::Result<std::optional<int64_t>> catalog_id(model::CatalogKind kind, const std::string& version);
    core::Result<CatalogCounts> counts(int64_t id, model::CatalogKind kind);
    core::Result<std::vector<CatalogFileRecord>> files(int64_t id);

    Database& m_db;
};

/// Turns free text into an FTS5 query: every word must match, the last one
/// as a prefix, and no character of the text can be read as FTS5 syntax.
[[nodiscard]] std::string fts_query(std::string_view text);

}  // namespace rampart::storage::sqlite
