/* filter_leaf.c - one filter leaf, validated as Twenty's common layer does
 * (filter-arg-processor: relation names, unknown fields, composite subfields,
 * operators per field type, then the operand per type) and converted to
 * typed operands for filter_match.c. Messages are Twenty's, word for word. */
#include "sim/filter_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/jscompat.h"

static const char *const k_fop_names[] = {
    [FOP_EQ] = "eq",          [FOP_NEQ] = "neq",       [FOP_IN] = "in",
    [FOP_CONTAINS_ANY] = "containsAny", [FOP_IS] = "is", [FOP_GT] = "gt",
    [FOP_GTE] = "gte",        [FOP_LT] = "lt",         [FOP_LTE] = "lte",
    [FOP_STARTS_WITH] = "startsWith", [FOP_ENDS_WITH] = "endsWith",
    [FOP_LIKE] = "like",      [FOP_ILIKE] = "ilike",
};

const char *sim_fop_name(sim_fop op)
{
    return (unsigned)op < sizeof k_fop_names / sizeof *k_fop_names ? k_fop_names[op] : "?";
}

bool sim_fop_parse(const char *name, sim_fop *out)
{
    for (size_t i = 0; i < sizeof k_fop_names / sizeof *k_fop_names; i++)
        if (strcmp(name, k_fop_names[i]) == 0) {
            *out = (sim_fop)i;
            return true;
        }
    return false;
}

/* ---------- field types ---------- */

static const char *ltype_name(sim_ltype t)
{
    switch (t) {
    case LT_TEXT: return "TEXT";
    case LT_NUMBER: return "NUMBER";
    case LT_NUMERIC: return "NUMERIC";
    case LT_POSITION: return "POSITION";
    case LT_BOOLEAN: return "BOOLEAN";
    case LT_DATE_TIME: return "DATE_TIME";
    case LT_SELECT: return "SELECT";
    case LT_UUID: return "UUID";
    case LT_RELATION: return "RELATION";
    }
    return "TEXT";
}

/* The operators each type allows, in Twenty's order (filter-operators.constant). */
static const char *allowed_ops(sim_ltype t)
{
    switch (t) {
    case LT_TEXT: return "eq, neq, in, is, like, ilike, startsWith, endsWith, search";
    case LT_NUMBER:
    case LT_NUMERIC:
    case LT_POSITION: return "eq, neq, gt, gte, lt, lte, in, is";
    case LT_BOOLEAN: return "eq, is";
    case LT_DATE_TIME: return "eq, neq, gt, gte, lt, lte, is";
    case LT_SELECT:
    case LT_UUID:
    case LT_RELATION: return "eq, neq, in, is";
    }
    return "";
}

static bool op_allowed(sim_ltype t, const char *op)
{
    const char *list = allowed_ops(t);
    size_t n = strlen(op);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, op, n) == 0)
            return true;
        if (!e)
            break;
        p = e + 2;
    }
    return false;
}

static const char *composite_type_name(sim_ftype t)
{
    switch (t) {
    case SF_CURRENCY: return "CURRENCY";
    case SF_FULL_NAME: return "FULL_NAME";
    case SF_EMAILS: return "EMAILS";
    case SF_LINKS: return "LINKS";
    case SF_ACTOR: return "ACTOR";
    default: return "UNKNOWN";
    }
}

static sim_ltype scalar_ltype(sim_ftype t)
{
    switch (t) {
    case SF_UUID: return LT_UUID;
    case SF_NUMBER: return LT_NUMBER;
    case SF_POSITION: return LT_POSITION;
    case SF_BOOLEAN: return LT_BOOLEAN;
    case SF_DATE_TIME: return LT_DATE_TIME;
    case SF_SELECT: return LT_SELECT;
    case SF_RELATION: return LT_RELATION;
    default: return LT_TEXT;
    }
}

/* Subfield types from Twenty's compositeTypeDefinitions; *null_equiv tells
 * whether '' stands for NULL (findPostgresDefaultNullEquivalentValue). */
