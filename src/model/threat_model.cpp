#include "model/threat_model.h"

#include <array>
#include <utility>

namespace rampart::model {
namespace {

constexpr std::array<std::pair<ItemKind, std::string_view>, 16> ITEM_KIND_NAMES = {{
    {ItemKind::Module, "module"},
    {ItemKind::Layer, "layer"},
    {ItemKind::Service, "service"},
    {ItemKind::Api, "api"},
    {ItemKind::Database, "database"},
    {ItemKind::UserInterface, "user_interface"},
    {ItemKind::MobileApp, "mobile_app"},
    {ItemKind::Queue, "queue"},
    {ItemKind::Storage, "storage"},
    {ItemKind::Cache, "cache"},
    {ItemKind::ExternalSystem, "external_system"},
    {ItemKind::IdentityProvider, "identity_provider"},
    {ItemKind::FileUpload, "file_upload"},
    {ItemKind::Container, "container"},
    {ItemKind::CiCd, "ci_cd"},
    {ItemKind::Network, "network"},
}};

}  // namespace

std::string_view to_string(ItemKind kind) {
    for (const auto& [value, name] : ITEM_KIND_NAMES) {
        if (value == kind) return name;
    }
    return "unknown";
}

std::optional<ItemKind> item_kind_from_string(std::string_view text) {
    for (const auto& [value, name] : ITEM_KIND_NAMES) {
        if (name == text) return value;
    }
    return std::nullopt;
}

const std::vector<ItemKind>& all_item_kinds() {
    static const std::vector<ItemKind> kinds = [] {
        std::vector<ItemKind> out;
        out.reserve(ITEM_KIND_NAMES.size());
        for (const auto& [value, name] : ITEM_KIND_NAMES) out.push_back(value);
        return out;
    }();
    return kinds;
}

}  // namespace rampart::model
