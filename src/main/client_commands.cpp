#include "main/client_commands.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string_view>

#include "main/client.h"
#include "main/output.h"

namespace rampart::cli {

namespace json = boost::json;

namespace {

// The operations the commands send. They use the schema of src/api/
// schema.graphql and nothing else, so a script can send the same.

constexpr std::string_view PROJECT_CREATE = R"graphql(
mutation CreateProject($input: ModelFileInput!) {
  createProjectFromModelFile(input: $input) {
    id name status asvsVersion asvsLevel capecVersion cweVersion version
    items { key kind name }
    progress { total settled percentSettled }
  }
})graphql";

constexpr std::string_view PROJECT_LIST = R"graphql(
query ProjectList($filter: ProjectFilterInput, $page: Int, $limit: Int) {
  projects(filter: $filter, page: $page, limit: $limit) {
    metadata { currentPage limitValue totalCount totalPages }
    collection {
      id name status asvsVersion asvsLevel updatedAt
      progress { total settled percentSettled }
    }
  }
})graphql";

constexpr std::string_view PROJECT_SHOW = R"graphql(
query ProjectShow($id: ID!) {
  project(id: $id) {
    id name status goal scope limitation estimatedHours tags team assetNames
    asvsVersion asvsLevel capecVersion cweVersion followCweHierarchy
    attachmentsUrl createdBy createdAt updatedAt version
    progress { notStarted inProgress notApplicable done total settled percentSettled }
    items {
      key kind name description attackPatternIds
      progress { total settled percentSettled }
    }
  }
})graphql";

constexpr std::string_view PROJECT_STATUS = R"graphql(
mutation ChangeProjectStatus($input: ChangeProjectStatusInput!) {
  changeProjectStatus(input: $input) { id name status version updatedAt }
})graphql";

constexpr std::string_view PROJECT_REQUIREMENTS = R"graphql(
query ProjectRequirements($id: ID!, $filter: RequirementFilterInput, $page: Int, $limit: Int) {
  project(id: $id) {
    id name
    requirements(filter: $filter, page: $page, limit: $limit) {
      metadata { currentPage limitValue totalCount totalPages }
      collection { id asvsId itemKey level status description version updatedAt }
    }
  }
})graphql";

constexpr std::string_view PROJECT_HISTORY = R"graphql(
query ProjectHistory($id: ID!, $page: Int, $limit: Int) {
  project(id: $id) {
    id name
    history(page: $page, limit: $limit) {
      metadata { currentPage limitValue totalCount totalPages }
      collection { id requirementId actorId actorEmail at action field before after reason }
    }
  }
})graphql";

constexpr std::string_view PROJECT_ATTACHMENTS = R"graphql(
query ProjectAttachments($id: ID!) {
  project(id: $id) { id name attachmentsUrl }
})graphql";

/// What every requirement action answers.
constexpr std::string_view REQUIREMENT_FIELDS = R"graphql(
fragment RequirementFields on Requirement {
  id projectId itemKey asvsId level status justification evidenceText version updatedAt
  evidenceFiles { id name mediaType size sha256 uploadedAt }
})graphql";

constexpr std::string_view REQUIREMENT_START = R"graphql(
mutation StartRequirement($input: RequirementActionInput!) {
  startRequirement(input: $input) { ...RequirementFields }
})graphql";

constexpr std::string_view REQUIREMENT_RESTART = R"graphql(
mutation RestartRequirement($input: RequirementActionInput!) {
  restartRequirement(input: $input) { ...RequirementFields }
})graphql";

constexpr std::string_view REQUIREMENT_NOT_APPLY = R"graphql(
mutation NotApplyRequirement($input: NotApplyRequirementInput!) {
  notApplyRequirement(input: $input) { ...RequirementFields }
})graphql";

constexpr std::string_view REQUIREMENT_FINISH = R"graphql(
mutation FinishRequirement($input: FinishRequirementInput!) {
  finishRequirement(input: $input) { ...RequirementFields }
})graphql";

constexpr std::array<std::string_view, 4> PROJECT_STATUSES = {"PLANNED", "RUNNING", "FIXING", "DONE"};
constexpr std::array<std::string_view, 4> REQUIREMENT_STATUSES = {"NOT_STARTED", "IN_PROGRESS", "NOT_APPLICABLE",
                                                                  "DONE"};

