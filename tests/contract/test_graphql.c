/* test_graphql.c - contract 5: POST /graphql. search (ranking, prefix,
 * accents, objects, paging, limit > 100), the opportunities connection with
 * its aggregates, opportunitiesGroupBy by stage + currency, the mutations
 * the web app and pipeboard use, and validation errors (undeclared
 * variable, wrongly typed variable, unknown field, unknown argument). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

#define O_RENEWAL "Acme renewal"
#define O_EXPANSION "Acme Corp expansion"
#define O_BIG "Big acme acme deal"
#define O_CREME "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e"
#define O_ZETA "Zeta"

static char id_renewal[37], id_expansion[37], id_big[37], id_creme[37], id_zeta[37], id_company[37];

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "0", NULL});
    ct_create("opportunities", "{\"name\":\"" O_RENEWAL "\",\"stage\":\"NEW\",\"position\":1,\"amount\":{\"amountMicros\":1000000000,\"currencyCode\":\"USD\"},\"closeDate\":\"2025-01-10T00:00:00.000Z\"}", id_renewal);
    ct_create("opportunities", "{\"name\":\"" O_EXPANSION "\",\"stage\":\"NEW\",\"position\":2,\"amount\":{\"amountMicros\":2000000000,\"currencyCode\":\"EUR\"},\"closeDate\":\"2025-03-01T00:00:00.000Z\"}", id_expansion);
    ct_create("opportunities", "{\"name\":\"" O_BIG "\",\"stage\":\"MEETING\",\"position\":3,\"amount\":{\"amountMicros\":3000000000,\"currencyCode\":\"USD\"}}", id_big);
    ct_create("opportunities", "{\"name\":\"" O_CREME "\",\"stage\":\"PROPOSAL\",\"position\":4,\"amount\":{\"amountMicros\":4000000000,\"currencyCode\":\"GBP\"},\"closeDate\":\"2025-05-05T00:00:00.000Z\"}", id_creme);
    ct_create("opportunities", "{\"name\":\"" O_ZETA "\",\"stage\":\"CUSTOMER\",\"position\":5}", id_zeta);
    ct_create("companies", "{\"name\":\"Acme Holdings\"}", id_company);
}

static void down(void)
{
    ct_server_stop();
}

/* POSTs a document; asserts HTTP 200 and no `errors`. */
static void gql_ok(cthttp_resp *r, const char *query, const char *vars)
{
    cthttp_graphql(ct_client(), r, "/graphql", query, vars);
    ck_assert_msg(r->status == 200 && cJSON_IsObject(ct_j(r->json, "data")) && !ct_j(r->json, "errors"),
                  "GraphQL %s: %s", query, ct_show(r));
}

/* POSTs a document that must fail validation; returns errors[0].message. */
static const char *gql_err(cthttp_resp *r, const char *query, const char *vars)
{
    cthttp_graphql(ct_client(), r, "/graphql", query, vars);
    ck_assert_msg(r->status == 200 || r->status == 400, "GraphQL errors come as 200 or 400: %s", ct_show(r));
    ck_assert_msg(ct_jlen(r->json, "errors") > 0, "expected errors[]: %s", ct_show(r));
    const cJSON *data = ct_j(r->json, "data");
    ck_assert_msg(!data || cJSON_IsNull(data), "a request that fails validation has no data: %s", ct_show(r));
    const char *m = ct_jstr(r->json, "errors[0].message");
    ck_assert_msg(m, "errors[0].message: %s", ct_show(r));
    return m;
}

#define SEARCH_Q(extra)                                                                            \
    "query Search($searchInput: String!) { search(searchInput: $searchInput, " extra ") "          \
    "{ edges { node { recordId objectNameSingular label tsRankCD tsRank } cursor } "               \
    "pageInfo { hasNextPage endCursor } } }"

static bool has_record(const cJSON *edges, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, edges)
    {
        if (ct_jstr(e, "node.recordId") && strcmp(ct_jstr(e, "node.recordId"), id) == 0)
            return true;
    }
    return false;
}

