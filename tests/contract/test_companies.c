/* test_companies.c - the related objects: companies, people and
 * workspaceMembers lists and gets, depth=1 embedding of company /
 * pointOfContact / owner in opportunities, FK validation on writes,
 * connect / disconnect, and SET NULL when a company is destroyed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/ctest.h"

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "100", NULL});
}

static void down(void)
{
    ct_server_stop();
}

/* First record id of a list, copied. */
static void first_id(const char *plural, char out[37])
{
    char path[64], key[64];
    snprintf(path, sizeof path, "/rest/%s", plural);
    snprintf(key, sizeof key, "data.%s[0].id", plural);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, path, "limit", "1", NULL);
    ck_assert_msg(r.status == 200 && ct_jstr(r.json, key), "%s: %s", plural, ct_show(&r));
    memcpy(out, ct_jstr(r.json, key), 37);
    cthttp_resp_free(&r);
}

START_TEST(lists_and_gets)
{
    struct {
        const char *plural, *singular;
        int min, max;
    } objs[] = {{"companies", "company", 5, 20}, {"people", "person", 5, 30}, {"workspaceMembers", "workspaceMember", 2, 10}};
    for (int i = 0; i < 3; i++) {
        char path[96], key[64];
        snprintf(path, sizeof path, "/rest/%s", objs[i].plural);
        snprintf(key, sizeof key, "data.%s", objs[i].plural);
        cthttp_resp r;
        cthttp_get(ct_client(), &r, path, "limit", "200", NULL);
        ct_assert_status(&r, 200);
        int n = ct_jlen(r.json, key);
        double total = -1;
        ck_assert_msg(ct_jnum(r.json, "totalCount", &total) && (int)total == n, "%s totalCount", objs[i].plural);
        ck_assert_msg(n >= objs[i].min && n <= objs[i].max, "--seed 100 gives about N/10 %s: got %d",
                      objs[i].plural, n);
        ck_assert_msg(cJSON_IsObject(ct_j(r.json, "pageInfo")), "pageInfo");
        char id[37];
        snprintf(key, sizeof key, "data.%s[%d].id", objs[i].plural, n - 1);
        memcpy(id, ct_jstr(r.json, key), 37);
        snprintf(key, sizeof key, "data.%s[%d]", objs[i].plural, n - 1);
        cJSON *want = cJSON_Duplicate(ct_j(r.json, key), 1);
        cthttp_resp_free(&r);

        snprintf(path, sizeof path, "/rest/%s/%s", objs[i].plural, id);
        cthttp_get(ct_client(), &r, path, NULL);
        ct_assert_status(&r, 200);
        snprintf(key, sizeof key, "data.%s", objs[i].singular);
        ck_assert_msg(cJSON_Compare(want, ct_j(r.json, key), 1), "{data:{%s:{…}}} equals the list row: %s",
                      objs[i].singular, ct_show(&r));
        cthttp_resp_free(&r);
        cJSON_Delete(want);

        snprintf(path, sizeof path, "/rest/%s/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", objs[i].plural);
        cthttp_get(ct_client(), &r, path, NULL);
        ct_assert_error(&r, 404, "NotFoundException", "Record not found");
        cthttp_resp_free(&r);
    }
}
END_TEST

START_TEST(record_shapes)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/companies", "limit", "5", NULL);
    const cJSON *c = ct_j(r.json, "data.companies[0]");
    ck_assert_msg(ct_jstr(c, "name") && *ct_jstr(c, "name"), "company name: %s", ct_show(&r));
    ck_assert_msg(cJSON_IsObject(ct_j(c, "domainName")), "company domainName is a LINKS object");
    ck_assert_msg(!ct_j(c, "opportunities") && !ct_j(c, "people"), "no relations at depth 0");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/people", "limit", "5", NULL);
    const cJSON *p = ct_j(r.json, "data.people[0]");
    ck_assert_msg(cJSON_IsObject(ct_j(p, "name")) && ct_jstr(p, "name.firstName") && ct_jstr(p, "name.lastName"),
                  "person name is a FULL_NAME object: %s", ct_show(&r));
    ck_assert_msg(cJSON_IsObject(ct_j(p, "emails")), "person emails is an EMAILS object");
    ck_assert_msg(ct_j(p, "companyId") != NULL, "person companyId FK");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/workspaceMembers", "limit", "5", NULL);
    const cJSON *m = ct_j(r.json, "data.workspaceMembers[0]");
    ck_assert_msg(ct_jstr(m, "name.firstName"), "member name is a FULL_NAME object: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(depth_1_embeds_the_related_records)
{
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, "depth", "1");
    int with[3] = {0, 0, 0};
    const char *rel[3] = {"company", "pointOfContact", "owner"};
    const char *fk[3] = {"companyId", "pointOfContactId", "ownerId"};
    const char *plural[3] = {"companies", "people", "workspaceMembers"};
    const char *single[3] = {"company", "person", "workspaceMember"};
    const cJSON *o;
    cJSON_ArrayForEach(o, all)
    {
        for (int i = 0; i < 3; i++) {
            const char *id = ct_jstr(o, fk[i]);
            const cJSON *emb = ct_j(o, rel[i]);
            if (!id) {
                ck_assert_msg(cJSON_IsNull(emb), "%s null when %s is null", rel[i], fk[i]);
                continue;
            }
            with[i]++;
            ck_assert_msg(cJSON_IsObject(emb), "%s embedded as an object", rel[i]);
            ck_assert_str_eq(ct_jstr(emb, "id"), id);
            if (with[i] <= 3) {
                /* the embedded record is the record at depth 0 */
                char path[128], key[64];
                snprintf(path, sizeof path, "/rest/%s/%s", plural[i], id);
                snprintf(key, sizeof key, "data.%s", single[i]);
                cthttp_resp r;
                cthttp_get(ct_client(), &r, path, NULL);
                ct_assert_status(&r, 200);
                ck_assert_msg(cJSON_Compare(emb, ct_j(r.json, key), 1),
                              "embedded %s equals GET %s at depth 0: %s", rel[i], path, ct_show(&r));
                cthttp_resp_free(&r);
            }
        }
    }
    for (int i = 0; i < 3; i++)
        ck_assert_msg(with[i] > 0, "the seed links some opportunities to a %s", rel[i]);
    cJSON_Delete(all);
}
END_TEST

