/* fuzz_date.c - pb_date_parse / pb_date_parse_n on any text (closeDate,
 * createdAt … from the network). A parsed date formats back (years
 * 0000-9999) to text that parses to the same millisecond, and the C-string
 * and counted forms agree. */
#include "fuzz_common.h"
#include "util/isodate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t ms_n = 0, ms = 0;
    bool ok_n = pb_date_parse_n((const char *)data, size, &ms_n);
    char *text = fz_cstr(data, size);
    bool ok = pb_date_parse(text, &ms);
    if (strlen(text) == size) {
        FZ_CHECK(ok == ok_n, "parse %d vs parse_n %d", ok, ok_n);
        FZ_CHECK(!ok || ms == ms_n, "%lld vs %lld", (long long)ms, (long long)ms_n);
    }
    free(text);
    if (!ok_n)
        return 0;
    char iso[PB_DATE_ISO_BUFSZ], ymd[PB_DATE_YMD_BUFSZ], shrt[PB_DATE_SHORT_BUFSZ];
    if (!pb_date_format_iso(ms_n, iso))
        return 0;   /* a zone offset moved it out of 0000-9999 */
    int64_t back = 0;
    FZ_CHECK(pb_date_parse(iso, &back), "%s does not parse", iso);
    FZ_CHECK(back == ms_n, "%s: %lld != %lld", iso, (long long)back, (long long)ms_n);
    FZ_CHECK(pb_date_format_ymd(ms_n, ymd), "ymd of %s", iso);
    FZ_CHECK(strncmp(ymd, iso, 10) == 0, "%s vs %s", ymd, iso);
    FZ_CHECK(pb_date_format_short(ms_n, ms_n, shrt), "short of %s", iso);
    FZ_CHECK(pb_date_format_short(ms_n, 0, shrt), "short of %s", iso);
    int64_t day = pb_date_day(ms_n);
    int64_t y;
    unsigned m, d;
    pb_civil_from_days(day, &y, &m, &d);
    FZ_CHECK(pb_date_from_ymd(y, m, d) <= ms_n && ms_n - pb_date_from_ymd(y, m, d) < PB_MS_PER_DAY,
             "day of %s", iso);
    return 0;
}
