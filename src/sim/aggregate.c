/* aggregate.c - Twenty's aggregate fields (totalCount, count/percentage of
 * empty, not empty and unique values, sum/avg/min/max) evaluated over a set
 * of records. Sums of integers are exact (128-bit accumulators, never
 * double). REST gets Postgres' text of each result (bigint counts, numeric
 * sums, numeric averages and percentages with Postgres' division scale);
 * GraphQL gets numbers. "Empty" is Twenty's NULLIF(CONCAT(columns), ''). */
#include "sim/query_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* ---------- parsing names ---------- */

static bool cap_eq(const char *name, const char *rest, const char *suffix)
{
    size_t n = strlen(name), sl = suffix ? strlen(suffix) : 0;
    if (strlen(rest) != n + sl || n == 0)
        return false;
    char first = name[0] >= 'a' && name[0] <= 'z' ? (char)(name[0] - 32) : name[0];
    return rest[0] == first && memcmp(rest + 1, name + 1, n - 1) == 0 &&
           (!sl || memcmp(rest + n, suffix, sl) == 0);
}

/* getSubfieldsForAggregateOperation */
static int agg_subfields(const sim_field *f, int *slots)
{
    static const char *const currency[] = {"amountMicros", "currencyCode", NULL};
    static const char *const full_name[] = {"firstName", "lastName", NULL};
    static const char *const links[] = {"primaryLinkUrl", NULL};
    static const char *const actor[] = {"workspaceMemberId", "source", NULL};
    static const char *const emails[] = {"primaryEmail", NULL};
    const char *const *names = f->type == SF_CURRENCY    ? currency
                               : f->type == SF_FULL_NAME ? full_name
                               : f->type == SF_LINKS     ? links
                               : f->type == SF_ACTOR     ? actor
                               : f->type == SF_EMAILS    ? emails
                                                         : NULL;
    int n = 0;
    for (; names && *names; names++)
        for (int j = 0; j < f->nsub; j++)
            if (strcmp(f->subs[j].name, *names) == 0)
                slots[n++] = f->subs[j].slot;
    return n;
}

static int sub_slot(const sim_field *f, const char *name)
{
    for (int j = 0; j < f->nsub; j++)
        if (strcmp(f->subs[j].name, name) == 0)
            return f->subs[j].slot;
    return -1;
}

static bool parse_count_like(const sim_object *o, const char *rest, sim_aggregate *out)
{
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        const char *name = f->type == SF_RELATION ? f->relation_name : f->name;
        if (!name || !cap_eq(name, rest, NULL))
            continue;
        if (f->nsub > 0) {
            out->nslots = agg_subfields(f, out->slots);
        } else {
            out->slots[0] = f->slot;
            out->nslots = 1;
        }
        out->slot = out->nslots ? out->slots[0] : -1;
        return out->nslots > 0;
    }
    return false;
}

static bool parse_numeric(const sim_object *o, const char *rest, bool dates, sim_aggregate *out)
{
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        if ((f->type == SF_NUMBER || (dates && f->type == SF_DATE_TIME)) &&
            cap_eq(f->name, rest, NULL)) {
            out->slot = out->slots[0] = f->slot;
            out->nslots = 1;
            return true;
        }
        if (f->type == SF_CURRENCY && cap_eq(f->name, rest, "AmountMicros")) {
            out->slot = out->slots[0] = sub_slot(f, "amountMicros");
            out->nslots = 1;
            return out->slot >= 0;
        }
    }
    return false;
}

bool sim_aggregate_parse(const sim_object *o, const char *name, sim_aggregate *out)
{
    memset(out, 0, sizeof *out);
    out->slot = -1;
    if (!name || strlen(name) >= sizeof out->name)
        return false;
    snprintf(out->name, sizeof out->name, "%s", name);
    if (strcmp(name, "totalCount") == 0) {
        out->op = AGG_TOTAL_COUNT;
        return true;
    }
    static const struct {
        const char *prefix;
        sim_agg op;
    } k_ops[] = {
        {"countUniqueValues", AGG_COUNT_UNIQUE}, {"countNotEmpty", AGG_COUNT_NOT_EMPTY},
        {"countEmpty", AGG_COUNT_EMPTY},         {"percentageNotEmpty", AGG_PERCENT_NOT_EMPTY},
        {"percentageEmpty", AGG_PERCENT_EMPTY},  {"min", AGG_MIN},
        {"max", AGG_MAX},                        {"avg", AGG_AVG},
        {"sum", AGG_SUM},
    };
    for (size_t i = 0; i < sizeof k_ops / sizeof *k_ops; i++) {
        size_t pl = strlen(k_ops[i].prefix);
        if (strncmp(name, k_ops[i].prefix, pl) != 0)
            continue;
        const char *rest = name + pl;
        out->op = k_ops[i].op;
        switch (out->op) {
        case AGG_MIN:
        case AGG_MAX:
            return parse_numeric(o, rest, true, out);
        case AGG_SUM:
        case AGG_AVG:
            return parse_numeric(o, rest, false, out);
        default:
            return parse_count_like(o, rest, out);
        }
    }
    return false;
}

