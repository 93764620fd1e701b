/* test_gql_exec.c - POST /graphql and /metadata driven in process through
 * sim_graphql_handle / sim_graphql_metadata_handle: Yoga's request errors,
 * parse/validation/variable errors, reads with filters, ordering, paging and
 * aggregates, groupBy, mutations (soft delete, restore, destroy) and the
 * metadata queries. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/world.h"

#define ACME "10000000-0000-4000-8000-000000000001"
#define GLOBEX "10000000-0000-4000-8000-000000000002"
#define OPP1 "20000000-0000-4000-8000-000000000001"
#define OPP2 "20000000-0000-4000-8000-000000000002"
#define OPP3 "20000000-0000-4000-8000-000000000003"
#define OPP4 "20000000-0000-4000-8000-000000000004"

static sim_world W;

/* Sends a request; returns the status and the parsed body (caller frees). */
static int send(const char *method, const char *path, const char *body, cJSON **out)
{
    sim_request rq = {.method = method, .path = path, .raw_query = "", .body = body, .body_len = strlen(body)};
    sim_response rs = {0};
    bool owned = !strcmp(path, "/graphql") ? sim_graphql_handle(&W, &rq, &rs) : sim_graphql_metadata_handle(&W, &rq, &rs);
    ck_assert(owned);
    *out = rs.body ? cJSON_Parse(rs.body) : NULL;
    ck_assert_msg(*out != NULL, "response is not JSON: %s", rs.body ? rs.body : "(none)");
    int status = rs.status;
    sim_response_free(&rs);
    return status;
}

/* A GraphQL request with optional variables (JSON text); expects HTTP 200. */
static cJSON *gql_at(const char *path, const char *query, const char *vars)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "query", query);
    if (vars)
        cJSON_AddItemToObject(b, "variables", cJSON_Parse(vars));
    char *text = cJSON_PrintUnformatted(b);
    cJSON_Delete(b);
    cJSON *res;
    ck_assert_int_eq(send("POST", path, text, &res), 200);
    free(text);
    return res;
}

static cJSON *gql(const char *query, const char *vars) { return gql_at("/graphql", query, vars); }

/* root.a.b.0.c */
static const cJSON *at(const cJSON *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = root;
    for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, "."))
        cur = (*tok >= '0' && *tok <= '9') ? cJSON_GetArrayItem(cur, atoi(tok)) : cJSON_GetObjectItemCaseSensitive(cur, tok);
    return cur;
}

static const char *str_at(const cJSON *root, const char *path)
{
    const cJSON *v = at(root, path);
    ck_assert_msg(cJSON_IsString(v), "%s is not a string", path);
    return v->valuestring;
}

static double num_at(const cJSON *root, const char *path)
{
    const cJSON *v = at(root, path);
    ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", path);
    return v->valuedouble;
}

static void no_errors(const cJSON *res)
{
    const cJSON *e = at(res, "errors.0.message");
    ck_assert_msg(!e, "unexpected error: %s", e && cJSON_IsString(e) ? e->valuestring : "");
}

static void create(const char *q)
{
    cJSON *r = gql(q, NULL);
    no_errors(r);
    cJSON_Delete(r);
}

static void setup(void)
{
    sim_error err = {0};
    sim_store_config cfg = {.stages = "default", .seed_count = -1, .seed = 1, .api_key_name = "test key"};
    ck_assert_msg(sim_world_open(&W, &cfg, &err), "%s", err.message);
    create("mutation { a: createCompany(data: {id: \"" ACME "\", name: \"Acme Corp\", domainName: {primaryLinkUrl: "
           "\"https://www.acme.com/\"}}) { id } b: createCompany(data: {id: \"" GLOBEX "\", name: \"Globex\"}) { id } }");
    create("mutation { createOpportunities(data: [\n"
           "{id: \"" OPP1 "\", name: \"Acme renewal\", stage: NEW, companyId: \"" ACME "\", position: 1,\n"
           " amount: {amountMicros: 1000000000, currencyCode: \"USD\"}, closeDate: \"2025-01-10T00:00:00.000Z\"},\n"
           "{id: \"" OPP2 "\", name: \"Acme upsell\", stage: NEW, companyId: \"" ACME "\", position: 2,\n"
           " amount: {amountMicros: 2000000000, currencyCode: \"USD\"}},\n"
           "{id: \"" OPP3 "\", name: \"Globex expansion\", stage: MEETING, companyId: \"" GLOBEX "\", position: 3,\n"
           " amount: {amountMicros: 5000000000, currencyCode: \"EUR\"}, closeDate: \"2025-03-01T00:00:00.000Z\"},\n"
           "{id: \"" OPP4 "\", name: \"Initech pilot\", stage: CUSTOMER, position: 4}]) { id } }");
}

