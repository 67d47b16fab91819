#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rampart::http {

/// A media type as a Content-Type header carries it (RFC 9110 §8.3.1):
/// `type/subtype` lower-cased, and its parameters with lower-cased names.
struct MediaType {
    std::string essence;  ///< "application/json"
    std::vector<std::pair<std::string, std::string>> parameters;

    /// The value of a parameter (names compare case-insensitively), or null.
    [[nodiscard]] const std::string* parameter(std::string_view name) const;
};

/// Parses a Content-Type value; null when it is not `token/token *(; param)`.
[[nodiscard]] std::optional<MediaType> parse_media_type(std::string_view text);

/// The two media types a GraphQL response is sent as (GraphQL over HTTP
/// §6.4): the newer application/graphql-response+json, whose status codes
/// tell request errors apart, and the legacy application/json, which
/// answers 200 to every well-formed request.
enum class ResponseType : uint8_t { GraphQLResponseJson, Json };

/// The Content-Type header value of a response type, with its charset.
[[nodiscard]] std::string_view content_type_of(ResponseType type);

/// Chooses the response type from an Accept header (RFC 9110 §12.5.1, with
/// q-values and wildcards). application/graphql-response+json is chosen only
/// when named explicitly and liked at least as much as application/json;
/// wildcards and an absent or empty Accept give application/json (GraphQL
/// over HTTP §6.4: a legacy client that sends no Accept, or `*/*`, expects
/// application/json). Null when the header accepts neither (→ 406).
[[nodiscard]] std::optional<ResponseType> negotiate_response_type(std::string_view accept);

/// Case-insensitive ASCII comparison.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace rampart::http
