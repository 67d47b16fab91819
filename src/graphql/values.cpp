#include "graphql/values.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <system_error>
#include <utility>

#include "graphql/detail/suggestions.h"
#include "graphql/parser.h"

namespace rampart::graphql {

namespace json = boost::json;

namespace {

constexpr int64_t GRAPHQL_MAX_INT = 2147483647;
constexpr int64_t GRAPHQL_MIN_INT = -2147483648;
// Integers a double holds exactly (Number.MAX_SAFE_INTEGER + 1).
constexpr double DOUBLE_EXACT_LIMIT = 9007199254740992.0;

bool is_name(const NamedType& type, std::string_view name) { return type.built_in && type.name == name; }

/// The JSON value as a JavaScript number, when it is one.
std::optional<double> as_number(const json::value& value) {
    switch (value.kind()) {
        case json::kind::int64: return static_cast<double>(value.get_int64());
        case json::kind::uint64: return static_cast<double>(value.get_uint64());
        case json::kind::double_: return value.get_double();
        default: return std::nullopt;
    }
}

bool is_integer(double number) { return std::isfinite(number) && std::trunc(number) == number; }

/// An integral number as JSON: int64 while it fits, else the double.
json::value integral_json(double number) {
    if (std::fabs(number) < DOUBLE_EXACT_LIMIT) return static_cast<int64_t>(number);
    return number;
}

bool is_js_whitespace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// JavaScript's Number(string) for the ASCII forms (StringToNumber):
/// whitespace trimmed, "" is 0, decimal with sign and exponent, Infinity,
/// 0x/0o/0b integers; NaN otherwise.
double js_string_to_number(std::string_view text) {
    while (!text.empty() && is_js_whitespace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && is_js_whitespace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty()) return 0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (text.size() > 2 && text[0] == '0') {
        int base = 0;
        if (text[1] == 'x' || text[1] == 'X') base = 16;
        if (text[1] == 'o' || text[1] == 'O') base = 8;
        if (text[1] == 'b' || text[1] == 'B') base = 2;
        if (base != 0) {
            double result = 0;
            for (char c : text.substr(2)) {
                int digit = -1;
                if (c >= '0' && c <= '9') digit = c - '0';
                if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
                if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
                if (digit < 0 || digit >= base) return nan;
                result = result * base + digit;
            }
            return result;
        }
    }
    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text == "Infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    bool digits = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
            return nan;
        }
    }
    if (!digits) return nan;
    double result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error == std::errc::result_out_of_range) {
        // Overflow is Infinity in JavaScript; underflow is 0.
        bool big = text.find_first_of("eE") == std::string_view::npos || text[text.find_first_of("eE") + 1] != '-';
        result = big ? std::numeric_limits<double>::infinity() : 0.0;
    } else if (error != std::errc() || end != text.data() + text.size()) {
        return nan;
    }
    return negative ? -result : result;
}

std::string enum_suggestions(const NamedType& type, std::string_view input) {
    std::vector<std::string> names;
    names.reserve(type.enum_values.size());
    for (const auto& value : type.enum_values) names.emplace_back(value.name);
    return detail::did_you_mean(detail::suggestion_list(input, names), "the enum value");
}

void append_utf16_escape(std::string& out, unsigned code) {
    static constexpr std::string_view HEX = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += HEX[(code >> static_cast<unsigned>(shift)) & 0xFU];
}

