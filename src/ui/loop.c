/* loop.c - ui_run: the one event loop, and the screen stack.
 *
 * Each turn: hand the model's queued requests to the network (pump), take
 * the model's notices, let every screen look at the model (tick), redraw if
 * something changed (at once after a key; at most every 30 ms otherwise),
 * then wait in ONE net_wait() for the network, stdin, a deadline, or the
 * spinner's next frame (100 ms, only while something is loading), drain
 * every pending key, and run the network's callbacks. Nothing blocks. */
#include <curses.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net.h"
#include "ui/bench_hook.h"
#include "ui/board_internal.h"
#include "ui/board_view.h"
#include "ui/keymap.h"
#include "ui/screen.h"
#include "ui/status.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/ui.h"

#define DRAW_MIN_MS 30      /* redraw at most this often while loading */
#define SPIN_MS 100         /* spinner frame */
#define MAX_KEYS_PER_TURN 512
#define HANGUP_TURNS 200    /* stdin readable yet no key, this many turns: it hung up */

void ui_push(ui_ctx *ui, ui_screen *s)
{
    if (!s)
        return;
    if (ui->depth >= (int)(sizeof ui->stack / sizeof ui->stack[0])) {
        s->destroy(s);
        ui_status(ui, true, "Too many screens open");
        return;
    }
    ui->stack[ui->depth++] = s;
    ui->dirty = true;
}

void ui_pop(ui_ctx *ui)
{
    if (ui->depth <= 0)
        return;
    ui_screen *s = ui->stack[--ui->depth];
    ui->stack[ui->depth] = NULL;
    s->destroy(s);
    ui->dirty = true;
}

ui_screen *ui_top(ui_ctx *ui)
{
    return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

static bool is_mine(const ui_screen *s)
{
    return s && (strcmp(s->name, "board") == 0 || strcmp(s->name, "help") == 0
                 || strcmp(s->name, "confirm") == 0);
}

void ui_redraw_frame(ui_ctx *ui, uint64_t now_ms)
{
    /* A key that only moved the selection redraws a few cards, not the screen. */
    static int last_depth;
    board_view *bv = board_view_get(ui);
    if (bv && ui->depth == 1 && last_depth == 1 && board_view_draw_incremental(bv)) {
        status_draw(ui, now_ms);
        curs_set(0);
        leaveok(stdscr, TRUE);
        refresh();
        ui_bench_frame_drawn(ui);
        return;
    }
    last_depth = ui->depth;
    erase();
    status_draw(ui, now_ms);
    int first = 0;
    for (int i = ui->depth - 1; i >= 0; i--)
        if (ui->stack[i]->opaque) {
            first = i;
            break;
        }
    for (int i = first; i < ui->depth; i++)
        ui->stack[i]->draw(ui->stack[i], ui);
    /* our screens hide the cursor and let curses leave it anywhere (cheaper
     * updates); a form that shows one keeps it where it put it */
    bool mine = is_mine(ui_top(ui));
    if (mine)
        curs_set(0);
    leaveok(stdscr, mine ? TRUE : FALSE);
    refresh();
    ui_bench_frame_drawn(ui);
}

static void dispatch_key(ui_ctx *ui, ui_key k)
{
    ui->dirty = true;
    ui_screen *top = ui_top(ui);
    if (top && top->key && top->key(top, ui, k))
        return;
    switch (keymap_lookup(UI_CTX_GLOBAL, k)) {
    case UI_ACT_REDRAW: {
        /* repaint the terminal, and draw everything again from the model */
        board_view *bv = board_view_get(ui);
        if (bv)
            bv->memo_valid = false;
        clearok(curscr, TRUE);
        break;
    }
    default:
        break;
    }
}

/* Reads every key curses has (it buffers escape sequences poll cannot see).
 * stdin is non-blocking while it does: nodelay() only makes curses poll
 * before it starts a key, and after a mouse report (it looks ahead for the
 * release to compose a click) curses could end in a blocking read of one
 * byte with nothing left to read, and the board froze until the next key
 * (seen with a click right after other keys, under valgrind). The flag is on
 * the terminal the shell shares, so it is only set for this loop. */
static int drain_keys(ui_ctx *ui)
{
    int n = 0;
    wint_t ch;
    int r;
    int fl = fcntl(STDIN_FILENO, F_GETFL);
    bool set_nb = fl >= 0 && !(fl & O_NONBLOCK) &&
                  fcntl(STDIN_FILENO, F_SETFL, fl | O_NONBLOCK) == 0;
    while (n < MAX_KEYS_PER_TURN && !ui->quit && (r = wget_wch(stdscr, &ch)) != ERR) {
        n++;
        ui_key k = keymap_normalize((ui_key){r == KEY_CODE_YES, ch});
        if (k.is_code && k.ch == KEY_RESIZE) {
            screen_size(&ui->rows, &ui->cols);
            ui->dirty = true;
            continue;
        }
        dispatch_key(ui, k);
    }
    if (set_nb)
        fcntl(STDIN_FILENO, F_SETFL, fl);
    return n;
}

static void wake(void *ctx)
{
    net_wakeup(ctx);
}

static void wait_input(ui_ctx *ui, int timeout, bool *ready)
{
    *ready = false;
    if (ui->net) {
        net_wait(ui->net, STDIN_FILENO, timeout, ready);
        return;
    }
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&p, 1, timeout) > 0)
        *ready = true;
}

