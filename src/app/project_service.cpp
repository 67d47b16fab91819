#include "app/project_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "core/text.h"
#include "core/time.h"
#include "engine/permissions.h"
#include "engine/workflow_rules.h"
#include "evidence/attachments_zip.h"

namespace rampart::app {
namespace {

using engine::Permission;

/// Enough hits to fill a list of suggestions after the curated ones and the
/// retired or outdated patterns are dropped.
constexpr int SEARCH_HITS = 50;
/// The words of a name and description searched, each a query of its own.
constexpr size_t MAX_SEARCH_WORDS = 12;
/// The largest page the stores serve.
constexpr int MAX_PAGE = 1000;

core::Error project_not_found(int64_t id) {
    return core::Error::make(core::ErrorCode::NotFound, fmt::format("no project {}", id));
}

core::Error requirement_not_found(int64_t id) {
    return core::Error::make(core::ErrorCode::NotFound, fmt::format("no requirement {}", id));
}

std::string lower_trimmed(std::string_view text) { return core::to_lower(core::trim(text)); }

/// Items without a key get the one a model file would give them, so a model
/// built by a form behaves like the same model written as a file.
model::ThreatModel with_item_keys(model::ThreatModel model) {
    for (auto& item : model.items) {
        if (core::trim(item.key).empty()) item.key = modelfile::derive_item_key(item.name);
    }
    return model;
}

model::MatchKind to_model(engine::MatchKind match) {
    return match == engine::MatchKind::Direct ? model::MatchKind::Direct : model::MatchKind::Indirect;
}

model::ProjectRequirement to_project_requirement(const engine::GeneratedRequirement& generated) {
    model::ProjectRequirement requirement;
    requirement.item_key = generated.item_key;
    requirement.asvs_id = generated.asvs_id;
    requirement.chapter_id = generated.chapter_id;
    requirement.chapter_name = generated.chapter_name;
    requirement.section_name = generated.section_name;
    requirement.description = generated.description;
    requirement.level = generated.level;
    requirement.match = to_model(generated.match);
    requirement.status = model::RequirementStatus::NotStarted;
    for (const auto& trace : generated.traces) {
        requirement.traces.push_back(
            {trace.attack_pattern, trace.pattern_cwe, trace.requirement_cwe, to_model(trace.match)});
    }
    return requirement;
}

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty()) out += ", ";
        out += value;
    }
    return out;
}

std::string format_hours(double hours) { return fmt::format("{}", hours); }

model::AuditEvent event_of(const model::Actor& actor, int64_t project_id, std::string action) {
    model::AuditEvent event;
    event.project_id = project_id;
    event.actor_id = actor.user_id;
    event.actor_email = actor.email;
    event.at = core::utc_now_iso8601();
    event.action = std::move(action);
    return event;
}

/// The words of an item's name and description worth a full-text search:
/// letters and digits, at least three characters, without common English
/// words, each once, at most MAX_SEARCH_WORDS.
std::vector<std::string> search_words(std::string_view text) {
    static const std::set<std::string, std::less<>> STOP_WORDS = {
        "and", "are", "for", "from", "has", "its", "not", "our", "the", "that", "this", "with", "which", "into", "all"};
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        if (word.size() >= 3 && !STOP_WORDS.contains(word) &&
            std::find(words.begin(), words.end(), word) == words.end() && words.size() < MAX_SEARCH_WORDS) {
            words.push_back(word);
        }
        word.clear();
    };
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || byte >= 0x80) {
            word += static_cast<char>(std::tolower(byte));
        } else {
            flush();
        }
    }
    flush();
    return words;
}

/// The CAPEC number of a search hit's reference ("CAPEC-66").
std::optional<int> capec_number(std::string_view ref) {
    constexpr std::string_view PREFIX = "CAPEC-";
    if (ref.substr(0, PREFIX.size()) != PREFIX) return std::nullopt;
    return core::parse_int(ref.substr(PREFIX.size()));
}

}  // namespace

