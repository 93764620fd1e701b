/* screen.h - the terminal: set up, restore, size, and signals.
 *
 * Promises:
 *  - screen_init sets a UTF-8 LC_CTYPE (falling back to C.UTF-8), starts
 *    curses (cbreak, noecho, keypad, nodelay input, short Esc delay, mouse
 *    clicks and wheel, hidden cursor) and installs the signal handlers.
 *  - The terminal is restored on every way out: screen_restore() (idempotent,
 *    also registered with atexit); SIGINT, SIGTERM and SIGHUP ask the loop
 *    to stop (screen_take_signal) and wake it; a second one restores the
 *    terminal and re-raises at once; crash signals (SIGSEGV, SIGBUS, SIGFPE,
 *    SIGILL, SIGABRT) restore the terminal with async-signal-safe calls only
 *    and re-raise with the default action, so core dumps still happen.
 *  - SIGWINCH still reaches curses (KEY_RESIZE) and also wakes the loop.
 */
#ifndef PB_UI_SCREEN_H
#define PB_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*screen_wake_fn)(void *ctx);

/* wake (may be NULL) is called from signal handlers: it must be
 * async-signal-safe (net_wakeup is: it only write(2)s). */
bool screen_init(bool mouse, screen_wake_fn wake, void *wake_ctx, char *err, size_t errlen);
void screen_restore(void);
bool screen_active(void);
/* The pending stop signal (SIGINT, SIGTERM, SIGHUP) or 0. */
int screen_take_signal(void);
void screen_size(int *rows, int *cols);

#endif