static sim_ltype sub_ltype(sim_ftype t, const char *sub, bool *null_equiv)
{
    *null_equiv = false;
    if (t == SF_CURRENCY)
        return strcmp(sub, "amountMicros") == 0 ? LT_NUMERIC : LT_TEXT;
    if (t == SF_ACTOR) {
        if (strcmp(sub, "source") == 0)
            return LT_SELECT;
        if (strcmp(sub, "workspaceMemberId") == 0)
            return LT_UUID;
    }
    *null_equiv = true;   /* firstName, lastName, primaryEmail, primaryLink*, actor name */
    return LT_TEXT;
}

/* ---------- operand checks ---------- */

/* Twenty's isValidUuid: version 1-5 and the RFC 4122 variant. */
static bool twenty_uuid(const char *s, sim_uuid *u)
{
    if (!sim_uuid_parse(s, u))
        return false;
    int version = s[14];
    char variant = s[19];
    return version >= '1' && version <= '5' && strchr("89abAB", variant) && variant;
}

/* The date-time forms date-fns accepts in ACCEPTED_DATE_TIME_FORMATS that
 * twenty-sim understands, read as UTC when they carry no offset. */
static bool parse_date_time(const char *s, int64_t *ms)
{
    if (sim_time_parse(s, ms))
        return true;
    size_t n = strlen(s);
    if (n < 8 || n > 40)
        return false;
    char b[64];
    /* yyyy-MM-dd'T'HH:mm:ss[.SSS] and yyyy-MM-dd HH:mm[:ss[.SSS]] without an offset */
    if (n >= 16 && (s[10] == 'T' || s[10] == ' ')) {
        snprintf(b, sizeof b, "%sZ", s);
        b[10] = 'T';
        return sim_time_parse(b, ms);
    }
    const char *d = s;
    bool alldig = true;
    for (size_t i = 0; i < n; i++)
        alldig = alldig && d[i] >= '0' && d[i] <= '9';
    if (n == 8 && alldig) {                                 /* yyyyMMdd */
        snprintf(b, sizeof b, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
        return sim_time_parse(b, ms);
    }
    if (n == 10 && (s[4] == '.' || s[4] == '/') && s[7] == s[4]) {   /* yyyy.MM.dd */
        snprintf(b, sizeof b, "%.4s-%.2s-%.2s", s, s + 5, s + 8);
        return sim_time_parse(b, ms);
    }
    if (n == 10 && (s[2] == '-' || s[2] == '/' || s[2] == '.') && s[5] == s[2]) { /* MM-dd-yyyy */
        snprintf(b, sizeof b, "%.4s-%.2s-%.2s", s + 6, s, s + 3);
        return sim_time_parse(b, ms);
    }
    return false;
}

typedef struct leafctx {
    const sim_schema *s;
    const sim_field *field;
    char name[160];          /* "stage", "amount.amountMicros" */
    sim_ltype lt;
    bool select_options;     /* stage: check against the workspace's options */
    sim_error *err;
} leafctx;

/* validateAndTransformValueByFieldType for one string operand. */
static bool convert_operand(leafctx *c, const char *v, sim_value *out)
{
    char shown[256];
    out->kind = SV_NULL;
    switch (c->lt) {
    case LT_NUMBER:
    case LT_NUMERIC:
    case LT_POSITION: {
        double d;
        if (!sim_js_parse_float(v, &d) || isinf(d)) {
            sim_js_number_str(sim_js_parse_float(v, &d) ? d : NAN, shown, sizeof shown);
            return sim_bad_request(c->err, "Invalid number value %s for field \"%s\"", shown,
                                   c->name);
        }
        out->kind = SV_NUM;
        out->as.n = d == 0 ? 0 : d;
        return true;
    }
    case LT_BOOLEAN:
        if (strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0) {
            out->kind = SV_BOOL;
            out->as.b = strcasecmp(v, "true") == 0;
            return true;
        }
        sim_js_inspect_str(v, shown, sizeof shown);
        return sim_bad_request(c->err, "Invalid boolean value %s for field \"%s\"", shown,
                               c->name);
    case LT_UUID:
    case LT_RELATION:
        if (!*v || !twenty_uuid(v, &out->as.u)) {
            sim_js_inspect_str(v, shown, sizeof shown);
            return sim_bad_request(c->err, "Invalid UUID value %s for field \"%s\"", shown,
                                   c->name);
        }
        out->kind = SV_UUID;
        return true;
    case LT_DATE_TIME:
        if (!parse_date_time(v, &out->as.t)) {
            sim_js_inspect_str(v, shown, sizeof shown);
            return sim_bad_request(c->err,
                                   "Invalid value %s for date-time field \"%s\". Expected "
                                   "format: 'YYYY-MM-DDTHH:mm:ssZ'",
                                   shown, c->name);
        }
        out->kind = SV_TIME;
        return true;
    case LT_SELECT:
        if (c->select_options && c->s->nstages > 0 && sim_schema_stage_index(c->s, v) < 0) {
            char opts[512];
            sim_schema_stage_list(c->s, opts, sizeof opts);
            return sim_bad_request(c->err,
                                   "Invalid select value \"%s\" for field \"%s\". Valid options: %s",
                                   v, c->name, opts);
        }
        *out = sim_value_str(v);
        return out->kind == SV_STR || sim_fail(c->err, 500, "InternalServerErrorException",
                                               "out of memory");
    case LT_TEXT:
        *out = sim_value_str(v);
        return out->kind == SV_STR || sim_fail(c->err, 500, "InternalServerErrorException",
                                               "out of memory");
    }
    return false;
}

/* Node's util.inspect of the nested object a too-long path stands for:
 * {"foo":{"eq":"x"}} -> "{ foo: { eq: 'x' } }" (depth > 2 shows [Object]). */
static void inspect_nested(char **parts, size_t nparts, sim_fop op, char **vals, size_t nvals,
                           bool list, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
#define ADD(...)                                                                     \
    do {                                                                             \
        if (o < outlen) {                                                            \
            int k_ = snprintf(out + o, outlen - o, __VA_ARGS__);                     \
            o += k_ > 0 ? (size_t)k_ : 0;                                            \
        }                                                                            \
    } while (0)
    size_t depth = nparts + 1;   /* objects: one per part, plus {op: value} */
    size_t shown = depth < 3 ? depth : 3;
    for (size_t i = 0; i < shown; i++) {
        const char *key = i < nparts ? parts[i] : sim_fop_name(op);
        if (i == 2) {
            ADD("{ %s: [Object] }", key);
            break;
        }
        ADD("{ %s: ", key);
    }
    if (depth < 3) {
        char q[200];
        if (list) {
            ADD("[");
            for (size_t i = 0; i < nvals; i++) {
                sim_js_inspect_str(vals[i], q, sizeof q);
                ADD("%s %s", i ? "," : "", q);
            }
            ADD(nvals ? " ]" : "]");
        } else {
            sim_js_inspect_str(nvals ? vals[0] : "", q, sizeof q);
            ADD("%s", q);
        }
    }
    for (size_t i = 0; i < (depth < 3 ? depth : 2); i++)
        ADD(" }");
#undef ADD
}

/* validateAndTransformValueOrThrow when the "value" is an object (the REST
 * path was longer than the field): Twenty's message for each operator. */
static bool nested_value_error(leafctx *c, const char *opname, const char *inspected)
{
    if (strcmp(opname, "is") == 0)
        return sim_bad_request(c->err,
                               "Invalid filter value for \"is\" operator. Expected \"NULL\" or "
                               "\"NOT_NULL\"");
    if (strcmp(opname, "in") == 0 || strcmp(opname, "containsAny") == 0)
        return sim_bad_request(c->err, "Filter operator \"%s\" requires an array value for field %s",
                               opname, c->name);
    if (strcmp(opname, "like") == 0 || strcmp(opname, "ilike") == 0 ||
        strcmp(opname, "startsWith") == 0 || strcmp(opname, "endsWith") == 0)
        return sim_bad_request(c->err,
                               "Filter operator \"%s\" requires a string value for field \"%s\", "
                               "got object",
                               opname, c->name);
    switch (c->lt) {
    case LT_NUMBER:
    case LT_NUMERIC:
    case LT_POSITION:
        return sim_bad_request(c->err, "Invalid number value %s for field \"%s\"", inspected,
                               c->name);
    case LT_BOOLEAN:
        return sim_bad_request(c->err, "Invalid boolean value %s for field \"%s\"", inspected,
                               c->name);
    case LT_UUID:
    case LT_RELATION:
        return sim_bad_request(c->err, "Invalid UUID value %s for field \"%s\"", inspected,
                               c->name);
    case LT_DATE_TIME:
        return sim_bad_request(c->err,
                               "Invalid value %s for date-time field \"%s\". Expected format: "
                               "'YYYY-MM-DDTHH:mm:ssZ'",
                               inspected, c->name);
    case LT_SELECT:
        return sim_bad_request(c->err,
                               "Invalid select value for field \"%s\": expected string, got object",
                               c->name);
    case LT_TEXT:
        break;
    }
    return sim_bad_request(c->err, "Invalid filter value for field \"%s\"", c->name);
}

static sim_filter *leaf_new(void)
{
    sim_filter *f = calloc(1, sizeof *f);
    if (f)
        f->kind = FN_LEAF;
    return f;
}

/* The relation checks of FilterArgProcessorService: a many-to-one relation
 * named directly, or a one-to-many one. */
static bool reject_relation_name(const sim_object *o, const char *key, sim_error *err)
{
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        if (f->type == SF_RELATION && f->relation_name && strcmp(f->relation_name, key) == 0) {
            sim_bad_request(err, "Cannot filter by relation field \"%s\": use \"%s\" instead", key,
                            f->name);
            return true;
        }
    }
    for (int i = 0; i < o->nto_many; i++)
        if (strcmp(o->to_many[i], key) == 0) {
            sim_bad_request(err, "Cannot filter by relation field \"%s\"", key);
            return true;
        }
    return false;
}

