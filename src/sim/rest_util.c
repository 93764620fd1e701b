/* rest_util.c - parameter, body and record helpers shared by the REST
 * route files (see rest_internal.h). */
#include "sim/rest_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- responses */

void rest_fail(sim_response *rs, const sim_error *e)
{
    int status = e && e->status ? e->status : 500;
    sim_respond_json(rs, status, sim_error_body(e));
}

void rest_respond_data(sim_response *rs, int status, const char *key, cJSON *payload)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *data = root ? cJSON_AddObjectToObject(root, "data") : NULL;
    if (!data || !payload) {
        cJSON_Delete(root);
        cJSON_Delete(payload);
        sim_error e = {0};
        sim_fail(&e, 500, "InternalServerErrorException", "out of memory");
        rest_fail(rs, &e);
        return;
    }
    cJSON_AddItemToObject(data, key, payload);
    sim_respond_json(rs, status, root);
}

void rest_envelope_key(char *out, size_t outlen, const char *prefix, const char *name)
{
    if (!outlen)
        return;
    if (!prefix || !*prefix) {
        snprintf(out, outlen, "%s", name);
        return;
    }
    snprintf(out, outlen, "%s%c%s", prefix, toupper((unsigned char)name[0]),
             name[0] ? name + 1 : "");
}

/* ---------------------------------------------------------------- numbers */

static bool is_js_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool radix_digits(const char *p, const char *end, int radix, double *out)
{
    if (p == end)
        return false;
    double v = 0;
    for (; p < end; p++) {
        int d;
        if (*p >= '0' && *p <= '9')
            d = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            d = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'F')
            d = *p - 'A' + 10;
        else
            return false;
        if (d >= radix)
            return false;
        v = v * radix + d;
    }
    *out = v;
    return true;
}

/* [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
static bool is_decimal_literal(const char *p, const char *end)
{
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    size_t int_digits = 0, frac_digits = 0;
    while (p < end && isdigit((unsigned char)*p)) {
        p++;
        int_digits++;
    }
    if (p < end && *p == '.') {
        p++;
        while (p < end && isdigit((unsigned char)*p)) {
            p++;
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0)
        return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        size_t exp_digits = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            p++;
            exp_digits++;
        }
        if (!exp_digits)
            return false;
    }
    return p == end;
}

bool rest_js_number(const char *s, double *out)
{
    if (!s)
        return false;
    const char *p = s, *end = s + strlen(s);
    while (p < end && is_js_space((unsigned char)*p))
        p++;
    while (end > p && is_js_space((unsigned char)end[-1]))
        end--;
    size_t n = (size_t)(end - p);
    if (n == 0) {
        *out = 0;
        return true;
    }
    if ((n == 8 && memcmp(p, "Infinity", 8) == 0) || (n == 9 && memcmp(p, "+Infinity", 9) == 0)) {
        *out = INFINITY;
        return true;
    }
    if (n == 9 && memcmp(p, "-Infinity", 9) == 0) {
        *out = -INFINITY;
        return true;
    }
    if (n > 2 && p[0] == '0') {
        char k = (char)tolower((unsigned char)p[1]);
        if (k == 'x')
            return radix_digits(p + 2, end, 16, out);
        if (k == 'o')
            return radix_digits(p + 2, end, 8, out);
        if (k == 'b')
            return radix_digits(p + 2, end, 2, out);
    }
    if (!is_decimal_literal(p, end) || n > 400)
        return false;
    char buf[401];
    memcpy(buf, p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return true;
}

/* ---------------------------------------------------------------- parameters */

bool rest_parse_limit(const sim_request *rq, long def, long max, long *out, sim_error *e)
{
    const char *raw = sim_request_param(rq, "limit");
    if (!raw || !*raw) {
        *out = def;
        return true;
    }
    double v;
    if (!rest_js_number(raw, &v) || v < 0)
        return sim_bad_request(e, "limit '%s' is invalid. Should be an integer", raw);
    if (v > (double)max)
        v = (double)max;
    *out = (long)floor(v);
    return true;
}

bool rest_parse_depth(const sim_request *rq, int *out, sim_error *e)
{
    const char *raw = sim_request_param(rq, "depth");
    if (!raw || !*raw) {
        *out = 0;
        return true;
    }
    double v;
    if (!rest_js_number(raw, &v) || (v != 0 && v != 1))
        return sim_bad_request(e, "'depth=%s' parameter invalid. Allowed values are 0, 1", raw);
    *out = (int)v;
    return true;
}

bool rest_param_true(const sim_request *rq, const char *name)
{
    const char *v = sim_request_param(rq, name);
    return v && strcmp(v, "true") == 0;
}

const char *rest_param_nonempty(const sim_request *rq, const char *name)
{
    const char *v = sim_request_param(rq, name);
    return v && *v ? v : NULL;
}

/* ---------------------------------------------------------------- fields */

/* A field named `name`, or the relation field whose relation name it is
 * ("company" names the field companyId). */
static const sim_field *field_by_any_name(const sim_object *o, const char *name)
{
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *fd = &o->fields[i];
        if (strcmp(fd->name, name) == 0)
            return fd;
        if (fd->type == SF_RELATION && fd->relation_name && strcmp(fd->relation_name, name) == 0)
            return fd;
    }
    return NULL;
}

static bool is_to_many(const sim_object *o, const char *name)
{
    for (int i = 0; i < o->nto_many; i++)
        if (strcmp(o->to_many[i], name) == 0)
            return true;
    return false;
}

