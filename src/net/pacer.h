/* pacer.h - client-side rate limiting: up to PACER_MAX_BUCKETS token buckets
 * checked together (e.g. Twenty's 100 per 1 s and 100 per 60 s).
 *
 * Promises: pure logic on a caller-supplied clock (milliseconds, any
 * monotonic origin), integer arithmetic only, no I/O, no sleeping. Each
 * bucket holds at most `limit` tokens (it starts full) and earns `limit`
 * tokens per `window_ms`, continuously, as Twenty's server-side buckets do.
 * A request may start when every bucket holds a whole token, and takes one
 * from each. pacer_block_until() holds everything back (after a 429).
 * A clock that goes backwards earns nothing rather than failing. */
#ifndef NET_PACER_H
#define NET_PACER_H

#include <stdbool.h>
#include <stdint.h>

#define PACER_MAX_BUCKETS 4

typedef struct pacer_bucket {
    int64_t limit;      /* tokens per window, and the burst size */
    int64_t window_ms;
    int64_t credit;     /* tokens * window_ms (so refill stays integral) */
    int64_t last_ms;    /* when credit was last brought up to date */
} pacer_bucket;

typedef struct pacer {
    int count;
    pacer_bucket bucket[PACER_MAX_BUCKETS];
    int64_t blocked_until_ms;   /* nothing starts before this */
} pacer;

/* The budget to pace at for a server limit: 5% (at least one) under it. */
int64_t pacer_margin(int64_t server_limit);

/* An empty pacer: with no buckets, every request may start at once. */
void pacer_init(pacer *p);

/* Adds a full bucket of `limit` requests per `window_ms`. False (and no
 * change) if limit or window_ms is not positive, or all slots are used. */
bool pacer_add_bucket(pacer *p, int64_t limit, int64_t window_ms, int64_t now_ms);

/* Milliseconds until a request may start (0: now). Rounded up, so waiting
 * that long is always enough. */
int64_t pacer_delay_ms(pacer *p, int64_t now_ms);

/* Takes a token from every bucket if a request may start now. */
bool pacer_try_take(pacer *p, int64_t now_ms);

/* Nothing may start before until_ms (an earlier value never shortens an
 * existing block). */
void pacer_block_until(pacer *p, int64_t until_ms);

/* Whole tokens bucket i holds at now_ms (for tests and a status line). */
int64_t pacer_tokens(pacer *p, int i, int64_t now_ms);

#endif
