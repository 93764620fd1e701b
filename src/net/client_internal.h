/* client_internal.h - the structures shared by client.c (queue, pacing,
 * retries, callbacks) and transfer.c (one curl easy handle per attempt).
 * Private to src/net/. */
#ifndef NET_CLIENT_INTERNAL_H
#define NET_CLIENT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "net/backoff.h"
#include "net/net.h"
#include "net/pacer.h"
#include "net/secret.h"

typedef enum req_list { LIST_NONE, LIST_QUEUED, LIST_RUNNING, LIST_DONE } req_list;

/* How one attempt ended (filled by transfer_outcome). */
typedef struct attempt_outcome {
    int http_status;          /* 0 when transport_error is set */
    int transport_error;      /* net_error */
    char error_text[128];
    int64_t server_wait_ms;   /* Retry-After / X-RateLimit-Reset; -1 if none */
} attempt_outcome;

typedef struct net_req {
    struct net_req *prev, *next;
    req_list list;
    net_client *client;
    uint64_t id;                  /* also the FIFO order */
    char method[8];
    char *path;                   /* path and query, as submitted */
    char *body;                   /* NULL: no body */
    size_t body_len;
    bool retry_safe, urgent;
    net_done_fn done;
    void *ctx;
    int attempts;
    int64_t submitted_ms, attempt_ms, not_before_ms;   /* monotonic */
    CURL *easy;                   /* while running */
    char *resp;                   /* response body, NUL-terminated */
    size_t resp_len, resp_cap;
    bool too_large;
    attempt_outcome out;          /* the last attempt's */
    int retry_after_s;            /* reported when a 429/503 was not retried */
} net_req;

typedef struct req_queue {
    net_req *head, *tail;
    size_t count;
} req_queue;

struct net_client {
    CURLM *multi;
    char *base_url;               /* without trailing '/' */
    char *user_agent;
    char *ca_file;
    bool https;
    secret *auth;                 /* "Authorization: Bearer …" or NULL */
    char hdr_accept[32], hdr_type[40], hdr_expect[8];
    struct curl_slist hdr_plain[2];   /* Accept [+ Authorization] */
    struct curl_slist hdr_json[4];    /* Accept, Content-Type, Expect: [+ Authorization] */
    long connect_timeout_ms, timeout_ms, max_retry_after_ms;
    backoff_policy policy;
    int max_parallel;
    size_t max_body;
    net_log_fn log;
    void *log_ctx;
    pacer pacer;
    uint64_t rng, next_id;
    req_queue queued, running, done;
};

/* Creates the easy handle for r's next attempt and adds it to the multi
 * handle. Returns a net_error (NET_OK when started). */
int transfer_start(net_client *c, net_req *r, int64_t now_ms);

/* After curl reported r done with `code`: fills r->out, logs the attempt,
 * removes and frees the easy handle. */
void transfer_finish(net_client *c, net_req *r, CURLcode code, int64_t now_ms);

/* Detaches and frees r's easy handle without looking at the outcome. */
void transfer_abort(net_client *c, net_req *r);

/* Frees every request, running or not, without calling back. */
void client_drop_all(net_client *c);

int64_t net_now_ms(void);       /* monotonic */
int64_t net_epoch_ms(void);     /* wall clock */

#endif
