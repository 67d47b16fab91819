#include "graphql/schema.h"

#include <algorithm>

namespace rampart::graphql {

namespace {

template <typename Item>
const Item* find_by_name(const std::vector<Item>& items, std::string_view name) {
    for (const auto& item : items) {
        if (item.name == name) return &item;
    }
    return nullptr;
}

}  // namespace

const InputValue* Field::argument(std::string_view arg_name) const { return find_by_name(arguments, arg_name); }

const InputValue* DirectiveDef::argument(std::string_view arg_name) const { return find_by_name(arguments, arg_name); }

const Field* NamedType::field(std::string_view field_name) const { return find_by_name(fields, field_name); }

const InputValue* NamedType::input_field(std::string_view field_name) const {
    return find_by_name(input_fields, field_name);
}

const EnumValue* NamedType::enum_value(std::string_view value_name) const {
    return find_by_name(enum_values, value_name);
}

ResolvedValue::ResolvedValue(boost::json::value leaf) : m_kind(leaf.is_null() ? Kind::Null : Kind::Leaf) {
    if (m_kind == Kind::Leaf) m_leaf = std::move(leaf);
}

ResolvedValue ResolvedValue::list(std::vector<ResolvedValue> items) {
    ResolvedValue value;
    value.m_kind = Kind::List;
    value.m_items = std::move(items);
    return value;
}

const NamedType* Schema::type(std::string_view name) const {
    // Heterogeneous look-up is C++20 only with a transparent hash; the
    // schema's types are few, and this is not on the per-field path.
    auto found = m_by_name.find(std::string(name));
    return found == m_by_name.end() ? nullptr : found->second;
}

const DirectiveDef* Schema::directive(std::string_view name) const { return find_by_name(m_directives, name); }

const Field* Schema::field_def(const NamedType* parent, std::string_view name) const {
    if (parent == nullptr) return nullptr;
    // GraphQL spec §4.1: the meta-fields are implicit and never listed.
    if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
        if (name == "__typename") {
            return parent->kind == TypeKind::Object || parent->is_abstract() ? &m_typename_field : nullptr;
        }
        if (parent == m_query) {
            if (name == "__schema") return &m_schema_field;
            if (name == "__type") return &m_type_field;
        }
    }
    if (parent->kind != TypeKind::Object && parent->kind != TypeKind::Interface) return nullptr;
    return parent->field(name);
}

bool Schema::is_sub_type(const NamedType* super, const NamedType* sub) const {
    if (super == nullptr || sub == nullptr) return false;
    if (super == sub) return true;
    if (super->kind == TypeKind::Union) {
        return std::find(super->possible_types.begin(), super->possible_types.end(), sub) !=
               super->possible_types.end();
    }
    if (super->kind == TypeKind::Interface && (sub->kind == TypeKind::Object || sub->kind == TypeKind::Interface)) {
        return std::find(sub->interfaces.begin(), sub->interfaces.end(), super) != sub->interfaces.end();
    }
    return false;
}

std::vector<const NamedType*> Schema::possible_types(const NamedType* type) const {
    if (type == nullptr) return {};
    if (type->kind == TypeKind::Object) return {type};
    if (type->is_abstract()) return type->possible_types;
    return {};
}

bool Schema::bind(std::string_view type_name, std::string_view field_name, Resolver resolver) {
    auto found = m_by_name.find(std::string(type_name));
    if (found == m_by_name.end()) return false;
    NamedType& named = *found->second;
    if (named.kind != TypeKind::Object) return false;
    for (auto& field : named.fields) {
        if (field.name == field_name) {
            field.resolver = std::move(resolver);
            return true;
        }
    }
    return false;
}

std::vector<std::string> Schema::unbound_fields() const {
    std::vector<std::string> unbound;
    for (const auto& named : m_types) {
        if (named->kind != TypeKind::Object || named->built_in) continue;
        for (const auto& field : named->fields) {
            if (!field.resolver) unbound.push_back(named->name + "." + field.name);
        }
    }
    return unbound;
}

}  // namespace rampart::graphql