ProjectService::ProjectService(storage::ProjectStore& projects, storage::TenancyStore& tenancy,
                               CatalogService& catalogs, TransactionRunner transaction, evidence::BlobStore& blobs,
                               evidence::EvidencePolicy policy, const engine::SuggestionTable& suggestions)
    : m_projects(projects),
      m_tenancy(tenancy),
      m_catalogs(catalogs),
      m_transaction(std::move(transaction)),
      m_blobs(blobs),
      m_policy(policy),
      m_suggestions(suggestions) {}

ProjectService::~ProjectService() = default;

core::Result<evidence::ContentSniffer*> ProjectService::sniffer() {
    if (!m_sniffer) m_sniffer = RAMPART_TRY(evidence::ContentSniffer::create());
    return &*m_sniffer;
}

core::Result<model::Project> ProjectService::find_project(const model::Actor& actor, int64_t project_id) {
    auto project = RAMPART_TRY(m_projects.find_project(actor.company_id, project_id));
    if (!project || project->company_id != actor.company_id) return project_not_found(project_id);
    return std::move(*project);
}

core::Result<engine::CatalogGraph> ProjectService::graph_for(const model::ThreatModel& model) {
    CatalogSelection selection;
    if (!core::trim(model.asvs_version).empty()) selection.asvs = model.asvs_version;
    return m_catalogs.load_graph(selection);
}

core::Result<std::vector<model::ProjectRequirement>> ProjectService::all_requirements(const model::Actor& actor,
                                                                                      int64_t project_id) {
    std::vector<model::ProjectRequirement> out;
    for (int page = 1;; ++page) {
        auto listed = RAMPART_TRY(m_projects.list_requirements(actor.company_id, project_id, {}, {page, MAX_PAGE}));
        const auto count = listed.items.size();
        for (auto& requirement : listed.items) out.push_back(std::move(requirement));
        if (count < static_cast<size_t>(MAX_PAGE) || static_cast<int>(out.size()) >= listed.total) break;
    }
    return out;
}

core::Result<std::vector<engine::Suggestion>> ProjectService::suggest(const model::Actor& actor, model::ItemKind kind,
                                                                      std::string_view name,
                                                                      std::string_view description, size_t limit) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadCatalogs));
    const auto graph = RAMPART_TRY(m_catalogs.load_graph({}));
    // The index ANDs the words of a query, and an item's description rarely
    // shares every word with a pattern; so each word is searched on its own
    // and the BM25 scores of a pattern are summed (an OR ranked by how many
    // and how telling the words it matches are).
    std::map<int, double> scores;
    std::vector<int> order;
    for (const auto& word : search_words(fmt::format("{} {}", name, description))) {
        storage::SearchQuery query;
        query.text = word;
        query.kind = model::CatalogKind::Capec;
        query.limit = SEARCH_HITS;
        const auto found = RAMPART_TRY(m_catalogs.search(query));
        for (const auto& hit : found.hits) {
            // Older CAPEC versions repeat the newest one's ids; the graph is
            // the newest, so only its hits count.
            if (hit.version != graph.capec().version) continue;
            const auto number = capec_number(hit.ref);
            if (!number) continue;
            if (scores.emplace(*number, 0).second) order.push_back(*number);
            scores[*number] += hit.score;
        }
    }
    std::vector<engine::TextMatch> matches;
    matches.reserve(order.size());
    for (const int id : order) matches.push_back({id, scores[id]});
    return engine::rank_suggestions(m_suggestions, kind, matches, graph, limit);
}

core::Result<engine::GenerationResult> ProjectService::preview(const model::Actor& actor,
                                                               const model::ThreatModel& model) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadCatalogs));
    const auto keyed = with_item_keys(model);
    const auto graph = RAMPART_TRY(graph_for(keyed));
    RAMPART_TRY(engine::validate_for_generation(keyed, graph));
    return engine::generate_requirements(keyed, graph);
}

core::Result<int64_t> ProjectService::save(const model::Actor& actor, const model::ThreatModel& model,
                                           const std::vector<engine::RequirementKey>& deselected) {
    return save_checked(actor, model, deselected, "model", {});
}

