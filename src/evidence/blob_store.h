#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rampart::evidence {

/// Evidence files kept by content in a folder (the SQLite deployment's blob
/// store, DESIGN.md §2): a blob's name is the SHA-256 of its bytes, stored
/// as root/ab/cdef… (the first two hex digits name a subfolder, so no
/// folder grows past a few thousand files).
///
/// Writes go to a temporary file that is renamed into place, so a crash
/// never leaves a half-written blob; a leftover temporary file is named
/// `.tmp-*` and never read. Identical content is stored once. Several
/// processes may share a store.
class BlobStore {
public:
    /// Opens the store at `root`, creating the folder when missing (Io when
    /// that fails).
    [[nodiscard]] static core::Result<BlobStore> open(std::filesystem::path root);

    /// Stores the bytes and answers their SHA-256 (64 lower-case hex
    /// digits). Storing bytes already present writes nothing (a damaged copy
    /// is replaced).
    [[nodiscard]] core::Result<std::string> put(std::string_view content);

    /// The bytes of a blob: InvalidArgument for a malformed digest, NotFound
    /// when absent, InvalidData when the stored bytes no longer hash to
    /// their name (the disk damaged them).
    [[nodiscard]] core::Result<std::string> get(std::string_view sha256) const;

    /// Whether the blob is stored; false for a malformed digest.
    [[nodiscard]] bool exists(std::string_view sha256) const;

    /// Where the blob is (or would be) stored; InvalidArgument unless the
    /// digest is 64 lower-case hex digits, so that no name can reach outside
    /// the store.
    [[nodiscard]] core::Result<std::filesystem::path> path_of(std::string_view sha256) const;

    [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

private:
    explicit BlobStore(std::filesystem::path root) : m_root(std::move(root)) {}

    std::filesystem::path m_root;
};

}  // namespace rampart::evidence
