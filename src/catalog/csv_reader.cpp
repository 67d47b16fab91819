#include "catalog/csv_reader.h"

#include <fmt/format.h>

namespace rampart::catalog {

std::optional<size_t> CsvTable::column(std::string_view name) const {
    for (size_t i = 0; i < header.cells.size(); ++i) {
        if (core::trim(header.cells[i]) == name) return i;
    }
    return std::nullopt;
}

core::Result<CsvTable> read_csv(std::string_view text, std::string_view file) {
    std::vector<core::Diagnostic> problems;
    std::vector<CsvRecord> records;
    const auto diagnostic = [&](int line, int column, std::string message) {
        problems.push_back({{std::string(file), line, column, {}}, std::move(message)});
    };

    size_t i = 0;
    int line = 1;
    size_t line_start = 0;
    const auto column_of = [&](size_t offset) { return static_cast<int>(offset - line_start) + 1; };

    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        bool record_done = false;
        while (!record_done) {
            std::string cell;
            record.positions.push_back({line, column_of(i)});
            if (i < text.size() && text[i] == '"') {
                const int quote_line = line;
                const int quote_column = column_of(i);
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                        line_start = i + 1;
                    }
                    cell += c;
                    ++i;
                }
                if (!closed) {
                    diagnostic(quote_line, quote_column, "quoted cell is never closed (the file may be truncated)");
                    i = text.size();
                } else if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    diagnostic(line, column_of(i),
                               "unexpected character after a closing quote; expected ',' or a line end");
                    while (i < text.size() && text[i] != ',' && text[i] != '\n') cell += text[i++];
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n') {
                    if (text[i] == '"') {
                        diagnostic(line, column_of(i),
                                   "quote inside an unquoted cell; quote the whole cell and double the quote");
                    }
                    cell += text[i++];
                }
                if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            }
            record.cells.push_back(std::move(cell));
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                line_start = i;
                record_done = true;
            }
        }
        const bool blank = record.cells.size() == 1 && core::trim(record.cells[0]).empty();
        if (!blank) records.push_back(std::move(record));
    }

    if (!problems.empty()) {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} problem(s) in the CSV structure", file, problems.size()),
                           std::move(problems)};
    }
    if (records.empty()) {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: the file holds no CSV header", file),
                           {{{std::string(file), 1, 1, {}}, "expected a header line"}}};
    }
    CsvTable table;
    table.header = std::move(records.front());
    records.erase(records.begin());
    table.records = std::move(records);
    return table;
}

}  // namespace rampart::catalog
