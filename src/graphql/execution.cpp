#include "graphql/execution.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/storage_ptr.hpp>

#include "graphql/values.h"

namespace rampart::graphql {

namespace {

namespace json = boost::json;

/// Variable coercion gives up after this many errors (graphql-js maxErrors).
constexpr size_t MAX_VARIABLE_ERRORS = 50;
/// Collections larger than this get a hash index for merging response keys.
constexpr size_t LINEAR_LOOKUP_LIMIT = 12;
constexpr std::string_view INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR";

/// The fields of one response key with all their nodes (GraphQL spec §6.3.2
/// CollectFields: fields of the same response key merge).
struct CollectedField {
    std::string_view key;
    std::vector<const ast::Selection*> nodes;

    [[nodiscard]] const std::string& name() const { return nodes.front()->name.value; }
};

/// Ordered response keys: the response follows the query's field order.
class FieldCollection {
public:
    CollectedField& entry(std::string_view key) {
        if (m_fields.size() <= LINEAR_LOOKUP_LIMIT) {
            for (auto& field : m_fields) {
                if (field.key == key) return field;
            }
        } else {
            if (m_index.empty()) {
                for (size_t i = 0; i < m_fields.size(); ++i) m_index.emplace(m_fields[i].key, i);
            }
            auto found = m_index.find(key);
            if (found != m_index.end()) return m_fields[found->second];
        }
        if (!m_index.empty()) m_index.emplace(key, m_fields.size());
        m_fields.push_back(CollectedField{key, {}});
        return m_fields.back();
    }
    [[nodiscard]] const std::vector<CollectedField>& fields() const { return m_fields; }

private:
    std::vector<CollectedField> m_fields;
    std::unordered_map<std::string_view, size_t> m_index;
};

std::vector<Location> locations_of(const CollectedField& field) {
    std::vector<Location> locations;
    locations.reserve(field.nodes.size());
    for (const auto* node : field.nodes) locations.push_back(node->loc);
    return locations;
}

/// A JSON object as the parent of fields without resolvers: they read its
/// members (graphql-js's default field resolver). The object lives in the
/// resolved value being completed, which outlives its sub-fields, so the
/// reference does not own it.
ObjectRef json_object_ref(const json::object& object) {
    ObjectRef ref;
    if (const auto* type_name = object.if_contains("__typename"); type_name != nullptr && type_name->is_string()) {
        ref.type_name = std::string(type_name->get_string());
    }
    ref.data = std::shared_ptr<const json::object>(std::shared_ptr<const void>(), &object);
    ref.data_type = typeid(json::object);
    return ref;
}

/// A resolved value as plain JSON (custom scalars may be lists).
json::value to_plain_json(const ResolvedValue& value) {
    switch (value.kind()) {
        case ResolvedValue::Kind::Null: return nullptr;
        case ResolvedValue::Kind::Leaf: return value.leaf();
        case ResolvedValue::Kind::List: {
            json::array items;
            for (const auto& item : value.items()) items.push_back(to_plain_json(item));
            return items;
        }
        case ResolvedValue::Kind::Object: {
            const ObjectRef& ref = value.object_ref();
            if (ref.data_type == typeid(json::object) && ref.data)
                return *static_cast<const json::object*>(ref.data.get());
            return json::object();
        }
    }
    return nullptr;
}

class Executor {
public:
    Executor(const Schema& schema, const ExecutionRequest& request, ExecutionResult& result)
        : m_schema(schema),
          m_request(request),
          m_result(result),
          m_storage(json::make_shared_resource<json::monotonic_resource>()) {}

