/* gql_schema.c - GraphQL type system storage, look-ups and suggestions; see
 * gql_schema.h. */
#include "sim/gql_schema.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    gql_scalar sc;
} k_scalars[] = {
    {"Int", GSC_INT},           {"Float", GSC_FLOAT},       {"String", GSC_STRING},
    {"Boolean", GSC_BOOLEAN},   {"ID", GSC_ID},             {"UUID", GSC_UUID},
    {"DateTime", GSC_DATETIME}, {"BigFloat", GSC_BIGFLOAT}, {"Position", GSC_POSITION},
    {"JSON", GSC_JSON},         {"RawJSON", GSC_JSON},      {"Cursor", GSC_CURSOR},
    {"ConnectionCursor", GSC_CONN_CURSOR},
};

gql_schema *gql_schema_new(void)
{
    gql_arena a = {0};
    gql_schema *s = gql_arena_alloc(&a, sizeof *s);
    if (!s)
        return NULL;
    s->arena = a;
    for (size_t i = 0; i < sizeof k_scalars / sizeof *k_scalars; i++) {
        gql_type *t = gql_add_type(s, GK_SCALAR, k_scalars[i].name);
        if (t)
            t->scalar = k_scalars[i].sc;
    }
    if (s->oom) {
        gql_schema_free(s);
        return NULL;
    }
    return s;
}

void gql_schema_free(gql_schema *s)
{
    if (s) {
        gql_arena a = s->arena;
        gql_arena_free(&a);
    }
}

gql_type *gql_add_type(gql_schema *s, gql_tkind kind, const char *name)
{
    gql_type *t = gql_arena_alloc(&s->arena, sizeof *t);
    gql_type **slot = t ? gql_arena_grow(&s->arena, (void **)&s->types, &s->ntypes, &s->cap, sizeof *slot) : NULL;
    if (!slot || !(t->name = gql_arena_strdup(&s->arena, name))) {
        s->oom = true;
        return NULL;
    }
    t->kind = kind;
    *slot = t;
    return t;
}

gql_field *gql_add_field(gql_schema *s, gql_type *t, const char *name, gql_tref type)
{
    if (!t || !type.t) {
        s->oom = true;
        return NULL;
    }
    gql_field *f = gql_arena_grow(&s->arena, (void **)&t->fields, &t->nfields, &t->fcap, sizeof *f);
    if (!f || !(f->name = gql_arena_strdup(&s->arena, name))) {
        s->oom = true;
        return NULL;
    }
    f->type = type;
    return f;
}

void gql_add_arg(gql_schema *s, gql_field *f, const char *name, gql_tref type, const char *def_json)
{
    if (!f || !type.t) {
        s->oom = true;
        return;
    }
    gql_ivalue *a = gql_arena_grow(&s->arena, (void **)&f->args, &f->nargs, &f->argcap, sizeof *a);
    if (!a || !(a->name = gql_arena_strdup(&s->arena, name))) {
        s->oom = true;
        return;
    }
    a->type = type;
    if (def_json && !(a->def_json = gql_arena_strdup(&s->arena, def_json)))
        s->oom = true;
}

void gql_add_input(gql_schema *s, gql_type *t, const char *name, gql_tref type)
{
    if (!t || !type.t) {
        s->oom = true;
        return;
    }
    gql_ivalue *a = gql_arena_grow(&s->arena, (void **)&t->inputs, &t->ninputs, &t->icap, sizeof *a);
    if (!a || !(a->name = gql_arena_strdup(&s->arena, name))) {
        s->oom = true;
        return;
    }
    a->type = type;
}

void gql_add_enum_value(gql_schema *s, gql_type *t, const char *value)
{
    if (!t) {
        s->oom = true;
        return;
    }
    const char **v = gql_arena_grow(&s->arena, (void **)&t->values, &t->nvalues, &t->vcap, sizeof *v);
    if (!v || !(*v = gql_arena_strdup(&s->arena, value)))
        s->oom = true;
}

gql_tref gql_ref(const gql_type *t, const char *wrappers)
{
    gql_tref r = {.t = t};
    size_t n = strlen(wrappers);
    if (n > GQL_MAX_WRAP)
        n = GQL_MAX_WRAP;
    memcpy(r.w, wrappers, n);
    return r;
}

gql_tref gql_tref_of(const gql_schema *s, const gql_typeref *tr)
{
    gql_tref r = {0};
    size_t n = 0;
    for (; tr->kind != GTR_NAMED; tr = tr->of) {
        if (n >= GQL_MAX_WRAP)
            return (gql_tref){0};
        r.w[n++] = tr->kind == GTR_LIST ? 'L' : 'N';
    }
    r.t = gql_schema_type(s, tr->name);
    return r;
}

const gql_type *gql_schema_type(const gql_schema *s, const char *name)
{
    for (size_t i = 0; i < s->ntypes; i++)
        if (strcmp(s->types[i]->name, name) == 0)
            return s->types[i];
    return NULL;
}

const gql_field *gql_type_field(const gql_type *t, const char *name)
{
    for (size_t i = 0; t && i < t->nfields; i++)
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    return NULL;
}

const gql_ivalue *gql_type_input(const gql_type *t, const char *name)
{
    for (size_t i = 0; t && i < t->ninputs; i++)
        if (strcmp(t->inputs[i].name, name) == 0)
            return &t->inputs[i];
    return NULL;
}

