// libbench-count.so, the allocation counter. bench builds it with the C compiler at first use
// (CountingLibrary.swift: `cc -shared -fPIC -O2 count.c -ldl`, into the cache folder; a library
// SwiftPM links would carry the Swift runtime into every measured process) and preloads it
// FIRST in LD_PRELOAD, before any allocator library, for counted configurations only
// (`glibc+count`, `jemalloc-preload+count`, …). It defines malloc, calloc, realloc, free,
// posix_memalign, aligned_alloc, memalign, valloc and pvalloc, counts each call, and forwards it
// to the next definition (dlsym(RTLD_NEXT)): jemalloc, tcmalloc or mimalloc when preloaded after
// it, the allocator a linked worker carries, or glibc. It adds no header to allocations, so
// what the allocator sees is what the program asked for.
//
// Counters are per thread slot (a fixed table of cache-line sized slots, a thread takes the
// next one at its first allocation; past 256 threads slots are shared): relaxed atomic adds,
// no lock. Counted: a successful malloc, calloc, memalign-family call or realloc(NULL, n) is a
// malloc; free(p) with p != NULL, and realloc(p, 0) that frees, is a free; realloc(p, n) with
// p != NULL is a realloc. Bytes requested are the sizes asked for (realloc: the new size).
//
// Read in process: memorybench_count_totals(uint64_t out[4]) = {mallocs, frees, reallocs,
// bytes requested} summed over the slots, allocating nothing (the worker finds it with dlsym).
// Read from outside (`bench exec`): when $MEMORYBENCH_COUNT_DIR is set, each process keeps its
// slots in a shared mapping of the file DIR/PID (a 4 KiB text header `pid=…\nexe=…\n`, then
// the slot table), so bench reads every process's counts at each phase marker and after the
// command ended without the process's help: a process that ends in _exit or by a signal keeps
// its counts too. A forked child starts from zero in a file of its own (pthread_atfork); an
// image that execs keeps adding to its pid's file. Static and setuid binaries write nothing.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

enum { SLOTS = 256, MALLOCS = 0, FREES = 1, REALLOCS = 2, BYTES = 3, KINDS = 4 };
struct slot { uint64_t counts[KINDS]; } __attribute__((aligned(64)));
static struct slot process_slots[SLOTS];
// The process's own table, or its shared file's under `bench exec` (switched before main).
static struct slot *slots = process_slots;
static unsigned next_slot;
// initial-exec: a preloaded library gets static TLS, and no __tls_get_addr (which may allocate).
static __thread int thread_slot __attribute__((tls_model("initial-exec"))) = -1;

static inline void add(int kind, uint64_t value) {
    int index = thread_slot;
    if (__builtin_expect(index < 0, 0)) {
        index = (int)(__atomic_fetch_add(&next_slot, 1, __ATOMIC_RELAXED) % SLOTS);
        thread_slot = index;
    }
    __atomic_fetch_add(&slots[index].counts[kind], value, __ATOMIC_RELAXED);
}

EXPORT void memorybench_count_totals(uint64_t out[4]) {
    for (int kind = 0; kind < KINDS; kind++) out[kind] = 0;
    for (int index = 0; index < SLOTS; index++)
        for (int kind = 0; kind < KINDS; kind++) out[kind] += __atomic_load_n(&slots[index].counts[kind], __ATOMIC_RELAXED);
}

// ---- forwarding ----

typedef void *(*malloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);
typedef void (*free_fn)(void *);
typedef int (*posix_memalign_fn)(void **, size_t, size_t);
typedef void *(*aligned_fn)(size_t, size_t);
typedef void *(*valloc_fn)(size_t);

static malloc_fn next_malloc;
static calloc_fn next_calloc;
static realloc_fn next_realloc;
static free_fn next_free;
static posix_memalign_fn next_posix_memalign;
static aligned_fn next_aligned_alloc, next_memalign;
static valloc_fn next_valloc, next_pvalloc;

