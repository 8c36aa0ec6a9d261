#ifndef CLAUSE_CYAML_SHIM_H
#define CLAUSE_CYAML_SHIM_H
#include <yaml.h>
#endif
