/* backoff.c - retry verdicts and jittered exponential delays; see backoff.h. */
#include "net/backoff.h"

#include "net/net.h"

static bool transport_retryable(int err)
{
    return err == NET_ERR_TIMEOUT || err == NET_ERR_CONNECT || err == NET_ERR_CLOSED;
}

backoff_verdict backoff_decide(const backoff_policy *p, int attempts_made,
                               int http_status, int transport_error, bool retry_safe)
{
    if (attempts_made >= p->max_attempts)
        return BACKOFF_GIVE_UP;
    if (transport_error != NET_OK)
        return retry_safe && transport_retryable(transport_error) ? BACKOFF_RETRY
                                                                 : BACKOFF_GIVE_UP;
    if (http_status == 429)
        return BACKOFF_RETRY_AFTER;
    if (http_status >= 500 && http_status <= 599 && http_status != 501)
        return retry_safe ? BACKOFF_RETRY : BACKOFF_GIVE_UP;
    return BACKOFF_GIVE_UP;
}

int64_t backoff_cap_ms(const backoff_policy *p, int retry)
{
    int64_t cap = p->base_ms > 0 ? p->base_ms : 0;
    for (int i = 1; i < retry && cap > 0 && cap < p->max_ms; i++)
        cap *= 2;
    if (cap > p->max_ms)
        cap = p->max_ms;
    return cap < 0 ? 0 : cap;
}

int64_t backoff_delay_ms(const backoff_policy *p, int retry, uint64_t rnd)
{
    int64_t cap = backoff_cap_ms(p, retry);
    return (int64_t)(rnd % (uint64_t)(cap + 1));
}

uint64_t backoff_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}
