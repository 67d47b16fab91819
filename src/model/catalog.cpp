#include "model/catalog.h"

namespace rampart::model {

std::string_view to_string(CatalogKind kind) {
    switch (kind) {
        case CatalogKind::Asvs: return "asvs";
        case CatalogKind::Capec: return "capec";
        case CatalogKind::Cwe: return "cwe";
    }
    return "unknown";
}

bool is_retired_status(std::string_view status) { return status == "Deprecated" || status == "Obsolete"; }

}  // namespace rampart::model
