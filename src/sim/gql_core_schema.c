/* gql_core_schema.c - Twenty's workspace GraphQL schema (POST /graphql) for
 * the objects of a sim_schema, named as Twenty's workspace-schema-builder
 * names them (OpportunityConnection, OpportunityFilterInput,
 * OpportunityStageEnum, CurrencyFilter, …); see gql_twenty.h. */
#include "sim/gql_twenty.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NCOMP (SF_RELATION + 1)

typedef struct objtypes {
    gql_type *obj, *conn, *edge, *filter, *order, *order_gb, *create, *update, *group, *gconn;
    gql_type *stage_enum, *stage_filter;
} objtypes;

typedef struct builder {
    gql_schema *s;
    const sim_schema *ss;
    const gql_type *Int, *Float, *String, *Boolean, *UUID, *DateTime, *BigFloat, *Position, *JSON,
        *RawJSON, *Cursor;
    gql_type *dir, *filter_is, *granularity, *actor_source, *date_group;
    gql_type *f_string, *f_float, *f_bigfloat, *f_bool, *f_datetime, *f_uuid, *f_date;
    gql_type *page_info;
    gql_type *c_out[NCOMP], *c_filter[NCOMP], *c_order[NCOMP], *c_create[NCOMP], *c_update[NCOMP],
        *c_group[NCOMP];
    objtypes o[SIM_OBJ_COUNT];
} builder;

static gql_tref R(const gql_type *t, const char *w) { return gql_ref(t, w); }

static void pascal(const char *in, char *out, size_t n)
{
    snprintf(out, n, "%s", in);
    if (out[0])
        out[0] = (char)toupper((unsigned char)out[0]);
}

static gql_type *named(builder *b, gql_tkind k, const char *fmt, const char *a, const char *c)
{
    char name[256];
    snprintf(name, sizeof name, fmt, a, c);
    return gql_add_type(b->s, k, name);
}

static void enum_values(builder *b, gql_type *t, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        gql_add_enum_value(b->s, t, v[i]);
}

/* StringFilter, FloatFilter, … : eq gt gte in lt lte neq (+ text operators) is */
static gql_type *scalar_filter(builder *b, const char *name, const gql_type *t, bool text)
{
    gql_type *f = gql_add_type(b->s, GK_INPUT, name);
    static const char *const ops[] = {"eq", "gt", "gte", "in", "lt", "lte", "neq"};
    for (size_t i = 0; i < 7; i++)
        gql_add_input(b->s, f, ops[i], R(t, i == 3 ? "LN" : ""));
    if (text) {
        static const char *const tops[] = {"startsWith", "endsWith", "like", "ilike", "regex", "iregex"};
        for (size_t i = 0; i < 6; i++)
            gql_add_input(b->s, f, tops[i], R(t, ""));
    }
    gql_add_input(b->s, f, "is", R(b->filter_is, ""));
    return f;
}

