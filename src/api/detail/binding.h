#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "api/context.h"
#include "app/catalog_service.h"
#include "core/error.h"
#include "engine/catalog_graph.h"
#include "graphql/schema.h"
#include "model/project.h"
#include "storage/tenancy_store.h"

namespace rampart::api::detail {

/// What one request loaded once and reuses: catalog graphs by the versions
/// they were read with, and projects by id (their catalog versions and items
/// never change, so a project read earlier in the request still answers
/// those).
struct RequestCache {
    std::map<std::string, std::shared_ptr<const engine::CatalogGraph>> graphs;
    std::map<int64_t, std::shared_ptr<const model::Project>> projects;
};

/// The field error for an expected failure: the message with its
/// diagnostics (file:line, JSON pointer) and the GraphQL code from core's
/// error table.
[[nodiscard]] graphql::FieldError to_field_error(const core::Error& error);

/// What a resolver sees: the arguments, the caller and their services.
class Call {
public:
    explicit Call(const graphql::ResolveContext& context) : m_context(context) {}

    [[nodiscard]] const graphql::ResolveContext& context() const { return m_context; }
    [[nodiscard]] RequestContext& request() const { return m_context.context<RequestContext>(); }
    [[nodiscard]] const model::Actor& actor() const { return request().actor; }
    [[nodiscard]] app::ProjectService& projects() const { return request().services->projects; }
    [[nodiscard]] app::AdminService& admin() const { return request().services->admin; }
    [[nodiscard]] app::CatalogService& catalogs() const { return request().services->catalogs; }

    /// An argument's value; null when it is absent or JSON null.
    [[nodiscard]] const boost::json::value* arg(std::string_view name) const;
    /// An input-object argument (`input`, `filter`, …); empty when absent.
    [[nodiscard]] const boost::json::object& object_arg(std::string_view name) const;

    /// The page chosen by the `page` and `limit` arguments (InvalidArgument
    /// outside 1.. and 1..1000).
    [[nodiscard]] core::Result<storage::PageRequest> page() const;

    /// The catalogs of `selection`, loaded once per request.
    [[nodiscard]] core::Result<std::shared_ptr<const engine::CatalogGraph>> graph(
        const app::CatalogSelection& selection) const;
    /// A project of the caller's company, read once per request (for the
    /// parts that never change: its items and catalog versions).
    [[nodiscard]] core::Result<std::shared_ptr<const model::Project>> project(int64_t project_id) const;
    /// Remembers a project just read, so later fields need not read it again.
    void remember(const model::Project& project) const;

private:
    [[nodiscard]] RequestCache& cache() const;

    const graphql::ResolveContext& m_context;
};

/// The catalog versions a project was generated with.
[[nodiscard]] app::CatalogSelection catalogs_of(const model::Project& project);

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<core::Result<T>> : std::true_type {};

/// A plain C++ value as a resolved leaf or list: strings, numbers, booleans,
/// optionals (null when empty) and vectors of them. Objects are built with
/// `object` and pass through.
template <typename T>
graphql::ResolvedValue resolved(T&& value) {
    using V = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<V, graphql::ResolvedValue>) {
        return std::forward<T>(value);
    } else if constexpr (std::is_same_v<V, bool>) {
        return boost::json::value(value);
    } else if constexpr (std::is_integral_v<V>) {
        return boost::json::value(static_cast<int64_t>(value));
    } else if constexpr (std::is_floating_point_v<V>) {
        return boost::json::value(static_cast<double>(value));
    } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
        return std::string(std::string_view(value));
    } else if constexpr (IsOptional<V>::value) {
        return value ? resolved(*std::forward<T>(value)) : graphql::ResolvedValue::null();
    } else if constexpr (IsVector<V>::value) {
        std::vector<graphql::ResolvedValue> items;
        items.reserve(value.size());
        for (auto&& item : value) items.push_back(resolved(item));
        return graphql::ResolvedValue::list(std::move(items));
    } else {
        static_assert(IsVector<V>::value, "no GraphQL value for this C++ type");
    }
}

/// A resolver's answer as the engine takes it; a failed core::Result
/// becomes a field error.
template <typename T>
graphql::FieldResult field_result(T&& value) {
    using V = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<V, graphql::FieldResult>) {
        return std::forward<T>(value);
    } else if constexpr (IsResult<V>::value) {
        if (!value.ok()) return to_field_error(value.error());
        if constexpr (std::is_same_v<V, core::Result<void>>) {
            return graphql::ResolvedValue::null();
        } else {
            return field_result(std::forward<T>(value).value());
        }
    } else {
        return graphql::FieldResult(resolved(std::forward<T>(value)));
    }
}

/// An object of the schema type `type_name` backed by `value`.
template <typename T>
graphql::ResolvedValue object(std::string_view type_name, T value) {
    return graphql::ResolvedValue::object<T>(type_name, std::move(value));
}

/// A list of objects of one schema type.
template <typename T>
graphql::ResolvedValue objects(std::string_view type_name, std::vector<T> values) {
    std::vector<graphql::ResolvedValue> items;
    items.reserve(values.size());
    for (auto& value : values) items.push_back(object(type_name, std::move(value)));
    return graphql::ResolvedValue::list(std::move(items));
}

/// An id as GraphQL's ID type serializes it.
[[nodiscard]] inline std::string id_of(int64_t id) { return std::to_string(id); }

/// Binds the fields of one object type, one line each: a field's function
/// takes the parent (`const T&`) and the Call, or only the Call for the root
/// types (T = void), and answers anything `field_result` takes.
template <typename T>
class TypeBinder {
public:
    TypeBinder(graphql::Schema& schema, std::string type_name, std::vector<std::string>& problems)
        : m_schema(schema), m_type(std::move(type_name)), m_problems(problems) {}

    template <typename F>
    TypeBinder& field(std::string_view name, F function) {
        graphql::Resolver resolver = [function](const graphql::ResolveContext& context) -> graphql::FieldResult {
            const Call call(context);
            if constexpr (std::is_void_v<T>) {
                return field_result(function(call));
            } else {
                return field_result(function(context.parent<T>(), call));
            }
        };
        if (!m_schema.bind(m_type, name, std::move(resolver))) {
            m_problems.push_back(m_type + "." + std::string(name) + " is not in the schema");
        }
        return *this;
    }

private:
    graphql::Schema& m_schema;
    std::string m_type;
    std::vector<std::string>& m_problems;
};

/// The result type a resolver that may fail answers.
using Answer = core::Result<graphql::ResolvedValue>;

}  // namespace rampart::api::detail
