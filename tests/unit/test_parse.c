/* test_parse.c - every envelope, every error shape, every [U] variant, and
 * malformed or wrong-typed input. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/parse.h"
#include "util/isodate.h"

#define ID1 "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b"
#define ID2 "00000000-0000-4000-8000-000000000002"
#define ID3 "00000000-0000-4000-8000-000000000003"
#define ID4 "00000000-0000-4000-8000-000000000004"

static pb_strpool sp;

static void setup(void)
{
    pb_strpool_init(&sp);
}

static void teardown(void)
{
    pb_strpool_free(&sp);
}

static bool list(const char *body, pb_opp_page *page, pb_error *err)
{
    return twenty_parse_opp_list(200, body, strlen(body), &sp, page, err);
}

static void id_is(const pb_id *id, const char *want)
{
    char s[PB_ID_BUFSZ];
    pb_id_format(id, s);
    ck_assert_str_eq(s, want);
}

/* A one-record list around the given record JSON. */
static bool one_in_list(const char *rec, pb_opp *out, pb_error *err)
{
    char body[4096];
    snprintf(body, sizeof body, "{\"data\":{\"opportunities\":[%s]},\"totalCount\":1}", rec);
    pb_opp_page page;
    bool ok = list(body, &page, err);
    if (ok) {
        ck_assert_uint_eq(page.n, 1);
        *out = page.items[0];
    }
    twenty_opp_page_free(&page);
    return ok;
}

static void protocol_error(const char *rec, const char *where)
{
    pb_opp o;
    pb_error err;
    ck_assert_msg(!one_in_list(rec, &o, &err), "accepted %s", rec);
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    ck_assert_msg(strstr(err.message, where), "message '%s' lacks '%s'", err.message, where);
}

/* ---- list envelope -------------------------------------------------------- */
START_TEST(list_full_envelope)
{
    const char *body =
        "{\"data\":{\"opportunities\":["
        "{\"id\":\"" ID1 "\",\"name\":\"Acme renewal\",\"amount\":{\"amountMicros\":50000000000,"
        "\"currencyCode\":\"USD\"},\"closeDate\":\"2024-06-30T00:00:00.000Z\",\"stage\":\"PROPOSAL\","
        "\"position\":2.5,\"companyId\":\"" ID2 "\",\"pointOfContactId\":\"" ID3 "\",\"ownerId\":null,"
        "\"company\":{\"id\":\"" ID2 "\",\"name\":\"Acme Corp\"},"
        "\"pointOfContact\":{\"id\":\"" ID3 "\",\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}},"
        "\"owner\":null,\"createdBy\":{\"source\":\"API\",\"workspaceMemberId\":null,\"name\":\"key\",\"context\":{}},"
        "\"createdAt\":\"2024-01-01T10:00:00.000Z\",\"updatedAt\":\"2024-01-02T10:00:00.000Z\",\"deletedAt\":null,"
        "\"favorites\":[],\"taskTargets\":[]},"
        "{\"id\":\"" ID4 "\",\"name\":null,\"amount\":null,\"stage\":\"PROPOSAL\",\"position\":-1}"
        "]},\"totalCount\":42,"
        "\"pageInfo\":{\"hasNextPage\":true,\"hasPreviousPage\":false,"
        "\"startCursor\":\"eyJpZCI6IjEifQ==\",\"endCursor\":\"eyJpZCI6IjIifQ==\"}}";
    pb_opp_page page;
    pb_error err;
    ck_assert_msg(list(body, &page, &err), "%s", err.message);
    ck_assert_int_eq(err.kind, PB_ERR_NONE);
    ck_assert_uint_eq(page.n, 2);
    ck_assert_int_eq(page.total_count, 42);
    ck_assert(page.info.has_next);
    ck_assert(!page.info.has_prev);
    ck_assert_str_eq(page.info.start_cursor, "eyJpZCI6IjEifQ==");
    ck_assert_str_eq(page.info.end_cursor, "eyJpZCI6IjIifQ==");
    const pb_opp *a = &page.items[0], *b = &page.items[1];
    id_is(&a->id, ID1);
    ck_assert_str_eq(a->name, "Acme renewal");
    ck_assert(a->amount.set);
    ck_assert_int_eq(a->amount.micros, INT64_C(50000000000));
    ck_assert_str_eq(a->amount.currency, "USD");
    ck_assert(a->has_close_date);
    ck_assert_int_eq(a->close_date_ms, pb_date_from_ymd(2024, 6, 30));
    ck_assert_str_eq(a->stage, "PROPOSAL");
    ck_assert(a->position == 2.5);
    id_is(&a->company_id, ID2);
    id_is(&a->poc_id, ID3);
    ck_assert(pb_id_is_nil(&a->owner_id));
    ck_assert_str_eq(a->company_name, "Acme Corp");
    ck_assert_str_eq(a->poc_name, "Ada Lovelace");
    ck_assert_ptr_null(a->owner_name);
    ck_assert(!a->deleted);
    ck_assert_int_eq(a->created_at_ms, pb_date_from_ymd(2024, 1, 1) + 36000000);
    ck_assert_int_eq(a->flags, 0);
    id_is(&b->id, ID4);
    ck_assert_str_eq(b->name, "");
    ck_assert(!b->amount.set);
    ck_assert(!b->has_close_date);
    ck_assert_ptr_eq(a->stage, b->stage);   /* interned */
    ck_assert(b->position == -1);
    ck_assert_ptr_null(b->company_name);
    twenty_opp_page_free(&page);
}
END_TEST

