/* test_sim_persist.c - twenty-sim's data file and journal (snapshot, replay
 * after a crash, torn last line, idempotent replay, compaction, corrupt
 * files) and the seed data (determinism and distribution). */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sim/store.h"

#define KEY_NAME "unit test key"

static sim_store g_st;

static void open_store(sim_store *st, const char *stages, const char *data, long seed_count,
                       uint64_t seed)
{
    sim_store_config cfg = {.stages = stages, .data_path = data, .seed_count = seed_count,
                            .seed = seed, .api_key_name = KEY_NAME};
    sim_error e = {0};
    ck_assert_msg(sim_store_open(st, &cfg, &e), "open: %s", e.message);
}

static void setup(void)
{
    setenv("SIM_TODAY", "2025-06-01", 1);
    open_store(&g_st, "default", NULL, -1, 1);
}

static void teardown(void) { sim_store_close(&g_st); }

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    ck_assert_msg(j != NULL, "bad test JSON: %s", text);
    return j;
}

static const char *str_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    ck_assert_msg(cJSON_IsString(x), "%s%s%s is not a string", a, b ? "." : "", b ? b : "");
    return x->valuestring;
}

static bool null_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    return cJSON_IsNull(x);
}

static double num_at(const cJSON *j, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    ck_assert_msg(cJSON_IsNumber(x), "%s is not a number", a);
    return x->valuedouble;
}

static void id_text(const sim_record *r, char buf[37]) { sim_uuid_format(&r->v[0].as.u, buf); }

/* ================= persistence ================= */

static char g_dir[64], g_data[128], g_journal[160];

static void pdir_setup(void)
{
    setup();
    snprintf(g_dir, sizeof g_dir, "/tmp/pipeboard-store-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(g_dir));
    snprintf(g_data, sizeof g_data, "%s/workspace.json", g_dir);
    snprintf(g_journal, sizeof g_journal, "%s.journal", g_data);
}

static void pdir_teardown(void)
{
    teardown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

/* Ends a store the way kill -9 would: nothing compacted, nothing flushed
 * beyond what the writes themselves made durable. */
static void crash(sim_store *st)
{
    free(st->data_path);
    st->data_path = NULL;
    sim_store_close(st);
}

/* Every record of a store as one JSON text, in id order per table. */
static char *dump(sim_store *st)
{
    cJSON *all = cJSON_CreateArray();
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        sim_table *t = sim_store_table(st, (sim_obj_kind)k);
        sim_record **rows = malloc((t->n + 1) * sizeof *rows);
        memcpy(rows, t->rows, t->n * sizeof *rows);
        for (size_t i = 1; i < t->n; i++) /* insertion sort by id */
            for (size_t j = i; j > 0 && sim_uuid_cmp(&rows[j - 1]->v[0].as.u, &rows[j]->v[0].as.u) > 0; j--) {
                sim_record *x = rows[j];
                rows[j] = rows[j - 1];
                rows[j - 1] = x;
            }
        for (size_t i = 0; i < t->n; i++)
            cJSON_AddItemToArray(all, sim_record_to_json(st, (sim_obj_kind)k, rows[i], 0));
        free(rows);
    }
    char *s = cJSON_PrintUnformatted(all);
    cJSON_Delete(all);
    return s;
}

START_TEST(new_data_file_is_seeded_and_private)
{
    sim_store st;
    open_store(&st, "demo", g_data, 20, 7);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 20);
    struct stat sb;
    ck_assert_int_eq(stat(g_data, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    ck_assert_int_eq(stat(g_journal, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    ck_assert_int_eq(sb.st_size, 0);
    char *before = dump(&st);
    sim_store_close(&st);
    /* a second open loads the file and ignores the seed */
    open_store(&st, "demo", g_data, 500, 99);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 20);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    sim_store_close(&st);
    /* the file is the documented JSON */
    FILE *f = fopen(g_data, "r");
    char *text = calloc(1, (size_t)file_size(g_data) + 1);
    ck_assert_int_eq(fread(text, 1, (size_t)file_size(g_data), f), file_size(g_data));
    fclose(f);
    cJSON *root = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(root);
    ck_assert_int_eq(cJSON_GetObjectItem(root, "version")->valueint, 1);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "opportunities")), 20);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "companies")), 3);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "people")), 3);
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(root, "workspaceMembers")));
    cJSON_Delete(root);
}
END_TEST

