/* jscompat.c - JavaScript's parseFloat, util.inspect for strings and
 * Number#toString, as Twenty's messages need them (see jscompat.h). */
#include "sim/jscompat.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_js_space(const char *p)
{
    for (;;) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            p++;
        } else if (c == 0xC2 && (unsigned char)p[1] == 0xA0) { /* NBSP */
            p += 2;
        } else if (c == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
            p += 3;                                            /* BOM */
        } else if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
                   ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)) {
            p += 3;                                            /* LS, PS */
        } else {
            return p;
        }
    }
}

static size_t digits(const char *p)
{
    size_t n = 0;
    while (p[n] >= '0' && p[n] <= '9')
        n++;
    return n;
}

bool sim_js_parse_float(const char *s, double *out)
{
    if (!s)
        return false;
    const char *p = skip_js_space(s);
    const char *start = p;
    bool neg = false;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (strncmp(p, "Infinity", 8) == 0) {
        *out = neg ? -INFINITY : INFINITY;
        return true;
    }
    size_t ip = digits(p);
    const char *q = p + ip;
    size_t fp = 0;
    if (*q == '.') {
        fp = digits(q + 1);
        if (ip == 0 && fp == 0)
            return false;
        q += 1 + fp;
    } else if (ip == 0) {
        return false;
    }
    if (*q == 'e' || *q == 'E') {
        const char *e = q + 1;
        if (*e == '+' || *e == '-')
            e++;
        size_t ed = digits(e);
        if (ed > 0)
            q = e + ed;
    }
    size_t len = (size_t)(q - start);
    char stackbuf[128];
    char *buf = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!buf)
        return false;
    memcpy(buf, start, len);
    buf[len] = '\0';
    const char *dp = localeconv()->decimal_point;
    if (dp && dp[0] && dp[0] != '.' && dp[1] == '\0') {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = dp[0];
    }
    *out = strtod(buf, NULL);
    if (buf != stackbuf)
        free(buf);
    return true;
}

void sim_js_inspect_str(const char *s, char *out, size_t outlen)
{
    if (!outlen)
        return;
    bool has_sq = strchr(s, '\'') != NULL, has_dq = strchr(s, '"') != NULL;
    char quote = '\'';
    if (has_sq) {
        if (!has_dq)
            quote = '"';
        else if (!strchr(s, '`'))
            quote = '`';
    }
    size_t o = 0;
#define PUT(c)                   \
    do {                         \
        if (o + 1 < outlen)      \
            out[o++] = (char)(c); \
    } while (0)
    PUT(quote);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        const char *esc = NULL;
        char hex[8];
        switch (c) {
        case '\b': esc = "\\b"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\f': esc = "\\f"; break;
        case '\r': esc = "\\r"; break;
        case '\\': esc = "\\\\"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                snprintf(hex, sizeof hex, "\\x%02X", c);
                esc = hex;
            } else if (c == '\'' && quote == '\'') {
                esc = "\\'";
            }
        }
        if (esc) {
            for (; *esc; esc++)
                PUT(*esc);
        } else {
            PUT(c);
        }
    }
    PUT(quote);
#undef PUT
    out[o] = '\0';
}

void sim_js_number_str(double n, char *out, size_t outlen)
{
    if (isnan(n)) {
        snprintf(out, outlen, "NaN");
        return;
    }
    if (isinf(n)) {
        snprintf(out, outlen, n < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (n == 0) {
        snprintf(out, outlen, "0");
        return;
    }
    /* shortest round-trip significant digits */
    char digs[40];
    int prec = 1, exp10 = 0;
    for (; prec <= 17; prec++) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, n);
        if (strtod(tmp, NULL) == n)
            break;
    }
    if (prec > 17)
        prec = 17;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, fabs(n));
    /* tmp = d.ddddde[+-]xx */
    size_t nd = 0;
    for (const char *p = tmp; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digs[nd++] = *p;
    digs[nd] = '\0';
    while (nd > 1 && digs[nd - 1] == '0')
        digs[--nd] = '\0';
    exp10 = atoi(strchr(tmp, 'e') + 1);
    /* JavaScript Number::toString: k digits, n = exp10 + 1 */
    int k = (int)nd, e = exp10 + 1;
    char body[80];
    size_t b = 0;
    if (k <= e && e <= 21) {
        for (int i = 0; i < k; i++)
            body[b++] = digs[i];
        for (int i = 0; i < e - k; i++)
            body[b++] = '0';
    } else if (0 < e && e <= 21) {
        for (int i = 0; i < e; i++)
            body[b++] = digs[i];
        body[b++] = '.';
        for (int i = e; i < k; i++)
            body[b++] = digs[i];
    } else if (-6 < e && e <= 0) {
        body[b++] = '0';
        body[b++] = '.';
        for (int i = 0; i < -e; i++)
            body[b++] = '0';
        for (int i = 0; i < k; i++)
            body[b++] = digs[i];
    } else {
        body[b++] = digs[0];
        if (k > 1) {
            body[b++] = '.';
            for (int i = 1; i < k; i++)
                body[b++] = digs[i];
        }
        b += (size_t)snprintf(body + b, sizeof body - b, "e%c%d", e - 1 >= 0 ? '+' : '-',
                              abs(e - 1));
    }
    body[b] = '\0';
    snprintf(out, outlen, "%s%s", n < 0 ? "-" : "", body);
}
