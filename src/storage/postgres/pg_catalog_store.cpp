#include "storage/postgres/pg_catalog_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.h"
#include "core/time.h"
#include "storage/postgres/detail/json_array.h"

namespace rampart::storage::postgres {
namespace {

using detail::from_json_array;
using detail::to_json_array;

model::CatalogKind kind_from_string(std::string_view text) {
    if (text == "capec") return model::CatalogKind::Capec;
    if (text == "cwe") return model::CatalogKind::Cwe;
    return model::CatalogKind::Asvs;
}

/// Columns of a bulk insert, one array per column (sent as array literals
/// and spread into rows by unnest()).
struct TextColumn {
    std::vector<std::string> values;
    void add(std::string value) { values.push_back(std::move(value)); }
    [[nodiscard]] Param param() const { return Param::text_array(values); }
};

struct IntegerColumn {
    std::vector<int64_t> values;
    void add(int64_t value) { values.push_back(value); }
    [[nodiscard]] Param param() const { return Param::integer_array(values); }
};

}  // namespace

core::Result<std::optional<int64_t>> PgCatalogStore::catalog_id(Connection& connection, model::CatalogKind kind,
                                                                const std::string& version) {
    const auto rows = RAMPART_TRY(connection.query("SELECT id FROM catalogs WHERE kind = $1 AND version = $2",
                                                   {model::to_string(kind), version}));
    if (rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(rows.front().integer(0));
}

core::Result<std::vector<CatalogFileRecord>> PgCatalogStore::files(Connection& connection, int64_t id) {
    const auto rows = RAMPART_TRY(connection.query(
        "SELECT name, format, sha256, entries, skipped, imported_at FROM catalog_files WHERE catalog_id = $1 "
        "ORDER BY id",
        {id}));
    std::vector<CatalogFileRecord> out;
    for (const auto row : rows) {
        out.push_back({row.text(0), row.text(1), row.text(2), static_cast<int>(row.integer(3)),
                       static_cast<int>(row.integer(4)), row.text(5)});
    }
    return out;
}

core::Result<CatalogCounts> PgCatalogStore::counts(Connection& connection, int64_t id, model::CatalogKind kind) {
    std::string_view sql;
    switch (kind) {
        case model::CatalogKind::Asvs:
            sql = R"(WITH links AS (
                       SELECT req_id, cwe_id FROM asvs_requirement_cwes WHERE catalog_id = $1
                       UNION
                       SELECT i.req_id, c.cwe_id FROM asvs_scheme_ids i
                         JOIN asvs_scheme_cwes c ON c.catalog_id = i.catalog_id AND c.scheme_id = i.scheme_id
                        WHERE i.catalog_id = $1
                         AND EXISTS (SELECT 1 FROM asvs_requirements r WHERE r.catalog_id = $1 AND r.req_id = i.req_id))
                     SELECT (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM asvs_requirements WHERE catalog_id = $1 AND level1),
                            (SELECT COUNT(DISTINCT req_id) FROM links),
                            (SELECT COUNT(*) FROM links),
                            0)";
            break;
        case model::CatalogKind::Capec:
            sql = R"(SELECT (SELECT COUNT(*) FROM capec_patterns WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM capec_patterns WHERE catalog_id = $1
                                AND status NOT IN ('Deprecated', 'Obsolete')),
                            0,
                            (SELECT COUNT(DISTINCT capec_id) FROM capec_pattern_cwes WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM capec_pattern_cwes WHERE catalog_id = $1),
                            0)";
            break;
        case model::CatalogKind::Cwe:
            sql = R"(SELECT (SELECT COUNT(*) FROM cwe_weaknesses WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM cwe_weaknesses WHERE catalog_id = $1
                                AND status NOT IN ('Deprecated', 'Obsolete')),
                            0,
                            (SELECT COUNT(DISTINCT cwe_id) FROM cwe_attack_patterns WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM cwe_attack_patterns WHERE catalog_id = $1),
                            (SELECT COUNT(*) FROM cwe_relations WHERE catalog_id = $1 AND nature = 'ChildOf'
                                AND view_id = 1000))";
            break;
    }
    const auto rows = RAMPART_TRY(connection.query(sql, {id}));
    const auto row = rows.front();
    CatalogCounts counts;
    counts.entries = static_cast<int>(row.integer(0));
    counts.active = static_cast<int>(row.integer(1));
    counts.level1 = static_cast<int>(row.integer(2));
    counts.with_cwe = static_cast<int>(row.integer(3));
    counts.cwe_links = static_cast<int>(row.integer(4));
    counts.child_of = static_cast<int>(row.integer(5));
    return counts;
}

