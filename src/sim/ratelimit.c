/* ratelimit.c - token buckets like Twenty's usage-limit speed check. */
#include "ratelimit.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses a decimal integer in [lo, hi] from s[0..len), spaces trimmed. */
static bool parse_long_range(const char *s, size_t len, long lo, long hi, long *out)
{
    while (len > 0 && isspace((unsigned char)*s)) { s++; len--; }
    while (len > 0 && isspace((unsigned char)s[len - 1])) len--;
    if (len == 0 || len > 20) return false;
    char buf[24];
    memcpy(buf, s, len);
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)buf[i])) return false;
    errno = 0;
    char *end = NULL;
    long v = strtol(buf, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool sim_ratelimit_parse(sim_ratelimit *rl, const char *spec, char *err, size_t errlen)
{
    sim_ratelimit tmp;
    memset(&tmp, 0, sizeof tmp);
    if (spec == NULL || spec[strspn(spec, " \t")] == '\0') {
        snprintf(err, errlen, "empty rate limit; expected LIMIT/TTL_MS[,LIMIT/TTL_MS...], e.g. 100/1000,100/60000");
        return false;
    }
    const char *p = spec;
    for (int idx = 1;; idx++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *slash = memchr(p, '/', len);
        int shown = len > 40 ? 40 : (int)len;
        if (tmp.n == SIM_RATELIMIT_MAX_BUCKETS) {
            snprintf(err, errlen, "too many rate limit buckets (at most %d)", SIM_RATELIMIT_MAX_BUCKETS);
            return false;
        }
        if (slash == NULL) {
            snprintf(err, errlen, "rate limit bucket %d '%.*s': expected LIMIT/TTL_MS, e.g. 100/1000",
                     idx, shown, p);
            return false;
        }
        sim_rl_bucket *b = &tmp.b[tmp.n];
        if (!parse_long_range(p, (size_t)(slash - p), 1, SIM_RATELIMIT_MAX_LIMIT, &b->limit)) {
            snprintf(err, errlen, "rate limit bucket %d '%.*s': LIMIT must be an integer from 1 to %ld",
                     idx, shown, p, SIM_RATELIMIT_MAX_LIMIT);
            return false;
        }
        if (!parse_long_range(slash + 1, len - (size_t)(slash + 1 - p), 1, SIM_RATELIMIT_MAX_TTL_MS,
                              &b->ttl_ms)) {
            snprintf(err, errlen, "rate limit bucket %d '%.*s': TTL_MS must be an integer from 1 to %ld",
                     idx, shown, p, SIM_RATELIMIT_MAX_TTL_MS);
            return false;
        }
        tmp.n++;
        if (comma == NULL) break;
        p = comma + 1;
    }
    *rl = tmp;
    return true;
}

/* Brings a bucket up to now and returns its content in scaled units. */
static int64_t bucket_refill(sim_rl_bucket *b, int64_t now_ms)
{
    int64_t cap = (int64_t)b->limit * b->ttl_ms;
    if (!b->started) {
        b->started = true;
        b->scaled = cap;
        b->last_ms = now_ms;
        return cap;
    }
    int64_t elapsed = now_ms - b->last_ms;
    if (elapsed < 0) elapsed = 0;
    /* elapsed * limit can only overflow after centuries; cap it anyway */
    if (elapsed > b->ttl_ms) elapsed = b->ttl_ms;
    int64_t v = b->scaled + elapsed * (int64_t)b->limit;
    return v > cap ? cap : v;
}

void sim_ratelimit_take(sim_ratelimit *rl, int64_t now_ms, sim_rl_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->admitted = true;
    out->bucket = -1;
    if (rl == NULL || rl->n == 0) return;

    int64_t avail[SIM_RATELIMIT_MAX_BUCKETS];
    for (int i = 0; i < rl->n; i++) {
        sim_rl_bucket *b = &rl->b[i];
        avail[i] = bucket_refill(b, now_ms);
        int64_t one = b->ttl_ms;   /* one token, scaled */
        if (avail[i] < one) {
            /* Refused: nothing is consumed (as in Twenty's script, no bucket
             * state is written), so `last_ms` stays and the refill keeps
             * accruing from it. */
            out->admitted = false;
            out->bucket = i;
            out->limit = b->limit;
            out->ttl_ms = b->ttl_ms;
            out->remaining = 0;
            /* ms until `one` is reached at `limit` scaled units per ms */
            out->retry_after_ms = (one - avail[i] + b->limit - 1) / b->limit;
            return;
        }
    }
    long best_remaining = -1;
    for (int i = 0; i < rl->n; i++) {
        sim_rl_bucket *b = &rl->b[i];
        b->scaled = avail[i] - b->ttl_ms;
        b->last_ms = now_ms;
        long rem = (long)(b->scaled / b->ttl_ms);
        if (best_remaining < 0 || rem < best_remaining) {
            best_remaining = rem;
            out->bucket = i;
            out->limit = b->limit;
            out->ttl_ms = b->ttl_ms;
        }
    }
    out->remaining = best_remaining;
}

long sim_ratelimit_retry_seconds(int64_t retry_after_ms)
{
    if (retry_after_ms <= 0) return 1;
    int64_t s = (retry_after_ms + 999) / 1000;
    return s < 1 ? 1 : (long)s;
}
