#include "engine/workflow_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>

namespace rampart::engine {
namespace {

using model::ProjectStatus;
using model::RequirementAction;
using model::RequirementStatus;
using model::Role;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::array<ProjectStatus, 4> PROJECT_STATUSES = {ProjectStatus::Planned, ProjectStatus::Running,
                                                           ProjectStatus::Fixing, ProjectStatus::Done};
constexpr std::array<RequirementStatus, 4> REQUIREMENT_STATUSES = {
    RequirementStatus::NotStarted, RequirementStatus::InProgress, RequirementStatus::NotApplicable,
    RequirementStatus::Done};
constexpr std::array<RequirementAction, 4> ACTIONS = {RequirementAction::Start, RequirementAction::NotApply,
                                                      RequirementAction::Finish, RequirementAction::Restart};
constexpr std::array<Role, 4> ROLES = {Role::Admin, Role::SecurityAnalyst, Role::Developer, Role::Viewer};

constexpr bool Y = true;
constexpr bool N = false;

TEST(WorkflowRulesProject, EveryFromAndToAsInTheDesign) {
    // Rows: from; columns: to; both in the order PLANNED, RUNNING, FIXING, DONE.
    constexpr std::array<std::array<bool, 4>, 4> ALLOWED = {{
        /* PLANNED */ {N, Y, N, N},
        /* RUNNING */ {N, N, Y, N},
        /* FIXING  */ {N, Y, N, Y},
        /* DONE    */ {N, Y, N, N},
    }};
    for (size_t from = 0; from < PROJECT_STATUSES.size(); ++from) {
        for (size_t to = 0; to < PROJECT_STATUSES.size(); ++to) {
            const auto from_status = PROJECT_STATUSES[from];
            const auto to_status = PROJECT_STATUSES[to];
            const auto cell =
                std::string(model::to_string(from_status)) + " → " + std::string(model::to_string(to_status));
            const auto result = change_project_status(from_status, to_status);
            if (ALLOWED[from][to]) {
                ASSERT_TRUE(result.ok()) << cell << ": " << result.error().to_string();
                EXPECT_EQ(*result, to_status) << cell;
                continue;
            }
            ASSERT_FALSE(result.ok()) << cell;
            EXPECT_EQ(result.error().code, core::ErrorCode::Conflict) << cell;
            EXPECT_THAT(result.error().message, HasSubstr(std::string(model::to_string(from_status)))) << cell;
            EXPECT_THAT(result.error().message, HasSubstr(std::string(model::to_string(to_status)))) << cell;
            for (const auto allowed : allowed_project_moves(from_status)) {
                EXPECT_THAT(result.error().message, HasSubstr(std::string(model::to_string(allowed)))) << cell;
            }
        }
    }
}

TEST(WorkflowRulesProject, TheRefusalNamesTheAllowedMoves) {
    const auto result = change_project_status(ProjectStatus::Fixing, ProjectStatus::Planned);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message,
              "a project cannot move from FIXING to PLANNED; from FIXING it may move to: DONE, RUNNING");
    EXPECT_THAT(allowed_project_moves(ProjectStatus::Planned), ElementsAre(ProjectStatus::Running));
    EXPECT_THAT(allowed_project_moves(ProjectStatus::Fixing), ElementsAre(ProjectStatus::Done, ProjectStatus::Running));
    EXPECT_EQ(project_moves().size(), 5u);
}

RequirementActionRequest settled_request(RequirementAction action) {
    RequirementActionRequest request;
    request.action = action;
    request.role = Role::SecurityAnalyst;
    request.project_status = ProjectStatus::Running;
    request.justification = "the service has no user accounts";
    request.evidence_text = "parameterized queries everywhere, see merge request 42";
    request.evidence_files = 1;
    return request;
}

TEST(WorkflowRulesRequirement, EveryStatusAndActionAsDecided) {
    constexpr auto NOT_STARTED = RequirementStatus::NotStarted;
    constexpr auto IN_PROGRESS = RequirementStatus::InProgress;
    constexpr auto NOT_APPLICABLE = RequirementStatus::NotApplicable;
    constexpr auto DONE = RequirementStatus::Done;
    // Rows: from (NOT_STARTED, IN_PROGRESS, NOT_APPLICABLE, DONE); columns:
    // start, not_apply, finish, restart; nothing = refused.
    const std::array<std::array<std::optional<RequirementStatus>, 4>, 4> EXPECTED = {{
        /* NOT_STARTED    */ {IN_PROGRESS, NOT_APPLICABLE, DONE, std::nullopt},
        /* IN_PROGRESS    */ {std::nullopt, NOT_APPLICABLE, DONE, std::nullopt},
        /* NOT_APPLICABLE */ {std::nullopt, std::nullopt, std::nullopt, NOT_STARTED},
        /* DONE           */ {std::nullopt, std::nullopt, std::nullopt, NOT_STARTED},
    }};
    for (size_t from = 0; from < REQUIREMENT_STATUSES.size(); ++from) {
        for (size_t action = 0; action < ACTIONS.size(); ++action) {
            const auto from_status = REQUIREMENT_STATUSES[from];
            const auto cell =
                std::string(model::to_string(ACTIONS[action])) + " on " + std::string(model::to_string(from_status));
            const auto result = apply_requirement_action(from_status, settled_request(ACTIONS[action]));
            const auto& expected = EXPECTED[from][action];
            if (expected) {
                ASSERT_TRUE(result.ok()) << cell << ": " << result.error().to_string();
                EXPECT_EQ(*result, *expected) << cell;
                continue;
            }
            ASSERT_FALSE(result.ok()) << cell;
            EXPECT_EQ(result.error().code, core::ErrorCode::Conflict) << cell;
            EXPECT_THAT(result.error().message, HasSubstr(std::string(model::to_string(ACTIONS[action])))) << cell;
            EXPECT_THAT(result.error().message, HasSubstr(std::string(model::to_string(from_status)))) << cell;
        }
    }
}

TEST(WorkflowRulesRequirement, TheRefusalNamesTheAllowedActions) {
    const auto result = apply_requirement_action(RequirementStatus::Done, settled_request(RequirementAction::Finish));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message,
              "cannot finish a requirement that is DONE; from DONE the allowed actions are: restart");
    EXPECT_THAT(allowed_requirement_actions(RequirementStatus::NotStarted),
                ElementsAre(RequirementAction::Start, RequirementAction::NotApply, RequirementAction::Finish));
    EXPECT_THAT(allowed_requirement_actions(RequirementStatus::InProgress),
                ElementsAre(RequirementAction::NotApply, RequirementAction::Finish));
}

