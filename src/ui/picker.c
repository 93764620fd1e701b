/* picker.c - chooses the company, point of contact or owner of the form's
 * deal by name: what is typed is looked up on the server
 * (board_pick_lookup), the matches are listed, arrows and Enter pick one.
 *
 * Behaviour:
 *  - One look-up at a time: while one is out, further typing waits and the
 *    newest text is sent when the answer is in (the server's rate limit is
 *    shared with everything else). Meanwhile the list already shown is
 *    narrowed locally to what was typed, so every key answers at once.
 *  - The first row is "none": Enter on it (or Ctrl-D anywhere) clears the
 *    relation. With something typed, Enter picks the highlighted match and
 *    never clears by accident: if nothing matches (yet) it says so.
 *  - Esc goes back to the form with the field unchanged.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"
#include "ui/actions.h"
#include "ui/form_internal.h"
#include "ui/keymap.h"
#include "ui/text.h"
#include "ui/theme.h"

#define PICK_SHOWN_MAX 64

typedef struct picker {
    ui_screen base;
    ui_ctx *ui;
    ui_form *form;
    int rel;
    pb_pick_kind kind;
    ui_lineedit q;
    char *sent;       /* the text of our last look-up; NULL before the first */
    size_t sel;       /* 0 = "none", i = match i - 1 (when moved) */
    bool moved;       /* the user moved the highlight since the text changed */
    bool enter_waits; /* Enter came while the look-up was out: choose when it is in */
    size_t top;       /* first list row shown */
    char msg[200];
} picker;

static const char *noun(pb_pick_kind k)
{
    return k == PB_PICK_COMPANY ? "company" : k == PB_PICK_PERSON ? "person" : "workspace member";
}

static bool ours(const picker *p, pb_pick_view *pv)
{
    return board_pick_results(p->ui->board, pv) && pv->kind == p->kind && p->sent;
}

static void send(picker *p)
{
    const char *text = ui_le_text(&p->q);
    char *copy = strdup(text);
    if (!copy)
        return;
    free(p->sent);
    p->sent = copy;
    board_pick_lookup(p->ui->board, p->kind, text);
}

/* Sends the current text unless a look-up is still out (tick sends it then). */
static void maybe_send(picker *p)
{
    pb_pick_view pv;
    if (p->sent && strcmp(p->sent, ui_le_text(&p->q)) == 0)
        return;
    if (ours(p, &pv) && pv.loading)
        return;
    send(p);
}

/* The matches to show: the last answer, narrowed to the current text while
 * an answer for that text is not in. Returns how many; fills idx. */
static size_t visible(const picker *p, const pb_pick_view *pv, size_t *idx, size_t max)
{
    size_t n = 0;
    const char *text = ui_le_text(&p->q);
    bool narrow = !pv->query || strcmp(pv->query, text) != 0 || pv->loading;
    for (size_t i = 0; i < pv->n && n < max; i++) {
        const pb_named *it = &pv->items[i];
        if (narrow && !twenty_text_contains_ci(it->name, text)
            && !(it->detail && twenty_text_contains_ci(it->detail, text)))
            continue;
        idx[n++] = i;
    }
    return n;
}

static void reset_sel(picker *p)
{
    p->moved = false;
    p->enter_waits = false;
    p->sel = 0;
}

/* The highlighted row for n matches: where the user moved it, else the
 * first match when something is typed, else "none". */
static size_t current(const picker *p, size_t n)
{
    if (!p->moved)
        return ui_le_empty(&p->q) || n == 0 ? 0 : 1;
    return p->sel < n ? p->sel : n;
}

