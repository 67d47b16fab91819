// Rules about directives and arguments (GraphQL spec §5.4, §5.7).

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "graphql/detail/suggestions.h"
#include "graphql/detail/validation_context.h"
#include "graphql/parser.h"

namespace rampart::graphql::detail {
namespace {

/// What the rules need of a directive, from the schema or from a directive
/// definition of the document (which wins, as in graphql-js).
struct DirectiveInfo {
    std::vector<std::string> locations;
    bool repeatable = false;
    /// Argument names in order, and the required ones with their printed types.
    std::vector<std::string> arguments;
    std::vector<std::pair<std::string, std::string>> required;
};

DirectiveInfo info_of(const DirectiveDef& directive) {
    DirectiveInfo info;
    info.locations = directive.locations;
    info.repeatable = directive.repeatable;
    for (const auto& argument : directive.arguments) {
        info.arguments.push_back(argument.name);
        if (argument.type.is_non_null() && !argument.default_value) {
            info.required.emplace_back(argument.name, TypeUse::of(argument.type).to_string());
        }
    }
    return info;
}

DirectiveInfo info_of(const ast::DirectiveDefinition& directive) {
    DirectiveInfo info;
    for (const auto& location : directive.locations) info.locations.push_back(location.value);
    info.repeatable = directive.repeatable;
    for (const auto& argument : directive.arguments) {
        info.arguments.push_back(argument.name.value);
        const bool non_null =
            !argument.type.wrappers.empty() && argument.type.wrappers.front() == ast::TypeWrapper::NonNull;
        if (non_null && !argument.default_value)
            info.required.emplace_back(argument.name.value, print_type(argument.type));
    }
    return info;
}

/// The directives a document may use: the schema's, looked up as needed,
/// and the directive definitions of the document itself, which win.
class DirectiveTable {
public:
    explicit DirectiveTable(const ValidationContext& context) : m_schema(context.schema()) {
        for (const auto& definition : context.document().definitions) {
            if (const auto* directive = std::get_if<ast::DirectiveDefinition>(&definition)) {
                m_from_document[directive->name.value] = info_of(*directive);
            }
        }
    }

    /// The directive's information, or null when unknown.
    const DirectiveInfo* find(const std::string& name) {
        if (!m_from_document.empty()) {
            auto defined = m_from_document.find(name);
            if (defined != m_from_document.end()) return &defined->second;
        }
        auto cached = m_from_schema.find(name);
        if (cached != m_from_schema.end()) return &cached->second;
        const DirectiveDef* directive = m_schema.directive(name);
        if (directive == nullptr) return nullptr;
        return &m_from_schema.emplace(name, info_of(*directive)).first->second;
    }

private:
    const Schema& m_schema;
    std::unordered_map<std::string, DirectiveInfo> m_from_document;
    std::unordered_map<std::string, DirectiveInfo> m_from_schema;
};

std::string unknown_argument_message(const std::string& argument, const std::string& directive,
                                     const std::vector<std::string>& known) {
    return "Unknown argument \"" + argument + "\" on directive \"@" + directive + "\"." +
           did_you_mean(suggestion_list(argument, known));
}

std::string missing_argument_message(const std::string& directive, const std::string& argument,
                                     const std::string& type) {
    return "Directive \"@" + directive + "\" argument \"" + argument + "\" of type \"" + type +
           "\" is required, but it was not provided.";
}

// GraphQL spec §5.7.1 Directives Are Defined, §5.7.2 Directives Are In
// Valid Locations.
class KnownDirectives final : public Rule {
public:
    explicit KnownDirectives(ValidationContext& context) : Rule(context), m_directives(context) {}

