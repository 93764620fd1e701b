/* test_names_hostile.c - names with quotes, commas, brackets, percent signs,
 * backslashes, newlines, tabs and Unicode, end to end: built by pipeboard's
 * codec (src/twenty builders and encoders), sent through src/net to a live
 * twenty-sim, read back by its parsers.
 *
 * For every hostile name:
 *  - create (POST body built with cJSON) and the answer carries the exact bytes;
 *  - GET by id and filter by id (id[in]:[…]) read back the exact bytes;
 *  - the exact name filter (name[eq]:"…", last leaf) finds exactly that record,
 *    or, only for the values encode.h documents as inexpressible in Twenty's
 *    filter grammar (line terminators, badly nested parentheses), is refused
 *    with TWENTY_ENC_INEXPRESSIBLE and nothing is sent;
 *  - the widened filter (ilike "%…%", twenty_filter_ilike_contains) plus the
 *    client-side re-check finds it, whatever the name;
 *  - the name filter combined with a second leaf after it (not last) works
 *    or is refused, never matches the wrong record;
 *  - the search (GraphQL, the text as the searchInput variable, never in the
 *    query document) finds it, when it has a word to find it by;
 *  - an edit to another hostile name reads back exactly. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "support/drive.h"
#include "support/simrun.h"
#include "twenty/encode.h"
#include "twenty/parse.h"
#include "twenty/request.h"
#include "util/buf.h"
#include "util/intern.h"

static const char *const NAMES[] = {
    "it's O'Brien's",
    "say \"hi\" now",
    "\"a\",\"b\"",
    "a,b,c",
    "comma, then (parens) and [brackets] and {braces}",
    "100% sure",
    "%2C and %25 and %",
    "back\\slash \\n \\\" \\\\",
    "line one\nline two",
    "tab\there",
    "name[eq]:x",
    "stage[eq]:PROPOSAL,name[like]:%",
    "and(name[eq]:x,id[is]:NULL)",
    "a)b(",
    "smile :-)",
    "[",
    "]odd",
    "O'Brien \"the\" boss",
    "x & y = z + w # ? / ;",
    "Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80 na\xc3\xafve",
    "under_score 50_50",
    "cr\rhere",
    "unicode line\xe2\x80\xa8separator",
    "'single quoted'",
    "  leading and trailing  ",
};
#define NNAMES (sizeof NAMES / sizeof NAMES[0])

static simrun sim;
static pb_board *board;
static drive d;
static pb_strpool pool;
static pb_id ids[NNAMES];

/* What encode.h says cannot be written exactly as the last leaf. */
static bool documented_inexpressible(const char *s)
{
    if (strpbrk(s, "\r\n") || strstr(s, "\xe2\x80\xa8") || strstr(s, "\xe2\x80\xa9"))
        return true;
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth < 0)
            return true;
    }
    return depth != 0;
}

static bool has_word(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || *p >= 0x80)
            return true;
    return false;
}

static int send_req(const pb_request *rq, char **body)
{
    return drive_http(&d, rq->method, rq->path_and_query, rq->body, body);
}

static void setup(void)
{
    const char *args[] = {"--seed", "30", NULL};
    ck_assert_msg(simrun_start(&sim, args), "%s", sim.err);
    pb_board_config cfg = {.page_size = 50};
    board = board_new(&cfg);
    ck_assert_msg(drive_init(&d, sim.base_url, SIMRUN_KEY, board), "%s", d.err);
    pb_strpool_init(&pool);
}

static void teardown(void)
{
    pb_strpool_free(&pool);
    drive_free(&d);
    board_free(board);
    simrun_stop(&sim);
}

static void create_all(void)
{
    for (size_t i = 0; i < NNAMES; i++) {
        pb_opp v;
        memset(&v, 0, sizeof v);
        v.name = NAMES[i];
        pb_request rq;
        pb_error err;
        ck_assert_msg(twenty_build_create(&v, PB_OPP_F_NAME, NULL, TWENTY_DEPTH_DEFAULT, &rq, &err),
                      "build create #%zu: %s", i, err.message);
        char *body = NULL;
        int st = send_req(&rq, &body);
        twenty_request_free(&rq);
        pb_opp got;
        ck_assert_msg(twenty_parse_opp_one(st, body, body ? strlen(body) : 0, &pool, &got, &err),
                      "create #%zu answered %d: %s", i, st, err.message);
        free(body);
        ck_assert_int_eq(st, 201);
        ck_assert_msg(strcmp(got.name, NAMES[i]) == 0, "create #%zu: name came back as '%s'", i,
                      got.name);
        ids[i] = got.id;
    }
}

