#include <algorithm>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "graphql/detail/introspection.h"
#include "graphql/detail/suggestions.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/values.h"

// Builds a Schema from SDL as graphql-js v16 `buildSchema` does: the SDL
// rules of validation first (graphql-js `specifiedSDLRules`), then the
// types with their extensions (GraphQL spec §3.4.3), then the type system
// validation of §3 (graphql-js `validateSchema`). Every error is collected.
namespace rampart::graphql {

namespace {

namespace json = boost::json;

struct DirectiveInfo {
    std::vector<std::string> locations;
    std::vector<std::string> arguments;
    /// Non-null arguments without a default, with their types as written.
    std::vector<std::pair<std::string, std::string>> required;
    bool repeatable = false;
};

DirectiveInfo directive_info(const ast::DirectiveDefinition& definition) {
    DirectiveInfo info;
    info.repeatable = definition.repeatable;
    for (const auto& location : definition.locations) info.locations.push_back(location.value);
    for (const auto& argument : definition.arguments) {
        info.arguments.push_back(argument.name.value);
        bool non_null = !argument.type.wrappers.empty() && argument.type.wrappers.front() == ast::TypeWrapper::NonNull;
        if (non_null && !argument.default_value) {
            info.required.emplace_back(argument.name.value, ast_type_string(argument.type));
        }
    }
    return info;
}

const char* kind_word(ast::TypeDefinitionKind kind) {
    switch (kind) {
        case ast::TypeDefinitionKind::Scalar: return "scalar";
        case ast::TypeDefinitionKind::Object: return "object";
        case ast::TypeDefinitionKind::Interface: return "interface";
        case ast::TypeDefinitionKind::Union: return "union";
        case ast::TypeDefinitionKind::Enum: return "enum";
        case ast::TypeDefinitionKind::InputObject: return "input object";
    }
    return "object";
}

const char* location_of(ast::TypeDefinitionKind kind) {
    switch (kind) {
        case ast::TypeDefinitionKind::Scalar: return "SCALAR";
        case ast::TypeDefinitionKind::Object: return "OBJECT";
        case ast::TypeDefinitionKind::Interface: return "INTERFACE";
        case ast::TypeDefinitionKind::Union: return "UNION";
        case ast::TypeDefinitionKind::Enum: return "ENUM";
        case ast::TypeDefinitionKind::InputObject: return "INPUT_OBJECT";
    }
    return "OBJECT";
}

TypeKind type_kind(ast::TypeDefinitionKind kind) {
    switch (kind) {
        case ast::TypeDefinitionKind::Scalar: return TypeKind::Scalar;
        case ast::TypeDefinitionKind::Object: return TypeKind::Object;
        case ast::TypeDefinitionKind::Interface: return TypeKind::Interface;
        case ast::TypeDefinitionKind::Union: return TypeKind::Union;
        case ast::TypeDefinitionKind::Enum: return TypeKind::Enum;
        case ast::TypeDefinitionKind::InputObject: return TypeKind::InputObject;
    }
    return TypeKind::Object;
}

const char* operation_word(ast::OperationType operation) {
    switch (operation) {
        case ast::OperationType::Query: return "query";
        case ast::OperationType::Mutation: return "mutation";
        case ast::OperationType::Subscription: return "subscription";
    }
    return "query";
}

const ast::Directive* find_directive(const std::vector<ast::Directive>& directives, std::string_view name) {
    for (const auto& directive : directives) {
        if (directive.name.value == name) return &directive;
    }
    return nullptr;
}

/// A message from its parts, in one allocation.
std::string concat(std::initializer_list<std::string_view> parts) {
    size_t size = 0;
    for (auto part : parts) size += part.size();
    std::string out;
    out.reserve(size);
    for (auto part : parts) out += part;
    return out;
}

bool starts_with_reserved(std::string_view name) { return name.size() >= 2 && name[0] == '_' && name[1] == '_'; }

/// The SDL rules of graphql-js validation (`specifiedSDLRules`), walked in
/// document order as graphql-js's parallel visitor does.
class SdlValidator {
public:
    SdlValidator(const ast::Document& builtins, const ast::Document& document, std::vector<GraphQLError>& errors)
        : m_document(document), m_errors(errors) {
        for (const auto& definition : builtins.definitions) {
            if (const auto* type = std::get_if<ast::TypeDefinition>(&definition)) {
                m_standard_names.push_back(type->name.value);
            } else if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                m_directives[directive->name.value] = directive_info(*directive);
            }
        }
        for (const auto& definition : document.definitions) {
            if (const auto* type = std::get_if<ast::TypeDefinition>(&definition)) {
                if (!type->extension) {
                    if (m_defined.find(type->name.value) == m_defined.end())
                        m_defined_names.push_back(type->name.value);
                    m_defined[type->name.value] = type;
                }
            } else if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                m_directives[directive->name.value] = directive_info(*directive);
            }
        }
    }

    void run() {
        for (const auto& definition : m_document.definitions) {
            if (const auto* schema = std::get_if<ast::SchemaDefinition>(&definition)) {
                visit_schema(*schema);
            } else if (const auto* type = std::get_if<ast::TypeDefinition>(&definition)) {
                visit_type(*type);
            } else if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                visit_directive_definition(*directive);
            }
        }
    }

