/* cli.c - option parsing, validation and the --help text of twenty-sim. */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PIPEBOARD_VERSION
#define PIPEBOARD_VERSION "unknown"
#endif

enum { OPT_HOST = 1000, OPT_PORT, OPT_API_KEY, OPT_SEED, OPT_STAGES, OPT_DATA, OPT_LOG,
       OPT_RATE_LIMIT, OPT_LATENCY, OPT_FAULTS, OPT_TLS_CERT, OPT_TLS_KEY };

static const struct option OPTIONS[] = {
    {"host", required_argument, NULL, OPT_HOST},
    {"port", required_argument, NULL, OPT_PORT},
    {"api-key", required_argument, NULL, OPT_API_KEY},
    {"seed", required_argument, NULL, OPT_SEED},
    {"stages", required_argument, NULL, OPT_STAGES},
    {"data", required_argument, NULL, OPT_DATA},
    {"log", required_argument, NULL, OPT_LOG},
    {"rate-limit", required_argument, NULL, OPT_RATE_LIMIT},
    {"latency", required_argument, NULL, OPT_LATENCY},
    {"faults", required_argument, NULL, OPT_FAULTS},
    {"tls-cert", required_argument, NULL, OPT_TLS_CERT},
    {"tls-key", required_argument, NULL, OPT_TLS_KEY},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

void sim_cli_version(FILE *out)
{
    fprintf(out, "twenty-sim %s\n", PIPEBOARD_VERSION);
}

void sim_cli_help(FILE *out)
{
    fputs(
"Usage: twenty-sim [OPTION]...\n"
"A local Twenty CRM workspace: the REST (/rest/...), metadata (/rest/metadata/...)\n"
"and GraphQL (/graphql, /metadata) APIs of the contract, with Twenty's errors.\n"
"When ready it prints exactly one line on stdout, 'listening on http://HOST:PORT';\n"
"diagnostics go to stderr. SIGINT or SIGTERM: stop accepting, finish the requests\n"
"in flight, save, exit 0.\n"
"\n"
"Options:\n"
"  --host ADDR        IPv4/IPv6 address to listen on, or localhost (default 127.0.0.1)\n"
"  --port N           TCP port 0-65535; 0 picks a free port (default 3000)\n"
"  --api-key KEY      the workspace API key clients send as 'Authorization: Bearer KEY'.\n"
"                     Without it: $TWENTY_SIM_API_KEY, else the demo key\n"
"                     'twenty-sim-demo-key'. Prefer the environment variable:\n"
"                     --api-key is visible to every user in the process list.\n"
"  --seed N           generate N demo opportunities (0-1000000) with randomness\n"
"                     seeded by N, when the data file is new or absent\n"
"  --stages WHICH     stage options of opportunity.stage: 'default' (Twenty's NEW,\n"
"                     SCREENING, MEETING, PROPOSAL, CUSTOMER), 'demo' (DISCOVERY,\n"
"                     PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST) or a JSON FILE\n"
"                     (default 'default')\n"
"  --data FILE        keep the workspace in FILE (created if absent; every write is\n"
"                     journaled before it is answered). Without it: memory only\n"
"  --log FILE         append one line per request: METHOD PATH?QUERY STATUS MICROSECONDS\n"
"                     (headers, and so the API key, are never logged)\n"
"  --rate-limit SPEC  limit API requests with token buckets (default: no limit)\n"
"  --latency MS       delay every answer by MS milliseconds (0-600000)\n"
"  --faults SPEC      inject faults (default: none)\n"
"  --tls-cert FILE    serve HTTPS only, with this PEM certificate (chain); needs\n"
"  --tls-key FILE     the PEM private key of that certificate. The line on stdout\n"
"                     then says 'listening on https://HOST:PORT'\n"
"  -h, --help         show this help and exit\n"
"  -V, --version      show the version and exit\n"
"\n"
"--rate-limit SPEC: LIMIT/TTL_MS[,LIMIT/TTL_MS...]. Each bucket holds LIMIT tokens,\n"
"  refills continuously at LIMIT per TTL_MS and starts full; an authenticated\n"
"  request takes one token from every bucket or is refused with Twenty's 429\n"
"  RATE_LIMITED body and Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining and\n"
"  X-RateLimit-Reset headers (on /graphql and /metadata: HTTP 200 with a GraphQL\n"
"  error, code RATE_LIMITED). Twenty's own limits:\n"
"    --rate-limit 100/1000,100/60000\n"
"\n"
"--faults SPEC: rules separated by ';' or newlines, each\n"
"    [METHOD] PATH-GLOB KIND[:ARG] [every=N | rate=F] [seed=S] [after=N] [count=N]\n"
"  METHOD     GET, POST, PATCH, PUT, DELETE or * (default: any method)\n"
"  PATH-GLOB  a glob on the path without the query; '*' also matches '/'\n"
"  KIND       500          500 InternalServerErrorException, request not executed\n"
"             503          503 ServiceUnavailableException, request not executed\n"
"             401          401 UNAUTHENTICATED 'Token has expired.', not executed\n"
"             404          404 NotFoundException 'Record not found', not executed\n"
"             429[:S]      429 RATE_LIMITED with Retry-After: S (default 1), not executed\n"
"             hang:MS      wait MS ms, then answer normally\n"
"             close        execute, send the headers and half the body, close the socket\n"
"             truncate     execute, send a complete response whose body is cut in half\n"
"             malformed    200 with a body that is not JSON, not executed\n"
"             wrongshape   200 {\"data\":{\"opportunities\":{\"x\":1}}}, not executed\n"
"             body:FILE    200 application/json with the exact bytes of FILE (read when\n"
"                          the rule is set, at most 32 MiB; no blanks or ';' in FILE),\n"
"                          not executed: wrong types, invalid UTF-8, huge pages\n"
"  every=N    fire on every Nth matching request (default 1: all of them)\n"
"  rate=F     fire on a fraction F (0-1) of matching requests, chosen by a hash\n"
"             of seed and request number: reproducible from run to run\n"
"  seed=S     the seed of rate= (default 1)\n"
"  after=N    leave the first N matching requests alone\n"
"  count=N    fire at most N times\n"
"  Every rule counts the requests it matches; the first rule that fires decides.\n"
"  Faults come before authentication and rate limiting, and look the same on\n"
"  every path. Examples:\n"
"    --faults '/rest/opportunities* 503 every=3'\n"
"    --faults 'PATCH /rest/opportunities/* close count=1; /graphql hang:5000 rate=0.1 seed=7'\n"
"    --faults '* 429:2 after=10 every=5'\n"
"    --faults 'GET /rest/opportunities* body:/tmp/page.json count=1'\n"
"\n"
"Runtime control (same Bearer key; never faulted, delayed or rate limited):\n"
"  GET    /__sim/faults   the current rules with their matched/fired counts\n"
"  POST   /__sim/faults   replace the rules by the SPEC in the body (400 if invalid)\n"
"  DELETE /__sim/faults   remove every rule\n"
"\n"
"Exit status: 0 after a clean stop, 1 if the workspace or the socket cannot be\n"
"opened, 2 on a usage error.\n"
"\n"
"Example:\n"
"  TWENTY_SIM_API_KEY=secret twenty-sim --port 0 --stages demo --seed 300 --data ws.json\n"
"  curl -H 'Authorization: Bearer secret' 'http://127.0.0.1:PORT/rest/opportunities?limit=5'\n",
        out);
}

/* Decimal integer in [lo, hi], digits only. */
static bool parse_range(const char *s, long lo, long hi, long *out)
{
    if (s == NULL || *s == '\0' || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s)) return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno != 0 || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static bool valid_host(const char *h)
{
    unsigned char buf[sizeof(struct in6_addr)];
    return strcmp(h, "localhost") == 0 || inet_pton(AF_INET, h, buf) == 1 || inet_pton(AF_INET6, h, buf) == 1;
}

/* A Bearer token: printable ASCII without spaces. */
static bool valid_key(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n > 1024) return false;
    for (size_t i = 0; i < n; i++)
        if (k[i] <= ' ' || k[i] > '~') return false;
    return true;
}

