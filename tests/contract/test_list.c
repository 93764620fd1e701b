/* test_list.c - contract 2.2, 2.4, 2.5, 2.6: find many and find one over HTTP.
 * limit default/cap/errors, totalCount, pageInfo, cursors forwards and
 * backwards across the whole set, order_by directions, composite subfields
 * and errors, depth 0/1/2, fields, path errors. One seeded server (250). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "support/ctest.h"

#define SEEDED 250

static void up(void)
{
    ct_server_start((const char *const[]){"--seed", "250", NULL});
}

static void down(void)
{
    ct_server_stop();
}

static cJSON *rows(const cthttp_resp *r)
{
    return ct_j(r->json, "data.opportunities");
}

/* ---- limit ---- */

START_TEST(default_limit_is_60)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(cJSON_GetArraySize(rows(&r)), 60);
    double total = 0;
    ck_assert_msg(ct_jnum(r.json, "totalCount", &total), "totalCount is not a number");
    ck_assert_int_eq((int)total, SEEDED);
    ck_assert(cJSON_IsTrue(ct_j(r.json, "pageInfo.hasNextPage")));
    ck_assert(cJSON_IsFalse(ct_j(r.json, "pageInfo.hasPreviousPage")));
    ck_assert_ptr_nonnull(ct_jstr(r.json, "pageInfo.startCursor"));
    ck_assert_ptr_nonnull(ct_jstr(r.json, "pageInfo.endCursor"));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(limit_is_capped_at_200)
{
    const char *limits[] = {"500", "201", "100000"};
    for (size_t i = 0; i < 3; i++) {
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", limits[i], NULL);
        ct_assert_status(&r, 200);
        ck_assert_msg(cJSON_GetArraySize(rows(&r)) == 200, "limit=%s gave %d rows", limits[i],
                      cJSON_GetArraySize(rows(&r)));
        ck_assert(cJSON_IsTrue(ct_j(r.json, "pageInfo.hasNextPage")));
        cthttp_resp_free(&r);
    }
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "7", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(cJSON_GetArraySize(rows(&r)), 7);
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(limit_zero_gives_empty_page_and_total)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "0", NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(cJSON_GetArraySize(rows(&r)), 0);
    double total = 0;
    ck_assert(ct_jnum(r.json, "totalCount", &total));
    ck_assert_int_eq((int)total, SEEDED);
    ck_assert_msg(ct_jnull(r.json, "pageInfo.startCursor") && ct_jnull(r.json, "pageInfo.endCursor"),
                  "cursors of an empty page must be null: %s", ct_show(&r));
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(limit_invalid_is_400)
{
    const char *bad[] = {"abc", "-1", "-50"};
    for (size_t i = 0; i < 3; i++) {
        cthttp_resp r;
        char msg[128];
        snprintf(msg, sizeof msg, "limit '%s' is invalid. Should be an integer", bad[i]);
        cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", bad[i], NULL);
        ct_assert_error(&r, 400, "BadRequestException", msg);
        cthttp_resp_free(&r);
    }
}
END_TEST

/* ---- record shape (contract 3) ---- */

START_TEST(record_shape_depth_0)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "200", NULL);
    ct_assert_status(&r, 200);
    const cJSON *rec;
    int n = 0;
    cJSON_ArrayForEach(rec, rows(&r))
    {
        n++;
        const char *id = ct_jstr(rec, "id");
        ck_assert_msg(ct_is_uuid(id), "id is not a UUID");
        ck_assert_msg(ct_jstr(rec, "name") != NULL, "name must be a string (null comes back as \"\") in %s",
                      cJSON_PrintUnformatted(rec));
        const cJSON *amount = ct_j(rec, "amount");
        ck_assert_msg(cJSON_IsObject(amount), "amount must be a nested object");
        ck_assert_msg(!ct_j(rec, "amountMicros"), "amountMicros must not be top-level");
        const cJSON *micros = ct_j(amount, "amountMicros");
        ck_assert_msg(cJSON_IsNumber(micros) || cJSON_IsNull(micros),
                      "amountMicros must be a JSON number or null");
        const cJSON *cc = ct_j(amount, "currencyCode");
        ck_assert_msg(cJSON_IsString(cc) || cJSON_IsNull(cc), "currencyCode string or null");
        const cJSON *cd = ct_j(rec, "closeDate");
        ck_assert_msg(cJSON_IsNull(cd) || ct_is_iso(ct_jstr(rec, "closeDate")),
                      "closeDate must be null or YYYY-MM-DDTHH:MM:SS.mmmZ");
        const char *stage = ct_jstr(rec, "stage");
        bool known = false;
        const char *opts[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};
        for (int i = 0; i < 5; i++)
            known |= stage && strcmp(stage, opts[i]) == 0;
        ck_assert_msg(known, "stage '%s' is not a default option", stage ? stage : "(null)");
        double pos;
        ck_assert_msg(ct_jnum(rec, "position", &pos), "position must be a number");
        ck_assert_msg(ct_is_iso(ct_jstr(rec, "createdAt")), "createdAt ISO");
        ck_assert_msg(ct_is_iso(ct_jstr(rec, "updatedAt")), "updatedAt ISO");
        ck_assert_msg(ct_jnull(rec, "deletedAt"), "deletedAt must be null on live rows");
        ck_assert_msg(cJSON_IsObject(ct_j(rec, "createdBy")), "createdBy is an ACTOR object");
        ck_assert_msg(ct_jstr(rec, "createdBy.source"), "createdBy.source");
        ck_assert_msg(cJSON_IsObject(ct_j(rec, "createdBy.context")), "createdBy.context is {}");
        ck_assert_msg(ct_j(rec, "createdBy.workspaceMemberId") != NULL, "createdBy.workspaceMemberId");
        const char *fks[] = {"companyId", "pointOfContactId", "ownerId"};
        for (int i = 0; i < 3; i++) {
            const cJSON *fk = ct_j(rec, fks[i]);
            ck_assert_msg(fk != NULL, "%s must be present at depth 0", fks[i]);
            ck_assert_msg(cJSON_IsNull(fk) || ct_is_uuid(fk->valuestring), "%s uuid or null", fks[i]);
        }
        const char *rels[] = {"company", "pointOfContact", "owner", "favorites", "taskTargets",
                              "noteTargets", "attachments", "timelineActivities"};
        for (int i = 0; i < 8; i++)
            ck_assert_msg(ct_j(rec, rels[i]) == NULL, "%s must not appear at depth 0", rels[i]);
    }
    ck_assert_int_eq(n, 200);
    cthttp_resp_free(&r);
}
END_TEST

