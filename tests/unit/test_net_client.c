/* test_net_client.c - net_client against a tiny libmicrohttpd server run in
 * this process (one thread per connection, port 0): results, retries, 429,
 * timeouts, cut connections, cancel, connection reuse, pacing, priority,
 * the Authorization header, the log hook, and that net_wait never blocks
 * the loop. */
#include <check.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"

#define API_KEY "test-key-3f9a1c"

/* ---------------- the server ---------------- */

enum { MAX_SEEN = 64 };

typedef struct seen {
    char method[16], path[64], auth[128], ua[64], accept[64], accept_enc[64], ctype[64];
    char body[256];
    long long at_ms;
} seen;

static struct {
    struct MHD_Daemon *d;
    int port;
    pthread_mutex_t mu;
    seen req[MAX_SEEN];
    int nreq;
    atomic_int connections;
    atomic_bool release;          /* lets /hang answer */
} srv;

typedef struct upload {
    char body[256];
    size_t len;
    bool recorded;
} upload;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void copy_header(struct MHD_Connection *conn, const char *name, char *dst, size_t len)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
    snprintf(dst, len, "%s", v ? v : "");
}

/* How many requests for `path` the server has seen so far (locked). */
static int hits_locked(const char *path)
{
    int n = 0;
    for (int i = 0; i < srv.nreq; i++)
        n += strcmp(srv.req[i].path, path) == 0;
    return n;
}

static int hits(const char *path)
{
    pthread_mutex_lock(&srv.mu);
    int n = hits_locked(path);
    pthread_mutex_unlock(&srv.mu);
    return n;
}

/* Records the request; returns how many times its path was seen before. */
static int record(struct MHD_Connection *conn, const char *url, const char *method,
                  const upload *up)
{
    pthread_mutex_lock(&srv.mu);
    int before = hits_locked(url);
    if (srv.nreq < MAX_SEEN) {
        seen *s = &srv.req[srv.nreq++];
        snprintf(s->method, sizeof s->method, "%s", method);
        snprintf(s->path, sizeof s->path, "%s", url);
        copy_header(conn, "Authorization", s->auth, sizeof s->auth);
        copy_header(conn, "User-Agent", s->ua, sizeof s->ua);
        copy_header(conn, "Accept", s->accept, sizeof s->accept);
        copy_header(conn, "Accept-Encoding", s->accept_enc, sizeof s->accept_enc);
        copy_header(conn, "Content-Type", s->ctype, sizeof s->ctype);
        snprintf(s->body, sizeof s->body, "%.*s", (int)up->len, up->body);
        s->at_ms = now_ms();
    }
    pthread_mutex_unlock(&srv.mu);
    return before;
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned code, const char *body,
                             const char *hname, const char *hvalue)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(r, "Content-Type", "application/json");
    if (hname)
        MHD_add_response_header(r, hname, hvalue);
    enum MHD_Result ret = MHD_queue_response(conn, code, r);
    MHD_destroy_response(r);
    return ret;
}

