/* quit.c - quitting safely: q asks first while writes are in flight
 * ("2 writes still in flight: q again to quit anyway, Esc to wait"), quits by
 * itself once they are saved, and a forced quit says on stderr (after the
 * terminal is restored) what was not saved. */
#include <stdlib.h>
#include <string.h>

#include "ui/board_internal.h"
#include "util/sanitize.h"

void quit_track(board_view *bv, uint64_t op, const pb_id *id, const char *what)
{
    if (op == 0)
        return;
    if (bv->nwrites == bv->capwrites) {
        size_t nc = bv->capwrites ? bv->capwrites * 2 : 8;
        tracked_write *nw = realloc(bv->writes, nc * sizeof *nw);
        if (!nw)
            return;
        bv->writes = nw;
        bv->capwrites = nc;
    }
    tracked_write *w = &bv->writes[bv->nwrites++];
    w->op = op;
    w->id = id ? *id : pb_id_nil();
    snprintf(w->what, sizeof w->what, "%s", what ? what : "a change");
}

/* Drops the writes that are no longer pending. */
static void prune(board_view *bv)
{
    size_t k = 0;
    for (size_t i = 0; i < bv->nwrites; i++)
        if (board_op_state(bv->ui->board, bv->writes[i].op, NULL, 0) == PB_OPS_PENDING)
            bv->writes[k++] = bv->writes[i];
    bv->nwrites = k;
}

static bool tracked_id(const board_view *bv, const pb_id *id)
{
    for (size_t i = 0; i < bv->nwrites; i++)
        if (pb_id_equal(&bv->writes[i].id, id))
            return true;
    return false;
}

/* Calls fn for every pending card that no tracked write covers. O(loaded):
 * only used while quitting. */
static size_t untracked_pending(board_view *bv, void (*fn)(void *, const pb_opp *), void *ctx)
{
    pb_board *b = bv->ui->board;
    size_t n = 0, ncols = b ? board_column_count(b) : 0;
    for (size_t c = 0; c < ncols; c++) {
        pb_column_view cv;
        if (!board_column(b, c, &cv))
            continue;
        for (size_t i = 0; i < cv.loaded; i++) {
            if (!(board_card_flags(b, c, i) & PB_CARD_PENDING))
                continue;
            const pb_opp *o = board_card(b, c, i);
            if (tracked_id(bv, &o->id))
                continue;
            n++;
            if (fn)
                fn(ctx, o);
        }
    }
    return n;
}

size_t quit_writes_in_flight(board_view *bv)
{
    if (!bv->ui->board)
        return 0;
    prune(bv);
    return bv->nwrites + untracked_pending(bv, NULL, NULL);
}

void quit_request(board_view *bv)
{
    ui_ctx *ui = bv->ui;
    if (bv->quit_asked || quit_writes_in_flight(bv) == 0) {
        ui->quit = true;
        return;
    }
    bv->quit_asked = true;
    ui->dirty = true;
}

void quit_tick(board_view *bv)
{
    if (bv->nwrites && !bv->quit_asked) {
        prune(bv);
        return;
    }
    if (bv->quit_asked) {
        if (quit_writes_in_flight(bv) == 0) {
            bv->ui->quit = true;
            bv->quit_asked = false;
        }
        bv->ui->dirty = true;
    }
}

static void print_sanitized(FILE *out, const char *prefix, const char *text)
{
    char *s = pb_sanitize(text);
    fprintf(out, "%s%s\n", prefix, s ? s : "");
    free(s);
}

static void report_card(void *ctx, const pb_opp *o)
{
    char line[300];
    snprintf(line, sizeof line, "change to \"%s\"", o->name);
    print_sanitized(ctx, "  - ", line);
}

void quit_report(board_view *bv, FILE *out)
{
    if (!bv || !bv->ui->board)
        return;
    size_t n = quit_writes_in_flight(bv);
    if (n == 0)
        return;
    fprintf(out, "pipeboard: %zu change%s may not have been saved (still in flight at exit):\n", n,
            n == 1 ? "" : "s");
    for (size_t i = 0; i < bv->nwrites; i++)
        print_sanitized(out, "  - ", bv->writes[i].what);
    untracked_pending(bv, report_card, out);
    fprintf(out, "pipeboard: open the board again to see what the server kept.\n");
}

void quit_free(board_view *bv)
{
    free(bv->writes);
    bv->writes = NULL;
    bv->nwrites = bv->capwrites = 0;
}
