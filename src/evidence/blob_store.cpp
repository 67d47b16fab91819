#include "evidence/blob_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "core/text.h"
#include "evidence/detail/atomic_file.h"

namespace rampart::evidence {
namespace {

constexpr size_t SHA256_HEX_DIGITS = 64;

bool is_sha256_hex(std::string_view text) {
    return text.size() == SHA256_HEX_DIGITS && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

}  // namespace

core::Result<BlobStore> BlobStore::open(std::filesystem::path root) {
    std::error_code error;
    std::filesystem::create_directories(root, error);
    if (error) {
        return core::Error::make(core::ErrorCode::Io,
                                 fmt::format("cannot create the blob store {}: {}", root.string(), error.message()));
    }
    if (!std::filesystem::is_directory(root, error)) {
        return core::Error::make(core::ErrorCode::Io, fmt::format("the blob store {} is not a folder", root.string()));
    }
    return BlobStore(std::move(root));
}

core::Result<std::filesystem::path> BlobStore::path_of(std::string_view sha256) const {
    if (!is_sha256_hex(sha256)) {
        return core::Error::make(
            core::ErrorCode::InvalidArgument,
            fmt::format("'{}' is not a blob id; expected a SHA-256 of 64 lower-case hex digits", sha256));
    }
    return m_root / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2));
}

bool BlobStore::exists(std::string_view sha256) const {
    const auto path = path_of(sha256);
    if (!path) return false;
    std::error_code error;
    return std::filesystem::is_regular_file(*path, error);
}

core::Result<std::string> BlobStore::put(std::string_view content) {
    auto digest = core::sha256_hex(content);
    const auto path = RAMPART_TRY(path_of(digest));
    std::error_code error;
    // The name is the hash of the content, so a file under that name should
    // already hold these bytes; they are compared all the same (storing the
    // same evidence twice is rare), so that storing it again repairs a blob
    // the disk damaged instead of keeping the damage.
    const auto stored_size = std::filesystem::file_size(path, error);
    if (!error && stored_size == content.size()) {
        const auto stored = detail::read_whole_file(path);
        if (stored.ok() && *stored == content) return digest;
    }

    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
        return core::Error::make(core::ErrorCode::Io, fmt::format("cannot create the blob folder {}: {}",
                                                                  path.parent_path().string(), error.message()));
    }
    RAMPART_TRY(detail::write_file_atomically(path, content));
    return digest;
}

core::Result<std::string> BlobStore::get(std::string_view sha256) const {
    const auto path = RAMPART_TRY(path_of(sha256));
    auto content = detail::read_whole_file(path);
    if (!content) {
        if (content.error().code == core::ErrorCode::NotFound) {
            return core::Error::make(core::ErrorCode::NotFound, fmt::format("blob {} is not in the store", sha256));
        }
        return std::move(content).error();
    }
    // Reading costs a hash more, but a damaged file is caught here instead of
    // reaching a reviewer as evidence.
    if (const auto actual = core::sha256_hex(*content); actual != sha256) {
        return core::Error::make(core::ErrorCode::InvalidData,
                                 fmt::format("blob {} is damaged: its content hashes to {}", sha256, actual));
    }
    return std::move(content).value();
}

}  // namespace rampart::evidence
