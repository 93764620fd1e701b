/* test_gql_search.c - GraphQL `search`: text folding and Postgres' ranks
 * (gql_fts), then the query through sim_graphql_handle: ranking across
 * objects, prefixes and accents, labels and image URLs, cursors, filters,
 * object lists, soft-deleted records and the limit. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gql_fts.h"
#include "sim/world.h"

#define O1 "30000000-0000-4000-8000-000000000001"
#define O2 "30000000-0000-4000-8000-000000000002"
#define O3 "30000000-0000-4000-8000-000000000003"
#define O4 "30000000-0000-4000-8000-000000000004"
#define C1 "40000000-0000-4000-8000-000000000001"
#define P1 "50000000-0000-4000-8000-000000000001"

/* ts_rank of one occurrence of one matching word, as Postgres computes it */
static float one_hit(void)
{
    float w = 0.1f;
    return (float)((double)(w + w - w) / 1.64493406685);
}

static bool rank_of(const char *query, const char *text, float *cd, float *rank)
{
    fts_query q;
    fts_query_parse(&q, query);
    const char *texts[1] = {text};
    return fts_rank(&q, texts, 1, cd, rank);
}

START_TEST(test_fold)
{
    char out[128];
    fts_fold("Café MÜLLER Æsir Straße Œuvre", out, sizeof out);
    ck_assert_str_eq(out, "cafe muller aesir strasse oeuvre");
    fts_fold("ΑΘΗΝΑ Москва 東京", out, sizeof out);
    ck_assert_str_eq(out, "αθηνα москва 東京");
}
END_TEST

START_TEST(test_ranks_follow_postgres)
{
    float cd, rank;
    ck_assert(rank_of("acme", "Acme Corp", &cd, &rank));
    ck_assert(cd == 0.1f);
    ck_assert(rank == one_hit());
    ck_assert(fabsf(rank - 0.0607927f) < 1e-6f);
    /* both words, adjacent: one cover without noise */
    ck_assert(rank_of("acme renewal", "Acme renewal", &cd, &rank));
    ck_assert(cd == 0.1f);
    ck_assert(rank == (one_hit() + one_hit()) / 2);
    /* one word in between: the cover has one noise word */
    ck_assert(rank_of("acme renewal", "Acme big renewal", &cd, &rank));
    ck_assert(cd == 0.05f);
    /* only one of the two words: no cover, half the OR rank */
    ck_assert(rank_of("acme renewal", "Acme upsell", &cd, &rank));
    ck_assert(cd == 0.0f);
    ck_assert(rank == one_hit() / 2);
    /* a repeated word: two covers, and 1/i^2 weighting of its positions */
    ck_assert(rank_of("acme", "Acme Acme", &cd, &rank));
    ck_assert(cd == 0.2f);
    ck_assert(rank == (float)((double)(0.1f + (0.1f + 0.1f / 4.0f) - 0.1f) / 1.64493406685));
}
END_TEST

START_TEST(test_matching)
{
    float cd, rank;
    ck_assert(rank_of("acm", "Acme Corp", &cd, &rank));       /* prefix */
    ck_assert(!rank_of("cme", "Acme Corp", &cd, &rank));      /* not inside a word */
    ck_assert(rank_of("cafe", "Café Müller", &cd, &rank));    /* accents folded on both sides */
    ck_assert(rank_of("MÜLL", "cafe muller", &cd, &rank));
    ck_assert(rank_of("globex zzz", "Globex", &cd, &rank));   /* any word matches */
    ck_assert(cd == 0.0f);
    ck_assert(!rank_of("zzz", "Globex", &cd, &rank));
    ck_assert(!rank_of("!!!", "Globex", &cd, &rank));         /* no words: nothing */
    ck_assert(rank_of("   ", "Globex", &cd, &rank));          /* blank: everything, ranks 0 */
    ck_assert(cd == 0.0f && rank == 0.0f);
    ck_assert(rank_of("o'brien", "Tim O'Brien", &cd, &rank));
    ck_assert(cd == 0.1f);
}
END_TEST

/* ------------------------------------------------------------ via /graphql */

static sim_world W;

