#include "storage/sqlite/sqlite_catalog_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "core/time.h"
#include "storage/sqlite/detail/json_text.h"

namespace rampart::storage::sqlite {
namespace {

using detail::from_json_array;
using detail::to_json_array;

model::CatalogKind kind_from_string(std::string_view text) {
    if (text == "capec") return model::CatalogKind::Capec;
    if (text == "cwe") return model::CatalogKind::Cwe;
    return model::CatalogKind::Asvs;
}
}  // namespace

std::string fts_query(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || byte >= 0x80) {
            word += c;
        } else {
            flush();
        }
    }
    flush();
    std::string query;
    for (size_t i = 0; i < words.size(); ++i) {
        if (!query.empty()) query += ' ';
        // Quoted, every word is a plain string to FTS5, never an operator.
        query += '"' + words[i] + '"';
        if (i + 1 == words.size()) query += '*';
    }
    return query;
}

core::Result<std::optional<int64_t>> SqliteCatalogStore::catalog_id(model::CatalogKind kind,
                                                                    const std::string& version) {
    auto statement = RAMPART_TRY(m_db.prepare("SELECT id FROM catalogs WHERE kind = ? AND version = ?"));
    statement.bind(1, model::to_string(kind)).bind(2, version);
    if (!RAMPART_TRY(statement.step())) return std::optional<int64_t>();
    return std::optional<int64_t>(statement.integer(0));
}

core::Result<std::vector<CatalogFileRecord>> SqliteCatalogStore::files(int64_t id) {
    auto statement = RAMPART_TRY(m_db.prepare(
        "SELECT name, format, sha256, entries, skipped, imported_at FROM catalog_files WHERE catalog_id = ? "
        "ORDER BY id"));
    statement.bind(1, id);
    std::vector<CatalogFileRecord> out;
    while (RAMPART_TRY(statement.step())) {
        out.push_back({statement.text(0), statement.text(1), statement.text(2), static_cast<int>(statement.integer(3)),
                       static_cast<int>(statement.integer(4)), statement.text(5)});
    }
    return out;
}

core::Result<CatalogCounts> SqliteCatalogStore::counts(int64_t id, model::CatalogKind kind) {
    std::string sql;
    switch (kind) {
        case model::CatalogKind::Asvs:
            sql = R"(WITH links AS (
                       SELECT req_id, cwe_id FROM asvs_requirement_cwes WHERE catalog_id = ?1
                       UNION
                       SELECT i.req_id, c.cwe_id FROM asvs_scheme_ids i
                         JOIN asvs_scheme_cwes c ON c.catalog_id = i.catalog_id AND c.scheme_id = i.scheme_id
                        WHERE i.catalog_id = ?1
                         AND EXISTS (SELECT 1 FROM asvs_requirements r WHERE r.catalog_id = ?1 AND r.req_id = i.req_id))
                     SELECT (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = ?1 AND level1),
                            (SELECT COUNT(DISTINCT req_id) FROM links),
                            (SELECT COUNT(*) FROM links),
                            0)";
            break;
        case model::CatalogKind::Capec:
            sql = R"(SELECT (SELECT COUNT(*) FROM capec_patterns WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM capec_patterns WHERE catalog_id = ?1
                                AND status NOT IN ('Deprecated', 'Obsolete')),
                            0,
                            (SELECT COUNT(DISTINCT capec_id) FROM capec_pattern_cwes WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM capec_pattern_cwes WHERE catalog_id = ?1),
                            0)";
            break;
        case model::CatalogKind::Cwe:
            sql = R"(SELECT (SELECT COUNT(*) FROM cwe_weaknesses WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM cwe_weaknesses WHERE catalog_id = ?1
                                AND status NOT IN ('Deprecated', 'Obsolete')),
                            0,
                            (SELECT COUNT(DISTINCT cwe_id) FROM cwe_attack_patterns WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM cwe_attack_patterns WHERE catalog_id = ?1),
                            (SELECT COUNT(*) FROM cwe_relations WHERE catalog_id = ?1 AND nature = 'ChildOf'
                                AND view_id = 1000))";
            break;
    }
    auto statement = RAMPART_TRY(m_db.prepare(sql));
    statement.bind(1, id);
    RAMPART_TRY(statement.step());
    CatalogCounts counts;
    counts.entries = static_cast<int>(statement.integer(0));
    counts.active = static_cast<int>(statement.integer(1));
    counts.level1 = static_cast<int>(statement.integer(2));
    counts.with_cwe = static_cast<int>(statement.integer(3));
    counts.cwe_links = static_cast<int>(statement.integer(4));
    counts.child_of = static_cast<int>(statement.integer(5));
    return counts;
}