static ssize_t cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    if (pos == 0 && max >= 10) {
        memcpy(buf, "{\"partial\"", 10);
        return 10;
    }
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result answer(struct MHD_Connection *conn, const char *url, int before)
{
    if (strcmp(url, "/flaky") == 0)                 /* 500, then 200 */
        return before == 0 ? reply(conn, 500, "{\"statusCode\":500}", NULL, NULL)
                           : reply(conn, 200, "{\"ok\":\"flaky\"}", NULL, NULL);
    if (strcmp(url, "/always500") == 0)
        return reply(conn, 500, "{\"statusCode\":500,\"messages\":[\"boom\"]}", NULL, NULL);
    if (strcmp(url, "/limited") == 0)               /* 429 Retry-After: 1, then 200 */
        return before == 0 ? reply(conn, 429, "{\"statusCode\":429}", "Retry-After", "1")
                           : reply(conn, 200, "{\"ok\":\"limited\"}", NULL, NULL);
    if (strcmp(url, "/limited-bare") == 0)          /* 429 naming no wait, then 200 */
        return before == 0 ? reply(conn, 429, "{\"statusCode\":429}", NULL, NULL)
                           : reply(conn, 200, "{\"ok\":\"bare\"}", NULL, NULL);
    if (strcmp(url, "/limited-long") == 0)
        return reply(conn, 429, "{\"statusCode\":429}", "Retry-After", "3600");
    if (strcmp(url, "/hang") == 0) {
        for (int i = 0; i < 500 && !atomic_load(&srv.release); i++)
            usleep(10000);
        return reply(conn, 200, "{\"ok\":\"late\"}", NULL, NULL);
    }
    if (strcmp(url, "/cut") == 0) {                 /* promises 1000 bytes, sends 10 */
        struct MHD_Response *r = MHD_create_response_from_callback(1000, 64, cut_reader,
                                                                   NULL, NULL);
        enum MHD_Result ret = MHD_queue_response(conn, 200, r);
        MHD_destroy_response(r);
        return ret;
    }
    if (strcmp(url, "/big") == 0) {
        static char big[4097];
        memset(big, 'x', 4096);
        return reply(conn, 200, big, NULL, NULL);
    }
    if (strcmp(url, "/missing") == 0)
        return reply(conn, 404, "{\"statusCode\":404}", NULL, NULL);
    return reply(conn, 200, "{\"ok\":true}", NULL, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *data, size_t *data_size, void **con_cls)
{
    (void)cls; (void)version;
    upload *up = *con_cls;
    if (!up) {
        *con_cls = calloc(1, sizeof(upload));
        return *con_cls ? MHD_YES : MHD_NO;
    }
    if (*data_size) {
        size_t room = sizeof up->body - 1 - up->len;
        size_t n = *data_size < room ? *data_size : room;
        memcpy(up->body + up->len, data, n);
        up->len += n;
        *data_size = 0;
        return MHD_YES;
    }
    int before = record(conn, url, method, up);
    return answer(conn, url, before);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)conn; (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_ctx,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls; (void)conn; (void)socket_ctx;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&srv.connections, 1);
}

static void server_start(void)
{
    memset(srv.req, 0, sizeof srv.req);
    srv.nreq = 0;
    atomic_store(&srv.connections, 0);
    atomic_store(&srv.release, false);
    pthread_mutex_init(&srv.mu, NULL);
    srv.d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
                             0, NULL, NULL, on_request, NULL,
                             MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                             MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
                             MHD_OPTION_END);
    ck_assert_ptr_nonnull(srv.d);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv.d, MHD_DAEMON_INFO_BIND_PORT);
    ck_assert_ptr_nonnull(info);
    srv.port = info->port;
}

static void server_stop(void)
{
    atomic_store(&srv.release, true);
    MHD_stop_daemon(srv.d);
    pthread_mutex_destroy(&srv.mu);
}

/* ---------------- the client side ---------------- */

typedef struct rec {
    int calls;
    int status, terr, attempts, retry_after_s;
    double elapsed;
    char body[128], err[128];
    uint64_t id;
} rec;

static void on_done(void *ctx, const net_result *r)
{
    rec *x = ctx;
    x->calls++;
    x->id = r->id;
    x->status = r->http_status;
    x->terr = r->transport_error;
    x->attempts = r->attempts;
    x->retry_after_s = r->retry_after_s;
    x->elapsed = r->elapsed_s;
    snprintf(x->body, sizeof x->body, "%.*s", (int)r->body_len, r->body);
    snprintf(x->err, sizeof x->err, "%s", r->error_text ? r->error_text : "");
}

static net_config base_cfg(void)
{
    static char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    return (net_config){ .base_url = url, .api_key = API_KEY, .backoff_base_ms = 20,
                         .backoff_max_ms = 100 };
}

static net_client *client_new(net_config cfg)
{
    char err[200];
    net_client *c = net_client_new(&cfg, err, sizeof err);
    ck_assert_msg(c != NULL, "net_client_new: %s", err);
    return c;
}

/* The most a run() may take: a safety net only (run returns as soon as
 * nothing is in flight), large enough for TLS start-up under valgrind. */
#define RUN_MAX_MS 30000

/* Runs the loop until nothing is in flight; returns the iterations. */
static int run(net_client *c, int max_ms)
{
    long long end = now_ms() + max_ms;
    int loops = 0;
    while (net_in_flight(c) > 0 && now_ms() < end) {
        ck_assert_int_eq(net_wait(c, -1, 1000, NULL), 0);
        net_dispatch(c);
        loops++;
    }
    ck_assert_int_eq((int)net_in_flight(c), 0);
    return loops;
}

static void setup(void) { server_start(); }
static void teardown(void) { server_stop(); }

