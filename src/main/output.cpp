#include "main/output.h"

#include <boost/json.hpp>

#include <iostream>

namespace rampart::cli {

void write_pretty_json(std::ostream& out, const boost::json::value& value, int indent) {
    const std::string pad(static_cast<size_t>(indent + 2), ' ');
    const std::string closing_pad(static_cast<size_t>(indent), ' ');
    if (value.is_object()) {
        const auto& object = value.get_object();
        if (object.empty()) {
            out << "{}";
            return;
        }
        out << "{\n";
        size_t i = 0;
        for (const auto& member : object) {
            out << pad << boost::json::serialize(boost::json::value(member.key())) << ": ";
            write_pretty_json(out, member.value(), indent + 2);
            out << (++i < object.size() ? ",\n" : "\n");
        }
        out << closing_pad << "}";
    } else if (value.is_array()) {
        const auto& array = value.get_array();
        if (array.empty()) {
            out << "[]";
            return;
        }
        out << "[\n";
        for (size_t i = 0; i < array.size(); ++i) {
            out << pad;
            write_pretty_json(out, array[i], indent + 2);
            out << (i + 1 < array.size() ? ",\n" : "\n");
        }
        out << closing_pad << "]";
    } else {
        out << boost::json::serialize(value);
    }
    if (indent == 0) out << "\n";
}

int report_error(const core::Error& error, bool json) {
    const auto& row = core::info(error.code);
    if (json) {
        boost::json::array diagnostics;
        for (const auto& diagnostic : error.diagnostics) {
            boost::json::object item{{"message", diagnostic.message}};
            if (!diagnostic.where.file.empty()) item["file"] = diagnostic.where.file;
            if (diagnostic.where.line > 0) item["line"] = diagnostic.where.line;
            if (diagnostic.where.column > 0) item["column"] = diagnostic.where.column;
            if (!diagnostic.where.pointer.empty()) item["pointer"] = diagnostic.where.pointer;
            diagnostics.push_back(std::move(item));
        }
        write_pretty_json(std::cout, boost::json::object{{"error", boost::json::object{{"code", row.graphql_code},
                                                                                       {"message", error.message},
                                                                                       {"diagnostics", diagnostics}}}});
    }
    // A broken file can hold thousands of problems; people get the first
    // ones and the count, --json gets every one.
    constexpr size_t SHOWN = 40;
    std::cerr << "rampart: error: " << error.message << "\n";
    for (size_t i = 0; i < error.diagnostics.size() && i < SHOWN; ++i) {
        std::cerr << "  " << error.diagnostics[i].to_string() << "\n";
    }
    if (error.diagnostics.size() > SHOWN) {
        std::cerr << "  … and " << error.diagnostics.size() - SHOWN << " more (--json lists every one)\n";
    }
    return row.exit_code;
}

}  // namespace rampart::cli
