#include "app/admin_service.h"

#include <gtest/gtest.h>

#include <memory>

#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_tenancy_store.h"
#include "test_support.h"

namespace rampart::app {
namespace {

using model::Role;
using testing::TempDir;

class AdminServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::sqlite::Database::open((m_dir / "rampart.db").string());
        ASSERT_TRUE(db.ok()) << db.error().to_string();
        m_db = std::move(db).value();
        m_tenancy = std::make_unique<storage::sqlite::SqliteTenancyStore>(*m_db);
        m_service = std::make_unique<AdminService>(
            *m_tenancy, [this](const std::function<core::Result<void>()>& work) { return m_db->transaction(work); });
    }

    AdminService& service() { return *m_service; }
    storage::sqlite::Database& db() { return *m_db; }

    CreatedApiKey create(const std::string& company, const std::string& email, Role role,
                         const std::string& name = "ci") {
        auto created = service().create_key(company, email, role, name);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().to_string());
        return created.ok() ? std::move(created).value() : CreatedApiKey{};
    }

private:
    TempDir m_dir;
    std::unique_ptr<storage::sqlite::Database> m_db;
    std::unique_ptr<storage::sqlite::SqliteTenancyStore> m_tenancy;
    std::unique_ptr<AdminService> m_service;
};

TEST_F(AdminServiceTest, CreatesCompanyUserAndKeyShownOnceAndStoredOnlyAsAHash) {
    const auto created = create("Acme", "Ana@Acme.test", Role::Admin, "laptop");
    ASSERT_EQ(created.plain_key.size(), 3u + 8u + 1u + 43u) << created.plain_key;
    EXPECT_EQ(created.plain_key.substr(0, 3), "rk_");
    EXPECT_EQ(created.plain_key[11], '_');
    EXPECT_EQ(created.record.prefix, created.plain_key.substr(0, 11));
    EXPECT_EQ(created.record.hash, AdminService::hash_key(created.plain_key));
    EXPECT_EQ(created.record.hash.size(), 64u);
    EXPECT_EQ(created.record.user_email, "ana@acme.test");
    EXPECT_EQ(created.record.role, Role::Admin);
    EXPECT_EQ(created.record.name, "laptop");

    // Nothing in the database holds the key itself.
    auto rows = db().prepare("SELECT prefix, hash FROM api_keys");
    ASSERT_TRUE(rows.ok());
    int count = 0;
    while (*rows->step()) {
        ++count;
        EXPECT_EQ(rows->text(0), created.record.prefix);
        EXPECT_EQ(rows->text(1).find(created.plain_key.substr(12)), std::string::npos);
        EXPECT_NE(rows->text(1), created.plain_key);
    }
    EXPECT_EQ(count, 1);

    // Two keys never share a secret.
    const auto second = create("Acme", "ana@acme.test", Role::Admin, "ci");
    EXPECT_NE(second.plain_key, created.plain_key);
    EXPECT_NE(second.record.prefix, created.record.prefix);
}

TEST_F(AdminServiceTest, AuthenticatesAKeyAsItsUserRoleAndCompany) {
    const auto created = create("Acme", "dev@acme.test", Role::Developer);
    const auto actor = service().authenticate(created.plain_key);
    ASSERT_TRUE(actor.ok()) << actor.error().to_string();
    EXPECT_EQ(actor->company_id, created.record.company_id);
    EXPECT_EQ(actor->user_id, created.record.user_id);
    EXPECT_EQ(actor->role, Role::Developer);
    EXPECT_EQ(actor->email, "dev@acme.test");

    const auto keys = service().list_keys("Acme");
    ASSERT_TRUE(keys.ok());
    ASSERT_EQ(keys->size(), 1u);
    EXPECT_TRUE(keys->front().last_used_at.has_value()) << "authentication records the use";
}

TEST_F(AdminServiceTest, RefusesMalformedUnknownAndAlteredKeysAlike) {
    const auto created = create("Acme", "dev@acme.test", Role::Developer);
    auto altered = created.plain_key;
    altered.back() = altered.back() == 'A' ? 'B' : 'A';
    for (const std::string& key : {std::string(), std::string("rk_"), std::string("not-a-key"),
                                   std::string("rk_zzzzzzzz_") + std::string(43, 'A'), altered, created.plain_key + "x",
                                   created.record.prefix}) {
        const auto actor = service().authenticate(key);
        ASSERT_FALSE(actor.ok()) << key;
        EXPECT_EQ(actor.error().code, core::ErrorCode::Unauthenticated) << key;
        EXPECT_EQ(actor.error().message, "the API key is not valid");
    }
}

TEST_F(AdminServiceTest, RevokedKeysAreRefusedAndListedAsRevoked) {
    const auto created = create("Acme", "dev@acme.test", Role::Developer);
    const auto other = create("Acme", "dev@acme.test", Role::Developer, "second");
    ASSERT_TRUE(service().revoke_key("Acme", created.record.prefix).ok());
    EXPECT_EQ(service().authenticate(created.plain_key).error().code, core::ErrorCode::Unauthenticated);
    EXPECT_TRUE(service().authenticate(other.plain_key).ok()) << "only the named key is revoked";

    const auto again = service().revoke_key("Acme", created.record.prefix);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, core::ErrorCode::NotFound);

    const auto keys = service().list_keys("Acme");
    ASSERT_TRUE(keys.ok());
    ASSERT_EQ(keys->size(), 2u);
    EXPECT_TRUE(keys->at(0).revoked_at.has_value());
    EXPECT_FALSE(keys->at(1).revoked_at.has_value());
}

