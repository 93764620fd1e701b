/* fuzz_meta_graphql.c - twenty_parse_meta_graphql on any 200 body (POST
 * /metadata: objects.edges[].node with fieldsList or fields{edges}). */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_meta_result m;
    pb_error err;
    bool ok = twenty_parse_meta_graphql(200, (const char *)data, size, &sp, &m, &err);
    fz_check_error(&err, ok);
    fz_check_stages(&m.stages);
    if (!ok)
        FZ_CHECK(m.stages.v == NULL && m.stages.n == 0, "failure left stages");
    twenty_meta_result_free(&m);
    pb_strpool_free(&sp);
    return 0;
}
