#include "catalog/parse.h"