    void run() {
        const ast::OperationDefinition* operation = select_operation();
        if (operation == nullptr) return;
        std::vector<GraphQLError> variable_errors =
            coerce_variables(m_schema, *operation, m_request.variables, m_variables);
        if (!variable_errors.empty()) {
            m_result.errors = std::move(variable_errors);
            return;
        }
        execute_operation(*operation);
    }

private:
    // §6.1 Executing Requests: GetOperation.
    const ast::OperationDefinition* select_operation() {
        const ast::OperationDefinition* operation = nullptr;
        for (const auto& definition : m_request.document->definitions) {
            if (const auto* candidate = std::get_if<ast::OperationDefinition>(&definition)) {
                if (!m_request.operation_name) {
                    if (operation != nullptr) {
                        request_error("Must provide operation name if query contains multiple operations.");
                        return nullptr;
                    }
                    operation = candidate;
                } else if (candidate->name && candidate->name->value == *m_request.operation_name) {
                    operation = candidate;
                }
            } else if (const auto* fragment = std::get_if<ast::FragmentDefinition>(&definition)) {
                m_fragments.push_back(fragment);
            }
        }
        if (operation == nullptr) {
            request_error(m_request.operation_name ? "Unknown operation named \"" + *m_request.operation_name + "\"."
                                                   : std::string("Must provide an operation."));
        }
        return operation;
    }

    void request_error(std::string message) { m_result.errors.push_back(GraphQLError{std::move(message), {}, {}, {}}); }

    void execute_operation(const ast::OperationDefinition& operation) {
        const NamedType* root = nullptr;
        const char* word = "query";
        switch (operation.operation) {
            case ast::OperationType::Query: root = m_schema.query_type(); break;
            case ast::OperationType::Mutation:
                root = m_schema.mutation_type();
                word = "mutation";
                break;
            case ast::OperationType::Subscription:
                root = m_schema.subscription_type();
                word = "subscription";
                break;
        }
        if (root == nullptr) {
            m_result.errors.push_back(GraphQLError{
                std::string("Schema is not configured to execute ") + word + " operation.", {operation.loc}, {}, {}});
            m_result.data = json::value(nullptr);
            return;
        }
        FieldCollection fields;
        std::vector<std::string_view> visited;
        if (auto failure = collect_fields(*root, operation.selection_set, fields, visited)) {
            m_result.errors.push_back(std::move(*failure));
            m_result.data = json::value(nullptr);
            return;
        }
        // §6.2.1/§6.2.2: in this synchronous engine, executing root fields in
        // order is the serial execution mutations require.
        json::object data(m_storage);
        ObjectRef root_ref;
        bool complete = execute_fields(*root, root_ref, fields, data);
        m_result.data = complete ? json::value(std::move(data)) : json::value(nullptr);
    }

    // §6.3.2 CollectFields.
    std::optional<GraphQLError> collect_fields(const NamedType& type, const ast::SelectionSet& selection_set,
                                               FieldCollection& fields, std::vector<std::string_view>& visited) {
        for (const auto& selection : selection_set.selections) {
            bool include = true;
            if (auto failure = should_include(selection.directives, include)) return failure;
            if (!include) continue;
            switch (selection.kind) {
                case ast::Selection::Kind::Field:
                    fields.entry(selection.response_key()).nodes.push_back(&selection);
                    break;
                case ast::Selection::Kind::InlineFragment:
                    if (selection.type_condition &&
                        !fragment_condition_matches(selection.type_condition->value, type)) {
                        break;
                    }
                    if (auto failure = collect_fields(type, selection.selection_set, fields, visited)) return failure;
                    break;
                case ast::Selection::Kind::FragmentSpread: {
                    std::string_view name = selection.name.value;
                    if (std::find(visited.begin(), visited.end(), name) != visited.end()) break;
                    visited.push_back(name);
                    const ast::FragmentDefinition* fragment = find_fragment(name);
                    if (fragment == nullptr || !fragment_condition_matches(fragment->type_condition.value, type)) break;
                    if (auto failure = collect_fields(type, fragment->selection_set, fields, visited)) return failure;
                    break;
                }
            }
        }
        return std::nullopt;
    }

    [[nodiscard]] const ast::FragmentDefinition* find_fragment(std::string_view name) const {
        for (const auto* fragment : m_fragments) {
            if (fragment->name.value == name) return fragment;
        }
        return nullptr;
    }

    /// §6.3.2 DoesFragmentTypeApply.
    [[nodiscard]] bool fragment_condition_matches(const std::string& condition, const NamedType& type) const {
        if (condition == type.name) return true;
        const NamedType* conditional = m_schema.type(condition);
        return conditional != nullptr && conditional->is_abstract() && m_schema.is_sub_type(conditional, &type);
    }

