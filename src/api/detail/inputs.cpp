#include "api/detail/inputs.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "core/text.h"

namespace rampart::api::detail {
namespace {

std::optional<int64_t> as_int(const boost::json::value& value) {
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64() && value.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return static_cast<int64_t>(value.get_uint64());
    }
    return std::nullopt;
}

std::vector<int> ints_of(const boost::json::object& input, std::string_view key) {
    std::vector<int> out;
    const auto* value = input.if_contains(key);
    if (value == nullptr || !value->is_array()) return out;
    for (const auto& item : value->get_array()) {
        if (const auto number = as_int(item)) out.push_back(static_cast<int>(*number));
    }
    return out;
}

}  // namespace

core::Error bad_input(std::string message) {
    return core::Error::make(core::ErrorCode::InvalidArgument, std::move(message));
}

std::string enum_value(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string enum_lower(std::string_view value) { return core::to_lower(value); }

core::Result<int64_t> parse_id(const boost::json::value* value, std::string_view what) {
    if (value != nullptr) {
        if (const auto number = as_int(*value); number && *number > 0) return *number;
        if (value->is_string()) {
            const std::string_view text = value->get_string();
            int64_t id = 0;
            bool digits = !text.empty() && text.size() <= 18;
            for (const char c : text) {
                if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
                    digits = false;
                    break;
                }
                id = id * 10 + (c - '0');
            }
            if (digits && id > 0) return id;
            return bad_input(fmt::format("'{}' is no {} id", text, what));
        }
    }
    return bad_input(fmt::format("a {} id is required", what));
}

std::optional<std::string> get_string(const boost::json::object& input, std::string_view key) {
    const auto* value = input.if_contains(key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return std::string(value->get_string());
}

std::optional<int64_t> get_int(const boost::json::object& input, std::string_view key) {
    const auto* value = input.if_contains(key);
    if (value == nullptr) return std::nullopt;
    return as_int(*value);
}

std::optional<double> get_number(const boost::json::object& input, std::string_view key) {
    const auto* value = input.if_contains(key);
    if (value == nullptr) return std::nullopt;
    if (value->is_double()) return value->get_double();
    if (const auto number = as_int(*value)) return static_cast<double>(*number);
    return std::nullopt;
}

std::optional<bool> get_bool(const boost::json::object& input, std::string_view key) {
    const auto* value = input.if_contains(key);
    if (value == nullptr || !value->is_bool()) return std::nullopt;
    return value->get_bool();
}

std::optional<std::vector<std::string>> get_strings(const boost::json::object& input, std::string_view key) {
    const auto* value = input.if_contains(key);
    if (value == nullptr || !value->is_array()) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : value->get_array()) {
        if (item.is_string()) out.emplace_back(item.get_string());
    }
    return out;
}

const boost::json::object& get_object(const boost::json::object& input, std::string_view key) {
    static const boost::json::object EMPTY;
    const auto* value = input.if_contains(key);
    return value != nullptr && value->is_object() ? value->get_object() : EMPTY;
}

core::Result<model::Role> role_from(std::string_view value) {
    if (const auto role = model::role_from_string(enum_lower(value))) return *role;
    return bad_input(fmt::format("unknown role {}", value));
}

core::Result<model::ProjectStatus> project_status_from(std::string_view value) {
    if (const auto status = model::project_status_from_string(value)) return *status;
    return bad_input(fmt::format("unknown project status {}", value));
}

core::Result<model::RequirementStatus> requirement_status_from(std::string_view value) {
    if (const auto status = model::requirement_status_from_string(value)) return *status;
    return bad_input(fmt::format("unknown requirement status {}", value));
}

core::Result<model::ItemKind> item_kind_from(std::string_view value) {
    if (const auto kind = model::item_kind_from_string(enum_lower(value))) return *kind;
    return bad_input(fmt::format("unknown item kind {}", value));
}

