#include "graphql/parser.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "graphql/lexer.h"

namespace rampart::graphql {
namespace {

using ast::OperationType;
using ast::TypeDefinitionKind;

/// §3.13 DirectiveLocation: ExecutableDirectiveLocation and
/// TypeSystemDirectiveLocation.
constexpr std::array<std::string_view, 19> DIRECTIVE_LOCATIONS = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};

enum class Constness : uint8_t { Variables, Const };

/// Recursive descent over the grammar of GraphQL spec §2 and §3, following
/// graphql-js v16's parser step by step so that the first error, its
/// wording and its position are the same. Errors are values: every parse
/// function returns false after recording the first error, which is sticky
/// (later failures never replace it) and makes every further expectation
/// fail, so the descent unwinds without exceptions.
class Parser {
public:
    Parser(std::string_view source, const ParseLimits& limits) : m_lexer(source), m_limits(limits) {}

    bool parse_document(ast::Document& document) {
        // graphql-js `many(SOF, parseDefinition, EOF)`: at least one
        // definition (§2.2).
        if (!advance()) return false;
        do {
            document.definitions.emplace_back();
            if (!parse_definition(document.definitions.back())) return false;
        } while (!accept(TokenKind::EndOfFile));
        return !m_failed;
    }

    bool parse_standalone_value(ast::Value& value) {
        if (!advance()) return false;
        if (!parse_value(value, Constness::Variables)) return false;
        return expect(TokenKind::EndOfFile);
    }

    [[nodiscard]] GraphQLError take_error() { return std::move(m_error); }

private:
    // Token handling ------------------------------------------------------

    bool fail(size_t offset, std::string_view description) {
        if (!m_failed) {
            m_failed = true;
            m_error = make_syntax_error(m_lexer.source(), offset, description);
        }
        return false;
    }

    bool advance() {
        if (m_failed) return false;
        if (m_has_lookahead) {
            m_token = m_lookahead;
            m_has_lookahead = false;
        } else if (!m_lexer.next(m_token)) {
            m_failed = true;
            m_error = m_lexer.error();
            return false;
        }
        if (m_token.kind != TokenKind::EndOfFile && ++m_token_count > m_limits.max_tokens) {
            return fail(m_token.start, "Document contains more than " + std::to_string(m_limits.max_tokens) +
                                           " tokens. Parsing aborted.");
        }
        return true;
    }

    /// The token after the current one (graphql-js `lexer.lookahead()`);
    /// nullptr after a lexical error.
    const Token* lookahead() {
        if (m_failed) return nullptr;
        if (m_token.kind == TokenKind::EndOfFile) return &m_token;
        if (!m_has_lookahead) {
            if (!m_lexer.next(m_lookahead)) {
                m_failed = true;
                m_error = m_lexer.error();
                return nullptr;
            }
            m_has_lookahead = true;
        }
        return &m_lookahead;
    }

    [[nodiscard]] bool peek(TokenKind kind) const { return !m_failed && m_token.kind == kind; }

    [[nodiscard]] bool peek_keyword(std::string_view keyword) const {
        return peek(TokenKind::Name) && m_token.value == keyword;
    }

    /// graphql-js `expectOptionalToken`: consumes the token when it is of
    /// `kind`.
    bool accept(TokenKind kind) {
        if (!peek(kind)) return false;
        advance();
        return true;
    }

    bool accept_keyword(std::string_view keyword) {
        if (!peek_keyword(keyword)) return false;
        advance();
        return true;
    }

    bool expect(TokenKind kind) {
        if (m_failed) return false;
        if (m_token.kind == kind) return advance();
        return fail(m_token.start, "Expected " + std::string(token_kind_description(kind)) + ", found " +
                                       token_description(m_token) + ".");
    }

    bool expect_keyword(std::string_view keyword) {
        if (m_failed) return false;
        if (peek_keyword(keyword)) return advance();
        return fail(m_token.start,
                    "Expected \"" + std::string(keyword) + "\", found " + token_description(m_token) + ".");
    }

    bool unexpected(const Token& token) {
        if (m_failed) return false;
        return fail(token.start, "Unexpected " + token_description(token) + ".");
    }

    bool unexpected() { return unexpected(m_token); }

    /// Selection sets, list and object values and list types nest; the
    /// limit is checked before descending so that no input can exhaust the
    /// stack.
    bool enter_nesting() {
        if (m_failed) return false;
        if (++m_depth > m_limits.max_depth) {
            return fail(m_token.start,
                        "Document nesting exceeds the limit of " + std::to_string(m_limits.max_depth) + ".");
        }
        return true;
    }

