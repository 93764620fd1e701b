/* card.c - one card on the board: three lines.
 *   ▌⟳ Acme renewal
 *   ▌$50k · Acme Corp
 *   ▌Jun 30 overdue · Jane Doe
 * The bar marks the selected card; ⟳ a write in flight, ✗ a failed one. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/board_internal.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "util/isodate.h"

#define MARK_PENDING "\xE2\x9F\xB3 " /* ⟳ */
#define MARK_FAILED "\xE2\x9C\x97 "  /* ✗ */
#define SEP " \xC2\xB7 "             /* " · " */
#define DASH "\xE2\x80\x94"          /* — */

bool card_stage_closed(const char *v)
{
    if (!v)
        return false;
    return strstr(v, "CLOSED") || strstr(v, "WON") || strstr(v, "LOST")
           || strcmp(v, "CUSTOMER") == 0;
}

/* Draws segment s at *x within the card's right edge `end`. */
static void seg(int y, int *x, int end, const char *s, int attr)
{
    if (*x >= end || !s || !*s)
        return;
    *x += ui_text(y, *x, end - *x, s, attr);
}

void card_draw(board_view *bv, size_t col, size_t idx, int y, int x, int w, bool selected,
               int64_t wall_ms)
{
    pb_board *b = bv->ui->board;
    const pb_opp *o = board_card(b, col, idx);
    if (!o || w < 2)
        return;
    unsigned flags = board_card_flags(b, col, idx);
    int sel = ui_attr(UI_ELEM_CARD_SELECTED);
    int base = selected ? sel : 0;
    int emph = selected ? (int)((attr_t)sel | A_BOLD) : ui_attr(UI_ELEM_CARD_NAME);
    int meta = selected ? sel : ui_attr(UI_ELEM_CARD_META);
    int amount_attr = selected ? sel : ui_attr(UI_ELEM_CARD_AMOUNT);
    int end = x + w;
    for (int r = 0; r < UI_CARD_LINES; r++) {
        ui_fill(y + r, x, w, base);
        if (selected)
            ui_put_wch(y + r, x, UI_CH_BAR, ui_attr(UI_ELEM_CARD_BAR));
    }
    int cx = x + 1;

    /* line 1: marker and name */
    if (flags & PB_CARD_FAILED)
        seg(y, &cx, end, MARK_FAILED, selected ? (int)((attr_t)sel | A_BOLD) : ui_attr(UI_ELEM_CARD_FAILED));
    else if (flags & PB_CARD_PENDING)
        seg(y, &cx, end, MARK_PENDING, selected ? sel : ui_attr(UI_ELEM_CARD_PENDING));
    seg(y, &cx, end, ui_text_blank(o->name) ? "(no name)" : o->name, emph);

    /* line 2: amount · company */
    cx = x + 1;
    char amount[64];
    if (o->amount.set)
        pb_money_format_money(&o->amount, PB_MONEY_SHORT, amount, sizeof amount);
    else
        snprintf(amount, sizeof amount, "%s", (o->flags & PB_OPP_AMOUNT_INVALID) ? "?" : DASH);
    seg(y + 1, &cx, end, amount, amount_attr);
    if (!ui_text_blank(o->company_name)) {
        seg(y + 1, &cx, end, SEP, meta);
        seg(y + 1, &cx, end, o->company_name, meta);
    }

    /* line 3: close date (overdue stands out) · owner */
    cx = x + 1;
    if (o->has_close_date) {
        char date[PB_DATE_SHORT_BUFSZ];
        if (!pb_date_format_short(o->close_date_ms, wall_ms, date))
            snprintf(date, sizeof date, "?");
        bool overdue = pb_date_day(o->close_date_ms) < pb_date_day(wall_ms)
                       && !card_stage_closed(o->stage);
        if (overdue) {
            int oa = selected ? (int)((attr_t)sel | A_BOLD | A_UNDERLINE) : ui_attr(UI_ELEM_CARD_OVERDUE);
            seg(y + 2, &cx, end, date, oa);
            seg(y + 2, &cx, end, " overdue", oa);
        } else {
            seg(y + 2, &cx, end, date, meta);
        }
    } else {
        seg(y + 2, &cx, end, DASH, meta);
    }
    if (!ui_text_blank(o->owner_name)) {
        seg(y + 2, &cx, end, SEP, meta);
        seg(y + 2, &cx, end, o->owner_name, meta);
    }
}
