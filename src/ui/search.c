/* search.c - `/` name search, and n / N afterwards.
 *
 * Behaviour:
 *  - Type a name, Enter: the search goes to the server (board_search: ranked
 *    ids, then the records); the results list in rank order with their stage
 *    and amount. Up/Down move the highlight; Enter on a result closes the
 *    search and selects the card on the board (ui_board_select: the column's
 *    pages load when needed). Editing the text and pressing Enter searches
 *    again. Esc closes.
 *  - The result list is remembered in ui->search_ids: n / N select the next
 *    or previous result, wrapping around at the ends as vim does (and
 *    saying so).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/board_view.h"
#include "ui/keymap.h"
#include "ui/lineedit.h"
#include "ui/screens.h"
#include "ui/text.h"
#include "ui/theme.h"

#define SEARCH_MAX_W 90
#define SEARCH_MIN_W 50

typedef struct search {
    ui_screen base;
    ui_ctx *ui;
    ui_lineedit q;
    char *last;       /* the text searched last; NULL before the first Enter */
    size_t sel, top;
    char msg[160];
} search;

static bool results(const search *s, pb_search_view *sv)
{
    return s->last && board_search_results(s->ui->board, sv) && sv->query
           && strcmp(sv->query, s->last) == 0;
}

static const char *stage_label(const pb_board *b, const char *value)
{
    const pb_stage *st = pb_stage_find(board_stages(b), value ? value : "");
    if (!st)
        return value ? value : "";
    return st->label && st->label[0] ? st->label : st->value;
}

static void say_position(ui_ctx *ui, size_t pos, size_t n, const char *prefix)
{
    const pb_opp *o = board_find(ui->board, &ui->search_ids[pos]);
    ui_status(ui, false, "%sResult %zu of %zu%s%s%s", prefix, pos + 1, n, o ? ": \"" : "",
              o ? o->name : "", o ? "\"" : "");
}

/* Keeps the hits as the n / N list and selects hit `pos` on the board. */
static bool go(ui_ctx *ui, const pb_search_view *sv, size_t pos)
{
    pb_id *ids = malloc((sv->n ? sv->n : 1) * sizeof *ids);
    if (!ids)
        return false;
    for (size_t i = 0; i < sv->n; i++)
        ids[i] = sv->hits[i].id;
    free(ui->search_ids);
    ui->search_ids = ids;
    ui->search_n = sv->n;
    ui->search_pos = pos;
    pb_id id = ids[pos];
    ui_pop(ui);   /* destroys the search screen: nothing of it is used below */
    ui_board_select(ui, &id);
    say_position(ui, pos, ui->search_n, "");
    return true;
}

static void enter(search *s)
{
    ui_ctx *ui = s->ui;
    const char *text = ui_le_text(&s->q);
    pb_search_view sv;
    bool have = results(s, &sv);
    if (have && strcmp(text, s->last) == 0) {
        if (sv.n == 0) {
            snprintf(s->msg, sizeof s->msg, "%s",
                     sv.loading ? "Searching\xE2\x80\xA6" : "Nothing to open");
            return;
        }
        if (s->sel >= sv.n)
            s->sel = sv.n - 1;
        go(ui, &sv, s->sel);
        return;
    }
    const char *p = text;
    while (*p == ' ')
        p++;
    if (!*p) {
        snprintf(s->msg, sizeof s->msg, "Type a name to search for");
        return;
    }
    char *copy = strdup(text);
    if (!copy)
        return;
    free(s->last);
    s->last = copy;
    s->sel = s->top = 0;
    s->msg[0] = '\0';
    board_search(ui->board, text);
}

static bool key(ui_screen *scr, ui_ctx *ui, ui_key k)
{
    search *s = (search *)scr;
    ui->dirty = true;
    pb_search_view sv;
    size_t n = results(s, &sv) ? sv.n : 0;
    switch (keymap_lookup(UI_CTX_SEARCH, k)) {
    case UI_ACT_SEARCH_DOWN:
        if (s->sel + 1 < n)
            s->sel++;
        return true;
    case UI_ACT_SEARCH_UP:
        if (s->sel > 0)
            s->sel--;
        return true;
    case UI_ACT_SEARCH_OPEN:
        enter(s);
        return true;
    case UI_ACT_SEARCH_CANCEL:
        ui_pop(ui);
        return true;
    case UI_ACT_NONE:
        break;
    default:
        return false;
    }
    ui_le_result r = ui_le_key(&s->q, k);
    if (r == UI_LE_CHANGED)
        s->msg[0] = '\0';
    return r != UI_LE_IGNORED || (!k.is_code && k.ch >= 0x20);
}

static void draw_hit(const search *s, const pb_search_hit *h, int y, int x, int w, int attr)
{
    if (!h->opp) {
        ui_text_pad(y, x, w, "\xE2\x80\xA6", attr);
        return;
    }
    char amount[64] = "\xE2\x80\x94", right[200];
    if (h->opp->flags & PB_OPP_AMOUNT_INVALID)
        snprintf(amount, sizeof amount, "?");
    else if (h->opp->amount.set)
        pb_money_format_money(&h->opp->amount, PB_MONEY_SHORT, amount, sizeof amount);
    snprintf(right, sizeof right, "%.120s \xC2\xB7 %s", stage_label(s->ui->board, h->opp->stage),
             amount);
    ui_fill(y, x, w, attr);
    int rw = (int)ui_text_width(right);
    if (rw > w / 2)
        rw = w / 2;
    int nw = w - rw - 2;
    ui_text(y, x, nw, h->opp->name[0] ? h->opp->name : "(no name)", attr);
    ui_text_right(y, x + w - rw, rw, right, attr | A_DIM);
}

