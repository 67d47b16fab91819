#include "modelfile/detail/document.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <boost/json/parse.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <exception>

#include "core/text.h"

namespace rampart::modelfile::detail {
namespace {

// A model file holds a few hundred nodes. The caps stop a hostile document
// (YAML aliases that expand exponentially when copied, deep nesting) from
// exhausting memory or the stack while it is turned into a Node tree.
constexpr size_t MAX_NODES = 100'000;
constexpr int MAX_DEPTH = 64;

core::Error document_error(std::string_view file, int line, int column, std::string message) {
    return core::Error{core::ErrorCode::InvalidData,
                       fmt::format("{}: not a valid model file", file),
                       {{{std::string(file), line, column, {}}, std::move(message)}}};
}

/// Byte offsets → 1-based line and column, in O(log lines) per lookup.
/// Columns count bytes, like yaml-cpp's marks and core::line_column_at, so
/// a YAML and a JSON file point at the same place the same way.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : m_size(text.size()) {
        m_starts.push_back(0);
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') m_starts.push_back(i + 1);
        }
    }

    [[nodiscard]] core::LineColumn at(size_t offset) const {
        offset = std::min(offset, m_size);
        const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
        const auto line = static_cast<size_t>(next - m_starts.begin());
        return {static_cast<int>(line), static_cast<int>(offset - m_starts[line - 1] + 1)};
    }

private:
    size_t m_size;
    std::vector<size_t> m_starts;
};

// ---------------------------------------------------------------- YAML

/// Copies a yaml-cpp tree into Nodes, with 1-based positions (yaml-cpp's
/// marks are 0-based).
class YamlConverter {
public:
    explicit YamlConverter(std::string_view file) : m_file(file) {}

    [[nodiscard]] core::Result<Node> convert(const YAML::Node& root) {
        Node out;
        if (!copy(root, out, {m_file, 1, 1, {}}, 0)) {
            return document_error(m_file, 0, 0,
                                  fmt::format("the document is too large or too deeply nested for a model file "
                                              "(more than {} nodes or {} levels)",
                                              MAX_NODES, MAX_DEPTH));
        }
        return out;
    }

private:
    [[nodiscard]] core::SourceLocation location(const YAML::Mark& mark, const core::SourceLocation& fallback) const {
        if (mark.line < 0) return fallback;
        return {m_file, mark.line + 1, mark.column + 1, {}};
    }

    bool copy(const YAML::Node& source, Node& target, const core::SourceLocation& fallback, int depth) {
        if (++m_count > MAX_NODES || depth > MAX_DEPTH) return false;
        switch (source.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                // An empty value's mark is where the next token starts, often
                // the following line; the position of its key is the useful one.
                target.kind = Node::Kind::Null;
                target.where = fallback;
                return true;
            case YAML::NodeType::Scalar:
                target.kind = Node::Kind::Scalar;
                target.where = location(source.Mark(), fallback);
                target.text = source.Scalar();
                // yaml-cpp tags a quoted scalar "!" (YAML 1.2 §6.9.1, the
                // non-specific tag of non-plain scalars) and a plain one "?".
                target.scalar_type = source.Tag() == "!" || source.Tag() == "tag:yaml.org,2002:str"
                                         ? Node::ScalarType::String
                                         : Node::ScalarType::Plain;
                return true;
            case YAML::NodeType::Sequence: {
                target.kind = Node::Kind::Sequence;
                target.where = location(source.Mark(), fallback);
                for (const auto& element : source) {
                    auto& copied = target.elements.emplace_back();
                    if (!copy(element, copied, target.where, depth + 1)) return false;
                }
                return true;
            }
            case YAML::NodeType::Map: {
                target.kind = Node::Kind::Mapping;
                target.where = location(source.Mark(), fallback);
                for (const auto& entry : source) {
                    auto& [key, value] = target.members.emplace_back();
                    if (!copy(entry.first, key, target.where, depth + 1)) return false;
                    if (!copy(entry.second, value, key.where, depth + 1)) return false;
                }
                return true;
            }
        }
        return true;
    }

    std::string m_file;
    size_t m_count = 0;
};

/// yaml-cpp's messages name the parser's state, not the usual mistake
/// behind it; the two commonest get a hint.
std::string_view yaml_hint(std::string_view message) {
    if (message == YAML::ErrorMsg::MAP_VALUE) return " (check the indentation, or quote a value that holds ': ')";
    if (message == YAML::ErrorMsg::END_OF_MAP) return " (check the indentation)";
    return "";
}

core::Result<Document> load_yaml(std::string_view text, std::string_view file) {
    // yaml-cpp reports syntax errors, and misuse of a node, by throwing; both
    // are caught here so no exception leaves the module.
    try {
        const auto root = YAML::Load(std::string(text));
        auto node = RAMPART_TRY(YamlConverter(file).convert(root));
        return Document{Syntax::Yaml, std::move(node)};
    } catch (const YAML::Exception& error) {
        const auto line = error.mark.line < 0 ? 0 : error.mark.line + 1;
        const auto column = error.mark.line < 0 ? 0 : error.mark.column + 1;
        return document_error(file, line, column,
                              fmt::format("YAML syntax error: {}{}", error.msg, yaml_hint(error.msg)));
    } catch (const std::exception& error) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading YAML failed: {}", file, error.what()));
    }
}

// ---------------------------------------------------------------- JSON

