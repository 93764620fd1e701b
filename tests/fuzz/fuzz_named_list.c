/* fuzz_named_list.c - twenty_parse_named_list on any 200 body, for the three
 * pickers (companies, people, workspaceMembers). */
#include "fuzz_twenty.h"

static const char *const k_plurals[] = {"companies", "people", "workspaceMembers"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t p = 0; p < 3; p++) {
        pb_strpool sp;
        pb_strpool_init(&sp);
        pb_named_list l;
        pb_error err;
        bool ok = twenty_parse_named_list(200, (const char *)data, size, k_plurals[p], &sp, &l,
                                          &err);
        fz_check_error(&err, ok);
        if (!ok)
            FZ_CHECK(l.v == NULL && l.n == 0, "failure left %zu items", l.n);
        for (size_t i = 0; i < l.n; i++) {
            fz_check_text(l.v[i].name, "named.name");
            if (l.v[i].detail)
                fz_check_text(l.v[i].detail, "named.detail");
        }
        twenty_named_list_free(&l);
        pb_strpool_free(&sp);
    }
    return 0;
}