// Reading the answer. The server answers the schema's shape; these
// accessors still never throw, so an unexpected answer prints blanks rather
// than ending the process.

const json::object& object_at(const json::object& object, std::string_view key) {
    static const json::object EMPTY;
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_object() ? value->get_object() : EMPTY;
}

const json::array& array_at(const json::object& object, std::string_view key) {
    static const json::array EMPTY;
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_array() ? value->get_array() : EMPTY;
}

std::string text_of(const json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    if (value.is_double()) return fmt::format("{:g}", value.get_double());
    if (value.is_bool()) return value.get_bool() ? "true" : "false";
    return "";
}

std::string text_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr ? text_of(*value) : std::string();
}

std::int64_t int_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) return 0;
    if (value->is_int64()) return value->get_int64();
    if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
    if (value->is_double()) return static_cast<std::int64_t>(value->get_double());
    return 0;
}

std::string joined(const json::array& values, std::string_view separator = ", ") {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty()) out += separator;
        out += text_of(value);
    }
    return out;
}

/// The object a top-level field answered; a null without an error (which
/// the client reports itself) still means the server holds nothing there.
core::Result<json::object> field_object(json::object& data, std::string_view field, std::string_view what) {
    auto* value = data.if_contains(field);
    if (value == nullptr || !value->is_object()) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("{} not found", what));
    }
    return std::move(value->get_object());
}

// Printing for people.

/// Counts code points, which is the width of the text these tables hold
/// (names, ids, statuses; no wide or combining characters expected).
size_t display_width(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

/// One line of at most `width` code points: line breaks become spaces and
/// a cut is marked with an ellipsis; never splits a UTF-8 sequence.
std::string one_line(std::string_view text, size_t width) {
    std::string out;
    size_t points = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool starts_point = (byte & 0xC0U) != 0x80U;
        if (starts_point) {
            if (points == width) {
                // Drop the last point to make room for the ellipsis.
                while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0U) == 0x80U) out.pop_back();
                if (!out.empty()) out.pop_back();
                out += "…";
                return out;
            }
            ++points;
        }
        out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }
    return out;
}

/// A compact table: columns as wide as their widest cell, two spaces apart;
/// the last column is not padded.
class Table {
public:
    explicit Table(std::vector<std::string> headers) { m_rows.push_back(std::move(headers)); }
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }

    void print(std::ostream& out, std::string_view indent = "") const {
        std::vector<size_t> widths(m_rows.front().size(), 0);
        for (const auto& row : m_rows) {
            for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
                widths[i] = std::max(widths[i], display_width(row[i]));
            }
        }
        for (const auto& row : m_rows) {
            std::string line(indent);
            for (size_t i = 0; i < row.size(); ++i) {
                line += row[i];
                if (i + 1 < row.size()) line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out << line << "\n";
        }
    }

private:
    std::vector<std::vector<std::string>> m_rows;
};

std::string progress_bar(std::int64_t settled, std::int64_t total) {
    constexpr std::int64_t WIDTH = 20;
    const std::int64_t filled = total > 0 ? std::clamp<std::int64_t>(settled * WIDTH / total, 0, WIDTH) : 0;
    std::string bar = "[";
    for (std::int64_t i = 0; i < WIDTH; ++i) bar += i < filled ? "█" : "░";
    return bar + "]";
}

/// "Page 1 of 3 · 120 requirements", with the flag that shows the next page.
void print_page_footer(const json::object& metadata, std::string_view noun) {
    const auto page = int_at(metadata, "currentPage");
    const auto pages = int_at(metadata, "totalPages");
    const auto count = int_at(metadata, "totalCount");
    std::cout << fmt::format("Page {} of {} · {} {}", page, std::max<std::int64_t>(pages, 1), count, noun);
    if (page < pages) std::cout << fmt::format(" (--page {} for more)", page + 1);
    std::cout << "\n";
}