START_TEST(journal_survives_a_crash)
{
    sim_store st;
    open_store(&st, "default", g_data, 5, 3);
    sim_error e = {0};
    cJSON *in = parse("{\"name\":\"after the snapshot\",\"amount\":{\"amountMicros\":\"9007199254740993\","
                      "\"currencyCode\":\"GBP\"}}");
    sim_record *a = sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e);
    cJSON_Delete(in);
    ck_assert_ptr_nonnull(a);
    sim_uuid aid = a->v[0].as.u;
    in = parse("{\"stage\":\"MEETING\",\"position\":1.5}");
    ck_assert_ptr_nonnull(sim_store_update(&st, SIM_OBJ_OPPORTUNITY, &aid, in, &e));
    cJSON_Delete(in);
    sim_table *t = sim_store_table(&st, SIM_OBJ_OPPORTUNITY);
    sim_uuid gone = t->rows[0]->v[0].as.u, trashed = t->rows[1]->v[0].as.u;
    if (sim_uuid_cmp(&gone, &aid) == 0 || sim_uuid_cmp(&trashed, &aid) == 0) {
        gone = t->rows[2]->v[0].as.u;
        trashed = t->rows[3]->v[0].as.u;
    }
    ck_assert(sim_store_destroy(&st, SIM_OBJ_OPPORTUNITY, &gone, &e));
    ck_assert(sim_store_soft_delete(&st, SIM_OBJ_OPPORTUNITY, &trashed, &e));
    sim_uuid company = sim_store_table(&st, SIM_OBJ_COMPANY)->rows[0]->v[0].as.u;
    ck_assert(sim_store_destroy(&st, SIM_OBJ_COMPANY, &company, &e));
    ck_assert_int_gt(file_size(g_journal), 0);
    char *before = dump(&st);
    long snapshot = file_size(g_data);
    crash(&st);
    ck_assert_int_eq(file_size(g_data), snapshot); /* nothing compacted */

    open_store(&st, "default", g_data, 5, 3);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    t = sim_store_table(&st, SIM_OBJ_OPPORTUNITY);
    ck_assert_ptr_null(sim_table_get(t, &gone));
    sim_record *tr = sim_table_get(t, &trashed);
    ck_assert(tr && sim_record_deleted(t, tr));
    ck_assert_int_eq(t->deleted, 1);
    sim_record *ar = sim_table_get(t, &aid);
    ck_assert_ptr_nonnull(ar);
    const sim_field *f;
    const sim_subfield *sub;
    int micros = sim_object_resolve(t->obj, "amount.amountMicros", &f, &sub);
    ck_assert_int_eq(ar->v[micros].as.i, 9007199254740993LL); /* exact beyond 2^53 */
    ck_assert_int_eq(file_size(g_journal), 0); /* replayed, then compacted on open */
    free(before);
    free(after);
    sim_store_close(&st);
}
END_TEST

START_TEST(torn_last_line_is_ignored)
{
    sim_store st;
    open_store(&st, "default", g_data, 3, 1);
    sim_error e = {0};
    cJSON *in = parse("{\"name\":\"kept\"}");
    ck_assert_ptr_nonnull(sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    char *before = dump(&st);
    crash(&st);
    /* a write cut short by the crash: no newline, half a record */
    int fd = open(g_journal, O_WRONLY | O_APPEND);
    ck_assert_int_ge(fd, 0);
    const char *torn = "{\"op\":\"put\",\"object\":\"opportunity\",\"records\":[{\"id\":\"0cf3c0e3-e2";
    ck_assert_int_eq(write(fd, torn, strlen(torn)), (ssize_t)strlen(torn));
    close(fd);

    open_store(&st, "default", g_data, 3, 1);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 4);
    /* later writes land on a clean journal and replay fine */
    in = parse("{\"name\":\"after the tear\"}");
    ck_assert_ptr_nonnull(sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    free(before);
    before = dump(&st);
    crash(&st);
    open_store(&st, "default", g_data, 3, 1);
    free(after);
    after = dump(&st);
    ck_assert_str_eq(before, after);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 5);
    free(before);
    free(after);
    sim_store_close(&st);
}
END_TEST

