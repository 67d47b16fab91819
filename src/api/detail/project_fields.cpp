#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/api.h"
#include "api/detail/binding.h"
#include "api/detail/fields.h"
#include "api/detail/inputs.h"
#include "api/detail/nodes.h"
#include "api/detail/values.h"
#include "modelfile/model_file.h"

namespace rampart::api::detail {
namespace {

using graphql::ResolvedValue;
using model::Asset;
using model::AuditEvent;
using model::EvidenceFile;
using model::ProjectRequirement;

/// The largest page the stores serve; whole lists are read in pages this big.
constexpr int FULL_PAGE = 1000;

/// Every project the filter selects, with their progress.
Answer all_projects(const Call& call, const storage::ProjectFilter& filter) {
    std::vector<ResolvedValue> out;
    for (int page = 1;; ++page) {
        auto listed = RAMPART_TRY(call.projects().list(call.actor(), filter, {page, FULL_PAGE}));
        const auto count = listed.items.size();
        for (auto& summary : listed.items) {
            out.push_back(project_value(call, std::move(summary.project), summary.progress));
        }
        if (count < static_cast<size_t>(FULL_PAGE) || static_cast<int>(out.size()) >= listed.total) break;
    }
    return ResolvedValue::list(std::move(out));
}

/// Every requirement of a project, in the store's order.
core::Result<std::vector<ProjectRequirement>> all_requirements(const Call& call, int64_t project_id) {
    std::vector<ProjectRequirement> out;
    for (int page = 1;; ++page) {
        auto listed = RAMPART_TRY(call.projects().requirements(call.actor(), project_id, {}, {page, FULL_PAGE}));
        const auto count = listed.items.size();
        for (auto& requirement : listed.items) out.push_back(std::move(requirement));
        if (count < static_cast<size_t>(FULL_PAGE) || static_cast<int>(out.size()) >= listed.total) break;
    }
    return out;
}

/// Every asset of the caller's company.
core::Result<std::vector<Asset>> all_assets(const Call& call) {
    std::vector<Asset> out;
    for (int page = 1;; ++page) {
        auto listed = RAMPART_TRY(call.projects().list_assets(call.actor(), {page, FULL_PAGE}));
        const auto count = listed.items.size();
        for (auto& asset : listed.items) out.push_back(std::move(asset));
        if (count < static_cast<size_t>(FULL_PAGE) || static_cast<int>(out.size()) >= listed.total) break;
    }
    return out;
}

Answer assets_page(const Call& call) {
    const auto request = RAMPART_TRY(call.page());
    // The Conviso Platform's `assets(id:)` takes a company id. Another
    // company's id (existing or not) answers like a company without assets:
    // a caller learns nothing of other tenants.
    if (const auto* company = call.arg("id")) {
        const auto company_id = RAMPART_TRY(parse_id(company, "company"));
        if (company_id != call.actor().company_id) {
            return page_value("AssetPage", {request.page, request.limit, 0, 0}, ResolvedValue::list({}));
        }
    }
    auto page = RAMPART_TRY(call.projects().list_assets(call.actor(), request));
    const auto metadata = meta_of(page);
    return page_value("AssetPage", metadata, objects("Asset", std::move(page.items)));
}

Answer projects_page(const Call& call) {
    const auto filter = RAMPART_TRY(project_filter_from(call.object_arg("filter")));
    const auto request = RAMPART_TRY(call.page());
    auto page = RAMPART_TRY(call.projects().list(call.actor(), filter, request));
    std::vector<ResolvedValue> collection;
    collection.reserve(page.items.size());
    for (auto& summary : page.items) {
        collection.push_back(project_value(call, std::move(summary.project), summary.progress));
    }
    return page_value("ProjectPage", meta_of(page), ResolvedValue::list(std::move(collection)));
}

Answer create_asset(const Call& call) {
    const auto& input = call.object_arg("input");
    Asset asset;
    asset.name = get_string(input, "name").value_or("");
    asset.description = get_string(input, "description").value_or("");
    asset.tags = get_strings(input, "tags").value_or(std::vector<std::string>{});
    asset.business_impact = get_string(input, "businessImpact").value_or("");
    asset.data_classification = get_string(input, "dataClassification").value_or("");
    return object("Asset", RAMPART_TRY(call.projects().create_asset(call.actor(), std::move(asset))));
}

Answer update_project(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto id = RAMPART_TRY(parse_id(input.if_contains("id"), "project"));
    app::ProjectUpdate update;
    update.name = get_string(input, "name");
    update.goal = get_string(input, "goal");
    update.scope = get_string(input, "scope");
    update.limitation = get_string(input, "limitation");
    update.estimated_hours = get_number(input, "estimatedHours");
    update.tags = get_strings(input, "tags");
    update.expected_version = get_int(input, "expectedVersion");
    return project_value(call, RAMPART_TRY(call.projects().update(call.actor(), id, update)));
}

Answer change_status(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto id = RAMPART_TRY(parse_id(input.if_contains("id"), "project"));
    const auto status = RAMPART_TRY(project_status_from(get_string(input, "status").value_or("")));
    const auto reason = get_string(input, "reason").value_or("");
    return project_value(call, RAMPART_TRY(call.projects().change_status(call.actor(), id, status, reason)));
}

/// Start, not apply, finish or restart, from the mutation's input.
Answer requirement_action(const Call& call, model::RequirementAction action) {
    const auto& input = call.object_arg("input");
    app::RequirementActionInput request;
    request.requirement_id = RAMPART_TRY(parse_id(input.if_contains("id"), "requirement"));
    request.action = action;
    request.expected_version = get_int(input, "expectedVersion");
    request.justification = action == model::RequirementAction::NotApply
                                ? get_string(input, "justification").value_or("")
                                : get_string(input, "reason").value_or("");
    if (action == model::RequirementAction::Finish) {
        request.evidence_text = get_string(input, "evidenceText").value_or("");
        if (const auto* files = input.if_contains("files"); files != nullptr && files->is_array()) {
            for (size_t i = 0; i < files->get_array().size(); ++i) {
                request.files.push_back(
                    RAMPART_TRY(read_upload(call, &files->get_array()[i], fmt::format("files[{}]", i))));
            }
        }
    }
    return requirement_value(RAMPART_TRY(call.projects().requirement_action(call.actor(), request)));
}

/// The Conviso Platform's activity title: `ASVS 4.0.3 - V5.3.4 - <text>`. Its
/// client splits the title on '-' and takes the second piece as the ASVS id,
/// so the prefix must hold no hyphen at all.
std::string activity_title(const ActivityNode& node) {
    auto version = node.asvs_version;
    std::replace(version.begin(), version.end(), '-', '.');
    const auto prefix = version.empty() ? std::string("ASVS") : fmt::format("ASVS {}", version);
    return fmt::format("{} - {} - {}", prefix, node.requirement.asvs_id, node.requirement.description);
}

Answer activities(const Call& call, const model::Project& project) {
    auto requirements = RAMPART_TRY(all_requirements(call, project.id));
    std::vector<ActivityNode> nodes;
    nodes.reserve(requirements.size());
    for (auto& requirement : requirements) nodes.push_back({std::move(requirement), project.asvs_version});
    return objects("Activity", std::move(nodes));
}

Answer project_assets(const Call& call, const model::Project& project) {
    auto assets = RAMPART_TRY(all_assets(call));
    std::vector<Asset> out;
    for (const auto& name : project.assets) {
        const auto found = std::find_if(assets.begin(), assets.end(), [&](const Asset& a) { return a.name == name; });
        if (found != assets.end()) out.push_back(*found);
    }
    return objects("Asset", std::move(out));
}

ResolvedValue items_value(const model::Project& project) {
    std::vector<ItemNode> items;
    items.reserve(project.items.size());
    for (const auto& item : project.items) items.push_back({project.id, catalogs_of(project), item});
    return objects("Item", std::move(items));
}

Answer project_item(const Call& call, const model::Project& project) {
    const auto* key = call.arg("key");
    for (const auto& item : project.items) {
        if (key != nullptr && key->is_string() && item.key == std::string_view(key->get_string())) {
            return object("Item", ItemNode{project.id, catalogs_of(project), item});
        }
    }
    return core::Error::make(
        core::ErrorCode::NotFound,
        fmt::format("project {} has no item {}", project.id,
                    key != nullptr && key->is_string() ? std::string_view(key->get_string()) : ""));
}

Answer project_history(const Call& call, const model::Project& project) {
    std::optional<int64_t> requirement_id;
    if (const auto* id = call.arg("requirementId")) requirement_id = RAMPART_TRY(parse_id(id, "requirement"));
    return history_page(call, project.id, requirement_id);
}

Answer model_file(const Call& call, const model::Project& project) {
    const auto* format = call.arg("format");
    const auto syntax = format != nullptr && format->is_string() && format->get_string() == "JSON"
                            ? modelfile::Format::Json
                            : modelfile::Format::Yaml;
    return ResolvedValue(RAMPART_TRY(call.projects().export_model_file(call.actor(), project.id, syntax)));
}

Answer item_requirements(const Call& call, const ItemNode& node) {
    auto filter = RAMPART_TRY(requirement_filter_from(call.object_arg("filter")));
    filter.item_key = node.item.key;
    return requirement_page(call, node.project_id, filter);
}

Answer traces(const Call& call, const ProjectRequirement& requirement) {
    const auto project = RAMPART_TRY(call.project(requirement.project_id));
    const auto catalogs = catalogs_of(*project);
    std::vector<TraceNode> nodes;
    nodes.reserve(requirement.traces.size());
    for (const auto& trace : requirement.traces) {
        nodes.push_back({requirement.item_key, requirement.asvs_id, trace.attack_pattern, trace.pattern_cwe,
                         trace.requirement_cwe, trace.match, catalogs});
    }
    return objects("Trace", std::move(nodes));
}

Answer requirement_item(const Call& call, const ProjectRequirement& requirement) {
    const auto project = RAMPART_TRY(call.project(requirement.project_id));
    for (const auto& item : project->items) {
        if (item.id == requirement.item_id || item.key == requirement.item_key) {
            return object("Item", ItemNode{project->id, catalogs_of(*project), item});
        }
    }
    return ResolvedValue::null();
}

Answer trace_pattern(const Call& call, const TraceNode& trace) {
    const auto graph = RAMPART_TRY(call.graph(trace.catalogs));
    return pattern_value(graph, trace.attack_pattern);
}

Answer trace_weakness(const Call& call, const TraceNode& trace, int id) {
    const auto graph = RAMPART_TRY(call.graph(trace.catalogs));
    return weakness_value(graph, id);
}

std::string match_name(model::MatchKind match) { return enum_value(model::to_string(match)); }

void bind_pages(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<PageMeta>(schema, "PageMetadata", problems)
        .field("currentPage", [](const PageMeta& m, const Call&) { return m.current_page; })
        .field("limitValue", [](const PageMeta& m, const Call&) { return m.limit_value; })
        .field("totalCount", [](const PageMeta& m, const Call&) { return m.total_count; })
        .field("totalPages", [](const PageMeta& m, const Call&) { return m.total_pages; });
    for (const auto* type : {"ProjectPage", "RequirementPage", "AssetPage", "AuditEventPage", "CatalogSearchPage"}) {
        TypeBinder<PageNode>(schema, type, problems)
            .field("metadata", [](const PageNode& p, const Call&) { return object("PageMetadata", p.metadata); })
            .field("collection", [](const PageNode& p, const Call&) { return p.collection; });
    }
}

void bind_project(graphql::Schema& schema, std::vector<std::string>& problems) {
    using Node = ProjectNode;
    TypeBinder<Node>(schema, "Project", problems)
        .field("id", [](const Node& n, const Call&) { return id_of(n.project.id); })
        .field("pid", [](const Node& n, const Call&) { return id_of(n.project.id); })
        .field("name", [](const Node& n, const Call&) { return n.project.name; })
        .field("status", [](const Node& n, const Call&) { return std::string(model::to_string(n.project.status)); })
        .field("goal", [](const Node& n, const Call&) { return n.project.goal; })
        .field("scope", [](const Node& n, const Call&) { return n.project.scope; })
        .field("limitation", [](const Node& n, const Call&) { return n.project.limitation; })
        .field("estimatedHours", [](const Node& n, const Call&) { return n.project.estimated_hours; })
        .field("tags", [](const Node& n, const Call&) { return n.project.tags; })
        .field("team", [](const Node& n, const Call&) { return n.project.team; })
        .field("assetNames", [](const Node& n, const Call&) { return n.project.assets; })
        .field("assets", [](const Node& n, const Call& c) { return project_assets(c, n.project); })
        .field("asvsVersion", [](const Node& n, const Call&) { return n.project.asvs_version; })
        .field("asvsLevel", [](const Node& n, const Call&) { return n.project.asvs_level; })
        .field("capecVersion", [](const Node& n, const Call&) { return n.project.capec_version; })
        .field("cweVersion", [](const Node& n, const Call&) { return n.project.cwe_version; })
        .field("followCweHierarchy", [](const Node& n, const Call&) { return n.project.follow_cwe_hierarchy; })
        .field("items",
               [](const Node& n, const Call& c) -> Answer {
                   // Listings read projects without their items.
                   const auto project = RAMPART_TRY(c.project(n.project.id));
                   return items_value(*project);
               })
        .field("item",
               [](const Node& n, const Call& c) -> Answer {
                   const auto project = RAMPART_TRY(c.project(n.project.id));
                   return project_item(c, *project);
               })
        .field("requirements",
               [](const Node& n, const Call& c) -> Answer {
                   const auto filter = RAMPART_TRY(requirement_filter_from(c.object_arg("filter")));
                   return requirement_page(c, n.project.id, filter);
               })
        .field("progress",
               [](const Node& n, const Call& c) -> Answer {
                   if (n.progress) return object("Progress", *n.progress);
                   return object("Progress", RAMPART_TRY(c.projects().progress(c.actor(), n.project.id)));
               })
        .field("history", [](const Node& n, const Call& c) { return project_history(c, n.project); })
        .field("modelFile", [](const Node& n, const Call& c) { return model_file(c, n.project); })
        .field("attachmentsUrl", [](const Node& n, const Call&) { return attachments_url(n.project.id); })
        .field("createdBy", [](const Node& n, const Call&) { return id_of(n.project.created_by); })
        .field("createdAt", [](const Node& n, const Call&) { return n.project.created_at; })
        .field("updatedAt", [](const Node& n, const Call&) { return n.project.updated_at; })
        .field("version", [](const Node& n, const Call&) { return n.project.version; })
        .field("activities", [](const Node& n, const Call& c) { return activities(c, n.project); })
        .field("playbooks",
               [](const Node& n, const Call&) {
                   const auto& p = n.project;
                   return objects("Playbook",
                                  std::vector<PlaybookNode>{
                                      {fmt::format("asvs-{}-l{}", p.asvs_version, p.asvs_level), p.company_id,
                                       fmt::format("ASVS {} level {}", p.asvs_version, p.asvs_level)}});
               })
        // Scanner findings are not recorded yet; the Conviso client reads an
        // empty list as "nothing open".
        .field("vulnerabilities",
               [](const Node&, const Call&) { return objects("Vulnerability", std::vector<VulnerabilityNode>{}); });
}

void bind_items_and_requirements(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<ItemNode>(schema, "Item", problems)
        .field("id", [](const ItemNode& n, const Call&) { return id_of(n.item.id); })
        .field("key", [](const ItemNode& n, const Call&) { return n.item.key; })
        .field("kind", [](const ItemNode& n, const Call&) { return enum_value(model::to_string(n.item.kind)); })
        .field("name", [](const ItemNode& n, const Call&) { return n.item.name; })
        .field("description", [](const ItemNode& n, const Call&) { return n.item.description; })
        .field("attackPatternIds", [](const ItemNode& n, const Call&) { return n.item.attack_patterns; })
        .field("attackPatterns",
               [](const ItemNode& n, const Call& c) -> Answer {
                   const auto graph = RAMPART_TRY(c.graph(n.catalogs));
                   return patterns_value(graph, n.item.attack_patterns);
               })
        .field("requirements", [](const ItemNode& n, const Call& c) { return item_requirements(c, n); })
        .field("progress",
               [](const ItemNode& n, const Call& c) -> Answer {
                   return object("Progress", RAMPART_TRY(c.projects().progress(c.actor(), n.project_id, n.item.key)));
               })
        .field("suggestions", [](const ItemNode& n, const Call& c) {
            return suggestions(c, n.item.kind, n.item.name, n.item.description);
        });

    using Req = ProjectRequirement;
    TypeBinder<Req>(schema, "Requirement", problems)
        .field("id", [](const Req& r, const Call&) { return id_of(r.id); })
        .field("projectId", [](const Req& r, const Call&) { return id_of(r.project_id); })
        .field("itemKey", [](const Req& r, const Call&) { return r.item_key; })
        .field("item", [](const Req& r, const Call& c) { return requirement_item(c, r); })
        .field("asvsId", [](const Req& r, const Call&) { return r.asvs_id; })
        .field("chapterId", [](const Req& r, const Call&) { return r.chapter_id; })
        .field("chapterName", [](const Req& r, const Call&) { return r.chapter_name; })
        .field("sectionName", [](const Req& r, const Call&) { return r.section_name; })
        .field("description", [](const Req& r, const Call&) { return r.description; })
        .field("level", [](const Req& r, const Call&) { return r.level; })
        .field("match", [](const Req& r, const Call&) { return match_name(r.match); })
        .field("status", [](const Req& r, const Call&) { return std::string(model::to_string(r.status)); })
        .field("justification", [](const Req& r, const Call&) { return r.justification; })
        .field("evidenceText", [](const Req& r, const Call&) { return r.evidence_text; })
        .field("traces", [](const Req& r, const Call& c) { return traces(c, r); })
        .field("evidenceFiles", [](const Req& r, const Call&) { return objects("EvidenceFile", r.evidence_files); })
        .field("updatedAt", [](const Req& r, const Call&) { return r.updated_at; })
        .field("version", [](const Req& r, const Call&) { return r.version; })
        .field("history", [](const Req& r, const Call& c) { return history_page(c, r.project_id, r.id); });

    TypeBinder<TraceNode>(schema, "Trace", problems)
        .field("itemKey", [](const TraceNode& t, const Call&) { return t.item_key; })
        .field("attackPatternId", [](const TraceNode& t, const Call&) { return t.attack_pattern; })
        .field("patternCweId", [](const TraceNode& t, const Call&) { return t.pattern_cwe; })
        .field("requirementCweId", [](const TraceNode& t, const Call&) { return t.requirement_cwe; })
        .field("asvsId", [](const TraceNode& t, const Call&) { return t.asvs_id; })
        .field("match", [](const TraceNode& t, const Call&) { return match_name(t.match); })
        .field("attackPattern", [](const TraceNode& t, const Call& c) { return trace_pattern(c, t); })
        .field("patternWeakness", [](const TraceNode& t, const Call& c) { return trace_weakness(c, t, t.pattern_cwe); })
        .field("requirementWeakness",
               [](const TraceNode& t, const Call& c) { return trace_weakness(c, t, t.requirement_cwe); });

    TypeBinder<EvidenceFile>(schema, "EvidenceFile", problems)
        .field("id", [](const EvidenceFile& f, const Call&) { return id_of(f.id); })
        .field("name", [](const EvidenceFile& f, const Call&) { return f.name; })
        .field("mediaType", [](const EvidenceFile& f, const Call&) { return f.media_type; })
        .field("size", [](const EvidenceFile& f, const Call&) { return static_cast<double>(f.size); })
        .field("sha256", [](const EvidenceFile& f, const Call&) { return f.sha256; })
        .field("uploadedBy", [](const EvidenceFile& f, const Call&) { return id_of(f.uploaded_by); })
        .field("uploadedAt", [](const EvidenceFile& f, const Call&) { return f.uploaded_at; });

    TypeBinder<model::Progress>(schema, "Progress", problems)
        .field("notStarted", [](const model::Progress& p, const Call&) { return p.not_started; })
        .field("inProgress", [](const model::Progress& p, const Call&) { return p.in_progress; })
        .field("notApplicable", [](const model::Progress& p, const Call&) { return p.not_applicable; })
        .field("done", [](const model::Progress& p, const Call&) { return p.done; })
        .field("total", [](const model::Progress& p, const Call&) { return p.total(); })
        .field("settled", [](const model::Progress& p, const Call&) { return p.settled(); })
        .field("percentSettled", [](const model::Progress& p, const Call&) { return p.percent_settled(); });

    TypeBinder<AuditEvent>(schema, "AuditEvent", problems)
        .field("id", [](const AuditEvent& e, const Call&) { return id_of(e.id); })
        .field("requirementId",
               [](const AuditEvent& e, const Call&) {
                   return e.requirement_id == 0 ? std::nullopt : std::optional<std::string>(id_of(e.requirement_id));
               })
        .field("actorId", [](const AuditEvent& e, const Call&) { return id_of(e.actor_id); })
        .field("actorEmail", [](const AuditEvent& e, const Call&) { return e.actor_email; })
        .field("at", [](const AuditEvent& e, const Call&) { return e.at; })
        .field("action", [](const AuditEvent& e, const Call&) { return e.action; })
        .field("field", [](const AuditEvent& e, const Call&) { return e.field; })
        .field("before", [](const AuditEvent& e, const Call&) { return e.before; })
        .field("after", [](const AuditEvent& e, const Call&) { return e.after; })
        .field("reason", [](const AuditEvent& e, const Call&) { return e.reason; });
}

void bind_assets_and_conviso(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<Asset>(schema, "Asset", problems)
        .field("id", [](const Asset& a, const Call&) { return id_of(a.id); })
        .field("name", [](const Asset& a, const Call&) { return a.name; })
        .field("description", [](const Asset& a, const Call&) { return a.description; })
        .field("tags", [](const Asset& a, const Call&) { return a.tags; })
        .field("businessImpact", [](const Asset& a, const Call&) { return a.business_impact; })
        .field("dataClassification", [](const Asset& a, const Call&) { return a.data_classification; })
        .field("createdAt", [](const Asset& a, const Call&) { return a.created_at; })
        .field("projects", [](const Asset& a, const Call& c) {
            storage::ProjectFilter filter;
            filter.asset_id = a.id;
            return all_projects(c, filter);
        });

    TypeBinder<ActivityNode>(schema, "Activity", problems)
        .field("id", [](const ActivityNode& a, const Call&) { return id_of(a.requirement.id); })
        .field("title", [](const ActivityNode& a, const Call&) { return activity_title(a); })
        .field("reference", [](const ActivityNode& a, const Call&) { return a.requirement.asvs_id; })
        .field("status",
               [](const ActivityNode& a, const Call&) { return std::string(model::to_string(a.requirement.status)); })
        .field("description", [](const ActivityNode& a, const Call&) { return a.requirement.description; })
        .field("justify",
               [](const ActivityNode& a, const Call&) {
                   return a.requirement.justification.empty() ? a.requirement.evidence_text
                                                              : a.requirement.justification;
               })
        .field("requirement", [](const ActivityNode& a, const Call&) { return requirement_value(a.requirement); });

    TypeBinder<PlaybookNode>(schema, "Playbook", problems)
        .field("checklistTypeId", [](const PlaybookNode& p, const Call&) { return p.checklist_type_id; })
        .field("companyId", [](const PlaybookNode& p, const Call&) { return id_of(p.company_id); })
        .field("name", [](const PlaybookNode& p, const Call&) { return p.name; });

    TypeBinder<VulnerabilityNode>(schema, "Vulnerability", problems)
        .field("title", [](const VulnerabilityNode& v, const Call&) { return v.title; })
        .field("vulnerabilityTemplate",
               [](const VulnerabilityNode& v, const Call&) { return object("VulnerabilityTemplate", v); });
    TypeBinder<VulnerabilityNode>(schema, "VulnerabilityTemplate", problems)
        .field("categoryList", [](const VulnerabilityNode& v, const Call&) { return v.category_list; })
        .field("reference", [](const VulnerabilityNode& v, const Call&) { return v.reference; });
}

}  // namespace

void bind_project_fields(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<void>(schema, "Query", problems)
        .field("assets", assets_page)
        .field("asset",
               [](const Call& call) -> Answer {
                   const auto id = RAMPART_TRY(parse_id(call.arg("id"), "asset"));
                   return object("Asset", RAMPART_TRY(call.projects().get_asset(call.actor(), id)));
               })
        .field("project",
               [](const Call& call) -> Answer {
                   const auto id = RAMPART_TRY(parse_id(call.arg("id"), "project"));
                   return project_answer(call, id);
               })
        .field("projects", projects_page);

    TypeBinder<void>(schema, "Mutation", problems)
        .field("createAsset", create_asset)
        .field("updateProject", update_project)
        .field("changeProjectStatus", change_status)
        .field("startRequirement", [](const Call& c) { return requirement_action(c, model::RequirementAction::Start); })
        .field("notApplyRequirement",
               [](const Call& c) { return requirement_action(c, model::RequirementAction::NotApply); })
        .field("finishRequirement",
               [](const Call& c) { return requirement_action(c, model::RequirementAction::Finish); })
        .field("restartRequirement",
               [](const Call& c) { return requirement_action(c, model::RequirementAction::Restart); });

    bind_pages(schema, problems);
    bind_project(schema, problems);
    bind_items_and_requirements(schema, problems);
    bind_assets_and_conviso(schema, problems);
}

}  // namespace rampart::api::detail