static void choose(picker *p)
{
    ui_ctx *ui = p->ui;
    pb_pick_view pv;
    size_t idx[PICK_SHOWN_MAX], n = 0;
    if (ours(p, &pv))
        n = visible(p, &pv, idx, PICK_SHOWN_MAX);
    size_t sel = current(p, n);
    if (sel == 0) {
        if (!ui_le_empty(&p->q) && !p->moved) {
            bool mine = ours(p, &pv);
            bool loading = mine && (pv.loading || !pv.query || strcmp(pv.query, p->sent) != 0);
            if (loading || strcmp(p->sent, ui_le_text(&p->q)) != 0) {
                p->enter_waits = true;   /* chosen when the answer is in */
                return;
            }
            if (mine && pv.error)
                snprintf(p->msg, sizeof p->msg, "Look-up failed: %.160s", pv.error);
            else
                snprintf(p->msg, sizeof p->msg, "No %s matches", noun(p->kind));
            ui->dirty = true;
            return;
        }
        form_set_rel(p->form, p->rel, NULL, NULL);
    } else {
        const pb_named *it = &pv.items[idx[sel - 1]];
        form_set_rel(p->form, p->rel, &it->id, it->name);
    }
    ui_pop(ui);
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    picker *p = (picker *)s;
    ui_action a = keymap_lookup(UI_CTX_PICKER, k);
    ui->dirty = true;
    pb_pick_view pv;
    size_t idx[PICK_SHOWN_MAX], n = 0;
    if (ours(p, &pv))
        n = visible(p, &pv, idx, PICK_SHOWN_MAX);
    switch (a) {
    case UI_ACT_PICKER_DOWN:
        p->sel = current(p, n);
        if (p->sel < n)
            p->sel++;
        p->moved = true;
        p->enter_waits = false;
        p->msg[0] = '\0';
        return true;
    case UI_ACT_PICKER_UP:
        p->sel = current(p, n);
        if (p->sel > 0)
            p->sel--;
        p->moved = true;
        p->enter_waits = false;
        p->msg[0] = '\0';
        return true;
    case UI_ACT_PICKER_CHOOSE:
        choose(p);
        return true;
    case UI_ACT_PICKER_NONE:
        form_set_rel(p->form, p->rel, NULL, NULL);
        ui_pop(ui);
        return true;
    case UI_ACT_PICKER_CANCEL:
        ui_pop(ui);
        return true;
    case UI_ACT_NONE:
        break;
    default:
        return false;
    }
    ui_le_result r = ui_le_key(&p->q, k);
    if (r == UI_LE_CHANGED) {
        p->msg[0] = '\0';
        reset_sel(p);
        maybe_send(p);
    }
    return r != UI_LE_IGNORED || (!k.is_code && k.ch >= 0x20);
}

static void tick(ui_screen *s, ui_ctx *ui)
{
    picker *p = (picker *)s;
    maybe_send(p);
    pb_pick_view pv;
    if (p->enter_waits && ours(p, &pv) && !pv.loading && pv.query
        && strcmp(pv.query, ui_le_text(&p->q)) == 0) {
        p->enter_waits = false;
        ui->dirty = true;
        choose(p);   /* may pop this screen: nothing of it is used below */
    }
}

