// MITRE CAPEC published as a STIX 2.1 bundle (github.com/mitre/cti, capec/2.1).
//
// The bundle is one JSON object {"type": "bundle", "objects": [...]}. CAPEC
// uses three kinds of objects (STIX 2.1 §4.1 attack-pattern, §4.3
// course-of-action, §5.1 relationship) and custom `x_capec_*` properties:
// - an attack-pattern names its CAPEC id in external_references[] with
//   source_name "capec" and its related weaknesses with source_name "cwe";
// - parents and children are STIX ids in x_capec_child_of_refs and
//   x_capec_parent_of_refs, resolved here to CAPEC numbers;
// - a mitigation is a course-of-action linked to the pattern by a
//   `mitigates` relationship (source_ref course-of-action → target_ref
//   attack-pattern).
// Texts that came from CAPEC's XML keep their XHTML markup (<xhtml:p>…); it
// is reduced to plain text.

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/json_reader.h"
#include "catalog/parse.h"
#include "core/text.h"

namespace rampart::catalog {
namespace {

constexpr std::string_view WHAT = "the CAPEC STIX bundle";

// The x_capec_*_refs members that point at other attack patterns of the same
// bundle. Only the first two feed the model, but every one of them must
// resolve: a dangling reference means the bundle is incomplete.
constexpr std::string_view CHILD_OF_REFS = "x_capec_child_of_refs";
constexpr std::string_view PARENT_OF_REFS = "x_capec_parent_of_refs";
constexpr std::array<std::string_view, 3> OTHER_PATTERN_REFS = {"x_capec_can_precede_refs", "x_capec_can_follow_refs",
                                                                "x_capec_peer_of_refs"};

// Inline XHTML elements join the text around them; every other element
// (paragraphs, list items, divisions, table cells, line breaks) separates
// words, so it becomes a space.
bool is_inline_xhtml(std::string_view name) {
    static constexpr std::array<std::string_view, 13> INLINE = {"b",   "i",   "em", "strong", "code", "a",   "span",
                                                                "sub", "sup", "u",  "tt",     "font", "abbr"};
    return std::find(INLINE.begin(), INLINE.end(), name) != INLINE.end();
}

// CAPEC copies XHTML fragments from its XML into the STIX strings. Only
// elements in the xhtml: prefix are markup: descriptions also quote literal
// HTML as content ("image tags (<img>)", "<parser1> --> <input validator>"),
// which must survive untouched.
std::string plain_text(std::string_view text) {
    if (text.find("xhtml:") == std::string_view::npos) return core::collapse_whitespace(text);
    std::string out;
    out.reserve(text.size());
    size_t at = 0;
    while (at < text.size()) {
        const size_t open = text.find('<', at);
        if (open == std::string_view::npos) {
            out.append(text.substr(at));
            break;
        }
        out.append(text.substr(at, open - at));
        auto tag = text.substr(open + 1);
        if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
        const size_t close = text.find('>', open);
        if (tag.substr(0, 6) != "xhtml:" || close == std::string_view::npos) {
            out += '<';
            at = open + 1;
            continue;
        }
        tag.remove_prefix(6);
        const size_t name_end = tag.find_first_of(" \t\r\n/>");
        if (!is_inline_xhtml(tag.substr(0, name_end))) out += ' ';
        at = close + 1;
    }
    return core::collapse_whitespace(out);
}

// "CWE-89" → 89. Zero is no CWE or CAPEC id.
std::optional<int> prefixed_number(std::string_view text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return std::nullopt;
    const auto number = core::parse_int(text.substr(prefix.size()));
    if (!number || *number == 0) return std::nullopt;
    return number;
}

// A STIX id inside a pattern's x_capec_*_refs, with the pointer it sits at.
struct PatternRef {
    std::string stix_id;
    std::string pointer;
};

// One attack-pattern object while the bundle is read; the references are
// resolved once every object is known.
struct PatternDraft {
    model::AttackPattern pattern;
    std::string pointer;  ///< "/objects/17"
    std::string capec_version;
    bool has_capec_id = false;
    std::vector<PatternRef> child_of;
    std::vector<PatternRef> parent_of;
    std::vector<PatternRef> other_refs;
};

struct Relationship {
    std::string_view source;
    std::string_view target;
    std::string pointer;
};

enum class ObjectKind { AttackPattern, CourseOfAction, Other };

struct ObjectEntry {
    ObjectKind kind = ObjectKind::Other;
    size_t index = 0;  ///< into the drafts or the mitigation texts
};

// Orders JSON pointers the way the document reads: "/objects/2" before
// "/objects/10", a member before its descendants.
bool pointer_less(std::string_view a, std::string_view b) {
    const auto is_index = [](std::string_view token) {
        return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto a_tokens = core::split(a, '/');
    const auto b_tokens = core::split(b, '/');
    for (size_t i = 0; i < a_tokens.size() && i < b_tokens.size(); ++i) {
        const auto x = a_tokens[i];
        const auto y = b_tokens[i];
        if (x == y) continue;
        if (is_index(x) && is_index(y) && x.size() != y.size()) return x.size() < y.size();
        return x < y;
    }
    return a_tokens.size() < b_tokens.size();
}

void sort_unique(std::vector<int>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

class StixReader {
public:
    explicit StixReader(std::string_view file) : m_diagnostics(file) {}

    core::Result<model::CapecCatalog> read(const boost::json::value& root) {
        if (!root.is_object()) {
            m_diagnostics.add("/", fmt::format("expected a STIX 2.1 bundle (an object with \"type\": \"bundle\"), "
                                               "found {}",
                                               json_kind_name(root)));
            return std::move(m_diagnostics).to_error(WHAT);
        }
        const auto& bundle = root.get_object();
        const auto type = m_diagnostics.string_member(bundle, "type", "", true);
        if (!type.empty() && type != "bundle") {
            m_diagnostics.add("/type",
                              fmt::format("expected a STIX bundle (\"type\": \"bundle\"), found \"{}\"", type));
        }
        const auto* objects = bundle.if_contains("objects");
        if (objects == nullptr || !objects->is_array()) {
            m_diagnostics.add(
                "/objects", objects == nullptr
                                ? std::string("missing required member \"objects\"")
                                : fmt::format("expected an array of STIX objects, found {}", json_kind_name(*objects)));
            return std::move(m_diagnostics).to_error(WHAT);
        }

        const auto& array = objects->get_array();
        for (size_t i = 0; i < array.size(); ++i) read_object(array[i], core::json_pointer_append("/objects", i));
        if (m_drafts.empty()) {
            m_diagnostics.add("/objects",
                              "the bundle holds no attack-pattern objects; expected MITRE's CAPEC STIX bundle");
        }
        resolve_pattern_refs();
        attach_mitigations();

        model::CapecCatalog catalog;
        catalog.version = settle_version();
        check_duplicate_capec_ids();
        if (!m_diagnostics.empty()) {
            // Problems are found in several passes; people read them in the
            // order of the document.
            auto error = std::move(m_diagnostics).to_error(WHAT);
            std::stable_sort(error.diagnostics.begin(), error.diagnostics.end(), [](const auto& x, const auto& y) {
                return pointer_less(x.where.pointer, y.where.pointer);
            });
            return error;
        }

        catalog.patterns.reserve(m_drafts.size());
        for (auto& draft : m_drafts) catalog.patterns.push_back(std::move(draft.pattern));
        std::sort(catalog.patterns.begin(), catalog.patterns.end(),
                  [](const auto& a, const auto& b) { return a.id < b.id; });
        return catalog;
    }

private:
    void read_object(const boost::json::value& value, const std::string& pointer) {
        if (!value.is_object()) {
            m_diagnostics.add(pointer, fmt::format("expected a STIX object, found {}", json_kind_name(value)));
            return;
        }
        const auto& object = value.get_object();
        const auto type = m_diagnostics.string_member(object, "type", pointer, true);
        const auto* id_value = object.if_contains("id");
        // Both branches are string_views: a json::string branch would make the
        // conditional copy the id into a temporary the view outlives.
        const auto id = id_value != nullptr && id_value->is_string() ? std::string_view(id_value->get_string())
                                                                     : std::string_view();
        if (id_value != nullptr && !id_value->is_string()) {
            m_diagnostics.add(core::json_pointer_append(pointer, "id"),
                              fmt::format("expected a string, found {}", json_kind_name(*id_value)));
        } else if (id.empty()) {
            m_diagnostics.add(core::json_pointer_append(pointer, "id"), "missing required member \"id\"");
        }

        ObjectEntry entry;
        if (type == "attack-pattern") {
            entry = {ObjectKind::AttackPattern, m_drafts.size()};
            m_drafts.push_back(read_attack_pattern(object, pointer));
        } else if (type == "course-of-action") {
            entry = {ObjectKind::CourseOfAction, m_mitigations.size()};
            m_mitigations.push_back(plain_text(m_diagnostics.string_member(object, "description", pointer, false)));
        } else if (type == "relationship") {
            read_relationship(object, pointer);
        }
        if (id.empty()) return;
        if (const auto [it, inserted] = m_objects.try_emplace(id, entry); !inserted) {
            m_diagnostics.add(core::json_pointer_append(pointer, "id"), fmt::format("duplicate STIX id '{}'", id));
        }
    }

    PatternDraft read_attack_pattern(const boost::json::object& object, const std::string& pointer) {
        PatternDraft draft;
        draft.pointer = pointer;
        auto& pattern = draft.pattern;
        pattern.name = core::collapse_whitespace(m_diagnostics.string_member(object, "name", pointer, true));
        if (pattern.name.empty() && object.contains("name")) {
            m_diagnostics.add(core::json_pointer_append(pointer, "name"), "the attack pattern's name is empty");
        }
        pattern.description = plain_text(m_diagnostics.string_member(object, "description", pointer, false));
        pattern.abstraction =
            std::string(core::trim(m_diagnostics.string_member(object, "x_capec_abstraction", pointer, false)));
        pattern.status = std::string(core::trim(m_diagnostics.string_member(object, "x_capec_status", pointer, false)));
        pattern.likelihood = std::string(
            core::trim(m_diagnostics.string_member(object, "x_capec_likelihood_of_attack", pointer, false)));
        pattern.typical_severity =
            std::string(core::trim(m_diagnostics.string_member(object, "x_capec_typical_severity", pointer, false)));
        for (const auto& prerequisite : m_diagnostics.string_array_member(object, "x_capec_prerequisites", pointer)) {
            auto text = plain_text(prerequisite);
            if (!text.empty()) pattern.prerequisites.push_back(std::move(text));
        }
        draft.capec_version =
            std::string(core::trim(m_diagnostics.string_member(object, "x_capec_version", pointer, false)));

        read_external_references(object, pointer, draft);
        if (!draft.has_capec_id) {
            m_diagnostics.add(core::json_pointer_append(pointer, "external_references"),
                              "the attack pattern has no CAPEC id (an external reference with source_name \"capec\" "
                              "and external_id \"CAPEC-<number>\")");
        }

        read_refs(object, CHILD_OF_REFS, pointer, draft.child_of);
        read_refs(object, PARENT_OF_REFS, pointer, draft.parent_of);
        for (const auto key : OTHER_PATTERN_REFS) read_refs(object, key, pointer, draft.other_refs);
        return draft;
    }

    void read_external_references(const boost::json::object& object, const std::string& pointer, PatternDraft& draft) {
        const auto* references = object.if_contains("external_references");
        if (references == nullptr) return;
        const auto references_pointer = core::json_pointer_append(pointer, "external_references");
        if (!references->is_array()) {
            m_diagnostics.add(references_pointer, fmt::format("expected an array of external references, found {}",
                                                              json_kind_name(*references)));
            return;
        }
        const auto& array = references->get_array();
        for (size_t i = 0; i < array.size(); ++i) {
            const auto reference_pointer = core::json_pointer_append(references_pointer, i);
            if (!array[i].is_object()) {
                m_diagnostics.add(reference_pointer, fmt::format("expected an external reference object, found {}",
                                                                 json_kind_name(array[i])));
                continue;
            }
            const auto& reference = array[i].get_object();
            const auto source = m_diagnostics.string_member(reference, "source_name", reference_pointer, true);
            if (source != "capec" && source != "cwe") continue;
            const auto external_id = m_diagnostics.string_member(reference, "external_id", reference_pointer, true);
            const auto id_pointer = core::json_pointer_append(reference_pointer, "external_id");
            if (external_id.empty()) continue;
            const auto trimmed = core::trim(external_id);
            if (source == "cwe") {
                if (const auto cwe = prefixed_number(trimmed, "CWE-")) {
                    draft.pattern.cwes.push_back(*cwe);
                } else {
                    m_diagnostics.add(id_pointer,
                                      fmt::format("unknown CWE reference '{}'; expected CWE-<number>", external_id));
                }
                continue;
            }
            const auto capec = prefixed_number(trimmed, "CAPEC-");
            if (!capec) {
                m_diagnostics.add(id_pointer,
                                  fmt::format("unknown CAPEC id '{}'; expected CAPEC-<number>", external_id));
            } else if (draft.has_capec_id) {
                m_diagnostics.add(id_pointer, fmt::format("a second CAPEC id '{}' for the attack pattern CAPEC-{}",
                                                          external_id, draft.pattern.id));
            } else {
                draft.pattern.id = *capec;
            }
            draft.has_capec_id = true;
        }
        // MITRE lists a few CWEs twice for one pattern (CAPEC-545 cites
        // CWE-1258 twice); a link is a link, so keep each once.
        sort_unique(draft.pattern.cwes);
    }

    void read_refs(const boost::json::object& object, std::string_view key, const std::string& pointer,
                   std::vector<PatternRef>& out) {
        if (!object.contains(key)) return;
        const auto member_pointer = core::json_pointer_append(pointer, key);
        const auto refs = m_diagnostics.string_array_member(object, key, pointer);
        for (size_t i = 0; i < refs.size(); ++i) {
            out.push_back({refs[i], core::json_pointer_append(member_pointer, i)});
        }
    }

    void read_relationship(const boost::json::object& object, const std::string& pointer) {
        const auto type = m_diagnostics.string_member(object, "relationship_type", pointer, true);
        // CAPEC 3.9 states only `mitigates`; other relationship types (which
        // a newer bundle might add) carry nothing the model holds.
        if (type != "mitigates") return;
        Relationship relationship;
        relationship.pointer = pointer;
        const auto* source = object.if_contains("source_ref");
        const auto* target = object.if_contains("target_ref");
        if (source == nullptr || !source->is_string()) {
            m_diagnostics.add(core::json_pointer_append(pointer, "source_ref"),
                              "a mitigates relationship needs a source_ref (the course-of-action)");
            return;
        }
        if (target == nullptr || !target->is_string()) {
            m_diagnostics.add(core::json_pointer_append(pointer, "target_ref"),
                              "a mitigates relationship needs a target_ref (the attack-pattern)");
            return;
        }
        relationship.source = source->get_string();
        relationship.target = target->get_string();
        m_relationships.push_back(std::move(relationship));
    }

    // The CAPEC number of the attack pattern a STIX id names, or a
    // diagnostic at the reference.
    std::optional<int> resolve(const PatternRef& ref) {
        const auto it = m_objects.find(ref.stix_id);
        if (it == m_objects.end() || it->second.kind != ObjectKind::AttackPattern) {
            m_diagnostics.add(
                ref.pointer,
                fmt::format("dangling reference '{}': the bundle holds no attack pattern with this id", ref.stix_id));
            return std::nullopt;
        }
        const auto& target = m_drafts[it->second.index];
        if (!target.has_capec_id) return std::nullopt;  // already reported at the target
        return target.pattern.id;
    }

    void resolve_pattern_refs() {
        for (auto& draft : m_drafts) {
            for (const auto& ref : draft.child_of) {
                if (const auto id = resolve(ref)) draft.pattern.parents.push_back(*id);
            }
            for (const auto& ref : draft.parent_of) {
                if (const auto id = resolve(ref)) draft.pattern.children.push_back(*id);
            }
            for (const auto& ref : draft.other_refs) (void)resolve(ref);
            sort_unique(draft.pattern.parents);
            sort_unique(draft.pattern.children);
        }
    }

    void attach_mitigations() {
        for (const auto& relationship : m_relationships) {
            const auto source = m_objects.find(relationship.source);
            const auto target = m_objects.find(relationship.target);
            bool ok = true;
            if (source == m_objects.end() || source->second.kind != ObjectKind::CourseOfAction) {
                m_diagnostics.add(core::json_pointer_append(relationship.pointer, "source_ref"),
                                  fmt::format("dangling reference '{}': the bundle holds no course-of-action with "
                                              "this id",
                                              relationship.source));
                ok = false;
            }
            if (target == m_objects.end() || target->second.kind != ObjectKind::AttackPattern) {
                m_diagnostics.add(core::json_pointer_append(relationship.pointer, "target_ref"),
                                  fmt::format("dangling reference '{}': the bundle holds no attack pattern with this "
                                              "id",
                                              relationship.target));
                ok = false;
            }
            if (!ok) continue;
            const auto& text = m_mitigations[source->second.index];
            if (!text.empty()) m_drafts[target->second.index].pattern.mitigations.push_back(text);
        }
    }

    // Every attack pattern states the CAPEC release it belongs to; a bundle
    // that mixes releases is not one catalog version.
    std::string settle_version() {
        std::string version;
        for (const auto& draft : m_drafts) {
            if (draft.capec_version.empty()) continue;
            if (version.empty()) {
                version = draft.capec_version;
            } else if (draft.capec_version != version) {
                m_diagnostics.add(core::json_pointer_append(draft.pointer, "x_capec_version"),
                                  fmt::format("x_capec_version \"{}\" differs from \"{}\" stated by the bundle's "
                                              "first attack pattern; a bundle holds one CAPEC release",
                                              draft.capec_version, version));
            }
        }
        return version;
    }

    void check_duplicate_capec_ids() {
        std::unordered_map<int, const PatternDraft*> seen;
        for (const auto& draft : m_drafts) {
            if (!draft.has_capec_id || draft.pattern.id == 0) continue;
            const auto [it, inserted] = seen.try_emplace(draft.pattern.id, &draft);
            if (!inserted) {
                m_diagnostics.add(core::json_pointer_append(draft.pointer, "external_references"),
                                  fmt::format("duplicate attack pattern CAPEC-{}; first defined at {}",
                                              draft.pattern.id, it->second->pointer));
            }
        }
    }

    JsonDiagnostics m_diagnostics;
    std::vector<PatternDraft> m_drafts;
    std::vector<std::string> m_mitigations;
    std::vector<Relationship> m_relationships;
    std::unordered_map<std::string_view, ObjectEntry> m_objects;
};

}  // namespace

core::Result<model::CapecCatalog> parse_capec_stix(std::string_view text, std::string_view file) {
    try {
        const auto root = RAMPART_TRY(read_json(text, file));
        StixReader reader(file);
        return reader.read(root);
    } catch (const std::exception& error) {
        // Boost.JSON and the standard library throw only on exhausted memory
        // here; the caller still gets a value, never an exception.
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading {} failed: {}", file, WHAT, error.what()));
    }
}

}  // namespace rampart::catalog
