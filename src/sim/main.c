/* main.c - twenty-sim: parse the command line, open the workspace, serve it
 * until SIGINT/SIGTERM, then drain, save and exit 0.
 *
 * stdout carries exactly one line, "listening on http://HOST:PORT" (https://
 * with --tls-cert/--tls-key), once the socket accepts connections; everything
 * else goes to stderr.
 * Exit status: 0 clean stop, 1 runtime failure, 2 usage error. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "server.h"
#include "world.h"

/* Thread-per-connection serving wants file descriptors: raise the soft limit. */
static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int main(int argc, char **argv)
{
    sim_cli cli;
    char err[1024];
    switch (sim_cli_parse(&cli, argc, argv, getenv(SIM_CLI_API_KEY_ENV), err, sizeof err)) {
    case SIM_CLI_HELP:
        sim_cli_help(stdout);
        return 0;
    case SIM_CLI_VERSION:
        sim_cli_version(stdout);
        return 0;
    case SIM_CLI_ERROR:
        fprintf(stderr, "twenty-sim: %s\nTry 'twenty-sim --help' for more information.\n", err);
        return 2;
    case SIM_CLI_RUN:
        break;
    }

    FILE *log = NULL;
    if (cli.log_path != NULL) {
        log = fopen(cli.log_path, "a");
        if (log == NULL) {
            fprintf(stderr, "twenty-sim: --log: cannot open '%s': %s\n", cli.log_path, strerror(errno));
            sim_cli_free(&cli);
            return 2;
        }
    }

    /* Block the stop signals in every thread (the server's threads inherit
     * this mask) and take them with sigwait below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    raise_fd_limit();

    sim_store_config sc = {
        .stages = cli.stages,
        .data_path = cli.data_path,
        .seed_count = cli.seed,
        .seed = cli.seed >= 0 ? (uint64_t)cli.seed : 0,
        .api_key_name = "twenty-sim demo key",
    };
    sim_world world;
    sim_error werr;
    memset(&werr, 0, sizeof werr);
    if (!sim_world_open(&world, &sc, &werr)) {
        fprintf(stderr, "twenty-sim: cannot open the workspace: %s\n", werr.message[0] ? werr.message : "unknown error");
        sim_cli_free(&cli);
        if (log) fclose(log);
        return 1;
    }

    sim_server_config cfg = {
        .host = cli.host,
        .port = cli.port,
        .api_key = cli.api_key,
        .ratelimit = cli.ratelimit,
        .faults = cli.faults,          /* moved into the server */
        .latency_ms = cli.latency_ms,
        .log = log,
        .tls_cert = cli.tls_cert,
        .tls_key = cli.tls_key,
    };
    memset(&cli.faults, 0, sizeof cli.faults);
    sim_server *srv = sim_server_start(&world, &cfg, err, sizeof err);
    if (srv == NULL) {
        fprintf(stderr, "twenty-sim: %s\n", err);
        sim_world_close(&world);
        sim_cli_free(&cli);
        if (log) fclose(log);
        return 1;
    }

    const char *host = strcmp(cli.host, "localhost") == 0 ? "127.0.0.1" : cli.host;
    bool v6 = strchr(host, ':') != NULL;
    printf("listening on %s://%s%s%s:%d\n", cli.tls_cert ? "https" : "http", v6 ? "[" : "", host,
           v6 ? "]" : "", sim_server_port(srv));
    fflush(stdout);
    if (strcmp(cli.api_key_from, "default") == 0)
        fprintf(stderr, "twenty-sim: using the demo API key (see --help)\n");

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {
    }
    fprintf(stderr, "twenty-sim: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");

    sim_server_stop(srv);
    sim_world_close(&world);
    sim_cli_free(&cli);
    if (log) fclose(log);
    return 0;
}
