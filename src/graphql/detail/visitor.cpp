#include "graphql/detail/visitor.h"

#include <variant>

namespace rampart::graphql::detail {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool has_selection_set(const ast::SelectionSet& set) { return set.loc.line != 0 || !set.selections.empty(); }

std::string_view operation_location(ast::OperationType type) {
    switch (type) {
        case ast::OperationType::Query: return "QUERY";
        case ast::OperationType::Mutation: return "MUTATION";
        case ast::OperationType::Subscription: return "SUBSCRIPTION";
    }
    return "QUERY";
}

std::string_view type_location(ast::TypeDefinitionKind kind) {
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

/// The walk itself: graphql-js `visit` over QueryDocumentKeys, with the
/// TypeInfo updates of `visitWithTypeInfo` around each hook.
class Walker {
public:
    Walker(TypeInfo& type_info, Visitor& visitor) : m_info(type_info), m_visitor(visitor) {}

    void document(const ast::Document& document) {
        if (m_visitor.enter_document(document) == Visit::Skip) return;
        for (const auto& definition : document.definitions) {
            std::visit(
                Overloaded{
                    [this](const ast::OperationDefinition& node) { operation(node); },
                    [this](const ast::FragmentDefinition& node) { fragment_definition(node); },
                    [this, &definition](const ast::SchemaDefinition& node) { schema_definition(definition, node); },
                    [this, &definition](const ast::TypeDefinition& node) { type_definition(definition, node); },
                    [this, &definition](const ast::DirectiveDefinition& node) {
                        directive_definition(definition, node);
                    },
                },
                definition);
        }
        m_visitor.leave_document(document);
    }

    void operation(const ast::OperationDefinition& node) {
        m_info.enter_operation(node);
        if (m_visitor.enter_operation(node) == Visit::Continue) {
            DirectiveHost host{operation_location(node.operation)};
            for (const auto& variable : node.variables) variable_definition(variable);
            directives(node.directives, host);
            selection_set(node.selection_set, false);
            m_visitor.leave_operation(node);
        }
        m_info.leave_typed_scope();
    }

    void fragment_definition(const ast::FragmentDefinition& node) {
        m_info.enter_fragment(node.type_condition);
        if (m_visitor.enter_fragment_definition(node) == Visit::Continue) {
            DirectiveHost host{"FRAGMENT_DEFINITION"};
            m_visitor.enter_named_type(node.type_condition);
            directives(node.directives, host);
            selection_set(node.selection_set, false);
            m_visitor.leave_fragment_definition(node);
        }
        m_info.leave_typed_scope();
    }

private:
    void variable_definition(const ast::VariableDefinition& node) {
        m_info.enter_variable_definition(node);
        if (m_visitor.enter_variable_definition(node) == Visit::Continue) {
            DirectiveHost host{"VARIABLE_DEFINITION"};
            m_visitor.enter_named_type(node.type.name);
            if (node.default_value) value(*node.default_value);
            directives(node.directives, host);
            m_visitor.leave_variable_definition(node);
        }
        m_info.leave_variable_definition();
    }

    void selection_set(const ast::SelectionSet& node, bool of_inline_fragment) {
        m_info.enter_selection_set();
        if (m_visitor.enter_selection_set(node, of_inline_fragment) == Visit::Continue) {
            for (const auto& selection : node.selections) {
                switch (selection.kind) {
                    case ast::Selection::Kind::Field: field(selection); break;
                    case ast::Selection::Kind::FragmentSpread: fragment_spread(selection); break;
                    case ast::Selection::Kind::InlineFragment: inline_fragment(selection); break;
                }
            }
            m_visitor.leave_selection_set(node);
        }
        m_info.leave_selection_set();
    }

    void field(const ast::Selection& node) {
        m_info.enter_field(node);
        if (m_visitor.enter_field(node) == Visit::Continue) {
            DirectiveHost host{"FIELD"};
            for (const auto& argument_node : node.arguments) argument(argument_node);
            directives(node.directives, host);
            if (has_selection_set(node.selection_set)) selection_set(node.selection_set, false);
            m_visitor.leave_field(node);
        }
        m_info.leave_field();
    }

    void fragment_spread(const ast::Selection& node) {
        if (m_visitor.enter_fragment_spread(node) == Visit::Continue) {
            DirectiveHost host{"FRAGMENT_SPREAD"};
            directives(node.directives, host);
            m_visitor.leave_fragment_spread(node);
        }
    }

    void inline_fragment(const ast::Selection& node) {
        m_info.enter_fragment(node.type_condition);
        if (m_visitor.enter_inline_fragment(node) == Visit::Continue) {
            DirectiveHost host{"INLINE_FRAGMENT"};
            if (node.type_condition) m_visitor.enter_named_type(*node.type_condition);
            directives(node.directives, host);
            selection_set(node.selection_set, true);
            m_visitor.leave_inline_fragment(node);
        }
        m_info.leave_typed_scope();
    }

    void directives(const std::vector<ast::Directive>& nodes, const DirectiveHost& host) {
        for (const auto& node : nodes) {
            m_info.enter_directive(node);
            if (m_visitor.enter_directive(node, host) == Visit::Continue) {
                for (const auto& argument_node : node.arguments) argument(argument_node);
                m_visitor.leave_directive(node);
            }
            m_info.leave_directive();
        }
    }

    void argument(const ast::Argument& node) {
        m_info.enter_argument(node);
        if (m_visitor.enter_argument(node) == Visit::Continue) {
            value(node.value);
            m_visitor.leave_argument(node);
        }
        m_info.leave_argument();
    }

    void value(const ast::Value& node) {
        switch (node.kind) {
            case ast::ValueKind::List:
                m_info.enter_list();
                if (m_visitor.enter_value(node) == Visit::Continue) {
                    for (const auto& item : node.list) value(item);
                    m_visitor.leave_value(node);
                }
                m_info.leave_input_position();
                break;
            case ast::ValueKind::Object:
                if (m_visitor.enter_value(node) == Visit::Continue) {
                    for (const auto& field : node.fields) object_field(field);
                    m_visitor.leave_value(node);
                }
                break;
            case ast::ValueKind::Enum:
                m_info.enter_enum(node);
                if (m_visitor.enter_value(node) == Visit::Continue) m_visitor.leave_value(node);
                m_info.leave_enum();
                break;
            default:
                if (m_visitor.enter_value(node) == Visit::Continue) m_visitor.leave_value(node);
                break;
        }
    }

    void object_field(const ast::ObjectField& node) {
        m_info.enter_object_field(node);
        if (m_visitor.enter_object_field(node) == Visit::Continue) {
            value(node.value);
            m_visitor.leave_object_field(node);
        }
        m_info.leave_input_position();
    }

    // Type-system definitions (GraphQL spec §3): executable documents may not
    // hold them (§5.1.1), but the other rules still look inside, as
    // graphql-js does.

    void schema_definition(const ast::Definition& definition, const ast::SchemaDefinition& node) {
        if (m_visitor.enter_type_system_definition(definition) == Visit::Skip) return;
        DirectiveHost host{"SCHEMA"};
        directives(node.directives, host);
        for (const auto& operation_type : node.operation_types) m_visitor.enter_named_type(operation_type.type);
        m_visitor.leave_type_system_definition(definition);
    }

    void type_definition(const ast::Definition& definition, const ast::TypeDefinition& node) {
        if (m_visitor.enter_type_system_definition(definition) == Visit::Skip) return;
        DirectiveHost host{type_location(node.kind)};
        for (const auto& interface : node.interfaces) m_visitor.enter_named_type(interface);
        directives(node.directives, host);
        for (const auto& field : node.fields) {
            DirectiveHost field_host{"FIELD_DEFINITION"};
            m_visitor.enter_field_definition(field);
            for (const auto& argument_definition : field.arguments) {
                input_value_definition(argument_definition, "ARGUMENT_DEFINITION");
            }
            m_visitor.enter_named_type(field.type.name);
            directives(field.directives, field_host);
        }
        for (const auto& input_field : node.input_fields) input_value_definition(input_field, "INPUT_FIELD_DEFINITION");
        for (const auto& member : node.union_members) m_visitor.enter_named_type(member);
        for (const auto& enum_value : node.enum_values) {
            DirectiveHost value_host{"ENUM_VALUE"};
            m_visitor.enter_enum_value_definition(enum_value);
            directives(enum_value.directives, value_host);
        }
        m_visitor.leave_type_system_definition(definition);
    }

    void directive_definition(const ast::Definition& definition, const ast::DirectiveDefinition& node) {
        if (m_visitor.enter_type_system_definition(definition) == Visit::Skip) return;
        for (const auto& argument_definition : node.arguments) {
            input_value_definition(argument_definition, "ARGUMENT_DEFINITION");
        }
        m_visitor.leave_type_system_definition(definition);
    }

    void input_value_definition(const ast::InputValueDefinition& node, std::string_view location) {
        DirectiveHost host{location};
        m_visitor.enter_input_value_definition(node);
        m_visitor.enter_named_type(node.type.name);
        if (node.default_value) value(*node.default_value);
        directives(node.directives, host);
    }

    TypeInfo& m_info;
    Visitor& m_visitor;
};

}  // namespace

void walk(const ast::Document& document, TypeInfo& type_info, Visitor& visitor) {
    Walker(type_info, visitor).document(document);
}

void walk(const ast::OperationDefinition& operation, TypeInfo& type_info, Visitor& visitor) {
    Walker(type_info, visitor).operation(operation);
}

void walk(const ast::FragmentDefinition& fragment, TypeInfo& type_info, Visitor& visitor) {
    Walker(type_info, visitor).fragment_definition(fragment);
}

template <typename Enter>
Visit ParallelVisitor::enter(const void* node, Enter&& hook) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr && hook(*m_visitors[i]) == Visit::Skip) m_skipping[i] = node;
    }
    return Visit::Continue;
}