private:
    using SeenDirectives = std::unordered_map<std::string, const ast::Directive*>;

    void error(std::string message, std::vector<Location> locations) {
        m_errors.push_back(GraphQLError{std::move(message), std::move(locations), {}, {}});
    }

    void visit_schema(const ast::SchemaDefinition& schema) {
        if (!schema.extension) {
            // LoneSchemaDefinition
            if (m_seen_schema) error("Must provide only one schema definition.", {schema.loc});
            m_seen_schema = true;
        }
        // UniqueOperationTypes
        for (const auto& operation_type : schema.operation_types) {
            auto [found, inserted] = m_operation_types.emplace(operation_type.operation, &operation_type);
            if (!inserted) {
                error(std::string("There can be only one ") + operation_word(operation_type.operation) +
                          " type in schema.",
                      {found->second->loc, operation_type.loc});
            }
        }
        check_unique_directives(schema.directives, m_schema_directives);
        visit_directives(schema.directives, "SCHEMA");
        for (const auto& operation_type : schema.operation_types) check_type_name(operation_type.type);
    }

    void visit_type(const ast::TypeDefinition& type) {
        const std::string& name = type.name.value;
        if (!type.extension) {
            // UniqueTypeNames
            auto [found, inserted] = m_type_names.emplace(name, &type.name);
            if (!inserted)
                error("There can be only one type named \"" + name + "\".", {found->second->loc, type.name.loc});
        }
        if (type.kind == ast::TypeDefinitionKind::Enum) {
            // UniqueEnumValueNames
            auto& known = m_enum_values[name];
            for (const auto& value : type.enum_values) {
                auto [found, inserted] = known.emplace(value.name.value, &value.name);
                if (!inserted) {
                    error("Enum value \"" + name + "." + value.name.value + "\" can only be defined once.",
                          {found->second->loc, value.name.loc});
                }
            }
        }
        // UniqueFieldDefinitionNames
        auto& known_fields = m_field_names[name];
        for (const auto& field : type.fields) check_unique_field(name, field.name, known_fields);
        for (const auto& field : type.input_fields) check_unique_field(name, field.name, known_fields);
        // UniqueArgumentDefinitionNames
        for (const auto& field : type.fields)
            check_unique_argument_definitions(name + "." + field.name.value, field.arguments);
        check_unique_directives(type.directives, m_type_directives[name]);
        if (type.extension) check_extension(type);

        for (const auto& interface : type.interfaces) check_type_name(interface);
        visit_directives(type.directives, location_of(type.kind));
        for (const auto& field : type.fields) {
            SeenDirectives seen;
            check_unique_directives(field.directives, seen);
            for (const auto& argument : field.arguments) visit_input_value(argument, "ARGUMENT_DEFINITION");
            check_type_name(field.type.name);
            visit_directives(field.directives, "FIELD_DEFINITION");
        }
        for (const auto& member : type.union_members) check_type_name(member);
        for (const auto& value : type.enum_values) {
            SeenDirectives seen;
            check_unique_directives(value.directives, seen);
            visit_directives(value.directives, "ENUM_VALUE");
        }
        for (const auto& field : type.input_fields) visit_input_value(field, "INPUT_FIELD_DEFINITION");
    }

    void visit_directive_definition(const ast::DirectiveDefinition& directive) {
        check_unique_argument_definitions("@" + directive.name.value, directive.arguments);
        // UniqueDirectiveNames
        auto [found, inserted] = m_directive_names.emplace(directive.name.value, &directive.name);
        if (!inserted) {
            error("There can be only one directive named \"@" + directive.name.value + "\".",
                  {found->second->loc, directive.name.loc});
        }
        for (const auto& argument : directive.arguments) visit_input_value(argument, "ARGUMENT_DEFINITION");
    }

    void visit_input_value(const ast::InputValueDefinition& value, const char* location) {
        SeenDirectives seen;
        check_unique_directives(value.directives, seen);
        check_type_name(value.type.name);
        if (value.default_value) check_unique_input_fields(*value.default_value);
        visit_directives(value.directives, location);
    }

    void check_unique_field(const std::string& type_name, const ast::Name& field_name,
                            std::unordered_map<std::string, const ast::Name*>& known) {
        auto [found, inserted] = known.emplace(field_name.value, &field_name);
        if (!inserted) {
            error("Field \"" + type_name + "." + field_name.value + "\" can only be defined once.",
                  {found->second->loc, field_name.loc});
        }
    }

    void check_unique_argument_definitions(const std::string& parent,
                                           const std::vector<ast::InputValueDefinition>& args) {
        std::vector<std::string> reported;
        for (size_t i = 0; i < args.size(); ++i) {
            const std::string& name = args[i].name.value;
            if (std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
            std::vector<Location> locations;
            for (size_t j = i; j < args.size(); ++j) {
                if (args[j].name.value == name) locations.push_back(args[j].name.loc);
            }
            if (locations.size() > 1) {
                reported.push_back(name);
                error(concat({"Argument \"", parent, "(", name, ":)\" can only be defined once."}),
                      std::move(locations));
            }
        }
    }

    void check_extension(const ast::TypeDefinition& type) {
        // PossibleTypeExtensions
        auto defined = m_defined.find(type.name.value);
        if (defined != m_defined.end()) {
            if (defined->second->kind != type.kind) {
                error(std::string("Cannot extend non-") + kind_word(type.kind) + " type \"" + type.name.value + "\".",
                      {defined->second->loc, type.loc});
            }
            return;
        }
        std::vector<std::string> names(m_defined_names.begin(), m_defined_names.end());
        error("Cannot extend type \"" + type.name.value + "\" because it is not defined." +
                  detail::did_you_mean(detail::suggestion_list(type.name.value, names)),
              {type.name.loc});
    }

    void check_type_name(const ast::Name& name) {
        // KnownTypeNames: the standard types may be named in SDL without a definition.
        if (m_defined.count(name.value) != 0) return;
        if (std::find(m_standard_names.begin(), m_standard_names.end(), name.value) != m_standard_names.end()) return;
        std::vector<std::string> names(m_standard_names.begin(), m_standard_names.end());
        names.insert(names.end(), m_defined_names.begin(), m_defined_names.end());
        error("Unknown type \"" + name.value + "\"." + detail::did_you_mean(detail::suggestion_list(name.value, names)),
              {name.loc});
    }

    void check_unique_directives(const std::vector<ast::Directive>& directives, SeenDirectives& seen) {
        // UniqueDirectivesPerLocation
        for (const auto& directive : directives) {
            auto info = m_directives.find(directive.name.value);
            if (info == m_directives.end() || info->second.repeatable) continue;
            auto [found, inserted] = seen.emplace(directive.name.value, &directive);
            if (!inserted) {
                error("The directive \"@" + directive.name.value + "\" can only be used once at this location.",
                      {found->second->loc, directive.loc});
            }
        }
    }

    void visit_directives(const std::vector<ast::Directive>& directives, const char* location) {
        for (const auto& directive : directives) {
            const std::string& name = directive.name.value;
            auto info = m_directives.find(name);
            // KnownDirectives
            if (info == m_directives.end()) {
                error("Unknown directive \"@" + name + "\".", {directive.loc});
            } else if (std::find(info->second.locations.begin(), info->second.locations.end(), location) ==
                       info->second.locations.end()) {
                error("Directive \"@" + name + "\" may not be used on " + location + ".", {directive.loc});
            }
            // KnownArgumentNamesOnDirectives
            if (info != m_directives.end()) {
                const auto& known = info->second.arguments;
                for (const auto& argument : directive.arguments) {
                    if (std::find(known.begin(), known.end(), argument.name.value) != known.end()) continue;
                    const std::vector<std::string>& names = known;
                    error("Unknown argument \"" + argument.name.value + "\" on directive \"@" + name + "\"." +
                              detail::did_you_mean(detail::suggestion_list(argument.name.value, names)),
                          {argument.loc});
                }
            }
            // UniqueArgumentNames
            std::vector<std::string> reported;
            for (size_t i = 0; i < directive.arguments.size(); ++i) {
                const std::string& argument_name = directive.arguments[i].name.value;
                if (std::find(reported.begin(), reported.end(), argument_name) != reported.end()) continue;
                std::vector<Location> locations;
                for (size_t j = i; j < directive.arguments.size(); ++j) {
                    if (directive.arguments[j].name.value == argument_name) {
                        locations.push_back(directive.arguments[j].name.loc);
                    }
                }
                if (locations.size() > 1) {
                    reported.push_back(argument_name);
                    error("There can be only one argument named \"" + argument_name + "\".", std::move(locations));
                }
            }
            for (const auto& argument : directive.arguments) check_unique_input_fields(argument.value);
            // ProvidedRequiredArgumentsOnDirectives
            if (info != m_directives.end()) {
                for (const auto& required : info->second.required) {
                    const std::string& argument_name = required.first;
                    bool given = std::any_of(
                        directive.arguments.begin(), directive.arguments.end(),
                        [&](const ast::Argument& argument) { return argument.name.value == argument_name; });
                    if (!given) {
                        error(concat({"Directive \"@", name, "\" argument \"", argument_name, "\" of type \"",
                                      required.second, "\" is required, but it was not provided."}),
                              {directive.loc});
                    }
                }
            }
        }
    }

    void check_unique_input_fields(const ast::Value& value) {
        // UniqueInputFieldNames
        if (value.kind == ast::ValueKind::List) {
            for (const auto& item : value.list) check_unique_input_fields(item);
            return;
        }
        if (value.kind != ast::ValueKind::Object) return;
        std::unordered_map<std::string, const ast::Name*> known;
        for (const auto& field : value.fields) {
            auto [found, inserted] = known.emplace(field.name.value, &field.name);
            if (!inserted) {
                error("There can be only one input field named \"" + field.name.value + "\".",
                      {found->second->loc, field.name.loc});
            }
            check_unique_input_fields(field.value);
        }
    }

    const ast::Document& m_document;
    std::vector<GraphQLError>& m_errors;
    std::vector<std::string> m_standard_names;
    std::vector<std::string> m_defined_names;
    std::unordered_map<std::string, const ast::TypeDefinition*> m_defined;
    std::unordered_map<std::string, DirectiveInfo> m_directives;
    bool m_seen_schema = false;
    std::unordered_map<ast::OperationType, const ast::OperationTypeDefinition*> m_operation_types;
    std::unordered_map<std::string, const ast::Name*> m_type_names;
    std::unordered_map<std::string, std::unordered_map<std::string, const ast::Name*>> m_enum_values;
    std::unordered_map<std::string, std::unordered_map<std::string, const ast::Name*>> m_field_names;
    std::unordered_map<std::string, const ast::Name*> m_directive_names;
    SeenDirectives m_schema_directives;
    std::unordered_map<std::string, SeenDirectives> m_type_directives;
};

}  // namespace

