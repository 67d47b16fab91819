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

#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::string_view WHAT = "the CAPEC XML catalog";
constexpr std::string_view ROOT = "Attack_Pattern_Catalog";
constexpr std::string_view CAPEC_NAMESPACE = "http://capec.mitre.org/capec-3";

// The element name without its namespace prefix: MITRE writes the CAPEC
// elements in the default namespace, but a prefixed copy (capec:…) is the
// same document.
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

// The plain text of an element whose content is CAPEC's Structured_Text
// (text mixed with xhtml:p, xhtml:ul, …), whitespace collapsed. The walk is
// iterative so a deeply nested document cannot exhaust the stack.
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

void sort_unique(std::vector<int>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
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

// The namespace the root element is in, or "" when it declares none.
std::string_view root_namespace(pugi::xml_node root) {
    const std::string_view name(root.name());
    const auto colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? std::string("xmlns") : "xmlns:" + std::string(name.substr(0, colon));
    return root.attribute(attribute.c_str()).value();
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
    CapecXmlReader(std::string_view text, std::string_view file) : m_text(text), m_diagnostics(text, file) {}

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
