/* board_write.c - optimistic writes: apply at once, send, then confirm or
 * revert exactly. When the outcome is uncertain (no answer, a 5xx, or a 2xx
 * body we cannot read) the record is read back and the server decides. */
#include "model/board_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ops ---------------------------------------------------------------- */

void bd_mark_resent(pb_board *b, uint64_t op)
{
    bd_op *o = bd_op_find(b, op);
    if (o)
        o->resent = true;
}

bd_op *bd_op_find(pb_board *b, uint64_t id)
{
    for (size_t i = 0; i < b->nops; i++)
        if (b->ops[i]->id == id)
            return b->ops[i];
    return NULL;
}

static void op_remove(pb_board *b, bd_op *op)
{
    for (size_t i = 0; i < b->nops; i++)
        if (b->ops[i] == op) {
            b->ops[i] = b->ops[--b->nops];
            break;
        }
    free(op);
}

void bd_ops_free(pb_board *b)
{
    for (size_t i = 0; i < b->nops; i++)
        free(b->ops[i]);
    free(b->ops);
    b->ops = NULL;
    b->nops = b->capops = 0;
}

static void record_done(pb_board *b, uint64_t id, pb_op_state st, const char *msg)
{
    bd_done *d = &b->done[b->done_next];
    b->done_next = (b->done_next + 1) % BD_DONE_RING;
    d->id = id;
    d->state = st;
    bd_copy(d->msg, sizeof d->msg, msg ? msg : "");
}

pb_op_state board_op_state(const pb_board *b, uint64_t op, char *msg, size_t msglen)
{
    if (msg && msglen)
        msg[0] = '\0';
    for (size_t i = 0; i < b->nops; i++)
        if (b->ops[i]->id == op)
            return PB_OPS_PENDING;
    for (size_t i = 0; i < BD_DONE_RING; i++)
        if (b->done[i].id == op && op) {
            if (msg && msglen)
                bd_copy(msg, msglen, b->done[i].msg);
            return b->done[i].state;
        }
    return PB_OPS_UNKNOWN;
}

static void op_account(pb_board *b, bd_op *op)
{
    op->ndeltas = 0;
    if (op->before_live)
        bd_account(b, &op->e.before, -1, &op->deltas[op->ndeltas++]);
    if (op->after_live)
        bd_account(b, &op->e.after, +1, &op->deltas[op->ndeltas++]);
}

static void op_unaccount(pb_board *b, bd_op *op)
{
    while (op->ndeltas)
        bd_unaccount(b, &op->deltas[--op->ndeltas]);
}

void bd_ops_reaccount(pb_board *b)
{
    for (size_t i = 0; i < b->nops; i++)
        op_account(b, b->ops[i]);
}

/* ---- starting a write ----------------------------------------------------- */

static bool build(const bd_entry *e, pb_request *rq, pb_error *err)
{
    switch (e->kind) {
    case BD_OP_MOVE:
        return twenty_build_move(&e->rec, e->after.stage, e->after.position, rq, err);
    case BD_OP_EDIT:
        return twenty_build_update(&e->rec, &e->after, e->mask, TWENTY_DEPTH_DEFAULT, rq, err);
    case BD_OP_CREATE:
        return twenty_build_create(&e->after, e->mask, &e->rec, TWENTY_DEPTH_DEFAULT, rq, err);
    case BD_OP_DELETE: return twenty_build_soft_delete(&e->rec, rq, err);
    case BD_OP_RESTORE: return twenty_build_restore(&e->rec, rq, err);
    case BD_OP_DESTROY: return twenty_build_destroy(&e->rec, rq, err);
    }
    return false;
}

static pb_op_result result(pb_op_status st, uint64_t op, const char *reason)
{
    pb_op_result r;
    memset(&r, 0, sizeof r);
    r.status = st;
    r.op = op;
    bd_copy(r.reason, sizeof r.reason, reason ? reason : "");
    return r;
}