START_TEST(get_returns_body_and_sends_the_right_headers)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    uint64_t id = net_submit(c, "GET", "/ok?limit=60", NULL, true, on_done, &r);
    ck_assert(id != 0);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert(r.id == id);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.terr, NET_OK);
    ck_assert_str_eq(r.body, "{\"ok\":true}");
    ck_assert_str_eq(r.err, "");
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_int_eq(hits("/ok"), 1);
    seen *s = &srv.req[0];
    ck_assert_str_eq(s->method, "GET");
    ck_assert_str_eq(s->auth, "Bearer " API_KEY);
    ck_assert_str_eq(s->accept, "application/json");
    ck_assert_ptr_nonnull(strstr(s->accept_enc, "gzip"));
    ck_assert_int_eq(strncmp(s->ua, "pipeboard/", 10), 0);
    ck_assert_str_eq(s->ctype, "");                 /* no body, no Content-Type */
    net_client_free(c);
}
END_TEST

START_TEST(patch_sends_json_body_and_method)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 }, d = { 0 };
    net_submit(c, "PATCH", "/rest/x", "{\"stage\":\"WON\"}", true, on_done, &r);
    net_submit(c, "DELETE", "/rest/y", NULL, false, on_done, &d);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(d.status, 200);
    pthread_mutex_lock(&srv.mu);
    for (int i = 0; i < srv.nreq; i++) {
        seen *s = &srv.req[i];
        if (strcmp(s->path, "/rest/x") == 0) {
            ck_assert_str_eq(s->method, "PATCH");
            ck_assert_str_eq(s->body, "{\"stage\":\"WON\"}");
            ck_assert_str_eq(s->ctype, "application/json");
        } else {
            ck_assert_str_eq(s->method, "DELETE");
            ck_assert_str_eq(s->body, "");
        }
    }
    ck_assert_int_eq(srv.nreq, 2);
    pthread_mutex_unlock(&srv.mu);
    net_client_free(c);
}
END_TEST

START_TEST(server_error_then_success_is_retried_when_safe)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    net_submit(c, "GET", "/flaky", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body, "{\"ok\":\"flaky\"}");
    ck_assert_int_eq(r.attempts, 2);
    ck_assert_int_eq(hits("/flaky"), 2);
    net_client_free(c);
}
END_TEST

START_TEST(unsafe_request_is_not_retried_on_server_error)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    net_submit(c, "POST", "/flaky", "{}", false, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.status, 500);
    ck_assert_int_eq(r.terr, NET_OK);
    ck_assert_str_eq(r.body, "{\"statusCode\":500}");
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_int_eq(hits("/flaky"), 1);
    net_client_free(c);
}
END_TEST

START_TEST(persistent_server_error_gives_up_after_max_attempts)
{
    net_config cfg = base_cfg();
    cfg.max_attempts = 3;
    net_client *c = client_new(cfg);
    rec r = { 0 };
    net_submit(c, "GET", "/always500", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.status, 500);
    ck_assert_int_eq(r.attempts, 3);
    ck_assert_int_eq(hits("/always500"), 3);
    net_client_free(c);
}
END_TEST

START_TEST(rate_limited_waits_for_retry_after_even_when_unsafe)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    net_submit(c, "POST", "/limited", "{\"name\":\"x\"}", false, on_done, &r);
    int loops = run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.attempts, 2);
    ck_assert(r.elapsed >= 0.95);
    pthread_mutex_lock(&srv.mu);
    ck_assert_int_eq(srv.nreq, 2);
    ck_assert_int_ge(srv.req[1].at_ms - srv.req[0].at_ms, 950);
    pthread_mutex_unlock(&srv.mu);
    ck_assert_int_lt(loops, 30);                    /* waited in poll, did not spin */
    net_client_free(c);
}
END_TEST

START_TEST(rate_limit_holds_back_the_whole_queue)
{
    net_client *c = client_new(base_cfg());
    rec limited = { 0 }, other = { 0 };
    net_submit(c, "GET", "/limited", NULL, true, on_done, &limited);
    long long end = now_ms() + 3000;
    while (hits("/limited") == 0 && now_ms() < end) {   /* until the 429 has come back */
        net_wait(c, -1, 50, NULL);
        net_dispatch(c);
    }
    net_wait(c, -1, 50, NULL);
    net_dispatch(c);
    net_submit(c, "GET", "/ok", NULL, true, on_done, &other);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(limited.status, 200);
    ck_assert_int_eq(other.status, 200);
    pthread_mutex_lock(&srv.mu);
    ck_assert_int_eq(srv.nreq, 3);
    ck_assert_str_eq(srv.req[0].path, "/limited");
    for (int i = 1; i < 3; i++)                         /* the retry and /ok both waited */
        ck_assert_int_ge(srv.req[i].at_ms - srv.req[0].at_ms, 950);
    pthread_mutex_unlock(&srv.mu);
    net_client_free(c);
}
END_TEST

