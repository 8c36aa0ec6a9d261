// The prefetch hint is a static inline function in include/CPrefetch.h; this file only gives
// the C target a translation unit of its own.
#include "CPrefetch.h"
