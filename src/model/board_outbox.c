/* board_outbox.c - the queue of requests the model wants sent, the answers
 * coming back, and failures in plain words (see board.h: the outbox). */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/parse.h"

uint64_t bd_send(pb_board *b, pb_request *rq, bd_req_kind kind, bool user)
{
    if (b->qn == b->qcap) {
        size_t cap = b->qcap ? b->qcap * 2 : 16;
        bd_out *q = malloc(cap * sizeof *q);
        if (!q)
            goto oom;
        for (size_t i = 0; i < b->qn; i++)
            q[i] = b->queue[(b->qhead + i) % b->qcap];
        free(b->queue);
        b->queue = q;
        b->qcap = cap;
        b->qhead = 0;
    }
    if (b->nreqs == b->capreqs) {
        size_t cap = b->capreqs ? b->capreqs * 2 : 16;
        bd_req *r = realloc(b->reqs, cap * sizeof *r);
        if (!r)
            goto oom;
        b->reqs = r;
        b->capreqs = cap;
    }
    uint64_t token = b->next_token++;
    bd_out *o = &b->queue[(b->qhead + b->qn++) % b->qcap];
    o->token = token;
    o->rq = *rq;
    o->user_initiated = user;
    memset(rq, 0, sizeof *rq);
    bd_req *r = &b->reqs[b->nreqs++];
    memset(r, 0, sizeof *r);
    r->token = token;
    r->kind = kind;
    r->tick = b->tick;
    r->load = kind != BD_RQ_WRITE && kind != BD_RQ_VERIFY;
    if (r->load)
        b->prog_total++;
    bd_touch(b);
    return token;
oom:
    twenty_request_free(rq);
    return 0;
}

bd_req *bd_req_find(pb_board *b, uint64_t token)
{
    for (size_t i = 0; i < b->nreqs; i++)
        if (b->reqs[i].token == token)
            return &b->reqs[i];
    return NULL;
}

bool board_take_request(pb_board *b, pb_outgoing *out)
{
    memset(out, 0, sizeof *out);
    if (!b->qn)
        return false;
    bd_out *o = &b->queue[b->qhead];
    b->qhead = (b->qhead + 1) % b->qcap;
    b->qn--;
    out->token = o->token;
    out->method = strdup(o->rq.method);
    out->path = o->rq.path_and_query;   /* hand over the malloc'd strings */
    out->body = o->rq.body;
    out->retry_safe = o->rq.retry_safe;
    out->user_initiated = o->user_initiated;
    bd_req *r = bd_req_find(b, o->token);
    if (r)
        r->taken = true;
    return true;
}

void board_outgoing_free(pb_outgoing *o)
{
    free(o->method);
    free(o->path);
    free(o->body);
    memset(o, 0, sizeof *o);
}

size_t board_requests_in_flight(const pb_board *b)
{
    return b->nreqs;
}

/* ---- answers ------------------------------------------------------------ */

void bd_answer_error(const pb_http_answer *a, pb_error *err)
{
    if (a->status == 0) {
        pb_error_clear(err);
        err->kind = PB_ERR_HTTP;
        snprintf(err->message, sizeof err->message, "%s",
                 a->transport_error ? a->transport_error : "no answer");
        return;
    }
    twenty_parse_error(a->status, a->body, a->body ? a->body_len : 0, err);
}

void bd_describe(const pb_error *e, char *out, size_t outsz)
{
    const char *m = e->message;
    switch (e->kind) {
    case PB_ERR_UNAUTHENTICATED:
        snprintf(out, outsz, "The API key was rejected (401): %s Check TWENTY_API_KEY.", m);
        return;
    case PB_ERR_FORBIDDEN:
        snprintf(out, outsz, "Not allowed (%d): %s", e->http_status ? e->http_status : 403, m);
        return;
    case PB_ERR_QUOTA:
        snprintf(out, outsz, "The workspace's API quota is used up (402): %s", m);
        return;
    case PB_ERR_RATE_LIMITED:
        if (e->retry_after_s > 0)
            snprintf(out, outsz, "Twenty's rate limit was reached (429); try again in %d s",
                     e->retry_after_s);
        else
            snprintf(out, outsz, "Twenty's rate limit was reached (429); try again shortly");
        return;
    case PB_ERR_SERVER:
        snprintf(out, outsz, "The server failed (%d): %s", e->http_status, m);
        return;
    case PB_ERR_PROTOCOL:
        snprintf(out, outsz, "The server's answer is not Twenty's (%s)", m);
        return;
    case PB_ERR_HTTP:
        if (e->http_status == 0) {
            snprintf(out, outsz, "Cannot reach the server: %s", m);
            return;
        }
        break;
    case PB_ERR_NOMEM:
        snprintf(out, outsz, "Out of memory");
        return;
    default:
        break;
    }
    bd_copy(out, outsz, m);
}

void bd_describe_answer(const pb_http_answer *a, const pb_error *parsed, char *out, size_t outsz)
{
    pb_error err;
    if (a->status == 0) {
        bd_answer_error(a, &err);
        parsed = &err;
    }
    bd_describe(parsed, out, outsz);
}

void board_on_response(pb_board *b, uint64_t token, const pb_http_answer *a)
{
    bd_req *found = bd_req_find(b, token);
    if (!found)
        return;
    bd_req r = *found;   /* remove it first: handlers may queue more */
    *found = b->reqs[--b->nreqs];
    if (r.load)
        b->prog_done++;
    if (!r.taken) {
        /* answered before it was taken (the caller failed to send it): drop
         * it from the queue too */
        for (size_t i = 0; i < b->qn; i++) {
            bd_out *o = &b->queue[(b->qhead + i) % b->qcap];
            if (o->token == token) {
                twenty_request_free(&o->rq);
                for (size_t j = i; j + 1 < b->qn; j++)
                    b->queue[(b->qhead + j) % b->qcap] = b->queue[(b->qhead + j + 1) % b->qcap];
                b->qn--;
                break;
            }
        }
    }
    pb_http_answer none = {0};
    if (!a)
        a = &none;
    switch (r.kind) {
    case BD_RQ_META_GQL:
    case BD_RQ_META_GQL_LEGACY:
    case BD_RQ_META_REST: bd_on_meta(b, &r, a); break;
    case BD_RQ_TOTALS: bd_on_totals(b, &r, a); break;
    case BD_RQ_PAGE: bd_on_page(b, &r, a); break;
    case BD_RQ_REFRESH_PAGE: bd_on_refresh_page(b, &r, a); break;
    case BD_RQ_REFRESH_CHECK: bd_on_refresh_check(b, &r, a); break;
    case BD_RQ_WRITE: bd_on_write(b, &r, a); break;
    case BD_RQ_VERIFY: bd_on_verify(b, &r, a); break;
    case BD_RQ_SEARCH: bd_on_search(b, &r, a); break;
    case BD_RQ_SEARCH_FETCH: bd_on_search_fetch(b, &r, a); break;
    case BD_RQ_PICK: bd_on_pick(b, &r, a); break;
    case BD_RQ_DETAIL: bd_on_detail(b, &r, a); break;
    case BD_RQ_JUMP_GET: bd_on_jump_get(b, &r, a); break;
    case BD_RQ_TRASH: bd_on_trash(b, &r, a); break;
    }
    if (b->nreqs == 0 && b->prog_done >= b->prog_total) {
        b->prog_done = 0;
        b->prog_total = 0;
    }
    bd_totals_settle(b);
    bd_touch(b);
}