/// Accepts an enum value as typed by people (`running`, `not-applicable`)
/// and answers the schema's spelling, or InvalidArgument listing the values.
core::Result<std::string> enum_value(std::string_view value, const std::array<std::string_view, 4>& allowed,
                                     std::string_view what) {
    std::string upper;
    for (char c : value) {
        upper += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (std::find(allowed.begin(), allowed.end(), upper) != allowed.end()) return upper;
    return core::Error::make(core::ErrorCode::InvalidArgument,
                             fmt::format("unknown {} '{}'; expected {}, {}, {} or {}", what, value, allowed[0],
                                         allowed[1], allowed[2], allowed[3]));
}

json::object page_variables(const PageFlags& page) { return json::object{{"page", page.page}, {"limit", page.limit}}; }

// The commands. Each one sends its operation and prints the answer.

core::Result<void> project_create(GraphqlClient& client, const std::string& model_file, bool as_json) {
    // GraphQL multipart request spec: the file fills `input.file`.
    const auto file_name = std::filesystem::path(model_file).filename().string();
    json::object variables{{"input", json::object{{"file", nullptr}, {"fileName", file_name}}}};
    auto data =
        RAMPART_TRY(client.execute(PROJECT_CREATE, variables, {FileUpload{"variables.input.file", model_file}}));
    auto project = RAMPART_TRY(field_object(data, "createProjectFromModelFile", "the created project"));
    if (as_json) {
        write_pretty_json(std::cout, project);
        return {};
    }
    const auto& progress = object_at(project, "progress");
    std::cout << fmt::format("Created project {} \"{}\" ({}) from {}: {} requirements at ASVS {} level {}, {} items.\n",
                             text_at(project, "id"), text_at(project, "name"), text_at(project, "status"), file_name,
                             int_at(progress, "total"), text_at(project, "asvsVersion"), int_at(project, "asvsLevel"),
                             array_at(project, "items").size());
    // The id last, alone on its line, for scripts (`tail -1`).
    std::cout << text_at(project, "id") << "\n";
    return {};
}

core::Result<void> project_list(GraphqlClient& client, const ProjectListArgs& args, bool as_json) {
    json::object filter;
    if (args.status) filter["status"] = RAMPART_TRY(enum_value(*args.status, PROJECT_STATUSES, "project status"));
    auto variables = page_variables(args.page);
    variables["filter"] = std::move(filter);
    auto data = RAMPART_TRY(client.execute(PROJECT_LIST, variables));
    auto page = RAMPART_TRY(field_object(data, "projects", "the project list"));
    if (as_json) {
        write_pretty_json(std::cout, page);
        return {};
    }
    const auto& projects = array_at(page, "collection");
    if (projects.empty()) {
        std::cout << "No projects.\n";
        print_page_footer(object_at(page, "metadata"), "projects");
        return {};
    }
    Table table({"ID", "NAME", "STATUS", "ASVS", "PROGRESS", "SETTLED", "UPDATED"});
    for (const auto& entry : projects) {
        if (!entry.is_object()) continue;
        const auto& project = entry.get_object();
        const auto& progress = object_at(project, "progress");
        table.add({text_at(project, "id"), one_line(text_at(project, "name"), 40), text_at(project, "status"),
                   fmt::format("{} L{}", text_at(project, "asvsVersion"), int_at(project, "asvsLevel")),
                   progress_bar(int_at(progress, "settled"), int_at(progress, "total")),
                   fmt::format("{}/{} ({}%)", int_at(progress, "settled"), int_at(progress, "total"),
                               int_at(progress, "percentSettled")),
                   text_at(project, "updatedAt")});
    }
    table.print(std::cout);
    print_page_footer(object_at(page, "metadata"), "projects");
    return {};
}

core::Result<void> project_show(GraphqlClient& client, const std::string& project_id, bool as_json) {
    auto data = RAMPART_TRY(client.execute(PROJECT_SHOW, json::object{{"id", project_id}}));
    auto project = RAMPART_TRY(field_object(data, "project", fmt::format("project {}", project_id)));
    if (as_json) {
        write_pretty_json(std::cout, project);
        return {};
    }
    auto field = [](std::string_view label, std::string_view value) {
        if (!value.empty()) std::cout << fmt::format("{:<13}{}\n", label, value);
    };
    std::cout << fmt::format("Project {}: {}\n", text_at(project, "id"), text_at(project, "name"));
    field("Status", text_at(project, "status"));
    field("Goal", text_at(project, "goal"));
    field("Scope", text_at(project, "scope"));
    field("Limitation", text_at(project, "limitation"));
    field("Estimate", fmt::format("{} h", text_at(project, "estimatedHours")));
    field("Tags", joined(array_at(project, "tags")));
    field("Team", joined(array_at(project, "team")));
    field("Assets", joined(array_at(project, "assetNames")));
    const auto* follow = project.if_contains("followCweHierarchy");
    field("Catalogs",
          fmt::format("ASVS {} level {} · CAPEC {} · CWE {} ({})", text_at(project, "asvsVersion"),
                      int_at(project, "asvsLevel"), text_at(project, "capecVersion"), text_at(project, "cweVersion"),
                      follow != nullptr && follow->is_bool() && follow->get_bool() ? "following the CWE hierarchy"
                                                                                   : "direct CWE matches only"));
    field("Created", fmt::format("{} by user {}", text_at(project, "createdAt"), text_at(project, "createdBy")));
    field("Updated", fmt::format("{} (version {})", text_at(project, "updatedAt"), int_at(project, "version")));
    field("Attachments", text_at(project, "attachmentsUrl"));

    const auto& progress = object_at(project, "progress");
    std::cout << "\n"
              << fmt::format("{:<13}{} {:>3}% settled ({} of {})\n", "Progress",
                             progress_bar(int_at(progress, "settled"), int_at(progress, "total")),
                             int_at(progress, "percentSettled"), int_at(progress, "settled"),
                             int_at(progress, "total"));
    Table counts({"STATUS", "REQUIREMENTS"});
    counts.add({"NOT_STARTED", std::to_string(int_at(progress, "notStarted"))});
    counts.add({"IN_PROGRESS", std::to_string(int_at(progress, "inProgress"))});
    counts.add({"NOT_APPLICABLE", std::to_string(int_at(progress, "notApplicable"))});
    counts.add({"DONE", std::to_string(int_at(progress, "done"))});
    counts.print(std::cout, std::string(13, ' '));

    const auto& items = array_at(project, "items");
    std::cout << fmt::format("\nItems ({})\n", items.size());
    if (items.empty()) return {};
    Table table({"KEY", "KIND", "NAME", "ATTACK PATTERNS", "SETTLED"});
    for (const auto& entry : items) {
        if (!entry.is_object()) continue;
        const auto& item = entry.get_object();
        const auto& item_progress = object_at(item, "progress");
        std::string patterns;
        for (const auto& id : array_at(item, "attackPatternIds")) {
            patterns += (patterns.empty() ? "CAPEC-" : ", CAPEC-") + text_of(id);
        }
        table.add({text_at(item, "key"), text_at(item, "kind"), one_line(text_at(item, "name"), 40),
                   one_line(patterns, 60),
                   fmt::format("{}/{} ({}%)", int_at(item_progress, "settled"), int_at(item_progress, "total"),
                               int_at(item_progress, "percentSettled"))});
    }
    table.print(std::cout, "  ");
    return {};
}

core::Result<void> project_status(GraphqlClient& client, const ProjectStatusArgs& args, bool as_json) {
    const auto status = RAMPART_TRY(enum_value(args.status, PROJECT_STATUSES, "project status"));
    json::object input{{"id", args.project_id}, {"status", status}, {"reason", args.reason}};
    auto data = RAMPART_TRY(client.execute(PROJECT_STATUS, json::object{{"input", std::move(input)}}));
    auto project = RAMPART_TRY(field_object(data, "changeProjectStatus", fmt::format("project {}", args.project_id)));
    if (as_json) {
        write_pretty_json(std::cout, project);
        return {};
    }
    std::cout << fmt::format("Project {} \"{}\" is now {} (version {}).\n", text_at(project, "id"),
                             text_at(project, "name"), text_at(project, "status"), int_at(project, "version"));
    return {};
}

core::Result<void> project_requirements(GraphqlClient& client, const ProjectRequirementsArgs& args, bool as_json) {
    json::object filter;
    if (args.status) {
        filter["status"] = RAMPART_TRY(enum_value(*args.status, REQUIREMENT_STATUSES, "requirement status"));
    }
    auto variables = page_variables(args.page);
    variables["id"] = args.project_id;
    variables["filter"] = std::move(filter);
    auto data = RAMPART_TRY(client.execute(PROJECT_REQUIREMENTS, variables));
    auto project = RAMPART_TRY(field_object(data, "project", fmt::format("project {}", args.project_id)));
    const auto& page = object_at(project, "requirements");
    if (as_json) {
        write_pretty_json(std::cout, page);
        return {};
    }
    const auto& requirements = array_at(page, "collection");
    if (requirements.empty()) {
        std::cout << fmt::format("Project {} has no requirements{}.\n", args.project_id,
                                 args.status ? " in that status" : "");
    } else {
        Table table({"ID", "ASVS", "LEVEL", "STATUS", "ITEM", "TITLE"});
        for (const auto& entry : requirements) {
            if (!entry.is_object()) continue;
            const auto& requirement = entry.get_object();
            table.add({text_at(requirement, "id"), text_at(requirement, "asvsId"),
                       fmt::format("L{}", int_at(requirement, "level")), text_at(requirement, "status"),
                       text_at(requirement, "itemKey"), one_line(text_at(requirement, "description"), 80)});
        }
        table.print(std::cout);
    }
    print_page_footer(object_at(page, "metadata"), "requirements");
    return {};
}

core::Result<void> project_history(GraphqlClient& client, const ProjectHistoryArgs& args, bool as_json) {
    auto variables = page_variables(args.page);
    variables["id"] = args.project_id;
    auto data = RAMPART_TRY(client.execute(PROJECT_HISTORY, variables));
    auto project = RAMPART_TRY(field_object(data, "project", fmt::format("project {}", args.project_id)));
    const auto& page = object_at(project, "history");
    if (as_json) {
        write_pretty_json(std::cout, page);
        return {};
    }
    const auto& events = array_at(page, "collection");
    if (events.empty()) {
        std::cout << fmt::format("Project {} has no recorded changes.\n", args.project_id);
    } else {
        Table table({"AT", "WHO", "ACTION", "REQUIREMENT", "CHANGE", "REASON"});
        for (const auto& entry : events) {
            if (!entry.is_object()) continue;
            const auto& event = entry.get_object();
            const auto field = text_at(event, "field");
            const auto before = text_at(event, "before");
            const auto after = text_at(event, "after");
            std::string change;
            if (!before.empty() || !after.empty()) {
                change = fmt::format("{}{}{} → {}", field, field.empty() ? "" : ": ", before.empty() ? "-" : before,
                                     after.empty() ? "-" : after);
            } else {
                change = field;
            }
            auto requirement = text_at(event, "requirementId");
            table.add({text_at(event, "at"), text_at(event, "actorEmail"), text_at(event, "action"),
                       requirement.empty() ? "-" : requirement, one_line(change, 60),
                       one_line(text_at(event, "reason"), 60)});
        }
        table.print(std::cout);
    }
    print_page_footer(object_at(page, "metadata"), "changes");
    return {};
}

core::Result<void> project_attachments(GraphqlClient& client, const ProjectAttachmentsArgs& args, bool as_json) {
    // The API names where the zip downloads; the download itself is a plain
    // GET with the same key.
    auto data = RAMPART_TRY(client.execute(PROJECT_ATTACHMENTS, json::object{{"id", args.project_id}}));
    auto project = RAMPART_TRY(field_object(data, "project", fmt::format("project {}", args.project_id)));
    const auto url = text_at(project, "attachmentsUrl");
    if (url.empty()) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("the server gave no attachments address for project {}", args.project_id));
    }
    const auto bytes = RAMPART_TRY(client.download(url, args.output));
    if (as_json) {
        write_pretty_json(std::cout,
                          json::object{{"projectId", text_at(project, "id")}, {"file", args.output}, {"bytes", bytes}});
        return {};
    }
    std::cout << fmt::format("Saved the evidence files of project {} \"{}\" to {} ({} bytes).\n",
                             text_at(project, "id"), text_at(project, "name"), args.output, bytes);
    return {};
}

