#include "storage/postgres/pg_project_store.h"

#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "core/time.h"
#include "storage/postgres/detail/json_array.h"

namespace rampart::storage::postgres {
namespace {

constexpr int MAX_PAGE_LIMIT = 1000;

constexpr std::string_view ASSET_COLUMNS =
    "id, company_id, name, description, tags, business_impact, data_classification, created_at";
constexpr std::string_view PROJECT_COLUMNS =
    "p.id, p.company_id, p.name, p.status, p.goal, p.scope, p.limitation, p.estimated_hours, p.tags, p.asvs_version, "
    "p.asvs_level, p.capec_version, p.cwe_version, p.follow_cwe_hierarchy, p.created_by, p.created_at, p.updated_at, "
    "p.version";
// Requirements are always read through their project (for the company) and
// their item (for its key).
constexpr std::string_view REQUIREMENT_SELECT =
    "SELECT r.id, r.project_id, r.item_id, i.item_key, r.asvs_id, r.chapter_id, r.chapter_name, r.section_name, "
    "r.description, r.level, r.match, r.status, r.justification, r.evidence_text, r.updated_at, r.version "
    "FROM project_requirements r JOIN projects p ON p.id = r.project_id JOIN project_items i ON i.id = r.item_id ";
constexpr std::string_view EVIDENCE_COLUMNS =
    "e.id, e.requirement_id, e.name, e.media_type, e.size, e.sha256, e.uploaded_by, e.uploaded_at";

using detail::from_json_array;
using detail::to_json_array;

model::MatchKind match_from_string(std::string_view text) {
    return text == "indirect" ? model::MatchKind::Indirect : model::MatchKind::Direct;
}

core::Result<void> check_page(const PageRequest& page) {
    if (page.page < 1) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("page must be 1 or more (got {})", page.page));
    }
    if (page.limit < 1 || page.limit > MAX_PAGE_LIMIT) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("limit must be between 1 and {} (got {})", MAX_PAGE_LIMIT, page.limit));
    }
    return {};
}

int64_t offset_of(const PageRequest& page) {
    return static_cast<int64_t>(page.page - 1) * static_cast<int64_t>(page.limit);
}

/// Escapes LIKE's wildcards so user text matches literally (with ESCAPE '\').
std::string like_contains(std::string_view text) {
    std::string out = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

/// A WHERE clause built from optional filters, with its values in order.
/// Each clause names its placeholder `{}`, numbered here ($1, $2, …).
struct Conditions {
    std::string sql;
    std::vector<Param> values;

    void add(std::string_view clause, Param value) {
        sql += sql.empty() ? "WHERE " : " AND ";
        sql += fmt::format(fmt::runtime(clause), next());
        values.push_back(std::move(value));
    }

    /// The placeholder of the next value.
    [[nodiscard]] std::string next() const { return fmt::format("${}", values.size() + 1); }

    /// The values followed by LIMIT and OFFSET (see `paged`).
    [[nodiscard]] std::vector<Param> with_page(const PageRequest& page) const {
        auto out = values;
        out.emplace_back(static_cast<int64_t>(page.limit));
        out.emplace_back(offset_of(page));
        return out;
    }
    [[nodiscard]] std::string paged() const {
        return fmt::format("LIMIT ${} OFFSET ${}", values.size() + 1, values.size() + 2);
    }
};

core::Error version_conflict(std::string_view what, int64_t id, int64_t current, int64_t expected) {
    return core::Error::make(core::ErrorCode::Conflict,
                             fmt::format("{} {} was changed by someone else (version {} is current, you had {}); "
                                         "reload and try again",
                                         what, id, current, expected));
}

core::Error not_found(std::string_view what, int64_t id) {
    return core::Error::make(core::ErrorCode::NotFound, fmt::format("{} {} not found", what, id));
}

/// After an optimistic UPDATE touched no row: NotFound when the row is not
/// the company's (or does not exist), else Conflict naming both versions. It
/// always answers an error (a database failure being one too).
core::Error explain_missed_update(Connection& connection, std::string_view version_query, int64_t id,
                                  int64_t company_id, std::string_view what, int64_t expected) {
    auto rows = connection.query(version_query, {id, company_id});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->empty()) return not_found(what, id);
    return version_conflict(what, id, rows->front().integer(0), expected);
}

model::Asset read_asset(const Row& row) {
    model::Asset asset;
    asset.id = row.integer(0);
    asset.company_id = row.integer(1);
    asset.name = row.text(2);
    asset.description = row.text(3);
    asset.tags = from_json_array(row.text(4));
    asset.business_impact = row.text(5);
    asset.data_classification = row.text(6);
    asset.created_at = row.text(7);
    return asset;
}