/* ---- default order and cursors ---- */

START_TEST(default_order_is_id_ascending)
{
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 200, NULL, NULL);
    const char *prev = NULL;
    const cJSON *rec;
    cJSON_ArrayForEach(rec, all)
    {
        const char *id = ct_jstr(rec, "id");
        if (prev)
            ck_assert_msg(strcasecmp(prev, id) < 0, "ids not ascending: %s then %s", prev, id);
        prev = id;
    }
    cJSON_Delete(all);
}
END_TEST

START_TEST(cursor_is_base64_json_of_order_keys_and_id)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "3", NULL);
    ct_assert_status(&r, 200);
    char dec[1024];
    const char *sc = ct_jstr(r.json, "pageInfo.startCursor");
    ck_assert_msg(sc && ct_base64_decode(sc, dec, sizeof dec), "startCursor is not base64");
    cJSON *j = cJSON_Parse(dec);
    ck_assert_msg(cJSON_IsObject(j), "startCursor does not decode to JSON: %s", dec);
    ck_assert_msg(cJSON_GetArraySize(j) == 1, "default-order cursor holds only id: %s", dec);
    ck_assert_str_eq(ct_jstr(j, "id"), ct_jstr(r.json, "data.opportunities[0].id"));
    cJSON_Delete(j);
    const char *ec = ct_jstr(r.json, "pageInfo.endCursor");
    ck_assert_msg(ec && ct_base64_decode(ec, dec, sizeof dec), "endCursor is not base64");
    j = cJSON_Parse(dec);
    ck_assert_str_eq(ct_jstr(j, "id"), ct_jstr(r.json, "data.opportunities[2].id"));
    cJSON_Delete(j);
    cthttp_resp_free(&r);

    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "2", "order_by",
               "position[DescNullsLast]", NULL);
    ct_assert_status(&r, 200);
    ec = ct_jstr(r.json, "pageInfo.endCursor");
    ck_assert_msg(ec && ct_base64_decode(ec, dec, sizeof dec), "endCursor is not base64");
    j = cJSON_Parse(dec);
    ck_assert_msg(cJSON_IsObject(j), "cursor is not JSON: %s", dec);
    double want, got;
    ck_assert(ct_jnum(r.json, "data.opportunities[1].position", &want));
    ck_assert_msg(ct_jnum(j, "position", &got) && got == want,
                  "cursor %s must hold the record's position %g", dec, want);
    ck_assert_str_eq(ct_jstr(j, "id"), ct_jstr(r.json, "data.opportunities[1].id"));
    cJSON_Delete(j);
    cthttp_resp_free(&r);
}
END_TEST