core::Result<std::vector<CatalogRecord>> SqliteCatalogStore::list_catalogs() {
    auto statement =
        RAMPART_TRY(m_db.prepare("SELECT id, kind, version, imported_at, updated_at FROM catalogs ORDER BY kind, id"));
    std::vector<CatalogRecord> out;
    while (RAMPART_TRY(statement.step())) {
        CatalogRecord record;
        record.id = statement.integer(0);
        record.kind = kind_from_string(statement.text(1));
        record.version = statement.text(2);
        record.imported_at = statement.text(3);
        record.updated_at = statement.text(4);
        out.push_back(std::move(record));
    }
    for (auto& record : out) {
        record.files = RAMPART_TRY(files(record.id));
        record.counts = RAMPART_TRY(counts(record.id, record.kind));
    }
    // Versions in numeric order within each kind: 4.0.2 < 4.0.3 < 5.0.0.
    std::stable_sort(out.begin(), out.end(), [](const CatalogRecord& a, const CatalogRecord& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        return core::compare_versions(a.version, b.version) < 0;
    });
    return out;
}

core::Result<std::optional<CatalogRecord>> SqliteCatalogStore::find_catalog(model::CatalogKind kind,
                                                                            const std::string& version) {
    const auto id = RAMPART_TRY(catalog_id(kind, version));
    if (!id) return std::optional<CatalogRecord>();
    auto statement = RAMPART_TRY(m_db.prepare("SELECT imported_at, updated_at FROM catalogs WHERE id = ?"));
    statement.bind(1, *id);
    RAMPART_TRY(statement.step());
    CatalogRecord record{*id, kind, version, statement.text(0), statement.text(1), {}, {}};
    record.files = RAMPART_TRY(files(*id));
    record.counts = RAMPART_TRY(counts(*id, kind));
    return std::optional<CatalogRecord>(std::move(record));
}

core::Result<model::AsvsRelease> SqliteCatalogStore::load_asvs(const std::string& version) {
    model::AsvsRelease release;
    release.version = version;
    const auto id = RAMPART_TRY(catalog_id(model::CatalogKind::Asvs, version));
    if (!id) return release;
    auto rows = RAMPART_TRY(m_db.prepare(
        "SELECT req_id, chapter_id, chapter_name, section_id, section_name, description, level1, level2, level3, nist "
        "FROM asvs_requirements WHERE catalog_id = ? ORDER BY ordinal"));
    rows.bind(1, *id);
    std::map<std::string, size_t> index;
    while (RAMPART_TRY(rows.step())) {
        model::AsvsRequirement requirement;
        requirement.id = rows.text(0);
        requirement.chapter_id = rows.text(1);
        requirement.chapter_name = rows.text(2);
        requirement.section_id = rows.text(3);
        requirement.section_name = rows.text(4);
        requirement.description = rows.text(5);
        requirement.levels = {rows.integer(6) != 0, rows.integer(7) != 0, rows.integer(8) != 0};
        requirement.nist = rows.text(9);
        index[requirement.id] = release.requirements.size();
        release.requirements.push_back(std::move(requirement));
    }
    auto cwes = RAMPART_TRY(
        m_db.prepare("SELECT req_id, cwe_id FROM asvs_requirement_cwes WHERE catalog_id = ? ORDER BY rowid"));
    cwes.bind(1, *id);
    while (RAMPART_TRY(cwes.step())) {
        if (const auto found = index.find(cwes.text(0)); found != index.end()) {
            release.requirements[found->second].cwes.push_back(static_cast<int>(cwes.integer(1)));
        }
    }
    auto scheme_cwes = RAMPART_TRY(m_db.prepare("SELECT scheme_id, cwe_id FROM asvs_scheme_cwes WHERE catalog_id = ?"));
    scheme_cwes.bind(1, *id);
    while (RAMPART_TRY(scheme_cwes.step())) {
        release.scheme_cwes[scheme_cwes.text(0)] = static_cast<int>(scheme_cwes.integer(1));
    }
    auto scheme_ids = RAMPART_TRY(m_db.prepare("SELECT scheme_id, req_id FROM asvs_scheme_ids WHERE catalog_id = ?"));
    scheme_ids.bind(1, *id);
    while (RAMPART_TRY(scheme_ids.step())) release.scheme_ids[scheme_ids.text(0)] = scheme_ids.text(1);
    return release;
}