sim_filter *sim_filter_build_leaf(const sim_schema *s, const sim_object *o, char **parts,
                                  size_t nparts, sim_fop op, char **vals, size_t nvals,
                                  bool list, sim_error *err)
{
    if (nparts == 0 || !parts[0]) {
        sim_bad_request(err, "Object %s doesn't have any \"\" field.", o->singular);
        return NULL;
    }
    const char *key = parts[0];
    if (reject_relation_name(o, key, err))
        return NULL;
    const sim_field *field = sim_object_field(o, key);
    if (!field) {
        sim_bad_request(err, "Object %s doesn't have any \"%s\" field.", o->singular, key);
        return NULL;
    }
    leafctx c = {.s = s, .field = field, .err = err};
    int slot;
    size_t rest;   /* index of the first path part after the field (or subfield) */
    bool text_null_equiv = false;
    if (field->nsub > 0) {
        const char *subname = nparts >= 2 ? parts[1] : sim_fop_name(op);
        const sim_subfield *sub = NULL;
        for (int j = 0; j < field->nsub; j++)
            if (strcmp(field->subs[j].name, subname) == 0)
                sub = &field->subs[j];
        if (!sub) {
            sim_bad_request(err, "Sub field \"%s\" not found for composite type: %s", subname,
                            composite_type_name(field->type));
            return NULL;
        }
        snprintf(c.name, sizeof c.name, "%s.%s", field->name, sub->name);
        c.lt = sub_ltype(field->type, sub->name, &text_null_equiv);
        slot = sub->slot;
        rest = 2;
    } else {
        snprintf(c.name, sizeof c.name, "%s", field->name);
        c.lt = scalar_ltype(field->type);
        c.select_options = field->type == SF_SELECT;
        text_null_equiv = c.lt == LT_TEXT;
        slot = field->slot;
        rest = 1;
    }
    const char *opname = nparts > rest ? parts[rest] : sim_fop_name(op);
    if (!op_allowed(c.lt, opname)) {
        sim_bad_request(err,
                        "Operator \"%s\" is not valid for field \"%s\" of type %s - Allowed "
                        "operators: %s",
                        opname, c.name, ltype_name(c.lt), allowed_ops(c.lt));
        return NULL;
    }
    if (nparts > rest) {   /* the operand is an object: Twenty rejects it per operator */
        char shown[300];
        inspect_nested(parts + rest + 1, nparts - rest - 1, op, vals, nvals, list, shown,
                       sizeof shown);
        nested_value_error(&c, opname, shown);
        return NULL;
    }
    sim_filter *f = leaf_new();
    if (!f) {
        sim_fail(err, 500, "InternalServerErrorException", "out of memory");
        return NULL;
    }
    f->op = op;
    f->slot = slot;
    f->ltype = c.lt;
    f->vkind = field->nsub > 0 ? field->subs[0].kind : field->kind;
    for (int j = 0; j < field->nsub; j++)
        if (field->subs[j].slot == slot)
            f->vkind = field->subs[j].kind;
    f->deleted_at = strcmp(field->name, "deletedAt") == 0;

    if (op == FOP_IS) {
        const char *v = nvals ? vals[0] : "";
        if (list || nvals != 1 || (strcmp(v, "NULL") != 0 && strcmp(v, "NOT_NULL") != 0)) {
            sim_bad_request(err, "Invalid filter value for \"is\" operator. Expected \"NULL\" or "
                                 "\"NOT_NULL\"");
            goto fail;
        }
        f->is_not_null = strcmp(v, "NOT_NULL") == 0;
        f->null_equiv = text_null_equiv && !f->is_not_null;
        return f;
    }
    if ((op == FOP_IN || op == FOP_CONTAINS_ANY) && !list) {
        sim_bad_request(err, "Filter operator \"%s\" requires an array value for field %s",
                        sim_fop_name(op), c.name);
        goto fail;
    }
    if (op != FOP_IN && op != FOP_CONTAINS_ANY && nvals != 1) {
        sim_bad_request(err, "Filter for field \"%s\" must have exactly one operator", c.name);
        goto fail;
    }
    f->ops = calloc(nvals ? nvals : 1, sizeof *f->ops);
    if (!f->ops) {
        sim_fail(err, 500, "InternalServerErrorException", "out of memory");
        goto fail;
    }
    bool string_op = op == FOP_LIKE || op == FOP_ILIKE || op == FOP_STARTS_WITH ||
                     op == FOP_ENDS_WITH || op == FOP_CONTAINS_ANY;
    for (size_t i = 0; i < nvals; i++) {
        if (string_op) {
            f->ops[i] = sim_value_str(vals[i]);
            if (f->ops[i].kind != SV_STR) {
                sim_fail(err, 500, "InternalServerErrorException", "out of memory");
                goto fail;
            }
        } else if (!convert_operand(&c, vals[i], &f->ops[i])) {
            goto fail;
        }
        f->nops = i + 1;
    }
    if (op == FOP_LIKE || op == FOP_ILIKE) {
        f->pattern = op == FOP_ILIKE ? sim_fold_dup(vals[0]) : strdup(vals[0]);
        if (!f->pattern) {
            sim_fail(err, 500, "InternalServerErrorException", "out of memory");
            goto fail;
        }
    }
    if (text_null_equiv && (op == FOP_EQ || op == FOP_NEQ || op == FOP_LIKE || op == FOP_ILIKE))
        f->null_equiv = strcmp(vals[0], "") == 0 || strcmp(vals[0], "NULL") == 0;
    return f;
fail:
    sim_filter_free(f);
    return NULL;
}