static bool contains_id(const cJSON *arr, const char *id)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        if (strcmp(ct_jstr(it, "id"), id) == 0)
            return true;
    }
    return false;
}

START_TEST(forward_paging_sees_every_record_once)
{
    cJSON *all = ct_fetch_all("opportunities", NULL, NULL, 37, NULL, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(all), SEEDED);
    for (int i = 1; i < SEEDED; i++) {
        const char *a = ct_jstr(cJSON_GetArrayItem(all, i - 1), "id");
        const char *b = ct_jstr(cJSON_GetArrayItem(all, i), "id");
        ck_assert_msg(strcasecmp(a, b) < 0, "record %d repeated or out of order across pages", i);
    }
    cJSON_Delete(all);
}
END_TEST

/* Walks backwards with ending_before from the last record of the order to
 * the first, `page` rows at a time, checking each page against the forward
 * order and the pageInfo flags of backward paging. */
static void walk_backwards(const char *order_by, int page_size)
{
    cJSON *all = ct_fetch_all("opportunities", order_by, NULL, 200, NULL, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(all), SEEDED);
    /* The cursor of the last record: the endCursor of a page holding only it
     * (a cursor holds the record's order values and id, not the filter). */
    const char *last_id = ct_jstr(cJSON_GetArrayItem(all, SEEDED - 1), "id");
    cthttp_resp r;
    char f[96], lim[16];
    snprintf(f, sizeof f, "id[in]:[%s]", last_id);
    snprintf(lim, sizeof lim, "%d", page_size);
    if (order_by)
        cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", f, "order_by", order_by, NULL);
    else
        cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", f, NULL);
    ct_assert_status(&r, 200);
    ck_assert_int_eq(cJSON_GetArraySize(rows(&r)), 1);
    char *cursor = strdup(ct_jstr(r.json, "pageInfo.endCursor"));
    cthttp_resp_free(&r);
    cJSON *seen = cJSON_CreateArray();
    cJSON_AddItemToArray(seen, cJSON_Duplicate(cJSON_GetArrayItem(all, SEEDED - 1), 1));
    int expect_end = SEEDED - 1;   /* index (exclusive) in `all` where the next backward page ends */
    for (int page = 0; page < 100; page++) {
        if (order_by)
            cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", lim, "ending_before", cursor,
                       "order_by", order_by, NULL);
        else
            cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", lim, "ending_before", cursor, NULL);
        ct_assert_status(&r, 200);
        const cJSON *page_rows = rows(&r);
        int n = cJSON_GetArraySize(page_rows);
        int want = expect_end >= page_size ? page_size : expect_end;
        ck_assert_msg(n == want, "%s: backward page %d: %d rows, expected %d", order_by ? order_by : "id", page,
                      n, want);
        for (int i = 0; i < n; i++) {
            const char *got = ct_jstr(cJSON_GetArrayItem(page_rows, i), "id");
            const char *exp = ct_jstr(cJSON_GetArrayItem(all, expect_end - n + i), "id");
            ck_assert_msg(strcmp(got, exp) == 0,
                          "%s: backward page %d row %d: %s, expected %s (the rows before the cursor, in "
                          "the forward order)",
                          order_by ? order_by : "id", page, i, got, exp);
            ck_assert_msg(!contains_id(seen, got), "record %s seen twice", got);
            cJSON_AddItemToArray(seen, cJSON_Duplicate(cJSON_GetArrayItem(page_rows, i), 1));
        }
        double total = 0;
        ck_assert(ct_jnum(r.json, "totalCount", &total));
        ck_assert_int_eq((int)total, SEEDED);
        expect_end -= n;
        ck_assert_msg(cJSON_IsTrue(ct_j(r.json, "pageInfo.hasNextPage")),
                      "backward pages have hasNextPage true: %s", ct_show(&r));
        const cJSON *prev = ct_j(r.json, "pageInfo.hasPreviousPage");
        ck_assert_msg(cJSON_IsBool(prev) && cJSON_IsTrue(prev) == (expect_end > 0),
                      "backward page %d: hasPreviousPage must say whether rows remain (%d left)",
                      page, expect_end);
        free(cursor);
        cursor = NULL;
        if (expect_end == 0) {
            cthttp_resp_free(&r);
            break;
        }
        cursor = strdup(ct_jstr(r.json, "pageInfo.startCursor"));
        cthttp_resp_free(&r);
    }
    free(cursor);
    ck_assert_int_eq(cJSON_GetArraySize(seen), SEEDED);
    cJSON_Delete(seen);
    cJSON_Delete(all);
}

