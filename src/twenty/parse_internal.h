/* parse_internal.h - JSON reading helpers shared by the parsers (src/twenty only).
 *
 * Promises: every pj_* reader checks the JSON type and reports a mismatch as
 * PB_ERR_PROTOCOL naming `where` (a printf-style path built by the caller);
 * "missing" and JSON null are treated alike where a field is optional. */
#ifndef PB_TWENTY_PARSE_INTERNAL_H
#define PB_TWENTY_PARSE_INTERNAL_H

#include <cjson/cJSON.h>

#include "twenty/parse.h"

/* Parses a body (lone-surrogate and \u0000 escapes replaced by U+FFFD first,
 * trailing non-space rejected). NULL + PB_ERR_PROTOCOL on failure. */
cJSON *pj_parse(const char *body, size_t len, pb_error *err);
/* For 2xx parsers: false (err filled from the error body) unless 200-299. */
bool pj_status_ok(int http_status, const char *body, size_t len, pb_error *err);
/* For 2xx parsers: pj_status_ok, then pj_parse: the body, or NULL with err
 * filled. */
cJSON *pj_parse_ok(int http_status, const char *body, size_t len, pb_error *err);
/* calloc'd room for one item per element of the array `list` (at least one
 * item), or NULL with err set to PB_ERR_NOMEM. */
void *pj_alloc_items(const cJSON *list, size_t item_size, pb_error *err);
/* For GraphQL bodies: the "data" object, or NULL with err filled from
 * "errors" (or a protocol error when data is missing). */
const cJSON *pj_graphql_data(int http_status, const cJSON *root, pb_error *err);

/* twenty_parse_error on an already parsed body (root may be NULL). */
void pj_error_from_json(int http_status, const cJSON *root, pb_error *err);
bool pj_fail(pb_error *err, const char *where, const char *what);
const cJSON *pj_get(const cJSON *obj, const char *key);   /* NULL unless obj is an object */
bool pj_absent(const cJSON *x);                           /* missing or null */

/* String (or null/missing -> *out = NULL). */
bool pj_string(const cJSON *x, pb_strpool *sp, bool intern, const char **out, const char *where,
               pb_error *err);
/* UUID string (null/missing -> nil when !required). */
bool pj_id(const cJSON *x, bool required, pb_id *out, const char *where, pb_error *err);
/* ISO date string (null/missing -> *has = false). */
bool pj_date(const cJSON *x, int64_t *ms, bool *has, const char *where, pb_error *err);
/* Number or numeric string as int64. *exact = false when it is a number
 * beyond ±2^53 or not finite, or a string beyond int64 (value then 0).
 * null/missing -> *has = false. Fractions are rounded half away from zero. */
bool pj_int64(const cJSON *x, int64_t *out, bool *has, bool *exact, const char *where,
              pb_error *err);
bool pj_double(const cJSON *x, double *out, bool *has, const char *where, pb_error *err);
bool pj_bool(const cJSON *x, bool *out, const char *where, pb_error *err);   /* missing -> false */
/* A malloc'd copy of a string or NULL (null/missing). */
bool pj_strdup(const cJSON *x, char **out, const char *where, pb_error *err);
bool pj_page_info(const cJSON *pi, pb_page_info *out, pb_error *err);
/* Strict numeric string "-?digits(.digits)?" to int64 (rounded); false when
 * malformed; *exact false when beyond int64. */
bool pj_numeric_string(const char *s, int64_t *out, bool *exact);

/* One opportunity object (parse_opp.c). */
bool pj_opp(const cJSON *o, pb_strpool *sp, pb_opp *out, const char *where, pb_error *err);
/* A FULL_NAME {firstName,lastName} or a plain string as "First Last" (interned). */
bool pj_person_name(const cJSON *x, pb_strpool *sp, const char **out, const char *where,
                    pb_error *err);

#endif
