#pragma once

#include "storage/postgres/database.h"
#include "storage/tenancy_store.h"

namespace rampart::storage::postgres {

/// TenancyStore on PostgreSQL. E-mail addresses compare without regard to
/// ASCII case, as in the SQLite backend.
class PgTenancyStore final : public TenancyStore {
public:
    explicit PgTenancyStore(Database& db) : m_db(db) {}

    core::Result<std::optional<model::Company>> find_company(const std::string& name) override;
    core::Result<std::optional<model::Company>> find_company_by_id(int64_t id) override;
    core::Result<model::Company> create_company(const std::string& name) override;
    core::Result<std::optional<model::User>> find_user(const std::string& email) override;
    core::Result<std::optional<model::User>> find_user_by_id(int64_t id) override;
    core::Result<model::User> create_user(const std::string& email, const std::string& name,
                                          const std::string& password_hash) override;
    core::Result<std::optional<model::Role>> role_of(int64_t company_id, int64_t user_id) override;
    core::Result<void> set_role(int64_t company_id, int64_t user_id, model::Role role) override;
    core::Result<std::vector<std::pair<model::User, model::Role>>> members(int64_t company_id) override;
    core::Result<model::ApiKey> create_api_key(const model::ApiKey& key) override;
    core::Result<std::optional<model::ApiKey>> find_api_key(const std::string& prefix) override;
    core::Result<std::vector<model::ApiKey>> list_api_keys(int64_t company_id) override;
    core::Result<bool> revoke_api_key(int64_t company_id, const std::string& prefix, const std::string& at) override;
    core::Result<void> touch_api_key(int64_t key_id, const std::string& at) override;

private:
    Database& m_db;
};

}  // namespace rampart::storage::postgres
