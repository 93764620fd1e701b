/* fuzz_opp_one.c - twenty_parse_opp_one on any 200 body (GET one, create,
 * update, restore), and twenty_parse_deleted_id on the same body. */
#include "fuzz_twenty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pb_strpool sp;
    pb_strpool_init(&sp);
    pb_opp opp;
    pb_error err;
    bool ok = twenty_parse_opp_one(200, (const char *)data, size, &sp, &opp, &err);
    fz_check_error(&err, ok);
    fz_check_opp(&opp);
    if (!ok)
        FZ_CHECK(pb_id_is_nil(&opp.id) && !opp.amount.set && opp.name[0] == '\0',
                 "failure left a half-filled record");
    pb_strpool_free(&sp);
    return 0;
}
