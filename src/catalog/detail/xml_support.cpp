#include "catalog/detail/xml_support.h"

#include <array>

namespace rampart::catalog::detail {
namespace {

// Inline XHTML elements join the text around them; every other element
// (paragraphs, divisions, list items, table cells, line breaks) separates
// words.
bool separates_words(pugi::xml_node element) {
    static constexpr std::array<std::string_view, 13> INLINE = {"b",   "i",   "em", "strong", "code", "a",   "span",
                                                                "sub", "sup", "u",  "tt",     "font", "abbr"};
    const auto name = local_name(element.name());
    return std::find(INLINE.begin(), INLINE.end(), name) == INLINE.end();
}

}  // namespace

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

std::string_view root_namespace(pugi::xml_node root) {
    const std::string_view name(root.name());
    const auto colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? std::string("xmlns") : "xmlns:" + std::string(name.substr(0, colon));
    return root.attribute(attribute.c_str()).value();
}

}  // namespace rampart::catalog::detail