/// JSON.stringify of a string (inspect quotes strings that way).
std::string json_stringify(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20) {
                    append_utf16_escape(out, byte);
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

void inspect_into(std::string& out, const json::value& value, size_t depth) {
    // graphql-js inspect: MAX_ARRAY_LENGTH 10, MAX_RECURSIVE_DEPTH 2.
    switch (value.kind()) {
        case json::kind::null: out += "null"; return;
        case json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
        case json::kind::int64: out += std::to_string(value.get_int64()); return;
        case json::kind::uint64: out += std::to_string(value.get_uint64()); return;
        case json::kind::double_: out += js_number_string(value.get_double()); return;
        case json::kind::string: out += json_stringify(value.get_string()); return;
        case json::kind::array: {
            const auto& array = value.get_array();
            if (array.empty()) {
                out += "[]";
                return;
            }
            if (depth > 2) {
                out += "[Array]";
                return;
            }
            out += '[';
            size_t shown = std::min<size_t>(array.size(), 10);
            for (size_t i = 0; i < shown; ++i) {
                if (i > 0) out += ", ";
                inspect_into(out, array[i], depth + 1);
            }
            size_t remaining = array.size() - shown;
            if (remaining == 1) out += ", ... 1 more item";
            if (remaining > 1) out += ", ... " + std::to_string(remaining) + " more items";
            out += ']';
            return;
        }
        case json::kind::object: {
            const auto& object = value.get_object();
            if (object.empty()) {
                out += "{}";
                return;
            }
            if (depth > 2) {
                out += "[Object]";
                return;
            }
            out += "{ ";
            bool first = true;
            for (const auto& member : object) {
                if (!first) out += ", ";
                first = false;
                out += member.key();
                out += ": ";
                inspect_into(out, member.value(), depth + 1);
            }
            out += " }";
            return;
        }
    }
}

ast::Value make_literal(ast::ValueKind kind, std::string text = {}) {
    ast::Value literal;
    literal.kind = kind;
    literal.text = std::move(text);
    return literal;
}

bool is_integer_string(std::string_view text) {
    // /^-?(?:0|[1-9][0-9]*)$/
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    if (text.empty()) return false;
    if (text.front() == '0') return text.size() == 1;
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A JSON value as an untyped literal (for values no type describes).
ast::Value untyped_literal(const json::value& value) {
    switch (value.kind()) {
        case json::kind::null: return make_literal(ast::ValueKind::Null);
        case json::kind::bool_: {
            auto literal = make_literal(ast::ValueKind::Boolean);
            literal.boolean = value.get_bool();
            return literal;
        }
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_: {
            std::string text = js_number_string(*as_number(value));
            if (value.is_int64()) text = std::to_string(value.get_int64());
            if (value.is_uint64()) text = std::to_string(value.get_uint64());
            return make_literal(is_integer_string(text) ? ast::ValueKind::Int : ast::ValueKind::Float, text);
        }
        case json::kind::string: return make_literal(ast::ValueKind::String, std::string(value.get_string()));
        case json::kind::array: {
            auto literal = make_literal(ast::ValueKind::List);
            for (const auto& item : value.get_array()) literal.list.push_back(untyped_literal(item));
            return literal;
        }
        case json::kind::object: {
            auto literal = make_literal(ast::ValueKind::Object);
            for (const auto& member : value.get_object()) {
                ast::ObjectField field;
                field.name.value = std::string(member.key());
                field.value = untyped_literal(member.value());
                literal.fields.push_back(std::move(field));
            }
            return literal;
        }
    }
    return make_literal(ast::ValueKind::Null);
}

bool is_missing_variable(const ast::Value& literal, const json::object* variables) {
    return literal.kind == ast::ValueKind::Variable && (variables == nullptr || !variables->contains(literal.text));
}

void coerce_impl(const json::value& input, TypeView type, const CoercionErrorHandler& on_error,
                 std::vector<PathSegment>& path, json::value& out) {
    if (type.is_non_null()) {
        if (!input.is_null()) {
            coerce_impl(input, type.of_type(), on_error, path, out);
            return;
        }
        on_error(path, input, "Expected non-nullable type \"" + type.to_string() + "\" not to be null.");
        return;
    }
    if (input.is_null()) {
        out = nullptr;
        return;
    }
    if (type.is_list()) {
        TypeView item_type = type.of_type();
        json::array items;
        if (input.is_array()) {
            const auto& array = input.get_array();
            items.reserve(array.size());
            for (size_t i = 0; i < array.size(); ++i) {
                path.emplace_back(static_cast<int64_t>(i));
                json::value item;
                coerce_impl(array[i], item_type, on_error, path, item);
                items.push_back(std::move(item));
                path.pop_back();
            }
        } else {
            // §3.11 Input Coercion: a single value is a list of one.
            json::value item;
            coerce_impl(input, item_type, on_error, path, item);
            items.push_back(std::move(item));
        }
        out = std::move(items);
        return;
    }
    const NamedType& named = *type.named;
    if (named.kind == TypeKind::InputObject) {
        if (!input.is_object()) {
            on_error(path, input, "Expected type \"" + named.name + "\" to be an object.");
            return;
        }
        const auto& given = input.get_object();
        json::object coerced;
        for (const auto& field : named.input_fields) {
            const json::value* field_value = given.if_contains(field.name);
            if (field_value == nullptr) {
                if (field.coerced_default) {
                    coerced[field.name] = *field.coerced_default;
                } else if (field.type.is_non_null()) {
                    on_error(path, input,
                             "Field \"" + field.name + "\" of required type \"" + field.type.to_string() +
                                 "\" was not provided.");
                }
                continue;
            }
            path.emplace_back(field.name);
            json::value field_out;
            coerce_impl(*field_value, field.type, on_error, path, field_out);
            coerced[field.name] = std::move(field_out);
            path.pop_back();
        }
        // §3.10 Input Coercion: every given field must be defined.
        for (const auto& member : given) {
            if (named.input_field(member.key()) != nullptr) continue;
            std::vector<std::string> names;
            names.reserve(named.input_fields.size());
            for (const auto& field : named.input_fields) names.push_back(field.name);
            on_error(path, input,
                     "Field \"" + std::string(member.key()) + "\" is not defined by type \"" + named.name + "\"." +
                         detail::did_you_mean(detail::suggestion_list(member.key(), names)));
        }
        out = std::move(coerced);
        return;
    }
    std::string error;
    auto parsed = parse_leaf_value(named, input, &error);
    if (!parsed) {
        on_error(path, input, std::move(error));
        return;
    }
    out = std::move(*parsed);
}

}  // namespace

std::string TypeView::to_string() const {
    std::string out;
    for (auto wrapper : wrappers) {
        if (wrapper == ast::TypeWrapper::List) out += '[';
    }
    out += named != nullptr ? named->name : std::string();
    for (size_t i = wrappers.size(); i-- > 0;) {
        out += wrappers[i] == ast::TypeWrapper::List ? "]" : "!";
    }
    return out;
}

std::string TypeRef::to_string() const { return TypeView(*this).to_string(); }

bool is_equal_type(TypeView a, TypeView b) {
    return a.named == b.named && std::equal(a.wrappers.begin(), a.wrappers.end(), b.wrappers.begin(), b.wrappers.end());
}

bool is_type_sub_type_of(const Schema& schema, TypeView sub, TypeView super) {
    if (is_equal_type(sub, super)) return true;
    if (super.is_non_null()) {
        return sub.is_non_null() && is_type_sub_type_of(schema, sub.of_type(), super.of_type());
    }
    if (sub.is_non_null()) return is_type_sub_type_of(schema, sub.of_type(), super);
    if (super.is_list()) return sub.is_list() && is_type_sub_type_of(schema, sub.of_type(), super.of_type());
    if (sub.is_list()) return false;
    return super.named->is_abstract() &&
           (sub.named->kind == TypeKind::Interface || sub.named->kind == TypeKind::Object) &&
           schema.is_sub_type(super.named, sub.named);
}

std::string ast_type_string(const ast::TypeRef& type) {
    std::string out;
    for (auto wrapper : type.wrappers) {
        if (wrapper == ast::TypeWrapper::List) out += '[';
    }
    out += type.name.value;
    for (size_t i = type.wrappers.size(); i-- > 0;) {
        out += type.wrappers[i] == ast::TypeWrapper::List ? "]" : "!";
    }
    return out;
}

std::string js_number_string(double number) {
    // ECMAScript Number::toString(x), radix 10.
    if (std::isnan(number)) return "NaN";
    if (number == 0) return "0";
    if (std::isinf(number)) return number < 0 ? "-Infinity" : "Infinity";
    if (number < 0) return "-" + js_number_string(-number);
    std::array<char, 64> buffer{};
    auto [end, error] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), number, std::chars_format::scientific);
    if (error != std::errc()) return "NaN";
    std::string_view scientific(buffer.data(), static_cast<size_t>(end - buffer.data()));
    size_t e_pos = scientific.find('e');
    std::string digits;
    for (char c : scientific.substr(0, e_pos)) {
        if (c != '.') digits += c;
    }
    int exponent = 0;
    std::string_view exponent_text = scientific.substr(e_pos + 1);
    if (!exponent_text.empty() && exponent_text.front() == '+') exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    auto k = static_cast<int>(digits.size());
    int n = exponent + 1;  // value = digits × 10^(n−k)
    if (k <= n && n <= 21) return digits + std::string(static_cast<size_t>(n - k), '0');
    if (0 < n && n <= 21) return digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
    if (-6 < n && n <= 0) return "0." + std::string(static_cast<size_t>(-n), '0') + digits;
    std::string exponent_part = (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
    if (k == 1) return digits + exponent_part;
    return digits.substr(0, 1) + "." + digits.substr(1) + exponent_part;
}

