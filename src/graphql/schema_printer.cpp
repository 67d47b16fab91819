#include <string>
#include <string_view>
#include <vector>

#include "graphql/schema.h"
#include "graphql/values.h"

// Schema::print: graphql-js v16 `printSchema`, character for character, so
// that a schema round-trips and diffs against graphql-js tooling are clean.
namespace rampart::graphql {

namespace {

constexpr std::string_view DEFAULT_DEPRECATION_REASON = "No longer supported";

bool is_specified_scalar(std::string_view name) {
    return name == "String" || name == "Int" || name == "Float" || name == "Boolean" || name == "ID";
}

bool is_specified_directive(std::string_view name) {
    return name == "include" || name == "skip" || name == "deprecated" || name == "specifiedBy";
}

bool is_introspection_type(std::string_view name) {
    return name == "__Schema" || name == "__Directive" || name == "__DirectiveLocation" || name == "__Type" ||
           name == "__Field" || name == "__InputValue" || name == "__EnumValue" || name == "__TypeKind";
}

/// The length of a UTF-8 text in UTF-16 code units (JavaScript's `length`).
size_t utf16_length(std::string_view text) {
    size_t length = 0;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0U) == 0x80U) continue;  // continuation byte
        length += byte >= 0xF0 ? 2 : 1;
    }
    return length;
}

bool is_white_space(char c) { return c == ' ' || c == '\t'; }

/// graphql-js `isPrintableAsBlockString`.
bool is_printable_as_block_string(std::string_view value) {
    if (value.empty()) return true;
    bool is_empty_line = true;
    bool has_indent = false;
    bool has_common_indent = true;
    bool seen_non_empty_line = false;
    for (char c : value) {
        auto code = static_cast<unsigned char>(c);
        switch (code) {
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
            case 0x0D: return false;  // non-printable characters, or \r which block strings normalise
            case 0x0A:
                if (is_empty_line && !seen_non_empty_line) return false;  // a leading new line
                seen_non_empty_line = true;
                is_empty_line = true;
                has_indent = false;
                break;
            case 0x09:
            case 0x20: has_indent = has_indent || is_empty_line; break;
            default: has_common_indent = has_common_indent && has_indent; is_empty_line = false;
        }
    }
    if (is_empty_line) return false;                             // trailing empty lines
    if (has_common_indent && seen_non_empty_line) return false;  // internal indentation
    return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    // /\r\n|[\n\r]/
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    lines.push_back(text.substr(start));
    return lines;
}