pb_op_result bd_start(pb_board *b, const bd_entry *e, bd_role role, const bd_entry *journal)
{
    pb_request rq;
    pb_error err;
    if (!build(e, &rq, &err))
        return result(PB_OP_INVALID, 0, err.message);
    if (b->nops == b->capops) {
        size_t cap = b->capops ? b->capops * 2 : 8;
        bd_op **v = realloc(b->ops, cap * sizeof *v);
        if (!v) {
            twenty_request_free(&rq);
            return result(PB_OP_INVALID, 0, "out of memory");
        }
        b->ops = v;
        b->capops = cap;
    }
    bd_op *op = calloc(1, sizeof *op);
    if (!op) {
        twenty_request_free(&rq);
        return result(PB_OP_INVALID, 0, "out of memory");
    }
    op->id = b->next_op++;
    op->role = role;
    op->e = *e;
    if (journal)
        op->journal = *journal;
    uint32_t s;
    if (e->kind == BD_OP_CREATE) {
        s = bd_card_new(b, &e->after);
        if (s == BD_NONE) {
            free(op);
            twenty_request_free(&rq);
            return result(PB_OP_INVALID, 0, "out of memory");
        }
        bd_card_at(b, s)->flags |= PB_CARD_NEW;
        op->before_live = false;
        op->after_live = true;
    } else {
        s = bd_find(b, &e->rec);
        op->before_live = bd_card_at(b, s)->live;
        op->after_live = e->kind == BD_OP_DELETE || e->kind == BD_OP_DESTROY ? false
                         : e->kind == BD_OP_RESTORE                         ? true
                                                                            : op->before_live;
    }
    uint64_t token = bd_send(b, &rq, BD_RQ_WRITE, true);
    if (!token) {
        if (e->kind == BD_OP_CREATE)
            bd_card_free(b, s);
        free(op);
        return result(PB_OP_INVALID, 0, "out of memory");
    }
    bd_req_find(b, token)->op = op->id;
    b->ops[b->nops++] = op;
    /* apply locally */
    bd_card *c = bd_card_at(b, s);
    op_account(b, op);
    c->opp = e->after;
    c->live = op->after_live;
    c->opp.deleted = !op->after_live;
    c->busy_op = op->id;
    c->touched = ++b->tick;
    c->flags &= (uint8_t)~PB_CARD_FAILED;
    c->error = NULL;
    if (e->kind == BD_OP_DESTROY || e->kind == BD_OP_RESTORE)
        bd_trash_remove(b, s);
    bd_place(b, s);
    bd_touch(b);
    return result(PB_OP_OK, op->id, NULL);
}

/* ---- settling ------------------------------------------------------------ */

static void settle(pb_board *b, bd_op *op, pb_op_state st, const char *msg)
{
    uint32_t s = bd_find(b, &op->e.rec);
    if (s != BD_NONE) {
        bd_card *c = bd_card_at(b, s);
        if (c->busy_op == op->id)
            c->busy_op = 0;
        c->touched = ++b->tick;
    } else {
        ++b->tick;
    }
    if (op->role != BD_ROLE_DO)
        b->undo_busy = false;
    record_done(b, op->id, st, msg);
    op_remove(b, op);
    bd_touch(b);
}

static void confirm(pb_board *b, bd_op *op, const pb_opp *server)
{
    uint32_t s = bd_find(b, &op->e.rec);
    if (s != BD_NONE) {
        bd_card *c = bd_card_at(b, s);
        c->flags &= (uint8_t)~PB_CARD_NEW;
        if (op->e.kind == BD_OP_DESTROY) {
            bd_card_free(b, s);
        } else if (op->e.kind == BD_OP_DELETE) {
            c->live = false;
            c->opp.deleted = true;
            if (b->trash.active)
                bd_trash_add(b, s);
        } else if (server) {
            pb_opp sv = *server;
            if (op->after_live) {   /* the server's values decide the totals */
                bd_delta d1, d2;
                bd_account(b, &op->e.after, -1, &d1);
                bd_account(b, &sv, +1, &d2);
                (void)d1;
                (void)d2;
            }
            bd_take_record(b, &sv, false);
            bd_place(b, s);
        }
    }
    bd_entry done = op->e;
    if (server && op->e.kind != BD_OP_DELETE && op->e.kind != BD_OP_DESTROY)
        done.after = *server;
    char text[200];
    bd_phrase(b, &op->e, true, true, text, sizeof text);
    if (op->role == BD_ROLE_DO) {
        bd_notice(b, PB_NOTICE_INFO, op->e.kind != BD_OP_DESTROY, "%s", text);
    } else {
        bd_lower_first(text);
        bd_notice(b, PB_NOTICE_INFO, true, "%s: %s", op->role == BD_ROLE_UNDO ? "Undone" : "Redone",
                  text);
    }
    if (op->e.kind != BD_OP_DESTROY)
        bd_journal_push(b, &done, op->role, &op->journal);
    settle(b, op, PB_OPS_DONE, "");
}

