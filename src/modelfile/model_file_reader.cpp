#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <span>

#include "core/text.h"
#include "modelfile/detail/document.h"
#include "modelfile/detail/suggest.h"
#include "modelfile/model_file.h"

namespace rampart::modelfile {
namespace {

using detail::Node;
using detail::Syntax;

constexpr std::array<std::string_view, 3> TOP_KEYS = {"rampart", "project", "items"};
constexpr std::array<std::string_view, 10> PROJECT_KEYS = {
    "name", "goal", "scope", "limitation", "estimated_hours", "tags", "team", "assets", "asvs", "follow_cwe_hierarchy"};
constexpr std::array<std::string_view, 2> ASVS_KEYS = {"version", "level"};
constexpr std::array<std::string_view, 5> ITEM_KEYS = {"key", "kind", "name", "description", "attack_patterns"};

std::string join(std::span<const std::string_view> words) {
    std::string out;
    for (const auto word : words) {
        if (!out.empty()) out += ", ";
        out += word;
    }
    return out;
}

const std::vector<std::string_view>& item_kind_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto kind : model::all_item_kinds()) out.push_back(model::to_string(kind));
        return out;
    }();
    return names;
}

bool is_blank(std::string_view text) { return core::trim(text).empty(); }

/// A value as quoted in a message: a long text (a description where a
/// number was expected) is cut, on a character boundary, after 40 bytes.
std::string excerpt(std::string_view text) {
    constexpr size_t LIMIT = 40;
    if (text.size() <= LIMIT) return std::string(text);
    size_t end = LIMIT;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "…";
}

/// A mapping's members by key, after the keys were checked.
class Members {
public:
    void add(std::string_view key, const Node::Member* member) { m_by_key.emplace(key, member); }
    /// The value of `key`, or nullptr when the mapping does not hold it.
    [[nodiscard]] const Node* value(std::string_view key) const {
        const auto found = m_by_key.find(key);
        return found == m_by_key.end() ? nullptr : &found->second->second;
    }
    /// The key node of `key`, or nullptr.
    [[nodiscard]] const Node* key(std::string_view key) const {
        const auto found = m_by_key.find(key);
        return found == m_by_key.end() ? nullptr : &found->second->first;
    }

private:
    std::map<std::string_view, const Node::Member*> m_by_key;
};

/// Turns a document into a ThreatModel, collecting every problem instead of
/// stopping at the first, so a user fixes the whole file in one go.
class ModelReader {
public:
    explicit ModelReader(Syntax syntax) : m_syntax(syntax) {}

    [[nodiscard]] ParsedModelFile read(const Node& root) {
        ParsedModelFile parsed;
        if (root.kind != Node::Kind::Mapping) {
            if (root.kind == Node::Kind::Null) {
                add(root, "the file is empty; a model file is a mapping that starts with `rampart: 1`");
            } else {
                add(root, fmt::format("a model file is a mapping with `rampart`, `project` and `items`; found {}",
                                      found(root)));
            }
            return parsed;
        }
        const auto top = members(root, TOP_KEYS, "at the top level", "project", PROJECT_KEYS);
        // A file of another format version would only produce noise when read
        // with this version's rules, so that problem is reported alone.
        if (!read_version(root, top)) return parsed;

        if (const auto* project = top.value("project"); project != nullptr && project->kind != Node::Kind::Null) {
            read_project(*project, *top.key("project"), parsed.model);
        } else {
            add(top.key("project") != nullptr ? *top.key("project") : root,
                "missing `project`; it needs at least a `name`");
        }
        if (const auto* items = top.value("items")) read_items(*items, parsed);
        return parsed;
    }

    [[nodiscard]] std::vector<core::Diagnostic> take_diagnostics() { return std::move(m_diagnostics); }

private:
    void add(const Node& at, std::string message) { m_diagnostics.push_back({at.where, std::move(message)}); }

