/* board_fixture.h - canned Twenty answers for the board model's unit tests
 * (included by tests/unit/test_board*.c; static helpers only).
 *
 * The model is driven with no socket: bf_pull takes every queued request,
 * bf_find picks one by method and path prefix, bf_answer hands it a status
 * and a body. Record ids are "00000000-0000-4000-8000-<12 digits>". */
#ifndef TEST_BOARD_FIXTURE_H
#define TEST_BOARD_FIXTURE_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "util/buf.h"

#define BF_MAX 64

typedef struct bf_reqs {
    pb_outgoing v[BF_MAX];
    bool used[BF_MAX];
    size_t n;
} bf_reqs;

static inline void bf_id(int n, char out[PB_ID_BUFSZ])
{
    snprintf(out, PB_ID_BUFSZ, "00000000-0000-4000-8000-%012d", n);
}

static inline pb_id bf_pid(int n)
{
    char s[PB_ID_BUFSZ];
    bf_id(n, s);
    pb_id id;
    pb_id_parse(s, &id);
    return id;
}

/* Takes every queued request (appending to r). */
static inline size_t bf_pull(pb_board *b, bf_reqs *r)
{
    size_t got = 0;
    pb_outgoing o;
    while (r->n < BF_MAX && board_take_request(b, &o)) {
        r->used[r->n] = false;
        r->v[r->n++] = o;
        got++;
    }
    return got;
}

static inline void bf_free(bf_reqs *r)
{
    for (size_t i = 0; i < r->n; i++)
        board_outgoing_free(&r->v[i]);
    r->n = 0;
}

/* The first unanswered request with this method whose path starts with
 * `prefix` and contains `needle` (may be NULL). */
static inline pb_outgoing *bf_find(bf_reqs *r, const char *method, const char *prefix,
                            const char *needle)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->used[i])
            continue;
        pb_outgoing *o = &r->v[i];
        if (strcmp(o->method, method) == 0 && strncmp(o->path, prefix, strlen(prefix)) == 0
            && (!needle || strstr(o->path, needle) || (o->body && strstr(o->body, needle))))
            return o;
    }
    return NULL;
}

