/* test_server.c - the twenty-sim process: exactly one stdout line, --help
 * and bad flags, the --log format, --latency, parallel keep-alive
 * connections, the --seed data (currencies, null amounts, CJK, emoji,
 * accents, a long name, related objects, determinism, SIM_TODAY), a
 * 100,000-record seed ready in < 2 s and a filtered 200-record page of it
 * served in < 5 ms by the --log duration. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/ctest.h"

static char tmp_log[128];

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

START_TEST(stdout_is_exactly_one_line)
{
    ct_server_start((const char *const[]){"--seed", "5", "--host", "127.0.0.1", NULL});
    char want[64];
    snprintf(want, sizeof want, "listening on http://127.0.0.1:%d", ct_srv.port);
    ck_assert_str_eq(ct_srv.line, want);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/nothing-here", NULL);
    cthttp_resp_free(&r);
    ct_server_stop();
    ck_assert_msg(ct_srv.nextra == 0, "stdout after the listening line must be empty, got: '%s'", ct_srv.extra);
}
END_TEST

START_TEST(help_and_bad_flags)
{
    char out[8192];
    int code = simproc_run((const char *const[]){"--help", NULL}, out, sizeof out, 5000);
    ck_assert_msg(code == 0, "--help exits 0 (got %d)", code);
    const char *opts[] = {"--port", "--api-key", "--seed", "--stages", "--data", "--log", "--rate-limit",
                          "--latency", "--faults"};
    for (int i = 0; i < 9; i++)
        ck_assert_msg(strstr(out, opts[i]), "--help documents %s", opts[i]);
    code = simproc_run((const char *const[]){"--port", "0", "--no-such-flag", NULL}, out, sizeof out, 5000);
    ck_assert_msg(code != 0 && code != -1 && !strstr(out, "listening on"), "an unknown flag fails (exit %d): %s",
                  code, out);
    code = simproc_run((const char *const[]){"--port", "0", "--rate-limit", "lots", NULL}, out, sizeof out, 5000);
    ck_assert_msg(code != 0 && code != -1, "a bad --rate-limit fails (exit %d): %s", code, out);
    code = simproc_run((const char *const[]){"--port", "0", "--seed", "-3", NULL}, out, sizeof out, 5000);
    ck_assert_msg(code != 0 && code != -1, "a negative --seed fails (exit %d): %s", code, out);
}
END_TEST

START_TEST(log_format)
{
    snprintf(tmp_log, sizeof tmp_log, "/tmp/ct-sim-log-%d.txt", (int)getpid());
    unlink(tmp_log);
    ct_server_start((const char *const[]){"--seed", "5", "--log", tmp_log, NULL});
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "5", NULL);
    ct_assert_status(&r, 200);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "stage[eq]:NEW", NULL);
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"name\":\"logged\"}", NULL);
    ct_assert_status(&r, 201);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", NULL);
    ck_assert_int_eq(r.status, 404);
    cthttp_resp_free(&r);
    cthttp_req rq = {.path = "/rest/opportunities", .auth = "Bearer wrong"};
    cthttp_do(ct_client(), &rq, &r);
    cthttp_resp_free(&r);
    ct_server_stop();

    char *log = read_file(tmp_log);
    ck_assert_msg(log, "no log file %s", tmp_log);
    const char *want[][3] = {{"GET", "/rest/opportunities?limit=5", "200"},
                             {"GET", "/rest/opportunities?filter=stage%5Beq%5D%3ANEW", "200"},
                             {"POST", "/rest/opportunities", "201"},
                             {"GET", "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "404"},
                             {"GET", "/rest/opportunities", "401"}};
    int line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save), line_no++) {
        char method[16], path[1024], extra[8];
        int status = 0;
        long us = -1;
        int n = sscanf(line, "%15s %1023s %d %ld %7s", method, path, &status, &us, extra);
        ck_assert_msg(n == 4, "log line %d is not 'METHOD PATH?QUERY STATUS DURATION_US': '%s'", line_no, line);
        ck_assert_msg(us >= 0, "duration in microseconds: '%s'", line);
        if (line_no < 5) {
            ck_assert_msg(strcmp(method, want[line_no][0]) == 0 && strcmp(path, want[line_no][1]) == 0 &&
                              status == atoi(want[line_no][2]),
                          "log line %d: '%s', expected '%s %s %s N'", line_no, line, want[line_no][0],
                          want[line_no][1], want[line_no][2]);
        }
    }
    ck_assert_msg(line_no == 5, "one log line per request: %d lines", line_no);
    free(log);
    log = read_file(tmp_log);
    ck_assert_msg(!strstr(log, CT_DEFAULT_KEY) && !strstr(log, "Bearer"), "the log never holds the key");
    free(log);
    unlink(tmp_log);
}
END_TEST

START_TEST(latency_flag)
{
    ct_server_start((const char *const[]){"--seed", "5", "--latency", "250", NULL});
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(r.total_us >= 240000, "--latency 250: answered in %ld us", r.total_us);
    cthttp_resp_free(&r);
    ct_server_stop();
}
END_TEST

/* ---- parallel keep-alive ---- */

