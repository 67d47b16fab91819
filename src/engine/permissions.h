#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/workflow.h"

namespace rampart::engine {

/// What a role may do within its company. Every use case checks one of these
/// before it acts; the table in permissions.cpp is the single place that
/// grants them.
enum class Permission {
    ReadCatalogs,         ///< browse and search ASVS, CAPEC and CWE
    ReadProjects,         ///< projects, their requirements, evidence and history
    ReadFindings,         ///< assets, vulnerabilities and validation results
    CreateProject,        ///< threat-model a new project
    EditProject,          ///< change a project's details, items and requirements
    ChangeProjectStatus,  ///< PLANNED → RUNNING → FIXING → DONE and back
    MoveRequirement,      ///< start, not apply, finish, restart
    AttachEvidence,       ///< upload evidence files
    ReviewRequirement,    ///< accept or reject the evidence of a settled requirement
    ManageAssets,         ///< create, rename and delete assets
    ImportScans,          ///< import scanner reports
    ManageFindings,       ///< enter, edit and close findings by hand (pentests)
    RunValidation,        ///< start a validation run
    ImportCatalogs,       ///< import catalog files
    ManageUsers,          ///< invite users, change roles, disable accounts
    ManageApiKeys,        ///< every API key of the company
    ManageOwnApiKeys,     ///< the caller's own API keys
};

/// Every permission, in declaration order.
[[nodiscard]] const std::vector<Permission>& all_permissions();
/// Every role, in declaration order.
[[nodiscard]] const std::vector<model::Role>& all_roles();

[[nodiscard]] std::string_view to_string(Permission permission);  ///< "manage_users", …
[[nodiscard]] std::optional<Permission> permission_from_string(std::string_view text);

/// Whether the role holds the permission:
///  - admin: every permission;
///  - security_analyst: every one except managing users and the company's API keys;
///  - developer: reading, moving requirements, attaching evidence, importing
///    scans and managing their own API keys;
///  - viewer: reading only.
[[nodiscard]] bool allows(model::Role role, Permission permission);

/// The permissions the role holds, in declaration order.
[[nodiscard]] std::vector<Permission> permissions_of(model::Role role);

/// Succeeds when the role holds the permission; otherwise a Forbidden error
/// that names both.
[[nodiscard]] core::Result<void> require(model::Role role, Permission permission);

}  // namespace rampart::engine