TEST(WorkflowRulesRequirement, NotApplyNeedsAWrittenJustification) {
    auto request = settled_request(RequirementAction::NotApply);
    for (const std::string_view blank : {"", "   ", " \t\r\n "}) {
        request.justification = blank;
        const auto result = apply_requirement_action(RequirementStatus::InProgress, request);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, core::ErrorCode::InvalidArgument);
        ASSERT_EQ(result.error().diagnostics.size(), 1u);
        EXPECT_EQ(result.error().diagnostics[0].where.pointer, "/justification");
    }
    request.justification = "no file uploads in this service";
    EXPECT_TRUE(apply_requirement_action(RequirementStatus::InProgress, request).ok());
}

TEST(WorkflowRulesRequirement, FinishNeedsTextOrFilesOrBoth) {
    auto request = settled_request(RequirementAction::Finish);
    request.evidence_text = "  ";
    request.evidence_files = 0;
    const auto none = apply_requirement_action(RequirementStatus::InProgress, request);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_EQ(none.error().diagnostics.at(0).where.pointer, "/evidence");

    request.evidence_files = 2;
    EXPECT_TRUE(apply_requirement_action(RequirementStatus::InProgress, request).ok()) << "files only";
    request.evidence_files = 0;
    request.evidence_text = "see the test report";
    EXPECT_TRUE(apply_requirement_action(RequirementStatus::InProgress, request).ok()) << "text only";
    request.evidence_files = 1;
    EXPECT_TRUE(apply_requirement_action(RequirementStatus::InProgress, request).ok()) << "both";
}

