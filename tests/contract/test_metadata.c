/* test_metadata.c - contract 3 and 4: REST /rest/metadata/objects and
 * /fields (paging included), GraphQL POST /metadata, and the stage options
 * in position order for the default, demo and FILE stage sets; records
 * follow the active set (defaults, filters, validation). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/ctest.h"

static char stages_file[256];

static void up_default(void)
{
    ct_server_start((const char *const[]){"--seed", "30", NULL});
}

static void up_demo(void)
{
    ct_server_start((const char *const[]){"--seed", "60", "--stages", "demo", NULL});
}

static void up_file(void)
{
    snprintf(stages_file, sizeof stages_file, "/tmp/ct-stages-%d.json", (int)getpid());
    FILE *f = fopen(stages_file, "w");
    ck_assert_msg(f != NULL, "cannot write %s", stages_file);
    fputs("[{\"value\":\"LEAD\",\"label\":\"Lead\",\"color\":\"blue\",\"position\":2},"
          "{\"value\":\"COLD\",\"label\":\"Cold call\",\"color\":\"gray\",\"position\":0},"
          "{\"value\":\"WON\",\"label\":\"Won \xf0\x9f\x8e\x89\",\"color\":\"green\",\"position\":1}]",
          f);
    fclose(f);
    ct_server_start((const char *const[]){"--seed", "0", "--stages", stages_file, NULL});
}

static void down(void)
{
    ct_server_stop();
    if (stages_file[0])
        unlink(stages_file);
    stages_file[0] = '\0';
}

typedef struct opt {
    const char *value, *label, *color;
    int position;
} opt;

static const opt DEFAULT_OPTS[] = {{"NEW", "New", "red", 0},
                                   {"SCREENING", "Screening", "purple", 1},
                                   {"MEETING", "Meeting", "sky", 2},
                                   {"PROPOSAL", "Proposal", "turquoise", 3},
                                   {"CUSTOMER", "Customer", "yellow", 4}};
static const opt DEMO_OPTS[] = {{"DISCOVERY", NULL, NULL, 0},
                                {"PROPOSAL", NULL, NULL, 1},
                                {"NEGOTIATION", NULL, NULL, 2},
                                {"CLOSED_WON", NULL, NULL, 3},
                                {"CLOSED_LOST", NULL, NULL, 4}};
static const opt FILE_OPTS[] = {{"COLD", "Cold call", "gray", 0},
                                {"WON", "Won \xf0\x9f\x8e\x89", "green", 1},
                                {"LEAD", "Lead", "blue", 2}};

/* The id of the opportunity object from /rest/metadata/objects. */
static char *opportunity_object_id(void)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/metadata/objects", NULL);
    ck_assert_msg(r.status == 200, "objects: %s", ct_show(&r));
    const cJSON *o;
    char *id = NULL;
    cJSON_ArrayForEach(o, ct_j(r.json, "data.objects"))
    {
        const char *n = ct_jstr(o, "nameSingular");
        if (n && strcmp(n, "opportunity") == 0)
            id = strdup(ct_jstr(o, "id"));
    }
    ck_assert_msg(id, "no opportunity object: %s", ct_show(&r));
    cthttp_resp_free(&r);
    return id;
}

/* Pages /rest/metadata/fields until the opportunity's stage field shows up (a copy). */
static cJSON *stage_field_rest(void)
{
    char *obj = opportunity_object_id();
    cJSON *found = NULL;
    char *cursor = NULL;
    for (int page = 0; page < 100 && !found; page++) {
        cthttp_resp r;
        if (cursor)
            cthttp_get(ct_client(), &r, "/rest/metadata/fields", "limit", "20", "starting_after", cursor, NULL);
        else
            cthttp_get(ct_client(), &r, "/rest/metadata/fields", "limit", "20", NULL);
        ck_assert_msg(r.status == 200, "fields: %s", ct_show(&r));
        const cJSON *arr = ct_j(r.json, "data.fields");
        ck_assert_msg(cJSON_IsArray(arr), "{data:{fields:[…]}}: %s", ct_show(&r));
        ck_assert_msg(cJSON_GetArraySize(arr) <= 20, "fields honours limit");
        ck_assert_msg(ct_j(r.json, "pageInfo") && ct_j(r.json, "totalCount"), "fields has pageInfo and totalCount");
        const cJSON *f;
        cJSON_ArrayForEach(f, arr)
        {
            const char *name = ct_jstr(f, "name");
            const char *owner = ct_jstr(f, "objectMetadataId");
            if (name && strcmp(name, "stage") == 0 && (!owner || strcmp(owner, obj) == 0))
                found = cJSON_Duplicate(f, 1);
        }
        free(cursor);
        cursor = NULL;
        bool more = cJSON_IsTrue(ct_j(r.json, "pageInfo.hasNextPage"));
        if (more && ct_jstr(r.json, "pageInfo.endCursor"))
            cursor = strdup(ct_jstr(r.json, "pageInfo.endCursor"));
        cthttp_resp_free(&r);
        if (!cursor)
            break;
    }
    free(cursor);
    free(obj);
    ck_assert_msg(found, "no stage field in /rest/metadata/fields");
    return found;
}

