/* money_format.c - amounts to text (see money.h: pb_money_format). */
#include "model/money.h"

#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static const char *const zero_decimals[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                            "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                            "VND", "VUV", "XAF", "XOF", "XPF"};
static const char *const three_decimals[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};

static bool listed(const char *code, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(code, list[i]) == 0)
            return true;
    return false;
}

int pb_currency_decimals(const char *code)
{
    if (!code)
        return 2;
    if (listed(code, zero_decimals, sizeof zero_decimals / sizeof *zero_decimals))
        return 0;
    if (listed(code, three_decimals, sizeof three_decimals / sizeof *three_decimals))
        return 3;
    return 2;
}

const char *pb_currency_symbol(const char *code)
{
    if (!code)
        return NULL;
    if (strcmp(code, "USD") == 0)
        return "$";
    if (strcmp(code, "EUR") == 0)
        return "\xE2\x82\xAC";
    if (strcmp(code, "GBP") == 0)
        return "\xC2\xA3";
    if (strcmp(code, "JPY") == 0)
        return "\xC2\xA5";
    return NULL;
}

bool pb_currency_valid(const char *code)
{
    if (!code)
        return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    return code[3] == '\0';
}

/* a / d rounded half away from zero (a is a magnitude). */
static uint64_t div_round(uint64_t a, uint64_t d)
{
    uint64_t q = a / d, r = a % d;
    return r >= d - r ? q + 1 : q;
}

static uint64_t pow10u(int e)
{
    uint64_t p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

/* Appends v with thousands separators. */
static size_t put_grouped(char *p, uint64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    size_t j = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            p[j++] = ',';
        p[j++] = tmp[i];
    }
    return j;
}

static size_t put_prefix(char *p, bool negative, const char *currency)
{
    size_t j = 0;
    if (negative)
        p[j++] = '-';
    if (currency && currency[0]) {
        const char *sym = pb_currency_symbol(currency);
        if (sym) {
            memcpy(p + j, sym, strlen(sym));
            j += strlen(sym);
        } else {
            size_t n = strnlen(currency, 3);
            memcpy(p + j, currency, n);
            j += n;
            p[j++] = ' ';
        }
    }
    return j;
}

size_t pb_money_format(int64_t micros, const char *currency, pb_money_style style, char *out,
                       size_t outsz)
{
    char s[96];
    size_t j = 0;
    bool neg = micros < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)micros : (uint64_t)micros;

    if (style == PB_MONEY_PLAIN) {
        uint64_t ip = a / 1000000u, fp = a % 1000000u;
        j = (size_t)snprintf(s, sizeof s, "%s%llu", neg ? "-" : "", (unsigned long long)ip);
        if (fp) {
            int digits = 6;
            while (fp % 10 == 0) {
                fp /= 10;
                digits--;
            }
            j += (size_t)snprintf(s + j, sizeof s - j, ".%0*llu", digits, (unsigned long long)fp);
        }
    } else if (style == PB_MONEY_SHORT) {
        static const char *const suffix[] = {"", "k", "m", "b"};
        int sc = 0;
        uint64_t limit = UINT64_C(1000000000);   /* 1000 units in micros */
        while (sc < 3 && a >= limit) {
            sc++;
            if (limit > UINT64_MAX / 1000)
                break;
            limit *= 1000;
        }
        uint64_t tenths = div_round(a, UINT64_C(100000) * pow10u(3 * sc));
        while (tenths >= 10000 && sc < 3) {   /* 999.96 rounds up to the next unit */
            sc++;
            tenths = div_round(a, UINT64_C(100000) * pow10u(3 * sc));
        }
        j = put_prefix(s, neg && tenths != 0, currency);
        j += (size_t)snprintf(s + j, sizeof s - j, "%llu", (unsigned long long)(tenths / 10));
        if (tenths % 10)
            j += (size_t)snprintf(s + j, sizeof s - j, ".%u", (unsigned)(tenths % 10));
        j += (size_t)snprintf(s + j, sizeof s - j, "%s", suffix[sc]);
    } else {
        int dec = pb_currency_decimals(currency);
        uint64_t q = div_round(a, pow10u(6 - dec));
        uint64_t ip = q / pow10u(dec), fp = q % pow10u(dec);
        j = put_prefix(s, neg && q != 0, currency);
        j += put_grouped(s + j, ip);
        if (dec > 0 && !(style == PB_MONEY_FULL_TRIM && fp == 0))
            j += (size_t)snprintf(s + j, sizeof s - j, ".%0*llu", dec, (unsigned long long)fp);
    }
    s[j] = '\0';
    return pb_utf8_copy_trunc(out, outsz, s, j);
}

size_t pb_money_format_money(const pb_money *m, pb_money_style style, char *out, size_t outsz)
{
    return pb_money_format(m->micros, m->currency, style, out, outsz);
}
