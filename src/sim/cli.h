/* cli.h - twenty-sim's command line.
 *
 * Promises: sim_cli_parse reads argv (getopt_long, "--opt VALUE" or
 * "--opt=VALUE", the last of a repeated option wins) and validates every
 * option, including the --rate-limit and --faults SPECs, so that main can
 * exit 2 with the message before doing anything. The API key comes from
 * --api-key, else the environment value passed in (TWENTY_SIM_API_KEY),
 * else the documented demo key. Nothing is printed here except by
 * sim_cli_help / sim_cli_version. */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "faults.h"
#include "ratelimit.h"

#define SIM_CLI_DEFAULT_HOST "127.0.0.1"
#define SIM_CLI_DEFAULT_PORT 3000
#define SIM_CLI_DEFAULT_API_KEY "twenty-sim-demo-key"
#define SIM_CLI_API_KEY_ENV "TWENTY_SIM_API_KEY"
#define SIM_CLI_MAX_SEED 1000000L
#define SIM_CLI_MAX_LATENCY_MS 600000L

typedef enum sim_cli_action {
    SIM_CLI_RUN = 0,
    SIM_CLI_HELP,
    SIM_CLI_VERSION,
    SIM_CLI_ERROR          /* usage error: message in err, exit 2 */
} sim_cli_action;

typedef struct sim_cli {
    const char *host;          /* as given; "localhost" binds 127.0.0.1 */
    int port;                  /* 0 = any free port */
    const char *api_key;       /* points into argv, the environment or a literal */
    const char *api_key_from;  /* "--api-key", "TWENTY_SIM_API_KEY" or "default" */
    long seed;                 /* --seed N, or -1 */
    const char *stages;        /* "default", "demo" or a readable file */
    const char *data_path;     /* NULL: memory only */
    const char *log_path;      /* NULL: no request log */
    sim_ratelimit ratelimit;   /* n == 0: no limit */
    long latency_ms;
    sim_faults faults;         /* owned: free with sim_cli_free */
    const char *tls_cert;      /* --tls-cert FILE (readable), NULL: plain HTTP */
    const char *tls_key;       /* --tls-key FILE; set exactly when tls_cert is */
} sim_cli;

/* env_api_key: the value of TWENTY_SIM_API_KEY or NULL. Resets getopt's
 * state, so it can be called more than once. */
sim_cli_action sim_cli_parse(sim_cli *c, int argc, char **argv, const char *env_api_key,
                             char *err, size_t errlen);
void sim_cli_free(sim_cli *c);

void sim_cli_help(FILE *out);
void sim_cli_version(FILE *out);

#endif
