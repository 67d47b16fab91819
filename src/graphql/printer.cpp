// Printing of GraphQL documents in the layout of graphql-js v16 `print`.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "graphql/lexer.h"
#include "graphql/parser.h"

namespace rampart::graphql {
namespace {

/// graphql-js wraps a field's arguments onto their own lines when the line
/// would be longer than this.
constexpr size_t MAX_LINE_LENGTH = 80;

/// graphql-js `join`: the non-empty parts with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string result;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!result.empty()) result += separator;
        result += part;
    }
    return result;
}

/// graphql-js `wrap`: `start + text + end`, or nothing when `text` is empty.
std::string wrap(std::string_view start, const std::string& text, std::string_view end = {}) {
    if (text.empty()) return {};
    std::string result;
    result.reserve(start.size() + text.size() + end.size());
    result += start;
    result += text;
    result += end;
    return result;
}

std::string indent(const std::string& text) {
    if (text.empty()) return {};
    std::string result = "  ";
    for (const char c : text) {
        result += c;
        if (c == '\n') result += "  ";
    }
    return result;
}

std::string block(const std::vector<std::string>& items) { return wrap("{\n", indent(join(items, "\n")), "\n}"); }

bool has_multiline_items(const std::vector<std::string>& items) {
    for (const std::string& item : items) {
        if (item.find('\n') != std::string::npos) return true;
    }
    return false;
}

size_t code_point_count(std::string_view text) {
    size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
    }
    return count;
}

constexpr bool is_white_space(char c) { return c == ' ' || c == '\t'; }

/// graphql-js `printString`: a quoted string with control characters, `"`,
/// `\` and U+007F…U+009F escaped.
std::string print_string(std::string_view value) {
    static constexpr std::string_view HEX = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        uint32_t code = c;
        size_t length = 1;
        if (c >= 0x80) {
            length = decode_utf8(value, i, code);
            if (length == 0) {
                // Not produced by the lexer; keep the byte as it is.
                out += static_cast<char>(c);
                continue;
            }
        }
        switch (code) {
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (code < 0x20 || (code >= 0x7F && code <= 0x9F)) {
                    out += "\\u00";
                    out += HEX[code >> 4U];
                    out += HEX[code & 0xFU];
                } else {
                    out.append(value.substr(i, length));
                }
        }
        i += length - 1;
    }
    out += '"';
    return out;
}

/// graphql-js `isPrintableAsBlockString`, quirks included (it lets
/// U+0010…U+001F through).
bool is_printable_as_block_string(std::string_view value) {
    if (value.empty()) return true;
    bool is_empty_line = true;
    bool has_indent = false;
    bool has_common_indent = true;
    bool seen_non_empty_line = false;
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case 0x00:
            case 0x01:
            case 0x02:
            case 0x03:
            case 0x04:
            case 0x05:
            case 0x06:
            case 0x07:
            case 0x08:
            case 0x0B:
            case 0x0C:
            case 0x0E:
            case 0x0F:
            case '\r': return false;
            case '\n':
                if (is_empty_line && !seen_non_empty_line) return false;
                seen_non_empty_line = true;
                is_empty_line = true;
                has_indent = false;
                break;
            case '\t':
            case ' ': has_indent = has_indent || is_empty_line; break;
            default: has_common_indent = has_common_indent && has_indent; is_empty_line = false;
        }
    }
    if (is_empty_line) return false;
    if (has_common_indent && seen_non_empty_line) return false;
    return true;
}

/// graphql-js `printBlockString`.
std::string print_block_string(std::string_view value) {
    std::string escaped;
    escaped.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        if (value.substr(i, 3) == "\"\"\"") {
            escaped += "\\\"\"\"";
            i += 2;
        } else {
            escaped += value[i];
        }
    }
    std::vector<std::string_view> lines;
    {
        const std::string_view text = escaped;
        size_t begin = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n' || text[i] == '\r') {
                lines.push_back(text.substr(begin, i - begin));
                if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                begin = i + 1;
            }
        }
        lines.push_back(text.substr(begin));
    }
    const bool is_single_line = lines.size() == 1;
    bool force_leading_new_line = lines.size() > 1;
    for (size_t i = 1; i < lines.size() && force_leading_new_line; ++i) {
        force_leading_new_line = lines[i].empty() || is_white_space(lines[i][0]);
    }
    const std::string_view escaped_view = escaped;
    const bool has_trailing_triple_quotes =
        escaped_view.size() >= 4 && escaped_view.substr(escaped_view.size() - 4) == "\\\"\"\"";
    const bool has_trailing_quote = !value.empty() && value.back() == '"' && !has_trailing_triple_quotes;
    const bool has_trailing_slash = !value.empty() && value.back() == '\\';
    const bool force_trailing_newline = has_trailing_quote || has_trailing_slash;
    // graphql-js measures in UTF-16 code units; code points agree for the
    // Basic Multilingual Plane.
    const bool print_as_multiple_lines = !is_single_line || code_point_count(value) > 70 || force_trailing_newline ||
                                         force_leading_new_line || has_trailing_triple_quotes;
    const bool skip_leading_new_line = is_single_line && !value.empty() && is_white_space(value[0]);
    std::string result = "\"\"\"";
    if ((print_as_multiple_lines && !skip_leading_new_line) || force_leading_new_line) result += '\n';
    result += escaped;
    if (print_as_multiple_lines || force_trailing_newline) result += '\n';
    result += "\"\"\"";
    return result;
}

