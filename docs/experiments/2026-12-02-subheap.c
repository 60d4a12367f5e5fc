// The positive control's mechanism in C (docs/experiments/2026-12-02-positive-control.md).
// Build and run: gcc -O2 -pthread -o subheap 2026-12-02-subheap.c
//   STAY=1 ./subheap 153600                                         (tcache on)
//   GLIBC_TUNABLES=glibc.malloc.tcache_count=0 STAY=1 ./subheap 153600   (tcache off)
// One worker thread (so a non-main arena) allocates N chunks of 1,057 bytes (a Swift 1 KiB
// string), writes them, frees them in allocation order (as Swift's array deinit does), then the
// main thread reads RSS and the worker's arena. PIN_AFTER=1: the worker keeps one 64 B block
// allocated after the burst (what a long-lived small object, or a tcache-held chunk, does).
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static long rss_kib(void);
static long n; void *volatile kept;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; static pthread_cond_t cond = PTHREAD_COND_INITIALIZER; static int freed, done;
static void report(const char *when) {
  struct mallinfo2 m = mallinfo2();
  printf("n=%ld pin=%s %s: rss=%ld KiB arena=%zu MiB fordblks=%zu MiB\n", n, getenv("PIN_AFTER") ? "yes" : "no", when, rss_kib(), m.arena >> 20, m.fordblks >> 20);
}

static long rss_kib(void) { long a, b; FILE *f = fopen("/proc/self/statm", "r"); if (!f || fscanf(f, "%ld %ld", &a, &b) != 2) return -1; fclose(f); return b * 4; }
static void *work(void *arg) {
  (void)arg;
  char **p = malloc(n * sizeof *p);
  for (long i = 0; i < n; i++) { p[i] = malloc(1057); memset(p[i], 'a', 1057); }
  if (getenv("PIN_AFTER")) { kept = malloc(64); memset(kept, 1, 64); }
  for (long i = 0; i < n; i++) free(p[i]);
  free(p);
  if (getenv("STAY")) {  // stay alive (like a pool thread) while main measures
    pthread_mutex_lock(&lock); freed = 1; pthread_cond_broadcast(&cond);
    while (!done) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  n = atol(argv[1]);
  pthread_t t; pthread_create(&t, NULL, work, NULL);
  if (getenv("STAY")) {
    pthread_mutex_lock(&lock); while (!freed) pthread_cond_wait(&cond, &lock); pthread_mutex_unlock(&lock);
    report("worker alive");
    if (getenv("DUMP")) malloc_info(0, stdout);
    pthread_mutex_lock(&lock); done = 1; pthread_cond_broadcast(&cond); pthread_mutex_unlock(&lock);
  }
  pthread_join(t, NULL);
  report("worker exited");
  return 0;
}
