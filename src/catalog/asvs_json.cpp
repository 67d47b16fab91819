#include <fmt/format.h>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/detail/asvs_fields.h"
#include "catalog/json_reader.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

// The fields of one requirement, whatever an export calls its keys.
enum class Field { ChapterId, ChapterName, SectionId, SectionName, Id, Description, L1, L2, L3, Cwe, Nist, Level };
constexpr size_t FIELD_COUNT = 12;

struct Key {
    Field field;
    std::string_view name;
};

// The 4.0.3 flat JSON (4.0/docs_en/…4.0.3-en.flat.json) uses the CSV's
// column names.
constexpr std::array<Key, 11> ASVS_4_KEYS = {{
    {Field::ChapterId, "chapter_id"},
    {Field::ChapterName, "chapter_name"},
    {Field::SectionId, "section_id"},
    {Field::SectionName, "section_name"},
    {Field::Id, "req_id"},
    {Field::Description, "req_description"},
    {Field::L1, "level1"},
    {Field::L2, "level2"},
    {Field::L3, "level3"},
    {Field::Cwe, "cwe"},
    {Field::Nist, "nist"},
}};

// The 4.0.2 flat JSON came from an older generator: `Section` is the chapter
// id, `Name` the chapter name, and there is no section at all.
constexpr std::array<Key, 9> ASVS_402_KEYS = {{
    {Field::ChapterId, "Section"},
    {Field::ChapterName, "Name"},
    {Field::Id, "Item"},
    {Field::Description, "Description"},
    {Field::L1, "L1"},
    {Field::L2, "L2"},
    {Field::L3, "L3"},
    {Field::Cwe, "CWE"},
    {Field::Nist, "NIST"},
}};

// The 5.0.0 flat JSON has no CWE or NIST; `L` is the lowest level that
// requires the item.
constexpr std::array<Key, 7> ASVS_5_KEYS = {{
    {Field::ChapterId, "chapter_id"},
    {Field::ChapterName, "chapter_name"},
    {Field::SectionId, "section_id"},
    {Field::SectionName, "section_name"},
    {Field::Id, "req_id"},
    {Field::Description, "req_description"},
    {Field::Level, "L"},
}};

struct Schema {
    std::span<const Key> keys;
    std::string_view version;  ///< stated by the key set itself, or empty
    std::string_view label;
};

// choose_schema falls back on the set listed first.
constexpr std::array<Schema, 3> SCHEMAS = {{
    {ASVS_4_KEYS, "", "an ASVS 4.0.x flat JSON export"},
    {ASVS_5_KEYS, "5.0.0", "an ASVS 5.0 flat JSON export"},
    {ASVS_402_KEYS, "4.0.2", "an ASVS 4.0.2 flat JSON export"},
}};

std::string key_list(const Schema& schema) {
    std::string out;
    for (const auto& key : schema.keys) {
        if (!out.empty()) out += ", ";
        out += key.name;
    }
    return out;
}

size_t present_count(const Schema& schema, const boost::json::object& first) {
    return static_cast<size_t>(std::count_if(schema.keys.begin(), schema.keys.end(),
                                             [&](const Key& key) { return first.contains(key.name); }));
}

// The first requirement plays the part of a CSV header: its keys tell the
// exports apart, and a key it lacks is reported once rather than per
// element. The key set with the most keys present wins and, among those,
// the one with the fewest missing, so an element that lost one key is told
// about that key only. An element with none of the keys is measured against
// the 4.0.x set, listed first.
const Schema& choose_schema(const boost::json::object& first) {
    const Schema* best = &SCHEMAS[0];
    size_t best_present = present_count(*best, first);
    for (const auto& schema : SCHEMAS) {
        const size_t present = present_count(schema, first);
        const bool fewer_missing = schema.keys.size() - present < best->keys.size() - best_present;
        if (present > best_present || (present == best_present && present > 0 && fewer_missing)) {
            best = &schema;
            best_present = present;
        }
    }
    return *best;
}

using detail::is_deleted_placeholder;
using detail::is_requirement_id;
using detail::level_message;
using detail::levels_from_lowest;
using detail::parse_cwes;

// "V1.1.6" → "V1.1": the 4.0.2 flat JSON names no section, but the id does.
std::string section_of(std::string_view id) {
    const auto dot = id.rfind('.');
    return dot == std::string_view::npos ? std::string() : std::string(id.substr(0, dot));
}

