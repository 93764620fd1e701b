/* test_persist.c - --data FILE: writes survive SIGTERM and a restart
 * exactly; a kill -9 in the middle of a stream of writes loses nothing that
 * was acknowledged and leaves files the next start loads; the seed does not
 * touch an existing workspace. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "support/ctest.h"

static const char *const ENV[] = {"SIM_TODAY=2025-06-15", NULL};
static char dir[64], data[128];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ct-persist-XXXXXX");
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(data, sizeof data, "%s/workspace.json", dir);
}

static void remove_dir(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void start(const char *seed)
{
    ct_server_start_env((const char *const[]){"--data", data, "--seed", seed, NULL}, ENV, NULL);
}

#define ALL_ROWS "or(deletedAt[is]:NULL,deletedAt[is]:NOT_NULL)"

/* Every opportunity, live and trashed, and every company, as one JSON text. */
static char *snapshot(void)
{
    cJSON *o = ct_fetch_all("opportunities", NULL, ALL_ROWS, 200, NULL, NULL);
    cJSON *c = ct_fetch_all("companies", NULL, ALL_ROWS, 200, NULL, NULL);
    cJSON *both = cJSON_CreateObject();
    cJSON_AddItemToObject(both, "opportunities", o);
    cJSON_AddItemToObject(both, "companies", c);
    char *s = cJSON_PrintUnformatted(both);
    cJSON_Delete(both);
    return s;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* If the data file looks like JSON it must parse. */
static void assert_data_file_sane(void)
{
    long n = file_size(data);
    ck_assert_msg(n > 0, "the data file %s exists and is not empty after a clean stop", data);
    FILE *f = fopen(data, "rb");
    ck_assert(f);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    const char *p = buf;
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    if (*p == '{' || *p == '[') {
        cJSON *j = cJSON_Parse(buf);
        ck_assert_msg(j != NULL, "the data file is JSON that does not parse");
        cJSON_Delete(j);
    }
    free(buf);
}

START_TEST(sigterm_then_restart_keeps_everything)
{
    make_dir();
    start("20");
    char a[37], b[37], c[37], comp[37], path[128];
    ct_create("opportunities", "{\"name\":\"persist \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80\",\"stage\":\"MEETING\","
              "\"amount\":{\"amountMicros\":123456789,\"currencyCode\":\"EUR\"},\"closeDate\":\"2025-07-01T00:00:00.000Z\","
              "\"position\":-7.25}", a);
    ct_create("opportunities", "{\"id\":\"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b\",\"name\":\"client id\"}", b);
    ct_create("opportunities", "{\"name\":\"to destroy\"}", c);
    ct_create("companies", "{\"name\":\"Persisted Co\"}", comp);
    cthttp_resp r;
    snprintf(path, sizeof path, "/rest/opportunities/%s", a);
    char body[128];
    snprintf(body, sizeof body, "{\"stage\":\"PROPOSAL\",\"companyId\":\"%s\"}", comp);
    cthttp_send(ct_client(), &r, "PATCH", path, body, NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    snprintf(path, sizeof path, "/rest/opportunities/%s", b);
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, "soft_delete", "true", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    snprintf(path, sizeof path, "/rest/opportunities/%s", c);
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    /* a seeded record changes too */
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "1", NULL);
    snprintf(path, sizeof path, "/rest/opportunities/%s", ct_jstr(r.json, "data.opportunities[0].id"));
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"name\":\"renamed seed\",\"closeDate\":null}", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);

    char *before = snapshot();
    ct_server_stop();   /* asserts exit 0 on SIGTERM */
    assert_data_file_sane();

    start("20");
    char *after = snapshot();
    ck_assert_msg(strcmp(before, after) == 0, "the workspace after a restart differs:\nbefore %.600s\nafter  %.600s",
                  before, after);
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.name"), "renamed seed");
    cthttp_resp_free(&r);
    ct_server_stop();

    /* another seed on an existing file changes nothing */
    start("50");
    char *again = snapshot();
    ck_assert_msg(strcmp(before, again) == 0, "--seed must not reseed an existing data file");
    ct_server_stop();
    free(before);
    free(after);
    free(again);
    remove_dir();
}
END_TEST

/* ---- kill -9 under load ---- */

#define MAX_WRITES 20000

typedef struct writer {
    char base_url[128];
    char prefix[16];
    char (*ids)[37];       /* acknowledged creates */
    bool *patched;         /* acknowledged patch of ids[i] */
    int n;
    volatile int stop;
} writer;