START_TEST(list_old_and_empty_variants)
{
    pb_opp_page page;
    pb_error err;
    ck_assert(list("{\"data\":{\"opportunities\":[]}}", &page, &err));
    ck_assert_uint_eq(page.n, 0);
    ck_assert_int_eq(page.total_count, -1);   /* old OAS: no totalCount */
    ck_assert_ptr_null(page.info.end_cursor);
    ck_assert(!page.info.has_next);
    twenty_opp_page_free(&page);
    ck_assert(list("{\"data\":{\"opportunities\":[]},\"totalCount\":0,\"pageInfo\":{\"hasNextPage\":"
                   "false,\"startCursor\":null,\"endCursor\":null}}",
                   &page, &err));
    ck_assert_int_eq(page.total_count, 0);
    ck_assert_ptr_null(page.info.start_cursor);
    twenty_opp_page_free(&page);
    ck_assert(list("  {\"data\":{\"opportunities\":[]},\"totalCount\":\"7\"}\n", &page, &err));
    ck_assert_int_eq(page.total_count, 7);
    twenty_opp_page_free(&page);
}
END_TEST

START_TEST(amount_variants)
{
    pb_opp o;
    pb_error err;
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"50000000000\","
                          "\"currencyCode\":\"EUR\"}}", &o, &err));
    ck_assert(o.amount.set);
    ck_assert_int_eq(o.amount.micros, INT64_C(50000000000));
    ck_assert_str_eq(o.amount.currency, "EUR");
    /* strings are exact even beyond 2^53: never through double */
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"9007199254740993\","
                          "\"currencyCode\":\"USD\"}}", &o, &err));
    ck_assert_int_eq(o.amount.micros, INT64_C(9007199254740993));
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"-1500000\","
                          "\"currencyCode\":\"USD\"}}", &o, &err));
    ck_assert_int_eq(o.amount.micros, -1500000);
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"1500000.5\"}}", &o, &err));
    ck_assert_int_eq(o.amount.micros, 1500001);
    /* beyond int64 as a string, beyond 2^53 as a number: flagged, not wrapped */
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"99999999999999999999\","
                          "\"currencyCode\":\"USD\"}}", &o, &err));
    ck_assert(!o.amount.set);
    ck_assert_int_eq(o.flags & PB_OPP_AMOUNT_INVALID, PB_OPP_AMOUNT_INVALID);
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":1e16}}", &o, &err));
    ck_assert(!o.amount.set);
    ck_assert(o.flags & PB_OPP_AMOUNT_INVALID);
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":9007199254740992}}", &o, &err));
    ck_assert(o.amount.set);
    ck_assert_int_eq(o.amount.micros, INT64_C(9007199254740992));
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":1.5}}", &o, &err));
    ck_assert_int_eq(o.amount.micros, 2);
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":null,\"currencyCode\":\"USD\"}}",
                          &o, &err));
    ck_assert(!o.amount.set);
    ck_assert_int_eq(o.flags, 0);
    ck_assert_str_eq(o.amount.currency, "USD");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":5,\"currencyCode\":\"\"}}", &o, &err));
    ck_assert(o.amount.set);
    ck_assert_str_eq(o.amount.currency, "");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"amount\":{}}", &o, &err));
    ck_assert(!o.amount.set);
}
END_TEST

START_TEST(string_variants)
{
    pb_opp o;
    pb_error err;
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"\"}", &o, &err));
    ck_assert_str_eq(o.name, "");
    ck_assert_str_eq(o.stage, "");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"bad \xFF\xFE bytes\"}", &o, &err));
    ck_assert_str_eq(o.name, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"lone \\ud800 high\"}", &o, &err));
    ck_assert_str_eq(o.name, "lone \xEF\xBF\xBD high");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"lone \\uDC00\\u0041 low\"}", &o, &err));
    ck_assert_str_eq(o.name, "lone \xEF\xBF\xBD" "A low");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"pair \\ud83d\\ude80!\"}", &o, &err));
    ck_assert_str_eq(o.name, "pair \xF0\x9F\x9A\x80!");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"nul\\u0000after\"}", &o, &err));
    ck_assert_str_eq(o.name, "nul\xEF\xBF\xBD" "after");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"esc \\\\ud800 is text\"}", &o, &err));
    ck_assert_str_eq(o.name, "esc \\ud800 is text");
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"name\":\"\\u001b[31mred\"}", &o, &err));
    ck_assert_str_eq(o.name, "\x1b[31mred");   /* kept: sanitizing is the UI's job */
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"companyId\":null,\"company\":{\"id\":\"" ID2 "\","
                          "\"name\":\"Globex\"},\"owner\":{\"id\":\"" ID3 "\",\"name\":{\"firstName\":"
                          "\"\",\"lastName\":\"Solo\"}},\"deletedAt\":\"2024-05-01T00:00:00Z\"}",
                          &o, &err));
    id_is(&o.company_id, ID2);   /* taken from the embedded record */
    ck_assert_str_eq(o.company_name, "Globex");
    ck_assert_str_eq(o.owner_name, "Solo");
    id_is(&o.owner_id, ID3);
    ck_assert(o.deleted);
    ck_assert_int_eq(o.deleted_at_ms, pb_date_from_ymd(2024, 5, 1));
    ck_assert(one_in_list("{\"id\":\"" ID1 "\",\"position\":\"3.25\",\"closeDate\":\"2024-06-30\"}",
                          &o, &err));
    ck_assert(o.position == 3.25);
    ck_assert_int_eq(o.close_date_ms, pb_date_from_ymd(2024, 6, 30));
}
END_TEST

