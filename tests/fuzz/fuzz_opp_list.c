/* fuzz_opp_list.c - twenty_parse_opp_list on any 200 body (GET /rest/opportunities). */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_opp_page page;
    pb_error err;
    bool ok = twenty_parse_opp_list(200, (const char *)data, size, &sp, &page, &err);
    fz_check_error(&err, ok);
    if (ok) {
        FZ_CHECK(page.items != NULL, "no item array");
        FZ_CHECK(page.total_count >= -1, "totalCount %lld", (long long)page.total_count);
        for (size_t i = 0; i < page.n; i++)
            fz_check_opp(&page.items[i]);
    } else {
        FZ_CHECK(page.items == NULL && page.n == 0, "failure left %zu items", page.n);
        FZ_CHECK(page.info.start_cursor == NULL && page.info.end_cursor == NULL,
                 "failure left cursors");
    }
    twenty_opp_page_free(&page);
    pb_strpool_free(&sp);
    return 0;
}
