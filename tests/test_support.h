#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <stdlib.h>

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

namespace rampart::testing {

/// A fresh folder below the system's temporary folder, removed at the end of
/// the test.
class TempDir {
public:
    TempDir() {
        auto pattern = (std::filesystem::temp_directory_path() / "rampart-test-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

    /// Writes a file inside the folder and answers its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const {
        const auto file = m_path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
        return file;
    }

private:
    std::filesystem::path m_path;
};

}  // namespace rampart::testing
