/* client_setup.c - creating and freeing a net_client: the base URL and key
 * checks, the fixed header lists, defaults, the multi handle. See net.h. */
#include "net/client_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PIPEBOARD_VERSION
#define PIPEBOARD_VERSION "dev"
#endif

static bool set_base_url(net_client *c, const char *base, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *user = NULL, *pass = NULL, *query = NULL, *frag = NULL, *full = NULL;
    bool ok = false;
    if (!u) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    if (!base || curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK
        || curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
        snprintf(err, errlen, "the server URL is not a valid http(s) URL");
    } else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
        snprintf(err, errlen, "the server URL must start with http:// or https://");
    } else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK
               || curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK) {
        snprintf(err, errlen, "the server URL must not hold credentials (use the API key)");
    } else if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK
               || curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK) {
        snprintf(err, errlen, "the server URL must not have a query or fragment");
    } else if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK
               || !(c->base_url = strdup(full))) {
        snprintf(err, errlen, "out of memory");
    } else {
        size_t n = strlen(c->base_url);
        while (n > 0 && c->base_url[n - 1] == '/')
            c->base_url[--n] = '\0';
        c->https = strcmp(scheme, "https") == 0;
        ok = true;
    }
    curl_free(scheme); curl_free(user); curl_free(pass);
    curl_free(query); curl_free(frag); curl_free(full);
    curl_url_cleanup(u);
    return ok;
}

static bool api_key_valid(const char *key, char *err, size_t errlen)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++, n++) {
        if (*p < 0x21 || *p > 0x7e) {
            snprintf(err, errlen, "the API key holds characters an HTTP header cannot carry");
            return false;
        }
    }
    if (n > 16384) {
        snprintf(err, errlen, "the API key is too long");
        return false;
    }
    return true;
}

/* The two fixed header lists; curl reads but never copies or frees them. */
static void build_headers(net_client *c)
{
    snprintf(c->hdr_accept, sizeof c->hdr_accept, "Accept: application/json");
    snprintf(c->hdr_type, sizeof c->hdr_type, "Content-Type: application/json");
    snprintf(c->hdr_expect, sizeof c->hdr_expect, "Expect:");   /* no 100-continue wait */
    char *auth = c->auth ? secret_text(c->auth) : NULL;
    c->hdr_plain[0] = (struct curl_slist){ c->hdr_accept, auth ? &c->hdr_plain[1] : NULL };
    c->hdr_plain[1] = (struct curl_slist){ auth, NULL };
    c->hdr_json[0] = (struct curl_slist){ c->hdr_accept, &c->hdr_json[1] };
    c->hdr_json[1] = (struct curl_slist){ c->hdr_type, &c->hdr_json[2] };
    c->hdr_json[2] = (struct curl_slist){ c->hdr_expect, auth ? &c->hdr_json[3] : NULL };
    c->hdr_json[3] = (struct curl_slist){ auth, NULL };
}

/* $PIPEBOARD_TIMEOUT: the whole-transfer timeout in seconds (1..600) when the
 * caller set none; anything else there is ignored (the default stays). */
static long env_timeout_ms(void)
{
    const char *v = getenv("PIPEBOARD_TIMEOUT");
    if (!v || !*v)
        return 0;
    char *end = NULL;
    long s = strtol(v, &end, 10);
    if (*end != '\0' || s < 1 || s > 600)
        return 0;
    return s * 1000;
}

static void apply_defaults(net_client *c, const net_config *cfg)
{
    long env_ms = cfg->timeout_ms > 0 ? 0 : env_timeout_ms();
    c->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : env_ms > 0 ? env_ms : 30000;
    c->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms
                            : c->timeout_ms < 5000                  ? c->timeout_ms
                                                                    : 5000;
    c->policy.max_attempts = cfg->max_attempts > 0 ? cfg->max_attempts : 4;
    c->policy.base_ms = cfg->backoff_base_ms > 0 ? cfg->backoff_base_ms : 250;
    c->policy.max_ms = cfg->backoff_max_ms > 0 ? cfg->backoff_max_ms : 8000;
    c->max_retry_after_ms = cfg->max_retry_after_ms > 0 ? cfg->max_retry_after_ms : 60000;
    c->max_parallel = cfg->max_parallel > 0 ? cfg->max_parallel : 8;
    c->max_body = cfg->max_body_bytes > 0 ? cfg->max_body_bytes : (size_t)64 << 20;
    c->log = cfg->log;
    c->log_ctx = cfg->log_ctx;
    int64_t now = net_now_ms();
    pacer_init(&c->pacer);
    int per_minute = cfg->rate_per_minute == 0 ? 100 : cfg->rate_per_minute;
    /* Pace a little under the server's limit: its bucket counts arrivals,
     * ours counts departures, and arrival jitter (or requests made just
     * before we started) would otherwise cost an occasional 429. */
    if (cfg->rate_per_second > 0)
        pacer_add_bucket(&c->pacer, pacer_margin(cfg->rate_per_second), 1000, now);
    if (per_minute > 0)
        pacer_add_bucket(&c->pacer, pacer_margin(per_minute), 60000, now);
    c->rng = (uint64_t)net_epoch_ms() ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)c;
}

static bool setup_multi(net_client *c)
{
    c->multi = curl_multi_init();
    if (!c->multi)
        return false;
    long conns = c->max_parallel > 8 ? c->max_parallel : 8;
    return curl_multi_setopt(c->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX) == CURLM_OK
        && curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, conns) == CURLM_OK
        && curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, conns) == CURLM_OK;
}

net_client *net_client_new(const net_config *cfg, char *err, size_t errlen)
{
    char dummy[8];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = '\0';
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, errlen, "libcurl could not start");
        return NULL;
    }
    net_client *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        curl_global_cleanup();
        return NULL;
    }
    c->next_id = 1;
    apply_defaults(c, cfg);
    const char *key = cfg->api_key ? cfg->api_key : "";
    const char *ua = cfg->user_agent ? cfg->user_agent : "pipeboard/" PIPEBOARD_VERSION;
    if (!set_base_url(c, cfg->base_url, err, errlen) || !api_key_valid(key, err, errlen))
        goto fail;
    if ((*key && !(c->auth = secret_new("Authorization: Bearer ", key)))
        || !(c->user_agent = strdup(ua))
        || (cfg->ca_file && !(c->ca_file = strdup(cfg->ca_file)))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    build_headers(c);
    if (!setup_multi(c)) {
        snprintf(err, errlen, "libcurl could not create its multi handle");
        goto fail;
    }
    return c;
fail:
    net_client_free(c);
    return NULL;
}

void net_client_free(net_client *c)
{
    if (!c)
        return;
    client_drop_all(c);
    if (c->multi)
        curl_multi_cleanup(c->multi);
    secret_free(c->auth);
    free(c->base_url);
    free(c->user_agent);
    free(c->ca_file);
    free(c);
    curl_global_cleanup();
}

bool net_blocking_dns(void)
{
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    return !v || !(v->features & CURL_VERSION_ASYNCHDNS);
}

const char *net_error_name(int err)
{
    switch (err) {
    case NET_OK: return "ok";
    case NET_ERR_TIMEOUT: return "timed out";
    case NET_ERR_CONNECT: return "could not connect";
    case NET_ERR_CLOSED: return "connection closed";
    case NET_ERR_RESOLVE: return "could not resolve the server name";
    case NET_ERR_TLS: return "TLS error";
    case NET_ERR_TOO_LARGE: return "response too large";
    case NET_ERR_NOMEM: return "out of memory";
    default: return "network error";
    }
}