static cJSON *search(const char *args, const char *vars)
{
    char q[1024];
    snprintf(q, sizeof q, "query S%s { search(%s) { edges { node { recordId objectNameSingular "
                          "objectLabelSingular label imageUrl tsRankCD tsRank } cursor } pageInfo { hasNextPage endCursor } } }",
             strstr(args, "$after") ? "($after: String)" : "", args);
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "query", q);
    if (vars)
        cJSON_AddItemToObject(b, "variables", cJSON_Parse(vars));
    char *text = cJSON_PrintUnformatted(b);
    cJSON_Delete(b);
    sim_request rq = {.method = "POST", .path = "/graphql", .raw_query = "", .body = text, .body_len = strlen(text)};
    sim_response rs = {0};
    ck_assert(sim_graphql_handle(&W, &rq, &rs));
    ck_assert_int_eq(rs.status, 200);
    cJSON *res = cJSON_Parse(rs.body);
    ck_assert_ptr_nonnull(res);
    sim_response_free(&rs);
    free(text);
    return res;
}

static const cJSON *edge(const cJSON *res, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "data"), "search"), "edges"), i);
}

static int nedges(const cJSON *res)
{
    return cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "data"), "search"), "edges"));
}

static const char *node_str(const cJSON *res, int i, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(edge(res, i), "node"), key);
    ck_assert_msg(cJSON_IsString(v), "edge %d has no %s", i, key);
    return v->valuestring;
}

static double node_num(const cJSON *res, int i, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(edge(res, i), "node"), key);
    ck_assert(cJSON_IsNumber(v));
    return v->valuedouble;
}

static const cJSON *page_info(const cJSON *res, const char *key)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "data"), "search"), "pageInfo"), key);
}

static void mutate(const char *q)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "query", q);
    char *text = cJSON_PrintUnformatted(b);
    cJSON_Delete(b);
    sim_request rq = {.method = "POST", .path = "/graphql", .raw_query = "", .body = text, .body_len = strlen(text)};
    sim_response rs = {0};
    sim_graphql_handle(&W, &rq, &rs);
    ck_assert_msg(rs.body && !strstr(rs.body, "\"errors\""), "%s", rs.body ? rs.body : "");
    sim_response_free(&rs);
    free(text);
}

static void setup(void)
{
    sim_error err = {0};
    sim_store_config cfg = {.stages = "default", .seed_count = -1, .seed = 1, .api_key_name = "k"};
    ck_assert_msg(sim_world_open(&W, &cfg, &err), "%s", err.message);
    mutate("mutation { createCompany(data: {id: \"" C1 "\", name: \"Acme Corp\", domainName: {primaryLinkUrl: "
           "\"https://www.acme.com/pricing\"}}) { id } "
           "createPerson(data: {id: \"" P1 "\", name: {firstName: \"Ada\", lastName: \"Acme\"}}) { id } "
           "createOpportunities(data: [{id: \"" O1 "\", name: \"Acme renewal\"}, {id: \"" O2 "\", name: \"Acme\"}, "
           "{id: \"" O3 "\", name: \"Renewal of Globex\"}, {id: \"" O4 "\", name: \"Café Müller expansion\"}]) { id } }");
}

static void teardown(void)
{
    sim_world_close(&W);
}

