// Detection and the whole parse path on arbitrary bytes (UTF-8 and BOM
// checks, format detection, version settling).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)rampart::catalog::detect_format(text, "fuzz");
    (void)rampart::catalog::parse_catalog(text, {"fuzz-1.0", std::nullopt, std::nullopt});
    return 0;
}
