/* replies.h - the answers twenty-sim's server makes itself, before or
 * instead of the routes: auth errors, rate limiting, injected faults,
 * oversized bodies.
 *
 * Promises: every body has the shape Twenty gives for the same case
 * (contract 2.11, 2.12): REST errors are {"statusCode","error","messages":[…]};
 * on the GraphQL endpoints (/graphql, /metadata) auth and rate-limit errors
 * are HTTP 200 {"errors":[{"message","extensions":{"code",…}}]} as Twenty's
 * middleware writes them. Injected faults are HTTP-level and look the same on
 * every path. Pure: fills a sim_response (malloc'd body), no I/O. */
#ifndef SIM_REPLIES_H
#define SIM_REPLIES_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "faults.h"
#include "http.h"
#include "ratelimit.h"

/* The id twenty-sim reports for its one API key (scope.spenderId). */
#define SIM_API_KEY_ID "20202020-5ea1-4a9e-8c1d-000000000001"

/* True for the GraphQL endpoints, whose errors use GraphQL's shape. */
bool sim_reply_is_graphql(const char *path);

/* {"statusCode":status,"error":error,"messages":[message]} */
void sim_reply_error(sim_response *rs, int status, const char *error, const char *message);

/* 403 FORBIDDEN_EXCEPTION "Missing authentication token" or 401 UNAUTHENTICATED
 * "Token invalid." (REST); 200 with FORBIDDEN / UNAUTHENTICATED errors (GraphQL). */
void sim_reply_auth(sim_response *rs, sim_auth_result why, bool graphql);

/* 429 RATE_LIMITED with Retry-After and X-RateLimit-* headers (REST), or a
 * 200 GraphQL error with code RATE_LIMITED. now_epoch_ms is wall-clock time
 * (for X-RateLimit-Reset). */
void sim_reply_rate_limited(sim_response *rs, const sim_rl_outcome *o, bool graphql, int64_t now_epoch_ms);

/* The answer of a fault that replaces the route: 500, 503, 401, 404, 429,
 * malformed, wrongshape. Returns false (rs untouched) for the other kinds. */
bool sim_reply_fault(sim_response *rs, sim_fault f, int64_t now_epoch_ms);

/* A body fault's answer: 200, application/json, a copy of exactly these
 * bytes (any bytes, NULs included). A 500 if the copy cannot be made. */
void sim_reply_body(sim_response *rs, const char *bytes, size_t len);

/* 413 for a request body over the server's cap. */
void sim_reply_too_large(sim_response *rs);

#endif
