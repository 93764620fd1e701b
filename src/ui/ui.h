/* ui.h - the terminal UI: shared context, the event loop entry point, and the
 * interface every screen (board, form, detail, search, help, confirm) plugs
 * into. The only module family that includes curses.
 *
 * Promises:
 *  - One thread draws. The loop (loop.c) waits in net_wait() with stdin as
 *    the extra descriptor, drains every pending key (wget_wch, nodelay) and
 *    answers it at once, runs the network, feeds answers to the model and
 *    redraws what changed (board_generation or ui->dirty) with
 *    ui_redraw_frame.
 *  - Screens form a stack: the board at the bottom, modal screens (form,
 *    detail, search results, help, confirm, picker) pushed on top. The top
 *    screen gets the keys; all screens are drawn bottom-up.
 *  - Text from the model or the server is drawn only through ui_text.c
 *    (sanitised, width-measured, truncated with "…"), so control characters
 *    and escape sequences never reach the terminal.
 *  - The terminal is restored on every exit path (normal, signals, crashes). */
#ifndef PB_UI_UI_H
#define PB_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "model/board.h"

struct net_client;
typedef struct ui_ctx ui_ctx;

/* A key: either a character (is_code false, ch = the wide character) or a
 * curses key code (is_code true, ch = KEY_UP, KEY_RESIZE, KEY_MOUSE …). */
typedef struct ui_key {
    bool is_code;
    wint_t ch;
} ui_key;

typedef struct ui_screen ui_screen;
struct ui_screen {
    const char *name;                            /* "board", "form", "help" … */
    void (*draw)(ui_screen *s, ui_ctx *ui);      /* draw into stdscr */
    /* Handle a key; return true if it was used. */
    bool (*key)(ui_screen *s, ui_ctx *ui, ui_key k);
    /* Called on every loop turn (after network answers), e.g. to watch an op. */
    void (*tick)(ui_screen *s, ui_ctx *ui);
    void (*destroy)(ui_screen *s);
    bool opaque;                                  /* covers the whole screen: skip drawing below */
};

typedef struct ui_options {
    const char *workspace_label;   /* "Acme Sales (demo)" or the host name */
    bool demo;
    const char *theme;             /* theme name or NULL */
    bool no_color;
    bool blocking_dns;             /* net_blocking_dns(): say so in the status bar */
    const char *startup_error;     /* e.g. "No API key: set TWENTY_API_KEY …": shown on screen at once */
} ui_options;

struct ui_ctx {
    pb_board *board;
    struct net_client *net;
    ui_options opt;
    int rows, cols;
    bool dirty;                    /* redraw needed regardless of the board */
    bool quit;                     /* leave the loop */
    ui_screen *stack[8];
    int depth;
    /* status line */
    char status[400];
    bool status_error;
    bool status_undo_hint;
    uint64_t status_at_ms;
    /* board selection (kept by record id across reloads) */
    size_t sel_col;
    size_t sel_idx;
    pb_id sel_id;
    bool has_sel_id;
    /* vim-like search navigation: the last result list */
    pb_id *search_ids;
    size_t search_n;
    size_t search_pos;
};

/* The event loop: runs until the user quits. `pump` moves the model's
 * outbox to the network (provided by the app layer). Returns an exit code. */
typedef void (*ui_pump_fn)(void *pump_ctx);
int ui_run(pb_board *board, struct net_client *net, const ui_options *opt, ui_pump_fn pump,
           void *pump_ctx);

void ui_push(ui_ctx *ui, ui_screen *s);
void ui_pop(ui_ctx *ui);                /* destroys the top screen */
ui_screen *ui_top(ui_ctx *ui);
/* The loop's redraw step: the board's incremental redraw when only the board
 * is shown and was shown last frame too, else every screen from the topmost
 * opaque one up; then refresh(). Exposed so bench/keypress measures the
 * very same step. */
void ui_redraw_frame(ui_ctx *ui, uint64_t now_ms);
/* Status line messages (plain text; record names inside are sanitised when drawn). */
void ui_status(ui_ctx *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
