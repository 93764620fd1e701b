/* detail.c - the card detail (Enter on a card): every field of the deal,
 * with the names of its company, point of contact and owner, and when it
 * was created and updated, read fresh from the server with depth=1
 * (board_fetch_detail).
 *
 * Behaviour: what the board already knows shows at once; the fresh record
 * fills in the rest when it arrives. The board's own copy wins for the
 * fields it holds (it carries this client's own latest edits), the detail
 * record supplies names and times. A name still unknown after an edit made
 * elsewhere is fetched once. j/k scroll, e edits, q/Esc/Enter close. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/keymap.h"
#include "ui/screens.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "util/isodate.h"

#define DETAIL_LINES 16
#define DETAIL_MAX_W 84
#define DETAIL_MIN_W 50
#define DETAIL_LABEL_W 17

typedef struct detail_line {
    const char *label;
    char value[400];
    int attr;
} detail_line;

typedef struct detail {
    ui_screen base;
    ui_ctx *ui;
    pb_id id;
    int scroll;
    pb_id asked[3];   /* relation ids a fresh fetch was made for */
} detail;

static void add(detail_line *l, size_t *n, const char *label, const char *value, int attr)
{
    if (*n >= DETAIL_LINES)
        return;
    l[*n].label = label;
    snprintf(l[*n].value, sizeof l[*n].value, "%s", value ? value : "");
    l[*n].attr = attr;
    (*n)++;
}

static void stamp(int64_t ms, char *out, size_t outsz)
{
    char iso[PB_DATE_ISO_BUFSZ];
    if (ms == 0 || !pb_date_format_iso(ms, iso)) {
        snprintf(out, outsz, "\xE2\x80\x94");
        return;
    }
    /* "2025-06-01T14:03:07.000Z" -> "2025-06-01 14:03 UTC" */
    snprintf(out, outsz, "%.10s %.5s UTC", iso, iso + 11);
}

/* The name of relation r of the deal, from wherever it is known. */
static const char *rel_name(const pb_opp *base, const pb_opp *det, bool loading, int r,
                            bool *unknown)
{
    const pb_id *ids[3] = {&base->company_id, &base->poc_id, &base->owner_id};
    const char *names[3] = {base->company_name, base->poc_name, base->owner_name};
    *unknown = false;
    if (pb_id_is_nil(ids[r]))
        return "\xE2\x80\x94";
    if (names[r])
        return ui_text_blank(names[r]) ? "(no name)" : names[r];
    if (det) {
        const pb_id *dids[3] = {&det->company_id, &det->poc_id, &det->owner_id};
        const char *dnames[3] = {det->company_name, det->poc_name, det->owner_name};
        if (pb_id_equal(dids[r], ids[r]) && dnames[r])
            return ui_text_blank(dnames[r]) ? "(no name)" : dnames[r];
    }
    if (loading)
        return "\xE2\x80\xA6";
    *unknown = true;
    return "(name unknown)";
}

