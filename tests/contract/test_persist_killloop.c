/* test_persist_killloop.c - twenty-sim's --data file survives a kill at any
 * moment.
 *
 * One workspace, many rounds (KILLLOOP_ROUNDS, default 24; the random seed
 * is printed and KILLLOOP_SEED repeats a run). Each round a client thread
 * runs a random stream of writes (POST with a client id, PATCH of name,
 * stage and amount, soft DELETE, hard DELETE) while the main thread kills
 * the sim with SIGKILL after a random delay: mostly in the middle of the
 * writes, sometimes while it saves on SIGTERM, and every third round a
 * second time while it starts on the files the first kill left (while it
 * replays the journal and compacts). After every kill:
 *  - the data file exists and is one JSON object that parses, with a
 *    version; every complete journal line parses (only a torn last line,
 *    a write that never returned, may not);
 *  - the sim starts again on those files, and every write acknowledged
 *    with a 2xx is there exactly (name, stage, amount, trashed or not,
 *    destroyed records gone); the one write in flight at the kill may be
 *    there or not, nothing else appeared. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "support/ctest.h"

#define MAX_RECS 8192 /* when full, the round's writer stops */
#define SEED_COUNT "1500" /* a snapshot big enough that a kill can land inside its write */

typedef enum { GONE, LIVE, TRASHED } rec_state;

typedef struct rec {
    char id[37];
    char name[48];
    char stage[16];
    long long micros;
    rec_state state;
} rec;

/* The writes acknowledged so far (the model), and the one in flight. */
typedef struct model {
    rec recs[MAX_RECS];
    int n;
    bool pending;      /* a write was sent and no answer came (the kill) */
    int pending_index; /* into recs */
    rec pending_old;   /* its state before (state GONE for a create) */
    rec pending_new;   /* its state if the write landed */
    int acked;         /* acknowledged writes, all rounds */
} model;

static model M;
static char dir[64], data[128], journal[160];
static unsigned long long rng_state;
static const char *const ENV[] = {"SIM_TODAY=2025-06-15", NULL};
static const char *const STAGES[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};

static unsigned rnd(unsigned below)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % below);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the writer thread ---- */

typedef struct writer {
    char base_url[128];
    int round;
    volatile int stop;
    unsigned long long seed;
    int acked;      /* this round */
    char error[512]; /* an unexpected answer (not a kill) */
} writer;

static unsigned wrnd(writer *w, unsigned below)
{
    w->seed ^= w->seed << 13;
    w->seed ^= w->seed >> 7;
    w->seed ^= w->seed << 17;
    return (unsigned)(w->seed % below);
}

static int pick_live(writer *w)
{
    if (M.n == 0)
        return -1;
    for (int tries = 0; tries < 8; tries++) {
        int i = (int)wrnd(w, (unsigned)M.n);
        if (M.recs[i].state == LIVE)
            return i;
    }
    return -1;
}

