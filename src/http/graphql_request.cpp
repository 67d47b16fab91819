#include "http/graphql_request.h"

#include <array>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

namespace rampart::http {

namespace {

// Deep enough for any honest variables object; boost::json's default of 32
// would refuse legitimate nested input objects.
constexpr size_t MAX_JSON_DEPTH = 128;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view kind_of(const boost::json::value& value) {
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

}  // namespace

std::optional<boost::json::value> parse_json(std::string_view text, std::string& error) {
    boost::json::parse_options options;
    options.max_depth = MAX_JSON_DEPTH;
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec, {}, options);
    if (ec) {
        error = ec.message();
        return std::nullopt;
    }
    return value;
}

DecodedRequest request_from_json(boost::json::object object) {
    graphql::Request request;
    // GraphQL over HTTP §5.1: `query` is required and is a string.
    auto* query = object.if_contains("query");
    if (query == nullptr || query->is_null()) return std::string("The request has no 'query' parameter");
    if (!query->is_string()) {
        return "The 'query' parameter must be a string, not " + std::string(kind_of(*query));
    }
    request.query = std::string(query->get_string());

    if (auto* name = object.if_contains("operationName"); name != nullptr && !name->is_null()) {
        if (!name->is_string()) {
            return "The 'operationName' parameter must be a string, not " + std::string(kind_of(*name));
        }
        request.operation_name = std::string(name->get_string());
    }
    if (auto* variables = object.if_contains("variables"); variables != nullptr && !variables->is_null()) {
        if (!variables->is_object()) {
            return "The 'variables' parameter must be an object, not " + std::string(kind_of(*variables));
        }
        request.variables = std::move(variables->get_object());
    }
    // §5.1: `extensions` is reserved for implementors; none are read, but
    // the shape is still checked.
    if (auto* extensions = object.if_contains("extensions"); extensions != nullptr && !extensions->is_null()) {
        if (!extensions->is_object()) {
            return "The 'extensions' parameter must be an object, not " + std::string(kind_of(*extensions));
        }
    }
    return request;
}

DecodedRequest decode_json_request(std::string_view body) {
    if (body.empty()) return std::string("The request has no body; a JSON object with a 'query' was expected");
    std::string error;
    auto value = parse_json(body, error);
    if (!value) return "The request body is not valid JSON: " + error;
    if (!value->is_object()) {
        return "The request body must be a JSON object, not " + std::string(kind_of(*value));
    }
    return request_from_json(std::move(value->get_object()));
}

std::optional<std::string> form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

DecodedRequest decode_query_request(std::string_view query_string) {
    enum Parameter : uint8_t { Query, OperationName, Variables, Extensions, COUNT };
    static constexpr std::array<std::string_view, COUNT> NAMES = {"query", "operationName", "variables", "extensions"};
    std::array<std::optional<std::string>, COUNT> values;

    while (!query_string.empty()) {
        const auto amp = query_string.find('&');
        const auto pair = query_string.substr(0, amp);
        query_string = amp == std::string_view::npos ? std::string_view() : query_string.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto key = form_decode(pair.substr(0, eq));
        auto value = form_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!key || !value) return std::string("The query string holds a malformed percent-encoding");
        for (size_t i = 0; i < COUNT; ++i) {
            if (*key != NAMES[i]) continue;
            // Two values for one parameter would leave it to chance which
            // one runs; refuse instead.
            if (values[i]) return "The parameter '" + *key + "' is given more than once";
            values[i] = std::move(*value);
        }
    }

    boost::json::object object;
    if (values[Query]) object["query"] = *values[Query];
    if (values[OperationName] && !values[OperationName]->empty()) object["operationName"] = *values[OperationName];
    for (const auto index : {Variables, Extensions}) {
        if (!values[index] || values[index]->empty()) continue;
        std::string error;
        auto parsed = parse_json(*values[index], error);
        if (!parsed) return "The '" + std::string(NAMES[index]) + "' parameter is not valid JSON: " + error;
        object[NAMES[index]] = std::move(*parsed);
    }
    auto decoded = request_from_json(std::move(object));
    if (auto* request = std::get_if<graphql::Request>(&decoded)) request->queries_only = true;
    return decoded;
}

}  // namespace rampart::http
