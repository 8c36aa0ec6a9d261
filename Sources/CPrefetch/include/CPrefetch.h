#ifndef CLAUSE_PREFETCH_H
#define CLAUSE_PREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for reading, without waiting for
/// it: Swift has no prefetch of its own. A loop over a large snapshot calls it for the element
/// it will reach a few iterations later, so that element's memory arrives while the current
/// one is being evaluated.
static inline void clause_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
