/* bench_hook.c - see bench_hook.h. */
#include "ui/bench_hook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"

typedef enum hook_state { HOOK_UNKNOWN, HOOK_OFF, HOOK_ON } hook_state;
typedef enum exit_when { EXIT_NEVER, EXIT_READY, EXIT_ALL } exit_when;

static hook_state state = HOOK_UNKNOWN;
static FILE *out;
static exit_when exit_at = EXIT_NEVER;
static bool first_said, ready_said, all_said, search_seen_loading;
static int64_t t0_us;

static int64_t clock_us(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The reference point of t_us: as early as the program can take it. */
__attribute__((constructor)) static void bench_hook_t0(void)
{
    t0_us = clock_us(CLOCK_MONOTONIC);
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    long size = 0, resident = -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return resident < 0 || page <= 0 ? -1 : resident * (page / 1024);
}

static bool start(void)
{
    const char *path = getenv("PIPEBOARD_BENCH_READY");
    if (!path || !*path)
        return false;
    out = fopen(path, "a");
    if (!out)
        return false;
    const char *ex = getenv("PIPEBOARD_BENCH_EXIT");
    if (ex && (!strcmp(ex, "1") || !strcmp(ex, "ready")))
        exit_at = EXIT_READY;
    else if (ex && !strcmp(ex, "all"))
        exit_at = EXIT_ALL;
    return true;
}

/* Cards loaded in the columns; *complete: the board as `ready` means it
 * (or, with every_card, every column fully loaded). */
static size_t board_state(const pb_board *b, bool every_card, bool *complete)
{
    size_t loaded = 0;
    size_t ncol = board_ready(b) ? board_column_count(b) : 0;
    bool ok = ncol > 0;
    for (size_t c = 0; c < ncol; c++) {
        pb_column_view cv;
        if (!board_column(b, c, &cv)) {
            ok = false;
            continue;
        }
        loaded += cv.loaded;
        if (cv.total < 0 || !cv.totals || cv.loading || cv.error)
            ok = false;
        else if (every_card ? !cv.complete : (cv.loaded == 0 && cv.total > 0 && !cv.complete))
            ok = false;
    }
    size_t done = 0, total = 0;
    board_progress(b, &done, &total);
    *complete = ok && done >= total;
    return loaded;
}

static void say(const char *event, size_t loaded, const char *extra)
{
    fprintf(out, "%s t_us=%lld epoch_us=%lld rss_kib=%ld loaded=%zu%s%s\n", event,
            (long long)(clock_us(CLOCK_MONOTONIC) - t0_us), (long long)clock_us(CLOCK_REALTIME),
            rss_kib(), loaded, extra ? " " : "", extra ? extra : "");
    fflush(out);
}

static void leave(ui_ctx *ui)
{
    ui->quit = true;
    if (ui->net)
        net_wakeup(ui->net);   /* the loop is about to wait: make it return */
}

static void watch_search(const pb_board *b, size_t loaded)
{
    pb_search_view sv;
    if (!board_search_results(b, &sv))
        return;
    if (sv.loading) {
        if (!search_seen_loading)
            say("search_start", loaded, NULL);
        search_seen_loading = true;
        return;
    }
    if (!search_seen_loading)
        return;
    search_seen_loading = false;
    char extra[64];
    snprintf(extra, sizeof extra, "hits=%zu error=%d", sv.n, sv.error != NULL);
    say("search_done", loaded, extra);
}

void ui_bench_frame_drawn(ui_ctx *ui)
{
    if (state == HOOK_OFF)
        return;
    if (state == HOOK_UNKNOWN) {
        state = start() ? HOOK_ON : HOOK_OFF;
        if (state == HOOK_OFF)
            return;
    }
    const pb_board *b = ui->board;
    if (!b)
        return;
    bool complete = false;
    size_t loaded = board_state(b, false, &complete);
    if (!first_said) {
        first_said = true;
        say("first", loaded, NULL);
    }
    if (!ready_said && complete) {
        ready_said = true;
        say("ready", loaded, NULL);
        if (exit_at == EXIT_READY)
            leave(ui);
    }
    if (ready_said && !all_said) {
        bool every = false;
        board_state(b, true, &every);
        if (every) {
            all_said = true;
            say("all", loaded, NULL);
            if (exit_at == EXIT_ALL)
                leave(ui);
        }
    }
    watch_search(b, loaded);
}

__attribute__((destructor)) static void bench_hook_close(void)
{
    if (out)
        fclose(out);
    out = NULL;
}
