#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/catalog.h"

namespace rampart::catalog {

/// Every catalog file format Rampart reads.
enum class CatalogFormat {
    AsvsCsv,             ///< OWASP ASVS CSV export (4.0.x with level1..3/cwe/nist, 5.0 with L)
    AsvsJson,            ///< OWASP ASVS "flat" JSON export (4.0.2, 4.0.3 and 5.0 key sets)
    AsvsCweMappingJson,  ///< v5.0.be_cwe_mapping.json: bleeding-edge id → CWE
    AsvsIdMappingYaml,   ///< mapping_v5.0.be_to_v5.0.0.yml: bleeding-edge id → 5.0.0 id
    CapecStixJson,       ///< MITRE CAPEC as a STIX 2.1 bundle
    CapecXml,            ///< MITRE CAPEC XML (Attack_Pattern_Catalog, schema 3.x)
    CweCsv,              ///< MITRE CWE CSV view export (1000.csv, 699.csv)
    CweXml,              ///< MITRE CWE XML (Weakness_Catalog, schema 7.x)
};

[[nodiscard]] std::string_view to_string(CatalogFormat format);
/// Parses a format name as printed by to_string ("asvs-csv", "capec-stix", …).
[[nodiscard]] std::optional<CatalogFormat> format_from_string(std::string_view name);
[[nodiscard]] model::CatalogKind kind_of(CatalogFormat format);

/// Tells the format from the content alone (never from the file name).
/// `text` must already be free of a byte-order mark.
[[nodiscard]] core::Result<CatalogFormat> detect_format(std::string_view text, std::string_view file);

// One parser per format. Each takes text that is valid UTF-8 without a BOM,
// collects every problem it finds with its position and returns them all in
// one InvalidData error. The version is set when the content states it and
// left empty otherwise.
[[nodiscard]] core::Result<model::AsvsCatalog> parse_asvs_csv(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::AsvsCatalog> parse_asvs_json(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::AsvsCweMapping> parse_asvs_cwe_mapping(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::AsvsIdMapping> parse_asvs_id_mapping(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::CapecCatalog> parse_capec_stix(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::CapecCatalog> parse_capec_xml(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::CweCatalog> parse_cwe_csv(std::string_view text, std::string_view file);
[[nodiscard]] core::Result<model::CweCatalog> parse_cwe_xml(std::string_view text, std::string_view file);

/// What the caller knows about a file besides its bytes.
struct ParseRequest {
    std::string file;                     ///< the name used in messages
    std::optional<CatalogFormat> format;  ///< overrides detection
    std::optional<std::string> version;   ///< overrides every other source of the version
};

/// One parsed catalog file, ready to store.
struct ParsedCatalog {
    model::CatalogContent content;
    CatalogFormat format = CatalogFormat::AsvsCsv;
    std::string version;         ///< never empty
    std::string version_source;  ///< "content", "option", "digest" or "file name"
    std::string sha256;          ///< of the file's bytes
};

/// Checks the bytes (empty, UTF-8, BOM), detects the format, parses, and
/// settles the version: the option, else what the content states, else the
/// digest of a known official file, else a version in the file name.
[[nodiscard]] core::Result<ParsedCatalog> parse_catalog(std::string_view bytes, const ParseRequest& request);

}  // namespace rampart::catalog