static void assert_options(const cJSON *options, const opt *want, int n, bool check_order, const char *where)
{
    ck_assert_msg(cJSON_GetArraySize(options) == n, "%s: %d options, expected %d", where,
                  cJSON_GetArraySize(options), n);
    for (int i = 0; i < n; i++) {
        const cJSON *o = NULL;
        if (check_order) {
            o = cJSON_GetArrayItem(options, i);
        } else {
            const cJSON *it;
            cJSON_ArrayForEach(it, options)
            {
                if (ct_jstr(it, "value") && strcmp(ct_jstr(it, "value"), want[i].value) == 0)
                    o = it;
            }
        }
        ck_assert_msg(o && ct_jstr(o, "value") && strcmp(ct_jstr(o, "value"), want[i].value) == 0,
                      "%s: option %d should be %s", where, i, want[i].value);
        if (want[i].label)
            ck_assert_msg(ct_jstr(o, "label") && strcmp(ct_jstr(o, "label"), want[i].label) == 0,
                          "%s: %s label '%s', expected '%s'", where, want[i].value,
                          ct_jstr(o, "label") ? ct_jstr(o, "label") : "(none)", want[i].label);
        else
            ck_assert_msg(ct_jstr(o, "label") && *ct_jstr(o, "label"), "%s: %s has a label", where, want[i].value);
        if (want[i].color)
            ck_assert_msg(ct_jstr(o, "color") && strcmp(ct_jstr(o, "color"), want[i].color) == 0,
                          "%s: %s color '%s', expected '%s'", where, want[i].value,
                          ct_jstr(o, "color") ? ct_jstr(o, "color") : "(none)", want[i].color);
        else
            ck_assert_msg(ct_jstr(o, "color"), "%s: %s has a color", where, want[i].value);
        double pos = -1;
        ck_assert_msg(ct_jnum(o, "position", &pos) && (int)pos == want[i].position,
                      "%s: %s position %g, expected %d", where, want[i].value, pos, want[i].position);
        ck_assert_msg(ct_is_uuid(ct_jstr(o, "id")), "%s: option %s has a UUID id", where, want[i].value);
    }
}

static void assert_stage_field(const opt *want, int n, const char *default_value)
{
    cJSON *f = stage_field_rest();
    ck_assert_str_eq(ct_jstr(f, "type"), "SELECT");
    ck_assert_msg(cJSON_IsFalse(ct_j(f, "isNullable")), "stage is not nullable");
    ck_assert_msg(ct_jstr(f, "label") != NULL, "stage has a label");
    ck_assert_msg(ct_is_uuid(ct_jstr(f, "id")), "stage field has a UUID id");
    if (default_value)
        ck_assert_msg(ct_jstr(f, "defaultValue") && strcmp(ct_jstr(f, "defaultValue"), default_value) == 0,
                      "defaultValue is SQL-quoted %s, got %s", default_value,
                      ct_jstr(f, "defaultValue") ? ct_jstr(f, "defaultValue") : "(none)");
    assert_options(ct_j(f, "options"), want, n, true, "REST fields");
    cJSON_Delete(f);
}

