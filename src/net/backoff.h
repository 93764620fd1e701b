/* backoff.h - when to retry a request, and how long to wait first.
 *
 * Promises: pure functions (no clock, no I/O; randomness comes in as an
 * argument). Exponential backoff with full jitter: before retry n (n = 1 for
 * the first retry) the wait is uniform in [0, min(max_ms, base_ms * 2^(n-1))].
 * Which outcomes are retried:
 *   - 429: always (the server did not act), after the server's requested wait;
 *   - 5xx except 501, and transport failures (timeout, refused, closed or
 *     reset mid-response): only if the request is retry_safe;
 *   - anything else (2xx, 3xx, other 4xx, TLS, DNS, too large): never;
 * and never once max_attempts attempts have been made. */
#ifndef NET_BACKOFF_H
#define NET_BACKOFF_H

#include <stdbool.h>
#include <stdint.h>

typedef struct backoff_policy {
    int64_t base_ms;     /* cap of the first retry's wait */
    int64_t max_ms;      /* no wait exceeds this */
    int max_attempts;    /* total attempts, the first included */
} backoff_policy;

typedef enum backoff_verdict {
    BACKOFF_GIVE_UP = 0,    /* report this outcome */
    BACKOFF_RETRY,          /* retry after backoff_delay_ms */
    BACKOFF_RETRY_AFTER     /* retry after the server's Retry-After (429) */
} backoff_verdict;

/* attempts_made >= 1; transport_error is a net_error (0 = an HTTP answer). */
backoff_verdict backoff_decide(const backoff_policy *p, int attempts_made,
                               int http_status, int transport_error, bool retry_safe);

/* The wait before retry number `retry` (1-based), drawn with `rnd`. */
int64_t backoff_delay_ms(const backoff_policy *p, int retry, uint64_t rnd);

/* The upper end of that draw: min(max_ms, base_ms * 2^(retry-1)). */
int64_t backoff_cap_ms(const backoff_policy *p, int retry);

/* splitmix64: advances *state and returns the next 64 random bits. */
uint64_t backoff_random(uint64_t *state);

#endif
