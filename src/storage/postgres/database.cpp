#include "storage/postgres/database.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>

namespace rampart::storage::postgres {
namespace {

// pg_type OIDs (src/include/catalog/pg_type.dat); fixed since PostgreSQL 7.
constexpr unsigned BOOL_OID = 16;
constexpr unsigned BYTEA_OID = 17;
constexpr unsigned INT8_OID = 20;
constexpr unsigned TEXT_OID = 25;
constexpr unsigned FLOAT8_OID = 701;
constexpr unsigned TEXT_ARRAY_OID = 1009;
constexpr unsigned INT8_ARRAY_OID = 1016;

/// Beyond this many distinct statements a connection stops preparing new
/// ones and sends them unprepared, so the server's memory stays bounded.
constexpr size_t MAX_PREPARED = 512;

std::string_view trim_message(const char* message) {
    std::string_view text = message == nullptr ? "" : message;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    return text;
}

core::Error unavailable(std::string_view why) {
    return core::Error::make(core::ErrorCode::Unavailable, fmt::format("the database is unavailable: {}", why));
}

}  // namespace

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// Param.

Param::Param(std::string_view text) : m_value(std::string(text)), m_type(TEXT_OID) {}
Param::Param(const std::string& text) : m_value(text), m_type(TEXT_OID) {}
Param::Param(const char* text) : m_value(std::string(text)), m_type(TEXT_OID) {}
Param::Param(int64_t value) : m_value(std::to_string(value)), m_type(INT8_OID) {}
// Shortest text that reads back as the same double (fmt's default).
Param::Param(double value) : m_value(fmt::format("{}", value)), m_type(FLOAT8_OID) {}
Param::Param(bool value) : m_value(value ? "t" : "f"), m_type(BOOL_OID) {}
Param::Param(std::nullopt_t /*unused*/) {}

Param Param::bytes(std::string_view value) {
    Param param;
    param.m_value = std::string(value);
    param.m_type = BYTEA_OID;
    param.m_binary = true;
    return param;
}

Param Param::text_array(const std::vector<std::string>& values) {
    // Array literal syntax (PostgreSQL manual §8.15.2): every element is
    // double-quoted, with backslash before `"` and `\`, so commas, braces
    // and the word NULL inside an element stay plain text.
    std::string literal = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += '"';
        for (const char c : values[i]) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    literal += '}';
    Param param;
    param.m_value = std::move(literal);
    param.m_type = TEXT_ARRAY_OID;
    return param;
}

Param Param::integer_array(const std::vector<int64_t>& values) {
    std::string literal = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += std::to_string(values[i]);
    }
    literal += '}';
    Param param;
    param.m_value = std::move(literal);
    param.m_type = INT8_ARRAY_OID;
    return param;
}

// Rows.

void Rows::Clear::operator()(pg_result* result) const { PQclear(result); }

Rows::Rows(pg_result* result) : m_result(result) {}

int Rows::size() const { return PQntuples(m_result.get()); }

int64_t Rows::affected() const {
    const std::string_view text = PQcmdTuples(m_result.get());
    int64_t count = 0;
    std::from_chars(text.data(), text.data() + text.size(), count);
    return count;
}

std::string_view Row::view(int column) const {
    auto* result = m_rows->m_result.get();
    return {PQgetvalue(result, m_index, column), static_cast<size_t>(PQgetlength(result, m_index, column))};
}

std::string Row::text(int column) const { return std::string(view(column)); }

int64_t Row::integer(int column) const {
    const auto text = view(column);
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

double Row::real(int column) const {
    // PQgetvalue is NUL-terminated; strtod reads "Infinity" and "NaN" too.
    return std::strtod(PQgetvalue(m_rows->m_result.get(), m_index, column), nullptr);
}

bool Row::boolean(int column) const {
    const auto text = view(column);
    return !text.empty() && text.front() == 't';
}

bool Row::is_null(int column) const { return PQgetisnull(m_rows->m_result.get(), m_index, column) != 0; }

// Connection.

void Connection::on_notice(void* connection, const pg_result* notice) {
    const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    const auto message = trim_message(PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY));
    if (severity != nullptr && (std::string_view(severity) == "FATAL" || std::string_view(severity) == "PANIC")) {
        static_cast<Connection*>(connection)->m_broken = true;
        spdlog::warn("the database closed a connection: {}", message);
        return;
    }
    // libpq would print notices (for example "schema already exists,
    // skipping") on stderr; they belong in the log, at debug level.
    spdlog::debug("postgresql: {}", message);
}

