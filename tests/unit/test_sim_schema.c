/* test_sim_schema.c - twenty-sim's objects, fields, slots, stage sets (built-in
 * and from a file) and Twenty's error bodies. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sim/error.h"
#include "sim/schema.h"
#include "sim/store.h"

static char g_dir[64];

static void make_dir(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/pipeboard-schema-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(g_dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to a file in the test directory; returns its path (static). */
static const char *write_file(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

START_TEST(default_stages_are_twentys_five)
{
    sim_schema s;
    sim_error e = {0};
    ck_assert(sim_schema_init(&s, "default", &e));
    ck_assert_int_eq(s.nstages, 5);
    static const char *const v[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};
    static const char *const l[] = {"New", "Screening", "Meeting", "Proposal", "Customer"};
    static const char *const c[] = {"red", "purple", "sky", "turquoise", "yellow"};
    for (int i = 0; i < 5; i++) {
        ck_assert_str_eq(s.stages[i].value, v[i]);
        ck_assert_str_eq(s.stages[i].label, l[i]);
        ck_assert_str_eq(s.stages[i].color, c[i]);
        ck_assert_int_eq(s.stages[i].position, i);
        ck_assert_int_eq((int)strlen(s.stages[i].id), 36);
    }
    ck_assert_int_eq(s.default_stage, 0);
    const sim_field *stage = sim_object_field(sim_schema_object(&s, SIM_OBJ_OPPORTUNITY), "stage");
    ck_assert_ptr_nonnull(stage);
    ck_assert_int_eq(stage->type, SF_SELECT);
    ck_assert(!stage->nullable);
    ck_assert_str_eq(stage->default_value, "'NEW'");
    char list[200];
    sim_schema_stage_list(&s, list, sizeof list);
    ck_assert_str_eq(list, "NEW, SCREENING, MEETING, PROPOSAL, CUSTOMER");
    ck_assert_int_eq(sim_schema_stage_index(&s, "MEETING"), 2);
    ck_assert_int_eq(sim_schema_stage_index(&s, "meeting"), -1); /* case-sensitive */
    ck_assert_int_eq(sim_schema_stage_index(&s, "CLOSED_WON"), -1);
    sim_schema_free(&s);
}
END_TEST

START_TEST(demo_stages_default_to_discovery)
{
    sim_schema s;
    sim_error e = {0};
    ck_assert(sim_schema_init(&s, "demo", &e));
    ck_assert_int_eq(s.nstages, 5);
    ck_assert_str_eq(s.stages[0].value, "DISCOVERY");
    ck_assert_str_eq(s.stages[3].value, "CLOSED_WON");
    ck_assert_str_eq(s.stages[3].label, "Closed won");
    ck_assert_str_eq(s.stages[4].value, "CLOSED_LOST");
    const sim_field *stage = sim_object_field(sim_schema_object(&s, SIM_OBJ_OPPORTUNITY), "stage");
    ck_assert_str_eq(stage->default_value, "'DISCOVERY'");
    char list[20];
    sim_schema_stage_list(&s, list, sizeof list); /* truncates at an item boundary */
    ck_assert_str_eq(list, "DISCOVERY, PROPOSAL");
    sim_schema_free(&s);
}
END_TEST

START_TEST(stage_file_is_sorted_by_position)
{
    make_dir();
    const char *p = write_file("ok.json",
                               "[{\"value\":\"WON\",\"label\":\"Won\",\"color\":\"green\",\"position\":9},"
                               " {\"value\":\"LEAD\",\"label\":\"Lead\",\"color\":\"sky\",\"position\":1},"
                               " {\"value\":\"IN_TALKS_2\",\"label\":\"In talks\",\"position\":3}]");
    sim_schema s;
    sim_error e = {0};
    ck_assert_msg(sim_schema_init(&s, p, &e), "%s", e.message);
    ck_assert_int_eq(s.nstages, 3);
    ck_assert_str_eq(s.stages[0].value, "LEAD");
    ck_assert_str_eq(s.stages[1].value, "IN_TALKS_2");
    ck_assert_str_eq(s.stages[1].color, "gray"); /* color optional */
    ck_assert_str_eq(s.stages[2].value, "WON");
    ck_assert_int_eq(s.default_stage, 0);
    const sim_field *stage = sim_object_field(sim_schema_object(&s, SIM_OBJ_OPPORTUNITY), "stage");
    ck_assert_str_eq(stage->default_value, "'LEAD'");
    sim_schema_free(&s);
    remove_dir();
}
END_TEST

static void expect_bad_file(const char *text, const char *needle)
{
    const char *p = write_file("bad.json", text);
    sim_schema s;
    sim_error e = {0};
    ck_assert_msg(!sim_schema_init(&s, p, &e), "accepted %s", text);
    ck_assert_int_eq(e.status, 400);
    ck_assert_msg(strstr(e.message, needle) != NULL, "'%s' lacks '%s'", e.message, needle);
    ck_assert_msg(strstr(e.message, "bad.json") != NULL, "'%s' lacks the file name", e.message);
}

START_TEST(stage_file_errors_are_clear)
{
    make_dir();
    expect_bad_file("[]", "empty");
    expect_bad_file("{\"value\":\"A\"}", "list");
    expect_bad_file("[{\"value\":\"A\"", "not valid JSON");
    expect_bad_file("[{\"value\":\"closed_won\",\"label\":\"x\"}]", "UPPER_SNAKE_CASE");
    expect_bad_file("[{\"value\":\"Closed Won\",\"label\":\"x\"}]", "UPPER_SNAKE_CASE");
    expect_bad_file("[{\"value\":\"A__B\",\"label\":\"x\"}]", "UPPER_SNAKE_CASE");
    expect_bad_file("[{\"label\":\"x\"}]", "UPPER_SNAKE_CASE");
    expect_bad_file("[{\"value\":\"A\",\"label\":\"a\"},{\"value\":\"A\",\"label\":\"b\"}]", "twice");
    expect_bad_file("[{\"value\":\"A\",\"label\":\"\"}]", "label");
    expect_bad_file("[{\"value\":\"A\",\"label\":\"a\",\"color\":\"chartreuse\"}]", "color");
    expect_bad_file("[{\"value\":\"A\",\"label\":\"a\",\"position\":\"1\"}]", "position");
    expect_bad_file("[3]", "not an object");
    sim_schema s;
    sim_error e = {0};
    ck_assert(!sim_schema_init(&s, "/nonexistent/stages.json", &e));
    ck_assert(strstr(e.message, "cannot read") != NULL);
    remove_dir();
}
END_TEST

START_TEST(objects_and_slots)
{
    sim_schema s;
    sim_error e = {0};
    ck_assert(sim_schema_init(&s, "default", &e));
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        const sim_object *o = sim_schema_object(&s, (sim_obj_kind)k);
        ck_assert_int_eq(o->kind, k);
        ck_assert_str_eq(o->fields[0].name, "id");
        ck_assert_int_eq(o->fields[0].slot, 0);
        /* every slot is used exactly once */
        int seen[64] = {0};
        for (int i = 0; i < o->nfields; i++) {
            const sim_field *f = &o->fields[i];
            if (f->nsub) {
                ck_assert_int_eq(f->slot, -1);
                for (int j = 0; j < f->nsub; j++)
                    seen[f->subs[j].slot]++;
            } else {
                seen[f->slot]++;
            }
        }
        for (int i = 0; i < o->nslots; i++)
            ck_assert_int_eq(seen[i], 1);
        ck_assert_int_lt(o->nslots, 32);
        const sim_field *del = sim_object_field(o, "deletedAt");
        ck_assert_int_eq(sim_object_deleted_at_slot(o), del->slot);
        ck_assert_ptr_eq(sim_schema_find_object(&s, o->plural, true), o);
        ck_assert_ptr_eq(sim_schema_find_object(&s, o->singular, false), o);
    }
    ck_assert_ptr_null(sim_schema_find_object(&s, "opportunity", true));
    ck_assert_ptr_null(sim_schema_find_object(&s, "opportunities", false));
    ck_assert_str_eq(s.objects[SIM_OBJ_PERSON].plural, "people");
    ck_assert_str_eq(s.objects[SIM_OBJ_MEMBER].singular, "workspaceMember");

    const sim_object *o = sim_schema_object(&s, SIM_OBJ_OPPORTUNITY);
    static const char *const order[] = {"id", "name", "amount", "closeDate", "stage", "position",
                                        "companyId", "pointOfContactId", "ownerId", "createdBy",
                                        "updatedBy", "createdAt", "updatedAt", "deletedAt"};
    ck_assert_int_eq(o->nfields, 14);
    for (int i = 0; i < 14; i++)
        ck_assert_str_eq(o->fields[i].name, order[i]);
    const sim_field *f;
    const sim_subfield *sub;
    int slot = sim_object_resolve(o, "amount.amountMicros", &f, &sub);
    ck_assert_int_ge(slot, 0);
    ck_assert_str_eq(f->name, "amount");
    ck_assert_str_eq(sub->name, "amountMicros");
    ck_assert_int_eq(sub->kind, SV_INT);
    ck_assert_int_eq(sim_object_resolve(o, "amount", &f, &sub), -1);
    ck_assert_ptr_null(sub);
    ck_assert_int_eq(sim_object_resolve(o, "amount.foo", &f, &sub), -2);
    ck_assert_int_eq(sim_object_resolve(o, "company", &f, &sub), -2); /* relation name, not a field */
    ck_assert_int_eq(sim_object_resolve(o, "stage", &f, &sub), sim_object_field(o, "stage")->slot);
    ck_assert_int_eq(sim_object_resolve(o, "stage.x", &f, &sub), -2);
    const sim_field *company = sim_object_field(o, "companyId");
    ck_assert_int_eq(company->type, SF_RELATION);
    ck_assert_str_eq(company->relation_name, "company");
    ck_assert_int_eq(company->relation_target, SIM_OBJ_COMPANY);
    ck_assert_str_eq(sim_object_field(o, "ownerId")->relation_name, "owner");
    ck_assert_int_eq(o->nto_many, 5);
    ck_assert(sim_object_field(o, "createdAt")->server_set);
    ck_assert(!sim_object_field(o, "name")->server_set);
    const sim_object *person = sim_schema_object(&s, SIM_OBJ_PERSON);
    ck_assert_int_ge(sim_object_resolve(person, "name.lastName", NULL, NULL), 0);
    ck_assert_int_ge(sim_object_resolve(person, "emails.primaryEmail", NULL, NULL), 0);
    sim_schema_free(&s);
}
END_TEST

