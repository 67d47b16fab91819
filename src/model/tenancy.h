#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/workflow.h"

namespace rampart::model {

/// A tenant. Everything else belongs to exactly one company.
struct Company {
    int64_t id = 0;
    std::string name;
    std::string created_at;
};

struct User {
    int64_t id = 0;
    std::string email;
    std::string name;
    std::string password_hash;  ///< argon2id (libsodium crypto_pwhash_str); empty when none is set
    std::string created_at;
};

/// An API key as stored: the key itself is never kept, only its hash.
struct ApiKey {
    int64_t id = 0;
    int64_t company_id = 0;
    int64_t user_id = 0;
    std::string user_email;
    Role role = Role::Viewer;
    std::string prefix;  ///< the first characters of the key, shown in listings
    std::string hash;
    std::string name;
    std::string created_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};

/// Who is acting: resolved from an API key (or, later, a session) and passed
/// to every use case, which scopes everything to `company_id`.
struct Actor {
    int64_t user_id = 0;
    int64_t company_id = 0;
    Role role = Role::Viewer;
    std::string email;
};

/// An application, repository or service of a company.
struct Asset {
    int64_t id = 0;
    int64_t company_id = 0;
    std::string name;
    std::string description;
    std::vector<std::string> tags;
    std::string business_impact;
    std::string data_classification;
    std::string created_at;
};

}  // namespace rampart::model
