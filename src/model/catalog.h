#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rampart::model {

/// The three catalogs Rampart links: OWASP ASVS requirements, MITRE CAPEC
/// attack patterns and MITRE CWE weaknesses.
enum class CatalogKind { Asvs, Capec, Cwe };

[[nodiscard]] std::string_view to_string(CatalogKind kind);

/// ASVS levels, 1 to 3.
enum class AsvsLevel { L1 = 1, L2 = 2, L3 = 3 };

/// One ASVS verification requirement, e.g. V5.3.4.
struct AsvsRequirement {
    std::string id;  ///< "V5.3.4"
    std::string chapter_id;
    std::string chapter_name;
    std::string section_id;
    std::string section_name;
    std::string description;
    /// levels[0] is L1 … levels[2] is L3; any non-empty level cell counts.
    std::array<bool, 3> levels{};
    std::vector<int> cwes;
    std::string nist;

    bool operator==(const AsvsRequirement&) const = default;
};

struct AsvsCatalog {
    std::string version;  ///< "4.0.3"
    std::vector<AsvsRequirement> requirements;
    int deleted_rows_skipped = 0;  ///< `[DELETED, …]` placeholder rows
};

/// ASVS 5.0 "bleeding edge" ids mapped to one CWE each
/// (`v5.0.be_cwe_mapping.json`): `v5.0.be-1.2.4` → 306.
struct AsvsCweMapping {
    std::string scheme;          ///< "5.0.be"
    std::string target_version;  ///< the release the scheme became: "5.0.0"
    std::map<std::string, int> cwe_by_id;
};

/// A renumbering between two ASVS id schemes
/// (`mapping_v5.0.be_to_v5.0.0.yml`): `v5.0.be-5.6.1` → `V1.1.1` of 5.0.0.
struct AsvsIdMapping {
    std::string from_scheme;                          ///< "5.0.be"
    std::string to_version;                           ///< "5.0.0"
    std::map<std::string, std::string> target_by_id;  ///< values are requirement ids ("V1.1.1")
};

/// An ASVS release as Rampart holds it: the requirements plus, for releases
/// whose CWE links are published against another id scheme (5.0), that
/// scheme's CWE table and its renumbering into the release's ids.
struct AsvsRelease {
    std::string version;
    std::vector<AsvsRequirement> requirements;
    std::map<std::string, int> scheme_cwes;         ///< "v5.0.be-1.2.4" → 306
    std::map<std::string, std::string> scheme_ids;  ///< "v5.0.be-1.2.4" → "V6.1.3"
};

/// One CAPEC attack pattern.
struct AttackPattern {
    int id = 0;  ///< 66 for CAPEC-66
    std::string name;
    std::string description;
    std::string abstraction;  ///< Meta, Standard, Detailed
    std::string status;       ///< Draft, Stable, Usable, Deprecated, Obsolete
    std::string likelihood;
    std::string typical_severity;
    std::vector<std::string> prerequisites;
    std::vector<int> cwes;
    std::vector<int> parents;   ///< ChildOf
    std::vector<int> children;  ///< ParentOf
    std::vector<std::string> mitigations;

    bool operator==(const AttackPattern&) const = default;
};

struct CapecCatalog {
    std::string version;  ///< "3.9"
    std::vector<AttackPattern> patterns;
};

/// One relation of a weakness to another, as CWE states it.
struct WeaknessRelation {
    std::string nature;   ///< ChildOf, PeerOf, CanPrecede, …
    int target = 0;       ///< the other CWE id
    int view = 0;         ///< the view the relation belongs to (1000, 699, …)
    std::string ordinal;  ///< Primary, or empty

    bool operator==(const WeaknessRelation&) const = default;
};

/// One CWE weakness.
struct Weakness {
    int id = 0;  ///< 89 for CWE-89
    std::string name;
    std::string abstraction;  ///< Pillar, Class, Base, Variant, Compound
    std::string status;
    std::string description;
    std::vector<WeaknessRelation> relations;
    std::vector<int> attack_patterns;  ///< related CAPEC ids

    bool operator==(const Weakness&) const = default;
};

struct CweCatalog {
    std::string version;  ///< "4.14"
    std::vector<Weakness> weaknesses;
};

/// Whatever one catalog file holds.
using CatalogContent = std::variant<AsvsCatalog, AsvsCweMapping, AsvsIdMapping, CapecCatalog, CweCatalog>;

/// True for the CAPEC statuses that must never be suggested.
[[nodiscard]] bool is_retired_status(std::string_view status);

}  // namespace rampart::model