core::Result<std::vector<CatalogRecord>> PgCatalogStore::list_catalogs() {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows =
        RAMPART_TRY(lease->query("SELECT id, kind, version, imported_at, updated_at FROM catalogs ORDER BY kind, id"));
    std::vector<CatalogRecord> out;
    for (const auto row : rows) {
        CatalogRecord record;
        record.id = row.integer(0);
        record.kind = kind_from_string(row.view(1));
        record.version = row.text(2);
        record.imported_at = row.text(3);
        record.updated_at = row.text(4);
        out.push_back(std::move(record));
    }
    for (auto& record : out) {
        record.files = RAMPART_TRY(files(*lease, record.id));
        record.counts = RAMPART_TRY(counts(*lease, record.id, record.kind));
    }
    // Versions in numeric order within each kind: 4.0.2 < 4.0.3 < 5.0.0.
    std::stable_sort(out.begin(), out.end(), [](const CatalogRecord& a, const CatalogRecord& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        return core::compare_versions(a.version, b.version) < 0;
    });
    return out;
}

core::Result<std::optional<CatalogRecord>> PgCatalogStore::find_catalog(model::CatalogKind kind,
                                                                        const std::string& version) {
    auto lease = RAMPART_TRY(m_db.lease());
    const auto rows =
        RAMPART_TRY(lease->query("SELECT id, imported_at, updated_at FROM catalogs WHERE kind = $1 AND version = $2",
                                 {model::to_string(kind), version}));
    if (rows.empty()) return std::optional<CatalogRecord>();
    const auto row = rows.front();
    CatalogRecord record{row.integer(0), kind, version, row.text(1), row.text(2), {}, {}};
    record.files = RAMPART_TRY(files(*lease, record.id));
    record.counts = RAMPART_TRY(counts(*lease, record.id, kind));
    return std::optional<CatalogRecord>(std::move(record));
}

core::Result<model::AsvsRelease> PgCatalogStore::load_asvs(const std::string& version) {
    auto lease = RAMPART_TRY(m_db.lease());
    model::AsvsRelease release;
    release.version = version;
    const auto id = RAMPART_TRY(catalog_id(*lease, model::CatalogKind::Asvs, version));
    if (!id) return release;
    const auto rows = RAMPART_TRY(lease->query(
        "SELECT req_id, chapter_id, chapter_name, section_id, section_name, description, level1, level2, level3, nist "
        "FROM asvs_requirements WHERE catalog_id = $1 ORDER BY ordinal",
        {*id}));
    std::map<std::string, size_t> index;
    for (const auto row : rows) {
        model::AsvsRequirement requirement;
        requirement.id = row.text(0);
        requirement.chapter_id = row.text(1);
        requirement.chapter_name = row.text(2);
        requirement.section_id = row.text(3);
        requirement.section_name = row.text(4);
        requirement.description = row.text(5);
        requirement.levels = {row.boolean(6), row.boolean(7), row.boolean(8)};
        requirement.nist = row.text(9);
        index[requirement.id] = release.requirements.size();
        release.requirements.push_back(std::move(requirement));
    }
    const auto cwes = RAMPART_TRY(
        lease->query("SELECT req_id, cwe_id FROM asvs_requirement_cwes WHERE catalog_id = $1 ORDER BY ordinal", {*id}));
    for (const auto row : cwes) {
        if (const auto found = index.find(row.text(0)); found != index.end()) {
            release.requirements[found->second].cwes.push_back(static_cast<int>(row.integer(1)));
        }
    }
    const auto scheme_cwes =
        RAMPART_TRY(lease->query("SELECT scheme_id, cwe_id FROM asvs_scheme_cwes WHERE catalog_id = $1", {*id}));
    for (const auto row : scheme_cwes) release.scheme_cwes[row.text(0)] = static_cast<int>(row.integer(1));
    const auto scheme_ids =
        RAMPART_TRY(lease->query("SELECT scheme_id, req_id FROM asvs_scheme_ids WHERE catalog_id = $1", {*id}));
    for (const auto row : scheme_ids) release.scheme_ids[row.text(0)] = row.text(1);
    return release;
}

