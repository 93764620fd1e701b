/* secret.h - a string that must not leak: the API key's header line.
 *
 * Promises: the bytes live in their own page-aligned allocation, locked in
 * RAM when the system allows it (never swapped) and excluded from core
 * dumps; secret_free() zeroes them (explicit_bzero, which the compiler may
 * not drop) before releasing. Never printed, never logged.
 *
 * Core dumps ("where avoidable"): MADV_DONTDUMP on the secret's pages is
 * not enough on its own. The key also passes through memory this module
 * does not own: the environment (TWENTY_API_KEY sits at the top of the
 * stack), the option and config strings it was read from, and libcurl's
 * request buffer, which holds the header text of every request. So the
 * first secret_new() also makes the whole process non-dumpable
 * (prctl(PR_SET_DUMPABLE, 0)): no core file is written, and other processes
 * of the same user can neither ptrace it nor read its /proc/PID/mem or
 * /proc/PID/environ. The cost is debugging: a crash leaves no core dump. To
 * debug one, start pipeboard under gdb (a tracer attached from the start
 * stays attached) or with a debugger as root. The flag is per process and
 * execve() resets it, so a child (the demo twenty-sim) is unaffected. */
#ifndef NET_SECRET_H
#define NET_SECRET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct secret secret;

/* A secret holding prefix followed by value (e.g. "Authorization: Bearer "
 * and the key), NUL-terminated. NULL when memory runs out. */
secret *secret_new(const char *prefix, const char *value);

/* The NUL-terminated text (valid until secret_free). Not const because
 * libcurl's header list takes `char *`; nobody writes through it. */
char *secret_text(secret *s);

void secret_free(secret *s);

/* Whether the process is currently non-dumpable (PR_GET_DUMPABLE is 0):
 * true after any successful secret_new(). For tests and diagnostics. */
bool secret_process_undumpable(void);

#endif