// Reads one requirement element against the chosen key set.
class ElementReader {
public:
    ElementReader(const boost::json::object& element, std::string pointer, JsonDiagnostics& diagnostics)
        : m_element(element), m_pointer(std::move(pointer)), m_diagnostics(diagnostics) {}

    [[nodiscard]] std::string pointer_to(std::string_view key) const {
        return core::json_pointer_append(m_pointer, key);
    }

    // The trimmed text of a member. Null reads as empty. Numbers are
    // accepted where `numbers_allowed` (a level or a CWE written as 2 or
    // 89); any other kind is a diagnostic and reads as nothing.
    std::optional<std::string> text(std::string_view key, bool numbers_allowed) {
        const auto* value = m_element.if_contains(key);
        if (value == nullptr || value->is_null()) return std::string();
        if (value->is_string()) return std::string(core::trim(value->get_string()));
        if (numbers_allowed && value->is_int64()) return std::to_string(value->get_int64());
        if (numbers_allowed && value->is_uint64()) return std::to_string(value->get_uint64());
        m_diagnostics.add(pointer_to(key),
                          fmt::format("expected {}, found {}", numbers_allowed ? "a string or an integer" : "a string",
                                      json_kind_name(*value)));
        return std::nullopt;
    }

private:
    const boost::json::object& m_element;
    std::string m_pointer;
    JsonDiagnostics& m_diagnostics;
};

}  // namespace

