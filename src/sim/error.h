/* error.h - Twenty's error bodies.
 *
 * Promises: a sim_error carries the HTTP status, Twenty's `error` name and one
 * message; sim_error_body renders {"statusCode":N,"error":"…","messages":["…"]}
 * exactly as the contract (section 2.11) gives it. */
#ifndef SIM_ERROR_H
#define SIM_ERROR_H

#include <stdbool.h>
#include <cjson/cJSON.h>

typedef struct sim_error {
    int status;          /* 400, 401, 403, 404, 429, 500 … (0 = no error) */
    char error[48];      /* "BadRequestException", "NotFoundException", … */
    char message[600];
} sim_error;

/* printf-style setters; they return false so callers can `return sim_bad_request(...)`. */
bool sim_fail(sim_error *e, int status, const char *error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool sim_bad_request(sim_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool sim_not_found(sim_error *e);   /* 404 NotFoundException "Record not found" */

cJSON *sim_error_body(const sim_error *e);

#endif
