#include "catalog_fuzzer.h"

RAMPART_CATALOG_FUZZER(parse_asvs_cwe_mapping, CatalogFormat::AsvsCweMappingJson)
