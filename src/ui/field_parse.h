/* field_parse.h - reading and checking what is typed in the edit/create form.
 *
 * Promises:
 *  - Pure: no curses, no I/O, no clock (the caller passes today's date).
 *  - Each parser either accepts the text (true, the value in *out) or refuses
 *    it with a short English reason for the form's error line (false; `why`
 *    is filled, *out untouched), never both. Spaces around the text are
 *    ignored everywhere.
 *  - Amounts go through pb_money_parse (int64 micros, never floating point):
 *    "50000", "50k", "1.5m", "1,234.56", "$1.2k", "12 chf"; empty means no
 *    amount.
 *  - A currency is three letters (any case, given back in capitals) or one
 *    of the symbols $ € £ ¥; empty means none given.
 *  - A stage is one of the board's stages: its value ("CLOSED_WON") or its
 *    label ("Closed won"), in any case, or the start of exactly one of them
 *    ("neg"). Empty is refused (a deal always has a stage).
 *  - A close date is a calendar day, given back as midnight UTC in ms:
 *    "2025-06-30" (also 2025-6-30, 2025/06/30 or a full ISO timestamp, cut to
 *    its day), "today", "tomorrow", "yesterday", "+30d", "-1w", "+2m" (months,
 *    the day clamped to the month's end), "+1y", with an optional space and
 *    the units spelt out ("3 weeks"); "+30" means days. Empty or "none"
 *    means no close date. Years stay within 0000-9999.
 */
#ifndef PB_UI_FIELD_PARSE_H
#define PB_UI_FIELD_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/money.h"
#include "model/opp.h"

#define UI_FIELD_WHY_MAX 160

typedef struct ui_amount {
    bool set;            /* false: the field was empty (no amount) */
    int64_t micros;
    char currency[4];    /* named in the amount itself ("$5k", "5k EUR"), else "" */
} ui_amount;

/* A deal name: not blank. *start / *len give the text without the spaces
 * around it. */
bool ui_field_parse_name(const char *text, const char **start, size_t *len, char *why,
                         size_t whylen);
bool ui_field_parse_amount(const char *text, ui_amount *out, char *why, size_t whylen);
bool ui_field_parse_currency(const char *text, char out[4], char *why, size_t whylen);
/* Puts an amount and the currency field together. The amount's own currency
 * wins over the currency field unless the user typed a different one there
 * (currency_typed): then the two disagree and the amount is refused. An
 * amount with no currency anywhere is refused on the currency field
 * (*blame_currency true). No amount gives set = false (and the currency
 * field's code, maybe ""). */
bool ui_field_money(const ui_amount *a, const char *currency, bool currency_typed, pb_money *out,
                    bool *blame_currency, char *why, size_t whylen);
bool ui_field_parse_stage(const char *text, const pb_stage_list *stages, const pb_stage **out,
                          char *why, size_t whylen);
/* today: the user's calendar day as days since 1970-01-01 (pb_days_from_civil). */
bool ui_field_parse_date(const char *text, int64_t today, bool *has, int64_t *ms, char *why,
                         size_t whylen);

/* What the form shows for a record's values (and re-parses unchanged):
 * the amount exactly ("1234.56", PB_MONEY_PLAIN), "" when there is none or
 * it is unreadable; the day "2025-06-30", "" when none. */
void ui_field_format_amount(const pb_money *m, char *out, size_t outsz);
void ui_field_format_date(bool has, int64_t ms, char *out, size_t outsz);

#endif
