/* isodate.h - ISO 8601 timestamps as int64 milliseconds since 1970 UTC.
 *
 * Promises: pure calendar arithmetic (proleptic Gregorian, Howard Hinnant's
 * civil-from-days), independent of TZ, the locale and timegm. Parsing accepts
 *   YYYY-MM-DD
 *   YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]
 * with years 0000-9999, real month lengths (leap years included), hours
 * 00-23, minutes and seconds 00-59, 1-9 fraction digits (truncated to ms).
 * A time without a zone is taken as UTC, like a date alone. Anything else
 * (trailing text, "2024-02-30", "24:00") is rejected. Formatting writes
 * "YYYY-MM-DDTHH:MM:SS.mmmZ" (what Twenty sends) and fails outside years
 * 0000-9999. Display helpers are UTC too: a close date is a calendar day. */
#ifndef PB_UTIL_ISODATE_H
#define PB_UTIL_ISODATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PB_DATE_ISO_BUFSZ 25   /* "YYYY-MM-DDTHH:MM:SS.mmmZ" + NUL */
#define PB_DATE_YMD_BUFSZ 11   /* "YYYY-MM-DD" + NUL */
#define PB_DATE_SHORT_BUFSZ 12 /* "Jun 30" or "Jun 30 2023" + NUL */
#define PB_MS_PER_DAY INT64_C(86400000)

/* Days since 1970-01-01 for a civil date (m 1-12, d 1-31); no validation. */
int64_t pb_days_from_civil(int64_t y, unsigned m, unsigned d);
void pb_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
bool pb_date_valid_ymd(int64_t y, unsigned m, unsigned d);
unsigned pb_days_in_month(int64_t y, unsigned m);

bool pb_date_parse(const char *s, int64_t *ms_out);
bool pb_date_parse_n(const char *s, size_t n, int64_t *ms_out);
bool pb_date_format_iso(int64_t ms, char out[PB_DATE_ISO_BUFSZ]);
bool pb_date_format_ymd(int64_t ms, char out[PB_DATE_YMD_BUFSZ]);
/* "Jun 30" when ms falls in the same UTC year as now_ms, else "Jun 30 2023". */
bool pb_date_format_short(int64_t ms, int64_t now_ms, char out[PB_DATE_SHORT_BUFSZ]);
/* The UTC day number (floor of ms / one day), for "overdue" comparisons. */
int64_t pb_date_day(int64_t ms);
int64_t pb_date_from_ymd(int64_t y, unsigned m, unsigned d);   /* midnight UTC, in ms */

#endif
