// What only the PostgreSQL backend has: a connection pool that outlives the
// server going away, a statement timeout, migrations that several instances
// start at once. The stores' behaviour is the conformance suites' business
// (tests/storage/*_test.cpp).
#include "storage/postgres/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>
#include <vector>

#include "storage/sqlite/database.h"
#include "storage/storage_backends.h"

namespace rampart::storage::postgres {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// Opens a database in a fresh schema and drops the schema at the end.
class PostgresDatabase : public ::testing::Test {
protected:
    void SetUp() override {
        auto options = testing::postgres_test_options();
        if (!options) GTEST_SKIP() << testing::POSTGRES_SKIPPED;
        m_options = *options;
    }
    void TearDown() override {
        if (!m_options.uri.empty()) testing::drop_schema(m_options);
    }

    /// The options of this test's schema, for one more pool.
    [[nodiscard]] Options options() const { return m_options; }

    std::unique_ptr<Database> open(const Options& options) {
        auto db = Database::open(options);
        if (!db.ok()) {
            ADD_FAILURE() << db.error().to_string();
            return nullptr;
        }
        return std::move(db).value();
    }

    /// Ends the server processes of pools named `application_name`, as an operator
    /// (or a failover) would.
    void terminate_backends(const std::string& application_name) {
        Options admin;
        admin.uri = m_options.uri;
        admin.application_name = "rampart-test-admin";
        auto connection = Connection::connect(admin);
        ASSERT_TRUE(connection.ok()) << connection.error().to_string();
        const auto ended =
            (*connection)
                ->query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                        {application_name});
        ASSERT_TRUE(ended.ok()) << ended.error().to_string();
        ASSERT_GE(ended->size(), 1);
        // pg_terminate_backend only signals; wait until the processes are gone.
        for (int wait = 0; wait < 100; ++wait) {
            const auto left =
                (*connection)
                    ->query("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1", {application_name});
            ASSERT_TRUE(left.ok());
            if (left->front().integer(0) == 0) return;
            std::this_thread::sleep_for(milliseconds(20));
        }
        FAIL() << "the server processes of " << application_name << " did not end";
    }

    static int64_t count(Database& db, std::string_view sql) {
        const auto rows = db.query(sql);
        EXPECT_TRUE(rows.ok()) << rows.error().to_string();
        return rows.ok() ? rows->front().integer(0) : -1;
    }

private:
    Options m_options;
};

TEST(PostgresMigrations, AreNumberedInOrderAndMatchTheSqliteOnes) {
    ASSERT_EQ(migrations().size(), sqlite::migrations().size());
    int expected = 1;
    for (size_t i = 0; i < migrations().size(); ++i) {
        EXPECT_EQ(migrations()[i].number, expected++);
        EXPECT_EQ(migrations()[i].number, sqlite::migrations()[i].number);
        EXPECT_EQ(migrations()[i].name, sqlite::migrations()[i].name);
        EXPECT_FALSE(migrations()[i].sql.empty());
    }
}

TEST(PostgresConnection, AServerThatIsNotThereIsUnavailable) {
    Options options;
    options.uri = "postgresql://rampart@127.0.0.1:1/rampart";
    options.connect_timeout = std::chrono::seconds(2);
    const auto db = Database::open(options);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, core::ErrorCode::Unavailable);
    EXPECT_EQ(db.error().message.rfind("the database is unavailable: ", 0), 0u) << db.error().message;
}

TEST(PostgresParam, ArrayLiteralsKeepEveryCharacterOfTheirElements) {
    const auto text = Param::text_array({"a,b", "\"q\"", "back\\slash", "NULL", "{}", "", "é"});
    EXPECT_EQ(text.value(), R"({"a,b","\"q\"","back\\slash","NULL","{}","","é"})");
    EXPECT_EQ(Param::integer_array({}).value(), "{}");
    EXPECT_EQ(Param::integer_array({1, -2}).value(), "{1,-2}");
    EXPECT_TRUE(Param(std::nullopt).is_null());
    EXPECT_EQ(Param(12.5).value(), "12.5");
    EXPECT_EQ(Param(true).value(), "t");
}

