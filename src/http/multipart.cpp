#include "http/multipart.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "http/graphql_request.h"
#include "http/media_type.h"

namespace rampart::http {

namespace {

constexpr std::string_view CRLF = "\r\n";
/// RFC 2046 §5.1.1 allows transport padding (linear white space) after a
/// boundary; more than this much is not padding but abuse.
constexpr size_t MAX_TRANSPORT_PADDING = 256;
constexpr size_t MAX_BOUNDARY_LENGTH = 70;

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

struct Disposition {
    std::string type;
    std::vector<std::pair<std::string, std::string>> parameters;
};

// Content-Disposition (RFC 6266 §4.1 as RFC 7578 §4.2 uses it):
// `form-data; name="field"; filename="a.txt"`. Values are tokens or quoted
// strings; browsers send names unescaped except for `"` (as %22), so a
// backslash is kept unless it escapes a quote or a backslash.
std::optional<Disposition> parse_disposition(std::string_view text) {
    Disposition result;
    size_t pos = 0;
    auto skip = [&] {
        while (pos < text.size() && is_space(text[pos])) ++pos;
    };
    auto token = [&] {
        const size_t start = pos;
        while (pos < text.size() && text[pos] != ';' && text[pos] != '=' && !is_space(text[pos])) ++pos;
        return text.substr(start, pos - start);
    };
    skip();
    const auto type = token();
    if (type.empty()) return std::nullopt;
    result.type = std::string(type);
    for (;;) {
        skip();
        if (pos >= text.size()) return result;
        if (text[pos] != ';') return std::nullopt;
        ++pos;
        skip();
        if (pos >= text.size()) return result;
        if (text[pos] == ';') continue;
        const auto name = token();
        skip();
        if (name.empty() || pos >= text.size() || text[pos] != '=') return std::nullopt;
        ++pos;
        skip();
        std::string value;
        if (pos < text.size() && text[pos] == '"') {
            ++pos;
            bool closed = false;
            while (pos < text.size()) {
                const char c = text[pos++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && pos < text.size() && (text[pos] == '"' || text[pos] == '\\')) {
                    value.push_back(text[pos++]);
                } else {
                    value.push_back(c);
                }
            }
            if (!closed) return std::nullopt;
        } else {
            const size_t start = pos;
            while (pos < text.size() && text[pos] != ';') ++pos;
            value = std::string(trim(text.substr(start, pos - start)));
        }
        std::string lowered(name);
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
        result.parameters.emplace_back(std::move(lowered), std::move(value));
    }
}

const std::string* find_parameter(const Disposition& disposition, std::string_view name) {
    for (const auto& [key, value] : disposition.parameters) {
        if (key == name) return &value;
    }
    return nullptr;
}

// RFC 8187 §3.2 ext-value: charset'language'percent-encoded; only UTF-8
// (and its ASCII subset) is understood.
std::optional<std::string> decode_ext_value(std::string_view text) {
    const auto first = text.find('\'');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = text.find('\'', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto charset = text.substr(0, first);
    if (!iequals(charset, "utf-8") && !iequals(charset, "us-ascii")) return std::nullopt;
    const auto encoded = text.substr(second + 1);
    // `+` is literal here, unlike in form encoding.
    if (encoded.find('+') != std::string_view::npos) {
        std::string out;
        size_t start = 0;
        for (;;) {
            const auto plus = encoded.find('+', start);
            auto piece = form_decode(encoded.substr(start, plus - start));
            if (!piece) return std::nullopt;
            out += *piece;
            if (plus == std::string_view::npos) return out;
            out.push_back('+');
            start = plus + 1;
        }
    }
    return form_decode(encoded);
}

}  // namespace

MultipartParser::MultipartParser(std::string_view boundary, MultipartSink& sink, MultipartLimits limits)
    : m_sink(sink), m_limits(limits), m_delimiter("\r\n--") {
    m_delimiter += boundary;
    // A body may open with its first boundary at once, without the CRLF
    // that belongs to every later delimiter (RFC 2046 §5.1.1): a virtual
    // CRLF in front lets one search find both.
    m_pending = CRLF;
}

std::optional<std::string> MultipartParser::fail(std::string message) {
    m_state = State::Failed;
    m_error = std::move(message);
    m_pending.clear();
    m_pos = 0;
    return m_error;
}

std::optional<std::string> MultipartParser::feed(std::string_view bytes) {
    if (m_state == State::Failed) return m_error;
    if (m_state == State::Epilogue) return std::nullopt;
    m_pending.append(bytes);
    for (;;) {
        bool progressed = false;
        if (auto error = step(progressed)) return fail(std::move(*error));
        if (m_state == State::Epilogue) {
            m_pending.clear();
            m_pos = 0;
            return std::nullopt;
        }
        if (!progressed) break;
    }
    m_pending.erase(0, m_pos);
    m_pos = 0;
    return std::nullopt;
}

std::optional<std::string> MultipartParser::finish() {
    if (m_state == State::Failed) return m_error;
    if (m_state == State::Epilogue) return std::nullopt;
    return fail("The multipart body ends before its closing boundary");
}

std::optional<std::string> MultipartParser::step(bool& progressed) {
    const std::string_view available = std::string_view(m_pending).substr(m_pos);
    switch (m_state) {
        case State::Preamble: {
            const auto found = available.find(m_delimiter);
            if (found == std::string_view::npos) {
                // Keep only what could be the start of a delimiter.
                if (available.size() >= m_delimiter.size()) m_pos += available.size() - (m_delimiter.size() - 1);
                return std::nullopt;
            }
            m_pos += found + m_delimiter.size();
            m_state = State::BoundaryLine;
            progressed = true;
            return std::nullopt;
        }
        case State::BoundaryLine: {
            // After a delimiter: "--" closes the body; otherwise optional
            // padding, then CRLF and the next part's headers.
            if (available.size() < 2) return std::nullopt;
            if (available.substr(0, 2) == "--") {
                m_state = State::Epilogue;
                progressed = true;
                return std::nullopt;
            }
            size_t padding = 0;
            while (padding < available.size() && is_space(available[padding])) ++padding;
            if (padding > MAX_TRANSPORT_PADDING) return std::string("The multipart boundary line is malformed");
            if (available.size() < padding + 2) return std::nullopt;
            if (available.substr(padding, 2) != CRLF) {
                return std::string("The multipart boundary line is malformed");
            }
            if (++m_parts > m_limits.max_parts) {
                return "The multipart body has more than " + std::to_string(m_limits.max_parts) + " parts";
            }
            m_pos += padding + 2;
            m_state = State::Headers;
            progressed = true;
            return std::nullopt;
        }
        case State::Headers: {
            size_t block_end = 0;
            size_t consumed = 0;
            if (available.substr(0, 2) == CRLF) {
                consumed = 2;  // a part without headers
            } else {
                const auto found = available.find("\r\n\r\n");
                if (found == std::string_view::npos) {
                    if (available.size() > m_limits.max_header_bytes) {
                        return std::string("The headers of a multipart part are too large");
                    }
                    return std::nullopt;
                }
                if (found > m_limits.max_header_bytes) {
                    return std::string("The headers of a multipart part are too large");
                }
                block_end = found;
                consumed = found + 4;
            }
            if (auto error = parse_headers(available.substr(0, block_end))) return error;
            m_pos += consumed;
            m_state = State::Body;
            progressed = true;
            return std::nullopt;
        }
        case State::Body: {
            const auto found = available.find(m_delimiter);
            if (found == std::string_view::npos) {
                // Hand over everything that cannot be the start of the delimiter.
                if (available.size() >= m_delimiter.size()) {
                    const size_t safe = available.size() - (m_delimiter.size() - 1);
                    if (auto error = m_sink.on_part_data(available.substr(0, safe))) return error;
                    m_pos += safe;
                }
                return std::nullopt;
            }
            if (found > 0) {
                if (auto error = m_sink.on_part_data(available.substr(0, found))) return error;
            }
            if (auto error = m_sink.on_part_end()) return error;
            m_pos += found + m_delimiter.size();
            m_state = State::BoundaryLine;
            progressed = true;
            return std::nullopt;
        }
        case State::Epilogue:
        case State::Failed: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> MultipartParser::parse_headers(std::string_view block) {
    // Header lines as in RFC 5322 §2.2, with obsolete folding accepted.
    std::vector<std::pair<std::string_view, std::string>> fields;
    while (!block.empty()) {
        const auto end = block.find(CRLF);
        const auto line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
        if (line.empty()) continue;
        if (is_space(line.front())) {
            if (fields.empty()) return std::string("A multipart part header starts with white space");
            fields.back().second += ' ';
            fields.back().second += trim(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return std::string("A multipart part header has no name");
        }
        fields.emplace_back(trim(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
    }

    PartHeaders headers;
    for (const auto& [name, value] : fields) {
        if (iequals(name, "content-type")) {
            headers.content_type = value;
        } else if (iequals(name, "content-disposition")) {
            auto disposition = parse_disposition(value);
            if (!disposition) return std::string("The Content-Disposition of a multipart part is malformed");
            headers.form_data = iequals(disposition->type, "form-data");
            if (const auto* part_name = find_parameter(*disposition, "name")) headers.name = *part_name;
            if (const auto* extended = find_parameter(*disposition, "filename*")) {
                headers.file_name = decode_ext_value(*extended);
            }
            if (!headers.file_name) {
                if (const auto* file_name = find_parameter(*disposition, "filename")) headers.file_name = *file_name;
            }
        }
    }
    return m_sink.on_part_begin(headers);
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    auto media = parse_media_type(content_type);
    if (!media || media->essence != "multipart/form-data") return std::nullopt;
    const auto* boundary = media->parameter("boundary");
    if (boundary == nullptr || boundary->empty() || boundary->size() > MAX_BOUNDARY_LENGTH) return std::nullopt;
    for (const char c : *boundary) {
        if (c < ' ' || c > '~') return std::nullopt;
    }
    return *boundary;
}

}  // namespace rampart::http