std::string inspect(const json::value& value) {
    std::string out;
    inspect_into(out, value, 1);
    return out;
}

std::string print_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        switch (text[i]) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        if (byte < 0x20 || byte == 0x7F) {
            out += "\\u00";
            static constexpr std::string_view HEX = "0123456789ABCDEF";
            out += HEX[byte >> 4U];
            out += HEX[byte & 0xFU];
            continue;
        }
        // U+0080–U+009F (C2 80–C2 9F in UTF-8) are escaped as graphql-js does.
        if (byte == 0xC2 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                static constexpr std::string_view HEX = "0123456789ABCDEF";
                out += "\\u00";
                out += HEX[next >> 4U];
                out += HEX[next & 0xFU];
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    out += '"';
    return out;
}

std::string print_path(const std::vector<PathSegment>& path) {
    std::string out;
    for (const auto& segment : path) {
        if (const auto* index = std::get_if<int64_t>(&segment)) {
            out += '[';
            out += std::to_string(*index);
            out += ']';
        } else {
            out += '.';
            out += std::get<std::string>(segment);
        }
    }
    return out;
}

json::value coerce_input_value(const json::value& input, TypeView type, const CoercionErrorHandler& on_error) {
    std::vector<PathSegment> path;
    json::value out;
    coerce_impl(input, type, on_error, path, out);
    return out;
}

