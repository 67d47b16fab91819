#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "storage/postgres/database.h"

namespace rampart::storage::postgres {

/// Evidence files kept by content in the database (the PostgreSQL
/// deployment's blob store, DESIGN.md §2), so that every server instance
/// behind a load balancer sees every file. The calls and their answers are
/// those of evidence::BlobStore, the folder the SQLite deployment uses:
/// a blob's name is the SHA-256 of its bytes, identical content is stored
/// once, and reading checks the bytes against their name.
///
/// A blob is written in one statement, so a crash never leaves half of one.
/// Inside Database::transaction it is written with the rest of the work.
class PgBlobStore {
public:
    /// The store over `db`'s blobs table (created by the migrations).
    [[nodiscard]] static core::Result<PgBlobStore> open(Database& db);

    /// Stores the bytes and answers their SHA-256 (64 lower-case hex
    /// digits). Storing bytes already present writes nothing (a damaged copy
    /// is replaced).
    [[nodiscard]] core::Result<std::string> put(std::string_view content);

    /// The bytes of a blob: InvalidArgument for a malformed digest, NotFound
    /// when absent, InvalidData when the stored bytes no longer hash to
    /// their name.
    [[nodiscard]] core::Result<std::string> get(std::string_view sha256) const;

    /// Whether the blob is stored; false for a malformed digest (and while
    /// the database cannot be reached).
    [[nodiscard]] bool exists(std::string_view sha256) const;

private:
    explicit PgBlobStore(Database& db) : m_db(&db) {}

    Database* m_db;
};

}  // namespace rampart::storage::postgres