static sim_cli_action fail(sim_cli *c, char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b);
    sim_cli_free(c);
    return SIM_CLI_ERROR;
}

/* Applies one option; returns false with err set on a bad value. */
static bool apply(sim_cli *c, int opt, const char *v, char *err, size_t errlen)
{
    char why[300];
    long n = 0;
    switch (opt) {
    case OPT_HOST:
        if (!valid_host(v)) {
            snprintf(err, errlen, "--host: '%.200s' is not an IPv4 or IPv6 address (or localhost)", v);
            return false;
        }
        c->host = v;
        return true;
    case OPT_PORT:
        if (!parse_range(v, 0, 65535, &n)) {
            snprintf(err, errlen, "--port: '%.200s' is not a port number from 0 to 65535", v);
            return false;
        }
        c->port = (int)n;
        return true;
    case OPT_API_KEY:
        if (!valid_key(v)) {
            snprintf(err, errlen, "--api-key: the key must be 1-1024 printable ASCII characters without spaces");
            return false;
        }
        c->api_key = v;
        c->api_key_from = "--api-key";
        return true;
    case OPT_SEED:
        if (!parse_range(v, 0, SIM_CLI_MAX_SEED, &c->seed)) {
            snprintf(err, errlen, "--seed: '%.200s' is not an integer from 0 to %ld", v, SIM_CLI_MAX_SEED);
            return false;
        }
        return true;
    case OPT_STAGES:
        if (strcmp(v, "default") != 0 && strcmp(v, "demo") != 0) {
            if (*v == '\0' || access(v, R_OK) != 0) {
                snprintf(err, errlen, "--stages: expected 'default', 'demo' or a readable JSON file; '%.200s': %s",
                         v, *v ? strerror(errno) : "empty");
                return false;
            }
        }
        c->stages = v;
        return true;
    case OPT_TLS_CERT:
    case OPT_TLS_KEY:
        if (*v == '\0' || access(v, R_OK) != 0) {
            snprintf(err, errlen, "%s: '%.200s' is not a readable file: %s",
                     opt == OPT_TLS_CERT ? "--tls-cert" : "--tls-key", v, *v ? strerror(errno) : "empty");
            return false;
        }
        if (opt == OPT_TLS_CERT) c->tls_cert = v;
        else c->tls_key = v;
        return true;
    case OPT_DATA:
    case OPT_LOG:
        if (*v == '\0') {
            snprintf(err, errlen, "%s: the file name is empty", opt == OPT_DATA ? "--data" : "--log");
            return false;
        }
        if (opt == OPT_DATA) c->data_path = v;
        else c->log_path = v;
        return true;
    case OPT_RATE_LIMIT:
        if (!sim_ratelimit_parse(&c->ratelimit, v, why, sizeof why)) {
            snprintf(err, errlen, "--rate-limit: %s", why);
            return false;
        }
        return true;
    case OPT_LATENCY:
        if (!parse_range(v, 0, SIM_CLI_MAX_LATENCY_MS, &c->latency_ms)) {
            snprintf(err, errlen, "--latency: '%.200s' is not a number of milliseconds from 0 to %ld", v,
                     SIM_CLI_MAX_LATENCY_MS);
            return false;
        }
        return true;
    case OPT_FAULTS: {
        sim_faults f;
        if (!sim_faults_parse(v, &f, why, sizeof why)) {
            snprintf(err, errlen, "--faults: %s", why);
            return false;
        }
        sim_faults_free(&c->faults);
        c->faults = f;
        return true;
    }
    default:
        return false;
    }
}

