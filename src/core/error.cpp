#include "core/error.h"

#include <fmt/format.h>

namespace rampart::core {

const std::vector<ErrorCodeInfo>& error_code_table() {
    static const std::vector<ErrorCodeInfo> table = {
#define RAMPART_INFO_ROW(name, graphql, http, exit_code) {ErrorCode::name, #name, graphql, http, exit_code},
        RAMPART_ERROR_CODES(RAMPART_INFO_ROW)
#undef RAMPART_INFO_ROW
    };
    return table;
}

const ErrorCodeInfo& info(ErrorCode code) { return error_code_table().at(static_cast<size_t>(code)); }

std::string SourceLocation::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) out += fmt::format(":{}", column);
    }
    if (!pointer.empty()) {
        // JSON pointers are written after the file like a URI fragment.
        out += fmt::format("#{}", pointer);
    }
    return out;
}

std::string Diagnostic::to_string() const {
    auto place = where.to_string();
    if (place.empty()) return message;
    return fmt::format("{}: {}", place, message);
}

std::string Error::to_string() const {
    std::string out = message;
    for (const auto& diagnostic : diagnostics) {
        out += "\n  ";
        out += diagnostic.to_string();
    }
    return out;
}

}  // namespace rampart::core
