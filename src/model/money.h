/* money.h - amounts as int64 micros plus an ISO 4217 code; never floating point.
 *
 * Promises:
 * - 1 unit = 1,000,000 micros ($50k is 50000000000 micros: Twenty's unit).
 * - Amounts pipeboard writes are within ±PB_MONEY_MAX_MICROS (2^53): beyond
 *   that a JSON number (a double) cannot carry micros exactly, and Twenty's
 *   own JSON cannot either. pb_money_parse refuses more with PB_MONEY_OVERFLOW.
 * - pb_money_parse reads user input and never wraps or rounds: see its comment.
 * - Formatting rounds half away from zero, in integers.
 * - pb_totals sums per currency (never across currencies), detecting int64
 *   overflow; a failed operation leaves the totals unchanged. */
#ifndef PB_MODEL_MONEY_H
#define PB_MODEL_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PB_MONEY_MAX_MICROS INT64_C(9007199254740992)   /* 2^53 */
#define PB_MICROS_PER_UNIT INT64_C(1000000)

typedef struct pb_money {
    int64_t micros;
    char currency[4];   /* "USD", or "" when unknown */
    bool set;           /* false: amountMicros was null (no amount) */
} pb_money;

/* ---- parsing user input ----------------------------------------------- */
typedef enum pb_money_status {
    PB_MONEY_OK = 0,
    PB_MONEY_EMPTY,      /* nothing but spaces: the caller may mean "no amount" */
    PB_MONEY_SYNTAX,     /* not an amount */
    PB_MONEY_NEGATIVE,   /* a '-' sign: deal amounts are never negative */
    PB_MONEY_PRECISION,  /* finer than one micro (more than 6 decimals after scaling) */
    PB_MONEY_OVERFLOW,   /* above PB_MONEY_MAX_MICROS */
    PB_MONEY_CURRENCY    /* two different currencies named ("$5 EUR") */
} pb_money_status;

typedef struct pb_money_input {
    pb_money_status status;
    const char *reason;   /* static English text for the status bar ("" when OK) */
    int64_t micros;
    char currency[4];     /* from a symbol or code in the input, "" if none */
} pb_money_input;

/* Accepts, with spaces around any part:
 *   [currency] digits [suffix] [currency]
 * digits:   "50000", "1234.56", ".5", "1,234,567.89" (commas only between
 *           groups of exactly three digits, before the point)
 * suffix:   k K (×1e3), m M (×1e6), b B (×1e9)
 * currency: $ (USD), € (EUR), £ (GBP), ¥ (JPY), or a 3-letter code in any
 *           case ("CHF 12", "12 chf")
 * Examples: "50k" = 50000000000 micros, "1.5m", "$1.2k", "0.000001" = 1 micro.
 * Rejected: negatives, "1,2", "1.2.3", "5kk", "0.0000001", "1e6", garbage. */
pb_money_status pb_money_parse(const char *text, pb_money_input *out);

/* ---- formatting -------------------------------------------------------- */
typedef enum pb_money_style {
    PB_MONEY_FULL,        /* "$1,234.56", "¥1,200", "CHF 1,234.00", "BHD 1.250" */
    PB_MONEY_FULL_TRIM,   /* as FULL but whole amounts drop the decimals: "€50,000" */
    PB_MONEY_SHORT,       /* Twenty's formatToShortNumber: "$1.2k", "€300k", "$12.5" */
    PB_MONEY_PLAIN        /* exact, no symbol or grouping, re-parsable: "1234.56", "0.000001" */
} pb_money_style;

/* Symbols for USD EUR GBP JPY, else the code and a space, nothing for "".
 * Decimals: ISO 4217 minor units (2; 0 for JPY, KRW …; 3 for BHD, KWD …).
 * SHORT: below 1000 one decimal with trailing zeros trimmed, then k, m, b
 * (lower case, one decimal); 999.96 becomes "1k", not "1000" (Twenty would
 * print "1000"). Negative amounts get a leading '-': "-$1.2k".
 * Writes at most outsz bytes (NUL included); returns the full length like
 * snprintf. */
size_t pb_money_format(int64_t micros, const char *currency, pb_money_style style, char *out,
                       size_t outsz);
size_t pb_money_format_money(const pb_money *m, pb_money_style style, char *out, size_t outsz);
/* The symbol ("$") or NULL when the currency has none. */
const char *pb_currency_symbol(const char *code);
int pb_currency_decimals(const char *code);
bool pb_currency_valid(const char *code);   /* exactly three ASCII capitals */

/* ---- totals per currency ----------------------------------------------- */
#define PB_TOTALS_MAX 16

typedef struct pb_total {
    char currency[4];
    int64_t micros;   /* sum */
    int64_t count;    /* amounts added */
} pb_total;

typedef struct pb_totals {
    pb_total v[PB_TOTALS_MAX];
    size_t n;
} pb_totals;

typedef enum pb_totals_status {
    PB_TOTALS_OK = 0,
    PB_TOTALS_OVERFLOW,   /* the sum would leave int64 */
    PB_TOTALS_FULL,       /* more than PB_TOTALS_MAX currencies */
    PB_TOTALS_MISSING     /* subtracting what was never added */
} pb_totals_status;

void pb_totals_clear(pb_totals *t);
/* Amounts with set == false are ignored (PB_TOTALS_OK). */
pb_totals_status pb_totals_add(pb_totals *t, const pb_money *m);
pb_totals_status pb_totals_sub(pb_totals *t, const pb_money *m);
/* Adds a pre-summed group (a groupBy row): count amounts summing to micros. */
pb_totals_status pb_totals_add_sum(pb_totals *t, const char *currency, int64_t micros,
                                   int64_t count);
pb_totals_status pb_totals_merge(pb_totals *dst, const pb_totals *src);
const pb_total *pb_totals_find(const pb_totals *t, const char *currency);
/* "$1.2m · €300k · £95k": USD, EUR, GBP, JPY first, then other codes in
 * alphabetical order, amounts without a currency last; a currency whose
 * count dropped to 0 is not shown. Empty totals give "". */
size_t pb_totals_format(const pb_totals *t, pb_money_style style, char *out, size_t outsz);

#endif
