#pragma once

#include <optional>
#include <string_view>

namespace rampart::model {

/// A project's life: PLANNED → RUNNING → FIXING → DONE, with FIXING → RUNNING
/// (sent back) and DONE → RUNNING (reopened).
enum class ProjectStatus { Planned, Running, Fixing, Done };

/// A requirement's state inside a project.
enum class RequirementStatus { NotStarted, InProgress, NotApplicable, Done };

/// What a person does to a requirement.
enum class RequirementAction { Start, NotApply, Finish, Restart };

/// Roles within a company.
enum class Role { Admin, SecurityAnalyst, Developer, Viewer };

[[nodiscard]] std::string_view to_string(ProjectStatus status);      ///< "PLANNED"
[[nodiscard]] std::string_view to_string(RequirementStatus status);  ///< "NOT_STARTED"
[[nodiscard]] std::string_view to_string(RequirementAction action);  ///< "start", "not_apply", …
[[nodiscard]] std::string_view to_string(Role role);                 ///< "admin", "security_analyst", …
[[nodiscard]] std::optional<ProjectStatus> project_status_from_string(std::string_view text);
[[nodiscard]] std::optional<RequirementStatus> requirement_status_from_string(std::string_view text);
[[nodiscard]] std::optional<RequirementAction> requirement_action_from_string(std::string_view text);
[[nodiscard]] std::optional<Role> role_from_string(std::string_view text);

}  // namespace rampart::model