    /// §6.3.2 steps 2.a–2.b: @skip(if: true) and @include(if: false) leave a
    /// selection out.
    std::optional<GraphQLError> should_include(const std::vector<ast::Directive>& directives, bool& include) {
        include = true;
        for (const auto& directive : directives) {
            bool skip = directive.name.value == "skip";
            if (!skip && directive.name.value != "include") continue;
            const DirectiveDef* definition = m_schema.directive(directive.name.value);
            if (definition == nullptr) continue;
            json::object arguments;
            if (auto failure = coerce_argument_values(definition->arguments, directive.arguments, directive.loc,
                                                      &m_variables, arguments)) {
                return failure;
            }
            const json::value* condition = arguments.if_contains("if");
            if (condition == nullptr || !condition->is_bool()) continue;
            if (skip && condition->get_bool()) include = false;
            if (!skip && !condition->get_bool()) include = false;
        }
        return std::nullopt;
    }

    /// §6.3 ExecuteSelectionSet. False when a non-null field failed, which
    /// makes the whole object null (§6.4.4).
    bool execute_fields(const NamedType& type, const ObjectRef& parent, const FieldCollection& fields,
                        json::object& out) {
        out.reserve(fields.fields().size());
        for (const auto& field : fields.fields()) {
            const std::string& name = field.name();
            if (name == "__typename") {
                out.emplace(field.key, json::string(type.name, m_storage));
                continue;
            }
            const Field* definition = m_schema.field_def(&type, name);
            if (definition == nullptr) continue;  // validation reports unknown fields
            m_path.emplace_back(std::string(field.key));
            json::value& slot = out.emplace(field.key, nullptr).first->value();
            bool complete = execute_field(type, parent, field, *definition, slot);
            m_path.pop_back();
            if (!complete) return false;
        }
        return true;
    }

    /// §6.4 ExecuteField.
    bool execute_field(const NamedType& parent_type, const ObjectRef& parent, const CollectedField& field,
                       const Field& definition, json::value& out) {
        std::optional<FieldResult> result;
        json::object arguments;
        if (!definition.arguments.empty()) {
            if (auto failure = coerce_argument_values(definition.arguments, field.nodes.front()->arguments,
                                                      field.nodes.front()->loc, &m_variables, arguments)) {
                failure->path = m_path;
                m_result.errors.push_back(std::move(*failure));
                return absorb(definition.type, out);
            }
        }
        if (!definition.resolver && parent.data_type == typeid(json::object) && parent.data) {
            // graphql-js's default resolver: the parent's member of the field's name.
            const auto& object = *static_cast<const json::object*>(parent.data.get());
            const json::value* member = object.if_contains(definition.name);
            return complete_json(definition.type, parent_type, definition, field, member != nullptr ? *member : m_null,
                                 out) ||
                   absorb(definition.type, out);
        }
        result = resolve(parent_type, parent, definition, arguments);
        if (!result->ok()) {
            field_error(result->error().message, result->error().code, field);
            return absorb(definition.type, out);
        }
        if (!complete_value(definition.type, parent_type, definition, field, result->value(), out)) {
            return absorb(definition.type, out);
        }
        return true;
    }

    FieldResult resolve(const NamedType& parent_type, const ObjectRef& parent, const Field& definition,
                        const json::object& arguments) {
        ResolveContext context(&parent, arguments, m_request.context, definition, m_path, m_request.uploads);
        if (!definition.resolver) return default_resolve(parent_type, definition);
        // A resolver's exception is a field error, never the end of the request.
        try {
            return definition.resolver(context);
        } catch (const std::exception& error) {
            return FieldError{error.what(), std::string(INTERNAL_ERROR_CODE)};
        } catch (...) {
            return FieldError{"Unexpected error resolving " + parent_type.name + "." + definition.name + ".",
                              std::string(INTERNAL_ERROR_CODE)};
        }
    }

    static FieldResult default_resolve(const NamedType& parent_type, const Field& definition) {
        return FieldError{"No resolver is bound to " + parent_type.name + "." + definition.name + ".",
                          std::string(INTERNAL_ERROR_CODE)};
    }

