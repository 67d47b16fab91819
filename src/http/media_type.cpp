#include "http/media_type.h"

#include <algorithm>

namespace rampart::http {

namespace {

constexpr std::string_view GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
constexpr std::string_view JSON = "application/json";

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// RFC 9110 §5.6.2 tchar.
bool is_token_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

void skip_space(std::string_view text, size_t& pos) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
}

std::string_view read_token(std::string_view text, size_t& pos) {
    const size_t start = pos;
    while (pos < text.size() && is_token_char(text[pos])) ++pos;
    return text.substr(start, pos - start);
}

// RFC 9110 §5.6.4 quoted-string, with quoted-pair escapes resolved.
std::optional<std::string> read_quoted(std::string_view text, size_t& pos) {
    std::string out;
    ++pos;  // opening quote
    while (pos < text.size()) {
        const char c = text[pos++];
        if (c == '"') return out;
        if (c == '\\') {
            if (pos >= text.size()) return std::nullopt;
            out.push_back(text[pos++]);
        } else {
            out.push_back(c);
        }
    }
    return std::nullopt;
}

// Parses `type/subtype *(OWS ";" OWS name=value)` from text[pos..] up to the
// end or a comma (Accept lists); null when malformed.
std::optional<MediaType> parse_one(std::string_view text, size_t& pos) {
    skip_space(text, pos);
    const auto type = read_token(text, pos);
    if (type.empty() || pos >= text.size() || text[pos] != '/') return std::nullopt;
    ++pos;
    const auto subtype = read_token(text, pos);
    if (subtype.empty()) return std::nullopt;
    MediaType media;
    media.essence = to_lower(type);
    media.essence.push_back('/');
    media.essence += to_lower(subtype);
    for (;;) {
        skip_space(text, pos);
        if (pos >= text.size() || text[pos] == ',') return media;
        if (text[pos] != ';') return std::nullopt;
        ++pos;
        skip_space(text, pos);
        if (pos >= text.size() || text[pos] == ',' || text[pos] == ';') continue;  // empty parameter
        const auto name = read_token(text, pos);
        if (name.empty() || pos >= text.size() || text[pos] != '=') return std::nullopt;
        ++pos;
        std::string value;
        if (pos < text.size() && text[pos] == '"') {
            auto quoted = read_quoted(text, pos);
            if (!quoted) return std::nullopt;
            value = std::move(*quoted);
        } else {
            value = std::string(read_token(text, pos));
        }
        media.parameters.emplace_back(to_lower(name), std::move(value));
    }
}

// RFC 9110 §12.4.2 qvalue: 0 to 1 with up to three decimals, as thousandths.
int parse_quality(std::string_view text) {
    if (text.empty()) return 0;
    if (text[0] == '1') return 1000;
    if (text[0] != '0') return 0;
    if (text.size() == 1) return 0;
    if (text[1] != '.') return 0;
    int value = 0;
    int scale = 100;
    for (size_t i = 2; i < text.size() && i < 5; ++i) {
        if (text[i] < '0' || text[i] > '9') return 0;
        value += (text[i] - '0') * scale;
        scale /= 10;
    }
    return value;
}

struct Range {
    std::string essence;
    int quality = 1000;
};

// The weight the Accept ranges give `essence`: the most specific matching
// range decides (RFC 9110 §12.5.1); -1 when none matches.
int quality_for(const std::vector<Range>& ranges, std::string_view essence, bool* explicit_match) {
    const auto slash = essence.find('/');
    const auto type = essence.substr(0, slash);
    int best_specificity = -1;
    int quality = -1;
    for (const auto& range : ranges) {
        int specificity = -1;
        if (range.essence == essence) {
            specificity = 2;
        } else if (range.essence == "*/*") {
            specificity = 0;
        } else if (range.essence.size() == type.size() + 2 && range.essence.compare(0, type.size(), type) == 0 &&
                   range.essence.compare(type.size(), 2, "/*") == 0) {
            specificity = 1;
        }
        if (specificity > best_specificity) {
            best_specificity = specificity;
            quality = range.quality;
        }
    }
    *explicit_match = best_specificity == 2;
    return quality;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

const std::string* MediaType::parameter(std::string_view name) const {
    for (const auto& [key, value] : parameters) {
        if (iequals(key, name)) return &value;
    }
    return nullptr;
}

std::optional<MediaType> parse_media_type(std::string_view text) {
    size_t pos = 0;
    auto media = parse_one(text, pos);
    if (!media || pos != text.size()) return std::nullopt;
    return media;
}

std::string_view content_type_of(ResponseType type) {
    return type == ResponseType::GraphQLResponseJson ? "application/graphql-response+json; charset=utf-8"
                                                     : "application/json; charset=utf-8";
}

std::optional<ResponseType> negotiate_response_type(std::string_view accept) {
    // The common cases first: they come with every request of a benchmark.
    if (accept.empty() || accept == "*/*" || accept == JSON) return ResponseType::Json;
    if (accept == GRAPHQL_RESPONSE_JSON) return ResponseType::GraphQLResponseJson;

    std::vector<Range> ranges;
    size_t pos = 0;
    while (pos < accept.size()) {
        const size_t start = pos;
        auto media = parse_one(accept, pos);
        if (media) {
            Range range{std::move(media->essence), 1000};
            if (const auto* q = media->parameter("q")) range.quality = parse_quality(*q);
            ranges.push_back(std::move(range));
        }
        // Skip to the next element; a malformed element is ignored whole.
        pos = std::max(pos, start);
        while (pos < accept.size() && accept[pos] != ',') ++pos;
        if (pos < accept.size()) ++pos;
    }
    if (ranges.empty()) return ResponseType::Json;

    bool graphql_explicit = false;
    bool json_explicit = false;
    const int graphql_quality = quality_for(ranges, GRAPHQL_RESPONSE_JSON, &graphql_explicit);
    const int json_quality = quality_for(ranges, JSON, &json_explicit);
    if (graphql_quality > 0 && graphql_explicit && graphql_quality >= json_quality) {
        return ResponseType::GraphQLResponseJson;
    }
    if (json_quality > 0) return ResponseType::Json;
    if (graphql_quality > 0) return ResponseType::GraphQLResponseJson;
    return std::nullopt;
}

}  // namespace rampart::http