/* One write; false when it got no answer (the sim is gone) or a wrong one. */
static bool one_write(writer *w, cthttp_client *c, int seq)
{
    char body[256], path[128];
    cthttp_req rq = {.timeout_ms = 5000};
    const char *query[3] = {NULL};
    int op = (int)wrnd(w, 10);
    int i = op >= 4 ? pick_live(w) : -1;
    rec next;
    long want = 200;
    if (i < 0) { /* create (also when nothing is live to change) */
        if (M.n >= MAX_RECS)
            return false;
        i = M.n;
        memset(&next, 0, sizeof next);
        unsigned char b[16];
        for (int k = 0; k < 16; k++)
            b[k] = (unsigned char)wrnd(w, 256);
        b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
        b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
        snprintf(next.id, sizeof next.id,
                 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                 b[15]);
        snprintf(next.name, sizeof next.name, "kl-%d-%d", w->round, seq);
        snprintf(next.stage, sizeof next.stage, "%s", STAGES[wrnd(w, 5)]);
        next.micros = (long long)wrnd(w, 1000000) * 1000;
        next.state = LIVE;
        snprintf(body, sizeof body,
                 "{\"id\":\"%s\",\"name\":\"%s\",\"stage\":\"%s\",\"amount\":{\"amountMicros\":%lld,"
                 "\"currencyCode\":\"USD\"}}",
                 next.id, next.name, next.stage, next.micros);
        rq.method = "POST";
        rq.path = "/rest/opportunities";
        rq.body = body;
        want = 201;
        M.pending_old = next;
        M.pending_old.state = GONE;
    } else {
        next = M.recs[i];
        M.pending_old = M.recs[i];
        snprintf(path, sizeof path, "/rest/opportunities/%s", next.id);
        rq.path = path;
        if (op >= 8) { /* delete: soft or hard */
            rq.method = "DELETE";
            if (op == 8) {
                query[0] = "soft_delete";
                query[1] = "true";
                rq.query = query;
                next.state = TRASHED;
            } else {
                next.state = GONE;
            }
        } else {
            snprintf(next.name, sizeof next.name, "kl-%d-%d-p", w->round, seq);
            snprintf(next.stage, sizeof next.stage, "%s", STAGES[wrnd(w, 5)]);
            next.micros = (long long)wrnd(w, 1000000) * 1000 + 1;
            snprintf(body, sizeof body,
                     "{\"name\":\"%s\",\"stage\":\"%s\",\"amount\":{\"amountMicros\":%lld,"
                     "\"currencyCode\":\"USD\"}}",
                     next.name, next.stage, next.micros);
            rq.method = "PATCH";
            rq.body = body;
        }
    }
    M.pending = true;
    M.pending_index = i;
    M.pending_new = next;
    if (i == M.n)
        M.n++; /* the slot exists from now on; pending_old says GONE */
    M.recs[i] = M.pending_old;
    cthttp_resp r;
    long st = cthttp_do(c, &rq, &r);
    cthttp_resp_free(&r);
    if (st == 0)
        return false; /* no answer: the kill; the write stays pending */
    M.pending = false;
    if (st != want) {
        snprintf(w->error, sizeof w->error, "%s %s answered %ld (expected %ld)", rq.method,
                 rq.path, st, want);
        return false;
    }
    M.recs[i] = next;
    w->acked++;
    return true;
}

static void *write_loop(void *arg)
{
    writer *w = arg;
    cthttp_client c;
    if (!cthttp_init(&c, w->base_url, CT_DEFAULT_KEY))
        return NULL;
    for (int seq = 0; !w->stop && one_write(w, &c, seq); seq++) {
    }
    cthttp_cleanup(&c);
    return NULL;
}

/* ---- the files the kill left ---- */

static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    if (buf)
        buf[got] = '\0';
    *len = (long)got;
    return buf;
}

static void assert_files_parse(int round, const char *when)
{
    long n = 0;
    char *text = slurp(data, &n);
    ck_assert_msg(text, "round %d (%s): the data file %s is missing", round, when, data);
    cJSON *j = cJSON_ParseWithLength(text, (size_t)n);
    ck_assert_msg(j && cJSON_IsObject(j), "round %d (%s): the data file (%ld bytes) does not parse",
                  round, when, n);
    ck_assert_msg(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "version")),
                  "round %d (%s): the data file has no version", round, when);
    ck_assert_msg(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "opportunities")),
                  "round %d (%s): the data file has no opportunities list", round, when);
    cJSON_Delete(j);
    free(text);
    text = slurp(journal, &n);
    if (!text)
        return; /* no journal yet is fine */
    int line = 0;
    for (char *p = text, *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        line++;
        cJSON *e = cJSON_ParseWithLength(p, (size_t)(nl - p));
        ck_assert_msg(e, "round %d (%s): journal line %d does not parse", round, when, line);
        cJSON_Delete(e);
    }
    free(text);
}

/* ---- comparing the restarted server with the model ---- */

static bool rec_matches(const rec *m, const cJSON *row)
{
    if (m->state == GONE)
        return row == NULL;
    if (!row)
        return false;
    const char *name = ct_jstr(row, "name"), *stage = ct_jstr(row, "stage");
    int64_t micros = -1;
    bool trashed = !ct_jnull(row, "deletedAt");
    return name && stage && !strcmp(name, m->name) && !strcmp(stage, m->stage) &&
           ct_jint64(row, "amount.amountMicros", &micros) && micros == m->micros &&
           trashed == (m->state == TRASHED);
}

