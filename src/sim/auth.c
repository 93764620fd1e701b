/* auth.c - Bearer token extraction and constant-time key comparison. */
#include "auth.h"

#include <string.h>
#include <strings.h>

bool sim_auth_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t n = la > lb ? la : lb;
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < n; i++) {
        unsigned char ca = i < la ? (unsigned char)a[i] : 0;
        unsigned char cb = i < lb ? (unsigned char)b[i] : 0;
        diff |= (unsigned char)(ca ^ cb);
    }
    /* volatile read so the loop cannot be cut short by the optimiser */
    volatile unsigned char v = diff;
    return v == 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

sim_auth_result sim_auth_check(const char *authorization, const char *key)
{
    if (authorization == NULL) return SIM_AUTH_MISSING;
    const char *p = authorization;
    while (is_space(*p)) p++;
    if (strncasecmp(p, "bearer", 6) != 0 || !is_space(p[6])) return SIM_AUTH_MISSING;
    p += 6;
    while (is_space(*p)) p++;
    size_t len = strcspn(p, " \t");
    if (len == 0) return SIM_AUTH_MISSING;
    /* passport-jwt splits on /(\S+)\s+(\S+)/: anything after the token is ignored */
    char token[4096];
    if (len >= sizeof token) return SIM_AUTH_INVALID;
    memcpy(token, p, len);
    token[len] = '\0';
    bool ok = sim_auth_equal(token, key);
    memset(token, 0, sizeof token);
    return ok ? SIM_AUTH_OK : SIM_AUTH_INVALID;
}
