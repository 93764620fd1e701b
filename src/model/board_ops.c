/* board_ops.c - the write operations a user asks for: move to a stage,
 * reorder, edit, create, delete, restore and destroy (see board.h). They
 * check the request, compute positions as Twenty's board does, and hand a
 * bd_entry to bd_start (board_write.c).
 *
 * A write on a card whose previous write is still in flight is refused with
 * PB_OP_BUSY (not queued): the user sees the pending marker and repeats the
 * key once it is gone, so two writes never race on one record. */
#include "model/board_internal.h"

#include <stdio.h>
#include <string.h>

#include "model/position.h"

static pb_op_result status(pb_op_status st, const char *fmt, const char *arg)
{
    pb_op_result r;
    memset(&r, 0, sizeof r);
    r.status = st;
    if (fmt)
        snprintf(r.reason, sizeof r.reason, fmt, arg ? arg : "");
    return r;
}

bool bd_top_position(pb_board *b, size_t col, uint32_t except, double *pos, char *why,
                     size_t whylen)
{
    bd_column *c = &b->cols[col];
    if (!c->first_loaded) {
        snprintf(why, whylen, "%s is still loading", b->stages.v[col].label);
        return false;
    }
    size_t i = 0;
    if (i < c->n && c->cards[i] == except)
        i++;
    if (i < c->n) {
        *pos = pb_position_top(false, bd_card_at(b, c->cards[i])->opp.position);
        return true;
    }
    if (c->has_more) {   /* every loaded card moved away, more on the server */
        bd_request_page(b, col, b->cfg.page_size);
        snprintf(why, whylen, "%s is still loading", b->stages.v[col].label);
        return false;
    }
    *pos = pb_position_top(true, 0);
    return true;
}

/* The card, attached or not; NULL with the status set when unusable. */
static bd_card *usable(pb_board *b, const pb_id *id, bool need_live, pb_op_result *res)
{
    uint32_t s = bd_find(b, id);
    if (s == BD_NONE) {
        *res = status(PB_OP_NO_CARD, "That deal is not loaded", NULL);
        return NULL;
    }
    bd_card *c = bd_card_at(b, s);
    if (c->busy_op) {
        *res = status(PB_OP_BUSY, "\"%s\" is still being saved", c->opp.name);
        return NULL;
    }
    if (need_live && !c->live) {
        *res = status(PB_OP_NO_CARD, "\"%s\" is in the trash", c->opp.name);
        return NULL;
    }
    return c;
}

static bd_entry entry(bd_op_kind kind, const bd_card *c)
{
    bd_entry e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.rec = c->opp.id;
    e.before = c->opp;
    e.after = c->opp;
    return e;
}

pb_op_result board_move_stage(pb_board *b, const pb_id *id, int delta)
{
    pb_op_result res;
    bd_card *c = usable(b, id, true, &res);
    if (!c)
        return res;
    size_t from = bd_stage_col(b, c->opp.stage);
    if (from >= b->stages.n)
        return status(PB_OP_NO_CARD, "\"%s\" is not on the board", c->opp.name);
    long to = (long)from + delta;
    if (delta == 0 || to < 0 || to >= (long)b->stages.n)
        return status(PB_OP_AT_EDGE, delta < 0 ? "Already in the first stage"
                                               : "Already in the last stage", NULL);
    double pos;
    char why[160];
    uint32_t slot = bd_find(b, id);
    if (!bd_top_position(b, (size_t)to, slot, &pos, why, sizeof why))
        return status(PB_OP_BUSY, "%s", why);
    bd_entry e = entry(BD_OP_MOVE, c);
    e.after.stage = b->stages.v[to].value;
    e.after.position = pos;
    e.mask = PB_OPP_F_STAGE | PB_OPP_F_POSITION;
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}

