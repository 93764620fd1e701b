/* drive.c - the model's outbox through net, synchronously (see drive.h). */
#include "drive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct dreq {
    drive *d;
    uint64_t token;
} dreq;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool drive_init(drive *d, const char *base_url, const char *api_key, pb_board *board)
{
    memset(d, 0, sizeof *d);
    net_config cfg = {
        .base_url = base_url,
        .api_key = api_key,
        .rate_per_minute = -1,
        .timeout_ms = 20000,
        .backoff_base_ms = 50,
    };
    d->net = net_client_new(&cfg, d->err, sizeof d->err);
    d->board = board;
    return d->net != NULL;
}

void drive_free(drive *d)
{
    net_client_free(d->net);
    d->net = NULL;
}

static void on_done(void *ctx, const net_result *res)
{
    dreq *r = ctx;
    pb_http_answer a = {
        .status = res->http_status,
        .body = res->body,
        .body_len = res->body_len,
        .transport_error = res->transport_error ? res->error_text : NULL,
    };
    r->d->pending--;
    board_on_response(r->d->board, r->token, &a);
    free(r);
}

static void pump(drive *d)
{
    pb_outgoing o;
    while (board_take_request(d->board, &o)) {
        dreq *r = calloc(1, sizeof *r);
        r->d = d;
        r->token = o.token;
        net_request req = {
            .method = o.method,
            .path_and_query = o.path,
            .json_body = o.body,
            .retry_safe = o.retry_safe,
            .urgent = o.user_initiated,
            .done = on_done,
            .ctx = r,
        };
        d->sent++;
        d->pending++;
        if (net_submit_request(d->net, &req) == 0) {
            d->pending--;
            pb_http_answer a = {.status = 0, .transport_error = "the request could not be sent"};
            board_on_response(d->board, r->token, &a);
            free(r);
        }
        board_outgoing_free(&o);
    }
}

bool drive_idle(drive *d, int timeout_ms)
{
    long deadline = now_ms() + timeout_ms;
    for (;;) {
        pump(d);
        if (board_requests_in_flight(d->board) == 0 && d->pending == 0)
            return true;
        if (now_ms() > deadline)
            return false;
        net_wait(d->net, -1, 50, NULL);
        net_dispatch(d->net);
    }
}

typedef struct sync_ans {
    bool done;
    int status;
    char *body;
} sync_ans;

static void on_sync(void *ctx, const net_result *res)
{
    sync_ans *s = ctx;
    s->done = true;
    s->status = res->http_status;
    s->body = res->body_len || res->http_status ? strdup(res->body ? res->body : "") : NULL;
}

int drive_http(drive *d, const char *method, const char *path, const char *json, char **body)
{
    sync_ans s = {0};
    net_request req = {
        .method = method,
        .path_and_query = path,
        .json_body = json,
        .retry_safe = strcmp(method, "GET") == 0,
        .urgent = true,
        .done = on_sync,
        .ctx = &s,
    };
    uint64_t id = net_submit_request(d->net, &req);
    if (id == 0)
        return 0;
    long deadline = now_ms() + 30000;
    while (!s.done && now_ms() < deadline) {
        net_wait(d->net, -1, 50, NULL);
        net_dispatch(d->net);
    }
    if (!s.done)
        net_cancel(d->net, id);   /* s lives on this stack frame */
    if (body)
        *body = s.body;
    else
        free(s.body);
    return s.status;
}