    void leave_nesting() { --m_depth; }

    // §2.2 Document -------------------------------------------------------

    bool parse_definition(ast::Definition& definition) {
        if (peek(TokenKind::BraceL)) return parse_operation_definition(definition.emplace<ast::OperationDefinition>());
        // Type system definitions may begin with a description (§3.2), so the
        // keyword may be one token ahead.
        const bool has_description = peek_description();
        const Token* keyword = &m_token;
        if (has_description) {
            keyword = lookahead();
            if (keyword == nullptr) return false;
        }
        if (m_failed) return false;
        if (keyword->kind == TokenKind::Name) {
            const std::string_view word = keyword->value;
            if (word == "schema") return parse_schema_definition(definition.emplace<ast::SchemaDefinition>());
            if (word == "scalar") return parse_type_definition(definition, TypeDefinitionKind::Scalar);
            if (word == "type") return parse_type_definition(definition, TypeDefinitionKind::Object);
            if (word == "interface") return parse_type_definition(definition, TypeDefinitionKind::Interface);
            if (word == "union") return parse_type_definition(definition, TypeDefinitionKind::Union);
            if (word == "enum") return parse_type_definition(definition, TypeDefinitionKind::Enum);
            if (word == "input") return parse_type_definition(definition, TypeDefinitionKind::InputObject);
            if (word == "directive") {
                return parse_directive_definition(definition.emplace<ast::DirectiveDefinition>());
            }
            if (has_description) {
                return fail(m_token.start,
                            "Unexpected description, descriptions are supported only on type definitions.");
            }
            if (word == "query" || word == "mutation" || word == "subscription") {
                return parse_operation_definition(definition.emplace<ast::OperationDefinition>());
            }
            if (word == "fragment") return parse_fragment_definition(definition.emplace<ast::FragmentDefinition>());
            if (word == "extend") return parse_type_system_extension(definition);
        }
        return unexpected(*keyword);
    }

    // §2.3 Operations -----------------------------------------------------

    bool parse_operation_definition(ast::OperationDefinition& operation) {
        operation.loc = m_token.loc;
        if (peek(TokenKind::BraceL)) {
            operation.shorthand = true;
            operation.operation = OperationType::Query;
            return parse_selection_set(operation.selection_set);
        }
        if (!parse_operation_type(operation.operation)) return false;
        if (peek(TokenKind::Name)) {
            operation.name.emplace();
            if (!parse_name(*operation.name)) return false;
        }
        if (!parse_variable_definitions(operation.variables)) return false;
        if (!parse_directives(operation.directives, Constness::Variables)) return false;
        return parse_selection_set(operation.selection_set);
    }

    bool parse_operation_type(OperationType& type) {
        const Token token = m_token;
        if (!expect(TokenKind::Name)) return false;
        if (token.value == "query") {
            type = OperationType::Query;
        } else if (token.value == "mutation") {
            type = OperationType::Mutation;
        } else if (token.value == "subscription") {
            type = OperationType::Subscription;
        } else {
            return unexpected(token);
        }
        return true;
    }

    bool parse_name(ast::Name& name) {
        if (!peek(TokenKind::Name)) return expect(TokenKind::Name);
        name.value = m_token.value;
        name.loc = m_token.loc;
        return advance();
    }

    // §2.10 Variables
    bool parse_variable_definitions(std::vector<ast::VariableDefinition>& variables) {
        if (!accept(TokenKind::ParenL)) return !m_failed;
        do {
            variables.emplace_back();
            if (!parse_variable_definition(variables.back())) return false;
        } while (!accept(TokenKind::ParenR));
        return !m_failed;
    }

    bool parse_variable_definition(ast::VariableDefinition& variable) {
        variable.loc = m_token.loc;
        if (!expect(TokenKind::Dollar)) return false;
        if (!parse_name(variable.variable)) return false;
        if (!expect(TokenKind::Colon)) return false;
        if (!parse_type(variable.type)) return false;
        // §2.10: default values are constant.
        if (accept(TokenKind::Equals)) {
            variable.default_value.emplace();
            if (!parse_value(*variable.default_value, Constness::Const)) return false;
        }
        return parse_directives(variable.directives, Constness::Const);
    }