static void draw(ui_screen *s, ui_ctx *ui)
{
    picker *p = (picker *)s;
    int y, x, h, w;
    form_box(ui, &y, &x, &h, &w);
    int dialog = ui_attr(UI_ELEM_DIALOG);
    if (w < 24 || h < 6) {
        ui_text_pad(0, 0, ui->cols, "Enlarge the terminal to choose (Esc goes back)", dialog);
        return;
    }
    ui_box(y, x, h, w, ui_attr(UI_ELEM_DIALOG_BORDER));
    for (int r = y + 1; r < y + h - 1; r++)
        ui_fill(r, x + 1, w - 2, dialog);
    char title[80];
    snprintf(title, sizeof title, " Choose the %s ", p->rel == 1 ? "point of contact"
                                                     : p->rel == 2 ? "owner"
                                                                   : "company");
    ui_text_center(y, x + 2, w - 4, title, ui_attr(UI_ELEM_DIALOG_TITLE));
    int ix = x + 2, iw = w - 4, row = y + 1;
    ui_text(row, ix, 6, "Name:", ui_attr(UI_ELEM_FORM_LABEL));
    ui_le_draw(&p->q, row, ix + 6, iw - 6, ui_attr(UI_ELEM_FORM_FIELD_ACTIVE), true);
    row++;

    pb_pick_view pv;
    size_t idx[PICK_SHOWN_MAX], n = 0;
    bool have = ours(p, &pv);
    if (have)
        n = visible(p, &pv, idx, PICK_SHOWN_MAX);
    size_t sel = current(p, n);
    /* a line about the look-up */
    char line[240];
    int lattr = dialog | A_DIM;
    if (p->msg[0]) {
        snprintf(line, sizeof line, "%s", p->msg);
        lattr = ui_attr(UI_ELEM_FORM_ERROR);
    } else if (have && pv.error) {
        snprintf(line, sizeof line, "Look-up failed: %.200s", pv.error);
        lattr = ui_attr(UI_ELEM_FORM_ERROR);
    } else if (!have || pv.loading || p->enter_waits) {
        snprintf(line, sizeof line, "Looking up\xE2\x80\xA6");
    } else if (n == 0) {
        snprintf(line, sizeof line, "No %s matches", noun(p->kind));
    } else {
        snprintf(line, sizeof line, "%zu match%s", n, n == 1 ? "" : "es");
    }
    ui_text_pad(row++, ix, iw, line, lattr);

    /* the list: "none" then the matches, scrolled to keep the highlight */
    int list_h = y + h - 1 - row - 1;
    if (list_h < 1)
        list_h = 1;
    size_t rows_total = n + 1;
    if (sel < p->top)
        p->top = sel;
    if (sel >= p->top + (size_t)list_h)
        p->top = sel - (size_t)list_h + 1;
    if (p->top + (size_t)list_h > rows_total)
        p->top = rows_total > (size_t)list_h ? rows_total - (size_t)list_h : 0;
    for (int r = 0; r < list_h && p->top + (size_t)r < rows_total; r++) {
        size_t i = p->top + (size_t)r;
        bool on = i == sel;
        int attr = on ? ui_attr(UI_ELEM_LIST_SELECTED) : dialog;
        ui_fill(row + r, ix, iw, attr);
        if (on)
            ui_put_wch(row + r, x + 1, 0x25B8, ui_attr(UI_ELEM_FORM_LABEL));
        if (i == 0) {
            ui_text(row + r, ix, iw, "\xE2\x80\x94 none (clear the field)", attr | A_DIM);
            continue;
        }
        const pb_named *it = &pv.items[idx[i - 1]];
        int used = ui_text(row + r, ix, iw, it->name[0] ? it->name : "(no name)", attr);
        if (it->detail && it->detail[0] && used + 3 < iw)
            ui_text(row + r, ix + used + 2, iw - used - 2, it->detail, attr | A_DIM);
    }
    char choose_k[48], none_k[48], back_k[48], hint[200];
    keymap_keys_for(UI_ACT_PICKER_CHOOSE, choose_k, sizeof choose_k);
    keymap_keys_for(UI_ACT_PICKER_NONE, none_k, sizeof none_k);
    keymap_keys_for(UI_ACT_PICKER_CANCEL, back_k, sizeof back_k);
    snprintf(hint, sizeof hint, "%s: choose \xC2\xB7 %s: none \xC2\xB7 %s: back", choose_k, none_k,
             back_k);
    ui_text_pad(y + h - 2, ix, iw, hint, dialog | A_DIM);
}

static void destroy(ui_screen *s)
{
    picker *p = (picker *)s;
    ui_le_free(&p->q);
    free(p->sent);
    free(p);
}

ui_screen *picker_new(ui_ctx *ui, ui_form *f, int rel, const char *query)
{
    if (rel < 0 || rel >= UI_FF_RELS)
        return NULL;
    picker *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.name = "picker";
    p->base.draw = draw;
    p->base.key = key;
    p->base.tick = tick;
    p->base.destroy = destroy;
    p->base.opaque = false;
    p->ui = ui;
    p->form = f;
    p->rel = rel;
    p->kind = rel == 0 ? PB_PICK_COMPANY : rel == 1 ? PB_PICK_PERSON : PB_PICK_MEMBER;
    ui_le_init(&p->q);
    ui_le_set(&p->q, query ? query : "");
    reset_sel(p);
    send(p);
    return &p->base;
}