enum class RequirementVerb { Start, Finish, NotApply, Restart };

core::Result<void> requirement_action(GraphqlClient& client, RequirementVerb verb, const RequirementActionArgs& args,
                                      bool as_json) {
    json::object input{{"id", args.requirement_id}};
    if (args.expected_version) input["expectedVersion"] = *args.expected_version;
    std::string_view operation;
    std::string_view field;
    std::vector<FileUpload> files;
    switch (verb) {
        case RequirementVerb::Start:
            operation = REQUIREMENT_START;
            field = "startRequirement";
            input["reason"] = args.reason;
            break;
        case RequirementVerb::Restart:
            operation = REQUIREMENT_RESTART;
            field = "restartRequirement";
            input["reason"] = args.reason;
            break;
        case RequirementVerb::NotApply:
            operation = REQUIREMENT_NOT_APPLY;
            field = "notApplyRequirement";
            input["justification"] = args.justification.value_or("");
            break;
        case RequirementVerb::Finish: {
            operation = REQUIREMENT_FINISH;
            field = "finishRequirement";
            input["reason"] = args.reason;
            input["evidenceText"] = args.evidence.value_or("");
            // GraphQL multipart request spec: one null per file in the
            // variables, filled from the parts named in `map`.
            json::array placeholders;
            for (size_t i = 0; i < args.files.size(); ++i) {
                placeholders.emplace_back(nullptr);
                files.push_back(FileUpload{fmt::format("variables.input.files.{}", i), args.files[i]});
            }
            input["files"] = std::move(placeholders);
            break;
        }
    }
    const auto query = std::string(operation) + std::string(REQUIREMENT_FIELDS);
    auto data = RAMPART_TRY(client.execute(query, json::object{{"input", std::move(input)}}, files));
    auto requirement = RAMPART_TRY(field_object(data, field, fmt::format("requirement {}", args.requirement_id)));
    if (as_json) {
        write_pretty_json(std::cout, requirement);
        return {};
    }
    std::cout << fmt::format("Requirement {} ({}, item {}) is now {} (version {}).\n", text_at(requirement, "id"),
                             text_at(requirement, "asvsId"), text_at(requirement, "itemKey"),
                             text_at(requirement, "status"), int_at(requirement, "version"));
    if (verb == RequirementVerb::Finish) {
        if (auto text = text_at(requirement, "evidenceText"); !text.empty()) {
            std::cout << fmt::format("  evidence: {}\n", one_line(text, 100));
        }
        for (const auto& entry : array_at(requirement, "evidenceFiles")) {
            if (!entry.is_object()) continue;
            const auto& file = entry.get_object();
            std::cout << fmt::format("  file: {} ({}, {} bytes, sha256 {})\n", text_at(file, "name"),
                                     text_at(file, "mediaType"), int_at(file, "size"), text_at(file, "sha256"));
        }
    }
    return {};
}

