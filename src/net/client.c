/* client.c - the request queue around one curl multi handle: submit,
 * pace, retry, deliver, cancel. Setup and teardown are in client_setup.c.
 * See net.h for the promises. */
#include "net/client_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The wait after a 429 that names none. */
#define NET_MIN_429_WAIT_MS 1000

/* ---- lists ---- */

static void queue_unlink(req_queue *q, net_req *r)
{
    if (r->prev) r->prev->next = r->next; else q->head = r->next;
    if (r->next) r->next->prev = r->prev; else q->tail = r->prev;
    r->prev = r->next = NULL;
    q->count--;
}

static void queue_append(req_queue *q, net_req *r)
{
    r->next = NULL;
    r->prev = q->tail;
    if (q->tail) q->tail->next = r; else q->head = r;
    q->tail = r;
    q->count++;
}

/* Keeps the waiting queue ordered: urgent first, then by id (FIFO), so a
 * request waiting for a retry keeps its place. */
static void queue_insert_ordered(req_queue *q, net_req *r)
{
    net_req *at = q->head;
    while (at && (at->urgent > r->urgent || (at->urgent == r->urgent && at->id < r->id)))
        at = at->next;
    if (!at) {
        queue_append(q, r);
        return;
    }
    r->next = at;
    r->prev = at->prev;
    if (at->prev) at->prev->next = r; else q->head = r;
    at->prev = r;
    q->count++;
}

static req_queue *list_of(net_client *c, net_req *r)
{
    switch (r->list) {
    case LIST_QUEUED: return &c->queued;
    case LIST_RUNNING: return &c->running;
    case LIST_DONE: return &c->done;
    default: return NULL;
    }
}

static void move_to(net_client *c, net_req *r, req_list to)
{
    req_queue *from = list_of(c, r);
    if (from)
        queue_unlink(from, r);
    r->list = to;
    if (to == LIST_QUEUED)
        queue_insert_ordered(&c->queued, r);
    else if (to != LIST_NONE)
        queue_append(list_of(c, r), r);
}

static void req_free(net_client *c, net_req *r)
{
    transfer_abort(c, r);
    free(r->path);
    free(r->body);
    free(r->resp);
    free(r);
}


void client_drop_all(net_client *c)
{
    req_queue *lists[] = { &c->queued, &c->running, &c->done };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        while (lists[i]->head) {
            net_req *r = lists[i]->head;
            queue_unlink(lists[i], r);
            req_free(c, r);
        }
    }
}

/* ---- submit / cancel ---- */

static bool method_known(const char *m)
{
    static const char *const known[] = { "GET", "POST", "PATCH", "PUT", "DELETE" };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (m && strcmp(m, known[i]) == 0)
            return true;
    return false;
}

static bool path_valid(const char *p)
{
    if (!p || p[0] != '/')
        return false;
    for (const unsigned char *s = (const unsigned char *)p; *s; s++)
        if (*s <= 0x20 || *s == 0x7f)
            return false;
    return true;
}

uint64_t net_submit_request(net_client *c, const net_request *q)
{
    if (!c || !q || !method_known(q->method) || !path_valid(q->path_and_query))
        return 0;
    net_req *r = calloc(1, sizeof *r);
    if (!r)
        return 0;
    r->client = c;
    snprintf(r->method, sizeof r->method, "%s", q->method);
    r->path = strdup(q->path_and_query);
    if (q->json_body) {
        r->body_len = strlen(q->json_body);
        r->body = malloc(r->body_len + 1);
        if (r->body)
            memcpy(r->body, q->json_body, r->body_len + 1);
    }
    if (!r->path || (q->json_body && !r->body)) {
        req_free(c, r);
        return 0;
    }
    r->retry_safe = q->retry_safe;
    r->urgent = q->urgent;
    r->done = q->done;
    r->ctx = q->ctx;
    r->id = c->next_id++;
    r->submitted_ms = net_now_ms();
    r->not_before_ms = r->submitted_ms;
    move_to(c, r, LIST_QUEUED);
    return r->id;
}

uint64_t net_submit(net_client *c, const char *method, const char *path_and_query,
                    const char *json_body, bool retry_safe, net_done_fn done, void *ctx)
{
    net_request q = { .method = method, .path_and_query = path_and_query,
                      .json_body = json_body, .retry_safe = retry_safe,
                      .done = done, .ctx = ctx };
    return net_submit_request(c, &q);
}

void net_cancel(net_client *c, uint64_t id)
{
    if (!c || id == 0)
        return;
    req_queue *lists[] = { &c->queued, &c->running, &c->done };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        for (net_req *r = lists[i]->head; r; r = r->next) {
            if (r->id == id) {
                queue_unlink(lists[i], r);
                req_free(c, r);
                return;
            }
        }
    }
}

size_t net_in_flight(const net_client *c)
{
    return c ? c->queued.count + c->running.count + c->done.count : 0;
}

/* ---- the loop ---- */

static net_req *first_ready(net_client *c, int64_t now)
{
    for (net_req *r = c->queued.head; r; r = r->next)
        if (r->not_before_ms <= now)
            return r;
    return NULL;
}

