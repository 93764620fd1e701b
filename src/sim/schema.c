/* schema.c - the four objects of twenty-sim and their fields, in Twenty's
 * metadata order (see schema.h). Slots are assigned in field order, one per
 * scalar field and one per composite subfield; slot 0 is always `id`.
 *
 * sim_field.default_value holds Twenty's metadata defaultValue: a string
 * default is given as its text ("'NEW'", "uuid", "now"), a number or object
 * default as JSON text ("0", "{...}"); cJSON_Parse tells the two apart. */
#include "sim/schema_internal.h"
#include "sim/store.h" /* sim_object_deleted_at_slot */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct field_tpl {
    const char *name, *label;
    sim_ftype type;
    sim_vkind kind;
    bool nullable, system, server_set;
    const char *relation_name;
    sim_obj_kind target;
    const char *default_value;
} field_tpl;

#define ACTOR_DEFAULT "{\"source\":\"'MANUAL'\",\"name\":\"'System'\",\"workspaceMemberId\":null}"

#define F_ID {"id", "Id", SF_UUID, SV_UUID, false, true, false, NULL, 0, "uuid"}
#define F_POSITION(l) {"position", l, SF_POSITION, SV_NUM, false, true, false, NULL, 0, "0"}
#define F_CREATED_BY {"createdBy", "Created by", SF_ACTOR, SV_NULL, false, false, true, NULL, 0, ACTOR_DEFAULT}
#define F_UPDATED_BY {"updatedBy", "Updated by", SF_ACTOR, SV_NULL, false, false, true, NULL, 0, ACTOR_DEFAULT}
#define F_CREATED_AT {"createdAt", "Creation date", SF_DATE_TIME, SV_TIME, false, true, true, NULL, 0, "now"}
#define F_UPDATED_AT {"updatedAt", "Last update", SF_DATE_TIME, SV_TIME, false, true, true, NULL, 0, "now"}
static const char k_deleted_at[] = "deletedAt"; /* compared by address: see below */
#define F_DELETED_AT {k_deleted_at, "Deleted at", SF_DATE_TIME, SV_TIME, true, true, true, NULL, 0, NULL}
#define F_REL(n, l, rn, t) {n, l, SF_RELATION, SV_UUID, true, false, false, rn, t, NULL}

static const field_tpl k_opportunity[] = {
    F_ID,
    {"name", "Name", SF_TEXT, SV_STR, true, false, false, NULL, 0, NULL},
    {"amount", "Amount", SF_CURRENCY, SV_NULL, true, false, false, NULL, 0, NULL},
    {"closeDate", "Close date", SF_DATE_TIME, SV_TIME, true, false, false, NULL, 0, NULL},
    {"stage", "Stage", SF_SELECT, SV_STR, false, false, false, NULL, 0, NULL}, /* default set at init */
    F_POSITION("Position"),
    F_REL("companyId", "Company", "company", SIM_OBJ_COMPANY),
    F_REL("pointOfContactId", "Point of Contact", "pointOfContact", SIM_OBJ_PERSON),
    F_REL("ownerId", "Owner", "owner", SIM_OBJ_MEMBER),
    F_CREATED_BY,
    F_UPDATED_BY,
    F_CREATED_AT,
    F_UPDATED_AT,
    F_DELETED_AT,
};

static const field_tpl k_company[] = {
    F_ID,
    {"name", "Name", SF_TEXT, SV_STR, true, false, false, NULL, 0, NULL},
    {"domainName", "Domain Name", SF_LINKS, SV_NULL, true, false, false, NULL, 0, NULL},
    {"employees", "Employees", SF_NUMBER, SV_NUM, true, false, false, NULL, 0, NULL},
    F_REL("accountOwnerId", "Account Owner", "accountOwner", SIM_OBJ_MEMBER),
    F_POSITION("Position"),
    F_CREATED_BY,
    F_CREATED_AT,
    F_UPDATED_AT,
    F_DELETED_AT,
};

static const field_tpl k_person[] = {
    F_ID,
    {"name", "Name", SF_FULL_NAME, SV_NULL, true, false, false, NULL, 0, NULL},
    {"emails", "Emails", SF_EMAILS, SV_NULL, true, false, false, NULL, 0, NULL},
    {"jobTitle", "Job Title", SF_TEXT, SV_STR, true, false, false, NULL, 0, NULL},
    {"city", "City", SF_TEXT, SV_STR, true, false, false, NULL, 0, NULL},
    F_REL("companyId", "Company", "company", SIM_OBJ_COMPANY),
    F_POSITION("Position"),
    F_CREATED_BY,
    F_CREATED_AT,
    F_UPDATED_AT,
    F_DELETED_AT,
};