static void teardown(void)
{
    sim_world_close(&W);
}

START_TEST(test_yoga_request_errors)
{
    cJSON *r;
    ck_assert_int_eq(send("POST", "/graphql", "{not json", &r), 400);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "POST body sent invalid JSON.");
    cJSON_Delete(r);
    ck_assert_int_eq(send("POST", "/graphql", "{\"variables\":{}}", &r), 400);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Must provide query string.");
    cJSON_Delete(r);
    ck_assert_int_eq(send("POST", "/graphql", "{\"query\":42}", &r), 400);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Expected \"query\" param to be a string, but given number.");
    cJSON_Delete(r);
    ck_assert_int_eq(send("POST", "/graphql", "{\"query\":\"{ __typename }\",\"foo\":1}", &r), 400);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Unexpected parameter \"foo\" in the request body.");
    cJSON_Delete(r);
    ck_assert_int_eq(send("POST", "/metadata", "[1]", &r), 400);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Expected params to be an object but given array.");
    cJSON_Delete(r);
    ck_assert_int_eq(send("DELETE", "/graphql", "", &r), 405);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_get_requests)
{
    sim_request rq = {.method = "GET", .path = "/graphql", .raw_query = "", .body = "", .nquery = 2};
    rq.query[0] = (sim_query_param){"query", "query Q($n: Int) { opportunities(first: $n) { totalCount edges { cursor } } }"};
    rq.query[1] = (sim_query_param){"variables", "{\"n\": 1}"};
    sim_response rs = {0};
    ck_assert(sim_graphql_handle(&W, &rq, &rs));
    ck_assert_int_eq(rs.status, 200);
    cJSON *r = cJSON_Parse(rs.body);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.totalCount"), 4);
    ck_assert_int_eq(cJSON_GetArraySize(at(r, "data.opportunities.edges")), 1);
    cJSON_Delete(r);
    sim_response_free(&rs);
    rq.query[0].value = "mutation { deleteOpportunity(id: \"" OPP1 "\") { id } }";
    rq.nquery = 1;
    ck_assert(sim_graphql_handle(&W, &rq, &rs));
    ck_assert_int_eq(rs.status, 405);
    r = cJSON_Parse(rs.body);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Can only perform a mutation operation from a POST request.");
    cJSON_Delete(r);
    sim_response_free(&rs);
    rq.nquery = 0;
    ck_assert(sim_graphql_handle(&W, &rq, &rs));
    ck_assert_int_eq(rs.status, 400);
    sim_response_free(&rs);
}
END_TEST