    /// How a node reads in a message.
    [[nodiscard]] std::string found(const Node& node) const {
        switch (node.kind) {
            case Node::Kind::Null: return "nothing";
            case Node::Kind::Sequence: return m_syntax == Syntax::Json ? "an array" : "a list";
            case Node::Kind::Mapping: return m_syntax == Syntax::Json ? "an object" : "a mapping";
            case Node::Kind::Scalar: break;
        }
        switch (node.scalar_type) {
            case Node::ScalarType::String: return fmt::format("the string '{}'", excerpt(node.text));
            case Node::ScalarType::Number: return fmt::format("the number {}", excerpt(node.text));
            case Node::ScalarType::Boolean: return node.text;
            case Node::ScalarType::Plain: break;
        }
        return fmt::format("'{}'", excerpt(node.text));
    }

    /// The members of a mapping, reporting keys that are not scalars, unknown
    /// keys (with the known key they most likely meant) and duplicate keys.
    /// `nested` names a mapping inside this one whose keys, written here by
    /// mistake, earn a hint that they belong there.
    Members members(const Node& mapping, std::span<const std::string_view> known, std::string_view context,
                    std::string_view nested = {}, std::span<const std::string_view> nested_keys = {}) {
        Members out;
        std::map<std::string_view, const Node*> seen;
        for (const auto& member : mapping.members) {
            const auto& key = member.first;
            if (key.kind != Node::Kind::Scalar) {
                add(key, fmt::format("expected a key name {}, found {}", context, found(key)));
                continue;
            }
            if (std::find(known.begin(), known.end(), key.text) == known.end()) {
                std::string message = fmt::format("unknown key '{}' {}", key.text, context);
                if (const auto guess = detail::closest_match(key.text, known)) {
                    message += fmt::format("; did you mean '{}'?", *guess);
                } else if (std::find(nested_keys.begin(), nested_keys.end(), key.text) != nested_keys.end()) {
                    message += fmt::format("; '{}' belongs under `{}`", key.text, nested);
                } else {
                    message += fmt::format("; the keys are {}", join(known));
                }
                add(key, std::move(message));
                continue;
            }
            const auto [previous, inserted] = seen.emplace(key.text, &key);
            if (!inserted) {
                add(key, fmt::format("duplicate key '{}' {} (first at line {})", key.text, context,
                                     previous->second->where.line));
                continue;
            }
            out.add(key.text, &member);
        }
        return out;
    }

    // ------------------------------------------------------ typed values

    /// Text; a YAML plain scalar counts as text as written (`name: 2024`).
    /// Nothing (`goal:`) reads as "".
    std::optional<std::string> text(const Node& value, std::string_view field) {
        if (value.kind == Node::Kind::Null) return std::string();
        if (value.kind == Node::Kind::Scalar &&
            (value.scalar_type == Node::ScalarType::Plain || value.scalar_type == Node::ScalarType::String)) {
            return value.text;
        }
        add(value, fmt::format("{}: expected text{}, found {}", field,
                               m_syntax == Syntax::Json && value.kind == Node::Kind::Scalar ? " (in quotes)" : "",
                               found(value)));
        return std::nullopt;
    }

    /// A scalar a number may be read from: a YAML plain scalar or a JSON
    /// number, never a quoted string.
    [[nodiscard]] static bool numeric_scalar(const Node& value) {
        return value.kind == Node::Kind::Scalar &&
               (value.scalar_type == Node::ScalarType::Plain || value.scalar_type == Node::ScalarType::Number);
    }

    std::optional<double> number(const Node& value, std::string_view field) {
        if (numeric_scalar(value)) {
            double number = 0;
            const auto* begin = value.text.data();
            const auto* end = begin + value.text.size();
            const auto [stop, error] = std::from_chars(begin, end, number);
            if (error == std::errc() && stop == end && std::isfinite(number)) return number;
        }
        add(value, fmt::format("{}: expected a number, found {}", field, found(value)));
        return std::nullopt;
    }

    std::optional<long long> whole_number(const Node& value, std::string_view field, std::string_view expected) {
        if (numeric_scalar(value)) {
            long long number = 0;
            const auto* begin = value.text.data();
            const auto* end = begin + value.text.size();
            const auto [stop, error] = std::from_chars(begin, end, number);
            if (error == std::errc() && stop == end) return number;
        }
        add(value, fmt::format("{}: expected {}, found {}", field, expected, found(value)));
        return std::nullopt;
    }

