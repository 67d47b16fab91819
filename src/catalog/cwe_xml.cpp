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

#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::string_view WHAT = "the CWE XML catalog";
constexpr std::string_view ROOT = "Weakness_Catalog";
constexpr std::string_view CWE_NAMESPACE = "http://cwe.mitre.org/cwe-7";

// The element name without its namespace prefix: MITRE writes the CWE
// elements in the default namespace, but a prefixed copy (cwe:…) is the same
// document.
std::string_view local_name(const char* name) {
    const std::string_view full(name);
    const auto colon = full.find(':');
    return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

pugi::xml_node child_element(pugi::xml_node node, std::string_view name) {
    for (auto child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) return child;
    }
    return {};
}

template <typename Visit>
void for_each_child(pugi::xml_node node, std::string_view name, Visit&& visit) {
    for (auto child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) visit(child);
    }
}

// Inline XHTML elements join the text around them; every other element
// (paragraphs, divisions, list items, table cells, line breaks) separates
// words.
bool separates_words(pugi::xml_node element) {
    static constexpr std::array<std::string_view, 13> INLINE = {"b",   "i",   "em", "strong", "code", "a",   "span",
                                                                "sub", "sup", "u",  "tt",     "font", "abbr"};
    const auto name = local_name(element.name());
    return std::find(INLINE.begin(), INLINE.end(), name) == INLINE.end();
}

// The plain text of an element holding CWE's Structured_Text (text mixed
// with xhtml:p, xhtml:ul, …), whitespace collapsed. The walk is iterative so a
// deeply nested document cannot exhaust the stack.
std::string element_text(pugi::xml_node node) {
    std::string out;
    auto current = node.first_child();
    while (current) {
        if (current.type() == pugi::node_pcdata || current.type() == pugi::node_cdata) {
            out += current.value();
        } else if (current.type() == pugi::node_element) {
            if (separates_words(current)) out += ' ';
            if (current.first_child()) {
                current = current.first_child();
                continue;
            }
        }
        while (current != node && !current.next_sibling()) {
            current = current.parent();
            if (current != node && separates_words(current)) out += ' ';
        }
        if (current == node) break;
        current = current.next_sibling();
    }
    return core::collapse_whitespace(out);
}

std::string attribute_text(pugi::xml_node node, const char* name) {
    return std::string(core::trim(node.attribute(name).value()));
}

// The namespace the root element is in, or "" when it declares none.
std::string_view root_namespace(pugi::xml_node root) {
    const std::string_view name(root.name());
    const auto colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? std::string("xmlns") : "xmlns:" + std::string(name.substr(0, colon));
    return root.attribute(attribute.c_str()).value();
}

// Collects diagnostics at file:line. pugixml reports byte offsets; the line
// starts are indexed once, on the first diagnostic, so a clean file pays
// nothing and a file with many problems stays linear.
class XmlDiagnostics {
public:
    XmlDiagnostics(std::string_view text, std::string_view file) : m_text(text), m_file(file) {}

    void add(pugi::xml_node node, std::string message) {
        add_at_offset(node.offset_debug(), std::move(message), false);
    }
    void add_at_offset(ptrdiff_t offset, std::string message, bool with_column) {
        const auto position = line_column(offset < 0 ? 0 : static_cast<size_t>(offset));
        m_diagnostics.push_back({{m_file, position.line, with_column ? position.column : 0, {}}, std::move(message)});
    }
    [[nodiscard]] int line_of(pugi::xml_node node) {
        const auto offset = node.offset_debug();
        return line_column(offset < 0 ? 0 : static_cast<size_t>(offset)).line;
    }
    [[nodiscard]] bool empty() const { return m_diagnostics.empty(); }
    [[nodiscard]] core::Error to_error() && {
        // Problems are found in several passes; people read them top down.
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), [](const auto& a, const auto& b) {
            return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
        });
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} problem(s) in {}", m_file, m_diagnostics.size(), WHAT),
                           std::move(m_diagnostics)};
    }

private:
    core::LineColumn line_column(size_t offset) {
        if (m_line_starts.empty()) {
            m_line_starts.push_back(0);
            for (size_t i = 0; i < m_text.size(); ++i) {
                if (m_text[i] == '\n') m_line_starts.push_back(i + 1);
            }
        }
        offset = std::min(offset, m_text.size());
        const auto after = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
        const auto line = static_cast<size_t>(after - m_line_starts.begin());
        return {static_cast<int>(line), static_cast<int>(offset - m_line_starts[line - 1]) + 1};
    }

    std::string_view m_text;
    std::string m_file;
    std::vector<size_t> m_line_starts;
    std::vector<core::Diagnostic> m_diagnostics;
};

class CweXmlReader {
public:
    CweXmlReader(std::string_view text, std::string_view file) : m_text(text), m_diagnostics(text, file) {}

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
