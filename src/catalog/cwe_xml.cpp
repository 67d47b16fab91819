// MITRE CWE as published in XML (cwec_v4.x.xml, schema cwe_schema_v7.x.xsd,
// namespace http://cwe.mitre.org/cwe-7):
//
//   <Weakness_Catalog Name="CWE" Version="4.14" Date="2024-02-29">
//     <Weaknesses>
//       <Weakness ID="89" Name="…" Abstraction="Base" Structure="Simple" Status="Stable">
//         <Description>…</Description>
//         <Related_Weaknesses>
//           <Related_Weakness Nature="ChildOf" CWE_ID="943" View_ID="1000" Ordinal="Primary"/>
//         </Related_Weaknesses>
//         <Related_Attack_Patterns><Related_Attack_Pattern CAPEC_ID="66"/></Related_Attack_Patterns>
//       </Weakness>
//     </Weaknesses>
//     <Categories>…</Categories> <Views>…</Views> <External_References>…</External_References>
//   </Weakness_Catalog>
//
// Categories and views group weaknesses but are not weaknesses themselves,
// so only <Weaknesses> is read.

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

constexpr std::string_view WHAT = "the CWE XML catalog";
constexpr std::string_view ROOT = "Weakness_Catalog";
constexpr std::string_view CWE_NAMESPACE = "http://cwe.mitre.org/cwe-7";

using detail::attribute_text;
using detail::child_element;
using detail::element_text;
using detail::for_each_child;
using detail::local_name;
using detail::root_namespace;
using detail::XmlDiagnostics;

class CweXmlReader {
public:
    CweXmlReader(std::string_view text, std::string_view file) : m_text(text), m_diagnostics(text, file, WHAT) {}

    core::Result<model::CweCatalog> read() {
        pugi::xml_document document;
        // parse_ws_pcdata keeps the blanks between inline XHTML elements,
        // which would otherwise glue words together. pugixml never loads
        // external entities, so a hostile DOCTYPE cannot reach the file system.
        const auto parsed = document.load_buffer(m_text.data(), m_text.size(),
                                                 pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
        if (!parsed) {
            m_diagnostics.add_at_offset(parsed.offset, fmt::format("XML syntax error: {}", parsed.description()), true);
            return std::move(m_diagnostics).to_error();
        }
        const auto root = document.document_element();
        if (local_name(root.name()) != ROOT) {
            m_diagnostics.add(
                root, fmt::format("expected the root element <{}> of MITRE's CWE XML, found <{}>", ROOT, root.name()));
            return std::move(m_diagnostics).to_error();
        }
        if (const auto ns = root_namespace(root); !ns.empty() && ns != CWE_NAMESPACE) {
            m_diagnostics.add(root, fmt::format("the catalog is in namespace \"{}\"; expected CWE schema 7.x (\"{}\")",
                                                ns, CWE_NAMESPACE));
            return std::move(m_diagnostics).to_error();
        }

        model::CweCatalog catalog;
        catalog.version = attribute_text(root, "Version");
        for_each_child(child_element(root, "Weaknesses"), "Weakness",
                       [&](pugi::xml_node node) { read_weakness(node, catalog.weaknesses); });
        if (catalog.weaknesses.empty() && m_diagnostics.empty()) {
            m_diagnostics.add(root, "the catalog holds no weaknesses (<Weaknesses>/<Weakness>)");
        }
        if (!m_diagnostics.empty()) return std::move(m_diagnostics).to_error();
        std::sort(catalog.weaknesses.begin(), catalog.weaknesses.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        return catalog;
    }

private:
    // A numeric attribute that must be present: its value, or a diagnostic.
    std::optional<int> number_attribute(pugi::xml_node node, const char* name, std::string_view what) {
        const auto text = attribute_text(node, name);
        if (text.empty()) {
            m_diagnostics.add(node, fmt::format("missing {} attribute", name));
            return std::nullopt;
        }
        const auto number = core::parse_int(text);
        if (!number || *number == 0) {
            m_diagnostics.add(node,
                              fmt::format("unknown {} reference '{}'; expected a number in {}", what, text, name));
            return std::nullopt;
        }
        return number;
    }

    void read_weakness(pugi::xml_node node, std::vector<model::Weakness>& out) {
        model::Weakness weakness;
        const auto id_text = attribute_text(node, "ID");
        const auto id = core::parse_int(id_text);
        if (id_text.empty()) {
            m_diagnostics.add(node, "the weakness has no ID attribute");
        } else if (!id || *id == 0) {
            m_diagnostics.add(node, fmt::format("unknown CWE id '{}'; expected a number", id_text));
        } else {
            weakness.id = *id;
            const auto [it, inserted] = m_lines.try_emplace(weakness.id, node);
            if (!inserted) {
                m_diagnostics.add(node, fmt::format("duplicate weakness CWE-{}; first defined on line {}", weakness.id,
                                                    m_diagnostics.line_of(it->second)));
            }
        }
        weakness.name = core::collapse_whitespace(node.attribute("Name").value());
        if (weakness.name.empty()) {
            m_diagnostics.add(node, fmt::format("the weakness {} has no Name",
                                                weakness.id ? fmt::format("CWE-{}", weakness.id) : "here"));
        }
        weakness.abstraction = attribute_text(node, "Abstraction");
        weakness.status = attribute_text(node, "Status");
        weakness.description = element_text(child_element(node, "Description"));

        for_each_child(child_element(node, "Related_Weaknesses"), "Related_Weakness", [&](pugi::xml_node related) {
            model::WeaknessRelation relation;
            relation.nature = attribute_text(related, "Nature");
            if (relation.nature.empty()) m_diagnostics.add(related, "missing Nature attribute (ChildOf, PeerOf, …)");
            const auto target = number_attribute(related, "CWE_ID", "CWE");
            const auto view = number_attribute(related, "View_ID", "view");
            relation.ordinal = attribute_text(related, "Ordinal");
            if (relation.nature.empty() || !target || !view) return;
            relation.target = *target;
            relation.view = *view;
            weakness.relations.push_back(std::move(relation));
        });
        for_each_child(child_element(node, "Related_Attack_Patterns"), "Related_Attack_Pattern",
                       [&](pugi::xml_node related) {
                           if (const auto capec = number_attribute(related, "CAPEC_ID", "CAPEC")) {
                               weakness.attack_patterns.push_back(*capec);
                           }
                       });
        std::sort(weakness.attack_patterns.begin(), weakness.attack_patterns.end());
        weakness.attack_patterns.erase(std::unique(weakness.attack_patterns.begin(), weakness.attack_patterns.end()),
                                       weakness.attack_patterns.end());
        out.push_back(std::move(weakness));
    }

    std::string_view m_text;
    XmlDiagnostics m_diagnostics;
    std::map<int, pugi::xml_node> m_lines;  ///< where each weakness id was first defined
};

}  // namespace

core::Result<model::CweCatalog> parse_cwe_xml(std::string_view text, std::string_view file) {
    try {
        CweXmlReader reader(text, file);
        return reader.read();
    } catch (const std::exception& error) {
        // pugixml and the standard library throw only on exhausted memory;
        // the caller still gets a value, never an exception.
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading {} failed: {}", file, WHAT, error.what()));
    }
}

}  // namespace rampart::catalog
