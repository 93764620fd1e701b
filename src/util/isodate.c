/* isodate.c - ISO 8601 parse/format and civil calendar math (see isodate.h). */
#include "util/isodate.h"

#include <string.h>

int64_t pb_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;                                  /* [0, 399] */
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void pb_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned pb_days_in_month(int64_t y, unsigned m)
{
    static const unsigned len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return len[m - 1] + (m == 2 && is_leap(y));
}

bool pb_date_valid_ymd(int64_t y, unsigned m, unsigned d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= pb_days_in_month(y, m);
}

/* Reads exactly `count` digits at s[*i]. */
static bool digits(const char *s, size_t n, size_t *i, int count, int *out)
{
    int v = 0;
    for (int k = 0; k < count; k++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9')
            return false;
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    *out = v;
    return true;
}

static bool at(const char *s, size_t n, size_t i, char c)
{
    return i < n && s[i] == c;
}

bool pb_date_parse_n(const char *s, size_t n, int64_t *ms_out)
{
    size_t i = 0;
    int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
    if (!s || !digits(s, n, &i, 4, &y) || !at(s, n, i++, '-') || !digits(s, n, &i, 2, &mo)
        || !at(s, n, i++, '-') || !digits(s, n, &i, 2, &d))
        return false;
    if (!pb_date_valid_ymd(y, (unsigned)mo, (unsigned)d))
        return false;
    int64_t offset_min = 0;
    if (i < n) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
            return false;
        i++;
        if (!digits(s, n, &i, 2, &h) || !at(s, n, i++, ':') || !digits(s, n, &i, 2, &mi))
            return false;
        if (at(s, n, i, ':')) {
            i++;
            if (!digits(s, n, &i, 2, &sec))
                return false;
            if (at(s, n, i, '.') || at(s, n, i, ',')) {
                i++;
                int nd = 0;
                while (i < n && s[i] >= '0' && s[i] <= '9') {
                    if (nd < 3)
                        ms = ms * 10 + (s[i] - '0');
                    nd++;
                    i++;
                }
                if (nd == 0 || nd > 9)
                    return false;
                for (int k = nd; k < 3; k++)
                    ms *= 10;
            }
        }
        if (h > 23 || mi > 59 || sec > 59)
            return false;
        if (at(s, n, i, 'Z') || at(s, n, i, 'z')) {
            i++;
        } else if (at(s, n, i, '+') || at(s, n, i, '-')) {
            int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
            i++;
            if (!digits(s, n, &i, 2, &oh))
                return false;
            if (at(s, n, i, ':')) {
                i++;
                if (!digits(s, n, &i, 2, &om))
                    return false;
            } else if (i < n) {
                if (!digits(s, n, &i, 2, &om))
                    return false;
            }
            if (oh > 23 || om > 59)
                return false;
            offset_min = sign * (oh * 60 + om);
        }
        if (i != n)
            return false;
    }
    int64_t days = pb_days_from_civil(y, (unsigned)mo, (unsigned)d);
    int64_t t = days * PB_MS_PER_DAY + ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + ms;
    *ms_out = t - offset_min * 60000;
    return true;
}

bool pb_date_parse(const char *s, int64_t *ms_out)
{
    return s && pb_date_parse_n(s, strlen(s), ms_out);
}

int64_t pb_date_day(int64_t ms)
{
    int64_t d = ms / PB_MS_PER_DAY;
    if (ms % PB_MS_PER_DAY < 0)
        d--;
    return d;
}

int64_t pb_date_from_ymd(int64_t y, unsigned m, unsigned d)
{
    return pb_days_from_civil(y, m, d) * PB_MS_PER_DAY;
}

static bool split(int64_t ms, int64_t *y, unsigned *m, unsigned *d, int64_t *msday)
{
    int64_t day = pb_date_day(ms);
    *msday = ms - day * PB_MS_PER_DAY;
    pb_civil_from_days(day, y, m, d);
    return *y >= 0 && *y <= 9999;
}

/* Writes v as exactly `width` decimal digits (v must fit). */
static char *put_num(char *p, unsigned v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        p[k] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

bool pb_date_format_iso(int64_t ms, char out[PB_DATE_ISO_BUFSZ])
{
    int64_t y, r;
    unsigned m, d;
    if (!split(ms, &y, &m, &d, &r)) {
        out[0] = '\0';
        return false;
    }
    char *p = put_num(out, (unsigned)y, 4);
    *p++ = '-';
    p = put_num(p, m, 2);
    *p++ = '-';
    p = put_num(p, d, 2);
    *p++ = 'T';
    p = put_num(p, (unsigned)(r / 3600000), 2);
    *p++ = ':';
    p = put_num(p, (unsigned)(r / 60000 % 60), 2);
    *p++ = ':';
    p = put_num(p, (unsigned)(r / 1000 % 60), 2);
    *p++ = '.';
    p = put_num(p, (unsigned)(r % 1000), 3);
    *p++ = 'Z';
    *p = '\0';
    return true;
}

bool pb_date_format_ymd(int64_t ms, char out[PB_DATE_YMD_BUFSZ])
{
    int64_t y, r;
    unsigned m, d;
    if (!split(ms, &y, &m, &d, &r)) {
        out[0] = '\0';
        return false;
    }
    char *p = put_num(out, (unsigned)y, 4);
    *p++ = '-';
    p = put_num(p, m, 2);
    *p++ = '-';
    p = put_num(p, d, 2);
    *p = '\0';
    return true;
}

bool pb_date_format_short(int64_t ms, int64_t now_ms, char out[PB_DATE_SHORT_BUFSZ])
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t y, ny, r;
    unsigned m, d, nm, nd;
    if (!split(ms, &y, &m, &d, &r)) {
        out[0] = '\0';
        return false;
    }
    pb_civil_from_days(pb_date_day(now_ms), &ny, &nm, &nd);
    memcpy(out, mon[m - 1], 3);
    out[3] = ' ';
    char *p = put_num(out + 4, d, 2);
    if (y != ny) {
        *p++ = ' ';
        p = put_num(p, (unsigned)y, 4);
    }
    *p = '\0';
    return true;
}
