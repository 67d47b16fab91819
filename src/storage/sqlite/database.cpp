#include "storage/sqlite/database.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <filesystem>

namespace rampart::storage::sqlite {

core::Error sqlite_error(sqlite3* db, std::string_view doing) {
    const int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
    const auto error_code =
        (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? core::ErrorCode::Unavailable
        : (code == SQLITE_CONSTRAINT)                  ? core::ErrorCode::Conflict
        : (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY)
            ? core::ErrorCode::Io
            : core::ErrorCode::Internal;
    return core::Error::make(
        error_code, fmt::format("database error while {}: {}", doing, db ? sqlite3_errmsg(db) : "out of memory"));
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_statement(other.m_statement), m_cache(other.m_cache) {
    other.m_statement = nullptr;
}

Statement::~Statement() {
    if (m_statement == nullptr) return;
    if (m_cache != nullptr) {
        m_cache->give_back(m_statement);
    } else {
        sqlite3_finalize(m_statement);
    }
}

Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_statement, index, value);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_statement, index);
    return *this;
}

core::Result<bool> Statement::step() {
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    return sqlite_error(m_db, fmt::format("running \"{:.60}\"", sqlite3_sql(m_statement)));
}

core::Result<void> Statement::run() {
    RAMPART_TRY(step());
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

std::string Statement::text(int column) const {
    const auto* value = sqlite3_column_text(m_statement, column);
    if (value == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(value),
                       static_cast<size_t>(sqlite3_column_bytes(m_statement, column)));
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_statement, column); }

double Statement::real(int column) const { return sqlite3_column_double(m_statement, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
    if (path != ":memory:") {
        const auto folder = std::filesystem::path(path).parent_path();
        std::error_code error;
        if (!folder.empty()) std::filesystem::create_directories(folder, error);
        if (error) {
            return core::Error::make(
                core::ErrorCode::Io,
                fmt::format("cannot create the folder {} for the database: {}", folder.string(), error.message()));
        }
    }
    sqlite3* handle = nullptr;
    const int code = sqlite3_open_v2(path.c_str(), &handle,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code != SQLITE_OK) {
        auto error = sqlite_error(handle, fmt::format("opening {}", path));
        error.code = core::ErrorCode::Io;
        sqlite3_close(handle);
        return error;
    }
    std::unique_ptr<Database> db(new Database(handle, path));
    sqlite3_busy_timeout(handle, 5000);
    // Foreign keys are off by default in SQLite and must be enabled per
    // connection; WAL lets readers continue while one writer commits.
    RAMPART_TRY(db->exec("PRAGMA foreign_keys = ON"));
    if (path != ":memory:") RAMPART_TRY(db->exec("PRAGMA journal_mode = WAL"));
    RAMPART_TRY(db->exec("PRAGMA synchronous = NORMAL"));
    RAMPART_TRY(db->migrate());
    return db;
}

Database::~Database() {
    for (auto& [sql, statement] : m_statements) sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

void Database::give_back(sqlite3_stmt* statement) {
    // A cached statement must not keep its read transaction open: reset it
    // whether or not it ran to the end.
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    // Enough for every fixed statement of the stores; SQL built with a
    // varying shape (IN lists) cannot crowd the cache beyond this.
    constexpr size_t MAX_CACHED = 256;
    const char* sql = sqlite3_sql(statement);
    if (sql == nullptr || m_statements.size() >= MAX_CACHED) {
        sqlite3_finalize(statement);
        return;
    }
    if (!m_statements.try_emplace(sql, statement).second) sqlite3_finalize(statement);
}

core::Result<void> Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string statement(sql);
    if (sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        auto error = sqlite_error(m_db, fmt::format("running \"{:.60}\"", statement));
        sqlite3_free(message);
        return error;
    }
    return {};
}

core::Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    if (const auto cached = m_statements.find(std::string(sql)); cached != m_statements.end()) {
        statement = cached->second;
        m_statements.erase(cached);
        return Statement(m_db, statement, this);
    }
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
        return sqlite_error(m_db, fmt::format("preparing \"{:.60}\"", sql));
    }
    return Statement(m_db, statement, this);
}

core::Result<void> Database::transaction(const std::function<core::Result<void>()>& work) {
    // Nested calls join the outer transaction: the outermost one decides.
    if (m_transaction_depth > 0) return work();
    RAMPART_TRY(exec("BEGIN IMMEDIATE"));
    ++m_transaction_depth;
    auto result = work();
    --m_transaction_depth;
    if (!result.ok()) {
        (void)exec("ROLLBACK");
        return result;
    }
    if (auto committed = exec("COMMIT"); !committed.ok()) {
        (void)exec("ROLLBACK");
        return committed;
    }
    return {};
}

core::Result<int> Database::schema_version() {
    auto statement = RAMPART_TRY(prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    RAMPART_TRY(statement.step());
    return static_cast<int>(statement.integer(0));
}

core::Result<void> Database::migrate() {
    RAMPART_TRY(
        exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"));
    const int current = RAMPART_TRY(schema_version());
    const int newest = migrations().empty() ? 0 : migrations().back().number;
    if (current > newest) {
        return core::Error::make(core::ErrorCode::Unavailable,
                                 fmt::format("the database {} has schema version {}, newer than this rampart knows "
                                             "({}); use a newer rampart",
                                             m_path, current, newest));
    }
    for (const auto& migration : migrations()) {
        if (migration.number <= current) continue;
        RAMPART_TRY(transaction([&]() -> core::Result<void> {
            RAMPART_TRY(exec(migration.sql));
            auto record = RAMPART_TRY(prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"));
            record.bind(1, migration.number).bind(2, migration.name);
            return record.run();
        }));
        spdlog::info("applied migration {:04} {}", migration.number, migration.name);
    }
    return {};
}

}  // namespace rampart::storage::sqlite