static inline size_t bf_count(bf_reqs *r, const char *method, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        if (!r->used[i] && strcmp(r->v[i].method, method) == 0
            && strncmp(r->v[i].path, prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

static inline void bf_answer(pb_board *b, bf_reqs *r, pb_outgoing *o, int status, const char *body)
{
    ck_assert_msg(o != NULL, "no such request");
    for (size_t i = 0; i < r->n; i++)
        if (&r->v[i] == o)
            r->used[i] = true;
    pb_http_answer a = {.status = status, .body = body, .body_len = body ? strlen(body) : 0};
    board_on_response(b, o->token, &a);
}

static inline void bf_fail_transport(pb_board *b, bf_reqs *r, pb_outgoing *o, const char *why)
{
    for (size_t i = 0; i < r->n; i++)
        if (&r->v[i] == o)
            r->used[i] = true;
    pb_http_answer a = {.status = 0, .transport_error = why};
    board_on_response(b, o->token, &a);
}

/* ---- JSON bodies --------------------------------------------------------- */

/* One record; micros < 0 means no amount. */
static inline void bf_rec(pb_buf *j, int id, const char *name, const char *stage, double pos,
                   long long micros, const char *cur)
{
    char sid[PB_ID_BUFSZ];
    bf_id(id, sid);
    pb_buf_printf(j, "{\"id\":\"%s\",\"name\":\"%s\",\"stage\":\"%s\",\"position\":%.17g,", sid,
                  name, stage, pos);
    if (micros >= 0)
        pb_buf_printf(j, "\"amount\":{\"amountMicros\":%lld,\"currencyCode\":\"%s\"},", micros,
                      cur);
    else
        pb_buf_printf(j, "\"amount\":{\"amountMicros\":null,\"currencyCode\":null},");
    pb_buf_printf(j, "\"closeDate\":null,\"companyId\":null,\"pointOfContactId\":null,"
                     "\"ownerId\":null,\"company\":null,\"pointOfContact\":null,\"owner\":null,"
                     "\"createdAt\":\"2024-01-01T00:00:00.000Z\","
                     "\"updatedAt\":\"2024-01-01T00:00:00.000Z\",\"deletedAt\":null}");
}

typedef struct bf_r {
    int id;
    const char *name;
    double pos;
    long long micros;
    const char *cur;
} bf_r;

/* A list page of records in `stage`. */
static inline char *bf_page(const char *stage, const bf_r *rs, size_t n, long total, bool has_next,
                     const char *end_cursor)
{
    pb_buf j = PB_BUF_INIT;
    pb_buf_puts(&j, "{\"data\":{\"opportunities\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            pb_buf_putc(&j, ',');
        bf_rec(&j, rs[i].id, rs[i].name, stage, rs[i].pos, rs[i].micros,
               rs[i].cur ? rs[i].cur : "USD");
    }
    pb_buf_printf(&j, "]},\"totalCount\":%ld,\"pageInfo\":{\"hasNextPage\":%s,"
                      "\"hasPreviousPage\":false,\"startCursor\":null,\"endCursor\":",
                  total, has_next ? "true" : "false");
    if (end_cursor)
        pb_buf_printf(&j, "\"%s\"}}", end_cursor);
    else
        pb_buf_puts(&j, "null}}");
    return pb_buf_take(&j);
}

/* One record in an envelope key ("updateOpportunity", "opportunity" …). */
static inline char *bf_one(const char *key, int id, const char *name, const char *stage, double pos,
                    long long micros, const char *cur)
{
    pb_buf j = PB_BUF_INIT;
    pb_buf_printf(&j, "{\"data\":{\"%s\":", key);
    bf_rec(&j, id, name, stage, pos, micros, cur ? cur : "USD");
    pb_buf_puts(&j, "}}");
    return pb_buf_take(&j);
}

static inline char *bf_deleted(const char *key, int id)
{
    char sid[PB_ID_BUFSZ];
    bf_id(id, sid);
    pb_buf j = PB_BUF_INIT;
    pb_buf_printf(&j, "{\"data\":{\"%s\":{\"id\":\"%s\"}}}", key, sid);
    return pb_buf_take(&j);
}

/* GraphQL metadata with the given stage values (labels: value in lower case
 * with a capital first letter is not needed: label = "L<value>"). */
static inline char *bf_meta(const char *const *values, size_t n)
{
    pb_buf j = PB_BUF_INIT;
    pb_buf_puts(&j, "{\"data\":{\"objects\":{\"edges\":[{\"node\":{\"id\":"
                    "\"10000000-0000-4000-8000-000000000001\",\"nameSingular\":\"company\","
                    "\"fieldsList\":[]}},{\"node\":{\"id\":"
                    "\"10000000-0000-4000-8000-000000000002\",\"nameSingular\":\"opportunity\","
                    "\"fieldsList\":[{\"id\":\"10000000-0000-4000-8000-000000000003\","
                    "\"name\":\"stage\",\"type\":\"SELECT\",\"label\":\"Stage\","
                    "\"isNullable\":false,\"defaultValue\":\"'");
    pb_buf_puts(&j, n ? values[0] : "NEW");
    pb_buf_puts(&j, "'\",\"options\":[");
    for (size_t i = n; i-- > 0;) {   /* reverse order: the model sorts by position */
        pb_buf_printf(&j, "{\"id\":\"20000000-0000-4000-8000-%012zu\",\"value\":\"%s\","
                          "\"label\":\"L%s\",\"color\":\"c%zu\",\"position\":%zu}%s",
                      i, values[i], values[i], i, i, i ? "," : "");
    }
    pb_buf_puts(&j, "]}]}}]}}}");
    return pb_buf_take(&j);
}

typedef struct bf_g {
    const char *stage;
    const char *cur;   /* NULL: null currency */
    long count;
    const char *sum;   /* NULL: null sum */
} bf_g;

static inline char *bf_groups(const bf_g *g, size_t n)
{
    pb_buf j = PB_BUF_INIT;
    pb_buf_putc(&j, '[');
    for (size_t i = 0; i < n; i++) {
        pb_buf_printf(&j, "%s{\"groupByDimensionValues\":[\"%s\",", i ? "," : "", g[i].stage);
        if (g[i].cur)
            pb_buf_printf(&j, "\"%s\"],", g[i].cur);
        else
            pb_buf_puts(&j, "null],");
        if (g[i].sum)
            pb_buf_printf(&j, "\"sumAmountAmountMicros\":\"%s\",", g[i].sum);
        else
            pb_buf_puts(&j, "\"sumAmountAmountMicros\":null,");
        pb_buf_printf(&j, "\"totalCount\":\"%ld\"}", g[i].count);
    }
    pb_buf_putc(&j, ']');
    return pb_buf_take(&j);
}

static inline void bf_answer_owned(pb_board *b, bf_reqs *r, pb_outgoing *o, int status, char *body)
{
    bf_answer(b, r, o, status, body);
    free(body);
}

/* Notices until one contains `needle`; returns it (or fails). */
static inline pb_notice bf_notice_with(pb_board *b, const char *needle)
{
    pb_notice n;
    char seen[2048] = "";
    while (board_take_notice(b, &n)) {
        if (strstr(n.text, needle))
            return n;
        strncat(seen, n.text, sizeof seen - strlen(seen) - 3);
        strcat(seen, " | ");
    }
    ck_abort_msg("no notice with '%s'; saw: %s", needle, seen);
    return n;
}

static inline void bf_drain_notices(pb_board *b)
{
    pb_notice n;
    while (board_take_notice(b, &n))
        ;
}

/* An edit that sets only the name (for board_edit and board_create). */
static inline pb_edit bf_name_edit(const char *name)
{
    pb_edit e = {0};
    pb_opp_init(&e.values);
    e.mask = PB_OPP_F_NAME;
    e.values.name = name;
    return e;
}

static inline const char *bf_name(const pb_board *b, size_t col, size_t idx)
{
    const pb_opp *o = board_card(b, col, idx);
    return o ? o->name : "(none)";
}

static inline int64_t bf_total(const pb_totals *t, const char *cur)
{
    const pb_total *x = pb_totals_find(t, cur);
    return x ? x->micros : -1;
}

/* The page request of STAGE among the pulled requests (NULL if none). */
static inline pb_outgoing *bf_page_req(bf_reqs *r, const char *stage)
{
    char needle[96];
    snprintf(needle, sizeof needle, "filter=stage%%5Beq%%5D%%3A%s&", stage);
    return bf_find(r, "GET", "/rest/opportunities?", needle);
}

/* A board opened with its metadata (STAGES) and its groupBy totals (G)
 * answered; the page requests are left pulled in r. */
static inline pb_board *bf_open_answered(bf_reqs *r, const pb_board_config *cfg, uint64_t seed,
                                         const char *const *stages, size_t nstages,
                                         const bf_g *g, size_t ng)
{
    pb_board *b = board_new(cfg);
    board_seed_ids(b, seed);
    board_open(b, NULL);
    bf_pull(b, r);
    bf_answer_owned(b, r, bf_find(r, "POST", "/metadata", NULL), 200, bf_meta(stages, nstages));
    bf_answer_owned(b, r, bf_find(r, "GET", "/rest/opportunities/groupBy", NULL), 200,
                    bf_groups(g, ng));
    bf_pull(b, r);
    return b;
}

#endif