START_TEST(backward_paging_sees_every_record_once)
{
    walk_backwards(NULL, 37);
}
END_TEST

START_TEST(backward_paging_with_order_by_and_nulls)
{
    walk_backwards("amount.amountMicros[DescNullsLast]", 29);
    walk_backwards("closeDate[AscNullsFirst],name[DescNullsLast]", 41);
}
END_TEST

START_TEST(both_cursors_is_400)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "2", NULL);
    char *c = strdup(ct_jstr(r.json, "pageInfo.endCursor"));
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "starting_after", c, "ending_before", c, NULL);
    ct_assert_error(&r, 400, "BadRequestException", "Cannot provide both before and after");
    cthttp_resp_free(&r);
    free(c);
}
END_TEST

START_TEST(invalid_cursor_is_400)
{
    const char *bad[] = {"not-a-cursor!!", "bm90IGpzb24=" /* "not json" */};
    for (int i = 0; i < 2; i++) {
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "starting_after", bad[i], NULL);
        ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid cursor");
        cthttp_resp_free(&r);
        cthttp_get(ct_client(), &r, "/rest/opportunities", "ending_before", bad[i], NULL);
        ct_assert_error_prefix(&r, 400, "BadRequestException", "Invalid cursor");
        cthttp_resp_free(&r);
    }
}
END_TEST

/* ---- order_by ---- */

typedef enum { K_NUM, K_STR } keykind;

/* -1/0/1 of a vs b under one order key (value at path), ties broken by id ASC. */
static int cmp_records(const cJSON *a, const cJSON *b, const char *path, keykind kind, bool desc,
                       bool nulls_first)
{
    const cJSON *va = ct_j(a, path), *vb = ct_j(b, path);
    bool na = !va || cJSON_IsNull(va), nb = !vb || cJSON_IsNull(vb);
    int c = 0;
    if (na || nb) {
        if (na && !nb)
            c = nulls_first ? -1 : 1;
        else if (!na && nb)
            c = nulls_first ? 1 : -1;
    } else if (kind == K_NUM) {
        double x = va->valuedouble, y = vb->valuedouble;
        c = x < y ? -1 : x > y ? 1 : 0;
        if (desc)
            c = -c;
    } else {
        c = strcmp(va->valuestring, vb->valuestring);
        c = c < 0 ? -1 : c > 0 ? 1 : 0;
        if (desc)
            c = -c;
    }
    if (c == 0)
        c = strcasecmp(ct_jstr(a, "id"), ct_jstr(b, "id")) < 0 ? -1 : 1;
    return c;
}

