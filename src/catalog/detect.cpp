#include <fmt/format.h>

#include <array>
#include <utility>

#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::array<std::pair<CatalogFormat, std::string_view>, 8> FORMAT_NAMES = {{
    {CatalogFormat::AsvsCsv, "asvs-csv"},
    {CatalogFormat::AsvsJson, "asvs-json"},
    {CatalogFormat::AsvsCweMappingJson, "asvs-cwe-mapping"},
    {CatalogFormat::AsvsIdMappingYaml, "asvs-id-mapping"},
    {CatalogFormat::CapecStixJson, "capec-stix"},
    {CatalogFormat::CapecXml, "capec-xml"},
    {CatalogFormat::CweCsv, "cwe-csv"},
    {CatalogFormat::CweXml, "cwe-xml"},
}};

// The first line of the text, without its line end.
std::string_view first_line(std::string_view text) {
    const auto end = text.find('\n');
    return core::trim(text.substr(0, end));
}

// The name of the root element of an XML document: the first '<' that opens
// neither a declaration, a processing instruction nor a comment.
std::string_view xml_root_name(std::string_view text) {
    size_t at = 0;
    while ((at = text.find('<', at)) != std::string_view::npos) {
        if (text.substr(at, 4) == "<!--") {
            at = text.find("-->", at);
            if (at == std::string_view::npos) return {};
            continue;
        }
        if (at + 1 < text.size() && (text[at + 1] == '?' || text[at + 1] == '!')) {
            ++at;
            continue;
        }
        size_t end = at + 1;
        while (end < text.size() && text[end] != ' ' && text[end] != '>' && text[end] != '/' && text[end] != '\n' &&
               text[end] != '\r' && text[end] != '\t') {
            ++end;
        }
        auto name = text.substr(at + 1, end - at - 1);
        if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
        return name;
    }
    return {};
}

}  // namespace

std::string_view to_string(CatalogFormat format) {
    for (const auto& [value, name] : FORMAT_NAMES) {
        if (value == format) return name;
    }
    return "unknown";
}

std::optional<CatalogFormat> format_from_string(std::string_view name) {
    for (const auto& [value, known] : FORMAT_NAMES) {
        if (known == name) return value;
    }
    return std::nullopt;
}

model::CatalogKind kind_of(CatalogFormat format) {
    switch (format) {
        case CatalogFormat::AsvsCsv:
        case CatalogFormat::AsvsJson:
        case CatalogFormat::AsvsCweMappingJson:
        case CatalogFormat::AsvsIdMappingYaml: return model::CatalogKind::Asvs;
        case CatalogFormat::CapecStixJson:
        case CatalogFormat::CapecXml: return model::CatalogKind::Capec;
        case CatalogFormat::CweCsv:
        case CatalogFormat::CweXml: return model::CatalogKind::Cwe;
    }
    return model::CatalogKind::Asvs;
}

core::Result<CatalogFormat> detect_format(std::string_view text, std::string_view file) {
    const auto body = core::trim(text);
    const auto unknown = [&](std::string why) -> core::Result<CatalogFormat> {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: not a catalog file Rampart knows", file),
                           {{{std::string(file), 1, 1, {}}, std::move(why)}}};
    };
    if (body.empty()) return unknown("the file is empty");

    // Only the beginning of the text is looked at, so detection stays cheap on
    // large files; every marker below sits near the start of its format.
    const auto head = body.substr(0, 4096);
    if (body.front() == '{') {
        if (head.find("\"requirements\"") != std::string_view::npos) return CatalogFormat::AsvsJson;
        if (head.find("\"bundle\"") != std::string_view::npos || head.find("\"objects\"") != std::string_view::npos) {
            return CatalogFormat::CapecStixJson;
        }
        if (head.find("\"v5.0.be-") != std::string_view::npos) return CatalogFormat::AsvsCweMappingJson;
        return unknown(
            "a JSON document, but neither an ASVS export (\"requirements\"), a STIX bundle (\"objects\") nor an "
            "ASVS CWE mapping (\"v5.0.be-…\" keys)");
    }
    if (body.front() == '<') {
        const auto root = xml_root_name(head);
        if (root == "Attack_Pattern_Catalog") return CatalogFormat::CapecXml;
        if (root == "Weakness_Catalog") return CatalogFormat::CweXml;
        return unknown(
            fmt::format("an XML document with root element <{}>, expected <Attack_Pattern_Catalog> "
                        "(CAPEC) or <Weakness_Catalog> (CWE)",
                        root));
    }
    const auto line = first_line(body);
    if (line.rfind("CWE-ID,", 0) == 0) return CatalogFormat::CweCsv;
    if (line.find("req_id") != std::string_view::npos && line.find("chapter_id") != std::string_view::npos) {
        return CatalogFormat::AsvsCsv;
    }
    if (line == "---" || line.rfind("v5.0.be-", 0) == 0) {
        const auto after = body.find("v5.0.be-");
        if (after != std::string_view::npos && body.find(": v5.0.0-", after) != std::string_view::npos) {
            return CatalogFormat::AsvsIdMappingYaml;
        }
    }
    return unknown(
        fmt::format("the first line \"{}\" is no known catalog header (an ASVS CSV starts with "
                    "chapter_id,…,req_id,…; a CWE CSV with CWE-ID,Name,…)",
                    line.substr(0, 80)));
}

}  // namespace rampart::catalog