    // §2.4 Selection sets
    bool parse_selection_set(ast::SelectionSet& selection_set) {
        selection_set.loc = m_token.loc;
        if (!peek(TokenKind::BraceL)) return expect(TokenKind::BraceL);
        if (!enter_nesting()) return false;
        advance();
        do {
            selection_set.selections.emplace_back();
            if (!parse_selection(selection_set.selections.back())) return false;
        } while (!accept(TokenKind::BraceR));
        leave_nesting();
        return !m_failed;
    }

    bool parse_selection(ast::Selection& selection) {
        return peek(TokenKind::Spread) ? parse_fragment(selection) : parse_field(selection);
    }

    // §2.5 Fields, §2.7 Field alias
    bool parse_field(ast::Selection& field) {
        field.kind = ast::Selection::Kind::Field;
        field.loc = m_token.loc;
        ast::Name name_or_alias;
        if (!parse_name(name_or_alias)) return false;
        if (accept(TokenKind::Colon)) {
            field.alias = std::move(name_or_alias);
            if (!parse_name(field.name)) return false;
        } else {
            field.name = std::move(name_or_alias);
        }
        if (!parse_arguments(field.arguments, Constness::Variables)) return false;
        if (!parse_directives(field.directives, Constness::Variables)) return false;
        if (peek(TokenKind::BraceL)) return parse_selection_set(field.selection_set);
        return !m_failed;
    }

    // §2.6 Arguments
    bool parse_arguments(std::vector<ast::Argument>& arguments, Constness constness) {
        if (!accept(TokenKind::ParenL)) return !m_failed;
        do {
            ast::Argument& argument = arguments.emplace_back();
            argument.loc = m_token.loc;
            if (!parse_name(argument.name)) return false;
            if (!expect(TokenKind::Colon)) return false;
            if (!parse_value(argument.value, constness)) return false;
        } while (!accept(TokenKind::ParenR));
        return !m_failed;
    }

    // §2.8 Fragments
    bool parse_fragment(ast::Selection& selection) {
        selection.loc = m_token.loc;
        if (!expect(TokenKind::Spread)) return false;
        const bool has_type_condition = accept_keyword("on");
        if (!has_type_condition && peek(TokenKind::Name)) {
            selection.kind = ast::Selection::Kind::FragmentSpread;
            if (!parse_fragment_name(selection.name)) return false;
            return parse_directives(selection.directives, Constness::Variables);
        }
        selection.kind = ast::Selection::Kind::InlineFragment;
        if (has_type_condition) {
            selection.type_condition.emplace();
            if (!parse_name(*selection.type_condition)) return false;
        }
        if (!parse_directives(selection.directives, Constness::Variables)) return false;
        return parse_selection_set(selection.selection_set);
    }

    bool parse_fragment_definition(ast::FragmentDefinition& fragment) {
        fragment.loc = m_token.loc;
        if (!expect_keyword("fragment")) return false;
        if (!parse_fragment_name(fragment.name)) return false;
        if (!expect_keyword("on")) return false;
        if (!parse_name(fragment.type_condition)) return false;
        if (!parse_directives(fragment.directives, Constness::Variables)) return false;
        return parse_selection_set(fragment.selection_set);
    }

    // §2.8 FragmentName: Name but not `on`.
    bool parse_fragment_name(ast::Name& name) {
        if (!m_failed && m_token.value == "on") return unexpected();
        return parse_name(name);
    }

