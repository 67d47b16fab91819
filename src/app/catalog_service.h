#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/parse.h"
#include "core/error.h"
#include "engine/catalog_graph.h"
#include "storage/catalog_store.h"

namespace rampart::app {

struct ImportOptions {
    /// Entries that differ from what a held version says are refused unless set.
    bool replace = false;
    std::optional<std::string> version;            ///< --catalog-version
    std::optional<catalog::CatalogFormat> format;  ///< --format
};

/// What one file did to the catalogs.
struct FileOutcome {
    enum class Action {
        Added,      ///< a version not held before
        Merged,     ///< new entries added to a held version
        Unchanged,  ///< everything in the file was already held
        Replaced,   ///< entries that differed were overwritten (--replace)
    };
    std::string file;
    model::CatalogKind kind = model::CatalogKind::Asvs;
    std::string version;
    std::string version_source;
    std::string format;
    Action action = Action::Unchanged;
    int entries = 0;  ///< entries the file holds
    int added = 0;
    int changed = 0;
    int skipped = 0;  ///< rows the file holds that are not entries (deleted placeholders)
};

[[nodiscard]] std::string_view to_string(FileOutcome::Action action);

struct ImportReport {
    std::vector<FileOutcome> files;
    std::vector<std::string> skipped_files;  ///< files in named folders that are no catalog
    std::vector<std::string> notes;          ///< cross-catalog remarks (e.g. CWE ids no weakness has)
};

/// A reference to one catalog entry: `CAPEC-66`, `CWE-89` or `V5.3.4`.
struct CatalogRef {
    model::CatalogKind kind = model::CatalogKind::Asvs;
    int number = 0;           ///< CAPEC and CWE ids
    std::string requirement;  ///< ASVS ids, "V5.3.4"

    [[nodiscard]] std::string to_string() const;
};

/// Parses `CAPEC-66`, `capec 66`, `CWE-89`, `cwe89`, `V5.3.4`, `5.3.4`.
[[nodiscard]] core::Result<CatalogRef> parse_catalog_ref(std::string_view text);

/// Which catalog versions to read links from.
struct CatalogSelection {
    std::optional<std::string> asvs;   ///< default: 4.0.3 when held, else the newest
    std::optional<std::string> capec;  ///< default: the newest held
    std::optional<std::string> cwe;    ///< default: the newest held
};

/// The use cases around the security catalogs.
class CatalogService {
public:
    explicit CatalogService(storage::CatalogStore& store) : m_store(store) {}

    /// Imports files and folders (folders recursively; their non-catalog
    /// files are skipped and listed). Every file is read and parsed before
    /// anything is written, all problems of all files are reported together,
    /// and the writes are one transaction: a bad file changes nothing.
    [[nodiscard]] core::Result<ImportReport> import_paths(const std::vector<std::string>& paths,
                                                          const ImportOptions& options);

    [[nodiscard]] core::Result<std::vector<storage::CatalogRecord>> list();

    /// The catalogs of one generation, linked. A kind with no version held
    /// loads empty; a named version that is not held is NotFound.
    [[nodiscard]] core::Result<engine::CatalogGraph> load_graph(const CatalogSelection& selection);

    [[nodiscard]] core::Result<storage::SearchPage> search(const storage::SearchQuery& query);

private:
    storage::CatalogStore& m_store;
};

/// The default ASVS release when none is named.
inline constexpr std::string_view DEFAULT_ASVS_VERSION = "4.0.3";

}  // namespace rampart::app
