#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "graphql/ast.h"
#include "graphql/detail/type_info.h"

namespace rampart::graphql::detail {

/// What an enter hook answers: go on into the node's children, or skip them
/// (graphql-js visitors return `false`; the leave hook of a skipped node is
/// not called).
enum class Visit : uint8_t { Continue, Skip };

/// The directive location (GraphQL spec §3.13) of the node a directive is
/// applied to: "QUERY", "FIELD", "ARGUMENT_DEFINITION", …
struct DirectiveHost {
    std::string_view location;
};

/// The hooks a validation rule may implement, in graphql-js's visiting
/// order of the document (QueryDocumentKeys). Every hook does nothing by
/// default.
class Visitor {
public:
    Visitor() = default;
    Visitor(const Visitor&) = delete;
    Visitor& operator=(const Visitor&) = delete;
    Visitor(Visitor&&) = delete;
    Visitor& operator=(Visitor&&) = delete;
    virtual ~Visitor() = default;

    virtual Visit enter_document(const ast::Document& /*document*/) { return Visit::Continue; }
    virtual void leave_document(const ast::Document& /*document*/) {}
    virtual Visit enter_operation(const ast::OperationDefinition& /*operation*/) { return Visit::Continue; }
    virtual void leave_operation(const ast::OperationDefinition& /*operation*/) {}
    virtual Visit enter_fragment_definition(const ast::FragmentDefinition& /*fragment*/) { return Visit::Continue; }
    virtual void leave_fragment_definition(const ast::FragmentDefinition& /*fragment*/) {}
    /// A schema, type or directive definition or extension (GraphQL spec §3).
    virtual Visit enter_type_system_definition(const ast::Definition& /*definition*/) { return Visit::Continue; }
    virtual void leave_type_system_definition(const ast::Definition& /*definition*/) {}
    virtual Visit enter_variable_definition(const ast::VariableDefinition& /*definition*/) { return Visit::Continue; }
    virtual void leave_variable_definition(const ast::VariableDefinition& /*definition*/) {}
    virtual Visit enter_selection_set(const ast::SelectionSet& /*set*/, bool /*of_inline_fragment*/) {
        return Visit::Continue;
    }
    virtual void leave_selection_set(const ast::SelectionSet& /*set*/) {}
    virtual Visit enter_field(const ast::Selection& /*field*/) { return Visit::Continue; }
    virtual void leave_field(const ast::Selection& /*field*/) {}
    virtual Visit enter_fragment_spread(const ast::Selection& /*spread*/) { return Visit::Continue; }
    virtual void leave_fragment_spread(const ast::Selection& /*spread*/) {}
    virtual Visit enter_inline_fragment(const ast::Selection& /*fragment*/) { return Visit::Continue; }
    virtual void leave_inline_fragment(const ast::Selection& /*fragment*/) {}
    virtual Visit enter_directive(const ast::Directive& /*directive*/, const DirectiveHost& /*host*/) {
        return Visit::Continue;
    }
    virtual void leave_directive(const ast::Directive& /*directive*/) {}
    virtual Visit enter_argument(const ast::Argument& /*argument*/) { return Visit::Continue; }
    virtual void leave_argument(const ast::Argument& /*argument*/) {}
    virtual Visit enter_value(const ast::Value& /*value*/) { return Visit::Continue; }
    virtual void leave_value(const ast::Value& /*value*/) {}
    virtual Visit enter_object_field(const ast::ObjectField& /*field*/) { return Visit::Continue; }
    virtual void leave_object_field(const ast::ObjectField& /*field*/) {}
    /// Definitions inside type-system definitions that carry directives.
    virtual void enter_field_definition(const ast::FieldDefinition& /*definition*/) {}
    virtual void enter_input_value_definition(const ast::InputValueDefinition& /*definition*/) {}
    virtual void enter_enum_value_definition(const ast::EnumValueDefinition& /*definition*/) {}
    /// A reference to a named type: in a variable's type, a fragment's type
    /// condition, or a type-system definition.
    virtual void enter_named_type(const ast::Name& /*name*/) {}
};

/// Walks a whole document, keeping `type_info` up to date around every hook
/// (graphql-js `visit(document, visitWithTypeInfo(typeInfo, visitor))`).
void walk(const ast::Document& document, TypeInfo& type_info, Visitor& visitor);
/// Walks one operation or fragment definition alone.
void walk(const ast::OperationDefinition& operation, TypeInfo& type_info, Visitor& visitor);
void walk(const ast::FragmentDefinition& fragment, TypeInfo& type_info, Visitor& visitor);

/// Runs several visitors in one walk (graphql-js `visitInParallel`): a
/// visitor that skips a node stops receiving hooks until that node is left,
/// the others go on.
class ParallelVisitor final : public Visitor {
public:
    explicit ParallelVisitor(std::vector<Visitor*> visitors)
        : m_visitors(std::move(visitors)), m_skipping(m_visitors.size(), nullptr) {}

    Visit enter_document(const ast::Document& node) override;
    void leave_document(const ast::Document& node) override;
    Visit enter_operation(const ast::OperationDefinition& node) override;
    void leave_operation(const ast::OperationDefinition& node) override;
    Visit enter_fragment_definition(const ast::FragmentDefinition& node) override;
    void leave_fragment_definition(const ast::FragmentDefinition& node) override;
    Visit enter_type_system_definition(const ast::Definition& node) override;
    void leave_type_system_definition(const ast::Definition& node) override;
    Visit enter_variable_definition(const ast::VariableDefinition& node) override;
    void leave_variable_definition(const ast::VariableDefinition& node) override;
    Visit enter_selection_set(const ast::SelectionSet& node, bool of_inline_fragment) override;
    void leave_selection_set(const ast::SelectionSet& node) override;
    Visit enter_field(const ast::Selection& node) override;
    void leave_field(const ast::Selection& node) override;
    Visit enter_fragment_spread(const ast::Selection& node) override;
    void leave_fragment_spread(const ast::Selection& node) override;
    Visit enter_inline_fragment(const ast::Selection& node) override;
    void leave_inline_fragment(const ast::Selection& node) override;
    void enter_field_definition(const ast::FieldDefinition& definition) override;
    void enter_input_value_definition(const ast::InputValueDefinition& definition) override;
    void enter_enum_value_definition(const ast::EnumValueDefinition& definition) override;
    Visit enter_directive(const ast::Directive& node, const DirectiveHost& host) override;
    void leave_directive(const ast::Directive& node) override;
    Visit enter_argument(const ast::Argument& node) override;
    void leave_argument(const ast::Argument& node) override;
    Visit enter_value(const ast::Value& node) override;
    void leave_value(const ast::Value& node) override;
    Visit enter_object_field(const ast::ObjectField& node) override;
    void leave_object_field(const ast::ObjectField& node) override;
    void enter_named_type(const ast::Name& name) override;

private:
    template <typename Enter>
    Visit enter(const void* node, Enter&& hook);
    template <typename Leave>
    void leave(const void* node, Leave&& hook);

    std::vector<Visitor*> m_visitors;
    /// The node each visitor skips, or null.
    std::vector<const void*> m_skipping;
};

}  // namespace rampart::graphql::detail