std::optional<json::value> value_from_ast(const ast::Value& literal, TypeView type, const json::object* variables) {
    if (literal.kind == ast::ValueKind::Variable) {
        const json::value* variable = variables != nullptr ? variables->if_contains(literal.text) : nullptr;
        if (variable == nullptr) return std::nullopt;
        // The variable was coerced to its own type already (§6.1.2); a null
        // in a non-null position is the only thing left to refuse.
        if (variable->is_null() && type.is_non_null()) return std::nullopt;
        return *variable;
    }
    if (type.is_non_null()) {
        if (literal.kind == ast::ValueKind::Null) return std::nullopt;
        return value_from_ast(literal, type.of_type(), variables);
    }
    if (literal.kind == ast::ValueKind::Null) return json::value(nullptr);
    if (type.is_list()) {
        TypeView item_type = type.of_type();
        if (literal.kind == ast::ValueKind::List) {
            json::array items;
            items.reserve(literal.list.size());
            for (const auto& item : literal.list) {
                if (is_missing_variable(item, variables)) {
                    if (item_type.is_non_null()) return std::nullopt;
                    items.emplace_back(nullptr);
                    continue;
                }
                auto item_value = value_from_ast(item, item_type, variables);
                if (!item_value) return std::nullopt;
                items.push_back(std::move(*item_value));
            }
            return json::value(std::move(items));
        }
        auto single = value_from_ast(literal, item_type, variables);
        if (!single) return std::nullopt;
        json::array items;
        items.push_back(std::move(*single));
        return json::value(std::move(items));
    }
    const NamedType& named = *type.named;
    if (named.kind == TypeKind::InputObject) {
        if (literal.kind != ast::ValueKind::Object) return std::nullopt;
        json::object coerced;
        for (const auto& field : named.input_fields) {
            // keyMap keeps the last of duplicate names (validation refuses them anyway).
            const ast::ObjectField* given = nullptr;
            for (const auto& candidate : literal.fields) {
                if (candidate.name.value == field.name) given = &candidate;
            }
            if (given == nullptr || is_missing_variable(given->value, variables)) {
                if (field.coerced_default) {
                    coerced[field.name] = *field.coerced_default;
                } else if (field.type.is_non_null()) {
                    return std::nullopt;
                }
                continue;
            }
            auto field_value = value_from_ast(given->value, field.type, variables);
            if (!field_value) return std::nullopt;
            coerced[field.name] = std::move(*field_value);
        }
        return json::value(std::move(coerced));
    }
    return parse_leaf_literal(named, literal, variables, nullptr);
}