START_TEST(rate_limited_without_a_wait_header_waits_a_second)
{
    net_client *c = client_new(base_cfg());     /* backoff base is only 20 ms here */
    rec r = { 0 };
    net_submit(c, "DELETE", "/limited-bare", NULL, false, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.attempts, 2);
    pthread_mutex_lock(&srv.mu);
    ck_assert_int_eq(srv.nreq, 2);
    ck_assert_int_ge(srv.req[1].at_ms - srv.req[0].at_ms, 950);
    pthread_mutex_unlock(&srv.mu);
    net_client_free(c);
}
END_TEST

/* A plain TCP peer for the TLS test: reads what the client sends (a TLS
 * ClientHello), answers plain HTTP and closes, `count` times. */
typedef struct raw_peer {
    int listen_fd, port, count;
    char seen[4096];
    size_t seen_len;
} raw_peer;

static void *raw_peer_run(void *arg)
{
    raw_peer *p = arg;
    for (int i = 0; i < p->count; i++) {
        struct pollfd pl = { .fd = p->listen_fd, .events = POLLIN };
        if (poll(&pl, 1, 5000) <= 0)
            break;
        int fd = accept(p->listen_fd, NULL, NULL);
        if (fd < 0)
            break;
        struct pollfd pc = { .fd = fd, .events = POLLIN };
        if (poll(&pc, 1, 2000) > 0) {
            ssize_t n = read(fd, p->seen + p->seen_len, sizeof p->seen - 1 - p->seen_len);
            if (n > 0)
                p->seen_len += (size_t)n;
        }
        static const char plain[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        ssize_t w = write(fd, plain, sizeof plain - 1);
        (void)w;
        close(fd);
    }
    return NULL;
}

static bool seen_contains(const raw_peer *p, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= p->seen_len; i++)
        if (memcmp(p->seen + i, needle, n) == 0)
            return true;
    return false;
}

START_TEST(tls_failures_are_final_and_send_nothing_in_clear)
{
    raw_peer peer = { .count = 2 };
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    peer.listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(bind(peer.listen_fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(peer.listen_fd, 4), 0);
    ck_assert_int_eq(getsockname(peer.listen_fd, (struct sockaddr *)&a, &alen), 0);
    pthread_t t;
    pthread_create(&t, NULL, raw_peer_run, &peer);
    char url[64];
    snprintf(url, sizeof url, "https://127.0.0.1:%d", ntohs(a.sin_port));
    net_config cfg = base_cfg();
    cfg.base_url = url;
    net_client *c = client_new(cfg);
    rec r = { 0 }, ca = { 0 };
    net_submit(c, "GET", "/ok", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    net_client_free(c);
    cfg.ca_file = "/nonexistent/ca.pem";
    c = client_new(cfg);
    net_submit(c, "GET", "/ok", NULL, true, on_done, &ca);
    run(c, RUN_MAX_MS);
    net_client_free(c);
    pthread_join(t, NULL);
    close(peer.listen_fd);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.terr, NET_ERR_TLS);
    ck_assert_int_eq(r.status, 0);
    ck_assert_int_eq(r.attempts, 1);                    /* not retried, though safe */
    ck_assert_ptr_nonnull(strstr(r.err, "TLS"));
    ck_assert_int_eq(ca.terr, NET_ERR_TLS);
    ck_assert_str_eq(ca.err, "cannot read the CA file");
    ck_assert_int_gt((int)peer.seen_len, 0);            /* a ClientHello came */
    ck_assert(!seen_contains(&peer, API_KEY));
    ck_assert(!seen_contains(&peer, "Bearer"));
    ck_assert(!seen_contains(&peer, "GET /ok"));
}
END_TEST

START_TEST(too_long_retry_after_fails_with_the_wait)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    net_submit(c, "GET", "/limited-long", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.status, 429);
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_int_eq(r.retry_after_s, 3600);
    net_client_free(c);
}
END_TEST

