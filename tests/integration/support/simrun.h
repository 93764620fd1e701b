/* simrun.h - runs build/twenty-sim as a child process for integration tests.
 *
 * Promises: simrun_start execs $BUILD/twenty-sim (BUILD defaults to "build")
 * with the given arguments plus "--port 0", the API key passed through the
 * environment (TWENTY_SIM_API_KEY, never argv), waits for its one line
 * "listening on http://HOST:PORT" and fills base_url. The child dies with the
 * test process (PR_SET_PDEATHSIG), so a failing test leaves no server
 * behind; simrun_stop sends SIGTERM and reaps it. The server's stderr is
 * discarded unless SIMRUN_STDERR is set. Plain POSIX, no Check. */
#ifndef IT_SIMRUN_H
#define IT_SIMRUN_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct simrun {
    pid_t pid;
    int out_fd;
    char base_url[128];
    char err[256];
} simrun;

#define SIMRUN_KEY "integration-test-key"

/* args: NULL-terminated, after the binary name. */
bool simrun_start(simrun *s, const char *const *args);
int simrun_stop(simrun *s);

#endif
