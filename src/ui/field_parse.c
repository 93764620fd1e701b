/* field_parse.c - the form's input parsers (see field_parse.h). */
#include "ui/field_parse.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/isodate.h"
#include "util/utf8.h"

static bool refuse(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool refuse(char *why, size_t whylen, const char *fmt, ...)
{
    if (why && whylen) {
        char tmp[512];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
        va_end(ap);
        if (n < 0)
            n = 0;
        size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
        pb_utf8_copy_trunc(why, whylen, tmp, len);
    }
    return false;
}

static void trim(const char *text, const char **start, size_t *len)
{
    const char *s = text ? text : "";
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *start = s;
    *len = n;
}

/* ---- name ------------------------------------------------------------------ */

bool ui_field_parse_name(const char *text, const char **start, size_t *len, char *why,
                         size_t whylen)
{
    const char *s;
    size_t n;
    trim(text, &s, &n);
    if (n == 0)
        return refuse(why, whylen, "A deal needs a name");
    *start = s;
    *len = n;
    return true;
}

/* ---- amount and currency ----------------------------------------------------- */

bool ui_field_parse_amount(const char *text, ui_amount *out, char *why, size_t whylen)
{
    const char *s;
    size_t n;
    trim(text, &s, &n);
    if (n == 0) {
        memset(out, 0, sizeof *out);
        return true;
    }
    pb_money_input in;
    pb_money_status st = pb_money_parse(s, &in);
    if (st == PB_MONEY_EMPTY) {
        memset(out, 0, sizeof *out);
        return true;
    }
    if (st != PB_MONEY_OK) {
        const char *r = in.reason && in.reason[0] ? in.reason : "not an amount";
        return refuse(why, whylen, "%c%s", toupper((unsigned char)r[0]), r + 1);
    }
    memset(out, 0, sizeof *out);
    out->set = true;
    out->micros = in.micros;
    memcpy(out->currency, in.currency, sizeof out->currency);
    out->currency[3] = '\0';
    return true;
}

bool ui_field_parse_currency(const char *text, char out[4], char *why, size_t whylen)
{
    static const struct {
        const char *sym, *code;
    } syms[] = {{"$", "USD"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"}};
    const char *s;
    size_t n;
    trim(text, &s, &n);
    if (n == 0) {
        out[0] = '\0';
        return true;
    }
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
        if (strlen(syms[i].sym) == n && memcmp(s, syms[i].sym, n) == 0) {
            memcpy(out, syms[i].code, 4);
            return true;
        }
    bool letters = n == 3;
    for (size_t i = 0; letters && i < 3; i++)
        letters = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z');
    if (!letters)
        return refuse(why, whylen, "A currency is a three-letter code, like USD or EUR");
    for (size_t i = 0; i < 3; i++)
        out[i] = (char)toupper((unsigned char)s[i]);
    out[3] = '\0';
    return true;
}

bool ui_field_money(const ui_amount *a, const char *currency, bool currency_typed, pb_money *out,
                    bool *blame_currency, char *why, size_t whylen)
{
    const char *cur = currency ? currency : "";
    *blame_currency = false;
    pb_money m;
    memset(&m, 0, sizeof m);
    if (!a->set) {
        snprintf(m.currency, sizeof m.currency, "%s", cur);
        *out = m;
        return true;
    }
    if (a->currency[0]) {
        if (currency_typed && cur[0] && strcmp(cur, a->currency) != 0)
            return refuse(why, whylen, "The amount is in %s but the currency says %s",
                          a->currency, cur);
        memcpy(m.currency, a->currency, sizeof m.currency);
    } else if (cur[0]) {
        snprintf(m.currency, sizeof m.currency, "%s", cur);
    } else {
        *blame_currency = true;
        return refuse(why, whylen, "An amount needs a currency, like USD");
    }
    m.micros = a->micros;
    m.set = true;
    *out = m;
    return true;
}

/* ---- stage ------------------------------------------------------------------ */

static bool prefix_ci(const char *s, size_t n, const char *of)
{
    return of && strlen(of) >= n && strncasecmp(of, s, n) == 0;
}

static bool equal_ci(const char *s, size_t n, const char *of)
{
    return of && strlen(of) == n && strncasecmp(of, s, n) == 0;
}

static const char *stage_name(const pb_stage *st)
{
    return st->label && st->label[0] ? st->label : st->value;
}

bool ui_field_parse_stage(const char *text, const pb_stage_list *stages, const pb_stage **out,
                          char *why, size_t whylen)
{
    const char *s;
    size_t n;
    trim(text, &s, &n);
    size_t count = stages ? stages->n : 0;
    if (count == 0)
        return refuse(why, whylen, "The stages are not known yet");
    pb_buf all = PB_BUF_INIT;
    for (size_t i = 0; i < count; i++)
        pb_buf_printf(&all, "%s%s", i ? ", " : "", stage_name(&stages->v[i]));
    bool ok = false;
    if (n == 0) {
        refuse(why, whylen, "A deal needs a stage: %s", pb_buf_cstr(&all));
        goto done;
    }
    for (size_t i = 0; i < count; i++)
        if (equal_ci(s, n, stages->v[i].value) || equal_ci(s, n, stages->v[i].label)) {
            *out = &stages->v[i];
            ok = true;
            goto done;
        }
    size_t matches = 0, last = 0;
    for (size_t i = 0; i < count; i++)
        if (prefix_ci(s, n, stages->v[i].value) || prefix_ci(s, n, stages->v[i].label)) {
            matches++;
            last = i;
        }
    if (matches == 1) {
        *out = &stages->v[last];
        ok = true;
    } else if (matches == 0) {
        refuse(why, whylen, "No stage \"%.*s\": %s", (int)n, s, pb_buf_cstr(&all));
    } else {
        pb_buf some = PB_BUF_INIT;
        size_t k = 0;
        for (size_t i = 0; i < count; i++)
            if (prefix_ci(s, n, stages->v[i].value) || prefix_ci(s, n, stages->v[i].label)) {
                k++;
                pb_buf_printf(&some, "%s%s", k == 1 ? "" : k == matches ? " or " : ", ",
                              stage_name(&stages->v[i]));
            }
        refuse(why, whylen, "\"%.*s\" could be %s", (int)n, s, pb_buf_cstr(&some));
        pb_buf_free(&some);
    }
done:
    pb_buf_free(&all);
    return ok;
}

/* ---- close date --------------------------------------------------------------- */

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

#define FAR_AWAY "That date is too far away (years 0000 to 9999)"
#define NOT_A_DATE "Not a date: try 2025-06-30, +30d, -1w, today or tomorrow"

static bool day_ok(int64_t days, char *why, size_t whylen)
{
    int64_t lo = pb_days_from_civil(0, 1, 1), hi = pb_days_from_civil(9999, 12, 31);
    if (days < lo || days > hi)
        return refuse(why, whylen, FAR_AWAY);
    return true;
}

/* Reads up to maxd digits; false when there are none or more. */
static bool digits(const char **p, const char *end, int maxd, int64_t *v)
{
    int k = 0;
    int64_t x = 0;
    while (*p < end && isdigit((unsigned char)**p)) {
        if (++k > maxd)
            return false;
        x = x * 10 + (**p - '0');
        (*p)++;
    }
    *v = x;
    return k > 0;
}

/* Y-M-D with '-' or '/', months and days of one or two digits.
 * Returns 1 when parsed (into *days), 0 when it is not this shape, -1 when it
 * is but names no real day (why filled). */
static int parse_ymd(const char *s, size_t n, int64_t *days, char *why, size_t whylen)
{
    const char *p = s, *end = s + n;
    int64_t y, m, d;
    const char *y0 = p;
    if (!digits(&p, end, 4, &y) || p - y0 != 4 || p == end || (*p != '-' && *p != '/'))
        return 0;
    char sep = *p++;
    if (!digits(&p, end, 2, &m) || p == end || *p != sep)
        return 0;
    p++;
    if (!digits(&p, end, 2, &d) || p != end)
        return 0;
    if (m < 1 || m > 12) {
        refuse(why, whylen, "There is no month %d", (int)m);
        return -1;
    }
    unsigned dim = pb_days_in_month(y, (unsigned)m);
    if (d < 1 || d > (int64_t)dim) {
        if (d < 1)
            refuse(why, whylen, "There is no day 0");
        else
            refuse(why, whylen, "%s %04d has only %u days", month_names[m - 1], (int)y, dim);
        return -1;
    }
    *days = pb_days_from_civil(y, (unsigned)m, (unsigned)d);
    return 1;
}

static bool add_months(int64_t today, int64_t months, int64_t *days)
{
    int64_t y;
    unsigned m, d;
    pb_civil_from_days(today, &y, &m, &d);
    int64_t total = y * 12 + (int64_t)(m - 1) + months;
    if (total < 0 || total > 9999 * 12 + 11)
        return false;
    y = total / 12;
    m = (unsigned)(total % 12) + 1;
    unsigned dim = pb_days_in_month(y, m);
    if (d > dim)
        d = dim;
    *days = pb_days_from_civil(y, m, d);
    return true;
}

/* "+30d", "-1w", "2 months", "+30": 1 parsed, 0 not this shape, -1 refused. */
static int parse_relative(const char *s, size_t n, int64_t today, int64_t *days, char *why,
                          size_t whylen)
{
    const char *p = s, *end = s + n;
    int sign = 0;
    if (p < end && (*p == '+' || *p == '-'))
        sign = *p++ == '-' ? -1 : 1;
    while (p < end && *p == ' ')
        p++;
    if (p == end || !isdigit((unsigned char)*p))
        return 0;
    int64_t v;
    const char *d0 = p;
    while (p < end && isdigit((unsigned char)*p))
        p++;
    if (p - d0 > 7) {
        refuse(why, whylen, FAR_AWAY);
        return -1;
    }
    const char *q = d0;
    digits(&q, p, 7, &v);
    while (p < end && *p == ' ')
        p++;
    size_t ulen = (size_t)(end - p);
    static const struct {
        const char *name;
        char unit;
    } units[] = {{"d", 'd'}, {"day", 'd'},    {"days", 'd'},   {"w", 'w'},     {"week", 'w'},
                 {"weeks", 'w'}, {"m", 'm'},  {"month", 'm'},  {"months", 'm'}, {"y", 'y'},
                 {"year", 'y'}, {"years", 'y'}};
    char unit = 0;
    if (ulen == 0) {
        if (!sign)
            return 0;   /* a bare number is not a date */
        unit = 'd';
    }
    for (size_t i = 0; !unit && i < sizeof units / sizeof units[0]; i++)
        if (equal_ci(p, ulen, units[i].name))
            unit = units[i].unit;
    if (!unit)
        return 0;
    if (!sign)
        sign = 1;
    v *= sign;
    *days = today;
    switch (unit) {
    case 'd': *days = today + v; break;
    case 'w': *days = today + 7 * v; break;
    case 'm':
    case 'y':
        if (!add_months(today, unit == 'm' ? v : 12 * v, days)) {
            refuse(why, whylen, FAR_AWAY);
            return -1;
        }
        break;
    }
    return day_ok(*days, why, whylen) ? 1 : -1;
}

bool ui_field_parse_date(const char *text, int64_t today, bool *has, int64_t *ms, char *why,
                         size_t whylen)
{
    const char *s;
    size_t n;
    trim(text, &s, &n);
    if (n == 0 || equal_ci(s, n, "none")) {
        *has = false;
        *ms = 0;
        return true;
    }
    int64_t days = today;
    int r;
    if (equal_ci(s, n, "today") || equal_ci(s, n, "now")) {
        days = today;
    } else if (equal_ci(s, n, "tomorrow")) {
        days = today + 1;
    } else if (equal_ci(s, n, "yesterday")) {
        days = today - 1;
    } else if ((r = parse_ymd(s, n, &days, why, whylen)) != 0) {
        if (r < 0)
            return false;
    } else if ((r = parse_relative(s, n, today, &days, why, whylen)) != 0) {
        if (r < 0)
            return false;
    } else {
        int64_t t;
        if (!pb_date_parse_n(s, n, &t))
            return refuse(why, whylen, NOT_A_DATE);
        days = pb_date_day(t);   /* a timestamp: its (UTC) day */
    }
    if (!day_ok(days, why, whylen))
        return false;
    *has = true;
    *ms = days * PB_MS_PER_DAY;
    return true;
}

/* ---- showing values ------------------------------------------------------------ */

void ui_field_format_amount(const pb_money *m, char *out, size_t outsz)
{
    if (!outsz)
        return;
    out[0] = '\0';
    if (m && m->set)
        pb_money_format(m->micros, "", PB_MONEY_PLAIN, out, outsz);
}

void ui_field_format_date(bool has, int64_t ms, char *out, size_t outsz)
{
    if (!outsz)
        return;
    out[0] = '\0';
    char ymd[PB_DATE_YMD_BUFSZ];
    if (has && pb_date_format_ymd(ms, ymd))
        snprintf(out, outsz, "%s", ymd);
}
