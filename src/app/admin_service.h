#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "model/tenancy.h"
#include "model/workflow.h"
#include "storage/tenancy_store.h"

namespace rampart::app {

/// Runs `work` in one storage transaction (all or nothing); the composition
/// root passes the backend's, e.g. `storage::sqlite::Database::transaction`.
using TransactionRunner = std::function<core::Result<void>(const std::function<core::Result<void>()>&)>;

/// A key just created. `plain_key` is shown once and never stored: the
/// record keeps only its prefix and hash.
struct CreatedApiKey {
    std::string plain_key;  ///< "rk_" + 8-character id + "_" + 43 base64url characters
    model::ApiKey record;
};

/// Companies, users, API keys and passwords: who may call Rampart.
///
/// API keys read `rk_<id>_<secret>`: the id (8 random lower-case letters and
/// digits) makes the stored prefix `rk_<id>` that finds the key and names it
/// in listings; the secret is 32 random bytes in URL-safe base64 without
/// padding. Only the BLAKE2b hash (crypto_generichash, 32 bytes, hex) of the
/// whole key is stored, so a copy of the database holds no usable key.
class AdminService {
public:
    AdminService(storage::TenancyStore& tenancy, TransactionRunner transaction);

    /// The operator's bootstrap (the local CLI, trusted because it holds the
    /// database): creates the company and the user when missing, sets the
    /// user's role in the company (adding or changing the membership) and
    /// creates a key for them. One transaction.
    [[nodiscard]] core::Result<CreatedApiKey> create_key(const std::string& company_name, const std::string& email,
                                                         model::Role role, const std::string& key_name);

    /// The same within the actor's company. With ManageApiKeys (admins) for
    /// anyone; with ManageOwnApiKeys only for the actor, keeping their role
    /// (Forbidden otherwise: nobody raises their own role with a key).
    [[nodiscard]] core::Result<CreatedApiKey> create_key(const model::Actor& actor, const std::string& email,
                                                         model::Role role, const std::string& key_name);

    /// Resolves a presented key to the actor it speaks for; Unauthenticated
    /// when the key is malformed, unknown, wrong, revoked or its user is no
    /// longer a member of the company. Records when the key was last used, to
    /// the minute (at most one write a minute per key).
    [[nodiscard]] core::Result<model::Actor> authenticate(std::string_view plain_key);

    /// The members of the actor's company with their roles (ReadProjects:
    /// whoever may read projects sees who works on them).
    [[nodiscard]] core::Result<std::vector<std::pair<model::User, model::Role>>> members(const model::Actor& actor);
    /// The actor's company.
    [[nodiscard]] core::Result<model::Company> company(const model::Actor& actor);

    /// Every key of a company (operator; NotFound for an unknown company).
    [[nodiscard]] core::Result<std::vector<model::ApiKey>> list_keys(const std::string& company_name);
    /// The keys of the actor's company (ManageApiKeys), or only the actor's
    /// own (ManageOwnApiKeys).
    [[nodiscard]] core::Result<std::vector<model::ApiKey>> list_keys(const model::Actor& actor);

    /// Revokes a key by its prefix (operator); NotFound when the company holds
    /// no such active key.
    [[nodiscard]] core::Result<void> revoke_key(const std::string& company_name, const std::string& prefix);
    /// Revokes a key of the actor's company (ManageApiKeys) or one of the
    /// actor's own keys (ManageOwnApiKeys); anything else is NotFound, so a
    /// caller learns nothing of keys they may not manage.
    [[nodiscard]] core::Result<void> revoke_key(const model::Actor& actor, const std::string& prefix);

    /// The argon2id hash of a password (crypto_pwhash_str, interactive
    /// limits) as stored in `User::password_hash`. InvalidArgument for a
    /// password shorter than MIN_PASSWORD_LENGTH.
    [[nodiscard]] static core::Result<std::string> hash_password(std::string_view password);

    /// Checks a password for the web sign-in; answers the user, or
    /// Unauthenticated (the same for an unknown user, no password set and a
    /// wrong password).
    [[nodiscard]] core::Result<model::User> verify_password(const std::string& email, const std::string& password);

    /// The shortest password accepted (ASVS 4.0.3 V2.1.1: at least 12 characters).
    static constexpr size_t MIN_PASSWORD_LENGTH = 12;

    /// The hash stored for a key: BLAKE2b-256 of the whole key, lower-case hex.
    [[nodiscard]] static std::string hash_key(std::string_view plain_key);

private:
    [[nodiscard]] core::Result<CreatedApiKey> create_key_in(const model::Company& company, const std::string& email,
                                                            model::Role role, const std::string& key_name);
    [[nodiscard]] core::Result<model::Company> company_named(const std::string& company_name);

    storage::TenancyStore& m_tenancy;
    TransactionRunner m_transaction;
};

}  // namespace rampart::app