/* ---------- number formatting ---------- */

static void fmt_u128(u128 v, char *out)
{
    char tmp[48];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static void fmt_i128(i128 v, char *out)
{
    if (v < 0) {
        *out++ = '-';
        fmt_u128((u128)(-(v + 1)) + 1, out);
    } else {
        fmt_u128((u128)v, out);
    }
}

/* Weight and first digit of x in Postgres' base-10000 numeric digits. */
static void nbase_head(u128 x, int *weight, unsigned *first)
{
    *weight = 0;
    *first = 0;
    if (x == 0)
        return;
    int w = 0;
    while (x >= 10000) {
        x /= 10000;
        w++;
    }
    *weight = w;
    *first = (unsigned)x;
}

/* num / den (den > 0) as Postgres' numeric division prints it:
 * select_div_scale's result scale, rounded half away from zero. */
static void fmt_pg_div(i128 num, int64_t den, char *out, size_t outlen)
{
    bool neg = num < 0;
    u128 a = neg ? (u128)(-(num + 1)) + 1 : (u128)num, b = (u128)den;
    int w1, w2;
    unsigned f1, f2;
    nbase_head(a, &w1, &f1);
    nbase_head(b, &w2, &f2);
    int qweight = w1 - w2;
    if (f1 <= f2)
        qweight--;
    int rscale = 16 - qweight * 4;
    if (rscale < 0)
        rscale = 0;
    if (rscale > 60)
        rscale = 60;
    u128 q = a / b, r = a % b;
    char frac[64];
    for (int i = 0; i < rscale; i++) {
        r *= 10;
        frac[i] = (char)('0' + (int)(r / b));
        r %= b;
    }
    if (r * 2 >= b) {   /* round half away from zero */
        int i = rscale - 1;
        for (; i >= 0; i--) {
            if (frac[i] == '9') {
                frac[i] = '0';
            } else {
                frac[i]++;
                break;
            }
        }
        if (i < 0)
            q++;
    }
    frac[rscale] = '\0';
    char ip[48];
    fmt_u128(q, ip);
    bool zero = q == 0 && strspn(frac, "0") == (size_t)rscale;
    snprintf(out, outlen, "%s%s%s%s", neg && !zero ? "-" : "", ip, rscale ? "." : "", frac);
}

/* float8 as Postgres prints it: shortest round-trip digits, exponent form
 * below 1e-4 and from 1e15. */
static void fmt_pg_float(double d, char *out, size_t outlen)
{
    if (isnan(d)) {
        snprintf(out, outlen, "NaN");
        return;
    }
    if (isinf(d)) {
        snprintf(out, outlen, d < 0 ? "-Infinity" : "Infinity");
        return;
    }
    int prec = 1;
    char tmp[64];
    for (; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
    int exp10 = atoi(strchr(tmp, 'e') + 1);
    if (d != 0 && (exp10 < -4 || exp10 >= 15)) {
        /* mantissa without trailing zeros, exponent at least two digits */
        char mant[40];
        snprintf(mant, sizeof mant, "%.*s", (int)(strchr(tmp, 'e') - tmp), tmp);
        if (strchr(mant, '.')) {
            size_t n = strlen(mant);
            while (mant[n - 1] == '0')
                mant[--n] = '\0';
            if (mant[n - 1] == '.')
                mant[n - 1] = '\0';
        }
        snprintf(out, outlen, "%se%c%02d", mant, exp10 < 0 ? '-' : '+', abs(exp10));
        return;
    }
    int decimals = prec - 1 - exp10;
    snprintf(out, outlen, "%.*f", decimals > 0 ? decimals : 0, d);
}

/* ---------- evaluation ---------- */

static bool is_empty(const sim_record *r, const sim_aggregate *a)
{
    for (int i = 0; i < a->nslots; i++) {
        const sim_value *v = &r->v[a->slots[i]];
        if (v->kind != SV_NULL && !(v->kind == SV_STR && v->as.s[0] == '\0'))
            return false;
    }
    return true;
}

/* CONCAT of the slots' text (for COUNT(DISTINCT ...)). */
static char *concat_text(const sim_record *r, const sim_aggregate *a)
{
    size_t cap = 64, n = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < a->nslots; i++) {
        const sim_value *v = &r->v[a->slots[i]];
        char buf[64];
        const char *part = buf;
        buf[0] = '\0';
        switch (v->kind) {
        case SV_NULL: break;
        case SV_STR: part = v->as.s; break;
        case SV_INT: snprintf(buf, sizeof buf, "%lld", (long long)v->as.i); break;
        case SV_NUM: fmt_pg_float(v->as.n, buf, sizeof buf); break;
        case SV_BOOL: snprintf(buf, sizeof buf, "%s", v->as.b ? "true" : "false"); break;
        case SV_UUID: sim_uuid_format(&v->as.u, buf); break;
        case SV_TIME: sim_time_format(v->as.t, buf); break;
        }
        size_t pl = strlen(part);
        if (n + pl + 1 > cap) {
            while (n + pl + 1 > cap)
                cap *= 2;
            char *ns = realloc(s, cap);
            if (!ns) {
                free(s);
                return NULL;
            }
            s = ns;
        }
        memcpy(s + n, part, pl + 1);
        n += pl;
    }
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static cJSON *count_json(size_t n, bool as_string)
{
    char buf[32];
    if (!as_string)
        return cJSON_CreateNumber((double)n);
    snprintf(buf, sizeof buf, "%zu", n);
    return cJSON_CreateString(buf);
}

static cJSON *count_unique(const sim_aggregate *a, sim_record *const *rows, size_t n,
                           bool as_string)
{
    char **keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys)
        return NULL;
    size_t k = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        if (is_empty(rows[i], a))
            continue;
        keys[k] = concat_text(rows[i], a);
        ok = keys[k] != NULL;
        k += ok;
    }
    size_t distinct = 0;
    if (ok) {
        qsort(keys, k, sizeof *keys, cmp_str);
        for (size_t i = 0; i < k; i++)
            distinct += i == 0 || strcmp(keys[i], keys[i - 1]) != 0;
    }
    for (size_t i = 0; i < k; i++)
        free(keys[i]);
    free(keys);
    return ok ? count_json(distinct, as_string) : NULL;
}