/// Descriptions keep no record of how they were written; they print as
/// graphql-js `printSchema` prints them: as a block string when the text
/// allows it.
std::string print_description(const std::optional<std::string>& description) {
    if (!description) return {};
    const std::string text =
        is_printable_as_block_string(*description) ? print_block_string(*description) : print_string(*description);
    return text + "\n";
}

std::string operation_name(ast::OperationType operation) {
    switch (operation) {
        case ast::OperationType::Query: return "query";
        case ast::OperationType::Mutation: return "mutation";
        case ast::OperationType::Subscription: return "subscription";
    }
    return "query";
}

std::vector<std::string> print_arguments(const std::vector<ast::Argument>& arguments) {
    std::vector<std::string> printed;
    printed.reserve(arguments.size());
    for (const ast::Argument& argument : arguments)
        printed.push_back(argument.name.value + ": " + print_value(argument.value));
    return printed;
}

std::string print_directives(const std::vector<ast::Directive>& directives) {
    std::vector<std::string> printed;
    printed.reserve(directives.size());
    for (const ast::Directive& directive : directives) {
        printed.push_back("@" + directive.name.value +
                          wrap("(", join(print_arguments(directive.arguments), ", "), ")"));
    }
    return join(printed, " ");
}

std::string print_names(const std::vector<ast::Name>& names, std::string_view separator) {
    std::vector<std::string> printed;
    printed.reserve(names.size());
    for (const ast::Name& name : names) printed.push_back(name.value);
    return join(printed, separator);
}

std::string print_selection_set(const ast::SelectionSet& selection_set);

std::string print_selection(const ast::Selection& selection) {
    switch (selection.kind) {
        case ast::Selection::Kind::Field: {
            const std::string prefix = (selection.alias ? selection.alias->value + ": " : "") + selection.name.value;
            const std::vector<std::string> arguments = print_arguments(selection.arguments);
            std::string line = prefix + wrap("(", join(arguments, ", "), ")");
            if (code_point_count(line) > MAX_LINE_LENGTH) {
                line = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)");
            }
            return join({line, print_directives(selection.directives), print_selection_set(selection.selection_set)},
                        " ");
        }
        case ast::Selection::Kind::FragmentSpread:
            return "..." + selection.name.value + wrap(" ", print_directives(selection.directives));
        case ast::Selection::Kind::InlineFragment:
            return join({"...", selection.type_condition ? "on " + selection.type_condition->value : std::string(),
                         print_directives(selection.directives), print_selection_set(selection.selection_set)},
                        " ");
    }
    return {};
}

std::string print_selection_set(const ast::SelectionSet& selection_set) {
    std::vector<std::string> printed;
    printed.reserve(selection_set.selections.size());
    for (const ast::Selection& selection : selection_set.selections) printed.push_back(print_selection(selection));
    return block(printed);
}

std::string print_input_value_definition(const ast::InputValueDefinition& input) {
    return print_description(input.description) +
           join({input.name.value + ": " + print_type(input.type),
                 input.default_value ? "= " + print_value(*input.default_value) : std::string(),
                 print_directives(input.directives)},
                " ");
}

std::string print_argument_definitions(const std::vector<ast::InputValueDefinition>& arguments) {
    std::vector<std::string> printed;
    printed.reserve(arguments.size());
    for (const ast::InputValueDefinition& argument : arguments)
        printed.push_back(print_input_value_definition(argument));
    if (has_multiline_items(printed)) return wrap("(\n", indent(join(printed, "\n")), "\n)");
    return wrap("(", join(printed, ", "), ")");
}

std::string print_field_definition(const ast::FieldDefinition& field) {
    return print_description(field.description) + field.name.value + print_argument_definitions(field.arguments) +
           ": " + print_type(field.type) + wrap(" ", print_directives(field.directives));
}

std::string print_definition(const ast::OperationDefinition& operation) {
    std::vector<std::string> variables;
    variables.reserve(operation.variables.size());
    for (const ast::VariableDefinition& variable : operation.variables) {
        variables.push_back("$" + variable.variable.value + ": " + print_type(variable.type) +
                            (variable.default_value ? " = " + print_value(*variable.default_value) : std::string()) +
                            wrap(" ", print_directives(variable.directives)));
    }
    const std::string prefix =
        join({operation_name(operation.operation),
              (operation.name ? operation.name->value : std::string()) + wrap("(", join(variables, ", "), ")"),
              print_directives(operation.directives)},
             " ");
    // An anonymous query without variables or directives prints in the
    // shorthand form.
    return (prefix == "query" ? std::string() : prefix + " ") + print_selection_set(operation.selection_set);
}

