/* net.h - pipeboard's HTTP client: one libcurl multi handle, driven by the
 * program's single event loop. The only module that talks to curl.
 *
 * Promises:
 * - Nothing here blocks (except name lookups when curl was built without an
 *   asynchronous resolver: net_blocking_dns() says so). Requests are queued
 *   by net_submit(); the event loop calls net_wait() (ONE curl_multi_poll,
 *   with an extra descriptor such as stdin) and then net_dispatch(), which
 *   runs the transfers and calls the done callbacks. Pacing and retry delays
 *   only shorten net_wait()'s timeout; nothing ever sleeps.
 * - Every submitted request gets exactly one done callback, from inside
 *   net_dispatch(), unless it is cancelled (then none) or the client is freed
 *   first (then none). net_submit() never calls back synchronously.
 * - Connections are kept alive and reused (HTTP/1.1 keep-alive, HTTP/2
 *   multiplexing over TLS where the server offers it); responses may be
 *   compressed; bodies larger than cfg.max_body_bytes fail with
 *   NET_ERR_TOO_LARGE (decompressed size counts).
 * - A client-side pacer (token buckets, like Twenty's own: a per-minute and
 *   an optional per-second bucket) keeps the request rate under the
 *   workspace limit: requests wait in a FIFO queue, urgent ones first.
 * - Retries: requests marked retry_safe are retried with exponential backoff
 *   and full jitter on 5xx (except 501), timeouts, refused connections and
 *   connections closed or reset mid-response. Every request, retry_safe or
 *   not, is retried after a 429 (the server did not act on it), waiting for
 *   Retry-After (seconds or HTTP-date) or X-RateLimit-Reset (at least 1 s
 *   when it names no wait); a 429 also holds back every queued request until
 *   then. At most cfg.max_attempts attempts.
 * - libcurl is told not to touch signals (CURLOPT_NOSIGNAL): the program
 *   should ignore SIGPIPE itself (signal(SIGPIPE, SIG_IGN) in main).
 * - TLS certificates and host names are always verified (there is no option
 *   to turn that off); only http and https are spoken; redirects are not
 *   followed (so the Authorization header never reaches another host).
 * - The API key is copied into a locked, never-dumped buffer that is zeroed
 *   on free. It goes only into the `Authorization: Bearer` header: never into
 *   URLs, logs or error texts. (libcurl and the TLS library keep transient
 *   copies of the request headers while sending; those we cannot zero.)
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct net_client net_client;

/* What went wrong below HTTP. 0 (NET_OK) when an HTTP response arrived. */
typedef enum net_error {
    NET_OK = 0,
    NET_ERR_TIMEOUT,     /* connect or transfer timeout */
    NET_ERR_CONNECT,     /* connection refused, host unreachable */
    NET_ERR_CLOSED,      /* connection closed or reset mid-request/response */
    NET_ERR_RESOLVE,     /* host name could not be resolved */
    NET_ERR_TLS,         /* handshake failed, certificate not trusted */
    NET_ERR_TOO_LARGE,   /* response body over cfg.max_body_bytes */
    NET_ERR_NOMEM,
    NET_ERR_OTHER
} net_error;

typedef struct net_result {
    uint64_t id;              /* the id net_submit returned */
    int http_status;          /* 0 if no (complete) HTTP response */
    const char *body;         /* NUL-terminated response body; "" when none; */
    size_t body_len;          /*   valid only during the callback */
    int transport_error;      /* a net_error; when set, http_status is 0 */
    const char *error_text;   /* plain words, set iff transport_error: */
                              /*   "connection refused", "timed out after 30 s" */
    int attempts;             /* 1 + number of retries made */
    double elapsed_s;         /* from net_submit to this callback */
    int retry_after_s;        /* a 429/503 that was not retried: the server's */
                              /*   requested wait in seconds (else 0) */
} net_result;

typedef void (*net_done_fn)(void *ctx, const net_result *result);

/* Receives one line per attempt, e.g. "GET /rest/opportunities?limit=60 200 35 ms"
 * or "PATCH /rest/opportunities/… ERR 5001 ms timed out after 5 s"; never headers. */
typedef void (*net_log_fn)(void *log_ctx, const char *line);

