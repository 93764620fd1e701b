/* money_parse.c - user input to micros (see money.h: pb_money_parse). */
#include "model/money.h"

#include <string.h>

static const char *const reasons[] = {
    [PB_MONEY_OK] = "",
    [PB_MONEY_EMPTY] = "no amount given",
    [PB_MONEY_SYNTAX] = "not an amount (try 50000, 50k, 1.5m or $1,234.56)",
    [PB_MONEY_NEGATIVE] = "amounts cannot be negative",
    [PB_MONEY_PRECISION] = "too many decimals (the smallest amount is 0.000001)",
    [PB_MONEY_OVERFLOW] = "amount too large (at most 9,007,199,254.740992)",
    [PB_MONEY_CURRENCY] = "two different currencies given",
};

static pb_money_status fail(pb_money_input *out, pb_money_status st)
{
    out->status = st;
    out->reason = reasons[st];
    out->micros = 0;
    return st;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Reads a currency symbol or a 3-letter code at p; returns the end or p. */
static const char *read_currency(const char *p, char code[4])
{
    static const struct {
        const char *sym, *code;
    } syms[] = {{"$", "USD"}, {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"}};
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
        size_t n = strlen(syms[i].sym);
        if (strncmp(p, syms[i].sym, n) == 0) {
            memcpy(code, syms[i].code, 4);
            return p + n;
        }
    }
    if (is_alpha(p[0]) && is_alpha(p[1]) && is_alpha(p[2]) && !is_alpha(p[3])) {
        for (int i = 0; i < 3; i++)
            code[i] = (char)(p[i] >= 'a' ? p[i] - 'a' + 'A' : p[i]);
        code[3] = '\0';
        return p + 3;
    }
    return p;
}

static pb_money_status set_currency(pb_money_input *out, const char code[4])
{
    if (out->currency[0] && strcmp(out->currency, code) != 0)
        return PB_MONEY_CURRENCY;
    memcpy(out->currency, code, 4);
    return PB_MONEY_OK;
}

pb_money_status pb_money_parse(const char *text, pb_money_input *out)
{
    memset(out, 0, sizeof *out);
    out->reason = reasons[PB_MONEY_OK];
    if (!text)
        return fail(out, PB_MONEY_EMPTY);
    const char *p = skip_spaces(text);
    if (*p == '\0')
        return fail(out, PB_MONEY_EMPTY);

    char code[4];
    const char *q = read_currency(p, code);
    if (q != p) {
        set_currency(out, code);
        p = skip_spaces(q);
    }
    if (*p == '-')
        return fail(out, PB_MONEY_NEGATIVE);

    /* Digits: integer part with optional comma groups, then a fraction. */
    char digits[64];
    size_t nd = 0, fraclen = 0, group = 0;
    bool any = false, commas = false, first_group = true, overlong = false;
    while (is_digit(*p) || *p == ',') {
        if (*p == ',') {
            if (!any || (first_group ? group > 3 : group != 3))
                return fail(out, PB_MONEY_SYNTAX);
            commas = true;
            first_group = false;
            group = 0;
        } else {
            any = true;
            group++;
            if (nd > 0 || *p != '0') {   /* leading zeros carry nothing */
                if (nd < sizeof digits)
                    digits[nd++] = *p;
                else
                    overlong = true;
            }
        }
        p++;
    }
    if (commas && group != 3)
        return fail(out, PB_MONEY_SYNTAX);
    if (*p == '.') {
        p++;
        while (is_digit(*p)) {
            any = true;
            if (nd < sizeof digits) {
                digits[nd++] = *p;
                fraclen++;
            } else if (*p != '0') {
                return fail(out, PB_MONEY_PRECISION);
            }
            p++;
        }
    }
    if (!any)
        return fail(out, PB_MONEY_SYNTAX);
    p = skip_spaces(p);

    int suffix = 0;
    if ((*p == 'k' || *p == 'K' || *p == 'm' || *p == 'M' || *p == 'b' || *p == 'B')
        && !is_alpha(p[1])) {
        suffix = (*p == 'k' || *p == 'K') ? 1 : (*p == 'm' || *p == 'M') ? 2 : 3;
        p = skip_spaces(p + 1);
    }
    q = read_currency(p, code);
    if (q != p) {
        if (set_currency(out, code) != PB_MONEY_OK)
            return fail(out, PB_MONEY_CURRENCY);
        p = skip_spaces(q);
    }
    if (*p == '-')
        return fail(out, PB_MONEY_NEGATIVE);
    if (*p != '\0')
        return fail(out, PB_MONEY_SYNTAX);
    if (overlong)
        return fail(out, PB_MONEY_OVERFLOW);

    /* Drop the fraction's trailing zeros, then scale by 10^(6 + 3*suffix - fraclen). */
    while (fraclen > 0 && nd > 0 && digits[nd - 1] == '0') {
        nd--;
        fraclen--;
    }
    if (nd == 0) {   /* zero */
        out->micros = 0;
        return PB_MONEY_OK;
    }
    int exp10 = 6 + 3 * suffix - (int)fraclen;
    if (exp10 < 0)
        return fail(out, PB_MONEY_PRECISION);
    int64_t v = 0;
    for (size_t i = 0; i < nd; i++) {
        int d = digits[i] - '0';
        if (v > (PB_MONEY_MAX_MICROS - d) / 10)
            return fail(out, PB_MONEY_OVERFLOW);
        v = v * 10 + d;
    }
    for (int i = 0; i < exp10; i++) {
        if (v > PB_MONEY_MAX_MICROS / 10)
            return fail(out, PB_MONEY_OVERFLOW);
        v *= 10;
    }
    out->micros = v;
    return PB_MONEY_OK;
}
