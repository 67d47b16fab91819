#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/csv_reader.h"
#include "catalog/detail/asvs_fields.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

// The fields of one requirement, whatever an export calls its columns.
enum class Field { ChapterId, ChapterName, SectionId, SectionName, Id, Description, L1, L2, L3, Cwe, Nist, Level };
constexpr size_t FIELD_COUNT = 12;

struct Column {
    Field field;
    std::string_view name;
};

// The 4.0.2 and 4.0.3 CSV exports (4.0/docs_en/…-en.csv).
constexpr std::array<Column, 11> ASVS_4_COLUMNS = {{
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

// The 5.0.0 CSV export (5.0/docs_en/…_en.csv) has no CWE or NIST columns;
// `L` is the lowest level that requires the item.
constexpr std::array<Column, 7> ASVS_5_COLUMNS = {{
    {Field::ChapterId, "chapter_id"},
    {Field::ChapterName, "chapter_name"},
    {Field::SectionId, "section_id"},
    {Field::SectionName, "section_name"},
    {Field::Id, "req_id"},
    {Field::Description, "req_description"},
    {Field::Level, "L"},
}};

struct Schema {
    std::span<const Column> columns;
    std::string_view version;  ///< stated by the column set itself, or empty
    std::string_view label;
};

constexpr std::array<Schema, 2> SCHEMAS = {{
    {ASVS_4_COLUMNS, "", "an ASVS 4.0.x CSV export"},
    {ASVS_5_COLUMNS, "5.0.0", "an ASVS 5.0 CSV export"},
}};

std::string column_list(const Schema& schema) {
    std::string out;
    for (const auto& column : schema.columns) {
        if (!out.empty()) out += ", ";
        out += column.name;
    }
    return out;
}

size_t present_count(const Schema& schema, const CsvTable& table) {
    return static_cast<size_t>(std::count_if(schema.columns.begin(), schema.columns.end(),
                                             [&](const Column& column) { return table.column(column.name); }));
}

// The column set that fits the header best: the one with the most columns
// present and, among those, the fewest missing. A file that lost one column
// is then told about that column rather than about every column of the
// other release. A header with none of the columns is measured against the
// 4.0.x set, listed first.
const Schema& choose_schema(const CsvTable& table) {
    const Schema* best = &SCHEMAS[0];
    size_t best_present = present_count(*best, table);
    for (const auto& schema : SCHEMAS) {
        const size_t present = present_count(schema, table);
        const bool fewer_missing = schema.columns.size() - present < best->columns.size() - best_present;
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

// Line ends inside a quoted cell follow the file's convention (the 4.0.3
// export uses CRLF); the requirement text keeps only the line break itself.
std::string normalise_line_ends(std::string_view text) {
    if (text.find('\r') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i];
    }
    return out;
}

class Problems {
public:
    explicit Problems(std::string_view file) : m_file(file) {}

    void add(int line, int column, std::string message) {
        m_diagnostics.push_back({{m_file, line, column, {}}, std::move(message)});
    }
    void add(core::LineColumn where, std::string message) { add(where.line, where.column, std::move(message)); }
    [[nodiscard]] bool empty() const { return m_diagnostics.empty(); }
    [[nodiscard]] core::Error to_error(std::string message) && {
        return core::Error{core::ErrorCode::InvalidData, std::move(message), std::move(m_diagnostics)};
    }
    [[nodiscard]] size_t size() const { return m_diagnostics.size(); }

private:
    std::string m_file;
    std::vector<core::Diagnostic> m_diagnostics;
};

}  // namespace

core::Result<model::AsvsCatalog> parse_asvs_csv(std::string_view text, std::string_view file) {
    const auto table = RAMPART_TRY(read_csv(text, file));
    Problems problems(file);

    const auto& schema = choose_schema(table);
    std::array<std::optional<size_t>, FIELD_COUNT> index{};
    for (const auto& column : schema.columns) {
        const auto at = table.column(column.name);
        if (!at) {
            problems.add(table.header.line, 0,
                         fmt::format("missing column '{}'; {} has the columns {}", column.name, schema.label,
                                     column_list(schema)));
        }
        index[static_cast<size_t>(column.field)] = at;
    }
    const auto has = [&](Field field) { return index[static_cast<size_t>(field)].has_value(); };
    // 5.0 states one lowest level where 4.0.x marks each level.
    const bool lowest_level_only = std::any_of(schema.columns.begin(), schema.columns.end(),
                                               [](const Column& column) { return column.field == Field::Level; });
    if (problems.size() == schema.columns.size()) {
        return std::move(problems).to_error(
            fmt::format("{}: not an ASVS CSV export; the header names none of its columns", file));
    }
    // Without ids or texts no row can be read; the header diagnostics say why.
    if (!has(Field::Id) || !has(Field::Description)) {
        return std::move(problems).to_error(fmt::format("{}: the ASVS CSV header lacks required columns", file));
    }

    model::AsvsCatalog catalog;
    catalog.version = std::string(schema.version);
    catalog.requirements.reserve(table.records.size());
    std::unordered_map<std::string_view, int> line_of_id;
    const size_t width = table.header.cells.size();

    for (const auto& record : table.records) {
        if (record.cells.size() != width) {
            problems.add(record.line, 1,
                         fmt::format("the row has {} cells but the header has {} columns; a cell may hold an "
                                     "unquoted comma or the row may be cut short",
                                     record.cells.size(), width));
            continue;
        }
        // An absent column reads as empty; the header diagnostic covers it.
        const auto cell = [&](Field field) -> std::string_view {
            const auto& at = index[static_cast<size_t>(field)];
            return at ? core::trim(record.cells[*at]) : std::string_view{};
        };
        const auto where = [&](Field field) { return record.positions[*index[static_cast<size_t>(field)]]; };

        const auto description = cell(Field::Description);
        if (is_deleted_placeholder(description)) {
            ++catalog.deleted_rows_skipped;
            continue;
        }

        model::AsvsRequirement requirement;
        const auto id = cell(Field::Id);
        if (id.empty()) {
            problems.add(where(Field::Id), "missing requirement id");
        } else if (!is_requirement_id(id)) {
            problems.add(where(Field::Id),
                         fmt::format("requirement id '{}' is not of the form V<chapter>.<section>.<item> "
                                     "such as V5.3.4",
                                     id));
        } else if (const auto [first, inserted] = line_of_id.emplace(id, record.line); !inserted) {
            problems.add(
                where(Field::Id),
                fmt::format("duplicate requirement id '{}'; it is already defined on line {}", id, first->second));
        }
        if (description.empty()) problems.add(where(Field::Description), "empty requirement description");

        requirement.id = std::string(id);
        requirement.chapter_id = std::string(cell(Field::ChapterId));
        requirement.chapter_name = std::string(cell(Field::ChapterName));
        requirement.section_id = std::string(cell(Field::SectionId));
        requirement.section_name = std::string(cell(Field::SectionName));
        requirement.description = normalise_line_ends(description);
        requirement.nist = std::string(cell(Field::Nist));

        if (lowest_level_only) {
            // Without the L column there is nothing to read; the header said so.
            if (has(Field::Level)) {
                const auto mark = cell(Field::Level);
                if (const auto levels = levels_from_lowest(mark)) {
                    requirement.levels = *levels;
                } else {
                    problems.add(where(Field::Level), level_message(mark));
                }
            }
        } else {
            // ASVS 4.0.x marks levels with ✓ but also with "o" (optional,
            // V2.8.7), "OS assisted"/"HSM" (V2.10) and time-outs (V3.3.2);
            // every non-empty cell means the level applies.
            requirement.levels = {!cell(Field::L1).empty(), !cell(Field::L2).empty(), !cell(Field::L3).empty()};
        }

        std::vector<std::string_view> unknown;
        parse_cwes(cell(Field::Cwe), requirement.cwes, unknown);
        for (const auto reference : unknown) {
            problems.add(where(Field::Cwe), fmt::format("unknown CWE reference '{}'; expected a CWE number such as 89 "
                                                        "or CWE-89",
                                                        reference));
        }
        catalog.requirements.push_back(std::move(requirement));
    }

    if (catalog.requirements.empty() && problems.empty()) {
        problems.add(table.header.line, 0, "the file holds no live requirement below its header");
    }
    if (!problems.empty()) {
        const auto count = problems.size();
        return std::move(problems).to_error(fmt::format("{}: {} problem(s) in the ASVS CSV export", file, count));
    }
    return catalog;
}

}  // namespace rampart::catalog
