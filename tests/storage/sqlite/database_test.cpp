#include "storage/sqlite/database.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace rampart::storage::sqlite {
namespace {

TEST(SqliteDatabase, CreatesItsFolderAndAppliesEveryMigrationOnce) {
    testing::TempDir dir;
    const auto path = (dir / "nested/folder/rampart.db").string();
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        EXPECT_EQ((*db)->schema_version().value(), migrations().back().number);
    }
    auto again = Database::open(path);
    ASSERT_TRUE(again.ok());
    auto count = (*again)->prepare("SELECT COUNT(*) FROM schema_migrations");
    ASSERT_TRUE(count.ok());
    ASSERT_TRUE(count->step().value());
    EXPECT_EQ(count->integer(0), static_cast<int64_t>(migrations().size()));
}

TEST(SqliteDatabase, MigrationsAreNumberedInOrderWithoutGaps) {
    int expected = 1;
    for (const auto& migration : migrations()) {
        EXPECT_EQ(migration.number, expected++) << migration.name;
        EXPECT_FALSE(migration.sql.empty());
    }
}

TEST(SqliteDatabase, EnforcesForeignKeysAndUsesWal) {
    testing::TempDir dir;
    auto db = Database::open((dir / "r.db").string());
    ASSERT_TRUE(db.ok());
    auto mode = (*db)->prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok() && mode->step().value());
    EXPECT_EQ(mode->text(0), "wal");
    const auto orphan = (*db)->exec(
        "INSERT INTO catalog_files (catalog_id, name, format, sha256, entries, imported_at) VALUES (999, 'x', 'y', "
        "'z', "
        "0, 'now')");
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, core::ErrorCode::Conflict);
}

TEST(SqliteDatabase, RefusesADatabaseFromANewerRampart) {
    testing::TempDir dir;
    const auto path = (dir / "r.db").string();
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->exec("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')").ok());
    }
    const auto reopened = Database::open(path);
    ASSERT_FALSE(reopened.ok());
    EXPECT_NE(reopened.error().message.find("newer"), std::string::npos);
}

TEST(SqliteDatabase, ATransactionRollsBackOnFailureAndNestedCallsJoinIt) {
    auto db = Database::open(":memory:");
    ASSERT_TRUE(db.ok());
    auto& database = **db;
    const auto insert = [&](const char* version) {
        return database.exec(std::string("INSERT INTO catalogs (kind, version, imported_at, updated_at) VALUES "
                                         "('cwe', '") +
                             version + "', 'a', 'b')");
    };
    const auto failed = database.transaction([&]() -> core::Result<void> {
        RAMPART_TRY(insert("1"));
        RAMPART_TRY(database.transaction([&] { return insert("2"); }));
        return core::Error::make(core::ErrorCode::InvalidData, "stop");
    });
    ASSERT_FALSE(failed.ok());
    auto count = database.prepare("SELECT COUNT(*) FROM catalogs");
    ASSERT_TRUE(count.ok() && count->step().value());
    EXPECT_EQ(count->integer(0), 0);
    ASSERT_TRUE(database.transaction([&] { return insert("3"); }).ok());
    count->reset();
    ASSERT_TRUE(count->step().value());
    EXPECT_EQ(count->integer(0), 1);
}

TEST(SqliteDatabase, AnUnwritableLocationIsAnIoError) {
    const auto db = Database::open("/proc/rampart-cannot-live-here/r.db");
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, core::ErrorCode::Io);
}

}  // namespace
}  // namespace rampart::storage::sqlite
