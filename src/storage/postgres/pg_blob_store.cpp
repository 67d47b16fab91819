#include "storage/postgres/pg_blob_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "core/time.h"

namespace rampart::storage::postgres {
namespace {

constexpr size_t SHA256_HEX_DIGITS = 64;

bool is_sha256_hex(std::string_view text) {
    return text.size() == SHA256_HEX_DIGITS && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

core::Result<void> check_digest(std::string_view sha256) {
    if (!is_sha256_hex(sha256)) {
        return core::Error::make(
            core::ErrorCode::InvalidArgument,
            fmt::format("'{}' is not a blob id; expected a SHA-256 of 64 lower-case hex digits", sha256));
    }
    return {};
}

}  // namespace

core::Result<PgBlobStore> PgBlobStore::open(Database& db) {
    // The table comes with the migrations; asking for it here turns a
    // database that lacks it into a clear error at start-up rather than on
    // the first upload.
    RAMPART_TRY(db.query("SELECT 1 FROM blobs LIMIT 0"));
    return PgBlobStore(db);
}

core::Result<std::string> PgBlobStore::put(std::string_view content) {
    auto digest = core::sha256_hex(content);
    // The name is the hash of the content, so a row under that name should
    // already hold these bytes; the server compares them all the same and
    // rewrites only a copy that differs, so storing evidence again repairs
    // damage instead of keeping it.
    RAMPART_TRY(
        m_db->query("INSERT INTO blobs (sha256, size, content, created_at) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, content = excluded.content "
                    "WHERE blobs.content IS DISTINCT FROM excluded.content",
                    {digest, static_cast<int64_t>(content.size()), Param::bytes(content), core::utc_now_iso8601()}));
    return digest;
}

core::Result<std::string> PgBlobStore::get(std::string_view sha256) const {
    RAMPART_TRY(check_digest(sha256));
    auto lease = RAMPART_TRY(m_db->lease());
    // Binary results: the bytes arrive as stored, with no hex escaping.
    const auto rows =
        RAMPART_TRY(lease->query("SELECT content FROM blobs WHERE sha256 = $1", {sha256}, ResultFormat::Binary));
    if (rows.empty()) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("blob {} is not in the store", sha256));
    }
    auto content = rows.front().text(0);
    // Reading costs a hash more, but damaged bytes are caught here instead
    // of reaching a reviewer as evidence.
    if (const auto actual = core::sha256_hex(content); actual != sha256) {
        return core::Error::make(core::ErrorCode::InvalidData,
                                 fmt::format("blob {} is damaged: its content hashes to {}", sha256, actual));
    }
    return content;
}

bool PgBlobStore::exists(std::string_view sha256) const {
    if (!is_sha256_hex(sha256)) return false;
    const auto rows = m_db->query("SELECT 1 FROM blobs WHERE sha256 = $1", {sha256});
    return rows.ok() && !rows->empty();
}

}  // namespace rampart::storage::postgres