START_TEST(fk_validation_on_write)
{
    cthttp_resp r;
    const char *bad[] = {"{\"companyId\":\"0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}",
                         "{\"pointOfContactId\":\"0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}",
                         "{\"ownerId\":\"0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}", "{\"companyId\":\"acme\"}",
                         "{\"companyId\":42}"};
    for (int i = 0; i < 5; i++) {
        cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", bad[i], NULL);
        char why[512];
        ck_assert_msg(ct_error_matches(&r, 400, "BadRequestException", NULL, false, why, sizeof why),
                      "%s: %s for %s", bad[i], why, ct_show(&r));
        cthttp_resp_free(&r);
    }
    char company[37], person[37], member[37];
    first_id("companies", company);
    first_id("people", person);
    first_id("workspaceMembers", member);
    char body[512];
    snprintf(body, sizeof body, "{\"name\":\"linked\",\"companyId\":\"%s\",\"pointOfContactId\":\"%s\",\"ownerId\":\"%s\"}",
             company, person, member);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", body, "depth", "1", NULL);
    ct_assert_status(&r, 201);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunity.company.id"), company);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunity.pointOfContact.id"), person);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunity.owner.id"), member);
    char id[37];
    memcpy(id, ct_jstr(r.json, "data.createOpportunity.id"), 37);
    cthttp_resp_free(&r);

    char path[128];
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"companyId\":\"0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}", NULL);
    ct_assert_error(&r, 400, "BadRequestException", NULL);
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"companyId\":null}", NULL);
    ct_assert_status(&r, 200);
    ck_assert(ct_jnull(r.json, "data.updateOpportunity.companyId"));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(connect_and_disconnect)
{
    char company[37];
    first_id("companies", company);
    char body[256], id[37], path[128];
    snprintf(body, sizeof body, "{\"name\":\"connected\",\"company\":{\"connect\":{\"where\":{\"id\":\"%s\"}}}}", company);
    ct_create("opportunities", body, id);
    snprintf(path, sizeof path, "/rest/opportunities/%s", id);
    cthttp_resp r;
    cthttp_get(ct_client(), &r, path, NULL);
    ck_assert_msg(ct_jstr(r.json, "data.opportunity.companyId") &&
                      strcmp(ct_jstr(r.json, "data.opportunity.companyId"), company) == 0,
                  "connect sets companyId: %s", ct_show(&r));
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "PATCH", path, "{\"company\":{\"disconnect\":true}}", NULL);
    ct_assert_status(&r, 200);
    ck_assert(ct_jnull(r.json, "data.updateOpportunity.companyId"));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(destroying_a_company_sets_fks_to_null)
{
    char company[37], opp[37], body[256];
    ct_create("companies", "{\"name\":\"Short-lived Ltd\"}", company);
    snprintf(body, sizeof body, "{\"name\":\"orphan\",\"companyId\":\"%s\"}", company);
    ct_create("opportunities", body, opp);
    char path[128];
    snprintf(path, sizeof path, "/rest/companies/%s", company);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "DELETE", path, NULL, NULL);
    ct_assert_status(&r, 200);
    ck_assert_str_eq(ct_jstr(r.json, "data.deleteCompany.id"), company);
    cthttp_resp_free(&r);
    snprintf(path, sizeof path, "/rest/opportunities/%s", opp);
    cthttp_get(ct_client(), &r, path, "depth", "1", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(ct_jnull(r.json, "data.opportunity.companyId") && ct_jnull(r.json, "data.opportunity.company"),
                  "companyId is SET NULL on delete: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_companies");
    TCase *tc = ct_tcase("related_objects", 30);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, lists_and_gets);
    tcase_add_test(tc, record_shapes);
    tcase_add_test(tc, depth_1_embeds_the_related_records);
    tcase_add_test(tc, fk_validation_on_write);
    tcase_add_test(tc, connect_and_disconnect);
    tcase_add_test(tc, destroying_a_company_sets_fks_to_null);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
