/* keypress.c - item 4 of `make bench`: what one keypress costs, in
 * instructions, with N opportunities in the workspace and no network.
 *
 * usage: keypress N [K]
 *   Builds the real board model and the real board screen, answers every
 *   request the model makes with canned JSON generated here (metadata with
 *   the demo stages, the groupBy totals, pages of N/5 cards per column),
 *   loads EVERY card of every column (so the model holds all N), draws once
 *   on a curses screen whose output goes to /dev/null (newterm), then runs
 *   three phases of K keys through the board screen's own key function,
 *   each key followed by what the event loop does after a key (notices,
 *   ticks, a full redraw):
 *     nav     j … j k … k        (select down K/2 times, then up)
 *     column  l l l l h h h h …  (select the next/previous column)
 *     move    L H L H …          (move the card to the next stage and back)
 *   Under `valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no`
 *   (instrumentation starts once the model is full) only the keys
 *   and their redraws are collected (CALLGRIND_TOGGLE_COLLECT); answering
 *   the stage moves' PATCH requests (the network's part) is not. Each phase
 *   ends with CALLGRIND_DUMP_STATS_AT("<phase>"), so the dump whose trigger
 *   names the phase holds the instructions of its K keys.
 *   Outside valgrind the macros do nothing; the program then prints the
 *   wall time per key of each phase (a rough native figure).
 * It prints, on stdout, one line per phase: `phase NAME keys=K answered=A
 * ns_per_key=T`, and `loaded=L` once the model is filled. Exit status 1 if
 * the model could not be filled or a phase did not do what it should (a
 * move that was refused, a page that failed). */
#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include <cjson/cJSON.h>

#include "model/board.h"
#include "ui/board_internal.h"
#include "ui/board_view.h"
#include "ui/status.h"
#include "ui/theme.h"
#include "ui/ui.h"

#define NSTAGES 5
static const char *const stage_value[NSTAGES] = {"DISCOVERY", "PROPOSAL", "NEGOTIATION",
                                                 "CLOSED_WON", "CLOSED_LOST"};
static const char *const stage_label[NSTAGES] = {"Discovery", "Proposal", "Negotiation",
                                                 "Closed won", "Closed lost"};
static const char *const stage_color[NSTAGES] = {"sky", "purple", "yellow", "green", "red"};
static const char *const companies[] = {"Acme Corp", "Globex GmbH", "Umbrella Labs",
                                        "Stark Industries", "Hooli SA", "東京 KK"};
static const char *const owners[][2] = {{"Jane", "Doe"}, {"Mark", "Kim"}, {"Li", "Wei"}};

/* ---- the canned workspace ------------------------------------------------ */

typedef struct rec {
    int stage;
    double position;
} rec;

static rec *recs;
static long nrecs;
static long per_stage[NSTAGES];
static long *order[NSTAGES];   /* record indexes of each stage, by position */

/* A growing string buffer (aborts on out-of-memory: a bench program). */
typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0)
            abort();
        if (b->p && b->n + (size_t)w < b->cap) {
            b->n += (size_t)w;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->n + (size_t)w + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
}

static void rec_id(long i, char out[37])
{
    snprintf(out, 37, "00000000-0000-4000-8000-%012lx", (unsigned long)i);
}

static long id_rec(const char *s)
{
    if (strncmp(s, "00000000-0000-4000-8000-", 24) != 0)
        return -1;
    long i = strtol(s + 24, NULL, 16);
    return i >= 0 && i < nrecs ? i : -1;
}

static void workspace_init(long n)
{
    nrecs = n;
    recs = calloc((size_t)n, sizeof *recs);
    if (!recs)
        abort();
    for (long i = 0; i < n; i++) {
        int s = (int)(i % NSTAGES);
        recs[i].stage = s;
        recs[i].position = (double)per_stage[s]++;
    }
    for (int s = 0; s < NSTAGES; s++) {
        order[s] = calloc((size_t)(per_stage[s] ? per_stage[s] : 1), sizeof(long));
        if (!order[s])
            abort();
    }
    long fill[NSTAGES] = {0};
    for (long i = 0; i < n; i++)
        order[recs[i].stage][fill[recs[i].stage]++] = i;
}

static void workspace_free(void)
{
    for (int s = 0; s < NSTAGES; s++)
        free(order[s]);
    free(recs);
}