TEST(WorkflowRulesRequirement, WhoMayActInWhichProjectStatus) {
    enum Outcome { Ok, Frozen, Forbidden };
    // Rows: role (admin, security_analyst, developer, viewer); columns:
    // project status (PLANNED, RUNNING, FIXING, DONE).
    constexpr std::array<std::array<Outcome, 4>, 4> EXPECTED = {{
        /* admin            */ {Ok, Ok, Ok, Frozen},
        /* security_analyst */ {Ok, Ok, Ok, Frozen},
        /* developer        */ {Frozen, Ok, Frozen, Frozen},
        /* viewer           */ {Forbidden, Forbidden, Forbidden, Forbidden},
    }};
    for (size_t role = 0; role < ROLES.size(); ++role) {
        for (size_t status = 0; status < PROJECT_STATUSES.size(); ++status) {
            const auto cell = std::string(model::to_string(ROLES[role])) + " in " +
                              std::string(model::to_string(PROJECT_STATUSES[status]));
            auto request = settled_request(RequirementAction::Start);
            request.role = ROLES[role];
            request.project_status = PROJECT_STATUSES[status];
            const auto may = may_act_on_requirements(ROLES[role], PROJECT_STATUSES[status]);
            const auto result = apply_requirement_action(RequirementStatus::NotStarted, request);
            switch (EXPECTED[role][status]) {
                case Ok:
                    EXPECT_TRUE(may.ok()) << cell;
                    ASSERT_TRUE(result.ok()) << cell << ": " << result.error().to_string();
                    EXPECT_EQ(*result, RequirementStatus::InProgress) << cell;
                    break;
                case Frozen:
                    ASSERT_FALSE(may.ok()) << cell;
                    EXPECT_EQ(may.error().code, core::ErrorCode::Conflict) << cell;
                    EXPECT_THAT(may.error().message, HasSubstr(std::string(model::to_string(PROJECT_STATUSES[status]))))
                        << cell;
                    ASSERT_FALSE(result.ok()) << cell;
                    EXPECT_EQ(result.error().code, core::ErrorCode::Conflict) << cell;
                    break;
                case Forbidden:
                    ASSERT_FALSE(may.ok()) << cell;
                    EXPECT_EQ(may.error().code, core::ErrorCode::Forbidden) << cell;
                    ASSERT_FALSE(result.ok()) << cell;
                    EXPECT_EQ(result.error().code, core::ErrorCode::Forbidden) << cell;
                    break;
            }
        }
    }
}

TEST(WorkflowRulesRequirement, TheRoleIsCheckedBeforeTheStatusAndTheTable) {
    auto request = settled_request(RequirementAction::Restart);
    request.role = Role::Viewer;
    request.project_status = ProjectStatus::Done;
    // Restart on NOT_STARTED is not in the table and the project is DONE,
    // but the viewer may not act at all.
    const auto result = apply_requirement_action(RequirementStatus::NotStarted, request);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(result.error().message, HasSubstr("viewer"));
    EXPECT_THAT(result.error().message, HasSubstr("move_requirement"));

    // The table is checked before what the action needs.
    auto finish = settled_request(RequirementAction::Finish);
    finish.evidence_text = "";
    finish.evidence_files = 0;
    const auto refused = apply_requirement_action(RequirementStatus::Done, finish);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Conflict);
}

TEST(WorkflowRulesRequirement, DevelopersWorkThroughTheWholeCycleWhileRunning) {
    RequirementActionRequest request;
    request.role = Role::Developer;
    request.project_status = ProjectStatus::Running;
    auto status = RequirementStatus::NotStarted;
    request.action = RequirementAction::Start;
    status = *apply_requirement_action(status, request);
    EXPECT_EQ(status, RequirementStatus::InProgress);
    request.action = RequirementAction::Finish;
    request.evidence_files = 1;
    status = *apply_requirement_action(status, request);
    EXPECT_EQ(status, RequirementStatus::Done);
    request.action = RequirementAction::Restart;
    status = *apply_requirement_action(status, request);
    EXPECT_EQ(status, RequirementStatus::NotStarted) << "restart reopens to NOT_STARTED";
}

}  // namespace
}  // namespace rampart::engine
