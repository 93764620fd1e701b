/* form.c - the edit / create form: opening it on a card or a column, the
 * keys, and saving (an optimistic write followed until the server answers).
 * Drawing is in form_draw.c, the relation chooser in picker.c, the checks
 * of what was typed in form_values.c / field_parse.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/actions.h"
#include "ui/board_view.h"
#include "ui/confirm.h"
#include "ui/form_internal.h"
#include "ui/keymap.h"
#include "ui/screens.h"
#include "util/isodate.h"
#include "util/utf8.h"

/* Copies s, cut on a character boundary when it does not fit. */
static void copy(char *dst, size_t dstsz, const char *s)
{
    s = s ? s : "";
    pb_utf8_copy_trunc(dst, dstsz, s, strlen(s));
}

const char *form_label(int field)
{
    static const char *const labels[UI_FF_COUNT] = {
        "Name", "Amount", "Currency", "Stage", "Close date", "Company", "Point of contact", "Owner",
        "Save"};
    return field >= 0 && field < UI_FF_COUNT ? labels[field] : "";
}

/* Fields that hold one of a few values: on entering them, typing replaces
 * the value (as a selected field does in a browser). */
static bool is_choice(int field)
{
    return field == UI_FF_CURRENCY || field == UI_FF_STAGE;
}

static bool is_rel(int field)
{
    return field >= UI_FF_COMPANY && field <= UI_FF_OWNER;
}

/* The user's calendar day (local time) as days since 1970-01-01. */
static int64_t local_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return pb_date_day((int64_t)now * 1000);
    return pb_days_from_civil((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
                              (unsigned)tm.tm_mday);
}

bool form_dirty(const ui_form *f)
{
    for (int i = 0; i < UI_FF_TEXTS; i++)
        if (strcmp(ui_le_text(&f->le[i]), f->initial[i] ? f->initial[i] : "") != 0)
            return true;
    for (int r = 0; r < UI_FF_RELS; r++)
        if (!pb_id_equal(&f->rel_id[r], &f->rel_initial[r]) || !ui_le_empty(&f->rel_q[r]))
            return true;
    return false;
}

static void set_error(ui_form *f, int field, const char *msg)
{
    f->err_field = field;
    copy(f->err, sizeof f->err, msg);
    f->ui->dirty = true;
}

static void clear_error_of(ui_form *f, int field)
{
    if (f->err_field == field || f->err_field == UI_FF_SAVE) {
        f->err_field = -1;
        f->err[0] = '\0';
    }
}

void form_set_rel(ui_form *f, int rel, const pb_id *id, const char *name)
{
    free(f->rel_name[rel]);
    f->rel_name[rel] = NULL;
    f->rel_id[rel] = id ? *id : pb_id_nil();
    if (!pb_id_is_nil(&f->rel_id[rel]))
        f->rel_name[rel] = strdup(name ? name : "");
    clear_error_of(f, UI_FF_COMPANY + rel);
    f->ui->dirty = true;
}

/* ---- saving ------------------------------------------------------------------ */

static void close_form(ui_form *f)
{
    ui_ctx *ui = f->ui;
    if (ui_top(ui) == &f->base)
        ui_pop(ui);
}

