/* error.h - typed errors of the Twenty codec.
 *
 * Promises: a pb_error says what kind of failure happened (the HTTP status
 * mapped to a kind, or a problem on our side: a response we cannot read, a
 * request we refuse to build), the HTTP status when there was one, Twenty's
 * `error` name and one human message (UTF-8, at most PB_ERROR_MSG_MAX-1 bytes,
 * cut on a character boundary, not yet sanitized for the terminal).
 * Functions that fill one return false, so `return pb_error_set(...)` works. */
#ifndef PB_TWENTY_ERROR_H
#define PB_TWENTY_ERROR_H

#include <stdbool.h>

typedef enum pb_err_kind {
    PB_ERR_NONE = 0,
    PB_ERR_BAD_REQUEST,      /* 400: Twenty refused the request (filter, value …) */
    PB_ERR_UNAUTHENTICATED,  /* 401: token missing, invalid or expired */
    PB_ERR_QUOTA,            /* 402: workspace quota exhausted */
    PB_ERR_FORBIDDEN,        /* 403: no permission (or no token on some versions) */
    PB_ERR_NOT_FOUND,        /* 404: record (or route) not found */
    PB_ERR_RATE_LIMITED,     /* 429 */
    PB_ERR_SERVER,           /* 5xx (and 408) */
    PB_ERR_HTTP,             /* any other non-2xx status */
    PB_ERR_GRAPHQL,          /* GraphQL `errors` without a code we map */
    PB_ERR_PROTOCOL,         /* a response we cannot read: not JSON, wrong shape or type */
    PB_ERR_ENCODE,           /* we refuse to build the request (bad input) */
    PB_ERR_NOMEM
} pb_err_kind;

#define PB_ERROR_MSG_MAX 512

typedef struct pb_error {
    pb_err_kind kind;
    int http_status;        /* 0 when none */
    char name[48];          /* Twenty's `error` ("BadRequestException") or GraphQL code, or "" */
    char message[PB_ERROR_MSG_MAX];
    int retry_after_s;      /* from a 429 body's retryAfterSeconds, else -1 */
} pb_error;

void pb_error_clear(pb_error *e);
bool pb_error_set(pb_error *e, pb_err_kind kind, int http_status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const char *pb_err_kind_name(pb_err_kind kind);   /* "bad request", "not found" … */
pb_err_kind pb_err_kind_for_status(int http_status);

#endif