core::Result<model::CapecCatalog> PgCatalogStore::load_capec(const std::string& version) {
    auto lease = RAMPART_TRY(m_db.lease());
    model::CapecCatalog catalog;
    catalog.version = version;
    const auto id = RAMPART_TRY(catalog_id(*lease, model::CatalogKind::Capec, version));
    if (!id) return catalog;
    const auto rows = RAMPART_TRY(lease->query(
        "SELECT capec_id, name, description, abstraction, status, likelihood, typical_severity, prerequisites, "
        "mitigations FROM capec_patterns WHERE catalog_id = $1 ORDER BY capec_id",
        {*id}));
    std::map<int, size_t> index;
    for (const auto row : rows) {
        model::AttackPattern pattern;
        pattern.id = static_cast<int>(row.integer(0));
        pattern.name = row.text(1);
        pattern.description = row.text(2);
        pattern.abstraction = row.text(3);
        pattern.status = row.text(4);
        pattern.likelihood = row.text(5);
        pattern.typical_severity = row.text(6);
        pattern.prerequisites = from_json_array(row.text(7));
        pattern.mitigations = from_json_array(row.text(8));
        index[pattern.id] = catalog.patterns.size();
        catalog.patterns.push_back(std::move(pattern));
    }
    const auto cwes = RAMPART_TRY(lease->query(
        "SELECT capec_id, cwe_id FROM capec_pattern_cwes WHERE catalog_id = $1 ORDER BY capec_id, ordinal", {*id}));
    for (const auto row : cwes) {
        catalog.patterns[index.at(static_cast<int>(row.integer(0)))].cwes.push_back(static_cast<int>(row.integer(1)));
    }
    const auto links = RAMPART_TRY(lease->query(
        "SELECT capec_id, nature, target_id FROM capec_pattern_links WHERE catalog_id = $1 ORDER BY capec_id, ordinal",
        {*id}));
    for (const auto row : links) {
        auto& pattern = catalog.patterns[index.at(static_cast<int>(row.integer(0)))];
        auto& list = row.view(1) == "ChildOf" ? pattern.parents : pattern.children;
        list.push_back(static_cast<int>(row.integer(2)));
    }
    return catalog;
}

core::Result<model::CweCatalog> PgCatalogStore::load_cwe(const std::string& version) {
    auto lease = RAMPART_TRY(m_db.lease());
    model::CweCatalog catalog;
    catalog.version = version;
    const auto id = RAMPART_TRY(catalog_id(*lease, model::CatalogKind::Cwe, version));
    if (!id) return catalog;
    const auto rows = RAMPART_TRY(
        lease->query("SELECT cwe_id, name, abstraction, status, description FROM cwe_weaknesses WHERE catalog_id = $1 "
                     "ORDER BY cwe_id",
                     {*id}));
    std::map<int, size_t> index;
    for (const auto row : rows) {
        model::Weakness weakness;
        weakness.id = static_cast<int>(row.integer(0));
        weakness.name = row.text(1);
        weakness.abstraction = row.text(2);
        weakness.status = row.text(3);
        weakness.description = row.text(4);
        index[weakness.id] = catalog.weaknesses.size();
        catalog.weaknesses.push_back(std::move(weakness));
    }
    const auto relations = RAMPART_TRY(
        lease->query("SELECT cwe_id, nature, target_id, view_id, rank FROM cwe_relations WHERE catalog_id = $1 "
                     "ORDER BY cwe_id, ordinal",
                     {*id}));
    for (const auto row : relations) {
        catalog.weaknesses[index.at(static_cast<int>(row.integer(0)))].relations.push_back(
            {row.text(1), static_cast<int>(row.integer(2)), static_cast<int>(row.integer(3)), row.text(4)});
    }
    const auto patterns = RAMPART_TRY(lease->query(
        "SELECT cwe_id, capec_id FROM cwe_attack_patterns WHERE catalog_id = $1 ORDER BY cwe_id, ordinal", {*id}));
    for (const auto row : patterns) {
        catalog.weaknesses[index.at(static_cast<int>(row.integer(0)))].attack_patterns.push_back(
            static_cast<int>(row.integer(1)));
    }
    return catalog;
}

