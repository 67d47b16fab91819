#include "catalog_fuzzer.h"

RAMPART_CATALOG_FUZZER(parse_capec_xml, CatalogFormat::CapecXml)
