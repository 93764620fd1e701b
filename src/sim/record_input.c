/* record_input.c - validates a create/update body the way Twenty's common
 * data-arg processor does and writes it into a working copy of the slots.
 *
 * Twenty (S/api/common/common-args-processors/data-arg-processor) walks the
 * keys in order and throws on the first problem; the messages below are its
 * messages, with values rendered like Node's util.inspect ('text', 12, null).
 * What Postgres would reject after that (NOT NULL, foreign keys) is checked
 * once every key has been processed, with Postgres-like messages. */
#include "sim/store_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const k_actor_sources[] = {
    "MANUAL", "API",     "IMPORT",   "EMAIL",  "CALENDAR",   "WORKFLOW",
    "AGENT",  "SYSTEM",  "WEBHOOK",  "APPLICATION"};

typedef struct ctx {
    sim_store *st;
    const sim_object *o;
    sim_value *work;
    bool create;
    bool touched[SIM_MAX_SLOTS];
    sim_pos_req pos;
    bool id_given;
    bool actor_source_given[SIM_MAX_SLOTS];
    sim_error *err;
} ctx;

/* Node's util.inspect for the values a JSON body can hold (short form). */
static void inspect(const cJSON *v, char *out, size_t n)
{
    if (!v || cJSON_IsNull(v)) {
        snprintf(out, n, "null");
    } else if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        char q = !strchr(s, '\'') ? '\'' : !strchr(s, '"') ? '"' : !strchr(s, '`') ? '`' : '\'';
        size_t o = 0;
        if (n < 8) {
            snprintf(out, n, "''");
            return;
        }
        out[o++] = q;
        for (const char *p = s; *p;) {
            unsigned char b = (unsigned char)*p;
            size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            if (o + len + 3 >= n) /* room for an escape, the quote and the NUL */
                break;            /* (a long value is cut, never inside a character) */
            if (*p == q || *p == '\\' || *p == '\n') {
                out[o++] = '\\';
                out[o++] = *p == '\n' ? 'n' : *p;
                p++;
                continue;
            }
            for (size_t i = 0; i < len && *p; i++)
                out[o++] = *p++;
        }
        out[o++] = q;
        out[o] = '\0';
    } else {
        char *t = cJSON_PrintUnformatted(v);
        snprintf(out, n, "%s", t ? t : "?");
        free(t);
    }
}

#define INSPECT(v, buf) char buf[160]; inspect((v), buf, sizeof buf)

