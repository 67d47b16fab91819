#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "graphql/ast.h"
#include "graphql/error.h"

namespace rampart::graphql {

/// The lexical tokens of GraphQL spec §2.1.6 (October 2021), plus the start
/// and end of the source and comments.
enum class TokenKind : uint8_t {
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
};

/// How graphql-js names a token kind in messages: punctuators quoted
/// (`"{"`), the others by name (`Name`, `<EOF>`).
[[nodiscard]] std::string_view token_kind_description(TokenKind kind);

/// One token. `value` points into the source (names, numbers, comments and
/// strings without escapes) or into the lexer's own buffer (strings with
/// escapes, block strings); a buffer value stays valid until the lexer has
/// read two more such strings, so one token of lookahead never invalidates
/// the current token.
struct Token {
    TokenKind kind = TokenKind::StartOfFile;
    uint32_t start = 0;  ///< byte offset of the first byte
    uint32_t end = 0;    ///< byte offset after the last byte
    Location loc;
    /// Name, Int, Float: the text; String, BlockString: the decoded value
    /// (GraphQL spec §2.9.4); Comment: the text after `#`.
    std::string_view value;
};

/// graphql-js `getTokenDesc`: `Name "foo"`, `"{"`, `<EOF>`.
[[nodiscard]] std::string token_description(const Token& token);

/// Whether the lexer hands out comment tokens or skips them like the other
/// ignored tokens (§2.1.7).
enum class CommentMode : uint8_t { Skip, Emit };

/// Splits a GraphQL source into tokens (GraphQL spec §2.1). Works on the
/// UTF-8 bytes in place: names, numbers and plain strings are views into the
/// source. Errors are values: next() returns false and error() tells why,
/// worded as graphql-js v16 words it.
class Lexer {
public:
    /// The source must outlive the lexer and every token it returns.
    explicit Lexer(std::string_view source, CommentMode comments = CommentMode::Skip);

    /// Reads the next token into `token`. Returns false on a syntax error;
    /// after the end of the source every call yields an EndOfFile token.
    [[nodiscard]] bool next(Token& token);

    /// The error of the last failed next().
    [[nodiscard]] const GraphQLError& error() const { return m_error; }

    [[nodiscard]] std::string_view source() const { return m_source; }

private:
    bool fail(size_t offset, std::string_view message);
    bool fail_unexpected_character(size_t offset);
    bool read_comment(Token& token, size_t start);
    bool read_number(Token& token, size_t start);
    bool read_digits(size_t& position);
    bool read_string(Token& token, size_t start);
    bool read_escape(size_t position, std::string& out, size_t& size);
    bool read_block_string(Token& token, size_t start);
    [[nodiscard]] Location location_at(size_t offset) const;
    std::string& next_buffer();

    std::string_view m_source;
    CommentMode m_comments;
    size_t m_position = 0;
    uint32_t m_line = 1;
    size_t m_line_start = 0;
    // Columns count code points: the UTF-8 continuation bytes read so far on
    // the current line (only strings, comments and the byte order mark have
    // any) are subtracted from the byte distance to the line start.
    size_t m_line_continuation_bytes = 0;
    std::array<std::string, 2> m_buffers;
    size_t m_buffer_index = 0;
    GraphQLError m_error;
};

/// A syntax error as graphql-js reports it: "Syntax Error: " + description,
/// the line:column of `offset` in `source`, code "GRAPHQL_PARSE_FAILED".
[[nodiscard]] GraphQLError make_syntax_error(std::string_view source, size_t offset, std::string_view description);

/// The 1-based line and code-point column of a byte offset (§2.1: LF, CRLF
/// and CR end lines).
[[nodiscard]] Location location_of(std::string_view source, size_t offset);

/// GraphQL spec §2.9.4 BlockStringValue(): `raw` is the text between the
/// triple quotes with `\"""` already unescaped; lines end with LF, CRLF or CR.
/// Removes the common indentation and the leading and trailing blank lines,
/// and joins the lines with LF.
[[nodiscard]] std::string block_string_value(std::string_view raw);

/// Decodes one UTF-8 sequence at `offset` (strict: no overlong forms, no
/// surrogates, nothing above U+10FFFF). Returns its length, 0 when invalid;
/// `code_point` receives the value.
[[nodiscard]] size_t decode_utf8(std::string_view text, size_t offset, uint32_t& code_point);

/// Appends the UTF-8 encoding of a Unicode scalar value.
void append_utf8(std::string& out, uint32_t code_point);

}  // namespace rampart::graphql