/// Turns validated SDL into a Schema (graphql-js `extendSchemaImpl` and
/// `buildASTSchema`), then checks the type system (`validateSchema`).
class SchemaBuilder {
public:
    std::variant<std::unique_ptr<Schema>, std::vector<GraphQLError>> build(std::string_view sdl) {
        auto builtins = parse(detail::builtin_sdl());
        if (!builtins.document) return std::vector<GraphQLError>{builtins.error.value_or(GraphQLError{})};
        auto parsed = parse(sdl);
        if (!parsed.document) return std::vector<GraphQLError>{parsed.error.value_or(GraphQLError{})};
        const ast::Document& document = *parsed.document;

        SdlValidator(*builtins.document, document, m_errors).run();
        if (!m_errors.empty()) return std::move(m_errors);

        m_schema.reset(new Schema());  // NOLINT(modernize-make-unique): the constructor is private
        build_types(*builtins.document, true);
        build_types(document, false);
        prepare_standard_directives(*builtins.document);
        fill_types();
        build_directives(*builtins.document, document);
        compute_defaults();
        choose_root_types(document);
        collect_types();
        if (!m_errors.empty()) return std::move(m_errors);

        validate_root_types();
        validate_directives();
        validate_types();
        if (!m_errors.empty()) return std::move(m_errors);

        finish();
        return std::move(m_schema);
    }

private:
    struct TypeNodes {
        const ast::TypeDefinition* definition = nullptr;
        std::vector<const ast::TypeDefinition*> extensions;

        [[nodiscard]] std::vector<const ast::TypeDefinition*> all() const {
            std::vector<const ast::TypeDefinition*> nodes;
            if (definition != nullptr) nodes.push_back(definition);
            nodes.insert(nodes.end(), extensions.begin(), extensions.end());
            return nodes;
        }
        [[nodiscard]] std::vector<Location> locations() const {
            std::vector<Location> out;
            for (const auto* node : all()) out.push_back(node->loc);
            return out;
        }
    };

    void error(std::string message, std::vector<Location> locations) {
        m_errors.push_back(GraphQLError{std::move(message), std::move(locations), {}, {}});
    }

    // --- Building ---------------------------------------------------------

