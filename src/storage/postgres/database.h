#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.h"

struct pg_conn;
struct pg_result;

namespace rampart::storage::postgres {

/// How to reach the server and how to treat it.
struct Options {
    /// A libpq connection string, usually a URI:
    /// postgresql://user@host:5432/rampart?sslmode=require.
    std::string uri;
    /// The number of connections the pool holds open.
    int pool_size = 4;
    /// Set on every connection (`SET statement_timeout`): a statement that
    /// runs longer is cancelled by the server and answers Unavailable.
    std::chrono::milliseconds statement_timeout{30'000};
    /// How long a request waits for a free connection before it answers
    /// Unavailable.
    std::chrono::milliseconds checkout_timeout{30'000};
    /// libpq's connect_timeout, unless the URI names one.
    std::chrono::seconds connect_timeout{5};
    /// The schema all tables live in (created when missing); empty uses the
    /// server's search_path. Several deployments can share one database this
    /// way, and each test gets a clean one.
    std::string schema;
    /// Shown in pg_stat_activity, so an operator can tell whose connections
    /// these are.
    std::string application_name = "rampart";
};

/// One value for a `$n` placeholder. Values travel separately from the SQL
/// text (PQexecParams), so nothing a user typed can ever change a statement.
class Param {
public:
    // Implicit on purpose: a parameter list reads `{company_id, name}`.
    Param(std::string_view text);                             // NOLINT(google-explicit-constructor)
    Param(const std::string& text);                           // NOLINT(google-explicit-constructor)
    Param(const char* text);                                  // NOLINT(google-explicit-constructor)
    Param(int64_t value);                                     // NOLINT(google-explicit-constructor)
    Param(int value) : Param(static_cast<int64_t>(value)) {}  // NOLINT(google-explicit-constructor)
    Param(double value);                                      // NOLINT(google-explicit-constructor)
    Param(bool value);                                        // NOLINT(google-explicit-constructor)
    Param(std::nullopt_t);                                    // NOLINT(google-explicit-constructor)

    /// Bytes for a BYTEA column, sent in binary (no escaping, any byte).
    [[nodiscard]] static Param bytes(std::string_view value);
    /// A PostgreSQL array literal of texts (`$1::text[]`), for bulk inserts
    /// with unnest() and for `= ANY($1)`.
    [[nodiscard]] static Param text_array(const std::vector<std::string>& values);
    /// A PostgreSQL array literal of integers (`$1::bigint[]`).
    [[nodiscard]] static Param integer_array(const std::vector<int64_t>& values);

    [[nodiscard]] bool is_null() const { return !m_value.has_value(); }
    [[nodiscard]] const std::string& value() const { return *m_value; }
    [[nodiscard]] unsigned type() const { return m_type; }
    [[nodiscard]] bool is_binary() const { return m_binary; }

private:
    Param() = default;

    std::optional<std::string> m_value;
    unsigned m_type = 0;  // a pg_type OID; 0 lets the server infer it
    bool m_binary = false;
};

class Rows;

/// One row of a result; columns count from 0.
class Row {
public:
    Row(const Rows& rows, int index) : m_rows(&rows), m_index(index) {}

    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] std::string_view view(int column) const;
    [[nodiscard]] int64_t integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] bool boolean(int column) const;
    [[nodiscard]] bool is_null(int column) const;

private:
    const Rows* m_rows;
    int m_index;
};

/// The rows a statement answered (owns the libpq result).
class Rows {
public:
    explicit Rows(pg_result* result);
    Rows(Rows&&) noexcept = default;
    Rows& operator=(Rows&&) noexcept = default;
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    ~Rows() = default;

    [[nodiscard]] int size() const;
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] Row operator[](int index) const { return {*this, index}; }
    [[nodiscard]] Row front() const { return {*this, 0}; }
    /// The rows an INSERT, UPDATE or DELETE touched.
    [[nodiscard]] int64_t affected() const;

    class Iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Row;
        using difference_type = int;
        using pointer = void;
        using reference = Row;

        Iterator(const Rows& rows, int index) : m_rows(&rows), m_index(index) {}
        Row operator*() const { return {*m_rows, m_index}; }
        Iterator& operator++() {
            ++m_index;
            return *this;
        }
        bool operator==(const Iterator& other) const { return m_index == other.m_index; }

    private:
        const Rows* m_rows;
        int m_index;
    };
    [[nodiscard]] Iterator begin() const { return {*this, 0}; }
    [[nodiscard]] Iterator end() const { return {*this, size()}; }

private:
    friend class Row;
    struct Clear {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Clear> m_result;
};

/// Whether result columns come as text or as raw bytes (BYTEA content).
enum class ResultFormat { Text, Binary };