    // §2.9 Input values
    bool parse_value(ast::Value& value, Constness constness) {
        if (m_failed) return false;
        value.loc = m_token.loc;
        switch (m_token.kind) {
            case TokenKind::BracketL: {
                value.kind = ast::ValueKind::List;
                if (!enter_nesting()) return false;
                advance();
                while (!accept(TokenKind::BracketR)) {
                    if (!parse_value(value.list.emplace_back(), constness)) return false;
                }
                leave_nesting();
                return !m_failed;
            }
            case TokenKind::BraceL: {
                value.kind = ast::ValueKind::Object;
                if (!enter_nesting()) return false;
                advance();
                while (!accept(TokenKind::BraceR)) {
                    ast::ObjectField& field = value.fields.emplace_back();
                    field.loc = m_token.loc;
                    if (!parse_name(field.name)) return false;
                    if (!expect(TokenKind::Colon)) return false;
                    if (!parse_value(field.value, constness)) return false;
                }
                leave_nesting();
                return !m_failed;
            }
            case TokenKind::Int:
            case TokenKind::Float:
                value.kind = m_token.kind == TokenKind::Int ? ast::ValueKind::Int : ast::ValueKind::Float;
                value.text = m_token.value;
                return advance();
            case TokenKind::String:
            case TokenKind::BlockString:
                value.kind = ast::ValueKind::String;
                value.block_string = m_token.kind == TokenKind::BlockString;
                value.text = m_token.value;
                return advance();
            case TokenKind::Name:
                // §2.9.3, §2.9.5, §2.9.6: true, false and null are keywords,
                // any other name is an enum value.
                if (m_token.value == "true" || m_token.value == "false") {
                    value.kind = ast::ValueKind::Boolean;
                    value.boolean = m_token.value == "true";
                } else if (m_token.value == "null") {
                    value.kind = ast::ValueKind::Null;
                } else {
                    value.kind = ast::ValueKind::Enum;
                    value.text = m_token.value;
                }
                return advance();
            case TokenKind::Dollar: {
                if (constness == Constness::Const) {
                    // Default values and the type system admit no variables.
                    const Token dollar = m_token;
                    if (!advance()) return false;
                    if (peek(TokenKind::Name)) {
                        return fail(dollar.start,
                                    "Unexpected variable \"$" + std::string(m_token.value) + "\" in constant value.");
                    }
                    return unexpected(dollar);
                }
                value.kind = ast::ValueKind::Variable;
                advance();
                ast::Name name;
                if (!parse_name(name)) return false;
                value.text = std::move(name.value);
                return true;
            }
            default: return unexpected();
        }
    }

    // §2.12 Directives
    bool parse_directives(std::vector<ast::Directive>& directives, Constness constness) {
        while (peek(TokenKind::At)) {
            ast::Directive& directive = directives.emplace_back();
            directive.loc = m_token.loc;
            advance();
            if (!parse_name(directive.name)) return false;
            if (!parse_arguments(directive.arguments, constness)) return false;
        }
        return !m_failed;
    }

    // §2.11 Type references
    bool parse_type(ast::TypeRef& type) {
        type.loc = m_token.loc;
        if (!parse_type_wrappers(type)) return false;
        // Collected innermost first; the AST wants the outermost first.
        std::reverse(type.wrappers.begin(), type.wrappers.end());
        return true;
    }

    bool parse_type_wrappers(ast::TypeRef& type) {
        if (peek(TokenKind::BracketL)) {
            if (!enter_nesting()) return false;
            advance();
            if (!parse_type_wrappers(type)) return false;
            if (!expect(TokenKind::BracketR)) return false;
            leave_nesting();
            type.wrappers.push_back(ast::TypeWrapper::List);
        } else if (!parse_name(type.name)) {
            return false;
        }
        if (accept(TokenKind::Bang)) type.wrappers.push_back(ast::TypeWrapper::NonNull);
        return !m_failed;
    }

    // §3 Type system ------------------------------------------------------

    [[nodiscard]] bool peek_description() const { return peek(TokenKind::String) || peek(TokenKind::BlockString); }

    // §3.2 Descriptions
    bool parse_description(std::optional<std::string>& description) {
        if (!peek_description()) return !m_failed;
        description.emplace(m_token.value);
        return advance();
    }

    // §3.3 Schema
    bool parse_schema_definition(ast::SchemaDefinition& schema) {
        schema.loc = m_token.loc;
        if (!parse_description(schema.description)) return false;
        if (!expect_keyword("schema")) return false;
        if (!parse_directives(schema.directives, Constness::Const)) return false;
        if (!expect(TokenKind::BraceL)) return false;
        do {
            if (!parse_operation_type_definition(schema.operation_types.emplace_back())) return false;
        } while (!accept(TokenKind::BraceR));
        return !m_failed;
    }

    bool parse_operation_type_definition(ast::OperationTypeDefinition& definition) {
        definition.loc = m_token.loc;
        if (!parse_operation_type(definition.operation)) return false;
        if (!expect(TokenKind::Colon)) return false;
        return parse_name(definition.type);
    }

    // §3.4 Types: scalar, type, interface, union, enum, input.
    bool parse_type_definition(ast::Definition& definition, TypeDefinitionKind kind) {
        auto& type = definition.emplace<ast::TypeDefinition>();
        type.kind = kind;
        type.loc = m_token.loc;
        if (!parse_description(type.description)) return false;
        advance();  // the keyword, already seen by parse_definition
        if (!parse_name(type.name)) return false;
        return parse_type_body(type);
    }

