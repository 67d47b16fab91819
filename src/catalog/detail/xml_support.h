#pragma once

// What the CAPEC and CWE XML readers share: namespace-blind element access,
// MITRE's Structured_Text reduced to plain text, and diagnostics at file:line.

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/text.h"

namespace rampart::catalog::detail {

/// The element name without its namespace prefix: MITRE writes its elements
/// in the default namespace, but a prefixed copy (capec:…, cwe:…) is the same
/// document.
[[nodiscard]] std::string_view local_name(const char* name);

/// The first child element of that local name, or a null node.
[[nodiscard]] pugi::xml_node child_element(pugi::xml_node node, std::string_view name);

/// Calls `visit` for every child element of that local name.
template <typename Visit>
void for_each_child(pugi::xml_node node, std::string_view name, Visit&& visit) {
    for (auto child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) visit(child);
    }
}

/// The plain text of an element whose content is MITRE's Structured_Text
/// (text mixed with xhtml:p, xhtml:ul, …), whitespace collapsed. Inline
/// XHTML elements join the text around them; the others separate words. The
/// walk is iterative so a deeply nested document cannot exhaust the stack.
[[nodiscard]] std::string element_text(pugi::xml_node node);

/// An attribute's value, trimmed ("" when absent).
[[nodiscard]] std::string attribute_text(pugi::xml_node node, const char* name);

/// The namespace the root element is in, or "" when it declares none.
[[nodiscard]] std::string_view root_namespace(pugi::xml_node root);

/// Collects diagnostics at file:line. pugixml reports byte offsets; the line
/// starts are indexed once, on the first diagnostic, so a clean file pays
/// nothing and a file with many problems stays linear.
class XmlDiagnostics {
public:
    XmlDiagnostics(std::string_view text, std::string_view file, std::string_view what)
        : m_text(text), m_file(file), m_what(what) {}

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
                           fmt::format("{}: {} problem(s) in {}", m_file, m_diagnostics.size(), m_what),
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
    std::string m_what;  ///< "the CAPEC XML catalog"
    std::vector<size_t> m_line_starts;
    std::vector<core::Diagnostic> m_diagnostics;
};

}  // namespace rampart::catalog::detail
