#include "http/upload_request.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace rampart::http {

namespace {

/// Longest file name kept (the common file-system limit).
constexpr size_t MAX_FILE_NAME_BYTES = 255;

// A client's file name may hold a path ("C:\Users\me\report.pdf" from old
// browsers, "../../x" from hostile ones); only the last component is kept,
// without control characters.
std::string base_file_name(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out;
    for (const char c : name) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out.push_back(c);
    }
    if (out.size() > MAX_FILE_NAME_BYTES) out.resize(MAX_FILE_NAME_BYTES);
    if (out == "." || out == "..") out.clear();
    return out;
}

std::optional<size_t> parse_index(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    size_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<size_t>(c - '0');
    }
    return value;
}

// Writes `key` at an object path such as "variables.files.1" (the path
// syntax of the multipart request spec); the path must lead through
// existing objects and arrays.
std::optional<std::string> set_at_path(boost::json::value& root, std::string_view path, std::string_view key) {
    auto problem = [&] { return "The map path '" + std::string(path) + "' does not lead into 'operations'"; };
    boost::json::value* current = &root;
    std::string_view rest = path;
    for (;;) {
        const auto dot = rest.find('.');
        const auto segment = rest.substr(0, dot);
        const bool last = dot == std::string_view::npos;
        rest = last ? std::string_view() : rest.substr(dot + 1);
        if (segment.empty()) return problem();
        if (auto* object = current->if_object()) {
            if (last) {
                (*object)[segment] = key;
                return std::nullopt;
            }
            current = object->if_contains(segment);
            if (current == nullptr) return problem();
        } else if (auto* array = current->if_array()) {
            const auto index = parse_index(segment);
            if (!index || *index >= array->size()) return problem();
            if (last) {
                (*array)[*index] = key;
                return std::nullopt;
            }
            current = &(*array)[*index];
        } else {
            return problem();
        }
    }
}

}  // namespace

std::variant<UploadMap, std::string> parse_upload_map(std::string_view text) {
    std::string error;
    auto value = parse_json(text, error);
    if (!value) return "The 'map' field is not valid JSON: " + error;
    if (!value->is_object()) return std::string("The 'map' field must be a JSON object");
    UploadMap map;
    for (const auto& member : value->get_object()) {
        if (member.key().empty()) return std::string("The 'map' field names a file with an empty key");
        const auto* paths = member.value().if_array();
        if (paths == nullptr || paths->empty()) {
            return "The 'map' entry '" + std::string(member.key()) + "' must be a non-empty array of paths";
        }
        std::vector<std::string> list;
        for (const auto& path : *paths) {
            if (!path.is_string()) {
                return "The 'map' entry '" + std::string(member.key()) + "' must hold path strings";
            }
            list.emplace_back(path.get_string());
        }
        map.emplace_back(std::string(member.key()), std::move(list));
    }
    return map;
}

DecodedRequest assemble_upload_request(std::string_view operations, const UploadMap& map,
                                       std::unordered_map<std::string, graphql::Upload> files) {
    std::string error;
    auto value = parse_json(operations, error);
    if (!value) return "The 'operations' field is not valid JSON: " + error;
    if (value->is_array()) return std::string("Batched operations are not supported; send one operation a request");
    if (!value->is_object()) return std::string("The 'operations' field must be a JSON object");
    for (const auto& [key, paths] : map) {
        for (const auto& path : paths) {
            if (auto problem = set_at_path(*value, path, key)) return std::move(*problem);
        }
    }
    auto decoded = request_from_json(std::move(value->get_object()));
    if (auto* request = std::get_if<graphql::Request>(&decoded)) request->uploads = std::move(files);
    return decoded;
}

UploadCollector::UploadCollector(std::filesystem::path directory, UploadLimits limits)
    : m_directory(std::move(directory)), m_limits(limits) {}

UploadCollector::~UploadCollector() { remove_files(); }

void UploadCollector::close_file() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void UploadCollector::remove_files() {
    close_file();
    for (const auto& path : m_written) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
    m_written.clear();
    m_files.clear();
}

std::optional<std::string> UploadCollector::refuse(UploadFailure failure, std::string message) {
    if (m_failure == UploadFailure::None) m_failure = failure;
    close_file();
    return message;
}

