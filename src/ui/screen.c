/* screen.c - curses set-up and the terminal's restoration on every exit. */
#include "ui/screen.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t active;
static volatile sig_atomic_t pending_signal;
static screen_wake_fn wake_fn;
static void *wake_ctx;
static struct termios saved_tio;
static bool have_tio;
static bool atexit_done;
static struct sigaction curses_winch;

/* Restoration bytes written by the crash handler (no curses there). */
static char reset_seq[256];
static size_t reset_len;

static void add_cap(const char *name)
{
    char *s = tigetstr((char *)name);
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, s, n);
        reset_len += n;
    }
}

static void add_raw(const char *s)
{
    size_t n = strlen(s);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, s, n);
        reset_len += n;
    }
}

/* Async-signal-safe: write(2) and tcsetattr(3) only. */
static void emergency_restore(void)
{
    if (!active)
        return;
    active = 0;
    if (reset_len) {
        ssize_t w = write(STDOUT_FILENO, reset_seq, reset_len);
        (void)w;
    }
    if (have_tio)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
}

static void on_crash(int sig)
{
    emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_stop(int sig)
{
    if (pending_signal) {
        /* The loop did not stop after the first one: leave now. */
        emergency_restore();
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    pending_signal = sig;
    if (wake_fn)
        wake_fn(wake_ctx);
}

static void on_winch(int sig)
{
    if (curses_winch.sa_flags & SA_SIGINFO) {
        /* ncurses installs a plain handler; nothing to forward otherwise */
    } else if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN
               && curses_winch.sa_handler != NULL) {
        curses_winch.sa_handler(sig);
    }
    if (wake_fn)
        wake_fn(wake_ctx);
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static bool utf8_codeset(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool screen_init(bool mouse, screen_wake_fn wake, void *ctx, char *err, size_t errlen)
{
    if (!setlocale(LC_CTYPE, "") || !utf8_codeset())
        setlocale(LC_CTYPE, "C.UTF-8");
    wake_fn = wake;
    wake_ctx = ctx;
    pending_signal = 0;
    have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
    if (!initscr()) {
        snprintf(err, errlen, "cannot start the terminal (TERM=%s)",
                 getenv("TERM") ? getenv("TERM") : "");
        return false;
    }
    active = 1;
    if (!atexit_done) {
        atexit(screen_restore);
        atexit_done = true;
    }
    cbreak();
    /* cbreak leaves XON/XOFF flow control on: the tty would swallow Ctrl-S
     * (the form's save key) and freeze output until Ctrl-Q. saved_tio puts
     * it back on exit. */
    noecho();
    struct termios now_tio;
    if (have_tio && tcgetattr(STDIN_FILENO, &now_tio) == 0) {
        now_tio.c_iflag &= (tcflag_t)~IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &now_tio);
        def_prog_mode(); /* so a later reset_prog_mode keeps it off */
    }
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    leaveok(stdscr, FALSE);
    if (mouse) {
        mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    }
#ifdef NCURSES_VERSION
    /* ncurses (since 20170722) flushes its output buffer after every cursor
     * motion of a refresh until the screen has once been through endwin()
     * and back: its "never initialised" state is only left that way. So a
     * frame went out as one write() per cursor motion (about 40 for a stage
     * move, hundreds for the first frame), each its own packet over SSH.
     * Going out and back in once, before anything is drawn, makes every
     * frame one buffered write, as after a Ctrl-Z. */
    endwin();
    doupdate();
#endif

    reset_len = 0;
    add_cap("sgr0");
    add_cap("cnorm");
    add_cap("rmkx");
    if (mouse)
        add_raw("\033[?1000l\033[?1002l\033[?1006l");
    add_cap("rmcup");

    install(SIGSEGV, on_crash, SA_RESETHAND | SA_NODEFER);
    install(SIGBUS, on_crash, SA_RESETHAND | SA_NODEFER);
    install(SIGFPE, on_crash, SA_RESETHAND | SA_NODEFER);
    install(SIGILL, on_crash, SA_RESETHAND | SA_NODEFER);
    install(SIGABRT, on_crash, SA_RESETHAND | SA_NODEFER);
    install(SIGINT, on_stop, 0);
    install(SIGTERM, on_stop, 0);
    install(SIGHUP, on_stop, 0);
    /* Keep curses' own SIGWINCH handler (it makes KEY_RESIZE) and add a wake-up. */
    memset(&curses_winch, 0, sizeof curses_winch);
    sigaction(SIGWINCH, NULL, &curses_winch);
    install(SIGWINCH, on_winch, SA_RESTART);
    return true;
}

void screen_restore(void)
{
    if (!active)
        return;
    active = 0;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
    signal(SIGILL, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    if (curses_winch.sa_handler || (curses_winch.sa_flags & SA_SIGINFO))
        sigaction(SIGWINCH, &curses_winch, NULL);
}

bool screen_active(void)
{
    return active != 0;
}

int screen_take_signal(void)
{
    return (int)pending_signal;
}

void screen_size(int *rows, int *cols)
{
    getmaxyx(stdscr, *rows, *cols);
}
