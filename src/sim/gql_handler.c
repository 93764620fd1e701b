/* gql_handler.c - the HTTP side of POST /graphql and POST /metadata (world.h):
 * GraphQL Yoga's request checks (a body that is not a JSON object, a missing
 * or non-string query, bad variables: 400 {"errors":[{"message"}]}; other
 * methods: 405), then parse (GRAPHQL_PARSE_FAILED), validate
 * (GRAPHQL_VALIDATION_FAILED) and execute, answered with HTTP 200 and
 * {"errors"?, "data"} as Twenty does. GET runs queries from the URL, as Yoga
 * allows, but never mutations. */
#include <stdio.h>
#include <string.h>

#include "sim/gql_twenty.h"
#include "sim/gql_validate.h"

typedef struct params {
    cJSON *owned;             /* the parsed body or a JSON object of GET parameters */
    const char *query;
    const cJSON *variables;
    const char *op_name;
} params;

static void yoga_error(sim_response *rs, int status, const char *message, const char *allow)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *errs = cJSON_AddArrayToObject(body, "errors");
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "message", message);
    cJSON_AddItemToArray(errs, e);
    sim_respond_json(rs, status, body);
    if (allow)
        sim_response_add_header(rs, "Allow", allow);
}

/* graphql-yoga's extendedTypeof */
static const char *js_type(const cJSON *v)
{
    if (!v || cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "array";
    if (cJSON_IsString(v))
        return "string";
    if (cJSON_IsNumber(v))
        return "number";
    if (cJSON_IsBool(v))
        return "boolean";
    return "object";
}

static bool from_get(const sim_request *rq, params *p, sim_response *rs)
{
    p->owned = cJSON_CreateObject();
    for (int i = 0; p->owned && i < rq->nquery; i++) {
        const char *n = rq->query[i].name, *v = rq->query[i].value;
        if (!strcmp(n, "variables") || !strcmp(n, "extensions")) {
            cJSON *j = cJSON_Parse(v);
            if (!j) {
                char msg[80];
                snprintf(msg, sizeof msg, "%s is invalid JSON.", !strcmp(n, "variables") ? "Variables" : "Extensions");
                yoga_error(rs, 400, msg, NULL);
                return false;
            }
            cJSON_AddItemToObject(p->owned, n, j);
        } else if (!cJSON_GetObjectItemCaseSensitive(p->owned, n)) {
            cJSON_AddStringToObject(p->owned, n, v);
        }
    }
    return true;
}

/* Yoga's request parsing and checkGraphQLQueryParams; false after answering. */
static bool read_params(const sim_request *rq, params *p, sim_response *rs)
{
    char msg[160];
    memset(p, 0, sizeof *p);
    const char *m = rq->method ? rq->method : "";
    if (!strcmp(m, "GET")) {
        if (!from_get(rq, p, rs))
            return false;
    } else if (!strcmp(m, "POST")) {
        p->owned = cJSON_ParseWithLength(rq->body ? rq->body : "", rq->body ? rq->body_len : 0);
        if (!p->owned) {
            yoga_error(rs, 400, "POST body sent invalid JSON.", NULL);
            return false;
        }
        if (!cJSON_IsObject(p->owned) && !cJSON_IsArray(p->owned)) {
            snprintf(msg, sizeof msg, "POST body is expected to be object but received %s", js_type(p->owned));
            yoga_error(rs, 400, msg, NULL);
            return false;
        }
    } else {
        yoga_error(rs, 405, "GraphQL only supports GET and POST requests.", "GET, POST");
        return false;
    }
    if (!cJSON_IsObject(p->owned)) {
        snprintf(msg, sizeof msg, "Expected params to be an object but given %s.", js_type(p->owned));
        yoga_error(rs, 400, msg, "GET, POST");
        return false;
    }
    for (const cJSON *it = p->owned->child; it; it = it->next) {
        if (cJSON_IsNull(it) || !strcmp(it->string, "query") || !strcmp(it->string, "variables") ||
            !strcmp(it->string, "operationName") || !strcmp(it->string, "extensions"))
            continue;
        snprintf(msg, sizeof msg, "Unexpected parameter \"%.80s\" in the request body.", it->string);
        yoga_error(rs, 400, msg, NULL);
        return false;
    }
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(p->owned, "query");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(p->owned, "variables");
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(p->owned, "extensions");
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(p->owned, "operationName");
    if (!q || cJSON_IsNull(q)) {
        yoga_error(rs, 400, "Must provide query string.", "GET, POST");
        return false;
    }
    if (!cJSON_IsString(q)) {
        snprintf(msg, sizeof msg, "Expected \"query\" param to be a string, but given %s.", js_type(q));
        yoga_error(rs, 400, msg, "GET, POST");
        return false;
    }
    const cJSON *checks[2] = {v, x};
    const char *names[2] = {"variables", "extensions"};
    for (int i = 0; i < 2; i++)
        if (checks[i] && !cJSON_IsNull(checks[i]) && !cJSON_IsObject(checks[i])) {
            snprintf(msg, sizeof msg, "Expected \"%s\" param to be empty or an object, but given %s.", names[i],
                     js_type(checks[i]));
            yoga_error(rs, 400, msg, "GET, POST");
            return false;
        }
    p->query = q->valuestring;
    p->variables = v;
    p->op_name = cJSON_IsString(op) ? op->valuestring : NULL;
    return true;
}

static bool is_get_mutation(const sim_request *rq, const gql_doc *d, const char *op_name)
{
    if (!rq->method || strcmp(rq->method, "GET") != 0)
        return false;
    for (size_t i = 0; i < d->nops; i++)
        if (d->ops[i].type == GQL_MUTATION && (!op_name || (d->ops[i].name && !strcmp(d->ops[i].name, op_name))))
            return true;
    return false;
}

/* Parses, validates and executes; answers 200 with {"errors"?, "data"?}.
 * False when the request was answered otherwise (a GET mutation). */
static bool run(sim_world *w, const sim_request *rq, const params *p, bool metadata, sim_response *rs)
{
    gql_arena arena = {0};
    gql_errs errs = {.a = &arena};
    gt_ctx ctx = {.w = w, .st = &w->store, .a = &arena};
    gql_schema *schema = metadata ? gt_meta_schema(&w->store.schema) : gt_core_schema(&w->store.schema);
    gql_parse_error perr = {0};
    gql_doc *doc = schema ? gql_parse(p->query, strlen(p->query), &perr) : NULL;
    gql_doc text_only = {.src = p->query, .len = strlen(p->query)};   /* locations of parse errors */
    cJSON *data = NULL;
    bool answered = true;
    if (!schema) {
        gql_errs_add(&errs, "INTERNAL_SERVER_ERROR", "out of memory");
    } else if (!doc) {
        gql_err_loc(gql_errs_add(&errs, "GRAPHQL_PARSE_FAILED", perr.message), perr.loc);
    } else if (is_get_mutation(rq, doc, p->op_name)) {
        answered = false;
    } else if (gql_validate(schema, doc, &errs)) {
        data = gql_execute(schema, doc, p->op_name, p->variables, &ctx, &errs);
    }
    if (answered) {
        cJSON *body = cJSON_CreateObject();
        if (errs.n > 0)
            cJSON_AddItemToObject(body, "errors", gql_errs_json(&errs, doc ? doc : &text_only));
        if (data)
            cJSON_AddItemToObject(body, "data", data);
        sim_respond_json(rs, 200, body);
    }
    gt_ctx_cleanup(&ctx);
    gql_errs_free(&errs);
    gql_doc_free(doc);
    gql_schema_free(schema);
    gql_arena_free(&arena);
    return answered;
}

static bool handle(sim_world *w, const sim_request *rq, sim_response *rs, bool metadata)
{
    params p;
    if (read_params(rq, &p, rs) && !run(w, rq, &p, metadata, rs))
        yoga_error(rs, 405, "Can only perform a mutation operation from a POST request.", "POST");
    cJSON_Delete(p.owned);
    return true;
}

bool sim_graphql_handle(sim_world *w, const sim_request *rq, sim_response *rs)
{
    return handle(w, rq, rs, false);
}

bool sim_graphql_metadata_handle(sim_world *w, const sim_request *rq, sim_response *rs)
{
    return handle(w, rq, rs, true);
}
