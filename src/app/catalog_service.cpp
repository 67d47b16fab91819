#include "app/catalog_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/text.h"

namespace rampart::app {
namespace fs = std::filesystem;

namespace {

struct InputFile {
    std::string path;
    bool named = false;  ///< named on the command line (not found in a folder)
};

core::Result<std::vector<InputFile>> expand_paths(const std::vector<std::string>& paths) {
    std::vector<InputFile> files;
    std::vector<core::Diagnostic> missing;
    for (const auto& path : paths) {
        std::error_code error;
        const auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            missing.push_back({{path, 0, 0, {}}, "no such file or folder"});
            continue;
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
                const auto name = it->path().filename().string();
                if (!name.empty() && name.front() == '.') continue;
                if (it->is_regular_file(error)) found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            for (auto& file : found) files.push_back({std::move(file), false});
        } else {
            files.push_back({path, true});
        }
    }
    if (!missing.empty()) {
        return core::Error{core::ErrorCode::NotFound, fmt::format("{} path(s) not found", missing.size()),
                           std::move(missing)};
    }
    return files;
}

core::Result<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Error::make(core::ErrorCode::Io, fmt::format("{}: cannot be read", path));
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return core::Error::make(core::ErrorCode::Io, fmt::format("{}: read error", path));
    return out.str();
}

// An ASVS 4.0.2 flat JSON carries no section names; a field a file does not
// state agrees with whatever is held.
bool agrees(const model::AsvsRequirement& held, const model::AsvsRequirement& incoming) {
    const auto same_text = [](const std::string& a, const std::string& b) { return b.empty() || a == b; };
    return held.id == incoming.id && same_text(held.chapter_id, incoming.chapter_id) &&
           same_text(held.chapter_name, incoming.chapter_name) && same_text(held.section_id, incoming.section_id) &&
           same_text(held.section_name, incoming.section_name) && held.description == incoming.description &&
           held.levels == incoming.levels && held.cwes == incoming.cwes && same_text(held.nist, incoming.nist);
}

bool agrees(const model::AttackPattern& held, const model::AttackPattern& incoming) { return held == incoming; }
bool agrees(const model::Weakness& held, const model::Weakness& incoming) { return held == incoming; }

std::string key_of(const model::AsvsRequirement& entry) { return entry.id; }
std::string key_of(const model::AttackPattern& entry) { return fmt::format("CAPEC-{}", entry.id); }
std::string key_of(const model::Weakness& entry) { return fmt::format("CWE-{}", entry.id); }

/// Merges `incoming` entries into `held` by key. Differences are conflicts
/// unless `replace`; conflicts are collected as diagnostics against `file`.
template <typename Entry>
void merge_entries(std::vector<Entry>& held, const std::vector<Entry>& incoming, bool replace, const std::string& file,
                   const std::string& what, FileOutcome& outcome, std::vector<core::Diagnostic>& conflicts) {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < held.size(); ++i) index[key_of(held[i])] = i;
    for (const auto& entry : incoming) {
        const auto key = key_of(entry);
        const auto found = index.find(key);
        if (found == index.end()) {
            index[key] = held.size();
            held.push_back(entry);
            ++outcome.added;
            continue;
        }
        if (agrees(held[found->second], entry)) continue;
        if (!replace) {
            conflicts.push_back(
                {{file, 0, 0, {}},
                 fmt::format("{} differs from the one held in {}; pass --replace to overwrite it", key, what)});
            continue;
        }
        held[found->second] = entry;
        ++outcome.changed;
    }
}

template <typename Value>
void merge_map(std::map<std::string, Value>& held, const std::map<std::string, Value>& incoming, bool replace,
               const std::string& file, const std::string& what, FileOutcome& outcome,
               std::vector<core::Diagnostic>& conflicts) {
    for (const auto& [key, value] : incoming) {
        const auto [position, inserted] = held.emplace(key, value);
        if (inserted) {
            ++outcome.added;
        } else if (position->second != value) {
            if (!replace) {
                conflicts.push_back(
                    {{file, 0, 0, {}},
                     fmt::format("{} maps differently in {}; pass --replace to overwrite it", key, what)});
                continue;
            }
            position->second = value;
            ++outcome.changed;
        }
    }
}

