#include "evidence/detail/zip_archive.h"

#include <fmt/format.h>
#include <zip.h>

#include <memory>

namespace rampart::evidence::detail {
namespace {

struct ZipDiscarder {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

/// zip_error_t owns a message buffer that zip_error_fini releases.
class ZipError {
public:
    ZipError() { zip_error_init(&m_error); }
    ZipError(const ZipError&) = delete;
    ZipError& operator=(const ZipError&) = delete;
    ~ZipError() { zip_error_fini(&m_error); }
    zip_error_t* get() { return &m_error; }
    std::string message() { return zip_error_strerror(&m_error); }

private:
    zip_error_t m_error{};
};

}  // namespace

core::Result<std::vector<std::string>> zip_entry_names(std::string_view archive) {
    ZipError error;
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, error.get());
    if (source == nullptr) return core::Error::make(core::ErrorCode::Internal, "libzip: " + error.message());
    // ZIP_CHECKCONS compares the central directory with the local headers,
    // so a truncated or spliced archive is refused rather than half-read.
    std::unique_ptr<zip_t, ZipDiscarder> opened(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, error.get()));
    if (!opened) {
        // On failure the source still belongs to the caller.
        zip_source_free(source);
        return core::Error::make(core::ErrorCode::InvalidArgument, error.message());
    }
    const auto count = zip_get_num_entries(opened.get(), 0);
    std::vector<std::string> names;
    names.reserve(static_cast<size_t>(count < 0 ? 0 : count));
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* name = zip_get_name(opened.get(), static_cast<zip_uint64_t>(i), 0);
        if (name != nullptr) names.emplace_back(name);
    }
    return names;
}

}  // namespace rampart::evidence::detail
