/* record_output.c - a record as Twenty's REST API returns it (contract
 * section 3), or in the raw form kept in the data file.
 *
 * REST form: fields in metadata order; a null TEXT (and null name/email/link
 * subfields) is ""; amountMicros is a JSON number; dates are
 * "YYYY-MM-DDTHH:MM:SS.mmmZ"; actors carry "context":{}. Depth 1 adds each
 * many-to-one relation as an object (depth 0) or null, and each one-to-many
 * name as an array: the real related records where twenty-sim keeps them
 * (company.people, company.opportunities, person.pointOfContactForOpportunities,
 * workspaceMember.ownedOpportunities / accountOwnerForCompanies), else [].
 * Raw form (data file): nulls are left out and numbers are exact.
 * Keys are added without copying (cJSON "CS" keys): every key is a string
 * literal of schema.c or of this file, so a tree may outlive the store. */
#include "sim/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above 2^53 a double loses micros: the data file then keeps a string. */
#define EXACT_LIMIT 9007199254740992LL

static void add(cJSON *o, const char *key, cJSON *item)
{
    if (item)
        cJSON_AddItemToObjectCS(o, key, item);
}

static cJSON *text(const sim_value *v, bool raw)
{
    if (v->kind == SV_STR)
        return cJSON_CreateString(v->as.s);
    return raw ? cJSON_CreateNull() : cJSON_CreateString("");
}

/* An integer of at most 2^53 in magnitude as raw JSON digits, written by
 * hand: the REST form has one or more per record (amountMicros, position,
 * employees), and printf plus cJSON's own print-and-rescan of a number was
 * the largest cost of a depth=1 page. The digits are what JSON.stringify
 * writes for the same value. */
static cJSON *exact_integer(int64_t i)
{
    char buf[24], *p = buf + sizeof buf;
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    *--p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        *--p = '-';
    return cJSON_CreateRaw(p);
}

/* A number that is a whole number of at most 2^53 in magnitude: *out. */
static bool exact_whole(const sim_value *v, int64_t *out)
{
    if (v->kind == SV_INT) {
        *out = v->as.i;
        return v->as.i <= EXACT_LIMIT && v->as.i >= -EXACT_LIMIT;
    }
    if (v->as.n <= (double)EXACT_LIMIT && v->as.n >= -(double)EXACT_LIMIT &&
        v->as.n == (double)(int64_t)v->as.n) {
        *out = (int64_t)v->as.n;
        return true;
    }
    return false;
}

/* The data file writes numbers itself (exact int64, shortest round-trip
 * double) as raw JSON text: cJSON's own number printing is a printf plus a
 * sscanf per number, the main cost of a 100,000-record snapshot. */
static cJSON *raw_number(const sim_value *v)
{
    char buf[40];
    int64_t whole;
    if (exact_whole(v, &whole))
        return exact_integer(whole);
    if (v->kind == SV_INT) { /* beyond a double: a string */
        snprintf(buf, sizeof buf, "%lld", (long long)v->as.i);
        return cJSON_CreateString(buf);
    }
    snprintf(buf, sizeof buf, "%.17g", v->as.n);
    return cJSON_CreateRaw(buf);
}

/* cJSON prints a number with 15 significant digits when its relative-epsilon
 * comparison calls that close enough, so 2^53-1 micros would come out as
 * 9.00719925474099e+15. Numbers that 15 digits do not carry exactly are
 * written as raw JSON text with all their digits instead. */
static bool prints_exactly(const sim_value *v)
{
    char buf[40];
    if (v->kind == SV_INT) {
        if (v->as.i > EXACT_LIMIT || v->as.i < -EXACT_LIMIT)
            return false;
        snprintf(buf, sizeof buf, "%.15g", (double)v->as.i);
        return strtod(buf, NULL) == (double)v->as.i;
    }
    snprintf(buf, sizeof buf, "%.15g", v->as.n);
    return strtod(buf, NULL) == v->as.n;
}

static cJSON *scalar(const sim_value *v, sim_json_form form)
{
    char buf[40];
    int64_t whole;
    bool raw = form == SIM_FORM_FILE;
    switch (v->kind) {
    case SV_NULL: return cJSON_CreateNull();
    case SV_STR: return cJSON_CreateString(v->as.s);
    case SV_INT:
    case SV_NUM:
        if (form == SIM_FORM_WIRE && exact_whole(v, &whole))
            return exact_integer(whole);
        if (raw || !prints_exactly(v))
            return raw_number(v);
        return cJSON_CreateNumber(v->kind == SV_INT ? (double)v->as.i : v->as.n);
    case SV_BOOL: return cJSON_CreateBool(v->as.b);
    case SV_UUID:
        sim_uuid_format(&v->as.u, buf);
        return cJSON_CreateString(buf);
    case SV_TIME:
        sim_time_format(v->as.t, buf);
        return cJSON_CreateString(buf);
    }
    return cJSON_CreateNull();
}