    /// true or false: a JSON boolean or one of YAML 1.2's core-schema
    /// spellings (§10.3.2); YAML 1.1's yes/no/on/off are refused because
    /// they read differently in different tools.
    std::optional<bool> boolean(const Node& value, std::string_view field) {
        if (value.kind == Node::Kind::Scalar && value.scalar_type == Node::ScalarType::Boolean) {
            return value.text == "true";
        }
        if (value.kind == Node::Kind::Scalar && value.scalar_type == Node::ScalarType::Plain) {
            if (value.text == "true" || value.text == "True" || value.text == "TRUE") return true;
            if (value.text == "false" || value.text == "False" || value.text == "FALSE") return false;
        }
        add(value, fmt::format("{}: expected true or false, found {}", field, found(value)));
        return std::nullopt;
    }

    /// A list of non-blank texts; nothing reads as an empty list. `check`
    /// answers a problem with an entry, or "" when it is fine.
    std::vector<std::string> text_list(const Node& value, std::string_view field,
                                       const std::function<std::string(std::string_view)>& check = {}) {
        std::vector<std::string> out;
        if (value.kind == Node::Kind::Null) return out;
        if (value.kind != Node::Kind::Sequence) {
            add(value, fmt::format("{}: expected a list of texts, found {}", field, found(value)));
            return out;
        }
        for (size_t i = 0; i < value.elements.size(); ++i) {
            const auto& element = value.elements[i];
            const auto element_field = fmt::format("{}[{}]", field, i);
            auto entry = text(element, element_field);
            if (!entry) continue;
            if (is_blank(*entry)) {
                add(element, fmt::format("{}: an entry is empty", element_field));
                continue;
            }
            if (check) {
                if (auto problem = check(*entry); !problem.empty()) {
                    add(element, fmt::format("{}: {}", element_field, problem));
                    continue;
                }
            }
            out.push_back(std::move(*entry));
        }
        return out;
    }

    // ------------------------------------------------------ the format

    /// Checks `rampart: 1`; false when the file is of another version.
    bool read_version(const Node& root, const Members& top) {
        const auto* version = top.value("rampart");
        if (version == nullptr || version->kind == Node::Kind::Null) {
            add(version != nullptr ? *version : root,
                fmt::format("missing `rampart: {}`, the format version of a model file", FORMAT_VERSION));
            return true;
        }
        const auto number = whole_number(*version, "rampart", fmt::format("the format version {}", FORMAT_VERSION));
        if (!number) return true;
        if (*number != FORMAT_VERSION) {
            m_diagnostics.clear();
            add(*version,
                fmt::format("unsupported format version {}; this Rampart reads version {}", *number, FORMAT_VERSION));
            return false;
        }
        return true;
    }

    /// `key` is the `project:` key, where a missing member is reported.
    void read_project(const Node& project, const Node& key, model::ThreatModel& model) {
        if (project.kind != Node::Kind::Mapping) {
            add(project, fmt::format("project: expected a mapping with at least a `name`, found {}", found(project)));
            return;
        }
        const auto fields = members(project, PROJECT_KEYS, "in `project`", "asvs", ASVS_KEYS);

        const auto* name = fields.value("name");
        if (name == nullptr) {
            add(key, "project: missing `name`; the project needs a name");
        } else if (auto value = text(*name, "project.name")) {
            if (is_blank(*value)) {
                add(*name, "project.name: the project needs a name");
            } else {
                model.name = std::move(*value);
            }
        }
        const auto optional_text = [&](std::string_view member, std::string& target) {
            if (const auto* value = fields.value(member)) {
                if (auto read = text(*value, fmt::format("project.{}", member))) target = std::move(*read);
            }
        };
        optional_text("goal", model.goal);
        optional_text("scope", model.scope);
        optional_text("limitation", model.limitation);

        if (const auto* hours = fields.value("estimated_hours"); hours != nullptr && hours->kind != Node::Kind::Null) {
            if (const auto value = number(*hours, "project.estimated_hours")) {
                if (*value < 0) {
                    add(*hours,
                        fmt::format("project.estimated_hours: {} is negative; expected 0 or more hours", hours->text));
                } else {
                    model.estimated_hours = *value;
                }
            }
        }
        if (const auto* tags = fields.value("tags")) model.tags = text_list(*tags, "project.tags");
        if (const auto* assets = fields.value("assets")) model.assets = text_list(*assets, "project.assets");
        if (const auto* team = fields.value("team")) {
            model.team = text_list(*team, "project.team", [](std::string_view entry) -> std::string {
                if (looks_like_email(entry)) return {};
                return fmt::format("'{}' is not an email address; the team lists its members' emails", entry);
            });
        }
        if (const auto* asvs = fields.value("asvs"); asvs != nullptr && asvs->kind != Node::Kind::Null) {
            read_asvs(*asvs, model);
        }
        if (const auto* follow = fields.value("follow_cwe_hierarchy");
            follow != nullptr && follow->kind != Node::Kind::Null) {
            if (const auto value = boolean(*follow, "project.follow_cwe_hierarchy"))
                model.follow_cwe_hierarchy = *value;
        }
    }

