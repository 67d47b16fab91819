#pragma once

#include <optional>
#include <string>

#include "app/admin_service.h"

namespace rampart::cli {

struct CreateKeyArgs {
    std::string company;
    std::string email;
    std::string role = "admin";
    std::string name;
};

/// `rampart admin create-key`: prints the new key as the last line of
/// standard output (scripts take it with `tail -1`).
int admin_create_key(app::AdminService& service, const CreateKeyArgs& args, bool json);
int admin_list_keys(app::AdminService& service, const std::string& company, bool json);
int admin_revoke_key(app::AdminService& service, const std::string& company, const std::string& prefix, bool json);

}  // namespace rampart::cli
