#ifndef QUIVER_CBLAS_SHIM_H
#define QUIVER_CBLAS_SHIM_H
#include <cblas.h>
#endif