// The working copy of one catalog version during an import.
struct Pending {
    bool loaded = false;
    bool existed = false;
    bool dirty = false;
    std::set<std::string> held_digests;
    std::vector<storage::CatalogFileRecord> new_files;
    model::AsvsRelease asvs;
    model::CapecCatalog capec;
    model::CweCatalog cwe;
};

std::string newest(const std::vector<storage::CatalogRecord>& records, model::CatalogKind kind) {
    std::string best;
    for (const auto& record : records) {
        if (record.kind == kind && (best.empty() || core::compare_versions(record.version, best) > 0)) {
            best = record.version;
        }
    }
    return best;
}

}  // namespace

std::string_view to_string(FileOutcome::Action action) {
    switch (action) {
        case FileOutcome::Action::Added: return "added";
        case FileOutcome::Action::Merged: return "merged";
        case FileOutcome::Action::Unchanged: return "unchanged";
        case FileOutcome::Action::Replaced: return "replaced";
    }
    return "unknown";
}

std::string CatalogRef::to_string() const {
    switch (kind) {
        case model::CatalogKind::Capec: return fmt::format("CAPEC-{}", number);
        case model::CatalogKind::Cwe: return fmt::format("CWE-{}", number);
        case model::CatalogKind::Asvs: return requirement;
    }
    return {};
}

core::Result<CatalogRef> parse_catalog_ref(std::string_view text) {
    static const std::regex capec(R"(^\s*capec[-\s_]?(\d+)\s*$)", std::regex::icase);
    static const std::regex cwe(R"(^\s*cwe[-\s_]?(\d+)\s*$)", std::regex::icase);
    static const std::regex asvs(R"(^\s*v?(\d+(?:\.\d+){1,2})\s*$)", std::regex::icase);
    std::match_results<std::string_view::const_iterator> match;
    if (std::regex_match(text.begin(), text.end(), match, capec)) {
        return CatalogRef{model::CatalogKind::Capec, std::stoi(match[1].str()), {}};
    }
    if (std::regex_match(text.begin(), text.end(), match, cwe)) {
        return CatalogRef{model::CatalogKind::Cwe, std::stoi(match[1].str()), {}};
    }
    if (std::regex_match(text.begin(), text.end(), match, asvs)) {
        return CatalogRef{model::CatalogKind::Asvs, 0, "V" + match[1].str()};
    }
    return core::Error::make(core::ErrorCode::InvalidArgument,
                             fmt::format("'{}' names no catalog entry; expected CAPEC-<n>, CWE-<n> or an ASVS id such "
                                         "as V5.3.4",
                                         text));
}

