// The backend-neutral conformance suite for evidence blob stores: the folder
// of the SQLite deployment (evidence::BlobStore) and the database table of
// the PostgreSQL deployment (PgBlobStore) answer the same calls the same way.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>

#include "core/text.h"
#include "evidence/blob_store.h"
#include "storage/postgres/pg_blob_store.h"
#include "storage/storage_backends.h"
#include "test_support.h"

namespace rampart::storage {
namespace {

using testing::BackendKind;

/// The calls both stores share, plus a way to damage a stored blob behind
/// the store's back.
struct BlobBackend {
    std::function<core::Result<std::string>(std::string_view)> put;
    std::function<core::Result<std::string>(std::string_view)> get;
    std::function<bool(std::string_view)> exists;
    std::function<void(const std::string& sha256, const std::string& bytes)> damage;
    std::shared_ptr<void> keep_alive;
};

class BlobStoreConformance : public ::testing::TestWithParam<BackendKind> {
protected:
    void SetUp() override {
        if (GetParam() == BackendKind::Sqlite) {
            auto dir = std::make_shared<rampart::testing::TempDir>();
            auto store = evidence::BlobStore::open(dir->path() / "blobs");
            ASSERT_TRUE(store.ok()) << store.error().to_string();
            auto shared = std::make_shared<evidence::BlobStore>(std::move(store).value());
            m_blobs.put = [shared](std::string_view content) { return shared->put(content); };
            m_blobs.get = [shared](std::string_view sha256) { return shared->get(sha256); };
            m_blobs.exists = [shared](std::string_view sha256) { return shared->exists(sha256); };
            m_blobs.damage = [shared](const std::string& sha256, const std::string& bytes) {
                std::ofstream(shared->path_of(sha256).value(), std::ios::binary | std::ios::trunc) << bytes;
            };
            m_blobs.keep_alive = std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<void>>>(dir, shared);
            return;
        }
        auto options = testing::postgres_test_options();
        if (!options) GTEST_SKIP() << testing::POSTGRES_SKIPPED;
        auto db = postgres::Database::open(*options);
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        struct Owned {
            std::unique_ptr<postgres::Database> db;
            postgres::Options options;
            ~Owned() { testing::drop_schema(options, db.get()); }
        };
        auto owned = std::make_shared<Owned>();
        owned->db = std::move(db).value();
        owned->options = *options;
        auto store = postgres::PgBlobStore::open(*owned->db);
        ASSERT_TRUE(store.ok()) << store.error().to_string();
        auto shared = std::make_shared<postgres::PgBlobStore>(std::move(store).value());
        m_blobs.put = [shared](std::string_view content) { return shared->put(content); };
        m_blobs.get = [shared](std::string_view sha256) { return shared->get(sha256); };
        m_blobs.exists = [shared](std::string_view sha256) { return shared->exists(sha256); };
        auto* database = owned->db.get();
        m_blobs.damage = [database](const std::string& sha256, const std::string& bytes) {
            ASSERT_TRUE(
                database
                    ->query("UPDATE blobs SET content = $2 WHERE sha256 = $1", {sha256, postgres::Param::bytes(bytes)})
                    .ok());
        };
        m_blobs.keep_alive = std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<void>>>(owned, shared);
    }

    BlobBackend& blobs() { return m_blobs; }

private:
    BlobBackend m_blobs;
};

TEST_P(BlobStoreConformance, StoresAnyBytesUnderTheirSha256) {
    // NUL, bytes that are not UTF-8, quotes and backslashes: a blob is bytes.
    const std::string content = std::string("%PDF-1.7\0\xff\xfe'\"\\x00", 17) + std::string(70000, '\x9c');
    const auto digest = blobs().put(content);
    ASSERT_TRUE(digest.ok()) << digest.error().to_string();
    EXPECT_EQ(*digest, core::sha256_hex(content));
    EXPECT_TRUE(blobs().exists(*digest));
    const auto read = blobs().get(*digest);
    ASSERT_TRUE(read.ok()) << read.error().to_string();
    EXPECT_EQ(*read, content);

    const auto empty = blobs().put("");
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(blobs().get(*empty).value(), "");
}

TEST_P(BlobStoreConformance, PuttingTheSameContentTwiceAnswersTheSameName) {
    const auto first = blobs().put("evidence");
    const auto second = blobs().put("evidence");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(*first, *second);
    EXPECT_NE(*blobs().put("other evidence"), *first);
}

TEST_P(BlobStoreConformance, RefusesMalformedNamesAndReportsMissingBlobs) {
    for (const std::string& name :
         std::vector<std::string>{"", "../../etc/passwd", std::string(64, 'A'), std::string(63, 'a'), "abc'; --"}) {
        const auto read = blobs().get(name);
        ASSERT_FALSE(read.ok()) << name;
        EXPECT_EQ(read.error().code, core::ErrorCode::InvalidArgument) << name;
        EXPECT_FALSE(blobs().exists(name)) << name;
    }
    const auto absent = core::sha256_hex("never stored");
    EXPECT_FALSE(blobs().exists(absent));
    const auto read = blobs().get(absent);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, core::ErrorCode::NotFound);
}

TEST_P(BlobStoreConformance, DetectsADamagedBlobAndRepairsItOnPut) {
    const std::string content = "scan report";
    const auto digest = blobs().put(content).value();
    blobs().damage(digest, "scan rep0rt");
    const auto read = blobs().get(digest);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, core::ErrorCode::InvalidData);
    ASSERT_TRUE(blobs().put(content).ok());
    EXPECT_EQ(blobs().get(digest).value(), content);
}

RAMPART_STORAGE_BACKENDS(BlobStoreConformance);

}  // namespace
}  // namespace rampart::storage