static void assert_ranked(const cJSON *edges)
{
    int n = cJSON_GetArraySize(edges);
    for (int i = 1; i < n; i++) {
        double cd0 = 0, cd1 = 0, r0 = 0, r1 = 0;
        const cJSON *a = cJSON_GetArrayItem(edges, i - 1), *b = cJSON_GetArrayItem(edges, i);
        ck_assert(ct_jnum(a, "node.tsRankCD", &cd0) && ct_jnum(b, "node.tsRankCD", &cd1));
        ck_assert(ct_jnum(a, "node.tsRank", &r0) && ct_jnum(b, "node.tsRank", &r1));
        ck_assert_msg(cd0 > cd1 || (cd0 == cd1 && r0 >= r1),
                      "results ranked by tsRankCD then tsRank (edge %d: %g/%g then %g/%g)", i, cd0, r0,
                      cd1, r1);
    }
}

START_TEST(search_returns_ids_of_matching_names)
{
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 20, includedObjectNameSingulars: [\"opportunity\"]"),
           "{\"searchInput\":\"acme\"}");
    const cJSON *edges = ct_j(r.json, "data.search.edges");
    ck_assert_msg(cJSON_GetArraySize(edges) == 3, "three Acme opportunities: %s", ct_show(&r));
    ck_assert(has_record(edges, id_renewal) && has_record(edges, id_expansion) && has_record(edges, id_big));
    const cJSON *e;
    cJSON_ArrayForEach(e, edges)
    {
        ck_assert_str_eq(ct_jstr(e, "node.objectNameSingular"), "opportunity");
        const char *id = ct_jstr(e, "node.recordId");
        const char *label = ct_jstr(e, "node.label");
        const char *want = strcmp(id, id_renewal) == 0 ? O_RENEWAL
                           : strcmp(id, id_expansion) == 0 ? O_EXPANSION : O_BIG;
        ck_assert_msg(label && strcmp(label, want) == 0, "label is the name");
        ck_assert_msg(ct_jstr(e, "cursor"), "each edge has a cursor");
    }
    assert_ranked(edges);
    ck_assert(cJSON_IsFalse(ct_j(r.json, "data.search.pageInfo.hasNextPage")));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(search_then_rest_id_in_fetches_the_records)
{
    /* the guide's two steps: search gives ids, REST id[in]:[…] gives records */
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 20, includedObjectNameSingulars: [\"opportunity\"]"), "{\"searchInput\":\"acme\"}");
    char filter[512] = "id[in]:[";
    const cJSON *e;
    bool first = true;
    cJSON_ArrayForEach(e, ct_j(r.json, "data.search.edges"))
    {
        if (!first)
            strcat(filter, ",");
        strcat(filter, ct_jstr(e, "node.recordId"));
        first = false;
    }
    strcat(filter, "]");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", filter, NULL);
    ct_assert_status(&r, 200);
    char *names = ct_names_sorted(r.json, "opportunities");
    ck_assert_str_eq(names, O_EXPANSION "|" O_RENEWAL "|" O_BIG);
    free(names);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(search_ranks_all_words_first)
{
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 20, includedObjectNameSingulars: [\"opportunity\"]"),
           "{\"searchInput\":\"acme renewal\"}");
    const cJSON *edges = ct_j(r.json, "data.search.edges");
    ck_assert_msg(cJSON_GetArraySize(edges) == 3, "any word matches: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(edges, "[0].node.recordId"), id_renewal);
    assert_ranked(edges);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(search_prefix_and_accents)
{
    const char *inputs[] = {"acm", "ACME", "creme", "brul", "CR\xc3\x88ME", "br\xc3\xbbl\xc3\xa9" "e"};
    const int counts[] = {3, 3, 1, 1, 1, 1};
    for (int i = 0; i < 6; i++) {
        char vars[128];
        snprintf(vars, sizeof vars, "{\"searchInput\":\"%s\"}", inputs[i]);
        cthttp_resp r;
        gql_ok(&r, SEARCH_Q("limit: 20, includedObjectNameSingulars: [\"opportunity\"]"), vars);
        const cJSON *edges = ct_j(r.json, "data.search.edges");
        ck_assert_msg(cJSON_GetArraySize(edges) == counts[i], "search '%s': %d results, expected %d: %s",
                      inputs[i], cJSON_GetArraySize(edges), counts[i], ct_show(&r));
        if (counts[i] == 1)
            ck_assert_str_eq(ct_jstr(edges, "[0].node.recordId"), id_creme);
        cthttp_resp_free(&r);
    }
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 20, includedObjectNameSingulars: [\"opportunity\"]"),
           "{\"searchInput\":\"nomatchatall\"}");
    ck_assert_int_eq(cJSON_GetArraySize(ct_j(r.json, "data.search.edges")), 0);
    ck_assert(ct_jnull(r.json, "data.search.pageInfo.endCursor"));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(search_objects_included_excluded_and_empty_input)
{
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 20"), "{\"searchInput\":\"acme\"}");
    const cJSON *edges = ct_j(r.json, "data.search.edges");
    ck_assert_msg(has_record(edges, id_company), "companies are searched too: %s", ct_show(&r));
    const cJSON *e;
    cJSON_ArrayForEach(e, edges)
    {
        if (strcmp(ct_jstr(e, "node.recordId"), id_company) == 0) {
            ck_assert_str_eq(ct_jstr(e, "node.objectNameSingular"), "company");
            ck_assert_str_eq(ct_jstr(e, "node.label"), "Acme Holdings");
        }
    }
    cthttp_resp_free(&r);
    gql_ok(&r, SEARCH_Q("limit: 20, excludedObjectNameSingulars: [\"company\"]"), "{\"searchInput\":\"acme\"}");
    ck_assert_msg(!has_record(ct_j(r.json, "data.search.edges"), id_company), "excluded: %s", ct_show(&r));
    cthttp_resp_free(&r);
    gql_ok(&r, SEARCH_Q("limit: 50, includedObjectNameSingulars: [\"opportunity\"]"), "{\"searchInput\":\"\"}");
    ck_assert_msg(cJSON_GetArraySize(ct_j(r.json, "data.search.edges")) == 5,
                  "an empty searchInput matches every record: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(search_paging_with_after)
{
    cthttp_resp r;
    gql_ok(&r, SEARCH_Q("limit: 2, includedObjectNameSingulars: [\"opportunity\"]"), "{\"searchInput\":\"acme\"}");
    const cJSON *edges = ct_j(r.json, "data.search.edges");
    ck_assert_int_eq(cJSON_GetArraySize(edges), 2);
    ck_assert(cJSON_IsTrue(ct_j(r.json, "data.search.pageInfo.hasNextPage")));
    char first[2][37];
    memcpy(first[0], ct_jstr(edges, "[0].node.recordId"), 37);
    memcpy(first[1], ct_jstr(edges, "[1].node.recordId"), 37);
    char *after = strdup(ct_jstr(r.json, "data.search.pageInfo.endCursor"));
    cthttp_resp_free(&r);
    char *q = malloc(1024);
    snprintf(q, 1024,
             "query Search($searchInput: String!, $after: String) { search(searchInput: $searchInput, "
             "limit: 2, after: $after, includedObjectNameSingulars: [\"opportunity\"]) { edges { node "
             "{ recordId tsRankCD tsRank } cursor } pageInfo { hasNextPage endCursor } } }");
    char vars[1024];
    snprintf(vars, sizeof vars, "{\"searchInput\":\"acme\",\"after\":\"%s\"}", after);
    gql_ok(&r, q, vars);
    edges = ct_j(r.json, "data.search.edges");
    ck_assert_msg(cJSON_GetArraySize(edges) == 1, "the third result after the cursor: %s", ct_show(&r));
    const char *third = ct_jstr(edges, "[0].node.recordId");
    ck_assert(strcmp(third, first[0]) != 0 && strcmp(third, first[1]) != 0);
    ck_assert(cJSON_IsFalse(ct_j(r.json, "data.search.pageInfo.hasNextPage")));
    cthttp_resp_free(&r);
    free(q);
    free(after);
}
END_TEST

START_TEST(search_limit_above_100_is_refused)
{
    cthttp_resp r;
    cthttp_graphql(ct_client(), &r, "/graphql", SEARCH_Q("limit: 101"), "{\"searchInput\":\"acme\"}");
    ck_assert_msg(ct_jlen(r.json, "errors") > 0, "limit 101 must fail: %s", ct_show(&r));
    const char *m = ct_jstr(r.json, "errors[0].message");
    ck_assert_msg(m && strstr(m, "Limit cannot exceed 100 items"), "message: %s", ct_show(&r));
    cthttp_resp_free(&r);
    gql_ok(&r, SEARCH_Q("limit: 100"), "{\"searchInput\":\"acme\"}");
    cthttp_resp_free(&r);
}
END_TEST

/* ---- connection ---- */

START_TEST(opportunities_connection_with_filter_and_aggregates)
{
    cthttp_resp r;
    gql_ok(&r,
           "query Q($f: OpportunityFilterInput) { opportunities(filter: $f) { totalCount "
           "sumAmountAmountMicros edges { node { id name stage amount { amountMicros currencyCode } } } } }",
           "{\"f\":{\"stage\":{\"eq\":\"NEW\"}}}");
    double t = 0, sum = 0;
    ck_assert(ct_jnum(r.json, "data.opportunities.totalCount", &t) && t == 2);
    ck_assert_msg(ct_jnum(r.json, "data.opportunities.sumAmountAmountMicros", &sum) && sum == 3000000000.0,
                  "GraphQL sum is a number: %s", ct_show(&r));
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities.edges"), 2);
    double m = 0;
    ck_assert_msg(ct_jnum(r.json, "data.opportunities.edges[0].node.amount.amountMicros", &m),
                  "amountMicros is a number in GraphQL");
    cthttp_resp_free(&r);

    gql_ok(&r,
           "query { opportunities { totalCount minAmountAmountMicros maxAmountAmountMicros "
           "avgAmountAmountMicros countEmptyCloseDate countNotEmptyCloseDate minCloseDate maxCloseDate "
           "countUniqueValuesStage } }",
           NULL);
    const cJSON *c = ct_j(r.json, "data.opportunities");
    double v = 0;
    ck_assert(ct_jnum(c, "totalCount", &v) && v == 5);
    ck_assert(ct_jnum(c, "minAmountAmountMicros", &v) && v == 1000000000.0);
    ck_assert(ct_jnum(c, "maxAmountAmountMicros", &v) && v == 4000000000.0);
    ck_assert(ct_jnum(c, "avgAmountAmountMicros", &v) && v == 2500000000.0);
    ck_assert(ct_jnum(c, "countEmptyCloseDate", &v) && v == 2);
    ck_assert(ct_jnum(c, "countNotEmptyCloseDate", &v) && v == 3);
    ck_assert_msg(ct_jstr(c, "minCloseDate") && strncmp(ct_jstr(c, "minCloseDate"), "2025-01-10", 10) == 0,
                  "minCloseDate: %s", ct_show(&r));
    ck_assert_msg(ct_jstr(c, "maxCloseDate") && strncmp(ct_jstr(c, "maxCloseDate"), "2025-05-05", 10) == 0,
                  "maxCloseDate: %s", ct_show(&r));
    ck_assert(ct_jnum(c, "countUniqueValuesStage", &v) && v == 4);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(opportunities_connection_paging_and_order)
{
    cthttp_resp r;
    gql_ok(&r,
           "query { opportunities(orderBy: [{position: AscNullsFirst}], first: 2) { totalCount edges "
           "{ node { id name position } cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
           NULL);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities.edges"), 2);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[0].node.name"), O_RENEWAL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[1].node.name"), O_EXPANSION);
    ck_assert(cJSON_IsTrue(ct_j(r.json, "data.opportunities.pageInfo.hasNextPage")));
    double t = 0;
    ck_assert(ct_jnum(r.json, "data.opportunities.totalCount", &t) && t == 5);
    char vars[512];
    snprintf(vars, sizeof vars, "{\"after\":\"%s\"}", ct_jstr(r.json, "data.opportunities.pageInfo.endCursor"));
    cthttp_resp_free(&r);
    gql_ok(&r,
           "query Q($after: String) { opportunities(orderBy: [{position: AscNullsFirst}], first: 10, after: $after) "
           "{ edges { node { name } } pageInfo { hasNextPage } } }",
           vars);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities.edges"), 3);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[0].node.name"), O_BIG);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[2].node.name"), O_ZETA);
    ck_assert(cJSON_IsFalse(ct_j(r.json, "data.opportunities.pageInfo.hasNextPage")));
    cthttp_resp_free(&r);

    gql_ok(&r,
           "query Q($f: OpportunityFilterInput) { opportunities(filter: $f, orderBy: [{amount: {amountMicros: DescNullsLast}}]) "
           "{ edges { node { name } } } }",
           "{\"f\":{\"and\":[{\"amount\":{\"amountMicros\":{\"gte\":2000000000}}},{\"stage\":{\"neq\":\"CUSTOMER\"}}]}}");
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities.edges"), 3);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[0].node.name"), O_CREME);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunities.edges[2].node.name"), O_EXPANSION);
    cthttp_resp_free(&r);
}
END_TEST

