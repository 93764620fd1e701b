/* filter_rest.c - the REST `filter` text, read exactly as Twenty's parsers
 * read it (checkFilterQuery, addDefaultConjunctionIfMissing, parseFilter,
 * parseFilterContent, parseBaseFilter, formatFieldValue), quirks included:
 * a string is first parsed whole (syntax errors anywhere win), then every
 * leaf is validated in order against the metadata (filter_leaf.c). */
#include "sim/filter_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parsed text before validation. */
typedef struct rnode {
    sim_fnode kind;
    struct rnode **kids;
    size_t nkids;
    char **parts;     /* leaf: the path split on '.' */
    size_t nparts;
    sim_fop op;
    char **vals;
    size_t nvals;
    bool list;
} rnode;

static void rnode_free(rnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        rnode_free(n->kids[i]);
    free(n->kids);
    for (size_t i = 0; i < n->nparts; i++)
        free(n->parts[i]);
    free(n->parts);
    for (size_t i = 0; i < n->nvals; i++)
        free(n->vals[i]);
    free(n->vals);
    free(n);
}

static bool oom(sim_error *err)
{
    return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* JavaScript's `.` does not match line terminators (\n \r U+2028 U+2029). */
static bool has_line_terminator(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == '\n' || *p == '\r' ||
            (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)))
            return true;
    return false;
}

/* ^(or|and|not)\((.+)\)$ */
static bool conj_match(const char *s, sim_fnode *kind)
{
    size_t len = strlen(s), plen;
    if (strncmp(s, "or(", 3) == 0) {
        *kind = FN_OR;
        plen = 3;
    } else if (strncmp(s, "and(", 4) == 0) {
        *kind = FN_AND;
        plen = 4;
    } else if (strncmp(s, "not(", 4) == 0) {
        *kind = FN_NOT;
        plen = 4;
    } else {
        return false;
    }
    return len >= plen + 2 && s[len - 1] == ')' && !has_line_terminator(s);
}

/* ^(.+)\[(.+)\]:(.+)$ */
static bool leaf_match(const char *s)
{
    if (has_line_terminator(s))
        return false;
    size_t len = strlen(s);
    const char *open = len > 1 ? strchr(s + 1, '[') : NULL;
    if (!open)
        return false;
    size_t i = (size_t)(open - s);
    for (size_t j = len >= 3 ? len - 3 : 0; j >= i + 2 && j + 2 < len; j--) {
        if (s[j] == ']' && s[j + 1] == ':')
            return true;
        if (j == 0)
            break;
    }
    return false;
}

/* parseFilterContent: the predicates of `conj(...)`, split on commas at
 * depth 1 outside [] (a toggle, not a nesting) and outside quotes. */
static char **split_content(const char *s, size_t *count)
{
    size_t len = strlen(s), cap = 4, n = 0;
    char **out = malloc(cap * sizeof *out);
    char *cur = malloc(len + 1);
    if (!out || !cur) {
        free(out);
        free(cur);
        return NULL;
    }
    size_t cl = 0;
    bool in_brackets = false, in_dq = false, in_sq = false;
    int depth = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = s[i];
        bool end = i == len;
        bool split = end;
        if (!end) {
            bool persist = depth >= 1;
            if (c == '(')
                depth++;
            if (c == ')') {
                depth--;
                persist = depth >= 1;
            }
            if (c == '[' || c == ']')
                in_brackets = !in_brackets;
            if (c == '"')
                in_dq = !in_dq;
            if (c == '\'')
                in_sq = !in_sq;
            if (c == ',' && depth == 1 && !in_brackets && !in_dq && !in_sq) {
                split = true;
                persist = false;
            }
            if (persist)
                cur[cl++] = c;
        }
        if (split) {
            if (n == cap) {
                cap *= 2;
                char **no = realloc(out, cap * sizeof *out);
                if (!no)
                    goto fail;
                out = no;
            }
            out[n] = dup_n(cur, cl);
            if (!out[n])
                goto fail;
            n++;
            cl = 0;
        }
    }
    free(cur);
    *count = n;
    return out;
fail:
    for (size_t i = 0; i < n; i++)
        free(out[i]);
    free(out);
    free(cur);
    return NULL;
}

/* formatFieldValue's quote handling: one surrounding pair of ' or " (either
 * end may be either kind) is dropped; no escapes exist. */
static char *strip_quotes(const char *v, size_t len)
{
    if (len >= 2 && (v[0] == '"' || v[0] == '\'') && (v[len - 1] == '"' || v[len - 1] == '\''))
        return dup_n(v + 1, len - 2);
    return dup_n(v, len);
}

static bool add_str(char ***arr, size_t *n, char *s)
{
    if (!s)
        return false;
    char **na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na) {
        free(s);
        return false;
    }
    na[(*n)++] = s;
    *arr = na;
    return true;
}

static const char k_comparators[] =
    "eq, neq, in, containsAny, is, gt, gte, lt, lte, startsWith, endsWith, like, ilike";

