/* ratelimit.h - how long a 429 (or 503) asks the client to wait.
 *
 * Promises: reads the header values `Retry-After` (delay-seconds, or an
 * HTTP-date in any of the three RFC 9110 forms, parsed by libcurl's
 * curl_getdate so the user's locale never matters) and `X-RateLimit-Reset`
 * (Twenty sends epoch seconds; values below 10^9 are read as a delay in
 * seconds and values above 10^12 as epoch milliseconds, as other APIs do).
 * Retry-After wins when both parse. No I/O; the wall clock comes in. */
#ifndef NET_RATELIMIT_H
#define NET_RATELIMIT_H

#include <stdint.h>

/* Either value may be NULL. Returns the wait in milliseconds (0 when the
 * moment has already passed), or -1 when neither value parses. */
int64_t ratelimit_parse_wait_ms(const char *retry_after, const char *ratelimit_reset,
                                int64_t now_epoch_ms);

#endif
