#include "storage/sqlite/sqlite_project_store.h"

#include <fmt/format.h>

#include <map>
#include <unordered_map>
#include <variant>

#include "core/time.h"
#include "storage/sqlite/detail/json_text.h"

namespace rampart::storage::sqlite {
namespace {

constexpr int MAX_PAGE_LIMIT = 1000;

constexpr const char* ASSET_COLUMNS =
    "id, company_id, name, description, tags, business_impact, data_classification, created_at";
constexpr const char* PROJECT_COLUMNS =
    "p.id, p.company_id, p.name, p.status, p.goal, p.scope, p.limitation, p.estimated_hours, p.tags, p.asvs_version, "
    "p.asvs_level, p.capec_version, p.cwe_version, p.follow_cwe_hierarchy, p.created_by, p.created_at, p.updated_at, "
    "p.version";
// Requirements are always read through their project (for the company) and
// their item (for its key).
constexpr const char* REQUIREMENT_SELECT =
    "SELECT r.id, r.project_id, r.item_id, i.item_key, r.asvs_id, r.chapter_id, r.chapter_name, r.section_name, "
    "r.description, r.level, r.match, r.status, r.justification, r.evidence_text, r.updated_at, r.version "
    "FROM project_requirements r JOIN projects p ON p.id = r.project_id JOIN project_items i ON i.id = r.item_id ";
constexpr const char* EVIDENCE_COLUMNS =
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

/// "?, ?, ?" for an IN list of `count` values.
std::string placeholders(size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
    return out;
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
struct Conditions {
    std::string sql;
    std::vector<std::variant<int64_t, std::string>> values;

    void add(std::string_view clause, std::variant<int64_t, std::string> value) {
        sql += sql.empty() ? "WHERE " : " AND ";
        sql += clause;
        values.push_back(std::move(value));
    }

    /// Binds the values from `first` on; answers the next free index.
    int bind(Statement& statement, int first = 1) const {
        int index = first;
        for (const auto& value : values) {
            std::visit([&](const auto& v) { statement.bind(index, v); }, value);
            ++index;
        }
        return index;
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
core::Error explain_missed_update(Database& db, std::string_view version_query, int64_t id, int64_t company_id,
                                  std::string_view what, int64_t expected) {
    auto row = db.prepare(version_query);
    if (!row.ok()) return std::move(row).error();
    row->bind(1, id).bind(2, company_id);
    auto found = row->step();
    if (!found.ok()) return std::move(found).error();
    if (!*found) return not_found(what, id);
    return version_conflict(what, id, row->integer(0), expected);
}

model::Asset read_asset(const Statement& row) {
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

model::Project read_project(const Statement& row) {
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
    project.follow_cwe_hierarchy = row.integer(13) != 0;
    project.created_by = row.integer(14);
    project.created_at = row.text(15);
    project.updated_at = row.text(16);
    project.version = row.integer(17);
    return project;
}

model::ProjectRequirement read_requirement(const Statement& row) {
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
    requirement.match = match_from_string(row.text(10));
    requirement.status =
        model::requirement_status_from_string(row.text(11)).value_or(model::RequirementStatus::NotStarted);
    requirement.justification = row.text(12);
    requirement.evidence_text = row.text(13);
    requirement.updated_at = row.text(14);
    requirement.version = row.integer(15);
    return requirement;
}

model::EvidenceFile read_evidence(const Statement& row) {
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

}  // namespace

// Assets.

core::Result<model::Asset> SqliteProjectStore::create_asset(const model::Asset& asset) {
    if (RAMPART_TRY(find_asset_by_name(asset.company_id, asset.name))) {
        return core::Error::make(core::ErrorCode::Conflict,
                                 fmt::format("an asset named \"{}\" already exists in this company", asset.name));
    }
    auto stored = asset;
    stored.created_at = now_or(asset.created_at);
    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO assets (company_id, name, description, tags, business_impact, data_classification, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.bind(1, stored.company_id)
        .bind(2, stored.name)
        .bind(3, stored.description)
        .bind(4, to_json_array(stored.tags))
        .bind(5, stored.business_impact)
        .bind(6, stored.data_classification)
        .bind(7, stored.created_at);
    RAMPART_TRY(insert.step());
    stored.id = insert.integer(0);
    insert.reset();
    return stored;
}

core::Result<std::optional<model::Asset>> SqliteProjectStore::find_asset(int64_t company_id, int64_t id) {
    auto row =
        RAMPART_TRY(m_db.prepare(fmt::format("SELECT {} FROM assets WHERE company_id = ? AND id = ?", ASSET_COLUMNS)));
    row.bind(1, company_id).bind(2, id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Asset>();
    return std::optional<model::Asset>(read_asset(row));
}

core::Result<std::optional<model::Asset>> SqliteProjectStore::find_asset_by_name(int64_t company_id,
                                                                                 const std::string& name) {
    auto row = RAMPART_TRY(
        m_db.prepare(fmt::format("SELECT {} FROM assets WHERE company_id = ? AND name = ?", ASSET_COLUMNS)));
    row.bind(1, company_id).bind(2, name);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Asset>();
    return std::optional<model::Asset>(read_asset(row));
}

core::Result<Page<model::Asset>> SqliteProjectStore::list_assets(int64_t company_id, const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Page<model::Asset> out;
    out.page = page.page;
    out.limit = page.limit;
    auto count = RAMPART_TRY(m_db.prepare("SELECT COUNT(*) FROM assets WHERE company_id = ?"));
    count.bind(1, company_id);
    RAMPART_TRY(count.step());
    out.total = static_cast<int>(count.integer(0));
    auto rows = RAMPART_TRY(m_db.prepare(
        fmt::format("SELECT {} FROM assets WHERE company_id = ? ORDER BY name, id LIMIT ? OFFSET ?", ASSET_COLUMNS)));
    rows.bind(1, company_id).bind(2, page.limit).bind(3, offset_of(page));
    while (RAMPART_TRY(rows.step())) out.items.push_back(read_asset(rows));
    return out;
}

// Drafts.

core::Result<int64_t> SqliteProjectStore::create_draft(int64_t company_id, int64_t user_id,
                                                       const std::string& model_json) {
    const auto now = core::utc_now_iso8601();
    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO drafts (company_id, created_by, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id"));
    insert.bind(1, company_id).bind(2, user_id).bind(3, model_json).bind(4, now).bind(5, now);
    RAMPART_TRY(insert.step());
    const auto id = insert.integer(0);
    insert.reset();
    return id;
}

core::Result<std::optional<std::pair<std::string, int64_t>>> SqliteProjectStore::find_draft(int64_t company_id,
                                                                                            int64_t id) {
    auto row = RAMPART_TRY(m_db.prepare("SELECT model, version FROM drafts WHERE company_id = ? AND id = ?"));
    row.bind(1, company_id).bind(2, id);
    if (!RAMPART_TRY(row.step())) return std::optional<std::pair<std::string, int64_t>>();
    return std::optional<std::pair<std::string, int64_t>>(std::make_pair(row.text(0), row.integer(1)));
}

core::Result<int64_t> SqliteProjectStore::update_draft(int64_t company_id, int64_t id, int64_t expected_version,
                                                       const std::string& model_json) {
    auto update =
        RAMPART_TRY(m_db.prepare("UPDATE drafts SET model = ?, updated_at = ?, version = version + 1 "
                                 "WHERE id = ? AND company_id = ? AND version = ? RETURNING version"));
    update.bind(1, model_json)
        .bind(2, core::utc_now_iso8601())
        .bind(3, id)
        .bind(4, company_id)
        .bind(5, expected_version);
    if (RAMPART_TRY(update.step())) {
        const auto version = update.integer(0);
        update.reset();
        return version;
    }
    return explain_missed_update(m_db, "SELECT version FROM drafts WHERE id = ? AND company_id = ?", id, company_id,
                                 "draft", expected_version);
}

core::Result<bool> SqliteProjectStore::delete_draft(int64_t company_id, int64_t id) {
    auto remove = RAMPART_TRY(m_db.prepare("DELETE FROM drafts WHERE id = ? AND company_id = ? RETURNING id"));
    remove.bind(1, id).bind(2, company_id);
    const bool removed = RAMPART_TRY(remove.step());
    remove.reset();
    return removed;
}

// Projects.

core::Result<int64_t> SqliteProjectStore::create_project(const model::Project& project,
                                                         const std::vector<model::ProjectRequirement>& requirements,
                                                         const std::vector<int64_t>& team_user_ids,
                                                         const std::vector<int64_t>& asset_ids) {
    // Everything is checked before the first write, so a refusal leaves
    // nothing behind even when the caller forgot its transaction.
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
    // Team members and assets must be the company's own: a foreign id is
    // refused like a missing one rather than linking two tenants.
    auto member = RAMPART_TRY(m_db.prepare("SELECT 1 FROM memberships WHERE company_id = ? AND user_id = ?"));
    for (const auto user_id : team_user_ids) {
        member.bind(1, project.company_id).bind(2, user_id);
        const bool found = RAMPART_TRY(member.step());
        member.reset();
        if (!found) {
            return core::Error::make(core::ErrorCode::NotFound,
                                     fmt::format("user {} is not a member of the company", user_id));
        }
    }
    for (const auto asset_id : asset_ids) {
        if (!RAMPART_TRY(find_asset(project.company_id, asset_id))) return not_found("asset", asset_id);
    }

    const auto created_at = now_or(project.created_at);
    const auto updated_at = project.updated_at.empty() ? created_at : project.updated_at;
    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO projects (company_id, name, status, goal, scope, limitation, estimated_hours, tags, asvs_version, "
        "asvs_level, capec_version, cwe_version, follow_cwe_hierarchy, created_by, created_at, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id"));
    insert.bind(1, project.company_id)
        .bind(2, project.name)
        .bind(3, model::to_string(project.status))
        .bind(4, project.goal)
        .bind(5, project.scope)
        .bind(6, project.limitation)
        .bind(7, project.estimated_hours)
        .bind(8, to_json_array(project.tags))
        .bind(9, project.asvs_version)
        .bind(10, project.asvs_level)
        .bind(11, project.capec_version)
        .bind(12, project.cwe_version)
        .bind(13, project.follow_cwe_hierarchy ? 1 : 0)
        .bind(14, project.created_by)
        .bind(15, created_at)
        .bind(16, updated_at);
    RAMPART_TRY(insert.step());
    const auto project_id = insert.integer(0);
    insert.reset();

    auto add_member =
        RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO project_team (project_id, user_id) VALUES (?, ?)"));
    for (const auto user_id : team_user_ids) RAMPART_TRY(add_member.bind(1, project_id).bind(2, user_id).run());
    auto add_asset =
        RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO project_assets (project_id, asset_id) VALUES (?, ?)"));
    for (const auto asset_id : asset_ids) RAMPART_TRY(add_asset.bind(1, project_id).bind(2, asset_id).run());

    auto add_item = RAMPART_TRY(m_db.prepare(
        "INSERT INTO project_items (project_id, ordinal, item_key, kind, name, description) VALUES (?, ?, ?, ?, ?, ?) "
        "RETURNING id"));
    auto add_pattern =
        RAMPART_TRY(m_db.prepare("INSERT INTO project_item_patterns (item_id, ordinal, capec_id) VALUES (?, ?, ?)"));
    for (size_t ordinal = 0; ordinal < project.items.size(); ++ordinal) {
        const auto& item = project.items[ordinal];
        add_item.bind(1, project_id)
            .bind(2, static_cast<int64_t>(ordinal))
            .bind(3, item.key)
            .bind(4, model::to_string(item.kind))
            .bind(5, item.name)
            .bind(6, item.description);
        RAMPART_TRY(add_item.step());
        const auto item_id = add_item.integer(0);
        add_item.reset();
        item_ids[item.key] = item_id;
        for (size_t p = 0; p < item.attack_patterns.size(); ++p) {
            RAMPART_TRY(
                add_pattern.bind(1, item_id).bind(2, static_cast<int64_t>(p)).bind(3, item.attack_patterns[p]).run());
        }
    }

    auto add_requirement = RAMPART_TRY(m_db.prepare(
        "INSERT INTO project_requirements (project_id, item_id, ordinal, asvs_id, chapter_id, chapter_name, "
        "section_name, description, level, match, status, justification, evidence_text, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id"));
    auto add_trace = RAMPART_TRY(m_db.prepare(
        "INSERT INTO requirement_traces (requirement_id, ordinal, capec_id, pattern_cwe, requirement_cwe, match) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    for (size_t ordinal = 0; ordinal < requirements.size(); ++ordinal) {
        const auto& requirement = requirements[ordinal];
        add_requirement.bind(1, project_id)
            .bind(2, item_ids.at(requirement.item_key))
            .bind(3, static_cast<int64_t>(ordinal))
            .bind(4, requirement.asvs_id)
            .bind(5, requirement.chapter_id)
            .bind(6, requirement.chapter_name)
            .bind(7, requirement.section_name)
            .bind(8, requirement.description)
            .bind(9, requirement.level)
            .bind(10, model::to_string(requirement.match))
            .bind(11, model::to_string(requirement.status))
            .bind(12, requirement.justification)
            .bind(13, requirement.evidence_text)
            .bind(14, requirement.updated_at.empty() ? created_at : requirement.updated_at);
        RAMPART_TRY(add_requirement.step());
        const auto requirement_id = add_requirement.integer(0);
        add_requirement.reset();
        for (size_t t = 0; t < requirement.traces.size(); ++t) {
            const auto& trace = requirement.traces[t];
            RAMPART_TRY(add_trace.bind(1, requirement_id)
                            .bind(2, static_cast<int64_t>(t))
                            .bind(3, trace.attack_pattern)
                            .bind(4, trace.pattern_cwe)
                            .bind(5, trace.requirement_cwe)
                            .bind(6, model::to_string(trace.match))
                            .run());
        }
    }
    return project_id;
}

core::Result<void> SqliteProjectStore::load_team_and_assets(std::vector<model::Project*>& projects) {
    if (projects.empty()) return {};
    std::map<int64_t, model::Project*> by_id;
    for (auto* project : projects) by_id[project->id] = project;
    const auto in_list = placeholders(by_id.size());

    auto team = RAMPART_TRY(
        m_db.prepare(fmt::format("SELECT t.project_id, u.email FROM project_team t JOIN users u ON u.id = t.user_id "
                                 "WHERE t.project_id IN ({}) ORDER BY t.project_id, u.email",
                                 in_list)));
    auto assets = RAMPART_TRY(m_db.prepare(
        fmt::format("SELECT pa.project_id, a.name FROM project_assets pa JOIN assets a ON a.id = pa.asset_id "
                    "WHERE pa.project_id IN ({}) ORDER BY pa.project_id, a.name",
                    in_list)));
    int index = 1;
    for (const auto& [id, project] : by_id) {
        team.bind(index, id);
        assets.bind(index, id);
        ++index;
    }
    while (RAMPART_TRY(team.step())) by_id[team.integer(0)]->team.push_back(team.text(1));
    while (RAMPART_TRY(assets.step())) by_id[assets.integer(0)]->assets.push_back(assets.text(1));
    return {};
}

core::Result<std::optional<model::Project>> SqliteProjectStore::find_project(int64_t company_id, int64_t id) {
    auto row = RAMPART_TRY(
        m_db.prepare(fmt::format("SELECT {} FROM projects p WHERE p.company_id = ? AND p.id = ?", PROJECT_COLUMNS)));
    row.bind(1, company_id).bind(2, id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Project>();
    auto project = read_project(row);

    std::unordered_map<int64_t, size_t> item_index;
    auto items = RAMPART_TRY(m_db.prepare(
        "SELECT id, item_key, kind, name, description FROM project_items WHERE project_id = ? ORDER BY ordinal"));
    items.bind(1, project.id);
    while (RAMPART_TRY(items.step())) {
        model::ProjectItem item;
        item.id = items.integer(0);
        item.key = items.text(1);
        item.kind = model::item_kind_from_string(items.text(2)).value_or(model::ItemKind::Service);
        item.name = items.text(3);
        item.description = items.text(4);
        item_index[item.id] = project.items.size();
        project.items.push_back(std::move(item));
    }
    auto patterns = RAMPART_TRY(m_db.prepare(
        "SELECT ip.item_id, ip.capec_id FROM project_item_patterns ip JOIN project_items i ON i.id = ip.item_id "
        "WHERE i.project_id = ? ORDER BY ip.item_id, ip.ordinal"));
    patterns.bind(1, project.id);
    while (RAMPART_TRY(patterns.step())) {
        project.items[item_index.at(patterns.integer(0))].attack_patterns.push_back(
            static_cast<int>(patterns.integer(1)));
    }

    std::vector<model::Project*> loaded{&project};
    RAMPART_TRY(load_team_and_assets(loaded));
    return std::optional<model::Project>(std::move(project));
}

core::Result<Page<ProjectSummary>> SqliteProjectStore::list_projects(int64_t company_id, const ProjectFilter& filter,
                                                                     const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("p.company_id = ?", company_id);
    if (filter.status) where.add("p.status = ?", std::string(model::to_string(*filter.status)));
    if (filter.tag) where.add("EXISTS (SELECT 1 FROM json_each(p.tags) WHERE json_each.value = ?)", *filter.tag);
    // LIKE is case-insensitive for ASCII in SQLite; the wildcards of the
    // user's text are escaped so "50%" means exactly that.
    if (filter.name_contains) where.add("p.name LIKE ? ESCAPE '\\'", like_contains(*filter.name_contains));
    if (filter.asset_id) {
        where.add("EXISTS (SELECT 1 FROM project_assets pa WHERE pa.project_id = p.id AND pa.asset_id = ?)",
                  *filter.asset_id);
    }

    Page<ProjectSummary> out;
    out.page = page.page;
    out.limit = page.limit;
    auto count = RAMPART_TRY(m_db.prepare("SELECT COUNT(*) FROM projects p " + where.sql));
    where.bind(count);
    RAMPART_TRY(count.step());
    out.total = static_cast<int>(count.integer(0));

    auto rows = RAMPART_TRY(
        m_db.prepare(fmt::format("SELECT {} FROM projects p {} ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
                                 PROJECT_COLUMNS, where.sql)));
    const int next = where.bind(rows);
    rows.bind(next, page.limit).bind(next + 1, offset_of(page));
    while (RAMPART_TRY(rows.step())) out.items.push_back(ProjectSummary{read_project(rows), {}});
    if (out.items.empty()) return out;

    // Team, assets and progress for the whole page, not one query per project.
    std::vector<model::Project*> projects;
    std::map<int64_t, model::Progress*> progress_of;
    for (auto& summary : out.items) {
        projects.push_back(&summary.project);
        progress_of[summary.project.id] = &summary.progress;
    }
    RAMPART_TRY(load_team_and_assets(projects));
    auto counts = RAMPART_TRY(m_db.prepare(
        fmt::format("SELECT project_id, status, COUNT(*) FROM project_requirements WHERE project_id IN ({}) "
                    "GROUP BY project_id, status",
                    placeholders(progress_of.size()))));
    int index = 1;
    for (const auto& entry : progress_of) counts.bind(index++, entry.first);
    while (RAMPART_TRY(counts.step())) {
        count_status(*progress_of.at(counts.integer(0)), counts.text(1), static_cast<int>(counts.integer(2)));
    }
    return out;
}

core::Result<int64_t> SqliteProjectStore::update_project(const model::Project& project) {
    auto update =
        RAMPART_TRY(m_db.prepare("UPDATE projects SET name = ?, status = ?, goal = ?, scope = ?, limitation = ?, "
                                 "estimated_hours = ?, tags = ?, updated_at = ?, version = version + 1 "
                                 "WHERE id = ? AND company_id = ? AND version = ? RETURNING version"));
    update.bind(1, project.name)
        .bind(2, model::to_string(project.status))
        .bind(3, project.goal)
        .bind(4, project.scope)
        .bind(5, project.limitation)
        .bind(6, project.estimated_hours)
        .bind(7, to_json_array(project.tags))
        .bind(8, core::utc_now_iso8601())
        .bind(9, project.id)
        .bind(10, project.company_id)
        .bind(11, project.version);
    if (RAMPART_TRY(update.step())) {
        const auto version = update.integer(0);
        update.reset();
        return version;
    }
    return explain_missed_update(m_db, "SELECT version FROM projects WHERE id = ? AND company_id = ?", project.id,
                                 project.company_id, "project", project.version);
}

// Requirements.

core::Result<void> SqliteProjectStore::load_traces_and_files(std::vector<model::ProjectRequirement>& requirements) {
    if (requirements.empty()) return {};
    std::unordered_map<int64_t, model::ProjectRequirement*> by_id;
    for (auto& requirement : requirements) by_id[requirement.id] = &requirement;
    const auto in_list = placeholders(requirements.size());

    auto traces = RAMPART_TRY(m_db.prepare(
        fmt::format("SELECT requirement_id, capec_id, pattern_cwe, requirement_cwe, match FROM requirement_traces "
                    "WHERE requirement_id IN ({}) ORDER BY requirement_id, ordinal",
                    in_list)));
    auto files = RAMPART_TRY(m_db.prepare(fmt::format(
        "SELECT {} FROM evidence_files e WHERE e.requirement_id IN ({}) ORDER BY e.id", EVIDENCE_COLUMNS, in_list)));
    for (size_t i = 0; i < requirements.size(); ++i) {
        traces.bind(static_cast<int>(i) + 1, requirements[i].id);
        files.bind(static_cast<int>(i) + 1, requirements[i].id);
    }
    while (RAMPART_TRY(traces.step())) {
        by_id.at(traces.integer(0))
            ->traces.push_back(model::Trace{static_cast<int>(traces.integer(1)), static_cast<int>(traces.integer(2)),
                                            static_cast<int>(traces.integer(3)), match_from_string(traces.text(4))});
    }
    while (RAMPART_TRY(files.step())) {
        auto file = read_evidence(files);
        by_id.at(file.requirement_id)->evidence_files.push_back(std::move(file));
    }
    return {};
}

core::Result<Page<model::ProjectRequirement>> SqliteProjectStore::list_requirements(int64_t company_id,
                                                                                    int64_t project_id,
                                                                                    const RequirementFilter& filter,
                                                                                    const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("r.project_id = ?", project_id);
    where.add("p.company_id = ?", company_id);
    if (filter.status) where.add("r.status = ?", std::string(model::to_string(*filter.status)));
    if (filter.item_key) where.add("i.item_key = ?", *filter.item_key);
    if (filter.level) where.add("r.level <= ?", static_cast<int64_t>(*filter.level));
    if (filter.chapter_id) where.add("r.chapter_id = ?", *filter.chapter_id);

    Page<model::ProjectRequirement> out;
    out.page = page.page;
    out.limit = page.limit;
    auto count =
        RAMPART_TRY(m_db.prepare("SELECT COUNT(*) FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                 "JOIN project_items i ON i.id = r.item_id " +
                                 where.sql));
    where.bind(count);
    RAMPART_TRY(count.step());
    out.total = static_cast<int>(count.integer(0));

    auto rows =
        RAMPART_TRY(m_db.prepare(std::string(REQUIREMENT_SELECT) + where.sql + " ORDER BY r.ordinal LIMIT ? OFFSET ?"));
    const int next = where.bind(rows);
    rows.bind(next, page.limit).bind(next + 1, offset_of(page));
    while (RAMPART_TRY(rows.step())) out.items.push_back(read_requirement(rows));
    RAMPART_TRY(load_traces_and_files(out.items));
    return out;
}

core::Result<std::optional<model::ProjectRequirement>> SqliteProjectStore::find_requirement(int64_t company_id,
                                                                                            int64_t id) {
    auto row = RAMPART_TRY(m_db.prepare(std::string(REQUIREMENT_SELECT) + "WHERE r.id = ? AND p.company_id = ?"));
    row.bind(1, id).bind(2, company_id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::ProjectRequirement>();
    std::vector<model::ProjectRequirement> found{read_requirement(row)};
    RAMPART_TRY(load_traces_and_files(found));
    return std::optional<model::ProjectRequirement>(std::move(found.front()));
}

core::Result<int64_t> SqliteProjectStore::update_requirement(int64_t company_id,
                                                             const model::ProjectRequirement& requirement,
                                                             int64_t actor_id) {
    auto update = RAMPART_TRY(m_db.prepare(
        "UPDATE project_requirements SET status = ?, justification = ?, evidence_text = ?, updated_at = ?, "
        "updated_by = ?, version = version + 1 "
        "WHERE id = ? AND version = ? AND project_id IN (SELECT id FROM projects WHERE company_id = ?) "
        "RETURNING version"));
    update.bind(1, model::to_string(requirement.status))
        .bind(2, requirement.justification)
        .bind(3, requirement.evidence_text)
        .bind(4, core::utc_now_iso8601())
        .bind(5, actor_id)
        .bind(6, requirement.id)
        .bind(7, requirement.version)
        .bind(8, company_id);
    if (RAMPART_TRY(update.step())) {
        const auto version = update.integer(0);
        update.reset();
        return version;
    }
    return explain_missed_update(m_db,
                                 "SELECT r.version FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                 "WHERE r.id = ? AND p.company_id = ?",
                                 requirement.id, company_id, "requirement", requirement.version);
}

core::Result<model::Progress> SqliteProjectStore::progress(int64_t company_id, int64_t project_id,
                                                           const std::optional<std::string>& item_key) {
    Conditions where;
    where.add("r.project_id = ?", project_id);
    where.add("p.company_id = ?", company_id);
    if (item_key) where.add("i.item_key = ?", *item_key);
    auto counts = RAMPART_TRY(
        m_db.prepare("SELECT r.status, COUNT(*) FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                     "JOIN project_items i ON i.id = r.item_id " +
                     where.sql + " GROUP BY r.status"));
    where.bind(counts);
    model::Progress out;
    while (RAMPART_TRY(counts.step())) count_status(out, counts.text(0), static_cast<int>(counts.integer(1)));
    return out;
}

// Evidence.

core::Result<int64_t> SqliteProjectStore::add_evidence_file(int64_t company_id, const model::EvidenceFile& file) {
    auto owner =
        RAMPART_TRY(m_db.prepare("SELECT 1 FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                 "WHERE r.id = ? AND p.company_id = ?"));
    owner.bind(1, file.requirement_id).bind(2, company_id);
    if (!RAMPART_TRY(owner.step())) return not_found("requirement", file.requirement_id);
    owner.reset();

    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO evidence_files (requirement_id, name, media_type, size, sha256, uploaded_by, uploaded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.bind(1, file.requirement_id)
        .bind(2, file.name)
        .bind(3, file.media_type)
        .bind(4, file.size)
        .bind(5, file.sha256)
        .bind(6, file.uploaded_by)
        .bind(7, now_or(file.uploaded_at));
    RAMPART_TRY(insert.step());
    const auto id = insert.integer(0);
    insert.reset();
    return id;
}

core::Result<std::vector<model::EvidenceFile>> SqliteProjectStore::project_evidence_files(int64_t company_id,
                                                                                          int64_t project_id) {
    auto rows = RAMPART_TRY(m_db.prepare(fmt::format(
        "SELECT {} FROM evidence_files e JOIN project_requirements r ON r.id = e.requirement_id "
        "JOIN projects p ON p.id = r.project_id WHERE r.project_id = ? AND p.company_id = ? ORDER BY r.ordinal, e.id",
        EVIDENCE_COLUMNS)));
    rows.bind(1, project_id).bind(2, company_id);
    std::vector<model::EvidenceFile> out;
    while (RAMPART_TRY(rows.step())) out.push_back(read_evidence(rows));
    return out;
}

// Audit.

core::Result<void> SqliteProjectStore::record(int64_t company_id, const model::AuditEvent& event) {
    // An event may only point at the company's own project and requirement,
    // so one tenant can never write into another's trail.
    if (event.project_id != 0) {
        auto owner = RAMPART_TRY(m_db.prepare("SELECT 1 FROM projects WHERE id = ? AND company_id = ?"));
        owner.bind(1, event.project_id).bind(2, company_id);
        if (!RAMPART_TRY(owner.step())) return not_found("project", event.project_id);
    }
    if (event.requirement_id != 0) {
        auto owner =
            RAMPART_TRY(m_db.prepare("SELECT 1 FROM project_requirements r JOIN projects p ON p.id = r.project_id "
                                     "WHERE r.id = ? AND p.company_id = ? AND r.project_id = ?"));
        owner.bind(1, event.requirement_id).bind(2, company_id).bind(3, event.project_id);
        if (!RAMPART_TRY(owner.step())) return not_found("requirement", event.requirement_id);
    }
    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO audit_events (company_id, project_id, requirement_id, actor_id, at, action, field, before_value, "
        "after_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, company_id);
    if (event.project_id != 0) {
        insert.bind(2, event.project_id);
    } else {
        insert.bind_null(2);
    }
    if (event.requirement_id != 0) {
        insert.bind(3, event.requirement_id);
    } else {
        insert.bind_null(3);
    }
    if (event.actor_id != 0) {
        insert.bind(4, event.actor_id);
    } else {
        insert.bind_null(4);
    }
    insert.bind(5, now_or(event.at))
        .bind(6, event.action)
        .bind(7, event.field)
        .bind(8, event.before)
        .bind(9, event.after)
        .bind(10, event.reason);
    return insert.run();
}

core::Result<Page<model::AuditEvent>> SqliteProjectStore::history(int64_t company_id, int64_t project_id,
                                                                  std::optional<int64_t> requirement_id,
                                                                  const PageRequest& page) {
    RAMPART_TRY(check_page(page));
    Conditions where;
    where.add("a.company_id = ?", company_id);
    where.add("a.project_id = ?", project_id);
    if (requirement_id) where.add("a.requirement_id = ?", *requirement_id);

    Page<model::AuditEvent> out;
    out.page = page.page;
    out.limit = page.limit;
    auto count = RAMPART_TRY(m_db.prepare("SELECT COUNT(*) FROM audit_events a " + where.sql));
    where.bind(count);
    RAMPART_TRY(count.step());
    out.total = static_cast<int>(count.integer(0));

    // Oldest first: a trail reads as the story of the project.
    auto rows = RAMPART_TRY(m_db.prepare(
        "SELECT a.id, a.project_id, a.requirement_id, a.actor_id, u.email, a.at, a.action, a.field, a.before_value, "
        "a.after_value, a.reason FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id " +
        where.sql + " ORDER BY a.id LIMIT ? OFFSET ?"));
    const int next = where.bind(rows);
    rows.bind(next, page.limit).bind(next + 1, offset_of(page));
    while (RAMPART_TRY(rows.step())) {
        model::AuditEvent event;
        event.id = rows.integer(0);
        event.project_id = rows.integer(1);
        event.requirement_id = rows.integer(2);
        event.actor_id = rows.integer(3);
        event.actor_email = rows.text(4);
        event.at = rows.text(5);
        event.action = rows.text(6);
        event.field = rows.text(7);
        event.before = rows.text(8);
        event.after = rows.text(9);
        event.reason = rows.text(10);
        out.items.push_back(std::move(event));
    }
    return out;
}

}  // namespace rampart::storage::sqlite