template <typename Leave>
void ParallelVisitor::leave(const void* node, Leave&& hook) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr) {
            hook(*m_visitors[i]);
        } else if (m_skipping[i] == node) {
            m_skipping[i] = nullptr;
        }
    }
}

Visit ParallelVisitor::enter_document(const ast::Document& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_document(node); });
}
void ParallelVisitor::leave_document(const ast::Document& node) {
    leave(&node, [&](Visitor& v) { v.leave_document(node); });
}
Visit ParallelVisitor::enter_operation(const ast::OperationDefinition& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_operation(node); });
}
void ParallelVisitor::leave_operation(const ast::OperationDefinition& node) {
    leave(&node, [&](Visitor& v) { v.leave_operation(node); });
}
Visit ParallelVisitor::enter_fragment_definition(const ast::FragmentDefinition& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_fragment_definition(node); });
}
void ParallelVisitor::leave_fragment_definition(const ast::FragmentDefinition& node) {
    leave(&node, [&](Visitor& v) { v.leave_fragment_definition(node); });
}
Visit ParallelVisitor::enter_type_system_definition(const ast::Definition& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_type_system_definition(node); });
}
void ParallelVisitor::leave_type_system_definition(const ast::Definition& node) {
    leave(&node, [&](Visitor& v) { v.leave_type_system_definition(node); });
}
Visit ParallelVisitor::enter_variable_definition(const ast::VariableDefinition& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_variable_definition(node); });
}
void ParallelVisitor::leave_variable_definition(const ast::VariableDefinition& node) {
    leave(&node, [&](Visitor& v) { v.leave_variable_definition(node); });
}
Visit ParallelVisitor::enter_selection_set(const ast::SelectionSet& node, bool of_inline_fragment) {
    return enter(&node, [&](Visitor& v) { return v.enter_selection_set(node, of_inline_fragment); });
}
void ParallelVisitor::leave_selection_set(const ast::SelectionSet& node) {
    leave(&node, [&](Visitor& v) { v.leave_selection_set(node); });
}
Visit ParallelVisitor::enter_field(const ast::Selection& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_field(node); });
}
void ParallelVisitor::leave_field(const ast::Selection& node) {
    leave(&node, [&](Visitor& v) { v.leave_field(node); });
}
Visit ParallelVisitor::enter_fragment_spread(const ast::Selection& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_fragment_spread(node); });
}
void ParallelVisitor::leave_fragment_spread(const ast::Selection& node) {
    leave(&node, [&](Visitor& v) { v.leave_fragment_spread(node); });
}
Visit ParallelVisitor::enter_inline_fragment(const ast::Selection& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_inline_fragment(node); });
}
void ParallelVisitor::leave_inline_fragment(const ast::Selection& node) {
    leave(&node, [&](Visitor& v) { v.leave_inline_fragment(node); });
}
void ParallelVisitor::enter_field_definition(const ast::FieldDefinition& definition) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr) m_visitors[i]->enter_field_definition(definition);
    }
}
void ParallelVisitor::enter_input_value_definition(const ast::InputValueDefinition& definition) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr) m_visitors[i]->enter_input_value_definition(definition);
    }
}
void ParallelVisitor::enter_enum_value_definition(const ast::EnumValueDefinition& definition) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr) m_visitors[i]->enter_enum_value_definition(definition);
    }
}
Visit ParallelVisitor::enter_directive(const ast::Directive& node, const DirectiveHost& host) {
    return enter(&node, [&](Visitor& v) { return v.enter_directive(node, host); });
}
void ParallelVisitor::leave_directive(const ast::Directive& node) {
    leave(&node, [&](Visitor& v) { v.leave_directive(node); });
}
Visit ParallelVisitor::enter_argument(const ast::Argument& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_argument(node); });
}
void ParallelVisitor::leave_argument(const ast::Argument& node) {
    leave(&node, [&](Visitor& v) { v.leave_argument(node); });
}
Visit ParallelVisitor::enter_value(const ast::Value& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_value(node); });
}
void ParallelVisitor::leave_value(const ast::Value& node) {
    leave(&node, [&](Visitor& v) { v.leave_value(node); });
}
Visit ParallelVisitor::enter_object_field(const ast::ObjectField& node) {
    return enter(&node, [&](Visitor& v) { return v.enter_object_field(node); });
}
void ParallelVisitor::leave_object_field(const ast::ObjectField& node) {
    leave(&node, [&](Visitor& v) { v.leave_object_field(node); });
}
void ParallelVisitor::enter_named_type(const ast::Name& name) {
    for (size_t i = 0; i < m_visitors.size(); ++i) {
        if (m_skipping[i] == nullptr) m_visitors[i]->enter_named_type(name);
    }
}

}  // namespace rampart::graphql::detail
