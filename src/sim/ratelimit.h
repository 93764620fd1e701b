/* ratelimit.h - twenty-sim's API rate limit: Twenty's token buckets.
 *
 * Promises: a pure, clock-free limiter (the caller passes "now" in
 * milliseconds from a monotonic clock). It behaves like Twenty's
 * try-consume-token-buckets script (core-modules/usage-limit): every bucket
 * holds at most LIMIT tokens, starts full, refills continuously at LIMIT
 * tokens per TTL_MS, and a request takes one token from EVERY bucket or
 * from none. A refused request names the first bucket that was short and
 * how long until it holds a token again. Integer arithmetic only: tokens
 * are kept in units of 1/TTL_MS so refills are exact.
 * Not thread-safe: the server calls it under its own lock. */
#ifndef SIM_RATELIMIT_H
#define SIM_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_RATELIMIT_MAX_BUCKETS 8
#define SIM_RATELIMIT_MAX_LIMIT 1000000L
#define SIM_RATELIMIT_MAX_TTL_MS 604800000L   /* one week */

typedef struct sim_rl_bucket {
    long limit;          /* tokens per window, also the burst */
    long ttl_ms;         /* the window */
    int64_t scaled;      /* tokens * ttl_ms */
    int64_t last_ms;     /* when `scaled` was last brought up to date */
    bool started;        /* false until the first request: a full bucket */
} sim_rl_bucket;

typedef struct sim_ratelimit {
    sim_rl_bucket b[SIM_RATELIMIT_MAX_BUCKETS];
    int n;               /* 0 = no limit */
} sim_ratelimit;

typedef struct sim_rl_outcome {
    bool admitted;
    int bucket;              /* refused: index of the first short bucket; admitted: the tightest */
    long limit;              /* that bucket's LIMIT */
    long ttl_ms;             /* that bucket's TTL_MS */
    long remaining;          /* whole tokens left in that bucket (0 when refused) */
    int64_t retry_after_ms;  /* refused: ms until that bucket holds one token; else 0 */
} sim_rl_outcome;

/* Parses SPEC = "LIMIT/TTL_MS[,LIMIT/TTL_MS…]", e.g. "100/1000,100/60000".
 * Spaces around items are allowed. On error returns false with a message in
 * err (and *rl untouched). */
bool sim_ratelimit_parse(sim_ratelimit *rl, const char *spec, char *err, size_t errlen);

/* Tries to take one token from every bucket at time now_ms. A limiter with
 * no buckets admits everything. */
void sim_ratelimit_take(sim_ratelimit *rl, int64_t now_ms, sim_rl_outcome *out);

/* Twenty's Retry-After: whole seconds, rounded up, never 0. */
long sim_ratelimit_retry_seconds(int64_t retry_after_ms);

#endif
