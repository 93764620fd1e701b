/* value.c - sim_value, UUIDs, ISO 8601 timestamps and the xorshift generator.
 * See value.h for the promises. Dates use the proleptic Gregorian calendar
 * (Howard Hinnant's days-from-civil algorithm), never the local time zone. */
#include "sim/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void sim_value_free(sim_value *v)
{
    if (v->kind == SV_STR)
        free(v->as.s);
    v->kind = SV_NULL;
    v->as.i = 0;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

sim_value sim_value_copy(const sim_value *v)
{
    sim_value out = *v;
    if (v->kind == SV_STR) {
        out.as.s = dup_str(v->as.s);
        if (!out.as.s)
            out.kind = SV_NULL;
    }
    return out;
}

sim_value sim_value_str(const char *s)
{
    sim_value out = {.kind = SV_NULL};
    if (s) {
        out.as.s = dup_str(s);
        if (out.as.s)
            out.kind = SV_STR;
    }
    return out;
}

bool sim_value_equal(const sim_value *a, const sim_value *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == SV_NULL)
        return true;
    return sim_value_cmp(a, b) == 0;
}

static int cmp_i64(int64_t a, int64_t b) { return (a > b) - (a < b); }

int sim_value_cmp(const sim_value *a, const sim_value *b)
{
    if (a->kind != b->kind)
        return (int)a->kind - (int)b->kind;
    switch (a->kind) {
    case SV_NULL: return 0;
    case SV_STR: {
        int c = strcmp(a->as.s, b->as.s);
        return (c > 0) - (c < 0);
    }
    case SV_INT: return cmp_i64(a->as.i, b->as.i);
    case SV_TIME: return cmp_i64(a->as.t, b->as.t);
    case SV_NUM: return (a->as.n > b->as.n) - (a->as.n < b->as.n);
    case SV_BOOL: return (int)a->as.b - (int)b->as.b;
    case SV_UUID: return sim_uuid_cmp(&a->as.u, &b->as.u);
    }
    return 0;
}

/* ---------- UUIDs ---------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool sim_uuid_parse(const char *s, sim_uuid *out)
{
    if (!s)
        return false;
    sim_uuid u;
    int byte = 0;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
            continue;
        }
        int hi = hexval(s[i]);
        if (hi < 0)
            return false;
        int lo = hexval(s[++i]);
        if (lo < 0 || i == 8 || i == 13 || i == 18 || i == 23)
            return false;
        u.b[byte++] = (unsigned char)(hi << 4 | lo);
    }
    if (s[36] != '\0')
        return false;
    if (out)
        *out = u;
    return true;
}

void sim_uuid_format(const sim_uuid *u, char out[37])
{
    static const char hex[] = "0123456789abcdef";
    int o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[u->b[i] >> 4];
        out[o++] = hex[u->b[i] & 15];
    }
    out[o] = '\0';
}

int sim_uuid_cmp(const sim_uuid *a, const sim_uuid *b)
{
    int c = memcmp(a->b, b->b, 16);
    return (c > 0) - (c < 0);
}

uint64_t sim_rand_next(uint64_t *state)
{
    uint64_t x = *state;
    if (x == 0)
        x = 0x9E3779B97F4A7C15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

void sim_uuid_generate(uint64_t *rng_state, sim_uuid *out)
{
    uint64_t a = sim_rand_next(rng_state), b = sim_rand_next(rng_state);
    for (int i = 0; i < 8; i++) {
        out->b[i] = (unsigned char)(a >> (56 - 8 * i));
        out->b[8 + i] = (unsigned char)(b >> (56 - 8 * i));
    }
    out->b[6] = (unsigned char)((out->b[6] & 0x0F) | 0x40); /* version 4 */
    out->b[8] = (unsigned char)((out->b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
}

/* ---------- ISO 8601 ---------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool sim_time_parse(const char *s, int64_t *ms_out)
{
    if (!s)
        return false;
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, off_min = 0;
    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > days_in_month(y, (unsigned)mo))
        return false;
    if (*p != '\0') {
        if (*p++ != 'T' || !digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
            return false;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &sec))
                return false;
            if (*p == '.') {
                p++;
                int nd = 0;
                while (*p >= '0' && *p <= '9') {
                    if (nd < 3)
                        ms = ms * 10 + (*p - '0');
                    nd++;
                    p++;
                }
                if (nd == 0 || nd > 9)
                    return false;
                for (int i = nd; i < 3; i++)
                    ms *= 10;
            }
        }
        if (h > 23 || mi > 59 || sec > 59)
            return false;
        if (*p == 'Z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om;
            if (!digits(&p, 2, &oh))
                return false;
            if (*p == ':')
                p++;
            if (!digits(&p, 2, &om) || oh > 23 || om > 59)
                return false;
            off_min = sign * (oh * 60 + om);
        } else {
            return false;
        }
        if (*p != '\0')
            return false;
    }
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - (int64_t)off_min * 60;
    if (ms_out)
        *ms_out = secs * 1000 + ms;
    return true;
}

void sim_time_format(int64_t ms, char out[32])
{
    int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    int millis = (int)(ms - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rem = secs - days * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    /* by hand: this runs for every date of every record written */
    int v[6] = {(int)y, (int)m, (int)d, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60)};
    out[0] = (char)('0' + v[0] / 1000);
    out[1] = (char)('0' + v[0] / 100 % 10);
    out[2] = (char)('0' + v[0] / 10 % 10);
    out[3] = (char)('0' + v[0] % 10);
    static const char seps[5] = {'-', '-', 'T', ':', ':'};
    for (int i = 1; i < 6; i++) {
        out[3 * i + 1] = seps[i - 1];
        out[3 * i + 2] = (char)('0' + v[i] / 10);
        out[3 * i + 3] = (char)('0' + v[i] % 10);
    }
    out[19] = '.';
    out[20] = (char)('0' + millis / 100);
    out[21] = (char)('0' + millis / 10 % 10);
    out[22] = (char)('0' + millis % 10);
    out[23] = 'Z';
    out[24] = '\0';
}

int64_t sim_time_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