START_TEST(hanging_server_times_out_and_safe_requests_retry)
{
    net_config cfg = base_cfg();
    cfg.timeout_ms = 300;
    cfg.max_attempts = 2;
    net_client *c = client_new(cfg);
    rec safe = { 0 }, unsafe = { 0 };
    net_submit(c, "GET", "/hang", NULL, true, on_done, &safe);
    net_submit(c, "POST", "/hang", "{}", false, on_done, &unsafe);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(safe.calls, 1);
    ck_assert_int_eq(safe.status, 0);
    ck_assert_int_eq(safe.terr, NET_ERR_TIMEOUT);
    ck_assert_str_eq(safe.err, "timed out after 300 ms");
    ck_assert_int_eq(safe.attempts, 2);
    ck_assert_int_eq(unsafe.calls, 1);
    ck_assert_int_eq(unsafe.terr, NET_ERR_TIMEOUT);
    ck_assert_int_eq(unsafe.attempts, 1);
    ck_assert_int_eq(hits("/hang"), 3);
    net_client_free(c);
}
END_TEST

START_TEST(cut_response_is_a_closed_connection)
{
    net_config cfg = base_cfg();
    cfg.max_attempts = 3;
    net_client *c = client_new(cfg);
    rec safe = { 0 }, unsafe = { 0 };
    net_submit(c, "GET", "/cut", NULL, true, on_done, &safe);
    run(c, RUN_MAX_MS);
    net_submit(c, "PATCH", "/cut", "{}", false, on_done, &unsafe);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(safe.calls, 1);
    ck_assert_int_eq(safe.terr, NET_ERR_CLOSED);
    ck_assert_int_eq(safe.status, 0);
    ck_assert_int_eq((int)strlen(safe.body), 0);
    ck_assert_ptr_nonnull(strstr(safe.err, "connection"));
    ck_assert_int_eq(safe.attempts, 3);
    ck_assert_int_eq(unsafe.terr, NET_ERR_CLOSED);
    ck_assert_int_eq(unsafe.attempts, 1);
    ck_assert_int_eq(hits("/cut"), 4);
    net_client_free(c);
}
END_TEST

START_TEST(refused_connection_is_reported_in_plain_words)
{
    /* a port that was just free: nothing listens there */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    ck_assert_int_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(getsockname(s, (struct sockaddr *)&a, &alen), 0);
    close(s);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    net_config cfg = base_cfg();
    cfg.base_url = url;
    cfg.max_attempts = 2;
    net_client *c = client_new(cfg);
    rec safe = { 0 }, unsafe = { 0 };
    net_submit(c, "GET", "/ok", NULL, true, on_done, &safe);
    net_submit(c, "POST", "/ok", "{}", false, on_done, &unsafe);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(safe.terr, NET_ERR_CONNECT);
    ck_assert_str_eq(safe.err, "connection refused");
    ck_assert_int_eq(safe.attempts, 2);
    ck_assert_int_eq(unsafe.terr, NET_ERR_CONNECT);
    ck_assert_int_eq(unsafe.attempts, 1);
    net_client_free(c);
}
END_TEST

START_TEST(oversized_body_fails_without_retry)
{
    net_config cfg = base_cfg();
    cfg.max_body_bytes = 1024;
    net_client *c = client_new(cfg);
    rec r = { 0 };
    net_submit(c, "GET", "/big", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.calls, 1);
    ck_assert_int_eq(r.terr, NET_ERR_TOO_LARGE);
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_int_eq(hits("/big"), 1);
    net_client_free(c);
}
END_TEST

START_TEST(client_errors_pass_through_untouched)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    net_submit(c, "GET", "/missing", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.status, 404);
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_str_eq(r.body, "{\"statusCode\":404}");
    net_client_free(c);
}
END_TEST

START_TEST(wait_returns_at_once_when_the_extra_fd_is_readable)
{
    net_client *c = client_new(base_cfg());
    rec r = { 0 };
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    uint64_t id = net_submit(c, "GET", "/hang", NULL, true, on_done, &r);
    bool ready = true;
    long long t0 = now_ms();
    for (int i = 0; i < 5; i++) {                   /* the request is out and hanging */
        ck_assert_int_eq(net_wait(c, fds[0], 60, &ready), 0);
        net_dispatch(c);
    }
    ck_assert(!ready);
    ck_assert_int_lt(now_ms() - t0, 1500);
    ck_assert_int_eq(hits("/hang"), 1);
    ck_assert_int_eq(write(fds[1], "k", 1), 1);
    t0 = now_ms();
    ck_assert_int_eq(net_wait(c, fds[0], 5000, &ready), 0);
    ck_assert_int_lt(now_ms() - t0, 200);
    ck_assert(ready);
    ck_assert_int_eq(r.calls, 0);
    net_cancel(c, id);
    close(fds[0]);
    close(fds[1]);
    net_client_free(c);
}
END_TEST