core::Result<model::CapecCatalog> SqliteCatalogStore::load_capec(const std::string& version) {
    model::CapecCatalog catalog;
    catalog.version = version;
    const auto id = RAMPART_TRY(catalog_id(model::CatalogKind::Capec, version));
    if (!id) return catalog;
    auto rows = RAMPART_TRY(m_db.prepare(
        "SELECT capec_id, name, description, abstraction, status, likelihood, typical_severity, prerequisites, "
        "mitigations FROM capec_patterns WHERE catalog_id = ? ORDER BY capec_id"));
    rows.bind(1, *id);
    std::map<int, size_t> index;
    while (RAMPART_TRY(rows.step())) {
        model::AttackPattern pattern;
        pattern.id = static_cast<int>(rows.integer(0));
        pattern.name = rows.text(1);
        pattern.description = rows.text(2);
        pattern.abstraction = rows.text(3);
        pattern.status = rows.text(4);
        pattern.likelihood = rows.text(5);
        pattern.typical_severity = rows.text(6);
        pattern.prerequisites = from_json_array(rows.text(7));
        pattern.mitigations = from_json_array(rows.text(8));
        index[pattern.id] = catalog.patterns.size();
        catalog.patterns.push_back(std::move(pattern));
    }
    auto cwes = RAMPART_TRY(m_db.prepare(
        "SELECT capec_id, cwe_id FROM capec_pattern_cwes WHERE catalog_id = ? ORDER BY capec_id, ordinal"));
    cwes.bind(1, *id);
    while (RAMPART_TRY(cwes.step())) {
        catalog.patterns[index.at(static_cast<int>(cwes.integer(0)))].cwes.push_back(static_cast<int>(cwes.integer(1)));
    }
    auto links = RAMPART_TRY(m_db.prepare(
        "SELECT capec_id, nature, target_id FROM capec_pattern_links WHERE catalog_id = ? ORDER BY capec_id, ordinal"));
    links.bind(1, *id);
    while (RAMPART_TRY(links.step())) {
        auto& pattern = catalog.patterns[index.at(static_cast<int>(links.integer(0)))];
        auto& list = links.text(1) == "ChildOf" ? pattern.parents : pattern.children;
        list.push_back(static_cast<int>(links.integer(2)));
    }
    return catalog;
}

