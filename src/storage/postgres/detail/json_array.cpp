#include "storage/postgres/detail/json_array.h"

#include <boost/json.hpp>

namespace rampart::storage::postgres::detail {

std::string to_json_array(const std::vector<std::string>& values) {
    boost::json::array array;
    for (const auto& value : values) array.emplace_back(value);
    return boost::json::serialize(array);
}

std::vector<std::string> from_json_array(const std::string& text) {
    std::vector<std::string> values;
    boost::system::error_code error;
    const auto parsed = boost::json::parse(text, error);
    if (error || !parsed.is_array()) return values;
    for (const auto& value : parsed.get_array()) {
        if (value.is_string()) values.emplace_back(value.get_string());
    }
    return values;
}

}  // namespace rampart::storage::postgres::detail
