#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rampart::testing {

/// A file below tests/data.
inline std::filesystem::path test_data(const std::string& relative) {
    return std::filesystem::path(RAMPART_TEST_DATA_DIR) / relative;
}

/// A file below ../shared (the official catalogs and sample reports).
inline std::filesystem::path shared_file(const std::string& relative) {
    return std::filesystem::path(RAMPART_SHARED_DIR) / relative;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace rampart::testing