/// graphql-js `printBlockString`.
std::string print_block_string(std::string_view value) {
    std::string escaped;
    for (size_t i = 0; i < value.size(); ++i) {
        if (value.substr(i, 3) == R"(""")") {
            escaped += R"(\""")";
            i += 2;
        } else {
            escaped += value[i];
        }
    }
    auto lines = split_lines(escaped);
    bool is_single_line = lines.size() == 1;
    bool force_leading_new_line = lines.size() > 1;
    for (size_t i = 1; i < lines.size() && force_leading_new_line; ++i) {
        force_leading_new_line = lines[i].empty() || is_white_space(lines[i].front());
    }
    bool has_trailing_triple_quotes = escaped.size() >= 4 && escaped.compare(escaped.size() - 4, 4, R"(\""")") == 0;
    bool has_trailing_quote = !value.empty() && value.back() == '"' && !has_trailing_triple_quotes;
    bool has_trailing_slash = !value.empty() && value.back() == '\\';
    bool force_trailing_new_line = has_trailing_quote || has_trailing_slash;
    bool print_as_multiple_lines = !is_single_line || utf16_length(value) > 70 || force_trailing_new_line ||
                                   force_leading_new_line || has_trailing_triple_quotes;
    std::string result;
    bool skip_leading_new_line = is_single_line && !value.empty() && is_white_space(value.front());
    if ((print_as_multiple_lines && !skip_leading_new_line) || force_leading_new_line) result += '\n';
    result += escaped;
    if (print_as_multiple_lines || force_trailing_new_line) result += '\n';
    return R"(""")" + result + R"(""")";
}

std::string print_description(const std::string& description, std::string_view indentation = {},
                              bool first_in_block = true) {
    if (description.empty()) return {};
    std::string printed =
        is_printable_as_block_string(description) ? print_block_string(description) : print_string(description);
    std::string out;
    if (!indentation.empty() && !first_in_block) out += '\n';
    out += indentation;
    for (char c : printed) {
        out += c;
        if (c == '\n') out += indentation;
    }
    out += '\n';
    return out;
}

std::string print_deprecated(const std::optional<std::string>& reason) {
    if (!reason) return {};
    if (*reason != DEFAULT_DEPRECATION_REASON) return " @deprecated(reason: " + print_string(*reason) + ")";
    return " @deprecated";
}

std::string print_input_value(const InputValue& input) {
    std::string out = input.name + ": " + input.type.to_string();
    if (auto default_value = print_default_value(input)) out += " = " + *default_value;
    return out + print_deprecated(input.deprecation_reason);
}

std::string print_args(const std::vector<InputValue>& args, const std::string& indentation = {}) {
    if (args.empty()) return {};
    bool any_description = false;
    for (const auto& arg : args) any_description = any_description || !arg.description.empty();
    std::string out = "(";
    if (!any_description) {
        for (size_t i = 0; i < args.size(); ++i) {
            if (i > 0) out += ", ";
            out += print_input_value(args[i]);
        }
        return out + ")";
    }
    out += "\n";
    for (size_t i = 0; i < args.size(); ++i) {
        if (i > 0) out += "\n";
        out += print_description(args[i].description, "  " + indentation, i == 0);
        out += "  ";
        out += indentation;
        out += print_input_value(args[i]);
    }
    return out + "\n" + indentation + ")";
}

std::string print_block(const std::vector<std::string>& items) {
    if (items.empty()) return {};
    std::string out = " {\n";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += "\n";
        out += items[i];
    }
    return out + "\n}";
}

std::string print_implemented_interfaces(const NamedType& type) {
    if (type.interfaces.empty()) return {};
    std::string out = " implements ";
    for (size_t i = 0; i < type.interfaces.size(); ++i) {
        if (i > 0) out += " & ";
        out += type.interfaces[i]->name;
    }
    return out;
}

std::string print_fields(const NamedType& type) {
    std::vector<std::string> items;
    for (size_t i = 0; i < type.fields.size(); ++i) {
        const Field& field = type.fields[i];
        items.push_back(print_description(field.description, "  ", i == 0) + "  " + field.name +
                        print_args(field.arguments, "  ") + ": " + field.type.to_string() +
                        print_deprecated(field.deprecation_reason));
    }
    return print_block(items);
}

std::string print_type(const NamedType& type) {
    std::string out = print_description(type.description);
    switch (type.kind) {
        case TypeKind::Scalar:
            out += "scalar " + type.name;
            if (type.specified_by_url) out += " @specifiedBy(url: " + print_string(*type.specified_by_url) + ")";
            return out;
        case TypeKind::Object:
            return out + "type " + type.name + print_implemented_interfaces(type) + print_fields(type);
        case TypeKind::Interface:
            return out + "interface " + type.name + print_implemented_interfaces(type) + print_fields(type);
        case TypeKind::Union: {
            out += "union " + type.name;
            for (size_t i = 0; i < type.possible_types.size(); ++i) {
                out += i == 0 ? " = " : " | ";
                out += type.possible_types[i]->name;
            }
            return out;
        }
        case TypeKind::Enum: {
            std::vector<std::string> items;
            for (size_t i = 0; i < type.enum_values.size(); ++i) {
                const EnumValue& value = type.enum_values[i];
                items.push_back(print_description(value.description, "  ", i == 0) + "  " + value.name +
                                print_deprecated(value.deprecation_reason));
            }
            return out + "enum " + type.name + print_block(items);
        }
        case TypeKind::InputObject: {
            std::vector<std::string> items;
            for (size_t i = 0; i < type.input_fields.size(); ++i) {
                items.push_back(print_description(type.input_fields[i].description, "  ", i == 0) + "  " +
                                print_input_value(type.input_fields[i]));
            }
            return out + "input " + type.name + print_block(items);
        }
    }
    return out;
}

std::string print_directive(const DirectiveDef& directive) {
    std::string out = print_description(directive.description) + "directive @" + directive.name +
                      print_args(directive.arguments) + (directive.repeatable ? " repeatable" : "") + " on ";
    for (size_t i = 0; i < directive.locations.size(); ++i) {
        if (i > 0) out += " | ";
        out += directive.locations[i];
    }
    return out;
}

}  // namespace

std::string Schema::print() const {
    std::vector<std::string> parts;
    // graphql-js printSchemaDefinition: only when the roots are not named
    // Query/Mutation/Subscription or the schema has a description.
    bool common_names = (m_query == nullptr || m_query->name == "Query") &&
                        (m_mutation == nullptr || m_mutation->name == "Mutation") &&
                        (m_subscription == nullptr || m_subscription->name == "Subscription");
    if (!m_description.empty() || !common_names) {
        std::vector<std::string> operations;
        if (m_query != nullptr) operations.push_back("  query: " + m_query->name);
        if (m_mutation != nullptr) operations.push_back("  mutation: " + m_mutation->name);
        if (m_subscription != nullptr) operations.push_back("  subscription: " + m_subscription->name);
        std::string schema = print_description(m_description) + "schema {\n";
        for (size_t i = 0; i < operations.size(); ++i) {
            if (i > 0) schema += "\n";
            schema += operations[i];
        }
        parts.push_back(schema + "\n}");
    }
    for (const auto& directive : m_directives) {
        if (!is_specified_directive(directive.name)) parts.push_back(print_directive(directive));
    }
    for (const auto& type : m_types) {
        if (!is_specified_scalar(type->name) && !is_introspection_type(type->name)) parts.push_back(print_type(*type));
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += "\n\n";
        out += parts[i];
    }
    return out;
}

}  // namespace rampart::graphql