core::Result<int64_t> ProjectService::save_checked(const model::Actor& actor, const model::ThreatModel& model,
                                                   const std::vector<engine::RequirementKey>& deselected,
                                                   std::string_view file_name,
                                                   const modelfile::ModelFileLocations& locations) {
    RAMPART_TRY(engine::require(actor.role, Permission::CreateProject));
    const auto keyed = with_item_keys(model);
    if (core::trim(keyed.name).empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "the project has no name");
    }
    const auto graph = RAMPART_TRY(graph_for(keyed));
    RAMPART_TRY(engine::validate_for_generation(keyed, graph));
    // Unknown patterns are refused here, not skipped as in a preview: a
    // project must not keep ids no catalog explains.
    RAMPART_TRY(modelfile::check_attack_patterns(
        keyed, [&](int id) { return graph.pattern(id) != nullptr; }, file_name, locations));
    auto generated = RAMPART_TRY(engine::generate_requirements(keyed, graph));
    RAMPART_TRY(engine::deselect(generated, deselected));

    model::Project project;
    project.company_id = actor.company_id;
    project.name = std::string(core::trim(keyed.name));
    project.status = model::ProjectStatus::Planned;
    project.goal = keyed.goal;
    project.scope = keyed.scope;
    project.limitation = keyed.limitation;
    project.estimated_hours = keyed.estimated_hours;
    project.tags = keyed.tags;
    project.asvs_version = graph.asvs().version;
    project.asvs_level = keyed.asvs_level;
    project.capec_version = graph.capec().version;
    project.cwe_version = graph.cwe().version;
    project.follow_cwe_hierarchy = keyed.follow_cwe_hierarchy;
    project.created_by = actor.user_id;
    for (const auto& item : keyed.items) {
        project.items.push_back({0, item.key, item.kind, item.name, item.description, item.attack_patterns});
    }
    std::vector<model::ProjectRequirement> requirements;
    requirements.reserve(generated.requirements.size());
    for (const auto& requirement : generated.requirements) requirements.push_back(to_project_requirement(requirement));

    int64_t project_id = 0;
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        // The team: members of the actor's company only, each once.
        const auto members = RAMPART_TRY(m_tenancy.members(actor.company_id));
        std::map<std::string, int64_t> member_ids;
        for (const auto& [user, role] : members) member_ids.emplace(lower_trimmed(user.email), user.id);
        std::vector<int64_t> team_ids;
        std::vector<std::string> strangers;
        std::set<int64_t> seen_users;
        for (const auto& email : keyed.team) {
            const auto found = member_ids.find(lower_trimmed(email));
            if (found == member_ids.end()) {
                strangers.push_back(email);
            } else if (seen_users.insert(found->second).second) {
                team_ids.push_back(found->second);
                project.team.push_back(lower_trimmed(email));
            }
        }
        if (!strangers.empty()) {
            return core::Error::make(core::ErrorCode::InvalidArgument,
                                     fmt::format("not members of the company: {}", join(strangers)));
        }
        // The assets: found by name, created when new.
        std::vector<int64_t> asset_ids;
        std::set<int64_t> seen_assets;
        for (const auto& raw_name : keyed.assets) {
            const auto name = std::string(core::trim(raw_name));
            if (name.empty()) {
                return core::Error::make(core::ErrorCode::InvalidArgument, "an asset name is empty");
            }
            auto asset = RAMPART_TRY(m_projects.find_asset_by_name(actor.company_id, name));
            if (!asset) {
                model::Asset fresh;
                fresh.company_id = actor.company_id;
                fresh.name = name;
                fresh.created_at = core::utc_now_iso8601();
                asset = RAMPART_TRY(m_projects.create_asset(fresh));
            }
            if (seen_assets.insert(asset->id).second) {
                asset_ids.push_back(asset->id);
                project.assets.push_back(name);
            }
        }
        project.created_at = core::utc_now_iso8601();
        project.updated_at = project.created_at;
        project_id = RAMPART_TRY(m_projects.create_project(project, requirements, team_ids, asset_ids));

        auto event = event_of(actor, project_id, "project.create");
        event.field = "status";
        event.after = std::string(model::to_string(model::ProjectStatus::Planned));
        event.reason =
            fmt::format("{} requirements from ASVS {} level {}, CAPEC {}, CWE {}", requirements.size(),
                        project.asvs_version, project.asvs_level, project.capec_version, project.cwe_version);
        return m_projects.record(actor.company_id, event);
    }));
    return project_id;
}

