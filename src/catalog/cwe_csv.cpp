// MITRE's CWE CSV view export (cwe.mitre.org/data/csv/1000.csv.zip,
// 699.csv.zip): one row per weakness of the view, ids as bare numbers, and
// list cells in MITRE's `::KEY:value:KEY:value::KEY:value::` encoding:
//
//   Related Weaknesses       ::NATURE:ChildOf:CWE ID:319:VIEW ID:1000:ORDINAL:Primary::
//                            (chains add CHAIN ID:<number>)
//   Related Attack Patterns  ::66::7::
//
// The export states no CWE release; the caller settles the version.
// Every row ends with a trailing comma, so rows carry one cell more than the
// header names.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/csv_reader.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::string_view WHAT = "the CWE CSV export";

enum Column : size_t { Id, Name, Abstraction, Status, Description, RelatedWeaknesses, RelatedAttackPatterns, Count };

constexpr std::array<std::string_view, Column::Count> COLUMN_NAMES = {
    "CWE-ID", "Name", "Weakness Abstraction", "Status", "Description", "Related Weaknesses", "Related Attack Patterns"};

constexpr std::string_view RELATION_FORMAT = "::NATURE:<nature>:CWE ID:<number>:VIEW ID:<number>[:ORDINAL:Primary]::";

// Splits MITRE's `::a::b::` list cell into its entries; nothing when the
// cell does not use the `::` framing.
std::optional<std::vector<std::string_view>> list_entries(std::string_view cell) {
    std::vector<std::string_view> entries;
    if (cell.size() < 4 || cell.substr(0, 2) != "::" || cell.substr(cell.size() - 2) != "::") return std::nullopt;
    auto body = cell.substr(2, cell.size() - 4);
    while (!body.empty()) {
        const auto end = body.find("::");
        const auto entry = body.substr(0, end);
        if (!core::trim(entry).empty()) entries.push_back(core::trim(entry));
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 2);
    }
    return entries;
}

std::string joined_column_names() {
    std::string out;
    for (size_t i = 0; i < COLUMN_NAMES.size(); ++i) {
        if (i > 0) out += i + 1 == COLUMN_NAMES.size() ? " and " : ", ";
        out += COLUMN_NAMES[i];
    }
    return out;
}

class CweCsvReader {
public:
    explicit CweCsvReader(std::string_view file) : m_file(file) {}