core::Result<std::unique_ptr<Connection>> Connection::connect(const Options& options) {
    // Later entries win (libpq §34.1): the defaults come before the URI so
    // that the URI may override them; the encoding comes after it because
    // every string Rampart exchanges is UTF-8.
    const auto connect_timeout = std::to_string(options.connect_timeout.count());
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
    const char* values[] = {connect_timeout.c_str(), options.application_name.c_str(), options.uri.c_str(), "UTF8",
                            nullptr};
    pg_conn* handle = PQconnectdbParams(keywords, values, 1);
    if (handle == nullptr) return unavailable("out of memory while connecting");
    if (PQstatus(handle) != CONNECTION_OK) {
        auto error = unavailable(trim_message(PQerrorMessage(handle)));
        PQfinish(handle);
        return error;
    }
    std::unique_ptr<Connection> connection(new Connection(handle, options));
    PQsetNoticeReceiver(handle, on_notice, connection.get());
    RAMPART_TRY(connection->set_up());
    return connection;
}

Connection::~Connection() { PQfinish(m_connection); }

core::Result<void> Connection::set_up() {
    // The values are the operator's settings, never a request's text; SET
    // takes no parameters, so they are formatted (the schema quoted).
    RAMPART_TRY(exec(fmt::format("SET statement_timeout = {}", m_options.statement_timeout.count())));
    if (!m_options.schema.empty()) {
        RAMPART_TRY(exec(fmt::format("SET search_path = {}", quote_identifier(m_options.schema))));
    }
    return {};
}

bool Connection::healthy() const { return !m_broken && PQstatus(m_connection) == CONNECTION_OK; }

bool Connection::alive() {
    if (!healthy()) return false;
    // libpq's socket is non-blocking underneath: PQconsumeInput only takes
    // what has arrived. A server that ended the connection sent a last FATAL
    // message and closed the socket; either one is enough to tell. An idle
    // connection receives nothing else but the odd notice, so a few reads
    // settle it.
    for (int read = 0; read < 3; ++read) {
        // PQisBusy parses what arrived, handing a FATAL message to
        // on_notice, which marks the connection lost.
        if (PQconsumeInput(m_connection) == 0 || PQstatus(m_connection) != CONNECTION_OK ||
            PQisBusy(m_connection) != 0 || m_broken) {
            m_broken = true;
            return false;
        }
    }
    return true;
}

bool Connection::in_transaction() const { return PQtransactionStatus(m_connection) != PQTRANS_IDLE; }

core::Result<void> Connection::reset() {
    PQreset(m_connection);
    // Prepared statements lived in the server process, which is gone.
    m_prepared.clear();
    if (PQstatus(m_connection) != CONNECTION_OK) {
        m_broken = true;
        return unavailable(trim_message(PQerrorMessage(m_connection)));
    }
    m_broken = false;
    PQsetNoticeReceiver(m_connection, on_notice, this);
    spdlog::info("reconnected to the database");
    return set_up();
}

core::Error Connection::failure(pg_result* result, std::string_view sql) {
    const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string_view sqlstate = state == nullptr ? "" : state;
    const char* primary = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const std::string message(trim_message(primary != nullptr ? primary : PQerrorMessage(m_connection)));

    // Class 08 is "connection exception"; 57P01-57P03 are the server
    // shutting down or starting (PostgreSQL manual, appendix A).
    const bool lost = PQstatus(m_connection) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "57P01" ||
                      sqlstate == "57P02" || sqlstate == "57P03" || (result == nullptr && sqlstate.empty());
    if (lost) {
        m_broken = true;
        return unavailable(message);
    }
    if (sqlstate == "57014") {
        return core::Error::make(
            core::ErrorCode::Unavailable,
            fmt::format("the database did not finish \"{:.60}\" within the statement timeout of {} ms; try again later",
                        sql, m_options.statement_timeout.count()));
    }
    const auto code =
        sqlstate.starts_with("23") ? core::ErrorCode::Conflict  // integrity constraint violation
        : (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate.starts_with("53"))
            ? core::ErrorCode::Unavailable                               // serialization, deadlock, lock, resources
        : sqlstate.starts_with("22") ? core::ErrorCode::InvalidArgument  // data exception
                                     : core::ErrorCode::Internal;
    return core::Error::make(code, fmt::format("database error while running \"{:.60}\": {}", sql, message));
}

core::Result<Rows> Connection::query(std::string_view sql, std::initializer_list<Param> params, ResultFormat format) {
    return run(sql, params.begin(), params.size(), format);
}

