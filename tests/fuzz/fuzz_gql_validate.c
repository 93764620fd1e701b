/* fuzz_gql_validate.c - gql_parse then gql_validate on any document, against
 * twenty-sim's /graphql and /metadata schemas (built once). Validation
 * reports errors exactly when it says the document is invalid, each with
 * GRAPHQL_VALIDATION_FAILED, and the errors render as JSON. */
#include "fuzz_common.h"
#include "sim/gql_twenty.h"
#include "sim/gql_validate.h"

static sim_schema g_ss;
static gql_schema *g_schemas[2];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sim_error err = {0};
    if (!sim_schema_init(&g_ss, "default", &err)) {
        fprintf(stderr, "schema: %s\n", err.message);
        abort();
    }
    g_schemas[0] = gt_core_schema(&g_ss);
    g_schemas[1] = gt_meta_schema(&g_ss);
    if (!g_schemas[0] || !g_schemas[1])
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gql_parse_error perr;
    gql_doc *d = gql_parse((const char *)data, size, &perr);
    if (!d)
        return 0;
    for (int s = 0; s < 2; s++) {
        gql_arena a = {0};
        gql_errs errs = {.a = &a};
        bool valid = gql_validate(g_schemas[s], d, &errs);
        FZ_CHECK(valid == (errs.n == 0), "valid=%d with %zu errors", valid, errs.n);
        for (size_t i = 0; i < errs.n; i++) {
            FZ_CHECK(errs.items[i].message && errs.items[i].message[0], "empty message");
            FZ_CHECK(errs.items[i].code && !strcmp(errs.items[i].code, "GRAPHQL_VALIDATION_FAILED"),
                     "code %s", errs.items[i].code ? errs.items[i].code : "(null)");
            for (int l = 0; l < errs.items[i].nlocs; l++)
                FZ_CHECK(errs.items[i].locs[l] <= size, "location %zu", errs.items[i].locs[l]);
        }
        cJSON *j = gql_errs_json(&errs, d);
        if (errs.n)
            FZ_CHECK(cJSON_IsArray(j) && (size_t)cJSON_GetArraySize(j) == errs.n, "errors JSON");
        char *txt = j ? cJSON_PrintUnformatted(j) : NULL;
        free(txt);
        cJSON_Delete(j);
        gql_errs_free(&errs);
        gql_arena_free(&a);
    }
    gql_doc_free(d);
    return 0;
}
