#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "catalog/parse.h"
#include "engine/catalog_graph.h"
#include "test_support.h"

namespace rampart::testing {

/// The graph of the official catalogs (ASVS 4.0.3 CSV, CAPEC 3.9 STIX, CWE
/// 4.14 view 1000), or why it could not be built.
struct OfficialGraph {
    std::unique_ptr<engine::CatalogGraph> graph;
    std::string error;
};

/// Built once per test binary: parsing the catalogs takes most of a second.
inline const OfficialGraph& official_graph() {
    static const OfficialGraph loaded = [] {
        OfficialGraph out;
        const auto parse = [&](const std::string& relative) -> std::optional<model::CatalogContent> {
            const auto bytes = read_file(shared_file(relative));
            auto parsed = catalog::parse_catalog(bytes, {relative, std::nullopt, std::nullopt});
            if (!parsed.ok()) {
                out.error += relative + ": " + parsed.error().to_string() + "\n";
                return std::nullopt;
            }
            return std::move(parsed).value().content;
        };
        auto asvs = parse("catalogs/asvs/OWASP Application Security Verification Standard 4.0.3-en.csv");
        auto capec = parse("catalogs/capec/stix-capec-3.9.json");
        auto cwe = parse("catalogs/cwe/1000.csv");
        if (!asvs || !capec || !cwe) return out;
        auto& asvs_catalog = std::get<model::AsvsCatalog>(*asvs);
        model::AsvsRelease release;
        release.version = asvs_catalog.version;
        release.requirements = std::move(asvs_catalog.requirements);
        out.graph =
            std::make_unique<engine::CatalogGraph>(std::move(release), std::move(std::get<model::CapecCatalog>(*capec)),
                                                   std::move(std::get<model::CweCatalog>(*cwe)));
        return out;
    }();
    return loaded;
}

}  // namespace rampart::testing