core::Result<ImportReport> CatalogService::import_paths(const std::vector<std::string>& paths,
                                                        const ImportOptions& options) {
    if (paths.empty()) return core::Error::make(core::ErrorCode::InvalidArgument, "no file or folder to import");
    const auto inputs = RAMPART_TRY(expand_paths(paths));

    ImportReport report;
    std::vector<catalog::ParsedCatalog> parsed;
    std::vector<std::string> parsed_names;
    std::vector<core::Diagnostic> problems;
    for (const auto& input : inputs) {
        auto bytes = read_whole_file(input.path);
        if (!bytes.ok()) {
            problems.push_back({{input.path, 0, 0, {}}, bytes.error().message});
            continue;
        }
        catalog::ParseRequest request{input.path, options.format, options.version};
        if (!input.named && !options.format) {
            // In a folder, files that are no catalog at all (READMEs,
            // licences) are passed over; broken catalogs are still errors.
            const auto text = core::strip_bom(bytes.value());
            if (!core::find_invalid_utf8(text) && !catalog::detect_format(text, input.path).ok()) {
                report.skipped_files.push_back(input.path);
                continue;
            }
        }
        auto result = catalog::parse_catalog(bytes.value(), request);
        if (!result.ok()) {
            auto error = std::move(result).error();
            if (error.diagnostics.empty()) {
                problems.push_back({{input.path, 0, 0, {}}, error.message});
            } else {
                for (auto& diagnostic : error.diagnostics) problems.push_back(std::move(diagnostic));
            }
            continue;
        }
        parsed.push_back(std::move(result).value());
        parsed_names.push_back(input.path);
    }
    if (!problems.empty()) {
        return core::Error{core::ErrorCode::InvalidData,
                           fmt::format("nothing was imported: {} problem(s) in the catalog files", problems.size()),
                           std::move(problems)};
    }
    if (parsed.empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "no catalog file found in the given paths");
    }

    std::map<std::pair<model::CatalogKind, std::string>, Pending> pending;
    std::vector<core::Diagnostic> conflicts;
    auto status = m_store.transaction([&]() -> core::Result<void> {
        for (size_t i = 0; i < parsed.size(); ++i) {
            auto& file = parsed[i];
            const auto kind = catalog::kind_of(file.format);
            auto& work = pending[{kind, file.version}];
            const auto what = fmt::format("{} {}", model::to_string(kind), file.version);
            if (!work.loaded) {
                const auto held = RAMPART_TRY(m_store.find_catalog(kind, file.version));
                work.existed = held.has_value();
                if (held) {
                    for (const auto& record : held->files) work.held_digests.insert(record.sha256);
                }
                switch (kind) {
                    case model::CatalogKind::Asvs: work.asvs = RAMPART_TRY(m_store.load_asvs(file.version)); break;
                    case model::CatalogKind::Capec: work.capec = RAMPART_TRY(m_store.load_capec(file.version)); break;
                    case model::CatalogKind::Cwe: work.cwe = RAMPART_TRY(m_store.load_cwe(file.version)); break;
                }
                work.loaded = true;
            }
            FileOutcome outcome;
            outcome.file = parsed_names[i];
            outcome.kind = kind;
            outcome.version = file.version;
            outcome.version_source = file.version_source;
            outcome.format = std::string(catalog::to_string(file.format));

            if (auto* asvs = std::get_if<model::AsvsCatalog>(&file.content)) {
                outcome.entries = static_cast<int>(asvs->requirements.size());
                outcome.skipped = asvs->deleted_rows_skipped;
                merge_entries(work.asvs.requirements, asvs->requirements, options.replace, outcome.file, what, outcome,
                              conflicts);
            } else if (auto* cwe_map = std::get_if<model::AsvsCweMapping>(&file.content)) {
                outcome.entries = static_cast<int>(cwe_map->cwe_by_id.size());
                merge_map(work.asvs.scheme_cwes, cwe_map->cwe_by_id, options.replace, outcome.file, what, outcome,
                          conflicts);
            } else if (auto* id_map = std::get_if<model::AsvsIdMapping>(&file.content)) {
                outcome.entries = static_cast<int>(id_map->target_by_id.size());
                merge_map(work.asvs.scheme_ids, id_map->target_by_id, options.replace, outcome.file, what, outcome,
                          conflicts);
            } else if (auto* capec = std::get_if<model::CapecCatalog>(&file.content)) {
                outcome.entries = static_cast<int>(capec->patterns.size());
                merge_entries(work.capec.patterns, capec->patterns, options.replace, outcome.file, what, outcome,
                              conflicts);
            } else if (auto* cwe = std::get_if<model::CweCatalog>(&file.content)) {
                outcome.entries = static_cast<int>(cwe->weaknesses.size());
                merge_entries(work.cwe.weaknesses, cwe->weaknesses, options.replace, outcome.file, what, outcome,
                              conflicts);
            }
            const bool new_file = work.held_digests.insert(file.sha256).second;
            if (new_file) {
                work.new_files.push_back(
                    {outcome.file, outcome.format, file.sha256, outcome.entries, outcome.skipped, {}});
            }
            if (!work.existed && outcome.added > 0 && !work.dirty) {
                outcome.action = FileOutcome::Action::Added;
            } else if (outcome.changed > 0) {
                outcome.action = FileOutcome::Action::Replaced;
            } else if (outcome.added > 0) {
                outcome.action = FileOutcome::Action::Merged;
            } else {
                outcome.action = FileOutcome::Action::Unchanged;
            }
            work.dirty = work.dirty || new_file || outcome.added > 0 || outcome.changed > 0;
            report.files.push_back(std::move(outcome));
        }
        if (!conflicts.empty()) {
            return core::Error{core::ErrorCode::Conflict,
                               fmt::format("nothing was imported: {} entr{} differ from the catalogs held",
                                           conflicts.size(), conflicts.size() == 1 ? "y" : "ies"),
                               conflicts};
        }
        for (auto& [key, work] : pending) {
            if (!work.dirty) continue;
            switch (key.first) {
                case model::CatalogKind::Asvs:
                    work.asvs.version = key.second;
                    RAMPART_TRY(m_store.store_asvs(work.asvs, work.new_files));
                    break;
                case model::CatalogKind::Capec:
                    work.capec.version = key.second;
                    RAMPART_TRY(m_store.store_capec(work.capec, work.new_files));
                    break;
                case model::CatalogKind::Cwe:
                    work.cwe.version = key.second;
                    RAMPART_TRY(m_store.store_cwe(work.cwe, work.new_files));
                    break;
            }
        }
        return {};
    });
    if (!status.ok()) return std::move(status).error();

    // Cross-catalog remark: CWE ids that the requirements or patterns name
    // but that no held CWE version describes (ASVS 4.0.x names CWE
    // categories, which MITRE's CSV views do not contain).
    const auto records = RAMPART_TRY(m_store.list_catalogs());
    const auto cwe_version = newest(records, model::CatalogKind::Cwe);
    if (!cwe_version.empty()) {
        const auto cwe = RAMPART_TRY(m_store.load_cwe(cwe_version));
        std::set<int> known;
        for (const auto& weakness : cwe.weaknesses) known.insert(weakness.id);
        for (const auto& [key, work] : pending) {
            if (!work.dirty || key.first == model::CatalogKind::Cwe) continue;
            std::set<int> unknown;
            const engine::CatalogGraph graph(work.asvs, work.capec, {});
            for (const auto& requirement : work.asvs.requirements) {
                for (const int id : graph.requirement_cwes(requirement.id)) {
                    if (!known.count(id)) unknown.insert(id);
                }
            }
            for (const auto& pattern : work.capec.patterns) {
                for (const int id : pattern.cwes) {
                    if (!known.count(id)) unknown.insert(id);
                }
            }
            if (unknown.empty()) continue;
            std::string list;
            for (const int id : unknown) list += fmt::format("{}CWE-{}", list.empty() ? "" : ", ", id);
            report.notes.push_back(
                fmt::format("{} {} names {} CWE id(s) that cwe {} does not describe as a weakness "
                            "(categories or retired ids): {}",
                            model::to_string(key.first), key.second, unknown.size(), cwe_version, list));
        }
    }
    return report;
}