/// Resolves the server and the key, runs the command and answers its exit
/// code; every failure is reported the way the other commands report theirs.
int run_client(const ConnectionFlags& flags, const std::function<core::Result<void>(GraphqlClient&)>& command) {
    auto settings = resolve_client_settings(flags.url, flags.api_key);
    if (!settings.ok()) return report_error(settings.error(), flags.json);
    auto client = GraphqlClient::create(std::move(*settings));
    if (!client.ok()) return report_error(client.error(), flags.json);
    auto done = command(*client);
    if (!done.ok()) return report_error(done.error(), flags.json);
    return 0;
}

void add_page_options(CLI::App* command, PageFlags& page, std::string_view noun) {
    command->add_option("--page", page.page, "The page to show, from 1 (default 1)");
    command->add_option("--limit", page.limit, fmt::format("{} per page, 1 to 1000 (default 50)", noun));
}

}  // namespace

ClientCommands::ClientCommands(CLI::App& app) {
    add_project_commands(app);
    add_requirement_commands(app);
}

CLI::App* ClientCommands::add_command(CLI::App& parent, const std::string& name, const std::string& description) {
    auto* command = parent.add_subcommand(name, description);
    command->add_option("--url", m_connection.url, "The Rampart server, e.g. http://127.0.0.1:8080 (env RAMPART_URL)");
    command->add_option("--api-key", m_connection.api_key,
                        "The API key (env RAMPART_API_KEY; prefer the variable: flags show in the process list)");
    command->add_flag("--json", m_connection.json, "Print the API's answer as JSON");
    return command;
}

