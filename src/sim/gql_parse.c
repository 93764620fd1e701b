/* gql_parse.c - recursive-descent parser for executable GraphQL documents;
 * see gql_parse.h. Mirrors graphql-js 16's Parser (parseDocument and the
 * productions it reaches for executable definitions). */
#include "sim/gql_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gql_lex.h"

#define MAX_DEPTH 128

typedef struct parser {
    gql_lexer lx;
    gql_doc *doc;
    gql_parse_error *err;
    int depth;
} parser;

static void *fail_oom(parser *p)
{
    snprintf(p->err->message, sizeof p->err->message, "out of memory");
    p->err->loc = p->lx.tok.start;
    return NULL;
}

static bool failf(parser *p, size_t loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool failf(parser *p, size_t loc, const char *fmt, ...)
{
    char msg[260];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->err->message, sizeof p->err->message, "Syntax Error: %s", msg);
    p->err->loc = loc;
    return false;
}

static bool advance(parser *p)
{
    if (gql_lex_next(&p->lx))
        return true;
    snprintf(p->err->message, sizeof p->err->message, "%s", p->lx.message);
    p->err->loc = p->lx.err_pos;
    return false;
}

static bool peek(const parser *p, gql_tok k) { return p->lx.tok.kind == k; }

static bool unexpected(parser *p)
{
    char d[220];
    gql_tok_desc(&p->lx.tok, d, sizeof d);
    return failf(p, p->lx.tok.start, "Unexpected %s.", d);
}

static bool expect(parser *p, gql_tok k)
{
    if (peek(p, k))
        return advance(p);
    char d[220], kb[16];
    gql_tok_desc(&p->lx.tok, d, sizeof d);
    return failf(p, p->lx.tok.start, "Expected %s, found %s.", gql_tok_kind_desc(k, kb), d);
}

/* Consumes k if it is the current token; *ok is false on a lexical error. */
static bool optional(parser *p, gql_tok k, bool *ok)
{
    *ok = true;
    if (!peek(p, k))
        return false;
    *ok = advance(p);
    return true;
}

static bool peek_keyword(const parser *p, const char *kw)
{
    return peek(p, GT_NAME) && strcmp(p->lx.tok.value, kw) == 0;
}

static bool expect_keyword(parser *p, const char *kw)
{
    if (peek_keyword(p, kw))
        return advance(p);
    char d[220];
    gql_tok_desc(&p->lx.tok, d, sizeof d);
    return failf(p, p->lx.tok.start, "Expected \"%s\", found %s.", kw, d);
}

/* Name: returns an arena copy and advances. */
static const char *parse_name(parser *p, size_t *loc)
{
    if (!peek(p, GT_NAME)) {
        expect(p, GT_NAME);
        return NULL;
    }
    if (loc)
        *loc = p->lx.tok.start;
    char *s = gql_arena_strdup(&p->doc->arena, p->lx.tok.value);
    if (!s)
        return fail_oom(p);
    return advance(p) ? s : NULL;
}

static gql_value *parse_value(parser *p, bool is_const);

static gql_value *new_value(parser *p, gql_vkind k)
{
    gql_value *v = gql_arena_alloc(&p->doc->arena, sizeof *v);
    if (!v)
        return fail_oom(p);
    v->kind = k;
    v->loc = p->lx.tok.start;
    return v;
}

static gql_value *parse_list(parser *p, bool is_const)
{
    gql_value *v = new_value(p, GV_LIST);
    size_t cap = 0;
    if (!v || !advance(p))
        return NULL;
    while (!peek(p, GT_BRACKET_R)) {
        gql_value *item = parse_value(p, is_const);
        if (!item)
            return NULL;
        gql_value **slot = gql_arena_grow(&p->doc->arena, (void **)&v->items, &v->nitems, &cap,
                                          sizeof *slot);
        if (!slot)
            return fail_oom(p);
        *slot = item;
    }
    return advance(p) ? v : NULL;
}