core::Result<std::vector<storage::CatalogRecord>> CatalogService::list() { return m_store.list_catalogs(); }

core::Result<engine::CatalogGraph> CatalogService::load_graph(const CatalogSelection& selection) {
    const auto records = RAMPART_TRY(m_store.list_catalogs());
    const auto pick = [&](model::CatalogKind kind, const std::optional<std::string>& wanted,
                          std::string_view preferred) -> core::Result<std::string> {
        if (wanted) {
            for (const auto& record : records) {
                if (record.kind == kind && record.version == *wanted) return *wanted;
            }
            std::string held;
            for (const auto& record : records) {
                if (record.kind == kind) held += (held.empty() ? "" : ", ") + record.version;
            }
            return core::Error::make(
                core::ErrorCode::NotFound,
                fmt::format("{} {} is not held (held: {}); import it with `rampart catalog import`",
                            model::to_string(kind), *wanted, held.empty() ? "none" : held));
        }
        if (!preferred.empty()) {
            for (const auto& record : records) {
                if (record.kind == kind && record.version == preferred) return std::string(preferred);
            }
        }
        return newest(records, kind);
    };
    const auto asvs_version = RAMPART_TRY(pick(model::CatalogKind::Asvs, selection.asvs, DEFAULT_ASVS_VERSION));
    const auto capec_version = RAMPART_TRY(pick(model::CatalogKind::Capec, selection.capec, {}));
    const auto cwe_version = RAMPART_TRY(pick(model::CatalogKind::Cwe, selection.cwe, {}));
    auto asvs = RAMPART_TRY(m_store.load_asvs(asvs_version));
    auto capec = RAMPART_TRY(m_store.load_capec(capec_version));
    auto cwe = RAMPART_TRY(m_store.load_cwe(cwe_version));
    return engine::CatalogGraph(std::move(asvs), std::move(capec), std::move(cwe));
}

core::Result<storage::SearchPage> CatalogService::search(const storage::SearchQuery& query) {
    if (core::trim(query.text).empty()) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "the search text is empty");
    }
    if (query.limit < 1 || query.limit > 500) {
        return core::Error::make(core::ErrorCode::InvalidArgument, "the limit must be between 1 and 500");
    }
    if (query.offset < 0) return core::Error::make(core::ErrorCode::InvalidArgument, "the offset must not be negative");
    return m_store.search(query);
}

}  // namespace rampart::app
