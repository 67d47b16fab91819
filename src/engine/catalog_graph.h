#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/catalog.h"

namespace rampart::engine {

/// The three catalogs of one generation (an ASVS release, a CAPEC and a CWE
/// version) with the indexes that link them: CAPEC → CWE → ASVS and back.
/// Pure and immutable once built; the requirement generation and every
/// catalog view read it.
class CatalogGraph {
public:
    CatalogGraph(model::AsvsRelease asvs, model::CapecCatalog capec, model::CweCatalog cwe);

    /// The CWE view whose ChildOf relations form the hierarchy (Research Concepts).
    static constexpr int RESEARCH_VIEW = 1000;

    [[nodiscard]] const model::AsvsRelease& asvs() const { return m_asvs; }
    [[nodiscard]] const model::CapecCatalog& capec() const { return m_capec; }
    [[nodiscard]] const model::CweCatalog& cwe() const { return m_cwe; }

    [[nodiscard]] const model::AttackPattern* pattern(int id) const;
    [[nodiscard]] const model::Weakness* weakness(int id) const;
    [[nodiscard]] const model::AsvsRequirement* requirement(std::string_view id) const;

    /// The CWEs a requirement carries: its own column plus, for releases
    /// published with a separate CWE table (5.0), the mapped ones.
    [[nodiscard]] const std::vector<int>& requirement_cwes(std::string_view requirement_id) const;
    /// Requirements carrying the CWE, in catalog order.
    [[nodiscard]] std::vector<const model::AsvsRequirement*> requirements_for_cwe(int cwe) const;
    /// Attack patterns related to the CWE (as CAPEC states it), by id.
    [[nodiscard]] std::vector<const model::AttackPattern*> patterns_for_cwe(int cwe) const;
    /// Direct parents and children of a CWE in the research view.
    [[nodiscard]] std::vector<int> cwe_parents(int cwe) const;
    [[nodiscard]] std::vector<int> cwe_children(int cwe) const;

private:
    model::AsvsRelease m_asvs;
    model::CapecCatalog m_capec;
    model::CweCatalog m_cwe;
    std::map<int, size_t> m_pattern_index;
    std::map<int, size_t> m_weakness_index;
    std::map<std::string, size_t, std::less<>> m_requirement_index;
    std::vector<std::vector<int>> m_requirement_cwes;  ///< parallel to m_asvs.requirements
    std::map<int, std::vector<size_t>> m_requirements_by_cwe;
    std::map<int, std::vector<int>> m_patterns_by_cwe;
    std::map<int, std::vector<int>> m_children_by_cwe;
};

}  // namespace rampart::engine