TEST_F(PostgresDatabase, AppliesEveryMigrationOnceAndRecordsIt) {
    {
        auto db = open(options());
        ASSERT_TRUE(db);
        EXPECT_EQ(db->schema_version().value(), migrations().back().number);
    }
    auto again = open(options());
    ASSERT_TRUE(again);
    EXPECT_EQ(count(*again, "SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(migrations().size()));
    const auto applied = again->query("SELECT applied_at FROM schema_migrations ORDER BY version");
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(applied->front().text(0).size(), 24u) << "ISO 8601 with milliseconds, as in SQLite";
}

TEST_F(PostgresDatabase, InstancesStartingTogetherMigrateOnceWithoutError) {
    constexpr int INSTANCES = 4;
    std::vector<std::future<core::Result<std::unique_ptr<Database>>>> starting;
    starting.reserve(INSTANCES);
    auto one = options();
    one.pool_size = 1;
    for (int i = 0; i < INSTANCES; ++i) {
        starting.push_back(std::async(std::launch::async, [one] { return Database::open(one); }));
    }
    std::vector<std::unique_ptr<Database>> started;
    for (auto& instance : starting) {
        auto db = instance.get();
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        started.push_back(std::move(db).value());
    }
    EXPECT_EQ(count(*started.front(), "SELECT COUNT(*) FROM schema_migrations"),
              static_cast<int64_t>(migrations().size()));
    for (auto& db : started) EXPECT_EQ(db->schema_version().value(), migrations().back().number);
}

TEST_F(PostgresDatabase, RefusesADatabaseFromANewerRampart) {
    {
        auto db = open(options());
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')").ok());
    }
    const auto reopened = Database::open(options());
    ASSERT_FALSE(reopened.ok());
    EXPECT_NE(reopened.error().message.find("newer"), std::string::npos) << reopened.error().message;
}

TEST_F(PostgresDatabase, AStatementOverTheTimeoutFailsClearlyAndTheConnectionGoesOn) {
    auto quick = options();
    quick.pool_size = 1;
    quick.statement_timeout = milliseconds(200);
    auto db = open(quick);
    ASSERT_TRUE(db);
    const auto started = steady_clock::now();
    const auto slow = db->query("SELECT pg_sleep(5)");
    ASSERT_FALSE(slow.ok());
    EXPECT_LT(steady_clock::now() - started, std::chrono::seconds(3));
    EXPECT_EQ(slow.error().code, core::ErrorCode::Unavailable);
    EXPECT_NE(slow.error().message.find("statement timeout of 200 ms"), std::string::npos) << slow.error().message;
    EXPECT_EQ(count(*db, "SELECT 42"), 42);

    // Inside a transaction the timeout fails the whole transaction.
    const auto in_transaction = db->transaction([&]() -> core::Result<void> {
        RAMPART_TRY(db->exec("CREATE TABLE kept_out (id INTEGER)"));
        RAMPART_TRY(db->query("SELECT pg_sleep(5)"));
        return {};
    });
    ASSERT_FALSE(in_transaction.ok());
    EXPECT_EQ(in_transaction.error().code, core::ErrorCode::Unavailable);
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'kept_out'"), 0);
}

TEST_F(PostgresDatabase, AnEndedConnectionFailsItsRequestCleanlyAndThePoolRecovers) {
    auto single = options();
    single.pool_size = 1;
    single.application_name = "rampart-test-" + single.schema;
    auto db = open(single);
    ASSERT_TRUE(db);
    EXPECT_EQ(count(*db, "SELECT 1"), 1);

    // A connection the server ended while it sat in the pool is noticed
    // when the connection is next borrowed, and replaced with its settings.
    terminate_backends(single.application_name);
    EXPECT_EQ(count(*db, "SELECT 1"), 1);
    const auto timeout = db->query("SHOW statement_timeout");
    ASSERT_TRUE(timeout.ok());
    EXPECT_EQ(timeout->front().text(0), "30s");
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(migrations().size()))
        << "the search path is set again";

    // A connection that ends under a request (here in the middle of a
    // transaction) fails that request cleanly; the next one reconnects.
    core::Result<Rows> lost = core::Error::make(core::ErrorCode::Internal, "not run");
    const auto failed = db->transaction([&]() -> core::Result<void> {
        RAMPART_TRY(db->exec("CREATE TABLE half_done (id INTEGER)"));
        terminate_backends(single.application_name);
        lost = db->query("INSERT INTO half_done VALUES (1)");
        if (!lost.ok()) return lost.error();
        return {};
    });
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().code, core::ErrorCode::Unavailable);
    EXPECT_EQ(lost.error().message.rfind("the database is unavailable: ", 0), 0u) << lost.error().message;
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, core::ErrorCode::Unavailable);
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'half_done'"), 0);
}

