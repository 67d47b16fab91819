#include "graphql/lexer.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

namespace rampart::graphql {
namespace {

constexpr std::string_view PARSE_FAILED = "GRAPHQL_PARSE_FAILED";

constexpr bool is_digit(int c) { return c >= '0' && c <= '9'; }

// GraphQL spec §2.1.9 Names: ASCII letters, digits and underscore only.
constexpr bool is_name_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

/// NameContinue as a table: names are the most frequent tokens.
constexpr std::array<bool, 256> NAME_CONTINUE = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[static_cast<size_t>(c)] = is_name_start(c) || is_digit(c);
    return table;
}();

constexpr bool is_unicode_scalar_value(uint32_t code) { return code <= 0xD7FF || (code >= 0xE000 && code <= 0x10FFFF); }
constexpr bool is_leading_surrogate(int code) { return code >= 0xD800 && code <= 0xDBFF; }
constexpr bool is_trailing_surrogate(int code) { return code >= 0xDC00 && code <= 0xDFFF; }

constexpr int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

constexpr bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

/// The byte at `offset` as an int, -1 past the end (graphql-js reads NaN
/// there, which matches no character class).
int byte_at(std::string_view text, size_t offset) {
    return offset < text.size() ? static_cast<unsigned char>(text[offset]) : -1;
}

std::string hex4(uint32_t code) {
    std::array<char, 16> buffer{};
    const int length = std::snprintf(buffer.data(), buffer.size(), "%04X", code);
    return std::string(buffer.data(), static_cast<size_t>(length));
}

/// graphql-js `printCodePointAt`: printable ASCII quoted, `<EOF>` past the
/// end, any other code point as `U+` and at least four hex digits. A byte
/// that does not start valid UTF-8 is named as such.
std::string print_code_point_at(std::string_view text, size_t offset) {
    if (offset >= text.size()) return "<EOF>";
    uint32_t code = 0;
    if (decode_utf8(text, offset, code) == 0) {
        return "byte 0x" + hex4(static_cast<unsigned char>(text[offset])).substr(2) + " (invalid UTF-8)";
    }
    if (code >= 0x20 && code <= 0x7E) {
        if (code == '"') return "'\"'";
        return std::string{'"', static_cast<char>(code), '"'};
    }
    return "U+" + hex4(code);
}

/// graphql-js slices its UTF-16 source for some messages; this takes the
/// same text from UTF-8: `units` UTF-16 code units from `offset`, stopping
/// early at the end or at bytes that are not valid UTF-8.
std::string_view slice_utf16_units(std::string_view text, size_t offset, size_t units) {
    size_t end = offset;
    while (units > 0 && end < text.size()) {
        uint32_t code = 0;
        const size_t length = decode_utf8(text, end, code);
        if (length == 0) break;
        // A character outside the Basic Multilingual Plane takes two units;
        // it is kept whole where graphql-js would cut it in half.
        units -= std::min<size_t>(units, code >= 0x10000 ? 2 : 1);
        end += length;
    }
    return text.substr(offset, end - offset);
}

}  // namespace

std::string_view token_kind_description(TokenKind kind) {
    switch (kind) {
        case TokenKind::StartOfFile: return "<SOF>";
        case TokenKind::EndOfFile: return "<EOF>";
        case TokenKind::Bang: return "\"!\"";
        case TokenKind::Dollar: return "\"$\"";
        case TokenKind::Amp: return "\"&\"";
        case TokenKind::ParenL: return "\"(\"";
        case TokenKind::ParenR: return "\")\"";
        case TokenKind::Spread: return "\"...\"";
        case TokenKind::Colon: return "\":\"";
        case TokenKind::Equals: return "\"=\"";
        case TokenKind::At: return "\"@\"";
        case TokenKind::BracketL: return "\"[\"";
        case TokenKind::BracketR: return "\"]\"";
        case TokenKind::BraceL: return "\"{\"";
        case TokenKind::Pipe: return "\"|\"";
        case TokenKind::BraceR: return "\"}\"";
        case TokenKind::Name: return "Name";
        case TokenKind::Int: return "Int";
        case TokenKind::Float: return "Float";
        case TokenKind::String: return "String";
        case TokenKind::BlockString: return "BlockString";
        case TokenKind::Comment: return "Comment";
    }
    return "<EOF>";
}