/* Zero means "the default" for every numeric field. */
typedef struct net_config {
    const char *base_url;          /* "http://127.0.0.1:3000", "https://api.twenty.com" */
    const char *api_key;           /* copied; NULL or "" sends no Authorization */
    const char *ca_file;           /* optional PEM bundle to trust (verification stays on) */
    const char *user_agent;        /* default "pipeboard/VERSION" */
    long connect_timeout_ms;       /* default 5000 */
    long timeout_ms;               /* whole transfer; default $PIPEBOARD_TIMEOUT */
                                   /*   seconds (1..600) if set, else 30000 */
    int rate_per_minute;           /* default 100; negative: no per-minute bucket */
    int rate_per_second;           /* default none (0); Twenty's default is 100 */
    int max_attempts;              /* default 4; 1 disables retries */
    long backoff_base_ms;          /* default 250 (doubles each retry) */
    long backoff_max_ms;           /* default 8000 */
    long max_retry_after_ms;       /* a 429 asking to wait longer fails; default 60000 */
    int max_parallel;              /* transfers at once; default 8 (an opening burst of
                                    * 3 + stages requests leaves at once) */
    size_t max_body_bytes;         /* default 64 MiB */
    net_log_fn log;                /* optional debug log hook */
    void *log_ctx;
} net_config;

/* Returns NULL and a message in err on a bad base URL or key, or on failure
 * to set up curl. The message never contains the key. */
net_client *net_client_new(const net_config *cfg, char *err, size_t errlen);

/* Cancels everything in flight (no callbacks), zeroes the key, frees. Must
 * not be called from inside a done callback. NULL is fine. */
void net_client_free(net_client *c);

typedef struct net_request {
    const char *method;          /* GET, POST, PATCH, PUT or DELETE */
    const char *path_and_query;  /* "/rest/opportunities?limit=60", already URL-encoded */
    const char *json_body;       /* or NULL; copied */
    bool retry_safe;             /* may be sent twice (GET, an idempotent PATCH) */
    bool urgent;                 /* user-initiated: ahead of queued background work */
    net_done_fn done;
    void *ctx;
} net_request;

/* Queues a request; returns its id (never 0), or 0 if the request is invalid
 * (unknown method, a path not starting with '/' or holding spaces or control
 * characters) or memory ran out. */
uint64_t net_submit_request(net_client *c, const net_request *req);
uint64_t net_submit(net_client *c, const char *method, const char *path_and_query,
                    const char *json_body, bool retry_safe, net_done_fn done, void *ctx);

/* Drops a queued, running or retry-waiting request; its callback is never
 * called. Unknown or finished ids are ignored. Safe inside callbacks. */
void net_cancel(net_client *c, uint64_t id);

/* Starts whatever the pacer allows, then waits in ONE curl_multi_poll for
 * network activity, for extra_fd (if >= 0) to become readable, for the next
 * pacer or retry deadline, for net_wakeup(), or for max_timeout_ms
 * (negative: no cap). *extra_fd_ready (may be NULL) tells whether extra_fd
 * is readable (or hung up). Returns 0, or -1 if polling failed. */
int net_wait(net_client *c, int extra_fd, int max_timeout_ms, bool *extra_fd_ready);

/* Makes a net_wait() in progress return at once. Callable from another
 * thread; it only write(2)s to curl's wakeup pipe. */
void net_wakeup(net_client *c);

/* Runs transfers (curl_multi_perform), reads finished ones, schedules
 * retries and calls done callbacks; starts what the pacer allows. Never
 * blocks. Must not be called from inside a done callback. */
void net_dispatch(net_client *c);

/* Requests queued + running + waiting to retry. */
size_t net_in_flight(const net_client *c);

/* Milliseconds until net_wait would next have something to do on its own
 * (a pacer or retry deadline): 0 if now, -1 if nothing is waiting. */
long net_next_deadline_ms(net_client *c);

/* True when this libcurl resolves names synchronously (no AsynchDNS), so a
 * lookup can freeze the UI for a moment: the status bar should say so. */
bool net_blocking_dns(void);

/* A plain-words name for a net_error ("timed out", "connection refused" …). */
const char *net_error_name(int err);

#endif
