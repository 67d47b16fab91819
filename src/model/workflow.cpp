#include "model/workflow.h"

#include <array>
#include <utility>

namespace rampart::model {
namespace {

template <typename Enum, size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) return name;
    }
    return "unknown";
}

template <typename Enum, size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [candidate, name] : table) {
        if (name == text) return candidate;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<ProjectStatus, std::string_view>, 4> PROJECT_STATUSES = {{
    {ProjectStatus::Planned, "PLANNED"},
    {ProjectStatus::Running, "RUNNING"},
    {ProjectStatus::Fixing, "FIXING"},
    {ProjectStatus::Done, "DONE"},
}};
constexpr std::array<std::pair<RequirementStatus, std::string_view>, 4> REQUIREMENT_STATUSES = {{
    {RequirementStatus::NotStarted, "NOT_STARTED"},
    {RequirementStatus::InProgress, "IN_PROGRESS"},
    {RequirementStatus::NotApplicable, "NOT_APPLICABLE"},
    {RequirementStatus::Done, "DONE"},
}};
constexpr std::array<std::pair<RequirementAction, std::string_view>, 4> REQUIREMENT_ACTIONS = {{
    {RequirementAction::Start, "start"},
    {RequirementAction::NotApply, "not_apply"},
    {RequirementAction::Finish, "finish"},
    {RequirementAction::Restart, "restart"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 4> ROLES = {{
    {Role::Admin, "admin"},
    {Role::SecurityAnalyst, "security_analyst"},
    {Role::Developer, "developer"},
    {Role::Viewer, "viewer"},
}};

}  // namespace

std::string_view to_string(ProjectStatus status) { return name_of(PROJECT_STATUSES, status); }
std::string_view to_string(RequirementStatus status) { return name_of(REQUIREMENT_STATUSES, status); }
std::string_view to_string(RequirementAction action) { return name_of(REQUIREMENT_ACTIONS, action); }
std::string_view to_string(Role role) { return name_of(ROLES, role); }
std::optional<ProjectStatus> project_status_from_string(std::string_view text) {
    return value_of(PROJECT_STATUSES, text);
}
std::optional<RequirementStatus> requirement_status_from_string(std::string_view text) {
    return value_of(REQUIREMENT_STATUSES, text);
}
std::optional<RequirementAction> requirement_action_from_string(std::string_view text) {
    return value_of(REQUIREMENT_ACTIONS, text);
}
std::optional<Role> role_from_string(std::string_view text) { return value_of(ROLES, text); }

}  // namespace rampart::model