static void put_record(sbuf *b, long i)
{
    char id[37], cid[37], oid[37];
    rec_id(i, id);
    long c = i % (long)(sizeof companies / sizeof companies[0]);
    long o = i % (long)(sizeof owners / sizeof owners[0]);
    snprintf(cid, sizeof cid, "00000000-0000-4000-9000-%012lx", (unsigned long)c);
    snprintf(oid, sizeof oid, "00000000-0000-4000-a000-%012lx", (unsigned long)o);
    sb_printf(b,
              "{\"id\":\"%s\",\"name\":\"%s deal #%ld\","
              "\"amount\":{\"amountMicros\":%ld000000,\"currencyCode\":\"%s\"},"
              "\"closeDate\":\"2031-%02ld-%02ldT00:00:00.000Z\",\"stage\":\"%s\",\"position\":%.17g,"
              "\"companyId\":\"%s\",\"company\":{\"id\":\"%s\",\"name\":\"%s\"},"
              "\"pointOfContactId\":null,\"pointOfContact\":null,"
              "\"ownerId\":\"%s\",\"owner\":{\"id\":\"%s\",\"name\":{\"firstName\":\"%s\","
              "\"lastName\":\"%s\"}},"
              "\"createdAt\":\"2030-01-01T00:00:00.000Z\",\"updatedAt\":\"2030-01-02T00:00:00.000Z\","
              "\"deletedAt\":null}",
              id, companies[c], i, 1000 + (i * 7919) % 500000, i % 7 == 0 ? "EUR" : "USD",
              1 + i % 12, 1 + i % 28, stage_value[recs[i].stage], recs[i].position, cid, cid,
              companies[c], oid, oid, owners[o][0], owners[o][1]);
}

static char *answer_metadata(void)
{
    sbuf b = {0};
    sb_printf(&b, "{\"data\":{\"objects\":{\"edges\":[{\"node\":{\"id\":"
                  "\"10000000-0000-4000-8000-000000000001\",\"nameSingular\":\"opportunity\","
                  "\"fieldsList\":[{\"id\":\"10000000-0000-4000-8000-000000000002\","
                  "\"name\":\"stage\",\"type\":\"SELECT\",\"label\":\"Stage\","
                  "\"isNullable\":false,\"defaultValue\":\"'DISCOVERY'\",\"options\":[");
    for (int s = 0; s < NSTAGES; s++)
        sb_printf(&b,
                  "%s{\"id\":\"10000000-0000-4000-8000-00000000010%d\",\"value\":\"%s\","
                  "\"label\":\"%s\",\"color\":\"%s\",\"position\":%d}",
                  s ? "," : "", s, stage_value[s], stage_label[s], stage_color[s], s);
    sb_printf(&b, "]}]}}]}}}");
    return b.p;
}

static char *answer_groupby(void)
{
    /* per stage and currency: the same sums the pages carry */
    sbuf b = {0};
    sb_printf(&b, "[");
    bool first = true;
    for (int s = 0; s < NSTAGES; s++) {
        long long sum[2] = {0, 0}, cnt[2] = {0, 0};
        for (long k = 0; k < per_stage[s]; k++) {
            long i = order[s][k];
            int eur = i % 7 == 0;
            sum[eur] += (1000 + (i * 7919) % 500000) * 1000000LL;
            cnt[eur]++;
        }
        for (int c = 0; c < 2; c++) {
            if (!cnt[c])
                continue;
            sb_printf(&b,
                      "%s{\"groupByDimensionValues\":[\"%s\",\"%s\"],"
                      "\"sumAmountAmountMicros\":\"%lld\",\"totalCount\":%lld}",
                      first ? "" : ",", stage_value[s], c ? "EUR" : "USD", sum[c], cnt[c]);
            first = false;
        }
    }
    sb_printf(&b, "]");
    return b.p;
}

/* The value of query parameter `name` (raw, still URL-encoded), or NULL. */
static const char *param(const char *path, const char *name, size_t *len)
{
    size_t n = strlen(name);
    const char *q = strchr(path, '?');
    while (q) {
        q++;
        if (strncmp(q, name, n) == 0 && q[n] == '=') {
            *len = strcspn(q + n + 1, "&");
            return q + n + 1;
        }
        q = strchr(q, '&');
    }
    return NULL;
}

