#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::model {

/// What an architecture item is. The names are the product's words and the
/// spelling used in model files and the API (snake_case).
enum class ItemKind {
    Module,
    Layer,
    Service,
    Api,
    Database,
    UserInterface,
    MobileApp,
    Queue,
    Storage,
    Cache,
    ExternalSystem,
    IdentityProvider,
    FileUpload,
    Container,
    CiCd,
    Network,
};

[[nodiscard]] std::string_view to_string(ItemKind kind);
[[nodiscard]] std::optional<ItemKind> item_kind_from_string(std::string_view text);
/// Every kind, in declaration order.
[[nodiscard]] const std::vector<ItemKind>& all_item_kinds();

/// One architecture item of a threat model and the attack patterns (CAPEC
/// ids) chosen as threats to it.
struct ThreatModelItem {
    std::string key;  ///< unique within the model; model files may set it, else it is derived from the name
    ItemKind kind = ItemKind::Service;
    std::string name;
    std::string description;
    std::vector<int> attack_patterns;

    bool operator==(const ThreatModelItem&) const = default;
};

/// A threat model: what a draft holds, what a model file describes, and what
/// a project is generated from.
struct ThreatModel {
    std::string name;
    std::string goal;
    std::string scope;
    std::string limitation;
    double estimated_hours = 0;
    std::vector<std::string> tags;
    std::vector<std::string> team;    ///< user emails
    std::vector<std::string> assets;  ///< asset names
    std::string asvs_version = "4.0.3";
    int asvs_level = 1;                 ///< 1, 2 or 3
    bool follow_cwe_hierarchy = false;  ///< also one level of CWE parents/children, ranked below direct matches
    std::vector<ThreatModelItem> items;

    bool operator==(const ThreatModel&) const = default;
};

}  // namespace rampart::model