core::Result<int64_t> ProjectService::create_from_model_file(const model::Actor& actor, std::string_view text,
                                                             std::string_view file_name) {
    RAMPART_TRY(engine::require(actor.role, Permission::CreateProject));
    const auto parsed = RAMPART_TRY(modelfile::read_model_file(text, file_name));
    return save_checked(actor, parsed.model, {}, file_name, parsed.locations);
}

core::Result<std::string> ProjectService::export_model_file(const model::Actor& actor, int64_t project_id,
                                                            modelfile::Format format) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    const auto project = RAMPART_TRY(find_project(actor, project_id));
    model::ThreatModel out;
    out.name = project.name;
    out.goal = project.goal;
    out.scope = project.scope;
    out.limitation = project.limitation;
    out.estimated_hours = project.estimated_hours;
    out.tags = project.tags;
    out.team = project.team;
    out.assets = project.assets;
    out.asvs_version = project.asvs_version;
    out.asvs_level = project.asvs_level;
    out.follow_cwe_hierarchy = project.follow_cwe_hierarchy;
    for (const auto& item : project.items) {
        out.items.push_back({item.key, item.kind, item.name, item.description, item.attack_patterns});
    }
    return modelfile::write_model_file(out, format);
}

core::Result<model::Project> ProjectService::get(const model::Actor& actor, int64_t project_id) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    return find_project(actor, project_id);
}

core::Result<storage::Page<storage::ProjectSummary>> ProjectService::list(const model::Actor& actor,
                                                                          const storage::ProjectFilter& filter,
                                                                          const storage::PageRequest& page) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    return m_projects.list_projects(actor.company_id, filter, page);
}

core::Result<storage::Page<model::ProjectRequirement>> ProjectService::requirements(
    const model::Actor& actor, int64_t project_id, const storage::RequirementFilter& filter,
    const storage::PageRequest& page) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    RAMPART_TRY(find_project(actor, project_id));
    return m_projects.list_requirements(actor.company_id, project_id, filter, page);
}

core::Result<model::Project> ProjectService::update(const model::Actor& actor, int64_t project_id,
                                                    const ProjectUpdate& update) {
    RAMPART_TRY(engine::require(actor.role, Permission::EditProject));
    if (update.name && core::trim(*update.name).empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "the project name cannot be empty");
    }
    if (update.estimated_hours && *update.estimated_hours < 0) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "the estimated hours cannot be negative");
    }
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        auto project = RAMPART_TRY(find_project(actor, project_id));
        if (update.expected_version && *update.expected_version != project.version) {
            return core::Error::make(core::ErrorCode::Conflict,
                                     fmt::format("project {} changed since it was read (version {}, now {})",
                                                 project_id, *update.expected_version, project.version));
        }
        std::vector<model::AuditEvent> events;
        const auto change = [&](const char* field, std::string& current, const std::optional<std::string>& wanted) {
            if (!wanted || *wanted == current) return;
            auto event = event_of(actor, project_id, "project.update");
            event.field = field;
            event.before = current;
            event.after = *wanted;
            events.push_back(std::move(event));
            current = *wanted;
        };
        std::optional<std::string> name;
        if (update.name) name = std::string(core::trim(*update.name));
        change("name", project.name, name);
        change("goal", project.goal, update.goal);
        change("scope", project.scope, update.scope);
        change("limitation", project.limitation, update.limitation);
        if (update.estimated_hours && *update.estimated_hours != project.estimated_hours) {
            auto event = event_of(actor, project_id, "project.update");
            event.field = "estimated_hours";
            event.before = format_hours(project.estimated_hours);
            event.after = format_hours(*update.estimated_hours);
            events.push_back(std::move(event));
            project.estimated_hours = *update.estimated_hours;
        }
        if (update.tags && *update.tags != project.tags) {
            auto event = event_of(actor, project_id, "project.update");
            event.field = "tags";
            event.before = join(project.tags);
            event.after = join(*update.tags);
            events.push_back(std::move(event));
            project.tags = *update.tags;
        }
        if (events.empty()) return {};
        project.updated_at = core::utc_now_iso8601();
        RAMPART_TRY(m_projects.update_project(project));
        for (const auto& event : events) RAMPART_TRY(m_projects.record(actor.company_id, event));
        return {};
    }));
    return find_project(actor, project_id);
}