core::Result<Rows> Connection::query(std::string_view sql, const std::vector<Param>& params, ResultFormat format) {
    return run(sql, params.data(), params.size(), format);
}

core::Result<Rows> Connection::run(std::string_view sql, const Param* params, size_t count, ResultFormat format) {
    if (!healthy()) return unavailable("the connection to the server was lost");
    std::vector<const char*> values(count);
    std::vector<int> lengths(count);
    std::vector<int> formats(count);
    std::vector<unsigned> types(count);
    for (size_t i = 0; i < count; ++i) {
        const auto& param = params[i];
        types[i] = param.type();
        if (param.is_null()) continue;
        // Text parameters travel NUL-terminated: a NUL inside would cut the
        // value short without a word (and TEXT cannot hold one anyway).
        if (!param.is_binary() && param.value().find('\0') != std::string::npos) {
            return core::Error::make(core::ErrorCode::InvalidArgument,
                                     "the text contains a NUL character, which the database cannot store");
        }
        values[i] = param.value().c_str();
        lengths[i] = static_cast<int>(param.value().size());
        formats[i] = param.is_binary() ? 1 : 0;
    }
    const int result_format = format == ResultFormat::Binary ? 1 : 0;
    const std::string statement(sql);
    const int n = static_cast<int>(count);

    auto prepared = m_prepared.find(statement);
    if (prepared == m_prepared.end() && m_prepared.size() < MAX_PREPARED) {
        auto name = fmt::format("rampart_{}", m_prepared.size() + 1);
        pg_result* done = PQprepare(m_connection, name.c_str(), statement.c_str(), n, types.data());
        if (PQresultStatus(done) != PGRES_COMMAND_OK) {
            auto error = failure(done, sql);
            PQclear(done);
            return error;
        }
        PQclear(done);
        prepared = m_prepared.emplace(statement, std::move(name)).first;
    }
    pg_result* result = prepared != m_prepared.end()
                            ? PQexecPrepared(m_connection, prepared->second.c_str(), n, values.data(), lengths.data(),
                                             formats.data(), result_format)
                            : PQexecParams(m_connection, statement.c_str(), n, types.data(), values.data(),
                                           lengths.data(), formats.data(), result_format);
    const auto status = PQresultStatus(result);
    if (result != nullptr && (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)) return Rows(result);
    auto error = failure(result, sql);
    PQclear(result);
    return error;
}

core::Result<std::string> Connection::exec(std::string_view sql) {
    if (!healthy()) return unavailable("the connection to the server was lost");
    const std::string statement(sql);
    pg_result* result = PQexec(m_connection, statement.c_str());
    const auto status = PQresultStatus(result);
    if (result != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) {
        std::string tag = PQcmdStatus(result);
        PQclear(result);
        return tag;
    }
    auto error = failure(result, sql);
    PQclear(result);
    return error;
}

// Lease.

Lease::~Lease() {
    if (m_database != nullptr) m_database->release(m_slot);
}

Connection& Lease::operator*() const { return *m_database->m_slots[m_slot].connection; }

// Database.

core::Result<std::unique_ptr<Database>> Database::open(Options options) {
    if (options.pool_size < 1) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("the pool needs at least one connection (got {})", options.pool_size));
    }
    std::unique_ptr<Database> db(new Database(std::move(options)));
    db->m_slots.resize(static_cast<size_t>(db->m_options.pool_size));
    for (auto& slot : db->m_slots) slot.connection = RAMPART_TRY(Connection::connect(db->m_options));
    RAMPART_TRY(db->migrate());
    return db;
}

Database::~Database() = default;

core::Result<Lease> Database::lease() {
    std::unique_lock lock(m_mutex);
    const auto me = std::this_thread::get_id();
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].busy && m_slots[i].owner == me) {
            ++m_slots[i].leases;
            return Lease(*this, i);
        }
    }
    size_t chosen = 0;
    const auto free_slot = [&] {
        for (size_t i = 0; i < m_slots.size(); ++i) {
            if (!m_slots[i].busy) {
                chosen = i;
                return true;
            }
        }
        return false;
    };
    if (!m_freed.wait_for(lock, m_options.checkout_timeout, free_slot)) {
        return core::Error::make(core::ErrorCode::Unavailable,
                                 fmt::format("the database is unavailable: no connection became free within {} ms "
                                             "(all {} are in use)",
                                             m_options.checkout_timeout.count(), m_slots.size()));
    }
    auto& slot = m_slots[chosen];
    slot.busy = true;
    slot.owner = me;
    slot.leases = 1;
    lock.unlock();

    Lease lease(*this, chosen);
    // A connection lost since its last use (the server restarted, or an
    // operator ended its server process) is reconnected here, so the pool heals
    // itself as soon as the server answers again.
    if (!slot.connection->alive()) RAMPART_TRY(slot.connection->reset());
    if (slot.connection->in_transaction()) RAMPART_TRY(slot.connection->exec("ROLLBACK"));
    return lease;
}

