#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include <stdlib.h>

#include "api/detail/binding.h"
#include "api/detail/fields.h"
#include "api/detail/inputs.h"
#include "api/detail/nodes.h"
#include "api/detail/values.h"
#include "catalog/parse.h"
#include "engine/permissions.h"

namespace rampart::api::detail {
namespace {

using graphql::ResolvedValue;
using storage::CatalogFileRecord;
using storage::CatalogRecord;
using storage::SearchHit;

core::Result<void> may_read_catalogs(const Call& call) {
    return engine::require(call.actor().role, engine::Permission::ReadCatalogs);
}

/// The graph of the `catalogs` argument's versions.
core::Result<std::shared_ptr<const engine::CatalogGraph>> selected_graph(const Call& call) {
    RAMPART_TRY(may_read_catalogs(call));
    return call.graph(selection_from(call.object_arg("catalogs")));
}

core::Error entry_not_found(const app::CatalogRef& ref, std::string_view kind, std::string_view version) {
    return core::Error::make(core::ErrorCode::NotFound, fmt::format("{} not found in {} {}", ref.to_string(), kind,
                                                                    version.empty() ? "(no version held)" : version));
}

Answer pattern_entry(const std::shared_ptr<const engine::CatalogGraph>& graph, const app::CatalogRef& ref) {
    if (graph->pattern(ref.number) == nullptr) return entry_not_found(ref, "capec", graph->capec().version);
    return pattern_value(graph, ref.number);
}

Answer weakness_entry(const std::shared_ptr<const engine::CatalogGraph>& graph, const app::CatalogRef& ref) {
    // A CWE category (ASVS names some) is no weakness of the CWE views, but
    // its links to patterns and requirements are still worth answering.
    if (graph->weakness(ref.number) == nullptr && graph->patterns_for_cwe(ref.number).empty() &&
        graph->requirements_for_cwe(ref.number).empty()) {
        return entry_not_found(ref, "cwe", graph->cwe().version);
    }
    return weakness_value(graph, ref.number);
}

Answer asvs_entry(const std::shared_ptr<const engine::CatalogGraph>& graph, const app::CatalogRef& ref) {
    const auto* requirement = graph->requirement(ref.requirement);
    if (requirement == nullptr) return entry_not_found(ref, "asvs", graph->asvs().version);
    return asvs_value(graph, *requirement);
}

Answer catalog_entry(const Call& call) {
    const auto* text = call.arg("ref");
    const auto ref =
        RAMPART_TRY(app::parse_catalog_ref(text != nullptr && text->is_string() ? text->get_string() : ""));
    const auto graph = RAMPART_TRY(selected_graph(call));
    switch (ref.kind) {
        case model::CatalogKind::Capec: return pattern_entry(graph, ref);
        case model::CatalogKind::Cwe: return weakness_entry(graph, ref);
        case model::CatalogKind::Asvs: return asvs_entry(graph, ref);
    }
    return bad_input("unknown catalog");
}

int int_arg(const Call& call, std::string_view name) {
    const auto* value = call.arg(name);
    return value != nullptr && value->is_int64() ? static_cast<int>(value->get_int64()) : 0;
}

Answer search(const Call& call) {
    RAMPART_TRY(may_read_catalogs(call));
    storage::SearchQuery query;
    const auto* text = call.arg("text");
    query.text = text != nullptr && text->is_string() ? std::string(text->get_string()) : std::string();
    if (query.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return bad_input("the search text is empty");
    }
    if (const auto* kind = call.arg("kind"); kind != nullptr && kind->is_string()) {
        const std::string_view name = kind->get_string();
        if (name == "ASVS") query.kind = model::CatalogKind::Asvs;
        if (name == "CAPEC") query.kind = model::CatalogKind::Capec;
        if (name == "CWE") query.kind = model::CatalogKind::Cwe;
    }
    // ASVS releases repeat most requirements; one release is searched unless named.
    const auto* asvs = call.arg("asvsVersion");
    query.asvs_version =
        asvs != nullptr && asvs->is_string() ? std::string(asvs->get_string()) : std::string(app::DEFAULT_ASVS_VERSION);
    const auto page = RAMPART_TRY(call.page());
    query.limit = page.limit;
    query.offset = (page.page - 1) * page.limit;
    auto found = RAMPART_TRY(call.catalogs().search(query));
    const PageMeta metadata{page.page, page.limit, found.total, (found.total + page.limit - 1) / page.limit};
    return page_value("CatalogSearchPage", metadata, objects("CatalogSearchHit", std::move(found.hits)));
}

/// A file name safe to create in a folder of our own: its last path
/// component, without leading dots.
std::string safe_file_name(std::string_view name, size_t index) {
    auto base = std::filesystem::path(std::string(name)).filename().string();
    base.erase(0, base.find_first_not_of('.'));
    if (base.empty()) base = fmt::format("catalog-{}", index);
    return base;
}

/// Removes a temporary folder when the import is over.
class TempFolder {
public:
    TempFolder() {
        // mkdtemp replaces the six trailing 'X' with a unique name.
        auto pattern = (std::filesystem::temp_directory_path() / ("rampart-import-" + std::string(6, 'X'))).string();
        if (::mkdtemp(pattern.data()) != nullptr) m_path = pattern;
    }
    ~TempFolder() {
        std::error_code ignored;
        if (!m_path.empty()) std::filesystem::remove_all(m_path, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    TempFolder(TempFolder&&) = delete;
    TempFolder& operator=(TempFolder&&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// Replaces the temporary folder in paths the importer reports with nothing,
/// so answers name the files as the user sent them.
std::string without_folder(std::string text, const std::string& folder) {
    for (auto at = text.find(folder); at != std::string::npos; at = text.find(folder, at)) {
        text.erase(at, folder.size());
    }
    return text;
}

Answer import_catalogs(const Call& call) {
    RAMPART_TRY(engine::require(call.actor().role, engine::Permission::ImportCatalogs));
    const auto& input = call.object_arg("input");
    app::ImportOptions options;
    options.replace = get_bool(input, "replace").value_or(false);
    options.version = get_string(input, "version");
    if (const auto format = get_string(input, "format")) {
        auto name = enum_lower(*format);
        std::replace(name.begin(), name.end(), '_', '-');
        options.format = catalog::format_from_string(name);
        if (!options.format) return bad_input(fmt::format("unknown catalog format {}", *format));
    }
    const auto* files = input.if_contains("files");
    if (files == nullptr || !files->is_array() || files->get_array().empty()) {
        return bad_input("no catalog file was uploaded");
    }
    TempFolder folder;
    if (folder.path().empty()) return core::Error::make(core::ErrorCode::Io, "no temporary folder for the import");
    std::vector<std::string> paths;
    std::set<std::string> names;
    for (size_t i = 0; i < files->get_array().size(); ++i) {
        auto upload = RAMPART_TRY(read_upload(call, &files->get_array()[i], fmt::format("files[{}]", i)));
        auto name = safe_file_name(upload.name, i);
        // The importer detects formats by name, so names are kept; a
        // repeated name goes into a folder of its own.
        auto path = folder.path() / name;
        if (!names.insert(name).second) path = folder.path() / fmt::format("{}", i) / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream out(path, std::ios::binary);
        out << upload.content;
        if (!out) return core::Error::make(core::ErrorCode::Io, fmt::format("cannot store the upload {}", name));
        paths.push_back(path.string());
    }
    const auto prefix = folder.path().string() + "/";
    auto report = call.catalogs().import_paths(paths, options);
    if (!report.ok()) {
        auto error = std::move(report).error();
        error.message = without_folder(error.message, prefix);
        for (auto& diagnostic : error.diagnostics) {
            diagnostic.where.file = without_folder(diagnostic.where.file, prefix);
            diagnostic.message = without_folder(diagnostic.message, prefix);
        }
        return error;
    }
    for (auto& file : report->files) file.file = without_folder(file.file, prefix);
    for (auto& skipped : report->skipped_files) skipped = without_folder(skipped, prefix);
    for (auto& note : report->notes) note = without_folder(note, prefix);
    return object("CatalogImportReport", std::move(report).value());
}

std::vector<int> levels_of(const model::AsvsRequirement& requirement) {
    std::vector<int> levels;
    for (size_t i = 0; i < requirement.levels.size(); ++i) {
        if (requirement.levels[i]) levels.push_back(static_cast<int>(i) + 1);
    }
    return levels;
}

/// The weaknesses of a list of CWE ids.
ResolvedValue weaknesses_value(const std::shared_ptr<const engine::CatalogGraph>& graph, const std::vector<int>& ids) {
    std::vector<ResolvedValue> items;
    items.reserve(ids.size());
    for (const int id : ids) items.push_back(weakness_value(graph, id));
    return ResolvedValue::list(std::move(items));
}

std::optional<std::string> weakness_text(const WeaknessNode& node, std::string model::Weakness::*member) {
    const auto* weakness = node.graph->weakness(node.id);
    if (weakness == nullptr) return std::nullopt;
    return (*weakness).*member;
}

}  // namespace

void bind_catalog_fields(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<void>(schema, "Query", problems)
        .field("catalogs",
               [](const Call& call) -> Answer {
                   RAMPART_TRY(may_read_catalogs(call));
                   return objects("Catalog", RAMPART_TRY(call.catalogs().list()));
               })
        .field("catalogSearch", search)
        .field("catalogEntry", catalog_entry)
        .field("attackPattern",
               [](const Call& call) -> Answer {
                   const auto graph = RAMPART_TRY(selected_graph(call));
                   return pattern_entry(graph, {model::CatalogKind::Capec, int_arg(call, "id"), {}});
               })
        .field("weakness",
               [](const Call& call) -> Answer {
                   const auto graph = RAMPART_TRY(selected_graph(call));
                   return weakness_entry(graph, {model::CatalogKind::Cwe, int_arg(call, "id"), {}});
               })
        .field("asvsRequirement", [](const Call& call) -> Answer {
            const auto* id = call.arg("id");
            const auto ref =
                RAMPART_TRY(app::parse_catalog_ref(id != nullptr && id->is_string() ? id->get_string() : ""));
            if (ref.kind != model::CatalogKind::Asvs) {
                return bad_input(fmt::format("{} is no ASVS requirement id", ref.to_string()));
            }
            const auto graph = RAMPART_TRY(selected_graph(call));
            return asvs_entry(graph, ref);
        });
    TypeBinder<void>(schema, "Mutation", problems).field("importCatalogs", import_catalogs);

    TypeBinder<CatalogRecord>(schema, "Catalog", problems)
        .field("id", [](const CatalogRecord& c, const Call&) { return id_of(c.id); })
        .field("kind", [](const CatalogRecord& c, const Call&) { return enum_value(model::to_string(c.kind)); })
        .field("version", [](const CatalogRecord& c, const Call&) { return c.version; })
        .field("importedAt", [](const CatalogRecord& c, const Call&) { return c.imported_at; })
        .field("updatedAt", [](const CatalogRecord& c, const Call&) { return c.updated_at; })
        .field("entries", [](const CatalogRecord& c, const Call&) { return c.counts.entries; })
        .field("active", [](const CatalogRecord& c, const Call&) { return c.counts.active; })
        .field("level1", [](const CatalogRecord& c, const Call&) { return c.counts.level1; })
        .field("withCwe", [](const CatalogRecord& c, const Call&) { return c.counts.with_cwe; })
        .field("cweLinks", [](const CatalogRecord& c, const Call&) { return c.counts.cwe_links; })
        .field("childOfLinks", [](const CatalogRecord& c, const Call&) { return c.counts.child_of; })
        .field("files", [](const CatalogRecord& c, const Call&) { return objects("CatalogFile", c.files); });

    TypeBinder<CatalogFileRecord>(schema, "CatalogFile", problems)
        .field("name", [](const CatalogFileRecord& f, const Call&) { return f.name; })
        .field("format", [](const CatalogFileRecord& f, const Call&) { return f.format; })
        .field("sha256", [](const CatalogFileRecord& f, const Call&) { return f.sha256; })
        .field("entries", [](const CatalogFileRecord& f, const Call&) { return f.entries; })
        .field("skipped", [](const CatalogFileRecord& f, const Call&) { return f.skipped; })
        .field("importedAt", [](const CatalogFileRecord& f, const Call&) { return f.imported_at; });

    TypeBinder<SearchHit>(schema, "CatalogSearchHit", problems)
        .field("kind", [](const SearchHit& h, const Call&) { return enum_value(model::to_string(h.kind)); })
        .field("version", [](const SearchHit& h, const Call&) { return h.version; })
        .field("ref", [](const SearchHit& h, const Call&) { return h.ref; })
        .field("title", [](const SearchHit& h, const Call&) { return h.title; })
        .field("snippet", [](const SearchHit& h, const Call&) { return h.snippet; })
        .field("score", [](const SearchHit& h, const Call&) { return h.score; });

    TypeBinder<PatternNode>(schema, "AttackPattern", problems)
        .field("id", [](const PatternNode& p, const Call&) { return p.pattern->id; })
        .field("ref", [](const PatternNode& p, const Call&) { return fmt::format("CAPEC-{}", p.pattern->id); })
        .field("catalogVersion", [](const PatternNode& p, const Call&) { return p.graph->capec().version; })
        .field("name", [](const PatternNode& p, const Call&) { return p.pattern->name; })
        .field("description", [](const PatternNode& p, const Call&) { return p.pattern->description; })
        .field("abstraction", [](const PatternNode& p, const Call&) { return p.pattern->abstraction; })
        .field("status", [](const PatternNode& p, const Call&) { return p.pattern->status; })
        .field("retired", [](const PatternNode& p, const Call&) { return model::is_retired_status(p.pattern->status); })
        .field("likelihood", [](const PatternNode& p, const Call&) { return p.pattern->likelihood; })
        .field("typicalSeverity", [](const PatternNode& p, const Call&) { return p.pattern->typical_severity; })
        .field("prerequisites", [](const PatternNode& p, const Call&) { return p.pattern->prerequisites; })
        .field("mitigations", [](const PatternNode& p, const Call&) { return p.pattern->mitigations; })
        .field("cweIds", [](const PatternNode& p, const Call&) { return p.pattern->cwes; })
        .field("weaknesses",
               [](const PatternNode& p, const Call&) { return weaknesses_value(p.graph, p.pattern->cwes); })
        .field("parents", [](const PatternNode& p, const Call&) { return patterns_value(p.graph, p.pattern->parents); })
        .field("children",
               [](const PatternNode& p, const Call&) { return patterns_value(p.graph, p.pattern->children); });

    TypeBinder<WeaknessNode>(schema, "Weakness", problems)
        .field("id", [](const WeaknessNode& w, const Call&) { return w.id; })
        .field("ref", [](const WeaknessNode& w, const Call&) { return fmt::format("CWE-{}", w.id); })
        .field("catalogVersion", [](const WeaknessNode& w, const Call&) { return w.graph->cwe().version; })
        .field("name", [](const WeaknessNode& w, const Call&) { return weakness_text(w, &model::Weakness::name); })
        .field("abstraction",
               [](const WeaknessNode& w, const Call&) { return weakness_text(w, &model::Weakness::abstraction); })
        .field("status", [](const WeaknessNode& w, const Call&) { return weakness_text(w, &model::Weakness::status); })
        .field("description",
               [](const WeaknessNode& w, const Call&) { return weakness_text(w, &model::Weakness::description); })
        .field("parents",
               [](const WeaknessNode& w, const Call&) { return weaknesses_value(w.graph, w.graph->cwe_parents(w.id)); })
        .field("children", [](const WeaknessNode& w,
                              const Call&) { return weaknesses_value(w.graph, w.graph->cwe_children(w.id)); })
        .field("attackPatterns",
               [](const WeaknessNode& w, const Call&) {
                   std::vector<int> ids;
                   for (const auto* pattern : w.graph->patterns_for_cwe(w.id)) ids.push_back(pattern->id);
                   return patterns_value(w.graph, ids);
               })
        .field("requirements", [](const WeaknessNode& w, const Call&) {
            std::vector<ResolvedValue> items;
            for (const auto* requirement : w.graph->requirements_for_cwe(w.id)) {
                items.push_back(asvs_value(w.graph, *requirement));
            }
            return ResolvedValue::list(std::move(items));
        });

    TypeBinder<AsvsNode>(schema, "AsvsRequirement", problems)
        .field("id", [](const AsvsNode& a, const Call&) { return a.requirement->id; })
        .field("catalogVersion", [](const AsvsNode& a, const Call&) { return a.graph->asvs().version; })
        .field("chapterId", [](const AsvsNode& a, const Call&) { return a.requirement->chapter_id; })
        .field("chapterName", [](const AsvsNode& a, const Call&) { return a.requirement->chapter_name; })
        .field("sectionId", [](const AsvsNode& a, const Call&) { return a.requirement->section_id; })
        .field("sectionName", [](const AsvsNode& a, const Call&) { return a.requirement->section_name; })
        .field("description", [](const AsvsNode& a, const Call&) { return a.requirement->description; })
        .field("levels", [](const AsvsNode& a, const Call&) { return levels_of(*a.requirement); })
        .field("nist", [](const AsvsNode& a, const Call&) { return a.requirement->nist; })
        .field("cweIds", [](const AsvsNode& a, const Call&) { return a.graph->requirement_cwes(a.requirement->id); })
        .field("weaknesses", [](const AsvsNode& a, const Call&) {
            return weaknesses_value(a.graph, a.graph->requirement_cwes(a.requirement->id));
        });

    TypeBinder<app::ImportReport>(schema, "CatalogImportReport", problems)
        .field("files", [](const app::ImportReport& r, const Call&) { return objects("CatalogImportFile", r.files); })
        .field("skippedFiles", [](const app::ImportReport& r, const Call&) { return r.skipped_files; })
        .field("notes", [](const app::ImportReport& r, const Call&) { return r.notes; });

    TypeBinder<app::FileOutcome>(schema, "CatalogImportFile", problems)
        .field("file", [](const app::FileOutcome& f, const Call&) { return f.file; })
        .field("kind", [](const app::FileOutcome& f, const Call&) { return enum_value(model::to_string(f.kind)); })
        .field("version", [](const app::FileOutcome& f, const Call&) { return f.version; })
        .field("versionSource", [](const app::FileOutcome& f, const Call&) { return f.version_source; })
        .field("format", [](const app::FileOutcome& f, const Call&) { return f.format; })
        .field("action", [](const app::FileOutcome& f, const Call&) { return enum_value(app::to_string(f.action)); })
        .field("entries", [](const app::FileOutcome& f, const Call&) { return f.entries; })
        .field("added", [](const app::FileOutcome& f, const Call&) { return f.added; })
        .field("changed", [](const app::FileOutcome& f, const Call&) { return f.changed; })
        .field("skipped", [](const app::FileOutcome& f, const Call&) { return f.skipped; });
}

}  // namespace rampart::api::detail