// dlsym allocates (its error buffer) before the next malloc is known: those few requests come
// from this buffer, are never freed, and are not counted.
static _Alignas(64) char bootstrap[16384];
static size_t bootstrap_used;
static int resolving;

static void *bootstrap_alloc(size_t size) {
    size_t start = (bootstrap_used + 15) & ~(size_t)15;
    if (start + size > sizeof bootstrap) return NULL;
    bootstrap_used = start + size;
    return bootstrap + start;
}
static int from_bootstrap(const void *pointer) {
    return (const char *)pointer >= bootstrap && (const char *)pointer < bootstrap + sizeof bootstrap;
}

static void resolve(void) {
    if (next_malloc || resolving) return;
    resolving = 1;
    next_calloc = (calloc_fn)dlsym(RTLD_NEXT, "calloc");
    next_realloc = (realloc_fn)dlsym(RTLD_NEXT, "realloc");
    next_free = (free_fn)dlsym(RTLD_NEXT, "free");
    next_posix_memalign = (posix_memalign_fn)dlsym(RTLD_NEXT, "posix_memalign");
    next_aligned_alloc = (aligned_fn)dlsym(RTLD_NEXT, "aligned_alloc");
    next_memalign = (aligned_fn)dlsym(RTLD_NEXT, "memalign");
    next_valloc = (valloc_fn)dlsym(RTLD_NEXT, "valloc");
    next_pvalloc = (valloc_fn)dlsym(RTLD_NEXT, "pvalloc");
    malloc_fn found = (malloc_fn)dlsym(RTLD_NEXT, "malloc");
    __atomic_store_n(&next_malloc, found, __ATOMIC_RELEASE);
    resolving = 0;
}

// The malloc this counter forwards to, for `bench exec`'s probe: under the counter, malloc
// resolves to this library, and the allocator to prove is the next one.
EXPORT void *memorybench_count_forwards_to(void) {
    resolve();
    return (void *)next_malloc;
}

EXPORT void *malloc(size_t size) {
    if (__builtin_expect(!next_malloc, 0)) {
        resolve();
        if (!next_malloc) return bootstrap_alloc(size);
    }
    void *pointer = next_malloc(size);
    if (pointer) { add(MALLOCS, 1); add(BYTES, size); }
    return pointer;
}

EXPORT void *calloc(size_t count, size_t size) {
    if (__builtin_expect(!next_calloc || !next_malloc, 0)) {
        resolve();
        if (!next_calloc || !next_malloc) {
            size_t total;
            if (__builtin_mul_overflow(count, size, &total)) return NULL;
            return bootstrap_alloc(total);  // static storage: already zero
        }
    }
    void *pointer = next_calloc(count, size);
    if (pointer) { add(MALLOCS, 1); add(BYTES, (uint64_t)count * size); }
    return pointer;
}

EXPORT void free(void *pointer) {
    if (!pointer || from_bootstrap(pointer)) return;
    if (__builtin_expect(!next_free, 0)) resolve();
    if (!next_free) return;
    add(FREES, 1);
    next_free(pointer);
}

EXPORT void *realloc(void *pointer, size_t size) {
    if (from_bootstrap(pointer)) {
        void *moved = malloc(size);
        if (moved) {
            size_t room = (size_t)(bootstrap + sizeof bootstrap - (char *)pointer);
            memcpy(moved, pointer, size < room ? size : room);
        }
        return moved;
    }
    if (__builtin_expect(!next_realloc || !next_malloc, 0)) {
        resolve();
        if (!next_realloc) return pointer ? NULL : bootstrap_alloc(size);
    }
    void *result = next_realloc(pointer, size);
    if (!pointer) {
        if (result) { add(MALLOCS, 1); add(BYTES, size); }
    } else if (size == 0 && !result) {
        add(FREES, 1);
    } else if (result) {
        add(REALLOCS, 1);
        add(BYTES, size);
    }
    return result;
}