void Database::release(size_t slot) {
    std::lock_guard lock(m_mutex);
    auto& entry = m_slots[slot];
    if (--entry.leases > 0) return;
    entry.busy = false;
    entry.owner = {};
    m_freed.notify_one();
}

core::Result<void> Database::transaction(const std::function<core::Result<void>()>& work) {
    auto lease = RAMPART_TRY(this->lease());
    // Only the thread holding the slot touches in_transaction.
    auto& slot = m_slots[lease.m_slot];
    if (slot.in_transaction) return work();
    RAMPART_TRY(lease->exec("BEGIN"));
    slot.in_transaction = true;
    auto result = work();
    slot.in_transaction = false;
    if (!result.ok()) {
        if (lease->healthy()) (void)lease->exec("ROLLBACK");
        return result;
    }
    const auto tag = lease->exec("COMMIT");
    if (!tag.ok()) {
        if (lease->healthy() && lease->in_transaction()) (void)lease->exec("ROLLBACK");
        return tag.error();
    }
    // COMMIT of a transaction in which a statement failed rolls back and
    // says so only in its command tag.
    if (*tag != "COMMIT") {
        return core::Error::make(core::ErrorCode::Internal,
                                 "the transaction was rolled back because a statement in it failed");
    }
    return {};
}

core::Result<Rows> Database::query(std::string_view sql, std::initializer_list<Param> params) {
    auto lease = RAMPART_TRY(this->lease());
    return lease->query(sql, params);
}

core::Result<Rows> Database::query(std::string_view sql, const std::vector<Param>& params) {
    auto lease = RAMPART_TRY(this->lease());
    return lease->query(sql, params);
}

core::Result<std::string> Database::exec(std::string_view sql) {
    auto lease = RAMPART_TRY(this->lease());
    return lease->exec(sql);
}

core::Result<int> Database::schema_version() {
    const auto rows = RAMPART_TRY(query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return static_cast<int>(rows.front().integer(0));
}

core::Result<void> Database::migrate() {
    auto lease = RAMPART_TRY(this->lease());
    // Waiting for another instance's migration, or a long migration, must
    // not run into the statement timeout.
    RAMPART_TRY(lease->exec("SET statement_timeout = 0"));
    // Instances that start together take turns: the first migrates, the
    // others then find nothing left to do. The lock belongs to the connection, so it
    // goes with the connection should this process die.
    const auto lock_key = "rampart.migrations:" + m_options.schema;
    RAMPART_TRY(lease->query("SELECT pg_advisory_lock(hashtext($1))", {lock_key}));
    auto migrated = [&]() -> core::Result<void> {
        if (!m_options.schema.empty()) {
            RAMPART_TRY(lease->exec("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(m_options.schema)));
        }
        RAMPART_TRY(lease->exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))"));
        const int current = RAMPART_TRY(schema_version());
        const int newest = migrations().empty() ? 0 : migrations().back().number;
        if (current > newest) {
            return core::Error::make(
                core::ErrorCode::Unavailable,
                fmt::format("the database has schema version {}, newer than this rampart knows ({}); use a newer "
                            "rampart",
                            current, newest));
        }
        for (const auto& migration : migrations()) {
            if (migration.number <= current) continue;
            RAMPART_TRY(transaction([&]() -> core::Result<void> {
                RAMPART_TRY(lease->exec(migration.sql));
                RAMPART_TRY(lease->query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                         {migration.number, migration.name}));
                return {};
            }));
            spdlog::info("applied migration {:04} {}", migration.number, migration.name);
        }
        return {};
    }();
    const auto unlocked = lease->query("SELECT pg_advisory_unlock(hashtext($1))", {lock_key});
    if (!migrated.ok()) return migrated;
    if (!unlocked.ok()) return unlocked.error();
    RAMPART_TRY(lease->exec(fmt::format("SET statement_timeout = {}", m_options.statement_timeout.count())));
    return {};
}

}  // namespace rampart::storage::postgres