static void assert_sorted(const cJSON *arr, const char *path, keykind kind, bool desc,
                          bool nulls_first, const char *what)
{
    int n = cJSON_GetArraySize(arr);
    for (int i = 1; i < n; i++) {
        const cJSON *a = cJSON_GetArrayItem(arr, i - 1), *b = cJSON_GetArrayItem(arr, i);
        if (cmp_records(a, b, path, kind, desc, nulls_first) > 0) {
            char *ja = cJSON_PrintUnformatted(ct_j(a, path)), *jb = cJSON_PrintUnformatted(ct_j(b, path));
            ck_abort_msg("%s: rows %d and %d out of order (%s=%s id=%s, then %s id=%s)", what, i - 1,
                         i, path, ja, ct_jstr(a, "id"), jb, ct_jstr(b, "id"));
        }
    }
}

static int count_nulls(const cJSON *arr, const char *path)
{
    int n = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) n += ct_jnull(it, path) ? 1 : 0;
    return n;
}

START_TEST(order_by_amount_all_directions)
{
    struct {
        const char *dir;
        bool desc, nulls_first;
    } dirs[] = {{"AscNullsFirst", false, true},
                {"AscNullsLast", false, false},
                {"DescNullsFirst", true, true},
                {"DescNullsLast", true, false}};
    for (int i = 0; i < 4; i++) {
        char ob[64];
        snprintf(ob, sizeof ob, "amount.amountMicros[%s]", dirs[i].dir);
        cJSON *all = ct_fetch_all("opportunities", ob, NULL, 200, NULL, NULL);
        ck_assert_msg(count_nulls(all, "amount.amountMicros") > 0,
                      "the seed must hold some null amounts for this test");
        assert_sorted(all, "amount.amountMicros", K_NUM, dirs[i].desc, dirs[i].nulls_first, ob);
        cJSON_Delete(all);
    }
}
END_TEST

START_TEST(order_by_default_direction_is_asc_nulls_first)
{
    cJSON *all = ct_fetch_all("opportunities", "closeDate", NULL, 200, NULL, NULL);
    ck_assert_msg(count_nulls(all, "closeDate") > 0, "the seed must hold some null closeDates");
    assert_sorted(all, "closeDate", K_STR, false, true, "closeDate");
    cJSON_Delete(all);
    all = ct_fetch_all("opportunities", "name", NULL, 200, NULL, NULL);
    assert_sorted(all, "name", K_STR, false, true, "name");
    cJSON_Delete(all);
}
END_TEST

START_TEST(paging_with_order_by_keeps_the_order_across_pages)
{
    const char *obs[] = {"amount.amountMicros[DescNullsLast]", "closeDate[AscNullsFirst]",
                         "position[DescNullsFirst]"};
    const char *paths[] = {"amount.amountMicros", "closeDate", "position"};
    keykind kinds[] = {K_NUM, K_STR, K_NUM};
    bool desc[] = {true, false, true}, nf[] = {false, true, true};
    for (int i = 0; i < 3; i++) {
        cJSON *all = ct_fetch_all("opportunities", obs[i], NULL, 23, NULL, NULL);
        ck_assert_int_eq(cJSON_GetArraySize(all), SEEDED);
        assert_sorted(all, paths[i], kinds[i], desc[i], nf[i], obs[i]);
        for (int a = 0; a < SEEDED; a++)
            for (int b = a + 1; b < SEEDED; b++)
                ck_assert_msg(strcmp(ct_jstr(cJSON_GetArrayItem(all, a), "id"),
                                     ct_jstr(cJSON_GetArrayItem(all, b), "id")) != 0,
                              "%s: a record repeated across pages", obs[i]);
        cJSON_Delete(all);
    }
}
END_TEST

