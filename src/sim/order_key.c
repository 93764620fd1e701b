/* order_key.c - order keys normalized to 64-bit words whose unsigned,
 * word-by-word order is the requested order: directions are folded in by
 * complementing, NULLs by a word that sorts them first or last whatever the
 * direction (Postgres' NULLS FIRST / NULLS LAST), SELECT values by option
 * position. Sorts and cursor searches then compare integers and only touch
 * records when two strings share their first 8 bytes. */
#include "sim/query_internal.h"

#include <string.h>

#define SIGN_BIT 0x8000000000000000ull

/* Doubles, selects and booleans never normalize to 0 or ~0, so their NULL
 * can live in the value word itself. */
static bool null_folds(const sim_order_key *k)
{
    return k->kind == SV_NUM || k->kind == SV_BOOL || (k->kind == SV_STR && k->select);
}

void sim_key_layout_init(const sim_schema *s, const sim_order *ord, sim_key_layout *lay)
{
    memset(lay, 0, sizeof *lay);
    int w = 0;
    for (int j = 0; j < ord->n; j++) {
        const sim_order_key *k = &ord->keys[j];
        lay->nullword[j] = -1;
        if (!null_folds(k) && k->slot != 0)   /* ids are never NULL */
            lay->nullword[j] = w++;
        lay->word[j] = w;
        lay->nwords[j] = k->kind == SV_UUID ? 2 : 1;
        lay->strtie[j] = k->kind == SV_STR;
        lay->any_str = lay->any_str || lay->strtie[j];
        uint64_t unk = (uint64_t)s->nstages + 1;
        lay->sel_unknown[j] = k->desc ? ~unk : unk;
        w += lay->nwords[j];
    }
    lay->w = w;
}

static uint64_t str_prefix(const char *s)
{
    uint64_t x = 0;
    int i = 0;
    for (; i < 8 && s[i]; i++)
        x = x << 8 | (unsigned char)s[i];
    return i ? x << (8 * (8 - i)) : 0;
}

static uint64_t double_word(double d)
{
    if (d == 0)
        d = 0;   /* -0 sorts with 0 */
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u & SIGN_BIT ? ~u : u | SIGN_BIT;
}

void sim_key_normalize(const sim_schema *s, const sim_order *ord, const sim_key_layout *lay,
                       const sim_value *const *vals, uint64_t *words)
{
    for (int j = 0; j < ord->n; j++) {
        const sim_order_key *k = &ord->keys[j];
        const sim_value *v = vals[j];
        uint64_t *w = words + lay->word[j];
        bool null = !v || v->kind == SV_NULL;
        w[0] = 0;
        if (lay->nwords[j] == 2)
            w[1] = 0;
        if (lay->nullword[j] >= 0)
            words[lay->nullword[j]] = null ? (k->nulls_first ? 0 : 2) : 1;
        if (null) {
            if (lay->nullword[j] < 0)
                w[0] = k->nulls_first ? 0 : ~0ull;
            continue;
        }
        switch (v->kind) {
        case SV_STR:
            if (k->select) {
                int idx = sim_schema_stage_index(s, v->as.s);
                w[0] = idx >= 0 ? (uint64_t)idx + 1 : (uint64_t)s->nstages + 1;
            } else {
                w[0] = str_prefix(v->as.s);
            }
            break;
        case SV_INT: w[0] = (uint64_t)v->as.i ^ SIGN_BIT; break;
        case SV_TIME: w[0] = (uint64_t)v->as.t ^ SIGN_BIT; break;
        case SV_NUM: w[0] = double_word(v->as.n); break;
        case SV_BOOL: w[0] = (uint64_t)v->as.b + 1; break;
        case SV_UUID:
            for (int b = 0; b < 8; b++) {
                w[0] = w[0] << 8 | v->as.u.b[b];
                if (lay->nwords[j] == 2)
                    w[1] = w[1] << 8 | v->as.u.b[8 + b];
            }
            break;
        case SV_NULL: break;
        }
        if (k->desc) {
            w[0] = ~w[0];
            if (lay->nwords[j] == 2)
                w[1] = ~w[1];
        }
    }
}

int sim_key_cmp(const sim_order *ord, const sim_key_layout *lay, const uint64_t *wa,
                const sim_record *ra, const sim_value *const *va, const uint64_t *wb,
                const sim_record *rb, const sim_value *const *vb)
{
    if (!lay->any_str) {
        for (int i = 0; i < lay->w; i++)
            if (wa[i] != wb[i])
                return wa[i] < wb[i] ? -1 : 1;
        return 0;
    }
    for (int j = 0; j < ord->n; j++) {
        int first = lay->nullword[j] >= 0 ? lay->nullword[j] : lay->word[j];
        int end = lay->word[j] + lay->nwords[j];
        for (int i = first; i < end; i++)
            if (wa[i] != wb[i])
                return wa[i] < wb[i] ? -1 : 1;
        const sim_order_key *k = &ord->keys[j];
        int o = lay->word[j];
        if (lay->strtie[j] && (!k->select || wa[o] == lay->sel_unknown[j])) {
            const sim_value *x = ra ? &ra->v[k->slot] : va[j];
            const sim_value *y = rb ? &rb->v[k->slot] : vb[j];
            if (x && y && x->kind == SV_STR && y->kind == SV_STR) {
                int c = strcmp(x->as.s, y->as.s);
                if (c)
                    return (c < 0) == !k->desc ? -1 : 1;
            }
        }
    }
    return 0;
}

void sim_key_values(const sim_order *ord, const sim_record *r, const sim_value **vals)
{
    for (int j = 0; j < ord->n; j++)
        vals[j] = &r->v[ord->keys[j].slot];
}