/* GET /rest/opportunities?limit=L&…filter=stage%5Beq%5D%3AX…[&starting_after=oN] */
static char *answer_page(const char *path)
{
    size_t len;
    const char *f = param(path, "filter", &len);
    const char *l = param(path, "limit", &len);
    int stage = -1;
    for (int s = 0; f && s < NSTAGES; s++) {
        char want[64];
        snprintf(want, sizeof want, "stage%%5Beq%%5D%%3A%s", stage_value[s]);
        size_t wl = strlen(want);
        if (strncmp(f, want, wl) == 0 && (f[wl] == '&' || f[wl] == '\0'))
            stage = s;
    }
    if (stage < 0 || !l)
        return NULL;
    long limit = strtol(l, NULL, 10);
    long off = 0;
    const char *c = param(path, "starting_after", &len);
    if (c && c[0] == 'o')
        off = strtol(c + 1, NULL, 10) + 1;
    long end = off + limit < per_stage[stage] ? off + limit : per_stage[stage];
    sbuf b = {0};
    sb_printf(&b, "{\"data\":{\"opportunities\":[");
    for (long k = off; k < end; k++) {
        if (k > off)
            sb_printf(&b, ",");
        put_record(&b, order[stage][k]);
    }
    sb_printf(&b, "]},\"totalCount\":%ld,\"pageInfo\":{\"hasNextPage\":%s,", per_stage[stage],
              end < per_stage[stage] ? "true" : "false");
    if (end > off)
        sb_printf(&b, "\"hasPreviousPage\":%s,\"startCursor\":\"o%ld\",\"endCursor\":\"o%ld\"}}",
                  off ? "true" : "false", off, end - 1);
    else
        sb_printf(&b, "\"hasPreviousPage\":false,\"startCursor\":null,\"endCursor\":null}}");
    return b.p;
}

/* PATCH /rest/opportunities/{id} {"stage":…,"position":…}: applies it. */
static char *answer_patch(const char *path, const char *body)
{
    const char *slash = strrchr(path, '/');
    long i = slash ? id_rec(slash + 1) : -1;
    cJSON *j = body ? cJSON_Parse(body) : NULL;
    if (i < 0 || !j) {
        cJSON_Delete(j);
        return NULL;
    }
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(j, "stage");
    const cJSON *pos = cJSON_GetObjectItemCaseSensitive(j, "position");
    for (int s = 0; cJSON_IsString(st) && s < NSTAGES; s++)
        if (strcmp(st->valuestring, stage_value[s]) == 0)
            recs[i].stage = s;
    if (cJSON_IsNumber(pos))
        recs[i].position = pos->valuedouble;
    cJSON_Delete(j);
    sbuf b = {0};
    sb_printf(&b, "{\"data\":{\"updateOpportunity\":");
    put_record(&b, i);
    sb_printf(&b, "}}");
    return b.p;
}

/* Answers every queued request; returns how many, or -1 on one it cannot. */
static long answer_all(pb_board *b)
{
    long n = 0;
    pb_outgoing o;
    while (board_take_request(b, &o)) {
        char *body = NULL;
        if (!strcmp(o.method, "POST") && !strncmp(o.path, "/metadata", 9))
            body = answer_metadata();
        else if (!strcmp(o.method, "GET") && !strncmp(o.path, "/rest/opportunities/groupBy", 27))
            body = answer_groupby();
        else if (!strcmp(o.method, "GET") && !strncmp(o.path, "/rest/opportunities?", 20))
            body = answer_page(o.path);
        else if (!strcmp(o.method, "PATCH") && !strncmp(o.path, "/rest/opportunities/", 20))
            body = answer_patch(o.path, o.body);
        if (!body) {
            fprintf(stderr, "keypress: no canned answer for %s %s\n", o.method, o.path);
            board_outgoing_free(&o);
            return -1;
        }
        pb_http_answer a = {.status = 200, .body = body, .body_len = strlen(body)};
        board_on_response(b, o.token, &a);
        free(body);
        board_outgoing_free(&o);
        n++;
    }
    return n;
}

/* ---- the screen ------------------------------------------------------------ */

/* What ui_run does after a key: notices, ticks, then the redraw of
 * src/ui/loop.c (ui_redraw_frame): the board's incremental redraw when only
 * the board is shown and was shown last frame too, else a full one. */
static void after_key(ui_ctx *ui)
{
    status_take_notices(ui);
    for (int i = 0; i < ui->depth; i++)
        if (ui->stack[i]->tick)
            ui->stack[i]->tick(ui->stack[i], ui);
    uint64_t now = ui_now_ms();
    ui->dirty = false;
    ui_redraw_frame(ui, now);
}

static FILE *tty_marks;   /* KEYPRESS_TTY: the frames' bytes, each key marked */