START_TEST(order_by_several_keys)
{
    /* stage groups stay contiguous; inside a stage amounts descend, nulls last, then id ASC. */
    cJSON *all = ct_fetch_all("opportunities", "stage,amount.amountMicros[DescNullsLast]", NULL, 200,
                              NULL, NULL);
    int n = cJSON_GetArraySize(all);
    char seen_stages[8][32];
    int nseen = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *rec = cJSON_GetArrayItem(all, i);
        const char *st = ct_jstr(rec, "stage");
        if (i == 0 || strcmp(st, ct_jstr(cJSON_GetArrayItem(all, i - 1), "stage")) != 0) {
            for (int k = 0; k < nseen; k++)
                ck_assert_msg(strcmp(seen_stages[k], st) != 0,
                              "stage %s appears in two separate runs: not ordered by stage", st);
            ck_assert(nseen < 8);
            snprintf(seen_stages[nseen++], 32, "%s", st);
        } else {
            const cJSON *prev = cJSON_GetArrayItem(all, i - 1);
            ck_assert_msg(cmp_records(prev, rec, "amount.amountMicros", K_NUM, true, false) < 0,
                          "inside stage %s, row %d breaks amount DescNullsLast / id ASC", st, i);
        }
    }
    ck_assert_int_eq(nseen, 5);
    cJSON_Delete(all);
}
END_TEST

START_TEST(order_by_tie_breaker_is_id_ascending)
{
    cJSON *all = ct_fetch_all("opportunities", "stage[DescNullsLast]", NULL, 200, NULL, NULL);
    int n = cJSON_GetArraySize(all);
    for (int i = 1; i < n; i++) {
        const cJSON *a = cJSON_GetArrayItem(all, i - 1), *b = cJSON_GetArrayItem(all, i);
        if (strcmp(ct_jstr(a, "stage"), ct_jstr(b, "stage")) == 0)
            ck_assert_msg(strcasecmp(ct_jstr(a, "id"), ct_jstr(b, "id")) < 0,
                          "equal stages must be ordered by id ASC (row %d)", i);
    }
    cJSON_Delete(all);
}
END_TEST

START_TEST(order_by_invalid_direction_is_400)
{
    const char *bad[] = {"Descending", "ascnullsfirst", "ASC"};
    for (int i = 0; i < 3; i++) {
        char ob[64], msg[128];
        snprintf(ob, sizeof ob, "name[%s]", bad[i]);
        snprintf(msg, sizeof msg, "'order_by' direction '%s' invalid. Allowed values are ", bad[i]);
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "order_by", ob, NULL);
        ct_assert_error_prefix(&r, 400, "BadRequestException", msg);
        for (int k = 0; k < 4; k++) {
            const char *d[] = {"AscNullsFirst", "AscNullsLast", "DescNullsFirst", "DescNullsLast"};
            ck_assert_msg(strstr(ct_jstr(r.json, "messages[0]"), d[k]),
                          "the message lists the allowed direction %s", d[k]);
        }
        cthttp_resp_free(&r);
    }
}
END_TEST

START_TEST(order_by_unknown_field_is_400)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "order_by", "foo[AscNullsFirst]", NULL);
    ct_assert_error(&r, 400, "BadRequestException", NULL);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "order_by", "amount.foo", NULL);
    ct_assert_error(&r, 400, "BadRequestException", NULL);
    cthttp_resp_free(&r);
}
END_TEST

/* ---- depth ---- */

