/* pump.c - model outbox -> net, net answers -> model. */
#include "app/pump.h"

#include <stdlib.h>
#include <string.h>

typedef struct pump_req {
    struct app_pump *pump;
    uint64_t token;
    uint64_t net_id;
    struct pump_req *prev, *next;
} pump_req;

struct app_pump {
    pb_board *board;
    net_client *net;
    pump_req *live;   /* doubly linked list of requests in flight */
};

app_pump *pump_new(pb_board *board, net_client *net)
{
    app_pump *p = calloc(1, sizeof *p);
    if (p) {
        p->board = board;
        p->net = net;
    }
    return p;
}

static void unlink_req(app_pump *p, pump_req *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        p->live = r->next;
    if (r->next)
        r->next->prev = r->prev;
}

static void on_done(void *ctx, const net_result *res)
{
    pump_req *r = ctx;
    app_pump *p = r->pump;
    unlink_req(p, r);
    pb_http_answer a = {
        .status = res->http_status,
        .body = res->body,
        .body_len = res->body_len,
        .transport_error = res->transport_error ? res->error_text : NULL,
    };
    board_on_response(p->board, r->token, &a);
    free(r);
}

void pump_run(void *ctx)
{
    app_pump *p = ctx;
    pb_outgoing o;
    while (board_take_request(p->board, &o)) {
        pump_req *r = calloc(1, sizeof *r);
        if (!r) {
            pb_http_answer a = {.status = 0, .transport_error = "out of memory"};
            board_on_response(p->board, o.token, &a);
            board_outgoing_free(&o);
            continue;
        }
        r->pump = p;
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
        r->net_id = net_submit_request(p->net, &req);
        if (r->net_id == 0) {
            pb_http_answer a = {.status = 0, .transport_error = "the request could not be sent"};
            free(r);
            board_on_response(p->board, o.token, &a);
        } else {
            r->next = p->live;
            if (p->live)
                p->live->prev = r;
            p->live = r;
        }
        board_outgoing_free(&o);
    }
}

void pump_free(app_pump *p)
{
    if (!p)
        return;
    while (p->live) {
        pump_req *r = p->live;
        p->live = r->next;
        net_cancel(p->net, r->net_id);
        free(r);
    }
    free(p);
}
