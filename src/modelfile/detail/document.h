#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace rampart::modelfile::detail {

/// The syntax a document was written in.
enum class Syntax { Yaml, Json };

/// A YAML or JSON document reduced to what the model-file reader needs, with
/// the position of every node, so that one validator serves both syntaxes
/// and reports the same problems at the same kind of position.
struct Node {
    enum class Kind { Null, Scalar, Sequence, Mapping };
    /// What the syntax itself says about a scalar. A YAML plain scalar is
    /// untyped until the reader asks for a type; a quoted YAML scalar is a
    /// string, like every JSON string.
    enum class ScalarType { Plain, String, Number, Boolean };

    Kind kind = Kind::Null;
    ScalarType scalar_type = ScalarType::Plain;
    /// A scalar's text: the string's content, the number as written,
    /// "true"/"false".
    std::string text;
    std::vector<Node> elements;
    /// Keys and values in document order; duplicates are kept so the reader
    /// can report them (YAML 1.2 §3.2.1.1 and RFC 8259 §4 ask for unique keys,
    /// but neither yaml-cpp nor Boost.JSON refuses them).
    struct Member;
    std::vector<Member> members;
    /// file:line:column (1-based); for JSON also the node's JSON pointer.
    core::SourceLocation where;
};

/// One key and its value. A struct rather than std::pair<Node, Node>, which
/// would need Node complete where `members` is declared.
struct Node::Member {
    Node first;
    Node second;
};

/// A loaded document.
struct Document {
    Syntax syntax = Syntax::Yaml;
    Node root;
};

/// Loads a YAML or JSON document (JSON when the first non-blank character is
/// `{`). Syntax errors are InvalidData with one positioned diagnostic; no
/// exception of yaml-cpp or Boost.JSON leaves this function.
[[nodiscard]] core::Result<Document> load_document(std::string_view text, std::string_view file);

}  // namespace rampart::modelfile::detail