static void shared_types(builder *b)
{
    gql_schema *s = b->s;
    b->Int = gql_schema_type(s, "Int");
    b->Float = gql_schema_type(s, "Float");
    b->String = gql_schema_type(s, "String");
    b->Boolean = gql_schema_type(s, "Boolean");
    b->UUID = gql_schema_type(s, "UUID");
    b->DateTime = gql_schema_type(s, "DateTime");
    b->BigFloat = gql_schema_type(s, "BigFloat");
    b->Position = gql_schema_type(s, "Position");
    b->JSON = gql_schema_type(s, "JSON");
    b->RawJSON = gql_schema_type(s, "RawJSON");
    b->Cursor = gql_schema_type(s, "Cursor");

    static const char *const dirs[] = {"AscNullsFirst", "AscNullsLast", "DescNullsFirst", "DescNullsLast"};
    b->dir = gql_add_type(s, GK_ENUM, "OrderByDirection");
    enum_values(b, b->dir, dirs, 4);
    static const char *const is[] = {"NOT_NULL", "NULL"};
    b->filter_is = gql_add_type(s, GK_ENUM, "FilterIs");
    enum_values(b, b->filter_is, is, 2);
    static const char *const gran[] = {"DAY", "MONTH", "QUARTER", "YEAR", "WEEK", "DAY_OF_THE_WEEK",
                                       "MONTH_OF_THE_YEAR", "QUARTER_OF_THE_YEAR", "NONE"};
    b->granularity = gql_add_type(s, GK_ENUM, "ObjectRecordGroupByDateGranularity");
    enum_values(b, b->granularity, gran, 9);
    static const char *const src[] = {"EMAIL", "CALENDAR", "WORKFLOW", "AGENT", "API", "IMPORT",
                                      "MANUAL", "SYSTEM", "WEBHOOK", "APPLICATION"};
    b->actor_source = gql_add_type(s, GK_ENUM, "FieldActorSource");
    enum_values(b, b->actor_source, src, 10);
    static const char *const week[] = {"MONDAY", "SATURDAY", "SUNDAY"};
    gql_type *wsd = gql_add_type(s, GK_ENUM, "CalendarStartDay");
    enum_values(b, wsd, week, 3);
    b->date_group = gql_add_type(s, GK_INPUT, "GroupByDateGranularityInput");
    gql_add_input(s, b->date_group, "granularity", R(b->granularity, ""));
    gql_add_input(s, b->date_group, "weekStartDay", R(wsd, ""));

    b->f_string = scalar_filter(b, "StringFilter", b->String, true);
    b->f_float = scalar_filter(b, "FloatFilter", b->Float, false);
    b->f_bigfloat = scalar_filter(b, "BigFloatFilter", b->BigFloat, false);
    b->f_datetime = scalar_filter(b, "DateTimeFilter", b->DateTime, false);
    b->f_uuid = scalar_filter(b, "UUIDFilter", b->UUID, false);
    b->f_date = scalar_filter(b, "DateFilter", b->DateTime, false);
    b->f_bool = gql_add_type(s, GK_INPUT, "BooleanFilter");
    gql_add_input(s, b->f_bool, "eq", R(b->Boolean, ""));
    gql_add_input(s, b->f_bool, "is", R(b->filter_is, ""));

    b->page_info = gql_add_type(s, GK_OBJECT, "PageInfo");
    b->page_info->resolve = gt_resolve_page_info;
    gql_field *f = gql_add_field(s, b->page_info, "hasNextPage", R(b->Boolean, ""));
    if (f)
        f->tag = GT_HAS_NEXT;
    if ((f = gql_add_field(s, b->page_info, "hasPreviousPage", R(b->Boolean, ""))))
        f->tag = GT_HAS_PREV;
    if ((f = gql_add_field(s, b->page_info, "startCursor", R(b->Cursor, ""))))
        f->tag = GT_START_CURSOR;
    if ((f = gql_add_field(s, b->page_info, "endCursor", R(b->Cursor, ""))))
        f->tag = GT_END_CURSOR;
}

/* The GraphQL types of one composite subfield. */
static const gql_type *sub_out_type(builder *b, sim_ftype t, const char *sub)
{
    if (t == SF_CURRENCY && !strcmp(sub, "amountMicros"))
        return b->BigFloat;
    if (t == SF_ACTOR && !strcmp(sub, "source"))
        return b->actor_source;
    if (t == SF_ACTOR && !strcmp(sub, "workspaceMemberId"))
        return b->UUID;
    return b->String;
}

static const gql_type *sub_filter_type(builder *b, sim_ftype t, const char *sub)
{
    if (t == SF_CURRENCY && !strcmp(sub, "amountMicros"))
        return b->f_bigfloat;
    if (t == SF_ACTOR && !strcmp(sub, "workspaceMemberId"))
        return b->f_uuid;
    return b->f_string;
}

