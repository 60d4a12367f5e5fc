// Debian's libjemalloc-dev: unprefixed symbols (malloc, mallctl, ...).
#include <jemalloc/jemalloc.h>