static const cJSON *gql_group(const cJSON *arr, const char *stage, const char *cur)
{
    const cJSON *g;
    cJSON_ArrayForEach(g, arr)
    {
        const cJSON *v = ct_j(g, "groupByDimensionValues");
        const cJSON *a = cJSON_GetArrayItem(v, 0), *b = cJSON_GetArrayItem(v, 1);
        if (cJSON_GetArraySize(v) != 2 || !cJSON_IsString(a) || strcmp(a->valuestring, stage) != 0)
            continue;
        if (cur ? (cJSON_IsString(b) && strcmp(b->valuestring, cur) == 0) : cJSON_IsNull(b))
            return g;
    }
    return NULL;
}

START_TEST(opportunities_group_by_stage_and_currency)
{
    cthttp_resp r;
    gql_ok(&r,
           "query { opportunitiesGroupBy(groupBy: [{stage: true}, {amount: {currencyCode: true}}]) "
           "{ groupByDimensionValues totalCount sumAmountAmountMicros } }",
           NULL);
    const cJSON *arr = ct_j(r.json, "data.opportunitiesGroupBy");
    ck_assert_msg(cJSON_GetArraySize(arr) == 5, "five stage/currency groups: %s", ct_show(&r));
    struct {
        const char *stage, *cur;
        double count, sum;
    } want[] = {{"NEW", "USD", 1, 1e9}, {"NEW", "EUR", 1, 2e9}, {"MEETING", "USD", 1, 3e9},
                {"PROPOSAL", "GBP", 1, 4e9}, {"CUSTOMER", NULL, 1, -1}};
    for (int i = 0; i < 5; i++) {
        const cJSON *g = gql_group(arr, want[i].stage, want[i].cur);
        ck_assert_msg(g, "group %s/%s missing: %s", want[i].stage, want[i].cur ? want[i].cur : "null", ct_show(&r));
        double v = 0;
        ck_assert(ct_jnum(g, "totalCount", &v) && v == want[i].count);
        if (want[i].sum >= 0)
            ck_assert_msg(ct_jnum(g, "sumAmountAmountMicros", &v) && v == want[i].sum, "sum of %s/%s",
                          want[i].stage, want[i].cur);
    }
    cthttp_resp_free(&r);

    gql_ok(&r,
           "query { opportunitiesGroupBy(groupBy: [{stage: true}]) { groupByDimensionValues totalCount "
           "edges { node { id name } } } }",
           NULL);
    arr = ct_j(r.json, "data.opportunitiesGroupBy");
    ck_assert_msg(cJSON_GetArraySize(arr) == 4, "four non-empty stages: %s", ct_show(&r));
    const cJSON *g;
    bool saw_new = false;
    cJSON_ArrayForEach(g, arr)
    {
        if (strcmp(ct_jstr(g, "groupByDimensionValues[0]"), "NEW") == 0) {
            saw_new = true;
            ck_assert_int_eq(ct_jlen(g, "edges"), 2);
        }
    }
    ck_assert(saw_new);
    cthttp_resp_free(&r);
}
END_TEST