static const field_tpl k_member[] = {
    F_ID,
    {"name", "Name", SF_FULL_NAME, SV_NULL, true, false, false, NULL, 0, NULL},
    {"userEmail", "User Email", SF_TEXT, SV_STR, false, false, false, NULL, 0, NULL},
    {"colorScheme", "Color Scheme", SF_TEXT, SV_STR, false, false, false, NULL, 0, "'System'"},
    {"locale", "Language", SF_TEXT, SV_STR, false, false, false, NULL, 0, "'en'"},
    F_CREATED_AT,
    F_UPDATED_AT,
    F_DELETED_AT,
};

static const char *const k_opp_many[] = {"favorites", "taskTargets", "noteTargets", "attachments",
                                         "timelineActivities"};
static const char *const k_company_many[] = {"people",      "opportunities", "favorites",
                                             "attachments", "taskTargets",   "noteTargets",
                                             "timelineActivities"};
static const char *const k_person_many[] = {"pointOfContactForOpportunities", "favorites",
                                            "attachments", "taskTargets", "noteTargets",
                                            "timelineActivities"};
static const char *const k_member_many[] = {"ownedOpportunities", "accountOwnerForCompanies"};

typedef struct object_tpl {
    const char *singular, *plural, *label_singular, *label_plural;
    const field_tpl *fields;
    int nfields;
    const char *const *to_many;
    int nto_many;
} object_tpl;

#define N(a) ((int)(sizeof(a) / sizeof *(a)))
static const object_tpl k_objects[SIM_OBJ_COUNT] = {
    {"opportunity", "opportunities", "Opportunity", "Opportunities", k_opportunity,
     N(k_opportunity), k_opp_many, N(k_opp_many)},
    {"company", "companies", "Company", "Companies", k_company, N(k_company), k_company_many,
     N(k_company_many)},
    {"person", "people", "Person", "People", k_person, N(k_person), k_person_many,
     N(k_person_many)},
    {"workspaceMember", "workspaceMembers", "Workspace Member", "Workspace Members", k_member,
     N(k_member), k_member_many, N(k_member_many)},
};

/* Subfields of each composite type. */
static int composite_subs(sim_ftype t, sim_subfield *subs)
{
    switch (t) {
    case SF_CURRENCY:
        subs[0] = (sim_subfield){"amountMicros", SV_INT, 0};
        subs[1] = (sim_subfield){"currencyCode", SV_STR, 0};
        return 2;
    case SF_FULL_NAME:
        subs[0] = (sim_subfield){"firstName", SV_STR, 0};
        subs[1] = (sim_subfield){"lastName", SV_STR, 0};
        return 2;
    case SF_EMAILS:
        subs[0] = (sim_subfield){"primaryEmail", SV_STR, 0};
        return 1;
    case SF_LINKS:
        subs[0] = (sim_subfield){"primaryLinkUrl", SV_STR, 0};
        subs[1] = (sim_subfield){"primaryLinkLabel", SV_STR, 0};
        return 2;
    case SF_ACTOR:
        subs[0] = (sim_subfield){"source", SV_STR, 0};
        subs[1] = (sim_subfield){"workspaceMemberId", SV_UUID, 0};
        subs[2] = (sim_subfield){"name", SV_STR, 0};
        return 3;
    default:
        return 0;
    }
}

static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

void sim_metadata_id(const char *key, char out[37])
{
    uint64_t a = fnv1a(key, 0xcbf29ce484222325ull);
    uint64_t b = fnv1a(key, a ^ 0x9e3779b97f4a7c15ull);
    a ^= a >> 29;
    b ^= b >> 31;
    sim_uuid u;
    for (int i = 0; i < 8; i++) {
        u.b[i] = (unsigned char)(a >> (56 - 8 * i));
        u.b[8 + i] = (unsigned char)(b >> (56 - 8 * i));
    }
    u.b[6] = (unsigned char)((u.b[6] & 0x0F) | 0x40);
    u.b[8] = (unsigned char)((u.b[8] & 0x3F) | 0x80);
    sim_uuid_format(&u, out);
}