static gql_value *parse_object(parser *p, bool is_const)
{
    gql_value *v = new_value(p, GV_OBJECT);
    size_t cap = 0;
    if (!v || !advance(p))
        return NULL;
    while (!peek(p, GT_BRACE_R)) {
        size_t loc;
        const char *name = parse_name(p, &loc);
        if (!name || !expect(p, GT_COLON))
            return NULL;
        gql_value *fv = parse_value(p, is_const);
        if (!fv)
            return NULL;
        gql_ofield *f = gql_arena_grow(&p->doc->arena, (void **)&v->fields, &v->nfields, &cap,
                                       sizeof *f);
        if (!f)
            return fail_oom(p);
        f->name = name;
        f->loc = loc;
        f->value = fv;
    }
    return advance(p) ? v : NULL;
}

static gql_value *parse_variable(parser *p)
{
    gql_value *v = new_value(p, GV_VARIABLE);
    if (!v || !expect(p, GT_DOLLAR))
        return NULL;
    v->s = parse_name(p, NULL);
    return v->s ? v : NULL;
}

static gql_value *parse_value(parser *p, bool is_const)
{
    if (++p->depth > MAX_DEPTH) {
        failf(p, p->lx.tok.start, "Document is nested too deeply.");
        return NULL;
    }
    gql_value *v = NULL;
    switch (p->lx.tok.kind) {
    case GT_BRACKET_L:
        v = parse_list(p, is_const);
        break;
    case GT_BRACE_L:
        v = parse_object(p, is_const);
        break;
    case GT_INT:
    case GT_FLOAT:
    case GT_STRING:
    case GT_BLOCK_STRING:
    case GT_NAME: {
        gql_tok k = p->lx.tok.kind;
        const char *t = p->lx.tok.value;
        gql_vkind vk = k == GT_INT ? GV_INT : k == GT_FLOAT ? GV_FLOAT : k == GT_NAME ? GV_ENUM : GV_STRING;
        if (k == GT_NAME && (!strcmp(t, "true") || !strcmp(t, "false")))
            vk = GV_BOOLEAN;
        else if (k == GT_NAME && !strcmp(t, "null"))
            vk = GV_NULL;
        v = new_value(p, vk);
        if (!v)
            break;
        v->block = k == GT_BLOCK_STRING;
        v->b = vk == GV_BOOLEAN && t[0] == 't';
        if (vk != GV_BOOLEAN && vk != GV_NULL && !(v->s = gql_arena_strdup(&p->doc->arena, t))) {
            v = fail_oom(p);
            break;
        }
        if (!advance(p))
            v = NULL;
        break;
    }
    case GT_DOLLAR:
        if (is_const) {
            if (!advance(p))
                break;
            if (peek(p, GT_NAME))
                failf(p, p->lx.tok.start, "Unexpected variable \"$%s\" in constant value.",
                      p->lx.tok.value);
            else
                unexpected(p);
            break;
        }
        v = parse_variable(p);
        break;
    default:
        unexpected(p);
        break;
    }
    p->depth--;
    return v;
}

static gql_typeref *parse_typeref(parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        failf(p, p->lx.tok.start, "Document is nested too deeply.");
        return NULL;
    }
    gql_typeref *t = gql_arena_alloc(&p->doc->arena, sizeof *t);
    if (!t)
        return fail_oom(p);
    t->loc = p->lx.tok.start;
    bool ok;
    if (optional(p, GT_BRACKET_L, &ok)) {
        if (!ok)
            return NULL;
        t->kind = GTR_LIST;
        if (!(t->of = parse_typeref(p)) || !expect(p, GT_BRACKET_R))
            return NULL;
    } else {
        t->kind = GTR_NAMED;
        if (!(t->name = parse_name(p, NULL)))
            return NULL;
    }
    p->depth--;
    if (optional(p, GT_BANG, &ok)) {
        if (!ok)
            return NULL;
        gql_typeref *nn = gql_arena_alloc(&p->doc->arena, sizeof *nn);
        if (!nn)
            return fail_oom(p);
        nn->kind = GTR_NON_NULL;
        nn->of = t;
        nn->loc = t->loc;
        return nn;
    }
    return t;
}

