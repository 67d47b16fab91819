#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "graphql/service.h"
#include "http/graphql_request.h"
#include "http/multipart.h"

namespace rampart::http {

/// The `map` field of a GraphQL multipart request: each file's key with the
/// object paths in `operations` that the file fills (e.g. "0" →
/// ["variables.file"]), in the order given.
using UploadMap = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// Parses `map`: a JSON object whose members are arrays of path strings.
[[nodiscard]] std::variant<UploadMap, std::string> parse_upload_map(std::string_view text);

/// Builds the GraphQL request of a multipart request: parses `operations`
/// (one operation; a batch is refused), writes each file's key string at
/// the paths `map` names, and attaches the files by key, so a resolver reads
/// an Upload argument's value and looks the file up with
/// ResolveContext::upload().
[[nodiscard]] DecodedRequest assemble_upload_request(std::string_view operations, const UploadMap& map,
                                                     std::unordered_map<std::string, graphql::Upload> files);

/// Why an upload was refused, for the status code.
enum class UploadFailure : uint8_t { None, Malformed, TooLarge, Storage };

struct UploadLimits {
    size_t max_field_bytes = 1 << 20;  ///< `operations` and `map` each
    size_t max_files = 100;
};

/// Collects a GraphQL multipart request
/// (github.com/jaydenseric/graphql-multipart-request-spec) from a
/// multipart/form-data body: `operations` first, `map` second, then the
/// files, each written to its own new file (mode 0600) in the upload
/// directory as it streams in. Files that `map` does not name are skipped.
/// Every file written is removed when the collector is destroyed, so an
/// upload never outlives its request.
class UploadCollector final : public MultipartSink {
public:
    UploadCollector(std::filesystem::path directory, UploadLimits limits);
    ~UploadCollector() override;
    UploadCollector(const UploadCollector&) = delete;
    UploadCollector& operator=(const UploadCollector&) = delete;
    UploadCollector(UploadCollector&&) = delete;
    UploadCollector& operator=(UploadCollector&&) = delete;

    [[nodiscard]] std::optional<std::string> on_part_begin(const PartHeaders& headers) override;
    [[nodiscard]] std::optional<std::string> on_part_data(std::string_view bytes) override;
    [[nodiscard]] std::optional<std::string> on_part_end() override;

    /// After the closing boundary: the request with its uploads.
    [[nodiscard]] DecodedRequest finish();
    /// What went wrong, after a refusal.
    [[nodiscard]] UploadFailure failure() const { return m_failure; }
    /// Removes every file written so far.
    void remove_files();

private:
    enum class Stage : uint8_t { Operations, Map, Files };
    enum class Current : uint8_t { None, Operations, Map, File, Skipped };

    std::optional<std::string> refuse(UploadFailure failure, std::string message);
    void close_file();

    std::filesystem::path m_directory;
    UploadLimits m_limits;
    Stage m_stage = Stage::Operations;
    Current m_current = Current::None;
    std::string m_operations;
    std::string m_map_text;
    UploadMap m_map;
    std::unordered_map<std::string, graphql::Upload> m_files;
    std::vector<std::string> m_written;  ///< paths to remove
    int m_fd = -1;
    graphql::Upload m_file;  ///< the file being received
    std::string m_file_key;
    UploadFailure m_failure = UploadFailure::None;
};

}  // namespace rampart::http