core::Result<model::Project> ProjectService::change_status(const model::Actor& actor, int64_t project_id,
                                                           model::ProjectStatus status, const std::string& reason) {
    RAMPART_TRY(engine::require(actor.role, Permission::ChangeProjectStatus));
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        auto project = RAMPART_TRY(find_project(actor, project_id));
        const auto before = project.status;
        project.status = RAMPART_TRY(engine::change_project_status(before, status));
        project.updated_at = core::utc_now_iso8601();
        RAMPART_TRY(m_projects.update_project(project));
        auto event = event_of(actor, project_id, "project.status");
        event.field = "status";
        event.before = std::string(model::to_string(before));
        event.after = std::string(model::to_string(project.status));
        event.reason = reason;
        return m_projects.record(actor.company_id, event);
    }));
    return find_project(actor, project_id);
}

core::Result<model::ProjectRequirement> ProjectService::requirement_action(const model::Actor& actor,
                                                                           const RequirementActionInput& input) {
    RAMPART_TRY(engine::require(actor.role, Permission::MoveRequirement));
    if (!input.files.empty()) RAMPART_TRY(engine::require(actor.role, Permission::AttachEvidence));

    // The files first: every bad one is reported, and nothing is written.
    std::vector<evidence::CheckedFile> checked;
    std::vector<core::Diagnostic> problems;
    if (!input.files.empty()) {
        auto* content_sniffer = RAMPART_TRY(sniffer());
        for (size_t i = 0; i < input.files.size(); ++i) {
            auto file =
                evidence::check_evidence_file(input.files[i].name, input.files[i].content, m_policy, *content_sniffer);
            if (file.ok()) {
                checked.push_back(std::move(file).value());
            } else {
                core::SourceLocation where;
                where.file = input.files[i].name;
                where.pointer = core::json_pointer_append("/files", i);
                problems.push_back({where, file.error().message});
            }
        }
    }
    if (!problems.empty()) {
        auto error =
            core::Error::make(core::ErrorCode::InvalidArgument,
                              problems.size() == 1 ? problems.front().message
                                                   : fmt::format("{} evidence files were refused", problems.size()));
        error.diagnostics = std::move(problems);
        return error;
    }

    int64_t project_id = 0;
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        auto requirement = RAMPART_TRY(m_projects.find_requirement(actor.company_id, input.requirement_id));
        if (!requirement) return requirement_not_found(input.requirement_id);
        const auto project = RAMPART_TRY(find_project(actor, requirement->project_id));
        project_id = project.id;
        if (input.expected_version && *input.expected_version != requirement->version) {
            return core::Error::make(core::ErrorCode::Conflict,
                                     fmt::format("requirement {} changed since it was read (version {}, now {})",
                                                 input.requirement_id, *input.expected_version, requirement->version));
        }
        engine::RequirementActionRequest request;
        request.action = input.action;
        request.role = actor.role;
        request.project_status = project.status;
        request.justification = input.justification;
        request.evidence_text = input.evidence_text;
        request.evidence_files = static_cast<int>(checked.size());
        const auto before = requirement->status;
        const auto after = RAMPART_TRY(engine::apply_requirement_action(before, request));

        auto updated = *requirement;
        updated.status = after;
        switch (input.action) {
            case model::RequirementAction::NotApply:
                updated.justification = std::string(core::trim(input.justification));
                break;
            case model::RequirementAction::Finish:
                updated.evidence_text = std::string(core::trim(input.evidence_text));
                break;
            case model::RequirementAction::Restart:
                updated.justification.clear();
                updated.evidence_text.clear();
                break;
            case model::RequirementAction::Start: break;
        }
        RAMPART_TRY(m_projects.update_requirement(actor.company_id, updated, actor.user_id));

        const auto now = core::utc_now_iso8601();
        for (size_t i = 0; i < checked.size(); ++i) {
            // A blob written before a rollback stays unreferenced; the store
            // is addressed by content, so it is harmless and reused.
            model::EvidenceFile file;
            file.requirement_id = requirement->id;
            file.name = checked[i].display_name;
            file.media_type = checked[i].mime_type;
            file.size = static_cast<int64_t>(checked[i].size);
            file.sha256 = RAMPART_TRY(m_blobs.put(input.files[i].content));
            file.uploaded_by = actor.user_id;
            file.uploaded_at = now;
            RAMPART_TRY(m_projects.add_evidence_file(actor.company_id, file));
        }

        auto event = event_of(actor, project.id, fmt::format("requirement.{}", model::to_string(input.action)));
        event.requirement_id = requirement->id;
        event.field = "status";
        event.before = std::string(model::to_string(before));
        event.after = std::string(model::to_string(after));
        event.reason = input.action == model::RequirementAction::Finish && core::trim(input.justification).empty()
                           ? updated.evidence_text
                           : std::string(core::trim(input.justification));
        if (!checked.empty()) {
            std::vector<std::string> names;
            names.reserve(checked.size());
            for (const auto& file : checked) names.push_back(file.display_name);
            event.reason += fmt::format("{}files: {}", event.reason.empty() ? "" : "; ", join(names));
        }
        return m_projects.record(actor.company_id, event);
    }));
    auto stored = RAMPART_TRY(m_projects.find_requirement(actor.company_id, input.requirement_id));
    if (!stored) return requirement_not_found(input.requirement_id);
    return std::move(*stored);
}