sim_filter *sim_filter_leaf(const sim_schema *s, const sim_object *o, const char *path, sim_fop op,
                            const char *const *operands, size_t noperands, sim_error *err)
{
    if (!path) {
        sim_bad_request(err, "Object %s doesn't have any \"\" field.", o->singular);
        return NULL;
    }
    char *copy = strdup(path);
    size_t nparts = 1;
    for (const char *p = path; *p; p++)
        nparts += *p == '.';
    char **parts = calloc(nparts, sizeof *parts);
    char **vals = calloc(noperands ? noperands : 1, sizeof *vals);
    sim_filter *f = NULL;
    if (!copy || !parts || !vals) {
        sim_fail(err, 500, "InternalServerErrorException", "out of memory");
        goto out;
    }
    size_t k = 0;
    parts[k++] = copy;
    for (char *p = copy; *p; p++)
        if (*p == '.') {
            *p = '\0';
            parts[k++] = p + 1;
        }
    for (size_t i = 0; i < noperands; i++)
        vals[i] = (char *)(operands[i] ? operands[i] : "");
    f = sim_filter_build_leaf(s, o, parts, nparts, op, vals, noperands,
                              op == FOP_IN || op == FOP_CONTAINS_ANY, err);
out:
    free(copy);
    free(parts);
    free(vals);
    return f;
}