void ClientCommands::add_project_commands(CLI::App& app) {
    auto* project = app.add_subcommand(
        "project", "Projects on a Rampart server, through its GraphQL API (RAMPART_URL, RAMPART_API_KEY)");
    project->require_subcommand(1);

    auto* create = add_command(*project, "create",
                               "Create a project from a model file (docs/model-file.md); the new project's id is "
                               "the last output line");
    create->add_option("--model", m_model_file, "The model file, YAML or JSON")->required();
    create->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_create(client, m_model_file, m_connection.json);
        }));
    });

    auto* list = add_command(*project, "list", "The company's projects, newest first, with their progress");
    add_page_options(list, m_list.page, "Projects");
    list->add_option("--status", m_list.status, "Only projects in this status: PLANNED, RUNNING, FIXING or DONE");
    list->callback([this] {
        throw CLI::RuntimeError(run_client(
            m_connection, [this](GraphqlClient& client) { return project_list(client, m_list, m_connection.json); }));
    });

    auto* show = add_command(*project, "show", "A project's details, progress per status and architecture items");
    show->add_option("id", m_project_id, "The project's id")->required();
    show->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_show(client, m_project_id, m_connection.json);
        }));
    });

    auto* status = add_command(*project, "status",
                               "Move a project: PLANNED → RUNNING → FIXING → DONE, FIXING → RUNNING, DONE → RUNNING");
    status->add_option("id", m_status.project_id, "The project's id")->required();
    status->add_option("status", m_status.status, "The new status: PLANNED, RUNNING, FIXING or DONE")->required();
    status->add_option("--reason", m_status.reason, "Why, kept in the project's history");
    status->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_status(client, m_status, m_connection.json);
        }));
    });

    auto* requirements = add_command(*project, "requirements", "A project's requirements: id, ASVS id, status, title");
    requirements->add_option("id", m_requirements.project_id, "The project's id")->required();
    requirements->add_option("--status", m_requirements.status,
                             "Only requirements in this status: NOT_STARTED, IN_PROGRESS, NOT_APPLICABLE or DONE");
    add_page_options(requirements, m_requirements.page, "Requirements");
    requirements->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_requirements(client, m_requirements, m_connection.json);
        }));
    });

    auto* history = add_command(*project, "history", "A project's recorded changes: who, when, from what to what, why");
    history->add_option("id", m_history.project_id, "The project's id")->required();
    add_page_options(history, m_history.page, "Changes");
    history->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_history(client, m_history, m_connection.json);
        }));
    });

    auto* attachments = add_command(*project, "attachments", "Download every evidence file of a project as one zip");
    attachments->add_option("id", m_attachments.project_id, "The project's id")->required();
    attachments->add_option("--output,-o", m_attachments.output, "The zip file to write")->required();
    attachments->callback([this] {
        throw CLI::RuntimeError(run_client(m_connection, [this](GraphqlClient& client) {
            return project_attachments(client, m_attachments, m_connection.json);
        }));
    });
}

