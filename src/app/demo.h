/* demo.h - the embedded demo workspace: a twenty-sim child process.
 *
 * Promises: demo_start finds the twenty-sim binary (next to the running
 * executable, in the build tree, in PREFIX/bin, or on PATH), starts it on a
 * free loopback port with the demo stages and seeded data, keeping the data
 * in $XDG_DATA_HOME/pipeboard/demo.json (default ~/.local/share; directories
 * created 0700), and waits for its "listening on" line. The API key is a fresh
 * random token passed through the environment (TWENTY_SIM_API_KEY), never in
 * argv. demo_stop asks the server to save and exit (SIGTERM) and waits. */
#ifndef PB_APP_DEMO_H
#define PB_APP_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct demo_server {
    pid_t pid;
    char url[128];        /* "http://127.0.0.1:PORT" */
    char api_key[65];     /* random hex */
    char data_path[1024];
} demo_server;

/* timeout_ms bounds the wait for the listening line. */
bool demo_start(demo_server *d, int seed_count, int timeout_ms, char *err, size_t errlen);
void demo_stop(demo_server *d);
/* The path of the twenty-sim binary that demo_start would run, or false. */
bool demo_find_sim(char *out, size_t outlen);

#endif
