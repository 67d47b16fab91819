#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "model/threat_model.h"

namespace rampart::modelfile {

/// The syntaxes a model file can be written in (docs/model-file.md).
enum class Format { Yaml, Json };

/// The format version this Rampart reads and writes (`rampart: 1`).
inline constexpr int FORMAT_VERSION = 1;

/// Where the parts of a model file sit, for problems found after parsing
/// (an attack pattern the catalog does not know). Indexes are those of the
/// parsed model: `items[i]` is the position of `model.items[i]`, and
/// `attack_patterns[{i, j}]` that of `model.items[i].attack_patterns[j]`.
struct ModelFileLocations {
    std::vector<core::SourceLocation> items;
    std::map<std::pair<size_t, size_t>, core::SourceLocation> attack_patterns;
};

/// A parsed model file: the model and the positions of its parts.
struct ParsedModelFile {
    model::ThreatModel model;
    ModelFileLocations locations;
};

/// Parses a model file and keeps the positions of its items and attack
/// pattern references. The syntax is detected: JSON when the first
/// non-blank character is `{`, YAML otherwise. Every problem is reported
/// (InvalidData), each with its position: file:line:column, plus the JSON
/// pointer for JSON files.
[[nodiscard]] core::Result<ParsedModelFile> read_model_file(std::string_view text, std::string_view file);

/// Parses a model file (see read_model_file) and answers only the model.
[[nodiscard]] core::Result<model::ThreatModel> parse_model_file(std::string_view text, std::string_view file);

/// Reports every attack pattern of the model that `is_known` refuses (the
/// app layer asks the CAPEC catalog), naming the item it is in. The model
/// file cannot check this itself because it knows no catalog. With the
/// locations of read_model_file each problem carries its line and column;
/// without them, its JSON pointer (`/items/0/attack_patterns/2`).
[[nodiscard]] core::Result<void> check_attack_patterns(const model::ThreatModel& model,
                                                       const std::function<bool(int)>& is_known, std::string_view file,
                                                       const ModelFileLocations& locations = {});

/// Writes the model as a model file; read_model_file(write_model_file(m)) == m.
/// Items without a key get the key derived from their name.
[[nodiscard]] std::string write_model_file(const model::ThreatModel& model, Format format);

/// The key a model file gives an item that sets none: the name in lower
/// case, every run of characters other than ASCII letters and digits
/// turned into one '-', without '-' at either end ("Public API" →
/// "public-api"). Empty when the name holds no ASCII letter or digit.
[[nodiscard]] std::string derive_item_key(std::string_view name);

}  // namespace rampart::modelfile