    /// §6.4.4: an error at a nullable position makes it null; at a non-null
    /// position it propagates to the parent (false).
    static bool absorb(TypeView type, json::value& out) {
        if (type.is_non_null()) return false;
        out = nullptr;
        return true;
    }

    void field_error(std::string message, std::string code, const CollectedField& field) {
        m_result.errors.push_back(GraphQLError{std::move(message), locations_of(field), m_path, std::move(code)});
    }

    /// §6.4.3 CompleteValue. False when this position failed (the error is
    /// recorded); the caller makes it null or propagates.
    bool complete_value(TypeView type, const NamedType& parent_type, const Field& definition,
                        const CollectedField& field, const ResolvedValue& value, json::value& out) {
        if (value.kind() == ResolvedValue::Kind::Leaf) {
            return complete_json(type, parent_type, definition, field, value.leaf(), out);
        }
        if (type.is_non_null()) {
            if (!complete_value(type.of_type(), parent_type, definition, field, value, out)) return false;
            return out.is_null() ? null_in_non_null(parent_type, definition, field) : true;
        }
        if (value.kind() == ResolvedValue::Kind::Null) {
            out = nullptr;
            return true;
        }
        if (type.is_list()) {
            if (value.kind() != ResolvedValue::Kind::List) return not_iterable(parent_type, definition, field);
            TypeView item_type = type.of_type();
            const auto& items = value.items();
            json::array completed(m_storage);
            completed.reserve(items.size());
            for (size_t i = 0; i < items.size(); ++i) {
                m_path.emplace_back(static_cast<int64_t>(i));
                json::value& slot = completed.emplace_back(nullptr);
                bool complete = complete_value(item_type, parent_type, definition, field, items[i], slot) ||
                                absorb(item_type, slot);
                m_path.pop_back();
                if (!complete) return false;
            }
            out = std::move(completed);
            return true;
        }
        const NamedType& named = *type.named;
        if (named.is_leaf()) return complete_leaf(named, field, to_plain_json(value), out);
        if (value.kind() != ResolvedValue::Kind::Object) {
            return not_an_object(named, parent_type, definition, field, to_plain_json(value));
        }
        return complete_object(named, parent_type, definition, field, value.object_ref(), out);
    }

    /// CompleteValue for JSON results (leaves, and JSON lists and objects
    /// read through the default resolver), without copying them.
    bool complete_json(TypeView type, const NamedType& parent_type, const Field& definition,
                       const CollectedField& field, const json::value& value, json::value& out) {
        if (type.is_non_null()) {
            if (!complete_json(type.of_type(), parent_type, definition, field, value, out)) return false;
            return out.is_null() ? null_in_non_null(parent_type, definition, field) : true;
        }
        if (value.is_null()) {
            out = nullptr;
            return true;
        }
        if (type.is_list()) {
            if (!value.is_array()) return not_iterable(parent_type, definition, field);
            TypeView item_type = type.of_type();
            const auto& items = value.get_array();
            json::array completed(m_storage);
            completed.reserve(items.size());
            for (size_t i = 0; i < items.size(); ++i) {
                m_path.emplace_back(static_cast<int64_t>(i));
                json::value& slot = completed.emplace_back(nullptr);
                bool complete =
                    complete_json(item_type, parent_type, definition, field, items[i], slot) || absorb(item_type, slot);
                m_path.pop_back();
                if (!complete) return false;
            }
            out = std::move(completed);
            return true;
        }
        const NamedType& named = *type.named;
        if (named.is_leaf()) return complete_leaf(named, field, value, out);
        if (!value.is_object()) return not_an_object(named, parent_type, definition, field, value);
        return complete_object(named, parent_type, definition, field, json_object_ref(value.get_object()), out);
    }

    bool null_in_non_null(const NamedType& parent_type, const Field& definition, const CollectedField& field) {
        field_error("Cannot return null for non-nullable field " + parent_type.name + "." + definition.name + ".", {},
                    field);
        return false;
    }

