#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <variant>

#include "api/api.h"
#include "api/schema_sdl.h"
#include "api_harness.h"
#include "engine/permissions.h"
#include "model/threat_model.h"

namespace rampart::api::testing {
namespace {

TEST(ApiSchema, BuildsWithEveryFieldBound) {
    auto built = build_schema();
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<graphql::Schema>>(built)) << std::get<std::string>(built);
    const auto& schema = *std::get<std::unique_ptr<graphql::Schema>>(built);
    EXPECT_TRUE(schema.unbound_fields().empty());
    ASSERT_NE(schema.query_type(), nullptr);
    ASSERT_NE(schema.mutation_type(), nullptr);
}

TEST(ApiSchema, DescribesEveryTypeFieldArgumentAndEnumValue) {
    const auto& schema = ApiHarness::schema();
    for (const auto& type : schema.types()) {
        if (type->built_in) continue;
        EXPECT_FALSE(type->description.empty()) << type->name;
        for (const auto& field : type->fields) {
            EXPECT_FALSE(field.description.empty()) << type->name << "." << field.name;
            for (const auto& argument : field.arguments) {
                EXPECT_FALSE(argument.description.empty())
                    << type->name << "." << field.name << "(" << argument.name << ")";
            }
        }
        for (const auto& field : type->input_fields) {
            EXPECT_FALSE(field.description.empty()) << type->name << "." << field.name;
        }
        for (const auto& value : type->enum_values) {
            EXPECT_FALSE(value.description.empty()) << type->name << "." << value.name;
        }
    }
}

TEST(ApiSchema, EnumValuesMatchTheDomainNames) {
    // The enums are the model's names in SCREAMING_CASE; a value the model
    // lacks (or the reverse) would fail at run time, so they are held equal here.
    const auto& schema = ApiHarness::schema();
    const auto values = [&](std::string_view name) {
        std::vector<std::string> out;
        for (const auto& value : schema.type(name)->enum_values) out.push_back(value.name);
        return out;
    };
    EXPECT_EQ(values("Role"), (std::vector<std::string>{"ADMIN", "SECURITY_ANALYST", "DEVELOPER", "VIEWER"}));
    EXPECT_EQ(values("ProjectStatus"), (std::vector<std::string>{"PLANNED", "RUNNING", "FIXING", "DONE"}));
    EXPECT_EQ(values("RequirementStatus"),
              (std::vector<std::string>{"NOT_STARTED", "IN_PROGRESS", "NOT_APPLICABLE", "DONE"}));
    std::vector<std::string> kinds;
    for (const auto kind : model::all_item_kinds()) {
        std::string name(model::to_string(kind));
        for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        kinds.push_back(name);
    }
    EXPECT_EQ(values("ItemKind"), kinds);
    std::vector<std::string> permissions;
    for (const auto permission : engine::all_permissions()) {
        std::string name(engine::to_string(permission));
        for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        permissions.push_back(name);
    }
    EXPECT_EQ(values("Permission"), permissions);
}

}  // namespace
}  // namespace rampart::api::testing