START_TEST(depth_1_embeds_relations_one_level)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "depth", "1", "limit", "200", NULL);
    ct_assert_status(&r, 200);
    const cJSON *rec;
    int with_company = 0;
    cJSON_ArrayForEach(rec, rows(&r))
    {
        const char *m2o[][2] = {{"company", "companyId"},
                                {"pointOfContact", "pointOfContactId"},
                                {"owner", "ownerId"}};
        for (int i = 0; i < 3; i++) {
            const cJSON *emb = ct_j(rec, m2o[i][0]);
            ck_assert_msg(emb != NULL, "depth=1: %s missing", m2o[i][0]);
            const char *fk = ct_jstr(rec, m2o[i][1]);
            if (fk) {
                ck_assert_msg(cJSON_IsObject(emb), "depth=1: %s must be an object when %s is set",
                              m2o[i][0], m2o[i][1]);
                ck_assert_str_eq(ct_jstr(emb, "id"), fk);
                const char *deeper[] = {"opportunities", "people", "company", "favorites",
                                        "pointOfContactForOpportunities", "taskTargets"};
                for (int k = 0; k < 6; k++) {
                    const cJSON *d = ct_j(emb, deeper[k]);
                    ck_assert_msg(!d || (!cJSON_IsArray(d) && !cJSON_IsObject(d)),
                                  "embedded %s carries the relation %s", m2o[i][0], deeper[k]);
                }
                if (i == 0)
                    with_company++;
            } else {
                ck_assert_msg(cJSON_IsNull(emb), "depth=1: %s must be null when %s is null",
                              m2o[i][0], m2o[i][1]);
            }
        }
        const char *o2m[] = {"favorites", "taskTargets", "noteTargets", "attachments",
                             "timelineActivities"};
        for (int i = 0; i < 5; i++)
            ck_assert_msg(cJSON_IsArray(ct_j(rec, o2m[i])), "depth=1: %s must be an array", o2m[i]);
    }
    ck_assert_msg(with_company > 0, "the seed must link some opportunities to companies");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(depth_invalid_is_400)
{
    const char *bad[] = {"2", "abc", "-1"};
    for (int i = 0; i < 3; i++) {
        char msg[96];
        snprintf(msg, sizeof msg, "'depth=%s' parameter invalid. Allowed values are 0, 1", bad[i]);
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "depth", bad[i], NULL);
        ct_assert_error(&r, 400, "BadRequestException", msg);
        cthttp_resp_free(&r);
    }
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "depth", "0", "limit", "1", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(!ct_j(r.json, "data.opportunities[0].company"), "depth=0 embeds nothing");
    cthttp_resp_free(&r);
}
END_TEST

/* ---- find one ---- */

START_TEST(find_one_returns_the_record)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "5", NULL);
    ct_assert_status(&r, 200);
    cJSON *want = cJSON_Duplicate(ct_j(r.json, "data.opportunities[3]"), 1);
    cthttp_resp_free(&r);
    char path[128];
    snprintf(path, sizeof path, "/rest/opportunities/%s", ct_jstr(want, "id"));
    cthttp_get(ct_client(), &r, path, NULL);
    ct_assert_status(&r, 200);
    const cJSON *got = ct_j(r.json, "data.opportunity");
    ck_assert_msg(cJSON_IsObject(got), "find one answers {data:{opportunity:{…}}}: %s", ct_show(&r));
    ck_assert_msg(cJSON_Compare(want, got, 1), "find one differs from the list: %s", ct_show(&r));
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, path, "depth", "1", NULL);
    ct_assert_status(&r, 200);
    ck_assert_msg(ct_j(r.json, "data.opportunity.company") != NULL, "find one honours depth=1");
    ck_assert_msg(cJSON_IsArray(ct_j(r.json, "data.opportunity.favorites")), "favorites at depth=1");
    cthttp_resp_free(&r);
    cJSON_Delete(want);
}
END_TEST

START_TEST(find_one_missing_is_404)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", NULL);
    ct_assert_error(&r, 404, "NotFoundException", "Record not found");
    cthttp_resp_free(&r);
}
END_TEST

START_TEST(path_errors)
{
    cthttp_resp r;
    char ctype[128];
    cthttp_get(ct_client(), &r, "/rest/opportunities/abc", NULL);
    ct_assert_error(&r, 400, "BadRequestException", "'abc' is not a valid UUID");
    ck_assert_msg(cthttp_header(&r, "Content-Type", ctype, sizeof ctype) &&
                      strncmp(ctype, "application/json", 16) == 0,
                  "errors are application/json: %s", r.headers);
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "limit", "1", NULL);
    ck_assert_msg(cthttp_header(&r, "Content-Type", ctype, sizeof ctype) &&
                      strncmp(ctype, "application/json", 16) == 0,
                  "answers are application/json: %s", r.headers);
    cthttp_resp_free(&r);

    cthttp_get(ct_client(), &r, "/rest/opportunity", NULL);
    ct_assert_error(&r, 400, "BadRequestException",
                    "object 'opportunity' not found. Did you mean 'opportunities'?");
    cthttp_resp_free(&r);

    const char *deep = "/rest/opportunities/0b3f8e9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/extra";
    char msg[256];
    snprintf(msg, sizeof msg, "Query path '%s' invalid. Valid examples: ", deep);
    cthttp_get(ct_client(), &r, deep, NULL);
    ct_assert_error_prefix(&r, 400, "BadRequestException", msg);
    cthttp_resp_free(&r);
}
END_TEST