static cJSON *composite(const sim_field *f, const sim_record *r, sim_json_form form)
{
    bool raw = form == SIM_FORM_FILE;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    for (int j = 0; j < f->nsub; j++) {
        const sim_subfield *s = &f->subs[j];
        const sim_value *v = &r->v[s->slot];
        if (raw && v->kind == SV_NULL) /* the data file leaves nulls out */
            continue;
        bool as_text = s->kind == SV_STR && f->type != SF_CURRENCY && f->type != SF_ACTOR;
        add(o, s->name, as_text ? text(v, raw) : scalar(v, form));
    }
    if (!raw) {
        if (f->type == SF_EMAILS)
            add(o, "additionalEmails", cJSON_CreateNull());
        else if (f->type == SF_LINKS)
            add(o, "secondaryLinks", cJSON_CreateNull());
        else if (f->type == SF_ACTOR)
            add(o, "context", cJSON_CreateObject());
    }
    return o;
}

/* One-to-many relations that twenty-sim really keeps: (object, name) -> FK. */
typedef struct to_many_src {
    sim_obj_kind owner;
    const char *name;
    sim_obj_kind from;
    const char *fk;
} to_many_src;

static const to_many_src k_real[] = {
    {SIM_OBJ_COMPANY, "people", SIM_OBJ_PERSON, "companyId"},
    {SIM_OBJ_COMPANY, "opportunities", SIM_OBJ_OPPORTUNITY, "companyId"},
    {SIM_OBJ_PERSON, "pointOfContactForOpportunities", SIM_OBJ_OPPORTUNITY, "pointOfContactId"},
    {SIM_OBJ_MEMBER, "ownedOpportunities", SIM_OBJ_OPPORTUNITY, "ownerId"},
    {SIM_OBJ_MEMBER, "accountOwnerForCompanies", SIM_OBJ_COMPANY, "accountOwnerId"},
};

static cJSON *related(const sim_store *st, sim_obj_kind owner, const char *name,
                      const sim_uuid *id, sim_json_form form)
{
    cJSON *arr = cJSON_CreateArray();
    if (!arr)
        return NULL;
    for (size_t i = 0; i < sizeof k_real / sizeof *k_real; i++) {
        if (k_real[i].owner != owner || strcmp(k_real[i].name, name) != 0)
            continue;
        const sim_table *t = &st->tables[k_real[i].from];
        const sim_field *f = sim_object_field(t->obj, k_real[i].fk);
        if (!f)
            break;
        for (size_t j = 0; j < t->n; j++) {
            const sim_record *r = t->rows[j];
            const sim_value *v = &r->v[f->slot];
            if (v->kind == SV_UUID && sim_uuid_cmp(&v->as.u, id) == 0 && !sim_record_deleted(t, r))
                cJSON_AddItemToArray(arr, sim_record_json(st, k_real[i].from, r, 0, form));
        }
        break;
    }
    return arr;
}

static cJSON *embedded(const sim_store *st, const sim_field *f, const sim_value *v,
                       sim_json_form form)
{
    if (v->kind != SV_UUID)
        return cJSON_CreateNull();
    const sim_table *t = &st->tables[f->relation_target];
    sim_record *r = sim_table_get(t, &v->as.u);
    if (!r || sim_record_deleted(t, r))
        return cJSON_CreateNull();
    if (form != SIM_FORM_WIRE)
        return sim_record_json(st, f->relation_target, r, 0, form);
    /* The same few companies, people and members are embedded in record after
     * record: their text is made once and kept with the record until it
     * changes (store.c drops it), instead of a tree built, printed and freed
     * for every embedding. */
    if (!r->rest0) {
        cJSON *j = sim_record_json(st, f->relation_target, r, 0, SIM_FORM_WIRE);
        r->rest0 = j ? cJSON_PrintUnformatted(j) : NULL;
        cJSON_Delete(j);
        if (!r->rest0)
            return NULL;
    }
    return cJSON_CreateRaw(r->rest0);
}

cJSON *sim_record_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth,
                       sim_json_form form)
{
    bool raw = form == SIM_FORM_FILE;
    const sim_object *o = &st->schema.objects[k];
    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        if (f->nsub) {
            cJSON *c = composite(f, r, form);
            if (raw && c && !c->child)
                cJSON_Delete(c);
            else
                add(out, f->name, c);
            continue;
        }
        const sim_value *v = &r->v[f->slot];
        if (raw && v->kind == SV_NULL)
            continue;
        add(out, f->name, f->type == SF_TEXT ? text(v, raw) : scalar(v, form));
        if (f->type == SF_RELATION && depth >= 1 && !raw)
            add(out, f->relation_name, embedded(st, f, v, form));
    }
    if (depth >= 1 && !raw)
        for (int i = 0; i < o->nto_many; i++)
            add(out, o->to_many[i], related(st, k, o->to_many[i], &r->v[0].as.u, form));
    return out;
}