model::Project read_project(const Row& row) {
    model::Project project;
    project.id = row.integer(0);
    project.company_id = row.integer(1);
    project.name = row.text(2);
    project.status = model::project_status_from_string(row.text(3)).value_or(model::ProjectStatus::Planned);
    project.goal = row.text(4);
    project.scope = row.text(5);
    project.limitation = row.text(6);
    project.estimated_hours = row.real(7);
    project.tags = from_json_array(row.text(8));
    project.asvs_version = row.text(9);
    project.asvs_level = static_cast<int>(row.integer(10));
    project.capec_version = row.text(11);
    project.cwe_version = row.text(12);
    project.follow_cwe_hierarchy = row.boolean(13);
    project.created_by = row.integer(14);
    project.created_at = row.text(15);
    project.updated_at = row.text(16);
    project.version = row.integer(17);
    return project;
}

model::ProjectRequirement read_requirement(const Row& row) {
    model::ProjectRequirement requirement;
    requirement.id = row.integer(0);
    requirement.project_id = row.integer(1);
    requirement.item_id = row.integer(2);
    requirement.item_key = row.text(3);
    requirement.asvs_id = row.text(4);
    requirement.chapter_id = row.text(5);
    requirement.chapter_name = row.text(6);
    requirement.section_name = row.text(7);
    requirement.description = row.text(8);
    requirement.level = static_cast<int>(row.integer(9));
    requirement.match = match_from_string(row.view(10));
    requirement.status =
        model::requirement_status_from_string(row.text(11)).value_or(model::RequirementStatus::NotStarted);
    requirement.justification = row.text(12);
    requirement.evidence_text = row.text(13);
    requirement.updated_at = row.text(14);
    requirement.version = row.integer(15);
    return requirement;
}

model::EvidenceFile read_evidence(const Row& row) {
    model::EvidenceFile file;
    file.id = row.integer(0);
    file.requirement_id = row.integer(1);
    file.name = row.text(2);
    file.media_type = row.text(3);
    file.size = row.integer(4);
    file.sha256 = row.text(5);
    file.uploaded_by = row.integer(6);
    file.uploaded_at = row.text(7);
    return file;
}

void count_status(model::Progress& progress, std::string_view status, int count) {
    switch (model::requirement_status_from_string(status).value_or(model::RequirementStatus::NotStarted)) {
        case model::RequirementStatus::NotStarted: progress.not_started += count; break;
        case model::RequirementStatus::InProgress: progress.in_progress += count; break;
        case model::RequirementStatus::NotApplicable: progress.not_applicable += count; break;
        case model::RequirementStatus::Done: progress.done += count; break;
    }
}

std::string now_or(const std::string& at) { return at.empty() ? core::utc_now_iso8601() : at; }

Param id_or_null(int64_t id) { return id != 0 ? Param(id) : Param(std::nullopt); }

}  // namespace

// Assets.

core::Result<model::Asset> PgProjectStore::create_asset(const model::Asset& asset) {
    auto stored = asset;
    stored.created_at = now_or(asset.created_at);
    // One statement decides, so two requests racing for a name cannot both
    // win, and the loser's transaction stays usable.
    const auto rows = RAMPART_TRY(m_db.query(
        "INSERT INTO assets (company_id, name, description, tags, business_impact, data_classification, created_at) "
        "VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) ON CONFLICT (company_id, name) DO NOTHING RETURNING id",
        {stored.company_id, stored.name, stored.description, to_json_array(stored.tags), stored.business_impact,
         stored.data_classification, stored.created_at}));
    if (rows.empty()) {
        return core::Error::make(core::ErrorCode::Conflict,
                                 fmt::format("an asset named \"{}\" already exists in this company", asset.name));
    }
    stored.id = rows.front().integer(0);
    return stored;
}

core::Result<std::optional<model::Asset>> PgProjectStore::find_asset(int64_t company_id, int64_t id) {
    const auto rows = RAMPART_TRY(m_db.query(
        fmt::format("SELECT {} FROM assets WHERE company_id = $1 AND id = $2", ASSET_COLUMNS), {company_id, id}));
    if (rows.empty()) return std::optional<model::Asset>();
    return std::optional<model::Asset>(read_asset(rows.front()));
}

core::Result<std::optional<model::Asset>> PgProjectStore::find_asset_by_name(int64_t company_id,
                                                                             const std::string& name) {
    const auto rows = RAMPART_TRY(m_db.query(
        fmt::format("SELECT {} FROM assets WHERE company_id = $1 AND name = $2", ASSET_COLUMNS), {company_id, name}));
    if (rows.empty()) return std::optional<model::Asset>();
    return std::optional<model::Asset>(read_asset(rows.front()));
}

