#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/catalog_service.h"

namespace rampart::cli {

struct CatalogImportArgs {
    std::vector<std::string> paths;
    bool replace = false;
    std::optional<std::string> version;
    std::optional<std::string> format;
};

struct CatalogShowArgs {
    std::string id;
    app::CatalogSelection selection;
};

struct CatalogSearchArgs {
    std::string text;
    std::optional<std::string> kind;
    app::CatalogSelection selection;
    int limit = 20;
    int page = 1;
};

/// Each answers the process exit code; output goes to standard output,
/// errors to standard error.
int catalog_import(app::CatalogService& service, const CatalogImportArgs& args, bool json);
int catalog_list(app::CatalogService& service, bool json);
int catalog_show(app::CatalogService& service, const CatalogShowArgs& args, bool json);
int catalog_search(app::CatalogService& service, const CatalogSearchArgs& args, bool json);

}  // namespace rampart::cli