START_TEST(replay_is_idempotent)
{
    /* a crash after the compacted snapshot was renamed in but before the
     * journal was emptied: the old journal replays over the new snapshot */
    sim_store st;
    open_store(&st, "default", g_data, 4, 2);
    sim_error e = {0};
    cJSON *in = parse("{\"name\":\"one\"}");
    sim_record *r = sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e);
    cJSON_Delete(in);
    sim_uuid id = r->v[0].as.u;
    in = parse("{\"name\":\"two\"}");
    ck_assert_ptr_nonnull(sim_store_update(&st, SIM_OBJ_OPPORTUNITY, &id, in, &e));
    cJSON_Delete(in);
    sim_uuid victim = sim_store_table(&st, SIM_OBJ_PERSON)->rows[0]->v[0].as.u;
    ck_assert(sim_store_destroy(&st, SIM_OBJ_PERSON, &victim, &e));
    /* a deal linked (in the journal) to a company of the snapshot, which is
     * destroyed later in the same journal */
    sim_record *co = sim_store_table(&st, SIM_OBJ_COMPANY)->rows[0];
    char body[128], cid[37];
    id_text(co, cid);
    snprintf(body, sizeof body, "{\"name\":\"linked\",\"companyId\":\"%s\"}", cid);
    in = parse(body);
    sim_record *linked = sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e);
    cJSON_Delete(in);
    ck_assert_ptr_nonnull(linked);
    sim_uuid linked_id = linked->v[0].as.u, co_id = co->v[0].as.u;
    ck_assert(sim_store_destroy(&st, SIM_OBJ_COMPANY, &co_id, &e));
    long jlen = file_size(g_journal);
    char *journal = malloc((size_t)jlen);
    int fd = open(g_journal, O_RDONLY);
    ck_assert_int_eq(read(fd, journal, (size_t)jlen), jlen);
    close(fd);
    char *before = dump(&st);
    ck_assert(sim_store_save(&st, &e));
    ck_assert_int_eq(file_size(g_journal), 0);
    crash(&st);
    fd = open(g_journal, O_WRONLY | O_TRUNC);
    ck_assert_int_eq(write(fd, journal, (size_t)jlen), jlen);
    close(fd);
    open_store(&st, "default", g_data, 4, 2);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    sim_table *t = sim_store_table(&st, SIM_OBJ_OPPORTUNITY);
    sim_record *lr = sim_table_get(t, &linked_id);
    ck_assert_ptr_nonnull(lr);
    ck_assert_int_eq(lr->v[sim_object_field(t->obj, "companyId")->slot].kind, SV_NULL);
    free(journal);
    free(before);
    free(after);
    sim_store_close(&st);
}
END_TEST

START_TEST(close_compacts)
{
    sim_store st;
    open_store(&st, "default", g_data, 2, 2);
    sim_error e = {0};
    cJSON *in = parse("{\"name\":\"compact me\"}");
    ck_assert_ptr_nonnull(sim_store_create(&st, SIM_OBJ_OPPORTUNITY, in, &e));
    cJSON_Delete(in);
    ck_assert_int_gt(file_size(g_journal), 0);
    char *before = dump(&st);
    sim_store_close(&st);
    ck_assert_int_eq(file_size(g_journal), 0);
    char tmp[200];
    snprintf(tmp, sizeof tmp, "%s.tmp", g_data);
    ck_assert_int_eq(file_size(tmp), -1);
    open_store(&st, "default", g_data, 2, 2);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    sim_store_close(&st);
}
END_TEST