core::Result<Page<model::Asset>> PgProjectStore::list_assets(int64_t company_id, const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    auto lease = RAMPART_TRY(m_db.lease());
    Page<model::Asset> out;
    out.page = page.page;
    out.limit = page.limit;
    const auto count = RAMPART_TRY(lease->query("SELECT COUNT(*) FROM assets WHERE company_id = $1", {company_id}));
    out.total = static_cast<int>(count.front().integer(0));
    // Byte order of names, as SQLite's BINARY collation sorts them.
    const auto rows = RAMPART_TRY(lease->query(
        fmt::format("SELECT {} FROM assets WHERE company_id = $1 ORDER BY name COLLATE \"C\", id LIMIT $2 OFFSET $3",
                    ASSET_COLUMNS),
        {company_id, static_cast<int64_t>(page.limit), offset_of(page)}));
    for (const auto row : rows) out.items.push_back(read_asset(row));
    return out;
}

// Drafts.

core::Result<int64_t> PgProjectStore::create_draft(int64_t company_id, int64_t user_id, const std::string& model_json) {
    const auto now = core::utc_now_iso8601();
    const auto rows = RAMPART_TRY(
        m_db.query("INSERT INTO drafts (company_id, created_by, model, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                   "$4) RETURNING id",
                   {company_id, user_id, model_json, now}));
    return rows.front().integer(0);
}

core::Result<std::optional<std::pair<std::string, int64_t>>> PgProjectStore::find_draft(int64_t company_id,
                                                                                        int64_t id) {
    const auto rows = RAMPART_TRY(
        m_db.query("SELECT model, version FROM drafts WHERE company_id = $1 AND id = $2", {company_id, id}));
    if (rows.empty()) return std::optional<std::pair<std::string, int64_t>>();
    const auto row = rows.front();
    return std::optional<std::pair<std::string, int64_t>>(std::make_pair(row.text(0), row.integer(1)));
}

core::Result<int64_t> PgProjectStore::update_draft(int64_t company_id, int64_t id, int64_t expected_version,
                                                   const std::string& model_json) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows =
        RAMPART_TRY(lease->query("UPDATE drafts SET model = $1, updated_at = $2, version = version + 1 "
                                 "WHERE id = $3 AND company_id = $4 AND version = $5 RETURNING version",
                                 {model_json, core::utc_now_iso8601(), id, company_id, expected_version}));
    if (!rows.empty()) return rows.front().integer(0);
    return explain_missed_update(*lease, "SELECT version FROM drafts WHERE id = $1 AND company_id = $2", id, company_id,
                                 "draft", expected_version);
}

core::Result<bool> PgProjectStore::delete_draft(int64_t company_id, int64_t id) {
    const auto rows =
        RAMPART_TRY(m_db.query("DELETE FROM drafts WHERE id = $1 AND company_id = $2 RETURNING id", {id, company_id}));
    return !rows.empty();
}

// Projects.