EXPORT int posix_memalign(void **out, size_t alignment, size_t size) {
    if (!next_posix_memalign) resolve();
    if (!next_posix_memalign) return ENOMEM;
    int status = next_posix_memalign(out, alignment, size);
    if (status == 0) { add(MALLOCS, 1); add(BYTES, size); }
    return status;
}

static void *aligned(aligned_fn next, size_t alignment, size_t size) {
    if (!next) return NULL;
    void *pointer = next(alignment, size);
    if (pointer) { add(MALLOCS, 1); add(BYTES, size); }
    return pointer;
}
EXPORT void *aligned_alloc(size_t alignment, size_t size) {
    if (!next_aligned_alloc) resolve();
    return aligned(next_aligned_alloc, alignment, size);
}
EXPORT void *memalign(size_t alignment, size_t size) {
    if (!next_memalign) resolve();
    return aligned(next_memalign, alignment, size);
}

static void *page_aligned(valloc_fn next, size_t size) {
    if (!next) return NULL;
    void *pointer = next(size);
    if (pointer) { add(MALLOCS, 1); add(BYTES, size); }
    return pointer;
}
EXPORT void *valloc(size_t size) {
    if (!next_valloc) resolve();
    return page_aligned(next_valloc, size);
}
EXPORT void *pvalloc(size_t size) {
    if (!next_pvalloc) resolve();
    return page_aligned(next_pvalloc, size);
}

// ---- per process files for `bench exec` ----

enum { HEADER_BYTES = 4096 };
static void *shared_file;

static void put_number(char **cursor, char *end, const char *key, uint64_t value) {
    char digits[24];
    int length = 0;
    do { digits[length++] = (char)('0' + value % 10); value /= 10; } while (value && length < 24);
    size_t key_length = strlen(key);
    if (*cursor + key_length + (size_t)length + 2 > end) return;
    memcpy(*cursor, key, key_length);
    *cursor += key_length;
    while (length) *(*cursor)++ = digits[--length];
    *(*cursor)++ = '\n';
}

// Moves the counters into the shared file DIR/PID, adding what the process table holds: for a
// new image (the process started or exec'd), the counts made before this constructor ran, added
// to what the pid's file already holds; for a `forked` child, which starts a new file, nothing
// but what this function allocated.
static void share_counts(int forked) {
    const char *folder = getenv("MEMORYBENCH_COUNT_DIR");
    if (!folder || !*folder) return;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%d", folder, (int)getpid()) >= (int)sizeof path) return;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (forked ? O_TRUNC : 0), 0644);
    if (fd < 0) return;
    size_t size = HEADER_BYTES + sizeof process_slots;
    void *file = ftruncate(fd, (off_t)size) == 0 ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
    close(fd);
    if (file == MAP_FAILED) return;
    char exe[2048];
    ssize_t exe_length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[exe_length > 0 ? exe_length : 0] = 0;
    char *header = file, *cursor = header, *end = header + HEADER_BYTES - 1;
    memset(header, 0, HEADER_BYTES);
    put_number(&cursor, end, "pid=", (uint64_t)getpid());
    size_t room = (size_t)(end - cursor);
    snprintf(cursor, room, "exe=%s\n", exe);
    struct slot *shared = (struct slot *)(header + HEADER_BYTES);
    for (int index = 0; index < SLOTS; index++)
        for (int kind = 0; kind < KINDS; kind++)
            __atomic_fetch_add(&shared[index].counts[kind], __atomic_load_n(&process_slots[index].counts[kind], __ATOMIC_RELAXED), __ATOMIC_RELAXED);
    // A forked child still maps its parent's file: it must not write there.
    if (shared_file) munmap(shared_file, size);
    shared_file = file;
    __atomic_store_n(&slots, shared, __ATOMIC_RELEASE);
}

static void forked_child(void) {
    memset(process_slots, 0, sizeof process_slots);
    if (shared_file) {
        slots = process_slots;
        share_counts(1);
    }
}

__attribute__((constructor)) static void start(void) {
    resolve();
    pthread_atfork(NULL, NULL, forked_child);
    share_counts(0);
}