static bool fail(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(ctx *c, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sim_bad_request(c->err, "%s", msg);
}

static void set(ctx *c, int slot, sim_value v)
{
    sim_value_free(&c->work[slot]);
    c->work[slot] = v;
    c->touched[slot] = true;
}

static bool set_str(ctx *c, int slot, const char *s)
{
    sim_value v = sim_value_str(s);
    if (s && v.kind != SV_STR)
        return sim_fail(c->err, 500, "InternalServerErrorException", "out of memory");
    set(c, slot, v);
    return true;
}

/* validateTextFieldOrThrow: a string or null. */
static bool text_ok(ctx *c, const cJSON *v, const char *path)
{
    if (cJSON_IsString(v) || cJSON_IsNull(v))
        return true;
    INSPECT(v, b);
    return fail(c, "Invalid string value %s for text field \"%s\"", b, path);
}

/* A text value; "" means null where the field is nullable (Twenty's null equivalent). */
static bool put_text(ctx *c, int slot, const cJSON *v, const char *path, bool empty_is_null)
{
    if (!text_ok(c, v, path))
        return false;
    if (cJSON_IsNull(v) || (empty_is_null && !v->valuestring[0])) {
        set(c, slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    return set_str(c, slot, v->valuestring);
}

/* JavaScript's Number(string), for the digits a JSON body can carry. */
static bool js_number(const char *s, double *out)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0) {
        *out = 0;
        return true;
    }
    char buf[128];
    if (len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (strcmp(buf, "Infinity") == 0 || strcmp(buf, "-Infinity") == 0 || strcmp(buf, "+Infinity") == 0)
        return false;
    for (char *p = buf; *p; p++)
        if (!(isdigit((unsigned char)*p) || strchr("+-.eExXabcdefABCDEF", *p)))
            return false;
    char *end;
    errno = 0;
    double d = strtod(buf, &end);
    if (*end != '\0' || end == buf || !isfinite(d))
        return false;
    *out = d;
    return true;
}

/* validateNumericFieldOrThrow + the int64 column: micros as a number or numeric string. */
static bool put_micros(ctx *c, int slot, const cJSON *v, const char *path)
{
    if (cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0])) {
        set(c, slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    double d = NAN;
    bool ok = false;
    int64_t exact = 0;
    bool have_exact = false;
    if (cJSON_IsNumber(v)) {
        d = v->valuedouble;
        ok = isfinite(d);
    } else if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        char *end;
        errno = 0;
        long long ll = strtoll(s, &end, 10);
        if (end != s && *end == '\0' && errno == 0 && !isspace((unsigned char)*s)) {
            exact = ll;
            have_exact = true;
            ok = true;
        } else {
            ok = js_number(s, &d);
        }
    } else {
        INSPECT(v, b);
        return fail(c, "Invalid number value %s for field \"%s\"", b, path);
    }
    if (!ok)
        return fail(c, "Invalid number value NaN for field \"%s\"", path);
    if (!have_exact) {
        if (d >= 9223372036854775807.0 || d <= -9223372036854775807.0) {
            INSPECT(v, b);
            return fail(c, "Invalid number value %s for field \"%s\"", b, path);
        }
        exact = (int64_t)trunc(d);
    }
    set(c, slot, (sim_value){.kind = SV_INT, .as.i = exact});
    return true;
}

static bool put_number(ctx *c, int slot, const cJSON *v, const char *path)
{
    if (cJSON_IsNull(v)) {
        set(c, slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        INSPECT(v, b);
        return fail(c, "Invalid number value %s for field \"%s\"", b, path);
    }
    set(c, slot, (sim_value){.kind = SV_NUM, .as.n = v->valuedouble});
    return true;
}

static bool put_datetime(ctx *c, int slot, const cJSON *v, const char *path, bool store)
{
    int64_t ms = 0;
    if (cJSON_IsNull(v)) {
        if (store)
            set(c, slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    if (!cJSON_IsString(v) || !sim_time_parse(v->valuestring, &ms)) {
        INSPECT(v, b);
        return fail(c,
                    "Invalid value %s for date-time field \"%s\". Expected format: "
                    "'YYYY-MM-DDTHH:mm:ssZ'",
                    b, path);
    }
    if (store)
        set(c, slot, (sim_value){.kind = SV_TIME, .as.t = ms});
    return true;
}

/* validateUUIDFieldOrThrow: a non-empty UUID string or null. */
static bool uuid_ok(ctx *c, const cJSON *v, const char *path, sim_uuid *out, bool *is_null)
{
    *is_null = cJSON_IsNull(v);
    if (*is_null)
        return true;
    if (cJSON_IsString(v) && sim_uuid_parse(v->valuestring, out))
        return true;
    INSPECT(v, b);
    return fail(c, "Invalid UUID value %s for field \"%s\"", b, path);
}

static bool put_select(ctx *c, const sim_field *f, const cJSON *v)
{
    if (!text_ok(c, v, f->name))
        return false;
    if (cJSON_IsNull(v)) {
        set(c, f->slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    if (sim_schema_stage_index(&c->st->schema, v->valuestring) < 0) {
        INSPECT(v, b);
        return fail(c, "Invalid value %s for field \"%s\"", b, f->name);
    }
    return set_str(c, f->slot, v->valuestring);
}

static bool put_position(ctx *c, const sim_field *f, const cJSON *v)
{
    if (cJSON_IsString(v) && strcmp(v->valuestring, "first") == 0) {
        c->pos = SIM_POS_FIRST;
        return true;
    }
    if (cJSON_IsString(v) && strcmp(v->valuestring, "last") == 0) {
        c->pos = SIM_POS_LAST;
        return true;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        INSPECT(v, b);
        return fail(c, "Invalid position value %s for field \"%s\"", b, f->name);
    }
    c->pos = SIM_POS_NUMBER;
    set(c, f->slot, (sim_value){.kind = SV_NUM, .as.n = v->valuedouble});
    return true;
}

static const sim_subfield *sub_named(const sim_field *f, const char *name)
{
    for (int j = 0; j < f->nsub; j++)
        if (strcmp(f->subs[j].name, name) == 0)
            return &f->subs[j];
    return NULL;
}

static const char *composite_word(sim_ftype t)
{
    switch (t) {
    case SF_CURRENCY: return "currency";
    case SF_FULL_NAME: return "full name";
    case SF_EMAILS: return "emails";
    case SF_LINKS: return "links";
    case SF_ACTOR: return "actor";
    default: return "composite";
    }
}

static bool known_source(const char *s)
{
    for (size_t i = 0; i < sizeof k_actor_sources / sizeof *k_actor_sources; i++)
        if (strcmp(s, k_actor_sources[i]) == 0)
            return true;
    return false;
}

/* A subfield that Twenty has but twenty-sim does not keep (additionalEmails,
 * secondaryLinks): null or a list of strings, accepted and not stored. */
static bool extra_list_ok(ctx *c, const cJSON *v, const char *path)
{
    if (cJSON_IsNull(v))
        return true;
    if (cJSON_IsArray(v)) {
        bool ok = true;
        const cJSON *it;
        cJSON_ArrayForEach(it, v)
        {
            if (!cJSON_IsString(it) && !cJSON_IsObject(it))
                ok = false;
        }
        if (ok)
            return true;
    }
    INSPECT(v, b);
    return fail(c, "Invalid value %s for field \"%s\"", b, path);
}

static bool put_composite(ctx *c, const sim_field *f, const cJSON *v)
{
    bool actor = f->type == SF_ACTOR;
    if (cJSON_IsNull(v)) {
        if (!actor)
            for (int j = 0; j < f->nsub; j++)
                set(c, f->subs[j].slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    if (!cJSON_IsObject(v)) {
        INSPECT(v, b);
        return fail(c, "Invalid object value %s for field \"%s\"", b, f->name);
    }
    if (!actor && c->create) /* a create starts from nulls; absent subfields stay null */
        for (int j = 0; j < f->nsub; j++)
            c->touched[f->subs[j].slot] = true;
    const cJSON *it;
    cJSON_ArrayForEach(it, v)
    {
        const char *key = it->string;
        char path[160];
        snprintf(path, sizeof path, "%s.%s", f->name, key);
        const sim_subfield *s = sub_named(f, key);
        if (actor) {
            if (strcmp(key, "source") == 0) {
                if (!text_ok(c, it, path))
                    return false;
                if (cJSON_IsString(it) && !known_source(it->valuestring)) {
                    INSPECT(it, b);
                    return fail(c, "Invalid value %s for field \"%s\"", b, path);
                }
                if (cJSON_IsString(it) && s) {
                    if (!set_str(c, s->slot, it->valuestring))
                        return false;
                    c->actor_source_given[s->slot] = true;
                }
                continue;
            }
            if (strcmp(key, "workspaceMemberId") == 0) {
                sim_uuid u;
                bool isnull;
                if (!uuid_ok(c, it, path, &u, &isnull))
                    return false;
                continue;
            }
            if (strcmp(key, "name") == 0) {
                if (!text_ok(c, it, path))
                    return false;
                continue;
            }
            if (strcmp(key, "context") == 0) {
                if (!cJSON_IsObject(it) && !cJSON_IsNull(it)) {
                    INSPECT(it, b);
                    return fail(c, "Invalid object value %s for field \"%s\"", b, path);
                }
                continue;
            }
        } else if (s) {
            bool ok;
            if (f->type == SF_CURRENCY && s->kind == SV_INT) {
                ok = put_micros(c, s->slot, it, path);
            } else if (f->type == SF_CURRENCY) {
                ok = text_ok(c, it, path);
                if (ok && cJSON_IsString(it) && it->valuestring[0] &&
                    !sim_currency_known(it->valuestring)) {
                    INSPECT(it, b);
                    return fail(c, "Invalid currency code %s for field \"%s\"", b, path);
                }
                ok = ok && put_text(c, s->slot, it, path, true);
            } else {
                ok = put_text(c, s->slot, it, path, false);
            }
            if (!ok)
                return false;
            continue;
        } else if ((f->type == SF_EMAILS && strcmp(key, "additionalEmails") == 0) ||
                   (f->type == SF_LINKS && strcmp(key, "secondaryLinks") == 0)) {
            if (!extra_list_ok(c, it, path))
                return false;
            continue;
        }
        return fail(c, "Invalid subfield %s for %s field \"%s\"", key, composite_word(f->type),
                    f->name);
    }
    return true;
}

/* Finds the one live record of `target` matching a connect `where`. */
static bool connect_where(ctx *c, const sim_field *f, const char *key, const cJSON *where,
                          sim_uuid *out)
{
    sim_table *t = sim_store_table(c->st, f->relation_target);
    const sim_object *to = t->obj;
    const cJSON *idj = cJSON_GetObjectItemCaseSensitive(where, "id");
    if (idj && cJSON_GetArraySize(where) == 1) {
        sim_uuid id;
        if (!cJSON_IsString(idj) || !sim_uuid_parse(idj->valuestring, &id)) {
            INSPECT(idj, b);
            return fail(c, "Invalid UUID value %s for field \"id\"", b);
        }
        sim_record *r = sim_table_get(t, &id);
        if (!r || sim_record_deleted(t, r))
            return fail(c, "Expected 1 record to connect to %s, but found 0.", key);
        *out = id;
        return true;
    }
    /* other unique fields: compare each given (sub)field as text */
    size_t found = 0;
    for (size_t i = 0; i < t->n; i++) {
        sim_record *r = t->rows[i];
        if (sim_record_deleted(t, r))
            continue;
        bool match = cJSON_GetArraySize(where) > 0;
        const cJSON *w;
        cJSON_ArrayForEach(w, where)
        {
            const sim_field *wf = sim_object_field(to, w->string);
            if (!wf)
                return fail(c, "Object %s doesn't have any \"%s\" field.", to->singular, w->string);
            const cJSON *leaf = w;
            int slot = wf->slot;
            if (wf->nsub) {
                const cJSON *sw = cJSON_IsObject(w) ? w->child : NULL;
                const sim_subfield *s = sw ? sub_named(wf, sw->string) : NULL;
                if (!s)
                    return fail(c, "Invalid connect where for relation \"%s\"", key);
                leaf = sw;
                slot = s->slot;
            }
            const sim_value *v = &r->v[slot];
            char idbuf[37];
            const char *txt = v->kind == SV_STR ? v->as.s : NULL;
            if (v->kind == SV_UUID) {
                sim_uuid_format(&v->as.u, idbuf);
                txt = idbuf;
            }
            if (!cJSON_IsString(leaf) || !txt || strcasecmp(txt, leaf->valuestring) != 0) {
                match = false;
                break;
            }
        }
        if (match && found++ == 0)
            *out = r->v[0].as.u;
    }
    if (found != 1)
        return fail(c, "Expected 1 record to connect to %s, but found %zu.", key, found);
    return true;
}

static bool put_relation_op(ctx *c, const sim_field *f, const char *key, const cJSON *v)
{
    if (cJSON_IsNull(v)) {
        set(c, f->slot, (sim_value){.kind = SV_NULL});
        return true;
    }
    const cJSON *con = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "connect") : NULL;
    const cJSON *dis = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "disconnect") : NULL;
    if (!con && !dis)
        return fail(c, "Relation \"%s\" requires connect or disconnect operation", key);
    if (con && dis)
        return fail(c, "Cannot have both connect and disconnect for relation \"%s\"", key);
    if (dis) {
        if (cJSON_IsTrue(dis))
            set(c, f->slot, (sim_value){.kind = SV_NULL});
        else if (!cJSON_IsFalse(dis))
            return fail(c, "Invalid disconnect value for relation \"%s\"", key);
        return true;
    }
    const cJSON *where = cJSON_GetObjectItemCaseSensitive(con, "where");
    if (!cJSON_IsObject(where))
        return fail(c, "Connect operation for relation \"%s\" requires a \"where\" object", key);
    sim_uuid id;
    if (!connect_where(c, f, key, where, &id))
        return false;
    set(c, f->slot, (sim_value){.kind = SV_UUID, .as.u = id});
    return true;
}

static bool put_field(ctx *c, const sim_field *f, const cJSON *v)
{
    switch (f->type) {
    case SF_UUID: {
        sim_uuid u;
        bool isnull;
        if (!uuid_ok(c, v, f->name, &u, &isnull))
            return false;
        if (isnull)
            return true; /* the default: a new id */
        if (c->create) {
            set(c, f->slot, (sim_value){.kind = SV_UUID, .as.u = u});
            c->id_given = true;
        } else if (sim_uuid_cmp(&u, &c->work[f->slot].as.u) != 0) {
            return fail(c, "The id of a record cannot be changed");
        }
        return true;
    }
    case SF_TEXT:
        return put_text(c, f->slot, v, f->name, f->nullable);
    case SF_NUMBER:
        return put_number(c, f->slot, v, f->name);
    case SF_POSITION:
        return put_position(c, f, v);
    case SF_BOOLEAN:
        if (cJSON_IsNull(v)) {
            set(c, f->slot, (sim_value){.kind = SV_NULL});
            return true;
        }
        if (!cJSON_IsBool(v)) {
            INSPECT(v, b);
            return fail(c, "Invalid boolean value %s for field \"%s\"", b, f->name);
        }
        set(c, f->slot, (sim_value){.kind = SV_BOOL, .as.b = cJSON_IsTrue(v)});
        return true;
    case SF_DATE_TIME:
        return put_datetime(c, f->slot, v, f->name, !f->server_set);
    case SF_SELECT:
        return put_select(c, f, v);
    case SF_RELATION: {
        sim_uuid u;
        bool isnull;
        if (!uuid_ok(c, v, f->name, &u, &isnull))
            return false;
        set(c, f->slot, isnull ? (sim_value){.kind = SV_NULL} : (sim_value){.kind = SV_UUID, .as.u = u});
        return true;
    }
    case SF_CURRENCY:
    case SF_FULL_NAME:
    case SF_EMAILS:
    case SF_LINKS:
    case SF_ACTOR:
        return put_composite(c, f, v);
    }
    return fail(c, "Field %s cannot be written", f->name);
}

static const sim_field *relation_by_name(const sim_object *o, const char *name)
{
    for (int i = 0; i < o->nfields; i++)
        if (o->fields[i].relation_name && strcmp(o->fields[i].relation_name, name) == 0)
            return &o->fields[i];
    return NULL;
}

static bool is_to_many(const sim_object *o, const char *name)
{
    for (int i = 0; i < o->nto_many; i++)
        if (strcmp(o->to_many[i], name) == 0)
            return true;
    return false;
}

/* Text defaults are written "'en'": strip the SQL quotes. */
static bool apply_default(ctx *c, const sim_field *f)
{
    const char *d = f->default_value;
    size_t n = d ? strlen(d) : 0;
    if ((f->type == SF_TEXT || f->type == SF_SELECT) && n >= 2 && d[0] == '\'' && d[n - 1] == '\'') {
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", (int)(n - 2), d + 1);
        return set_str(c, f->slot, buf);
    }
    return true;
}

/* A stable, Postgres-looking constraint name for a foreign key. */
static void fk_constraint(const sim_object *o, const sim_field *f, char out[48])
{
    char key[128];
    snprintf(key, sizeof key, "fk:%s.%s", o->singular, f->name);
    unsigned long long h = 1469598103934665603ull;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    snprintf(out, 48, "FK_%016llx%011llx", h, (h * 0x9e3779b97f4a7c15ull) >> 20);
}

/* What Postgres rejects once the row is built: NOT NULL and foreign keys. */
static bool check_row(ctx *c)
{
    const sim_object *o = c->o;
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        if (f->slot < 0 || f->server_set || f->type == SF_UUID || f->type == SF_POSITION)
            continue;
        if (!c->touched[f->slot])
            continue;
        if (!f->nullable && c->work[f->slot].kind == SV_NULL)
            return fail(c, "null value in column \"%s\" of relation \"%s\" violates not-null constraint",
                        f->name, o->singular);
        if (f->type == SF_RELATION && c->work[f->slot].kind == SV_UUID) {
            sim_table *t = sim_store_table(c->st, f->relation_target);
            sim_record *r = sim_table_get(t, &c->work[f->slot].as.u);
            if (!r || sim_record_deleted(t, r)) {
                char fk[48];
                fk_constraint(o, f, fk);
                return fail(c, "insert or update on table \"%s\" violates foreign key constraint \"%s\"",
                            o->singular, fk);
            }
        }
    }
    return true;
}

static bool set_actor(ctx *c, const sim_field *f)
{
    const sim_subfield *src = sub_named(f, "source");
    const sim_subfield *wm = sub_named(f, "workspaceMemberId");
    const sim_subfield *nm = sub_named(f, "name");
    if (!c->actor_source_given[src->slot] && !set_str(c, src->slot, "API"))
        return false;
    set(c, wm->slot, (sim_value){.kind = SV_NULL});
    return set_str(c, nm->slot, sim_store_key_name(c->st));
}

bool sim_input_apply(sim_store *st, sim_obj_kind k, const cJSON *in, sim_value *work, bool create,
                     sim_pos_req *pos, bool *id_given, sim_error *err)
{
    ctx c = {.st = st, .o = sim_schema_object(&st->schema, k), .work = work, .create = create,
             .pos = SIM_POS_NONE, .err = err};
    if (!cJSON_IsObject(in))
        return sim_bad_request(err, "Invalid input: the body must be a JSON object");
    const cJSON *it;
    cJSON_ArrayForEach(it, in)
    {
        const char *key = it->string;
        const sim_field *f = sim_object_field(c.o, key);
        if (!f) {
            const sim_field *rel = relation_by_name(c.o, key);
            if (rel) {
                if (!put_relation_op(&c, rel, key, it))
                    return false;
                continue;
            }
            if (is_to_many(c.o, key))
                return fail(&c, "One-to-many relation %s field does not support write operations.",
                            key);
            return fail(&c, "Object %s doesn't have any \"%s\" field.", c.o->singular, key);
        }
        if (!f->default_value && !f->nullable && cJSON_IsNull(it))
            return fail(&c, "Field %s is not nullable and has no default value.", key);
        if (f->type == SF_ACTOR && !create && strcmp(f->name, "createdBy") == 0) {
            /* validated, but a record keeps its creator */
            sim_value saved[SIM_MAX_SUB];
            for (int j = 0; j < f->nsub; j++)
                saved[j] = sim_value_copy(&work[f->subs[j].slot]);
            bool ok = put_composite(&c, f, it);
            for (int j = 0; j < f->nsub; j++)
                set(&c, f->subs[j].slot, saved[j]);
            if (!ok)
                return false;
            continue;
        }
        if (!put_field(&c, f, it))
            return false;
    }
    for (int i = 0; i < c.o->nfields; i++) {
        const sim_field *f = &c.o->fields[i];
        if (create && f->slot >= 0 && !c.touched[f->slot] && f->type != SF_UUID)
            if (!apply_default(&c, f))
                return false;
        if (f->type == SF_ACTOR && (create || strcmp(f->name, "updatedBy") == 0))
            if (!set_actor(&c, f))
                return false;
    }
    if (create) /* a create writes every column */
        for (int s = 0; s < c.o->nslots; s++)
            c.touched[s] = true;
    if (!check_row(&c))
        return false;
    if (pos)
        *pos = c.pos;
    if (id_given)
        *id_given = c.id_given;
    return true;
}
