#pragma once

#include <string_view>

namespace rampart::api {

/// The text of src/api/schema.graphql, compiled into the binary.
[[nodiscard]] std::string_view schema_sdl();

}  // namespace rampart::api