    core::Result<model::CweCatalog> read(const CsvTable& table) {
        if (!find_columns(table)) return to_error();

        model::CweCatalog catalog;
        catalog.weaknesses.reserve(table.records.size());
        std::map<int, int> first_line;
        for (const auto& record : table.records) {
            if (record.cells.size() <= m_last_column) {
                add(record.line, 1,
                    fmt::format("the row has {} cell(s), but the header names {} columns; the row may be cut short",
                                record.cells.size(), table.header.cells.size()));
                continue;
            }
            auto weakness = read_row(record);
            if (weakness.id != 0) {
                const auto [it, inserted] = first_line.try_emplace(weakness.id, record.line);
                if (!inserted) {
                    add_at(record, Column::Id,
                           fmt::format("duplicate weakness CWE-{}; first defined on line {}", weakness.id, it->second));
                }
            }
            catalog.weaknesses.push_back(std::move(weakness));
        }
        if (!m_problems.empty()) return to_error();
        std::sort(catalog.weaknesses.begin(), catalog.weaknesses.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        return catalog;
    }

private:
    // Finds every column the model needs. A header with none of them is
    // another kind of file and gets one diagnostic; otherwise each missing
    // column gets its own, and the rows are still checked.
    bool find_columns(const CsvTable& table) {
        size_t found = 0;
        std::vector<std::string_view> missing;
        for (size_t i = 0; i < COLUMN_NAMES.size(); ++i) {
            m_columns[i] = table.column(COLUMN_NAMES[i]);
            if (m_columns[i]) {
                ++found;
                m_last_column = std::max(m_last_column, *m_columns[i]);
            } else {
                missing.push_back(COLUMN_NAMES[i]);
            }
        }
        const int line = table.header.line;
        if (found == 0) {
            // Name the file's first columns so the user sees what it is.
            std::string header;
            for (size_t i = 0; i < table.header.cells.size() && i < 4; ++i) {
                if (i > 0) header += ',';
                header += core::trim(table.header.cells[i]);
            }
            if (table.header.cells.size() > 4) header += ",…";
            add(line, 1,
                fmt::format("not MITRE's CWE CSV export: the header \"{}\" has none of the columns {}", header,
                            joined_column_names()));
            return false;
        }
        for (const auto name : missing) {
            add(line, 1,
                fmt::format("missing column \"{}\"; MITRE's CWE CSV export has the columns {}", name,
                            joined_column_names()));
        }
        return true;
    }

    std::string_view cell(const CsvRecord& record, Column column) const {
        const auto& index = m_columns[column];
        return index ? std::string_view(record.cells[*index]) : std::string_view();
    }

    model::Weakness read_row(const CsvRecord& record) {
        model::Weakness weakness;
        if (m_columns[Column::Id]) {
            const auto id_text = core::trim(cell(record, Column::Id));
            auto digits = id_text;
            if (digits.substr(0, 4) == "CWE-") digits.remove_prefix(4);
            const auto id = core::parse_int(digits);
            if (id_text.empty()) {
                add_at(record, Column::Id, "missing CWE id");
            } else if (!id || *id == 0) {
                add_at(record, Column::Id,
                       fmt::format("unknown CWE reference '{}'; expected a CWE number such as 89", id_text));
            } else {
                weakness.id = *id;
            }
        }
        if (m_columns[Column::Name]) {
            weakness.name = core::collapse_whitespace(cell(record, Column::Name));
            if (weakness.name.empty()) {
                add_at(record, Column::Name,
                       weakness.id ? fmt::format("the weakness CWE-{} has no name", weakness.id)
                                   : std::string("the weakness has no name"));
            }
        }
        weakness.abstraction = std::string(core::trim(cell(record, Column::Abstraction)));
        weakness.status = std::string(core::trim(cell(record, Column::Status)));
        weakness.description = core::collapse_whitespace(cell(record, Column::Description));
        read_relations(record, weakness);
        read_attack_patterns(record, weakness);
        return weakness;
    }

    void read_relations(const CsvRecord& record, model::Weakness& weakness) {
        const auto text = core::trim(cell(record, Column::RelatedWeaknesses));
        if (text.empty()) return;
        const auto entries = list_entries(text);
        if (!entries) {
            add_at(record, Column::RelatedWeaknesses,
                   fmt::format("malformed Related Weaknesses cell '{}'; expected {}", text.substr(0, 80),
                               RELATION_FORMAT));
            return;
        }
        for (const auto entry : *entries) {
            const auto parts = core::split(entry, ':');
            if (parts.size() % 2 != 0) {
                add_at(record, Column::RelatedWeaknesses,
                       fmt::format("malformed Related Weaknesses entry '{}'; expected {}", entry, RELATION_FORMAT));
                continue;
            }
            model::WeaknessRelation relation;
            std::optional<std::string_view> target_text;
            std::optional<std::string_view> view_text;
            for (size_t i = 0; i < parts.size(); i += 2) {
                const auto key = core::trim(parts[i]);
                const auto value = core::trim(parts[i + 1]);
                if (key == "NATURE") {
                    relation.nature = std::string(value);
                } else if (key == "CWE ID") {
                    target_text = value;
                } else if (key == "VIEW ID") {
                    view_text = value;
                } else if (key == "ORDINAL") {
                    relation.ordinal = std::string(value);
                }
                // CHAIN ID names the chain a StartsWith relation belongs to;
                // the model does not hold chains.
            }
            bool ok = true;
            const auto complain = [&](std::string message) {
                add_at(record, Column::RelatedWeaknesses, std::move(message));
                ok = false;
            };
            if (relation.nature.empty()) {
                complain(fmt::format("the Related Weaknesses entry '{}' has no NATURE; expected {}", entry,
                                     RELATION_FORMAT));
            }
            if (!target_text) {
                complain(fmt::format("the Related Weaknesses entry '{}' has no CWE ID; expected {}", entry,
                                     RELATION_FORMAT));
            } else if (const auto target = core::parse_int(*target_text); !target || *target == 0) {
                complain(
                    fmt::format("unknown CWE reference '{}' in the Related Weaknesses entry '{}'; expected a CWE "
                                "number",
                                *target_text, entry));
            } else {
                relation.target = *target;
            }
            if (!view_text) {
                complain(fmt::format("the Related Weaknesses entry '{}' has no VIEW ID; expected {}", entry,
                                     RELATION_FORMAT));
            } else if (const auto view = core::parse_int(*view_text); !view || *view == 0) {
                complain(
                    fmt::format("unknown view '{}' in the Related Weaknesses entry '{}'; expected a CWE view "
                                "number such as 1000",
                                *view_text, entry));
            } else {
                relation.view = *view;
            }
            if (ok) weakness.relations.push_back(std::move(relation));
        }
    }

    void read_attack_patterns(const CsvRecord& record, model::Weakness& weakness) {
        const auto text = core::trim(cell(record, Column::RelatedAttackPatterns));
        if (text.empty()) return;
        const auto entries = list_entries(text);
        if (!entries) {
            add_at(record, Column::RelatedAttackPatterns,
                   fmt::format("malformed Related Attack Patterns cell '{}'; expected CAPEC numbers like ::66::7::",
                               text.substr(0, 80)));
            return;
        }
        for (const auto entry : *entries) {
            const auto capec = core::parse_int(entry);
            if (!capec || *capec == 0) {
                add_at(record, Column::RelatedAttackPatterns,
                       fmt::format("unknown CAPEC reference '{}' in Related Attack Patterns; expected a CAPEC number",
                                   entry));
                continue;
            }
            weakness.attack_patterns.push_back(*capec);
        }
        std::sort(weakness.attack_patterns.begin(), weakness.attack_patterns.end());
        weakness.attack_patterns.erase(std::unique(weakness.attack_patterns.begin(), weakness.attack_patterns.end()),
                                       weakness.attack_patterns.end());
    }

    void add(int line, int column, std::string message) {
        m_problems.push_back({{m_file, line, column, {}}, std::move(message)});
    }
    void add_at(const CsvRecord& record, Column column, std::string message) {
        const auto& position = record.positions[*m_columns[column]];
        add(position.line, position.column, std::move(message));
    }

    core::Error to_error() {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} problem(s) in {}", m_file, m_problems.size(), WHAT),
                           std::move(m_problems)};
    }

    std::string m_file;
    std::array<std::optional<size_t>, Column::Count> m_columns{};
    size_t m_last_column = 0;
    std::vector<core::Diagnostic> m_problems;
};

}  // namespace

core::Result<model::CweCatalog> parse_cwe_csv(std::string_view text, std::string_view file) {
    try {
        const auto table = RAMPART_TRY(read_csv(text, file));
        CweCsvReader reader(file);
        return reader.read(table);
    } catch (const std::exception& error) {
        // Only exhausted memory throws here; the caller still gets a value,
        // never an exception.
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading {} failed: {}", file, WHAT, error.what()));
    }
}

}  // namespace rampart::catalog