json::value value_from_ast_untyped(const ast::Value& literal, const json::object* variables) {
    switch (literal.kind) {
        case ast::ValueKind::Null: return nullptr;
        case ast::ValueKind::Int: {
            int64_t number = 0;
            auto [end, error] = std::from_chars(literal.text.data(), literal.text.data() + literal.text.size(), number);
            if (error == std::errc() && end == literal.text.data() + literal.text.size()) return number;
            return js_string_to_number(literal.text);
        }
        case ast::ValueKind::Float: return js_string_to_number(literal.text);
        case ast::ValueKind::String:
        case ast::ValueKind::Enum: return json::value(literal.text);
        case ast::ValueKind::Boolean: return literal.boolean;
        case ast::ValueKind::List: {
            json::array items;
            items.reserve(literal.list.size());
            for (const auto& item : literal.list) items.push_back(value_from_ast_untyped(item, variables));
            return items;
        }
        case ast::ValueKind::Object: {
            json::object object;
            for (const auto& field : literal.fields) {
                if (is_missing_variable(field.value, variables)) continue;
                object[field.name.value] = value_from_ast_untyped(field.value, variables);
            }
            return object;
        }
        case ast::ValueKind::Variable: {
            const json::value* variable = variables != nullptr ? variables->if_contains(literal.text) : nullptr;
            return variable != nullptr ? *variable : json::value(nullptr);
        }
    }
    return nullptr;
}

