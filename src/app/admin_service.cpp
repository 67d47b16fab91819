#include "app/admin_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>

#include "core/text.h"
#include "core/time.h"
#include "engine/permissions.h"

namespace rampart::app {
namespace {

constexpr std::string_view KEY_SCHEME = "rk_";
constexpr size_t KEY_ID_LENGTH = 8;
constexpr size_t KEY_SECRET_BYTES = 32;
/// "rk_" + the id: what is stored and shown in listings.
constexpr size_t KEY_PREFIX_LENGTH = KEY_SCHEME.size() + KEY_ID_LENGTH;
constexpr std::string_view KEY_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

core::Error unauthenticated() {
    // One message for every refusal, so a caller cannot tell an unknown key
    // from a wrong or revoked one.
    return core::Error::make(core::ErrorCode::Unauthenticated, "the API key is not valid");
}

core::Result<void> ensure_sodium() {
    // sodium_init is idempotent and thread-safe; it fails only when the
    // system offers no randomness.
    if (sodium_init() < 0) return core::Error::make(core::ErrorCode::Internal, "libsodium could not be initialised");
    return {};
}

std::string normalize_email(std::string_view email) { return core::to_lower(core::trim(email)); }

core::Result<std::string> checked_email(std::string_view email) {
    auto normalized = normalize_email(email);
    const auto at = normalized.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == normalized.size() ||
        normalized.find_first_of(" \t\r\n") != std::string::npos) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("'{}' is not an email address", std::string(email)));
    }
    return normalized;
}

/// A fresh key: "rk_" + 8 random letters/digits + "_" + 32 random bytes in
/// URL-safe base64 without padding.
std::string random_key() {
    std::string key(KEY_SCHEME);
    for (size_t i = 0; i < KEY_ID_LENGTH; ++i) {
        key += KEY_ID_ALPHABET[randombytes_uniform(static_cast<uint32_t>(KEY_ID_ALPHABET.size()))];
    }
    key += '_';
    std::array<unsigned char, KEY_SECRET_BYTES> secret{};
    randombytes_buf(secret.data(), secret.size());
    constexpr int VARIANT = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string encoded(sodium_base64_ENCODED_LEN(KEY_SECRET_BYTES, VARIANT), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), secret.data(), secret.size(), VARIANT);
    encoded.resize(std::char_traits<char>::length(encoded.c_str()));
    sodium_memzero(secret.data(), secret.size());
    key += encoded;
    return key;
}

/// The stored prefix of a presented key, when it has the key's shape.
std::optional<std::string> prefix_of(std::string_view key) {
    if (key.size() <= KEY_PREFIX_LENGTH + 1 || key.substr(0, KEY_SCHEME.size()) != KEY_SCHEME ||
        key[KEY_PREFIX_LENGTH] != '_') {
        return std::nullopt;
    }
    const auto id = key.substr(KEY_SCHEME.size(), KEY_ID_LENGTH);
    if (!std::all_of(id.begin(), id.end(), [](char c) { return KEY_ID_ALPHABET.find(c) != std::string_view::npos; })) {
        return std::nullopt;
    }
    return std::string(key.substr(0, KEY_PREFIX_LENGTH));
}

}  // namespace

AdminService::AdminService(storage::TenancyStore& tenancy, TransactionRunner transaction)
    : m_tenancy(tenancy), m_transaction(std::move(transaction)) {}

std::string AdminService::hash_key(std::string_view plain_key) {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(plain_key.data()),
                       plain_key.size(), nullptr, 0);
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

core::Result<model::Company> AdminService::company_named(const std::string& company_name) {
    auto company = RAMPART_TRY(m_tenancy.find_company(std::string(core::trim(company_name))));
    if (!company) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("no company named '{}'", company_name));
    }
    return *company;
}

