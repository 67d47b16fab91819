#include "main/admin_commands.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <iostream>

#include "main/output.h"

namespace rampart::cli {

namespace json = boost::json;

int admin_create_key(app::AdminService& service, const CreateKeyArgs& args, bool as_json) {
    const auto role = model::role_from_string(args.role);
    if (!role) {
        return report_error(core::Error::make(core::ErrorCode::InvalidArgument,
                                              fmt::format("unknown role '{}'; expected admin, security_analyst, "
                                                          "developer or viewer",
                                                          args.role)),
                            as_json);
    }
    auto created = service.create_key(args.company, args.email, *role, args.name);
    if (!created.ok()) return report_error(created.error(), as_json);
    const auto& record = created->record;
    if (as_json) {
        write_pretty_json(std::cout, json::object{{"company", args.company},
                                                  {"email", record.user_email},
                                                  {"role", model::to_string(*role)},
                                                  {"prefix", record.prefix},
                                                  {"createdAt", record.created_at},
                                                  {"key", created->plain_key}});
        return 0;
    }
    std::cout << fmt::format("Created API key {} for {} ({}) in company \"{}\".\n", record.prefix, record.user_email,
                             model::to_string(*role), args.company);
    std::cout << "It is shown only this once; send it in the x-api-key header.\n";
    std::cout << created->plain_key << "\n";
    return 0;
}

int admin_list_keys(app::AdminService& service, const std::string& company, bool as_json) {
    auto keys = service.list_keys(company);
    if (!keys.ok()) return report_error(keys.error(), as_json);
    if (as_json) {
        json::array list;
        for (const auto& key : *keys) {
            json::object item{{"prefix", key.prefix},
                              {"email", key.user_email},
                              {"role", model::to_string(key.role)},
                              {"name", key.name},
                              {"createdAt", key.created_at}};
            item["lastUsedAt"] = key.last_used_at ? json::value(*key.last_used_at) : json::value(nullptr);
            item["revokedAt"] = key.revoked_at ? json::value(*key.revoked_at) : json::value(nullptr);
            list.push_back(std::move(item));
        }
        write_pretty_json(std::cout, json::object{{"company", company}, {"keys", list}});
        return 0;
    }
    if (keys->empty()) {
        std::cout << fmt::format("Company \"{}\" has no API keys.\n", company);
        return 0;
    }
    std::cout << fmt::format("{:<13} {:<32} {:<17} {:<25} {:<25} {}\n", "PREFIX", "USER", "ROLE", "CREATED",
                             "LAST USED", "REVOKED");
    for (const auto& key : *keys) {
        std::cout << fmt::format("{:<13} {:<32} {:<17} {:<25} {:<25} {}\n", key.prefix, key.user_email,
                                 model::to_string(key.role), key.created_at, key.last_used_at.value_or("never"),
                                 key.revoked_at.value_or("-"));
    }
    return 0;
}

int admin_revoke_key(app::AdminService& service, const std::string& company, const std::string& prefix, bool as_json) {
    auto revoked = service.revoke_key(company, prefix);
    if (!revoked.ok()) return report_error(revoked.error(), as_json);
    if (as_json) {
        write_pretty_json(std::cout, json::object{{"company", company}, {"revoked", prefix}});
        return 0;
    }
    std::cout << fmt::format("Revoked {} in company \"{}\".\n", prefix, company);
    return 0;
}

}  // namespace rampart::cli
