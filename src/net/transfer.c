/* transfer.c - one attempt of a request as a curl easy handle: options,
 * body capture, and the outcome in plain words. See client_internal.h. */
#include "net/client_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/ratelimit.h"

int64_t net_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t net_epoch_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
    net_req *r = userp;
    size_t len = size * n;
    if (len > r->client->max_body - r->resp_len) {
        r->too_large = true;
        return 0;                       /* curl fails with CURLE_WRITE_ERROR */
    }
    if (r->resp_len + len + 1 > r->resp_cap) {
        size_t cap = r->resp_cap ? r->resp_cap : 4096;
        while (cap < r->resp_len + len + 1)
            cap *= 2;
        char *p = realloc(r->resp, cap);
        if (!p)
            return 0;
        r->resp = p;
        r->resp_cap = cap;
    }
    memcpy(r->resp + r->resp_len, data, len);
    r->resp_len += len;
    r->resp[r->resp_len] = '\0';
    return len;
}

static bool is_method(const net_req *r, const char *m)
{
    return strcmp(r->method, m) == 0;
}

/* Sets everything but the URL; false when curl refused an option. */
static bool set_options(net_client *c, net_req *r, CURL *e)
{
    bool json = r->body != NULL || is_method(r, "POST") || is_method(r, "PATCH")
                || is_method(r, "PUT");
    CURLcode rc = CURLE_OK;
#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
    SET(CURLOPT_PRIVATE, r);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    SET(CURLOPT_PIPEWAIT, c->https ? 1L : 0L);
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_TCP_KEEPALIVE, 1L);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->ca_file)
        SET(CURLOPT_CAINFO, c->ca_file);
    SET(CURLOPT_USERAGENT, c->user_agent);
    SET(CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
    SET(CURLOPT_TIMEOUT_MS, c->timeout_ms);
    SET(CURLOPT_HTTPHEADER, json ? c->hdr_json : c->hdr_plain);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, r);
    if (is_method(r, "GET")) {
        SET(CURLOPT_HTTPGET, 1L);
    } else {
        if (!is_method(r, "POST"))
            SET(CURLOPT_CUSTOMREQUEST, r->method);
        if (json) {
            SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
            SET(CURLOPT_POSTFIELDS, r->body ? r->body : "");
        }
    }
#undef SET
    return rc == CURLE_OK;
}

int transfer_start(net_client *c, net_req *r, int64_t now_ms)
{
    size_t ulen = strlen(c->base_url) + strlen(r->path) + 1;
    char *url = malloc(ulen);
    CURL *e = curl_easy_init();
    if (!url || !e) {
        free(url);
        curl_easy_cleanup(e);
        return NET_ERR_NOMEM;
    }
    snprintf(url, ulen, "%s%s", c->base_url, r->path);
    bool ok = curl_easy_setopt(e, CURLOPT_URL, url) == CURLE_OK && set_options(c, r, e);
    free(url);                          /* curl keeps its own copy */
    if (!ok) {
        curl_easy_cleanup(e);
        return NET_ERR_OTHER;
    }
    r->resp_len = 0;
    if (r->resp)
        r->resp[0] = '\0';
    r->too_large = false;
    r->attempt_ms = now_ms;
    if (curl_multi_add_handle(c->multi, e) != CURLM_OK) {
        curl_easy_cleanup(e);
        return NET_ERR_OTHER;
    }
    r->attempts++;
    r->easy = e;
    return NET_OK;
}

void transfer_abort(net_client *c, net_req *r)
{
    if (!r->easy)
        return;
    curl_multi_remove_handle(c->multi, r->easy);
    curl_easy_cleanup(r->easy);
    r->easy = NULL;
}

/* "30 s", "1.5 s" or "300 ms". */
static void format_duration(char *buf, size_t len, long ms)
{
    if (ms < 1000)
        snprintf(buf, len, "%ld ms", ms);
    else if (ms % 1000 == 0)
        snprintf(buf, len, "%ld s", ms / 1000);
    else
        snprintf(buf, len, "%ld.%ld s", ms / 1000, (ms % 1000) / 100);
}

static void describe_connect(CURL *e, attempt_outcome *o)
{
    long os_errno = 0;
    curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
    o->transport_error = NET_ERR_CONNECT;
    const char *t = os_errno == ECONNREFUSED    ? "connection refused"
                    : os_errno == EHOSTUNREACH  ? "host unreachable"
                    : os_errno == ENETUNREACH   ? "network unreachable"
                                                : "could not connect";
    snprintf(o->error_text, sizeof o->error_text, "%s", t);
}

static void describe_closed(CURL *e, CURLcode code, attempt_outcome *o)
{
    long os_errno = 0;
    curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
    o->transport_error = NET_ERR_CLOSED;
    const char *t = "connection lost";
    if (os_errno == ECONNRESET)
        t = "connection reset by the server";
    else if (code == CURLE_PARTIAL_FILE)
        t = "connection closed mid-response";
    else if (code == CURLE_GOT_NOTHING)
        t = "connection closed without a response";
    else if (code == CURLE_SEND_ERROR)
        t = "connection lost while sending";
    else if (code == CURLE_RECV_ERROR)
        t = "connection lost while receiving";
    else if (code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM)
        t = "HTTP/2 stream closed by the server";
    snprintf(o->error_text, sizeof o->error_text, "%s", t);
}