    Visit enter_directive(const ast::Directive& directive, const DirectiveHost& host) override {
        const std::string& name = directive.name.value;
        const DirectiveInfo* info = m_directives.find(name);
        if (info == nullptr) {
            report("Unknown directive \"@" + name + "\".", {directive.loc});
            return Visit::Continue;
        }
        if (std::find(info->locations.begin(), info->locations.end(), host.location) == info->locations.end()) {
            report("Directive \"@" + name + "\" may not be used on " + std::string(host.location) + ".",
                   {directive.loc});
        }
        return Visit::Continue;
    }

private:
    DirectiveTable m_directives;
};

// GraphQL spec §5.7.3 Directives Are Unique Per Location. A type and its
// extensions share one location, as do the schema and its extensions.
class UniqueDirectivesPerLocation final : public Rule {
public:
    explicit UniqueDirectivesPerLocation(ValidationContext& context) : Rule(context), m_directives(context) {}

    Visit enter_operation(const ast::OperationDefinition& node) override { return check_own(node.directives); }
    Visit enter_fragment_definition(const ast::FragmentDefinition& node) override { return check_own(node.directives); }
    Visit enter_variable_definition(const ast::VariableDefinition& node) override { return check_own(node.directives); }
    Visit enter_field(const ast::Selection& node) override { return check_own(node.directives); }
    Visit enter_fragment_spread(const ast::Selection& node) override { return check_own(node.directives); }
    Visit enter_inline_fragment(const ast::Selection& node) override { return check_own(node.directives); }
    void enter_field_definition(const ast::FieldDefinition& node) override { check_own(node.directives); }
    void enter_input_value_definition(const ast::InputValueDefinition& node) override { check_own(node.directives); }
    void enter_enum_value_definition(const ast::EnumValueDefinition& node) override { check_own(node.directives); }
    Visit enter_type_system_definition(const ast::Definition& definition) override {
        if (const auto* schema_definition = std::get_if<ast::SchemaDefinition>(&definition)) {
            check(schema_definition->directives, m_schema_seen);
        } else if (const auto* type = std::get_if<ast::TypeDefinition>(&definition)) {
            check(type->directives, m_type_seen[type->name.value]);
        }
        return Visit::Continue;
    }

private:
    using Seen = std::unordered_map<std::string_view, Location>;

    Visit check_own(const std::vector<ast::Directive>& directives) {
        if (directives.size() > 1) {
            Seen seen;
            check(directives, seen);
        }
        return Visit::Continue;
    }

    void check(const std::vector<ast::Directive>& directives, Seen& seen) {
        for (const auto& directive : directives) {
            const DirectiveInfo* info = m_directives.find(directive.name.value);
            if (info == nullptr || info->repeatable) continue;
            auto [known, inserted] = seen.emplace(directive.name.value, directive.loc);
            if (!inserted) {
                report("The directive \"@" + directive.name.value + "\" can only be used once at this location.",
                       {known->second, directive.loc});
            }
        }
    }

    DirectiveTable m_directives;
    Seen m_schema_seen;
    std::unordered_map<std::string_view, Seen> m_type_seen;
};

// GraphQL spec §5.4.1 Argument Names.
class KnownArgumentNames final : public Rule {
public:
    explicit KnownArgumentNames(ValidationContext& context) : Rule(context), m_directives(context) {}

    Visit enter_directive(const ast::Directive& directive, const DirectiveHost& /*host*/) override {
        const std::string& name = directive.name.value;
        const DirectiveInfo* info = m_directives.find(name);
        if (info != nullptr) {
            for (const auto& argument : directive.arguments) {
                const std::string& argument_name = argument.name.value;
                if (std::find(info->arguments.begin(), info->arguments.end(), argument_name) != info->arguments.end()) {
                    continue;
                }
                report(unknown_argument_message(argument_name, name, info->arguments), {argument.loc});
            }
        }
        return Visit::Skip;
    }