static void press(ui_ctx *ui, wint_t ch)
{
    ui_screen *top = ui_top(ui);
    if (tty_marks) {
        fprintf(tty_marks, "\n<<key %lc>>\n", ch);
        fflush(tty_marks);
    }
    ui->dirty = true;
    if (top && top->key)
        top->key(top, ui, (ui_key){false, ch});
    after_key(ui);
    if (tty_marks) {
        fputs("\n<<end>>\n", tty_marks);
        fflush(tty_marks);
    }
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bool fill(pb_board *b)
{
    board_open(b, NULL);
    for (int round = 0; round < 100000; round++) {
        long n = answer_all(b);
        if (n < 0)
            return false;
        if (n == 0) {
            bool more = false;
            for (size_t c = 0; c < board_column_count(b); c++) {
                pb_column_view cv;
                if (board_column(b, c, &cv) && !cv.complete) {
                    board_load_all(b, c);
                    more = true;
                }
            }
            if (!more)
                return board_column_count(b) == NSTAGES;
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    long k = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
    if (n < NSTAGES * 2 || k < 8) {
        fprintf(stderr, "usage: keypress N [K]   (N >= 10, K >= 8)\n");
        return 2;
    }
    k -= k % 8;
    setlocale(LC_ALL, "");
    workspace_init(n);
    pb_board *b = board_new(&(pb_board_config){0});
    if (!b || !fill(b)) {
        fprintf(stderr, "keypress: the model could not be filled\n");
        board_free(b);
        workspace_free();
        return 1;
    }
    size_t loaded = 0;
    for (size_t c = 0; c < board_column_count(b); c++) {
        pb_column_view cv;
        if (board_column(b, c, &cv))
            loaded += cv.loaded;
    }
    printf("loaded=%zu\n", loaded);
    fflush(stdout);
    /* Run with --instr-atstart=no: filling the model is not simulated. */
    CALLGRIND_START_INSTRUMENTATION;

    /* KEYPRESS_TTY=<file>: keep what the frames write (to study them) */
    const char *tty = getenv("KEYPRESS_TTY");
    FILE *tout = fopen(tty && *tty ? tty : "/dev/null", "w"), *tin = fopen("/dev/null", "r");
    SCREEN *scr = tout && tin ? newterm(NULL, tout, tin) : NULL;
    if (tty && *tty)
        tty_marks = tout;
    if (!scr) {
        fprintf(stderr, "keypress: no terminal (set TERM, e.g. xterm-256color)\n");
        return 1;
    }
    set_term(scr);
    theme_init(true);
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui)
        return 1;
    ui->board = b;
    ui->opt.workspace_label = "bench";
    getmaxyx(stdscr, ui->rows, ui->cols);
    ui_push(ui, board_view_new(ui));
    after_key(ui);   /* the first frame */

    struct phase {
        const char *name;
        const char *keys;   /* one cycle, repeated */
    } phases[] = {
        {"nav", NULL},
        {"column", "llllhhhh"},
        {"move", "LH"},
    };
    int rc = 0;
    for (size_t p = 0; p < sizeof phases / sizeof phases[0]; p++) {
        long answered = 0;
        uint64_t ns = 0;
        for (long i = 0; i < k; i++) {
            wint_t ch = phases[p].keys ? (wint_t)phases[p].keys[i % (long)strlen(phases[p].keys)]
                                       : (i < k / 2 ? 'j' : 'k');
            uint64_t t = now_ns();
            CALLGRIND_TOGGLE_COLLECT;
            press(ui, ch);
            CALLGRIND_TOGGLE_COLLECT;
            ns += now_ns() - t;
            long a = answer_all(b);   /* the network's part: not collected */
            if (a < 0)
                rc = 1;
            else
                answered += a;
            if (a > 0)
                after_key(ui);   /* the answer's redraw is the network's too: not collected */
        }
        CALLGRIND_DUMP_STATS_AT(phases[p].name);
        printf("phase %s keys=%ld answered=%ld ns_per_key=%llu\n", phases[p].name, k, answered,
               (unsigned long long)(ns / (uint64_t)k));
        if (!strcmp(phases[p].name, "move") && answered != k)
            rc = 1;   /* every move must have gone out (no refused or busy move) */
        if (strcmp(phases[p].name, "move") && answered != 0)
            rc = 1;   /* navigation fetched something: the model was not full */
    }
    while (ui->depth > 0)
        ui_pop(ui);
    free(ui);
    endwin();
    delscreen(scr);
    fclose(tout);
    fclose(tin);
    board_free(b);
    workspace_free();
    return rc;
}