void ClientCommands::add_requirement_commands(CLI::App& app) {
    auto* requirement = app.add_subcommand(
        "requirement", "Work on a project's requirements on a Rampart server (RAMPART_URL, RAMPART_API_KEY)");
    requirement->require_subcommand(1);

    auto add_action = [&](const std::string& name, const std::string& description, RequirementVerb verb) {
        auto* command = add_command(*requirement, name, description);
        command->add_option("id", m_action.requirement_id, "The requirement's id (`rampart project requirements`)")
            ->required();
        command->add_option("--expected-version", m_action.expected_version,
                            "The version you read; the server refuses (CONFLICT) when it changed since");
        command->callback([this, verb] {
            throw CLI::RuntimeError(run_client(m_connection, [this, verb](GraphqlClient& client) {
                return requirement_action(client, verb, m_action, m_connection.json);
            }));
        });
        return command;
    };

    add_action("start", "NOT_STARTED → IN_PROGRESS", RequirementVerb::Start)
        ->add_option("--reason", m_action.reason, "Why, kept in the history");

    auto* finish = add_action("finish",
                              "→ DONE with evidence: text and/or files (.rar .pdf .zip .jpg .png .txt .pptx .xlsx "
                              ".docx .apk, checked by content)",
                              RequirementVerb::Finish);
    finish->add_option("--evidence", m_action.evidence, "The written evidence");
    finish->add_option("--file", m_action.files, "An evidence file to upload (repeat for several)")
        ->check(CLI::ExistingFile);
    finish->add_option("--reason", m_action.reason, "A remark kept in the history");

    add_action("not-apply", "→ NOT_APPLICABLE, with a written justification", RequirementVerb::NotApply)
        ->add_option("--justification", m_action.justification, "Why the requirement does not apply")
        ->required();

    add_action("restart", "Back to NOT_STARTED; the justification and evidence text are cleared",
               RequirementVerb::Restart)
        ->add_option("--reason", m_action.reason, "Why, kept in the history");
}

}  // namespace rampart::cli