std::string token_description(const Token& token) {
    std::string description(token_kind_description(token.kind));
    switch (token.kind) {
        case TokenKind::Name:
        case TokenKind::Int:
        case TokenKind::Float:
        case TokenKind::String:
        case TokenKind::BlockString:
        case TokenKind::Comment:
            description += " \"";
            description += token.value;
            description += '"';
            break;
        default: break;
    }
    return description;
}

size_t decode_utf8(std::string_view text, size_t offset, uint32_t& code_point) {
    const size_t size = text.size();
    if (offset >= size) return 0;
    const auto lead = static_cast<unsigned char>(text[offset]);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    size_t length = 0;
    uint32_t code = 0;
    uint32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        code = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        code = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        code = lead & 0x07U;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (offset + length > size) return 0;
    for (size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[offset + i]);
        if (!is_continuation(byte)) return 0;
        code = (code << 6U) | (byte & 0x3FU);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not
    // Unicode scalar values (§2.1.1 SourceCharacter).
    if (code < minimum || !is_unicode_scalar_value(code)) return 0;
    code_point = code;
    return length;
}

void append_utf8(std::string& out, uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0U | (code_point >> 6U));
        out += static_cast<char>(0x80U | (code_point & 0x3FU));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0U | (code_point >> 12U));
        out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code_point & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (code_point >> 18U));
        out += static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code_point & 0x3FU));
    }
}

Location location_of(std::string_view source, size_t offset) {
    offset = std::min(offset, source.size());
    uint32_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; ++i) {
        const char c = source[i];
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        } else if (c == '\r') {
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
            ++line;
            line_start = i + 1;
        }
    }
    uint32_t column = 1;
    for (size_t i = line_start; i < offset; ++i) {
        if (!is_continuation(static_cast<unsigned char>(source[i]))) ++column;
    }
    return Location{line, column};
}

GraphQLError make_syntax_error(std::string_view source, size_t offset, std::string_view description) {
    GraphQLError error;
    error.message.reserve(14 + description.size());
    error.message = "Syntax Error: ";
    error.message += description;
    error.locations.push_back(location_of(source, offset));
    error.code = PARSE_FAILED;
    return error;
}

std::string block_string_value(std::string_view raw) {
    // Split into lines (LF, CRLF, CR).
    std::vector<std::string_view> lines;
    size_t begin = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\n' || raw[i] == '\r') {
            lines.push_back(raw.substr(begin, i - begin));
            if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
            begin = i + 1;
        }
    }
    lines.push_back(raw.substr(begin));

    // GraphQL spec §2.9.4 BlockStringValue(): the common indentation ignores
    // the first line and whitespace-only lines.
    size_t common_indent = std::numeric_limits<size_t>::max();
    std::optional<size_t> first_non_empty;
    size_t last_non_empty = 0;
    bool any_non_empty = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        size_t indent = 0;
        while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
        if (indent == line.size()) continue;
        if (!first_non_empty) first_non_empty = i;
        last_non_empty = i;
        any_non_empty = true;
        if (i != 0 && indent < common_indent) common_indent = indent;
    }
    std::string value;
    if (!any_non_empty) return value;
    value.reserve(raw.size());
    for (size_t i = *first_non_empty; i <= last_non_empty; ++i) {
        std::string_view line = lines[i];
        if (i != 0) line = line.substr(std::min(common_indent, line.size()));
        if (i != *first_non_empty) value += '\n';
        value += line;
    }
    return value;
}

Lexer::Lexer(std::string_view source, CommentMode comments) : m_source(source), m_comments(comments) {}

bool Lexer::fail(size_t offset, std::string_view message) {
    m_error = make_syntax_error(m_source, offset, message);
    return false;
}