/* GET list with `filter`; the ids of the records returned. */
static size_t list_ids(const char *filter, pb_id *out, size_t max, const char **names)
{
    pb_list_params p;
    twenty_list_params_init(&p);
    p.limit = 200;
    p.filter = filter;
    pb_request rq;
    pb_error err;
    ck_assert_msg(twenty_build_list(&p, &rq, &err), "build list: %s", err.message);
    char *body = NULL;
    int st = send_req(&rq, &body);
    pb_opp_page page;
    ck_assert_msg(twenty_parse_opp_list(st, body, body ? strlen(body) : 0, &pool, &page, &err),
                  "list %s answered %d: %s (%.300s)", rq.path_and_query, st, err.message,
                  body ? body : "");
    twenty_request_free(&rq);
    free(body);
    size_t n = 0;
    for (size_t i = 0; i < page.n && n < max; i++, n++) {
        out[n] = page.items[i].id;
        if (names)
            names[n] = page.items[i].name;
    }
    ck_assert_msg(page.n <= max, "%zu records for a filter that should find a few", page.n);
    twenty_opp_page_free(&page);
    return n;
}

static bool has_id(const pb_id *v, size_t n, const pb_id *id)
{
    for (size_t i = 0; i < n; i++)
        if (pb_id_equal(&v[i], id))
            return true;
    return false;
}

START_TEST(hostile_names_round_trip_filter_and_search)
{
    create_all();
    for (size_t i = 0; i < NNAMES; i++) {
        const char *name = NAMES[i];
        pb_request rq;
        pb_error err;
        char *body = NULL;
        pb_opp got;

        /* read back by id */
        ck_assert(twenty_build_get(&ids[i], TWENTY_DEPTH_DEFAULT, &rq, &err));
        int st = send_req(&rq, &body);
        twenty_request_free(&rq);
        ck_assert_msg(twenty_parse_opp_one(st, body, body ? strlen(body) : 0, &pool, &got, &err),
                      "get #%zu: %s", i, err.message);
        free(body);
        ck_assert_msg(strcmp(got.name, name) == 0, "get #%zu: '%s'", i, got.name);

        /* filter by id */
        ck_assert(twenty_build_get_many(&ids[i], 1, TWENTY_DEPTH_DEFAULT, &rq, &err));
        body = NULL;
        st = send_req(&rq, &body);
        twenty_request_free(&rq);
        pb_opp_page page;
        ck_assert_msg(twenty_parse_opp_list(st, body, body ? strlen(body) : 0, &pool, &page, &err),
                      "id[in] #%zu: %s", i, err.message);
        free(body);
        ck_assert_uint_eq(page.n, 1);
        ck_assert_msg(strcmp(page.items[0].name, name) == 0, "id[in] #%zu: '%s'", i,
                      page.items[0].name);
        twenty_opp_page_free(&page);

        /* the exact name filter, as the last leaf */
        pb_buf f = PB_BUF_INIT;
        twenty_enc e = twenty_filter_text(&f, "name", "eq", name, true);
        if (documented_inexpressible(name)) {
            ck_assert_msg(e == TWENTY_ENC_INEXPRESSIBLE,
                          "#%zu is inexpressible by encode.h's rules but encoded as %s", i,
                          pb_buf_cstr(&f));
            ck_assert_uint_eq(f.len, 0);
        } else {
            ck_assert_msg(e == TWENTY_ENC_OK, "#%zu '%s' refused: %s", i, name, twenty_enc_reason(e));
            pb_id found[8];
            const char *fn[8];
            size_t n = list_ids(pb_buf_cstr(&f), found, 8, fn);
            ck_assert_msg(n == 1 && pb_id_equal(&found[0], &ids[i]),
                          "name[eq] #%zu '%s' (%s) found %zu records%s%s", i, name, pb_buf_cstr(&f),
                          n, n ? ", first: " : "", n ? fn[0] : "");
        }
        pb_buf_free(&f);

        /* the name filter before another leaf: exact or refused, never wrong */
        pb_buf g = PB_BUF_INIT;
        pb_buf_puts(&g, "and(");
        e = twenty_filter_text(&g, "name", "eq", name, false);
        if (e == TWENTY_ENC_OK) {
            pb_buf_puts(&g, ",");
            ck_assert(twenty_filter_is(&g, "deletedAt", true) == TWENTY_ENC_OK);
            pb_buf_puts(&g, ")");
            pb_id found[8];
            size_t n = list_ids(pb_buf_cstr(&g), found, 8, NULL);
            ck_assert_msg(n == 1 && pb_id_equal(&found[0], &ids[i]),
                          "and(name[eq],…) #%zu '%s' (%s) found %zu records", i, name,
                          pb_buf_cstr(&g), n);
        } else {
            ck_assert_msg(e == TWENTY_ENC_INEXPRESSIBLE, "#%zu: %s", i, twenty_enc_reason(e));
        }
        pb_buf_free(&g);

        /* the widened filter plus the re-check always finds it */
        pb_buf h = PB_BUF_INIT;
        bool inexact = false;
        e = twenty_filter_ilike_contains(&h, "name", name, true, &inexact);
        ck_assert_msg(e == TWENTY_ENC_OK, "ilike #%zu refused: %s", i, twenty_enc_reason(e));
        {
            pb_id found[200];
            const char *fn[200];
            size_t n = list_ids(pb_buf_cstr(&h), found, 200, fn);
            size_t kept = 0;
            bool mine = false;
            for (size_t k = 0; k < n; k++) {
                if (inexact && !twenty_text_contains_ci(fn[k], name))
                    continue;
                kept++;
                mine = mine || pb_id_equal(&found[k], &ids[i]);
            }
            ck_assert_msg(mine, "ilike #%zu '%s' (%s) did not find it (%zu hits)", i, name,
                          pb_buf_cstr(&h), n);
            ck_assert_msg(kept >= 1, "ilike #%zu", i);
        }
        pb_buf_free(&h);

        /* the search: GraphQL with the text as a variable */
        ck_assert_msg(twenty_build_search(name, 100, NULL, &rq, &err), "build search #%zu: %s", i,
                      err.message);
        {
            cJSON *j = cJSON_Parse(rq.body);
            const cJSON *vars = cJSON_GetObjectItemCaseSensitive(j, "variables");
            const cJSON *in = cJSON_GetObjectItemCaseSensitive(vars, "searchInput");
            const cJSON *q = cJSON_GetObjectItemCaseSensitive(j, "query");
            ck_assert_msg(cJSON_IsString(in) && strcmp(in->valuestring, name) == 0,
                          "search #%zu: the text is not the searchInput variable: %s", i, rq.body);
            ck_assert_msg(cJSON_IsString(q) && (strlen(name) < 6 || !strstr(q->valuestring, name)),
                          "search #%zu: the text is pasted into the query document", i);
            cJSON_Delete(j);
        }
        body = NULL;
        st = send_req(&rq, &body);
        twenty_request_free(&rq);
        pb_search_hits hits;
        ck_assert_msg(twenty_parse_search(st, body, body ? strlen(body) : 0, &hits, &err),
                      "search #%zu answered %d: %s (%.300s)", i, st, err.message, body ? body : "");
        free(body);
        /* Twenty's search matches words: a name without a letter or digit ("[")
         * has nothing to find it by. */
        if (has_word(name))
            ck_assert_msg(has_id(hits.ids, hits.n, &ids[i]), "search #%zu '%s': %zu hits, not it",
                          i, name, hits.n);
        twenty_search_hits_free(&hits);
    }
}
END_TEST

