/* pacer.c - token buckets on a caller-supplied clock; see pacer.h. */
#include "net/pacer.h"

#include <string.h>

void pacer_init(pacer *p)
{
    memset(p, 0, sizeof *p);
}

bool pacer_add_bucket(pacer *p, int64_t limit, int64_t window_ms, int64_t now_ms)
{
    if (limit <= 0 || window_ms <= 0 || p->count >= PACER_MAX_BUCKETS)
        return false;
    /* credit is limit * window_ms at most: keep it far from overflow. */
    if (limit > 1000000000 || window_ms > INT64_C(1000000000))
        return false;
    pacer_bucket *b = &p->bucket[p->count++];
    b->limit = limit;
    b->window_ms = window_ms;
    b->credit = limit * window_ms;
    b->last_ms = now_ms;
    return true;
}

/* Brings the bucket's credit up to now: `limit` tokens per window_ms, each
 * token worth window_ms units of credit, so each ms earns `limit` units. */
static void bucket_refill(pacer_bucket *b, int64_t now_ms)
{
    int64_t cap = b->limit * b->window_ms;
    if (now_ms <= b->last_ms)
        return;
    int64_t elapsed = now_ms - b->last_ms;
    b->last_ms = now_ms;
    if (elapsed >= b->window_ms || b->credit + elapsed * b->limit >= cap)
        b->credit = cap;
    else
        b->credit += elapsed * b->limit;
}

static int64_t bucket_delay_ms(pacer_bucket *b, int64_t now_ms)
{
    bucket_refill(b, now_ms);
    if (b->credit >= b->window_ms)
        return 0;
    int64_t missing = b->window_ms - b->credit;
    return (missing + b->limit - 1) / b->limit;
}

int64_t pacer_delay_ms(pacer *p, int64_t now_ms)
{
    int64_t delay = 0;
    if (p->blocked_until_ms > now_ms)
        delay = p->blocked_until_ms - now_ms;
    for (int i = 0; i < p->count; i++) {
        int64_t d = bucket_delay_ms(&p->bucket[i], now_ms);
        if (d > delay)
            delay = d;
    }
    return delay;
}

bool pacer_try_take(pacer *p, int64_t now_ms)
{
    if (pacer_delay_ms(p, now_ms) > 0)
        return false;
    for (int i = 0; i < p->count; i++)
        p->bucket[i].credit -= p->bucket[i].window_ms;
    return true;
}

void pacer_block_until(pacer *p, int64_t until_ms)
{
    if (until_ms > p->blocked_until_ms)
        p->blocked_until_ms = until_ms;
}

int64_t pacer_tokens(pacer *p, int i, int64_t now_ms)
{
    if (i < 0 || i >= p->count)
        return 0;
    bucket_refill(&p->bucket[i], now_ms);
    return p->bucket[i].credit / p->bucket[i].window_ms;
}

int64_t pacer_margin(int64_t server_limit)
{
    if (server_limit <= 1)
        return server_limit;
    int64_t m = server_limit / 20;
    return server_limit - (m < 1 ? 1 : m);
}