static void assert_stage_field_graphql(const opt *want, int n)
{
    cthttp_resp r;
    cthttp_graphql(ct_client(), &r, "/metadata",
                   "query { objects(paging:{first:1000}) { edges { node { id nameSingular "
                   "fieldsList { id name type label isNullable defaultValue options } } } } }",
                   NULL);
    ck_assert_msg(r.status == 200 && !ct_j(r.json, "errors"), "metadata GraphQL: %s", ct_show(&r));
    const cJSON *stage = NULL;
    const cJSON *e;
    cJSON_ArrayForEach(e, ct_j(r.json, "data.objects.edges"))
    {
        if (!ct_jstr(e, "node.nameSingular") || strcmp(ct_jstr(e, "node.nameSingular"), "opportunity") != 0)
            continue;
        const cJSON *f;
        cJSON_ArrayForEach(f, ct_j(e, "node.fieldsList"))
        {
            if (ct_jstr(f, "name") && strcmp(ct_jstr(f, "name"), "stage") == 0)
                stage = f;
        }
    }
    ck_assert_msg(stage, "no opportunity.stage in GraphQL metadata: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(stage, "type"), "SELECT");
    ck_assert(cJSON_IsFalse(ct_j(stage, "isNullable")));
    /* clients sort by position; the values and positions must match */
    assert_options(ct_j(stage, "options"), want, n, false, "GraphQL /metadata");
    cthttp_resp_free(&r);
}

/* ---- default ---- */

START_TEST(objects_list_and_get)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/metadata/objects", NULL);
    ct_assert_status(&r, 200);
    const char *names[] = {"opportunity", "company", "person", "workspaceMember"};
    const char *plurals[] = {"opportunities", "companies", "people", "workspaceMembers"};
    for (int i = 0; i < 4; i++) {
        bool found = false;
        const cJSON *o;
        cJSON_ArrayForEach(o, ct_j(r.json, "data.objects"))
        {
            if (ct_jstr(o, "nameSingular") && strcmp(ct_jstr(o, "nameSingular"), names[i]) == 0) {
                found = true;
                ck_assert_msg(ct_jstr(o, "namePlural") && strcmp(ct_jstr(o, "namePlural"), plurals[i]) == 0,
                              "%s namePlural", names[i]);
                ck_assert_msg(ct_is_uuid(ct_jstr(o, "id")), "%s id", names[i]);
            }
        }
        ck_assert_msg(found, "object %s missing: %s", names[i], ct_show(&r));
    }
    double total = -1;
    ck_assert_msg(ct_jnum(r.json, "totalCount", &total) && (int)total >= 4, "totalCount");
    ck_assert_msg(cJSON_IsObject(ct_j(r.json, "pageInfo")), "pageInfo");
    cthttp_resp_free(&r);

    char *id = opportunity_object_id();
    char path[128];
    snprintf(path, sizeof path, "/rest/metadata/objects/%s", id);
    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(ct_jstr(r.json, "data.object.nameSingular") &&
                      strcmp(ct_jstr(r.json, "data.object.nameSingular"), "opportunity") == 0,
                  "{data:{object:{…}}}: %s", ct_show(&r));
    ck_assert_str_eq(ct_jstr(r.json, "data.object.id"), id);
    cthttp_resp_free(&r);
    free(id);
}
END_TEST

START_TEST(default_stage_options)
{
    assert_stage_field(DEFAULT_OPTS, 5, "'NEW'");
    assert_stage_field_graphql(DEFAULT_OPTS, 5);
}
END_TEST

START_TEST(fields_paging_sees_every_field_once)
{
    int seen = 0;
    double total = -1;
    char *cursor = NULL;
    char ids[400][37];
    for (int page = 0; page < 100; page++) {
        cthttp_resp r;
        if (cursor)
            cthttp_get(ct_client(), &r, "/rest/metadata/fields", "limit", "7", "starting_after", cursor, NULL);
        else
            cthttp_get(ct_client(), &r, "/rest/metadata/fields", "limit", "7", NULL);
        ct_assert_status(&r, 200);
        ck_assert(ct_jnum(r.json, "totalCount", &total));
        const cJSON *f;
        cJSON_ArrayForEach(f, ct_j(r.json, "data.fields"))
        {
            const char *id = ct_jstr(f, "id");
            ck_assert(ct_is_uuid(id));
            for (int k = 0; k < seen; k++)
                ck_assert_msg(strcmp(ids[k], id) != 0, "field %s repeated across pages", id);
            ck_assert(seen < 400);
            memcpy(ids[seen++], id, 37);
        }
        free(cursor);
        cursor = NULL;
        if (cJSON_IsTrue(ct_j(r.json, "pageInfo.hasNextPage")))
            cursor = strdup(ct_jstr(r.json, "pageInfo.endCursor"));
        cthttp_resp_free(&r);
        if (!cursor)
            break;
    }
    ck_assert_msg(seen == (int)total && seen > 10, "paged %d fields, totalCount %g", seen, total);
}
END_TEST