    bool not_iterable(const NamedType& parent_type, const Field& definition, const CollectedField& field) {
        field_error(
            "Expected Iterable, but did not find one for field \"" + parent_type.name + "." + definition.name + "\".",
            {}, field);
        return false;
    }

    bool not_an_object(const NamedType& named, const NamedType& parent_type, const Field& definition,
                       const CollectedField& field, const json::value& value) {
        field_error("Expected a value of type \"" + named.name + "\" for field \"" + parent_type.name + "." +
                        definition.name + "\", but got: " + inspect(value) + ".",
                    {}, field);
        return false;
    }

    bool complete_leaf(const NamedType& named, const CollectedField& field, const json::value& value,
                       json::value& out) {
        std::string error;
        std::optional<json::value> serialized = serialize_leaf(named, value, &error);
        if (!serialized) {
            field_error(std::move(error), {}, field);
            return false;
        }
        out = std::move(*serialized);
        return true;
    }

    bool complete_object(const NamedType& named, const NamedType& parent_type, const Field& definition,
                         const CollectedField& field, const ObjectRef& object, json::value& out) {
        const NamedType* runtime = &named;
        if (named.is_abstract()) {
            runtime = resolve_abstract_type(named, parent_type, definition, field, object);
            if (runtime == nullptr) return false;
        }
        // §6.4.3 step 8: merge the selection sets of every node of the field.
        FieldCollection sub_fields;
        std::vector<std::string_view> visited;
        for (const auto* node : field.nodes) {
            if (auto failure = collect_fields(*runtime, node->selection_set, sub_fields, visited)) {
                failure->path = m_path;
                m_result.errors.push_back(std::move(*failure));
                return false;
            }
        }
        json::object completed(m_storage);
        if (!execute_fields(*runtime, object, sub_fields, completed)) return false;
        out = std::move(completed);
        return true;
    }

    /// §6.4.3 ResolveAbstractType: the object names its type, which must be
    /// a possible type of the field's abstract type.
    const NamedType* resolve_abstract_type(const NamedType& abstract, const NamedType& parent_type,
                                           const Field& definition, const CollectedField& field,
                                           const ObjectRef& object) {
        const NamedType* runtime = object.type;
        if (runtime == nullptr) {
            if (object.type_name.empty()) {
                field_error("Abstract type \"" + abstract.name +
                                "\" must resolve to an Object type at runtime for field \"" + parent_type.name + "." +
                                definition.name + "\". The resolver must name the object's type.",
                            {}, field);
                return nullptr;
            }
            runtime = m_schema.type(object.type_name);
            if (runtime == nullptr) {
                field_error("Abstract type \"" + abstract.name + "\" was resolved to a type \"" + object.type_name +
                                "\" that does not exist inside the schema.",
                            {}, field);
                return nullptr;
            }
        }
        if (runtime->kind != TypeKind::Object) {
            field_error(
                "Abstract type \"" + abstract.name + "\" was resolved to a non-object type \"" + runtime->name + "\".",
                {}, field);
            return nullptr;
        }
        if (!m_schema.is_sub_type(&abstract, runtime)) {
            field_error(
                "Runtime Object type \"" + runtime->name + "\" is not a possible type for \"" + abstract.name + "\".",
                {}, field);
            return nullptr;
        }
        return runtime;
    }