std::optional<json::value> parse_leaf_literal(const NamedType& leaf, const ast::Value& literal,
                                              const json::object* variables, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<json::value> {
        if (error != nullptr) *error = std::move(message);
        return std::nullopt;
    };
    if (leaf.kind == TypeKind::Enum) {
        if (literal.kind != ast::ValueKind::Enum) {
            std::string printed = print_value(literal);
            return fail("Enum \"" + leaf.name + "\" cannot represent non-enum value: " + printed + "." +
                        enum_suggestions(leaf, printed));
        }
        if (leaf.enum_value(literal.text) == nullptr) {
            return fail("Value \"" + literal.text + "\" does not exist in \"" + leaf.name + "\" enum." +
                        enum_suggestions(leaf, literal.text));
        }
        return json::value(literal.text);
    }
    if (is_name(leaf, "Int")) {
        if (literal.kind != ast::ValueKind::Int)
            return fail("Int cannot represent non-integer value: " + print_value(literal));
        int64_t number = 0;
        auto [end, parse_error] =
            std::from_chars(literal.text.data(), literal.text.data() + literal.text.size(), number);
        if (parse_error != std::errc() || number > GRAPHQL_MAX_INT || number < GRAPHQL_MIN_INT) {
            return fail("Int cannot represent non 32-bit signed integer value: " + literal.text);
        }
        return json::value(number);
    }
    if (is_name(leaf, "Float")) {
        if (literal.kind != ast::ValueKind::Int && literal.kind != ast::ValueKind::Float) {
            return fail("Float cannot represent non numeric value: " + print_value(literal));
        }
        return json::value(js_string_to_number(literal.text));
    }
    if (is_name(leaf, "String")) {
        if (literal.kind != ast::ValueKind::String) {
            return fail("String cannot represent a non string value: " + print_value(literal));
        }
        return json::value(literal.text);
    }
    if (is_name(leaf, "Boolean")) {
        if (literal.kind != ast::ValueKind::Boolean) {
            return fail("Boolean cannot represent a non boolean value: " + print_value(literal));
        }
        return json::value(literal.boolean);
    }
    if (is_name(leaf, "ID")) {
        if (literal.kind != ast::ValueKind::String && literal.kind != ast::ValueKind::Int) {
            return fail("ID cannot represent a non-string and non-integer value: " + print_value(literal));
        }
        return json::value(literal.text);
    }
    if (leaf.name == "Upload") {
        // The multipart request's file key (GraphQL multipart request spec).
        if (literal.kind != ast::ValueKind::String) {
            return fail("Upload cannot represent a non string value: " + print_value(literal));
        }
        return json::value(literal.text);
    }
    // Custom scalars take any literal as JSON (graphql-js valueFromASTUntyped).
    return value_from_ast_untyped(literal, variables);
}

std::optional<json::value> parse_leaf_value(const NamedType& leaf, const json::value& input, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<json::value> {
        if (error != nullptr) *error = std::move(message);
        return std::nullopt;
    };
    if (leaf.kind == TypeKind::Enum) {
        if (!input.is_string()) {
            std::string shown = inspect(input);
            return fail("Enum \"" + leaf.name + "\" cannot represent non-string value: " + shown + "." +
                        enum_suggestions(leaf, shown));
        }
        std::string_view name = input.get_string();
        if (leaf.enum_value(name) == nullptr) {
            return fail("Value \"" + std::string(name) + "\" does not exist in \"" + leaf.name + "\" enum." +
                        enum_suggestions(leaf, name));
        }
        return input;
    }
    if (is_name(leaf, "Int")) {
        auto number = as_number(input);
        if (!number || !is_integer(*number)) return fail("Int cannot represent non-integer value: " + inspect(input));
        if (*number > GRAPHQL_MAX_INT || *number < GRAPHQL_MIN_INT) {
            return fail("Int cannot represent non 32-bit signed integer value: " + inspect(input));
        }
        return json::value(static_cast<int64_t>(*number));
    }
    if (is_name(leaf, "Float")) {
        auto number = as_number(input);
        if (!number || !std::isfinite(*number))
            return fail("Float cannot represent non numeric value: " + inspect(input));
        return json::value(*number);
    }
    if (is_name(leaf, "String")) {
        if (!input.is_string()) return fail("String cannot represent a non string value: " + inspect(input));
        return input;
    }
    if (is_name(leaf, "Boolean")) {
        if (!input.is_bool()) return fail("Boolean cannot represent a non boolean value: " + inspect(input));
        return input;
    }
    if (is_name(leaf, "ID")) {
        if (input.is_string()) return input;
        auto number = as_number(input);
        if (number && is_integer(*number)) {
            if (input.is_int64()) return json::value(std::to_string(input.get_int64()));
            if (input.is_uint64()) return json::value(std::to_string(input.get_uint64()));
            return json::value(js_number_string(*number));
        }
        return fail("ID cannot represent value: " + inspect(input));
    }
    if (leaf.name == "Upload") {
        if (!input.is_string()) return fail("Upload cannot represent a non string value: " + inspect(input));
        return input;
    }
    return input;
}