core::Result<CreatedApiKey> AdminService::create_key_in(const model::Company& company, const std::string& email,
                                                        model::Role role, const std::string& key_name) {
    auto user = RAMPART_TRY(m_tenancy.find_user(email));
    if (!user) user = RAMPART_TRY(m_tenancy.create_user(email, email.substr(0, email.find('@')), ""));
    RAMPART_TRY(m_tenancy.set_role(company.id, user->id, role));

    CreatedApiKey created;
    // The prefix is unique in the table; a clash among 36^8 ids is unlikely
    // but cheap to rule out.
    for (int attempt = 0;; ++attempt) {
        created.plain_key = random_key();
        const auto prefix = created.plain_key.substr(0, KEY_PREFIX_LENGTH);
        if (!RAMPART_TRY(m_tenancy.find_api_key(prefix))) break;
        if (attempt == 8) return core::Error::make(core::ErrorCode::Internal, "no free API key prefix was found");
    }
    model::ApiKey key;
    key.company_id = company.id;
    key.user_id = user->id;
    key.user_email = user->email;
    key.role = role;
    key.prefix = created.plain_key.substr(0, KEY_PREFIX_LENGTH);
    key.hash = hash_key(created.plain_key);
    key.name = std::string(core::trim(key_name));
    key.created_at = core::utc_now_iso8601();
    created.record = RAMPART_TRY(m_tenancy.create_api_key(key));
    created.record.user_email = user->email;
    created.record.role = role;
    return created;
}

core::Result<CreatedApiKey> AdminService::create_key(const std::string& company_name, const std::string& email,
                                                     model::Role role, const std::string& key_name) {
    RAMPART_TRY(ensure_sodium());
    const auto name = std::string(core::trim(company_name));
    if (name.empty()) return core::Error::make(core::ErrorCode::InvalidArgument, "the company name is empty");
    const auto address = RAMPART_TRY(checked_email(email));
    CreatedApiKey created;
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        auto company = RAMPART_TRY(m_tenancy.find_company(name));
        if (!company) company = RAMPART_TRY(m_tenancy.create_company(name));
        created = RAMPART_TRY(create_key_in(*company, address, role, key_name));
        return {};
    }));
    return created;
}

core::Result<CreatedApiKey> AdminService::create_key(const model::Actor& actor, const std::string& email,
                                                     model::Role role, const std::string& key_name) {
    RAMPART_TRY(ensure_sodium());
    const auto address = RAMPART_TRY(checked_email(email));
    if (!engine::allows(actor.role, engine::Permission::ManageApiKeys)) {
        RAMPART_TRY(engine::require(actor.role, engine::Permission::ManageOwnApiKeys));
        if (address != normalize_email(actor.email) || role != actor.role) {
            return core::Error::make(core::ErrorCode::Forbidden,
                                     fmt::format("the role {} may only create keys for its own user and role",
                                                 model::to_string(actor.role)));
        }
    }
    CreatedApiKey created;
    RAMPART_TRY(m_transaction([&]() -> core::Result<void> {
        // Only the company's id is needed; the actor's key proved it exists.
        model::Company company;
        company.id = actor.company_id;
        created = RAMPART_TRY(create_key_in(company, address, role, key_name));
        return {};
    }));
    return created;
}

core::Result<model::Actor> AdminService::authenticate(std::string_view plain_key) {
    RAMPART_TRY(ensure_sodium());
    const auto prefix = prefix_of(plain_key);
    if (!prefix) return unauthenticated();
    const auto key = RAMPART_TRY(m_tenancy.find_api_key(*prefix));
    if (!key) return unauthenticated();
    const auto presented = hash_key(plain_key);
    // Constant time, so the time taken says nothing about how much of the
    // hash matched.
    if (presented.size() != key->hash.size() ||
        sodium_memcmp(presented.data(), key->hash.data(), presented.size()) != 0) {
        return unauthenticated();
    }
    if (key->revoked_at) return unauthenticated();
    const auto role = RAMPART_TRY(m_tenancy.role_of(key->company_id, key->user_id));
    if (!role) return unauthenticated();
    // Last use is recorded to the minute: a write per request would make
    // every API call take the database's write lock.
    const auto now = core::utc_now_iso8601();
    constexpr size_t MINUTE_PREFIX = 16;  // "2026-11-23T14:12"
    if (!key->last_used_at || key->last_used_at->compare(0, MINUTE_PREFIX, now, 0, MINUTE_PREFIX) != 0) {
        RAMPART_TRY(m_tenancy.touch_api_key(key->id, now));
    }
    return model::Actor{key->user_id, key->company_id, *role, key->user_email};
}

