#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/tenancy.h"

namespace rampart::storage {

/// One page of a listing.
struct PageRequest {
    int page = 1;    ///< from 1
    int limit = 50;  ///< 1 to 1000
};

template <typename T>
struct Page {
    std::vector<T> items;
    int total = 0;
    int page = 1;
    int limit = 50;

    [[nodiscard]] int total_pages() const { return limit <= 0 ? 0 : (total + limit - 1) / limit; }
};

/// Companies, users, memberships and API keys.
class TenancyStore {
public:
    virtual ~TenancyStore() = default;

    [[nodiscard]] virtual core::Result<std::optional<model::Company>> find_company(const std::string& name) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::Company>> find_company_by_id(int64_t id) = 0;
    [[nodiscard]] virtual core::Result<model::Company> create_company(const std::string& name) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::User>> find_user(const std::string& email) = 0;
    [[nodiscard]] virtual core::Result<std::optional<model::User>> find_user_by_id(int64_t id) = 0;
    [[nodiscard]] virtual core::Result<model::User> create_user(const std::string& email, const std::string& name,
                                                                const std::string& password_hash) = 0;
    /// The user's role in the company, if a member.
    [[nodiscard]] virtual core::Result<std::optional<model::Role>> role_of(int64_t company_id, int64_t user_id) = 0;
    /// Adds the membership or changes its role.
    [[nodiscard]] virtual core::Result<void> set_role(int64_t company_id, int64_t user_id, model::Role role) = 0;
    /// The members of a company with their roles.
    [[nodiscard]] virtual core::Result<std::vector<std::pair<model::User, model::Role>>> members(
        int64_t company_id) = 0;

    [[nodiscard]] virtual core::Result<model::ApiKey> create_api_key(const model::ApiKey& key) = 0;
    /// Looks a key up by its prefix, across companies (authentication does
    /// not know the company yet); the caller checks the hash.
    [[nodiscard]] virtual core::Result<std::optional<model::ApiKey>> find_api_key(const std::string& prefix) = 0;
    [[nodiscard]] virtual core::Result<std::vector<model::ApiKey>> list_api_keys(int64_t company_id) = 0;
    /// False when the company holds no such key (or it was revoked already).
    [[nodiscard]] virtual core::Result<bool> revoke_api_key(int64_t company_id, const std::string& prefix,
                                                            const std::string& at) = 0;
    [[nodiscard]] virtual core::Result<void> touch_api_key(int64_t key_id, const std::string& at) = 0;
};

}  // namespace rampart::storage