    /// What follows the name, for definitions and extensions alike.
    bool parse_type_body(ast::TypeDefinition& type) {
        switch (type.kind) {
            case TypeDefinitionKind::Scalar: return parse_directives(type.directives, Constness::Const);
            case TypeDefinitionKind::Object:
            case TypeDefinitionKind::Interface:
                // §3.6 ImplementsInterfaces, §3.7 interfaces implementing
                // interfaces.
                if (!parse_implements_interfaces(type.interfaces)) return false;
                if (!parse_directives(type.directives, Constness::Const)) return false;
                return parse_fields_definition(type.fields);
            case TypeDefinitionKind::Union:
                if (!parse_directives(type.directives, Constness::Const)) return false;
                if (accept(TokenKind::Equals)) return parse_delimited_names(TokenKind::Pipe, type.union_members);
                return !m_failed;
            case TypeDefinitionKind::Enum:
                if (!parse_directives(type.directives, Constness::Const)) return false;
                if (!accept(TokenKind::BraceL)) return !m_failed;
                do {
                    if (!parse_enum_value_definition(type.enum_values.emplace_back())) return false;
                } while (!accept(TokenKind::BraceR));
                return !m_failed;
            case TypeDefinitionKind::InputObject:
                if (!parse_directives(type.directives, Constness::Const)) return false;
                if (!accept(TokenKind::BraceL)) return !m_failed;
                do {
                    if (!parse_input_value_definition(type.input_fields.emplace_back())) return false;
                } while (!accept(TokenKind::BraceR));
                return !m_failed;
        }
        return false;
    }

    bool parse_implements_interfaces(std::vector<ast::Name>& interfaces) {
        if (!accept_keyword("implements")) return !m_failed;
        return parse_delimited_names(TokenKind::Amp, interfaces);
    }

    /// graphql-js `delimitedMany`: an optional leading delimiter, then names
    /// separated by it (`implements A & B`, `= A | B`, `on FIELD | QUERY`).
    bool parse_delimited_names(TokenKind delimiter, std::vector<ast::Name>& names) {
        accept(delimiter);
        do {
            if (!parse_name(names.emplace_back())) return false;
        } while (accept(delimiter));
        return !m_failed;
    }

    bool parse_fields_definition(std::vector<ast::FieldDefinition>& fields) {
        if (!accept(TokenKind::BraceL)) return !m_failed;
        do {
            if (!parse_field_definition(fields.emplace_back())) return false;
        } while (!accept(TokenKind::BraceR));
        return !m_failed;
    }

    bool parse_field_definition(ast::FieldDefinition& field) {
        field.loc = m_token.loc;
        if (!parse_description(field.description)) return false;
        if (!parse_name(field.name)) return false;
        if (!parse_argument_definitions(field.arguments)) return false;
        if (!expect(TokenKind::Colon)) return false;
        if (!parse_type(field.type)) return false;
        return parse_directives(field.directives, Constness::Const);
    }

    bool parse_argument_definitions(std::vector<ast::InputValueDefinition>& arguments) {
        if (!accept(TokenKind::ParenL)) return !m_failed;
        do {
            if (!parse_input_value_definition(arguments.emplace_back())) return false;
        } while (!accept(TokenKind::ParenR));
        return !m_failed;
    }

    // §3.6.1 Field arguments and §3.10 input fields.
    bool parse_input_value_definition(ast::InputValueDefinition& input) {
        input.loc = m_token.loc;
        if (!parse_description(input.description)) return false;
        if (!parse_name(input.name)) return false;
        if (!expect(TokenKind::Colon)) return false;
        if (!parse_type(input.type)) return false;
        if (accept(TokenKind::Equals)) {
            input.default_value.emplace();
            if (!parse_value(*input.default_value, Constness::Const)) return false;
        }
        return parse_directives(input.directives, Constness::Const);
    }

    // §3.9 EnumValue: Name but not true, false or null.
    bool parse_enum_value_definition(ast::EnumValueDefinition& value) {
        value.loc = m_token.loc;
        if (!parse_description(value.description)) return false;
        if (m_failed) return false;
        if (m_token.value == "true" || m_token.value == "false" || m_token.value == "null") {
            return fail(m_token.start,
                        token_description(m_token) + " is reserved and cannot be used for an enum value.");
        }
        if (!parse_name(value.name)) return false;
        return parse_directives(value.directives, Constness::Const);
    }