core::Result<int64_t> PgCatalogStore::begin_replace(Connection& connection, model::CatalogKind kind,
                                                    const std::string& version,
                                                    const std::vector<CatalogFileRecord>& new_files) {
    const auto now = core::utc_now_iso8601();
    const auto existing = RAMPART_TRY(catalog_id(connection, kind, version));
    int64_t id = 0;
    if (existing) {
        id = *existing;
        RAMPART_TRY(connection.query("UPDATE catalogs SET updated_at = $1 WHERE id = $2", {now, id}));
        // Entries go; the dependent link rows follow through ON DELETE CASCADE.
        for (const std::string_view sql :
             {"DELETE FROM asvs_requirements WHERE catalog_id = $1",
              "DELETE FROM asvs_scheme_cwes WHERE catalog_id = $1", "DELETE FROM asvs_scheme_ids WHERE catalog_id = $1",
              "DELETE FROM capec_patterns WHERE catalog_id = $1", "DELETE FROM cwe_weaknesses WHERE catalog_id = $1",
              "DELETE FROM catalog_search WHERE catalog_id = $1"}) {
            RAMPART_TRY(connection.query(sql, {id}));
        }
    } else {
        const auto inserted = RAMPART_TRY(connection.query(
            "INSERT INTO catalogs (kind, version, imported_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id",
            {model::to_string(kind), version, now}));
        id = inserted.front().integer(0);
    }
    for (const auto& file : new_files) {
        RAMPART_TRY(connection.query(
            "INSERT INTO catalog_files (catalog_id, name, format, sha256, entries, skipped, imported_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (catalog_id, sha256) DO UPDATE SET name = excluded.name, "
            "imported_at = excluded.imported_at",
            {id, file.name, file.format, file.sha256, file.entries, file.skipped, now}));
    }
    return id;
}

