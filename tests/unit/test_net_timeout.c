/* test_net_timeout.c - $PIPEBOARD_TIMEOUT sets the request timeout (the
 * fault matrix needs "a hang past the timeout" in a second, not in 30): a
 * server that accepts and never answers fails the request with "timed out
 * after 1 s"; a bad value leaves the default; the caller's timeout wins. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"

typedef struct got {
    bool done;
    net_result r;
    char text[128];
} got;

static void on_done(void *ctx, const net_result *res)
{
    got *g = ctx;
    g->done = true;
    g->r = *res;
    snprintf(g->text, sizeof g->text, "%s", res->error_text ? res->error_text : "");
}

/* A listening socket on a free loopback port that never answers. */
static int silent_server(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(fd, 4), 0);
    socklen_t len = sizeof a;
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs one GET against the silent server; returns the seconds it took. */
static double one_get(long cfg_timeout_ms, got *g)
{
    int port;
    int lfd = silent_server(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    net_config cfg = {.base_url = url, .api_key = "k", .max_attempts = 1, .timeout_ms = cfg_timeout_ms};
    char err[256];
    net_client *c = net_client_new(&cfg, err, sizeof err);
    ck_assert_msg(c != NULL, "%s", err);
    memset(g, 0, sizeof *g);
    double t0 = now_s();
    ck_assert(net_submit(c, "GET", "/rest/opportunities", NULL, false, on_done, g) != 0);
    while (!g->done && now_s() - t0 < 10) {
        net_wait(c, -1, 100, NULL);
        net_dispatch(c);
    }
    double took = now_s() - t0;
    net_client_free(c);
    close(lfd);
    return took;
}

START_TEST(the_environment_sets_the_timeout)
{
    setenv("PIPEBOARD_TIMEOUT", "1", 1);
    got g;
    double took = one_get(0, &g);
    ck_assert(g.done);
    ck_assert_int_eq(g.r.transport_error, NET_ERR_TIMEOUT);
    ck_assert_str_eq(g.text, "timed out after 1 s");
    ck_assert_msg(took >= 0.9 && took < 3.0, "took %.2f s", took);
    unsetenv("PIPEBOARD_TIMEOUT");
}
END_TEST

START_TEST(the_callers_timeout_wins_and_bad_values_are_ignored)
{
    setenv("PIPEBOARD_TIMEOUT", "5", 1);
    got g;
    double took = one_get(500, &g);   /* the caller's 0.5 s, not 5 s */
    ck_assert_int_eq(g.r.transport_error, NET_ERR_TIMEOUT);
    ck_assert_msg(took < 2.0, "took %.2f s", took);
    const char *bad[] = {"0", "-3", "abc", "1s", "601"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        setenv("PIPEBOARD_TIMEOUT", bad[i], 1);
        took = one_get(700, &g);   /* a bad value changes nothing: the caller's 0.7 s */
        ck_assert_int_eq(g.r.transport_error, NET_ERR_TIMEOUT);
        ck_assert_msg(took < 2.0, "%s: took %.2f s", bad[i], took);
    }
    unsetenv("PIPEBOARD_TIMEOUT");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("net_timeout");
    TCase *tc = tcase_create("net_timeout");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, the_environment_sets_the_timeout);
    tcase_add_test(tc, the_callers_timeout_wins_and_bad_values_are_ignored);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
