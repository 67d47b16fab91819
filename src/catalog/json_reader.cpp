#include "catalog/json_reader.h"

#include <fmt/format.h>
#include <boost/json/stream_parser.hpp>

#include "core/text.h"

namespace rampart::catalog {

core::Result<boost::json::value> read_json(std::string_view text, std::string_view file) {
    boost::json::stream_parser parser;
    boost::system::error_code error;
    const size_t consumed = parser.write_some(text.data(), text.size(), error);
    if (!error && consumed == text.size()) parser.finish(error);
    if (!error && consumed < text.size()) error = boost::json::error::extra_data;
    if (error) {
        const auto position = core::line_column_at(text, consumed);
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: not valid JSON", file),
                           {{{std::string(file), position.line, position.column, {}},
                             fmt::format("JSON syntax error: {}", error.message())}}};
    }
    return parser.release();
}

void JsonDiagnostics::add(std::string_view pointer, std::string message) {
    m_diagnostics.push_back(
        {{m_file, 0, 0, pointer.empty() ? std::string("/") : std::string(pointer)}, std::move(message)});
}

core::Error JsonDiagnostics::to_error(std::string_view what) && {
    return core::Error{core::ErrorCode::InvalidData,
                       fmt::format("{}: {} problem(s) in {}", m_file, m_diagnostics.size(), what),
                       std::move(m_diagnostics)};
}

std::string JsonDiagnostics::string_member(const boost::json::object& object, std::string_view key,
                                           std::string_view pointer, bool required) {
    const auto* value = object.if_contains(key);
    const auto member_pointer = core::json_pointer_append(pointer, key);
    if (value == nullptr || value->is_null()) {
        if (required) add(member_pointer, fmt::format("missing required member \"{}\"", key));
        return {};
    }
    if (!value->is_string()) {
        add(member_pointer, fmt::format("expected a string, found {}", json_kind_name(*value)));
        return {};
    }
    return std::string(value->get_string());
}

std::vector<std::string> JsonDiagnostics::string_array_member(const boost::json::object& object, std::string_view key,
                                                              std::string_view pointer) {
    std::vector<std::string> out;
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return out;
    const auto member_pointer = core::json_pointer_append(pointer, key);
    if (!value->is_array()) {
        add(member_pointer, fmt::format("expected an array of strings, found {}", json_kind_name(*value)));
        return out;
    }
    const auto& array = value->get_array();
    for (size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string()) {
            add(core::json_pointer_append(member_pointer, i),
                fmt::format("expected a string, found {}", json_kind_name(array[i])));
            continue;
        }
        out.emplace_back(array[i].get_string());
    }
    return out;
}

std::string_view json_kind_name(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
        case boost::json::kind::double_: return "a number";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::array: return "an array";
        case boost::json::kind::object: return "an object";
    }
    return "a value";
}

}  // namespace rampart::catalog
