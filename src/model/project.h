#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/threat_model.h"
#include "model/workflow.h"

namespace rampart::model {

/// Whether a requirement was reached through the pattern's own CWE or
/// through one step of the CWE hierarchy.
enum class MatchKind { Direct, Indirect };

[[nodiscard]] std::string_view to_string(MatchKind match);

/// Why one requirement is in a project: pattern → CWE → requirement.
struct Trace {
    int attack_pattern = 0;
    int pattern_cwe = 0;      ///< the CWE the pattern names
    int requirement_cwe = 0;  ///< the CWE the requirement carries (differs when indirect)
    MatchKind match = MatchKind::Direct;

    bool operator==(const Trace&) const = default;
};

struct ProjectItem {
    int64_t id = 0;
    std::string key;
    ItemKind kind = ItemKind::Service;
    std::string name;
    std::string description;
    std::vector<int> attack_patterns;
};

struct EvidenceFile {
    int64_t id = 0;
    int64_t requirement_id = 0;
    std::string name;
    std::string media_type;
    int64_t size = 0;
    std::string sha256;
    int64_t uploaded_by = 0;
    std::string uploaded_at;
};

struct ProjectRequirement {
    int64_t id = 0;
    int64_t project_id = 0;
    int64_t item_id = 0;
    std::string item_key;
    std::string asvs_id;
    std::string chapter_id;
    std::string chapter_name;
    std::string section_name;
    std::string description;
    int level = 1;
    MatchKind match = MatchKind::Direct;
    RequirementStatus status = RequirementStatus::NotStarted;
    std::string justification;
    std::string evidence_text;
    std::vector<Trace> traces;
    std::vector<EvidenceFile> evidence_files;
    std::string updated_at;
    int64_t version = 1;  ///< optimistic concurrency: a write names the version it read
};

struct Project {
    int64_t id = 0;
    int64_t company_id = 0;
    std::string name;
    ProjectStatus status = ProjectStatus::Planned;
    std::string goal;
    std::string scope;
    std::string limitation;
    double estimated_hours = 0;
    std::vector<std::string> tags;
    std::vector<std::string> team;    ///< user emails
    std::vector<std::string> assets;  ///< asset names
    std::string asvs_version;
    int asvs_level = 1;
    std::string capec_version;
    std::string cwe_version;
    bool follow_cwe_hierarchy = false;
    std::vector<ProjectItem> items;
    int64_t created_by = 0;
    std::string created_at;
    std::string updated_at;
    int64_t version = 1;
};

/// Counts per requirement status and the settled share (DONE + NOT_APPLICABLE).
struct Progress {
    int not_started = 0;
    int in_progress = 0;
    int not_applicable = 0;
    int done = 0;

    [[nodiscard]] int total() const { return not_started + in_progress + not_applicable + done; }
    [[nodiscard]] int settled() const { return not_applicable + done; }
    /// 0 to 100, rounded down; an empty project counts as 0.
    [[nodiscard]] int percent_settled() const { return total() == 0 ? 0 : settled() * 100 / total(); }
};

/// One recorded change.
struct AuditEvent {
    int64_t id = 0;
    int64_t project_id = 0;
    int64_t requirement_id = 0;  ///< 0 for project-level events
    int64_t actor_id = 0;
    std::string actor_email;
    std::string at;
    std::string action;  ///< "project.create", "project.status", "requirement.finish", …
    std::string field;
    std::string before;
    std::string after;
    std::string reason;
};

}  // namespace rampart::model