static void *write_loop(void *arg)
{
    writer *w = arg;
    cthttp_client c;
    if (!cthttp_init(&c, w->base_url, CT_DEFAULT_KEY))
        return NULL;
    for (int i = 0; i < MAX_WRITES && !w->stop; i++) {
        char body[128], path[128];
        snprintf(body, sizeof body, "{\"name\":\"%s-%d\",\"amount\":{\"amountMicros\":%d,\"currencyCode\":\"USD\"}}",
                 w->prefix, i, i);
        cthttp_resp r;
        cthttp_req rq = {.method = "POST", .path = "/rest/opportunities", .body = body, .timeout_ms = 3000};
        cthttp_do(&c, &rq, &r);
        const char *id = r.status == 201 ? ct_jstr(r.json, "data.createOpportunity.id") : NULL;
        if (!id) {
            cthttp_resp_free(&r);
            break;
        }
        memcpy(w->ids[w->n], id, 37);
        w->patched[w->n] = false;
        int k = w->n++;
        cthttp_resp_free(&r);
        snprintf(path, sizeof path, "/rest/opportunities/%s", w->ids[k]);
        snprintf(body, sizeof body, "{\"name\":\"%s-%d-patched\",\"stage\":\"CUSTOMER\"}", w->prefix, i);
        cthttp_req pq = {.method = "PATCH", .path = path, .body = body, .timeout_ms = 3000};
        cthttp_do(&c, &pq, &r);
        bool ok = r.status == 200;
        cthttp_resp_free(&r);
        if (!ok)
            break;
        w->patched[k] = true;
    }
    cthttp_cleanup(&c);
    return NULL;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Writes from a thread, kill -9 after `ms`, returns how many creates were acknowledged. */
static void write_then_kill(writer *w, const char *prefix, int ms)
{
    snprintf(w->base_url, sizeof w->base_url, "%s", ct_srv.base_url);
    snprintf(w->prefix, sizeof w->prefix, "%s", prefix);
    w->n = 0;
    w->stop = 0;
    pthread_t t;
    ck_assert(pthread_create(&t, NULL, write_loop, w) == 0);
    sleep_ms(ms);
    simproc_kill(&ct_srv);
    ct_srv_up = false;
    pthread_join(t, NULL);
}

static void assert_acknowledged(const writer *w, const cJSON *all)
{
    for (int i = 0; i < w->n; i++) {
        const cJSON *rec = NULL, *it;
        cJSON_ArrayForEach(it, all)
        {
            if (strcmp(ct_jstr(it, "id"), w->ids[i]) == 0)
                rec = it;
        }
        ck_assert_msg(rec, "acknowledged create %s-%d (%s) lost by kill -9", w->prefix, i, w->ids[i]);
        char want[64];
        snprintf(want, sizeof want, "%s-%d-patched", w->prefix, i);
        if (w->patched[i])
            ck_assert_msg(strcmp(ct_jstr(rec, "name"), want) == 0 && strcmp(ct_jstr(rec, "stage"), "CUSTOMER") == 0,
                          "acknowledged update of %s lost by kill -9 (name %s)", w->ids[i], ct_jstr(rec, "name"));
    }
}

START_TEST(kill_9_loses_no_acknowledged_write)
{
    make_dir();
    static writer w1, w2;
    static char ids1[MAX_WRITES][37], ids2[MAX_WRITES][37];
    static bool p1[MAX_WRITES], p2[MAX_WRITES];
    w1.ids = ids1;
    w1.patched = p1;
    w2.ids = ids2;
    w2.patched = p2;

    start("10");
    write_then_kill(&w1, "round1", 600);
    ck_assert_msg(w1.n >= 5, "only %d writes acknowledged before the kill", w1.n);

    start("10");   /* loads the files the kill left */
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    assert_acknowledged(&w1, all);
    int count1 = cJSON_GetArraySize(all);
    ck_assert_msg(count1 >= 10 + w1.n && count1 <= 10 + w1.n + 1,
                  "after the kill: %d records for 10 seeded + %d acknowledged (+1 in flight at most)", count1, w1.n);
    cJSON_Delete(all);

    write_then_kill(&w2, "round2", 400);
    start("10");
    all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    assert_acknowledged(&w1, all);
    assert_acknowledged(&w2, all);
    cJSON_Delete(all);
    ct_server_stop();
    assert_data_file_sane();

    start("10");
    all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    assert_acknowledged(&w1, all);
    assert_acknowledged(&w2, all);
    cJSON_Delete(all);
    ct_server_stop();
    fprintf(stderr, "kill -9 rounds: %d and %d acknowledged creates\n", w1.n, w2.n);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_persist");
    TCase *tc = ct_tcase("persist", 60);
    tcase_add_test(tc, sigterm_then_restart_keeps_everything);
    tcase_add_test(tc, kill_9_loses_no_acknowledged_write);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