core::Result<model::ThreatModel> threat_model_from(const boost::json::object& input) {
    model::ThreatModel model;
    model.name = get_string(input, "name").value_or("");
    model.goal = get_string(input, "goal").value_or("");
    model.scope = get_string(input, "scope").value_or("");
    model.limitation = get_string(input, "limitation").value_or("");
    model.estimated_hours = get_number(input, "estimatedHours").value_or(0);
    model.tags = get_strings(input, "tags").value_or(std::vector<std::string>{});
    model.team = get_strings(input, "team").value_or(std::vector<std::string>{});
    model.assets = get_strings(input, "assets").value_or(std::vector<std::string>{});
    model.asvs_version = get_string(input, "asvsVersion").value_or(model.asvs_version);
    model.asvs_level = static_cast<int>(get_int(input, "asvsLevel").value_or(model.asvs_level));
    model.follow_cwe_hierarchy = get_bool(input, "followCweHierarchy").value_or(false);
    if (const auto* items = input.if_contains("items"); items != nullptr && items->is_array()) {
        for (const auto& value : items->get_array()) {
            if (!value.is_object()) continue;
            const auto& item = value.get_object();
            model::ThreatModelItem out;
            out.key = get_string(item, "key").value_or("");
            out.kind = RAMPART_TRY(item_kind_from(get_string(item, "kind").value_or("")));
            out.name = get_string(item, "name").value_or("");
            out.description = get_string(item, "description").value_or("");
            out.attack_patterns = ints_of(item, "attackPatterns");
            model.items.push_back(std::move(out));
        }
    }
    return model;
}

std::vector<engine::RequirementKey> requirement_keys_from(const boost::json::value* value) {
    std::vector<engine::RequirementKey> keys;
    if (value == nullptr || !value->is_array()) return keys;
    for (const auto& item : value->get_array()) {
        if (!item.is_object()) continue;
        keys.push_back({get_string(item.get_object(), "itemKey").value_or(""),
                        get_string(item.get_object(), "asvsId").value_or("")});
    }
    return keys;
}

core::Result<storage::ProjectFilter> project_filter_from(const boost::json::object& input) {
    storage::ProjectFilter filter;
    if (const auto status = get_string(input, "status")) filter.status = RAMPART_TRY(project_status_from(*status));
    filter.tag = get_string(input, "tag");
    filter.name_contains = get_string(input, "nameContains");
    if (const auto* asset = input.if_contains("assetId"); asset != nullptr && !asset->is_null()) {
        filter.asset_id = RAMPART_TRY(parse_id(asset, "asset"));
    }
    return filter;
}

core::Result<storage::RequirementFilter> requirement_filter_from(const boost::json::object& input) {
    storage::RequirementFilter filter;
    if (const auto status = get_string(input, "status")) {
        filter.status = RAMPART_TRY(requirement_status_from(*status));
    }
    filter.item_key = get_string(input, "itemKey");
    if (const auto level = get_int(input, "level")) {
        if (*level < 1 || *level > 3) return bad_input("the level must be 1, 2 or 3");
        filter.level = static_cast<int>(*level);
    }
    filter.chapter_id = get_string(input, "chapterId");
    return filter;
}

app::CatalogSelection selection_from(const boost::json::object& input) {
    app::CatalogSelection selection;
    selection.asvs = get_string(input, "asvs");
    selection.capec = get_string(input, "capec");
    selection.cwe = get_string(input, "cwe");
    return selection;
}

core::Result<app::EvidenceUpload> read_upload(const Call& call, const boost::json::value* value,
                                              std::string_view what) {
    // GraphQL multipart request spec: the transport puts the key of each
    // uploaded file where the variables held null.
    if (value == nullptr || !value->is_string()) return bad_input(fmt::format("{}: no file was uploaded", what));
    const auto* upload = call.context().upload(value->get_string());
    if (upload == nullptr) {
        return bad_input(fmt::format("{}: no uploaded file '{}'", what, std::string_view(value->get_string())));
    }
    std::ifstream in(upload->path, std::ios::binary);
    if (!in) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("{}: the uploaded file {} cannot be read", what, upload->file_name));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("{}: the uploaded file {} cannot be read", what, upload->file_name));
    }
    return app::EvidenceUpload{upload->file_name, std::move(content).str()};
}

}  // namespace rampart::api::detail
