#include <fmt/format.h>

#include <array>
#include <regex>
#include <utility>

#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

// SHA-256 digests of official files whose content does not state its
// version (MITRE's CWE CSV views, OWASP's ASVS 4.0.x exports). Listed in
// ../shared/catalogs/README.md; a file whose digest is here needs no
// version in its name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> KNOWN_DIGESTS = {{
    {"debad938866cddb9c673c1d12045284d0dfe3e7edea46c19ad0b659ecb8a3951", "4.0.3"},
    {"9ffb4da7034a811ce6de904d441ab0bf0bb667c507f47d85d7cde97870e76c97", "4.0.3"},
    {"e012d3727fbcdf28ac020c19febdbaeb22606a85e9c7c5f9b61fc5a1dca035e6", "4.0.2"},
    {"a0127a2fc2366b8a987fb72db476b9ed96a9b7af6643d788a8ce123b9ed73cfb", "4.0.2"},
    {"98c8fe911b9edb403af8ee05d3ce8201ecac2659e313b053890a62847cdcf680", "5.0.0"},
    {"8201b20eec2908c3380ac600c91c8ba746346fbb808859366abb232027532311", "5.0.0"},
    {"79ae1b06ed7cdbe0ebe386df1745132b274cf2dfca50e0b30535756c0dcb4fb6", "4.14"},
    {"f3e95929e36d63247f9579b24916b7eb41516bade4bdf23ea47f8c2c303d6af8", "4.14"},
}};

// The version a file's name carries: "…4.0.3-en.csv" → 4.0.3,
// "cwec_v4.14.xml" → 4.14. Only the base name is looked at.
std::string version_from_file_name(std::string_view file) {
    auto name = file;
    if (const auto slash = name.find_last_of('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    static const std::regex pattern(R"((\d+\.\d+(?:\.\d+)?))");
    std::match_results<std::string_view::const_iterator> match;
    if (std::regex_search(name.begin(), name.end(), match, pattern)) return match[1].str();
    return {};
}

std::string& version_of(model::CatalogContent& content) {
    struct Visitor {
        std::string& operator()(model::AsvsCatalog& c) const { return c.version; }
        std::string& operator()(model::AsvsCweMapping& c) const { return c.target_version; }
        std::string& operator()(model::AsvsIdMapping& c) const { return c.to_version; }
        std::string& operator()(model::CapecCatalog& c) const { return c.version; }
        std::string& operator()(model::CweCatalog& c) const { return c.version; }
    };
    return std::visit(Visitor{}, content);
}

template <typename T>
core::Result<model::CatalogContent> widen(core::Result<T> result) {
    if (!result.ok()) return std::move(result).error();
    return model::CatalogContent(std::move(result).value());
}

core::Result<model::CatalogContent> dispatch(CatalogFormat format, std::string_view text, std::string_view file) {
    switch (format) {
        case CatalogFormat::AsvsCsv: return widen(parse_asvs_csv(text, file));
        case CatalogFormat::AsvsJson: return widen(parse_asvs_json(text, file));
        case CatalogFormat::AsvsCweMappingJson: return widen(parse_asvs_cwe_mapping(text, file));
        case CatalogFormat::AsvsIdMappingYaml: return widen(parse_asvs_id_mapping(text, file));
        case CatalogFormat::CapecStixJson: return widen(parse_capec_stix(text, file));
        case CatalogFormat::CapecXml: return widen(parse_capec_xml(text, file));
        case CatalogFormat::CweCsv: return widen(parse_cwe_csv(text, file));
        case CatalogFormat::CweXml: return widen(parse_cwe_xml(text, file));
    }
    return core::Error::make(core::ErrorCode::Internal, "unhandled catalog format");
}

}  // namespace

core::Result<ParsedCatalog> parse_catalog(std::string_view bytes, const ParseRequest& request) {
    const auto& file = request.file;
    if (core::trim(bytes).empty()) {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: the file is empty", file),
                           {{{file, 1, 1, {}}, "expected a catalog file, found no content"}}};
    }
    if (const auto bad = core::find_invalid_utf8(bytes)) {
        const auto position = core::line_column_at(bytes, *bad);
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: not valid UTF-8", file),
                           {{{file, position.line, position.column, {}},
                             fmt::format("invalid UTF-8 byte 0x{:02X}; catalog files must be UTF-8",
                                         static_cast<unsigned char>(bytes[*bad]))}}};
    }
    const auto text = core::strip_bom(bytes);
    const auto format = request.format ? *request.format : RAMPART_TRY(detect_format(text, file));

    ParsedCatalog parsed{RAMPART_TRY(dispatch(format, text, file)), format, {}, {}, core::sha256_hex(bytes)};
    auto& content_version = version_of(parsed.content);

    if (request.version) {
        parsed.version = *request.version;
        parsed.version_source = "option";
    } else if (!content_version.empty()) {
        parsed.version = content_version;
        parsed.version_source = "content";
    } else {
        for (const auto& [digest, version] : KNOWN_DIGESTS) {
            if (digest == parsed.sha256) {
                parsed.version = version;
                parsed.version_source = "digest";
            }
        }
        if (parsed.version.empty()) {
            parsed.version = version_from_file_name(file);
            parsed.version_source = "file name";
        }
    }
    if (parsed.version.empty()) {
        return core::Error{
            core::ErrorCode::InvalidArgument,
            fmt::format("{}: cannot tell which {} version this file holds", file, model::to_string(kind_of(format))),
            {{{file, 0, 0, {}},
              "the content states no version and the file name carries none; name it with "
              "--catalog-version (for example --catalog-version 4.14)"}}};
    }
    content_version = parsed.version;
    return parsed;
}

}  // namespace rampart::catalog
