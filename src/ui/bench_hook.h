/* bench_hook.h - measurement points for `make bench` (bench/run.sh), read
 * from a file instead of scraping the screen.
 *
 * Promises:
 *  - Does nothing unless the environment variable PIPEBOARD_BENCH_READY
 *    names a file (read once; afterwards each call costs one branch).
 *  - ui_bench_frame_drawn is called by the event loop right after a frame
 *    reached the terminal (after refresh()). It appends one line per event
 *    to that file, written and flushed at once:
 *      first  the first frame (start-up done, nothing loaded yet);
 *      ready  the first frame on which the board was complete: the stages
 *             are known, every column's first page is loaded, its exact
 *             count and totals are known, and no opening request is still
 *             out (board_progress done == total);
 *      all    the first frame on which every card of every column is
 *             loaded (after G in each column);
 *      search_start / search_done  a frame showing a search still loading /
 *             the first frame with its results (a new board_search each).
 *    Each line is `EVENT key=value …` with t_us (monotonic µs since the
 *    program was loaded), epoch_us (CLOCK_REALTIME µs, to compare with a
 *    launcher's clock), rss_kib (from /proc/self/statm) and loaded (cards
 *    in the columns). Request counts come from twenty-sim --log, which
 *    sees every request.
 *  - PIPEBOARD_BENCH_EXIT=ready (or 1) leaves the event loop right after
 *    the `ready` line, PIPEBOARD_BENCH_EXIT=all right after the `all` line:
 *    it sets ui->quit and wakes the loop, so the exit path (terminal
 *    restored, everything freed) is the normal one.
 */
#ifndef PB_UI_BENCH_HOOK_H
#define PB_UI_BENCH_HOOK_H

#include "ui/ui.h"

void ui_bench_frame_drawn(ui_ctx *ui);

#endif