/* ---- totalCount and fields ---- */

START_TEST(total_count_follows_the_filter)
{
    const char *stages[] = {"NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER"};
    int sum = 0;
    for (int i = 0; i < 5; i++) {
        char f[64];
        snprintf(f, sizeof f, "stage[eq]:%s", stages[i]);
        cthttp_resp r;
        cthttp_get(ct_client(), &r, "/rest/opportunities", "filter", f, "limit", "1", NULL);
        ct_assert_status(&r, 200);
        double t = 0;
        ck_assert(ct_jnum(r.json, "totalCount", &t));
        ck_assert_msg(t > 0, "every stage should be seeded (%s has none)", stages[i]);
        sum += (int)t;
        cthttp_resp_free(&r);
        cJSON *all = ct_fetch_all("opportunities", NULL, f, 200, NULL, NULL);
        ck_assert_int_eq(cJSON_GetArraySize(all), (int)t);
        const cJSON *it;
        cJSON_ArrayForEach(it, all) ck_assert_str_eq(ct_jstr(it, "stage"), stages[i]);
        cJSON_Delete(all);
    }
    ck_assert_int_eq(sum, SEEDED);
}
END_TEST

START_TEST(fields_param_picks_fields)
{
    cthttp_resp r;
    cthttp_get(ct_client(), &r, "/rest/opportunities", "fields", "name,stage", "limit", "5", NULL);
    ct_assert_status(&r, 200);
    const cJSON *rec;
    cJSON_ArrayForEach(rec, rows(&r))
    {
        ck_assert_msg(cJSON_GetArraySize(rec) == 3 && ct_j(rec, "id") && ct_j(rec, "name") &&
                          ct_j(rec, "stage"),
                      "fields=name,stage must give id, name, stage only: %s", ct_show(&r));
    }
    cthttp_resp_free(&r);
    cthttp_get(ct_client(), &r, "/rest/opportunities", "fields", "name,foo", NULL);
    ct_assert_error(&r, 400, "BadRequestException",
                    "'fields' parameter invalid. Unknown or unreadable fields on 'opportunity': foo");
    cthttp_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contract_list");
    TCase *tc = ct_tcase("find_many", 60);
    tcase_add_unchecked_fixture(tc, up, down);
    tcase_add_test(tc, default_limit_is_60);
    tcase_add_test(tc, limit_is_capped_at_200);
    tcase_add_test(tc, limit_zero_gives_empty_page_and_total);
    tcase_add_test(tc, limit_invalid_is_400);
    tcase_add_test(tc, record_shape_depth_0);
    tcase_add_test(tc, default_order_is_id_ascending);
    tcase_add_test(tc, cursor_is_base64_json_of_order_keys_and_id);
    tcase_add_test(tc, forward_paging_sees_every_record_once);
    tcase_add_test(tc, backward_paging_sees_every_record_once);
    tcase_add_test(tc, backward_paging_with_order_by_and_nulls);
    tcase_add_test(tc, both_cursors_is_400);
    tcase_add_test(tc, invalid_cursor_is_400);
    tcase_add_test(tc, order_by_amount_all_directions);
    tcase_add_test(tc, order_by_default_direction_is_asc_nulls_first);
    tcase_add_test(tc, paging_with_order_by_keeps_the_order_across_pages);
    tcase_add_test(tc, order_by_several_keys);
    tcase_add_test(tc, order_by_tie_breaker_is_id_ascending);
    tcase_add_test(tc, order_by_invalid_direction_is_400);
    tcase_add_test(tc, order_by_unknown_field_is_400);
    tcase_add_test(tc, depth_1_embeds_relations_one_level);
    tcase_add_test(tc, depth_invalid_is_400);
    tcase_add_test(tc, find_one_returns_the_record);
    tcase_add_test(tc, find_one_missing_is_404);
    tcase_add_test(tc, path_errors);
    tcase_add_test(tc, total_count_follows_the_filter);
    tcase_add_test(tc, fields_param_picks_fields);
    suite_add_tcase(s, tc);
    return ct_run(s);
}
