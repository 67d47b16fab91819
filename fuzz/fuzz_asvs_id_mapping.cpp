#include "catalog_fuzzer.h"

RAMPART_CATALOG_FUZZER(parse_asvs_id_mapping, CatalogFormat::AsvsIdMappingYaml)
