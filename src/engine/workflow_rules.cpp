#include "engine/workflow_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/text.h"
#include "engine/permissions.h"

namespace rampart::engine {
namespace {

using model::ProjectStatus;
using model::RequirementAction;
using model::RequirementStatus;
using model::Role;

template <typename Value>
std::string join_names(const std::vector<Value>& values) {
    if (values.empty()) return "none";
    std::string out;
    for (const auto& value : values) {
        if (!out.empty()) out += ", ";
        out += model::to_string(value);
    }
    return out;
}

const RequirementMove* requirement_move(RequirementAction action) {
    for (const auto& move : requirement_moves()) {
        if (move.action == action) return &move;
    }
    return nullptr;
}

core::Error missing(std::string pointer, std::string message) {
    core::Diagnostic diagnostic;
    diagnostic.where.pointer = std::move(pointer);
    diagnostic.message = message;
    return core::Error{core::ErrorCode::InvalidArgument, std::move(message), {std::move(diagnostic)}};
}

}  // namespace

const std::vector<ProjectMove>& project_moves() {
    static const std::vector<ProjectMove> moves = {
        {ProjectStatus::Planned, ProjectStatus::Running},
        {ProjectStatus::Running, ProjectStatus::Fixing},
        {ProjectStatus::Fixing, ProjectStatus::Done},
        {ProjectStatus::Fixing, ProjectStatus::Running},  // the security team sends it back
        {ProjectStatus::Done, ProjectStatus::Running},    // reopened
    };
    return moves;
}

std::vector<ProjectStatus> allowed_project_moves(ProjectStatus from) {
    std::vector<ProjectStatus> out;
    for (const auto& move : project_moves()) {
        if (move.from == from) out.push_back(move.to);
    }
    return out;
}

core::Result<ProjectStatus> change_project_status(ProjectStatus from, ProjectStatus to) {
    const auto allowed = allowed_project_moves(from);
    if (std::find(allowed.begin(), allowed.end(), to) != allowed.end()) return to;
    return core::Error::make(
        core::ErrorCode::Conflict,
        fmt::format("a project cannot move from {} to {}; from {} it may move to: {}", model::to_string(from),
                    model::to_string(to), model::to_string(from), join_names(allowed)));
}

const std::vector<RequirementMove>& requirement_moves() {
    static const std::vector<RequirementMove> moves = {
        {RequirementAction::Start, {RequirementStatus::NotStarted}, RequirementStatus::InProgress},
        {RequirementAction::NotApply,
         {RequirementStatus::NotStarted, RequirementStatus::InProgress},
         RequirementStatus::NotApplicable},
        {RequirementAction::Finish,
         {RequirementStatus::NotStarted, RequirementStatus::InProgress},
         RequirementStatus::Done},
        {RequirementAction::Restart,
         {RequirementStatus::NotApplicable, RequirementStatus::Done},
         RequirementStatus::NotStarted},
    };
    return moves;
}

std::vector<RequirementAction> allowed_requirement_actions(RequirementStatus from) {
    std::vector<RequirementAction> out;
    for (const auto& move : requirement_moves()) {
        if (std::find(move.from.begin(), move.from.end(), from) != move.from.end()) out.push_back(move.action);
    }
    return out;
}

core::Result<void> may_act_on_requirements(Role role, ProjectStatus project) {
    RAMPART_TRY(require(role, Permission::MoveRequirement));
    if (project == ProjectStatus::Done) {
        return core::Error::make(core::ErrorCode::Conflict,
                                 "the project is DONE, so its requirements are frozen; reopen it (DONE → RUNNING) "
                                 "to change them");
    }
    if (role == Role::Developer && project != ProjectStatus::Running) {
        return core::Error::make(
            core::ErrorCode::Conflict,
            fmt::format("the project is {}, so its requirements are frozen for developers; they may act while it is "
                        "RUNNING",
                        model::to_string(project)));
    }
    return {};
}

core::Result<RequirementStatus> apply_requirement_action(RequirementStatus from,
                                                         const RequirementActionRequest& request) {
    RAMPART_TRY(require(request.role, Permission::MoveRequirement));
    if (request.evidence_files > 0) RAMPART_TRY(require(request.role, Permission::AttachEvidence));
    RAMPART_TRY(may_act_on_requirements(request.role, request.project_status));

    const auto* move = requirement_move(request.action);
    if (move == nullptr || std::find(move->from.begin(), move->from.end(), from) == move->from.end()) {
        return core::Error::make(core::ErrorCode::Conflict,
                                 fmt::format("cannot {} a requirement that is {}; from {} the allowed actions are: {}",
                                             model::to_string(request.action), model::to_string(from),
                                             model::to_string(from), join_names(allowed_requirement_actions(from))));
    }
    if (request.action == RequirementAction::NotApply && core::trim(request.justification).empty()) {
        return missing("/justification", "marking a requirement not applicable needs a written justification");
    }
    if (request.action == RequirementAction::Finish && core::trim(request.evidence_text).empty() &&
        request.evidence_files <= 0) {
        return missing("/evidence", "finishing a requirement needs evidence: a text, at least one file, or both");
    }
    return move->to;
}

}  // namespace rampart::engine
