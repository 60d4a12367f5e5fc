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
//
// Nothing of the command outlives bench: the launcher asks the kernel for a signal when bench
// (its parent) dies (PR_SET_PDEATHSIG) and then SIGKILLs the command's whole tree (found
// through /proc/PID/task/*/children, also processes that left the process group) and its own
// group; the command itself gets SIGKILL when the launcher dies. On Ctrl-C or SIGTERM bench
// forwards the signal to the process group and the command's processes, and SIGKILLs them
// after a grace (see CommandExecutor); the launcher ignores both so that it outlives the
// command and still reports its peak.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t command_pid = 0;
static volatile sig_atomic_t parent_gone = 0;
static pid_t original_parent = 0;

static void parent_died(int sig) {
    (void)sig;
    if (getppid() != original_parent) parent_gone = 1;
}

// SIGKILLs every descendant of `pid` (children of all its threads, recursively), each one's
// process group when it left ours (a `setsid` child, say), then our own group.
static void kill_descendants(pid_t pid, int depth) {
    if (depth > 64) return;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *tasks = opendir(path);
    if (!tasks) return;
    struct dirent *task;
    while ((task = readdir(tasks)) != NULL) {
        if (task->d_name[0] == '.') continue;
        char children_path[128];
        snprintf(children_path, sizeof children_path, "/proc/%d/task/%s/children", (int)pid, task->d_name);
        FILE *children = fopen(children_path, "r");
        if (!children) continue;
        int child;
        while (fscanf(children, "%d", &child) == 1) {
            pid_t group = getpgid(child);
            kill(child, SIGSTOP);  // no more forks while its own children are found
            kill_descendants(child, depth + 1);
            if (group > 0 && group != getpgrp()) kill(-group, SIGKILL);
            kill(child, SIGKILL);
        }
        fclose(children);
    }
    closedir(tasks);
}

// bench died: take the whole tree of the command along, then ourselves.
static void die_with_parent(void) {
    kill_descendants(getpid(), 0);
    kill(0, SIGKILL);
    _exit(137);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench-exec-launcher PATH ARGV0 [ARGS...]\n");
        return 64;
    }
    original_parent = getppid();
    int death_signal = SIGRTMIN + 2;
    struct sigaction on_death;
    memset(&on_death, 0, sizeof on_death);
    on_death.sa_handler = parent_died;
    sigemptyset(&on_death.sa_mask);
    sigaction(death_signal, &on_death, NULL);
    if (prctl(PR_SET_PDEATHSIG, death_signal) != 0 || getppid() != original_parent) {
        // bench is already gone (or the kernel cannot tell us when it goes): do not start.
        return 71;
    }
    pid_t launcher = getpid();
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "bench-exec-launcher: fork: %s\n", strerror(errno));
        return 71;
    }
    if (child == 0) {
        // The command dies with the launcher (preserved across execv, but not for setuid ones).
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != launcher) _exit(71);
        signal(death_signal, SIG_DFL);
        execv(argv[1], &argv[2]);
        fprintf(stderr, "bench-exec-launcher: cannot run %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    command_pid = child;
    // The command gets the terminal's signals; the launcher only waits (bench kills the whole
    // process group on a timeout).
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    if (parent_gone) die_with_parent();
    while (wait4(child, &status, 0, &usage) < 0) {
        if (parent_gone) die_with_parent();
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