std::optional<json::value> serialize_leaf(const NamedType& leaf, const json::value& result, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<json::value> {
        if (error != nullptr) *error = std::move(message);
        return std::nullopt;
    };
    if (leaf.kind == TypeKind::Enum) {
        // Enum values built from SDL stand for their own names.
        if (result.is_string() && leaf.enum_value(result.get_string()) != nullptr) return result;
        return fail("Enum \"" + leaf.name + "\" cannot represent value: " + inspect(result));
    }
    if (is_name(leaf, "Int")) {
        if (result.is_bool()) return json::value(result.get_bool() ? 1 : 0);
        std::optional<double> number = as_number(result);
        if (result.is_string() && !result.get_string().empty()) number = js_string_to_number(result.get_string());
        if (!number || !is_integer(*number)) return fail("Int cannot represent non-integer value: " + inspect(result));
        if (*number > GRAPHQL_MAX_INT || *number < GRAPHQL_MIN_INT) {
            return fail("Int cannot represent non 32-bit signed integer value: " + inspect(result));
        }
        return json::value(static_cast<int64_t>(*number));
    }
    if (is_name(leaf, "Float")) {
        if (result.is_bool()) return json::value(result.get_bool() ? 1 : 0);
        std::optional<double> number = as_number(result);
        if (result.is_string() && !result.get_string().empty()) number = js_string_to_number(result.get_string());
        if (!number || !std::isfinite(*number))
            return fail("Float cannot represent non numeric value: " + inspect(result));
        if (result.is_int64() || result.is_uint64()) return result;
        // Whole numbers go out as JSON integers, as JavaScript writes them.
        if (is_integer(*number)) return integral_json(*number);
        return json::value(*number);
    }
    if (is_name(leaf, "String")) {
        if (result.is_string()) return result;
        if (result.is_bool()) return json::value(result.get_bool() ? "true" : "false");
        if (auto number = as_number(result); number && std::isfinite(*number)) {
            if (result.is_int64()) return json::value(std::to_string(result.get_int64()));
            if (result.is_uint64()) return json::value(std::to_string(result.get_uint64()));
            return json::value(js_number_string(*number));
        }
        return fail("String cannot represent value: " + inspect(result));
    }
    if (is_name(leaf, "Boolean")) {
        if (result.is_bool()) return result;
        if (auto number = as_number(result); number && std::isfinite(*number)) return json::value(*number != 0);
        return fail("Boolean cannot represent a non boolean value: " + inspect(result));
    }
    if (is_name(leaf, "ID")) {
        if (result.is_string()) return result;
        if (result.is_int64()) return json::value(std::to_string(result.get_int64()));
        if (result.is_uint64()) return json::value(std::to_string(result.get_uint64()));
        if (auto number = as_number(result); number && is_integer(*number))
            return json::value(js_number_string(*number));
        return fail("ID cannot represent value: " + inspect(result));
    }
    return result;
}