    Visit enter_argument(const ast::Argument& argument) override {
        const Field* field = info().field_def();
        const NamedType* parent_type = info().parent_type();
        if (info().argument() == nullptr && field != nullptr && parent_type != nullptr) {
            const std::string& argument_name = argument.name.value;
            std::vector<std::string> names;
            names.reserve(field->arguments.size());
            for (const auto& definition : field->arguments) names.push_back(definition.name);
            report("Unknown argument \"" + argument_name + "\" on field \"" + parent_type->name + "." + field->name +
                       "\"." + did_you_mean(suggestion_list(argument_name, names)),
                   {argument.loc});
        }
        return Visit::Continue;
    }

private:
    DirectiveTable m_directives;
};

// GraphQL spec §5.4.2 Argument Uniqueness.
class UniqueArgumentNames final : public Rule {
public:
    using Rule::Rule;

    Visit enter_field(const ast::Selection& field) override {
        check(field.arguments);
        return Visit::Continue;
    }
    Visit enter_directive(const ast::Directive& directive, const DirectiveHost& /*host*/) override {
        check(directive.arguments);
        return Visit::Continue;
    }

private:
    void check(const std::vector<ast::Argument>& arguments) {
        if (arguments.size() < 2) return;
        std::vector<std::pair<std::string_view, std::vector<Location>>> groups;
        std::unordered_map<std::string_view, size_t> index;
        for (const auto& argument : arguments) {
            auto [found, inserted] = index.emplace(argument.name.value, groups.size());
            if (inserted) groups.emplace_back(argument.name.value, std::vector<Location>{});
            groups[found->second].second.push_back(argument.name.loc);
        }
        for (auto& [name, locations] : groups) {
            if (locations.size() > 1) {
                report("There can be only one argument named \"" + std::string(name) + "\".", std::move(locations));
            }
        }
    }
};

// GraphQL spec §5.4.2.1 Required Arguments.
class ProvidedRequiredArguments final : public Rule {
public:
    explicit ProvidedRequiredArguments(ValidationContext& context) : Rule(context), m_directives(context) {}

    void leave_field(const ast::Selection& field) override {
        const Field* definition = info().field_def();
        if (definition == nullptr) return;
        for (const auto& argument : definition->arguments) {
            if (!argument.type.is_non_null() || argument.default_value || provided(field.arguments, argument.name)) {
                continue;
            }
            report("Field \"" + definition->name + "\" argument \"" + argument.name + "\" of type \"" +
                       TypeUse::of(argument.type).to_string() + "\" is required, but it was not provided.",
                   {field.loc});
        }
    }

    void leave_directive(const ast::Directive& directive) override {
        const DirectiveInfo* directive_info = m_directives.find(directive.name.value);
        if (directive_info == nullptr) return;
        for (const auto& [name, type] : directive_info->required) {
            if (provided(directive.arguments, name)) continue;
            report(missing_argument_message(directive.name.value, name, type), {directive.loc});
        }
    }

private:
    static bool provided(const std::vector<ast::Argument>& arguments, std::string_view name) {
        return std::any_of(arguments.begin(), arguments.end(),
                           [&](const ast::Argument& argument) { return argument.name.value == name; });
    }

    DirectiveTable m_directives;
};

}  // namespace

std::unique_ptr<Rule> make_known_directives(ValidationContext& context) {
    return std::make_unique<KnownDirectives>(context);
}
std::unique_ptr<Rule> make_unique_directives_per_location(ValidationContext& context) {
    return std::make_unique<UniqueDirectivesPerLocation>(context);
}
std::unique_ptr<Rule> make_known_argument_names(ValidationContext& context) {
    return std::make_unique<KnownArgumentNames>(context);
}
std::unique_ptr<Rule> make_unique_argument_names(ValidationContext& context) {
    return std::make_unique<UniqueArgumentNames>(context);
}
std::unique_ptr<Rule> make_provided_required_arguments(ValidationContext& context) {
    return std::make_unique<ProvidedRequiredArguments>(context);
}

}  // namespace rampart::graphql::detail