/* Puts everything back as it was before the write. */
static void revert(pb_board *b, bd_op *op)
{
    op_unaccount(b, op);
    uint32_t s = bd_find(b, &op->e.rec);
    if (s == BD_NONE)
        return;
    if (op->e.kind == BD_OP_CREATE) {
        bd_card_free(b, s);
        return;
    }
    bd_card *c = bd_card_at(b, s);
    c->opp = op->e.before;
    c->live = op->before_live;
    if (!c->live && b->trash.active)
        bd_trash_add(b, s);
    bd_place(b, s);
}

static void fail(pb_board *b, bd_op *op, const char *why)
{
    revert(b, op);
    uint32_t s = bd_find(b, &op->e.rec);
    if (s != BD_NONE) {
        bd_card *c = bd_card_at(b, s);
        c->flags |= PB_CARD_FAILED;
        c->error = bd_intern(b, why);
    }
    char text[200];
    bd_phrase(b, &op->e, false, op->role != BD_ROLE_DO, text, sizeof text);
    bool retry = op->role == BD_ROLE_DO && op->e.kind != BD_OP_DESTROY;
    if (retry)
        bd_journal_retry(b, &op->e);
    if (op->role == BD_ROLE_DO)
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not %s: %s \xE2\x80\x94 reverted", text, why);
    if (retry && b->ncount)   /* the notice just queued (or its unread twin) */
        b->notices[(b->nhead + b->ncount - 1) % BD_NOTICES].retry_hint = true;
    else
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not %s (%s): %s \xE2\x80\x94 still %s",
                  op->role == BD_ROLE_UNDO ? "undo" : "redo", text, why,
                  op->role == BD_ROLE_UNDO ? "undoable" : "redoable");
    bd_journal_failed(b, op->role, &op->journal);
    settle(b, op, PB_OPS_FAILED, why);
}

/* 404: the record is gone (deleted elsewhere). */
static void gone(pb_board *b, bd_op *op)
{
    revert(b, op);
    uint32_t s = bd_find(b, &op->e.rec);
    const char *name = op->e.before.name && *op->e.before.name ? op->e.before.name
                                                               : op->e.after.name;
    if (s != BD_NONE && op->e.kind != BD_OP_CREATE) {
        bd_card *c = bd_card_at(b, s);
        if (c->live) {
            bd_delta d;
            bd_account(b, &c->opp, -1, &d);
        }
        bd_card_free(b, s);
    }
    b->totals_stale = true;
    if (op->e.kind == BD_OP_CREATE)
        bd_notice(b, PB_NOTICE_ERROR, false, "Could not create \"%s\": Record not found", name);
    else
        bd_notice(b, PB_NOTICE_ERROR, false,
                  "\"%s\" was deleted elsewhere \xE2\x80\x94 removed from the board", name);
    settle(b, op, PB_OPS_FAILED,
           op->e.kind == BD_OP_CREATE ? "Record not found (404)" : "deleted elsewhere");
}

static void verify(pb_board *b, bd_op *op, const char *why)
{
    pb_request rq;
    pb_error err;
    if (!twenty_build_get(&op->e.rec, 1, &rq, &err)) {
        fail(b, op, why);
        return;
    }
    uint64_t t = bd_send(b, &rq, BD_RQ_VERIFY, true);
    if (!t) {
        fail(b, op, why);
        return;
    }
    op->verifying = true;
    bd_copy(op->why, sizeof op->why, why);
    bd_req_find(b, t)->op = op->id;
}

static bool parse_answer(pb_board *b, const bd_op *op, const pb_http_answer *a, pb_strpool *tmp,
                         pb_opp *rec, bool *has_rec, pb_error *err)
{
    *has_rec = false;
    if (op->e.kind == BD_OP_DELETE || op->e.kind == BD_OP_DESTROY) {
        pb_id id;
        return twenty_parse_deleted_id(a->status, a->body, a->body_len, &id, err);
    }
    if (!twenty_parse_opp_one(a->status, a->body, a->body_len, tmp, rec, err))
        return false;
    bd_adopt(b, rec);
    *has_rec = true;
    return true;
}

