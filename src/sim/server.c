/* server.c - libmicrohttpd plumbing: sockets, request assembly, the gate
 * (faults, latency, auth, rate limit), the world call, responses, the log. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>

#include <microhttpd.h>

#include "auth.h"
#include "control.h"
#include "replies.h"
#include "urlquery.h"

#define DRAIN_TIMEOUT_MS 10000
#define IDLE_TIMEOUT_S 1800u   /* above the longest hang + latency */

struct sim_server {
    struct MHD_Daemon *daemon;
    int listen_fd;
    int port;
    sim_world *world;
    pthread_mutex_t world_lock;   /* serialises sim_world_handle */
    char *api_key;
    pthread_mutex_t gate_lock;    /* guards ratelimit and faults */
    sim_ratelimit ratelimit;
    sim_faults faults;
    long latency_ms;
    size_t max_body;
    FILE *log;
    pthread_mutex_t log_lock;
    pthread_mutex_t state_lock;   /* guards stopping and inflight */
    pthread_cond_t state_cond;    /* CLOCK_MONOTONIC; signalled on stop and on completion */
    bool stopping;
    long inflight;
    char *tls_cert, *tls_key;     /* PEM text, NULL without TLS */
};

/* One HTTP request, from the URI log callback to the completion callback. */
typedef struct req {
    char *uri;          /* raw request target: path?query, as received */
    char *body;
    size_t len, cap;
    bool started;       /* the access handler has seen this request */
    bool too_large;
    int status;         /* what was queued (0: nothing) */
    int64_t start_us;
    char method[16];
} req;

static int64_t now_us(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps ms in this connection's thread; sim_server_stop cuts it short. */
static void server_sleep(sim_server *s, long ms)
{
    if (ms <= 0) return;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    pthread_mutex_lock(&s->state_lock);
    while (!s->stopping)
        if (pthread_cond_timedwait(&s->state_cond, &s->state_lock, &until) == ETIMEDOUT) break;
    pthread_mutex_unlock(&s->state_lock);
}

static bool server_stopping(sim_server *s)
{
    pthread_mutex_lock(&s->state_lock);
    bool v = s->stopping;
    pthread_mutex_unlock(&s->state_lock);
    return v;
}

/* ---- responses ---- */

typedef struct partial {
    char *data;
    size_t cut;     /* bytes sent before the connection is dropped */
} partial;

static ssize_t partial_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    partial *p = cls;
    if (pos >= p->cut) return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = p->cut - (size_t)pos;
    if (n > max) n = max;
    memcpy(buf, p->data + pos, n);
    return (ssize_t)n;
}

static void partial_free(void *cls)
{
    partial *p = cls;
    free(p->data);
    free(p);
}

/* Queues rs, shaped by a close/truncate fault. Takes rs's body. */
static enum MHD_Result send_response(sim_server *s, struct MHD_Connection *con, req *r, sim_response *rs,
                                     sim_fault_kind fault)
{
    struct MHD_Response *resp = NULL;
    const char *body = rs->body ? rs->body : "";
    size_t len = rs->body ? rs->body_len : 0;
    if (fault == SIM_FAULT_CLOSE && len > 0) {
        partial *p = malloc(sizeof *p);
        if (p != NULL && (p->data = malloc(len)) != NULL) {
            memcpy(p->data, body, len);
            p->cut = len / 2;
            resp = MHD_create_response_from_callback(len, 4096, partial_read, p, partial_free);
            if (resp == NULL) partial_free(p);
        } else {
            free(p);
        }
    } else {
        if (fault == SIM_FAULT_TRUNCATE) len /= 2;
        resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    }
    if (resp == NULL) {
        sim_response_free(rs);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            rs->content_type ? rs->content_type : "application/json; charset=utf-8");
    for (int i = 0; i < rs->nheaders && i < SIM_MAX_HEADERS; i++)
        MHD_add_response_header(resp, rs->headers[i].name, rs->headers[i].value);
    if (server_stopping(s)) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    int status = rs->status > 0 ? rs->status : 500;
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r->status = status;
    sim_response_free(rs);
    return ret;
}