bool gql_enum_has(const gql_type *t, const char *value)
{
    for (size_t i = 0; t && i < t->nvalues; i++)
        if (strcmp(t->values[i], value) == 0)
            return true;
    return false;
}

gql_tref gql_tref_inner(gql_tref r)
{
    gql_tref o = {.t = r.t};
    if (r.w[0])
        memcpy(o.w, r.w + 1, strlen(r.w + 1));
    return o;
}

gql_tref gql_tref_nullable(gql_tref r)
{
    return gql_tref_nonnull(r) ? gql_tref_inner(r) : r;
}

bool gql_tref_is_list(gql_tref r)
{
    return gql_tref_nullable(r).w[0] == 'L';
}

bool gql_tref_equal(gql_tref a, gql_tref b)
{
    return a.t == b.t && strcmp(a.w, b.w) == 0;
}

static size_t tref_write(const gql_tref *r, size_t i, char *out, size_t pos, size_t cap)
{
    const char *name = r->t ? r->t->name : "?";
    if (r->w[i] == 'L' && pos + 1 < cap)
        out[pos++] = '[';
    if (r->w[i] == 'L' || r->w[i] == 'N')
        pos = tref_write(r, i + 1, out, pos, cap);
    else
        for (; *name && pos + 1 < cap; name++)
            out[pos++] = *name;
    if (r->w[i] && pos + 1 < cap)
        out[pos++] = r->w[i] == 'L' ? ']' : '!';
    out[pos] = '\0';
    return pos;
}

const char *gql_tref_str(gql_arena *a, gql_tref r)
{
    char buf[256];
    tref_write(&r, 0, buf, 0, sizeof buf);
    return gql_arena_strdup(a, buf);
}

/* --- suggestions (graphql-js suggestionList / didYouMean) --- */

static size_t lower_copy(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++)
        out[n] = (char)tolower((unsigned char)s[n]);
    out[n] = '\0';
    return n;
}

/* Damerau-Levenshtein distance with graphql-js's shortcuts; -1 if above threshold. */
static int lexical_distance(const char *input, const char *option, int threshold)
{
    if (strcmp(input, option) == 0)
        return 0;
    char a[128], b[128];
    size_t la = lower_copy(option, a, sizeof a), lb = lower_copy(input, b, sizeof b);
    if (la == lb && memcmp(a, b, la) == 0)
        return 1;
    const char *pa = a, *pb = b;
    if (la < lb) {
        pa = b;
        pb = a;
        size_t t = la;
        la = lb;
        lb = t;
    }
    if ((int)(la - lb) > threshold)
        return -1;
    int rows[3][129];
    for (size_t j = 0; j <= lb; j++)
        rows[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int *up = rows[(i - 1) % 3], *cur = rows[i % 3];
        int smallest = cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = pa[i - 1] == pb[j - 1] ? 0 : 1;
            int c = up[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            if (up[j - 1] + cost < c)
                c = up[j - 1] + cost;
            if (i > 1 && j > 1 && pa[i - 1] == pb[j - 2] && pa[i - 2] == pb[j - 1]) {
                int dd = rows[(i - 2) % 3][j - 2] + 1;
                if (dd < c)
                    c = dd;
            }
            if (c < smallest)
                smallest = c;
            cur[j] = c;
        }
        if (smallest > threshold)
            return -1;
    }
    int d = rows[la % 3][lb];
    return d <= threshold ? d : -1;
}

/* graphql-js naturalCompare: digit runs compare numerically. */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            unsigned long long x = 0, y = 0;
            while (isdigit((unsigned char)*a))
                x = x * 10 + (unsigned)(*a++ - '0');
            while (isdigit((unsigned char)*b))
                y = y * 10 + (unsigned)(*b++ - '0');
            if (x != y)
                return x < y ? -1 : 1;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

typedef struct sugg {
    const char *s;
    int d;
} sugg;

static int sugg_cmp(const void *x, const void *y)
{
    const sugg *a = x, *b = y;
    return a->d != b->d ? a->d - b->d : natural_cmp(a->s, b->s);
}

const char *gql_did_you_mean(gql_arena *a, const char *sub, const char *input,
                             const char *const *options, size_t n)
{
    if (strlen(input) > 120 || n == 0)
        return "";
    sugg *list = malloc(n * sizeof *list);
    if (!list)
        return "";
    size_t m = 0;
    int threshold = (int)(strlen(input) * 4 / 10) + 1;
    for (size_t i = 0; i < n; i++) {
        if (strlen(options[i]) > 120)
            continue;
        int d = lexical_distance(input, options[i], threshold);
        if (d >= 0)
            list[m++] = (sugg){options[i], d};
    }
    qsort(list, m, sizeof *list, sugg_cmp);
    const char *out = "";
    if (m > 0) {
        size_t k = m < 5 ? m : 5;
        char buf[1024];
        size_t len = (size_t)snprintf(buf, sizeof buf, " Did you mean %s%s", sub ? sub : "", sub ? " " : "");
        for (size_t i = 0; i < k && len < sizeof buf; i++) {
            const char *sep = i == 0 ? "" : (k == 2 ? " or " : (i == k - 1 ? ", or " : ", "));
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\"", sep, list[i].s);
        }
        if (len < sizeof buf)
            snprintf(buf + len, sizeof buf - len, "?");
        out = gql_arena_strdup(a, buf);
        if (!out)
            out = "";
    }
    free(list);
    return out;
}
