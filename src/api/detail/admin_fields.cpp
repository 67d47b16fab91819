#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/detail/binding.h"
#include "api/detail/fields.h"
#include "api/detail/inputs.h"
#include "api/detail/nodes.h"
#include "engine/permissions.h"

namespace rampart::api::detail {
namespace {

using graphql::ResolvedValue;
using model::ApiKey;

std::string role_name(model::Role role) { return enum_value(model::to_string(role)); }

std::vector<std::string> permission_names(model::Role role) {
    std::vector<std::string> names;
    for (const auto permission : engine::permissions_of(role))
        names.push_back(enum_value(engine::to_string(permission)));
    return names;
}

Answer users(const Call& call) {
    auto members = RAMPART_TRY(call.admin().members(call.actor()));
    std::vector<UserNode> nodes;
    nodes.reserve(members.size());
    for (auto& [user, role] : members) nodes.push_back({std::move(user), role});
    return objects("User", std::move(nodes));
}

Answer current_user_name(const Call& call, const model::Actor& actor) {
    const auto members = RAMPART_TRY(call.admin().members(actor));
    for (const auto& [user, role] : members) {
        if (user.id == actor.user_id) return ResolvedValue(user.name);
    }
    return ResolvedValue(std::string());
}

Answer create_key(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto email = get_string(input, "email").value_or(call.actor().email);
    auto role = call.actor().role;
    if (const auto wanted = get_string(input, "role")) role = RAMPART_TRY(role_from(*wanted));
    const auto name = get_string(input, "name").value_or("");
    return object("CreatedApiKey", RAMPART_TRY(call.admin().create_key(call.actor(), email, role, name)));
}

Answer revoke_key(const Call& call) {
    const auto prefix = get_string(call.object_arg("input"), "prefix").value_or("");
    RAMPART_TRY(call.admin().revoke_key(call.actor(), prefix));
    const auto keys = RAMPART_TRY(call.admin().list_keys(call.actor()));
    const auto found = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& key) { return key.prefix == prefix; });
    if (found == keys.end()) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("no API key {}", prefix));
    }
    return object("ApiKey", *found);
}

}  // namespace

void bind_admin_fields(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<void>(schema, "Query", problems)
        .field("me", [](const Call& call) { return object("CurrentUser", CurrentUserNode{call.actor()}); })
        .field("users", users)
        .field("roles",
               [](const Call&) {
                   std::vector<RoleNode> roles;
                   for (const auto role : engine::all_roles()) roles.push_back({role});
                   return objects("RoleDefinition", std::move(roles));
               })
        .field("apiKeys", [](const Call& call) -> Answer {
            return objects("ApiKey", RAMPART_TRY(call.admin().list_keys(call.actor())));
        });

    TypeBinder<void>(schema, "Mutation", problems).field("createApiKey", create_key).field("revokeApiKey", revoke_key);

    TypeBinder<CurrentUserNode>(schema, "CurrentUser", problems)
        .field("id", [](const CurrentUserNode& n, const Call&) { return id_of(n.actor.user_id); })
        .field("email", [](const CurrentUserNode& n, const Call&) { return n.actor.email; })
        .field("name", [](const CurrentUserNode& n, const Call& c) { return current_user_name(c, n.actor); })
        .field("role", [](const CurrentUserNode& n, const Call&) { return role_name(n.actor.role); })
        .field("permissions", [](const CurrentUserNode& n, const Call&) { return permission_names(n.actor.role); })
        .field("company", [](const CurrentUserNode& n, const Call& c) -> Answer {
            return object("Company", RAMPART_TRY(c.admin().company(n.actor)));
        });

    TypeBinder<model::Company>(schema, "Company", problems)
        .field("id", [](const model::Company& c, const Call&) { return id_of(c.id); })
        .field("name", [](const model::Company& c, const Call&) { return c.name; });

    TypeBinder<UserNode>(schema, "User", problems)
        .field("id", [](const UserNode& n, const Call&) { return id_of(n.user.id); })
        .field("email", [](const UserNode& n, const Call&) { return n.user.email; })
        .field("name", [](const UserNode& n, const Call&) { return n.user.name; })
        .field("role", [](const UserNode& n, const Call&) { return role_name(n.role); })
        .field("createdAt", [](const UserNode& n, const Call&) { return n.user.created_at; });

    TypeBinder<RoleNode>(schema, "RoleDefinition", problems)
        .field("role", [](const RoleNode& n, const Call&) { return role_name(n.role); })
        .field("permissions", [](const RoleNode& n, const Call&) { return permission_names(n.role); });

    TypeBinder<ApiKey>(schema, "ApiKey", problems)
        .field("id", [](const ApiKey& k, const Call&) { return id_of(k.id); })
        .field("prefix", [](const ApiKey& k, const Call&) { return k.prefix; })
        .field("name", [](const ApiKey& k, const Call&) { return k.name; })
        .field("userEmail", [](const ApiKey& k, const Call&) { return k.user_email; })
        .field("role", [](const ApiKey& k, const Call&) { return role_name(k.role); })
        .field("createdAt", [](const ApiKey& k, const Call&) { return k.created_at; })
        .field("lastUsedAt", [](const ApiKey& k, const Call&) { return k.last_used_at; })
        .field("revokedAt", [](const ApiKey& k, const Call&) { return k.revoked_at; })
        .field("active", [](const ApiKey& k, const Call&) { return !k.revoked_at.has_value(); });

    TypeBinder<app::CreatedApiKey>(schema, "CreatedApiKey", problems)
        .field("plainKey", [](const app::CreatedApiKey& k, const Call&) { return k.plain_key; })
        .field("apiKey", [](const app::CreatedApiKey& k, const Call&) { return object("ApiKey", k.record); });
}

}  // namespace rampart::api::detail
