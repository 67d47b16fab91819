#include "catalog_fuzzer.h"

RAMPART_CATALOG_FUZZER(parse_asvs_json, CatalogFormat::AsvsJson)
