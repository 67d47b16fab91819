#include "http/static_files.h"

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

#include "http/media_type.h"

namespace rampart::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_inside(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    const auto [root_end, candidate_at] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    (void)candidate_at;
    return root_end == root.end();
}

}  // namespace

std::optional<std::string> percent_decode_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c == '%') {
            if (i + 2 >= path.size()) return std::nullopt;
            const int high = hex_value(path[i + 1]);
            const int low = hex_value(path[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            c = static_cast<char>(high * 16 + low);
            i += 2;
        }
        if (c == '\0') return std::nullopt;
        out.push_back(c);
    }
    return out;
}

std::optional<std::filesystem::path> resolve_static_file(const std::filesystem::path& canonical_root,
                                                         std::string_view relative_path) {
    auto decoded = percent_decode_path(relative_path);
    if (!decoded) return std::nullopt;
    std::filesystem::path candidate = canonical_root;
    std::string_view rest = *decoded;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (segment.empty() || segment == ".") continue;
        // `..` could climb out of the root; dot files (.env, .git) are
        // never part of a published page. A backslash is a separator on
        // other systems and never part of an honest name.
        if (segment.front() == '.' || segment.find('\\') != std::string_view::npos) return std::nullopt;
        candidate /= segment;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(candidate, ec)) candidate /= "index.html";
    if (!std::filesystem::is_regular_file(candidate, ec)) return std::nullopt;
    auto resolved = std::filesystem::canonical(candidate, ec);
    if (ec || !is_inside(canonical_root, resolved)) return std::nullopt;
    return resolved;
}

std::string_view content_type_for(const std::filesystem::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> TYPES = {{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".avif", "image/avif"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".wasm", "application/wasm"},
        {".xml", "application/xml"},
        {".pdf", "application/pdf"},
        {".webmanifest", "application/manifest+json"},
    }};
    const auto extension = file.extension().string();
    for (const auto& [ext, type] : TYPES) {
        if (iequals(ext, extension)) return type;
    }
    return "application/octet-stream";
}

}  // namespace rampart::http