START_TEST(corrupt_files_fail_clearly)
{
    FILE *f = fopen(g_data, "w");
    fputs("{\"version\":1,\"opportunities\":[{\"id\":\"nope\"}]}", f);
    fclose(f);
    sim_store st;
    sim_store_config cfg = {.stages = "default", .data_path = g_data, .seed_count = 10};
    sim_error e = {0};
    ck_assert(!sim_store_open(&st, &cfg, &e));
    ck_assert_msg(strstr(e.message, "opportunities[0]") != NULL, "%s", e.message);
    f = fopen(g_data, "w");
    fputs("[1,2,3]", f);
    fclose(f);
    ck_assert(!sim_store_open(&st, &cfg, &e));
    ck_assert_msg(strstr(e.message, "not a twenty-sim data file") != NULL, "%s", e.message);
    /* the bad file was left alone */
    ck_assert_int_eq(file_size(g_data), 7);
    /* a good snapshot with a corrupt journal after it */
    f = fopen(g_data, "w");
    fputs("{\"version\":1,\"opportunities\":[],\"companies\":[],\"people\":[],"
          "\"workspaceMembers\":[]}",
          f);
    fclose(f);
    f = fopen(g_journal, "w");
    fputs("{\"op\":\"explode\",\"object\":\"opportunity\"}\n", f);
    fclose(f);
    ck_assert(!sim_store_open(&st, &cfg, &e));
    ck_assert_msg(strstr(e.message, "line 1") != NULL, "%s", e.message);
}
END_TEST

/* Someone removed the data file to start afresh: the journal left behind
 * is not replayed, the workspace is seeded again and the journal emptied. */
START_TEST(journal_without_data_file_starts_afresh)
{
    unlink(g_data);
    FILE *f = fopen(g_journal, "w");
    fputs("{\"op\":\"explode\",\"object\":\"opportunity\"}\n", f);
    fclose(f);
    sim_store st;
    sim_store_config cfg = {.stages = "default", .data_path = g_data, .seed_count = 10, .seed = 10};
    sim_error e = {0};
    ck_assert_msg(sim_store_open(&st, &cfg, &e), "%s", e.message);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 10);
    sim_store_close(&st);
    ck_assert_int_eq(file_size(g_journal), 0);
}
END_TEST

static char *read_text(const char *path)
{
    long n = file_size(path);
    ck_assert_int_ge(n, 0);
    char *text = calloc(1, (size_t)n + 1);
    FILE *f = fopen(path, "r");
    ck_assert_int_eq(fread(text, 1, (size_t)n, f), n);
    fclose(f);
    return text;
}

static void write_text(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "w");
    ck_assert_int_eq(fwrite(text, 1, n, f), n);
    fclose(f);
}

START_TEST(any_json_layout_loads_and_truncation_fails)
{
    sim_store st;
    open_store(&st, "default", g_data, 6, 4);
    char *before = dump(&st);
    sim_store_close(&st);
    /* the same content pretty-printed, with "version" moved last */
    char *text = read_text(g_data);
    cJSON *root = cJSON_Parse(text);
    cJSON *ver = cJSON_DetachItemFromObject(root, "version");
    cJSON_AddItemToObject(root, "version", ver);
    cJSON_AddStringToObject(root, "comment", "hand edited");
    char *pretty = cJSON_Print(root);
    cJSON_Delete(root);
    write_text(g_data, pretty, strlen(pretty));
    open_store(&st, "default", g_data, 6, 4);
    char *after = dump(&st);
    ck_assert_str_eq(before, after);
    sim_store_close(&st);
    /* cut in the middle: a clear error, and the file is not replaced */
    write_text(g_data, pretty, strlen(pretty) / 2);
    sim_store_config cfg = {.stages = "default", .data_path = g_data, .seed_count = 6, .seed = 4};
    sim_error e = {0};
    ck_assert(!sim_store_open(&st, &cfg, &e));
    ck_assert_msg(strstr(e.message, "data file") != NULL, "%s", e.message);
    ck_assert_int_eq(file_size(g_data), (long)(strlen(pretty) / 2));
    /* no version: refused */
    write_text(g_data, "{\"opportunities\":[]}", 20);
    ck_assert(!sim_store_open(&st, &cfg, &e));
    ck_assert_msg(strstr(e.message, "not a twenty-sim data file") != NULL, "%s", e.message);
    free(text);
    free(pretty);
    free(before);
    free(after);
}
END_TEST