core::Result<model::CweCatalog> SqliteCatalogStore::load_cwe(const std::string& version) {
    model::CweCatalog catalog;
    catalog.version = version;
    const auto id = RAMPART_TRY(catalog_id(model::CatalogKind::Cwe, version));
    if (!id) return catalog;
    auto rows = RAMPART_TRY(
        m_db.prepare("SELECT cwe_id, name, abstraction, status, description FROM cwe_weaknesses WHERE catalog_id = ? "
                     "ORDER BY cwe_id"));
    rows.bind(1, *id);
    std::map<int, size_t> index;
    while (RAMPART_TRY(rows.step())) {
        model::Weakness weakness;
        weakness.id = static_cast<int>(rows.integer(0));
        weakness.name = rows.text(1);
        weakness.abstraction = rows.text(2);
        weakness.status = rows.text(3);
        weakness.description = rows.text(4);
        index[weakness.id] = catalog.weaknesses.size();
        catalog.weaknesses.push_back(std::move(weakness));
    }
    auto relations = RAMPART_TRY(
        m_db.prepare("SELECT cwe_id, nature, target_id, view_id, rank FROM cwe_relations WHERE catalog_id = ? "
                     "ORDER BY cwe_id, ordinal"));
    relations.bind(1, *id);
    while (RAMPART_TRY(relations.step())) {
        catalog.weaknesses[index.at(static_cast<int>(relations.integer(0)))].relations.push_back(
            {relations.text(1), static_cast<int>(relations.integer(2)), static_cast<int>(relations.integer(3)),
             relations.text(4)});
    }
    auto patterns = RAMPART_TRY(
        m_db.prepare("SELECT cwe_id, capec_id FROM cwe_attack_patterns WHERE catalog_id = ? ORDER BY cwe_id, ordinal"));
    patterns.bind(1, *id);
    while (RAMPART_TRY(patterns.step())) {
        catalog.weaknesses[index.at(static_cast<int>(patterns.integer(0)))].attack_patterns.push_back(
            static_cast<int>(patterns.integer(1)));
    }
    return catalog;
}

core::Result<int64_t> SqliteCatalogStore::begin_replace(model::CatalogKind kind, const std::string& version,
                                                        const std::vector<CatalogFileRecord>& new_files) {
    const auto now = core::utc_now_iso8601();
    auto existing = RAMPART_TRY(catalog_id(kind, version));
    int64_t id = 0;
    if (existing) {
        id = *existing;
        auto touch = RAMPART_TRY(m_db.prepare("UPDATE catalogs SET updated_at = ? WHERE id = ?"));
        RAMPART_TRY(touch.bind(1, now).bind(2, id).run());
        // Entries go; the dependent link rows follow through ON DELETE CASCADE.
        for (const char* table : {"asvs_requirements", "asvs_scheme_cwes", "asvs_scheme_ids", "capec_patterns",
                                  "cwe_weaknesses", "catalog_search"}) {
            auto clear = RAMPART_TRY(m_db.prepare(fmt::format("DELETE FROM {} WHERE catalog_id = ?", table)));
            RAMPART_TRY(clear.bind(1, id).run());
        }
    } else {
        auto insert = RAMPART_TRY(
            m_db.prepare("INSERT INTO catalogs (kind, version, imported_at, updated_at) VALUES (?, ?, ?, ?)"));
        RAMPART_TRY(insert.bind(1, model::to_string(kind)).bind(2, version).bind(3, now).bind(4, now).run());
        id = RAMPART_TRY(catalog_id(kind, version)).value();
    }
    auto record = RAMPART_TRY(m_db.prepare(
        "INSERT INTO catalog_files (catalog_id, name, format, sha256, entries, skipped, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (catalog_id, sha256) DO UPDATE SET name = excluded.name, "
        "imported_at = excluded.imported_at"));
    for (const auto& file : new_files) {
        RAMPART_TRY(record.bind(1, id)
                        .bind(2, file.name)
                        .bind(3, file.format)
                        .bind(4, file.sha256)
                        .bind(5, file.entries)
                        .bind(6, file.skipped)
                        .bind(7, now)
                        .run());
    }
    return id;
}