std::optional<std::string> UploadCollector::on_part_begin(const PartHeaders& headers) {
    if (!headers.form_data) {
        return refuse(UploadFailure::Malformed, "A multipart part is not form-data (RFC 7578 §4.2)");
    }
    // The multipart request spec fixes the order: operations, map, files.
    switch (m_stage) {
        case Stage::Operations:
            if (headers.name != "operations") {
                return refuse(UploadFailure::Malformed, "The first multipart field must be 'operations'");
            }
            m_current = Current::Operations;
            return std::nullopt;
        case Stage::Map:
            if (headers.name != "map") {
                return refuse(UploadFailure::Malformed, "The second multipart field must be 'map'");
            }
            m_current = Current::Map;
            return std::nullopt;
        case Stage::Files: break;
    }
    const bool mapped =
        std::any_of(m_map.begin(), m_map.end(), [&](const auto& entry) { return entry.first == headers.name; });
    if (!mapped) {
        m_current = Current::Skipped;
        return std::nullopt;
    }
    if (m_files.count(headers.name) != 0) {
        return refuse(UploadFailure::Malformed, "The file '" + headers.name + "' is sent more than once");
    }
    if (m_files.size() >= m_limits.max_files) {
        return refuse(UploadFailure::TooLarge,
                      "The request carries more than " + std::to_string(m_limits.max_files) + " files");
    }
    std::string pattern = (m_directory / "upload-XXXXXX").string();
    m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (m_fd < 0) {
        return refuse(UploadFailure::Storage, "Cannot store an uploaded file: " + std::string(std::strerror(errno)));
    }
    m_written.push_back(pattern);
    m_file =
        graphql::Upload{base_file_name(headers.file_name.value_or(std::string())),
                        headers.content_type.empty() ? "application/octet-stream" : headers.content_type, pattern, 0};
    m_file_key = headers.name;
    m_current = Current::File;
    return std::nullopt;
}

std::optional<std::string> UploadCollector::on_part_data(std::string_view bytes) {
    switch (m_current) {
        case Current::Operations:
        case Current::Map: {
            auto& text = m_current == Current::Operations ? m_operations : m_map_text;
            if (text.size() + bytes.size() > m_limits.max_field_bytes) {
                return refuse(UploadFailure::TooLarge,
                              std::string("The '") + (m_current == Current::Operations ? "operations" : "map") +
                                  "' field is larger than " + std::to_string(m_limits.max_field_bytes) + " bytes");
            }
            text.append(bytes);
            return std::nullopt;
        }
        case Current::File:
            while (!bytes.empty()) {
                const auto written = ::write(m_fd, bytes.data(), bytes.size());
                if (written < 0) {
                    if (errno == EINTR) continue;
                    return refuse(UploadFailure::Storage,
                                  "Cannot store an uploaded file: " + std::string(std::strerror(errno)));
                }
                m_file.size += static_cast<uint64_t>(written);
                bytes.remove_prefix(static_cast<size_t>(written));
            }
            return std::nullopt;
        case Current::None:
        case Current::Skipped: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> UploadCollector::on_part_end() {
    switch (m_current) {
        case Current::Operations: m_stage = Stage::Map; break;
        case Current::Map: {
            auto parsed = parse_upload_map(m_map_text);
            if (auto* error = std::get_if<std::string>(&parsed)) return refuse(UploadFailure::Malformed, *error);
            m_map = std::move(std::get<UploadMap>(parsed));
            m_stage = Stage::Files;
            break;
        }
        case Current::File:
            close_file();
            m_files.emplace(std::move(m_file_key), std::move(m_file));
            m_file = {};
            m_file_key.clear();
            break;
        case Current::None:
        case Current::Skipped: break;
    }
    m_current = Current::None;
    return std::nullopt;
}

DecodedRequest UploadCollector::finish() {
    if (m_stage != Stage::Files) {
        m_failure = UploadFailure::Malformed;
        return std::string("A multipart GraphQL request needs the fields 'operations' and 'map'");
    }
    for (const auto& [key, paths] : m_map) {
        if (m_files.count(key) == 0) {
            m_failure = UploadFailure::Malformed;
            return "The file '" + key + "' named in 'map' is missing from the request";
        }
    }
    auto decoded = assemble_upload_request(m_operations, m_map, m_files);
    if (std::holds_alternative<std::string>(decoded)) m_failure = UploadFailure::Malformed;
    return decoded;
}

}  // namespace rampart::http
