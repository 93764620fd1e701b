/* server.h - twenty-sim's HTTP server (libmicrohttpd).
 *
 * Promises: one thread per connection (a hanging or delayed answer never
 * blocks another connection), keep-alive, up to 1024 parallel connections,
 * request bodies read whole (over the cap: 413). Each request goes through,
 * in order: faults and latency, authentication, the rate limit, then
 * sim_world_handle under one mutex; /__sim/ control routes are only
 * authenticated. The query string reaches the routes split and URL-decoded
 * ('+' is a space), with raw_query kept. With a log, one line per request:
 * "METHOD PATH?QUERY STATUS DURATION_US", flushed (headers never logged).
 * sim_server_stop stops accepting, lets the requests in flight finish
 * (waking hangs and latency sleeps), then stops the daemon; the caller then
 * closes the world. With tls_cert and tls_key the server speaks HTTPS only
 * (libmicrohttpd with GnuTLS; the files are read once at start). */
#ifndef SIM_SERVER_H
#define SIM_SERVER_H

#include <stddef.h>
#include <stdio.h>

#include "faults.h"
#include "ratelimit.h"
#include "world.h"

#define SIM_SERVER_MAX_BODY (16u * 1024u * 1024u)

typedef struct sim_server_config {
    const char *host;        /* IPv4/IPv6 literal or "localhost" (127.0.0.1) */
    int port;                /* 0: any free port */
    const char *api_key;     /* copied */
    sim_ratelimit ratelimit; /* copied; n == 0: no limit */
    sim_faults faults;       /* moved: the server owns it from now on (even on failure) */
    long latency_ms;
    FILE *log;               /* borrowed, may be NULL; must outlive the server */
    size_t max_body;         /* 0: SIM_SERVER_MAX_BODY */
    const char *tls_cert;    /* PEM file of the certificate (chain): HTTPS; NULL: HTTP */
    const char *tls_key;     /* PEM file of its private key; set with tls_cert */
} sim_server_config;

typedef struct sim_server sim_server;

/* Binds, listens and starts serving `w`. NULL with a message on failure. */
sim_server *sim_server_start(sim_world *w, sim_server_config *cfg, char *err, size_t errlen);

/* The port actually bound (useful with port 0). */
int sim_server_port(const sim_server *s);

/* Graceful stop (see above) and free. */
void sim_server_stop(sim_server *s);

#endif