core::Result<model::Progress> ProjectService::progress(const model::Actor& actor, int64_t project_id,
                                                       const std::optional<std::string>& item_key) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    RAMPART_TRY(find_project(actor, project_id));
    return m_projects.progress(actor.company_id, project_id, item_key);
}

core::Result<storage::Page<model::AuditEvent>> ProjectService::history(const model::Actor& actor, int64_t project_id,
                                                                       std::optional<int64_t> requirement_id,
                                                                       const storage::PageRequest& page) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    RAMPART_TRY(find_project(actor, project_id));
    if (requirement_id) {
        const auto requirement = RAMPART_TRY(m_projects.find_requirement(actor.company_id, *requirement_id));
        if (!requirement || requirement->project_id != project_id) return requirement_not_found(*requirement_id);
    }
    return m_projects.history(actor.company_id, project_id, requirement_id, page);
}

core::Result<size_t> ProjectService::attachments_zip(const model::Actor& actor, int64_t project_id,
                                                     const std::string& output_path) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    RAMPART_TRY(find_project(actor, project_id));
    const auto files = RAMPART_TRY(m_projects.project_evidence_files(actor.company_id, project_id));
    const auto requirements = RAMPART_TRY(all_requirements(actor, project_id));
    std::map<int64_t, const model::ProjectRequirement*> by_id;
    for (const auto& requirement : requirements) by_id.emplace(requirement.id, &requirement);

    std::vector<evidence::ZipEntry> entries;
    for (const auto& file : files) {
        const auto found = by_id.find(file.requirement_id);
        if (found == by_id.end()) {
            return core::Error::make(core::ErrorCode::Internal,
                                     fmt::format("evidence file {} names requirement {}, which project {} lacks",
                                                 file.id, file.requirement_id, project_id));
        }
        evidence::ZipEntry entry;
        entry.path_in_zip = fmt::format("{}/{}/{}", found->second->item_key, found->second->asvs_id, file.name);
        entry.blob_sha256 = file.sha256;
        entries.push_back(std::move(entry));
    }
    RAMPART_TRY(evidence::write_attachments_zip(entries, output_path, &m_blobs));
    return entries.size();
}