/* Starts waiting requests while slots and the pacer allow. */
static void pump(net_client *c)
{
    int64_t now = net_now_ms();
    while (c->running.count < (size_t)c->max_parallel) {
        net_req *r = first_ready(c, now);
        if (!r || !pacer_try_take(&c->pacer, now))
            return;
        int err = transfer_start(c, r, now);
        if (err == NET_OK) {
            move_to(c, r, LIST_RUNNING);
            continue;
        }
        memset(&r->out, 0, sizeof r->out);
        r->out.transport_error = err;
        snprintf(r->out.error_text, sizeof r->out.error_text, "%s",
                 err == NET_ERR_NOMEM ? "out of memory" : "could not start the request");
        move_to(c, r, LIST_DONE);
    }
}

long net_next_deadline_ms(net_client *c)
{
    if (!c)
        return -1;
    if (c->done.count)
        return 0;
    if (!c->queued.head || c->running.count >= (size_t)c->max_parallel)
        return -1;
    int64_t now = net_now_ms();
    int64_t soonest = INT64_MAX;
    for (net_req *r = c->queued.head; r; r = r->next)
        if (r->not_before_ms < soonest)
            soonest = r->not_before_ms;
    int64_t wait = soonest > now ? soonest - now : 0;
    int64_t pace = pacer_delay_ms(&c->pacer, now);
    if (pace > wait)
        wait = pace;
    return wait > LONG_MAX ? LONG_MAX : (long)wait;
}

int net_wait(net_client *c, int extra_fd, int max_timeout_ms, bool *extra_fd_ready)
{
    if (extra_fd_ready)
        *extra_fd_ready = false;
    if (!c)
        return -1;
    pump(c);
    long timeout = max_timeout_ms < 0 ? INT_MAX : max_timeout_ms;
    long next = net_next_deadline_ms(c);
    if (next >= 0 && next < timeout)
        timeout = next;
    struct curl_waitfd wfd = { .fd = extra_fd, .events = CURL_WAIT_POLLIN, .revents = 0 };
    CURLMcode rc = curl_multi_poll(c->multi, extra_fd >= 0 ? &wfd : NULL,
                                   extra_fd >= 0 ? 1 : 0, (int)timeout, NULL);
    if (extra_fd_ready && extra_fd >= 0)
        *extra_fd_ready = wfd.revents != 0;
    return rc == CURLM_OK ? 0 : -1;
}

void net_wakeup(net_client *c)
{
    if (c && c->multi)
        curl_multi_wakeup(c->multi);
}

/* The wait before r's next attempt, or -1 to give up now. */
static int64_t retry_wait(net_client *c, net_req *r)
{
    const attempt_outcome *o = &r->out;
    backoff_verdict v = backoff_decide(&c->policy, r->attempts, o->http_status,
                                       o->transport_error, r->retry_safe);
    if (v == BACKOFF_GIVE_UP)
        return -1;
    int64_t wait = backoff_delay_ms(&c->policy, r->attempts, backoff_random(&c->rng));
    if (v == BACKOFF_RETRY_AFTER) {
        /* 429: the server's word; without one, at least a second (Twenty's
         * minute bucket earns a token every 600 ms). */
        if (o->server_wait_ms >= 0)
            wait = o->server_wait_ms;
        else if (wait < NET_MIN_429_WAIT_MS)
            wait = NET_MIN_429_WAIT_MS;
    } else if (o->server_wait_ms > wait) {
        wait = o->server_wait_ms;       /* a 503 with Retry-After */
    }
    if (wait > c->max_retry_after_ms) {
        r->retry_after_s = (int)((wait + 999) / 1000);
        return -1;
    }
    return wait;
}

static void on_attempt_done(net_client *c, net_req *r, CURLcode code)
{
    int64_t now = net_now_ms();
    transfer_finish(c, r, code, now);
    int64_t wait = retry_wait(c, r);
    if (wait < 0) {
        move_to(c, r, LIST_DONE);
        return;
    }
    if (r->out.http_status == 429)
        pacer_block_until(&c->pacer, now + wait);   /* the whole workspace is limited */
    r->not_before_ms = now + wait;
    move_to(c, r, LIST_QUEUED);
}

static void deliver(const net_req *r)
{
    const attempt_outcome *o = &r->out;
    net_result res = {
        .id = r->id,
        .http_status = o->transport_error ? 0 : o->http_status,
        .body = (!o->transport_error && r->resp) ? r->resp : "",
        .body_len = o->transport_error ? 0 : r->resp_len,
        .transport_error = o->transport_error,
        .error_text = o->transport_error ? o->error_text : NULL,
        .attempts = r->attempts,
        .elapsed_s = (double)(net_now_ms() - r->submitted_ms) / 1000.0,
        .retry_after_s = r->retry_after_s,
    };
    if (r->done)
        r->done(r->ctx, &res);
}

void net_dispatch(net_client *c)
{
    if (!c)
        return;
    pump(c);
    int still_running = 0;
    curl_multi_perform(c->multi, &still_running);
    CURLMsg *msg;
    int left = 0;
    while ((msg = curl_multi_info_read(c->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        char *priv = NULL;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
        CURLcode code = msg->data.result;   /* msg dies with the handle */
        if (priv)
            on_attempt_done(c, (net_req *)priv, code);
    }
    /* Callbacks may submit or cancel: take one finished request at a time
     * off the list before calling it, so neither can touch it. */
    while (c->done.head) {
        net_req *r = c->done.head;
        move_to(c, r, LIST_NONE);
        deliver(r);
        req_free(c, r);
    }
    pump(c);
}