START_TEST(edits_to_hostile_names_read_back_exactly)
{
    create_all();
    for (size_t i = 0; i < NNAMES; i++) {
        const char *next = NAMES[(i + 7) % NNAMES];
        pb_opp v;
        memset(&v, 0, sizeof v);
        v.name = next;
        pb_request rq;
        pb_error err;
        ck_assert(twenty_build_update(&ids[i], &v, PB_OPP_F_NAME, TWENTY_DEPTH_DEFAULT, &rq, &err));
        char *body = NULL;
        int st = send_req(&rq, &body);
        twenty_request_free(&rq);
        pb_opp got;
        ck_assert_msg(twenty_parse_opp_one(st, body, body ? strlen(body) : 0, &pool, &got, &err),
                      "update #%zu answered %d: %s", i, st, err.message);
        free(body);
        ck_assert_msg(strcmp(got.name, next) == 0, "update #%zu: answer '%s'", i, got.name);
        ck_assert(twenty_build_get(&ids[i], TWENTY_DEPTH_DEFAULT, &rq, &err));
        body = NULL;
        st = send_req(&rq, &body);
        twenty_request_free(&rq);
        ck_assert(twenty_parse_opp_one(st, body, body ? strlen(body) : 0, &pool, &got, &err));
        free(body);
        ck_assert_msg(strcmp(got.name, next) == 0, "update #%zu: read back '%s'", i, got.name);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("integration_names_hostile");
    TCase *tc = tcase_create("names");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, hostile_names_round_trip_filter_and_search);
    tcase_add_test(tc, edits_to_hostile_names_read_back_exactly);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