    const Schema& m_schema;
    const ExecutionRequest& m_request;
    ExecutionResult& m_result;
    json::storage_ptr m_storage;
    json::object m_variables;
    std::vector<const ast::FragmentDefinition*> m_fragments;
    std::vector<PathSegment> m_path;
    const json::value m_null;
};

/// The variable's type, or a null named type when the schema lacks it.
TypeRef variable_type(const Schema& schema, const ast::TypeRef& type) {
    return TypeRef{schema.type(type.name.value), type.wrappers};
}

}  // namespace

std::vector<GraphQLError> coerce_variables(const Schema& schema, const ast::OperationDefinition& operation,
                                           const json::object& given, json::object& coerced) {
    // §6.1.2 CoerceVariableValues, with graphql-js's messages.
    std::vector<GraphQLError> errors;
    bool aborted = false;
    auto report = [&](std::string message, Location location) {
        if (aborted) return;
        if (errors.size() >= MAX_VARIABLE_ERRORS) {
            errors.push_back(GraphQLError{
                "Too many errors processing variables, error limit reached. Execution aborted.", {}, {}, {}});
            aborted = true;
            return;
        }
        errors.push_back(GraphQLError{std::move(message), {location}, {}, {}});
    };
    for (const auto& definition : operation.variables) {
        if (aborted) break;
        const std::string& name = definition.variable.value;
        TypeRef type = variable_type(schema, definition.type);
        if (type.named == nullptr || !type.named->is_input()) {
            report("Variable \"$" + name + "\" expected value of type \"" + ast_type_string(definition.type) +
                       "\" which cannot be used as an input type.",
                   definition.type.loc);
            continue;
        }
        const json::value* value = given.if_contains(name);
        if (value == nullptr) {
            if (definition.default_value) {
                if (auto default_value = value_from_ast(*definition.default_value, type, nullptr)) {
                    coerced[name] = std::move(*default_value);
                }
            } else if (type.is_non_null()) {
                report("Variable \"$" + name + "\" of required type \"" + type.to_string() + "\" was not provided.",
                       definition.loc);
            }
            continue;
        }
        if (value->is_null() && type.is_non_null()) {
            report("Variable \"$" + name + "\" of non-null type \"" + type.to_string() + "\" must not be null.",
                   definition.loc);
            continue;
        }
        bool valid = true;
        json::value result = coerce_input_value(
            *value, type,
            [&](const std::vector<PathSegment>& path, const json::value& invalid, const std::string& message) {
                valid = false;
                std::string text = "Variable \"$" + name + "\" got invalid value " + inspect(invalid);
                if (!path.empty()) {
                    text += " at \"";
                    text += name;
                    text += print_path(path);
                    text += '"';
                }
                text += "; ";
                text += message;
                report(std::move(text), definition.loc);
            });
        if (valid) coerced[name] = std::move(result);
    }
    return errors;
}

ExecutionResult execute(const Schema& schema, const ExecutionRequest& request) {
    ExecutionResult result;
    if (request.document == nullptr) {
        result.errors.push_back(GraphQLError{"Must provide document.", {}, {}, {}});
        return result;
    }
    try {
        Executor executor(schema, request, result);
        executor.run();
    } catch (const std::exception& error) {
        // Only resource exhaustion gets here: resolvers' exceptions are
        // field errors. The request fails; the process carries on.
        result.errors.push_back(
            GraphQLError{std::string("Execution failed: ") + error.what(), {}, {}, std::string(INTERNAL_ERROR_CODE)});
        result.data = json::value(nullptr);
    }
    return result;
}

json::object to_json(const GraphQLError& error) {
    json::object out;
    out["message"] = error.message;
    if (!error.locations.empty()) {
        json::array locations;
        locations.reserve(error.locations.size());
        for (const auto& location : error.locations) {
            json::object point;
            point["line"] = location.line;
            point["column"] = location.column;
            locations.push_back(std::move(point));
        }
        out["locations"] = std::move(locations);
    }
    if (!error.path.empty()) {
        json::array path;
        path.reserve(error.path.size());
        for (const auto& segment : error.path) {
            if (const auto* index = std::get_if<int64_t>(&segment)) {
                path.emplace_back(*index);
            } else {
                path.emplace_back(std::get<std::string>(segment));
            }
        }
        out["path"] = std::move(path);
    }
    if (!error.code.empty()) {
        json::object extensions;
        extensions["code"] = error.code;
        out["extensions"] = std::move(extensions);
    }
    return out;
}

json::object to_json(const ExecutionResult& result) {
    // §7.1: `errors` first when present (never empty), then `data`.
    json::object out(result.data ? result.data->storage() : json::storage_ptr());
    if (!result.errors.empty()) {
        json::array errors;
        errors.reserve(result.errors.size());
        for (const auto& error : result.errors) errors.push_back(to_json(error));
        out["errors"] = std::move(errors);
    }
    if (result.data) out["data"] = *result.data;
    return out;
}

}  // namespace rampart::graphql