std::string print_definition(const ast::FragmentDefinition& fragment) {
    return "fragment " + fragment.name.value + " on " + fragment.type_condition.value + " " +
           wrap("", print_directives(fragment.directives), " ") + print_selection_set(fragment.selection_set);
}

std::string print_definition(const ast::SchemaDefinition& schema) {
    std::vector<std::string> operations;
    operations.reserve(schema.operation_types.size());
    for (const ast::OperationTypeDefinition& operation : schema.operation_types) {
        operations.push_back(operation_name(operation.operation) + ": " + operation.type.value);
    }
    if (schema.extension) return join({"extend schema", print_directives(schema.directives), block(operations)}, " ");
    return print_description(schema.description) +
           join({"schema", print_directives(schema.directives), block(operations)}, " ");
}

std::string print_definition(const ast::TypeDefinition& type) {
    std::string keyword;
    std::string body;
    switch (type.kind) {
        case ast::TypeDefinitionKind::Scalar: keyword = "scalar"; break;
        case ast::TypeDefinitionKind::Object:
        case ast::TypeDefinitionKind::Interface: {
            keyword = type.kind == ast::TypeDefinitionKind::Object ? "type" : "interface";
            std::vector<std::string> fields;
            fields.reserve(type.fields.size());
            for (const ast::FieldDefinition& field : type.fields) fields.push_back(print_field_definition(field));
            body = block(fields);
            break;
        }
        case ast::TypeDefinitionKind::Union:
            keyword = "union";
            body = wrap("= ", print_names(type.union_members, " | "));
            break;
        case ast::TypeDefinitionKind::Enum: {
            keyword = "enum";
            std::vector<std::string> values;
            values.reserve(type.enum_values.size());
            for (const ast::EnumValueDefinition& value : type.enum_values) {
                values.push_back(print_description(value.description) +
                                 join({value.name.value, print_directives(value.directives)}, " "));
            }
            body = block(values);
            break;
        }
        case ast::TypeDefinitionKind::InputObject: {
            keyword = "input";
            std::vector<std::string> fields;
            fields.reserve(type.input_fields.size());
            for (const ast::InputValueDefinition& field : type.input_fields) {
                fields.push_back(print_input_value_definition(field));
            }
            body = block(fields);
            break;
        }
    }
    const std::string head = type.extension ? "extend " + keyword : keyword;
    const std::string printed = join({head, type.name.value, wrap("implements ", print_names(type.interfaces, " & ")),
                                      print_directives(type.directives), body},
                                     " ");
    return type.extension ? printed : print_description(type.description) + printed;
}

std::string print_definition(const ast::DirectiveDefinition& directive) {
    return print_description(directive.description) + "directive @" + directive.name.value +
           print_argument_definitions(directive.arguments) + (directive.repeatable ? " repeatable" : "") + " on " +
           print_names(directive.locations, " | ");
}

}  // namespace

std::string print_value(const ast::Value& value) {
    switch (value.kind) {
        case ast::ValueKind::Variable: return "$" + value.text;
        case ast::ValueKind::Int:
        case ast::ValueKind::Float:
        case ast::ValueKind::Enum: return value.text;
        case ast::ValueKind::String:
            return value.block_string ? print_block_string(value.text) : print_string(value.text);
        case ast::ValueKind::Boolean: return value.boolean ? "true" : "false";
        case ast::ValueKind::Null: return "null";
        case ast::ValueKind::List: {
            std::vector<std::string> items;
            items.reserve(value.list.size());
            for (const ast::Value& item : value.list) items.push_back(print_value(item));
            return "[" + join(items, ", ") + "]";
        }
        case ast::ValueKind::Object: {
            std::vector<std::string> fields;
            fields.reserve(value.fields.size());
            for (const ast::ObjectField& field : value.fields) {
                fields.push_back(field.name.value + ": " + print_value(field.value));
            }
            return "{" + join(fields, ", ") + "}";
        }
    }
    return "null";
}

std::string print_type(const ast::TypeRef& type) {
    // Wrappers are outermost first: `[` for each list, then the name, then
    // the closing `]` and `!` from the inside out.
    std::string printed;
    printed.reserve(type.name.value.size() + 2 * type.wrappers.size());
    for (const ast::TypeWrapper wrapper : type.wrappers) {
        if (wrapper == ast::TypeWrapper::List) printed += '[';
    }
    printed += type.name.value;
    for (size_t i = type.wrappers.size(); i-- > 0;) {
        printed += type.wrappers[i] == ast::TypeWrapper::List ? ']' : '!';
    }
    return printed;
}

std::string print(const ast::Document& document) {
    std::vector<std::string> definitions;
    definitions.reserve(document.definitions.size());
    for (const ast::Definition& definition : document.definitions) {
        definitions.push_back(std::visit([](const auto& node) { return print_definition(node); }, definition));
    }
    return join(definitions, "\n\n");
}

}  // namespace rampart::graphql