    [[nodiscard]] static bool looks_like_email(std::string_view text) {
        const auto at = text.find('@');
        return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
               text.find('@', at + 1) == std::string_view::npos &&
               text.find_first_of(" \t\r\n") == std::string_view::npos;
    }

    void read_asvs(const Node& asvs, model::ThreatModel& model) {
        if (asvs.kind != Node::Kind::Mapping) {
            add(asvs, fmt::format("project.asvs: expected a mapping such as {{ version: \"4.0.3\", level: 2 }}, "
                                  "found {}",
                                  found(asvs)));
            return;
        }
        const auto fields = members(asvs, ASVS_KEYS, "in `project.asvs`");
        if (const auto* version = fields.value("version"); version != nullptr && version->kind != Node::Kind::Null) {
            if (auto value = text(*version, "project.asvs.version")) {
                if (!is_version(*value)) {
                    add(*version,
                        fmt::format("project.asvs.version: '{}' is not an ASVS version such as 4.0.3", *value));
                } else {
                    model.asvs_version = std::move(*value);
                }
            }
        }
        if (const auto* level = fields.value("level"); level != nullptr && level->kind != Node::Kind::Null) {
            if (const auto value = whole_number(*level, "project.asvs.level", "the ASVS level 1, 2 or 3")) {
                if (*value < 1 || *value > 3) {
                    add(*level, fmt::format("project.asvs.level: ASVS has no level {}; expected 1, 2 or 3", *value));
                } else {
                    model.asvs_level = static_cast<int>(*value);
                }
            }
        }
    }

    /// Dotted numbers: "4.0.3", "5.0".
    [[nodiscard]] static bool is_version(std::string_view text) {
        const auto parts = core::split(text, '.');
        if (parts.size() < 2) return false;
        return std::all_of(parts.begin(), parts.end(), [](std::string_view part) {
            return !part.empty() && part.size() <= 4 &&
                   std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        });
    }

    void read_items(const Node& items, ParsedModelFile& parsed) {
        if (items.kind == Node::Kind::Null) return;
        if (items.kind != Node::Kind::Sequence) {
            add(items, fmt::format("items: expected a list of items, found {}", found(items)));
            return;
        }
        // Where each key was first used, for the duplicate message.
        std::map<std::string, const Node*> keys;
        for (size_t i = 0; i < items.elements.size(); ++i) {
            const auto& node = items.elements[i];
            const auto field = fmt::format("items[{}]", i);
            if (node.kind != Node::Kind::Mapping) {
                add(node, fmt::format("{}: expected an item (a mapping with `kind` and `name`), found {}", field,
                                      found(node)));
                continue;
            }
            auto item = read_item(node, field, parsed.model.items.size(), parsed.locations);
            if (!item) continue;
            const auto* key_node = item->key_node;
            if (!item->item.key.empty()) {
                const auto [previous, inserted] = keys.emplace(item->item.key, key_node);
                if (!inserted) {
                    add(*key_node,
                        fmt::format("{}: duplicate item key '{}'{}; the item at line {} has it too; keys must be "
                                    "unique{}",
                                    field, item->item.key, item->derived ? " (derived from the name)" : "",
                                    previous->second->where.line,
                                    item->derived ? ", so give one of them a `key`" : ""));
                }
            }
            parsed.locations.items.push_back(node.where);
            parsed.model.items.push_back(std::move(item->item));
        }
    }

