// libbench-exec-probe.so, built by bench with the C compiler at first use (ExecProbeLibrary.swift:
// `cc -shared -fPIC -O2 probe.c -ldl`, into the cache folder) and preloaded by `bench exec` into
// every process of the command (after the configuration's own LD_PRELOAD library), proves the allocator from inside: its
// constructor asks the dynamic linker which shared object `malloc` resolves to (dladdr; under the
// allocation counter, the one the counter forwards to), asks
// that allocator for its version (jemalloc's mallctl("version"), tcmalloc's tc_version,
// mimalloc's mi_version, glibc's gnu_get_libc_version), and writes one small file per process
// into the folder named by $MEMORYBENCH_PROOF_DIR:
//
//   DIR/PID:  pid=PID  exe=PATH  malloc=PATH  version=TEXT  arena_max=VALUE  tunables=VALUE
//
// (one `key=value` per line). The harness reads the folder after the command ended, so no
// process is too short to be proved; the launcher's own file is ignored by its pid. A process
// that ignores LD_PRELOAD (a static or setuid binary) writes nothing, and that is the proof's
// failure. Nothing is allocated with malloc here: the constructor runs before the program's
// main, and must not change what the program measures.
//
// The end of the run. When the program returns from main (its `__libc_start_main` is wrapped)
// or calls exit(), before any atexit handler, destructor or the kernel's unmapping runs, the
// probe writes DIR/PID.end:
//
//   how=main|exit  rss_kib=…  hwm_kib=…  anon_kib=…  [allocated= active= resident= retained=]
//   [live= free= mmapped= system= arenas=]
//
// VmRSS from /proc/self/status, then the allocator's own figures: jemalloc's stats.* after an
// `epoch` (bytes), or glibc's mallinfo2 (uordblks live, fordblks free, hblkhd mmapped, arena
// from the system) and its arena count (malloc_info's heaps). That is the run's end-of-run
// figure: a program that frees
// its memory in an atexit handler (or an interpreter's own teardown after this point) is
// measured as it was when its work ended. A process that ends by _exit, a signal or a static
// binary writes no .end file, and the harness marks its end-of-run figure as a teardown sample.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*mallctl_fn)(const char *, void *, size_t *, void *, size_t);
typedef const char *(*tc_version_fn)(int *, int *, const char **);
typedef int (*mi_version_fn)(void);

static void allocator_version(char *out, size_t size) {
    mallctl_fn mallctl = (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl");
    if (mallctl) {
        const char *version = NULL;
        size_t length = sizeof version;
        if (mallctl("version", &version, &length, NULL, 0) == 0 && version) {
            snprintf(out, size, "jemalloc %s", version);
            return;
        }
    }
    tc_version_fn tc_version = (tc_version_fn)dlsym(RTLD_DEFAULT, "tc_version");
    if (tc_version) {
        const char *version = tc_version(NULL, NULL, NULL);
        snprintf(out, size, "%s", version ? version : "tcmalloc");
        return;
    }
    mi_version_fn mi_version = (mi_version_fn)dlsym(RTLD_DEFAULT, "mi_version");
    if (mi_version) {
        int version = mi_version();
        snprintf(out, size, "mimalloc %d.%d.%d", version / 100, (version / 10) % 10, version % 10);
        return;
    }
    snprintf(out, size, "glibc %s", gnu_get_libc_version());
}

// Whether `address` lies in the main program's loaded segments.
struct lookup { const void *address; int inside; };
static int in_main_program(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct lookup *lookup = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + segment->p_vaddr;
        if ((uintptr_t)lookup->address >= start && (uintptr_t)lookup->address < start + segment->p_memsz) lookup->inside = 1;
    }
    return 1;  // the first object dl_iterate_phdr visits is the main program: stop there
}

// The shared object whose `symbol` the program's calls bind to. dladdr of dlsym(RTLD_DEFAULT)
// names the program itself when the program is not position-independent and takes the
// function's address (its PLT slot is then the canonical address): the provider is then the
// first object after the program in the global scope (the preloads first) that defines it.
static const char *provider_of(const char *symbol) {
    void *address = dlsym(RTLD_DEFAULT, symbol);
    Dl_info info;
    if (!address || dladdr(address, &info) == 0 || !info.dli_fname) return "?";
    struct lookup lookup = { address, 0 };
    dl_iterate_phdr(in_main_program, &lookup);
    if (!lookup.inside) return info.dli_fname;
    void *program = dlopen(NULL, RTLD_LAZY | RTLD_NOLOAD);
    struct link_map *map = NULL;
    if (!program || dlinfo(program, RTLD_DI_LINKMAP, &map) != 0 || !map) return info.dli_fname;
    for (struct link_map *object = map->l_next; object; object = object->l_next) {
        if (!object->l_name || !*object->l_name) continue;
        void *handle = dlopen(object->l_name, RTLD_LAZY | RTLD_NOLOAD);
        if (!handle) continue;
        void *defined = dlsym(handle, symbol);
        Dl_info owner;
        int found = defined && dladdr(defined, &owner) != 0 && owner.dli_fname && strcmp(owner.dli_fname, object->l_name) == 0;
        dlclose(handle);
        if (found) return object->l_name;
    }
    return info.dli_fname;  // the program defines it itself
}