START_TEST(wrong_types_are_errors)
{
    protocol_error("{\"name\":\"x\"}", "opportunities[0].id");
    protocol_error("{\"id\":\"not-a-uuid\"}", "opportunities[0].id");
    protocol_error("{\"id\":42}", "opportunities[0].id");
    protocol_error("{\"id\":\"" ID1 "\",\"name\":7}", "opportunities[0].name");
    protocol_error("{\"id\":\"" ID1 "\",\"stage\":[\"NEW\"]}", "opportunities[0].stage");
    protocol_error("{\"id\":\"" ID1 "\",\"closeDate\":\"yesterday\"}", "opportunities[0].closeDate");
    protocol_error("{\"id\":\"" ID1 "\",\"closeDate\":20240101}", "opportunities[0].closeDate");
    protocol_error("{\"id\":\"" ID1 "\",\"amount\":\"50k\"}", "amount");
    protocol_error("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":true}}", "amount.amountMicros");
    protocol_error("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"1e6\"}}", "amount.amountMicros");
    protocol_error("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":\"\"}}", "amount.amountMicros");
    protocol_error("{\"id\":\"" ID1 "\",\"amount\":{\"amountMicros\":1,\"currencyCode\":1}}", "currencyCode");
    protocol_error("{\"id\":\"" ID1 "\",\"position\":\"abc\"}", "position");
    protocol_error("{\"id\":\"" ID1 "\",\"position\":{}}", "position");
    protocol_error("{\"id\":\"" ID1 "\",\"companyId\":5}", "companyId");
    protocol_error("{\"id\":\"" ID1 "\",\"company\":\"Acme\"}", "company");
    protocol_error("{\"id\":\"" ID1 "\",\"pointOfContact\":{\"name\":{\"firstName\":1}}}", "pointOfContact");
    protocol_error("{\"id\":\"" ID1 "\",\"createdAt\":false}", "createdAt");
    protocol_error("[]", "opportunities[0]");
    protocol_error("\"x\"", "opportunities[0]");
}
END_TEST

static void list_fails(const char *body, pb_err_kind kind)
{
    pb_opp_page page;
    pb_error err;
    ck_assert_msg(!twenty_parse_opp_list(200, body, body ? strlen(body) : 0, &sp, &page, &err),
                  "accepted %s", body);
    ck_assert_int_eq(err.kind, kind);
    ck_assert(err.message[0]);
    ck_assert_ptr_null(page.items);
    ck_assert_uint_eq(page.n, 0);
}

START_TEST(malformed_bodies)
{
    list_fails(NULL, PB_ERR_PROTOCOL);
    list_fails("", PB_ERR_PROTOCOL);
    list_fails("<html>502</html>", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]}} trailing", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[", PB_ERR_PROTOCOL);
    list_fails("[]", PB_ERR_PROTOCOL);
    list_fails("{\"data\":null}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":{}}}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"companies\":[]}}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]},\"totalCount\":-1}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]},\"totalCount\":\"many\"}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]},\"pageInfo\":[]}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]},\"pageInfo\":{\"hasNextPage\":\"yes\"}}", PB_ERR_PROTOCOL);
    list_fails("{\"data\":{\"opportunities\":[]},\"pageInfo\":{\"endCursor\":5}}", PB_ERR_PROTOCOL);
    /* a later bad record fails the whole page, with nothing half-kept */
    list_fails("{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\"},{\"id\":null}]}}", PB_ERR_PROTOCOL);
}
END_TEST

START_TEST(fuzzed_bodies_never_crash)
{
    const char *base =
        "{\"data\":{\"opportunities\":[{\"id\":\"" ID1 "\",\"name\":\"A\\u00e9\",\"amount\":"
        "{\"amountMicros\":\"5\",\"currencyCode\":\"USD\"},\"stage\":\"NEW\",\"position\":1,"
        "\"company\":{\"id\":\"" ID2 "\",\"name\":\"C\"}}]},\"totalCount\":1,\"pageInfo\":"
        "{\"hasNextPage\":false,\"endCursor\":\"x\"}}";
    size_t n = strlen(base);
    char *buf = malloc(n + 1);
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (size_t cut = 0; cut <= n; cut++) {   /* every truncation */
        pb_opp_page page;
        pb_error err;
        bool ok = twenty_parse_opp_list(200, base, cut, &sp, &page, &err);
        ck_assert(ok == (cut == n) || (ok && cut >= n - 1));
        twenty_opp_page_free(&page);
    }
    static const char junk[] = "{}[]\",:0-9.eE\\u nulltrue";
    for (int iter = 0; iter < 4000; iter++) {   /* byte flips */
        memcpy(buf, base, n + 1);
        for (int k = 0; k < 3; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[x % n] = junk[(x >> 32) % (sizeof junk - 1)];
        }
        pb_opp_page page;
        pb_error err;
        if (!twenty_parse_opp_list(200, buf, n, &sp, &page, &err))
            ck_assert(err.kind == PB_ERR_PROTOCOL && err.message[0]);
        twenty_opp_page_free(&page);
        pb_group_rows rows;
        twenty_parse_group_totals(200, buf, n, &sp, &rows, &err);
        twenty_group_rows_free(&rows);
        twenty_parse_error(400, buf, n, &err);
        ck_assert(err.message[0]);
    }
    free(buf);
}
END_TEST

