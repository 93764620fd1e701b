/* filter_match.c - evaluating a filter tree on a record, with SQL's
 * three-valued logic (a comparison with NULL is unknown, so not(x[eq]:v)
 * does not match a NULL x, exactly as Postgres answers Twenty), plus the
 * tree's small services: and/or/not nodes, freeing, deletedAt detection,
 * pinned values, signatures and SQL LIKE with case folding. */
#include "sim/filter_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_FALSE = 0, T_TRUE = 1, T_UNKNOWN = 2 };

/* ---------- UTF-8 and case folding ---------- */

static uint32_t utf8_next(const char **sp)
{
    const unsigned char *s = (const unsigned char *)*sp;
    uint32_t c = s[0];
    int len = 1;
    if (c >= 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
        c = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
            (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
        len = 4;
    } else if (c >= 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        c = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        len = 3;
    } else if (c >= 0xC0 && (s[1] & 0xC0) == 0x80) {
        c = (uint32_t)(c & 0x1F) << 6 | (s[1] & 0x3F);
        len = 2;
    }
    *sp += len;
    return c;
}

static size_t utf8_put(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Simple lower-case mapping: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic. */
static uint32_t fold_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x178)
            return 0xFF;
        if ((c <= 0x137 || (c >= 0x14A && c <= 0x177)) && c % 2 == 0)
            return c + 1;
        if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 1)
            return c + 1;
        return c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

char *sim_fold_dup(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n * 2 + 1);   /* a folded code point never needs more than 2x */
    if (!out)
        return NULL;
    size_t o = 0;
    while (*s)
        o += utf8_put(fold_cp(utf8_next(&s)), out + o);
    out[o] = '\0';
    return out;
}

bool sim_like_match(const char *s, const char *p, bool fold)
{
    const char *star_p = NULL, *star_s = NULL;
    while (*s) {
        if (*p == '%') {
            while (*p == '%')
                p++;
            if (!*p)
                return true;
            star_p = p;
            star_s = s;
            continue;
        }
        const char *sn = s;
        uint32_t sc = utf8_next(&sn);
        if (*p == '_') {
            s = sn;
            p++;
            continue;
        }
        if (*p) {
            const char *pn = *p == '\\' && p[1] ? p + 1 : p;
            uint32_t pc = utf8_next(&pn);
            if ((fold ? fold_cp(sc) : sc) == pc) {
                s = sn;
                p = pn;
                continue;
            }
        }
        if (!star_p)
            return false;
        utf8_next(&star_s);
        s = star_s;
        p = star_p;
    }
    while (*p == '%')
        p++;
    return !*p;
}

/* ---------- comparisons ---------- */

static int cmp_i64_double(int64_t a, double b)
{
    if (b >= 9223372036854775808.0)
        return -1;
    if (b < -9223372036854775808.0)
        return 1;
    double fl = floor(b);
    int64_t fi = (int64_t)fl;
    if (a != fi)
        return a < fi ? -1 : 1;
    return fl < b ? -1 : 0;
}

/* Compares a slot value with a typed operand; false when they cannot be compared. */
static bool cmp_operand(const sim_value *v, const sim_value *op, int *out)
{
    if (v->kind == SV_INT && op->kind == SV_NUM) {
        *out = cmp_i64_double(v->as.i, op->as.n);
        return true;
    }
    if (v->kind == SV_NUM && op->kind == SV_NUM) {
        *out = (v->as.n > op->as.n) - (v->as.n < op->as.n);
        return true;
    }
    if (v->kind != op->kind)
        return false;
    *out = sim_value_cmp(v, op);
    return true;
}

static int match_leaf(const sim_filter *f, const sim_record *r)
{
    const sim_value *v = &r->v[f->slot];
    if (f->op == FOP_IS) {
        if (f->is_not_null)
            return v->kind != SV_NULL;
        return v->kind == SV_NULL ||
               (f->null_equiv && v->kind == SV_STR && v->as.s[0] == '\0');
    }
    if (v->kind == SV_NULL) {
        if (f->null_equiv)
            return f->op == FOP_NEQ ? T_FALSE : T_TRUE;
        return T_UNKNOWN;
    }
    int c = 0;
    switch (f->op) {
    case FOP_EQ:
        return cmp_operand(v, &f->ops[0], &c) && c == 0;
    case FOP_NEQ:
        return !cmp_operand(v, &f->ops[0], &c) || c != 0;
    case FOP_GT:
        return cmp_operand(v, &f->ops[0], &c) && c > 0;
    case FOP_GTE:
        return cmp_operand(v, &f->ops[0], &c) && c >= 0;
    case FOP_LT:
        return cmp_operand(v, &f->ops[0], &c) && c < 0;
    case FOP_LTE:
        return cmp_operand(v, &f->ops[0], &c) && c <= 0;
    case FOP_IN:
        for (size_t i = 0; i < f->nops; i++)
            if (cmp_operand(v, &f->ops[i], &c) && c == 0)
                return T_TRUE;
        return T_FALSE;
    case FOP_STARTS_WITH:
        return v->kind == SV_STR &&
               strncmp(v->as.s, f->ops[0].as.s, strlen(f->ops[0].as.s)) == 0;
    case FOP_ENDS_WITH: {
        if (v->kind != SV_STR)
            return T_FALSE;
        size_t a = strlen(v->as.s), b = strlen(f->ops[0].as.s);
        return a >= b && memcmp(v->as.s + a - b, f->ops[0].as.s, b) == 0;
    }
    case FOP_LIKE:
        return v->kind == SV_STR && sim_like_match(v->as.s, f->pattern, false);
    case FOP_ILIKE:
        return v->kind == SV_STR && sim_like_match(v->as.s, f->pattern, true);
    case FOP_CONTAINS_ANY:
    case FOP_IS:
        break;
    }
    return T_FALSE;
}