core::Result<void> PgCatalogStore::store_asvs(const model::AsvsRelease& release,
                                              const std::vector<CatalogFileRecord>& new_files) {
    // A version is replaced whole or not at all, even without the caller's
    // transaction (inside one, this joins it).
    return m_db.transaction([&]() -> core::Result<void> {
        auto lease = RAMPART_TRY(m_db.lease());
        const auto id = RAMPART_TRY(begin_replace(*lease, model::CatalogKind::Asvs, release.version, new_files));
        TextColumn req_id, chapter_id, chapter_name, section_id, section_name, description, level1, level2, level3,
            nist, label, title, body, cwe_req;
        IntegerColumn ordinal, cwe_id, cwe_ordinal;
        for (const auto& r : release.requirements) {
            req_id.add(r.id);
            ordinal.add(static_cast<int64_t>(ordinal.values.size()) + 1);
            chapter_id.add(r.chapter_id);
            chapter_name.add(r.chapter_name);
            section_id.add(r.section_id);
            section_name.add(r.section_name);
            description.add(r.description);
            level1.add(r.levels[0] ? "t" : "f");
            level2.add(r.levels[1] ? "t" : "f");
            level3.add(r.levels[2] ? "t" : "f");
            nist.add(r.nist);
            for (const int cwe : r.cwes) {
                cwe_req.add(r.id);
                cwe_id.add(cwe);
                cwe_ordinal.add(static_cast<int64_t>(cwe_ordinal.values.size()) + 1);
            }
            label.add(r.description);
            title.add(r.section_name);
            body.add(r.description + "\n" + r.chapter_name);
        }
        RAMPART_TRY(lease->query(
            "INSERT INTO asvs_requirements (catalog_id, req_id, ordinal, chapter_id, chapter_name, section_id, "
            "section_name, description, level1, level2, level3, nist) "
            "SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], "
            "$8::text[], $9::text[]::boolean[], $10::text[]::boolean[], $11::text[]::boolean[], $12::text[])",
            {id, req_id.param(), ordinal.param(), chapter_id.param(), chapter_name.param(), section_id.param(),
             section_name.param(), description.param(), level1.param(), level2.param(), level3.param(), nist.param()}));
        // A CWE stated twice for one requirement is kept once, at its first
        // place (as SQLite's INSERT OR IGNORE does).
        RAMPART_TRY(
            lease->query("INSERT INTO asvs_requirement_cwes (catalog_id, req_id, cwe_id, ordinal) "
                         "SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::bigint[]) ON CONFLICT DO NOTHING",
                         {id, cwe_req.param(), cwe_id.param(), cwe_ordinal.param()}));
        RAMPART_TRY(
            lease->query("INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
                         "SELECT $1, 'asvs', $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[])",
                         {id, release.version, label.param(), req_id.param(), title.param(), body.param()}));

        TextColumn scheme, scheme_req;
        IntegerColumn scheme_cwe;
        for (const auto& [scheme_id, cwe] : release.scheme_cwes) {
            scheme.add(scheme_id);
            scheme_cwe.add(cwe);
        }
        RAMPART_TRY(lease->query(
            "INSERT INTO asvs_scheme_cwes (catalog_id, scheme_id, cwe_id) SELECT $1, * FROM unnest($2::text[], "
            "$3::bigint[])",
            {id, scheme.param(), scheme_cwe.param()}));
        scheme.values.clear();
        for (const auto& [scheme_id, target] : release.scheme_ids) {
            scheme.add(scheme_id);
            scheme_req.add(target);
        }
        RAMPART_TRY(lease->query(
            "INSERT INTO asvs_scheme_ids (catalog_id, scheme_id, req_id) SELECT $1, * FROM unnest($2::text[], "
            "$3::text[])",
            {id, scheme.param(), scheme_req.param()}));
        return {};
    });
}