/* Builds the lines; *title gets the deal's name. Returns the count. */
static size_t build(detail *d, detail_line *l, const char **title, const char **status,
                    int *status_attr, bool fetch)
{
    pb_board *b = d->ui->board;
    pb_detail dv;
    bool have = board_detail(b, &dv);
    const pb_opp *det = have && dv.opp && pb_id_equal(&dv.opp->id, &d->id) ? dv.opp : NULL;
    const pb_opp *live = board_find(b, &d->id);
    if (live && live->deleted)
        live = NULL;
    const pb_opp *base = live ? live : det;
    bool loading = have && dv.loading;
    *status = NULL;
    *status_attr = ui_attr(UI_ELEM_DIALOG) | A_DIM;
    if (have && dv.error) {
        *status = dv.error;
        *status_attr = ui_attr(UI_ELEM_FORM_ERROR);
    } else if (loading) {
        *status = "Loading\xE2\x80\xA6";
    }
    size_t n = 0;
    int plain = ui_attr(UI_ELEM_DIALOG);
    if (!base) {
        *title = "Deal";
        return 0;
    }
    *title = ui_text_blank(base->name) ? "(no name)" : base->name;
    char buf[128];
    add(l, &n, "Name", *title, plain);
    const pb_stage *st = pb_stage_find(board_stages(b), base->stage);
    add(l, &n, "Stage", st ? (st->label && st->label[0] ? st->label : st->value) : base->stage,
        plain);
    if (base->flags & PB_OPP_AMOUNT_INVALID)
        snprintf(buf, sizeof buf, "? (the stored amount cannot be read)");
    else if (!base->amount.set)
        snprintf(buf, sizeof buf, "\xE2\x80\x94");
    else
        pb_money_format_money(&base->amount, PB_MONEY_FULL, buf, sizeof buf);
    add(l, &n, "Amount", buf, plain);
    char ymd[PB_DATE_YMD_BUFSZ];
    if (base->has_close_date && pb_date_format_ymd(base->close_date_ms, ymd))
        add(l, &n, "Close date", ymd, plain);
    else
        add(l, &n, "Close date", "\xE2\x80\x94", plain);
    static const char *const rel_labels[3] = {"Company", "Point of contact", "Owner"};
    const pb_id *ids[3] = {&base->company_id, &base->poc_id, &base->owner_id};
    bool missing = false;
    for (int r = 0; r < 3; r++) {
        bool unknown;
        add(l, &n, rel_labels[r], rel_name(base, det, loading, r, &unknown), plain);
        missing = missing || (unknown && !pb_id_equal(&d->asked[r], ids[r]));
    }
    const pb_opp *times = det ? det : base;
    stamp(times->created_at_ms, buf, sizeof buf);
    add(l, &n, "Created", buf, plain);
    int64_t upd = times->updated_at_ms;
    if (base->updated_at_ms > upd)
        upd = base->updated_at_ms;
    stamp(upd, buf, sizeof buf);
    add(l, &n, "Updated", buf, plain);
    if (have && det && dv.created_by && dv.created_by[0])
        add(l, &n, "Created by", dv.created_by, plain);
    char idtext[PB_ID_BUFSZ];
    pb_id_format(&d->id, idtext);
    add(l, &n, "Id", idtext, plain | A_DIM);
    const char *why = board_card_error(b, &d->id);
    if (why && why[0])
        add(l, &n, "Last write", why, ui_attr(UI_ELEM_FORM_ERROR));
    if (fetch && missing && !loading) {   /* an edit elsewhere named someone we do not know yet */
        for (int r = 0; r < 3; r++)
            d->asked[r] = *ids[r];
        board_fetch_detail(b, &d->id);
    }
    return n;
}

static void geometry(const ui_ctx *ui, size_t lines, int *y, int *x, int *h, int *w)
{
    int avail = ui->rows - 1;
    *w = ui->cols < DETAIL_MIN_W + 4 ? ui->cols
         : ui->cols - 8 > DETAIL_MAX_W ? DETAIL_MAX_W
         : ui->cols - 8 < DETAIL_MIN_W ? DETAIL_MIN_W
                                        : ui->cols - 8;
    *h = (int)lines + 5;   /* borders, a blank, the status and hint rows */
    if (*h > avail)
        *h = avail;
    *x = (ui->cols - *w) / 2;
    *y = (avail - *h) / 2;
    if (*y < 0)
        *y = 0;
}

