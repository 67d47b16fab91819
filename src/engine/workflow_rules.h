#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/workflow.h"

namespace rampart::engine {

// The project and requirement state machines of DESIGN.md §1, flow 2, as
// tables. They decide only whether a move is allowed; recording who moved
// what, when and why is the application layer's job.

/// One allowed project status change.
struct ProjectMove {
    model::ProjectStatus from;
    model::ProjectStatus to;
};

/// Every allowed project status change: PLANNED → RUNNING, RUNNING → FIXING,
/// FIXING → DONE, FIXING → RUNNING (sent back), DONE → RUNNING (reopened).
[[nodiscard]] const std::vector<ProjectMove>& project_moves();

/// The statuses a project may move to from `from`, in table order.
[[nodiscard]] std::vector<model::ProjectStatus> allowed_project_moves(model::ProjectStatus from);

/// The new status when the move is in the table; otherwise a Conflict error
/// naming both statuses and the moves allowed from `from`. Staying in the
/// same status is not a move and is refused too.
[[nodiscard]] core::Result<model::ProjectStatus> change_project_status(model::ProjectStatus from,
                                                                       model::ProjectStatus to);

/// One row of the requirement table: an action, the statuses it may start
/// from, and where it leads.
struct RequirementMove {
    model::RequirementAction action;
    std::vector<model::RequirementStatus> from;
    model::RequirementStatus to;
};

/// The requirement table:
///  - start:     NOT_STARTED                → IN_PROGRESS
///  - not_apply: NOT_STARTED, IN_PROGRESS   → NOT_APPLICABLE (needs a justification)
///  - finish:    NOT_STARTED, IN_PROGRESS   → DONE (needs evidence: text and/or files)
///  - restart:   NOT_APPLICABLE, DONE       → NOT_STARTED
///
/// Restart leads back to NOT_STARTED, not IN_PROGRESS: reopening says the
/// justification or evidence no longer holds, not that anyone is working on
/// it, and the one who reopens is often the analyst who rejected it rather
/// than the developer who will do the work. Start stays the only way into
/// IN_PROGRESS, so the history always says who took the work up.
[[nodiscard]] const std::vector<RequirementMove>& requirement_moves();

/// The actions allowed on a requirement in `from`, in table order.
[[nodiscard]] std::vector<model::RequirementAction> allowed_requirement_actions(model::RequirementStatus from);

/// Whether `role` may act on requirements while the project is in `project`.
///
///  - Viewers never may (Forbidden: they lack MoveRequirement).
///  - Developers may only while the project is RUNNING: before that the work
///    has not been handed over (PLANNED), and in FIXING and DONE the
///    requirements are frozen for them (DESIGN.md §1).
///  - Security analysts and admins may in PLANNED (triage, e.g. marking
///    requirements not applicable before the work starts), RUNNING and
///    FIXING (reviewing: restarting a requirement whose evidence they reject).
///  - Nobody may while the project is DONE: a finished project is reopened
///    first (DONE → RUNNING), so every late change is visible in its history.
///
/// A refusal because of the project status is a Conflict naming the status.
[[nodiscard]] core::Result<void> may_act_on_requirements(model::Role role, model::ProjectStatus project);

/// Everything an action on one requirement depends on.
struct RequirementActionRequest {
    model::RequirementAction action = model::RequirementAction::Start;
    model::Role role = model::Role::Viewer;
    model::ProjectStatus project_status = model::ProjectStatus::Planned;
    std::string_view justification;  ///< not_apply: why the requirement does not apply
    std::string_view evidence_text;  ///< finish: the written evidence, if any
    int evidence_files = 0;          ///< finish: files attached (already checked for type and size)
};

/// Applies the action to a requirement in `from` and answers the new status.
/// Checks, in order: the role (Forbidden without MoveRequirement, or without
/// AttachEvidence when files come with it), the project status (Conflict, see
/// may_act_on_requirements), the table (Conflict naming the action, the
/// status and the actions allowed from it), then what the action needs
/// (InvalidArgument: a non-blank justification for not_apply, non-blank
/// evidence text or at least one file for finish).
[[nodiscard]] core::Result<model::RequirementStatus> apply_requirement_action(model::RequirementStatus from,
                                                                              const RequirementActionRequest& request);

}  // namespace rampart::engine
