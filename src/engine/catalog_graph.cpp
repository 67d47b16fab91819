#include "engine/catalog_graph.h"

#include <algorithm>

namespace rampart::engine {
namespace {

void add_unique(std::vector<int>& values, int value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

}  // namespace

CatalogGraph::CatalogGraph(model::AsvsRelease asvs, model::CapecCatalog capec, model::CweCatalog cwe)
    : m_asvs(std::move(asvs)), m_capec(std::move(capec)), m_cwe(std::move(cwe)) {
    for (size_t i = 0; i < m_capec.patterns.size(); ++i) {
        const auto& pattern = m_capec.patterns[i];
        m_pattern_index[pattern.id] = i;
        for (const int cwe_id : pattern.cwes) add_unique(m_patterns_by_cwe[cwe_id], pattern.id);
    }
    for (auto& [cwe_id, patterns] : m_patterns_by_cwe) std::sort(patterns.begin(), patterns.end());

    for (size_t i = 0; i < m_cwe.weaknesses.size(); ++i) {
        const auto& weakness = m_cwe.weaknesses[i];
        m_weakness_index[weakness.id] = i;
        for (const auto& relation : weakness.relations) {
            if (relation.nature == "ChildOf" && relation.view == RESEARCH_VIEW) {
                add_unique(m_children_by_cwe[relation.target], weakness.id);
            }
        }
    }
    for (auto& [cwe_id, children] : m_children_by_cwe) std::sort(children.begin(), children.end());

    // Releases that publish CWEs against another id scheme (ASVS 5.0's
    // bleeding-edge ids) reach their requirements through the renumbering.
    std::map<std::string, std::vector<int>> mapped;
    for (const auto& [scheme_id, requirement_id] : m_asvs.scheme_ids) {
        if (const auto found = m_asvs.scheme_cwes.find(scheme_id); found != m_asvs.scheme_cwes.end()) {
            add_unique(mapped[requirement_id], found->second);
        }
    }
    m_requirement_cwes.resize(m_asvs.requirements.size());
    for (size_t i = 0; i < m_asvs.requirements.size(); ++i) {
        const auto& requirement = m_asvs.requirements[i];
        m_requirement_index.emplace(requirement.id, i);
        auto& cwes = m_requirement_cwes[i];
        cwes = requirement.cwes;
        if (const auto found = mapped.find(requirement.id); found != mapped.end()) {
            for (const int cwe_id : found->second) add_unique(cwes, cwe_id);
        }
        for (const int cwe_id : cwes) m_requirements_by_cwe[cwe_id].push_back(i);
    }
}

const model::AttackPattern* CatalogGraph::pattern(int id) const {
    const auto found = m_pattern_index.find(id);
    return found == m_pattern_index.end() ? nullptr : &m_capec.patterns[found->second];
}

const model::Weakness* CatalogGraph::weakness(int id) const {
    const auto found = m_weakness_index.find(id);
    return found == m_weakness_index.end() ? nullptr : &m_cwe.weaknesses[found->second];
}

const model::AsvsRequirement* CatalogGraph::requirement(std::string_view id) const {
    const auto found = m_requirement_index.find(id);
    return found == m_requirement_index.end() ? nullptr : &m_asvs.requirements[found->second];
}

const std::vector<int>& CatalogGraph::requirement_cwes(std::string_view requirement_id) const {
    static const std::vector<int> none;
    const auto found = m_requirement_index.find(requirement_id);
    return found == m_requirement_index.end() ? none : m_requirement_cwes[found->second];
}

std::vector<const model::AsvsRequirement*> CatalogGraph::requirements_for_cwe(int cwe) const {
    std::vector<const model::AsvsRequirement*> out;
    if (const auto found = m_requirements_by_cwe.find(cwe); found != m_requirements_by_cwe.end()) {
        for (const size_t index : found->second) out.push_back(&m_asvs.requirements[index]);
    }
    return out;
}

std::vector<const model::AttackPattern*> CatalogGraph::patterns_for_cwe(int cwe) const {
    std::vector<const model::AttackPattern*> out;
    if (const auto found = m_patterns_by_cwe.find(cwe); found != m_patterns_by_cwe.end()) {
        for (const int id : found->second) out.push_back(pattern(id));
    }
    return out;
}

std::vector<int> CatalogGraph::cwe_parents(int cwe) const {
    std::vector<int> out;
    if (const auto* found = weakness(cwe)) {
        for (const auto& relation : found->relations) {
            if (relation.nature == "ChildOf" && relation.view == RESEARCH_VIEW) add_unique(out, relation.target);
        }
    }
    return out;
}

std::vector<int> CatalogGraph::cwe_children(int cwe) const {
    const auto found = m_children_by_cwe.find(cwe);
    return found == m_children_by_cwe.end() ? std::vector<int>{} : found->second;
}

}  // namespace rampart::engine
