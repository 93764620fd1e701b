/* fuzz_deleted_id.c - twenty_parse_deleted_id on any 200 body
 * ({"data":{"deleteOpportunity"|"destroyOpportunity":{"id":…}}}). */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_id id;
    pb_error err;
    bool ok = twenty_parse_deleted_id(200, (const char *)data, size, &id, &err);
    fz_check_error(&err, ok);
    return 0;
}
