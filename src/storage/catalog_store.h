#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/catalog.h"

namespace rampart::storage {

/// A file whose content went into a catalog version.
struct CatalogFileRecord {
    std::string name;
    std::string format;
    std::string sha256;
    int entries = 0;
    int skipped = 0;  ///< rows the file holds but the catalog does not (deleted placeholders)
    std::string imported_at;
};

/// Figures about one catalog version, for listings.
struct CatalogCounts {
    int entries = 0;    ///< requirements, attack patterns or weaknesses
    int active = 0;     ///< not Deprecated/Obsolete (CAPEC); all others count
    int level1 = 0;     ///< ASVS requirements at level 1
    int with_cwe = 0;   ///< entries with at least one CWE link
    int cwe_links = 0;  ///< entry → CWE pairs
    int child_of = 0;   ///< CWE ChildOf relations in the research view (1000)
};

struct CatalogRecord {
    int64_t id = 0;
    model::CatalogKind kind = model::CatalogKind::Asvs;
    std::string version;
    std::string imported_at;
    std::string updated_at;
    std::vector<CatalogFileRecord> files;
    CatalogCounts counts;
};

/// A full-text query over the catalogs.
struct SearchQuery {
    std::string text;
    std::optional<model::CatalogKind> kind;
    /// Restricts ASVS hits to this version (the others are all searched).
    std::optional<std::string> asvs_version;
    int limit = 20;
    int offset = 0;
};

struct SearchHit {
    model::CatalogKind kind = model::CatalogKind::Asvs;
    std::string version;
    std::string ref;  ///< "CAPEC-66", "CWE-89", "V5.3.4"
    std::string title;
    std::string snippet;  ///< the best matching passage, matches in [brackets]
    double score = 0;     ///< BM25, higher is better
};

struct SearchPage {
    std::vector<SearchHit> hits;
    int total = 0;
};

/// Where catalogs live. Every write happens inside `transaction`, so an
/// import is all or nothing.
class CatalogStore {
public:
    virtual ~CatalogStore() = default;

    [[nodiscard]] virtual core::Result<void> transaction(const std::function<core::Result<void>()>& work) = 0;

    [[nodiscard]] virtual core::Result<std::vector<CatalogRecord>> list_catalogs() = 0;
    [[nodiscard]] virtual core::Result<std::optional<CatalogRecord>> find_catalog(model::CatalogKind kind,
                                                                                  const std::string& version) = 0;

    /// The whole content of a version (empty when it is not held).
    [[nodiscard]] virtual core::Result<model::AsvsRelease> load_asvs(const std::string& version) = 0;
    [[nodiscard]] virtual core::Result<model::CapecCatalog> load_capec(const std::string& version) = 0;
    [[nodiscard]] virtual core::Result<model::CweCatalog> load_cwe(const std::string& version) = 0;

    /// Replaces the whole content of a version (creating it when new) and
    /// records the files it came from.
    [[nodiscard]] virtual core::Result<void> store_asvs(const model::AsvsRelease& release,
                                                        const std::vector<CatalogFileRecord>& new_files) = 0;
    [[nodiscard]] virtual core::Result<void> store_capec(const model::CapecCatalog& catalog,
                                                         const std::vector<CatalogFileRecord>& new_files) = 0;
    [[nodiscard]] virtual core::Result<void> store_cwe(const model::CweCatalog& catalog,
                                                       const std::vector<CatalogFileRecord>& new_files) = 0;

    [[nodiscard]] virtual core::Result<SearchPage> search(const SearchQuery& query) = 0;
};

}  // namespace rampart::storage