static bool build_object(sim_schema *s, sim_obj_kind k, sim_error *err)
{
    const object_tpl *t = &k_objects[k];
    sim_object *o = &s->objects[k];
    o->kind = k;
    o->singular = t->singular;
    o->plural = t->plural;
    o->label_singular = t->label_singular;
    o->label_plural = t->label_plural;
    o->to_many = t->to_many;
    o->nto_many = t->nto_many;
    char key[128];
    snprintf(key, sizeof key, "object:%s", t->singular);
    sim_metadata_id(key, o->metadata_id);
    o->fields = calloc((size_t)t->nfields, sizeof *o->fields);
    if (!o->fields)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    o->nfields = t->nfields;
    int slot = 0;
    for (int i = 0; i < t->nfields; i++) {
        const field_tpl *ft = &t->fields[i];
        sim_field *f = &o->fields[i];
        f->name = ft->name;
        f->label = ft->label;
        f->type = ft->type;
        f->kind = ft->kind;
        f->nullable = ft->nullable;
        f->system = ft->system;
        f->server_set = ft->server_set;
        f->relation_name = ft->relation_name;
        f->relation_target = ft->target;
        f->default_value = ft->default_value;
        f->nsub = composite_subs(ft->type, f->subs);
        if (f->nsub) {
            f->slot = -1;
            for (int j = 0; j < f->nsub; j++)
                f->subs[j].slot = slot++;
        } else {
            f->slot = slot++;
        }
        snprintf(key, sizeof key, "field:%s.%s", t->singular, ft->name);
        sim_metadata_id(key, f->metadata_id);
        if (ft->type == SF_SELECT && s->nstages > 0) {
            const char *dv = s->stages[s->default_stage].value;
            size_t n = strlen(dv) + 3;
            char *d = malloc(n);
            if (!d)
                return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
            snprintf(d, n, "'%s'", dv);
            f->default_value = d;
        }
    }
    o->nslots = slot;
    return true;
}

bool sim_schema_init(sim_schema *s, const char *stages, sim_error *err)
{
    memset(s, 0, sizeof *s);
    if (!sim_stages_load(s, stages, err))
        return false;
    for (int k = 0; k < SIM_OBJ_COUNT; k++)
        if (!build_object(s, (sim_obj_kind)k, err)) {
            sim_schema_free(s);
            return false;
        }
    return true;
}

void sim_schema_free(sim_schema *s)
{
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        sim_object *o = &s->objects[k];
        for (int i = 0; i < o->nfields && o->fields; i++)
            if (o->fields[i].type == SF_SELECT)
                free((char *)o->fields[i].default_value); /* allocated in build_object */
        free(o->fields);
        o->fields = NULL;
        o->nfields = 0;
    }
    sim_stages_free(s);
}

const sim_object *sim_schema_object(const sim_schema *s, sim_obj_kind k)
{
    return (int)k >= 0 && k < SIM_OBJ_COUNT ? &s->objects[k] : NULL;
}

const sim_object *sim_schema_find_object(const sim_schema *s, const char *name, bool plural)
{
    if (!name)
        return NULL;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = &s->objects[k];
        if (strcmp(plural ? o->plural : o->singular, name) == 0)
            return o;
    }
    return NULL;
}

const sim_field *sim_object_field(const sim_object *o, const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < o->nfields; i++)
        if (strcmp(o->fields[i].name, name) == 0)
            return &o->fields[i];
    return NULL;
}

int sim_object_resolve(const sim_object *o, const char *path, const sim_field **field,
                       const sim_subfield **sub)
{
    if (field)
        *field = NULL;
    if (sub)
        *sub = NULL;
    if (!path)
        return -2;
    const char *dot = strchr(path, '.');
    size_t flen = dot ? (size_t)(dot - path) : strlen(path);
    const sim_field *f = NULL;
    for (int i = 0; i < o->nfields; i++)
        if (strlen(o->fields[i].name) == flen && memcmp(o->fields[i].name, path, flen) == 0) {
            f = &o->fields[i];
            break;
        }
    if (!f)
        return -2;
    if (!dot) {
        if (field)
            *field = f;
        return f->nsub ? -1 : f->slot;
    }
    for (int j = 0; j < f->nsub; j++)
        if (strcmp(f->subs[j].name, dot + 1) == 0) {
            if (field)
                *field = f;
            if (sub)
                *sub = &f->subs[j];
            return f->subs[j].slot;
        }
    return -2;
}

int sim_object_deleted_at_slot(const sim_object *o)
{
    /* Called for every row a filter looks at: deletedAt is the last field of
     * every object and is recognised by the address of its name. */
    if (o->nfields > 0 && o->fields[o->nfields - 1].name == k_deleted_at)
        return o->fields[o->nfields - 1].slot;
    for (int i = o->nfields - 1; i >= 0; i--)
        if (o->fields[i].slot >= 0 && strcmp(o->fields[i].name, "deletedAt") == 0)
            return o->fields[i].slot;
    return 0;
}

int sim_schema_stage_index(const sim_schema *s, const char *value)
{
    if (!value)
        return -1;
    for (int i = 0; i < s->nstages; i++)
        if (strcmp(s->stages[i].value, value) == 0)
            return i;
    return -1;
}

void sim_schema_stage_list(const sim_schema *s, char *out, size_t outlen)
{
    if (!outlen)
        return;
    out[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < s->nstages; i++) {
        int n = snprintf(out + used, outlen - used, "%s%s", i ? ", " : "", s->stages[i].value);
        if (n < 0 || (size_t)n >= outlen - used)
            break;
        used += (size_t)n;
    }
}