typedef struct worker {
    char base[128];
    int ok, reused, n;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    cthttp_client c;
    if (!cthttp_init(&c, w->base, CT_DEFAULT_KEY))
        return NULL;
    for (int i = 0; i < w->n; i++) {
        cthttp_resp r;
        if (i % 3 == 2)
            cthttp_send(&c, &r, "POST", "/rest/opportunities", "{\"name\":\"parallel\"}", NULL);
        else
            cthttp_get(&c, &r, "/rest/opportunities", "limit", "20", "order_by", "name", NULL);
        if ((r.status == 200 || r.status == 201) && r.json)
            w->ok++;
        if (i > 0 && r.new_connects == 0)
            w->reused++;
        cthttp_resp_free(&r);
    }
    cthttp_cleanup(&c);
    return NULL;
}

START_TEST(parallel_keep_alive_connections)
{
    ct_server_start((const char *const[]){"--seed", "300", NULL});
    enum { NT = 6, NR = 30 };
    worker w[NT];
    pthread_t t[NT];
    for (int i = 0; i < NT; i++) {
        memset(&w[i], 0, sizeof w[i]);
        snprintf(w[i].base, sizeof w[i].base, "%s", ct_srv.base_url);
        w[i].n = NR;
        ck_assert(pthread_create(&t[i], NULL, work, &w[i]) == 0);
    }
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NT; i++) {
        ck_assert_msg(w[i].ok == NR, "worker %d: %d of %d requests answered", i, w[i].ok, NR);
        ck_assert_msg(w[i].reused == NR - 1, "worker %d: the connection was reused %d of %d times", i, w[i].reused,
                      NR - 1);
    }
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", "filter", "name[eq]:parallel", NULL);
    double t_count = 0;
    ck_assert(ct_jnum(r.json, "totalCount", &t_count));
    ck_assert_int_eq((int)t_count, NT * (NR / 3));
    cthttp_resp_free(&r);
    ct_server_stop();
}
END_TEST

/* ---- seed ---- */

static int utf8_len(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9)   /* U+3000..U+9FFF lead bytes */
            return true;
    return false;
}

static bool has_emoji(const char *s)
{
    return strstr(s, "\xf0\x9f") != NULL;   /* U+1F000..U+1FFFF */
}

static bool has_accent(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xC3 && *p <= 0xC5)   /* U+00C0..U+017F */
            return true;
    return false;
}