core::Result<std::vector<std::pair<model::User, model::Role>>> AdminService::members(const model::Actor& actor) {
    RAMPART_TRY(engine::require(actor.role, engine::Permission::ReadProjects));
    auto members = RAMPART_TRY(m_tenancy.members(actor.company_id));
    // Password hashes never leave the service.
    for (auto& member : members) member.first.password_hash.clear();
    return members;
}

core::Result<model::Company> AdminService::company(const model::Actor& actor) {
    auto company = RAMPART_TRY(m_tenancy.find_company_by_id(actor.company_id));
    if (!company) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("no company {}", actor.company_id));
    }
    return std::move(*company);
}

core::Result<std::vector<model::ApiKey>> AdminService::list_keys(const std::string& company_name) {
    const auto company = RAMPART_TRY(company_named(company_name));
    return m_tenancy.list_api_keys(company.id);
}

core::Result<std::vector<model::ApiKey>> AdminService::list_keys(const model::Actor& actor) {
    auto keys = RAMPART_TRY(m_tenancy.list_api_keys(actor.company_id));
    if (engine::allows(actor.role, engine::Permission::ManageApiKeys)) return keys;
    RAMPART_TRY(engine::require(actor.role, engine::Permission::ManageOwnApiKeys));
    std::erase_if(keys, [&](const model::ApiKey& key) { return key.user_id != actor.user_id; });
    return keys;
}

core::Result<void> AdminService::revoke_key(const std::string& company_name, const std::string& prefix) {
    const auto company = RAMPART_TRY(company_named(company_name));
    if (!RAMPART_TRY(m_tenancy.revoke_api_key(company.id, prefix, core::utc_now_iso8601()))) {
        return core::Error::make(core::ErrorCode::NotFound, fmt::format("no active API key {}", prefix));
    }
    return {};
}

core::Result<void> AdminService::revoke_key(const model::Actor& actor, const std::string& prefix) {
    const auto not_found = core::Error::make(core::ErrorCode::NotFound, fmt::format("no active API key {}", prefix));
    if (!engine::allows(actor.role, engine::Permission::ManageApiKeys)) {
        RAMPART_TRY(engine::require(actor.role, engine::Permission::ManageOwnApiKeys));
        const auto key = RAMPART_TRY(m_tenancy.find_api_key(prefix));
        if (!key || key->company_id != actor.company_id || key->user_id != actor.user_id) return not_found;
    }
    if (!RAMPART_TRY(m_tenancy.revoke_api_key(actor.company_id, prefix, core::utc_now_iso8601()))) return not_found;
    return {};
}

core::Result<std::string> AdminService::hash_password(std::string_view password) {
    RAMPART_TRY(ensure_sodium());
    if (password.size() < MIN_PASSWORD_LENGTH) {
        return core::Error::make(core::ErrorCode::InvalidArgument,
                                 fmt::format("a password needs at least {} characters", MIN_PASSWORD_LENGTH));
    }
    std::array<char, crypto_pwhash_STRBYTES> hash{};
    if (crypto_pwhash_str(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return core::Error::make(core::ErrorCode::Internal, "hashing the password ran out of memory");
    }
    return std::string(hash.data());
}

core::Result<model::User> AdminService::verify_password(const std::string& email, const std::string& password) {
    RAMPART_TRY(ensure_sodium());
    const auto refused = core::Error::make(core::ErrorCode::Unauthenticated, "the email or password is not valid");
    const auto user = RAMPART_TRY(m_tenancy.find_user(normalize_email(email)));
    if (!user || user->password_hash.empty()) return refused;
    if (crypto_pwhash_str_verify(user->password_hash.c_str(), password.data(), password.size()) != 0) return refused;
    return *user;
}

}  // namespace rampart::app