core::Result<void> SqliteCatalogStore::store_asvs(const model::AsvsRelease& release,
                                                  const std::vector<CatalogFileRecord>& new_files) {
    const auto id = RAMPART_TRY(begin_replace(model::CatalogKind::Asvs, release.version, new_files));
    auto requirement = RAMPART_TRY(m_db.prepare(
        "INSERT INTO asvs_requirements (catalog_id, req_id, ordinal, chapter_id, chapter_name, section_id, "
        "section_name, description, level1, level2, level3, nist) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    auto cwe = RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO asvs_requirement_cwes VALUES (?, ?, ?)"));
    auto search =
        RAMPART_TRY(m_db.prepare("INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
                                 "VALUES (?, 'asvs', ?, ?, ?, ?, ?)"));
    int ordinal = 0;
    for (const auto& r : release.requirements) {
        RAMPART_TRY(requirement.bind(1, id)
                        .bind(2, r.id)
                        .bind(3, ++ordinal)
                        .bind(4, r.chapter_id)
                        .bind(5, r.chapter_name)
                        .bind(6, r.section_id)
                        .bind(7, r.section_name)
                        .bind(8, r.description)
                        .bind(9, r.levels[0] ? 1 : 0)
                        .bind(10, r.levels[1] ? 1 : 0)
                        .bind(11, r.levels[2] ? 1 : 0)
                        .bind(12, r.nist)
                        .run());
        for (const int cwe_id : r.cwes) RAMPART_TRY(cwe.bind(1, id).bind(2, r.id).bind(3, cwe_id).run());
        RAMPART_TRY(search.bind(1, id)
                        .bind(2, release.version)
                        .bind(3, r.description)
                        .bind(4, r.id)
                        .bind(5, r.section_name)
                        .bind(6, r.description + "\n" + r.chapter_name)
                        .run());
    }
    auto scheme_cwe = RAMPART_TRY(m_db.prepare("INSERT INTO asvs_scheme_cwes VALUES (?, ?, ?)"));
    for (const auto& [scheme_id, cwe_id] : release.scheme_cwes) {
        RAMPART_TRY(scheme_cwe.bind(1, id).bind(2, scheme_id).bind(3, cwe_id).run());
    }
    auto scheme_id_row = RAMPART_TRY(m_db.prepare("INSERT INTO asvs_scheme_ids VALUES (?, ?, ?)"));
    for (const auto& [scheme_id, req_id] : release.scheme_ids) {
        RAMPART_TRY(scheme_id_row.bind(1, id).bind(2, scheme_id).bind(3, req_id).run());
    }
    return {};
}

core::Result<void> SqliteCatalogStore::store_capec(const model::CapecCatalog& catalog,
                                                   const std::vector<CatalogFileRecord>& new_files) {
    const auto id = RAMPART_TRY(begin_replace(model::CatalogKind::Capec, catalog.version, new_files));
    auto pattern = RAMPART_TRY(m_db.prepare("INSERT INTO capec_patterns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    auto cwe = RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO capec_pattern_cwes VALUES (?, ?, ?, ?)"));
    auto link = RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO capec_pattern_links VALUES (?, ?, ?, ?, ?)"));
    auto search =
        RAMPART_TRY(m_db.prepare("INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
                                 "VALUES (?, 'capec', ?, ?, ?, ?, ?)"));
    for (const auto& p : catalog.patterns) {
        RAMPART_TRY(pattern.bind(1, id)
                        .bind(2, p.id)
                        .bind(3, p.name)
                        .bind(4, p.description)
                        .bind(5, p.abstraction)
                        .bind(6, p.status)
                        .bind(7, p.likelihood)
                        .bind(8, p.typical_severity)
                        .bind(9, to_json_array(p.prerequisites))
                        .bind(10, to_json_array(p.mitigations))
                        .run());
        int ordinal = 0;
        for (const int cwe_id : p.cwes)
            RAMPART_TRY(cwe.bind(1, id).bind(2, p.id).bind(3, ++ordinal).bind(4, cwe_id).run());
        ordinal = 0;
        for (const int parent : p.parents) {
            RAMPART_TRY(link.bind(1, id).bind(2, p.id).bind(3, "ChildOf").bind(4, ++ordinal).bind(5, parent).run());
        }
        for (const int child : p.children) {
            RAMPART_TRY(link.bind(1, id).bind(2, p.id).bind(3, "ParentOf").bind(4, ++ordinal).bind(5, child).run());
        }
        std::string body = p.description;
        for (const auto& prerequisite : p.prerequisites) body += "\n" + prerequisite;
        RAMPART_TRY(search.bind(1, id)
                        .bind(2, catalog.version)
                        .bind(3, p.name)
                        .bind(4, fmt::format("CAPEC-{}", p.id))
                        .bind(5, p.name)
                        .bind(6, body)
                        .run());
    }
    return {};
}