core::Result<model::Asset> ProjectService::create_asset(const model::Actor& actor, model::Asset asset) {
    RAMPART_TRY(engine::require(actor.role, Permission::ManageAssets));
    asset.name = std::string(core::trim(asset.name));
    if (asset.name.empty()) {
        return core::Error{core::ErrorCode::InvalidArgument, "an asset needs a name", {{{"", 0, 0, "/name"}, "empty"}}};
    }
    asset.company_id = actor.company_id;  // never what a client says
    model::Asset created;
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        created = RAMPART_TRY(m_projects.create_asset(asset));
        model::AuditEvent event;
        event.actor_id = actor.user_id;
        event.action = "asset.create";
        event.after = created.name;
        return m_projects.record(actor.company_id, event);
    }));
    return created;
}

core::Result<model::Asset> ProjectService::get_asset(const model::Actor& actor, int64_t asset_id) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    auto asset = RAMPART_TRY(m_projects.find_asset(actor.company_id, asset_id));
    if (!asset) return core::Error::make(core::ErrorCode::NotFound, fmt::format("no asset {}", asset_id));
    return std::move(*asset);
}

core::Result<storage::Page<model::Asset>> ProjectService::list_assets(const model::Actor& actor,
                                                                      const storage::PageRequest& page) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    return m_projects.list_assets(actor.company_id, page);
}

core::Result<ProjectService::Draft> ProjectService::create_draft(const model::Actor& actor,
                                                                 const model::ThreatModel& model) {
    RAMPART_TRY(engine::require(actor.role, Permission::CreateProject));
    // Drafts are kept in the model-file format, so a draft reads back
    // through the same checks as a file.
    const auto text = modelfile::write_model_file(model, modelfile::Format::Json);
    const auto id = RAMPART_TRY(m_projects.create_draft(actor.company_id, actor.user_id, text));
    return get_draft(actor, id);
}

core::Result<ProjectService::Draft> ProjectService::get_draft(const model::Actor& actor, int64_t draft_id) {
    RAMPART_TRY(engine::require(actor.role, Permission::ReadProjects));
    const auto stored = RAMPART_TRY(m_projects.find_draft(actor.company_id, draft_id));
    if (!stored) return core::Error::make(core::ErrorCode::NotFound, fmt::format("no draft {}", draft_id));
    auto model = RAMPART_TRY(modelfile::parse_model_file(stored->first, fmt::format("draft {}", draft_id)));
    return Draft{draft_id, std::move(model), stored->second};
}

core::Result<ProjectService::Draft> ProjectService::update_draft(const model::Actor& actor, int64_t draft_id,
                                                                 int64_t expected_version,
                                                                 const model::ThreatModel& model) {
    RAMPART_TRY(engine::require(actor.role, Permission::CreateProject));
    const auto text = modelfile::write_model_file(model, modelfile::Format::Json);
    const auto version = RAMPART_TRY(m_projects.update_draft(actor.company_id, draft_id, expected_version, text));
    return Draft{draft_id, model, version};
}

core::Result<int64_t> ProjectService::save_draft(const model::Actor& actor, int64_t draft_id,
                                                 const std::vector<engine::RequirementKey>& deselected) {
    const auto draft = RAMPART_TRY(get_draft(actor, draft_id));
    int64_t project_id = 0;
    // save() opens its own transaction; the runner joins nested calls to the
    // outer one, so the project and the draft's removal commit together.
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        project_id = RAMPART_TRY(save(actor, draft.model, deselected));
        RAMPART_TRY(m_projects.delete_draft(actor.company_id, draft_id));
        return {};
    }));
    return project_id;
}

}  // namespace rampart::app
