/* simproc.h - runs build/twenty-sim as a child process for contract tests.
 *
 * Promises:
 *  - simproc_start forks and execs $BUILD/twenty-sim (BUILD defaults to
 *    "build") with the caller's arguments plus "--port 0", reads the single
 *    line "listening on http://HOST:PORT" from its stdout within a timeout,
 *    and fills host, port and base_url. On failure it returns false with a
 *    reason in p->err and leaves no process behind.
 *  - The child is killed if the process that started it dies
 *    (PR_SET_PDEATHSIG), so a failing test never leaks a server.
 *  - simproc_stop sends SIGTERM, waits, and returns the exit status;
 *    simproc_kill sends SIGKILL and reaps. Both collect whatever the child
 *    printed on stdout after the listening line into p->extra.
 *  - simproc_run runs the binary to completion (for --help and bad flags)
 *    and captures stdout and stderr.
 * No curl and no Check here: plain POSIX. */
#ifndef CT_SIMPROC_H
#define CT_SIMPROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct simproc {
    pid_t pid;             /* 0 when not running */
    int out_fd;            /* read end of the child's stdout */
    char host[64];
    int port;
    char base_url[128];    /* "http://127.0.0.1:PORT" */
    char line[256];        /* the first stdout line, without its newline */
    char extra[4096];      /* stdout bytes after the first line (NUL-terminated) */
    size_t nextra;
    long startup_us;       /* from fork to the listening line */
    char err[512];
} simproc;

typedef struct simproc_opts {
    const char *const *args;  /* NULL-terminated arguments after the binary (may be NULL) */
    const char *const *env;   /* NULL-terminated "NAME=value" set in the child (may be NULL) */
    int timeout_ms;           /* for the listening line; 0 means 10000 */
    bool no_port;             /* do not append "--port 0" */
    const char *stderr_path;  /* child's stderr goes there (appended); NULL inherits */
} simproc_opts;

/* Path of the binary: $BUILD/twenty-sim. */
const char *simproc_binary(void);

bool simproc_start(simproc *p, const char *const *args);
bool simproc_start_opts(simproc *p, const simproc_opts *o);

/* SIGTERM, wait up to timeout_ms (0 means 10000; then SIGKILL).
 * Returns the exit code (0-255), 128+signal if killed by a signal,
 * -1 if it had to be killed after the timeout or was not running. */
int simproc_stop(simproc *p, int timeout_ms);
/* SIGKILL and reap. */
void simproc_kill(simproc *p);

/* Runs the binary with args to completion (killing it after timeout_ms),
 * stdout+stderr into out (NUL-terminated, truncated). Returns the exit code
 * as simproc_stop does. */
int simproc_run(const char *const *args, char *out, size_t outlen, int timeout_ms);

#endif