static void composite_types(builder *b, const sim_field *f)
{
    static const char *const names[NCOMP] = {[SF_CURRENCY] = "Currency", [SF_FULL_NAME] = "FullName",
                                             [SF_EMAILS] = "Emails", [SF_LINKS] = "Links",
                                             [SF_ACTOR] = "Actor"};
    sim_ftype t = f->type;
    if (b->c_out[t] || !names[t])
        return;
    const char *n = names[t];
    gql_schema *s = b->s;
    b->c_out[t] = gql_add_type(s, GK_OBJECT, n);
    b->c_out[t]->resolve = gt_resolve_composite;
    b->c_filter[t] = named(b, GK_INPUT, "%s%sFilter", n, "");
    b->c_order[t] = named(b, GK_INPUT, "%s%sOrderByInput", n, "");
    b->c_create[t] = named(b, GK_INPUT, "%s%sCreateInput", n, "");
    b->c_update[t] = named(b, GK_INPUT, "%s%sUpdateInput", n, "");
    b->c_group[t] = named(b, GK_INPUT, "%s%sGroupByInput", n, "");
    for (int i = 0; i < f->nsub; i++) {
        const char *sub = f->subs[i].name;
        gql_field *of = gql_add_field(s, b->c_out[t], sub, R(sub_out_type(b, t, sub), ""));
        if (of)
            of->tag = GT_SUB;
        gql_add_input(s, b->c_filter[t], sub, R(sub_filter_type(b, t, sub), ""));
        gql_add_input(s, b->c_order[t], sub, R(b->dir, ""));
        gql_add_input(s, b->c_group[t], sub, R(b->Boolean, ""));
        if (t == SF_ACTOR && strcmp(sub, "source") != 0)
            continue;   /* the server sets the actor's member and name */
        gql_add_input(s, b->c_create[t], sub, R(sub_out_type(b, t, sub), ""));
        gql_add_input(s, b->c_update[t], sub, R(sub_out_type(b, t, sub), ""));
    }
    /* Twenty's JSON parts of composites (kept null by twenty-sim) */
    const char *extra = t == SF_EMAILS ? "additionalEmails" : t == SF_LINKS ? "secondaryLinks"
                      : t == SF_ACTOR ? "context" : NULL;
    if (extra) {
        gql_field *of = gql_add_field(s, b->c_out[t], extra, R(b->RawJSON, ""));
        if (of)
            of->tag = GT_SUB;
        gql_add_input(s, b->c_create[t], extra, R(b->RawJSON, ""));
        gql_add_input(s, b->c_update[t], extra, R(b->RawJSON, ""));
    }
}

static const gql_type *scalar_out(builder *b, const objtypes *ot, const sim_field *f)
{
    switch (f->type) {
    case SF_UUID:
    case SF_RELATION: return b->UUID;
    case SF_NUMBER: return b->Float;
    case SF_POSITION: return b->Position;
    case SF_BOOLEAN: return b->Boolean;
    case SF_DATE_TIME: return b->DateTime;
    case SF_SELECT: return ot->stage_enum;
    default: return b->String;
    }
}

static const gql_type *scalar_filter_of(builder *b, const objtypes *ot, const sim_field *f)
{
    switch (f->type) {
    case SF_UUID:
    case SF_RELATION: return b->f_uuid;
    case SF_NUMBER:
    case SF_POSITION: return b->f_float;
    case SF_BOOLEAN: return b->f_bool;
    case SF_DATE_TIME: return b->f_datetime;
    case SF_SELECT: return ot->stage_filter;
    default: return b->f_string;
    }
}

