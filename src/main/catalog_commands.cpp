#include "main/catalog_commands.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <iostream>

#include "main/output.h"

namespace rampart::cli {
namespace {

namespace json = boost::json;

std::string levels_text(const model::AsvsRequirement& requirement) {
    std::string out;
    for (int level = 0; level < 3; ++level) {
        if (!requirement.levels[static_cast<size_t>(level)]) continue;
        if (!out.empty()) out += ' ';
        out += fmt::format("L{}", level + 1);
    }
    return out.empty() ? "-" : out;
}

json::array levels_json(const model::AsvsRequirement& requirement) {
    json::array out;
    for (int level = 0; level < 3; ++level) {
        if (requirement.levels[static_cast<size_t>(level)]) out.push_back(level + 1);
    }
    return out;
}

std::string pattern_label(const engine::CatalogGraph& graph, int id) {
    const auto* pattern = graph.pattern(id);
    return pattern ? fmt::format("CAPEC-{} {}", id, pattern->name)
                   : fmt::format("CAPEC-{} (not in capec {})", id, graph.capec().version);
}

std::string weakness_label(const engine::CatalogGraph& graph, int id) {
    const auto* weakness = graph.weakness(id);
    if (weakness) return fmt::format("CWE-{} {}", id, weakness->name);
    if (graph.cwe().version.empty()) return fmt::format("CWE-{}", id);
    return fmt::format("CWE-{} (no weakness of that id in cwe {})", id, graph.cwe().version);
}

json::object pattern_ref_json(const engine::CatalogGraph& graph, int id) {
    const auto* pattern = graph.pattern(id);
    json::object out{{"id", fmt::format("CAPEC-{}", id)}};
    out["name"] = pattern ? json::value(pattern->name) : json::value(nullptr);
    return out;
}

json::object weakness_ref_json(const engine::CatalogGraph& graph, int id) {
    const auto* weakness = graph.weakness(id);
    json::object out{{"id", fmt::format("CWE-{}", id)}};
    out["name"] = weakness ? json::value(weakness->name) : json::value(nullptr);
    return out;
}

json::object requirement_ref_json(const model::AsvsRequirement& requirement) {
    return {{"id", requirement.id}, {"levels", levels_json(requirement)}, {"description", requirement.description}};
}

std::string versions_line(const engine::CatalogGraph& graph) {
    const auto or_none = [](const std::string& version) { return version.empty() ? std::string("none") : version; };
    return fmt::format("asvs {}, capec {}, cwe {}", or_none(graph.asvs().version), or_none(graph.capec().version),
                       or_none(graph.cwe().version));
}

json::object versions_json(const engine::CatalogGraph& graph) {
    return {{"asvs", graph.asvs().version}, {"capec", graph.capec().version}, {"cwe", graph.cwe().version}};
}

core::Error not_found(const app::CatalogRef& ref, std::string_view kind, const std::string& version) {
    if (version.empty()) {
        return core::Error::make(core::ErrorCode::NotFound,
                                 fmt::format("{} not found: no {} catalog is held; import one with `rampart catalog "
                                             "import`",
                                             ref.to_string(), kind));
    }
    return core::Error::make(core::ErrorCode::NotFound,
                             fmt::format("{} not found in {} {}", ref.to_string(), kind, version));
}

void print_list(std::ostream& out, std::string_view label, const std::vector<std::string>& items) {
    if (items.empty()) {
        out << fmt::format("  {:<13}-\n", label);
        return;
    }
    for (size_t i = 0; i < items.size(); ++i) out << fmt::format("  {:<13}{}\n", i == 0 ? label : "", items[i]);
}

int show_pattern(const engine::CatalogGraph& graph, const app::CatalogRef& ref, bool as_json) {
    const auto* pattern = graph.pattern(ref.number);
    if (!pattern) return report_error(not_found(ref, "capec", graph.capec().version), as_json);
    if (as_json) {
        json::array parents, children, weaknesses;
        for (const int id : pattern->parents) parents.push_back(pattern_ref_json(graph, id));
        for (const int id : pattern->children) children.push_back(pattern_ref_json(graph, id));
        for (const int cwe : pattern->cwes) {
            auto item = weakness_ref_json(graph, cwe);
            json::array requirements;
            for (const auto* requirement : graph.requirements_for_cwe(cwe)) {
                requirements.push_back(requirement_ref_json(*requirement));
            }
            item["asvs"] = std::move(requirements);
            weaknesses.push_back(std::move(item));
        }
        json::array prerequisites(pattern->prerequisites.begin(), pattern->prerequisites.end());
        json::array mitigations(pattern->mitigations.begin(), pattern->mitigations.end());
        write_pretty_json(std::cout, json::object{{"kind", "capec"},
                                                  {"id", ref.to_string()},
                                                  {"name", pattern->name},
                                                  {"catalogs", versions_json(graph)},
                                                  {"abstraction", pattern->abstraction},
                                                  {"status", pattern->status},
                                                  {"likelihood", pattern->likelihood},
                                                  {"typicalSeverity", pattern->typical_severity},
                                                  {"description", pattern->description},
                                                  {"prerequisites", prerequisites},
                                                  {"mitigations", mitigations},
                                                  {"parents", parents},
                                                  {"children", children},
                                                  {"weaknesses", weaknesses}});
        return 0;
    }
    auto& out = std::cout;
    out << fmt::format("{} {}\n", ref.to_string(), pattern->name);
    out << fmt::format("  {:<13}{}\n", "catalogs", versions_line(graph));
    out << fmt::format("  {:<13}{}\n", "abstraction", pattern->abstraction);
    out << fmt::format("  {:<13}{}\n", "status", pattern->status);
    out << fmt::format("  {:<13}{}\n", "likelihood", pattern->likelihood.empty() ? "-" : pattern->likelihood);
    out << fmt::format("  {:<13}{}\n", "severity", pattern->typical_severity.empty() ? "-" : pattern->typical_severity);
    std::vector<std::string> parents, children;
    for (const int id : pattern->parents) parents.push_back(pattern_label(graph, id));
    for (const int id : pattern->children) children.push_back(pattern_label(graph, id));
    print_list(out, "parents", parents);
    print_list(out, "children", children);
    out << fmt::format("  {:<13}{}\n", "description", pattern->description);
    out << fmt::format("  weaknesses and the ASVS {} requirements that carry them\n",
                       graph.asvs().version.empty() ? "(none held)" : graph.asvs().version);
    if (pattern->cwes.empty()) out << "    (the pattern names no CWE)\n";
    for (const int cwe : pattern->cwes) {
        out << fmt::format("    {}\n", weakness_label(graph, cwe));
        const auto requirements = graph.requirements_for_cwe(cwe);
        if (requirements.empty()) out << "      (no requirement carries this CWE)\n";
        for (const auto* requirement : requirements) {
            out << fmt::format("      {} [{}] {}\n", requirement->id, levels_text(*requirement),
                               requirement->description);
        }
    }
    return 0;
}

int show_weakness(const engine::CatalogGraph& graph, const app::CatalogRef& ref, bool as_json) {
    const auto* weakness = graph.weakness(ref.number);
    const auto patterns = graph.patterns_for_cwe(ref.number);
    const auto requirements = graph.requirements_for_cwe(ref.number);
    // A CWE category (ASVS names some) is no weakness of the CSV views, but
    // its links to requirements are still worth showing.
    if (!weakness && patterns.empty() && requirements.empty()) {
        return report_error(not_found(ref, "cwe", graph.cwe().version), as_json);
    }
    const auto parents = graph.cwe_parents(ref.number);
    const auto children = graph.cwe_children(ref.number);
    if (as_json) {
        json::array parent_list, child_list, pattern_list, requirement_list;
        for (const int id : parents) parent_list.push_back(weakness_ref_json(graph, id));
        for (const int id : children) child_list.push_back(weakness_ref_json(graph, id));
        for (const auto* pattern : patterns) pattern_list.push_back(pattern_ref_json(graph, pattern->id));
        for (const auto* requirement : requirements) requirement_list.push_back(requirement_ref_json(*requirement));
        json::object body{{"kind", "cwe"}, {"id", ref.to_string()}, {"catalogs", versions_json(graph)}};
        body["name"] = weakness ? json::value(weakness->name) : json::value(nullptr);
        body["abstraction"] = weakness ? json::value(weakness->abstraction) : json::value(nullptr);
        body["status"] = weakness ? json::value(weakness->status) : json::value(nullptr);
        body["description"] = weakness ? json::value(weakness->description) : json::value(nullptr);
        body["parents"] = std::move(parent_list);
        body["children"] = std::move(child_list);
        body["attackPatterns"] = std::move(pattern_list);
        body["asvs"] = std::move(requirement_list);
        write_pretty_json(std::cout, body);
        return 0;
    }
    auto& out = std::cout;
    out << weakness_label(graph, ref.number) << "\n";
    out << fmt::format("  {:<13}{}\n", "catalogs", versions_line(graph));
    if (weakness) {
        out << fmt::format("  {:<13}{}\n", "abstraction", weakness->abstraction);
        out << fmt::format("  {:<13}{}\n", "status", weakness->status);
    }
    std::vector<std::string> parent_labels, child_labels, pattern_labels;
    for (const int id : parents) parent_labels.push_back(weakness_label(graph, id));
    for (const int id : children) child_labels.push_back(weakness_label(graph, id));
    for (const auto* pattern : patterns) pattern_labels.push_back(pattern_label(graph, pattern->id));
    print_list(out, "parents", parent_labels);
    print_list(out, "children", child_labels);
    print_list(out, "patterns", pattern_labels);
    if (weakness) out << fmt::format("  {:<13}{}\n", "description", weakness->description);
    out << fmt::format("  ASVS {} requirements carrying CWE-{}\n",
                       graph.asvs().version.empty() ? "(none held)" : graph.asvs().version, ref.number);
    if (requirements.empty()) out << "    (none)\n";
    for (const auto* requirement : requirements) {
        out << fmt::format("    {} [{}] {}\n", requirement->id, levels_text(*requirement), requirement->description);
    }
    return 0;
}

int show_requirement(const engine::CatalogGraph& graph, const app::CatalogRef& ref, bool as_json) {
    const auto* requirement = graph.requirement(ref.requirement);
    if (!requirement) return report_error(not_found(ref, "asvs", graph.asvs().version), as_json);
    const auto& cwes = graph.requirement_cwes(requirement->id);
    if (as_json) {
        json::array weaknesses;
        for (const int cwe : cwes) {
            auto item = weakness_ref_json(graph, cwe);
            json::array patterns;
            for (const auto* pattern : graph.patterns_for_cwe(cwe))
                patterns.push_back(pattern_ref_json(graph, pattern->id));
            item["attackPatterns"] = std::move(patterns);
            weaknesses.push_back(std::move(item));
        }
        write_pretty_json(
            std::cout,
            json::object{
                {"kind", "asvs"},
                {"id", requirement->id},
                {"catalogs", versions_json(graph)},
                {"chapter", json::object{{"id", requirement->chapter_id}, {"name", requirement->chapter_name}}},
                {"section", json::object{{"id", requirement->section_id}, {"name", requirement->section_name}}},
                {"description", requirement->description},
                {"levels", levels_json(*requirement)},
                {"nist", requirement->nist},
                {"weaknesses", weaknesses}});
        return 0;
    }
    auto& out = std::cout;
    out << fmt::format("{} (ASVS {}) {}\n", requirement->id, graph.asvs().version, requirement->description);
    out << fmt::format("  {:<13}{}\n", "catalogs", versions_line(graph));
    out << fmt::format("  {:<13}{} {}\n", "chapter", requirement->chapter_id, requirement->chapter_name);
    out << fmt::format("  {:<13}{} {}\n", "section", requirement->section_id,
                       requirement->section_name.empty() ? "-" : requirement->section_name);
    out << fmt::format("  {:<13}{}\n", "levels", levels_text(*requirement));
    if (!requirement->nist.empty()) out << fmt::format("  {:<13}{}\n", "nist", requirement->nist);
    out << "  weaknesses and the attack patterns related to them\n";
    if (cwes.empty()) out << "    (the requirement carries no CWE)\n";
    for (const int cwe : cwes) {
        out << fmt::format("    {}\n", weakness_label(graph, cwe));
        const auto patterns = graph.patterns_for_cwe(cwe);
        if (patterns.empty()) out << "      (no attack pattern names this CWE)\n";
        for (const auto* pattern : patterns) {
            out << fmt::format("      {}{}\n", pattern_label(graph, pattern->id),
                               model::is_retired_status(pattern->status) ? fmt::format(" ({})", pattern->status) : "");
        }
    }
    return 0;
}

std::string describe_counts(const storage::CatalogRecord& record) {
    const auto& c = record.counts;
    switch (record.kind) {
        case model::CatalogKind::Asvs:
            return fmt::format("{} requirements, {} at L1, {} with a CWE", c.entries, c.level1, c.with_cwe);
        case model::CatalogKind::Capec:
            return fmt::format("{} attack patterns ({} active), {} with a CWE, {} CWE links", c.entries, c.active,
                               c.with_cwe, c.cwe_links);
        case model::CatalogKind::Cwe:
            return fmt::format("{} weaknesses, {} ChildOf links in view 1000", c.entries, c.child_of);
    }
    return {};
}

}  // namespace

int catalog_import(app::CatalogService& service, const CatalogImportArgs& args, bool as_json) {
    app::ImportOptions options;
    options.replace = args.replace;
    options.version = args.version;
    if (args.format) {
        options.format = catalog::format_from_string(*args.format);
        if (!options.format) {
            return report_error(core::Error::make(core::ErrorCode::InvalidArgument,
                                                  fmt::format("unknown format '{}'; expected asvs-csv, asvs-json, "
                                                              "asvs-cwe-mapping, asvs-id-mapping, capec-stix, "
                                                              "capec-xml, cwe-csv or cwe-xml",
                                                              *args.format)),
                                as_json);
        }
    }
    auto report = service.import_paths(args.paths, options);
    if (!report.ok()) return report_error(report.error(), as_json);
    if (as_json) {
        json::array files;
        for (const auto& file : report->files) {
            files.push_back(json::object{{"file", file.file},
                                         {"kind", model::to_string(file.kind)},
                                         {"version", file.version},
                                         {"versionFrom", file.version_source},
                                         {"format", file.format},
                                         {"action", app::to_string(file.action)},
                                         {"entries", file.entries},
                                         {"added", file.added},
                                         {"changed", file.changed},
                                         {"skipped", file.skipped}});
        }
        json::array skipped(report->skipped_files.begin(), report->skipped_files.end());
        json::array notes(report->notes.begin(), report->notes.end());
        write_pretty_json(std::cout, json::object{{"files", files}, {"skippedFiles", skipped}, {"notes", notes}});
        return 0;
    }
    for (const auto& file : report->files) {
        std::string detail = fmt::format("{} entries", file.entries);
        if (file.added > 0) detail += fmt::format(", {} new", file.added);
        if (file.changed > 0) detail += fmt::format(", {} replaced", file.changed);
        if (file.skipped > 0) detail += fmt::format(", {} deleted rows skipped", file.skipped);
        std::cout << fmt::format("{:<9} {} {} ← {} ({}; {})\n", app::to_string(file.action),
                                 model::to_string(file.kind), file.version, file.file, file.format, detail);
    }
    for (const auto& skipped : report->skipped_files)
        std::cout << fmt::format("skipped   {} (not a catalog file)\n", skipped);
    for (const auto& note : report->notes) std::cout << "note: " << note << "\n";
    return 0;
}

int catalog_list(app::CatalogService& service, bool as_json) {
    auto records = service.list();
    if (!records.ok()) return report_error(records.error(), as_json);
    if (as_json) {
        json::array catalogs;
        for (const auto& record : *records) {
            json::array files;
            for (const auto& file : record.files) {
                files.push_back(json::object{{"name", file.name},
                                             {"format", file.format},
                                             {"sha256", file.sha256},
                                             {"entries", file.entries},
                                             {"skipped", file.skipped},
                                             {"importedAt", file.imported_at}});
            }
            const auto& c = record.counts;
            catalogs.push_back(json::object{{"kind", model::to_string(record.kind)},
                                            {"version", record.version},
                                            {"importedAt", record.imported_at},
                                            {"updatedAt", record.updated_at},
                                            {"entries", c.entries},
                                            {"active", c.active},
                                            {"level1", c.level1},
                                            {"withCwe", c.with_cwe},
                                            {"cweLinks", c.cwe_links},
                                            {"childOfLinks", c.child_of},
                                            {"files", files}});
        }
        write_pretty_json(std::cout, json::object{{"catalogs", catalogs}});
        return 0;
    }
    if (records->empty()) {
        std::cout << "No catalogs held. Import the official files with `rampart catalog import PATH…`.\n";
        return 0;
    }
    std::cout << fmt::format("{:<6} {:<8} {:<6} {}\n", "KIND", "VERSION", "FILES", "CONTENT");
    for (const auto& record : *records) {
        std::cout << fmt::format("{:<6} {:<8} {:<6} {}\n", model::to_string(record.kind), record.version,
                                 record.files.size(), describe_counts(record));
    }
    return 0;
}

int catalog_show(app::CatalogService& service, const CatalogShowArgs& args, bool as_json) {
    const auto ref = app::parse_catalog_ref(args.id);
    if (!ref.ok()) return report_error(ref.error(), as_json);
    auto graph = service.load_graph(args.selection);
    if (!graph.ok()) return report_error(graph.error(), as_json);
    switch (ref->kind) {
        case model::CatalogKind::Capec: return show_pattern(*graph, *ref, as_json);
        case model::CatalogKind::Cwe: return show_weakness(*graph, *ref, as_json);
        case model::CatalogKind::Asvs: return show_requirement(*graph, *ref, as_json);
    }
    return 1;
}

int catalog_search(app::CatalogService& service, const CatalogSearchArgs& args, bool as_json) {
    storage::SearchQuery query;
    query.text = args.text;
    if (args.kind) {
        if (*args.kind == "asvs") {
            query.kind = model::CatalogKind::Asvs;
        } else if (*args.kind == "capec") {
            query.kind = model::CatalogKind::Capec;
        } else if (*args.kind == "cwe") {
            query.kind = model::CatalogKind::Cwe;
        } else {
            return report_error(
                core::Error::make(core::ErrorCode::InvalidArgument,
                                  fmt::format("unknown kind '{}'; expected asvs, capec or cwe", *args.kind)),
                as_json);
        }
    }
    if (args.page < 1) {
        return report_error(core::Error::make(core::ErrorCode::InvalidArgument, "the page must be 1 or more"), as_json);
    }
    // ASVS releases repeat most requirements; one release is searched unless named.
    query.asvs_version = args.selection.asvs.value_or(std::string(app::DEFAULT_ASVS_VERSION));
    query.limit = args.limit;
    query.offset = (args.page - 1) * args.limit;
    auto page = service.search(query);
    if (!page.ok()) return report_error(page.error(), as_json);
    const int total_pages = (page->total + args.limit - 1) / args.limit;
    if (as_json) {
        json::array hits;
        for (const auto& hit : page->hits) {
            hits.push_back(json::object{{"kind", model::to_string(hit.kind)},
                                        {"version", hit.version},
                                        {"id", hit.ref},
                                        {"title", hit.title},
                                        {"snippet", hit.snippet},
                                        {"score", std::round(hit.score * 1000) / 1000}});
        }
        write_pretty_json(std::cout, json::object{{"metadata", json::object{{"currentPage", args.page},
                                                                            {"limitValue", args.limit},
                                                                            {"totalCount", page->total},
                                                                            {"totalPages", total_pages}}},
                                                  {"collection", hits}});
        return 0;
    }
    if (page->hits.empty()) {
        std::cout << fmt::format("No match for \"{}\".\n", args.text);
        return 0;
    }
    for (const auto& hit : page->hits) {
        std::cout << fmt::format("{:<10} {:<5} {:<6} {}\n", hit.ref, model::to_string(hit.kind), hit.version,
                                 hit.title.size() > 100 ? hit.title.substr(0, 97) + "..." : hit.title);
    }
    std::cout << fmt::format("page {} of {} ({} matches)\n", args.page, total_pages, page->total);
    return 0;
}

}  // namespace rampart::cli