core::Result<int64_t> PgProjectStore::create_project(const model::Project& project,
                                                     const std::vector<model::ProjectRequirement>& requirements,
                                                     const std::vector<int64_t>& team_user_ids,
                                                     const std::vector<int64_t>& asset_ids) {
    // Everything is checked before the first write, so a refusal leaves
    // nothing behind.
    std::unordered_map<std::string, int64_t> item_ids;
    for (const auto& item : project.items) {
        if (!item_ids.emplace(item.key, 0).second) {
            return core::Error::make(core::ErrorCode::InvalidArgument,
                                     fmt::format("the item key \"{}\" is used twice", item.key));
        }
    }
    for (const auto& requirement : requirements) {
        if (!item_ids.contains(requirement.item_key)) {
            return core::Error::make(
                core::ErrorCode::InvalidArgument,
                fmt::format("requirement {} names the item \"{}\", which the project does not have",
                            requirement.asvs_id, requirement.item_key));
        }
    }

    int64_t project_id = 0;
    RAMPART_TRY(m_db.transaction([&]() -> core::Result<void> {
        auto lease = RAMPART_TRY(m_db.lease());
        // Team members and assets must be the company's own: a foreign id is
        // refused like a missing one rather than linking two tenants.
        const auto members =
            RAMPART_TRY(lease->query("SELECT user_id FROM memberships WHERE company_id = $1 AND user_id = ANY($2)",
                                     {project.company_id, Param::integer_array(team_user_ids)}));
        std::unordered_map<int64_t, bool> known;
        for (const auto row : members) known[row.integer(0)] = true;
        for (const auto user_id : team_user_ids) {
            if (!known.contains(user_id)) {
                return core::Error::make(core::ErrorCode::NotFound,
                                         fmt::format("user {} is not a member of the company", user_id));
            }
        }
        const auto assets = RAMPART_TRY(lease->query("SELECT id FROM assets WHERE company_id = $1 AND id = ANY($2)",
                                                     {project.company_id, Param::integer_array(asset_ids)}));
        known.clear();
        for (const auto row : assets) known[row.integer(0)] = true;
        for (const auto asset_id : asset_ids) {
            if (!known.contains(asset_id)) return not_found("asset", asset_id);
        }

        const auto created_at = now_or(project.created_at);
        const auto updated_at = project.updated_at.empty() ? created_at : project.updated_at;
        const auto inserted = RAMPART_TRY(lease->query(
            "INSERT INTO projects (company_id, name, status, goal, scope, limitation, estimated_hours, tags, "
            "asvs_version, asvs_level, capec_version, cwe_version, follow_cwe_hierarchy, created_by, created_at, "
            "updated_at, version) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, 1) RETURNING id",
            {project.company_id, project.name, model::to_string(project.status), project.goal, project.scope,
             project.limitation, project.estimated_hours, to_json_array(project.tags), project.asvs_version,
             project.asvs_level, project.capec_version, project.cwe_version, project.follow_cwe_hierarchy,
             project.created_by, created_at, updated_at}));
        project_id = inserted.front().integer(0);

        RAMPART_TRY(lease->query(
            "INSERT INTO project_team (project_id, user_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
            {project_id, Param::integer_array(team_user_ids)}));
        RAMPART_TRY(lease->query(
            "INSERT INTO project_assets (project_id, asset_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
            {project_id, Param::integer_array(asset_ids)}));

        // Items, their patterns, requirements and traces: one statement each,
        // whatever the size of the model.
        std::vector<std::string> keys, kinds, names, descriptions;
        std::vector<int64_t> ordinals;
        for (size_t ordinal = 0; ordinal < project.items.size(); ++ordinal) {
            const auto& item = project.items[ordinal];
            ordinals.push_back(static_cast<int64_t>(ordinal));
            keys.push_back(item.key);
            kinds.emplace_back(model::to_string(item.kind));
            names.push_back(item.name);
            descriptions.push_back(item.description);
        }
        const auto items = RAMPART_TRY(
            lease->query("INSERT INTO project_items (project_id, ordinal, item_key, kind, name, description) "
                         "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) "
                         "RETURNING id, item_key",
                         {project_id, Param::integer_array(ordinals), Param::text_array(keys), Param::text_array(kinds),
                          Param::text_array(names), Param::text_array(descriptions)}));
        for (const auto row : items) item_ids[row.text(1)] = row.integer(0);

        std::vector<int64_t> pattern_items, pattern_ordinals, pattern_ids;
        for (const auto& item : project.items) {
            for (size_t p = 0; p < item.attack_patterns.size(); ++p) {
                pattern_items.push_back(item_ids.at(item.key));
                pattern_ordinals.push_back(static_cast<int64_t>(p));
                pattern_ids.push_back(item.attack_patterns[p]);
            }
        }
        RAMPART_TRY(
            lease->query("INSERT INTO project_item_patterns (item_id, ordinal, capec_id) "
                         "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])",
                         {Param::integer_array(pattern_items), Param::integer_array(pattern_ordinals),
                          Param::integer_array(pattern_ids)}));

        std::vector<int64_t> r_item, r_ordinal, r_level;
        std::vector<std::string> r_asvs, r_chapter, r_chapter_name, r_section, r_description, r_match, r_status,
            r_justification, r_evidence, r_updated;
        for (size_t ordinal = 0; ordinal < requirements.size(); ++ordinal) {
            const auto& requirement = requirements[ordinal];
            r_item.push_back(item_ids.at(requirement.item_key));
            r_ordinal.push_back(static_cast<int64_t>(ordinal));
            r_asvs.push_back(requirement.asvs_id);
            r_chapter.push_back(requirement.chapter_id);
            r_chapter_name.push_back(requirement.chapter_name);
            r_section.push_back(requirement.section_name);
            r_description.push_back(requirement.description);
            r_level.push_back(requirement.level);
            r_match.emplace_back(model::to_string(requirement.match));
            r_status.emplace_back(model::to_string(requirement.status));
            r_justification.push_back(requirement.justification);
            r_evidence.push_back(requirement.evidence_text);
            r_updated.push_back(requirement.updated_at.empty() ? created_at : requirement.updated_at);
        }
        const auto stored = RAMPART_TRY(lease->query(
            "INSERT INTO project_requirements (project_id, item_id, ordinal, asvs_id, chapter_id, chapter_name, "
            "section_name, description, level, match, status, justification, evidence_text, updated_at, version) "
            "SELECT $1, *, 1 FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], "
            "$8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) "
            "RETURNING id, ordinal",
            {project_id, Param::integer_array(r_item), Param::integer_array(r_ordinal), Param::text_array(r_asvs),
             Param::text_array(r_chapter), Param::text_array(r_chapter_name), Param::text_array(r_section),
             Param::text_array(r_description), Param::integer_array(r_level), Param::text_array(r_match),
             Param::text_array(r_status), Param::text_array(r_justification), Param::text_array(r_evidence),
             Param::text_array(r_updated)}));
        std::vector<int64_t> requirement_ids(requirements.size());
        for (const auto row : stored) requirement_ids[static_cast<size_t>(row.integer(1))] = row.integer(0);

        std::vector<int64_t> t_requirement, t_ordinal, t_capec, t_pattern_cwe, t_requirement_cwe;
        std::vector<std::string> t_match;
        for (size_t i = 0; i < requirements.size(); ++i) {
            for (size_t t = 0; t < requirements[i].traces.size(); ++t) {
                const auto& trace = requirements[i].traces[t];
                t_requirement.push_back(requirement_ids[i]);
                t_ordinal.push_back(static_cast<int64_t>(t));
                t_capec.push_back(trace.attack_pattern);
                t_pattern_cwe.push_back(trace.pattern_cwe);
                t_requirement_cwe.push_back(trace.requirement_cwe);
                t_match.emplace_back(model::to_string(trace.match));
            }
        }
        RAMPART_TRY(lease->query(
            "INSERT INTO requirement_traces (requirement_id, ordinal, capec_id, pattern_cwe, requirement_cwe, match) "
            "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[])",
            {Param::integer_array(t_requirement), Param::integer_array(t_ordinal), Param::integer_array(t_capec),
             Param::integer_array(t_pattern_cwe), Param::integer_array(t_requirement_cwe),
             Param::text_array(t_match)}));
        return {};
    }));
    return project_id;
}

