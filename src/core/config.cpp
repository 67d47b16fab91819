#include "core/config.h"

#include <cstdlib>

namespace rampart::core {

Setting resolve_setting(const std::optional<std::string>& flag, std::string_view environment_variable,
                        std::string_view default_value) {
    if (flag.has_value()) return {*flag, SettingSource::Flag};
    const std::string name(environment_variable);
    if (const char* from_environment = std::getenv(name.c_str()); from_environment != nullptr && *from_environment) {
        return {from_environment, SettingSource::Environment};
    }
    return {std::string(default_value), SettingSource::Default};
}

}  // namespace rampart::core