bool Lexer::fail_unexpected_character(size_t offset) {
    const int c = byte_at(m_source, offset);
    if (c == '\'') {
        return fail(offset, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    uint32_t code = 0;
    if (decode_utf8(m_source, offset, code) == 0) {
        return fail(offset, "Invalid character: " + print_code_point_at(m_source, offset) + ".");
    }
    return fail(offset, "Unexpected character: " + print_code_point_at(m_source, offset) + ".");
}

Location Lexer::location_at(size_t offset) const {
    return Location{m_line, static_cast<uint32_t>(1 + (offset - m_line_start) - m_line_continuation_bytes)};
}

std::string& Lexer::next_buffer() {
    m_buffer_index ^= 1U;
    std::string& buffer = m_buffers[m_buffer_index];
    buffer.clear();
    return buffer;
}

bool Lexer::next(Token& token) {
    const std::string_view body = m_source;
    const size_t size = body.size();
    size_t position = m_position;
    const auto punctuator = [&](TokenKind kind, size_t length) {
        token.kind = kind;
        token.start = static_cast<uint32_t>(position);
        token.end = static_cast<uint32_t>(position + length);
        token.loc = location_at(position);
        token.value = {};
        m_position = position + length;
        return true;
    };
    while (position < size) {
        const auto c = static_cast<unsigned char>(body[position]);
        // §2.1.7 Ignored tokens: white space, commas, line terminators, the
        // byte order mark (U+FEFF, anywhere) and comments. Runs of spaces
        // (indentation) are the most common bytes of all.
        if (c == ' ' || c == '\t' || c == ',') {
            ++position;
            continue;
        }
        switch (c) {
            case '\n':
                ++position;
                ++m_line;
                m_line_start = position;
                m_line_continuation_bytes = 0;
                continue;
            case '\r':
                position += byte_at(body, position + 1) == '\n' ? 2 : 1;
                ++m_line;
                m_line_start = position;
                m_line_continuation_bytes = 0;
                continue;
            case 0xEF:
                if (byte_at(body, position + 1) == 0xBB && byte_at(body, position + 2) == 0xBF) {
                    position += 3;
                    m_line_continuation_bytes += 2;
                    continue;
                }
                break;
            case '#':
                if (!read_comment(token, position)) return false;
                if (m_comments == CommentMode::Emit) return true;
                position = m_position;
                continue;
            // §2.1.8 Punctuators.
            case '!': return punctuator(TokenKind::Bang, 1);
            case '$': return punctuator(TokenKind::Dollar, 1);
            case '&': return punctuator(TokenKind::Amp, 1);
            case '(': return punctuator(TokenKind::ParenL, 1);
            case ')': return punctuator(TokenKind::ParenR, 1);
            case '.':
                if (byte_at(body, position + 1) == '.' && byte_at(body, position + 2) == '.') {
                    return punctuator(TokenKind::Spread, 3);
                }
                break;
            case ':': return punctuator(TokenKind::Colon, 1);
            case '=': return punctuator(TokenKind::Equals, 1);
            case '@': return punctuator(TokenKind::At, 1);
            case '[': return punctuator(TokenKind::BracketL, 1);
            case ']': return punctuator(TokenKind::BracketR, 1);
            case '{': return punctuator(TokenKind::BraceL, 1);
            case '|': return punctuator(TokenKind::Pipe, 1);
            case '}': return punctuator(TokenKind::BraceR, 1);
            case '"':
                if (byte_at(body, position + 1) == '"' && byte_at(body, position + 2) == '"') {
                    return read_block_string(token, position);
                }
                return read_string(token, position);
            default: break;
        }
        if (is_digit(c) || c == '-') return read_number(token, position);
        if (is_name_start(c)) {
            size_t end = position + 1;
            while (end < size && NAME_CONTINUE[static_cast<unsigned char>(body[end])]) ++end;
            token.kind = TokenKind::Name;
            token.start = static_cast<uint32_t>(position);
            token.end = static_cast<uint32_t>(end);
            token.loc = location_at(position);
            token.value = body.substr(position, end - position);
            m_position = end;
            return true;
        }
        m_position = position;
        return fail_unexpected_character(position);
    }
    m_position = size;
    token.kind = TokenKind::EndOfFile;
    token.start = static_cast<uint32_t>(size);
    token.end = static_cast<uint32_t>(size);
    token.loc = location_at(size);
    token.value = {};
    return true;
}

// §2.1.5 Comments run to the end of the line.
bool Lexer::read_comment(Token& token, size_t start) {
    const std::string_view body = m_source;
    token.loc = location_at(start);
    size_t position = start + 1;
    while (position < body.size()) {
        const auto c = static_cast<unsigned char>(body[position]);
        if (c == '\n' || c == '\r') break;
        if (c < 0x80) {
            ++position;
            continue;
        }
        uint32_t code = 0;
        const size_t length = decode_utf8(body, position, code);
        if (length == 0) return fail_unexpected_character(position);
        position += length;
        m_line_continuation_bytes += length - 1;
    }
    token.kind = TokenKind::Comment;
    token.start = static_cast<uint32_t>(start);
    token.end = static_cast<uint32_t>(position);
    token.value = body.substr(start + 1, position - start - 1);
    m_position = position;
    return true;
}

// §2.9.1 IntValue and §2.9.2 FloatValue, with the lookahead restriction that
// a number is not followed by a digit, `.` or a NameStart.
bool Lexer::read_number(Token& token, size_t start) {
    const std::string_view body = m_source;
    size_t position = start;
    int code = byte_at(body, position);
    bool is_float = false;
    if (code == '-') code = byte_at(body, ++position);
    if (code == '0') {
        code = byte_at(body, ++position);
        if (is_digit(code)) {
            return fail(position,
                        "Invalid number, unexpected digit after 0: " + print_code_point_at(body, position) + ".");
        }
    } else {
        if (!read_digits(position)) return false;
        code = byte_at(body, position);
    }
    if (code == '.') {
        is_float = true;
        ++position;
        if (!read_digits(position)) return false;
        code = byte_at(body, position);
    }
    if (code == 'E' || code == 'e') {
        is_float = true;
        code = byte_at(body, ++position);
        if (code == '+' || code == '-') ++position;
        if (!read_digits(position)) return false;
        code = byte_at(body, position);
    }
    if (code == '.' || is_name_start(code)) {
        return fail(position, "Invalid number, expected digit but got: " + print_code_point_at(body, position) + ".");
    }
    token.kind = is_float ? TokenKind::Float : TokenKind::Int;
    token.start = static_cast<uint32_t>(start);
    token.end = static_cast<uint32_t>(position);
    token.loc = location_at(start);
    token.value = body.substr(start, position - start);
    m_position = position;
    return true;
}

bool Lexer::read_digits(size_t& position) {
    if (!is_digit(byte_at(m_source, position))) {
        return fail(position,
                    "Invalid number, expected digit but got: " + print_code_point_at(m_source, position) + ".");
    }
    ++position;
    while (is_digit(byte_at(m_source, position))) ++position;
    return true;
}

// §2.9.4 StringValue.
bool Lexer::read_string(Token& token, size_t start) {
    const std::string_view body = m_source;
    const size_t size = body.size();
    token.loc = location_at(start);
    size_t position = start + 1;
    size_t chunk_start = position;
    std::string* value = nullptr;
    while (position < size) {
        const auto c = static_cast<unsigned char>(body[position]);
        if (c == '"') {
            token.kind = TokenKind::String;
            token.start = static_cast<uint32_t>(start);
            token.end = static_cast<uint32_t>(position + 1);
            if (value == nullptr) {
                token.value = body.substr(start + 1, position - start - 1);
            } else {
                value->append(body.substr(chunk_start, position - chunk_start));
                token.value = *value;
            }
            m_position = position + 1;
            return true;
        }
        if (c == '\\') {
            if (value == nullptr) value = &next_buffer();
            value->append(body.substr(chunk_start, position - chunk_start));
            size_t escape_size = 0;
            if (!read_escape(position, *value, escape_size)) return false;
            position += escape_size;
            chunk_start = position;
            continue;
        }
        if (c == '\n' || c == '\r') break;
        if (c < 0x80) {
            ++position;
            continue;
        }
        uint32_t code = 0;
        const size_t length = decode_utf8(body, position, code);
        if (length == 0) {
            return fail(position, "Invalid character within String: " + print_code_point_at(body, position) + ".");
        }
        position += length;
        m_line_continuation_bytes += length - 1;
    }
    return fail(position, "Unterminated string.");
}

// §2.9.4 EscapedUnicode (fixed four digits, a surrogate pair of two such
// escapes, or `{…}` of any width) and EscapedCharacter.
bool Lexer::read_escape(size_t position, std::string& out, size_t& size) {
    const std::string_view body = m_source;
    if (byte_at(body, position + 1) == 'u') {
        if (byte_at(body, position + 2) == '{') {
            // graphql-js accumulates into a 32-bit integer and gives up once
            // it turns negative; the same arithmetic keeps the messages equal.
            uint32_t point = 0;
            size_t length = 3;
            while (length < 12) {
                const int code = byte_at(body, position + length++);
                if (code == '}') {
                    if (length < 5 || !is_unicode_scalar_value(point)) break;
                    append_utf8(out, point);
                    size = length;
                    return true;
                }
                const int digit = hex_value(code);
                if (digit < 0) break;
                point = (point << 4U) | static_cast<uint32_t>(digit);
                if ((point & 0x80000000U) != 0) break;
            }
            return fail(position, "Invalid Unicode escape sequence: \"" +
                                      std::string(slice_utf16_units(body, position, length)) + "\".");
        }
        const auto read_hex4 = [&](size_t at) {
            int code = 0;
            for (size_t i = 0; i < 4; ++i) {
                const int digit = hex_value(byte_at(body, at + i));
                if (digit < 0) return -1;
                code = (code << 4) | digit;
            }
            return code;
        };
        const int code = read_hex4(position + 2);
        if (code >= 0 && is_unicode_scalar_value(static_cast<uint32_t>(code))) {
            append_utf8(out, static_cast<uint32_t>(code));
            size = 6;
            return true;
        }
        if (is_leading_surrogate(code) && byte_at(body, position + 6) == '\\' && byte_at(body, position + 7) == 'u') {
            const int trailing = read_hex4(position + 8);
            if (is_trailing_surrogate(trailing)) {
                const auto high = static_cast<uint32_t>(code - 0xD800);
                const auto low = static_cast<uint32_t>(trailing - 0xDC00);
                append_utf8(out, 0x10000U + (high << 10U) + low);
                size = 12;
                return true;
            }
        }
        return fail(position,
                    "Invalid Unicode escape sequence: \"" + std::string(slice_utf16_units(body, position, 6)) + "\".");
    }
    char decoded = 0;
    switch (byte_at(body, position + 1)) {
        case '"': decoded = '"'; break;
        case '\\': decoded = '\\'; break;
        case '/': decoded = '/'; break;
        case 'b': decoded = '\b'; break;
        case 'f': decoded = '\f'; break;
        case 'n': decoded = '\n'; break;
        case 'r': decoded = '\r'; break;
        case 't': decoded = '\t'; break;
        default:
            return fail(position, "Invalid character escape sequence: \"" +
                                      std::string(slice_utf16_units(body, position, 2)) + "\".");
    }
    out += decoded;
    size = 2;
    return true;
}

// §2.9.4 BlockString: raw text up to the closing `"""`, `\"""` unescaped,
// then BlockStringValue().
bool Lexer::read_block_string(Token& token, size_t start) {
    const std::string_view body = m_source;
    const size_t size = body.size();
    size_t position = start + 3;
    size_t chunk_start = position;
    size_t line_start = m_line_start;
    uint32_t lines = 0;
    // Continuation bytes since the start of the last line read.
    size_t continuation_bytes = 0;
    token.loc = location_at(start);
    std::string raw;
    while (position < size) {
        const auto c = static_cast<unsigned char>(body[position]);
        if (c == '"' && byte_at(body, position + 1) == '"' && byte_at(body, position + 2) == '"') {
            raw.append(body.substr(chunk_start, position - chunk_start));
            token.kind = TokenKind::BlockString;
            token.start = static_cast<uint32_t>(start);
            token.end = static_cast<uint32_t>(position + 3);
            std::string& value = next_buffer();
            value = block_string_value(raw);
            token.value = value;
            m_line += lines;
            m_line_start = line_start;
            m_line_continuation_bytes =
                lines == 0 ? m_line_continuation_bytes + continuation_bytes : continuation_bytes;
            m_position = position + 3;
            return true;
        }
        if (c == '\\' && byte_at(body, position + 1) == '"' && byte_at(body, position + 2) == '"' &&
            byte_at(body, position + 3) == '"') {
            raw.append(body.substr(chunk_start, position - chunk_start));
            chunk_start = position + 1;
            position += 4;
            continue;
        }
        if (c == '\n' || c == '\r') {
            raw.append(body.substr(chunk_start, position - chunk_start));
            raw += '\n';
            position += (c == '\r' && byte_at(body, position + 1) == '\n') ? 2 : 1;
            chunk_start = position;
            line_start = position;
            continuation_bytes = 0;
            ++lines;
            continue;
        }
        if (c < 0x80) {
            ++position;
            continue;
        }
        uint32_t code = 0;
        const size_t length = decode_utf8(body, position, code);
        if (length == 0) {
            return fail(position, "Invalid character within String: " + print_code_point_at(body, position) + ".");
        }
        position += length;
        continuation_bytes += length - 1;
    }
    return fail(position, "Unterminated string.");
}

}  // namespace rampart::graphql