START_TEST(metadata_ids_are_stable_and_distinct)
{
    sim_schema a, b;
    sim_error e = {0};
    ck_assert(sim_schema_init(&a, "default", &e));
    ck_assert(sim_schema_init(&b, "demo", &e));
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        ck_assert_str_eq(a.objects[k].metadata_id, b.objects[k].metadata_id);
        sim_uuid u;
        ck_assert(sim_uuid_parse(a.objects[k].metadata_id, &u));
        for (int i = 0; i < a.objects[k].nfields; i++) {
            ck_assert_str_eq(a.objects[k].fields[i].metadata_id, b.objects[k].fields[i].metadata_id);
            ck_assert(sim_uuid_parse(a.objects[k].fields[i].metadata_id, &u));
            ck_assert_str_ne(a.objects[k].fields[i].metadata_id, a.objects[k].metadata_id);
        }
    }
    /* same option value in both sets: same id; different values differ */
    ck_assert_str_eq(a.stages[3].id, b.stages[1].id); /* PROPOSAL */
    ck_assert_str_ne(a.stages[0].id, a.stages[1].id);
    ck_assert_str_ne(a.objects[0].fields[1].metadata_id, a.objects[1].fields[1].metadata_id);
    sim_schema_free(&a);
    sim_schema_free(&b);
}
END_TEST

