#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rampart::core {

/// Where a setting's value came from, so `rampart config` style output and
/// error messages can say which one won.
enum class SettingSource { Flag, Environment, Default };

struct Setting {
    std::string value;
    SettingSource source = SettingSource::Default;
};

/// Resolves one setting: the command-line flag wins over the environment
/// variable (`RAMPART_*`), which wins over the default.
[[nodiscard]] Setting resolve_setting(const std::optional<std::string>& flag, std::string_view environment_variable,
                                      std::string_view default_value);

/// Settings shared by every subcommand.
struct Config {
    Setting database;     ///< --db / RAMPART_DB
    Setting catalog_dir;  ///< --catalog-dir / RAMPART_CATALOG_DIR
    Setting log_level;    ///< --log-level / RAMPART_LOG_LEVEL
};

inline constexpr std::string_view DEFAULT_DATABASE = "./var/rampart.db";
inline constexpr std::string_view DEFAULT_LOG_LEVEL = "warn";

}  // namespace rampart::core