/* ---- the gate and the world ---- */

static void handle(sim_server *s, struct MHD_Connection *con, req *r, const char *path, sim_response *rs,
                   sim_fault *fault)
{
    const char *authz = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    bool graphql = sim_reply_is_graphql(path);
    const char *body = r->body ? r->body : "";

    if (sim_control_owns(path)) {
        sim_auth_result a = sim_auth_check(authz, s->api_key);
        if (a != SIM_AUTH_OK) {
            sim_reply_auth(rs, a, false);
            return;
        }
        pthread_mutex_lock(&s->gate_lock);
        sim_control_handle(&s->faults, r->method, path, body, rs);
        pthread_mutex_unlock(&s->gate_lock);
        return;
    }

    pthread_mutex_lock(&s->gate_lock);
    *fault = sim_faults_decide(&s->faults, r->method, path);
    if (fault->kind == SIM_FAULT_BODY) {   /* copied now: the rules may be replaced */
        const sim_fault_rule *fr = &s->faults.rules[fault->rule];
        sim_reply_body(rs, fr->body, fr->body_len);
    }
    pthread_mutex_unlock(&s->gate_lock);

    server_sleep(s, s->latency_ms);
    if (fault->kind == SIM_FAULT_BODY) return;
    if (fault->kind == SIM_FAULT_HANG) server_sleep(s, fault->arg);
    if (sim_reply_fault(rs, *fault, now_us(CLOCK_REALTIME) / 1000)) return;

    sim_auth_result a = sim_auth_check(authz, s->api_key);
    if (a != SIM_AUTH_OK) {
        sim_reply_auth(rs, a, graphql);
        return;
    }

    sim_rl_outcome rl;
    pthread_mutex_lock(&s->gate_lock);
    sim_ratelimit_take(&s->ratelimit, now_us(CLOCK_MONOTONIC) / 1000, &rl);
    pthread_mutex_unlock(&s->gate_lock);
    if (!rl.admitted) {
        sim_reply_rate_limited(rs, &rl, graphql, now_us(CLOCK_REALTIME) / 1000);
        return;
    }

    const char *q = strchr(r->uri, '?');
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    rq.method = r->method;
    rq.path = path;
    rq.raw_query = q ? q + 1 : "";
    int dropped = sim_urlquery_split(&rq, rq.raw_query);
    if (dropped < 0) {
        sim_urlquery_free(&rq);
        sim_reply_error(rs, 500, "InternalServerErrorException", "Internal server error");
        return;
    }
    if (dropped > 0)
        fprintf(stderr, "twenty-sim: %s %s: %d query parameter(s) beyond %d ignored\n", r->method, path, dropped,
                SIM_MAX_QUERY);
    rq.body = body;
    rq.body_len = r->len;
    pthread_mutex_lock(&s->world_lock);
    sim_world_handle(s->world, &rq, rs);
    pthread_mutex_unlock(&s->world_lock);
    sim_urlquery_free(&rq);
}