START_TEST(seed_distribution)
{
    ct_server_start_env((const char *const[]){"--seed", "1000", NULL},
                        (const char *const[]){"SIM_TODAY=2025-06-15", NULL}, NULL);
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(all), 1000);
    int usd = 0, eur = 0, gbp = 0, null_amount = 0, cjk = 0, emoji = 0, accent = 0, longest = 0;
    int null_close = 0, past = 0, future = 0, stages[5] = {0}, with_company = 0;
    const char *names[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};
    const cJSON *o;
    cJSON_ArrayForEach(o, all)
    {
        const char *cur = ct_jstr(o, "amount.currencyCode");
        usd += cur && !strcmp(cur, "USD");
        eur += cur && !strcmp(cur, "EUR");
        gbp += cur && !strcmp(cur, "GBP");
        null_amount += ct_jnull(o, "amount.amountMicros");
        const char *name = ct_jstr(o, "name");
        ck_assert(name);
        cjk += has_cjk(name);
        emoji += has_emoji(name);
        accent += has_accent(name);
        if (utf8_len(name) > longest)
            longest = utf8_len(name);
        const char *cd = ct_jstr(o, "closeDate");
        if (!cd)
            null_close++;
        else if (strcmp(cd, "2025-06-15") < 0)
            past++;
        else
            future++;
        for (int i = 0; i < 5; i++)
            stages[i] += !strcmp(ct_jstr(o, "stage"), names[i]);
        with_company += ct_jstr(o, "companyId") != NULL;
        double micros = 0;
        if (ct_jnum(o, "amount.amountMicros", &micros))
            ck_assert_msg(micros >= 0 && micros == (double)(long long)micros, "amountMicros integral: %f", micros);
    }
    ck_assert_msg(usd > 0 && eur > 0 && gbp > 0, "USD %d EUR %d GBP %d", usd, eur, gbp);
    ck_assert_msg(usd > eur && usd > gbp, "USD is the most common currency");
    ck_assert_msg(null_amount > 0 && null_amount < 500, "some null amounts (%d)", null_amount);
    ck_assert_msg(cjk > 0 && emoji > 0 && accent > 0, "CJK %d emoji %d accents %d", cjk, emoji, accent);
    ck_assert_msg(longest >= 50, "a long name (longest is %d characters)", longest);
    ck_assert_msg(null_close > 0 && past > 0 && future > 0, "close dates: %d null, %d before and %d after SIM_TODAY",
                  null_close, past, future);
    for (int i = 0; i < 5; i++)
        ck_assert_msg(stages[i] > 0, "stage %s seeded", names[i]);
    ck_assert_msg(with_company > 500, "most opportunities have a company (%d)", with_company);
    cJSON_Delete(all);
    const char *plural[] = {"companies", "people", "workspaceMembers"};
    int lo[] = {50, 50, 2}, hi[] = {200, 300, 20};
    for (int i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "/rest/%s", plural[i]);
        cthttp_resp r;
        cthttp_get(ct_client(), &r, path, "limit", "0", NULL);
        double t = 0;
        ck_assert(ct_jnum(r.json, "totalCount", &t));
        ck_assert_msg(t >= lo[i] && t <= hi[i], "--seed 1000: %g %s", t, plural[i]);
        cthttp_resp_free(&r);
    }
    ct_server_stop();
}
END_TEST

/* The seeded opportunities without server clocks (createdAt/updatedAt). */
static char *seed_fingerprint(const char *today)
{
    char env[64];
    snprintf(env, sizeof env, "SIM_TODAY=%s", today);
    ct_server_start_env((const char *const[]){"--seed", "80", NULL}, (const char *const[]){env, NULL}, NULL);
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    cJSON *it;
    cJSON_ArrayForEach(it, all)
    {
        cJSON_DeleteItemFromObject(it, "createdAt");
        cJSON_DeleteItemFromObject(it, "updatedAt");
    }
    char *s = cJSON_PrintUnformatted(all);
    cJSON_Delete(all);
    ct_server_stop();
    return s;
}

START_TEST(seed_is_deterministic_and_follows_sim_today)
{
    char *a = seed_fingerprint("2025-06-15");
    char *b = seed_fingerprint("2025-06-15");
    char *c = seed_fingerprint("2024-01-01");
    ck_assert_msg(strcmp(a, b) == 0, "same --seed and SIM_TODAY: same workspace");
    ck_assert_msg(strcmp(a, c) != 0, "SIM_TODAY moves the generated dates");
    free(a);
    free(b);
    free(c);
}
END_TEST