// Under the allocation counter (counted configurations) malloc resolves to the counter, which
// forwards every call to the allocator under test: that one is the provider to prove.
static const char *counted_provider(void) {
    void *(*forwards_to)(void) = (void *(*)(void))dlsym(RTLD_DEFAULT, "memorybench_count_forwards_to");
    void *next = forwards_to ? forwards_to() : NULL;
    Dl_info info;
    if (!next || dladdr(next, &info) == 0 || !info.dli_fname) return NULL;
    return info.dli_fname;
}

__attribute__((constructor)) static void memorybench_prove_allocator(void) {
    const char *folder = getenv("MEMORYBENCH_PROOF_DIR");
    if (!folder || !*folder) return;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%d", folder, (int)getpid()) >= (int)sizeof path) return;
    char exe[4096];
    ssize_t exe_length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[exe_length > 0 ? exe_length : 0] = 0;
    const char *provider = counted_provider();
    if (!provider) provider = provider_of("malloc");
    char version[256];
    allocator_version(version, sizeof version);
    const char *arena_max = getenv("MALLOC_ARENA_MAX");
    const char *tunables = getenv("GLIBC_TUNABLES");
    char text[10000];
    int length = snprintf(text, sizeof text, "pid=%d\nexe=%s\nmalloc=%s\nversion=%s\narena_max=%s\ntunables=%s\n",
                          (int)getpid(), exe, provider, version, arena_max ? arena_max : "", tunables ? tunables : "");
    if (length <= 0) return;
    // A process that execs again writes again under the same pid: the last image wins.
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    ssize_t ignored = write(fd, text, (size_t)(length < (int)sizeof text ? length : (int)sizeof text - 1));
    (void)ignored;
    close(fd);
}

// ---- the end of the run ------------------------------------------------------------------

static long status_kib(const char *text, const char *key) {
    const char *at = strstr(text, key);
    return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

// glibc's arena count: malloc_info's `<heap nr=` lines (one per arena). It writes through a
// FILE, so it runs after RSS was read.
static int glibc_arenas(void) {
    char *text = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    if (!stream) return -1;
    int ok = malloc_info(0, stream) == 0;
    fclose(stream);
    int arenas = 0;
    for (const char *at = text; ok && at && (at = strstr(at, "<heap nr=")); at++) arenas++;
    free(text);
    return ok ? arenas : -1;
}

static int end_recorded_by = 0;

static void memorybench_record_end(const char *how) {
    // Once per process (a forked child inherits the flag with the parent's pid, so it records too).
    int pid = (int)getpid();
    if (end_recorded_by == pid) return;
    end_recorded_by = pid;
    const char *folder = getenv("MEMORYBENCH_PROOF_DIR");
    if (!folder || !*folder) return;
    char status[8192];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ssize_t length = read(fd, status, sizeof status - 1);
    close(fd);
    if (length <= 0) return;
    status[length] = 0;
    char text[1024];
    int used = snprintf(text, sizeof text, "how=%s\nrss_kib=%ld\nhwm_kib=%ld\nanon_kib=%ld\n", how,
                        status_kib(status, "VmRSS:"), status_kib(status, "VmHWM:"), status_kib(status, "RssAnon:"));
    mallctl_fn mallctl = (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl");
    if (mallctl) {
        uint64_t epoch = 1, previous = 0;
        size_t length = sizeof previous;
        mallctl("epoch", &previous, &length, &epoch, sizeof epoch);
        const char *keys[] = { "stats.allocated", "stats.active", "stats.resident", "stats.retained" };
        for (int i = 0; i < 4 && used < (int)sizeof text; i++) {
            size_t value = 0;
            length = sizeof value;
            if (mallctl(keys[i], &value, &length, NULL, 0) == 0)
                used += snprintf(text + used, sizeof text - used, "%s=%zu\n", keys[i] + 6, value);
        }
    } else if (strncmp(provider_of("malloc"), "/", 1) == 0 && strstr(provider_of("malloc"), "libc.so")) {
        struct mallinfo2 info = mallinfo2();
        used += snprintf(text + used, sizeof text - used, "live=%zu\nfree=%zu\nmmapped=%zu\nsystem=%zu\narenas=%d\n",
                         info.uordblks, info.fordblks, info.hblkhd, info.arena, glibc_arenas());
    }
    if (used <= 0 || used >= (int)sizeof text) return;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%d.end", folder, pid) >= (int)sizeof path) return;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    ssize_t ignored = write(fd, text, (size_t)used);
    (void)ignored;
    close(fd);
}

typedef int (*main_fn)(int, char **, char **);
typedef int (*start_main_fn)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *);
static main_fn program_main;

static int memorybench_main(int argc, char **argv, char **envp) {
    int status = program_main(argc, argv, envp);
    memorybench_record_end("main");
    return status;
}

// The program's crt1 calls __libc_start_main through the PLT, so a preloaded definition wraps
// main. Programs linked before glibc 2.34 pass their own init (2.34's crt1 passes NULL) and want
// the old symbol version, which still calls it.
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end) {
    start_main_fn real = NULL;
    if (init) {
        const char *bases[] = { "GLIBC_2.2.5", "GLIBC_2.17", "GLIBC_2.0", "GLIBC_2.27" };
        for (int i = 0; i < 4 && !real; i++) real = (start_main_fn)dlvsym(RTLD_NEXT, "__libc_start_main", bases[i]);
    }
    if (!real) real = (start_main_fn)dlsym(RTLD_NEXT, "__libc_start_main");
    program_main = main;
    return real(memorybench_main, argc, argv, init, fini, rtld_fini, stack_end);
}

void exit(int status) {
    memorybench_record_end("exit");
    void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "exit");
    real(status);
    __builtin_unreachable();
}
