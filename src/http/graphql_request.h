#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/object.hpp>

#include "graphql/service.h"

namespace rampart::http {

/// A GraphQL request, or the sentence that says why the HTTP request does
/// not hold a well-formed one (answered as a request error, GraphQL over
/// HTTP §6.4).
using DecodedRequest = std::variant<graphql::Request, std::string>;

/// Reads the request parameters (GraphQL over HTTP §5.1) from a JSON
/// object: `query` a string, `operationName` a string or null, `variables`
/// and `extensions` objects or null. Other members are ignored.
[[nodiscard]] DecodedRequest request_from_json(boost::json::object object);

/// Decodes the body of a POST with Content-Type application/json (GraphQL
/// over HTTP §6.3.2): a JSON object holding the request parameters.
[[nodiscard]] DecodedRequest decode_json_request(std::string_view body);

/// Decodes the query string of a GET (GraphQL over HTTP §6.3.1): the
/// parameters application/x-www-form-urlencoded, `variables` and
/// `extensions` as JSON text. The request may only run queries.
[[nodiscard]] DecodedRequest decode_query_request(std::string_view query_string);

/// Parses JSON text with the nesting the server allows; null on bad JSON
/// (`error` then says where).
[[nodiscard]] std::optional<boost::json::value> parse_json(std::string_view text, std::string& error);

/// Decodes one application/x-www-form-urlencoded component (`+` is a
/// space, `%XX` a byte); null on a malformed escape.
[[nodiscard]] std::optional<std::string> form_decode(std::string_view text);

}  // namespace rampart::http