/* Time budgets are for the optimised build: make check-asan's sanitizers
 * slow every memory access, so there they are ten times as large. */
#if defined(__SANITIZE_ADDRESS__)
#define BUDGET_US(us) (10L * (us))
#else
#define BUDGET_US(us) (us)
#endif

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

START_TEST(big_seed_is_fast)
{
    snprintf(tmp_log, sizeof tmp_log, "/tmp/ct-sim-biglog-%d.txt", (int)getpid());
    unlink(tmp_log);
    ct_server_start((const char *const[]){"--seed", "100000", "--log", tmp_log, NULL});
    fprintf(stderr, "--seed 100000 ready in %ld us\n", ct_srv.startup_us);
    ck_assert_msg(ct_srv.startup_us < BUDGET_US(2000000), "--seed 100000 must be ready in < 2 s, took %ld us", ct_srv.startup_us);
    /* request 0 warms up; then 5 first pages and 5 pages after a cursor, interleaved */
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "200", "filter", "stage[eq]:NEW", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities"), 200);
    char *cursor = strdup(ct_jstr(r.json, "pageInfo.endCursor"));
    cthttp_resp_free(&r);
    for (int i = 0; i < 10; i++) {
        if (i % 2)
            cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "200", "filter", "stage[eq]:NEW",
                       "starting_after", cursor, NULL);
        else
            cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "200", "filter", "stage[eq]:NEW", NULL);
        ct_assert_status(&r, 200);
        ck_assert_int_eq(ct_jlen(r.json, "data.opportunities"), 200);
        cthttp_resp_free(&r);
    }
    free(cursor);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", NULL);
    double t = 0;
    ck_assert(ct_jnum(r.json, "totalCount", &t) && t == 100000);
    cthttp_resp_free(&r);
    ct_server_stop();

    char *log = read_file(tmp_log);
    ck_assert(log);
    long first[8], after[8], cold = -1;
    int nf = 0, na = 0, n = 0;
    char *save = NULL;
    for (char *line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char method[16], path[2048];
        int status;
        long us;
        if (sscanf(line, "%15s %2047s %d %ld", method, path, &status, &us) != 4 || !strstr(path, "filter="))
            continue;
        if (n++ == 0)
            cold = us;
        else if (strstr(path, "starting_after=") && na < 8)
            after[na++] = us;
        else if (nf < 8)
            first[nf++] = us;
    }
    free(log);
    unlink(tmp_log);
    ck_assert_msg(nf == 5 && na == 5, "the log holds every request (%d first pages, %d cursor pages)", nf, na);
    qsort(first, (size_t)nf, sizeof *first, cmp_long);
    qsort(after, (size_t)na, sizeof *after, cmp_long);
    fprintf(stderr, "filtered 200-row page of 100000: cold %ld us, first page median %ld us, "
                    "page after a cursor median %ld us\n", cold, first[2], after[2]);
    ck_assert_msg(first[2] < BUDGET_US(5000), "a filtered 200-record first page of 100,000 must take < 5 ms (median %ld us)",
                  first[2]);
    ck_assert_msg(after[2] < BUDGET_US(5000),
                  "a filtered 200-record page after a cursor of 100,000 must take < 5 ms (median %ld us)", after[2]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_server");
    TCase *tc = ct_tcase("process", 60);
    tcase_add_test(tc, stdout_is_exactly_one_line);
    tcase_add_test(tc, help_and_bad_flags);
    tcase_add_test(tc, log_format);
    tcase_add_test(tc, latency_flag);
    tcase_add_test(tc, parallel_keep_alive_connections);
    tcase_add_test(tc, seed_distribution);
    tcase_add_test(tc, seed_is_deterministic_and_follows_sim_today);
    tcase_add_test(tc, big_seed_is_fast);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
