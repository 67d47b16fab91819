#include <fmt/format.h>

#include <utility>

#include "api/detail/binding.h"
#include "api/detail/fields.h"
#include "api/detail/inputs.h"
#include "api/detail/nodes.h"
#include "api/detail/values.h"
#include "modelfile/model_file.h"

namespace rampart::api::detail {
namespace {

using app::ProjectService;
using engine::SkippedPattern;
using engine::Suggestion;
using graphql::ResolvedValue;
using model::ThreatModel;

Answer preview_value(const Call& call, const ThreatModel& model) {
    return object("GenerationPreview", PreviewNode{RAMPART_TRY(call.projects().preview(call.actor(), model))});
}

Answer draft_query(const Call& call) {
    const auto id = RAMPART_TRY(parse_id(call.arg("id"), "draft"));
    return object("Draft", RAMPART_TRY(call.projects().get_draft(call.actor(), id)));
}

Answer suggestions_query(const Call& call) {
    const auto* kind = call.arg("kind");
    const auto item_kind = RAMPART_TRY(item_kind_from(kind != nullptr && kind->is_string() ? kind->get_string() : ""));
    const auto* name = call.arg("name");
    const auto* description = call.arg("description");
    return suggestions(call, item_kind, name != nullptr && name->is_string() ? name->get_string() : "",
                       description != nullptr && description->is_string() ? description->get_string() : "");
}

Answer create_draft(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto model = RAMPART_TRY(threat_model_from(get_object(input, "model")));
    return object("Draft", RAMPART_TRY(call.projects().create_draft(call.actor(), model)));
}

Answer update_draft(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto id = RAMPART_TRY(parse_id(input.if_contains("id"), "draft"));
    const auto expected = get_int(input, "expectedVersion");
    if (!expected) return bad_input("expectedVersion is required");
    const auto model = RAMPART_TRY(threat_model_from(get_object(input, "model")));
    return object("Draft", RAMPART_TRY(call.projects().update_draft(call.actor(), id, *expected, model)));
}

Answer save_draft(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto id = RAMPART_TRY(parse_id(input.if_contains("id"), "draft"));
    const auto deselected = requirement_keys_from(input.if_contains("deselected"));
    const auto project_id = RAMPART_TRY(call.projects().save_draft(call.actor(), id, deselected));
    return project_answer(call, project_id);
}

Answer save_threat_model(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto model = RAMPART_TRY(threat_model_from(get_object(input, "model")));
    const auto deselected = requirement_keys_from(input.if_contains("deselected"));
    const auto project_id = RAMPART_TRY(call.projects().save(call.actor(), model, deselected));
    return project_answer(call, project_id);
}

Answer create_from_model_file(const Call& call) {
    const auto& input = call.object_arg("input");
    const auto text = get_string(input, "text");
    const auto* file = input.if_contains("file");
    const bool has_file = file != nullptr && !file->is_null();
    if (text.has_value() == has_file) return bad_input("give the model file as exactly one of `text` and `file`");
    std::string content;
    std::string file_name = get_string(input, "fileName").value_or("");
    if (has_file) {
        auto upload = RAMPART_TRY(read_upload(call, file, "file"));
        content = std::move(upload.content);
        if (file_name.empty()) file_name = upload.name;
    } else {
        content = *text;
    }
    if (file_name.empty()) file_name = "model.yaml";
    const auto project_id = RAMPART_TRY(call.projects().create_from_model_file(call.actor(), content, file_name));
    return project_answer(call, project_id);
}

/// The key an item has or, when it has none, the one saving would give it.
std::string item_key(const model::ThreatModelItem& item) {
    return item.key.empty() ? modelfile::derive_item_key(item.name) : item.key;
}

ResolvedValue model_items(const ThreatModel& model) {
    std::vector<ModelItemNode> items;
    items.reserve(model.items.size());
    for (const auto& item : model.items) items.push_back({item});
    return objects("ThreatModelItem", std::move(items));
}

/// The catalogs a preview of this ASVS release reads: the newest CAPEC and CWE.
app::CatalogSelection preview_catalogs(const std::string& asvs_version) {
    app::CatalogSelection selection;
    if (!asvs_version.empty()) selection.asvs = asvs_version;
    return selection;
}

ResolvedValue generated_value(const engine::GenerationResult& result) {
    std::vector<GeneratedNode> nodes;
    nodes.reserve(result.requirements.size());
    for (const auto& requirement : result.requirements) {
        nodes.push_back({requirement, preview_catalogs(result.asvs_version)});
    }
    return objects("GeneratedRequirement", std::move(nodes));
}

model::MatchKind to_model(engine::MatchKind match) {
    return match == engine::MatchKind::Direct ? model::MatchKind::Direct : model::MatchKind::Indirect;
}

ResolvedValue generated_traces(const GeneratedNode& node) {
    std::vector<TraceNode> traces;
    traces.reserve(node.requirement.traces.size());
    for (const auto& trace : node.requirement.traces) {
        traces.push_back({node.requirement.item_key, node.requirement.asvs_id, trace.attack_pattern, trace.pattern_cwe,
                          trace.requirement_cwe, to_model(trace.match), node.catalogs});
    }
    return objects("Trace", std::move(traces));
}

}  // namespace

void bind_threat_model_fields(graphql::Schema& schema, std::vector<std::string>& problems) {
    TypeBinder<void>(schema, "Query", problems)
        .field("draft", draft_query)
        .field("attackPatternSuggestions", suggestions_query)
        .field("previewRequirements", [](const Call& call) -> Answer {
            const auto model = RAMPART_TRY(threat_model_from(call.object_arg("model")));
            return preview_value(call, model);
        });

    TypeBinder<void>(schema, "Mutation", problems)
        .field("createDraft", create_draft)
        .field("updateDraft", update_draft)
        .field("saveDraft", save_draft)
        .field("saveThreatModel", save_threat_model)
        .field("createProjectFromModelFile", create_from_model_file);

    using Draft = ProjectService::Draft;
    TypeBinder<Draft>(schema, "Draft", problems)
        .field("id", [](const Draft& d, const Call&) { return id_of(d.id); })
        .field("version", [](const Draft& d, const Call&) { return d.version; })
        .field("model", [](const Draft& d, const Call&) { return object("ThreatModel", d.model); })
        .field("preview", [](const Draft& d, const Call& c) { return preview_value(c, d.model); });

    TypeBinder<ThreatModel>(schema, "ThreatModel", problems)
        .field("name", [](const ThreatModel& m, const Call&) { return m.name; })
        .field("goal", [](const ThreatModel& m, const Call&) { return m.goal; })
        .field("scope", [](const ThreatModel& m, const Call&) { return m.scope; })
        .field("limitation", [](const ThreatModel& m, const Call&) { return m.limitation; })
        .field("estimatedHours", [](const ThreatModel& m, const Call&) { return m.estimated_hours; })
        .field("tags", [](const ThreatModel& m, const Call&) { return m.tags; })
        .field("team", [](const ThreatModel& m, const Call&) { return m.team; })
        .field("assets", [](const ThreatModel& m, const Call&) { return m.assets; })
        .field("asvsVersion", [](const ThreatModel& m, const Call&) { return m.asvs_version; })
        .field("asvsLevel", [](const ThreatModel& m, const Call&) { return m.asvs_level; })
        .field("followCweHierarchy", [](const ThreatModel& m, const Call&) { return m.follow_cwe_hierarchy; })
        .field("items", [](const ThreatModel& m, const Call&) { return model_items(m); });

    TypeBinder<ModelItemNode>(schema, "ThreatModelItem", problems)
        .field("key", [](const ModelItemNode& n, const Call&) { return item_key(n.item); })
        .field("kind", [](const ModelItemNode& n, const Call&) { return enum_value(model::to_string(n.item.kind)); })
        .field("name", [](const ModelItemNode& n, const Call&) { return n.item.name; })
        .field("description", [](const ModelItemNode& n, const Call&) { return n.item.description; })
        .field("attackPatternIds", [](const ModelItemNode& n, const Call&) { return n.item.attack_patterns; })
        .field("attackPatterns",
               [](const ModelItemNode& n, const Call& c) -> Answer {
                   const auto graph = RAMPART_TRY(c.graph({}));
                   return patterns_value(graph, n.item.attack_patterns);
               })
        .field("suggestions", [](const ModelItemNode& n, const Call& c) {
            return suggestions(c, n.item.kind, n.item.name, n.item.description);
        });

    TypeBinder<Suggestion>(schema, "AttackPatternSuggestion", problems)
        .field("attackPatternId", [](const Suggestion& s, const Call&) { return s.attack_pattern; })
        .field("name", [](const Suggestion& s, const Call&) { return s.name; })
        .field("reason", [](const Suggestion& s, const Call&) { return s.reason; })
        .field("source", [](const Suggestion& s, const Call&) { return enum_value(engine::to_string(s.source)); })
        .field("score", [](const Suggestion& s, const Call&) { return s.score; })
        .field("attackPattern", [](const Suggestion& s, const Call& c) -> Answer {
            // Suggestions come from the newest CAPEC version.
            const auto graph = RAMPART_TRY(c.graph({}));
            return pattern_value(graph, s.attack_pattern);
        });

    TypeBinder<PreviewNode>(schema, "GenerationPreview", problems)
        .field("asvsVersion", [](const PreviewNode& p, const Call&) { return p.result.asvs_version; })
        .field("asvsLevel", [](const PreviewNode& p, const Call&) { return p.result.asvs_level; })
        .field("followCweHierarchy", [](const PreviewNode& p, const Call&) { return p.result.follow_cwe_hierarchy; })
        .field("requirements", [](const PreviewNode& p, const Call&) { return generated_value(p.result); })
        .field("skipped",
               [](const PreviewNode& p, const Call&) { return objects("SkippedPattern", p.result.skipped); });

    TypeBinder<GeneratedNode>(schema, "GeneratedRequirement", problems)
        .field("itemKey", [](const GeneratedNode& n, const Call&) { return n.requirement.item_key; })
        .field("asvsId", [](const GeneratedNode& n, const Call&) { return n.requirement.asvs_id; })
        .field("level", [](const GeneratedNode& n, const Call&) { return n.requirement.level; })
        .field("chapterId", [](const GeneratedNode& n, const Call&) { return n.requirement.chapter_id; })
        .field("chapterName", [](const GeneratedNode& n, const Call&) { return n.requirement.chapter_name; })
        .field("sectionId", [](const GeneratedNode& n, const Call&) { return n.requirement.section_id; })
        .field("sectionName", [](const GeneratedNode& n, const Call&) { return n.requirement.section_name; })
        .field("description", [](const GeneratedNode& n, const Call&) { return n.requirement.description; })
        .field("match",
               [](const GeneratedNode& n, const Call&) { return enum_value(engine::to_string(n.requirement.match)); })
        .field("traces", [](const GeneratedNode& n, const Call&) { return generated_traces(n); });

    TypeBinder<SkippedPattern>(schema, "SkippedPattern", problems)
        .field("itemKey", [](const SkippedPattern& s, const Call&) { return s.item_key; })
        .field("attackPatternId", [](const SkippedPattern& s, const Call&) { return s.attack_pattern; })
        .field("reason", [](const SkippedPattern& s, const Call&) { return enum_value(engine::to_string(s.reason)); })
        .field("status",
               [](const SkippedPattern& s, const Call&) {
                   return s.status.empty() ? std::nullopt : std::optional<std::string>(s.status);
               })
        .field("cweIds", [](const SkippedPattern& s, const Call&) { return s.cwes; });
}

}  // namespace rampart::api::detail
