#include "catalog_fuzzer.h"

RAMPART_CATALOG_FUZZER(parse_cwe_csv, CatalogFormat::CweCsv)
