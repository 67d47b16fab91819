#pragma once

// One libFuzzer entry point per catalog parser. Each input goes to the parser
// directly (arbitrary bytes must never crash it) and through parse_catalog
// with the format forced (the path an import takes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/parse.h"

#define RAMPART_CATALOG_FUZZER(parser, format)                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {                    \
        const std::string_view text(reinterpret_cast<const char*>(data), size);                  \
        (void)rampart::catalog::parser(text, "fuzz");                                            \
        (void)rampart::catalog::parse_catalog(text, {"fuzz-1.0", rampart::catalog::format, {}}); \
        return 0;                                                                                \
    }