/* Shells of every per-object type, so fields can refer to any of them. */
static void object_shells(builder *b, const sim_object *o)
{
    char P[96];
    pascal(o->singular, P, sizeof P);
    objtypes *ot = &b->o[o->kind];
    ot->obj = named(b, GK_OBJECT, "%s%s", P, "");
    ot->conn = named(b, GK_OBJECT, "%s%s", P, "Connection");
    ot->edge = named(b, GK_OBJECT, "%s%s", P, "Edge");
    ot->gconn = named(b, GK_OBJECT, "%s%s", P, "GroupByConnection");
    ot->filter = named(b, GK_INPUT, "%s%s", P, "FilterInput");
    ot->order = named(b, GK_INPUT, "%s%s", P, "OrderByInput");
    ot->order_gb = named(b, GK_INPUT, "%s%s", P, "OrderByWithGroupByInput");
    ot->create = named(b, GK_INPUT, "%s%s", P, "CreateInput");
    ot->update = named(b, GK_INPUT, "%s%s", P, "UpdateInput");
    ot->group = named(b, GK_INPUT, "%s%s", P, "GroupByInput");
    if (!ot->obj || !ot->conn || !ot->edge || !ot->gconn)
        return;
    ot->obj->resolve = gt_resolve_record;
    ot->conn->resolve = gt_resolve_connection;
    ot->gconn->resolve = gt_resolve_connection;
    ot->edge->resolve = gt_resolve_edge;
    ot->obj->tag = ot->conn->tag = ot->edge->tag = ot->gconn->tag = (int)o->kind;
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        if (f->nsub > 0)
            composite_types(b, f);
        if (f->type == SF_SELECT && !ot->stage_enum) {
            char F[96];
            pascal(f->name, F, sizeof F);
            ot->stage_enum = named(b, GK_ENUM, "%s%sEnum", P, F);
            for (int k = 0; k < b->ss->nstages; k++)
                gql_add_enum_value(b->s, ot->stage_enum, b->ss->stages[k].value);
            ot->stage_filter = named(b, GK_INPUT, "%s%sEnumFilter", P, F);
            gql_add_input(b->s, ot->stage_filter, "eq", R(ot->stage_enum, ""));
            gql_add_input(b->s, ot->stage_filter, "neq", R(ot->stage_enum, ""));
            gql_add_input(b->s, ot->stage_filter, "in", R(ot->stage_enum, "L"));
            gql_add_input(b->s, ot->stage_filter, "is", R(b->filter_is, ""));
        }
    }
}

/* Connection arguments shared by find-many and one-to-many fields. */
static void connection_args(builder *b, gql_field *f, const objtypes *ot)
{
    gql_add_arg(b->s, f, "filter", R(ot->filter, ""), NULL);
    gql_add_arg(b->s, f, "orderBy", R(ot->order, "L"), NULL);
    gql_add_arg(b->s, f, "first", R(b->Int, ""), NULL);
    gql_add_arg(b->s, f, "last", R(b->Int, ""), NULL);
    gql_add_arg(b->s, f, "offset", R(b->Int, ""), NULL);
    gql_add_arg(b->s, f, "before", R(b->String, ""), NULL);
    gql_add_arg(b->s, f, "after", R(b->String, ""), NULL);
}

static bool to_many_target(const sim_schema *ss, const sim_object *o, const char *name, gt_to_many *out)
{
    size_t n = strlen(name);
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *t = &ss->objects[k];
        size_t pn = strlen(t->plural);
        if (pn > n || strcasecmp(name + n - pn, t->plural) != 0)
            continue;
        for (int i = 0; i < t->nfields; i++)
            if (t->fields[i].type == SF_RELATION && t->fields[i].relation_target == o->kind) {
                out->target = t->kind;
                out->fk = &t->fields[i];
                return true;
            }
    }
    return false;
}

static void aggregate_fields(builder *b, const sim_object *o, gql_type *conn)
{
    gql_schema *s = b->s;
    gql_field *f = gql_add_field(s, conn, "totalCount", R(b->Int, ""));
    if (f)
        f->tag = GT_TOTAL_COUNT;
    static const char *const counts[] = {"countUniqueValues", "countEmpty", "countNotEmpty",
                                         "percentageEmpty", "percentageNotEmpty"};
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *sf = &o->fields[i];
        if (sf->type == SF_RELATION)
            continue;
        char F[96], name[256];
        pascal(sf->name, F, sizeof F);
        const char *ops[9];
        const gql_type *types[9];
        int n = 0;
        for (int k = 0; k < 5; k++) {
            ops[n] = counts[k];
            types[n++] = k < 3 ? b->Int : b->Float;
        }
        const char *suffix = sf->type == SF_CURRENCY ? "AmountMicros" : "";
        if (sf->type == SF_DATE_TIME) {
            ops[n] = "min", types[n++] = b->DateTime;
            ops[n] = "max", types[n++] = b->DateTime;
        } else if (sf->type == SF_NUMBER || sf->type == SF_CURRENCY) {
            static const char *const num[] = {"min", "max", "avg", "sum"};
            for (int k = 0; k < 4; k++)
                ops[n] = num[k], types[n++] = b->Float;
        }
        for (int k = 0; k < n; k++) {
            snprintf(name, sizeof name, "%s%s%s", ops[k], F, k < 5 ? "" : suffix);
            sim_aggregate agg;
            if (!sim_aggregate_parse(o, name, &agg))
                continue;
            if ((f = gql_add_field(s, conn, name, R(types[k], ""))))
                f->tag = GT_AGGREGATE;
        }
    }
}