core::Result<void> PgProjectStore::load_team_and_assets(Connection& connection,
                                                        std::vector<model::Project*>& projects) {
    if (projects.empty()) return {};
    std::map<int64_t, model::Project*> by_id;
    std::vector<int64_t> ids;
    for (auto* project : projects) {
        by_id[project->id] = project;
        ids.push_back(project->id);
    }
    // Team e-mails in SQLite's NOCASE order, asset names in byte order.
    const auto team = RAMPART_TRY(
        connection.query("SELECT t.project_id, u.email FROM project_team t JOIN users u ON u.id = t.user_id "
                         "WHERE t.project_id = ANY($1) ORDER BY t.project_id, nocase(u.email) COLLATE \"C\"",
                         {Param::integer_array(ids)}));
    const auto assets = RAMPART_TRY(
        connection.query("SELECT pa.project_id, a.name FROM project_assets pa JOIN assets a ON a.id = pa.asset_id "
                         "WHERE pa.project_id = ANY($1) ORDER BY pa.project_id, a.name COLLATE \"C\"",
                         {Param::integer_array(ids)}));
    for (const auto row : team) by_id[row.integer(0)]->team.push_back(row.text(1));
    for (const auto row : assets) by_id[row.integer(0)]->assets.push_back(row.text(1));
    return {};
}

core::Result<std::optional<model::Project>> PgProjectStore::find_project(int64_t company_id, int64_t id) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows = RAMPART_TRY(
        lease->query(fmt::format("SELECT {} FROM projects p WHERE p.company_id = $1 AND p.id = $2", PROJECT_COLUMNS),
                     {company_id, id}));
    if (rows.empty()) return std::optional<model::Project>();
    auto project = read_project(rows.front());

    std::unordered_map<int64_t, size_t> item_index;
    const auto items = RAMPART_TRY(lease->query(
        "SELECT id, item_key, kind, name, description FROM project_items WHERE project_id = $1 ORDER BY ordinal",
        {project.id}));
    for (const auto row : items) {
        model::ProjectItem item;
        item.id = row.integer(0);
        item.key = row.text(1);
        item.kind = model::item_kind_from_string(row.text(2)).value_or(model::ItemKind::Service);
        item.name = row.text(3);
        item.description = row.text(4);
        item_index[item.id] = project.items.size();
        project.items.push_back(std::move(item));
    }
    const auto patterns = RAMPART_TRY(lease->query(
        "SELECT ip.item_id, ip.capec_id FROM project_item_patterns ip JOIN project_items i ON i.id = ip.item_id "
        "WHERE i.project_id = $1 ORDER BY ip.item_id, ip.ordinal",
        {project.id}));
    for (const auto row : patterns) {
        project.items[item_index.at(row.integer(0))].attack_patterns.push_back(static_cast<int>(row.integer(1)));
    }

    std::vector<model::Project*> loaded{&project};
    RAMPART_TRY(load_team_and_assets(*lease, loaded));
    return std::optional<model::Project>(std::move(project));
}