/* ================= seed ================= */

START_TEST(seed_is_deterministic)
{
    sim_store a, b, c;
    open_store(&a, "demo", NULL, 300, 11);
    open_store(&b, "demo", NULL, 300, 11);
    open_store(&c, "demo", NULL, 300, 12);
    char *da = dump(&a), *db = dump(&b), *dc = dump(&c);
    ck_assert_str_eq(da, db);
    ck_assert_str_ne(da, dc);
    free(da);
    free(db);
    free(dc);
    sim_store_close(&a);
    sim_store_close(&b);
    sim_store_close(&c);
    setenv("SIM_TODAY", "2025-07-01", 1);
    open_store(&b, "demo", NULL, 300, 11);
    open_store(&a, "demo", NULL, 300, 11);
    da = dump(&a);
    db = dump(&b);
    ck_assert_str_eq(da, db);
    free(da);
    free(db);
    sim_store_close(&a);
    sim_store_close(&b);
}
END_TEST

START_TEST(seed_distribution)
{
    sim_store st;
    open_store(&st, "demo", NULL, 2000, 5);
    sim_table *t = sim_store_table(&st, SIM_OBJ_OPPORTUNITY);
    ck_assert_int_eq(t->n, 2000);
    ck_assert_int_eq(t->deleted, 0);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_COMPANY)->n, 200);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_PERSON)->n, 200);
    size_t members = sim_store_table(&st, SIM_OBJ_MEMBER)->n;
    ck_assert(members >= 4 && members <= 6);
    int64_t today;
    ck_assert(sim_time_parse("2025-06-01", &today));
    int per_stage[5] = {0}, no_amount = 0, usd = 0, eur = 0, gbp = 0, no_close = 0, past = 0,
        future = 0, owners = 0, companies = 0, contacts = 0;
    bool long_name = false, accent = false, umlaut = false, cjk = false, emoji = false;
    cJSON *pos_seen[5];
    for (int i = 0; i < 5; i++)
        pos_seen[i] = cJSON_CreateObject();
    for (size_t i = 0; i < t->n; i++) {
        cJSON *j = sim_record_to_json(&st, SIM_OBJ_OPPORTUNITY, t->rows[i], 0);
        int s = sim_schema_stage_index(&st.schema, str_at(j, "stage", NULL));
        ck_assert_int_ge(s, 0);
        per_stage[s]++;
        char key[64];
        snprintf(key, sizeof key, "%.17g", num_at(j, "position", NULL));
        ck_assert_msg(!cJSON_GetObjectItem(pos_seen[s], key), "position %s repeats", key);
        cJSON_AddTrueToObject(pos_seen[s], key);
        if (null_at(j, "amount", "amountMicros")) {
            no_amount++;
            ck_assert(null_at(j, "amount", "currencyCode"));
        } else {
            const char *cur = str_at(j, "amount", "currencyCode");
            usd += strcmp(cur, "USD") == 0;
            eur += strcmp(cur, "EUR") == 0;
            gbp += strcmp(cur, "GBP") == 0;
            ck_assert(num_at(j, "amount", "amountMicros") >= 1000e6);
        }
        if (null_at(j, "closeDate", NULL)) {
            no_close++;
        } else {
            int64_t ms;
            ck_assert(sim_time_parse(str_at(j, "closeDate", NULL), &ms));
            ck_assert(ms >= today - 120 * 86400000LL && ms <= today + 180 * 86400000LL);
            past += ms < today;
            future += ms > today;
        }
        owners += !null_at(j, "ownerId", NULL);
        companies += !null_at(j, "companyId", NULL);
        contacts += !null_at(j, "pointOfContactId", NULL);
        const char *name = str_at(j, "name", NULL);
        long_name |= strlen(name) > 200;
        accent |= strstr(name, "é") != NULL;
        umlaut |= strstr(name, "ü") != NULL;
        cjk |= strstr(name, "東京") != NULL;
        emoji |= strstr(name, "🚀") != NULL;
        cJSON_Delete(j);
    }
    for (int i = 0; i < 5; i++)
        cJSON_Delete(pos_seen[i]);
    for (int i = 0; i < 5; i++)
        ck_assert_msg(per_stage[i] > 50, "stage %d has %d", i, per_stage[i]);
    ck_assert(per_stage[0] > per_stage[2] && per_stage[2] > per_stage[4]); /* early stages fuller */
    ck_assert(no_amount > 40 && no_amount < 400);
    ck_assert(usd > eur && eur > 0 && gbp > 0 && usd > 1000);
    ck_assert(no_close > 60 && no_close < 400);
    ck_assert(past > 200 && future > 200);
    ck_assert(owners > 1600 && companies > 1600 && contacts > 1000);
    ck_assert(long_name && accent && umlaut && cjk && emoji);
    /* every FK points at a live record, and a contact works at the deal's company */
    const sim_object *o = t->obj;
    int cslot = sim_object_field(o, "companyId")->slot, pslot = sim_object_field(o, "pointOfContactId")->slot;
    sim_table *people = sim_store_table(&st, SIM_OBJ_PERSON);
    int pcslot = sim_object_field(people->obj, "companyId")->slot;
    for (size_t i = 0; i < t->n; i++) {
        sim_record *r = t->rows[i];
        if (r->v[pslot].kind == SV_UUID) {
            sim_record *p = sim_table_get(people, &r->v[pslot].as.u);
            ck_assert_ptr_nonnull(p);
            ck_assert_int_eq(sim_uuid_cmp(&p->v[pcslot].as.u, &r->v[cslot].as.u), 0);
        }
        if (r->v[cslot].kind == SV_UUID)
            ck_assert_ptr_nonnull(sim_table_get(sim_store_table(&st, SIM_OBJ_COMPANY), &r->v[cslot].as.u));
    }
    sim_store_close(&st);
}
END_TEST