/* optionalMany(PAREN_L, parseArgument, PAREN_R) */
static bool parse_arguments(parser *p, bool is_const, gql_arg **args, size_t *nargs)
{
    bool ok;
    size_t cap = 0;
    if (!optional(p, GT_PAREN_L, &ok))
        return true;
    if (!ok)
        return false;
    do {
        size_t loc;
        const char *name = parse_name(p, &loc);
        if (!name || !expect(p, GT_COLON))
            return false;
        gql_value *v = parse_value(p, is_const);
        if (!v)
            return false;
        gql_arg *a = gql_arena_grow(&p->doc->arena, (void **)args, nargs, &cap, sizeof *a);
        if (!a)
            return fail_oom(p);
        a->name = name;
        a->loc = loc;
        a->value = v;
    } while (!optional(p, GT_PAREN_R, &ok) && ok);
    return ok;
}

static bool parse_directives(parser *p, bool is_const, gql_directive **dirs, size_t *ndirs)
{
    size_t cap = 0;
    while (peek(p, GT_AT)) {
        gql_directive *d = gql_arena_grow(&p->doc->arena, (void **)dirs, ndirs, &cap, sizeof *d);
        if (!d)
            return fail_oom(p);
        d->loc = p->lx.tok.start;
        if (!advance(p) || !(d->name = parse_name(p, NULL)) ||
            !parse_arguments(p, is_const, &d->args, &d->nargs))
            return false;
    }
    return true;
}

static gql_selset *parse_selset(parser *p);

static bool parse_selection(parser *p, gql_sel *s)
{
    s->loc = p->lx.tok.start;
    if (peek(p, GT_SPREAD)) {
        if (!advance(p))
            return false;
        bool has_cond = peek_keyword(p, "on");
        if (!has_cond && peek(p, GT_NAME)) {
            s->kind = GS_SPREAD;
            return (s->name = parse_name(p, &s->name_loc)) && parse_directives(p, false, &s->dirs, &s->ndirs);
        }
        s->kind = GS_INLINE;
        if (has_cond) {
            if (!advance(p) || !(s->type_cond = parse_name(p, &s->type_cond_loc)))
                return false;
        }
        return parse_directives(p, false, &s->dirs, &s->ndirs) && (s->sel = parse_selset(p));
    }
    s->kind = GS_FIELD;
    const char *first = parse_name(p, &s->name_loc);
    bool ok;
    if (!first)
        return false;
    if (optional(p, GT_COLON, &ok)) {
        if (!ok)
            return false;
        s->alias = first;
        if (!(s->name = parse_name(p, &s->name_loc)))
            return false;
    } else {
        s->name = first;
    }
    if (!parse_arguments(p, false, &s->args, &s->nargs) ||
        !parse_directives(p, false, &s->dirs, &s->ndirs))
        return false;
    if (peek(p, GT_BRACE_L) && !(s->sel = parse_selset(p)))
        return false;
    return true;
}

/* many(BRACE_L, parseSelection, BRACE_R) */
static gql_selset *parse_selset(parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        failf(p, p->lx.tok.start, "Document is nested too deeply.");
        return NULL;
    }
    gql_selset *ss = gql_arena_alloc(&p->doc->arena, sizeof *ss);
    size_t cap = 0;
    bool ok;
    if (!ss)
        return fail_oom(p);
    ss->loc = p->lx.tok.start;
    if (!expect(p, GT_BRACE_L))
        return NULL;
    do {
        gql_sel *s = gql_arena_grow(&p->doc->arena, (void **)&ss->items, &ss->n, &cap, sizeof *s);
        if (!s)
            return fail_oom(p);
        if (!parse_selection(p, s))
            return NULL;
    } while (!optional(p, GT_BRACE_R, &ok) && ok);
    p->depth--;
    return ok ? ss : NULL;
}