core::Result<Page<ProjectSummary>> PgProjectStore::list_projects(int64_t company_id, const ProjectFilter& filter,
                                                                 const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("p.company_id = {}", company_id);
    if (filter.status) where.add("p.status = {}", model::to_string(*filter.status));
    // Whole tags only: the JSON array must contain the string.
    if (filter.tag) where.add("p.tags @> jsonb_build_array({}::text)", *filter.tag);
    // SQLite's LIKE: ASCII letters match either case; the wildcards of the
    // user's text are escaped so "50%" means exactly that.
    if (filter.name_contains) {
        where.add("nocase(p.name) LIKE nocase({}) ESCAPE '\\'", like_contains(*filter.name_contains));
    }
    if (filter.asset_id) {
        where.add("EXISTS (SELECT 1 FROM project_assets pa WHERE pa.project_id = p.id AND pa.asset_id = {})",
                  *filter.asset_id);
    }

    auto lease = RAMPART_TRY(m_db.lease());
    Page<ProjectSummary> out;
    out.page = page.page;
    out.limit = page.limit;
    const auto count = RAMPART_TRY(lease->query("SELECT COUNT(*) FROM projects p " + where.sql, where.values));
    out.total = static_cast<int>(count.front().integer(0));

    const auto rows = RAMPART_TRY(
        lease->query(fmt::format("SELECT {} FROM projects p {} ORDER BY p.created_at COLLATE \"C\" DESC, p.id DESC {}",
                                 PROJECT_COLUMNS, where.sql, where.paged()),
                     where.with_page(page)));
    for (const auto row : rows) out.items.push_back(ProjectSummary{read_project(row), {}});
    if (out.items.empty()) return out;

    // Team, assets and progress for the whole page, not one query per project.
    std::vector<model::Project*> projects;
    std::map<int64_t, model::Progress*> progress_of;
    std::vector<int64_t> ids;
    for (auto& summary : out.items) {
        projects.push_back(&summary.project);
        progress_of[summary.project.id] = &summary.progress;
        ids.push_back(summary.project.id);
    }
    RAMPART_TRY(load_team_and_assets(*lease, projects));
    const auto counts = RAMPART_TRY(
        lease->query("SELECT project_id, status, COUNT(*) FROM project_requirements WHERE project_id = ANY($1) "
                     "GROUP BY project_id, status",
                     {Param::integer_array(ids)}));
    for (const auto row : counts) {
        count_status(*progress_of.at(row.integer(0)), row.view(1), static_cast<int>(row.integer(2)));
    }
    return out;
}

core::Result<int64_t> PgProjectStore::update_project(const model::Project& project) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows = RAMPART_TRY(lease->query(
        "UPDATE projects SET name = $1, status = $2, goal = $3, scope = $4, limitation = $5, estimated_hours = $6, "
        "tags = $7::jsonb, updated_at = $8, version = version + 1 "
        "WHERE id = $9 AND company_id = $10 AND version = $11 RETURNING version",
        {project.name, model::to_string(project.status), project.goal, project.scope, project.limitation,
         project.estimated_hours, to_json_array(project.tags), core::utc_now_iso8601(), project.id, project.company_id,
         project.version}));
    if (!rows.empty()) return rows.front().integer(0);
    return explain_missed_update(*lease, "SELECT version FROM projects WHERE id = $1 AND company_id = $2", project.id,
                                 project.company_id, "project", project.version);
}

// Requirements.