static void draw(ui_screen *scr, ui_ctx *ui)
{
    search *s = (search *)scr;
    pb_search_view sv;
    bool have = results(s, &sv);
    size_t n = have ? sv.n : 0;
    int avail = ui->rows - 1;
    int w = ui->cols < SEARCH_MIN_W + 4 ? ui->cols
            : ui->cols - 8 > SEARCH_MAX_W ? SEARCH_MAX_W
            : ui->cols - 8 < SEARCH_MIN_W ? SEARCH_MIN_W
                                           : ui->cols - 8;
    int h = (int)(n < 12 ? n : 12) + 6;
    if (h < 8)
        h = 8;
    if (h > avail)
        h = avail;
    int x = (ui->cols - w) / 2, y = (avail - h) / 2;
    if (y < 0)
        y = 0;
    int dialog = ui_attr(UI_ELEM_DIALOG);
    if (w < 24 || h < 6) {
        ui_text_pad(0, 0, ui->cols, "Enlarge the terminal to search (Esc closes)", dialog);
        return;
    }
    ui_box(y, x, h, w, ui_attr(UI_ELEM_DIALOG_BORDER));
    for (int r = y + 1; r < y + h - 1; r++)
        ui_fill(r, x + 1, w - 2, dialog);
    ui_text_center(y, x + 2, w - 4, " Search deals by name ", ui_attr(UI_ELEM_DIALOG_TITLE));
    int ix = x + 2, iw = w - 4, row = y + 1;
    ui_text(row, ix, 6, "Name:", ui_attr(UI_ELEM_FORM_LABEL));
    ui_le_draw(&s->q, row, ix + 6, iw - 6, ui_attr(UI_ELEM_FORM_FIELD_ACTIVE), true);
    row++;

    char line[240];
    int lattr = dialog | A_DIM;
    if (s->msg[0]) {
        snprintf(line, sizeof line, "%s", s->msg);
    } else if (!s->last) {
        snprintf(line, sizeof line, "Enter searches");
    } else if (have && sv.error) {
        snprintf(line, sizeof line, "Search failed: %.200s", sv.error);
        lattr = ui_attr(UI_ELEM_FORM_ERROR);
    } else if (!have || (sv.loading && n == 0)) {
        snprintf(line, sizeof line, "Searching\xE2\x80\xA6");
    } else if (n == 0) {
        snprintf(line, sizeof line, "No deal matches \"%.120s\"", s->last);
    } else {
        snprintf(line, sizeof line, "%zu result%s%s", n, n == 1 ? "" : "s",
                 sv.loading ? " \xC2\xB7 loading\xE2\x80\xA6" : "");
    }
    ui_text_pad(row++, ix, iw, line, lattr);

    int list_h = y + h - 2 - row;
    if (list_h < 0)
        list_h = 0;
    if (n && s->sel >= n)
        s->sel = n - 1;
    if (s->sel < s->top)
        s->top = s->sel;
    if (list_h > 0 && s->sel >= s->top + (size_t)list_h)
        s->top = s->sel - (size_t)list_h + 1;
    for (int r = 0; r < list_h && s->top + (size_t)r < n; r++) {
        size_t i = s->top + (size_t)r;
        bool on = i == s->sel;
        if (on)
            ui_put_wch(row + r, x + 1, 0x25B8, ui_attr(UI_ELEM_FORM_LABEL));
        draw_hit(s, &sv.hits[i], row + r, ix, iw, on ? ui_attr(UI_ELEM_LIST_SELECTED) : dialog);
    }
    char open_k[48], close_k[48], hint[200];
    keymap_keys_for(UI_ACT_SEARCH_OPEN, open_k, sizeof open_k);
    keymap_keys_for(UI_ACT_SEARCH_CANCEL, close_k, sizeof close_k);
    snprintf(hint, sizeof hint, "%s: search, then go to the card \xC2\xB7 %s: close", open_k,
             close_k);
    ui_text_pad(y + h - 2, ix, iw, hint, dialog | A_DIM);
}

static void destroy(ui_screen *scr)
{
    search *s = (search *)scr;
    ui_le_free(&s->q);
    free(s->last);
    free(s);
}

ui_screen *ui_search_open(ui_ctx *ui)
{
    search *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->base.name = "search";
    s->base.draw = draw;
    s->base.key = key;
    s->base.tick = NULL;
    s->base.destroy = destroy;
    s->base.opaque = false;
    s->ui = ui;
    ui_le_init(&s->q);
    return &s->base;
}

void ui_search_next(ui_ctx *ui, int dir)
{
    if (!ui->search_ids || ui->search_n == 0) {
        ui_status(ui, false, "No search yet: / searches deals by name");
        return;
    }
    size_t n = ui->search_n, pos = ui->search_pos < n ? ui->search_pos : 0;
    const char *wrapped = "";
    if (dir >= 0) {
        pos = pos + 1 < n ? pos + 1 : 0;
        if (pos == 0)
            wrapped = "Search hit BOTTOM, continuing at TOP \xC2\xB7 ";
    } else {
        pos = pos > 0 ? pos - 1 : n - 1;
        if (pos == n - 1)
            wrapped = "Search hit TOP, continuing at BOTTOM \xC2\xB7 ";
    }
    if (n == 1)
        wrapped = "";
    ui->search_pos = pos;
    pb_id id = ui->search_ids[pos];
    ui_board_select(ui, &id);
    say_position(ui, pos, n, wrapped);
}
