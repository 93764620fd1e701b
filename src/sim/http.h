/* http.h - the request and response that pass between the HTTP server
 * (server.c, libmicrohttpd) and the routes (world.c and the route files).
 *
 * Promises: the server hands routes a fully read request with its query
 * string already split and URL-decoded, and sends back whatever status,
 * headers and body the routes produce. Routes never touch sockets. */
#ifndef SIM_HTTP_H
#define SIM_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#define SIM_MAX_QUERY 32
#define SIM_MAX_HEADERS 8

typedef struct sim_query_param {
    char *name;     /* URL-decoded */
    char *value;    /* URL-decoded; "" for `?flag` */
} sim_query_param;

typedef struct sim_request {
    const char *method;      /* "GET", "POST", "PATCH", "PUT", "DELETE" */
    const char *path;        /* "/rest/opportunities/…", without the query */
    const char *raw_query;   /* as received, without '?', or "" */
    sim_query_param query[SIM_MAX_QUERY];
    int nquery;
    const char *body;        /* NUL-terminated, may be "" */
    size_t body_len;
} sim_request;

typedef struct sim_header {
    char name[48];
    char value[128];
} sim_header;

typedef struct sim_response {
    int status;
    char *body;              /* malloc'd JSON text (or NULL for an empty body) */
    size_t body_len;
    const char *content_type;/* default "application/json; charset=utf-8" */
    sim_header headers[SIM_MAX_HEADERS];
    int nheaders;
} sim_response;

/* The value of a query parameter, or NULL. */
const char *sim_request_param(const sim_request *rq, const char *name);

/* Sets the response to `status` with the JSON (takes ownership and frees it). */
void sim_respond_json(sim_response *rs, int status, cJSON *json);
void sim_response_add_header(sim_response *rs, const char *name, const char *value);
void sim_response_free(sim_response *rs);

#endif