/* ---- single records, delete ------------------------------------------------ */
START_TEST(single_record_envelopes)
{
    static const char *keys[] = {"opportunity", "createOpportunity", "updateOpportunity",
                                 "restoreOpportunity"};
    for (int i = 0; i < 4; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"data\":{\"%s\":{\"id\":\"" ID1 "\",\"name\":\"Deal %d\",\"stage\":\"NEW\"}}}",
                 keys[i], i);
        pb_opp o;
        pb_error err;
        ck_assert_msg(twenty_parse_opp_one(i == 1 ? 201 : 200, body, strlen(body), &sp, &o, &err),
                      "%s: %s", keys[i], err.message);
        id_is(&o.id, ID1);
        char want[32];
        snprintf(want, sizeof want, "Deal %d", i);
        ck_assert_str_eq(o.name, want);
    }
    pb_opp o;
    pb_error err;
    const char *bad = "{\"data\":{\"deleteOpportunity\":{\"id\":\"" ID1 "\"}}}";
    ck_assert(!twenty_parse_opp_one(200, bad, strlen(bad), &sp, &o, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    ck_assert_str_eq(o.name, "");
    const char *wrong = "{\"data\":{\"opportunity\":{\"id\":\"" ID1 "\",\"stage\":1}}}";
    ck_assert(!twenty_parse_opp_one(200, wrong, strlen(wrong), &sp, &o, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "data.opportunity.stage"));
    const char *nf = "{\"statusCode\":404,\"error\":\"NotFoundException\",\"messages\":[\"Record not found\"]}";
    ck_assert(!twenty_parse_opp_one(404, nf, strlen(nf), &sp, &o, &err));
    ck_assert_int_eq(err.kind, PB_ERR_NOT_FOUND);
    ck_assert_int_eq(err.http_status, 404);
    ck_assert_str_eq(err.message, "Record not found");
}
END_TEST

START_TEST(delete_envelopes)
{
    pb_id id;
    pb_error err;
    const char *a = "{\"data\":{\"deleteOpportunity\":{\"id\":\"" ID1 "\"}}}";
    ck_assert(twenty_parse_deleted_id(200, a, strlen(a), &id, &err));
    id_is(&id, ID1);
    const char *b = "{\"data\":{\"deleteOpportunity\":{\"id\":\"" ID2 "\",\"softDelete\":true}}}";
    ck_assert(twenty_parse_deleted_id(200, b, strlen(b), &id, &err));
    id_is(&id, ID2);
    const char *c = "{\"data\":{\"destroyOpportunity\":{\"id\":\"" ID3 "\"}}}";
    ck_assert(twenty_parse_deleted_id(200, c, strlen(c), &id, &err));
    id_is(&id, ID3);
    const char *d = "{\"data\":{\"deleteOpportunity\":{}}}";
    ck_assert(!twenty_parse_deleted_id(200, d, strlen(d), &id, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    const char *e = "{\"data\":{\"deleteOpportunity\":\"" ID1 "\"}}";
    ck_assert(!twenty_parse_deleted_id(200, e, strlen(e), &id, &err));
}
END_TEST

/* ---- errors ---------------------------------------------------------------- */
static pb_error perr(int status, const char *body)
{
    pb_error err;
    twenty_parse_error(status, body, body ? strlen(body) : 0, &err);
    return err;
}

START_TEST(error_bodies)
{
    pb_error e = perr(400, "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":"
                           "[\"'filter' invalid for 'x'. eg: price[gte]:10\"]}");
    ck_assert_int_eq(e.kind, PB_ERR_BAD_REQUEST);
    ck_assert_int_eq(e.http_status, 400);
    ck_assert_str_eq(e.name, "BadRequestException");
    ck_assert_str_eq(e.message, "'filter' invalid for 'x'. eg: price[gte]:10");
    e = perr(400, "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"one\",\"two\"]}");
    ck_assert_str_eq(e.message, "one; two");
    e = perr(400, "{\"statusCode\":400,\"message\":\"Invalid UUID\",\"error\":\"Bad Request\"}");
    ck_assert_str_eq(e.message, "Invalid UUID");
    ck_assert_str_eq(e.name, "Bad Request");
    e = perr(400, "{\"statusCode\":400,\"message\":[\"a must be a string\",\"b\"],\"error\":\"Bad Request\"}");
    ck_assert_str_eq(e.message, "a must be a string; b");
    e = perr(401, "{\"statusCode\":401,\"error\":\"UNAUTHENTICATED\",\"messages\":[\"Token invalid.\"]}");
    ck_assert_int_eq(e.kind, PB_ERR_UNAUTHENTICATED);
    e = perr(403, "{\"statusCode\":403,\"error\":\"FORBIDDEN_EXCEPTION\",\"messages\":[\"Missing authentication token\"]}");
    ck_assert_int_eq(e.kind, PB_ERR_FORBIDDEN);
    ck_assert_str_eq(e.name, "FORBIDDEN_EXCEPTION");
    e = perr(429, "{\"statusCode\":429,\"error\":\"RATE_LIMITED\",\"messages\":[\"slow down\"],"
                  "\"limitKind\":\"speed\",\"limit\":100,\"remaining\":0,\"retryAfterSeconds\":1}");
    ck_assert_int_eq(e.kind, PB_ERR_RATE_LIMITED);
    ck_assert_int_eq(e.retry_after_s, 1);
    e = perr(402, "{\"statusCode\":402,\"error\":\"QUOTA\",\"messages\":[]}");
    ck_assert_int_eq(e.kind, PB_ERR_QUOTA);
    ck_assert_str_eq(e.message, "QUOTA");
    e = perr(502, "<html><body>Bad gateway</body></html>");
    ck_assert_int_eq(e.kind, PB_ERR_SERVER);
    ck_assert_str_eq(e.message, "HTTP 502 Bad Gateway");
    ck_assert_int_eq(e.retry_after_s, -1);
    e = perr(500, NULL);
    ck_assert_str_eq(e.message, "HTTP 500 Internal Server Error");
    e = perr(418, "");
    ck_assert_int_eq(e.kind, PB_ERR_HTTP);
    ck_assert_str_eq(e.message, "HTTP 418");
    e = perr(0, NULL);
    ck_assert_str_eq(e.message, "no HTTP response");
    e = perr(0, "{\"statusCode\":404,\"messages\":[\"gone\"]}");
    ck_assert_int_eq(e.http_status, 404);
    ck_assert_int_eq(e.kind, PB_ERR_NOT_FOUND);
    e = perr(400, "{\"errors\":[{\"message\":\"Cannot query field \\\"fieldsList\\\" on type \\\"Object\\\".\","
                  "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}");
    ck_assert_int_eq(e.kind, PB_ERR_BAD_REQUEST);
    ck_assert_str_eq(e.name, "GRAPHQL_VALIDATION_FAILED");
    ck_assert_str_eq(e.message, "Cannot query field \"fieldsList\" on type \"Object\".");
    e = perr(400, "{\"messages\":[\"bad \xFF byte\"]}");
    ck_assert_str_eq(e.message, "bad \xEF\xBF\xBD byte");
    char longbody[4000];
    strcpy(longbody, "{\"messages\":[\"");
    for (int i = 0; i < 1000; i++)
        strcat(longbody, "\xC3\xA9");
    strcat(longbody, "\"]}");
    e = perr(400, longbody);
    ck_assert_uint_lt(strlen(e.message), PB_ERROR_MSG_MAX);
    ck_assert_uint_eq(strlen(e.message) % 2, 0);   /* cut between two-byte characters */
    /* any 2xx parser hands a non-2xx status to the error parser */
    pb_opp_page page;
    const char *b = "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"limit 'x' is invalid. Should be an integer\"]}";
    ck_assert(!twenty_parse_opp_list(400, b, strlen(b), &sp, &page, &e));
    ck_assert_int_eq(e.kind, PB_ERR_BAD_REQUEST);
    ck_assert_str_eq(e.message, "limit 'x' is invalid. Should be an integer");
}
END_TEST

/* ---- groupBy ---------------------------------------------------------------- */
static bool groups(const char *body, pb_group_rows *rows, pb_error *err)
{
    return twenty_parse_group_totals(200, body, strlen(body), &sp, rows, err);
}

START_TEST(group_totals)
{
    pb_group_rows rows;
    pb_error err;
    ck_assert(groups("[{\"groupByDimensionValues\":[\"NEW\",\"USD\"],\"sumAmountAmountMicros\":"
                     "\"3000000000000000000\",\"totalCount\":3,\"records\":[]},"
                     "{\"groupByDimensionValues\":[\"NEW\",\"EUR\"],\"sumAmountAmountMicros\":120000000000,"
                     "\"totalCount\":\"2\"},"
                     "{\"groupByDimensionValues\":[\"PROPOSAL\",null],\"sumAmountAmountMicros\":null,\"totalCount\":4},"
                     "{\"groupByDimensionValues\":[\"CLOSED_WON\",\"USD\"],\"sumAmountAmountMicros\":1e17,\"totalCount\":1}]",
                     &rows, &err));
    ck_assert_uint_eq(rows.n, 4);
    ck_assert_str_eq(rows.v[0].stage, "NEW");
    ck_assert_str_eq(rows.v[0].currency, "USD");
    ck_assert_int_eq(rows.v[0].sum_micros, INT64_C(3000000000000000000));   /* exact via string */
    ck_assert(rows.v[0].has_sum && !rows.v[0].approx);
    ck_assert_int_eq(rows.v[0].count, 3);
    ck_assert_ptr_eq(rows.v[0].stage, rows.v[1].stage);
    ck_assert_int_eq(rows.v[1].sum_micros, INT64_C(120000000000));
    ck_assert_int_eq(rows.v[1].count, 2);
    ck_assert_str_eq(rows.v[2].currency, "");
    ck_assert(!rows.v[2].has_sum);
    ck_assert_int_eq(rows.v[2].count, 4);
    ck_assert(rows.v[3].approx);
    pb_totals t;
    pb_totals_clear(&t);
    ck_assert_int_eq(twenty_group_rows_totals(&rows, "NEW", &t), PB_TOTALS_OK);
    ck_assert_uint_eq(t.n, 2);
    ck_assert_int_eq(pb_totals_find(&t, "USD")->micros, INT64_C(3000000000000000000));
    ck_assert_int_eq(pb_totals_find(&t, "EUR")->count, 2);
    pb_totals_clear(&t);
    ck_assert_int_eq(twenty_group_rows_totals(&rows, "PROPOSAL", &t), PB_TOTALS_OK);
    ck_assert_uint_eq(t.n, 0);   /* no sums: nothing to add */
    pb_totals_clear(&t);
    pb_totals_add_sum(&t, "USD", INT64_C(7000000000000000000), 1);
    ck_assert_int_eq(twenty_group_rows_totals(&rows, "NEW", &t), PB_TOTALS_OVERFLOW);
    ck_assert_uint_eq(t.n, 1);   /* unchanged */
    ck_assert_int_eq(pb_totals_find(&t, "USD")->count, 1);
    twenty_group_rows_free(&rows);
    ck_assert(groups("[]", &rows, &err));
    ck_assert_uint_eq(rows.n, 0);
    twenty_group_rows_free(&rows);
    static const char *bad[] = {
        "{}",
        "[{\"sumAmountAmountMicros\":\"1\",\"totalCount\":1}]",
        "[{\"groupByDimensionValues\":[],\"totalCount\":1}]",
        "[{\"groupByDimensionValues\":[1,\"USD\"],\"totalCount\":1}]",
        "[{\"groupByDimensionValues\":[\"NEW\",\"USD\"],\"sumAmountAmountMicros\":\"99999999999999999999\"}]",
        "[{\"groupByDimensionValues\":[\"NEW\",\"USD\"],\"sumAmountAmountMicros\":\"12abc\"}]",
        "[{\"groupByDimensionValues\":[\"NEW\",\"USD\"],\"totalCount\":-2}]",
        "[{\"groupByDimensionValues\":[\"NEW\",\"USD\"],\"totalCount\":true}]",
        "[\"NEW\"]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_msg(!groups(bad[i], &rows, &err), "accepted %s", bad[i]);
        ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
        ck_assert_ptr_null(rows.v);
    }
    const char *e = "{\"statusCode\":400,\"error\":\"BadRequestException\",\"messages\":[\"Invalid group_by query parameter\"]}";
    ck_assert(!twenty_parse_group_totals(400, e, strlen(e), &sp, &rows, &err));
    ck_assert_int_eq(err.kind, PB_ERR_BAD_REQUEST);
}
END_TEST

/* ---- metadata --------------------------------------------------------------- */
#define OPP_OBJ "00000000-0000-4000-8000-0000000000aa"
#define OPTIONS                                                                                  \
    "[{\"id\":\"" ID2 "\",\"value\":\"PROPOSAL\",\"label\":\"Proposal sent\",\"color\":\"turquoise\",\"position\":1},"  \
    "{\"id\":\"" ID3 "\",\"value\":\"DISCOVERY\",\"label\":\"Initial discovery\",\"color\":\"red\",\"position\":0},"    \
    "{\"id\":\"" ID4 "\",\"value\":\"CLOSED_WON\",\"label\":null,\"color\":null,\"position\":3}]"
#define STAGE_FIELD                                                                               \
    "{\"id\":\"" ID1 "\",\"type\":\"SELECT\",\"name\":\"stage\",\"label\":\"Stage\",\"isNullable\":false," \
    "\"defaultValue\":\"'DISCOVERY'\",\"options\":" OPTIONS "}"

static void check_stages(const pb_meta_result *m)
{
    ck_assert(m->found_stage);
    ck_assert_uint_eq(m->stages.n, 3);
    ck_assert_str_eq(m->stages.v[0].value, "DISCOVERY");
    ck_assert_str_eq(m->stages.v[0].label, "Initial discovery");
    ck_assert_str_eq(m->stages.v[0].color, "red");
    ck_assert_str_eq(m->stages.v[1].value, "PROPOSAL");
    ck_assert_str_eq(m->stages.v[2].value, "CLOSED_WON");
    ck_assert_str_eq(m->stages.v[2].label, "CLOSED_WON");
    ck_assert_str_eq(m->stages.v[2].color, "");
    ck_assert_str_eq(m->stages.default_value, "DISCOVERY");
    id_is(&m->stage_field_id, ID1);
    ck_assert_ptr_eq(pb_stage_find(&m->stages, "PROPOSAL"), &m->stages.v[1]);
    ck_assert_ptr_null(pb_stage_find(&m->stages, "proposal"));
}

START_TEST(metadata_rest_objects)
{
    pb_meta_result m;
    pb_error err;
    const char *legacy = "{\"data\":{\"objects\":[{\"id\":\"" ID2 "\",\"nameSingular\":\"company\"},"
                         "{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\",\"fields\":[{\"name\":\"name\","
                         "\"type\":\"TEXT\"}," STAGE_FIELD "]}]},\"pageInfo\":{\"hasNextPage\":false},\"totalCount\":2}";
    ck_assert_msg(twenty_parse_meta_objects(200, legacy, strlen(legacy), &sp, &m, &err), "%s", err.message);
    ck_assert(m.found_object);
    id_is(&m.object_id, OPP_OBJ);
    check_stages(&m);
    twenty_meta_result_free(&m);

    const char *newfmt = "{\"data\":[{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\"}],"
                         "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"},\"totalCount\":40}";
    ck_assert(twenty_parse_meta_objects(200, newfmt, strlen(newfmt), &sp, &m, &err));
    ck_assert(m.found_object);
    ck_assert(!m.found_stage);
    ck_assert(m.info.has_next);
    ck_assert_str_eq(m.info.end_cursor, "c1");
    twenty_meta_result_free(&m);

    const char *single = "{\"data\":{\"object\":{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\","
                         "\"fields\":{\"edges\":[{\"node\":" STAGE_FIELD "}]}}}}";
    ck_assert(twenty_parse_meta_objects(200, single, strlen(single), &sp, &m, &err));
    check_stages(&m);
    twenty_meta_result_free(&m);

    const char *bare = "{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\",\"fields\":[" STAGE_FIELD "]}";
    ck_assert(twenty_parse_meta_objects(200, bare, strlen(bare), &sp, &m, &err));
    check_stages(&m);
    twenty_meta_result_free(&m);

    const char *none = "{\"data\":{\"objects\":[{\"id\":\"" ID2 "\",\"nameSingular\":\"company\"}]}}";
    ck_assert(twenty_parse_meta_objects(200, none, strlen(none), &sp, &m, &err));
    ck_assert(!m.found_object);
    twenty_meta_result_free(&m);

    const char *badopts = "{\"data\":{\"object\":{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\","
                          "\"fields\":[{\"name\":\"stage\",\"type\":\"SELECT\",\"options\":\"NEW\"}]}}}";
    ck_assert(!twenty_parse_meta_objects(200, badopts, strlen(badopts), &sp, &m, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    ck_assert(!m.found_object);
    const char *noval = "{\"data\":{\"object\":{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\","
                        "\"fields\":[{\"name\":\"stage\",\"type\":\"SELECT\",\"options\":[{\"label\":\"x\"}]}]}}}";
    ck_assert(!twenty_parse_meta_objects(200, noval, strlen(noval), &sp, &m, &err));
    const char *notobj = "{\"data\":5}";
    ck_assert(!twenty_parse_meta_objects(200, notobj, strlen(notobj), &sp, &m, &err));
}
END_TEST

START_TEST(metadata_rest_fields)
{
    pb_meta_result m;
    pb_error err;
    pb_id opp;
    ck_assert(pb_id_parse(OPP_OBJ, &opp));
    /* legacy, with owners: the custom object's own "stage" must not win */
    const char *legacy =
        "{\"data\":{\"fields\":[{\"id\":\"" ID3 "\",\"name\":\"stage\",\"type\":\"SELECT\",\"objectMetadataId\":\"" ID2 "\","
        "\"options\":[{\"value\":\"X\",\"position\":0}]},"
        "{\"id\":\"" ID1 "\",\"type\":\"SELECT\",\"name\":\"stage\",\"objectMetadataId\":\"" OPP_OBJ "\","
        "\"defaultValue\":\"'DISCOVERY'\",\"options\":" OPTIONS "}]},\"pageInfo\":{\"hasNextPage\":false}}";
    ck_assert(twenty_parse_meta_fields(200, legacy, strlen(legacy), &sp, &opp, &m, &err));
    check_stages(&m);
    twenty_meta_result_free(&m);
    /* new format, no owner, one candidate */
    const char *newfmt = "{\"data\":[{\"name\":\"amount\",\"type\":\"CURRENCY\"}," STAGE_FIELD "],"
                         "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"f2\"}}";
    ck_assert(twenty_parse_meta_fields(200, newfmt, strlen(newfmt), &sp, NULL, &m, &err));
    check_stages(&m);
    ck_assert(m.info.has_next);
    twenty_meta_result_free(&m);
    /* two unowned candidates: ambiguous, nothing chosen */
    const char *two = "{\"data\":[" STAGE_FIELD "," STAGE_FIELD "]}";
    ck_assert(twenty_parse_meta_fields(200, two, strlen(two), &sp, &opp, &m, &err));
    ck_assert(!m.found_stage);
    twenty_meta_result_free(&m);
    const char *bad = "{\"data\":{\"fields\":{}}}";
    ck_assert(!twenty_parse_meta_fields(200, bad, strlen(bad), &sp, &opp, &m, &err));
}
END_TEST

START_TEST(metadata_graphql)
{
    pb_meta_result m;
    pb_error err;
    const char *newq = "{\"data\":{\"objects\":{\"edges\":[{\"node\":{\"id\":\"" ID2 "\",\"nameSingular\":\"person\","
                       "\"fieldsList\":[]}},{\"node\":{\"id\":\"" OPP_OBJ "\",\"nameSingular\":\"opportunity\","
                       "\"fieldsList\":[" STAGE_FIELD "]}}]}}}";
    ck_assert_msg(twenty_parse_meta_graphql(200, newq, strlen(newq), &sp, &m, &err), "%s", err.message);
    id_is(&m.object_id, OPP_OBJ);
    check_stages(&m);
    twenty_meta_result_free(&m);
    const char *oldq = "{\"data\":{\"objects\":{\"edges\":[{\"node\":{\"id\":\"" OPP_OBJ "\",\"nameSingular\":"
                       "\"opportunity\",\"fields\":{\"edges\":[{\"node\":" STAGE_FIELD "}]}}}]}}}";
    ck_assert(twenty_parse_meta_graphql(200, oldq, strlen(oldq), &sp, &m, &err));
    check_stages(&m);
    twenty_meta_result_free(&m);
    const char *errq = "{\"errors\":[{\"message\":\"Cannot query field \\\"fieldsList\\\"\",\"extensions\":"
                       "{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}],\"data\":null}";
    ck_assert(!twenty_parse_meta_graphql(200, errq, strlen(errq), &sp, &m, &err));
    ck_assert_int_eq(err.kind, PB_ERR_BAD_REQUEST);
    ck_assert_str_eq(err.message, "Cannot query field \"fieldsList\"");
    ck_assert(!twenty_parse_meta_graphql(400, errq, strlen(errq), &sp, &m, &err));
    ck_assert_int_eq(err.kind, PB_ERR_BAD_REQUEST);
    const char *nodata = "{\"data\":{\"objects\":null}}";
    ck_assert(!twenty_parse_meta_graphql(200, nodata, strlen(nodata), &sp, &m, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
}
END_TEST

/* ---- search ------------------------------------------------------------------ */
START_TEST(search_hits)
{
    pb_search_hits h;
    pb_error err;
    const char *b = "{\"data\":{\"search\":{\"edges\":["
                    "{\"node\":{\"recordId\":\"" ID3 "\",\"objectNameSingular\":\"opportunity\",\"label\":\"A\","
                    "\"tsRankCD\":0.9,\"tsRank\":0.5},\"cursor\":\"c1\"},"
                    "{\"node\":{\"recordId\":\"" ID2 "\",\"objectNameSingular\":\"company\"},\"cursor\":\"c2\"},"
                    "{\"node\":{\"recordId\":\"" ID1 "\",\"objectNameSingular\":\"opportunity\"},\"cursor\":\"c3\"}],"
                    "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c3\"}}}}";
    ck_assert_msg(twenty_parse_search(200, b, strlen(b), &h, &err), "%s", err.message);
    ck_assert_uint_eq(h.n, 2);
    id_is(&h.ids[0], ID3);   /* rank order kept */
    id_is(&h.ids[1], ID1);
    ck_assert(h.has_next);
    ck_assert_str_eq(h.end_cursor, "c3");
    twenty_search_hits_free(&h);
    const char *old = "{\"data\":{\"search\":[{\"recordId\":\"" ID1 "\",\"objectSingularName\":\"opportunity\"},"
                      "{\"recordId\":\"" ID2 "\",\"objectSingularName\":\"person\"}]}}";
    ck_assert(twenty_parse_search(200, old, strlen(old), &h, &err));
    ck_assert_uint_eq(h.n, 1);
    ck_assert(!h.has_next);
    twenty_search_hits_free(&h);
    const char *empty = "{\"data\":{\"search\":{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}";
    ck_assert(twenty_parse_search(200, empty, strlen(empty), &h, &err));
    ck_assert_uint_eq(h.n, 0);
    ck_assert_ptr_null(h.end_cursor);
    twenty_search_hits_free(&h);
    const char *gqlerr = "{\"errors\":[{\"message\":\"Limit cannot exceed 100 items\"}],\"data\":null}";
    ck_assert(!twenty_parse_search(200, gqlerr, strlen(gqlerr), &h, &err));
    ck_assert_int_eq(err.kind, PB_ERR_GRAPHQL);
    ck_assert_str_eq(err.message, "Limit cannot exceed 100 items");
    const char *auth = "{\"errors\":[{\"message\":\"Token invalid.\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}";
    ck_assert(!twenty_parse_search(200, auth, strlen(auth), &h, &err));
    ck_assert_int_eq(err.kind, PB_ERR_UNAUTHENTICATED);
    const char *badid = "{\"data\":{\"search\":{\"edges\":[{\"node\":{\"recordId\":\"x\"}}]}}}";
    ck_assert(!twenty_parse_search(200, badid, strlen(badid), &h, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    ck_assert_ptr_null(h.ids);
    const char *shape = "{\"data\":{\"search\":{\"edges\":{}}}}";
    ck_assert(!twenty_parse_search(200, shape, strlen(shape), &h, &err));
}
END_TEST

/* ---- pickers ------------------------------------------------------------------ */
START_TEST(named_lists)
{
    pb_named_list l;
    pb_error err;
    const char *c = "{\"data\":{\"companies\":[{\"id\":\"" ID1 "\",\"name\":\"Acme Corp\",\"domainName\":"
                    "{\"primaryLinkUrl\":\"acme.com\",\"secondaryLinks\":[]}},{\"id\":\"" ID2 "\",\"name\":null}]},"
                    "\"totalCount\":2,\"pageInfo\":{\"hasNextPage\":false}}";
    ck_assert_msg(twenty_parse_named_list(200, c, strlen(c), "companies", &sp, &l, &err), "%s", err.message);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_str_eq(l.v[0].name, "Acme Corp");
    ck_assert_str_eq(l.v[0].detail, "acme.com");
    ck_assert_str_eq(l.v[1].name, "");
    ck_assert_ptr_null(l.v[1].detail);
    ck_assert_int_eq(l.total_count, 2);
    twenty_named_list_free(&l);
    const char *p = "{\"data\":{\"people\":[{\"id\":\"" ID3 "\",\"name\":{\"firstName\":\"Ada\",\"lastName\":"
                    "\"Lovelace\"},\"emails\":{\"primaryEmail\":\"ada@example.com\",\"additionalEmails\":null}}]}}";
    ck_assert(twenty_parse_named_list(200, p, strlen(p), "people", &sp, &l, &err));
    ck_assert_str_eq(l.v[0].name, "Ada Lovelace");
    ck_assert_str_eq(l.v[0].detail, "ada@example.com");
    ck_assert_int_eq(l.total_count, -1);
    twenty_named_list_free(&l);
    const char *m = "{\"data\":{\"workspaceMembers\":[{\"id\":\"" ID4 "\",\"name\":{\"firstName\":\"Jo\","
                    "\"lastName\":null},\"userEmail\":\"jo@x.io\"}]}}";
    ck_assert(twenty_parse_named_list(200, m, strlen(m), "workspaceMembers", &sp, &l, &err));
    ck_assert_str_eq(l.v[0].name, "Jo");
    ck_assert_str_eq(l.v[0].detail, "jo@x.io");
    twenty_named_list_free(&l);
    ck_assert(!twenty_parse_named_list(200, p, strlen(p), "companies", &sp, &l, &err));
    ck_assert_int_eq(err.kind, PB_ERR_PROTOCOL);
    const char *bad = "{\"data\":{\"people\":[{\"id\":\"" ID3 "\",\"name\":5}]}}";
    ck_assert(!twenty_parse_named_list(200, bad, strlen(bad), "people", &sp, &l, &err));
    ck_assert_ptr_null(l.v);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, list_full_envelope);
    tcase_add_test(tc, list_old_and_empty_variants);
    tcase_add_test(tc, amount_variants);
    tcase_add_test(tc, string_variants);
    tcase_add_test(tc, wrong_types_are_errors);
    tcase_add_test(tc, malformed_bodies);
    tcase_add_test(tc, fuzzed_bodies_never_crash);
    tcase_add_test(tc, single_record_envelopes);
    tcase_add_test(tc, delete_envelopes);
    tcase_add_test(tc, error_bodies);
    tcase_add_test(tc, group_totals);
    tcase_add_test(tc, metadata_rest_objects);
    tcase_add_test(tc, metadata_rest_fields);
    tcase_add_test(tc, metadata_graphql);
    tcase_add_test(tc, search_hits);
    tcase_add_test(tc, named_lists);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