std::optional<ast::Value> ast_from_value(const json::value& value, TypeView type) {
    if (type.is_non_null()) {
        auto inner = ast_from_value(value, type.of_type());
        if (inner && inner->kind == ast::ValueKind::Null) return std::nullopt;
        return inner;
    }
    if (value.is_null()) return make_literal(ast::ValueKind::Null);
    if (type.is_list()) {
        TypeView item_type = type.of_type();
        if (value.is_array()) {
            auto literal = make_literal(ast::ValueKind::List);
            for (const auto& item : value.get_array()) {
                if (auto item_literal = ast_from_value(item, item_type))
                    literal.list.push_back(std::move(*item_literal));
            }
            return literal;
        }
        return ast_from_value(value, item_type);
    }
    const NamedType& named = *type.named;
    if (named.kind == TypeKind::InputObject) {
        if (!value.is_object()) return std::nullopt;
        auto literal = make_literal(ast::ValueKind::Object);
        for (const auto& field : named.input_fields) {
            const json::value* field_value = value.get_object().if_contains(field.name);
            if (field_value == nullptr) continue;
            if (auto field_literal = ast_from_value(*field_value, field.type)) {
                ast::ObjectField object_field;
                object_field.name.value = field.name;
                object_field.value = std::move(*field_literal);
                literal.fields.push_back(std::move(object_field));
            }
        }
        return literal;
    }
    auto serialized = serialize_leaf(named, value, nullptr);
    if (!serialized || serialized->is_null()) return std::nullopt;
    if (serialized->is_bool()) {
        auto literal = make_literal(ast::ValueKind::Boolean);
        literal.boolean = serialized->get_bool();
        return literal;
    }
    if (auto number = as_number(*serialized)) {
        if (!std::isfinite(*number)) return std::nullopt;
        std::string text = js_number_string(*number);
        if (serialized->is_int64()) text = std::to_string(serialized->get_int64());
        if (serialized->is_uint64()) text = std::to_string(serialized->get_uint64());
        return make_literal(is_integer_string(text) ? ast::ValueKind::Int : ast::ValueKind::Float, text);
    }
    if (serialized->is_string()) {
        std::string text(serialized->get_string());
        if (named.kind == TypeKind::Enum) return make_literal(ast::ValueKind::Enum, std::move(text));
        if (is_name(named, "ID") && is_integer_string(text)) return make_literal(ast::ValueKind::Int, std::move(text));
        return make_literal(ast::ValueKind::String, std::move(text));
    }
    // Objects and lists of custom scalars: graphql-js cannot print them at
    // all; an untyped literal is the faithful rendering.
    return untyped_literal(*serialized);
}

std::optional<GraphQLError> coerce_argument_values(const std::vector<InputValue>& definitions,
                                                   const std::vector<ast::Argument>& arguments, Location node_location,
                                                   const json::object* variables, json::object& out) {
    for (const auto& definition : definitions) {
        const ast::Argument* given = nullptr;
        for (const auto& argument : arguments) {
            if (argument.name.value == definition.name) {
                given = &argument;
                break;
            }
        }
        if (given == nullptr) {
            if (definition.coerced_default) {
                out[definition.name] = *definition.coerced_default;
            } else if (definition.type.is_non_null()) {
                return GraphQLError{"Argument \"" + definition.name + "\" of required type \"" +
                                        definition.type.to_string() + "\" was not provided.",
                                    {node_location},
                                    {},
                                    {}};
            }
            continue;
        }
        const ast::Value& literal = given->value;
        bool is_null = literal.kind == ast::ValueKind::Null;
        if (literal.kind == ast::ValueKind::Variable) {
            const json::value* variable = variables != nullptr ? variables->if_contains(literal.text) : nullptr;
            if (variable == nullptr) {
                if (definition.coerced_default) {
                    out[definition.name] = *definition.coerced_default;
                } else if (definition.type.is_non_null()) {
                    return GraphQLError{"Argument \"" + definition.name + "\" of required type \"" +
                                            definition.type.to_string() + "\" was provided the variable \"$" +
                                            literal.text + "\" which was not provided a runtime value.",
                                        {literal.loc},
                                        {},
                                        {}};
                }
                continue;
            }
            is_null = variable->is_null();
        }
        if (is_null && definition.type.is_non_null()) {
            return GraphQLError{"Argument \"" + definition.name + "\" of non-null type \"" +
                                    definition.type.to_string() + "\" must not be null.",
                                {literal.loc},
                                {},
                                {}};
        }
        auto coerced = value_from_ast(literal, definition.type, variables);
        if (!coerced) {
            return GraphQLError{"Argument \"" + definition.name + "\" has invalid value " + print_value(literal) + ".",
                                {literal.loc},
                                {},
                                {}};
        }
        out[definition.name] = std::move(*coerced);
    }
    return std::nullopt;
}

std::string print_json_as_literal(const json::value& value) { return print_value(untyped_literal(value)); }

std::optional<std::string> print_default_value(const InputValue& input) {
    if (!input.coerced_default) return std::nullopt;
    auto literal = ast_from_value(*input.coerced_default, input.type);
    if (!literal) return std::nullopt;
    return print_value(*literal);
}

}  // namespace rampart::graphql