/* ---- libmicrohttpd callbacks ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)con;
    sim_server *s = cls;
    req *r = calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    r->uri = strdup(uri ? uri : "");
    if (r->uri == NULL) {
        free(r);
        return NULL;
    }
    r->start_us = now_us(CLOCK_MONOTONIC);
    pthread_mutex_lock(&s->state_lock);
    s->inflight++;
    pthread_mutex_unlock(&s->state_lock);
    return r;
}

/* The log line: control characters in the target are shown as '?'. */
static void log_request(sim_server *s, const req *r)
{
    if (s->log == NULL) return;
    char target[2048];
    snprintf(target, sizeof target, "%s", r->uri ? r->uri : "");
    for (char *p = target; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    int64_t us = now_us(CLOCK_MONOTONIC) - r->start_us;
    pthread_mutex_lock(&s->log_lock);
    fprintf(s->log, "%s %s %d %" PRId64 "\n", r->method[0] ? r->method : "-", target, r->status, us);
    fflush(s->log);
    pthread_mutex_unlock(&s->log_lock);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con;
    (void)toe;
    sim_server *s = cls;
    req *r = *con_cls;
    *con_cls = NULL;
    if (r == NULL) return;
    if (r->started) log_request(s, r);
    free(r->uri);
    free(r->body);
    free(r);
    pthread_mutex_lock(&s->state_lock);
    s->inflight--;
    pthread_cond_broadcast(&s->state_cond);
    pthread_mutex_unlock(&s->state_lock);
}

static bool append_body(sim_server *s, req *r, const char *data, size_t n)
{
    if (r->too_large || r->len + n > s->max_body) {
        r->too_large = true;
        return true;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n + 1) cap *= 2;
        char *b = realloc(r->body, cap);
        if (b == NULL) return false;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    sim_server *s = cls;
    req *r = *con_cls;
    if (r == NULL) return MHD_NO;   /* out of memory in on_uri */
    sim_response rs;
    memset(&rs, 0, sizeof rs);

    if (!r->started) {
        r->started = true;
        snprintf(r->method, sizeof r->method, "%s", method);
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl != NULL && strtoull(cl, NULL, 10) > s->max_body) {
            sim_reply_too_large(&rs);
            return send_response(s, con, r, &rs, SIM_FAULT_NONE);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (r->status == 0 && !append_body(s, r, upload_data, *upload_data_size)) return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->status != 0) return MHD_YES;   /* already answered (413 on Content-Length) */

    sim_fault fault = {SIM_FAULT_NONE, 0, -1};
    if (r->too_large) sim_reply_too_large(&rs);
    else handle(s, con, r, url, &rs, &fault);
    return send_response(s, con, r, &rs, fault.kind);
}

/* ---- lifecycle ---- */

/* libmicrohttpd's diagnostics, prefixed; the drop a `close` fault causes
 * on purpose is not worth a line. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (strstr(msg, "application reported error generating data") != NULL) return;
    size_t n = strlen(msg);
    fprintf(stderr, "twenty-sim: libmicrohttpd: %s%s", msg, n > 0 && msg[n - 1] == '\n' ? "" : "\n");
}

static int open_listener(const char *host, int port, int *bound, bool *v6, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    socklen_t sl;
    const char *addr = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        sl = sizeof *a4;
        *v6 = false;
    } else if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        sl = sizeof *a6;
        *v6 = true;
    } else {
        snprintf(err, errlen, "'%s' is not an IP address", host);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, SOMAXCONN) != 0) {
        snprintf(err, errlen, "cannot listen on %s port %d: %s", host, port, strerror(errno));
        close(fd);
        return -1;
    }
    sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    *bound = ntohs(ss.ss_family == AF_INET6 ? a6->sin6_port : a4->sin_port);
    return fd;
}

/* A whole PEM file as text (at most 1 MiB), or NULL with a message. */
static char *read_pem(const char *what, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "%s: cannot open '%s': %s", what, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1u << 20;
    char *text = malloc(cap + 1);
    size_t n = text ? fread(text, 1, cap + 1, f) : 0;
    fclose(f);
    if (text != NULL && n <= cap)
        text[n] = '\0';
    if (text == NULL || n == 0 || n > cap || strlen(text) != n ||
        strstr(text, "-----BEGIN ") == NULL) {
        snprintf(err, errlen, "%s: '%s' is not a PEM file", what, path);
        free(text);
        return NULL;
    }
    return text;
}

static void server_free(sim_server *s)
{
    sim_faults_free(&s->faults);
    if (s->api_key != NULL) {
        memset(s->api_key, 0, strlen(s->api_key));
        free(s->api_key);
    }
    free(s->tls_cert);
    if (s->tls_key != NULL) {
        memset(s->tls_key, 0, strlen(s->tls_key));
        free(s->tls_key);
    }
    pthread_mutex_destroy(&s->world_lock);
    pthread_mutex_destroy(&s->gate_lock);
    pthread_mutex_destroy(&s->log_lock);
    pthread_mutex_destroy(&s->state_lock);
    pthread_cond_destroy(&s->state_cond);
    free(s);
}

sim_server *sim_server_start(sim_world *w, sim_server_config *cfg, char *err, size_t errlen)
{
    sim_server *s = calloc(1, sizeof *s);
    if (s == NULL) {
        sim_faults_free(&cfg->faults);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->world = w;
    s->faults = cfg->faults;
    memset(&cfg->faults, 0, sizeof cfg->faults);
    s->ratelimit = cfg->ratelimit;
    s->latency_ms = cfg->latency_ms;
    s->max_body = cfg->max_body ? cfg->max_body : SIM_SERVER_MAX_BODY;
    s->log = cfg->log;
    s->listen_fd = -1;
    pthread_mutex_init(&s->world_lock, NULL);
    pthread_mutex_init(&s->gate_lock, NULL);
    pthread_mutex_init(&s->log_lock, NULL);
    pthread_mutex_init(&s->state_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->state_cond, &ca);
    pthread_condattr_destroy(&ca);
    s->api_key = strdup(cfg->api_key ? cfg->api_key : "");
    if (s->api_key == NULL) {
        snprintf(err, errlen, "out of memory");
        server_free(s);
        return NULL;
    }

    if (cfg->tls_cert != NULL || cfg->tls_key != NULL) {
        if (cfg->tls_cert == NULL || cfg->tls_key == NULL) {
            snprintf(err, errlen, "TLS needs both a certificate and a key");
            server_free(s);
            return NULL;
        }
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            snprintf(err, errlen, "this libmicrohttpd was built without TLS");
            server_free(s);
            return NULL;
        }
        s->tls_cert = read_pem("--tls-cert", cfg->tls_cert, err, errlen);
        s->tls_key = s->tls_cert ? read_pem("--tls-key", cfg->tls_key, err, errlen) : NULL;
        if (s->tls_key == NULL) {
            server_free(s);
            return NULL;
        }
    }
    struct MHD_OptionItem tls_opts[] = {
        {s->tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, s->tls_cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, s->tls_key},
        {MHD_OPTION_END, 0, NULL},
    };

    bool v6 = false;
    s->listen_fd = open_listener(cfg->host, cfg->port, &s->port, &v6, err, errlen);
    if (s->listen_fd < 0) {
        server_free(s);
        return NULL;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                     MHD_USE_ITC | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0) |
                     (s->tls_cert ? MHD_USE_TLS : 0);
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,   /* must come first */
                                 MHD_OPTION_LISTEN_SOCKET, (MHD_socket)s->listen_fd,
                                 MHD_OPTION_CONNECTION_LIMIT, 1024u,
                                 MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_S,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
                                 MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                                 MHD_OPTION_ARRAY, tls_opts,
                                 MHD_OPTION_END);
    if (s->daemon == NULL) {
        snprintf(err, errlen, "cannot start the HTTP%s server on %s port %d%s",
                 s->tls_cert ? "S" : "", cfg->host, s->port,
                 s->tls_cert ? " (is the key the certificate's?)" : "");
        close(s->listen_fd);
        server_free(s);
        return NULL;
    }
    return s;
}

int sim_server_port(const sim_server *s)
{
    return s->port;
}

void sim_server_stop(sim_server *s)
{
    if (s == NULL) return;
    pthread_mutex_lock(&s->state_lock);
    s->stopping = true;
    pthread_cond_broadcast(&s->state_cond);   /* wakes hangs and latency sleeps */
    pthread_mutex_unlock(&s->state_lock);

    MHD_socket lfd = MHD_quiesce_daemon(s->daemon);   /* no new connections */
    if (lfd != MHD_INVALID_SOCKET) close(lfd);

    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += DRAIN_TIMEOUT_MS / 1000;
    pthread_mutex_lock(&s->state_lock);
    while (s->inflight > 0)
        if (pthread_cond_timedwait(&s->state_cond, &s->state_lock, &until) == ETIMEDOUT) break;
    long left = s->inflight;
    pthread_mutex_unlock(&s->state_lock);
    if (left > 0) fprintf(stderr, "twenty-sim: %ld request(s) still in flight after %d s; closing them\n",
                          left, DRAIN_TIMEOUT_MS / 1000);

    MHD_stop_daemon(s->daemon);   /* joins every connection thread */
    server_free(s);
}