static char *trim_in_place(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

bool rest_parse_fields(const sim_object *o, const sim_request *rq, rest_fields *f, sim_error *e)
{
    memset(f, 0, sizeof *f);
    const char *raw = sim_request_param(rq, "fields");
    if (!raw)
        return true;
    size_t len = strlen(raw);
    f->buf = malloc(len + 1);
    if (!f->buf)
        return sim_fail(e, 500, "InternalServerErrorException", "out of memory");
    memcpy(f->buf, raw, len + 1);
    f->active = true;

    char invalid[400] = "";
    size_t invalid_len = 0;
    char *save = NULL;
    char *p = f->buf;
    /* strtok_r would merge empty items, which is what Twenty's filter does anyway */
    for (char *tok = strtok_r(p, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *name = trim_in_place(tok);
        if (!*name)
            continue;
        bool dup = false;
        for (int i = 0; i < f->n; i++)
            if (strcmp(f->names[i], name) == 0)
                dup = true;
        if (dup)
            continue;
        if (!field_by_any_name(o, name) && !is_to_many(o, name)) {
            int w = snprintf(invalid + invalid_len, sizeof invalid - invalid_len, "%s%s",
                             invalid_len ? ", " : "", name);
            if (w > 0)
                invalid_len += (size_t)w < sizeof invalid - invalid_len
                                   ? (size_t)w
                                   : sizeof invalid - invalid_len - 1;
            continue;
        }
        if (f->n < REST_MAX_FIELDS)
            f->names[f->n++] = name;
    }
    if (invalid_len) {
        rest_fields_free(f);
        return sim_bad_request(e,
                               "'fields' parameter invalid. Unknown or unreadable fields on '%s': %s",
                               o->singular, invalid);
    }
    if (f->n == 0) {
        rest_fields_free(f);
        return sim_bad_request(e, "'fields' parameter is empty. Expected a comma-separated list of "
                                  "field names, e.g. fields=id,name");
    }
    return true;
}

void rest_fields_free(rest_fields *f)
{
    if (!f)
        return;
    free(f->buf);
    memset(f, 0, sizeof *f);
}

/* Is the output key `key` part of the selection? */
static bool key_selected(const sim_object *o, const rest_fields *f, const char *key)
{
    for (int i = 0; i < f->n; i++) {
        if (strcmp(f->names[i], key) == 0)
            return true;
        const sim_field *fd = field_by_any_name(o, f->names[i]);
        if (fd && fd->type == SF_RELATION &&
            (strcmp(fd->name, key) == 0 || (fd->relation_name && strcmp(fd->relation_name, key) == 0)))
            return true;
    }
    return false;
}

/* ---------------------------------------------------------------- records */

cJSON *rest_record_json(const rest_ctx *c, const sim_record *r, int depth, const rest_fields *f)
{
    cJSON *full = sim_record_to_wire_json(c->st, c->kind, r, depth);
    if (!full || !f || !f->active)
        return full;
    cJSON *picked = cJSON_CreateObject();
    if (!picked) {
        cJSON_Delete(full);
        return NULL;
    }
    cJSON *id = cJSON_DetachItemFromObjectCaseSensitive(full, "id");
    if (id)
        cJSON_AddItemToObject(picked, "id", id);
    cJSON *item = full->child;
    while (item) {
        cJSON *next = item->next;
        if (item->string && key_selected(c->obj, f, item->string)) {
            cJSON_DetachItemViaPointer(full, item);
            cJSON_AddItemToObject(picked, item->string, item);
        }
        item = next;
    }
    cJSON_Delete(full);
    return picked;
}

cJSON *rest_id_json(const sim_record *r)
{
    char text[37];
    sim_uuid_format(&r->v[0].as.u, text);
    cJSON *o = cJSON_CreateObject();
    if (o)
        cJSON_AddStringToObject(o, "id", text);
    return o;
}

static int cmp_by_id(const void *a, const void *b)
{
    const sim_record *ra = *(sim_record *const *)a;
    const sim_record *rb = *(sim_record *const *)b;
    return sim_uuid_cmp(&ra->v[0].as.u, &rb->v[0].as.u);
}

void rest_sort_by_id(sim_record **rows, size_t n)
{
    if (rows && n > 1)
        qsort(rows, n, sizeof *rows, cmp_by_id);
}

/* ---------------------------------------------------------------- bodies */

bool rest_parse_body(const sim_request *rq, cJSON **out, sim_error *e)
{
    *out = NULL;
    const char *body = rq->body ? rq->body : "";
    size_t len = rq->body ? rq->body_len : 0;
    if (len == 0 && rq->body)
        len = strlen(rq->body);
    size_t i = 0;
    while (i < len && isspace((unsigned char)body[i]))
        i++;
    if (i == len) {
        *out = cJSON_CreateObject();   /* Express leaves req.body = {} */
        return *out ? true : sim_fail(e, 500, "InternalServerErrorException", "out of memory");
    }
    if (body[i] != '{' && body[i] != '[') {
        /* body-parser's strict mode only accepts objects and arrays */
        return sim_bad_request(e, "Unexpected token %c in JSON at position %zu", body[i], i);
    }
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithLengthOpts(body, len, &end, false);
    if (!json) {
        size_t pos = end && end >= body ? (size_t)(end - body) : 0;
        /* cJSON reports a failure at the end of the text on its last byte */
        if (pos >= len || (pos + 1 == len && strchr(":,{[\" \t\r\n", body[pos])))
            return sim_bad_request(e, "Unexpected end of JSON input");
        return sim_bad_request(e, "Unexpected token %c in JSON at position %zu", body[pos], pos);
    }
    size_t pos = (size_t)(end - body);
    while (pos < len && isspace((unsigned char)body[pos]))
        pos++;
    if (pos < len) {
        cJSON_Delete(json);
        return sim_bad_request(e, "Unexpected non-whitespace character after JSON at position %zu",
                               pos);
    }
    *out = json;
    return true;
}
