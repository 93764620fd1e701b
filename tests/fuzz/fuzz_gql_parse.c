/* fuzz_gql_parse.c - gql_parse on any document text. A failure has a
 * message and an offset within the text; a parsed document's nodes all
 * carry offsets within it, locate to a line and column, and print
 * (values, type references) without trouble. */
#include "fuzz_common.h"
#include "sim/gql_parse.h"

typedef struct walk {
    gql_doc *d;
    gql_arena a;
} walk;

static void loc(walk *w, size_t at)
{
    FZ_CHECK(at <= w->d->len, "offset %zu beyond %zu", at, w->d->len);
    int line = 0, col = 0;
    gql_doc_location(w->d, at, &line, &col);
    FZ_CHECK(line >= 1 && col >= 1, "location %d:%d", line, col);
}

static void value(walk *w, const gql_value *v, int depth)
{
    FZ_CHECK(v != NULL, "NULL value");
    loc(w, v->loc);
    if (depth == 0)
        FZ_CHECK(gql_print_value(&w->a, v) != NULL, "print_value");
    for (size_t i = 0; i < v->nitems; i++)
        value(w, v->items[i], depth + 1);
    for (size_t i = 0; i < v->nfields; i++) {
        FZ_CHECK(v->fields[i].name != NULL, "object field name");
        loc(w, v->fields[i].loc);
        value(w, v->fields[i].value, depth + 1);
    }
    if (v->kind == GV_STRING && depth == 0)
        FZ_CHECK(gql_print_string(&w->a, v->s) != NULL, "print_string");
}

static void args(walk *w, const gql_arg *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(a[i].name != NULL, "argument name");
        loc(w, a[i].loc);
        value(w, a[i].value, 0);
    }
}

static void dirs(walk *w, const gql_directive *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(d[i].name != NULL, "directive name");
        loc(w, d[i].loc);
        args(w, d[i].args, d[i].nargs);
    }
}

static void selset(walk *w, const gql_selset *s)
{
    if (!s)
        return;
    loc(w, s->loc);
    for (size_t i = 0; i < s->n; i++) {
        const gql_sel *x = &s->items[i];
        loc(w, x->loc);
        if (x->kind != GS_INLINE) {
            FZ_CHECK(x->name != NULL, "selection name");
            loc(w, x->name_loc);
        }
        if (x->type_cond)
            loc(w, x->type_cond_loc);
        args(w, x->args, x->nargs);
        dirs(w, x->dirs, x->ndirs);
        selset(w, x->sel);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gql_parse_error err;
    memset(&err, 0, sizeof err);
    gql_doc *d = gql_parse((const char *)data, size, &err);
    if (!d) {
        FZ_CHECK(memchr(err.message, '\0', sizeof err.message) && err.message[0], "no message");
        FZ_CHECK(err.loc <= size, "error offset %zu beyond %zu", err.loc, size);
        return 0;
    }
    FZ_CHECK(d->len == size && d->src != NULL, "source copy");
    walk w = {.d = d};
    for (size_t i = 0; i < d->nops; i++) {
        const gql_op *op = &d->ops[i];
        loc(&w, op->loc);
        for (size_t v = 0; v < op->nvars; v++) {
            loc(&w, op->vars[v].loc);
            FZ_CHECK(gql_print_typeref(&w.a, op->vars[v].type) != NULL, "print_typeref");
            if (op->vars[v].def)
                value(&w, op->vars[v].def, 0);
            dirs(&w, op->vars[v].dirs, op->vars[v].ndirs);
        }
        dirs(&w, op->dirs, op->ndirs);
        FZ_CHECK(op->sel != NULL, "operation without a selection set");
        selset(&w, op->sel);
    }
    for (size_t i = 0; i < d->nfrags; i++) {
        const gql_frag *f = &d->frags[i];
        loc(&w, f->loc);
        size_t idx = 0;
        FZ_CHECK(gql_doc_fragment(d, f->name, &idx) != NULL && idx <= i, "fragment lookup");
        dirs(&w, f->dirs, f->ndirs);
        selset(&w, f->sel);
    }
    gql_arena_free(&w.a);
    gql_doc_free(d);
    return 0;
}
