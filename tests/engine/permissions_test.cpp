#include "engine/permissions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace rampart::engine {
namespace {

using model::Role;
using ::testing::HasSubstr;

// The product's decision, written out independently of the table in
// permissions.cpp: for each permission, the roles that hold it.
const std::map<Permission, std::set<Role>>& expected_grants() {
    static const std::set<Role> everyone = {Role::Admin, Role::SecurityAnalyst, Role::Developer, Role::Viewer};
    static const std::set<Role> security = {Role::Admin, Role::SecurityAnalyst};
    static const std::set<Role> workers = {Role::Admin, Role::SecurityAnalyst, Role::Developer};
    static const std::set<Role> admin = {Role::Admin};
    static const std::map<Permission, std::set<Role>> grants = {
        {Permission::ReadCatalogs, everyone},      {Permission::ReadProjects, everyone},
        {Permission::ReadFindings, everyone},      {Permission::CreateProject, security},
        {Permission::EditProject, security},       {Permission::ChangeProjectStatus, security},
        {Permission::MoveRequirement, workers},    {Permission::AttachEvidence, workers},
        {Permission::ReviewRequirement, security}, {Permission::ManageAssets, security},
        {Permission::ImportScans, workers},        {Permission::ManageFindings, security},
        {Permission::RunValidation, security},     {Permission::ImportCatalogs, security},
        {Permission::ManageUsers, admin},          {Permission::ManageApiKeys, admin},
        {Permission::ManageOwnApiKeys, workers},
    };
    return grants;
}

TEST(PermissionTable, EveryRoleAndPermission) {
    ASSERT_EQ(all_permissions().size(), expected_grants().size()) << "a permission without a decided row";
    for (const auto permission : all_permissions()) {
        const auto expected = expected_grants().find(permission);
        ASSERT_NE(expected, expected_grants().end()) << to_string(permission);
        for (const auto role : all_roles()) {
            EXPECT_EQ(allows(role, permission), expected->second.count(role) != 0)
                << model::to_string(role) << " × " << to_string(permission);
        }
    }
}

TEST(PermissionTable, TheRolesAsTheProductDescribesThem) {
    EXPECT_EQ(permissions_of(Role::Admin), all_permissions()) << "admin: everything";
    for (const auto permission : all_permissions()) {
        const bool company_administration =
            permission == Permission::ManageUsers || permission == Permission::ManageApiKeys;
        EXPECT_EQ(allows(Role::SecurityAnalyst, permission), !company_administration) << to_string(permission);
    }
    EXPECT_EQ(permissions_of(Role::Developer),
              (std::vector<Permission>{Permission::ReadCatalogs, Permission::ReadProjects, Permission::ReadFindings,
                                       Permission::MoveRequirement, Permission::AttachEvidence, Permission::ImportScans,
                                       Permission::ManageOwnApiKeys}));
    EXPECT_EQ(permissions_of(Role::Viewer),
              (std::vector<Permission>{Permission::ReadCatalogs, Permission::ReadProjects, Permission::ReadFindings}));
}

TEST(PermissionRequire, ForbiddenNamesTheRoleAndThePermission) {
    EXPECT_TRUE(require(Role::Developer, Permission::ImportScans).ok());
    const auto refused = require(Role::SecurityAnalyst, Permission::ManageUsers);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(refused.error().message, HasSubstr("security_analyst"));
    EXPECT_THAT(refused.error().message, HasSubstr("manage_users"));
}

TEST(PermissionNames, RoundTripAndAreUnique) {
    std::set<std::string_view> names;
    for (const auto permission : all_permissions()) {
        const auto name = to_string(permission);
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_EQ(permission_from_string(name), permission) << name;
    }
    EXPECT_EQ(permission_from_string("fly"), std::nullopt);
    EXPECT_EQ(all_roles().size(), 4u);
}

}  // namespace
}  // namespace rampart::engine
