#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/json_reader.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An id of OWASP's mapping files: "v" + the scheme + "-" + the number,
// e.g. "v5.0.be-1.2.4" (scheme "5.0.be", number "1.2.4") or
// "v5.0.0-6.1.3" (scheme "5.0.0").
struct SchemedId {
    std::string_view scheme;
    std::string_view number;
};

std::optional<SchemedId> split_schemed_id(std::string_view id) {
    if (id.size() < 4 || id.front() != 'v') return std::nullopt;
    const auto dash = id.find('-');
    if (dash == std::string_view::npos || dash == 1) return std::nullopt;
    const auto scheme = id.substr(1, dash - 1);
    const auto number = id.substr(dash + 1);
    const bool scheme_ok = std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.';
    });
    const auto parts = core::split(number, '.');
    if (!scheme_ok || parts.size() < 2 || !std::all_of(parts.begin(), parts.end(), all_digits)) return std::nullopt;
    return SchemedId{scheme, number};
}

// A released version is numbers only ("5.0.0"); a scheme may carry a tag.
bool is_release(std::string_view scheme) {
    const auto parts = core::split(scheme, '.');
    return std::all_of(parts.begin(), parts.end(), all_digits);
}

// The release a scheme turned into: the "bleeding edge" ids of the 5.0
// drafts ("5.0.be") became ASVS 5.0.0. Versions are given with three parts,
// as OWASP names its releases.
std::string release_of(std::string_view scheme) {
    constexpr std::string_view bleeding_edge = ".be";
    if (scheme.size() > bleeding_edge.size() && scheme.substr(scheme.size() - bleeding_edge.size()) == bleeding_edge) {
        scheme.remove_suffix(bleeding_edge.size());
    }
    std::string release(scheme);
    for (auto parts = core::split(scheme, '.').size(); parts < 3; ++parts) release += ".0";
    return release;
}

// One CWE reference: "306" as in the official file, "CWE-306", or a JSON
// integer.
std::optional<int> cwe_of(const boost::json::value& value) {
    if (value.is_int64() && value.get_int64() > 0 && value.get_int64() <= std::numeric_limits<int>::max()) {
        return static_cast<int>(value.get_int64());
    }
    if (!value.is_string()) return std::nullopt;
    auto text = core::trim(value.get_string());
    if (text.size() > 4 && core::to_lower(text.substr(0, 4)) == "cwe-") text.remove_prefix(4);
    const auto cwe = all_digits(text) ? core::parse_int(text) : std::nullopt;
    if (!cwe || *cwe == 0) return std::nullopt;
    return cwe;
}

std::string json_text(const boost::json::value& value) {
    return value.is_string() ? std::string(value.get_string()) : boost::json::serialize(value);
}

// Positions of yaml-cpp marks are 0-based; Rampart's are 1-based. A mark of
// -1 (yaml-cpp's null mark) means no position.
core::SourceLocation yaml_location(std::string_view file, const YAML::Mark& mark) {
    if (mark.line < 0) return {std::string(file), 0, 0, {}};
    return {std::string(file), mark.line + 1, mark.column + 1, {}};
}

std::string_view yaml_kind_name(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Null: return "nothing";
        case YAML::NodeType::Scalar: return "a scalar";
        case YAML::NodeType::Sequence: return "a sequence";
        case YAML::NodeType::Map: return "a mapping";
        case YAML::NodeType::Undefined: break;
    }
    return "nothing";
}

}  // namespace

core::Result<model::AsvsCweMapping> parse_asvs_cwe_mapping(std::string_view text, std::string_view file) {
    const auto document = RAMPART_TRY(read_json(text, file));
    JsonDiagnostics diagnostics(file);
    constexpr std::string_view what = "the ASVS CWE mapping";
    if (!document.is_object()) {
        diagnostics.add("", fmt::format("expected an object of ASVS ids to CWE numbers such as "
                                        "{{\"v5.0.be-1.2.4\": \"306\"}}, found {}",
                                        json_kind_name(document)));
        return std::move(diagnostics).to_error(what);
    }
    const auto& object = document.get_object();
    if (object.empty()) {
        diagnostics.add("", "the mapping is empty; expected ASVS ids mapped to CWE numbers");
        return std::move(diagnostics).to_error(what);
    }

    model::AsvsCweMapping mapping;
    std::string first_key;
    for (const auto& entry : object) {
        const auto key = std::string_view(entry.key());
        const auto pointer = core::json_pointer_append("", key);
        const auto id = split_schemed_id(key);
        if (!id) {
            diagnostics.add(pointer, fmt::format("'{}' is not an ASVS id of the form v<version>-<chapter>.<section>."
                                                 "<item> such as v5.0.be-1.2.4",
                                                 key));
            continue;
        }
        // One file maps one id scheme; a stray key of another scheme would
        // attach its CWE to the wrong requirement.
        if (mapping.scheme.empty()) {
            mapping.scheme = std::string(id->scheme);
            first_key = std::string(key);
        } else if (id->scheme != mapping.scheme) {
            diagnostics.add(pointer, fmt::format("'{}' belongs to the id scheme '{}' but '{}' set the file's "
                                                 "scheme to '{}'",
                                                 key, id->scheme, first_key, mapping.scheme));
            continue;
        }
        const auto cwe = cwe_of(entry.value());
        if (!cwe) {
            diagnostics.add(pointer, fmt::format("unknown CWE reference '{}'; expected one CWE number such as 89 "
                                                 "or CWE-89",
                                                 json_text(entry.value())));
            continue;
        }
        mapping.cwe_by_id.emplace(std::string(key), *cwe);
    }
    if (!diagnostics.empty()) return std::move(diagnostics).to_error(what);
    mapping.target_version = release_of(mapping.scheme);
    return mapping;
}

