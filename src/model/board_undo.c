/* board_undo.c - the journal of confirmed writes and their inverses.
 *
 * Undo pops the newest entry and starts its inverse as a write of its own
 * (a move back to the old stage and position, a restore after a delete, a
 * soft delete after a create, the old values after an edit). While it is in
 * flight the entry belongs to the write; when it is confirmed the entry goes
 * to the redo stack, when it fails it goes back on the undo stack, so a
 * failed undo can be retried. Redo is the mirror image. A new confirmed
 * write clears the redo stack. One undo or redo at a time.
 *
 * A write of the user's own that failed (reverted) goes on the redo stack
 * marked `retry`, so nothing typed is lost: redo sends it again as a new
 * write (a create included), until another write is confirmed. */
#include "model/board_internal.h"

#include <stdlib.h>
#include <string.h>

static bool push(bd_entry **stack, size_t *n, size_t depth, const bd_entry *e)
{
    if (*n == depth) {   /* drop the oldest */
        memmove(*stack, *stack + 1, (*n - 1) * sizeof **stack);
        (*n)--;
    }
    if (!*stack) {
        *stack = malloc(depth * sizeof **stack);
        if (!*stack)
            return false;
    }
    (*stack)[(*n)++] = *e;
    return true;
}

void bd_journal_push(pb_board *b, const bd_entry *e, bd_role role, const bd_entry *journal)
{
    size_t depth = (size_t)b->cfg.undo_depth;
    switch (role) {
    case BD_ROLE_DO:
        push(&b->undo, &b->nundo, depth, e);
        b->nredo = 0;
        break;
    case BD_ROLE_UNDO:
        push(&b->redo, &b->nredo, depth, journal);
        break;
    case BD_ROLE_REDO:
        push(&b->undo, &b->nundo, depth, journal);
        break;
    }
}

void bd_journal_failed(pb_board *b, bd_role role, const bd_entry *journal)
{
    size_t depth = (size_t)b->cfg.undo_depth;
    if (role == BD_ROLE_UNDO)
        push(&b->undo, &b->nundo, depth, journal);
    else if (role == BD_ROLE_REDO)
        push(&b->redo, &b->nredo, depth, journal);
}

void bd_journal_retry(pb_board *b, const bd_entry *e)
{
    bd_entry r = *e;
    r.retry = true;
    push(&b->redo, &b->nredo, (size_t)b->cfg.undo_depth, &r);
}

bool board_can_retry(const pb_board *b, const pb_id *id)
{
    return b->nredo > 0 && b->redo[b->nredo - 1].retry && pb_id_equal(&b->redo[b->nredo - 1].rec, id);
}

static bool replay(const pb_board *b, const bd_entry *j, bool undo, const bd_card *c,
                   bd_entry *out);

/* Sends a failed write again (see bd_journal_retry). */
static pb_op_result retry(pb_board *b)
{
    pb_op_result res;
    memset(&res, 0, sizeof res);
    bd_entry j = b->redo[--b->nredo];
    j.retry = false;
    uint32_t s = bd_find(b, &j.rec);
    bd_entry w;
    if (j.kind == BD_OP_CREATE) {
        if (s != BD_NONE) {
            res.status = PB_OP_NOTHING;
            strcpy(res.reason, "That deal is already on the board");
            return res;
        }
        w = j;
    } else {
        if (s == BD_NONE) {
            res.status = PB_OP_NO_CARD;
            strcpy(res.reason, "That deal is no longer on the board");
            return res;
        }
        const bd_card *c = bd_card_at(b, s);
        if (c->busy_op) {
            b->redo[b->nredo++].retry = true;
            res.status = PB_OP_BUSY;
            strcpy(res.reason, "That deal is still being saved");
            return res;
        }
        if (!replay(b, &j, false, c, &w)) {
            res.status = PB_OP_NOTHING;
            strcpy(res.reason, "That cannot be retried");
            return res;
        }
        if (j.kind == BD_OP_EDIT)
            w.mask = j.mask;
    }
    res = bd_start(b, &w, BD_ROLE_DO, NULL);
    if (res.status == PB_OP_OK && j.kind == BD_OP_CREATE)
        bd_mark_resent(b, res.op);
    if (res.status != PB_OP_OK) {
        j.retry = true;
        b->redo[b->nredo++] = j;   /* still there to try again */
    }
    return res;
}

void bd_journal_free(pb_board *b)
{
    free(b->undo);
    free(b->redo);
    b->undo = b->redo = NULL;
    b->nundo = b->nredo = 0;
}