core::Result<void> PgCatalogStore::store_capec(const model::CapecCatalog& catalog,
                                               const std::vector<CatalogFileRecord>& new_files) {
    return m_db.transaction([&]() -> core::Result<void> {
        auto lease = RAMPART_TRY(m_db.lease());
        const auto id = RAMPART_TRY(begin_replace(*lease, model::CatalogKind::Capec, catalog.version, new_files));
        IntegerColumn capec_id, cwe_pattern, cwe_ordinal, cwe_id, link_pattern, link_ordinal, link_target;
        TextColumn name, description, abstraction, status, likelihood, severity, prerequisites, mitigations,
            link_nature, ref, body;
        for (const auto& p : catalog.patterns) {
            capec_id.add(p.id);
            name.add(p.name);
            description.add(p.description);
            abstraction.add(p.abstraction);
            status.add(p.status);
            likelihood.add(p.likelihood);
            severity.add(p.typical_severity);
            prerequisites.add(to_json_array(p.prerequisites));
            mitigations.add(to_json_array(p.mitigations));
            int ordinal = 0;
            for (const int cwe : p.cwes) {
                cwe_pattern.add(p.id);
                cwe_ordinal.add(++ordinal);
                cwe_id.add(cwe);
            }
            ordinal = 0;
            const auto link = [&](const char* nature, int target) {
                link_pattern.add(p.id);
                link_nature.add(nature);
                link_ordinal.add(++ordinal);
                link_target.add(target);
            };
            for (const int parent : p.parents) link("ChildOf", parent);
            for (const int child : p.children) link("ParentOf", child);
            ref.add(fmt::format("CAPEC-{}", p.id));
            std::string text = p.description;
            for (const auto& prerequisite : p.prerequisites) text += "\n" + prerequisite;
            body.add(std::move(text));
        }
        RAMPART_TRY(lease->query(
            "INSERT INTO capec_patterns (catalog_id, capec_id, name, description, abstraction, status, likelihood, "
            "typical_severity, prerequisites, mitigations) "
            "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
            "$8::text[], $9::text[]::jsonb[], $10::text[]::jsonb[])",
            {id, capec_id.param(), name.param(), description.param(), abstraction.param(), status.param(),
             likelihood.param(), severity.param(), prerequisites.param(), mitigations.param()}));
        RAMPART_TRY(
            lease->query("INSERT INTO capec_pattern_cwes (catalog_id, capec_id, ordinal, cwe_id) "
                         "SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) ON CONFLICT DO NOTHING",
                         {id, cwe_pattern.param(), cwe_ordinal.param(), cwe_id.param()}));
        RAMPART_TRY(lease->query(
            "INSERT INTO capec_pattern_links (catalog_id, capec_id, nature, ordinal, target_id) "
            "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[]) ON CONFLICT DO NOTHING",
            {id, link_pattern.param(), link_nature.param(), link_ordinal.param(), link_target.param()}));
        RAMPART_TRY(lease->query(
            "INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
            "SELECT $1, 'capec', $2, l, r, l, b FROM unnest($3::text[], $4::text[], $5::text[]) AS t (l, r, b)",
            {id, catalog.version, name.param(), ref.param(), body.param()}));
        return {};
    });
}

core::Result<void> PgCatalogStore::store_cwe(const model::CweCatalog& catalog,
                                             const std::vector<CatalogFileRecord>& new_files) {
    return m_db.transaction([&]() -> core::Result<void> {
        auto lease = RAMPART_TRY(m_db.lease());
        const auto id = RAMPART_TRY(begin_replace(*lease, model::CatalogKind::Cwe, catalog.version, new_files));
        IntegerColumn cwe_id, relation_cwe, relation_ordinal, relation_target, relation_view, pattern_cwe,
            pattern_ordinal, pattern_capec;
        TextColumn name, abstraction, status, description, relation_nature, relation_rank, ref;
        for (const auto& w : catalog.weaknesses) {
            cwe_id.add(w.id);
            name.add(w.name);
            abstraction.add(w.abstraction);
            status.add(w.status);
            description.add(w.description);
            int ordinal = 0;
            for (const auto& r : w.relations) {
                relation_cwe.add(w.id);
                relation_ordinal.add(++ordinal);
                relation_nature.add(r.nature);
                relation_target.add(r.target);
                relation_view.add(r.view);
                relation_rank.add(r.ordinal);
            }
            ordinal = 0;
            for (const int capec : w.attack_patterns) {
                pattern_cwe.add(w.id);
                pattern_ordinal.add(++ordinal);
                pattern_capec.add(capec);
            }
            ref.add(fmt::format("CWE-{}", w.id));
        }
        RAMPART_TRY(
            lease->query("INSERT INTO cwe_weaknesses (catalog_id, cwe_id, name, abstraction, status, description) "
                         "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])",
                         {id, cwe_id.param(), name.param(), abstraction.param(), status.param(), description.param()}));
        RAMPART_TRY(lease->query(
            "INSERT INTO cwe_relations (catalog_id, cwe_id, ordinal, nature, target_id, view_id, rank) "
            "SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::text[])",
            {id, relation_cwe.param(), relation_ordinal.param(), relation_nature.param(), relation_target.param(),
             relation_view.param(), relation_rank.param()}));
        RAMPART_TRY(
            lease->query("INSERT INTO cwe_attack_patterns (catalog_id, cwe_id, ordinal, capec_id) "
                         "SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) ON CONFLICT DO NOTHING",
                         {id, pattern_cwe.param(), pattern_ordinal.param(), pattern_capec.param()}));
        RAMPART_TRY(lease->query(
            "INSERT INTO catalog_search (catalog_id, kind, version, label, ref, title, body) "
            "SELECT $1, 'cwe', $2, l, r, l, b FROM unnest($3::text[], $4::text[], $5::text[]) AS t (l, r, b)",
            {id, catalog.version, name.param(), ref.param(), description.param()}));
        return {};
    });
}

