/* ratelimit.c - Retry-After / X-RateLimit-Reset parsing; see ratelimit.h. */
#include "net/ratelimit.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include <curl/curl.h>

/* A whole header value of decimal digits (blanks around allowed), capped
 * so nothing overflows; false for anything else. */
static bool parse_digits(const char *s, int64_t *out)
{
    int64_t v = 0;
    bool any = false;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; isdigit((unsigned char)*s); s++) {
        any = true;
        if (v < INT64_C(100000000000000))    /* 1e14: beyond any real value */
            v = v * 10 + (*s - '0');
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (!any || *s != '\0')
        return false;
    *out = v;
    return true;
}

static int64_t until(int64_t when_ms, int64_t now_ms)
{
    return when_ms > now_ms ? when_ms - now_ms : 0;
}

static int64_t parse_retry_after(const char *v, int64_t now_ms)
{
    int64_t n;
    if (!v || !*v)
        return -1;
    if (parse_digits(v, &n))
        return n * 1000;
    /* Only something shaped like a date goes to the date parser: it would
     * otherwise read stray words or numbers as a time of day. */
    if (!isalpha((unsigned char)v[strspn(v, " \t")]))
        return -1;
    time_t t = curl_getdate(v, NULL);
    if (t == (time_t)-1)
        return -1;
    return until((int64_t)t * 1000, now_ms);
}

static int64_t parse_reset(const char *v, int64_t now_ms)
{
    int64_t n;
    if (!v || !parse_digits(v, &n))
        return -1;
    if (n < INT64_C(1000000000))
        return n * 1000;                 /* a delay in seconds */
    if (n > INT64_C(1000000000000))
        return until(n, now_ms);         /* epoch milliseconds */
    return until(n * 1000, now_ms);      /* epoch seconds (Twenty) */
}

int64_t ratelimit_parse_wait_ms(const char *retry_after, const char *ratelimit_reset,
                                int64_t now_epoch_ms)
{
    int64_t w = parse_retry_after(retry_after, now_epoch_ms);
    if (w >= 0)
        return w;
    return parse_reset(ratelimit_reset, now_epoch_ms);
}
