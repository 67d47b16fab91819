#include "storage/sqlite/sqlite_tenancy_store.h"

#include "core/time.h"

namespace rampart::storage::sqlite {
namespace {

constexpr const char* USER_COLUMNS = "id, email, name, password_hash, created_at";
constexpr const char* KEY_SELECT =
    "SELECT k.id, k.company_id, k.user_id, u.email, m.role, k.prefix, k.hash, k.name, k.created_at, k.last_used_at, "
    "k.revoked_at FROM api_keys k JOIN users u ON u.id = k.user_id "
    "LEFT JOIN memberships m ON m.company_id = k.company_id AND m.user_id = k.user_id ";

model::User read_user(const Statement& row) {
    return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

model::ApiKey read_key(const Statement& row) {
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

core::Result<std::optional<model::Company>> SqliteTenancyStore::find_company(const std::string& name) {
    auto row = RAMPART_TRY(m_db.prepare("SELECT id, name, created_at FROM companies WHERE name = ?"));
    row.bind(1, name);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Company>();
    return std::optional<model::Company>(model::Company{row.integer(0), row.text(1), row.text(2)});
}

core::Result<std::optional<model::Company>> SqliteTenancyStore::find_company_by_id(int64_t id) {
    auto row = RAMPART_TRY(m_db.prepare("SELECT id, name, created_at FROM companies WHERE id = ?"));
    row.bind(1, id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Company>();
    return std::optional<model::Company>(model::Company{row.integer(0), row.text(1), row.text(2)});
}

core::Result<model::Company> SqliteTenancyStore::create_company(const std::string& name) {
    const auto now = core::utc_now_iso8601();
    auto insert = RAMPART_TRY(m_db.prepare("INSERT INTO companies (name, created_at) VALUES (?, ?) RETURNING id"));
    insert.bind(1, name).bind(2, now);
    RAMPART_TRY(insert.step());
    return model::Company{insert.integer(0), name, now};
}

core::Result<std::optional<model::User>> SqliteTenancyStore::find_user(const std::string& email) {
    auto row = RAMPART_TRY(m_db.prepare(std::string("SELECT ") + USER_COLUMNS + " FROM users WHERE email = ?"));
    row.bind(1, email);
    if (!RAMPART_TRY(row.step())) return std::optional<model::User>();
    return std::optional<model::User>(read_user(row));
}

core::Result<std::optional<model::User>> SqliteTenancyStore::find_user_by_id(int64_t id) {
    auto row = RAMPART_TRY(m_db.prepare(std::string("SELECT ") + USER_COLUMNS + " FROM users WHERE id = ?"));
    row.bind(1, id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::User>();
    return std::optional<model::User>(read_user(row));
}

core::Result<model::User> SqliteTenancyStore::create_user(const std::string& email, const std::string& name,
                                                          const std::string& password_hash) {
    const auto now = core::utc_now_iso8601();
    auto insert = RAMPART_TRY(
        m_db.prepare("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id"));
    insert.bind(1, email).bind(2, name).bind(3, password_hash).bind(4, now);
    RAMPART_TRY(insert.step());
    return model::User{insert.integer(0), email, name, password_hash, now};
}

core::Result<std::optional<model::Role>> SqliteTenancyStore::role_of(int64_t company_id, int64_t user_id) {
    auto row = RAMPART_TRY(m_db.prepare("SELECT role FROM memberships WHERE company_id = ? AND user_id = ?"));
    row.bind(1, company_id).bind(2, user_id);
    if (!RAMPART_TRY(row.step())) return std::optional<model::Role>();
    return model::role_from_string(row.text(0));
}

core::Result<void> SqliteTenancyStore::set_role(int64_t company_id, int64_t user_id, model::Role role) {
    auto upsert =
        RAMPART_TRY(m_db.prepare("INSERT INTO memberships (company_id, user_id, role) VALUES (?, ?, ?) "
                                 "ON CONFLICT (company_id, user_id) DO UPDATE SET role = excluded.role"));
    return upsert.bind(1, company_id).bind(2, user_id).bind(3, model::to_string(role)).run();
}

core::Result<std::vector<std::pair<model::User, model::Role>>> SqliteTenancyStore::members(int64_t company_id) {
    auto rows = RAMPART_TRY(
        m_db.prepare("SELECT u.id, u.email, u.name, u.password_hash, u.created_at, m.role FROM memberships m "
                     "JOIN users u ON u.id = m.user_id WHERE m.company_id = ? ORDER BY u.email"));
    rows.bind(1, company_id);
    std::vector<std::pair<model::User, model::Role>> out;
    while (RAMPART_TRY(rows.step())) {
        out.emplace_back(read_user(rows), model::role_from_string(rows.text(5)).value_or(model::Role::Viewer));
    }
    return out;
}

core::Result<model::ApiKey> SqliteTenancyStore::create_api_key(const model::ApiKey& key) {
    auto insert = RAMPART_TRY(m_db.prepare(
        "INSERT INTO api_keys (company_id, user_id, prefix, hash, name, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "RETURNING id"));
    insert.bind(1, key.company_id)
        .bind(2, key.user_id)
        .bind(3, key.prefix)
        .bind(4, key.hash)
        .bind(5, key.name)
        .bind(6, key.created_at);
    RAMPART_TRY(insert.step());
    auto stored = key;
    stored.id = insert.integer(0);
    return stored;
}

core::Result<std::optional<model::ApiKey>> SqliteTenancyStore::find_api_key(const std::string& prefix) {
    auto row = RAMPART_TRY(m_db.prepare(std::string(KEY_SELECT) + "WHERE k.prefix = ?"));
    row.bind(1, prefix);
    if (!RAMPART_TRY(row.step())) return std::optional<model::ApiKey>();
    return std::optional<model::ApiKey>(read_key(row));
}

core::Result<std::vector<model::ApiKey>> SqliteTenancyStore::list_api_keys(int64_t company_id) {
    auto rows = RAMPART_TRY(m_db.prepare(std::string(KEY_SELECT) + "WHERE k.company_id = ? ORDER BY k.id"));
    rows.bind(1, company_id);
    std::vector<model::ApiKey> out;
    while (RAMPART_TRY(rows.step())) out.push_back(read_key(rows));
    return out;
}

core::Result<bool> SqliteTenancyStore::revoke_api_key(int64_t company_id, const std::string& prefix,
                                                      const std::string& at) {
    auto update = RAMPART_TRY(m_db.prepare(
        "UPDATE api_keys SET revoked_at = ? WHERE company_id = ? AND prefix = ? AND revoked_at IS NULL RETURNING id"));
    update.bind(1, at).bind(2, company_id).bind(3, prefix);
    const bool revoked = RAMPART_TRY(update.step());
    update.reset();
    return revoked;
}

core::Result<void> SqliteTenancyStore::touch_api_key(int64_t key_id, const std::string& at) {
    auto update = RAMPART_TRY(m_db.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?"));
    return update.bind(1, at).bind(2, key_id).run();
}

}  // namespace rampart::storage::sqlite
