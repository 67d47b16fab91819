// The backend-neutral conformance suite for TenancyStore and for the
// transactions every store runs in: every backend is instantiated below and
// must pass the same tests.
#include "storage/tenancy_store.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/storage_backends.h"

namespace rampart::storage {
namespace {

using model::Role;
using testing::BackendTest;

template <typename T>
T expect_ok(core::Result<T> result) {
    if (!result.ok()) throw std::runtime_error(result.error().to_string());
    return std::move(result).value();
}

void expect_ok(const core::Result<void>& result) {
    if (!result.ok()) throw std::runtime_error(result.error().to_string());
}

class TenancyStoreConformance : public BackendTest {
protected:
    TenancyStore& store() { return backend().tenancy(); }

    model::ApiKey key(int64_t company_id, int64_t user_id, std::string prefix, std::string name = "ci") {
        model::ApiKey k;
        k.company_id = company_id;
        k.user_id = user_id;
        k.prefix = std::move(prefix);
        k.hash = std::string(64, 'a');
        k.name = std::move(name);
        k.created_at = "2026-03-01T12:00:00.000Z";
        return expect_ok(store().create_api_key(k));
    }
};

TEST_P(TenancyStoreConformance, CompaniesAreFoundByTheirExactNameWhichIsUnique) {
    const auto acme = expect_ok(store().create_company("Acme"));
    EXPECT_NE(acme.id, 0);
    EXPECT_EQ(acme.name, "Acme");
    EXPECT_FALSE(acme.created_at.empty());
    const auto found = expect_ok(store().find_company("Acme"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, acme.id);
    EXPECT_EQ(found->created_at, acme.created_at);
    EXPECT_FALSE(expect_ok(store().find_company("acme")).has_value());
    const auto by_id = expect_ok(store().find_company_by_id(acme.id));
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->name, "Acme");
    EXPECT_EQ(by_id->created_at, acme.created_at);
    EXPECT_FALSE(expect_ok(store().find_company_by_id(acme.id + 1000)).has_value());
    EXPECT_FALSE(expect_ok(store().find_company("Globex")).has_value());

    const auto twice = store().create_company("Acme");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, core::ErrorCode::Conflict);
    EXPECT_NE(expect_ok(store().create_company("Globex")).id, acme.id);
}

TEST_P(TenancyStoreConformance, UsersAreFoundByEmailInAnyAsciiCase) {
    const auto ana = expect_ok(store().create_user("Ana@Acme.test", "Ana", "$argon2id$hash"));
    EXPECT_NE(ana.id, 0);
    const auto found = expect_ok(store().find_user("ana@ACME.TEST"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, ana.id);
    EXPECT_EQ(found->email, "Ana@Acme.test");  // kept as written
    EXPECT_EQ(found->name, "Ana");
    EXPECT_EQ(found->password_hash, "$argon2id$hash");
    EXPECT_EQ(found->created_at, ana.created_at);
    const auto by_id = expect_ok(store().find_user_by_id(ana.id));
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->email, "Ana@Acme.test");
    EXPECT_FALSE(expect_ok(store().find_user_by_id(ana.id + 1000)).has_value());
    EXPECT_FALSE(expect_ok(store().find_user("bob@acme.test")).has_value());

    // The same address in another case is the same person.
    const auto twice = store().create_user("ANA@acme.test", "Ana again", "");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, core::ErrorCode::Conflict);
}

TEST_P(TenancyStoreConformance, RolesAreSetChangedAndListedByEmail) {
    const auto acme = expect_ok(store().create_company("Acme")).id;
    const auto globex = expect_ok(store().create_company("Globex")).id;
    const auto bob = expect_ok(store().create_user("bob@acme.test", "Bob", "")).id;
    const auto alice = expect_ok(store().create_user("Alice@acme.test", "Alice", "")).id;
    const auto carol = expect_ok(store().create_user("carol@acme.test", "Carol", "")).id;
    expect_ok(store().set_role(acme, bob, Role::Developer));
    expect_ok(store().set_role(acme, alice, Role::Admin));
    expect_ok(store().set_role(acme, carol, Role::Viewer));
    expect_ok(store().set_role(globex, bob, Role::SecurityAnalyst));

    EXPECT_EQ(expect_ok(store().role_of(acme, bob)), Role::Developer);
    EXPECT_EQ(expect_ok(store().role_of(globex, bob)), Role::SecurityAnalyst);
    EXPECT_FALSE(expect_ok(store().role_of(globex, alice)).has_value());

    expect_ok(store().set_role(acme, bob, Role::SecurityAnalyst));
    EXPECT_EQ(expect_ok(store().role_of(acme, bob)), Role::SecurityAnalyst);

    // Ordered by e-mail address, ignoring ASCII case.
    const auto members = expect_ok(store().members(acme));
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members[0].first.email, "Alice@acme.test");
    EXPECT_EQ(members[0].second, Role::Admin);
    EXPECT_EQ(members[1].first.email, "bob@acme.test");
    EXPECT_EQ(members[1].second, Role::SecurityAnalyst);
    EXPECT_EQ(members[2].first.email, "carol@acme.test");
    EXPECT_EQ(members[2].first.name, "Carol");
    EXPECT_EQ(expect_ok(store().members(globex)).size(), 1u);
    EXPECT_TRUE(expect_ok(store().members(globex + 1000)).empty());

    // A membership needs a real company and user.
    const auto dangling = store().set_role(acme, carol + 1000, Role::Viewer);
    ASSERT_FALSE(dangling.ok());
    EXPECT_EQ(dangling.error().code, core::ErrorCode::Conflict);
}