    // §3.13 Directive definitions
    bool parse_directive_definition(ast::DirectiveDefinition& directive) {
        directive.loc = m_token.loc;
        if (!parse_description(directive.description)) return false;
        if (!expect_keyword("directive")) return false;
        if (!expect(TokenKind::At)) return false;
        if (!parse_name(directive.name)) return false;
        if (!parse_argument_definitions(directive.arguments)) return false;
        directive.repeatable = accept_keyword("repeatable");
        if (!expect_keyword("on")) return false;
        accept(TokenKind::Pipe);
        do {
            const Token start = m_token;
            ast::Name& location = directive.locations.emplace_back();
            if (!parse_name(location)) return false;
            if (std::find(DIRECTIVE_LOCATIONS.begin(), DIRECTIVE_LOCATIONS.end(), location.value) ==
                DIRECTIVE_LOCATIONS.end()) {
                return unexpected(start);
            }
        } while (accept(TokenKind::Pipe));
        return !m_failed;
    }

    // §3.3.2 and §3.4.3: `extend schema`, `extend type`, …
    bool parse_type_system_extension(ast::Definition& definition) {
        const Token* keyword = lookahead();
        if (keyword == nullptr) return false;
        if (keyword->kind == TokenKind::Name) {
            const std::string_view word = keyword->value;
            if (word == "schema") return parse_schema_extension(definition.emplace<ast::SchemaDefinition>());
            if (word == "scalar") return parse_type_extension(definition, TypeDefinitionKind::Scalar);
            if (word == "type") return parse_type_extension(definition, TypeDefinitionKind::Object);
            if (word == "interface") return parse_type_extension(definition, TypeDefinitionKind::Interface);
            if (word == "union") return parse_type_extension(definition, TypeDefinitionKind::Union);
            if (word == "enum") return parse_type_extension(definition, TypeDefinitionKind::Enum);
            if (word == "input") return parse_type_extension(definition, TypeDefinitionKind::InputObject);
        }
        return unexpected(*keyword);
    }

    bool parse_schema_extension(ast::SchemaDefinition& schema) {
        schema.extension = true;
        schema.loc = m_token.loc;
        advance();  // extend
        advance();  // schema
        if (!parse_directives(schema.directives, Constness::Const)) return false;
        if (accept(TokenKind::BraceL)) {
            do {
                if (!parse_operation_type_definition(schema.operation_types.emplace_back())) return false;
            } while (!accept(TokenKind::BraceR));
        }
        if (m_failed) return false;
        // An extension must extend something.
        if (schema.directives.empty() && schema.operation_types.empty()) return unexpected();
        return true;
    }

    bool parse_type_extension(ast::Definition& definition, TypeDefinitionKind kind) {
        auto& type = definition.emplace<ast::TypeDefinition>();
        type.kind = kind;
        type.extension = true;
        type.loc = m_token.loc;
        advance();  // extend
        advance();  // the kind keyword
        if (!parse_name(type.name)) return false;
        if (!parse_type_body(type)) return false;
        const bool empty = type.interfaces.empty() && type.directives.empty() && type.fields.empty() &&
                           type.input_fields.empty() && type.union_members.empty() && type.enum_values.empty();
        if (empty) return unexpected();
        return true;
    }

    Lexer m_lexer;
    const ParseLimits& m_limits;
    Token m_token;
    Token m_lookahead;
    bool m_has_lookahead = false;
    bool m_failed = false;
    size_t m_token_count = 0;
    size_t m_depth = 0;
    GraphQLError m_error;
};

}  // namespace

ParseResult parse(std::string_view source, const ParseLimits& limits) {
    ParseResult result;
    if (source.size() > limits.max_document_bytes) {
        result.error = make_syntax_error(
            source, 0, "Document size exceeds the limit of " + std::to_string(limits.max_document_bytes) + " bytes.");
        return result;
    }
    Parser parser(source, limits);
    ast::Document document;
    if (parser.parse_document(document)) {
        result.document = std::move(document);
    } else {
        result.error = parser.take_error();
    }
    return result;
}

std::optional<ast::Value> parse_value(std::string_view source, GraphQLError* error) {
    const ParseLimits limits;
    if (source.size() > limits.max_document_bytes) {
        if (error != nullptr) {
            *error = make_syntax_error(
                source, 0,
                "Document size exceeds the limit of " + std::to_string(limits.max_document_bytes) + " bytes.");
        }
        return std::nullopt;
    }
    Parser parser(source, limits);
    ast::Value value;
    if (!parser.parse_standalone_value(value)) {
        if (error != nullptr) *error = parser.take_error();
        return std::nullopt;
    }
    return value;
}

}  // namespace rampart::graphql
