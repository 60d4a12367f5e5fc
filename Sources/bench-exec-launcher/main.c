// bench-exec-launcher PATH ARGV0 [ARGS...]
//
// Starts a foreign command for `bench exec` the way GNU time does: fork from this small
// process, exec the command in the child, wait4 for it, and report that child's exact
// ru_maxrss. bench cannot take the figure from its own child: posix_spawn starts children with
// vfork semantics (they share bench's memory until exec), and the kernel then counts bench's
// high-water mark (tens of MiB) into the child's ru_maxrss. Forked from this process, the floor
// is this process's RSS (about 1 MiB), as under GNU time.
//
// The report is one line on fd 3 (the phase-marker pipe bench reads) after the command ended:
//   memorybench-launcher pid=PID maxrss_kb=N
// The launcher then ends like the command: the same exit status, or the same signal.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench-exec-launcher PATH ARGV0 [ARGS...]\n");
        return 64;
    }
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "bench-exec-launcher: fork: %s\n", strerror(errno));
        return 71;
    }
    if (child == 0) {
        execv(argv[1], &argv[2]);
        fprintf(stderr, "bench-exec-launcher: cannot run %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    // The command gets the terminal's signals; the launcher only waits (bench kills the whole
    // process group on a timeout).
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "bench-exec-launcher: wait4: %s\n", strerror(errno));
            return 71;
        }
    }
    char line[128];
    int length = snprintf(line, sizeof line, "memorybench-launcher pid=%d maxrss_kb=%ld\n", (int)child, (long)usage.ru_maxrss);
    if (length > 0) {
        ssize_t ignored = write(3, line, (size_t)length);
        (void)ignored;
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);
        signal(sig, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        kill(getpid(), sig);
        return 128 + sig;
    }
    return WEXITSTATUS(status);
}
