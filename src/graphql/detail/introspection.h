#pragma once

#include <string_view>

#include "graphql/schema.h"

namespace rampart::graphql::detail {

/// The built-in definitions every schema has, in SDL: the scalars Int,
/// Float, String, Boolean and ID, the directives @include, @skip,
/// @deprecated and @specifiedBy, and the introspection types of GraphQL
/// spec §4.2, with graphql-js v16's descriptions.
[[nodiscard]] std::string_view builtin_sdl();

/// Binds the resolvers of the introspection types (__Schema, __Type, …) of
/// `schema`, which answer from the schema itself.
void bind_introspection(Schema& schema);

/// The resolvers of the meta-fields `__schema` and `__type(name:)` (§4.1).
[[nodiscard]] Resolver schema_meta_resolver(const Schema& schema);
[[nodiscard]] Resolver type_meta_resolver(const Schema& schema);

}  // namespace rampart::graphql::detail
