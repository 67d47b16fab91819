#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "evidence/blob_store.h"

namespace rampart::evidence {

/// One file of an attachments zip: where it goes in the zip and where its
/// bytes come from — a blob of the BlobStore, or a file.
struct ZipEntry {
    /// The path inside the zip ("V5.3.4/login-test.png"); the folders are the
    /// caller's choice. '\' counts as '/'; a leading '/' and "." parts are
    /// dropped; ".." is refused.
    std::string path_in_zip;
    /// The SHA-256 of a blob in the store; when empty, `source_file` is read.
    std::string blob_sha256;
    std::filesystem::path source_file;
};

/// Writes every entry into a new zip at `zip_path` (replacing a file there)
/// with libzip. Entries whose paths are equal, ignoring ASCII case as
/// Windows and macOS do when unpacking, are made unique: "a.png",
/// "a (2).png", "a (3).png". Files that are compressed already (images,
/// archives, Office files) are stored rather than deflated again. The zip
/// is written to a temporary file and renamed, so `zip_path` never holds a
/// half-written archive. `blobs` is needed when an entry names a blob.
/// InvalidArgument for a bad path, NotFound for a missing blob or file, Io
/// when writing fails.
[[nodiscard]] core::Result<void> write_attachments_zip(const std::vector<ZipEntry>& entries,
                                                       const std::string& zip_path, const BlobStore* blobs = nullptr);

/// One entry of a zip read back.
struct ZipContent {
    std::string name;
    std::string content;
};

/// Every entry of a zip with its bytes, in the archive's order; for tests
/// and small archives, as everything is read into memory: LimitExceeded when
/// the entries hold more than `max_total_bytes` uncompressed.
[[nodiscard]] core::Result<std::vector<ZipContent>> read_zip_entries(const std::string& zip_path,
                                                                     size_t max_total_bytes = size_t{256} * 1024 *
                                                                                              1024);

}  // namespace rampart::evidence
