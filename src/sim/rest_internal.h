/* rest_internal.h - helpers shared by twenty-sim's REST route files
 * (rest_records.c, rest_read.c, rest_write.c, rest_delete.c, rest_groupby.c,
 * rest_metadata.c). Not a public API: only route files include it.
 *
 * Promises:
 *  - Query parameters are read the way Twenty's REST parsers read them:
 *    `limit` and `depth` with JavaScript's Number() semantics and Twenty's
 *    exact error messages; `true` flags only for the exact text "true".
 *  - Request bodies are parsed like Express's JSON body parser in strict
 *    mode: an empty body is {}, anything but an object or array is a 400.
 *  - Every record leaves through rest_record_json, which applies `depth`
 *    and the optional `fields` selection (newest Twenty: `id` always kept).
 *  - Every error leaves through rest_fail as Twenty's
 *    {"statusCode","error","messages":[…]} body. */
#ifndef SIM_REST_INTERNAL_H
#define SIM_REST_INTERNAL_H

#include "sim/query.h"
#include "sim/world.h"

#define REST_MAX_FIELDS 64

/* One REST call on a record object, after the path was parsed. */
typedef struct rest_ctx {
    sim_world *w;
    sim_store *st;
    const sim_request *rq;
    sim_response *rs;
    const sim_object *obj;
    sim_obj_kind kind;
    bool has_id;          /* the path carried a record id */
    sim_uuid id;
} rest_ctx;

/* The `fields` query parameter (contract 2.2, newest). */
typedef struct rest_fields {
    bool active;                          /* false: every field is returned */
    char *buf;                            /* owned copy of the parameter */
    const char *names[REST_MAX_FIELDS];   /* pointers into buf, deduplicated */
    int n;
} rest_fields;

/* --- responses --- */
void rest_fail(sim_response *rs, const sim_error *e);
/* {"data":{key: payload}} with `status` (takes ownership of payload). */
void rest_respond_data(sim_response *rs, int status, const char *key, cJSON *payload);
/* out = prefix + name with its first letter upper-cased ("create","opportunity"
 * -> "createOpportunity"); with an empty prefix, name unchanged. */
void rest_envelope_key(char *out, size_t outlen, const char *prefix, const char *name);

/* --- parameters --- */
/* JavaScript's unary + on a string: trims, accepts decimal, exponent,
 * 0x/0o/0b integers and [+-]Infinity; "" and blanks give 0. False for NaN. */
bool rest_js_number(const char *s, double *out);
/* Twenty's parseLimitRestRequest: absent or "" -> def; NaN or < 0 -> 400
 * "limit 'x' is invalid. Should be an integer"; otherwise min(limit, max). */
bool rest_parse_limit(const sim_request *rq, long def, long max, long *out, sim_error *e);
/* Twenty's parseDepthRestRequest: absent or "" -> 0; 0 or 1; else 400. */
bool rest_parse_depth(const sim_request *rq, int *out, sim_error *e);
/* True when the parameter is exactly "true". */
bool rest_param_true(const sim_request *rq, const char *name);
/* A non-empty parameter value, or NULL when absent or "". */
const char *rest_param_nonempty(const sim_request *rq, const char *name);

/* `fields`: absent -> inactive; empty list -> 400 "'fields' parameter is
 * empty…"; unknown names -> 400 "'fields' parameter invalid. Unknown or
 * unreadable fields on 'opportunity': foo, bar". */
bool rest_parse_fields(const sim_object *o, const sim_request *rq, rest_fields *f, sim_error *e);
void rest_fields_free(rest_fields *f);

/* --- bodies --- */
/* Parses the body as JSON (Express strict mode). *out is owned by the caller. */
bool rest_parse_body(const sim_request *rq, cJSON **out, sim_error *e);

/* --- records --- */
/* The record as REST returns it at `depth`, restricted to `f` when active. */
cJSON *rest_record_json(const rest_ctx *c, const sim_record *r, int depth, const rest_fields *f);
/* {"id":"…"} */
cJSON *rest_id_json(const sim_record *r);
/* Sorts records by id ascending (stable output for bulk operations). */
void rest_sort_by_id(sim_record **rows, size_t n);

/* --- handlers (one file per family) --- */
void rest_find_many(rest_ctx *c);      /* rest_read.c */
void rest_find_one(rest_ctx *c);
void rest_create_one(rest_ctx *c);     /* rest_write.c */
void rest_create_many(rest_ctx *c);
void rest_update_one(rest_ctx *c);
void rest_update_many(rest_ctx *c);
void rest_delete(rest_ctx *c);         /* rest_delete.c: one or many, soft or hard */
void rest_restore(rest_ctx *c);        /* one or many */
void rest_group_by(rest_ctx *c);       /* rest_groupby.c */

/* Server cap on records one update-many may touch (MUTATION_MAXIMUM_AFFECTED_RECORDS). */
#define REST_MUTATION_MAX_AFFECTED 100

#endif