core::Result<void> PgProjectStore::load_traces_and_files(Connection& connection,
                                                         std::vector<model::ProjectRequirement>& requirements) {
    if (requirements.empty()) return {};
    std::unordered_map<int64_t, model::ProjectRequirement*> by_id;
    std::vector<int64_t> ids;
    for (auto& requirement : requirements) {
        by_id[requirement.id] = &requirement;
        ids.push_back(requirement.id);
    }
    const auto traces = RAMPART_TRY(
        connection.query("SELECT requirement_id, capec_id, pattern_cwe, requirement_cwe, match FROM requirement_traces "
                         "WHERE requirement_id = ANY($1) ORDER BY requirement_id, ordinal",
                         {Param::integer_array(ids)}));
    const auto files = RAMPART_TRY(connection.query(
        fmt::format("SELECT {} FROM evidence_files e WHERE e.requirement_id = ANY($1) ORDER BY e.id", EVIDENCE_COLUMNS),
        {Param::integer_array(ids)}));
    for (const auto row : traces) {
        by_id.at(row.integer(0))
            ->traces.push_back(model::Trace{static_cast<int>(row.integer(1)), static_cast<int>(row.integer(2)),
                                            static_cast<int>(row.integer(3)), match_from_string(row.view(4))});
    }
    for (const auto row : files) {
        auto file = read_evidence(row);
        by_id.at(file.requirement_id)->evidence_files.push_back(std::move(file));
    }
    return {};
}

core::Result<Page<model::ProjectRequirement>> PgProjectStore::list_requirements(int64_t company_id, int64_t project_id,
                                                                                const RequirementFilter& filter,
                                                                                const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("r.project_id = {}", project_id);
    where.add("p.company_id = {}", company_id);
    if (filter.status) where.add("r.status = {}", model::to_string(*filter.status));
    if (filter.item_key) where.add("i.item_key = {}", *filter.item_key);
    if (filter.level) where.add("r.level <= {}", static_cast<int64_t>(*filter.level));
    if (filter.chapter_id) where.add("r.chapter_id = {}", *filter.chapter_id);

    auto lease = RAMPART_TRY(m_db.lease());
    Page<model::ProjectRequirement> out;
    out.page = page.page;
    out.limit = page.limit;
    const auto count =
        RAMPART_TRY(lease->query("SELECT COUNT(*) FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                 "JOIN project_items i ON i.id = r.item_id " +
                                     where.sql,
                                 where.values));
    out.total = static_cast<int>(count.front().integer(0));

    const auto rows = RAMPART_TRY(
        lease->query(fmt::format("{}{} ORDER BY r.ordinal {}", REQUIREMENT_SELECT, where.sql, where.paged()),
                     where.with_page(page)));
    for (const auto row : rows) out.items.push_back(read_requirement(row));
    RAMPART_TRY(load_traces_and_files(*lease, out.items));
    return out;
}

core::Result<std::optional<model::ProjectRequirement>> PgProjectStore::find_requirement(int64_t company_id,
                                                                                        int64_t id) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows = RAMPART_TRY(
        lease->query(std::string(REQUIREMENT_SELECT) + "WHERE r.id = $1 AND p.company_id = $2", {id, company_id}));
    if (rows.empty()) return std::optional<model::ProjectRequirement>();
    std::vector<model::ProjectRequirement> found{read_requirement(rows.front())};
    RAMPART_TRY(load_traces_and_files(*lease, found));
    return std::optional<model::ProjectRequirement>(std::move(found.front()));
}

core::Result<int64_t> PgProjectStore::update_requirement(int64_t company_id,
                                                         const model::ProjectRequirement& requirement,
                                                         int64_t actor_id) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows = RAMPART_TRY(lease->query(
        "UPDATE project_requirements SET status = $1, justification = $2, evidence_text = $3, updated_at = $4, "
        "updated_by = $5, version = version + 1 "
        "WHERE id = $6 AND version = $7 AND project_id IN (SELECT id FROM projects WHERE company_id = $8) "
        "RETURNING version",
        {model::to_string(requirement.status), requirement.justification, requirement.evidence_text,
         core::utc_now_iso8601(), actor_id, requirement.id, requirement.version, company_id}));
    if (!rows.empty()) return rows.front().integer(0);
    return explain_missed_update(*lease,
                                 "SELECT r.version FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                 "WHERE r.id = $1 AND p.company_id = $2",
                                 requirement.id, company_id, "requirement", requirement.version);
}

core::Result<model::Progress> PgProjectStore::progress(int64_t company_id, int64_t project_id,
                                                       const std::optional<std::string>& item_key) {
    Conditions where;
    where.add("r.project_id = {}", project_id);
    where.add("p.company_id = {}", company_id);
    if (item_key) where.add("i.item_key = {}", *item_key);
    const auto rows = RAMPART_TRY(
        m_db.query("SELECT r.status, COUNT(*) FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                   "JOIN project_items i ON i.id = r.item_id " +
                       where.sql + " GROUP BY r.status",
                   where.values));
    model::Progress out;
    for (const auto row : rows) count_status(out, row.view(0), static_cast<int>(row.integer(1)));
    return out;
}