static void object_fields(builder *b, const sim_object *o)
{
    gql_schema *s = b->s;
    objtypes *ot = &b->o[o->kind];
    gql_field *f;
    gql_add_input(s, ot->create, "id", R(b->UUID, ""));
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *sf = &o->fields[i];
        const char *nn = sf->nullable ? "" : "N";
        bool comp = sf->nsub > 0;
        /* output */
        if ((f = gql_add_field(s, ot->obj, sf->name, R(comp ? b->c_out[sf->type] : scalar_out(b, ot, sf), nn)))) {
            f->tag = comp ? GT_COMPOSITE : sf->type == SF_RELATION ? GT_FK : GT_SCALAR;
            f->data = sf;
        }
        if (sf->type == SF_RELATION && (f = gql_add_field(s, ot->obj, sf->relation_name, R(b->o[sf->relation_target].obj, "")))) {
            f->tag = GT_RELATION;
            f->data = sf;
        }
        /* inputs */
        gql_add_input(s, ot->filter, sf->name, R(comp ? b->c_filter[sf->type] : scalar_filter_of(b, ot, sf), ""));
        gql_add_input(s, ot->order, sf->name, R(comp ? b->c_order[sf->type] : b->dir, ""));
        gql_add_input(s, ot->order_gb, sf->name, R(comp ? b->c_order[sf->type] : b->dir, ""));
        gql_add_input(s, ot->group, sf->name, R(comp ? b->c_group[sf->type] : sf->type == SF_DATE_TIME ? b->date_group : b->Boolean, ""));
        if (sf->type == SF_UUID || (sf->server_set && strcmp(sf->name, "createdBy") != 0))
            continue;
        const gql_type *in = comp ? b->c_create[sf->type] : scalar_out(b, ot, sf);
        gql_add_input(s, ot->create, sf->name, R(in, ""));
        if (!sf->server_set)
            gql_add_input(s, ot->update, sf->name, R(comp ? b->c_update[sf->type] : in, ""));
    }
    for (int i = 0; i < o->nto_many; i++) {
        gt_to_many tm;
        if (!to_many_target(b->ss, o, o->to_many[i], &tm))
            continue;
        gt_to_many *data = gql_arena_alloc(&s->arena, sizeof *data);
        if ((f = gql_add_field(s, ot->obj, o->to_many[i], R(b->o[tm.target].conn, ""))) && data) {
            *data = tm;
            f->tag = GT_TO_MANY;
            f->data = data;
            connection_args(b, f, &b->o[tm.target]);
        }
    }
    gql_add_input(s, ot->filter, "and", R(ot->filter, "L"));
    gql_add_input(s, ot->filter, "or", R(ot->filter, "L"));
    gql_add_input(s, ot->filter, "not", R(ot->filter, ""));

    if ((f = gql_add_field(s, ot->edge, "node", R(ot->obj, "N"))))
        f->tag = GT_NODE;
    if ((f = gql_add_field(s, ot->edge, "cursor", R(b->Cursor, "N"))))
        f->tag = GT_CURSOR;
    gql_type *conns[2] = {ot->conn, ot->gconn};
    for (int k = 0; k < 2; k++) {
        if (k == 1 && (f = gql_add_field(s, conns[k], "groupByDimensionValues", R(b->JSON, "L"))))
            f->tag = GT_DIMENSIONS;
        if ((f = gql_add_field(s, conns[k], "edges", R(ot->edge, "NLN"))))
            f->tag = GT_EDGES;
        if ((f = gql_add_field(s, conns[k], "pageInfo", R(b->page_info, "N"))))
            f->tag = GT_PAGE_INFO;
        aggregate_fields(b, o, conns[k]);
    }
}