static void save(ui_form *f)
{
    ui_ctx *ui = f->ui;
    for (int r = 0; r < UI_FF_RELS; r++)
        if (!ui_le_empty(&f->rel_q[r])) {   /* typed but never looked up */
            char why[200];
            snprintf(why, sizeof why, "Press Enter here to look up \"%.120s\"",
                     ui_le_text(&f->rel_q[r]));
            f->focus = UI_FF_COMPANY + r;
            set_error(f, UI_FF_COMPANY + r, why);
            return;
        }
    ui_form_values v;
    memset(&v, 0, sizeof v);
    v.create = f->create;
    for (int i = 0; i < UI_FF_TEXTS; i++) {
        v.text[i] = ui_le_text(&f->le[i]);
        v.initial[i] = f->initial[i];
    }
    for (int r = 0; r < UI_FF_RELS; r++) {
        v.rel_id[r] = f->rel_id[r];
        v.rel_name[r] = f->rel_name[r];
        v.rel_initial[r] = f->rel_initial[r];
    }
    v.amount_unreadable = f->amount_unreadable;
    ui_form_built *b = malloc(sizeof *b);
    if (!b) {
        set_error(f, UI_FF_SAVE, "Out of memory");
        return;
    }
    if (!ui_form_build(&v, board_stages(ui->board), local_today(), b)) {
        f->focus = (int)b->bad_field;
        set_error(f, (int)b->bad_field, b->why);
        free(b);
        return;
    }
    pb_op_result r;
    pb_id id = f->id;
    const char *name = (b->edit.mask & PB_OPP_F_NAME) ? b->name : NULL;
    if (f->create && !pb_id_is_nil(&f->saved_id)) {
        /* saved before and not confirmed: the same id, never a second deal */
        id = f->saved_id;
        r = board_create_again(ui->board, b->col, &b->edit, &id);
    } else if (f->create) {
        r = board_create(ui->board, b->col, &b->edit, &id);
    } else if (b->edit.mask == 0) {
        r.status = PB_OP_NOTHING;
    } else {
        r = board_edit(ui->board, &f->id, &b->edit);
    }
    if (!name) {
        const pb_opp *o = board_find(ui->board, &f->id);
        name = o ? o->name : "";
    }
    copy(f->saved_name, sizeof f->saved_name, name);
    free(b);
    switch (r.status) {
    case PB_OP_OK: {
        f->saving = true;
        f->op = r.op;
        f->saved_id = id;
        f->err_field = -1;
        f->err[0] = '\0';
        char what[256];
        snprintf(what, sizeof what, "%s \"%s\"", f->create ? "add" : "edit", f->saved_name);
        ui_board_track_write(ui, r.op, &id, what);
        if (f->create)
            ui_board_select(ui, &id);   /* the new card is on the board at once */
        break;
    }
    case PB_OP_NOTHING:
        ui_status(ui, false, "Nothing changed");
        close_form(f);
        return;
    default:
        set_error(f, UI_FF_SAVE, r.reason[0] ? r.reason : "Not saved");
        break;
    }
    ui->dirty = true;
}

static void tick(ui_screen *s, ui_ctx *ui)
{
    ui_form *f = (ui_form *)s;
    if (f->names_wanted) {
        pb_detail d;
        if (board_detail(ui->board, &d) && !d.loading) {
            f->names_wanted = false;
            const pb_opp *o = d.opp && pb_id_equal(&d.opp->id, &f->id) ? d.opp : NULL;
            const pb_id *ids[UI_FF_RELS] = {o ? &o->company_id : NULL, o ? &o->poc_id : NULL,
                                            o ? &o->owner_id : NULL};
            const char *names[UI_FF_RELS] = {o ? o->company_name : NULL, o ? o->poc_name : NULL,
                                             o ? o->owner_name : NULL};
            for (int r = 0; r < UI_FF_RELS; r++)
                if (o && !f->rel_name[r] && !pb_id_is_nil(&f->rel_id[r]) && names[r]
                    && pb_id_equal(ids[r], &f->rel_id[r]))
                    f->rel_name[r] = strdup(names[r]);
            ui->dirty = true;
        }
    }
    if (!f->saving)
        return;
    char msg[320];
    pb_op_state st = board_op_state(ui->board, f->op, msg, sizeof msg);
    if (st == PB_OPS_PENDING)
        return;
    f->saving = false;
    ui->dirty = true;
    if (st == PB_OPS_FAILED) {
        char line[360];
        snprintf(line, sizeof line, "Not saved: %s", msg[0] ? msg : "the server refused it");
        set_error(f, UI_FF_SAVE, line);
        return;
    }
    ui_status(ui, false, "Saved \"%s\"", f->saved_name);
    close_form(f);
}

/* ---- keys -------------------------------------------------------------------- */

typedef struct discard_ctx {
    ui_screen *form;
} discard_ctx;

static void discard_answer(ui_ctx *ui, void *ctx, bool yes)
{
    discard_ctx *d = ctx;
    if (yes && ui_top(ui) == d->form)
        ui_pop(ui);
}

static void cancel(ui_form *f)
{
    ui_ctx *ui = f->ui;
    if (f->saving) {   /* the write goes on; the board reports how it ends */
        ui_status(ui, false, "Still saving \"%s\"…", f->saved_name);
        close_form(f);
        return;
    }
    if (!form_dirty(f)) {
        close_form(f);
        return;
    }
    discard_ctx *d = malloc(sizeof *d);
    if (!d)
        return;
    d->form = &f->base;
    ui_screen *q = ui_confirm_new(ui, "Discard changes? y/n", discard_answer, d);
    if (q)
        ui_push(ui, q);
}