pb_op_result board_reorder(pb_board *b, const pb_id *id, int delta)
{
    pb_op_result res;
    bd_card *c = usable(b, id, true, &res);
    if (!c)
        return res;
    uint32_t slot = bd_find(b, id);
    if (c->col == BD_NONE)
        return status(PB_OP_NO_CARD, "\"%s\" is not loaded in its column", c->opp.name);
    size_t col = c->col;
    bd_column *k = &b->cols[col];
    size_t idx = bd_index_of(b, slot);
    if (delta != -1 && delta != 1)
        return status(PB_OP_INVALID, "Cards move one place at a time", NULL);
#define POS(i) (bd_card_at(b, k->cards[(i)])->opp.position)
    double pos;
    if (delta < 0) {
        if (idx == 0)
            return status(PB_OP_AT_EDGE, "Already at the top", NULL);
        if (idx >= 2) {
            if (!pb_position_between(POS(idx - 2), POS(idx - 1), &pos))
                return status(PB_OP_INVALID,
                              "No room between these two cards (they share a position)", NULL);
        } else {
            pos = pb_position_top(false, POS(idx - 1));
        }
    } else {
        if (idx + 1 >= k->n) {
            if (!bd_column_complete(k)) {
                bd_request_page(b, col, b->cfg.page_size);
                return status(PB_OP_BUSY, "Loading more cards of %s", b->stages.v[col].label);
            }
            return status(PB_OP_AT_EDGE, "Already at the bottom", NULL);
        }
        if (idx + 2 < k->n) {
            if (!pb_position_between(POS(idx + 1), POS(idx + 2), &pos))
                return status(PB_OP_INVALID,
                              "No room between these two cards (they share a position)", NULL);
        } else if (bd_column_complete(k)) {
            pos = pb_position_bottom(false, POS(idx + 1));
        } else {
            bd_request_page(b, col, b->cfg.page_size);
            return status(PB_OP_BUSY, "Loading more cards of %s", b->stages.v[col].label);
        }
    }
#undef POS
    bd_entry e = entry(BD_OP_MOVE, c);
    e.after.position = pos;
    e.mask = PB_OPP_F_STAGE | PB_OPP_F_POSITION;
    e.reorder = true;
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Copies the masked fields of v into o (strings interned). */
static void take_fields(pb_board *b, pb_opp *o, const pb_opp *v, unsigned mask)
{
    if (mask & PB_OPP_F_NAME)
        o->name = bd_intern(b, v->name ? v->name : "");
    if (mask & PB_OPP_F_STAGE)
        o->stage = bd_intern(b, v->stage ? v->stage : "");
    if (mask & PB_OPP_F_POSITION)
        o->position = v->position;
    if (mask & PB_OPP_F_AMOUNT) {
        o->amount = v->amount;
        o->flags &= (uint8_t)~PB_OPP_AMOUNT_INVALID;
    }
    if (mask & PB_OPP_F_CLOSE_DATE) {
        o->has_close_date = v->has_close_date;
        o->close_date_ms = v->has_close_date ? v->close_date_ms : 0;
    }
    if (mask & PB_OPP_F_COMPANY) {
        o->company_id = v->company_id;
        o->company_name = pb_id_is_nil(&v->company_id) ? NULL : bd_intern(b, v->company_name);
    }
    if (mask & PB_OPP_F_POC) {
        o->poc_id = v->poc_id;
        o->poc_name = pb_id_is_nil(&v->poc_id) ? NULL : bd_intern(b, v->poc_name);
    }
    if (mask & PB_OPP_F_OWNER) {
        o->owner_id = v->owner_id;
        o->owner_name = pb_id_is_nil(&v->owner_id) ? NULL : bd_intern(b, v->owner_name);
    }
}

pb_op_result board_edit(pb_board *b, const pb_id *id, const pb_edit *ed)
{
    pb_op_result res;
    bd_card *c = usable(b, id, true, &res);
    if (!c)
        return res;
    unsigned mask = ed->mask & (unsigned)PB_OPP_F_ALL;
    if ((mask & PB_OPP_F_NAME) && blank(ed->values.name))
        return status(PB_OP_INVALID, "A deal needs a name", NULL);
    bd_entry e = entry(BD_OP_EDIT, c);
    take_fields(b, &e.after, &ed->values, mask);
    unsigned changed = bd_opp_differs(&e.before, &e.after) & mask;
    /* a new name for a related record with the same id is no change */
    if (!changed)
        return status(PB_OP_NOTHING, "Nothing changed", NULL);
    if (changed & PB_OPP_F_STAGE) {
        size_t to = bd_stage_col(b, e.after.stage);
        if (to >= b->stages.n)
            return status(PB_OP_INVALID, "There is no stage %s", e.after.stage);
        char why[160];
        if (!(changed & PB_OPP_F_POSITION)) {
            if (!bd_top_position(b, to, bd_find(b, id), &e.after.position, why, sizeof why))
                return status(PB_OP_BUSY, "%s", why);
            changed |= PB_OPP_F_POSITION;
        }
    }
    e.mask = changed;
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}

/* A version 4 UUID from the board's generator (splitmix64). */
static pb_id new_id(pb_board *b)
{
    pb_id id;
    for (int half = 0; half < 2; half++) {
        uint64_t z = (b->rng += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        for (int i = 0; i < 8; i++)
            id.b[half * 8 + i] = (unsigned char)(z >> (56 - 8 * i));
    }
    id.b[6] = (unsigned char)((id.b[6] & 0x0f) | 0x40);
    id.b[8] = (unsigned char)((id.b[8] & 0x3f) | 0x80);
    return id;
}

static pb_op_result create_as(pb_board *b, size_t col, const pb_edit *ed, const pb_id *want,
                              pb_id *out_id);

pb_op_result board_create(pb_board *b, size_t col, const pb_edit *ed, pb_id *out_id)
{
    return create_as(b, col, ed, NULL, out_id);
}

pb_op_result board_create_again(pb_board *b, size_t col, const pb_edit *ed, const pb_id *id)
{
    if (bd_find(b, id) != BD_NONE)
        return status(PB_OP_BUSY, "That deal is already on the board", NULL);
    pb_op_result r = create_as(b, col, ed, id, NULL);
    if (r.status == PB_OP_OK)
        bd_mark_resent(b, r.op);
    return r;
}

static pb_op_result create_as(pb_board *b, size_t col, const pb_edit *ed, const pb_id *want,
                              pb_id *out_id)
{
    if (col >= b->stages.n)
        return status(PB_OP_INVALID, "No such column", NULL);
    unsigned mask = ed->mask & (unsigned)PB_OPP_F_ALL;
    if (!(mask & PB_OPP_F_NAME) || blank(ed->values.name))
        return status(PB_OP_INVALID, "A deal needs a name", NULL);
    double pos;
    char why[160];
    if (!bd_top_position(b, col, BD_NONE, &pos, why, sizeof why))
        return status(PB_OP_BUSY, "%s", why);
    bd_entry e;
    memset(&e, 0, sizeof e);
    e.kind = BD_OP_CREATE;
    if (want)
        e.rec = *want;
    else
        do
            e.rec = new_id(b);
        while (bd_find(b, &e.rec) != BD_NONE);
    pb_opp_init(&e.after);
    take_fields(b, &e.after, &ed->values, mask & ~(unsigned)(PB_OPP_F_STAGE | PB_OPP_F_POSITION));
    e.after.id = e.rec;
    e.after.stage = b->stages.v[col].value;
    e.after.position = pos;
    e.before = e.after;
    e.mask = mask | PB_OPP_F_STAGE | PB_OPP_F_POSITION;
    pb_op_result r = bd_start(b, &e, BD_ROLE_DO, NULL);
    if (out_id)
        *out_id = r.status == PB_OP_OK ? e.rec : pb_id_nil();
    return r;
}

pb_op_result board_delete(pb_board *b, const pb_id *id)
{
    pb_op_result res;
    bd_card *c = usable(b, id, true, &res);
    if (!c)
        return res;
    bd_entry e = entry(BD_OP_DELETE, c);
    e.after.deleted = true;
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}

pb_op_result board_restore(pb_board *b, const pb_id *id)
{
    pb_op_result res;
    bd_card *c = usable(b, id, false, &res);
    if (!c)
        return res;
    if (c->live)
        return status(PB_OP_NOTHING, "\"%s\" is not in the trash", c->opp.name);
    bd_entry e = entry(BD_OP_RESTORE, c);
    e.after.deleted = false;
    e.after.deleted_at_ms = 0;
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}

pb_op_result board_destroy(pb_board *b, const pb_id *id)
{
    pb_op_result res;
    bd_card *c = usable(b, id, false, &res);
    if (!c)
        return res;
    if (c->live)
        return status(PB_OP_INVALID,
                      "Only deals in the trash can be deleted for good: delete \"%s\" first",
                      c->opp.name);
    bd_entry e = entry(BD_OP_DESTROY, c);
    return bd_start(b, &e, BD_ROLE_DO, NULL);
}