static void *wake_later(void *arg)
{
    usleep(100000);
    net_wakeup(arg);
    return NULL;
}

START_TEST(wakeup_interrupts_wait)
{
    net_client *c = client_new(base_cfg());
    pthread_t t;
    long long t0 = now_ms();
    pthread_create(&t, NULL, wake_later, c);
    ck_assert_int_eq(net_wait(c, -1, 5000, NULL), 0);
    long long took = now_ms() - t0;
    pthread_join(t, NULL);
    ck_assert_int_ge(took, 50);
    ck_assert_int_lt(took, 2000);
    net_client_free(c);
}
END_TEST

START_TEST(connections_are_reused)
{
    net_client *c = client_new(base_cfg());
    rec r[5] = { { 0 } };
    for (int i = 0; i < 5; i++) {
        net_submit(c, "GET", "/ok", NULL, true, on_done, &r[i]);
        run(c, RUN_MAX_MS);
        ck_assert_int_eq(r[i].status, 200);
    }
    ck_assert_int_eq(hits("/ok"), 5);
    ck_assert_int_eq(atomic_load(&srv.connections), 1);
    net_client_free(c);
}
END_TEST

START_TEST(pacer_spaces_requests_without_spinning)
{
    net_config cfg = base_cfg();
    cfg.rate_per_second = 5;            /* paced 5% (at least 1) under it: a burst of 4,
                                           then one per 250 ms */
    long long start = now_ms();         /* the pacer's buckets start in client_new */
    net_client *c = client_new(cfg);
    rec r[6] = { { 0 } };
    for (int i = 0; i < 6; i++)
        net_submit(c, "GET", "/ok", NULL, true, on_done, &r[i]);
    ck_assert_int_eq((int)net_in_flight(c), 6);
    int loops = run(c, RUN_MAX_MS);
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(r[i].status, 200);
    pthread_mutex_lock(&srv.mu);
    ck_assert_int_eq(srv.nreq, 6);
    long long t0 = srv.req[0].at_ms;
    ck_assert_int_lt(srv.req[3].at_ms - t0, 200);
    /* paced from the buckets' start, not from the first arrival (which
     * also waited for the connection: under valgrind 6 ms more) */
    ck_assert_int_ge(srv.req[4].at_ms - start, 200);
    ck_assert_int_ge(srv.req[5].at_ms - start, 450);
    pthread_mutex_unlock(&srv.mu);
    ck_assert_int_lt(loops, 60);
    net_client_free(c);
}
END_TEST

START_TEST(urgent_requests_jump_the_queue)
{
    net_config cfg = base_cfg();
    cfg.max_parallel = 1;
    net_client *c = client_new(cfg);
    rec r[3] = { { 0 } };
    net_submit(c, "GET", "/a", NULL, true, on_done, &r[0]);
    net_submit(c, "GET", "/b", NULL, true, on_done, &r[1]);
    net_request q = { .method = "PATCH", .path_and_query = "/urgent", .json_body = "{}",
                      .urgent = true, .done = on_done, .ctx = &r[2] };
    ck_assert(net_submit_request(c, &q) != 0);
    run(c, RUN_MAX_MS);
    pthread_mutex_lock(&srv.mu);
    ck_assert_int_eq(srv.nreq, 3);
    ck_assert_str_eq(srv.req[0].path, "/urgent");
    ck_assert_str_eq(srv.req[1].path, "/a");
    ck_assert_str_eq(srv.req[2].path, "/b");
    pthread_mutex_unlock(&srv.mu);
    net_client_free(c);
}
END_TEST

typedef struct cancel_ctx {
    net_client *c;
    uint64_t victim;
    int calls;
} cancel_ctx;

static void cancel_other(void *ctx, const net_result *r)
{
    (void)r;
    cancel_ctx *x = ctx;
    x->calls++;
    net_cancel(x->c, x->victim);
}