// Evidence.

core::Result<int64_t> PgProjectStore::add_evidence_file(int64_t company_id, const model::EvidenceFile& file) {
    // The requirement must be the company's: the insert takes its row from
    // that check, so a foreign requirement inserts nothing.
    const auto rows = RAMPART_TRY(m_db.query(
        "INSERT INTO evidence_files (requirement_id, name, media_type, size, sha256, uploaded_by, uploaded_at) "
        "SELECT r.id, $3, $4, $5, $6, $7, $8 FROM project_requirements r JOIN projects p ON p.id = r.project_id "
        "WHERE r.id = $1 AND p.company_id = $2 RETURNING id",
        {file.requirement_id, company_id, file.name, file.media_type, file.size, file.sha256, file.uploaded_by,
         now_or(file.uploaded_at)}));
    if (rows.empty()) return not_found("requirement", file.requirement_id);
    return rows.front().integer(0);
}

core::Result<std::vector<model::EvidenceFile>> PgProjectStore::project_evidence_files(int64_t company_id,
                                                                                      int64_t project_id) {
    const auto rows = RAMPART_TRY(
        m_db.query(fmt::format("SELECT {} FROM evidence_files e JOIN project_requirements r ON r.id = e.requirement_id "
                               "JOIN projects p ON p.id = r.project_id WHERE r.project_id = $1 AND p.company_id = $2 "
                               "ORDER BY r.ordinal, e.id",
                               EVIDENCE_COLUMNS),
                   {project_id, company_id}));
    std::vector<model::EvidenceFile> out;
    for (const auto row : rows) out.push_back(read_evidence(row));
    return out;
}

// Audit.

core::Result<void> PgProjectStore::record(int64_t company_id, const model::AuditEvent& event) {
    auto lease = RAMPART_TRY(m_db.lease());
    // An event may only point at the company's own project and requirement,
    // so one tenant can never write into another's trail.
    if (event.project_id != 0) {
        const auto owner = RAMPART_TRY(
            lease->query("SELECT 1 FROM projects WHERE id = $1 AND company_id = $2", {event.project_id, company_id}));
        if (owner.empty()) return not_found("project", event.project_id);
    }
    if (event.requirement_id != 0) {
        const auto owner =
            RAMPART_TRY(lease->query("SELECT 1 FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                     "WHERE r.id = $1 AND p.company_id = $2 AND r.project_id = $3",
                                     {event.requirement_id, company_id, event.project_id}));
        if (owner.empty()) return not_found("requirement", event.requirement_id);
    }
    RAMPART_TRY(lease->query(
        "INSERT INTO audit_events (company_id, project_id, requirement_id, actor_id, at, action, field, before_value, "
        "after_value, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {company_id, id_or_null(event.project_id), id_or_null(event.requirement_id), id_or_null(event.actor_id),
         now_or(event.at), event.action, event.field, event.before, event.after, event.reason}));
    return {};
}

core::Result<Page<model::AuditEvent>> PgProjectStore::history(int64_t company_id, int64_t project_id,
                                                              std::optional<int64_t> requirement_id,
                                                              const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("a.company_id = {}", company_id);
    where.add("a.project_id = {}", project_id);
    if (requirement_id) where.add("a.requirement_id = {}", *requirement_id);

    auto lease = RAMPART_TRY(m_db.lease());
    Page<model::AuditEvent> out;
    out.page = page.page;
    out.limit = page.limit;
    const auto count = RAMPART_TRY(lease->query("SELECT COUNT(*) FROM audit_events a " + where.sql, where.values));
    out.total = static_cast<int>(count.front().integer(0));

    // Oldest first: a trail reads as the story of the project.
    const auto rows = RAMPART_TRY(lease->query(
        fmt::format("SELECT a.id, a.project_id, a.requirement_id, a.actor_id, u.email, a.at, a.action, a.field, "
                    "a.before_value, a.after_value, a.reason FROM audit_events a LEFT JOIN users u ON u.id = "
                    "a.actor_id {} ORDER BY a.id {}",
                    where.sql, where.paged()),
        where.with_page(page)));
    for (const auto row : rows) {
        model::AuditEvent event;
        event.id = row.integer(0);
        event.project_id = row.integer(1);
        event.requirement_id = row.integer(2);
        event.actor_id = row.integer(3);
        event.actor_email = row.text(4);
        event.at = row.text(5);
        event.action = row.text(6);
        event.field = row.text(7);
        event.before = row.text(8);
        event.after = row.text(9);
        event.reason = row.text(10);
        out.items.push_back(std::move(event));
    }
    return out;
}

}  // namespace rampart::storage::postgres