int ui_run(pb_board *board, struct net_client *net, const ui_options *opt, ui_pump_fn pump,
           void *pump_ctx)
{
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui) {
        fprintf(stderr, "pipeboard: out of memory\n");
        return 1;
    }
    ui->board = board;
    ui->net = net;
    ui->opt = *opt;
    const char *nc = getenv("NO_COLOR");
    bool color = !opt->no_color && !(nc && *nc);
    char err[256];
    if (!screen_init(true, net ? wake : NULL, net, err, sizeof err)) {
        fprintf(stderr, "pipeboard: %s\n", err);
        free(ui);
        return 1;
    }
    theme_init(color);
    screen_size(&ui->rows, &ui->cols);
    ui_push(ui, board_view_new(ui));
    if (ui->depth == 0) {
        screen_restore();
        fprintf(stderr, "pipeboard: out of memory\n");
        free(ui);
        return 1;
    }
    if (opt->startup_error)
        ui_status(ui, true, "%s", opt->startup_error);

    int rc = 0;
    uint64_t last_draw = 0, last_spin = 0;
    bool key_seen = true;
    int idle_ready = 0;
    for (;;) {
        int sig = screen_take_signal();
        if (sig) {
            rc = 128 + sig;
            break;
        }
        if (pump)
            pump(pump_ctx);
        status_take_notices(ui);
        for (int i = 0; i < ui->depth; i++)
            if (ui->stack[i]->tick)
                ui->stack[i]->tick(ui->stack[i], ui);
        if (ui->quit)
            break;
        if (pump)
            pump(pump_ctx);   /* what the ticks asked for goes out in this turn */

        uint64_t now = ui_now_ms();
        bool busy = ui_busy(ui);
        uint64_t spin = busy ? now / SPIN_MS : last_spin;
        int timeout = -1;
        if (ui->dirty || spin != last_spin) {
            /* Throttle only while answers keep coming: the frame after the
             * last one (nothing left in flight) is drawn at once. */
            if (key_seen || !busy || now - last_draw >= DRAW_MIN_MS) {
                ui_redraw_frame(ui, now);
                last_draw = now;
                last_spin = spin;
                ui->dirty = false;
                key_seen = false;
            } else {
                timeout = (int)(DRAW_MIN_MS - (now - last_draw));
            }
        }
        if (busy) {
            int t = (int)(SPIN_MS - now % SPIN_MS);
            if (timeout < 0 || t < timeout)
                timeout = t;
        }
        bool ready = false;
        wait_input(ui, timeout, &ready);
        int n = drain_keys(ui);
        if (n)
            key_seen = true;
        idle_ready = ready && n == 0 ? idle_ready + 1 : 0;
        if (idle_ready > HANGUP_TURNS) {
            rc = 1;   /* the terminal went away */
            break;
        }
        if (ui->quit)
            break;
        if (net)
            net_dispatch(net);
    }

    board_view *bv = board_view_get(ui);
    screen_restore();
    if (rc == 128 + 2 /* SIGINT */ || rc == 0 || rc > 128)
        quit_report(bv, stderr);
    while (ui->depth > 0)
        ui_pop(ui);
    free(ui->search_ids);
    ui_text_free();
    free(ui);
    return rc;
}
