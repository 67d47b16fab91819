#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/text.h"

namespace rampart::catalog {

/// One record of a CSV file with the position of each cell, so importers can
/// report problems as file:line:column.
struct CsvRecord {
    std::vector<std::string> cells;
    std::vector<core::LineColumn> positions;  ///< where each cell starts
    int line = 0;                             ///< the line the record starts on
};

/// A whole CSV file: the header record and the data records.
struct CsvTable {
    CsvRecord header;
    std::vector<CsvRecord> records;

    /// The index of a header column, matched exactly after trimming.
    [[nodiscard]] std::optional<size_t> column(std::string_view name) const;
};

/// Reads RFC 4180 CSV (quoted cells with doubled quotes, CRLF or LF line
/// ends, newlines inside quoted cells). Blank lines are skipped. Every
/// structural problem is collected with its position. libcsv, the packaged C
/// parser, reports no positions, which is why this reader exists.
[[nodiscard]] core::Result<CsvTable> read_csv(std::string_view text, std::string_view file);

}  // namespace rampart::catalog