static bool parse_vardefs(parser *p, gql_op *op)
{
    bool ok;
    size_t cap = 0;
    if (!optional(p, GT_PAREN_L, &ok))
        return true;
    if (!ok)
        return false;
    do {
        gql_vardef *v = gql_arena_grow(&p->doc->arena, (void **)&op->vars, &op->nvars, &cap, sizeof *v);
        if (!v)
            return fail_oom(p);
        v->loc = p->lx.tok.start;
        if (!expect(p, GT_DOLLAR) || !(v->name = parse_name(p, NULL)) || !expect(p, GT_COLON) ||
            !(v->type = parse_typeref(p)))
            return false;
        if (optional(p, GT_EQUALS, &ok) && !(ok && (v->def = parse_value(p, true))))
            return false;
        if (!ok || !parse_directives(p, true, &v->dirs, &v->ndirs))
            return false;
    } while (!optional(p, GT_PAREN_R, &ok) && ok);
    return ok;
}

static bool parse_operation(parser *p, gql_op *op)
{
    op->loc = p->lx.tok.start;
    if (peek(p, GT_BRACE_L)) {
        op->type = GQL_QUERY;
        return (op->sel = parse_selset(p)) != NULL;
    }
    const char *t = p->lx.tok.value;
    if (!strcmp(t, "query"))
        op->type = GQL_QUERY;
    else if (!strcmp(t, "mutation"))
        op->type = GQL_MUTATION;
    else
        op->type = GQL_SUBSCRIPTION;
    if (!advance(p))
        return false;
    if (peek(p, GT_NAME) && !(op->name = parse_name(p, NULL)))
        return false;
    return parse_vardefs(p, op) && parse_directives(p, false, &op->dirs, &op->ndirs) &&
           (op->sel = parse_selset(p)) != NULL;
}

static bool parse_fragment_def(parser *p, gql_frag *f)
{
    f->loc = p->lx.tok.start;
    if (!expect_keyword(p, "fragment"))
        return false;
    if (peek_keyword(p, "on"))
        return unexpected(p);
    return (f->name = parse_name(p, &f->name_loc)) && expect_keyword(p, "on") &&
           (f->type_cond = parse_name(p, &f->type_cond_loc)) &&
           parse_directives(p, false, &f->dirs, &f->ndirs) && (f->sel = parse_selset(p));
}

static bool parse_document(parser *p)
{
    gql_doc *d = p->doc;
    size_t opcap = 0, fcap = 0;
    if (!advance(p))
        return false;
    /* many(SOF, parseDefinition, EOF): at least one definition */
    do {
        if (peek(p, GT_BRACE_L) || peek_keyword(p, "query") || peek_keyword(p, "mutation") ||
            peek_keyword(p, "subscription")) {
            gql_op *op = gql_arena_grow(&d->arena, (void **)&d->ops, &d->nops, &opcap, sizeof *op);
            if (!op)
                return fail_oom(p);
            if (!parse_operation(p, op))
                return false;
        } else if (peek_keyword(p, "fragment")) {
            gql_frag *f = gql_arena_grow(&d->arena, (void **)&d->frags, &d->nfrags, &fcap, sizeof *f);
            if (!f)
                return fail_oom(p);
            if (!parse_fragment_def(p, f))
                return false;
        } else {
            return unexpected(p);
        }
    } while (!peek(p, GT_EOF));
    return true;
}

gql_doc *gql_parse(const char *src, size_t len, gql_parse_error *err)
{
    gql_arena a = {0};
    gql_doc *d = gql_arena_alloc(&a, sizeof *d);
    char *copy = d ? gql_arena_strndup(&a, src, len) : NULL;
    if (!copy) {
        gql_arena_free(&a);
        snprintf(err->message, sizeof err->message, "out of memory");
        err->loc = 0;
        return NULL;
    }
    d->arena = a;
    d->src = copy;
    d->len = len;
    parser p = {.doc = d, .err = err};
    gql_lex_init(&p.lx, copy, len);
    bool ok = parse_document(&p);
    gql_lex_free(&p.lx);
    if (!ok) {
        gql_doc_free(d);
        return NULL;
    }
    return d;
}