    struct ReadItem {
        model::ThreatModelItem item;
        const Node* key_node = nullptr;  ///< where the key was written or derived from
        bool derived = false;
    };

    std::optional<ReadItem> read_item(const Node& node, const std::string& field, size_t index,
                                      ModelFileLocations& locations) {
        const auto before = m_diagnostics.size();
        const auto fields = members(node, ITEM_KEYS, fmt::format("in {}", field));
        ReadItem out;
        out.key_node = &node;

        if (const auto* kind = fields.value("kind"); kind == nullptr || kind->kind == Node::Kind::Null) {
            add(kind != nullptr ? *kind : node,
                fmt::format("{}: missing `kind`; the kinds are {}", field, join(item_kind_names())));
        } else if (const auto value = text(*kind, field + ".kind")) {
            if (const auto parsed_kind = model::item_kind_from_string(*value)) {
                out.item.kind = *parsed_kind;
            } else {
                std::string message = fmt::format("{}.kind: unknown item kind '{}'", field, *value);
                if (const auto guess = detail::closest_match(*value, item_kind_names())) {
                    message += fmt::format("; did you mean '{}'? The kinds are {}", *guess, join(item_kind_names()));
                } else {
                    message += fmt::format("; the kinds are {}", join(item_kind_names()));
                }
                add(*kind, std::move(message));
            }
        }

        const auto* name = fields.value("name");
        if (name == nullptr) {
            add(node, fmt::format("{}: missing `name`; every item needs a name", field));
        } else if (auto value = text(*name, field + ".name")) {
            if (is_blank(*value)) {
                add(*name, fmt::format("{}.name: every item needs a name", field));
            } else {
                out.item.name = std::move(*value);
            }
        }
        if (const auto* description = fields.value("description")) {
            if (auto value = text(*description, field + ".description")) out.item.description = std::move(*value);
        }

        if (const auto* key = fields.value("key"); key != nullptr && key->kind != Node::Kind::Null) {
            out.key_node = key;
            if (auto value = text(*key, field + ".key")) {
                if (!is_item_key(*value)) {
                    add(*key, fmt::format("{}.key: '{}' is not an item key; a key holds lower-case letters, digits, "
                                          "'-', '_' and '.', and starts with a letter or digit",
                                          field, *value));
                } else {
                    out.item.key = std::move(*value);
                }
            }
        } else if (name != nullptr && !out.item.name.empty()) {
            out.key_node = name;
            out.derived = true;
            out.item.key = derive_item_key(out.item.name);
            if (out.item.key.empty()) {
                add(*name, fmt::format("{}: no key can be derived from the name '{}' (it holds no ASCII letter or "
                                       "digit); set `key`",
                                       field, out.item.name));
            }
        }

        if (const auto* patterns = fields.value("attack_patterns")) {
            read_attack_patterns(*patterns, field + ".attack_patterns", index, out.item, locations);
        }
        if (m_diagnostics.size() != before) return std::nullopt;
        return out;
    }

    [[nodiscard]] static bool is_item_key(std::string_view key) {
        const auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
        if (key.empty() || !lower_or_digit(key.front())) return false;
        return std::all_of(key.begin(), key.end(),
                           [&](char c) { return lower_or_digit(c) || c == '-' || c == '_' || c == '.'; });
    }

    /// "CAPEC-66", "capec-66" or 66.
    [[nodiscard]] static std::optional<int> attack_pattern_id(const Node& element) {
        if (element.kind != Node::Kind::Scalar || element.scalar_type == Node::ScalarType::Boolean) {
            return std::nullopt;
        }
        auto text = core::trim(element.text);
        if (text.size() > 6 && core::to_lower(text.substr(0, 6)) == "capec-") text.remove_prefix(6);
        if (text.empty() || text.size() > 9 ||
            !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return std::nullopt;
        }
        const auto id = core::parse_int(text);
        if (!id || *id <= 0) return std::nullopt;
        return id;
    }