static void assert_server_matches(int round)
{
    cJSON *all = ct_fetch_all(
        "opportunities", NULL,
        "and(name[like]:\"kl-%\",or(deletedAt[is]:NULL,deletedAt[is]:NOT_NULL))", 200, NULL, NULL);
    int seen = 0;
    for (int i = 0; i < M.n; i++) {
        rec *m = &M.recs[i];
        const cJSON *row = NULL, *it;
        cJSON_ArrayForEach(it, all)
        {
            const char *id = ct_jstr(it, "id");
            if (id && !strcmp(id, m->id))
                row = it;
        }
        if (row)
            seen++;
        if (M.pending && M.pending_index == i) {
            bool as_old = rec_matches(&M.pending_old, row), as_new = rec_matches(&M.pending_new, row);
            ck_assert_msg(as_old || as_new,
                          "round %d: the write in flight at the kill left %s (%s) half done: %s",
                          round, m->id, M.pending_new.name,
                          row ? cJSON_PrintUnformatted(row) : "absent");
            *m = as_new ? M.pending_new : M.pending_old;
            continue;
        }
        ck_assert_msg(rec_matches(m, row),
                      "round %d: acknowledged write lost: %s should be %s '%s' %s %lld, server: %s",
                      round, m->id, m->state == GONE ? "destroyed" : m->state == TRASHED ? "trashed" : "live",
                      m->name, m->stage, m->micros, row ? cJSON_PrintUnformatted(row) : "absent");
    }
    ck_assert_msg(seen == cJSON_GetArraySize(all),
                  "round %d: the server has %d kl- records, the model knows %d of them", round,
                  cJSON_GetArraySize(all), seen);
    M.pending = false;
    cJSON_Delete(all);
}

static void start_sim(void)
{
    ct_server_start_env((const char *const[]){"--data", data, "--seed", SEED_COUNT, NULL}, ENV,
                        NULL);
}

/* Starts the sim and kills it `ms` into its start (or just after, if it was quicker). */
static void kill_during_start(int ms)
{
    simproc p;
    simproc_opts o = {.args = (const char *const[]){"--data", data, "--seed", SEED_COUNT, NULL},
                      .env = ENV,
                      .timeout_ms = ms};
    if (simproc_start_opts(&p, &o))
        simproc_kill(&p);
}

START_TEST(sigkill_at_random_moments_loses_no_acknowledged_write)
{
    const char *rs = getenv("KILLLOOP_ROUNDS"), *ss = getenv("KILLLOOP_SEED");
    int rounds = rs ? atoi(rs) : 24;
    rng_state = ss ? strtoull(ss, NULL, 10) : ((unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20)) * 2654435761ull;
    if (!rng_state)
        rng_state = 88172645463325252ull;
    fprintf(stderr, "kill loop: %d rounds, KILLLOOP_SEED=%llu\n", rounds, rng_state);
    snprintf(dir, sizeof dir, "/tmp/ct-killloop-XXXXXX");
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(data, sizeof data, "%s/workspace.json", dir);
    snprintf(journal, sizeof journal, "%s.journal", data);
    memset(&M, 0, sizeof M);
    long long t0 = now_ms();
    int kills_mid_write = 0, kills_in_save = 0, kills_in_start = 0;

    start_sim();
    for (int round = 0; round < rounds; round++) {
        static writer w;
        memset(&w, 0, sizeof w);
        snprintf(w.base_url, sizeof w.base_url, "%s", ct_srv.base_url);
        w.round = round;
        w.seed = rng_state ^ ((unsigned long long)round << 32) ^ 0x9e3779b97f4a7c15ull;
        pthread_t t;
        ck_assert(pthread_create(&t, NULL, write_loop, &w) == 0);
        sleep_ms(20 + (int)rnd(250));
        if (rnd(4) == 0) { /* SIGTERM, then SIGKILL while it saves */
            kill(ct_srv.pid, SIGTERM);
            sleep_ms((int)rnd(15));
            kills_in_save++;
        } else {
            kills_mid_write++;
        }
        simproc_kill(&ct_srv);
        ct_srv_up = false;
        pthread_join(t, NULL);
        ck_assert_msg(!w.error[0], "round %d: %s", round, w.error);
        M.acked += w.acked;
        assert_files_parse(round, "after the kill");
        if (round % 3 == 1) {
            kill_during_start(1 + (int)rnd(60));
            kills_in_start++;
            assert_files_parse(round, "after a kill during the start");
        }
        start_sim();
        assert_server_matches(round);
    }
    ct_server_stop();
    assert_files_parse(rounds, "after a clean stop");
    long long took = now_ms() - t0;
    fprintf(stderr,
            "kill loop: %d acknowledged writes, %d records; kills: %d mid-write, %d in the save "
            "on SIGTERM, %d during a start; %lld ms\n",
            M.acked, M.n, kills_mid_write, kills_in_save, kills_in_start, took);
    ck_assert_msg(M.acked >= rounds * 3, "too few writes acknowledged (%d) to test anything",
                  M.acked);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_persist_killloop");
    TCase *tc = ct_tcase("killloop", 120);
    tcase_add_test(tc, sigkill_at_random_moments_loses_no_acknowledged_write);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