void gql_doc_free(gql_doc *d)
{
    if (d) {
        gql_arena a = d->arena;   /* d itself lives in the arena */
        gql_arena_free(&a);
    }
}

void gql_doc_location(const gql_doc *d, size_t loc, int *line, int *column)
{
    gql_source_location(d->src, d->len, loc, line, column);
}

const gql_frag *gql_doc_fragment(const gql_doc *d, const char *name, size_t *index)
{
    for (size_t i = 0; i < d->nfrags; i++)
        if (strcmp(d->frags[i].name, name) == 0) {
            if (index)
                *index = i;
            return &d->frags[i];
        }
    return NULL;
}

/* --- printing --- */

typedef struct pbuf {
    gql_arena *a;
    char *p;
    size_t n, cap;
    bool oom;
} pbuf;

static void pb_add(pbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *np = gql_arena_alloc(b->a, cap);
        if (!np) {
            b->oom = true;
            return;
        }
        if (b->n)
            memcpy(np, b->p, b->n);
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void pb_str(pbuf *b, const char *s) { pb_add(b, s, strlen(s)); }

static void pb_quoted(pbuf *b, const char *s)
{
    pb_add(b, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[8];
        switch (*c) {
        case '"': pb_str(b, "\\\""); break;
        case '\\': pb_str(b, "\\\\"); break;
        case '\b': pb_str(b, "\\b"); break;
        case '\f': pb_str(b, "\\f"); break;
        case '\n': pb_str(b, "\\n"); break;
        case '\r': pb_str(b, "\\r"); break;
        case '\t': pb_str(b, "\\t"); break;
        default:
            if (*c < 0x20 || *c == 0x7F) {
                snprintf(esc, sizeof esc, "\\u%04X", *c);
                pb_str(b, esc);
            } else {
                pb_add(b, (const char *)c, 1);
            }
        }
    }
    pb_add(b, "\"", 1);
}

static void pb_value(pbuf *b, const gql_value *v)
{
    switch (v->kind) {
    case GV_VARIABLE:
        pb_str(b, "$");
        pb_str(b, v->s);
        break;
    case GV_INT:
    case GV_FLOAT:
    case GV_ENUM:
        pb_str(b, v->s);
        break;
    case GV_STRING:
        pb_quoted(b, v->s);
        break;
    case GV_BOOLEAN:
        pb_str(b, v->b ? "true" : "false");
        break;
    case GV_NULL:
        pb_str(b, "null");
        break;
    case GV_LIST:
        pb_str(b, "[");
        for (size_t i = 0; i < v->nitems; i++) {
            if (i)
                pb_str(b, ", ");
            pb_value(b, v->items[i]);
        }
        pb_str(b, "]");
        break;
    case GV_OBJECT:
        pb_str(b, "{");
        for (size_t i = 0; i < v->nfields; i++) {
            if (i)
                pb_str(b, ", ");
            pb_str(b, v->fields[i].name);
            pb_str(b, ": ");
            pb_value(b, v->fields[i].value);
        }
        pb_str(b, "}");
        break;
    }
}

char *gql_print_value(gql_arena *a, const gql_value *v)
{
    pbuf b = {.a = a};
    pb_value(&b, v);
    return b.oom ? NULL : b.p;
}

char *gql_print_string(gql_arena *a, const char *s)
{
    pbuf b = {.a = a};
    pb_quoted(&b, s);
    return b.oom ? NULL : b.p;
}

static void pb_typeref(pbuf *b, const gql_typeref *t)
{
    switch (t->kind) {
    case GTR_NAMED:
        pb_str(b, t->name);
        break;
    case GTR_LIST:
        pb_str(b, "[");
        pb_typeref(b, t->of);
        pb_str(b, "]");
        break;
    case GTR_NON_NULL:
        pb_typeref(b, t->of);
        pb_str(b, "!");
        break;
    }
}

char *gql_print_typeref(gql_arena *a, const gql_typeref *t)
{
    pbuf b = {.a = a};
    pb_typeref(&b, t);
    return b.oom ? NULL : b.p;
}
