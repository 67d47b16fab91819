// MITRE CAPEC as published in XML (capec_v3.x.xml, schema ap_schema_v3.x.xsd,
// namespace http://capec.mitre.org/capec-3):
//
//   <Attack_Pattern_Catalog Name="CAPEC" Version="3.9" Date="…">
//     <Attack_Patterns>
//       <Attack_Pattern ID="66" Name="…" Abstraction="Standard" Status="Draft">
//         <Description>…</Description>
//         <Likelihood_Of_Attack>High</Likelihood_Of_Attack>
//         <Typical_Severity>High</Typical_Severity>
//         <Related_Attack_Patterns>
//           <Related_Attack_Pattern Nature="ChildOf" CAPEC_ID="248"/>
//         </Related_Attack_Patterns>
//         <Prerequisites><Prerequisite>…</Prerequisite></Prerequisites>
//         <Mitigations><Mitigation><xhtml:p>…</xhtml:p></Mitigation></Mitigations>
//         <Related_Weaknesses><Related_Weakness CWE_ID="89"/></Related_Weaknesses>
//       </Attack_Pattern>
//     </Attack_Patterns>
//     <Categories>…</Categories> <Views>…</Views> <External_References>…</External_References>
//   </Attack_Pattern_Catalog>
//
// MITRE records the hierarchy on the child only (Nature="ChildOf"); the
// children of a pattern are derived as the reverse of ChildOf, joined with any
// ParentOf a hand-made file might state.

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/detail/xml_support.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::string_view WHAT = "the CAPEC XML catalog";
constexpr std::string_view ROOT = "Attack_Pattern_Catalog";
constexpr std::string_view CAPEC_NAMESPACE = "http://capec.mitre.org/capec-3";

using detail::attribute_text;
using detail::child_element;
using detail::element_text;
using detail::for_each_child;
using detail::local_name;
using detail::root_namespace;
using detail::XmlDiagnostics;

