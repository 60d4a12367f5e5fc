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
#include <errno.h>
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    // jemalloc's arena cap, which `--cores-like` sets through MALLOC_CONF=narenas:N.
    mallctl_fn mallctl = (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl");
    unsigned narenas = 0;
    size_t narenas_length = sizeof narenas;
    if (mallctl && length < (int)sizeof text && mallctl("opt.narenas", &narenas, &narenas_length, NULL, 0) == 0)
        length += snprintf(text + length, sizeof text - length, "narenas=%u\n", narenas);
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

// ---- one record of the process's figures (the end of the run, and a service's requests) ------

// How to read the process's allocator: resolved before a record is made, so that the request
// thread (which must not call dlsym: its error state may be allocated) gets it ready-made.
struct allocator_view {
    mallctl_fn mallctl;      // jemalloc's, or NULL
    int glibc;               // malloc is glibc's (no mallctl)
    int (*arenas)(void);     // glibc's arena count, -1 when unknown
};

static struct allocator_view current_allocator(int (*arenas)(void)) {
    struct allocator_view view = { (mallctl_fn)dlsym(RTLD_DEFAULT, "mallctl"), 0, arenas };
    const char *provider = provider_of("malloc");
    view.glibc = !view.mallctl && strncmp(provider, "/", 1) == 0 && strstr(provider, "libc.so") != NULL;
    return view;
}

// Formats `how=… rss_kib=… hwm_kib=… anon_kib=…` then the allocator's figures into `text`: the
// one format of PID.end and PID.stats (ProbeEndRecord in ExecProbeLibrary.swift reads both).
// Stack only: RSS is read before the allocator is asked. Returns the length, or -1.
static int format_record(char *text, size_t size, const char *how, const struct allocator_view *view) {
    char status[8192];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t length = read(fd, status, sizeof status - 1);
    close(fd);
    if (length <= 0) return -1;
    status[length] = 0;
    int used = snprintf(text, size, "how=%s\nrss_kib=%ld\nhwm_kib=%ld\nanon_kib=%ld\n", how,
                        status_kib(status, "VmRSS:"), status_kib(status, "VmHWM:"), status_kib(status, "RssAnon:"));
    if (view->mallctl) {
        uint64_t epoch = 1, previous = 0;
        size_t length = sizeof previous;
        view->mallctl("epoch", &previous, &length, &epoch, sizeof epoch);
        const char *keys[] = { "stats.allocated", "stats.active", "stats.resident", "stats.retained" };
        for (int i = 0; i < 4 && used < (int)size; i++) {
            size_t value = 0;
            length = sizeof value;
            if (view->mallctl(keys[i], &value, &length, NULL, 0) == 0)
                used += snprintf(text + used, size - used, "%s=%zu\n", keys[i] + 6, value);
        }
    } else if (view->glibc) {
        struct mallinfo2 info = mallinfo2();
        used += snprintf(text + used, size - used, "live=%zu\nfree=%zu\nmmapped=%zu\nsystem=%zu\narenas=%d\n",
                         info.uordblks, info.fordblks, info.hblkhd, info.arena, view->arenas());
    }
    return used > 0 && used < (int)size ? used : -1;
}

static int end_recorded_by = 0;

static void memorybench_record_end(const char *how) {
    // Once per process (a forked child inherits the flag with the parent's pid, so it records too).
    int pid = (int)getpid();
    if (end_recorded_by == pid) return;
    end_recorded_by = pid;
    const char *folder = getenv("MEMORYBENCH_PROOF_DIR");
    if (!folder || !*folder) return;
    char text[1024];
    struct allocator_view view = current_allocator(glibc_arenas);
    int used = format_record(text, sizeof text, how, &view);
    if (used <= 0) return;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%d.end", folder, pid) >= (int)sizeof path) return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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

// ---- a service's requests: allocator figures while it runs --------------------------------
//
// With $MEMORYBENCH_PROBE_REQUESTS=DIR (bench sets it for `--duration` runs), the constructor
// makes the FIFO DIR/PID.request and starts one thread that blocks on it. bench writes a
// request (`SEQ\n`, opened non-blocking: a process that does not listen fails the open at once)
// and the thread answers with DIR/PID.stats (`seq=SEQ`, then the record's format, written to a
// temporary name and renamed, so bench never reads half of it).
//
// The thread must not change what it measures: it never calls malloc (under glibc a thread's
// first malloc creates an arena), so everything it needs is made here on the main thread: the
// allocator resolved (no dlsym later), glibc's arena count read through a FILE made now with a
// static buffer whose writes only count `<heap nr=` (malloc_info needs a FILE; open_memstream
// would realloc), a small stack, and every signal blocked, so the service's signals still go to
// its own threads. A forked child has no such thread: it does not answer (no figures).

static struct allocator_view request_view;
static FILE *heap_counter;
static char heap_counter_buffer[4096];
static int heaps_seen, heap_match;

static ssize_t count_heaps(void *cookie, const char *data, size_t size) {
    (void)cookie;
    static const char pattern[] = "<heap nr=";
    for (size_t i = 0; i < size; i++) {
        if (data[i] == pattern[heap_match]) {
            if (++heap_match == (int)sizeof pattern - 1) { heaps_seen++; heap_match = 0; }
        } else {
            heap_match = data[i] == pattern[0] ? 1 : 0;
        }
    }
    return (ssize_t)size;
}

static int glibc_arenas_without_malloc(void) {
    if (!heap_counter) return -1;
    heaps_seen = 0;
    heap_match = 0;
    if (malloc_info(0, heap_counter) != 0 || fflush(heap_counter) != 0) return -1;
    return heaps_seen;
}

static void answer_request(const char *folder, int pid, const char *sequence) {
    char text[1024];
    int used = snprintf(text, sizeof text, "seq=%s\n", sequence);
    int record = format_record(text + used, sizeof text - used, "request", &request_view);
    if (record <= 0) return;
    char path[4096], temporary[4096];
    if (snprintf(path, sizeof path, "%s/%d.stats", folder, pid) >= (int)sizeof path) return;
    if (snprintf(temporary, sizeof temporary, "%s/%d.stats.new", folder, pid) >= (int)sizeof temporary) return;
    int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    ssize_t written = write(fd, text, (size_t)(used + record));
    close(fd);
    if (written == used + record) rename(temporary, path);
}

static char request_folder[4096];
static int request_pid;

static void *serve_requests(void *unused) {
    (void)unused;
    char fifo[4096];
    if (snprintf(fifo, sizeof fifo, "%s/%d.request", request_folder, request_pid) >= (int)sizeof fifo) return NULL;
    for (;;) {
        int fd = open(fifo, O_RDONLY | O_CLOEXEC);  // blocks until bench opens it to write
        if (fd < 0) return NULL;
        char request[64];
        ssize_t length = read(fd, request, sizeof request - 1);
        close(fd);
        if (length <= 0) continue;
        request[length] = 0;
        char *end = strchr(request, '\n');
        if (end) *end = 0;
        answer_request(request_folder, request_pid, request);
    }
    return NULL;
}

__attribute__((constructor)) static void memorybench_listen_for_requests(void) {
    const char *folder = getenv("MEMORYBENCH_PROBE_REQUESTS");
    if (!folder || !*folder || snprintf(request_folder, sizeof request_folder, "%s", folder) >= (int)sizeof request_folder) return;
    request_pid = (int)getpid();
    char fifo[4096];
    if (snprintf(fifo, sizeof fifo, "%s/%d.request", request_folder, request_pid) >= (int)sizeof fifo) return;
    if (mkfifo(fifo, 0600) != 0 && errno != EEXIST) return;
    request_view = current_allocator(glibc_arenas_without_malloc);
    if (request_view.glibc) {
        cookie_io_functions_t io = { .write = count_heaps };
        heap_counter = fopencookie(NULL, "w", io);
        if (heap_counter) setvbuf(heap_counter, heap_counter_buffer, _IOFBF, sizeof heap_counter_buffer);
    }
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setstacksize(&attributes, 128 * 1024);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_t thread;
    pthread_create(&thread, &attributes, serve_requests, NULL);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
}