START_TEST(test_ranking_across_objects)
{
    cJSON *r = search("searchInput: \"acme\", limit: 10", NULL);
    ck_assert_int_eq(nedges(r), 4);
    /* equal ranks: person (priority 5), company (4), then opportunities by id */
    ck_assert_str_eq(node_str(r, 0, "recordId"), P1);
    ck_assert_str_eq(node_str(r, 0, "label"), "Ada Acme");
    ck_assert_str_eq(node_str(r, 0, "objectLabelSingular"), "Person");
    ck_assert_str_eq(node_str(r, 0, "imageUrl"), "");
    ck_assert_str_eq(node_str(r, 1, "recordId"), C1);
    ck_assert_str_eq(node_str(r, 1, "imageUrl"), "https://twenty-icons.com/acme.com");
    ck_assert_str_eq(node_str(r, 2, "recordId"), O1);
    ck_assert_str_eq(node_str(r, 3, "recordId"), O2);
    ck_assert(node_num(r, 3, "tsRankCD") == 0.1);
    ck_assert(fabs(node_num(r, 3, "tsRank") - 0.0607927) < 1e-6);
    ck_assert(cJSON_IsFalse(page_info(r, "hasNextPage")));
    cJSON_Delete(r);
    /* the record with both words comes first, then the rest by tsRank */
    r = search("searchInput: \"acme renewal\", limit: 10", NULL);
    ck_assert_int_eq(nedges(r), 5);
    ck_assert_str_eq(node_str(r, 0, "recordId"), O1);
    ck_assert(node_num(r, 0, "tsRankCD") == 0.1);
    ck_assert_str_eq(node_str(r, 1, "recordId"), P1);
    ck_assert(node_num(r, 1, "tsRankCD") == 0);
    ck_assert_str_eq(node_str(r, 4, "recordId"), O3);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_prefix_and_accents)
{
    cJSON *r = search("searchInput: \"mull caf\", limit: 10", NULL);
    ck_assert_int_eq(nedges(r), 1);
    ck_assert_str_eq(node_str(r, 0, "label"), "Café Müller expansion");
    ck_assert_str_eq(node_str(r, 0, "objectNameSingular"), "opportunity");
    cJSON_Delete(r);
    r = search("searchInput: \"nothing-like-this\", limit: 10", NULL);
    ck_assert_int_eq(nedges(r), 0);
    ck_assert(cJSON_IsNull(page_info(r, "endCursor")));
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_empty_input_matches_everything)
{
    cJSON *r = search("searchInput: \"\", limit: 100", NULL);
    ck_assert_int_eq(nedges(r), 6);
    ck_assert_str_eq(node_str(r, 0, "objectNameSingular"), "person");
    ck_assert_str_eq(node_str(r, 1, "objectNameSingular"), "company");
    ck_assert(node_num(r, 5, "tsRank") == 0);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_cursor_paging)
{
    cJSON *r = search("searchInput: \"acme\", limit: 2, after: $after", NULL);
    ck_assert_int_eq(nedges(r), 2);
    ck_assert(cJSON_IsTrue(page_info(r, "hasNextPage")));
    char vars[1024];
    snprintf(vars, sizeof vars, "{\"after\": \"%s\"}", page_info(r, "endCursor")->valuestring);
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 2, after: $after", vars);
    ck_assert_int_eq(nedges(r), 2);
    ck_assert_str_eq(node_str(r, 0, "recordId"), O1);
    ck_assert_str_eq(node_str(r, 1, "recordId"), O2);
    ck_assert(cJSON_IsFalse(page_info(r, "hasNextPage")));
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 2, after: $after", "{\"after\": \"bm90IGpzb24=\"}");
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "errors"), 0), "message")->valuestring,
                     "Invalid cursor");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_objects_filters_and_trash)
{
    cJSON *r = search("searchInput: \"acme\", limit: 10, excludedObjectNameSingulars: [\"person\", \"company\"]", NULL);
    ck_assert_int_eq(nedges(r), 2);
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 10, includedObjectNameSingulars: [\"company\"]", NULL);
    ck_assert_int_eq(nedges(r), 1);
    ck_assert_str_eq(node_str(r, 0, "recordId"), C1);
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 10, filter: {id: {in: [\"" O2 "\", \"" P1 "\"]}}", NULL);
    ck_assert_int_eq(nedges(r), 2);
    ck_assert_str_eq(node_str(r, 0, "recordId"), P1);
    ck_assert_str_eq(node_str(r, 1, "recordId"), O2);
    cJSON_Delete(r);
    mutate("mutation { deleteOpportunity(id: \"" O2 "\") { id } }");
    r = search("searchInput: \"acme\", limit: 10", NULL);
    ck_assert_int_eq(nedges(r), 3);
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 10, filter: {deletedAt: {is: NOT_NULL}}", NULL);
    ck_assert_int_eq(nedges(r), 1);
    ck_assert_str_eq(node_str(r, 0, "recordId"), O2);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_limit)
{
    cJSON *r = search("searchInput: \"acme\", limit: 101", NULL);
    const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "errors"), 0);
    ck_assert_str_eq(cJSON_GetObjectItem(e, "message")->valuestring, "Limit cannot exceed 100 items");
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "extensions"), "code")->valuestring, "BAD_USER_INPUT");
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(r, "data")));   /* search is non-null */
    cJSON_Delete(r);
    r = search("searchInput: \"acme\", limit: 1", NULL);
    ck_assert_int_eq(nedges(r), 1);
    ck_assert(cJSON_IsTrue(page_info(r, "hasNextPage")));
    cJSON_Delete(r);
}
END_TEST

static Suite *search_suite(void)
{
    Suite *s = suite_create("gql_search");
    TCase *fts = tcase_create("fts");
    tcase_add_test(fts, test_fold);
    tcase_add_test(fts, test_ranks_follow_postgres);
    tcase_add_test(fts, test_matching);
    suite_add_tcase(s, fts);
    TCase *tc = tcase_create("search");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ranking_across_objects);
    tcase_add_test(tc, test_prefix_and_accents);
    tcase_add_test(tc, test_empty_input_matches_everything);
    tcase_add_test(tc, test_cursor_paging);
    tcase_add_test(tc, test_objects_filters_and_trash);
    tcase_add_test(tc, test_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(search_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