core::Result<void> SqliteCatalogStore::store_cwe(const model::CweCatalog& catalog,
                                                 const std::vector<CatalogFileRecord>& new_files) {
    const auto id = RAMPART_TRY(begin_replace(model::CatalogKind::Cwe, catalog.version, new_files));
    auto weakness = RAMPART_TRY(m_db.prepare("INSERT INTO cwe_weaknesses VALUES (?, ?, ?, ?, ?, ?)"));
    auto relation = RAMPART_TRY(m_db.prepare("INSERT INTO cwe_relations VALUES (?, ?, ?, ?, ?, ?, ?)"));
    auto pattern = RAMPART_TRY(m_db.prepare("INSERT OR IGNORE INTO cwe_attack_patterns VALUES (?, ?, ?, ?)"));
    auto search =
        RAMPART_TRY(m_db.prepare("INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
                                 "VALUES (?, 'cwe', ?, ?, ?, ?, ?)"));
    for (const auto& w : catalog.weaknesses) {
        RAMPART_TRY(weakness.bind(1, id)
                        .bind(2, w.id)
                        .bind(3, w.name)
                        .bind(4, w.abstraction)
                        .bind(5, w.status)
                        .bind(6, w.description)
                        .run());
        int ordinal = 0;
        for (const auto& r : w.relations) {
            RAMPART_TRY(relation.bind(1, id)
                            .bind(2, w.id)
                            .bind(3, ++ordinal)
                            .bind(4, r.nature)
                            .bind(5, r.target)
                            .bind(6, r.view)
                            .bind(7, r.ordinal)
                            .run());
        }
        ordinal = 0;
        for (const int capec_id : w.attack_patterns) {
            RAMPART_TRY(pattern.bind(1, id).bind(2, w.id).bind(3, ++ordinal).bind(4, capec_id).run());
        }
        RAMPART_TRY(search.bind(1, id)
                        .bind(2, catalog.version)
                        .bind(3, w.name)
                        .bind(4, fmt::format("CWE-{}", w.id))
                        .bind(5, w.name)
                        .bind(6, w.description)
                        .run());
    }
    return {};
}

core::Result<SearchPage> SqliteCatalogStore::search(const SearchQuery& query) {
    SearchPage page;
    const auto match = fts_query(query.text);
    if (match.empty()) return page;
    // Column weights for bm25(): the reference and the title (names) count
    // far more than the body text (catalog_id, kind, version and label are
    // unindexed).
    const std::string where =
        "catalog_search MATCH ?1 AND (?2 IS NULL OR kind = ?2) AND (kind <> 'asvs' OR ?3 IS NULL OR version = ?3)";
    auto count = RAMPART_TRY(m_db.prepare("SELECT COUNT(*) FROM catalog_search WHERE " + where));
    count.bind(1, match);
    auto rows = RAMPART_TRY(
        m_db.prepare("SELECT kind, version, ref, label, snippet(catalog_search, -1, '[', ']', '…', 16), "
                     "bm25(catalog_search, 0, 0, 0, 0, 20.0, 8.0, 1.0) AS score FROM catalog_search WHERE " +
                     where + " ORDER BY score, kind, ref LIMIT ?4 OFFSET ?5"));
    rows.bind(1, match);
    for (auto* statement : {&count, &rows}) {
        if (query.kind) {
            statement->bind(2, model::to_string(*query.kind));
        } else {
            statement->bind_null(2);
        }
        if (query.asvs_version) {
            statement->bind(3, *query.asvs_version);
        } else {
            statement->bind_null(3);
        }
    }
    rows.bind(4, query.limit).bind(5, query.offset);
    RAMPART_TRY(count.step());
    page.total = static_cast<int>(count.integer(0));
    while (RAMPART_TRY(rows.step())) {
        SearchHit hit;
        hit.kind = kind_from_string(rows.text(0));
        hit.version = rows.text(1);
        hit.ref = rows.text(2);
        hit.title = rows.text(3);
        hit.snippet = rows.text(4);
        // bm25() is more negative for better matches; flip it for people.
        hit.score = -rows.real(5);
        page.hits.push_back(std::move(hit));
    }
    return page;
}

}  // namespace rampart::storage::sqlite