static cJSON *numeric(const sim_aggregate *a, sim_record *const *rows, size_t n, bool as_string)
{
    char buf[160];
    size_t cnt = 0;
    i128 isum = 0;
    int64_t imin = 0, imax = 0;
    double dsum = 0, dmin = 0, dmax = 0;
    sim_vkind kind = SV_NULL;
    for (size_t i = 0; i < n; i++) {
        const sim_value *v = &rows[i]->v[a->slot];
        if (v->kind == SV_NULL)
            continue;
        if (kind == SV_NULL)
            kind = v->kind;
        if (v->kind != kind)
            continue;
        int64_t iv = v->kind == SV_TIME ? v->as.t : v->as.i;
        switch (v->kind) {
        case SV_INT:
        case SV_TIME:
            isum += iv;
            if (!cnt || iv < imin)
                imin = iv;
            if (!cnt || iv > imax)
                imax = iv;
            break;
        case SV_NUM:
            dsum += v->as.n;
            if (!cnt || v->as.n < dmin)
                dmin = v->as.n;
            if (!cnt || v->as.n > dmax)
                dmax = v->as.n;
            break;
        default:
            continue;
        }
        cnt++;
    }
    if (!cnt)
        return cJSON_CreateNull();
    if (kind == SV_TIME) {
        if (a->op != AGG_MIN && a->op != AGG_MAX)
            return cJSON_CreateNull();
        sim_time_format(a->op == AGG_MIN ? imin : imax, buf);
        return cJSON_CreateString(buf);
    }
    if (kind == SV_INT) {
        switch (a->op) {
        case AGG_SUM:
            if (!as_string)
                return cJSON_CreateNumber((double)isum);
            fmt_i128(isum, buf);
            return cJSON_CreateString(buf);
        case AGG_AVG:
            if (!as_string)
                return cJSON_CreateNumber((double)isum / (double)cnt);
            fmt_pg_div(isum, (int64_t)cnt, buf, sizeof buf);
            return cJSON_CreateString(buf);
        default: {
            int64_t m = a->op == AGG_MIN ? imin : imax;
            if (!as_string)
                return cJSON_CreateNumber((double)m);
            snprintf(buf, sizeof buf, "%lld", (long long)m);
            return cJSON_CreateString(buf);
        }
        }
    }
    double d = a->op == AGG_SUM ? dsum
               : a->op == AGG_AVG ? dsum / (double)cnt
               : a->op == AGG_MIN ? dmin
                                  : dmax;
    if (!as_string)
        return cJSON_CreateNumber(d);
    fmt_pg_float(d, buf, sizeof buf);
    return cJSON_CreateString(buf);
}

cJSON *sim_aggregate_eval(const sim_aggregate *a, sim_record *const *rows, size_t n, bool as_string)
{
    if (a->op == AGG_TOTAL_COUNT)
        return cJSON_CreateNumber((double)n);
    if (a->op == AGG_SUM || a->op == AGG_AVG || a->op == AGG_MIN || a->op == AGG_MAX)
        return a->slot >= 0 ? numeric(a, rows, n, as_string) : cJSON_CreateNull();
    if (n == 0 || a->nslots == 0)
        return cJSON_CreateNull();   /* CASE WHEN COUNT(*) = 0 THEN NULL */
    if (a->op == AGG_COUNT_UNIQUE)
        return count_unique(a, rows, n, as_string);
    size_t empty = 0;
    for (size_t i = 0; i < n; i++)
        empty += is_empty(rows[i], a);
    size_t part = a->op == AGG_COUNT_EMPTY || a->op == AGG_PERCENT_EMPTY ? empty : n - empty;
    if (a->op == AGG_COUNT_EMPTY || a->op == AGG_COUNT_NOT_EMPTY)
        return count_json(part, as_string);
    if (!as_string)
        return cJSON_CreateNumber((double)part / (double)n);
    char buf[160];
    fmt_pg_div((i128)part, (int64_t)n, buf, sizeof buf);
    return cJSON_CreateString(buf);
}
