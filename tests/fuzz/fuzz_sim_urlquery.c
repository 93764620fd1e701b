/* fuzz_sim_urlquery.c - sim_urlquery_split on any raw query string: at most
 * SIM_MAX_QUERY parameters, each with a name and a value; a string
 * without '%' or '+' splits into exactly its '&' pieces. */
#include "fuzz_common.h"
#include "sim/urlquery.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *raw = fz_cstr(data, size);
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    rq.raw_query = raw;
    int dropped = sim_urlquery_split(&rq, raw);
    FZ_CHECK(dropped >= -1, "returned %d", dropped);
    FZ_CHECK(rq.nquery >= 0 && rq.nquery <= SIM_MAX_QUERY, "%d parameters", rq.nquery);
    FZ_CHECK(rq.raw_query == raw, "raw_query touched");
    for (int i = 0; i < rq.nquery; i++) {
        FZ_CHECK(rq.query[i].name != NULL && rq.query[i].value != NULL, "parameter %d", i);
        FZ_CHECK(sim_request_param(&rq, rq.query[i].name) != NULL, "lookup of %s",
                 rq.query[i].name);
    }
    if (dropped >= 0 && strlen(raw) == size && !strpbrk(raw, "%+")) {
        int pieces = 0;
        for (const char *p = raw; *p;) {
            size_t n = strcspn(p, "&");
            pieces += n > 0;
            p += n;
            if (*p)
                p++;
        }
        FZ_CHECK(pieces == rq.nquery + dropped, "%d pieces, %d kept, %d dropped", pieces,
                 rq.nquery, dropped);
    }
    sim_urlquery_free(&rq);
    free(raw);
    return 0;
}