TEST_P(TenancyStoreConformance, ApiKeysAreFoundListedTouchedAndRevokedPerCompany) {
    const auto acme = expect_ok(store().create_company("Acme")).id;
    const auto globex = expect_ok(store().create_company("Globex")).id;
    const auto dev = expect_ok(store().create_user("dev@acme.test", "Dev", ""));
    expect_ok(store().set_role(acme, dev.id, Role::Developer));
    const auto first = key(acme, dev.id, "rk_aaaaaaaa", "laptop");
    const auto second = key(acme, dev.id, "rk_bbbbbbbb");
    EXPECT_NE(first.id, 0);
    EXPECT_GT(second.id, first.id);

    const auto found = expect_ok(store().find_api_key("rk_aaaaaaaa"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, first.id);
    EXPECT_EQ(found->company_id, acme);
    EXPECT_EQ(found->user_id, dev.id);
    EXPECT_EQ(found->user_email, "dev@acme.test");
    EXPECT_EQ(found->role, Role::Developer);
    EXPECT_EQ(found->hash, std::string(64, 'a'));
    EXPECT_EQ(found->name, "laptop");
    EXPECT_EQ(found->created_at, "2026-03-01T12:00:00.000Z");
    EXPECT_FALSE(found->last_used_at.has_value());
    EXPECT_FALSE(found->revoked_at.has_value());
    EXPECT_FALSE(expect_ok(store().find_api_key("rk_zzzzzzzz")).has_value());

    const auto duplicate = store().create_api_key(first);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, core::ErrorCode::Conflict);

    expect_ok(store().touch_api_key(first.id, "2026-03-02T08:00:00.000Z"));
    EXPECT_EQ(expect_ok(store().find_api_key("rk_aaaaaaaa"))->last_used_at, std::string("2026-03-02T08:00:00.000Z"));

    // Another company can neither list nor revoke the keys.
    EXPECT_TRUE(expect_ok(store().list_api_keys(globex)).empty());
    EXPECT_FALSE(expect_ok(store().revoke_api_key(globex, "rk_aaaaaaaa", "2026-03-03T00:00:00.000Z")));
    EXPECT_TRUE(expect_ok(store().revoke_api_key(acme, "rk_aaaaaaaa", "2026-03-03T00:00:00.000Z")));
    EXPECT_FALSE(expect_ok(store().revoke_api_key(acme, "rk_aaaaaaaa", "2026-03-04T00:00:00.000Z")))
        << "a key is revoked once";
    EXPECT_FALSE(expect_ok(store().revoke_api_key(acme, "rk_zzzzzzzz", "2026-03-04T00:00:00.000Z")));

    const auto listed = expect_ok(store().list_api_keys(acme));
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].prefix, "rk_aaaaaaaa");
    EXPECT_EQ(listed[0].revoked_at, std::string("2026-03-03T00:00:00.000Z"));
    EXPECT_EQ(listed[1].prefix, "rk_bbbbbbbb");
    EXPECT_FALSE(listed[1].revoked_at.has_value());
}

TEST_P(TenancyStoreConformance, AKeyOfAUserWhoLeftTheCompanyReadsAsAViewer) {
    const auto acme = expect_ok(store().create_company("Acme")).id;
    const auto admin = expect_ok(store().create_user("admin@acme.test", "Admin", ""));
    expect_ok(store().set_role(acme, admin.id, Role::Admin));
    key(acme, admin.id, "rk_cccccccc");
    expect_ok(backend().execute("DELETE FROM memberships"));
    const auto found = expect_ok(store().find_api_key("rk_cccccccc"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->role, Role::Viewer);
}

TEST_P(TenancyStoreConformance, ATransactionIsAllOrNothingAndNestedCallsJoinIt) {
    const auto failed = backend().transaction([&]() -> core::Result<void> {
        RAMPART_TRY(store().create_company("Acme"));
        RAMPART_TRY(backend().transaction([&]() -> core::Result<void> {
            RAMPART_TRY(store().create_company("Globex"));
            return {};
        }));
        return core::Error::make(core::ErrorCode::InvalidData, "stop");
    });
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "stop");
    EXPECT_FALSE(expect_ok(store().find_company("Acme")).has_value());
    EXPECT_FALSE(expect_ok(store().find_company("Globex")).has_value());

    expect_ok(backend().transaction([&]() -> core::Result<void> {
        RAMPART_TRY(store().create_company("Acme"));
        // Reads inside the transaction see its own writes.
        if (!RAMPART_TRY(store().find_company("Acme"))) {
            return core::Error::make(core::ErrorCode::Internal, "the transaction does not see its own write");
        }
        return {};
    }));
    EXPECT_TRUE(expect_ok(store().find_company("Acme")).has_value());
}

TEST_P(TenancyStoreConformance, AFailedStatementFailsItsTransactionAndTheStoreGoesOn) {
    expect_ok(store().create_company("Acme"));
    const auto failed = backend().transaction([&]() -> core::Result<void> {
        RAMPART_TRY(store().create_company("Globex"));
        RAMPART_TRY(store().create_company("Acme"));  // taken
        return {};
    });
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, core::ErrorCode::Conflict);
    EXPECT_FALSE(expect_ok(store().find_company("Globex")).has_value());
    // The connection is usable again at once.
    EXPECT_EQ(expect_ok(store().create_company("Initech")).name, "Initech");
}

RAMPART_STORAGE_BACKENDS(TenancyStoreConformance);

}  // namespace
}  // namespace rampart::storage