/* The chooser for the focused relation, looking up what was typed on the
 * field (which the chooser now holds: Esc there leaves the field as it was). */
static void open_picker(ui_form *f)
{
    int rel = f->focus - UI_FF_COMPANY;
    ui_screen *p = picker_new(f->ui, f, rel, ui_le_text(&f->rel_q[rel]));
    if (!p)
        return;
    ui_le_clear(&f->rel_q[rel]);
    clear_error_of(f, f->focus);
    ui_push(f->ui, p);
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    ui_form *f = (ui_form *)s;
    ui_action a = keymap_lookup(UI_CTX_FORM, k);
    if (f->saving) {
        if (a == UI_ACT_FORM_CANCEL)
            cancel(f);
        else if (a == UI_ACT_NONE || a == UI_ACT_FORM_SAVE)
            ui_status(ui, false, "Saving… (Esc closes the form; the write goes on)");
        else
            return a != UI_ACT_REDRAW;
        return true;
    }
    ui_key nk = keymap_normalize(k);
    bool enter = !nk.is_code && nk.ch == '\n';
    ui->dirty = true;
    bool was_fresh = f->fresh;
    f->fresh = false;
    switch (a) {
    case UI_ACT_FORM_NEXT_FIELD:
        f->focus = (f->focus + 1) % UI_FF_COUNT;
        f->fresh = is_choice(f->focus);
        return true;
    case UI_ACT_FORM_PREV_FIELD:
        f->focus = (f->focus + UI_FF_COUNT - 1) % UI_FF_COUNT;
        f->fresh = is_choice(f->focus);
        return true;
    case UI_ACT_FORM_SAVE:
        if (enter && is_rel(f->focus))
            open_picker(f);
        else
            save(f);
        return true;
    case UI_ACT_FORM_CLEAR_FIELD:
        if (f->focus < UI_FF_TEXTS) {
            ui_le_clear(&f->le[f->focus]);
            clear_error_of(f, f->focus);
        } else if (is_rel(f->focus)) {
            int rel = f->focus - UI_FF_COMPANY;
            if (!ui_le_empty(&f->rel_q[rel])) {
                ui_le_clear(&f->rel_q[rel]);   /* first what was typed, */
                clear_error_of(f, f->focus);
            } else {
                form_set_rel(f, rel, NULL, NULL);   /* then the relation itself */
            }
        }
        return true;
    case UI_ACT_FORM_CANCEL:
        cancel(f);
        return true;
    case UI_ACT_NONE:
        break;
    default:
        return false;   /* global actions (redraw …) */
    }
    if (f->focus < UI_FF_TEXTS) {
        /* a choice field just entered: what is typed replaces it */
        if (was_fresh && !k.is_code && ui_le_allowed((uint32_t)k.ch))
            ui_le_clear(&f->le[f->focus]);
        ui_le_result r = ui_le_key(&f->le[f->focus], k);
        if (r == UI_LE_CHANGED)
            clear_error_of(f, f->focus);
        return r != UI_LE_IGNORED || (!k.is_code && k.ch >= 0x20);
    }
    if (is_rel(f->focus)) {   /* a name to look up with Enter */
        ui_le_result r = ui_le_key(&f->rel_q[f->focus - UI_FF_COMPANY], k);
        if (r == UI_LE_CHANGED)
            clear_error_of(f, f->focus);
        return r != UI_LE_IGNORED || (!k.is_code && k.ch >= 0x20);
    }
    return false;
}

/* ---- opening ------------------------------------------------------------------ */

static void destroy(ui_screen *s)
{
    ui_form *f = (ui_form *)s;
    for (int i = 0; i < UI_FF_TEXTS; i++) {
        ui_le_free(&f->le[i]);
        free(f->initial[i]);
    }
    for (int r = 0; r < UI_FF_RELS; r++) {
        free(f->rel_name[r]);
        ui_le_free(&f->rel_q[r]);
    }
    free(f);
}

static ui_form *form_new(ui_ctx *ui)
{
    ui_form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->base.name = "form";
    f->base.draw = form_draw;
    f->base.key = key;
    f->base.tick = tick;
    f->base.destroy = destroy;
    f->base.opaque = false;
    f->ui = ui;
    f->err_field = -1;
    for (int i = 0; i < UI_FF_TEXTS; i++)
        ui_le_init(&f->le[i]);
    for (int r = 0; r < UI_FF_RELS; r++)
        ui_le_init(&f->rel_q[r]);
    return f;
}