    void read_attack_patterns(const Node& patterns, const std::string& field, size_t item_index,
                              model::ThreatModelItem& item, ModelFileLocations& locations) {
        if (patterns.kind == Node::Kind::Null) return;
        if (patterns.kind != Node::Kind::Sequence) {
            add(patterns, fmt::format("{}: expected a list of attack patterns such as [CAPEC-66, CAPEC-62], found {}",
                                      field, found(patterns)));
            return;
        }
        std::map<int, const Node*> seen;
        for (size_t j = 0; j < patterns.elements.size(); ++j) {
            const auto& element = patterns.elements[j];
            const auto id = attack_pattern_id(element);
            if (!id) {
                add(element, fmt::format("{}[{}]: {} is not an attack pattern reference; write CAPEC-66 or 66", field,
                                         j, found(element)));
                continue;
            }
            const auto [previous, inserted] = seen.emplace(*id, &element);
            if (!inserted) {
                add(element, fmt::format("{}[{}]: CAPEC-{} is listed twice (first at line {})", field, j, *id,
                                         previous->second->where.line));
                continue;
            }
            locations.attack_patterns[{item_index, item.attack_patterns.size()}] = element.where;
            item.attack_patterns.push_back(*id);
        }
    }

    Syntax m_syntax;
    std::vector<core::Diagnostic> m_diagnostics;
};

}  // namespace

std::string derive_item_key(std::string_view name) {
    std::string key;
    bool separator = false;
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            separator = !key.empty();
            continue;
        }
        if (separator) key += '-';
        separator = false;
        key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return key;
}

core::Result<ParsedModelFile> read_model_file(std::string_view text, std::string_view file) {
    try {
        const auto document = RAMPART_TRY(detail::load_document(text, file));
        ModelReader reader(document.syntax);
        auto parsed = reader.read(document.root);
        auto diagnostics = reader.take_diagnostics();
        if (!diagnostics.empty()) {
            // In the order of the file, as a user fixes them top to bottom.
            std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
                return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
            });
            const auto count = diagnostics.size();
            return core::Error{core::ErrorCode::InvalidData,
                               fmt::format("{}: {} problem(s) in the model file", file, count), std::move(diagnostics)};
        }
        return parsed;
    } catch (const std::exception& error) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: reading the model file failed: {}", file, error.what()));
    }
}

core::Result<model::ThreatModel> parse_model_file(std::string_view text, std::string_view file) {
    auto parsed = RAMPART_TRY(read_model_file(text, file));
    return std::move(parsed.model);
}

core::Result<void> check_attack_patterns(const model::ThreatModel& model, const std::function<bool(int)>& is_known,
                                         std::string_view file, const ModelFileLocations& locations) {
    try {
        std::vector<core::Diagnostic> diagnostics;
        for (size_t i = 0; i < model.items.size(); ++i) {
            const auto& item = model.items[i];
            for (size_t j = 0; j < item.attack_patterns.size(); ++j) {
                const int id = item.attack_patterns[j];
                if (is_known(id)) continue;
                core::SourceLocation where;
                if (const auto found = locations.attack_patterns.find({i, j});
                    found != locations.attack_patterns.end()) {
                    where = found->second;
                } else {
                    where.file = std::string(file);
                    where.pointer = core::json_pointer_append(
                        core::json_pointer_append(core::json_pointer_append("/items", i), "attack_patterns"), j);
                }
                diagnostics.push_back({std::move(where), fmt::format("unknown attack pattern CAPEC-{} in item '{}'; "
                                                                     "the CAPEC catalog has no such pattern",
                                                                     id, item.key.empty() ? item.name : item.key)});
            }
        }
        if (diagnostics.empty()) return {};
        const auto count = diagnostics.size();
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("{}: {} unknown attack pattern(s) in the model file", file, count),
                           std::move(diagnostics)};
    } catch (const std::exception& error) {
        return core::Error::make(core::ErrorCode::Internal,
                                 fmt::format("{}: checking the attack patterns failed: {}", file, error.what()));
    }
}

}  // namespace rampart::modelfile