/* ---- mutations ---- */

static int rest_status(const char *id)
{
    char path[96];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, path, NULL);
    int st = (int)r.status;
    cthttp_resp_free(&r);
    return st;
}

START_TEST(mutations)
{
    cthttp_resp r;
    gql_ok(&r,
           "mutation C($d: OpportunityCreateInput!) { createOpportunity(data: $d) { id name stage "
           "amount { amountMicros currencyCode } } }",
           "{\"d\":{\"name\":\"GQL made\",\"stage\":\"MEETING\",\"amount\":{\"amountMicros\":1000000,\"currencyCode\":\"USD\"}}}");
    char id[37];
    const char *cid = ct_jstr(r.json, "data.createOpportunity.id");
    ck_assert(ct_is_uuid(cid));
    memcpy(id, cid, 37);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunity.stage"), "MEETING");
    cthttp_resp_free(&r);
    ck_assert_int_eq(rest_status(id), 200);

    char vars[512];
    snprintf(vars, sizeof vars, "{\"idToUpdate\":\"%s\",\"input\":{\"stage\":\"PROPOSAL\",\"position\":2.5}}", id);
    gql_ok(&r,
           "mutation UpdateOneOpportunity($idToUpdate: UUID!, $input: OpportunityUpdateInput!) "
           "{ updateOpportunity(id: $idToUpdate, data: $input) { id stage position } }",
           vars);
    double pos = 0;
    ck_assert_str_eq(ct_jstr(r.json, "data.updateOpportunity.stage"), "PROPOSAL");
    ck_assert(ct_jnum(r.json, "data.updateOpportunity.position", &pos) && pos == 2.5);
    cthttp_resp_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_str_eq(ct_jstr(r.json, "data.opportunity.stage"), "PROPOSAL");
    cthttp_resp_free(&r);

    snprintf(vars, sizeof vars, "{\"id\":\"%s\"}", id);
    gql_ok(&r, "mutation D($id: UUID!) { deleteOpportunity(id: $id) { id deletedAt } }", vars);
    ck_assert_msg(ct_is_iso(ct_jstr(r.json, "data.deleteOpportunity.deletedAt")), "deleteOpportunity is soft: %s",
                  ct_show(&r));
    cthttp_resp_free(&r);
    ck_assert_int_eq(rest_status(id), 404);
    gql_ok(&r, "mutation R($id: UUID!) { restoreOpportunity(id: $id) { id deletedAt } }", vars);
    ck_assert(ct_jnull(r.json, "data.restoreOpportunity.deletedAt"));
    cthttp_resp_free(&r);
    ck_assert_int_eq(rest_status(id), 200);
    gql_ok(&r, "mutation X($id: UUID!) { destroyOpportunity(id: $id) { id } }", vars);
    ck_assert_str_eq(ct_jstr(r.json, "data.destroyOpportunity.id"), id);
    cthttp_resp_free(&r);
    ck_assert_int_eq(rest_status(id), 404);
    char f[128];
    snprintf(f, sizeof f, "id[eq]:%s,deletedAt[is]:NOT_NULL", id);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", f, NULL);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities"), 0);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(many_mutations)
{
    cthttp_resp r;
    gql_ok(&r,
           "mutation M($d: [OpportunityCreateInput!]!) { createOpportunities(data: $d) { id name stage } }",
           "{\"d\":[{\"name\":\"gm-1\"},{\"name\":\"gm-2\",\"stage\":\"SCREENING\"}]}");
    ck_assert_int_eq(ct_jlen(r.json, "data.createOpportunities"), 2);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunities[1].stage"), "SCREENING");
    cthttp_resp_free(&r);
    gql_ok(&r,
           "mutation U($f: OpportunityFilterInput!, $d: OpportunityUpdateInput!) { updateOpportunities(filter: $f, data: $d) { id stage } }",
           "{\"f\":{\"name\":{\"in\":[\"gm-1\",\"gm-2\"]}},\"d\":{\"stage\":\"CUSTOMER\"}}");
    const cJSON *arr = ct_j(r.json, "data.updateOpportunities");
    ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) ck_assert_str_eq(ct_jstr(it, "stage"), "CUSTOMER");
    cthttp_resp_free(&r);
}
END_TEST

