#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rampart::storage::sqlite {

class Database;

/// A prepared statement. Binding is positional (1-based, as SQLite counts);
/// `step()` answers whether a row is ready. A statement from
/// Database::prepare goes back to the connection's cache when destroyed
/// (reset, bindings cleared), so the next use of the same SQL skips parsing.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* statement, Database* cache = nullptr)
        : m_db(db), m_statement(statement), m_cache(cache) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind_null(int index);

    /// True when a row is ready, false when the statement is done.
    [[nodiscard]] core::Result<bool> step();
    /// Runs a statement that returns no rows.
    [[nodiscard]] core::Result<void> run();
    void reset();

    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] int64_t integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] bool is_null(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_statement;
    Database* m_cache;
};

/// One SQLite connection with foreign keys on, WAL journaling and a busy
/// timeout, and the numbered migrations applied.
class Database {
public:
    /// Opens (creating the file and its folder when missing) and migrates.
    [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    [[nodiscard]] core::Result<void> exec(std::string_view sql);
    /// A statement for `sql`, from the connection's cache when it was
    /// prepared before and is not in use.
    [[nodiscard]] core::Result<Statement> prepare(std::string_view sql);

    /// Runs `work` inside BEGIN IMMEDIATE … COMMIT; any failure (or a failed
    /// commit) rolls everything back, so a use case is all or nothing.
    [[nodiscard]] core::Result<void> transaction(const std::function<core::Result<void>()>& work);

    [[nodiscard]] const std::string& path() const { return m_path; }
    /// The highest migration applied.
    [[nodiscard]] core::Result<int> schema_version();

private:
    friend class Statement;
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    [[nodiscard]] core::Result<void> migrate();
    /// Takes back a statement that is done with (reset); finalizes it when
    /// the cache already holds one for the same SQL or is full.
    void give_back(sqlite3_stmt* statement);

    sqlite3* m_db;
    std::string m_path;
    int m_transaction_depth = 0;
    /// Idle prepared statements by their SQL text.
    std::unordered_map<std::string, sqlite3_stmt*> m_statements;
};

/// Wraps the connection's last error as an Error that names what was being done.
[[nodiscard]] core::Error sqlite_error(sqlite3* db, std::string_view doing);

/// One embedded migration (generated from migrations/NNNN_name.sql).
struct Migration {
    int number;
    std::string_view name;
    std::string_view sql;
};
[[nodiscard]] const std::vector<Migration>& migrations();

}  // namespace rampart::storage::sqlite
