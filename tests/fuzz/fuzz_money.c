/* fuzz_money.c - pb_money_parse on any user input, and what follows from a
 * success: the amount is within 0..2^53 micros, its exact PLAIN form parses
 * back to the same micros, and every style formats into any buffer size
 * with the snprintf contract (money.h). */
#include "fuzz_common.h"
#include "model/money.h"
#include "util/utf8.h"

static const pb_money_style k_styles[] = {PB_MONEY_FULL, PB_MONEY_FULL_TRIM, PB_MONEY_SHORT,
                                          PB_MONEY_PLAIN};

static void check_format(int64_t micros, const char *cur, pb_money_style style)
{
    char full[128];
    size_t n = pb_money_format(micros, cur, style, full, sizeof full);
    FZ_CHECK(n < sizeof full && strlen(full) == n, "style %d: %zu bytes", (int)style, n);
    FZ_CHECK(pb_utf8_valid(full, n), "style %d: not UTF-8", (int)style);
    for (size_t sz = 0; sz <= n + 1; sz++) {
        char small[128];
        memset(small, 'x', sizeof small);
        size_t m = pb_money_format(micros, cur, style, small, sz);
        FZ_CHECK(m == n, "style %d size %zu: %zu != %zu", (int)style, sz, m, n);
        if (sz > 0) {
            FZ_CHECK(memchr(small, '\0', sz) != NULL, "not terminated within %zu", sz);
            FZ_CHECK(strncmp(small, full, strlen(small)) == 0, "not a prefix");
        }
        FZ_CHECK(small[sz] == 'x', "wrote past %zu", sz);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);
    pb_money_input in;
    pb_money_status st = pb_money_parse(text, &in);
    FZ_CHECK(st == in.status, "status %d vs %d", (int)st, (int)in.status);
    FZ_CHECK(in.reason != NULL, "no reason");
    if (st != PB_MONEY_OK) {
        FZ_CHECK(in.reason[0] != '\0', "status %d without a reason", (int)st);
        free(text);
        return 0;
    }
    FZ_CHECK(in.reason[0] == '\0', "reason on success: %s", in.reason);
    FZ_CHECK(in.micros >= 0 && in.micros <= PB_MONEY_MAX_MICROS, "micros %lld",
             (long long)in.micros);
    FZ_CHECK(memchr(in.currency, '\0', sizeof in.currency) != NULL, "currency not terminated");
    FZ_CHECK(in.currency[0] == '\0' || pb_currency_valid(in.currency), "currency %s", in.currency);

    char plain[64];
    pb_money_format(in.micros, "", PB_MONEY_PLAIN, plain, sizeof plain);
    pb_money_input back;
    FZ_CHECK(pb_money_parse(plain, &back) == PB_MONEY_OK, "PLAIN %s does not parse", plain);
    FZ_CHECK(back.micros == in.micros, "PLAIN %s: %lld != %lld", plain, (long long)back.micros,
             (long long)in.micros);
    for (size_t i = 0; i < sizeof k_styles / sizeof k_styles[0]; i++)
        check_format(in.micros, in.currency, k_styles[i]);
    free(text);
    return 0;
}
