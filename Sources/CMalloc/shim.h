// glibc's allocator introspection, which `import Glibc` leaves out.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <malloc.h>
#include <stdio.h>
#include <gnu/libc-version.h>
#include <dlfcn.h>

// Which shared object defines `symbol` as this process resolves it (dladdr needs _GNU_SOURCE,
// which Swift's Glibc module does not promise): the file name, or NULL.
static inline const char *memorybench_symbol_owner(const char *symbol) {
    void *address = dlsym(RTLD_DEFAULT, symbol);
    if (address == NULL) return NULL;
    Dl_info info;
    if (dladdr(address, &info) == 0) return NULL;
    return info.dli_fname;
}

// One 64-bit word loaded or stored whole, for the RSS sampler's buffer that the sampler thread
// writes while the main thread reads it (Swift's Synchronization has no atomics on memory it
// did not allocate as `Atomic`).
#include <stdint.h>
static inline uint64_t memorybench_load_word(const uint64_t *word) {
    return __atomic_load_n(word, __ATOMIC_RELAXED);
}
static inline void memorybench_store_word(uint64_t *word, uint64_t value) {
    __atomic_store_n(word, value, __ATOMIC_RELAXED);
}