sim_cli_action sim_cli_parse(sim_cli *c, int argc, char **argv, const char *env_api_key, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->host = SIM_CLI_DEFAULT_HOST;
    c->port = SIM_CLI_DEFAULT_PORT;
    c->seed = -1;
    c->stages = "default";
    if (errlen > 0) err[0] = '\0';

    optind = 0;   /* GNU: full re-initialisation */
    opterr = 0;
    for (;;) {
        int opt = getopt_long(argc, argv, ":hV", OPTIONS, NULL);
        if (opt == -1) break;
        const char *given = optind >= 1 && optind <= argc ? argv[optind - 1] : "?";
        if (opt == 'h') { sim_cli_free(c); return SIM_CLI_HELP; }
        if (opt == 'V') { sim_cli_free(c); return SIM_CLI_VERSION; }
        if (opt == ':')
            return fail(c, err, errlen, "option '%.200s' needs a value%s", given, "");
        if (opt == '?')
            return fail(c, err, errlen, "unknown option '%.200s'%s", given, "");
        if (!apply(c, opt, optarg, err, errlen)) {
            sim_cli_free(c);
            return SIM_CLI_ERROR;
        }
    }
    if (optind < argc)
        return fail(c, err, errlen, "unexpected argument '%.200s'%s", argv[optind], "");
    if ((c->tls_cert == NULL) != (c->tls_key == NULL))
        return fail(c, err, errlen, "%s needs %s too", c->tls_cert ? "--tls-cert" : "--tls-key",
                    c->tls_cert ? "--tls-key" : "--tls-cert");

    if (c->api_key == NULL && env_api_key != NULL) {
        if (!valid_key(env_api_key))
            return fail(c, err, errlen, "%s: the key must be 1-1024 printable ASCII characters without spaces%s",
                        SIM_CLI_API_KEY_ENV, "");
        c->api_key = env_api_key;
        c->api_key_from = SIM_CLI_API_KEY_ENV;
    }
    if (c->api_key == NULL) {
        c->api_key = SIM_CLI_DEFAULT_API_KEY;
        c->api_key_from = "default";
    }
    return SIM_CLI_RUN;
}

void sim_cli_free(sim_cli *c)
{
    sim_faults_free(&c->faults);
}