START_TEST(cancelled_requests_never_call_back)
{
    net_config cfg = base_cfg();
    cfg.max_parallel = 1;
    net_client *c = client_new(cfg);
    rec queued = { 0 }, running = { 0 }, victim = { 0 };
    uint64_t q = net_submit(c, "GET", "/ok", NULL, true, on_done, &queued);
    net_cancel(c, q);                                   /* never started */
    ck_assert_int_eq((int)net_in_flight(c), 0);
    uint64_t h = net_submit(c, "GET", "/hang", NULL, true, on_done, &running);
    for (int i = 0; i < 3; i++) {
        net_wait(c, -1, 50, NULL);
        net_dispatch(c);
    }
    ck_assert_int_eq(hits("/hang"), 1);
    net_cancel(c, h);                                   /* mid-transfer */
    net_cancel(c, 12345);                               /* unknown: ignored */
    ck_assert_int_eq((int)net_in_flight(c), 0);
    /* a callback cancelling a request still queued behind it */
    cancel_ctx cc = { .c = c };
    net_submit(c, "GET", "/ok", NULL, true, cancel_other, &cc);
    cc.victim = net_submit(c, "GET", "/ok", NULL, true, on_done, &victim);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(cc.calls, 1);
    ck_assert_int_eq(queued.calls + running.calls + victim.calls, 0);
    ck_assert_int_eq(hits("/ok"), 1);
    net_client_free(c);
}
END_TEST

START_TEST(free_with_requests_in_flight_calls_nothing)
{
    net_client *c = client_new(base_cfg());
    rec r[3] = { { 0 } };
    net_submit(c, "GET", "/hang", NULL, true, on_done, &r[0]);
    net_submit(c, "GET", "/flaky", NULL, true, on_done, &r[1]);
    net_wait(c, -1, 50, NULL);
    net_dispatch(c);
    net_submit(c, "GET", "/ok", NULL, true, on_done, &r[2]);
    net_client_free(c);
    ck_assert_int_eq(r[0].calls + r[1].calls + r[2].calls, 0);
}
END_TEST

typedef struct logbuf {
    char lines[8][256];
    int n;
} logbuf;

static void on_log(void *ctx, const char *line)
{
    logbuf *b = ctx;
    if (b->n < 8)
        snprintf(b->lines[b->n++], sizeof b->lines[0], "%s", line);
}

START_TEST(log_hook_gets_method_path_status_and_time_but_no_secret)
{
    logbuf b = { .n = 0 };
    net_config cfg = base_cfg();
    cfg.log = on_log;
    cfg.log_ctx = &b;
    net_client *c = client_new(cfg);
    rec r = { 0 };
    net_submit(c, "GET", "/flaky?x=1", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(b.n, 2);
    char method[16], path[64];
    int status, ms;
    ck_assert_int_eq(sscanf(b.lines[0], "%15s %63s %d %d ms", method, path, &status, &ms), 4);
    ck_assert_str_eq(method, "GET");
    ck_assert_str_eq(path, "/flaky?x=1");
    ck_assert_int_eq(status, 500);
    ck_assert_int_ge(ms, 0);
    ck_assert_int_eq(sscanf(b.lines[1], "%15s %63s %d", method, path, &status), 3);
    ck_assert_int_eq(status, 200);
    ck_assert_ptr_nonnull(strstr(b.lines[1], "(attempt 2)"));
    for (int i = 0; i < b.n; i++) {
        ck_assert_ptr_null(strstr(b.lines[i], API_KEY));
        ck_assert_ptr_null(strstr(b.lines[i], "Bearer"));
    }
    net_client_free(c);
}
END_TEST

START_TEST(bad_requests_are_refused_at_submit)
{
    net_client *c = client_new(base_cfg());
    ck_assert(net_submit(c, "TRACE", "/ok", NULL, true, on_done, NULL) == 0);
    ck_assert(net_submit(c, NULL, "/ok", NULL, true, on_done, NULL) == 0);
    ck_assert(net_submit(c, "GET", "ok", NULL, true, on_done, NULL) == 0);
    ck_assert(net_submit(c, "GET", "/a b", NULL, true, on_done, NULL) == 0);
    ck_assert(net_submit(c, "GET", "/a\r\nX-Evil: 1", NULL, true, on_done, NULL) == 0);
    ck_assert(net_submit(c, "GET", NULL, NULL, true, on_done, NULL) == 0);
    ck_assert_int_eq((int)net_in_flight(c), 0);
    uint64_t a = net_submit(c, "GET", "/ok", NULL, true, NULL, NULL);
    uint64_t b = net_submit(c, "GET", "/ok", NULL, true, NULL, NULL);
    ck_assert(a != 0 && b != 0 && a != b);
    run(c, RUN_MAX_MS);                                       /* a NULL callback is fine */
    net_client_free(c);
}
END_TEST

START_TEST(bad_configs_are_refused_without_echoing_the_key)
{
    char err[200];
    net_config cfg = { .base_url = "ftp://example.com", .api_key = "k" };
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "http"));
    cfg.base_url = "not a url";
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    cfg.base_url = "https://user:pw@example.com";
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "credentials"));
    cfg.base_url = "https://example.com/?q=1";
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    cfg.base_url = "https://example.com/";
    cfg.api_key = "secret-part\r\nX-Injected: yes";
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    ck_assert_ptr_null(strstr(err, "secret-part"));
    cfg.base_url = NULL;
    ck_assert_ptr_null(net_client_new(&cfg, err, sizeof err));
    cfg.base_url = "https://example.com/";
    cfg.api_key = NULL;                                 /* no key: allowed */
    net_client *c = net_client_new(&cfg, err, sizeof err);
    ck_assert_ptr_nonnull(c);
    net_client_free(c);
    net_client_free(NULL);
}
END_TEST

