/* fuzz_search.c - twenty_parse_search on any 200 body (GraphQL search). */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_search_hits h;
    pb_error err;
    bool ok = twenty_parse_search(200, (const char *)data, size, &h, &err);
    fz_check_error(&err, ok);
    if (!ok)
        FZ_CHECK(h.ids == NULL && h.n == 0 && h.end_cursor == NULL, "failure left hits");
    twenty_search_hits_free(&h);
    return 0;
}
