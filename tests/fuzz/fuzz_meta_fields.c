/* fuzz_meta_fields.c - twenty_parse_meta_fields on any 200 body
 * (/rest/metadata/fields), with and without the opportunity object id. */
#include "fuzz_twenty.h"

static void one(const uint8_t *data, size_t size, const pb_id *object_id)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_meta_result m;
    pb_error err;
    bool ok = twenty_parse_meta_fields(200, (const char *)data, size, &sp, object_id, &m, &err);
    fz_check_error(&err, ok);
    fz_check_stages(&m.stages);
    if (!ok)
        FZ_CHECK(m.stages.v == NULL && m.stages.n == 0, "failure left stages");
    twenty_meta_result_free(&m);
    pb_strpool_free(&sp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_id id;
    if (!pb_id_parse("20202020-9549-49dd-b2b2-883999db8938", &id))
        abort();
    one(data, size, NULL);
    one(data, size, &id);
    return 0;
}
