#include "storage/postgres/pg_tenancy_store.h"

#include "core/time.h"

namespace rampart::storage::postgres {
namespace {

constexpr std::string_view USER_SELECT = "SELECT id, email, name, password_hash, created_at FROM users ";
constexpr std::string_view KEY_SELECT =
    "SELECT k.id, k.company_id, k.user_id, u.email, m.role, k.prefix, k.hash, k.name, k.created_at, k.last_used_at, "
    "k.revoked_at FROM api_keys k JOIN users u ON u.id = k.user_id "
    "LEFT JOIN memberships m ON m.company_id = k.company_id AND m.user_id = k.user_id ";

model::User read_user(const Row& row) { return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)}; }

model::ApiKey read_key(const Row& row) {
    model::ApiKey key;
    key.id = row.integer(0);
    key.company_id = row.integer(1);
    key.user_id = row.integer(2);
    key.user_email = row.text(3);
    // A key whose user lost the membership keeps no role: viewer, and the
    // authentication refuses it anyway.
    key.role = model::role_from_string(row.text(4)).value_or(model::Role::Viewer);
    key.prefix = row.text(5);
    key.hash = row.text(6);
    key.name = row.text(7);
    key.created_at = row.text(8);
    if (!row.is_null(9)) key.last_used_at = row.text(9);
    if (!row.is_null(10)) key.revoked_at = row.text(10);
    return key;
}

}  // namespace

core::Result<std::optional<model::Company>> PgTenancyStore::find_company(const std::string& name) {
    const auto rows = RAMPART_TRY(m_db.query("SELECT id, name, created_at FROM companies WHERE name = $1", {name}));
    if (rows.empty()) return std::optional<model::Company>();
    const auto row = rows.front();
    return std::optional<model::Company>(model::Company{row.integer(0), row.text(1), row.text(2)});
}

core::Result<std::optional<model::Company>> PgTenancyStore::find_company_by_id(int64_t id) {
    const auto rows = RAMPART_TRY(m_db.query("SELECT id, name, created_at FROM companies WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<model::Company>();
    const auto row = rows.front();
    return std::optional<model::Company>(model::Company{row.integer(0), row.text(1), row.text(2)});
}

core::Result<model::Company> PgTenancyStore::create_company(const std::string& name) {
    const auto now = core::utc_now_iso8601();
    const auto rows =
        RAMPART_TRY(m_db.query("INSERT INTO companies (name, created_at) VALUES ($1, $2) RETURNING id", {name, now}));
    return model::Company{rows.front().integer(0), name, now};
}

core::Result<std::optional<model::User>> PgTenancyStore::find_user(const std::string& email) {
    // nocase() is the expression of the unique index users_by_email.
    const auto rows = RAMPART_TRY(m_db.query(std::string(USER_SELECT) + "WHERE nocase(email) = nocase($1)", {email}));
    if (rows.empty()) return std::optional<model::User>();
    return std::optional<model::User>(read_user(rows.front()));
}

core::Result<std::optional<model::User>> PgTenancyStore::find_user_by_id(int64_t id) {
    const auto rows = RAMPART_TRY(m_db.query(std::string(USER_SELECT) + "WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<model::User>();
    return std::optional<model::User>(read_user(rows.front()));
}

core::Result<model::User> PgTenancyStore::create_user(const std::string& email, const std::string& name,
                                                      const std::string& password_hash) {
    const auto now = core::utc_now_iso8601();
    const auto rows = RAMPART_TRY(
        m_db.query("INSERT INTO users (email, name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                   {email, name, password_hash, now}));
    return model::User{rows.front().integer(0), email, name, password_hash, now};
}

core::Result<std::optional<model::Role>> PgTenancyStore::role_of(int64_t company_id, int64_t user_id) {
    const auto rows = RAMPART_TRY(
        m_db.query("SELECT role FROM memberships WHERE company_id = $1 AND user_id = $2", {company_id, user_id}));
    if (rows.empty()) return std::optional<model::Role>();
    return model::role_from_string(rows.front().text(0));
}

core::Result<void> PgTenancyStore::set_role(int64_t company_id, int64_t user_id, model::Role role) {
    RAMPART_TRY(
        m_db.query("INSERT INTO memberships (company_id, user_id, role) VALUES ($1, $2, $3) "
                   "ON CONFLICT (company_id, user_id) DO UPDATE SET role = excluded.role",
                   {company_id, user_id, model::to_string(role)}));
    return {};
}

core::Result<std::vector<std::pair<model::User, model::Role>>> PgTenancyStore::members(int64_t company_id) {
    // Ordered as SQLite orders its NOCASE column: ASCII case folded, then
    // byte order.
    const auto rows = RAMPART_TRY(
        m_db.query("SELECT u.id, u.email, u.name, u.password_hash, u.created_at, m.role FROM memberships m "
                   "JOIN users u ON u.id = m.user_id WHERE m.company_id = $1 ORDER BY nocase(u.email) COLLATE \"C\"",
                   {company_id}));
    std::vector<std::pair<model::User, model::Role>> out;
    for (const auto row : rows) {
        out.emplace_back(read_user(row), model::role_from_string(row.text(5)).value_or(model::Role::Viewer));
    }
    return out;
}

core::Result<model::ApiKey> PgTenancyStore::create_api_key(const model::ApiKey& key) {
    const auto rows = RAMPART_TRY(m_db.query(
        "INSERT INTO api_keys (company_id, user_id, prefix, hash, name, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
        "RETURNING id",
        {key.company_id, key.user_id, key.prefix, key.hash, key.name, key.created_at}));
    auto stored = key;
    stored.id = rows.front().integer(0);
    return stored;
}

core::Result<std::optional<model::ApiKey>> PgTenancyStore::find_api_key(const std::string& prefix) {
    const auto rows = RAMPART_TRY(m_db.query(std::string(KEY_SELECT) + "WHERE k.prefix = $1", {prefix}));
    if (rows.empty()) return std::optional<model::ApiKey>();
    return std::optional<model::ApiKey>(read_key(rows.front()));
}

core::Result<std::vector<model::ApiKey>> PgTenancyStore::list_api_keys(int64_t company_id) {
    const auto rows =
        RAMPART_TRY(m_db.query(std::string(KEY_SELECT) + "WHERE k.company_id = $1 ORDER BY k.id", {company_id}));
    std::vector<model::ApiKey> out;
    for (const auto row : rows) out.push_back(read_key(row));
    return out;
}

core::Result<bool> PgTenancyStore::revoke_api_key(int64_t company_id, const std::string& prefix,
                                                  const std::string& at) {
    const auto rows = RAMPART_TRY(
        m_db.query("UPDATE api_keys SET revoked_at = $1 WHERE company_id = $2 AND prefix = $3 AND revoked_at IS NULL "
                   "RETURNING id",
                   {at, company_id, prefix}));
    return !rows.empty();
}

core::Result<void> PgTenancyStore::touch_api_key(int64_t key_id, const std::string& at) {
    RAMPART_TRY(m_db.query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", {at, key_id}));
    return {};
}

}  // namespace rampart::storage::postgres