core::Result<model::AsvsIdMapping> parse_asvs_id_mapping(std::string_view text, std::string_view file) {
    std::vector<core::Diagnostic> diagnostics;
    const auto add = [&](const YAML::Mark& mark, std::string message) {
        diagnostics.push_back({yaml_location(file, mark), std::move(message)});
    };
    const auto failure = [&] {
        const auto count = diagnostics.size();
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} problem(s) in the ASVS id mapping", file, count),
                           std::move(diagnostics)};
    };

    model::AsvsIdMapping mapping;
    // yaml-cpp reports syntax errors, and misuse of a node, by throwing; both
    // are caught here so no exception leaves the catalog module.
    try {
        const auto root = YAML::Load(std::string(text));
        if (!root.IsMap()) {
            add(root.Mark(), fmt::format("expected a mapping of ASVS ids such as 'v5.0.be-5.6.1: v5.0.0-1.1.1', "
                                         "found {}",
                                         yaml_kind_name(root)));
            return failure();
        }
        if (root.size() == 0) {
            add(root.Mark(), "the mapping is empty; expected ASVS ids mapped to ASVS ids");
            return failure();
        }
        std::string first_key;
        std::string first_target;
        for (const auto& entry : root) {
            const auto& key = entry.first;
            const auto& value = entry.second;
            if (!key.IsScalar()) {
                add(key.Mark(), fmt::format("expected an ASVS id as the key, found {}", yaml_kind_name(key)));
                continue;
            }
            const auto& key_text = key.Scalar();
            const auto from = split_schemed_id(key_text);
            if (!from) {
                add(key.Mark(), fmt::format("'{}' is not an ASVS id of the form v<version>-<chapter>.<section>."
                                            "<item> such as v5.0.be-5.6.1",
                                            key_text));
                continue;
            }
            if (mapping.from_scheme.empty()) {
                mapping.from_scheme = std::string(from->scheme);
                first_key = key_text;
            } else if (from->scheme != mapping.from_scheme) {
                add(key.Mark(), fmt::format("'{}' belongs to the id scheme '{}' but '{}' set the file's scheme to '{}'",
                                            key_text, from->scheme, first_key, mapping.from_scheme));
                continue;
            }

            if (!value.IsScalar()) {
                // An empty value has no position of its own; its key has.
                add(value.IsNull() || value.Mark().line < 0 ? key.Mark() : value.Mark(),
                    fmt::format("'{}' maps to {}; expected one released ASVS id such as v5.0.0-1.1.1", key_text,
                                yaml_kind_name(value)));
                continue;
            }
            const auto& target_text = value.Scalar();
            const auto target = split_schemed_id(target_text);
            if (!target || !is_release(target->scheme)) {
                add(value.Mark(), fmt::format("target '{}' is not a released ASVS id of the form "
                                              "v<version>-<chapter>.<section>.<item> such as v5.0.0-1.1.1",
                                              target_text));
                continue;
            }
            // The targets name the release the ids were renumbered into, so
            // they must all name the same one.
            if (mapping.to_version.empty()) {
                mapping.to_version = std::string(target->scheme);
                first_target = target_text;
            } else if (target->scheme != mapping.to_version) {
                add(value.Mark(), fmt::format("target '{}' names ASVS {} but '{}' named ASVS {}", target_text,
                                              target->scheme, first_target, mapping.to_version));
                continue;
            }
            // yaml-cpp keeps duplicate keys (YAML 1.2 §3.2.1.1 forbids them).
            // Appending (rather than "V" + std::string) sidesteps a GCC 12
            // -Wrestrict false positive at -O3.
            std::string requirement_id("V");
            requirement_id.append(target->number);
            if (!mapping.target_by_id.emplace(key_text, std::move(requirement_id)).second) {
                add(key.Mark(), fmt::format("duplicate id '{}'", key_text));
            }
        }
    } catch (const YAML::Exception& error) {
        add(error.mark, fmt::format("YAML syntax error: {}", error.msg));
    }
    if (!diagnostics.empty()) return failure();
    return mapping;
}

}  // namespace rampart::catalog
