/* auth.h - twenty-sim's API key check.
 *
 * Promises: reads an Authorization header the way Twenty does (passport-jwt's
 * fromAuthHeaderAsBearerToken: scheme "Bearer", any case, then the token)
 * and compares the token with the workspace key in time that does not
 * depend on where they differ. Pure; never stores or prints the key. */
#ifndef SIM_AUTH_H
#define SIM_AUTH_H

#include <stdbool.h>
#include <stddef.h>

typedef enum sim_auth_result {
    SIM_AUTH_OK = 0,
    SIM_AUTH_MISSING,   /* no header, another scheme, or an empty token: 403 */
    SIM_AUTH_INVALID    /* a Bearer token that is not the key: 401 */
} sim_auth_result;

sim_auth_result sim_auth_check(const char *authorization, const char *key);

/* Constant-time equality of two NUL-terminated strings (time depends only
 * on their lengths). */
bool sim_auth_equal(const char *a, const char *b);

#endif