core::Result<SearchPage> PgCatalogStore::search(const SearchQuery& query) {
    auto lease = RAMPART_TRY(m_db.lease());
    SearchPage page;
    // The text only ever reaches catalog_search_query() as a parameter,
    // which keeps letters and digits and quotes every word (see the
    // migration), so no character of it can be read as tsquery syntax.
    const Param kind = query.kind ? Param(model::to_string(*query.kind)) : Param(std::nullopt);
    const Param asvs_version = query.asvs_version ? Param(*query.asvs_version) : Param(std::nullopt);
    constexpr std::string_view where =
        "document @@ q AND ($2::text IS NULL OR kind = $2::text) "
        "AND (kind <> 'asvs' OR $3::text IS NULL OR version = $3::text)";
    const auto count = RAMPART_TRY(
        lease->query(fmt::format("SELECT COUNT(*) FROM catalog_search, catalog_search_query($1) AS q WHERE {}", where),
                     {query.text, kind, asvs_version}));
    page.total = static_cast<int>(count.front().integer(0));
    if (page.total == 0) return page;

    // Weights {D, C, B, A}: the reference (A) and the title (B) count far
    // more than the body (D), as the SQLite backend's bm25 weights (20, 8,
    // 1) do; normalization 1 divides by the log of the document's length,
    // so a long description does not win by sheer size.
    //
    // The snippet, cut only for the rows of the page, comes from one column
    // as FTS5's snippet() does: the body when it holds every word, else the
    // title, else the reference (a hit on "V5.3.4" itself).
    constexpr std::string_view headline_options =
        "'StartSel=[, StopSel=], MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=…'";
    const auto rows = RAMPART_TRY(lease->query(
        fmt::format("WITH hits AS (SELECT kind, version, ref, label, title, body, q, "
                    "ts_rank('{{0.05, 0, 0.4, 1}}', document, q, 1) AS score "
                    "FROM catalog_search, catalog_search_query($1) AS q WHERE {0} "
                    "ORDER BY score DESC, kind COLLATE \"C\", ref COLLATE \"C\" LIMIT $4 OFFSET $5) "
                    "SELECT kind, version, ref, label, CASE "
                    "WHEN to_tsvector('rampart_english', catalog_search_words(body)) @@ q "
                    "THEN ts_headline('rampart_english', body, q, {1}) "
                    "WHEN to_tsvector('rampart_english', catalog_search_words(title)) @@ q "
                    "THEN ts_headline('rampart_english', title, q, {1}) "
                    "WHEN to_tsvector('rampart_english', catalog_search_words(ref)) @@ q THEN '[' || ref || ']' "
                    "ELSE ts_headline('rampart_english', title || ' ' || body, q, {1}) END, score FROM hits "
                    "ORDER BY score DESC, kind COLLATE \"C\", ref COLLATE \"C\"",
                    where, headline_options),
        {query.text, kind, asvs_version, query.limit < 0 ? Param(std::nullopt) : Param(query.limit),
         std::max(query.offset, 0)}));
    for (const auto row : rows) {
        SearchHit hit;
        hit.kind = kind_from_string(row.view(0));
        hit.version = row.text(1);
        hit.ref = row.text(2);
        hit.title = row.text(3);
        hit.snippet = row.text(4);
        hit.score = row.real(5);
        page.hits.push_back(std::move(hit));
    }
    return page;
}

}  // namespace rampart::storage::postgres
