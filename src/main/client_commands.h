#pragma once

#include <CLI/App.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rampart::cli {

/// How a client command reaches the server and prints its answer.
struct ConnectionFlags {
    std::optional<std::string> url;      ///< --url, else RAMPART_URL
    std::optional<std::string> api_key;  ///< --api-key, else RAMPART_API_KEY
    bool json = false;                   ///< --json: the API's answer as JSON
};

/// Which page of a list to ask for.
struct PageFlags {
    int page = 1;
    int limit = 50;
};

struct ProjectListArgs {
    PageFlags page;
    std::optional<std::string> status;
};

struct ProjectRequirementsArgs {
    std::string project_id;
    PageFlags page;
    std::optional<std::string> status;
};

struct ProjectHistoryArgs {
    std::string project_id;
    PageFlags page;
};

struct ProjectStatusArgs {
    std::string project_id;
    std::string status;
    std::string reason;
};

struct ProjectAttachmentsArgs {
    std::string project_id;
    std::string output;
};

/// One requirement action (start, finish, not-apply, restart).
struct RequirementActionArgs {
    std::string requirement_id;
    std::string reason;
    std::optional<std::string> evidence;       ///< finish
    std::vector<std::string> files;            ///< finish
    std::optional<std::string> justification;  ///< not-apply
    std::optional<int> expected_version;
};

/// The client commands, `rampart project …` and `rampart requirement …`:
/// they talk to a running server over its GraphQL API like any script would
/// (DESIGN.md §2, the API is the one door), with the key of RAMPART_API_KEY.
///
/// Constructing it adds the subcommands to `app`; the object holds what
/// they parse and must live until `app.parse` returns. A command that ran
/// reports its exit code by throwing CLI::RuntimeError, like the others.
class ClientCommands {
public:
    explicit ClientCommands(CLI::App& app);
    ClientCommands(const ClientCommands&) = delete;
    ClientCommands& operator=(const ClientCommands&) = delete;
    ClientCommands(ClientCommands&&) = delete;
    ClientCommands& operator=(ClientCommands&&) = delete;
    ~ClientCommands() = default;

private:
    void add_project_commands(CLI::App& app);
    void add_requirement_commands(CLI::App& app);
    CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description);

    ConnectionFlags m_connection;
    std::string m_model_file;
    std::string m_project_id;
    ProjectListArgs m_list;
    ProjectRequirementsArgs m_requirements;
    ProjectHistoryArgs m_history;
    ProjectStatusArgs m_status;
    ProjectAttachmentsArgs m_attachments;
    RequirementActionArgs m_action;
};

}  // namespace rampart::cli
