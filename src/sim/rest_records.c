/* rest_records.c - routing of /rest/<objects>… (contract 2.1): which
 * handler a method and path reach, Twenty's path checks (parseCorePath) and
 * the object look-up with its "Did you mean" hint. */
#include "sim/rest_internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_SEGMENTS 8

typedef enum rest_route {
    ROUTE_NONE = 0,
    ROUTE_GET,          /* find one or find many */
    ROUTE_CREATE_ONE,
    ROUTE_CREATE_MANY,
    ROUTE_UPDATE,       /* update one or update many */
    ROUTE_DELETE,       /* destroy / soft delete, one or many */
    ROUTE_RESTORE,      /* restore one or many */
    ROUTE_GROUP_BY,
    ROUTE_UNSUPPORTED   /* duplicates, merge: routes Twenty has and twenty-sim does not */
} rest_route;

typedef struct rest_path {
    char buf[1024];
    const char *seg[MAX_SEGMENTS];
    int n;               /* may exceed MAX_SEGMENTS: only the count is kept then */
} rest_path;

/* Splits what follows "/rest" on '/', dropping empty segments (Twenty's
 * .split('/').filter(Boolean)). */
static void split_path(const char *path, rest_path *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->buf, sizeof p->buf, "%s", path + strlen("/rest"));
    char *s = p->buf;
    while (*s) {
        while (*s == '/')
            *s++ = '\0';
        if (!*s)
            break;
        if (p->n < MAX_SEGMENTS)
            p->seg[p->n] = s;
        p->n++;
        while (*s && *s != '/')
            s++;
    }
}

static const char *last_segment(const rest_path *p)
{
    if (p->n == 0)
        return "";
    return p->n <= MAX_SEGMENTS ? p->seg[p->n - 1] : "";
}

static bool is(const char *method, const char *want)
{
    return method && strcmp(method, want) == 0;
}

/* The controller's routes, in its declaration order. */
static rest_route pick_route(const char *method, const rest_path *p)
{
    const char *last = last_segment(p);
    if (is(method, "POST")) {
        if (p->n >= 2 && strcmp(p->seg[0], "batch") == 0)
            return ROUTE_CREATE_MANY;
        if (p->n >= 2 && strcmp(last, "duplicates") == 0)
            return ROUTE_UNSUPPORTED;
        return ROUTE_CREATE_ONE;
    }
    if (is(method, "GET"))
        return p->n >= 2 && strcmp(last, "groupBy") == 0 ? ROUTE_GROUP_BY : ROUTE_GET;
    if (is(method, "DELETE"))
        return ROUTE_DELETE;
    if (is(method, "PATCH")) {
        if (p->n >= 2 && strcmp(last, "restore") == 0)
            return ROUTE_RESTORE;
        if (p->n >= 2 && strcmp(last, "merge") == 0)
            return ROUTE_UNSUPPORTED;
        return ROUTE_UPDATE;
    }
    if (is(method, "PUT"))
        return ROUTE_UPDATE;
    return ROUTE_NONE;
}

/* Twenty's parseCorePath: the object name and the record id, if any. */
static bool parse_core_path(const sim_request *rq, const rest_path *p, const char **object,
                            const char **id_text, sim_uuid *id, sim_error *e)
{
    bool restore = is(rq->method, "PATCH") && strcmp(last_segment(p), "restore") == 0;
    int max = restore ? 3 : 2;
    *id_text = NULL;
    if (p->n > max || p->n == 0)
        return sim_bad_request(e,
                               "Query path '%s' invalid. Valid examples: /rest/companies/id or "
                               "/rest/companies or /rest/batch/companies",
                               rq->path);
    *object = p->seg[0];
    if (p->n == 1)
        return true;
    if (strcmp(p->seg[0], "batch") == 0) {
        *object = p->seg[1];
        return true;
    }
    const char *second = p->seg[1];
    if (strcmp(second, "duplicates") == 0 || strcmp(second, "groupBy") == 0 ||
        strcmp(second, "merge") == 0)
        return true;
    if (restore && p->n == 2)
        return true;
    if (!sim_uuid_parse(second, id))
        return sim_bad_request(e, "'%s' is not a valid UUID", second);
    *id_text = second;
    return true;
}

static const sim_object *find_object(const sim_schema *s, const char *name, sim_error *e)
{
    const sim_object *o = sim_schema_find_object(s, name, true);
    if (o)
        return o;
    const sim_object *wrong = sim_schema_find_object(s, name, false);
    if (wrong) {
        sim_bad_request(e, "object '%s' not found. Did you mean '%s'?", name, wrong->plural);
        return NULL;
    }
    sim_bad_request(e, "object '%s' not found. eg: companies", name);
    return NULL;
}

bool sim_rest_records_handle(sim_world *w, const sim_request *rq, sim_response *rs)
{
    const char *path = rq->path ? rq->path : "";
    if (strcmp(path, "/rest") != 0 && strncmp(path, "/rest/", 6) != 0)
        return false;
    rest_path p;
    split_path(path, &p);
    rest_route route = pick_route(rq->method, &p);
    if (route == ROUTE_NONE)
        return false;

    sim_error e = {0};
    const char *object = NULL, *id_text = NULL;
    rest_ctx c = {.w = w, .st = &w->store, .rq = rq, .rs = rs};
    if (!parse_core_path(rq, &p, &object, &id_text, &c.id, &e)) {
        rest_fail(rs, &e);
        return true;
    }
    c.has_id = id_text != NULL;
    c.obj = find_object(&w->store.schema, object, &e);
    if (!c.obj) {
        rest_fail(rs, &e);
        return true;
    }
    c.kind = c.obj->kind;

    switch (route) {
    case ROUTE_GET:
        if (c.has_id)
            rest_find_one(&c);
        else
            rest_find_many(&c);
        break;
    case ROUTE_CREATE_ONE:
        rest_create_one(&c);
        break;
    case ROUTE_CREATE_MANY:
        rest_create_many(&c);
        break;
    case ROUTE_UPDATE:
        if (c.has_id)
            rest_update_one(&c);
        else
            rest_update_many(&c);
        break;
    case ROUTE_DELETE:
        rest_delete(&c);
        break;
    case ROUTE_RESTORE:
        rest_restore(&c);
        break;
    case ROUTE_GROUP_BY:
        rest_group_by(&c);
        break;
    default:
        sim_bad_request(&e, "twenty-sim does not implement %s %s", rq->method, path);
        rest_fail(rs, &e);
        break;
    }
    return true;
}