/// One libpq connection, set up for Rampart (statement timeout, search
/// path). Statements are prepared once per connection and then only
/// executed.
class Connection {
public:
    /// Connects; Unavailable when the server cannot be reached.
    [[nodiscard]] static core::Result<std::unique_ptr<Connection>> connect(const Options& options);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one parameterised statement.
    [[nodiscard]] core::Result<Rows> query(std::string_view sql, std::initializer_list<Param> params = {},
                                           ResultFormat format = ResultFormat::Text);
    [[nodiscard]] core::Result<Rows> query(std::string_view sql, const std::vector<Param>& params,
                                           ResultFormat format = ResultFormat::Text);
    /// Runs SQL without parameters, possibly several statements (migrations,
    /// BEGIN/COMMIT); answers the command tag of the last one.
    [[nodiscard]] core::Result<std::string> exec(std::string_view sql);

    /// False once the connection was lost; the pool resets it before the
    /// next use.
    [[nodiscard]] bool healthy() const;
    /// Like healthy(), but also reads whatever the server sent while the
    /// connection sat idle (without waiting), so a connection the server ended
    /// (restart, pg_terminate_backend) is noticed before a request runs
    /// into it.
    [[nodiscard]] bool alive();
    /// Reconnects (PQreset) and sets the connection up again; Unavailable
    /// while the server cannot be reached.
    [[nodiscard]] core::Result<void> reset();
    /// Whether a transaction is open on the server side.
    [[nodiscard]] bool in_transaction() const;

private:
    Connection(pg_conn* connection, const Options& options) : m_connection(connection), m_options(options) {}
    [[nodiscard]] core::Result<void> set_up();
    [[nodiscard]] core::Result<Rows> run(std::string_view sql, const Param* params, size_t count, ResultFormat format);
    /// Turns a failed result (or none) into an Error, and notes a lost
    /// connection.
    [[nodiscard]] core::Error failure(pg_result* result, std::string_view sql);
    /// libpq's notice receiver: notices go to the log; a FATAL message that
    /// arrives while the connection is idle (the server ending it)
    /// marks the connection lost.
    static void on_notice(void* connection, const pg_result* notice);

    pg_conn* m_connection;
    Options m_options;
    bool m_broken = false;
    /// SQL text → name of its prepared statement on this connection.
    std::unordered_map<std::string, std::string> m_prepared;
};

class Database;

/// A connection borrowed from the pool by the current thread; returned when
/// the last lease of the thread ends. A thread that already holds one (for
/// instance inside `transaction`) gets the same connection again, so a
/// use case's statements all run in its transaction.
class Lease {
public:
    Lease(Database& database, size_t slot) : m_database(&database), m_slot(slot) {}
    Lease(Lease&& other) noexcept : m_database(other.m_database), m_slot(other.m_slot) { other.m_database = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Connection& operator*() const;
    Connection* operator->() const { return &**this; }

private:
    friend class Database;
    Database* m_database;
    size_t m_slot;
};

/// One embedded migration (generated from migrations/NNNN_name.sql).
struct Migration {
    int number;
    std::string_view name;
    std::string_view sql;
};
[[nodiscard]] const std::vector<Migration>& migrations();

/// A fixed pool of PostgreSQL connections with the numbered migrations
/// applied. Safe to share between threads: each request borrows a
/// connection (waiting while all are busy). A connection that broke is
/// reset when it is next borrowed, so the pool recovers by itself once the
/// server is back; until then requests answer Unavailable.
class Database {
public:
    /// Connects every connection of the pool and migrates (two instances
    /// starting together take turns, under an advisory lock).
    [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(Options options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The calling thread's connection: the one it already holds, else a
    /// free one (reset first when it was lost).
    [[nodiscard]] core::Result<Lease> lease();

    /// Runs `work` inside BEGIN … COMMIT on the thread's connection; every
    /// store call `work` makes runs in it. Any failure (or a failed commit)
    /// rolls everything back. Nested calls join the outer transaction.
    [[nodiscard]] core::Result<void> transaction(const std::function<core::Result<void>()>& work);

    /// One statement on the thread's connection.
    [[nodiscard]] core::Result<Rows> query(std::string_view sql, std::initializer_list<Param> params = {});
    [[nodiscard]] core::Result<Rows> query(std::string_view sql, const std::vector<Param>& params);
    [[nodiscard]] core::Result<std::string> exec(std::string_view sql);

    /// The highest migration applied.
    [[nodiscard]] core::Result<int> schema_version();
    [[nodiscard]] const Options& options() const { return m_options; }

private:
    friend class Lease;
    struct Slot {
        std::unique_ptr<Connection> connection;
        bool busy = false;
        std::thread::id owner;
        int leases = 0;
        bool in_transaction = false;
    };

    explicit Database(Options options) : m_options(std::move(options)) {}
    [[nodiscard]] core::Result<void> migrate();
    void release(size_t slot);

    Options m_options;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<Slot> m_slots;
};

/// Quotes an identifier (a schema name) for SQL text: "name", with inner
/// quotes doubled.
[[nodiscard]] std::string quote_identifier(std::string_view name);

}  // namespace rampart::storage::postgres