    void build_types(const ast::Document& document, bool built_in) {
        std::unordered_map<std::string, std::vector<const ast::TypeDefinition*>> extensions;
        for (const auto& definition : document.definitions) {
            const auto* type = std::get_if<ast::TypeDefinition>(&definition);
            if (type != nullptr && type->extension) extensions[type->name.value].push_back(type);
        }
        for (const auto& definition : document.definitions) {
            const auto* type = std::get_if<ast::TypeDefinition>(&definition);
            if (type == nullptr || type->extension) continue;
            if (built_in) {
                auto named = std::make_unique<NamedType>();
                named->kind = type_kind(type->kind);
                named->name = type->name.value;
                named->description = type->description.value_or("");
                named->built_in = true;
                m_nodes[named.get()].definition = type;
                m_standard[named->name] = named.get();
                m_all.push_back(std::move(named));
                continue;
            }
            // graphql-js: a definition of a standard type's name is the standard type.
            auto standard = m_standard.find(type->name.value);
            if (standard != m_standard.end()) {
                m_config.push_back(standard->second);
                continue;
            }
            auto named = std::make_unique<NamedType>();
            named->kind = type_kind(type->kind);
            named->name = type->name.value;
            named->description = type->description.value_or("");
            auto& nodes = m_nodes[named.get()];
            nodes.definition = type;
            auto found = extensions.find(type->name.value);
            if (found != extensions.end()) nodes.extensions = found->second;
            m_user[named->name] = named.get();
            m_config.push_back(named.get());
            m_all.push_back(std::move(named));
        }
    }

    [[nodiscard]] NamedType* lookup(const std::string& name) const {
        auto standard = m_standard.find(name);
        if (standard != m_standard.end()) return standard->second;
        auto user = m_user.find(name);
        return user != m_user.end() ? user->second : nullptr;
    }

    [[nodiscard]] TypeRef resolve(const ast::TypeRef& ref) const {
        return TypeRef{lookup(ref.name.value), ref.wrappers};
    }

    std::optional<std::string> deprecation_reason(const std::vector<ast::Directive>& directives) {
        // graphql-js getDeprecationReason: the first @deprecated, coerced
        // with the standard directive's definition.
        const ast::Directive* directive = find_directive(directives, "deprecated");
        if (directive == nullptr) return std::nullopt;
        json::object arguments;
        if (auto failure = coerce_argument_values(m_deprecated.arguments, directive->arguments, directive->loc, nullptr,
                                                  arguments)) {
            m_errors.push_back(std::move(*failure));
            return std::nullopt;
        }
        const json::value* reason = arguments.if_contains("reason");
        if (reason == nullptr || !reason->is_string()) return std::nullopt;
        return std::string(reason->get_string());
    }

    InputValue input_value(const ast::InputValueDefinition& definition) {
        InputValue value;
        value.name = definition.name.value;
        value.description = definition.description.value_or("");
        value.type = resolve(definition.type);
        value.default_value = definition.default_value;
        value.deprecation_reason = deprecation_reason(definition.directives);
        value.loc = definition.loc;
        return value;
    }

    std::vector<InputValue> input_values(const std::vector<ast::InputValueDefinition>& definitions) {
        // graphql-js keys arguments by name: a later duplicate replaces an
        // earlier one in place (the SDL rules report duplicates anyway).
        std::vector<InputValue> values;
        for (const auto& definition : definitions) {
            auto value = input_value(definition);
            auto existing = std::find_if(values.begin(), values.end(),
                                         [&](const InputValue& other) { return other.name == value.name; });
            if (existing != values.end()) {
                *existing = std::move(value);
            } else {
                values.push_back(std::move(value));
            }
        }
        return values;
    }

