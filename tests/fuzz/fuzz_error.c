/* fuzz_error.c - twenty_parse_error on any body, under the statuses the
 * client meets (200 for GraphQL errors, 4xx, 429 with retryAfterSeconds,
 * 5xx, an unknown one and 0 for no response). It never fails. */
#include "fuzz_twenty.h"

static const int k_statuses[] = {0, 200, 400, 401, 402, 403, 404, 408, 418, 429, 500, 502, 503};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < sizeof k_statuses / sizeof k_statuses[0]; i++) {
        pb_error err;
        memset(&err, 0x5a, sizeof err);   /* the parser must fill every field it promises */
        twenty_parse_error(k_statuses[i], (const char *)data, size, &err);
        fz_check_error(&err, false);
        FZ_CHECK(err.retry_after_s >= -1, "retry_after_s %d", err.retry_after_s);
    }
    return 0;
}