/* ---- demo ---- */

START_TEST(demo_stage_options)
{
    assert_stage_field(DEMO_OPTS, 5, "'DISCOVERY'");
    assert_stage_field_graphql(DEMO_OPTS, 5);
}
END_TEST

START_TEST(demo_records_use_demo_stages)
{
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(all), 60);
    const cJSON *it;
    cJSON_ArrayForEach(it, all)
    {
        const char *st = ct_jstr(it, "stage");
        bool ok = false;
        for (int i = 0; i < 5; i++)
            ok |= st && strcmp(st, DEMO_OPTS[i].value) == 0;
        ck_assert_msg(ok, "seeded stage %s is not a demo option", st ? st : "(null)");
    }
    cJSON_Delete(all);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"name\":\"demo default\"}", NULL);
    ct_assert_status(&r, 201);
    ck_assert_str_eq(ct_jstr(r.json, "data.createOpportunity.stage"), "DISCOVERY");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "stage[eq]:NEW", NULL);
    ct_assert_error(&r, 400, "BadRequestException",
                    "Invalid select value \"NEW\" for field \"stage\". Valid options: DISCOVERY, PROPOSAL, "
                    "NEGOTIATION, CLOSED_WON, CLOSED_LOST");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"MEETING\"}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'MEETING' for field \"stage\"");
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"CLOSED_WON\"}", NULL);
    ct_assert_status(&r, 201);
    cthttp_resp_free(&r);
}
END_TEST

/* ---- file ---- */

START_TEST(file_stage_options_in_position_order)
{
    assert_stage_field(FILE_OPTS, 3, NULL);
    assert_stage_field_graphql(FILE_OPTS, 3);
    cthttp_resp r;
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"LEAD\"}", NULL);
    ct_assert_status(&r, 201);
    cthttp_resp_free(&r);
    cthttp_send(ct_client(), &r, "POST", "/rest/opportunities", "{\"stage\":\"NEW\"}", NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid value 'NEW' for field \"stage\"");
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", "stage[eq]:LEAD", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(ct_jlen(r.json, "data.opportunities"), 1);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(bad_stage_sets_refuse_to_start)
{
    char out[2048];
    int code = simproc_run((const char *const[]){"--port", "0", "--stages", "/nonexistent/stages.json", NULL},
                           out, sizeof out, 5000);
    ck_assert_msg(code != 0 && code != -1, "a missing stages file must fail to start (exit %d): %s", code, out);
    ck_assert_msg(!strstr(out, "listening on"), "no listening line on failure: %s", out);
    char path[256];
    snprintf(path, sizeof path, "/tmp/ct-badstages-%d.json", (int)getpid());
    FILE *f = fopen(path, "w");
    fputs("{\"not\":\"a list\"}", f);
    fclose(f);
    code = simproc_run((const char *const[]){"--port", "0", "--stages", path, NULL}, out, sizeof out, 5000);
    unlink(path);
    ck_assert_msg(code != 0 && code != -1, "a stages file that is not a list must fail (exit %d): %s", code, out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_metadata");
    TCase *d = ct_tcase("default_stages", 30);
    tcase_add_unchecked_fixture(d, up_default, down);
    tcase_add_test(d, objects_list_and_get);
    tcase_add_test(d, default_stage_options);
    tcase_add_test(d, fields_paging_sees_every_field_once);
    suite_add_tcase(s, d);
    TCase *demo = ct_tcase("demo_stages", 30);
    tcase_add_unchecked_fixture(demo, up_demo, down);
    tcase_add_test(demo, demo_stage_options);
    tcase_add_test(demo, demo_records_use_demo_stages);
    suite_add_tcase(s, demo);
    TCase *file = ct_tcase("file_stages", 30);
    tcase_add_unchecked_fixture(file, up_file, down);
    tcase_add_test(file, file_stage_options_in_position_order);
    tcase_add_test(file, bad_stage_sets_refuse_to_start);
    suite_add_tcase(s, file);
    return ct_run(s);
}
