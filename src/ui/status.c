/* status.c - the status line and the top line (see status.h). */
#include "ui/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "net/net.h"
#include "ui/board_internal.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/theme_diag.h"

uint64_t ui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void ui_status(ui_ctx *ui, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->status, sizeof ui->status, fmt, ap);
    va_end(ap);
    ui->status_error = error;
    ui->status_undo_hint = false;
    ui->status_at_ms = ui_now_ms();
    ui->dirty = true;
}

bool status_take_notices(ui_ctx *ui)
{
    pb_notice n;
    bool any = false;
    while (ui->board && board_take_notice(ui->board, &n)) {
        snprintf(ui->status, sizeof ui->status, "%s%s", n.text,
                 n.retry_hint ? " \xC2\xB7 Ctrl-R to retry" : "");
        ui->status_error = n.kind == PB_NOTICE_ERROR;
        ui->status_undo_hint = n.undo_hint;
        ui->status_at_ms = ui_now_ms();
        any = true;
    }
    if (any)
        ui->dirty = true;
    return any;
}

bool ui_busy(ui_ctx *ui)
{
    if (ui->board && board_requests_in_flight(ui->board) > 0)
        return true;
    return ui->net && net_in_flight(ui->net) > 0;
}

/* Right side: "⠋ loading 3/7", ending one cell short of the bottom-right
 * corner: that cell never changes, so curses never has to repaint it (writing
 * the last cell of the screen costs an insert-character dance on most
 * terminals). Returns the width used (0 when idle). */
static int draw_progress(ui_ctx *ui, int y, int width, uint64_t now_ms)
{
    if (!ui_busy(ui))
        return 0;
    char text[64];
    size_t done = 0, total = 0;
    if (ui->board)
        board_progress(ui->board, &done, &total);
    if (total > done)
        snprintf(text, sizeof text, "%s loading %zu/%zu", board_spinner(now_ms), done, total);
    else
        snprintf(text, sizeof text, "%s syncing", board_spinner(now_ms));
    int w = (int)ui_text_width(text);
    if (w + 1 > width / 2)
        return 0;
    ui_text(y, width - w - 1, w, text, ui_attr(UI_ELEM_STATUS_PROGRESS));
    return w + 1;
}

void status_draw(ui_ctx *ui, uint64_t now_ms)
{
    int y = ui->rows - 1, width = ui->cols;
    if (y < 0 || width <= 0)
        return;
    ui_fill(y, 0, width, ui_attr(UI_ELEM_STATUS));
    int right = draw_progress(ui, y, width, now_ms);
    int room = width - right - 2;
    if (room <= 0)
        return;
    char msg[600];
    bool error = false;
    board_view *bv = board_view_get(ui);
    const pb_opp *sel = bv ? select_card(bv) : NULL;
    unsigned flags = sel ? board_card_flags(ui->board, ui->sel_col, ui->sel_idx) : 0;
    if (bv && bv->quit_asked) {
        size_t n = quit_writes_in_flight(bv);
        snprintf(msg, sizeof msg, "%zu write%s still in flight: q again to quit anyway, Esc to wait",
                 n, n == 1 ? "" : "s");
        error = true;
    } else if (sel && (flags & PB_CARD_FAILED)) {
        const char *why = board_card_error(ui->board, &sel->id);
        snprintf(msg, sizeof msg, "\xE2\x9C\x97 %s%s \xC2\xB7 x to dismiss",
                 why && *why ? why : "The last change to this card failed",
                 board_can_retry(ui->board, &sel->id) ? " \xC2\xB7 Ctrl-R to retry" : "");
        error = true;
    } else if (ui->status[0]) {
        snprintf(msg, sizeof msg, "%s%s", ui->status,
                 ui->status_undo_hint ? " \xC2\xB7 u to undo" : "");
        error = ui->status_error;
    } else if (theme_diag_count() > 0) {
        /* config and theme problems found before the screen started */
        theme_diag_summary(msg, sizeof msg);
        error = true;
    } else if (ui->opt.blocking_dns) {
        snprintf(msg, sizeof msg,
                 "Note: this libcurl resolves host names synchronously; the screen may pause "
                 "while it does");
    } else {
        msg[0] = '\0';
    }
    if (msg[0])
        ui_text(y, 1, room, msg, ui_attr(error ? UI_ELEM_STATUS_ERROR : UI_ELEM_STATUS));
}

void top_draw(ui_ctx *ui, int width)
{
    int bar = ui_attr(UI_ELEM_TOP_BAR);
    ui_fill(0, 0, width, bar);
    char right[300];
    size_t len = 0;
    right[0] = '\0';
    if (ui->board && board_ready(ui->board)) {
        long count = board_pipeline_count(ui->board);
        char totals[200];
        pb_totals_format(board_pipeline_totals(ui->board), PB_MONEY_SHORT, totals, sizeof totals);
        if (count >= 0)
            len += (size_t)snprintf(right + len, sizeof right - len, "%ld deal%s", count,
                                    count == 1 ? "" : "s");
        if (totals[0] && len < sizeof right)
            len += (size_t)snprintf(right + len, sizeof right - len, "%s%s",
                                    len ? " \xC2\xB7 " : "", totals);
    }
    if (len < sizeof right)
        snprintf(right + len, sizeof right - len, "%s? help ", len ? "   " : "");
    int rw = (int)ui_text_width(right);
    if (rw > width - 24) {
        snprintf(right, sizeof right, "? help ");
        rw = (int)ui_text_width(right);
    }
    if (rw > width - 12)
        rw = 0;
    else
        ui_text(0, width - rw, rw, right, ui_attr(UI_ELEM_TOP_TOTALS));
    int x = ui_text(0, 1, width - rw - 2, "pipeboard", ui_attr(UI_ELEM_TOP_TITLE)) + 1;
    char label[240];
    snprintf(label, sizeof label, " \xC2\xB7 %s%s", ui->opt.workspace_label ? ui->opt.workspace_label : "",
             ui->board && board_stages_derived(ui->board) ? " (stages guessed from the data)" : "");
    ui_text(0, x, width - rw - 2 - x, label, bar);
}