START_TEST(seed_small_and_default_stages)
{
    sim_store st;
    open_store(&st, "default", NULL, 2, 1);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 2);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_COMPANY)->n, 3);
    cJSON *j = sim_record_to_json(&st, SIM_OBJ_OPPORTUNITY, sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->rows[0], 1);
    ck_assert_str_eq(str_at(j, "name", NULL), "Acme renewal");
    ck_assert_int_ge(sim_schema_stage_index(&st.schema, str_at(j, "stage", NULL)), 0);
    ck_assert_str_eq(str_at(j, "company", "name"), "Acme Corp");
    cJSON_Delete(j);
    sim_store_close(&st);
    open_store(&st, "default", NULL, 0, 1);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_OPPORTUNITY)->n, 0);
    ck_assert_int_eq(sim_store_table(&st, SIM_OBJ_COMPANY)->n, 3);
    sim_store_close(&st);
}
END_TEST

static Suite *persist_suite(void)
{
    Suite *s = suite_create("sim_persist");
    TCase *p = tcase_create("persist");
    tcase_add_checked_fixture(p, pdir_setup, pdir_teardown);
    tcase_set_timeout(p, 30);
    tcase_add_test(p, new_data_file_is_seeded_and_private);
    tcase_add_test(p, journal_survives_a_crash);
    tcase_add_test(p, torn_last_line_is_ignored);
    tcase_add_test(p, replay_is_idempotent);
    tcase_add_test(p, close_compacts);
    tcase_add_test(p, corrupt_files_fail_clearly);
    tcase_add_test(p, journal_without_data_file_starts_afresh);
    tcase_add_test(p, any_json_layout_loads_and_truncation_fails);
    suite_add_tcase(s, p);
    TCase *sd = tcase_create("seed");
    tcase_add_checked_fixture(sd, setup, teardown);
    tcase_set_timeout(sd, 60);
    tcase_add_test(sd, seed_is_deterministic);
    tcase_add_test(sd, seed_distribution);
    tcase_add_test(sd, seed_small_and_default_stages);
    suite_add_tcase(s, sd);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(persist_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