static void root_fields(builder *b, const sim_object *o, gql_type *q, gql_type *m)
{
    gql_schema *s = b->s;
    objtypes *ot = &b->o[o->kind];
    char P[96], PP[96], name[256];
    pascal(o->singular, P, sizeof P);
    pascal(o->plural, PP, sizeof PP);
    gql_field *f;
    if ((f = gql_add_field(s, q, o->plural, R(ot->conn, "")))) {
        f->tag = GT_FIND_MANY;
        f->data = o;
        connection_args(b, f, ot);
    }
    if ((f = gql_add_field(s, q, o->singular, R(ot->obj, "")))) {
        f->tag = GT_FIND_ONE;
        f->data = o;
        gql_add_arg(s, f, "filter", R(ot->filter, "N"), NULL);
    }
    snprintf(name, sizeof name, "%sGroupBy", o->plural);
    if ((f = gql_add_field(s, q, name, R(ot->gconn, "NLN")))) {
        f->tag = GT_GROUP_BY;
        f->data = o;
        gql_add_arg(s, f, "groupBy", R(ot->group, "NLN"), NULL);
        gql_add_arg(s, f, "filter", R(ot->filter, ""), NULL);
        gql_add_arg(s, f, "orderBy", R(ot->order_gb, "LN"), NULL);
        gql_add_arg(s, f, "orderByForRecords", R(ot->order, "L"), NULL);
        gql_add_arg(s, f, "viewId", R(b->UUID, ""), NULL);
        gql_add_arg(s, f, "limit", R(b->Int, ""), NULL);
        gql_add_arg(s, f, "offsetForRecords", R(b->Int, ""), NULL);
    }
    static const struct {
        const char *verb;
        int one, many;
    } muts[] = {{"create", GT_CREATE_ONE, GT_CREATE_MANY}, {"update", GT_UPDATE_ONE, GT_UPDATE_MANY},
                {"delete", GT_DELETE_ONE, GT_DELETE_MANY}, {"destroy", GT_DESTROY_ONE, GT_DESTROY_MANY},
                {"restore", GT_RESTORE_ONE, GT_RESTORE_MANY}};
    for (size_t i = 0; i < sizeof muts / sizeof *muts; i++) {
        snprintf(name, sizeof name, "%s%s", muts[i].verb, P);
        if ((f = gql_add_field(s, m, name, R(ot->obj, "")))) {
            f->tag = muts[i].one;
            f->data = o;
            if (muts[i].one == GT_CREATE_ONE) {
                gql_add_arg(s, f, "data", R(ot->create, "N"), NULL);
                gql_add_arg(s, f, "upsert", R(b->Boolean, ""), NULL);
            } else {
                gql_add_arg(s, f, "id", R(b->UUID, "N"), NULL);
                if (muts[i].one == GT_UPDATE_ONE)
                    gql_add_arg(s, f, "data", R(ot->update, "N"), NULL);
            }
        }
        snprintf(name, sizeof name, "%s%s", muts[i].verb, PP);
        if ((f = gql_add_field(s, m, name, R(ot->obj, "LN")))) {
            f->tag = muts[i].many;
            f->data = o;
            if (muts[i].many == GT_CREATE_MANY) {
                gql_add_arg(s, f, "data", R(ot->create, "NLN"), NULL);
                gql_add_arg(s, f, "upsert", R(b->Boolean, ""), NULL);
            } else {
                if (muts[i].many == GT_UPDATE_MANY)
                    gql_add_arg(s, f, "data", R(ot->update, "N"), NULL);
                gql_add_arg(s, f, "filter", R(ot->filter, "N"), NULL);
            }
        }
    }
}