TEST_F(PostgresDatabase, TheServerRestartingFailsRequestsCleanlyUntilItIsBack) {
    const char* cluster = std::getenv("RAMPART_TEST_POSTGRES_DIR");
    if (cluster == nullptr || *cluster == '\0') {
        GTEST_SKIP() << "needs the cluster's folder in RAMPART_TEST_POSTGRES_DIR (`ctest -L postgres` sets it)";
    }
    const std::string script = std::string(RAMPART_TEST_DATA_DIR) + "/../../scripts/pg-test-cluster.sh";
    const auto control = [&](const char* command) {
        return std::system(fmt::format("'{}' {} '{}' >/dev/null", script, command, cluster).c_str());
    };
    auto two = options();
    two.pool_size = 2;
    auto db = open(two);
    ASSERT_TRUE(db);
    EXPECT_EQ(count(*db, "SELECT 1"), 1);

    // Whatever happens below, the server runs again for the tests after.
    struct Restart {
        std::function<int(const char*)> control;
        ~Restart() { control("start"); }
    } restart{control};
    ASSERT_EQ(control("halt"), 0);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto down = db->query("SELECT 1");
        ASSERT_FALSE(down.ok());
        EXPECT_EQ(down.error().code, core::ErrorCode::Unavailable);
        EXPECT_EQ(down.error().message.rfind("the database is unavailable: ", 0), 0u) << down.error().message;
    }
    ASSERT_EQ(control("start"), 0);
    // Both connections of the pool come back, without a new pool.
    std::vector<std::future<int64_t>> requests;
    requests.reserve(2);
    for (int i = 0; i < 2; ++i) {
        requests.push_back(std::async(std::launch::async, [&] {
            core::Result<void> done = db->transaction([&]() -> core::Result<void> {
                RAMPART_TRY(db->query("SELECT pg_sleep(0.1)"));
                return {};
            });
            return done.ok() ? int64_t{1} : int64_t{0};
        }));
    }
    int64_t succeeded = 0;
    for (auto& request : requests) succeeded += request.get();
    EXPECT_EQ(succeeded, 2);
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(migrations().size()));
}

TEST_F(PostgresDatabase, ThreadsGetTheirOwnConnectionsAndWaitForAFreeOne) {
    auto pool = options();
    pool.pool_size = 2;
    pool.checkout_timeout = milliseconds(300);
    auto db = open(pool);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("CREATE TABLE counter (n INTEGER)").ok());

    // Two transactions at once run on two connections: neither sees the
    // other's uncommitted row.
    std::promise<void> first_wrote;
    std::promise<void> second_checked;
    auto first = std::async(std::launch::async, [&] {
        return db->transaction([&]() -> core::Result<void> {
            RAMPART_TRY(db->exec("INSERT INTO counter VALUES (1)"));
            first_wrote.set_value();
            second_checked.get_future().wait();
            return {};
        });
    });
    first_wrote.get_future().wait();
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM counter"), 0);

    // With both connections taken, a third request waits, then gives up.
    auto holder = std::async(std::launch::async, [&] {
        return db->transaction([&]() -> core::Result<void> {
            RAMPART_TRY(db->query("SELECT pg_sleep(1)"));
            return {};
        });
    });
    std::this_thread::sleep_for(milliseconds(100));
    const auto waited = db->query("SELECT 1");
    ASSERT_FALSE(waited.ok());
    EXPECT_EQ(waited.error().code, core::ErrorCode::Unavailable);
    EXPECT_NE(waited.error().message.find("no connection became free"), std::string::npos) << waited.error().message;
    second_checked.set_value();
    ASSERT_TRUE(first.get().ok());
    ASSERT_TRUE(holder.get().ok());
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM counter"), 1);
}

TEST_F(PostgresDatabase, ACommitAfterASwallowedFailureIsReportedAndNothingIsKept) {
    auto db = open(options());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("CREATE TABLE kept (n INTEGER)").ok());
    const auto committed = db->transaction([&]() -> core::Result<void> {
        RAMPART_TRY(db->exec("INSERT INTO kept VALUES (1)"));
        const auto failed = db->query("SELECT 1 / 0");
        EXPECT_FALSE(failed.ok());
        return {};  // the failure is dropped on purpose
    });
    ASSERT_FALSE(committed.ok());
    EXPECT_NE(committed.error().message.find("rolled back"), std::string::npos) << committed.error().message;
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM kept"), 0);
}

TEST_F(PostgresDatabase, ParametersAreValuesNeverSql) {
    auto db = open(options());
    ASSERT_TRUE(db);
    for (const std::string text : {"'; DROP TABLE schema_migrations; --", "$1", "\\x00 é ✓ \"q\"", ""}) {
        const auto rows = db->query("SELECT $1::text", {text});
        ASSERT_TRUE(rows.ok()) << rows.error().to_string();
        EXPECT_EQ(rows->front().text(0), text);
    }
    const auto elements = db->query("SELECT unnest($1::text[])", {Param::text_array({"a,b", "\"q\"", "NULL", "x\\"})});
    ASSERT_TRUE(elements.ok()) << elements.error().to_string();
    ASSERT_EQ(elements->size(), 4);
    EXPECT_EQ((*elements)[0].text(0), "a,b");
    EXPECT_EQ((*elements)[1].text(0), "\"q\"");
    EXPECT_EQ((*elements)[2].text(0), "NULL");
    EXPECT_FALSE((*elements)[2].is_null(0));
    EXPECT_EQ((*elements)[3].text(0), "x\\");

    // TEXT cannot hold NUL; the value is refused rather than cut short.
    const auto nul = db->query("SELECT $1::text", {std::string_view("a\0b", 3)});
    ASSERT_FALSE(nul.ok());
    EXPECT_EQ(nul.error().code, core::ErrorCode::InvalidArgument);
    EXPECT_EQ(count(*db, "SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(migrations().size()));
}

}  // namespace
}  // namespace rampart::storage::postgres