static void describe_error(net_client *c, net_req *r, CURLcode code, int64_t now_ms)
{
    attempt_outcome *o = &r->out;
    char d[32];
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        o->transport_error = NET_ERR_TIMEOUT;
        /* curl's two timers started when the handle was added, just after
         * attempt_ms: short of the transfer timeout, it was the connect one. */
        if (now_ms - r->attempt_ms < c->timeout_ms && c->connect_timeout_ms < c->timeout_ms) {
            format_duration(d, sizeof d, c->connect_timeout_ms);
            snprintf(o->error_text, sizeof o->error_text, "could not connect within %s", d);
        } else {
            format_duration(d, sizeof d, c->timeout_ms);
            snprintf(o->error_text, sizeof o->error_text, "timed out after %s", d);
        }
        return;
    case CURLE_COULDNT_CONNECT:
        describe_connect(r->easy, o);
        return;
    case CURLE_PARTIAL_FILE: case CURLE_GOT_NOTHING: case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
        describe_closed(r->easy, code, o);
        return;
    case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY:
        o->transport_error = NET_ERR_RESOLVE;
        snprintf(o->error_text, sizeof o->error_text, "could not resolve the %s name",
                 code == CURLE_COULDNT_RESOLVE_HOST ? "server" : "proxy");
        return;
    case CURLE_PEER_FAILED_VERIFICATION:
        o->transport_error = NET_ERR_TLS;
        snprintf(o->error_text, sizeof o->error_text, "TLS certificate not trusted");
        return;
    case CURLE_SSL_CONNECT_ERROR: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER: case CURLE_SSL_ENGINE_NOTFOUND: case CURLE_SSL_ENGINE_SETFAILED:
        o->transport_error = NET_ERR_TLS;
        snprintf(o->error_text, sizeof o->error_text, "%s",
                 code == CURLE_SSL_CACERT_BADFILE ? "cannot read the CA file"
                                                  : "TLS handshake failed");
        return;
    case CURLE_OUT_OF_MEMORY:
        o->transport_error = NET_ERR_NOMEM;
        snprintf(o->error_text, sizeof o->error_text, "out of memory");
        return;
    default:
        break;
    }
    if (code == CURLE_WRITE_ERROR && r->too_large) {
        o->transport_error = NET_ERR_TOO_LARGE;
        snprintf(o->error_text, sizeof o->error_text, "response larger than %zu MiB",
                 c->max_body >> 20 ? c->max_body >> 20 : 1);
        return;
    }
    o->transport_error = code == CURLE_WRITE_ERROR ? NET_ERR_NOMEM : NET_ERR_OTHER;
    /* curl_easy_strerror's texts are fixed strings: no URL, no header. */
    snprintf(o->error_text, sizeof o->error_text, "%s", curl_easy_strerror(code));
}

static const char *header_value(CURL *e, const char *name)
{
    struct curl_header *h = NULL;
    if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h)
        return NULL;
    return h->value;
}

static void log_attempt(net_client *c, const net_req *r, int64_t now_ms)
{
    if (!c->log)
        return;
    char line[1024], status[16], tail[160] = "";
    const attempt_outcome *o = &r->out;
    if (o->transport_error)
        snprintf(status, sizeof status, "ERR");
    else
        snprintf(status, sizeof status, "%d", o->http_status);
    if (o->transport_error)
        snprintf(tail, sizeof tail, " %s", o->error_text);
    if (r->attempts > 1) {
        size_t n = strlen(tail);
        snprintf(tail + n, sizeof tail - n, " (attempt %d)", r->attempts);
    }
    int w = snprintf(line, sizeof line, "%s %s %s %" PRId64 " ms%s", r->method, r->path,
                     status, now_ms - r->attempt_ms, tail);
    if (w >= (int)sizeof line)          /* a very long query: keep the end readable */
        snprintf(line, sizeof line, "%s %.600s... %s %" PRId64 " ms%s", r->method, r->path,
                 status, now_ms - r->attempt_ms, tail);
    c->log(c->log_ctx, line);
}

void transfer_finish(net_client *c, net_req *r, CURLcode code, int64_t now_ms)
{
    attempt_outcome *o = &r->out;
    memset(o, 0, sizeof *o);
    o->server_wait_ms = -1;
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
        o->http_status = (int)status;
        if (status == 429 || status == 503)
            o->server_wait_ms = ratelimit_parse_wait_ms(header_value(r->easy, "Retry-After"),
                                                        header_value(r->easy, "X-RateLimit-Reset"),
                                                        net_epoch_ms());
    } else {
        describe_error(c, r, code, now_ms);
    }
    log_attempt(c, r, now_ms);
    transfer_abort(c, r);
}