START_TEST(no_key_sends_no_authorization_and_trailing_slash_is_dropped)
{
    net_config cfg = base_cfg();
    char url[80];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", srv.port);    /* trailing slash */
    cfg.base_url = url;
    cfg.api_key = "";
    net_client *c = client_new(cfg);
    rec r = { 0 };
    net_submit(c, "GET", "/ok", NULL, true, on_done, &r);
    run(c, RUN_MAX_MS);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(srv.req[0].auth, "");
    ck_assert_str_eq(srv.req[0].path, "/ok");
    net_client_free(c);
}
END_TEST

START_TEST(error_names_are_plain_words)
{
    ck_assert_str_eq(net_error_name(NET_ERR_TIMEOUT), "timed out");
    ck_assert_str_eq(net_error_name(NET_ERR_CONNECT), "could not connect");
    ck_assert_str_eq(net_error_name(9999), "network error");
    (void)net_blocking_dns();
}
END_TEST

static Suite *client_suite(void)
{
    Suite *s = suite_create("net_client");
    TCase *tc = tcase_create("http");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, get_returns_body_and_sends_the_right_headers);
    tcase_add_test(tc, patch_sends_json_body_and_method);
    tcase_add_test(tc, server_error_then_success_is_retried_when_safe);
    tcase_add_test(tc, unsafe_request_is_not_retried_on_server_error);
    tcase_add_test(tc, persistent_server_error_gives_up_after_max_attempts);
    tcase_add_test(tc, rate_limited_waits_for_retry_after_even_when_unsafe);
    tcase_add_test(tc, rate_limit_holds_back_the_whole_queue);
    tcase_add_test(tc, rate_limited_without_a_wait_header_waits_a_second);
    tcase_add_test(tc, too_long_retry_after_fails_with_the_wait);
    tcase_add_test(tc, tls_failures_are_final_and_send_nothing_in_clear);
    tcase_add_test(tc, hanging_server_times_out_and_safe_requests_retry);
    tcase_add_test(tc, cut_response_is_a_closed_connection);
    tcase_add_test(tc, refused_connection_is_reported_in_plain_words);
    tcase_add_test(tc, oversized_body_fails_without_retry);
    tcase_add_test(tc, client_errors_pass_through_untouched);
    tcase_add_test(tc, wait_returns_at_once_when_the_extra_fd_is_readable);
    tcase_add_test(tc, wakeup_interrupts_wait);
    tcase_add_test(tc, connections_are_reused);
    tcase_add_test(tc, pacer_spaces_requests_without_spinning);
    tcase_add_test(tc, urgent_requests_jump_the_queue);
    tcase_add_test(tc, cancelled_requests_never_call_back);
    tcase_add_test(tc, free_with_requests_in_flight_calls_nothing);
    tcase_add_test(tc, log_hook_gets_method_path_status_and_time_but_no_secret);
    tcase_add_test(tc, bad_requests_are_refused_at_submit);
    tcase_add_test(tc, no_key_sends_no_authorization_and_trailing_slash_is_dropped);
    suite_add_tcase(s, tc);
    tc = tcase_create("offline");
    tcase_add_test(tc, bad_configs_are_refused_without_echoing_the_key);
    tcase_add_test(tc, error_names_are_plain_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(client_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