void sort_unique(std::vector<int>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

// A Related_Attack_Pattern, kept until every pattern id is known.
struct PatternLink {
    std::string nature;
    int target = 0;
    pugi::xml_node where;
};

struct PatternDraft {
    model::AttackPattern pattern;
    pugi::xml_node where;
    std::vector<PatternLink> links;
};

class CapecXmlReader {
public:
    CapecXmlReader(std::string_view text, std::string_view file) : m_text(text), m_diagnostics(text, file, WHAT) {}

    core::Result<model::CapecCatalog> read() {
        pugi::xml_document document;
        // parse_ws_pcdata keeps the blanks between inline XHTML elements
        // ("<xhtml:b>a</xhtml:b> <xhtml:i>b</xhtml:i>"), which would
        // otherwise glue words together. pugixml never loads external
        // entities, so a hostile DOCTYPE cannot reach the file system.
        const auto parsed = document.load_buffer(m_text.data(), m_text.size(),
                                                 pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
        if (!parsed) {
            m_diagnostics.add_at_offset(parsed.offset, fmt::format("XML syntax error: {}", parsed.description()), true);
            return std::move(m_diagnostics).to_error();
        }
        const auto root = document.document_element();
        if (local_name(root.name()) != ROOT) {
            m_diagnostics.add(root, fmt::format("expected the root element <{}> of MITRE's CAPEC XML, found <{}>", ROOT,
                                                root.name()));
            return std::move(m_diagnostics).to_error();
        }
        if (const auto ns = root_namespace(root); !ns.empty() && ns != CAPEC_NAMESPACE) {
            m_diagnostics.add(root,
                              fmt::format("the catalog is in namespace \"{}\"; expected CAPEC schema 3.x (\"{}\")", ns,
                                          CAPEC_NAMESPACE));
            return std::move(m_diagnostics).to_error();
        }

        model::CapecCatalog catalog;
        catalog.version = attribute_text(root, "Version");
        for_each_child(child_element(root, "Attack_Patterns"), "Attack_Pattern",
                       [&](pugi::xml_node node) { read_pattern(node); });
        if (m_drafts.empty()) {
            m_diagnostics.add(root, "the catalog holds no attack patterns (<Attack_Patterns>/<Attack_Pattern>)");
        }
        resolve_links();
        if (!m_diagnostics.empty()) return std::move(m_diagnostics).to_error();

        catalog.patterns.reserve(m_drafts.size());
        for (auto& draft : m_drafts) catalog.patterns.push_back(std::move(draft.pattern));
        std::sort(catalog.patterns.begin(), catalog.patterns.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        return catalog;
    }

private:
    void read_pattern(pugi::xml_node node) {
        PatternDraft draft;
        draft.where = node;
        auto& pattern = draft.pattern;
        const auto id_text = attribute_text(node, "ID");
        const auto id = core::parse_int(id_text);
        if (id_text.empty()) {
            m_diagnostics.add(node, "the attack pattern has no ID attribute");
        } else if (!id || *id == 0) {
            m_diagnostics.add(node, fmt::format("unknown CAPEC id '{}'; expected a number", id_text));
        } else {
            pattern.id = *id;
        }
        pattern.name = core::collapse_whitespace(node.attribute("Name").value());
        if (pattern.name.empty()) {
            m_diagnostics.add(node, fmt::format("the attack pattern {} has no Name",
                                                pattern.id ? fmt::format("CAPEC-{}", pattern.id) : "here"));
        }
        pattern.abstraction = attribute_text(node, "Abstraction");
        pattern.status = attribute_text(node, "Status");
        pattern.description = element_text(child_element(node, "Description"));
        pattern.likelihood = element_text(child_element(node, "Likelihood_Of_Attack"));
        pattern.typical_severity = element_text(child_element(node, "Typical_Severity"));

        for_each_child(child_element(node, "Prerequisites"), "Prerequisite", [&](pugi::xml_node prerequisite) {
            if (auto text = element_text(prerequisite); !text.empty()) pattern.prerequisites.push_back(std::move(text));
        });
        for_each_child(child_element(node, "Mitigations"), "Mitigation", [&](pugi::xml_node mitigation) {
            if (auto text = element_text(mitigation); !text.empty()) pattern.mitigations.push_back(std::move(text));
        });
        for_each_child(child_element(node, "Related_Weaknesses"), "Related_Weakness", [&](pugi::xml_node weakness) {
            const auto cwe_text = attribute_text(weakness, "CWE_ID");
            const auto cwe = core::parse_int(cwe_text);
            if (!cwe || *cwe == 0) {
                m_diagnostics.add(weakness,
                                  fmt::format("unknown CWE reference '{}'; expected a CWE number (CWE_ID)", cwe_text));
                return;
            }
            pattern.cwes.push_back(*cwe);
        });
        sort_unique(pattern.cwes);

        for_each_child(child_element(node, "Related_Attack_Patterns"), "Related_Attack_Pattern",
                       [&](pugi::xml_node related) {
                           const auto nature = attribute_text(related, "Nature");
                           const auto target_text = attribute_text(related, "CAPEC_ID");
                           const auto target = core::parse_int(target_text);
                           if (nature.empty()) {
                               m_diagnostics.add(related, "the related attack pattern has no Nature");
                           }
                           if (!target || *target == 0) {
                               m_diagnostics.add(related, fmt::format("unknown CAPEC reference '{}'; expected a "
                                                                      "CAPEC number (CAPEC_ID)",
                                                                      target_text));
                               return;
                           }
                           draft.links.push_back({nature, *target, related});
                       });
        m_drafts.push_back(std::move(draft));
    }

    // Resolves every Related_Attack_Pattern against the patterns of this
    // file, reports duplicates and dangling references, and derives children
    // from ChildOf.
    void resolve_links() {
        std::map<int, size_t> index;
        for (size_t i = 0; i < m_drafts.size(); ++i) {
            const auto id = m_drafts[i].pattern.id;
            if (id == 0) continue;
            const auto [it, inserted] = index.try_emplace(id, i);
            if (!inserted) {
                m_diagnostics.add(m_drafts[i].where,
                                  fmt::format("duplicate attack pattern CAPEC-{}; first defined on line {}", id,
                                              m_diagnostics.line_of(m_drafts[it->second].where)));
            }
        }
        for (auto& draft : m_drafts) {
            for (const auto& link : draft.links) {
                const auto target = index.find(link.target);
                if (target == index.end()) {
                    m_diagnostics.add(link.where, fmt::format("dangling reference CAPEC-{} ({}): the catalog holds no "
                                                              "attack pattern with this id",
                                                              link.target, link.nature));
                    continue;
                }
                if (link.nature == "ChildOf") {
                    draft.pattern.parents.push_back(link.target);
                    if (draft.pattern.id != 0) m_drafts[target->second].pattern.children.push_back(draft.pattern.id);
                } else if (link.nature == "ParentOf") {
                    draft.pattern.children.push_back(link.target);
                }
            }
        }
        for (auto& draft : m_drafts) {
            sort_unique(draft.pattern.parents);
            sort_unique(draft.pattern.children);
        }
    }

    std::string_view m_text;
    XmlDiagnostics m_diagnostics;
    std::vector<PatternDraft> m_drafts;
};

}  // namespace

core::Result<model::CapecCatalog> parse_capec_xml(std::string_view text, std::string_view file) {
    try {
        CapecXmlReader reader(text, file);
        return reader.read();
    } catch (const std::exception& error) {
        // pugixml and the standard library throw only on exhausted memory;
        // the caller still gets a value, never an exception.
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading {} failed: {}", file, WHAT, error.what()));
    }
}

}  // namespace rampart::catalog
