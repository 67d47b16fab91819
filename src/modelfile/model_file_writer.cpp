#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cmath>

#include "modelfile/model_file.h"

namespace rampart::modelfile {
namespace {

/// The shortest text that reads back as the same double ("120", "1.5").
/// A model can only hold a non-finite number when code put it there (the
/// reader refuses them); it is written as 0 because neither syntax has a
/// portable spelling for it.
std::string hours_text(double hours) { return fmt::format("{}", std::isfinite(hours) ? hours : 0.0); }

std::string item_key(const model::ThreatModelItem& item) {
    return item.key.empty() ? derive_item_key(item.name) : item.key;
}

std::string pattern_reference(int id) { return fmt::format("CAPEC-{}", id); }

// ---------------------------------------------------------------- YAML

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    // Short lists read best on one line: `tags: [pci, external]`. yaml-cpp
    // quotes any entry that would not survive flow style (commas, brackets).
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& value : values) out << value;
    out << YAML::EndSeq;
}

void emit_text(YAML::Emitter& out, const char* key, const std::string& value) {
    if (value.empty()) return;
    out << YAML::Key << key << YAML::Value << value;
}

std::string write_yaml(const model::ThreatModel& model) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment("Rampart threat model (docs/model-file.md)") << YAML::Newline;
    out << YAML::BeginMap;
    out << YAML::Key << "rampart" << YAML::Value << FORMAT_VERSION;

    out << YAML::Key << "project" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << model.name;
    emit_text(out, "goal", model.goal);
    emit_text(out, "scope", model.scope);
    emit_text(out, "limitation", model.limitation);
    if (model.estimated_hours != 0) {
        out << YAML::Key << "estimated_hours" << YAML::Value << hours_text(model.estimated_hours);
    }
    emit_list(out, "tags", model.tags);
    emit_list(out, "team", model.team);
    emit_list(out, "assets", model.assets);
    // The version is quoted so that "5.0" stays text for readers that type
    // plain scalars by the YAML core schema.
    out << YAML::Key << "asvs" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << model.asvs_version;
    out << YAML::Key << "level" << YAML::Value << model.asvs_level;
    out << YAML::EndMap;
    out << YAML::Key << "follow_cwe_hierarchy" << YAML::Value << YAML::TrueFalseBool << model.follow_cwe_hierarchy;
    out << YAML::EndMap;

    out << YAML::Key << "items" << YAML::Value;
    if (model.items.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    } else {
        out << YAML::BeginSeq;
        for (const auto& item : model.items) {
            out << YAML::BeginMap;
            out << YAML::Key << "key" << YAML::Value << item_key(item);
            out << YAML::Key << "kind" << YAML::Value << std::string(model::to_string(item.kind));
            out << YAML::Key << "name" << YAML::Value << item.name;
            emit_text(out, "description", item.description);
            if (!item.attack_patterns.empty()) {
                out << YAML::Key << "attack_patterns" << YAML::Value << YAML::Flow << YAML::BeginSeq;
                for (const int id : item.attack_patterns) out << pattern_reference(id);
                out << YAML::EndSeq;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

// ---------------------------------------------------------------- JSON

/// Pretty-prints with two-space indentation, the way people write model
/// files by hand; Boost.JSON serializes on one line, and writes doubles in
/// exponent form ("1.2E2"), so only strings are left to it.
class JsonWriter {
public:
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void key(std::string_view name) {
        separate();
        m_out += boost::json::serialize(boost::json::value(name));
        m_out += ": ";
        m_after_key = true;
    }
    void string(std::string_view text) { scalar(boost::json::serialize(boost::json::value(text))); }
    /// A number already formatted as JSON (RFC 8259 §6).
    void number(const std::string& text) { scalar(text); }
    void boolean(bool value) { scalar(value ? "true" : "false"); }

    void text_member(std::string_view name, const std::string& value) {
        if (value.empty()) return;
        key(name);
        string(value);
    }
    /// A list of strings on one line, as short lists read best:
    /// `"tags": ["pci", "external"]`.
    void list_member(std::string_view name, const std::vector<std::string>& values) {
        if (values.empty()) return;
        key(name);
        std::string line = "[";
        for (const auto& value : values) {
            if (line.size() > 1) line += ", ";
            line += boost::json::serialize(boost::json::value(value));
        }
        scalar(line + "]");
    }

    [[nodiscard]] std::string finish() && { return std::move(m_out) + "\n"; }

private:
    void separate() {
        if (m_after_key) {
            m_after_key = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back()) m_out += ',';
            m_first.back() = false;
            m_out += '\n';
            m_out.append(m_first.size() * 2, ' ');
        }
    }
    void scalar(const std::string& text) {
        separate();
        m_out += text;
    }
    void open(char bracket) {
        separate();
        m_out += bracket;
        m_first.push_back(true);
    }
    void close(char bracket) {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty) {
            m_out += '\n';
            m_out.append(m_first.size() * 2, ' ');
        }
        m_out += bracket;
    }

    std::string m_out;
    std::vector<bool> m_first;  ///< per open bracket: nothing written inside yet
    bool m_after_key = false;
};

std::string write_json(const model::ThreatModel& model) {
    JsonWriter out;
    out.begin_object();
    out.key("rampart");
    out.number(fmt::format("{}", FORMAT_VERSION));

    out.key("project");
    out.begin_object();
    out.key("name");
    out.string(model.name);
    out.text_member("goal", model.goal);
    out.text_member("scope", model.scope);
    out.text_member("limitation", model.limitation);
    if (model.estimated_hours != 0) {
        out.key("estimated_hours");
        out.number(hours_text(model.estimated_hours));
    }
    out.list_member("tags", model.tags);
    out.list_member("team", model.team);
    out.list_member("assets", model.assets);
    out.key("asvs");
    out.begin_object();
    out.key("version");
    out.string(model.asvs_version);
    out.key("level");
    out.number(fmt::format("{}", model.asvs_level));
    out.end_object();
    out.key("follow_cwe_hierarchy");
    out.boolean(model.follow_cwe_hierarchy);
    out.end_object();

    out.key("items");
    out.begin_array();
    for (const auto& item : model.items) {
        out.begin_object();
        out.key("key");
        out.string(item_key(item));
        out.key("kind");
        out.string(model::to_string(item.kind));
        out.key("name");
        out.string(item.name);
        out.text_member("description", item.description);
        std::vector<std::string> references;
        for (const int id : item.attack_patterns) references.push_back(pattern_reference(id));
        out.list_member("attack_patterns", references);
        out.end_object();
    }
    out.end_array();
    out.end_object();
    return std::move(out).finish();
}

}  // namespace

std::string write_model_file(const model::ThreatModel& model, Format format) {
    return format == Format::Json ? write_json(model) : write_yaml(model);
}

}  // namespace rampart::modelfile