TEST_F(AdminServiceTest, ACompanyCannotListOrRevokeAnotherCompanysKeys) {
    const auto acme = create("Acme", "ana@acme.test", Role::Admin);
    const auto globex = create("Globex", "gus@globex.test", Role::Admin);
    const auto globex_admin = service().authenticate(globex.plain_key);
    ASSERT_TRUE(globex_admin.ok());

    const auto listed = service().list_keys(*globex_admin);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().prefix, globex.record.prefix);

    const auto revoked = service().revoke_key(*globex_admin, acme.record.prefix);
    ASSERT_FALSE(revoked.ok());
    EXPECT_EQ(revoked.error().code, core::ErrorCode::NotFound);
    EXPECT_TRUE(service().authenticate(acme.plain_key).ok());

    EXPECT_EQ(service().list_keys("Initech").error().code, core::ErrorCode::NotFound);
}

TEST_F(AdminServiceTest, SettingTheRoleAgainChangesTheMembership) {
    const auto first = create("Acme", "sam@acme.test", Role::Viewer);
    const auto second = create("Acme", "sam@acme.test", Role::SecurityAnalyst);
    EXPECT_EQ(first.record.user_id, second.record.user_id);
    // Every key of the user speaks with the user's current role.
    EXPECT_EQ(service().authenticate(first.plain_key)->role, Role::SecurityAnalyst);
}

TEST_F(AdminServiceTest, KeysOfAUserNoLongerAMemberAreRefused) {
    const auto created = create("Acme", "sam@acme.test", Role::Developer);
    ASSERT_TRUE(db().exec("DELETE FROM memberships").ok());
    EXPECT_EQ(service().authenticate(created.plain_key).error().code, core::ErrorCode::Unauthenticated);
}

TEST_F(AdminServiceTest, NonAdminsManageOnlyTheirOwnKeys) {
    const auto admin_key = create("Acme", "ana@acme.test", Role::Admin);
    const auto dev_key = create("Acme", "dev@acme.test", Role::Developer);
    const auto viewer_key = create("Acme", "vic@acme.test", Role::Viewer);
    const auto admin = *service().authenticate(admin_key.plain_key);
    const auto developer = *service().authenticate(dev_key.plain_key);
    const auto viewer = *service().authenticate(viewer_key.plain_key);

    // A developer sees and creates only their own keys, with their own role.
    const auto own = service().list_keys(developer);
    ASSERT_TRUE(own.ok());
    ASSERT_EQ(own->size(), 1u);
    EXPECT_EQ(own->front().prefix, dev_key.record.prefix);
    EXPECT_TRUE(service().create_key(developer, "dev@acme.test", Role::Developer, "ci").ok());
    EXPECT_EQ(service().create_key(developer, "dev@acme.test", Role::Admin, "x").error().code,
              core::ErrorCode::Forbidden);
    EXPECT_EQ(service().create_key(developer, "ana@acme.test", Role::Developer, "x").error().code,
              core::ErrorCode::Forbidden);
    EXPECT_EQ(service().revoke_key(developer, admin_key.record.prefix).error().code, core::ErrorCode::NotFound);
    EXPECT_TRUE(service().revoke_key(developer, dev_key.record.prefix).ok());

    // A viewer manages no keys at all.
    EXPECT_EQ(service().list_keys(viewer).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(service().create_key(viewer, "vic@acme.test", Role::Viewer, "x").error().code,
              core::ErrorCode::Forbidden);

    // An admin manages every key of the company and adds people.
    const auto added = service().create_key(admin, "new@acme.test", Role::SecurityAnalyst, "onboarding");
    ASSERT_TRUE(added.ok()) << added.error().to_string();
    EXPECT_EQ(added->record.company_id, admin.company_id);
    EXPECT_EQ(service().authenticate(added->plain_key)->role, Role::SecurityAnalyst);
    EXPECT_TRUE(service().revoke_key(admin, viewer_key.record.prefix).ok());
    EXPECT_EQ(service().list_keys(admin)->size(), 5u);
}

TEST_F(AdminServiceTest, RefusesBadCompanyNamesAndEmails) {
    EXPECT_EQ(service().create_key("  ", "a@b.test", Role::Admin, "").error().code, core::ErrorCode::InvalidArgument);
    EXPECT_EQ(service().create_key("Acme", "not an email", Role::Admin, "").error().code,
              core::ErrorCode::InvalidArgument);
    EXPECT_FALSE(service().list_keys("Acme").ok()) << "nothing was created";
}

TEST_F(AdminServiceTest, PasswordsAreStoredAsArgon2idAndVerified) {
    const auto hash = AdminService::hash_password("correct horse battery");
    ASSERT_TRUE(hash.ok()) << hash.error().to_string();
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
    EXPECT_EQ(AdminService::hash_password("short").error().code, core::ErrorCode::InvalidArgument);

    storage::sqlite::SqliteTenancyStore tenancy(db());
    ASSERT_TRUE(tenancy.create_user("pat@acme.test", "Pat", *hash).ok());
    const auto user = service().verify_password("Pat@Acme.test", "correct horse battery");
    ASSERT_TRUE(user.ok()) << user.error().to_string();
    EXPECT_EQ(user->email, "pat@acme.test");
    EXPECT_EQ(service().verify_password("pat@acme.test", "wrong horse battery").error().code,
              core::ErrorCode::Unauthenticated);
    EXPECT_EQ(service().verify_password("nobody@acme.test", "correct horse battery").error().code,
              core::ErrorCode::Unauthenticated);
    // Users created with a key have no password: password sign-in is refused.
    create("Acme", "ana@acme.test", Role::Admin);
    EXPECT_EQ(service().verify_password("ana@acme.test", "").error().code, core::ErrorCode::Unauthenticated);
}

}  // namespace
}  // namespace rampart::app