static int eval(const sim_filter *f, const sim_record *r)
{
    switch (f->kind) {
    case FN_LEAF:
        return match_leaf(f, r);
    case FN_AND: {
        int res = T_TRUE;
        for (size_t i = 0; i < f->nkids; i++) {
            int k = eval(f->kids[i], r);
            if (k == T_FALSE)
                return T_FALSE;
            if (k == T_UNKNOWN)
                res = T_UNKNOWN;
        }
        return res;
    }
    case FN_OR: {
        int res = T_FALSE;
        for (size_t i = 0; i < f->nkids; i++) {
            int k = eval(f->kids[i], r);
            if (k == T_TRUE)
                return T_TRUE;
            if (k == T_UNKNOWN)
                res = T_UNKNOWN;
        }
        return res;
    }
    case FN_NOT: {
        int k = f->nkids ? eval(f->kids[0], r) : T_TRUE;
        return k == T_UNKNOWN ? T_UNKNOWN : !k;
    }
    }
    return T_FALSE;
}

bool sim_filter_match(const sim_filter *f, const sim_record *r)
{
    return !f || eval(f, r) == T_TRUE;
}

/* ---------- tree services ---------- */

sim_filter *sim_filter_node(sim_fnode kind, sim_filter **children, size_t n)
{
    bool ok = kind != FN_LEAF && (kind != FN_NOT || n == 1);
    for (size_t i = 0; i < n; i++)
        ok = ok && children[i];
    sim_filter *f = ok ? calloc(1, sizeof *f) : NULL;
    if (f && n) {
        f->kids = malloc(n * sizeof *f->kids);
        if (!f->kids) {
            free(f);
            f = NULL;
        }
    }
    if (!f) {
        for (size_t i = 0; i < n; i++)
            sim_filter_free(children[i]);
        return NULL;
    }
    f->kind = kind;
    f->nkids = n;
    if (n)
        memcpy(f->kids, children, n * sizeof *f->kids);
    return f;
}

void sim_filter_free(sim_filter *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nkids; i++)
        sim_filter_free(f->kids[i]);
    free(f->kids);
    for (size_t i = 0; i < f->nops; i++)
        sim_value_free(&f->ops[i]);
    free(f->ops);
    free(f->pattern);
    free(f);
}

bool sim_filter_mentions_deleted_at(const sim_filter *f)
{
    if (!f)
        return false;
    if (f->kind == FN_LEAF)
        return f->deleted_at;
    for (size_t i = 0; i < f->nkids; i++)
        if (sim_filter_mentions_deleted_at(f->kids[i]))
            return true;
    return false;
}

static bool leaf_pins(const sim_filter *f, int slot)
{
    return f->kind == FN_LEAF && f->op == FOP_EQ && f->slot == slot && f->nops == 1 &&
           !f->null_equiv;
}

const sim_value *sim_filter_pinned(const sim_filter *f, int slot)
{
    if (!f)
        return NULL;
    if (leaf_pins(f, slot))
        return &f->ops[0];
    if (f->kind != FN_AND)
        return NULL;
    for (size_t i = 0; i < f->nkids; i++) {
        const sim_value *v = sim_filter_pinned(f->kids[i], slot);
        if (v)
            return v;
    }
    return NULL;
}

/* ---------- signatures ---------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
    bool oom;
} sbuf;

static void sb_add(sbuf *b, const char *data, size_t len)
{
    if (b->oom)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = true;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, data, len);
    b->n += len;
    b->s[b->n] = '\0';
}

static void sb_fmt(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_fmt(sbuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k > 0)
        sb_add(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void sig_value(sbuf *b, const sim_value *v)
{
    switch (v->kind) {
    case SV_NULL: sb_add(b, "n", 1); break;
    case SV_STR:
        sb_fmt(b, "s%zu:", strlen(v->as.s));
        sb_add(b, v->as.s, strlen(v->as.s));
        break;
    case SV_INT: sb_fmt(b, "i%lld", (long long)v->as.i); break;
    case SV_NUM: sb_fmt(b, "d%a", v->as.n); break;
    case SV_BOOL: sb_fmt(b, "b%d", v->as.b ? 1 : 0); break;
    case SV_TIME: sb_fmt(b, "t%lld", (long long)v->as.t); break;
    case SV_UUID: {
        char u[37];
        sim_uuid_format(&v->as.u, u);
        sb_fmt(b, "u%s", u);
        break;
    }
    }
    sb_add(b, ";", 1);
}

static void sig(sbuf *b, const sim_filter *f)
{
    if (f->kind == FN_LEAF) {
        sb_fmt(b, "L%d.%d.%d%d[", f->slot, (int)f->op, f->null_equiv, f->is_not_null);
        for (size_t i = 0; i < f->nops; i++)
            sig_value(b, &f->ops[i]);
        sb_add(b, "]", 1);
        return;
    }
    sb_add(b, f->kind == FN_AND ? "A(" : f->kind == FN_OR ? "O(" : "N(", 2);
    for (size_t i = 0; i < f->nkids; i++)
        sig(b, f->kids[i]);
    sb_add(b, ")", 1);
}

char *sim_filter_signature(const sim_filter *f)
{
    sbuf b = {0};
    if (f)
        sig(&b, f);
    else
        sb_add(&b, "*", 1);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
