#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "core/error.h"

namespace rampart::catalog {

/// Parses a JSON document with Boost.JSON; a syntax error is reported with
/// the line and column where the parser stopped.
[[nodiscard]] core::Result<boost::json::value> read_json(std::string_view text, std::string_view file);

/// Small typed accessors that record a diagnostic (with the JSON pointer of
/// the offending value) instead of throwing.
class JsonDiagnostics {
public:
    explicit JsonDiagnostics(std::string_view file) : m_file(file) {}

    void add(std::string_view pointer, std::string message);
    [[nodiscard]] bool empty() const { return m_diagnostics.empty(); }
    [[nodiscard]] size_t size() const { return m_diagnostics.size(); }
    /// An InvalidData error holding every diagnostic.
    [[nodiscard]] core::Error to_error(std::string_view what) &&;

    /// The member's string, or "" when absent; a non-string is a diagnostic.
    std::string string_member(const boost::json::object& object, std::string_view key, std::string_view pointer,
                              bool required);
    /// The member's array of strings; a non-array or non-string element is a diagnostic.
    std::vector<std::string> string_array_member(const boost::json::object& object, std::string_view key,
                                                 std::string_view pointer);

private:
    std::string m_file;
    std::vector<core::Diagnostic> m_diagnostics;
};

/// Boost.JSON's type name for messages ("object", "array", "string", …).
[[nodiscard]] std::string_view json_kind_name(const boost::json::value& value);

}  // namespace rampart::catalog
