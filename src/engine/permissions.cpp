#include "engine/permissions.h"

#include <fmt/format.h>

#include <array>

namespace rampart::engine {
namespace {

// One row per permission: its name, then whether admin, security_analyst,
// developer and viewer hold it (the order of model::Role).
struct Grant {
    Permission permission;
    std::string_view name;
    std::array<bool, 4> roles;
};

constexpr bool Y = true;
constexpr bool N = false;

// clang-format off
constexpr std::array<Grant, 17> GRANTS = {{
    //                                                            {admin, analyst, developer, viewer}
    {Permission::ReadCatalogs,        "read_catalogs",         {Y, Y, Y, Y}},
    {Permission::ReadProjects,        "read_projects",         {Y, Y, Y, Y}},
    {Permission::ReadFindings,        "read_findings",         {Y, Y, Y, Y}},
    {Permission::CreateProject,       "create_project",        {Y, Y, N, N}},
    {Permission::EditProject,         "edit_project",          {Y, Y, N, N}},
    {Permission::ChangeProjectStatus, "change_project_status", {Y, Y, N, N}},
    {Permission::MoveRequirement,     "move_requirement",      {Y, Y, Y, N}},
    {Permission::AttachEvidence,      "attach_evidence",       {Y, Y, Y, N}},
    {Permission::ReviewRequirement,   "review_requirement",    {Y, Y, N, N}},
    {Permission::ManageAssets,        "manage_assets",         {Y, Y, N, N}},
    {Permission::ImportScans,         "import_scans",          {Y, Y, Y, N}},
    {Permission::ManageFindings,      "manage_findings",       {Y, Y, N, N}},
    {Permission::RunValidation,       "run_validation",        {Y, Y, N, N}},
    {Permission::ImportCatalogs,      "import_catalogs",       {Y, Y, N, N}},
    {Permission::ManageUsers,         "manage_users",          {Y, N, N, N}},
    {Permission::ManageApiKeys,       "manage_api_keys",       {Y, N, N, N}},
    {Permission::ManageOwnApiKeys,    "manage_own_api_keys",   {Y, Y, Y, N}},
}};
// clang-format on

const Grant* grant_of(Permission permission) {
    for (const auto& grant : GRANTS) {
        if (grant.permission == permission) return &grant;
    }
    return nullptr;
}

}  // namespace

const std::vector<Permission>& all_permissions() {
    static const std::vector<Permission> permissions = [] {
        std::vector<Permission> out;
        out.reserve(GRANTS.size());
        for (const auto& grant : GRANTS) out.push_back(grant.permission);
        return out;
    }();
    return permissions;
}

const std::vector<model::Role>& all_roles() {
    static const std::vector<model::Role> roles = {model::Role::Admin, model::Role::SecurityAnalyst,
                                                   model::Role::Developer, model::Role::Viewer};
    return roles;
}

std::string_view to_string(Permission permission) {
    const auto* grant = grant_of(permission);
    return grant == nullptr ? "unknown" : grant->name;
}

std::optional<Permission> permission_from_string(std::string_view text) {
    for (const auto& grant : GRANTS) {
        if (grant.name == text) return grant.permission;
    }
    return std::nullopt;
}

bool allows(model::Role role, Permission permission) {
    const auto* grant = grant_of(permission);
    const auto column = static_cast<size_t>(role);
    return grant != nullptr && column < grant->roles.size() && grant->roles[column];
}

std::vector<Permission> permissions_of(model::Role role) {
    std::vector<Permission> out;
    for (const auto& grant : GRANTS) {
        if (allows(role, grant.permission)) out.push_back(grant.permission);
    }
    return out;
}

core::Result<void> require(model::Role role, Permission permission) {
    if (allows(role, permission)) return {};
    return core::Error::make(core::ErrorCode::Forbidden, fmt::format("the role {} lacks the permission {}",
                                                                     model::to_string(role), to_string(permission)));
}

}  // namespace rampart::engine