START_TEST(error_body_shape)
{
    sim_error e = {0};
    ck_assert(!sim_bad_request(&e, "Invalid value '%s' for field \"%s\"", "X", "stage"));
    cJSON *j = sim_error_body(&e);
    char *t = cJSON_PrintUnformatted(j);
    ck_assert_str_eq(t, "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":"
                        "[\"Invalid value 'X' for field \\\"stage\\\"\"]}");
    free(t);
    cJSON_Delete(j);
    ck_assert(!sim_not_found(&e));
    j = sim_error_body(&e);
    t = cJSON_PrintUnformatted(j);
    ck_assert_str_eq(t, "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":"
                        "[\"Record not found\"]}");
    free(t);
    cJSON_Delete(j);
    ck_assert(!sim_fail(&e, 429, "RATE_LIMITED", "Too many requests (%d)", 100));
    ck_assert_int_eq(e.status, 429);
    ck_assert_str_eq(e.error, "RATE_LIMITED");
    ck_assert_str_eq(e.message, "Too many requests (100)");
}
END_TEST

static Suite *schema_suite(void)
{
    Suite *s = suite_create("sim_schema");
    TCase *t = tcase_create("stages");
    tcase_add_test(t, default_stages_are_twentys_five);
    tcase_add_test(t, demo_stages_default_to_discovery);
    tcase_add_test(t, stage_file_is_sorted_by_position);
    tcase_add_test(t, stage_file_errors_are_clear);
    suite_add_tcase(s, t);
    TCase *o = tcase_create("objects");
    tcase_add_test(o, objects_and_slots);
    tcase_add_test(o, metadata_ids_are_stable_and_distinct);
    tcase_add_test(o, error_body_shape);
    suite_add_tcase(s, o);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(schema_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