/* ---- validation ---- */

START_TEST(undeclared_variable)
{
    cthttp_resp r;
    const char *m = gql_err(&r, "query { search(searchInput: $q, limit: 5) { edges { node { recordId } } } }",
                            "{\"q\":\"acme\"}");
    ck_assert_msg(strstr(m, "Variable \"$q\" is not defined"), "message: %s", m);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(wrongly_typed_variable)
{
    cthttp_resp r;
    const char *m = gql_err(&r,
                            "query S($s: String) { search(searchInput: $s, limit: 5) { edges { node { recordId } } } }",
                            "{\"s\":\"acme\"}");
    ck_assert_msg(strstr(m, "Variable \"$s\" of type \"String\" used in position expecting type \"String!\""),
                  "message: %s", m);
    cthttp_resp_free(&r);
    m = gql_err(&r,
                "query S($s: String!, $n: Int) { search(searchInput: $s, limit: $n) { edges { node { recordId } } } }",
                "{\"s\":\"acme\",\"n\":5}");
    ck_assert_msg(strstr(m, "Variable \"$n\" of type \"Int\" used in position expecting type \"Int!\""),
                  "message: %s", m);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(unknown_field)
{
    cthttp_resp r;
    const char *m = gql_err(&r, "query { opportunities { edges { node { id foo } } } }", NULL);
    ck_assert_msg(strstr(m, "Cannot query field \"foo\" on type \"Opportunity\""), "message: %s", m);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(unknown_argument)
{
    cthttp_resp r;
    const char *m = gql_err(&r, "query { opportunities(bogus: 1) { totalCount } }", NULL);
    ck_assert_msg(strstr(m, "Unknown argument \"bogus\""), "message: %s", m);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(syntax_error)
{
    cthttp_resp r;
    const char *m = gql_err(&r, "query { opportunities { ", NULL);
    ck_assert_msg(strstr(m, "Syntax Error"), "message: %s", m);
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_graphql");
    TCase *tc = ct_tcase("graphql", 30);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, search_returns_ids_of_matching_names);
    tcase_add_test(tc, search_then_rest_id_in_fetches_the_records);
    tcase_add_test(tc, search_ranks_all_words_first);
    tcase_add_test(tc, search_prefix_and_accents);
    tcase_add_test(tc, search_objects_included_excluded_and_empty_input);
    tcase_add_test(tc, search_paging_with_after);
    tcase_add_test(tc, search_limit_above_100_is_refused);
    tcase_add_test(tc, opportunities_connection_with_filter_and_aggregates);
    tcase_add_test(tc, opportunities_connection_paging_and_order);
    tcase_add_test(tc, opportunities_group_by_stage_and_currency);
    tcase_add_test(tc, undeclared_variable);
    tcase_add_test(tc, wrongly_typed_variable);
    tcase_add_test(tc, unknown_field);
    tcase_add_test(tc, unknown_argument);
    tcase_add_test(tc, syntax_error);
    /* last: they add records */
    tcase_add_test(tc, mutations);
    tcase_add_test(tc, many_mutations);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