static void search_types(builder *b, gql_type *q)
{
    gql_schema *s = b->s;
    gql_type *rec = gql_add_type(s, GK_OBJECT, "SearchRecord");
    gql_type *edge = gql_add_type(s, GK_OBJECT, "SearchResultEdge");
    gql_type *pinfo = gql_add_type(s, GK_OBJECT, "SearchResultPageInfo");
    gql_type *conn = gql_add_type(s, GK_OBJECT, "SearchResultConnection");
    gql_type *filter = gql_add_type(s, GK_INPUT, "ObjectRecordFilterInput");
    if (!rec || !edge || !pinfo || !conn || !filter)
        return;
    rec->resolve = gt_resolve_search_record;
    edge->resolve = gt_resolve_search_edge;
    pinfo->resolve = gt_resolve_search_conn;
    conn->resolve = gt_resolve_search_conn;
    gql_add_field(s, rec, "recordId", R(b->UUID, "N"));
    gql_add_field(s, rec, "objectNameSingular", R(b->String, "N"));
    gql_add_field(s, rec, "objectLabelSingular", R(b->String, "N"));
    gql_add_field(s, rec, "label", R(b->String, "N"));
    gql_add_field(s, rec, "imageUrl", R(b->String, ""));
    gql_add_field(s, rec, "tsRankCD", R(b->Float, "N"));
    gql_add_field(s, rec, "tsRank", R(b->Float, "N"));
    gql_add_field(s, edge, "node", R(rec, "N"));
    gql_add_field(s, edge, "cursor", R(b->String, "N"));
    gql_add_field(s, pinfo, "endCursor", R(b->String, ""));
    gql_add_field(s, pinfo, "hasNextPage", R(b->Boolean, "N"));
    gql_add_field(s, conn, "edges", R(edge, "NLN"));
    gql_add_field(s, conn, "pageInfo", R(pinfo, "N"));
    gql_add_input(s, filter, "and", R(filter, "LN"));
    gql_add_input(s, filter, "not", R(filter, ""));
    gql_add_input(s, filter, "or", R(filter, "LN"));
    gql_add_input(s, filter, "id", R(b->f_uuid, ""));
    gql_add_input(s, filter, "createdAt", R(b->f_date, ""));
    gql_add_input(s, filter, "updatedAt", R(b->f_date, ""));
    gql_add_input(s, filter, "deletedAt", R(b->f_date, ""));
    gql_field *f = gql_add_field(s, q, "search", R(conn, "N"));
    if (!f)
        return;
    f->tag = GT_SEARCH;
    gql_add_arg(s, f, "searchInput", R(b->String, "N"), NULL);
    gql_add_arg(s, f, "limit", R(b->Int, "N"), NULL);
    gql_add_arg(s, f, "after", R(b->String, ""), NULL);
    gql_add_arg(s, f, "includedObjectNameSingulars", R(b->String, "LN"), NULL);
    gql_add_arg(s, f, "excludedObjectNameSingulars", R(b->String, "LN"), NULL);
    gql_add_arg(s, f, "filter", R(filter, ""), NULL);
}

gql_schema *gt_core_schema(const sim_schema *ss)
{
    builder b = {.ss = ss};
    if (!(b.s = gql_schema_new()))
        return NULL;
    shared_types(&b);
    gql_type *q = gql_add_type(b.s, GK_OBJECT, "Query");
    gql_type *m = gql_add_type(b.s, GK_OBJECT, "Mutation");
    if (q)
        q->resolve = gt_resolve_query;
    if (m)
        m->resolve = gt_resolve_mutation;
    for (int k = 0; k < SIM_OBJ_COUNT; k++)
        object_shells(&b, &ss->objects[k]);
    for (int k = 0; k < SIM_OBJ_COUNT && !b.s->oom; k++) {
        object_fields(&b, &ss->objects[k]);
        root_fields(&b, &ss->objects[k], q, m);
    }
    if (q)
        search_types(&b, q);
    b.s->query = q;
    b.s->mutation = m;
    if (b.s->oom) {
        gql_schema_free(b.s);
        return NULL;
    }
    return b.s;
}