/* Sets a field's text and remembers it as the opening value. */
static bool prefill(ui_form *f, int field, const char *text)
{
    ui_le_set(&f->le[field], text ? text : "");
    free(f->initial[field]);
    f->initial[field] = strdup(ui_le_text(&f->le[field]));
    return f->initial[field] != NULL;
}

static const char *stage_text(const pb_board *b, const char *value)
{
    const pb_stage *st = pb_stage_find(board_stages(b), value ? value : "");
    if (st)
        return st->label && st->label[0] ? st->label : st->value;
    return value ? value : "";
}

/* The currency most amounts of the pipeline use, else USD. */
static const char *usual_currency(const pb_board *b)
{
    const pb_totals *t = board_pipeline_totals(b);
    const char *best = "USD";
    int64_t most = 0;
    for (size_t i = 0; t && i < t->n; i++)
        if (t->v[i].currency[0] && t->v[i].count > most) {
            most = t->v[i].count;
            best = t->v[i].currency;
        }
    return best;
}

ui_screen *ui_form_edit(ui_ctx *ui, const pb_id *id)
{
    const pb_opp *o = id ? board_find(ui->board, id) : NULL;
    if (!o || o->deleted) {
        ui_status(ui, true, "That deal is not on the board any more");
        return NULL;
    }
    ui_form *f = form_new(ui);
    if (!f)
        return NULL;
    f->id = *id;
    char name[sizeof f->title - 16];
    copy(name, sizeof name, o->name);
    snprintf(f->title, sizeof f->title, "Edit \"%s\"", name);
    char amount[64], date[PB_DATE_YMD_BUFSZ + 1];
    ui_field_format_amount(&o->amount, amount, sizeof amount);
    ui_field_format_date(o->has_close_date, o->close_date_ms, date, sizeof date);
    f->amount_unreadable = (o->flags & PB_OPP_AMOUNT_INVALID) != 0;
    bool ok = prefill(f, UI_FF_NAME, o->name) && prefill(f, UI_FF_AMOUNT, amount)
              && prefill(f, UI_FF_CURRENCY,
                         o->amount.currency[0] ? o->amount.currency : usual_currency(ui->board))
              && prefill(f, UI_FF_STAGE, stage_text(ui->board, o->stage))
              && prefill(f, UI_FF_CLOSE, date);
    const pb_id *ids[UI_FF_RELS] = {&o->company_id, &o->poc_id, &o->owner_id};
    const char *names[UI_FF_RELS] = {o->company_name, o->poc_name, o->owner_name};
    bool missing = false;
    for (int r = 0; r < UI_FF_RELS; r++) {
        f->rel_id[r] = f->rel_initial[r] = *ids[r];
        if (!pb_id_is_nil(ids[r])) {
            if (names[r])
                f->rel_name[r] = strdup(names[r]);
            else
                missing = true;
        }
    }
    if (!ok) {
        destroy(&f->base);
        return NULL;
    }
    if (missing) {   /* a depth=0 card has ids only: the detail record names them */
        pb_detail d;
        f->names_wanted = true;
        if (!board_detail(ui->board, &d) || !d.opp || !pb_id_equal(&d.opp->id, id) || d.error)
            board_fetch_detail(ui->board, id);
        tick(&f->base, ui);
    }
    return &f->base;
}

ui_screen *ui_form_create(ui_ctx *ui, size_t col)
{
    const pb_stage_list *stages = board_stages(ui->board);
    if (!board_ready(ui->board) || !stages || col >= stages->n) {
        ui_status(ui, true, "The stages are not loaded yet: cannot add a deal");
        return NULL;
    }
    ui_form *f = form_new(ui);
    if (!f)
        return NULL;
    f->create = true;
    f->col = col;
    const pb_stage *st = &stages->v[col];
    char label[sizeof f->title - 16];
    copy(label, sizeof label, st->label && st->label[0] ? st->label : st->value);
    snprintf(f->title, sizeof f->title, "New deal in %s", label);
    bool ok = prefill(f, UI_FF_NAME, "") && prefill(f, UI_FF_AMOUNT, "")
              && prefill(f, UI_FF_CURRENCY, usual_currency(ui->board))
              && prefill(f, UI_FF_STAGE, stage_text(ui->board, st->value))
              && prefill(f, UI_FF_CLOSE, "");
    if (!ok) {
        destroy(&f->base);
        return NULL;
    }
    return &f->base;
}