    /// @deprecated and @specifiedBy as graphql-js reads them from SDL: with
    /// the standard definitions, whatever the SDL redefines.
    void prepare_standard_directives(const ast::Document& builtins) {
        for (const auto& definition : builtins.definitions) {
            const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition);
            if (directive == nullptr) continue;
            if (directive->name.value == "deprecated") m_deprecated = directive_def(*directive, true);
            if (directive->name.value == "specifiedBy") m_specified_by = directive_def(*directive, true);
        }
        for (auto& argument : m_deprecated.arguments) compute_default(argument);
        for (auto& argument : m_specified_by.arguments) compute_default(argument);
    }

    void fill_types() {
        for (const auto& named : m_all) fill_type(*named);
    }

    void fill_type(NamedType& named) {
        const TypeNodes& nodes = m_nodes[&named];
        if (named.kind == TypeKind::Scalar && nodes.definition != nullptr) {
            // graphql-js getSpecifiedByURL reads the definition only.
            if (const auto* directive = find_directive(nodes.definition->directives, "specifiedBy");
                directive != nullptr) {
                json::object arguments;
                if (auto failure = coerce_argument_values(m_specified_by.arguments, directive->arguments,
                                                          directive->loc, nullptr, arguments)) {
                    m_errors.push_back(std::move(*failure));
                } else if (const json::value* url = arguments.if_contains("url"); url != nullptr && url->is_string()) {
                    named.specified_by_url = std::string(url->get_string());
                }
            }
        }
        for (const auto* node : nodes.all()) {
            for (const auto& interface : node->interfaces) named.interfaces.push_back(lookup(interface.value));
            for (const auto& member : node->union_members) named.possible_types.push_back(lookup(member.value));
            for (const auto& definition : node->fields) {
                Field field;
                field.name = definition.name.value;
                field.description = definition.description.value_or("");
                field.arguments = input_values(definition.arguments);
                field.type = resolve(definition.type);
                field.deprecation_reason = deprecation_reason(definition.directives);
                field.loc = definition.loc;
                m_field_nodes.emplace_back(&named, named.fields.size(), &definition);
                named.fields.push_back(std::move(field));
            }
            for (const auto& definition : node->enum_values) {
                EnumValue value;
                value.name = definition.name.value;
                value.description = definition.description.value_or("");
                value.deprecation_reason = deprecation_reason(definition.directives);
                m_enum_nodes.emplace_back(&named, named.enum_values.size(), &definition);
                named.enum_values.push_back(std::move(value));
            }
            for (const auto& definition : node->input_fields) {
                m_input_nodes.emplace_back(&named, named.input_fields.size(), &definition);
                named.input_fields.push_back(input_value(definition));
            }
        }
    }

    DirectiveDef directive_def(const ast::DirectiveDefinition& definition, bool built_in) {
        DirectiveDef directive;
        directive.name = definition.name.value;
        directive.description = definition.description.value_or("");
        directive.arguments = input_values(definition.arguments);
        directive.repeatable = definition.repeatable;
        for (const auto& location : definition.locations) directive.locations.push_back(location.value);
        directive.built_in = built_in;
        return directive;
    }

    void build_directives(const ast::Document& builtins, const ast::Document& document) {
        std::vector<DirectiveDef> standard;
        std::vector<const ast::DirectiveDefinition*> standard_nodes;
        for (const auto& definition : builtins.definitions) {
            if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                standard.push_back(directive_def(*directive, true));
                standard_nodes.push_back(directive);
            }
        }
        auto& directives = m_schema->m_directives;
        for (const auto& definition : document.definitions) {
            if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                directives.push_back(directive_def(*directive, false));
                m_directive_nodes.push_back(directive);
            }
        }
        // graphql-js buildASTSchema: the specified directives not redefined.
        for (size_t i = 0; i < standard.size(); ++i) {
            bool redefined = std::any_of(directives.begin(), directives.end(), [&](const DirectiveDef& directive) {
                return directive.name == standard[i].name;
            });
            if (!redefined) {
                directives.push_back(std::move(standard[i]));
                m_directive_nodes.push_back(standard_nodes[i]);
            }
        }
    }

    // --- Defaults -----------------------------------------------------------

    void compute_defaults() {
        // Input object fields first, each type's before the types that use it
        // in a default (graphql-js computes them lazily the same way).
        for (const auto& named : m_all) {
            if (named->kind == TypeKind::InputObject) compute_input_defaults(*named);
        }
        for (const auto& named : m_all) {
            for (auto& field : named->fields) {
                for (auto& argument : field.arguments) compute_default(argument);
            }
        }
        for (auto& directive : m_schema->m_directives) {
            for (auto& argument : directive.arguments) compute_default(argument);
        }
    }

    void compute_input_defaults(NamedType& named) {
        if (m_defaults_done.count(&named) != 0) return;
        m_defaults_done.insert(&named);
        for (auto& field : named.input_fields) compute_default(field);
    }

    void compute_default(InputValue& value) {
        if (!value.default_value || value.type.named == nullptr) return;
        prepare_defaults_of(*value.default_value, TypeView(value.type));
        // An invalid default is no default, as in graphql-js v16.
        value.coerced_default = value_from_ast(*value.default_value, value.type, nullptr);
    }

    /// Computes the defaults of the input object types a literal reaches.
    void prepare_defaults_of(const ast::Value& literal, TypeView type) {
        if (type.named == nullptr) return;
        if (type.named->kind == TypeKind::InputObject) {
            compute_input_defaults(*lookup(type.named->name));
            if (literal.kind == ast::ValueKind::Object) {
                for (const auto& field : literal.fields) {
                    if (const auto* definition = type.named->input_field(field.name.value)) {
                        prepare_defaults_of(field.value, definition->type);
                    }
                }
            }
        }
        if (literal.kind == ast::ValueKind::List) {
            for (const auto& item : literal.list) prepare_defaults_of(item, type);
        }
    }

    // --- Root types and the type map -------------------------------------

    void choose_root_types(const ast::Document& document) {
        const ast::SchemaDefinition* definition = nullptr;
        for (const auto& node : document.definitions) {
            if (const auto* schema = std::get_if<ast::SchemaDefinition>(&node)) {
                if (!schema->extension) definition = schema;
                m_schema_nodes.push_back(schema);
            }
        }
        auto apply = [&](const ast::SchemaDefinition& schema) {
            for (const auto& operation_type : schema.operation_types) {
                const NamedType* named = lookup(operation_type.type.value);
                switch (operation_type.operation) {
                    case ast::OperationType::Query: m_schema->m_query = named; break;
                    case ast::OperationType::Mutation: m_schema->m_mutation = named; break;
                    case ast::OperationType::Subscription: m_schema->m_subscription = named; break;
                }
            }
        };
        if (definition != nullptr) {
            apply(*definition);
            m_schema->m_description = definition->description.value_or("");
            m_schema_definition = definition;
        }
        for (const auto* schema : m_schema_nodes) {
            if (schema->extension) apply(*schema);
        }
        if (definition == nullptr) {
            // GraphQL spec §3.3.1 Default Root Operation Type Names.
            for (const auto* named : m_config) {
                if (named->name == "Query") m_schema->m_query = named;
                if (named->name == "Mutation") m_schema->m_mutation = named;
                if (named->name == "Subscription") m_schema->m_subscription = named;
            }
        }
    }

    void collect(const NamedType* named, std::vector<const NamedType*>& order,
                 std::unordered_set<const NamedType*>& seen) const {
        // graphql-js collectReferencedTypes, which fixes the order of the
        // type map that introspection and the printer show.
        if (named == nullptr || !seen.insert(named).second) return;
        order.push_back(named);
        collect_references(named, order, seen);
    }

    void collect_references(const NamedType* named, std::vector<const NamedType*>& order,
                            std::unordered_set<const NamedType*>& seen) const {
        if (named->kind == TypeKind::Union) {
            for (const auto* member : named->possible_types) collect(member, order, seen);
        } else if (named->kind == TypeKind::Object || named->kind == TypeKind::Interface) {
            for (const auto* interface : named->interfaces) collect(interface, order, seen);
            for (const auto& field : named->fields) {
                collect(field.type.named, order, seen);
                for (const auto& argument : field.arguments) collect(argument.type.named, order, seen);
            }
        } else if (named->kind == TypeKind::InputObject) {
            for (const auto& field : named->input_fields) collect(field.type.named, order, seen);
        }
    }

    void collect_types() {
        std::vector<const NamedType*> order;
        std::unordered_set<const NamedType*> seen(m_config.begin(), m_config.end());
        for (const auto* named : m_config) {
            order.push_back(named);
            collect_references(named, order, seen);
        }
        collect(m_schema->m_query, order, seen);
        collect(m_schema->m_mutation, order, seen);
        collect(m_schema->m_subscription, order, seen);
        for (const auto& directive : m_schema->m_directives) {
            for (const auto& argument : directive.arguments) collect(argument.type.named, order, seen);
        }
        collect(m_standard.at("__Schema"), order, seen);

        // Keep the referenced types in that order; unreferenced standard
        // scalars are not part of the schema (as in graphql-js).
        std::unordered_map<const NamedType*, std::unique_ptr<NamedType>> owned;
        for (auto& named : m_all) {
            const NamedType* key = named.get();
            owned.emplace(key, std::move(named));
        }
        m_all.clear();
        for (const auto* named : order) {
            auto found = owned.find(named);
            if (found == owned.end() || !found->second) continue;
            NamedType* type = found->second.get();
            m_schema->m_by_name[type->name] = type;
            m_schema->m_types.push_back(std::move(found->second));
        }
        // Interfaces list the objects implementing them, in type map order.
        for (const auto& named : m_schema->m_types) {
            if (named->kind != TypeKind::Object) continue;
            for (const auto* interface : named->interfaces) {
                if (interface != nullptr && interface->kind == TypeKind::Interface) {
                    m_schema->m_by_name[interface->name]->possible_types.push_back(named.get());
                }
            }
        }
    }

    // --- Type system validation (graphql-js validateSchema) ---------------

    [[nodiscard]] Location root_location(ast::OperationType operation, const NamedType* named) const {
        for (const auto* schema : m_schema_nodes) {
            for (const auto& operation_type : schema->operation_types) {
                if (operation_type.operation == operation) return operation_type.type.loc;
            }
        }
        auto found = m_nodes.find(named);
        if (found != m_nodes.end() && found->second.definition != nullptr) return found->second.definition->loc;
        return {};
    }

    static std::vector<Location> present(std::initializer_list<Location> locations) {
        std::vector<Location> out;
        for (auto location : locations) {
            if (location.line != 0) out.push_back(location);
        }
        return out;
    }

    void validate_root_types() {
        const Schema& schema = *m_schema;
        if (schema.m_query == nullptr) {
            error("Query root type must be provided.", m_schema_definition != nullptr
                                                           ? std::vector<Location>{m_schema_definition->loc}
                                                           : std::vector<Location>{});
        } else if (schema.m_query->kind != TypeKind::Object) {
            error("Query root type must be Object type, it cannot be " + schema.m_query->name + ".",
                  present({root_location(ast::OperationType::Query, schema.m_query)}));
        }
        if (schema.m_mutation != nullptr && schema.m_mutation->kind != TypeKind::Object) {
            error("Mutation root type must be Object type if provided, it cannot be " + schema.m_mutation->name + ".",
                  present({root_location(ast::OperationType::Mutation, schema.m_mutation)}));
        }
        if (schema.m_subscription != nullptr && schema.m_subscription->kind != TypeKind::Object) {
            error("Subscription root type must be Object type if provided, it cannot be " +
                      schema.m_subscription->name + ".",
                  present({root_location(ast::OperationType::Subscription, schema.m_subscription)}));
        }
    }

    static const ast::InputValueDefinition* argument_node(const std::vector<ast::InputValueDefinition>& nodes,
                                                          const std::string& name) {
        const ast::InputValueDefinition* found = nullptr;
        for (const auto& node : nodes) {
            if (node.name.value == name) found = &node;
        }
        return found;
    }

    static Location deprecated_location(const ast::InputValueDefinition* node) {
        if (node == nullptr) return {};
        const auto* directive = find_directive(node->directives, "deprecated");
        return directive != nullptr ? directive->loc : Location{};
    }

    void check_name(const std::string& name, Location location) {
        if (starts_with_reserved(name)) {
            error("Name \"" + name + "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                  present({location}));
        }
    }

    void validate_directives() {
        const auto& directives = m_schema->m_directives;
        for (size_t i = 0; i < directives.size(); ++i) {
            const DirectiveDef& directive = directives[i];
            const ast::DirectiveDefinition* node = directive.built_in ? nullptr : m_directive_nodes[i];
            check_name(directive.name, node != nullptr ? node->loc : Location{});
            for (const auto& argument : directive.arguments) {
                const auto* argument_ast = node != nullptr ? argument_node(node->arguments, argument.name) : nullptr;
                check_name(argument.name, argument.loc);
                if (argument.type.named != nullptr && !argument.type.named->is_input()) {
                    error("The type of @" + directive.name + "(" + argument.name +
                              ":) must be Input Type but got: " + argument.type.to_string() + ".",
                          present({argument.loc}));
                }
                if (argument.is_required() && argument.deprecation_reason) {
                    error("Required argument @" + directive.name + "(" + argument.name + ":) cannot be deprecated.",
                          present({deprecated_location(argument_ast),
                                   argument_ast != nullptr ? argument_ast->type.loc : Location{}}));
                }
            }
        }
    }

    [[nodiscard]] const ast::FieldDefinition* field_node(const NamedType* named, size_t index) const {
        for (const auto& [type, position, node] : m_field_nodes) {
            if (type == named && position == index) return node;
        }
        return nullptr;
    }

    [[nodiscard]] const ast::InputValueDefinition* input_node(const NamedType* named, size_t index) const {
        for (const auto& [type, position, node] : m_input_nodes) {
            if (type == named && position == index) return node;
        }
        return nullptr;
    }

    [[nodiscard]] Location enum_location(const NamedType* named, size_t index) const {
        for (const auto& [type, position, node] : m_enum_nodes) {
            if (type == named && position == index) return node->loc;
        }
        return {};
    }

    [[nodiscard]] const TypeNodes& nodes_of(const NamedType* named) const {
        static const TypeNodes none;  // NOLINT(bugprone-dynamic-static-initializers): an empty constant
        auto found = m_nodes.find(named);
        return found != m_nodes.end() ? found->second : none;
    }

    /// The `implements X` names of a type's definition and extensions.
    [[nodiscard]] std::vector<Location> implements_locations(const NamedType* named,
                                                             const std::string& interface) const {
        std::vector<Location> out;
        for (const auto* node : nodes_of(named).all()) {
            for (const auto& name : node->interfaces) {
                if (name.value == interface) out.push_back(name.loc);
            }
        }
        return out;
    }

    [[nodiscard]] std::vector<Location> member_locations(const NamedType* named, const std::string& member) const {
        std::vector<Location> out;
        for (const auto* node : nodes_of(named).all()) {
            for (const auto& name : node->union_members) {
                if (name.value == member) out.push_back(name.loc);
            }
        }
        return out;
    }

    void validate_types() {
        for (const auto& owned : m_schema->m_types) {
            const NamedType* named = owned.get();
            if (named->built_in) continue;
            const TypeNodes& nodes = nodes_of(named);
            check_name(named->name, nodes.definition != nullptr ? nodes.definition->loc : Location{});
            switch (named->kind) {
                case TypeKind::Object:
                case TypeKind::Interface:
                    validate_fields(*named);
                    validate_interfaces(*named);
                    break;
                case TypeKind::Union: validate_union(*named); break;
                case TypeKind::Enum: validate_enum(*named); break;
                case TypeKind::InputObject:
                    validate_input_fields(*named);
                    validate_input_cycles(*named);
                    break;
                case TypeKind::Scalar: break;
            }
        }
    }

    void validate_fields(const NamedType& named) {
        if (named.fields.empty())
            error("Type " + named.name + " must define one or more fields.", nodes_of(&named).locations());
        for (size_t i = 0; i < named.fields.size(); ++i) {
            const Field& field = named.fields[i];
            const ast::FieldDefinition* node = field_node(&named, i);
            check_name(field.name, field.loc);
            if (field.type.named != nullptr && !field.type.named->is_output()) {
                error("The type of " + named.name + "." + field.name +
                          " must be Output Type but got: " + field.type.to_string() + ".",
                      present({node != nullptr ? node->type.loc : Location{}}));
            }
            for (const auto& argument : field.arguments) {
                const auto* argument_ast = node != nullptr ? argument_node(node->arguments, argument.name) : nullptr;
                check_name(argument.name, argument.loc);
                if (argument.type.named != nullptr && !argument.type.named->is_input()) {
                    error("The type of " + named.name + "." + field.name + "(" + argument.name +
                              ":) must be Input Type but got: " + argument.type.to_string() + ".",
                          present({argument_ast != nullptr ? argument_ast->type.loc : Location{}}));
                }
                if (argument.is_required() && argument.deprecation_reason) {
                    error("Required argument " + named.name + "." + field.name + "(" + argument.name +
                              ":) cannot be deprecated.",
                          present({deprecated_location(argument_ast),
                                   argument_ast != nullptr ? argument_ast->type.loc : Location{}}));
                }
            }
        }
    }

    void validate_interfaces(const NamedType& named) {
        std::unordered_set<std::string> seen;
        for (const NamedType* interface : named.interfaces) {
            if (interface == nullptr) continue;
            if (interface->kind != TypeKind::Interface) {
                error("Type " + named.name + " must only implement Interface types, it cannot implement " +
                          interface->name + ".",
                      implements_locations(&named, interface->name));
                continue;
            }
            if (interface == &named) {
                error("Type " + named.name + " cannot implement itself because it would create a circular reference.",
                      implements_locations(&named, interface->name));
                continue;
            }
            if (!seen.insert(interface->name).second) {
                error("Type " + named.name + " can only implement " + interface->name + " once.",
                      implements_locations(&named, interface->name));
                continue;
            }
            validate_implements_ancestors(named, *interface);
            validate_implements_interface(named, *interface);
        }
    }

    void validate_implements_ancestors(const NamedType& named, const NamedType& interface) {
        for (const NamedType* transitive : interface.interfaces) {
            if (std::find(named.interfaces.begin(), named.interfaces.end(), transitive) != named.interfaces.end())
                continue;
            auto locations = implements_locations(&interface, transitive->name);
            auto own = implements_locations(&named, interface.name);
            locations.insert(locations.end(), own.begin(), own.end());
            error(transitive == &named ? "Type " + named.name + " cannot implement " + interface.name +
                                             " because it would create a circular reference."
                                       : "Type " + named.name + " must implement " + transitive->name +
                                             " because it is implemented by " + interface.name + ".",
                  std::move(locations));
        }
    }

    void validate_implements_interface(const NamedType& named, const NamedType& interface) {
        // GraphQL spec §3.6.1 IsValidImplementation.
        for (size_t i = 0; i < interface.fields.size(); ++i) {
            const Field& interface_field = interface.fields[i];
            const ast::FieldDefinition* interface_node = field_node(&interface, i);
            const Field* field = nullptr;
            const ast::FieldDefinition* node = nullptr;
            for (size_t j = 0; j < named.fields.size(); ++j) {
                if (named.fields[j].name == interface_field.name) {
                    field = &named.fields[j];
                    node = field_node(&named, j);
                }
            }
            if (field == nullptr) {
                std::vector<Location> locations = present({interface_field.loc});
                auto own = nodes_of(&named).locations();
                locations.insert(locations.end(), own.begin(), own.end());
                error("Interface field " + interface.name + "." + interface_field.name + " expected but " + named.name +
                          " does not provide it.",
                      std::move(locations));
                continue;
            }
            if (!is_type_sub_type_of(*m_schema, field->type, interface_field.type)) {
                error("Interface field " + interface.name + "." + interface_field.name + " expects type " +
                          interface_field.type.to_string() + " but " + named.name + "." + field->name + " is type " +
                          field->type.to_string() + ".",
                      present({interface_node != nullptr ? interface_node->type.loc : Location{},
                               node != nullptr ? node->type.loc : Location{}}));
            }
            for (const auto& interface_argument : interface_field.arguments) {
                const InputValue* argument = field->argument(interface_argument.name);
                if (argument == nullptr) {
                    error("Interface field argument " + interface.name + "." + interface_field.name + "(" +
                              interface_argument.name + ":) expected but " + named.name + "." + field->name +
                              " does not provide it.",
                          present({interface_argument.loc, field->loc}));
                    continue;
                }
                if (!is_equal_type(interface_argument.type, argument->type)) {
                    const auto* interface_argument_ast =
                        interface_node != nullptr ? argument_node(interface_node->arguments, interface_argument.name)
                                                  : nullptr;
                    const auto* argument_ast =
                        node != nullptr ? argument_node(node->arguments, argument->name) : nullptr;
                    error("Interface field argument " + interface.name + "." + interface_field.name + "(" +
                              interface_argument.name + ":) expects type " + interface_argument.type.to_string() +
                              " but " + named.name + "." + field->name + "(" + argument->name + ":) is type " +
                              argument->type.to_string() + ".",
                          present({interface_argument_ast != nullptr ? interface_argument_ast->type.loc : Location{},
                                   argument_ast != nullptr ? argument_ast->type.loc : Location{}}));
                }
            }
            for (const auto& argument : field->arguments) {
                if (interface_field.argument(argument.name) == nullptr && argument.is_required()) {
                    error("Object field " + named.name + "." + field->name + " includes required argument " +
                              argument.name + " that is missing from the Interface field " + interface.name + "." +
                              interface_field.name + ".",
                          present({argument.loc, interface_field.loc}));
                }
            }
        }
    }

    void validate_union(const NamedType& named) {
        if (named.possible_types.empty()) {
            error("Union type " + named.name + " must define one or more member types.", nodes_of(&named).locations());
        }
        std::unordered_set<std::string> seen;
        for (const NamedType* member : named.possible_types) {
            if (member == nullptr) continue;
            if (!seen.insert(member->name).second) {
                error("Union type " + named.name + " can only include type " + member->name + " once.",
                      member_locations(&named, member->name));
                continue;
            }
            if (member->kind != TypeKind::Object) {
                error("Union type " + named.name + " can only include Object types, it cannot include " + member->name +
                          ".",
                      member_locations(&named, member->name));
            }
        }
    }

    void validate_enum(const NamedType& named) {
        if (named.enum_values.empty()) {
            error("Enum type " + named.name + " must define one or more values.", nodes_of(&named).locations());
        }
        for (size_t i = 0; i < named.enum_values.size(); ++i) {
            check_name(named.enum_values[i].name, enum_location(&named, i));
        }
    }

    void validate_input_fields(const NamedType& named) {
        if (named.input_fields.empty()) {
            error("Input Object type " + named.name + " must define one or more fields.", nodes_of(&named).locations());
        }
        for (size_t i = 0; i < named.input_fields.size(); ++i) {
            const InputValue& field = named.input_fields[i];
            const ast::InputValueDefinition* node = input_node(&named, i);
            check_name(field.name, field.loc);
            if (field.type.named != nullptr && !field.type.named->is_input()) {
                error("The type of " + named.name + "." + field.name +
                          " must be Input Type but got: " + field.type.to_string() + ".",
                      present({node != nullptr ? node->type.loc : Location{}}));
            }
            if (field.is_required() && field.deprecation_reason) {
                error("Required input field " + named.name + "." + field.name + " cannot be deprecated.",
                      present({deprecated_location(node), node != nullptr ? node->type.loc : Location{}}));
            }
        }
    }

    void validate_input_cycles(const NamedType& named) {
        // §3.10.1: no cycle of non-null input object fields (graphql-js
        // createInputObjectCircularRefsValidator, a DFS that reports each
        // cycle once).
        if (m_cycle_visited.count(&named) != 0) return;
        m_cycle_visited.insert(&named);
        m_cycle_index[&named] = m_cycle_path.size();
        for (const auto& field : named.input_fields) {
            if (field.type.wrappers.size() != 1 || field.type.wrappers.front() != ast::TypeWrapper::NonNull ||
                field.type.named == nullptr || field.type.named->kind != TypeKind::InputObject) {
                continue;
            }
            const NamedType* field_type = field.type.named;
            m_cycle_path.push_back(&field);
            auto cycle = m_cycle_index.find(field_type);
            if (cycle == m_cycle_index.end()) {
                validate_input_cycles(*field_type);
            } else {
                std::string path;
                std::vector<Location> locations;
                for (size_t i = cycle->second; i < m_cycle_path.size(); ++i) {
                    if (!path.empty()) path += ".";
                    path += m_cycle_path[i]->name;
                    locations.push_back(m_cycle_path[i]->loc);
                }
                error("Cannot reference Input Object \"" + field_type->name +
                          "\" within itself through a series of non-null fields: \"" + path + "\".",
                      present_all(locations));
            }
            m_cycle_path.pop_back();
        }
        m_cycle_index.erase(&named);
    }

    static std::vector<Location> present_all(const std::vector<Location>& locations) {
        std::vector<Location> out;
        for (auto location : locations) {
            if (location.line != 0) out.push_back(location);
        }
        return out;
    }

    // --- Finishing ----------------------------------------------------------

    void finish() {
        Schema& schema = *m_schema;
        detail::bind_introspection(schema);

        const NamedType* string_type = schema.type("String");
        schema.m_schema_field.name = "__schema";
        schema.m_schema_field.description = "Access the current type schema of this server.";
        schema.m_schema_field.type = TypeRef{schema.type("__Schema"), {ast::TypeWrapper::NonNull}};
        schema.m_schema_field.resolver = detail::schema_meta_resolver(schema);

        schema.m_type_field.name = "__type";
        schema.m_type_field.description = "Request the type information of a single type.";
        schema.m_type_field.type = TypeRef{schema.type("__Type"), {}};
        InputValue name;
        name.name = "name";
        name.type = TypeRef{string_type, {ast::TypeWrapper::NonNull}};
        schema.m_type_field.arguments.push_back(std::move(name));
        schema.m_type_field.resolver = detail::type_meta_resolver(schema);

        schema.m_typename_field.name = "__typename";
        schema.m_typename_field.description = "The name of the current Object type at runtime.";
        schema.m_typename_field.type = TypeRef{string_type, {ast::TypeWrapper::NonNull}};
    }

    std::unique_ptr<Schema> m_schema;
    std::vector<GraphQLError> m_errors;
    /// Every type built, standard ones first, until collect_types() moves
    /// the referenced ones into the schema.
    std::vector<std::unique_ptr<NamedType>> m_all;
    std::unordered_map<std::string, NamedType*> m_standard;
    std::unordered_map<std::string, NamedType*> m_user;
    /// The types the SDL defines, in order (graphql-js `config.types`).
    std::vector<const NamedType*> m_config;
    std::unordered_map<const NamedType*, TypeNodes> m_nodes;
    std::vector<std::tuple<const NamedType*, size_t, const ast::FieldDefinition*>> m_field_nodes;
    std::vector<std::tuple<const NamedType*, size_t, const ast::EnumValueDefinition*>> m_enum_nodes;
    std::vector<std::tuple<const NamedType*, size_t, const ast::InputValueDefinition*>> m_input_nodes;
    std::vector<const ast::DirectiveDefinition*> m_directive_nodes;
    std::vector<const ast::SchemaDefinition*> m_schema_nodes;
    const ast::SchemaDefinition* m_schema_definition = nullptr;
    DirectiveDef m_deprecated;
    DirectiveDef m_specified_by;
    std::unordered_set<const NamedType*> m_defaults_done;
    std::unordered_set<const NamedType*> m_cycle_visited;
    std::unordered_map<const NamedType*, size_t> m_cycle_index;
    std::vector<const InputValue*> m_cycle_path;
};

std::variant<std::unique_ptr<Schema>, std::vector<GraphQLError>> Schema::build(std::string_view sdl) {
    SchemaBuilder builder;
    return builder.build(sdl);
}

}  // namespace rampart::graphql