/* parseBaseFilter + formatFieldValue(value, undefined, comparator). */
static rnode *parse_leaf(const char *s, sim_error *err)
{
    if (!leaf_match(s)) {
        sim_bad_request(err, "'filter' invalid for '%s'. eg: price[gte]:10", s);
        return NULL;
    }
    size_t len = strlen(s), fl = 0, cl = 0, vl = 0;
    char *fields = malloc(len + 1), *comp = malloc(len + 1), *value = malloc(len + 1);
    rnode *n = calloc(1, sizeof *n);
    if (!fields || !comp || !value || !n) {
        oom(err);
        goto fail;
    }
    n->kind = FN_LEAF;
    bool fill_fields = true, fill_comp = false, fill_value = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (fill_value)
            value[vl++] = c;
        if (c == ']' && !fill_value)
            fill_comp = false;
        if (c == ':' && !fill_comp)
            fill_value = true;
        if (fill_comp)
            comp[cl++] = c;
        if (c == '[' && fill_fields) {
            fill_fields = false;
            fill_comp = true;
        }
        if (fill_fields)
            fields[fl++] = c;
    }
    fields[fl] = comp[cl] = value[vl] = '\0';
    if (!sim_fop_parse(comp, &n->op)) {
        sim_bad_request(err, "'filter' invalid for '%s', comparator %s not in %s", s, comp,
                        k_comparators);
        goto fail;
    }
    const char *p = fields;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t plen = dot ? (size_t)(dot - p) : strlen(p);
        if (!add_str(&n->parts, &n->nparts, dup_n(p, plen))) {
            oom(err);
            goto fail;
        }
        if (!dot)
            break;
        p = dot + 1;
    }
    if (n->op == FOP_IN || n->op == FOP_CONTAINS_ANY) {
        const char *opn = sim_fop_name(n->op);
        if (vl < 2 || value[0] != '[' || value[vl - 1] != ']') {
            sim_bad_request(err,
                            "'filter' invalid for '%s' operator. Received '%s' but array value "
                            "expected eg: 'field[%s]:[value_1,value_2]'",
                            opn, value, opn);
            goto fail;
        }
        n->list = true;
        const char *q = value + 1, *end = value + vl - 1;
        for (;;) {
            const char *comma = memchr(q, ',', (size_t)(end - q));
            const char *stop = comma ? comma : end;
            if (!add_str(&n->vals, &n->nvals, strip_quotes(q, (size_t)(stop - q)))) {
                oom(err);
                goto fail;
            }
            if (!comma)
                break;
            q = comma + 1;
        }
    } else if (n->op == FOP_IS) {
        if (!add_str(&n->vals, &n->nvals, dup_n(value, vl))) {
            oom(err);
            goto fail;
        }
    } else if (!add_str(&n->vals, &n->nvals, strip_quotes(value, vl))) {
        oom(err);
        goto fail;
    }
    free(fields);
    free(comp);
    free(value);
    return n;
fail:
    free(fields);
    free(comp);
    free(value);
    rnode_free(n);
    return NULL;
}

/* parseFilter */
static rnode *parse(const char *s, sim_error *err, int depth)
{
    if (depth > 200) {
        sim_bad_request(err, "'filter' invalid. The query is nested too deeply");
        return NULL;
    }
    sim_fnode kind;
    if (!conj_match(s, &kind))
        return parse_leaf(s, err);
    size_t count = 0;
    char **preds = split_content(s, &count);
    rnode *n = calloc(1, sizeof *n);
    if (!preds || !n || !(n->kids = calloc(count, sizeof *n->kids))) {
        oom(err);
        goto fail;
    }
    n->kind = kind;
    for (size_t i = 0; i < count; i++) {
        n->kids[i] = parse(preds[i], err, depth + 1);
        if (!n->kids[i])
            goto fail;
        n->nkids = i + 1;
    }
    if (kind == FN_NOT && count > 1) {
        sim_bad_request(err, "'filter' invalid. 'not' conjunction should contain only 1 "
                             "condition. eg: not(field[eq]:1)");
        goto fail;
    }
    for (size_t i = 0; i < count; i++)
        free(preds[i]);
    free(preds);
    return n;
fail:
    if (preds) {
        for (size_t i = 0; i < count; i++)
            free(preds[i]);
        free(preds);
    }
    rnode_free(n);
    return NULL;
}

static sim_filter *build(const sim_schema *s, const sim_object *o, const rnode *n,
                         sim_error *err)
{
    if (n->kind == FN_LEAF)
        return sim_filter_build_leaf(s, o, n->parts, n->nparts, n->op, n->vals, n->nvals,
                                     n->list, err);
    sim_filter **kids = calloc(n->nkids ? n->nkids : 1, sizeof *kids);
    if (!kids) {
        oom(err);
        return NULL;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        kids[i] = build(s, o, n->kids[i], err);
        if (!kids[i]) {
            for (size_t j = 0; j < i; j++)
                sim_filter_free(kids[j]);
            free(kids);
            return NULL;
        }
    }
    sim_filter *f = sim_filter_node(n->kind, kids, n->nkids);
    free(kids);
    if (!f)
        oom(err);
    return f;
}

sim_filter *sim_filter_parse_rest(const sim_schema *s, const sim_object *o, const char *text,
                                  sim_error *err)
{
    if (err)
        err->status = 0;
    if (!text)
        return NULL;
    /* checkFilterQuery */
    long open = 0, close = 0;
    for (const char *p = text; *p; p++) {
        open += *p == '(';
        close += *p == ')';
    }
    long diff = open - close;
    if (diff > 0) {
        sim_bad_request(err, "'filter' invalid. %ld close bracket%s missing in the query", diff,
                        diff > 1 ? "s are" : " is");
        return NULL;
    }
    if (diff < 0) {
        sim_bad_request(err, "'filter' invalid. %ld open bracket%s missing in the query", -diff,
                        -diff > 1 ? "s are" : " is");
        return NULL;
    }
    /* addDefaultConjunctionIfMissing */
    sim_fnode root_kind;
    char *wrapped = NULL;
    if (!conj_match(text, &root_kind)) {
        size_t len = strlen(text);
        wrapped = malloc(len + 6);
        if (!wrapped) {
            oom(err);
            return NULL;
        }
        snprintf(wrapped, len + 6, "and(%s)", text);
    }
    rnode *root = parse(wrapped ? wrapped : text, err, 0);
    free(wrapped);
    if (!root)
        return NULL;
    sim_filter *f = build(s, o, root, err);
    rnode_free(root);
    return f;
}