void bd_on_write(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_op *op = bd_op_find(b, r->op);
    if (!op)
        return;
    pb_error err;
    char why[PB_ERROR_MSG_MAX + 80];
    if (a->status == 0) {
        bd_answer_error(a, &err);
        bd_describe(&err, why, sizeof why);
        /* a slow server may still do it after we stopped waiting: say so,
         * whatever the read-back finds now */
        if (a->transport_error && strstr(a->transport_error, "timed out"))
            snprintf(why + strlen(why), sizeof why - strlen(why), " (the server may still do it: r refreshes)");
        verify(b, op, why);
        return;
    }
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    pb_opp rec;
    bool has_rec;
    bool ok = parse_answer(b, op, a, &tmp, &rec, &has_rec, &err);
    pb_strpool_free(&tmp);
    if (ok) {
        confirm(b, op, has_rec ? &rec : NULL);
        return;
    }
    bd_describe(&err, why, sizeof why);
    if (err.kind == PB_ERR_NOT_FOUND) {
        if (op->e.kind == BD_OP_DESTROY)
            confirm(b, op, NULL);
        else
            gone(b, op);
    } else if (err.kind == PB_ERR_SERVER || err.kind == PB_ERR_PROTOCOL) {
        verify(b, op, why);   /* it may have been done */
    } else if (err.kind == PB_ERR_BAD_REQUEST && op->resent && op->e.kind == BD_OP_CREATE) {
        verify(b, op, why);   /* an earlier attempt may have created it */
    } else {
        fail(b, op, why);
    }
}

void bd_on_verify(pb_board *b, const bd_req *r, const pb_http_answer *a)
{
    bd_op *op = bd_op_find(b, r->op);
    if (!op)
        return;
    const char *why = op->why;
    pb_strpool tmp;
    pb_strpool_init(&tmp);
    pb_opp rec;
    pb_error err;
    bool ok = false;
    if (a->status != 0)
        ok = twenty_parse_opp_one(a->status, a->body, a->body_len, &tmp, &rec, &err);
    else
        bd_answer_error(a, &err);
    if (ok)
        bd_adopt(b, &rec);
    pb_strpool_free(&tmp);
    bool exists = ok && !rec.deleted;
    bool missing = !ok && err.kind == PB_ERR_NOT_FOUND;
    if (!exists && !missing) {
        /* we cannot tell: revert here and say so */
        char w[sizeof op->why + 80];
        snprintf(w, sizeof w, "%s (not confirmed; refresh to see the server's state)", why);
        b->totals_stale = true;
        fail(b, op, w);
        return;
    }
    switch (op->e.kind) {
    case BD_OP_CREATE:
    case BD_OP_RESTORE:
        if (exists)
            confirm(b, op, &rec);
        else
            fail(b, op, why);
        return;
    case BD_OP_DELETE:
    case BD_OP_DESTROY:
        if (missing)
            confirm(b, op, NULL);
        else
            fail(b, op, why);
        return;
    case BD_OP_MOVE:
    case BD_OP_EDIT:
        break;
    }
    if (missing) {
        gone(b, op);
        return;
    }
    unsigned mask = op->e.kind == BD_OP_MOVE ? PB_OPP_F_STAGE | PB_OPP_F_POSITION : op->e.mask;
    if ((bd_opp_differs(&rec, &op->e.after) & mask) == 0) {
        confirm(b, op, &rec);
        return;
    }
    /* not done: back to what the server has */
    pb_id rid = op->e.rec;
    fail(b, op, why);   /* frees op */
    uint32_t s = bd_find(b, &rid);
    if (s != BD_NONE && bd_opp_differs(&bd_card_at(b, s)->opp, &rec)) {
        bd_card *c = bd_card_at(b, s);
        if (c->live) {
            bd_delta d1, d2;
            bd_account(b, &c->opp, -1, &d1);
            bd_account(b, &rec, +1, &d2);
        }
        bd_take_record(b, &rec, false);
        bd_place(b, s);
    }
}
