/* fuzz_group_totals.c - twenty_parse_group_totals on any 200 body (REST
 * groupBy rows), then twenty_group_rows_totals for every stage it named:
 * all or nothing, per currency. */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_group_rows rows;
    pb_error err;
    bool ok = twenty_parse_group_totals(200, (const char *)data, size, &sp, &rows, &err);
    fz_check_error(&err, ok);
    if (!ok)
        FZ_CHECK(rows.v == NULL && rows.n == 0, "failure left %zu rows", rows.n);
    for (size_t i = 0; i < rows.n; i++) {
        const pb_group_row *g = &rows.v[i];
        fz_check_text(g->stage, "row.stage");
        FZ_CHECK(memchr(g->currency, '\0', sizeof g->currency) != NULL, "currency");
        FZ_CHECK(g->has_sum || g->sum_micros == 0, "sum without has_sum");
        pb_totals t;
        pb_totals_clear(&t);
        pb_totals before = t;
        pb_totals_status st = twenty_group_rows_totals(&rows, g->stage, &t);
        if (st != PB_TOTALS_OK)
            FZ_CHECK(memcmp(&before, &t, sizeof t) == 0, "failed totals changed");
        FZ_CHECK(t.n <= PB_TOTALS_MAX, "%zu currencies", t.n);
        char line[256];
        size_t need = pb_totals_format(&t, PB_MONEY_SHORT, line, sizeof line);
        FZ_CHECK(need >= strlen(line), "format length");
        fz_check_text(line, "totals line");
    }
    twenty_group_rows_free(&rows);
    pb_strpool_free(&sp);
    return 0;
}