START_TEST(test_parse_and_validation_errors)
{
    cJSON *r = gql("{ opportunities { edges { node { id }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Syntax Error: Expected Name, found <EOF>.");
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "GRAPHQL_PARSE_FAILED");
    ck_assert_int_eq((int)num_at(r, "errors.0.locations.0.column"), 38);
    ck_assert_ptr_null(at(r, "data"));
    cJSON_Delete(r);
    r = gql("query Q($limit: Int) { search(searchInput: \"a\", limit: $limit) { edges { cursor } } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"),
                     "Variable \"$limit\" of type \"Int\" used in position expecting type \"Int!\".");
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "GRAPHQL_VALIDATION_FAILED");
    ck_assert_ptr_null(at(r, "data"));
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_variable_errors)
{
    const char *q = "query Q($s: String!, $ids: [UUID!]) { search(searchInput: $s, limit: 5) { edges { cursor } } "
                    "opportunities(filter: {id: {in: $ids}}) { totalCount } }";
    cJSON *r = gql(q, "{}");
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Variable \"$s\" of required type \"String!\" was not provided.");
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "BAD_USER_INPUT");
    ck_assert_int_eq((int)num_at(r, "errors.0.locations.0.column"), 9);
    ck_assert_ptr_null(at(r, "data"));
    cJSON_Delete(r);
    r = gql(q, "{\"s\": null}");
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Variable \"$s\" of non-null type \"String!\" must not be null.");
    cJSON_Delete(r);
    r = gql(q, "{\"s\": {\"a\": 1}, \"ids\": [\"x\"]}");
    ck_assert_str_eq(str_at(r, "errors.0.message"),
                     "Variable \"$s\" got invalid value { a: 1 }; String cannot represent a non string value: { a: 1 }");
    ck_assert_str_eq(str_at(r, "errors.1.message"),
                     "Variable \"$ids\" got invalid value \"x\" at \"ids[0]\"; Expected type \"UUID\". Invalid UUID");
    cJSON_Delete(r);
    /* a single value is coerced into a list */
    r = gql(q, "{\"s\": \"acme\", \"ids\": \"" OPP1 "\"}");
    no_errors(r);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.totalCount"), 1);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_read_records)
{
    cJSON *r = gql("{ opportunities(orderBy: [{position: AscNullsFirst}]) { totalCount edges { node { id name stage "
                   "position closeDate amount { amountMicros currencyCode } company { name } createdBy { source name } "
                   "__typename } cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
                   NULL);
    no_errors(r);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.totalCount"), 4);
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.name"), "Acme renewal");
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.stage"), "NEW");
    ck_assert(num_at(r, "data.opportunities.edges.0.node.amount.amountMicros") == 1e9); /* a number */
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.closeDate"), "2025-01-10T00:00:00.000Z");
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.company.name"), "Acme Corp");
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.createdBy.source"), "API");
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.createdBy.name"), "test key");
    ck_assert_str_eq(str_at(r, "data.opportunities.edges.0.node.__typename"), "Opportunity");
    ck_assert(cJSON_IsNull(at(r, "data.opportunities.edges.3.node.company")));
    ck_assert(cJSON_IsNull(at(r, "data.opportunities.edges.3.node.amount.amountMicros")));
    ck_assert(cJSON_IsFalse(at(r, "data.opportunities.pageInfo.hasNextPage")));
    ck_assert_str_eq(str_at(r, "data.opportunities.pageInfo.endCursor"), str_at(r, "data.opportunities.edges.3.cursor"));
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_filters_paging_and_aliases)
{
    cJSON *r = gql("query P($after: String) { page: opportunities(first: 2, after: $after, orderBy: [{amount: {amountMicros: "
                   "DescNullsLast}}], filter: {or: [{stage: {eq: NEW}}, {amount: {currencyCode: {eq: \"EUR\"}}}]}) {"
                   " totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }",
                   NULL);
    no_errors(r);
    ck_assert_int_eq((int)num_at(r, "data.page.totalCount"), 3);
    ck_assert_str_eq(str_at(r, "data.page.edges.0.node.name"), "Globex expansion");
    ck_assert_str_eq(str_at(r, "data.page.edges.1.node.name"), "Acme upsell");
    ck_assert(cJSON_IsTrue(at(r, "data.page.pageInfo.hasNextPage")));
    char vars[512];
    snprintf(vars, sizeof vars, "{\"after\": \"%s\"}", str_at(r, "data.page.pageInfo.endCursor"));
    cJSON_Delete(r);
    r = gql("query P($after: String) { page: opportunities(first: 2, after: $after, orderBy: [{amount: {amountMicros: "
            "DescNullsLast}}], filter: {or: [{stage: {eq: NEW}}, {amount: {currencyCode: {eq: \"EUR\"}}}]}) {"
            " edges { node { name } } pageInfo { hasNextPage } } }",
            vars);
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.page.edges.0.node.name"), "Acme renewal");
    ck_assert_int_eq(cJSON_GetArraySize(at(r, "data.page.edges")), 1);
    ck_assert(cJSON_IsFalse(at(r, "data.page.pageInfo.hasNextPage")));
    cJSON_Delete(r);
    r = gql("{ x: opportunities(filter: {name: {ilike: \"%ACME%\"}, not: {position: {gt: 1}}}) { totalCount }"
            " y: opportunities(filter: {closeDate: {is: NULL}}) { totalCount } }", NULL);
    no_errors(r);
    ck_assert_int_eq((int)num_at(r, "data.x.totalCount"), 1);
    ck_assert_int_eq((int)num_at(r, "data.y.totalCount"), 2);
    cJSON_Delete(r);
    r = gql("{ opportunities(first: 1, last: 1) { totalCount } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Cannot provide both first and last");
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "BAD_USER_INPUT");
    ck_assert_str_eq(str_at(r, "errors.0.path.0"), "opportunities");
    ck_assert(cJSON_IsNull(at(r, "data.opportunities")));
    cJSON_Delete(r);
    /* a rejection from Twenty's filter layer */
    r = gql("{ opportunities(filter: {id: {eq: \"not-a-uuid\"}}) { totalCount } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "BAD_USER_INPUT");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_aggregates)
{
    cJSON *r = gql("{ opportunities { totalCount sumAmountAmountMicros avgAmountAmountMicros minAmountAmountMicros "
                   "maxAmountAmountMicros countEmptyCloseDate minCloseDate maxCloseDate percentageEmptyCloseDate } "
                   "won: opportunities(filter: {stage: {eq: NEW}}) { sumAmountAmountMicros totalCount } }",
                   NULL);
    no_errors(r);
    ck_assert(num_at(r, "data.opportunities.sumAmountAmountMicros") == 8e9);
    ck_assert(num_at(r, "data.opportunities.maxAmountAmountMicros") == 5e9);
    ck_assert(num_at(r, "data.opportunities.minAmountAmountMicros") == 1e9);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.countEmptyCloseDate"), 2);
    ck_assert_str_eq(str_at(r, "data.opportunities.minCloseDate"), "2025-01-10T00:00:00.000Z");
    ck_assert(num_at(r, "data.won.sumAmountAmountMicros") == 3e9);
    ck_assert_int_eq((int)num_at(r, "data.won.totalCount"), 2);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_group_by)
{
    cJSON *r = gql("{ opportunitiesGroupBy(groupBy: [{stage: true}, {amount: {currencyCode: true}}], "
                   "orderByForRecords: [{position: DescNullsLast}]) { groupByDimensionValues totalCount "
                   "sumAmountAmountMicros edges { node { name } } } }",
                   NULL);
    no_errors(r);
    const cJSON *g = at(r, "data.opportunitiesGroupBy");
    ck_assert_int_eq(cJSON_GetArraySize(g), 3);
    ck_assert_str_eq(str_at(g, "0.groupByDimensionValues.0"), "NEW");
    ck_assert_str_eq(str_at(g, "0.groupByDimensionValues.1"), "USD");
    ck_assert_int_eq((int)num_at(g, "0.totalCount"), 2);
    ck_assert(num_at(g, "0.sumAmountAmountMicros") == 3e9);
    ck_assert_str_eq(str_at(g, "0.edges.0.node.name"), "Acme upsell"); /* records by position DESC */
    ck_assert_str_eq(str_at(g, "1.groupByDimensionValues.0"), "MEETING");
    ck_assert_str_eq(str_at(g, "2.groupByDimensionValues.0"), "CUSTOMER");
    ck_assert(cJSON_IsNull(at(g, "2.groupByDimensionValues.1")));
    cJSON_Delete(r);
    r = gql("{ opportunitiesGroupBy(groupBy: [{stage: true, name: true}]) { totalCount } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "You cannot provide multiple fields in one GroupByInput, split "
                                                    "them into multiple GroupByInput");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_mutations)
{
    cJSON *r = gql("mutation U($id: UUID!, $input: OpportunityUpdateInput!) { updateOpportunity(id: $id, data: $input) {"
                   " id stage position amount { amountMicros } } }",
                   "{\"id\": \"" OPP4 "\", \"input\": {\"stage\": \"MEETING\", \"position\": 2.5, \"amount\": "
                   "{\"amountMicros\": 7000000, \"currencyCode\": \"USD\"}}}");
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.updateOpportunity.stage"), "MEETING");
    ck_assert(num_at(r, "data.updateOpportunity.position") == 2.5);
    ck_assert(num_at(r, "data.updateOpportunity.amount.amountMicros") == 7e6);
    cJSON_Delete(r);
    /* soft delete hides the record; the trash shows it; restore brings it back */
    r = gql("mutation { deleteOpportunity(id: \"" OPP1 "\") { id deletedAt } }", NULL);
    no_errors(r);
    ck_assert(cJSON_IsString(at(r, "data.deleteOpportunity.deletedAt")));
    cJSON_Delete(r);
    r = gql("{ live: opportunities { totalCount } trash: opportunities(filter: {deletedAt: {is: NOT_NULL}}) "
            "{ totalCount edges { node { id } } } }", NULL);
    ck_assert_int_eq((int)num_at(r, "data.live.totalCount"), 3);
    ck_assert_int_eq((int)num_at(r, "data.trash.totalCount"), 1);
    ck_assert_str_eq(str_at(r, "data.trash.edges.0.node.id"), OPP1);
    cJSON_Delete(r);
    r = gql("mutation { restoreOpportunity(id: \"" OPP1 "\") { id deletedAt } }", NULL);
    no_errors(r);
    ck_assert(cJSON_IsNull(at(r, "data.restoreOpportunity.deletedAt")));
    cJSON_Delete(r);
    /* destroy returns the record as it was, then it is gone */
    r = gql("mutation { destroyOpportunity(id: \"" OPP3 "\") { id name company { name } } }", NULL);
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.destroyOpportunity.name"), "Globex expansion");
    ck_assert_str_eq(str_at(r, "data.destroyOpportunity.company.name"), "Globex");
    cJSON_Delete(r);
    r = gql("{ opportunity(filter: {id: {eq: \"" OPP3 "\"}}) { id } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Record not found");
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "NOT_FOUND");
    cJSON_Delete(r);
    r = gql("mutation { updateOpportunity(id: \"" OPP3 "\", data: {name: \"x\"}) { id } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "NOT_FOUND");
    ck_assert(cJSON_IsNull(at(r, "data.updateOpportunity")));
    cJSON_Delete(r);
    /* many: soft-delete by filter */
    r = gql("mutation { deleteOpportunities(filter: {companyId: {eq: \"" ACME "\"}}) { id } }", NULL);
    no_errors(r);
    ck_assert_int_eq(cJSON_GetArraySize(at(r, "data.deleteOpportunities")), 2);
    ck_assert_str_eq(str_at(r, "data.deleteOpportunities.0.id"), OPP1);
    cJSON_Delete(r);
    r = gql("{ opportunities { totalCount } }", NULL);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.totalCount"), 1);
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_create_defaults_and_store_errors)
{
    cJSON *r = gql("mutation { createOpportunity(data: {name: \"Fresh\"}) { name stage position } }", NULL);
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.createOpportunity.stage"), "NEW");
    ck_assert(num_at(r, "data.createOpportunity.position") == 0); /* min(1..4) - 1 */
    cJSON_Delete(r);
    r = gql("mutation { createOpportunity(data: {id: \"" OPP1 "\"}) { id } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.extensions.code"), "BAD_USER_INPUT");
    ck_assert(cJSON_IsNull(at(r, "data.createOpportunity")));
    cJSON_Delete(r);
    /* upsert updates the existing record */
    r = gql("mutation { createOpportunity(upsert: true, data: {id: \"" OPP1 "\", name: \"Renamed\"}) { id name } }", NULL);
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.createOpportunity.name"), "Renamed");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_relations_both_ways)
{
    cJSON *r = gql("{ company(filter: {name: {eq: \"Acme Corp\"}}) { name domainName { primaryLinkUrl } "
                   "opportunities(orderBy: [{position: DescNullsLast}]) { totalCount edges { node { name } } } } }",
                   NULL);
    no_errors(r);
    ck_assert_str_eq(str_at(r, "data.company.domainName.primaryLinkUrl"), "https://www.acme.com/");
    ck_assert_int_eq((int)num_at(r, "data.company.opportunities.totalCount"), 2);
    ck_assert_str_eq(str_at(r, "data.company.opportunities.edges.0.node.name"), "Acme upsell");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_fragments_and_directives)
{
    cJSON *r = gql("query Q($skip: Boolean!) { opportunities(first: 1) { ...Totals edges @skip(if: $skip) { cursor } "
                   "... on OpportunityConnection { pageInfo @include(if: false) { hasNextPage } } } }\n"
                   "fragment Totals on OpportunityConnection { totalCount }",
                   "{\"skip\": true}");
    no_errors(r);
    ck_assert_int_eq((int)num_at(r, "data.opportunities.totalCount"), 4);
    ck_assert_ptr_null(at(r, "data.opportunities.edges"));
    ck_assert_ptr_null(at(r, "data.opportunities.pageInfo"));
    cJSON_Delete(r);
    r = gql("query A { __typename } query B { opportunities { totalCount } }", NULL);
    ck_assert_str_eq(str_at(r, "errors.0.message"), "Must provide operation name if query contains multiple operations.");
    cJSON_Delete(r);
}
END_TEST

START_TEST(test_metadata)
{
    cJSON *r = gql_at("/metadata", "{ objects(paging: {first: 1000}) { edges { node { id nameSingular namePlural "
                                   "labelSingular fieldsList { id name type label isNullable defaultValue options } } } } }",
                      NULL);
    no_errors(r);
    const cJSON *opp = NULL;
    const cJSON *edges = at(r, "data.objects.edges");
    for (const cJSON *e = edges ? edges->child : NULL; e; e = e->next)
        if (!strcmp(str_at(e, "node.nameSingular"), "opportunity"))
            opp = at(e, "node");
    ck_assert_ptr_nonnull(opp);
    ck_assert_int_eq(cJSON_GetArraySize(edges), 4);
    const cJSON *stage = NULL;
    for (const cJSON *f = at(opp, "fieldsList")->child; f; f = f->next)
        if (!strcmp(str_at(f, "name"), "stage"))
            stage = f;
    ck_assert_ptr_nonnull(stage);
    ck_assert_str_eq(str_at(stage, "type"), "SELECT");
    ck_assert_str_eq(str_at(stage, "defaultValue"), "'NEW'");
    ck_assert(cJSON_IsFalse(at(stage, "isNullable")));
    ck_assert_str_eq(str_at(stage, "options.0.value"), "NEW");
    ck_assert_str_eq(str_at(stage, "options.4.value"), "CUSTOMER");
    cJSON_Delete(r);
    /* the older form: fields(paging) inside node; without paging only 10 come back */
    r = gql_at("/metadata", "{ objects { edges { node { nameSingular all: fields(paging: {first: 1000}) { edges "
                            "{ node { name } } } ten: fields { edges { cursor } pageInfo { hasNextPage } } } } } }",
               NULL);
    no_errors(r);
    ck_assert_int_eq(cJSON_GetArraySize(at(r, "data.objects.edges.0.node.ten.edges")), 10);
    ck_assert(cJSON_IsTrue(at(r, "data.objects.edges.0.node.ten.pageInfo.hasNextPage")));
    ck_assert_int_gt(cJSON_GetArraySize(at(r, "data.objects.edges.0.node.all.edges")), 10);
    ck_assert_str_eq(str_at(r, "data.objects.edges.0.node.ten.edges.0.cursor"), "YXJyYXljb25uZWN0aW9uOjA=");
    cJSON_Delete(r);
}
END_TEST

static Suite *exec_suite(void)
{
    Suite *s = suite_create("gql_exec");
    TCase *tc = tcase_create("exec");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_yoga_request_errors);
    tcase_add_test(tc, test_get_requests);
    tcase_add_test(tc, test_parse_and_validation_errors);
    tcase_add_test(tc, test_variable_errors);
    tcase_add_test(tc, test_read_records);
    tcase_add_test(tc, test_filters_paging_and_aliases);
    tcase_add_test(tc, test_aggregates);
    tcase_add_test(tc, test_group_by);
    tcase_add_test(tc, test_mutations);
    tcase_add_test(tc, test_create_defaults_and_store_errors);
    tcase_add_test(tc, test_relations_both_ways);
    tcase_add_test(tc, test_fragments_and_directives);
    tcase_add_test(tc, test_metadata);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(exec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