/// Walks JSON text that Boost.JSON has already accepted and records the
/// position and JSON pointer of every value and key; Boost.JSON's DOM keeps
/// neither positions nor duplicate keys. String and number literals are
/// decoded by Boost.JSON itself, so the walker only has to find where each
/// token starts and ends, which is simple in text known to be valid.
class JsonConverter {
public:
    JsonConverter(std::string_view text, std::string_view file) : m_text(text), m_file(file), m_lines(text) {}

    [[nodiscard]] Node document() {
        skip_space();
        return value("");
    }

private:
    [[nodiscard]] char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    void skip_space() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }

    [[nodiscard]] core::SourceLocation location(size_t offset, const std::string& pointer) const {
        const auto position = m_lines.at(offset);
        // The root's pointer is "" (RFC 6901 §5); "/" reads better in messages.
        return {m_file, position.line, position.column, pointer.empty() ? std::string("/") : pointer};
    }

    /// Consumes a string literal and answers its decoded content.
    std::string string_literal() {
        const auto start = m_pos;
        ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') m_pos += m_text[m_pos] == '\\' ? 2 : 1;
        m_pos = std::min(m_pos + 1, m_text.size());
        const auto literal = m_text.substr(start, m_pos - start);
        // Only a string with escapes needs decoding; Boost.JSON does it.
        if (literal.find('\\') == std::string_view::npos) return std::string(literal.substr(1, literal.size() - 2));
        boost::system::error_code ignored;
        const auto decoded = boost::json::parse(literal, ignored);
        return decoded.is_string() ? std::string(decoded.get_string()) : std::string();
    }

    Node value(const std::string& pointer) {
        Node node;
        node.where = location(m_pos, pointer);
        const char c = peek();
        if (c == '{') {
            node.kind = Node::Kind::Mapping;
            ++m_pos;
            skip_space();
            while (peek() == '"') {
                auto& [key, member] = node.members.emplace_back();
                const auto key_start = m_pos;
                key.kind = Node::Kind::Scalar;
                key.scalar_type = Node::ScalarType::String;
                key.text = string_literal();
                const auto member_pointer = core::json_pointer_append(pointer, key.text);
                key.where = location(key_start, member_pointer);
                skip_space();
                if (peek() == ':') ++m_pos;
                skip_space();
                member = value(member_pointer);
                skip_space();
                if (peek() != ',') break;
                ++m_pos;
                skip_space();
            }
            if (peek() == '}') ++m_pos;
        } else if (c == '[') {
            node.kind = Node::Kind::Sequence;
            ++m_pos;
            skip_space();
            while (m_pos < m_text.size() && peek() != ']') {
                node.elements.push_back(value(core::json_pointer_append(pointer, node.elements.size())));
                skip_space();
                if (peek() != ',') break;
                ++m_pos;
                skip_space();
            }
            if (peek() == ']') ++m_pos;
        } else if (c == '"') {
            node.kind = Node::Kind::Scalar;
            node.scalar_type = Node::ScalarType::String;
            node.text = string_literal();
        } else if (m_text.substr(m_pos, 4) == "null") {
            node.kind = Node::Kind::Null;
            m_pos += 4;
        } else if (m_text.substr(m_pos, 4) == "true" || m_text.substr(m_pos, 5) == "false") {
            node.kind = Node::Kind::Scalar;
            node.scalar_type = Node::ScalarType::Boolean;
            node.text = c == 't' ? "true" : "false";
            m_pos += c == 't' ? 4 : 5;
        } else {
            // A number (RFC 8259 §6), kept as written; the reader converts it
            // to the type the key needs.
            const auto start = m_pos;
            while (m_pos < m_text.size() &&
                   std::string_view("+-0123456789.eE").find(m_text[m_pos]) != std::string_view::npos) {
                ++m_pos;
            }
            node.kind = Node::Kind::Scalar;
            node.scalar_type = Node::ScalarType::Number;
            node.text = std::string(m_text.substr(start, m_pos - start));
            // Never loop on a character the grammar does not allow here.
            if (m_pos == start) ++m_pos;
        }
        return node;
    }

    std::string_view m_text;
    std::string m_file;
    LineIndex m_lines;
    size_t m_pos = 0;
};

core::Result<Document> load_json(std::string_view text, std::string_view file) {
    try {
        boost::json::parse_options options;
        options.max_depth = MAX_DEPTH;
        boost::json::stream_parser parser({}, options);
        boost::system::error_code error;
        const size_t consumed = parser.write_some(text.data(), text.size(), error);
        if (!error && consumed == text.size()) parser.finish(error);
        if (!error && consumed < text.size()) error = boost::json::error::extra_data;
        if (error) {
            const auto position = LineIndex(text).at(consumed);
            // Boost.JSON's messages are terse ("syntax error"); what stands
            // at the position tells the user more.
            const auto excerpt = text.substr(consumed, text.find('\n', consumed) - consumed).substr(0, 20);
            return document_error(file, position.line, position.column,
                                  excerpt.empty()
                                      ? fmt::format("JSON syntax error: {}", error.message())
                                      : fmt::format("JSON syntax error: {} at '{}'", error.message(), excerpt));
        }
        return Document{Syntax::Json, JsonConverter(text, file).document()};
    } catch (const std::exception& error) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading JSON failed: {}", file, error.what()));
    }
}

}  // namespace

core::Result<Document> load_document(std::string_view text, std::string_view file) {
    text = core::strip_bom(text);
    if (const auto invalid = core::find_invalid_utf8(text)) {
        const auto position = LineIndex(text).at(*invalid);
        return document_error(file, position.line, position.column,
                              "the file is not valid UTF-8 (a model file is UTF-8 text)");
    }
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') return load_json(text, file);
    return load_yaml(text, file);
}

}  // namespace rampart::modelfile::detail