static void draw(ui_screen *s, ui_ctx *ui)
{
    detail *d = (detail *)s;
    detail_line l[DETAIL_LINES];
    const char *title, *status;
    int status_attr;
    size_t n = build(d, l, &title, &status, &status_attr, false);
    int y, x, h, w;
    geometry(ui, n, &y, &x, &h, &w);
    int dialog = ui_attr(UI_ELEM_DIALOG);
    if (w < 24 || h < 5) {
        ui_text_pad(0, 0, ui->cols, "Enlarge the terminal to see the deal (q closes)", dialog);
        return;
    }
    ui_box(y, x, h, w, ui_attr(UI_ELEM_DIALOG_BORDER));
    for (int r = y + 1; r < y + h - 1; r++)
        ui_fill(r, x + 1, w - 2, dialog);
    char t[440];
    snprintf(t, sizeof t, " %.400s ", title);
    ui_text_center(y, x + 2, w - 4, t, ui_attr(UI_ELEM_DIALOG_TITLE));
    int ix = x + 2, iw = w - 4;
    int lw = iw / 3 < DETAIL_LABEL_W ? iw / 3 : DETAIL_LABEL_W;
    int body_h = h - 4;   /* top border, status row, hint row, bottom border */
    if (body_h < 1)
        body_h = 1;
    int max_scroll = (int)n > body_h ? (int)n - body_h : 0;
    if (d->scroll > max_scroll)
        d->scroll = max_scroll;
    if (d->scroll < 0)
        d->scroll = 0;
    int row = y + 1;
    for (int i = d->scroll; i < (int)n && row < y + 1 + body_h; i++, row++) {
        ui_text_pad(row, ix, lw, l[i].label, ui_attr(UI_ELEM_FORM_LABEL));
        ui_text_pad(row, ix + lw + 1, iw - lw - 1, l[i].value, l[i].attr);
    }
    if (n == 0 && !status)
        status = "This deal is not loaded";
    ui_text_pad(y + h - 3, ix, iw, status ? status : "", status_attr);
    char edit_k[48], close_k[48], hint[160];
    keymap_keys_for(UI_ACT_DETAIL_EDIT, edit_k, sizeof edit_k);
    keymap_keys_for(UI_ACT_DETAIL_CLOSE, close_k, sizeof close_k);
    snprintf(hint, sizeof hint, "%s: edit \xC2\xB7 %s: close%s", edit_k, close_k,
             max_scroll ? " \xC2\xB7 j/k: scroll" : "");
    ui_text_pad(y + h - 2, ix, iw, hint, dialog | A_DIM);
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    detail *d = (detail *)s;
    ui->dirty = true;
    switch (keymap_lookup(UI_CTX_DETAIL, k)) {
    case UI_ACT_DETAIL_EDIT: {
        ui_screen *f = ui_form_edit(ui, &d->id);
        if (f)
            ui_push(ui, f);
        return true;
    }
    case UI_ACT_DETAIL_DOWN: d->scroll++; return true;
    case UI_ACT_DETAIL_UP: d->scroll--; return true;
    case UI_ACT_DETAIL_CLOSE: ui_pop(ui); return true;
    case UI_ACT_NONE: return true;   /* nothing else to type here */
    default: return false;
    }
}

static void tick(ui_screen *s, ui_ctx *ui)
{
    detail *d = (detail *)s;
    detail_line l[DETAIL_LINES];
    const char *title, *status;
    int status_attr;
    (void)ui;
    build(d, l, &title, &status, &status_attr, true);
}

static void destroy(ui_screen *s)
{
    free(s);
}

ui_screen *ui_detail_open(ui_ctx *ui, const pb_id *id)
{
    if (!id || pb_id_is_nil(id)) {
        ui_status(ui, false, "No card selected");
        return NULL;
    }
    detail *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.name = "detail";
    d->base.draw = draw;
    d->base.key = key;
    d->base.tick = tick;
    d->base.destroy = destroy;
    d->base.opaque = false;
    d->ui = ui;
    d->id = *id;
    const pb_opp *o = board_find(ui->board, id);
    if (o) {
        d->asked[0] = o->company_id;
        d->asked[1] = o->poc_id;
        d->asked[2] = o->owner_id;
    }
    board_fetch_detail(ui->board, id);
    return &d->base;
}