core::Result<model::AsvsCatalog> parse_asvs_json(std::string_view text, std::string_view file) {
    const auto document = RAMPART_TRY(read_json(text, file));
    JsonDiagnostics diagnostics(file);
    const auto not_an_export = [&](std::string message) {
        diagnostics.add("", std::move(message));
        return std::move(diagnostics).to_error("the ASVS JSON export");
    };

    if (!document.is_object()) {
        return not_an_export(
            fmt::format("expected an object with a \"requirements\" array (an ASVS flat JSON "
                        "export), found {}",
                        json_kind_name(document)));
    }
    const auto* member = document.get_object().if_contains("requirements");
    if (member == nullptr) {
        return not_an_export("missing member \"requirements\"; an ASVS flat JSON export holds its requirements there");
    }
    if (!member->is_array()) {
        diagnostics.add("/requirements",
                        fmt::format("expected an array of requirements, found {}", json_kind_name(*member)));
        return std::move(diagnostics).to_error("the ASVS JSON export");
    }
    const auto& elements = member->get_array();
    const auto first = std::find_if(elements.begin(), elements.end(), [](const auto& e) { return e.is_object(); });
    if (first == elements.end()) {
        diagnostics.add("/requirements", elements.empty() ? "the export holds no requirements"
                                                          : "the export holds no requirement objects");
        return std::move(diagnostics).to_error("the ASVS JSON export");
    }

    const auto& schema = choose_schema(first->get_object());
    const auto first_pointer =
        core::json_pointer_append("/requirements", static_cast<size_t>(first - elements.begin()));
    // Keys the first element lacks are reported there once; later elements
    // are only told about keys the first one has.
    std::array<bool, FIELD_COUNT> expected{};
    std::array<std::string_view, FIELD_COUNT> name_of{};
    size_t missing = 0;
    for (const auto& key : schema.keys) {
        name_of[static_cast<size_t>(key.field)] = key.name;
        if (first->get_object().contains(key.name)) {
            expected[static_cast<size_t>(key.field)] = true;
        } else {
            ++missing;
            diagnostics.add(
                core::json_pointer_append(first_pointer, key.name),
                fmt::format("missing key \"{}\"; {} has the keys {}", key.name, schema.label, key_list(schema)));
        }
    }
    if (missing == schema.keys.size()) {
        return std::move(diagnostics).to_error("the ASVS JSON export (its requirements have none of the ASVS keys)");
    }
    const auto has = [&](Field field) { return !name_of[static_cast<size_t>(field)].empty(); };
    const auto present = [&](Field field) { return expected[static_cast<size_t>(field)]; };
    if (!present(Field::Id) || !present(Field::Description)) {
        return std::move(diagnostics).to_error("the ASVS JSON export");
    }

    model::AsvsCatalog catalog;
    catalog.version = std::string(schema.version);
    catalog.requirements.reserve(elements.size());
    std::unordered_map<std::string, size_t> index_of_id;

    for (size_t i = 0; i < elements.size(); ++i) {
        const auto pointer = core::json_pointer_append("/requirements", i);
        if (!elements[i].is_object()) {
            diagnostics.add(pointer,
                            fmt::format("expected a requirement object, found {}", json_kind_name(elements[i])));
            continue;
        }
        const auto& object = elements[i].get_object();
        ElementReader element(object, pointer, diagnostics);
        // Reads a field of the key set; a key the first element already
        // lacked reads as empty without a second diagnostic.
        const auto field = [&](Field f, bool numbers_allowed = false) -> std::optional<std::string> {
            if (!has(f)) return std::string();
            const auto key = name_of[static_cast<size_t>(f)];
            if (present(f) && !object.contains(key)) {
                diagnostics.add(element.pointer_to(key), fmt::format("missing key \"{}\"", key));
                return std::nullopt;
            }
            return element.text(key, numbers_allowed);
        };
        const auto pointer_to = [&](Field f) { return element.pointer_to(name_of[static_cast<size_t>(f)]); };

        const auto description = field(Field::Description);
        if (description && is_deleted_placeholder(*description)) {
            ++catalog.deleted_rows_skipped;
            continue;
        }

        model::AsvsRequirement requirement;
        const auto id = field(Field::Id);
        if (id) {
            if (id->empty()) {
                diagnostics.add(pointer_to(Field::Id), "missing requirement id");
            } else if (!is_requirement_id(*id)) {
                diagnostics.add(pointer_to(Field::Id),
                                fmt::format("requirement id '{}' is not of the form V<chapter>.<section>.<item> "
                                            "such as V5.3.4",
                                            *id));
            } else if (const auto [seen, inserted] = index_of_id.emplace(*id, i); !inserted) {
                diagnostics.add(pointer_to(Field::Id),
                                fmt::format("duplicate requirement id '{}'; it is already defined at /requirements/{}",
                                            *id, seen->second));
            }
            requirement.id = *id;
        }
        if (description) {
            if (description->empty()) diagnostics.add(pointer_to(Field::Description), "empty requirement description");
            requirement.description = *description;
        }

        requirement.chapter_id = field(Field::ChapterId).value_or("");
        requirement.chapter_name = field(Field::ChapterName).value_or("");
        if (has(Field::SectionId)) {
            requirement.section_id = field(Field::SectionId).value_or("");
            requirement.section_name = field(Field::SectionName).value_or("");
        } else if (is_requirement_id(requirement.id)) {
            requirement.section_id = section_of(requirement.id);
        }
        requirement.nist = field(Field::Nist).value_or("");

        if (has(Field::Level)) {
            // A key the first element lacked was reported there.
            if (const auto mark = present(Field::Level) ? field(Field::Level, true) : std::nullopt) {
                if (const auto levels = levels_from_lowest(*mark)) {
                    requirement.levels = *levels;
                } else {
                    diagnostics.add(pointer_to(Field::Level), level_message(*mark));
                }
            }
        } else {
            // ASVS 4.0.x marks levels with ✓ (4.0.2: X) but also with "o"
            // (optional, V2.8.7), "OS assisted"/"HSM" (V2.10) and time-outs
            // (V3.3.2); every non-empty value means the level applies.
            const std::array<Field, 3> levels = {Field::L1, Field::L2, Field::L3};
            for (size_t k = 0; k < levels.size(); ++k) {
                requirement.levels[k] = !field(levels[k]).value_or("").empty();
            }
        }

        if (const auto cwe = field(Field::Cwe, true)) {
            std::vector<std::string_view> unknown;
            parse_cwes(*cwe, requirement.cwes, unknown);
            for (const auto reference : unknown) {
                diagnostics.add(pointer_to(Field::Cwe), fmt::format("unknown CWE reference '{}'; expected a CWE "
                                                                    "number such as 89 or CWE-89",
                                                                    reference));
            }
        }
        catalog.requirements.push_back(std::move(requirement));
    }

    if (catalog.requirements.empty() && diagnostics.empty()) {
        diagnostics.add("/requirements", "the export holds no live requirements");
    }
    if (!diagnostics.empty()) return std::move(diagnostics).to_error("the ASVS JSON export");
    return catalog;
}

}  // namespace rampart::catalog