/* Copies the fields of `mask` from src into dst. */
static void copy_fields(pb_opp *dst, const pb_opp *src, unsigned mask)
{
    if (mask & PB_OPP_F_NAME)
        dst->name = src->name;
    if (mask & PB_OPP_F_STAGE)
        dst->stage = src->stage;
    if (mask & PB_OPP_F_POSITION)
        dst->position = src->position;
    if (mask & PB_OPP_F_AMOUNT)
        dst->amount = src->amount;
    if (mask & PB_OPP_F_CLOSE_DATE) {
        dst->has_close_date = src->has_close_date;
        dst->close_date_ms = src->close_date_ms;
    }
    if (mask & PB_OPP_F_COMPANY) {
        dst->company_id = src->company_id;
        dst->company_name = src->company_name;
    }
    if (mask & PB_OPP_F_POC) {
        dst->poc_id = src->poc_id;
        dst->poc_name = src->poc_name;
    }
    if (mask & PB_OPP_F_OWNER) {
        dst->owner_id = src->owner_id;
        dst->owner_name = src->owner_name;
    }
}

/* The write that takes the record from its current state to `target`'s side
 * of the entry (undo: before, redo: after). */
static bool replay(const pb_board *b, const bd_entry *j, bool undo, const bd_card *c,
                   bd_entry *out)
{
    (void)b;
    memset(out, 0, sizeof *out);
    out->rec = j->rec;
    out->before = c->opp;
    out->after = c->opp;
    const pb_opp *target = undo ? &j->before : &j->after;
    switch (j->kind) {
    case BD_OP_MOVE:
        out->kind = BD_OP_MOVE;
        out->reorder = j->reorder;
        out->mask = PB_OPP_F_STAGE | PB_OPP_F_POSITION;
        copy_fields(&out->after, target, out->mask);
        return true;
    case BD_OP_EDIT:
        out->kind = BD_OP_EDIT;
        out->mask = j->mask;
        copy_fields(&out->after, target, j->mask);
        return true;
    case BD_OP_CREATE:
        out->kind = undo ? BD_OP_DELETE : BD_OP_RESTORE;
        out->after.deleted = undo;
        return true;
    case BD_OP_DELETE:
        out->kind = undo ? BD_OP_RESTORE : BD_OP_DELETE;
        out->after.deleted = !undo;
        return true;
    case BD_OP_RESTORE:
        out->kind = undo ? BD_OP_DELETE : BD_OP_RESTORE;
        out->after.deleted = undo;
        return true;
    case BD_OP_DESTROY:
        return false;
    }
    return false;
}

static pb_op_result step(pb_board *b, bool undo)
{
    pb_op_result res;
    memset(&res, 0, sizeof res);
    bd_entry **stack = undo ? &b->undo : &b->redo;
    size_t *n = undo ? &b->nundo : &b->nredo;
    if (b->undo_busy) {
        res.status = PB_OP_BUSY;
        strcpy(res.reason, "The last undo or redo is still being saved");
        return res;
    }
    if (!*n) {
        res.status = PB_OP_NOTHING;
        strcpy(res.reason, undo ? "Nothing to undo" : "Nothing to redo");
        return res;
    }
    if (!undo && b->redo[b->nredo - 1].retry)
        return retry(b);
    bd_entry j = (*stack)[*n - 1];
    uint32_t s = bd_find(b, &j.rec);
    if (s == BD_NONE) {
        (*n)--;   /* the record is gone: nothing left to undo for it */
        res.status = PB_OP_NO_CARD;
        strcpy(res.reason, "That deal is no longer on the board");
        return res;
    }
    const bd_card *c = bd_card_at(b, s);
    if (c->busy_op) {
        res.status = PB_OP_BUSY;
        strcpy(res.reason, "That deal is still being saved");
        return res;
    }
    bd_entry w;
    if (!replay(b, &j, undo, c, &w)) {
        (*n)--;
        res.status = PB_OP_NOTHING;
        strcpy(res.reason, "That cannot be undone");
        return res;
    }
    (*n)--;
    res = bd_start(b, &w, undo ? BD_ROLE_UNDO : BD_ROLE_REDO, &j);
    if (res.status == PB_OP_OK)
        b->undo_busy = true;
    else
        (*stack)[(*n)++] = j;   /* still there to try again */
    return res;
}

pb_op_result board_undo(pb_board *b)
{
    return step(b, true);
}

pb_op_result board_redo(pb_board *b)
{
    return step(b, false);
}

bool board_can_undo(const pb_board *b)
{
    return b->nundo > 0;
}

bool board_can_redo(const pb_board *b)
{
    return b->nredo > 0;
}
