/* Unit tests of twenty-sim's fault rules (src/sim/faults.c): parsing,
 * errors, and the deterministic choice of which requests get a fault. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "sim/faults.h"
#include "sim/replies.h"

static sim_faults parsed(const char *spec)
{
    sim_faults f;
    char err[400];
    ck_assert_msg(sim_faults_parse(spec, &f, err, sizeof err), "parse '%s': %s", spec, err);
    return f;
}

/* Runs n requests and returns a string of '.' (none) or the first letter of
 * the fault kind name ('5' for 500/503, 'c' close, ...). */
static void run(sim_faults *f, const char *method, const char *path, int n, char *out)
{
    for (int i = 0; i < n; i++) {
        sim_fault x = sim_faults_decide(f, method, path);
        out[i] = x.kind == SIM_FAULT_NONE ? '.' : sim_fault_kind_name(x.kind)[0];
    }
    out[n] = '\0';
}

START_TEST(parses_a_full_rule)
{
    sim_faults f = parsed("patch /rest/opportunities/* close every=2 after=3 count=4");
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.rules[0].method, "PATCH");
    ck_assert_str_eq(f.rules[0].glob, "/rest/opportunities/*");
    ck_assert_int_eq(f.rules[0].kind, SIM_FAULT_CLOSE);
    ck_assert_int_eq(f.rules[0].every, 2);
    ck_assert_int_eq(f.rules[0].after, 3);
    ck_assert_int_eq(f.rules[0].count, 4);
    ck_assert(!f.rules[0].has_rate);
    sim_faults_free(&f);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_ptr_null(f.rules);
}
END_TEST

START_TEST(parses_defaults_kinds_and_arguments)
{
    sim_faults f = parsed("/graphql 429; * /rest/* 429:5\n/a hang:250 rate=0.25 seed=9;* 500;/b wrongshape");
    ck_assert_uint_eq(f.n, 5);
    ck_assert_str_eq(f.rules[0].method, "");
    ck_assert_int_eq(f.rules[0].kind, SIM_FAULT_429);
    ck_assert_int_eq(f.rules[0].arg, 1);
    ck_assert_int_eq(f.rules[0].every, 1);
    ck_assert_str_eq(f.rules[1].method, "");
    ck_assert_str_eq(f.rules[1].glob, "/rest/*");
    ck_assert_int_eq(f.rules[1].arg, 5);
    ck_assert_int_eq(f.rules[2].kind, SIM_FAULT_HANG);
    ck_assert_int_eq(f.rules[2].arg, 250);
    ck_assert(f.rules[2].has_rate);
    ck_assert_uint_eq(f.rules[2].rate_ppm, 250000);
    ck_assert_uint_eq(f.rules[2].seed, 9);
    ck_assert_str_eq(f.rules[3].glob, "*");
    ck_assert_int_eq(f.rules[3].kind, SIM_FAULT_500);
    ck_assert_int_eq(f.rules[4].kind, SIM_FAULT_WRONGSHAPE);
    sim_faults_free(&f);
}
END_TEST

START_TEST(blank_and_comment_rules_are_skipped)
{
    sim_faults f = parsed("  ;\n# a comment\n ; /x 503 ;;");
    ck_assert_uint_eq(f.n, 1);
    sim_faults_free(&f);
    f = parsed("");
    ck_assert_uint_eq(f.n, 0);
    sim_faults_free(&f);
}
END_TEST

START_TEST(parses_rates_exactly)
{
    static const struct { const char *s; unsigned ppm; } R[] = {
        {"0", 0}, {"1", 1000000}, {".5", 500000}, {"0.000001", 1}, {"1.0", 1000000}, {"0.1", 100000}};
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
        char spec[64];
        snprintf(spec, sizeof spec, "/x 500 rate=%s", R[i].s);
        sim_faults f = parsed(spec);
        ck_assert_uint_eq(f.rules[0].rate_ppm, R[i].ppm);
        sim_faults_free(&f);
    }
}
END_TEST

static const struct { const char *spec; const char *want; } BAD[] = {
    {"/x", "missing the fault"},
    {"GET", "missing PATH-GLOB"},
    {"/x 999", "unknown fault '999'"},
    {"/x hang", "needs a duration"},
    {"/x hang:abc", "ARG must be"},
    {"/x close:3", "takes no ':ARG'"},
    {"/x 429:0", "ARG must be"},
    {"/x 503 every=0", "every must be"},
    {"/x 503 every=2 rate=0.5", "cannot be combined"},
    {"/x 503 rate=1.5", "rate must be"},
    {"/x 503 rate=0.1234567", "rate must be"},
    {"/x 503 rate=", "rate must be"},
    {"/x 503 bogus=1", "unexpected 'bogus=1'"},
    {"/x 503 count=0", "count must be"},
    {"/x 503 every=2 every=3", "given twice"},
    {"rest/x 503", "not a method or a path glob"},
    {"/a 500; /b nope", "rule 2"},
    {"/x 503 seed=-1", "seed must be"},
    {"/x body", "needs a FILE"},
    {"/x body:", "needs a FILE"},
    {"/x body:/nonexistent/twenty-sim-test.json", "No such file"},
};

START_TEST(rejects_bad_rules_with_a_message)
{
    sim_faults f = {0};
    char err[400] = "";
    ck_assert_msg(!sim_faults_parse(BAD[_i].spec, &f, err, sizeof err), "accepted '%s'", BAD[_i].spec);
    ck_assert_msg(strstr(err, BAD[_i].want) != NULL, "'%s' gave '%s', want '%s'", BAD[_i].spec, err, BAD[_i].want);
    ck_assert_ptr_null(f.rules);
}
END_TEST

START_TEST(too_many_rules)
{
    char spec[64 * 12 + 32] = "";
    for (int i = 0; i < 65; i++) strcat(spec, "/x 500;");
    sim_faults f = {0};
    char err[200];
    ck_assert(!sim_faults_parse(spec, &f, err, sizeof err));
    ck_assert_msg(strstr(err, "too many") != NULL, "%s", err);
}
END_TEST

START_TEST(every_nth_matching_request)
{
    sim_faults f = parsed("/rest/opportunities* 503 every=3");
    char got[16];
    run(&f, "GET", "/rest/opportunities", 9, got);
    ck_assert_str_eq(got, "..5..5..5");
    ck_assert_int_eq(f.rules[0].matched, 9);
    ck_assert_int_eq(f.rules[0].fired, 3);
    sim_faults_free(&f);
}
END_TEST

START_TEST(glob_and_method_select_requests)
{
    sim_faults f = parsed("PATCH /rest/opportunities* close");
    ck_assert_int_eq(sim_faults_decide(&f, "PATCH", "/rest/opportunities/9f3c/restore").kind, SIM_FAULT_CLOSE);
    ck_assert_int_eq(sim_faults_decide(&f, "PATCH", "/rest/opportunities").kind, SIM_FAULT_CLOSE);
    ck_assert_int_eq(sim_faults_decide(&f, "GET", "/rest/opportunities/9f3c").kind, SIM_FAULT_NONE);
    ck_assert_int_eq(sim_faults_decide(&f, "PATCH", "/rest/companies/1").kind, SIM_FAULT_NONE);
    ck_assert_int_eq(sim_faults_decide(&f, "PATCH", "/graphql").kind, SIM_FAULT_NONE);
    ck_assert_int_eq(f.rules[0].matched, 2);   /* non-matching requests are not counted */
    sim_faults_free(&f);
}
END_TEST

START_TEST(after_and_count)
{
    sim_faults f = parsed("/x 500 every=2 after=2 count=2");
    char got[16];
    run(&f, "GET", "/x", 12, got);
    /* matches 1-2 skipped; then every 2nd of the rest (4, 6); spent after 2 */
    ck_assert_str_eq(got, "...5.5......");
    sim_faults_free(&f);
}
END_TEST

START_TEST(rate_is_reproducible_and_about_right)
{
    sim_faults a = parsed("/x 500 rate=0.25 seed=42");
    sim_faults b = parsed("/x 500 rate=0.25 seed=42");
    sim_faults c = parsed("/x 500 rate=0.25 seed=43");
    static char ga[10001], gb[10001], gc[10001];
    run(&a, "GET", "/x", 10000, ga);
    run(&b, "POST", "/x", 10000, gb);
    run(&c, "GET", "/x", 10000, gc);
    ck_assert_str_eq(ga, gb);
    ck_assert(strcmp(ga, gc) != 0);
    ck_assert_int_gt(a.rules[0].fired, 2300);
    ck_assert_int_lt(a.rules[0].fired, 2700);
    sim_faults_free(&a);
    sim_faults_free(&b);
    sim_faults_free(&c);
}
END_TEST

START_TEST(rate_zero_and_one)
{
    sim_faults f = parsed("/never 500 rate=0; /always 503 rate=1");
    char got[64];
    run(&f, "GET", "/never", 50, got);
    ck_assert_int_eq(f.rules[0].fired, 0);
    run(&f, "GET", "/always", 50, got);
    ck_assert_int_eq(f.rules[1].fired, 50);
    sim_faults_free(&f);
}
END_TEST

START_TEST(first_firing_rule_decides_and_all_count)
{
    sim_faults f = parsed("/a* 500 every=2; /a* 503");
    sim_fault x = sim_faults_decide(&f, "GET", "/a");
    ck_assert_int_eq(x.kind, SIM_FAULT_503);
    ck_assert_int_eq(x.rule, 1);
    x = sim_faults_decide(&f, "GET", "/a");
    ck_assert_int_eq(x.kind, SIM_FAULT_500);
    ck_assert_int_eq(x.rule, 0);
    ck_assert_int_eq(f.rules[1].matched, 2);
    ck_assert_int_eq(f.rules[1].fired, 1);
    sim_faults_free(&f);
}
END_TEST

START_TEST(no_rules_no_fault)
{
    sim_faults f = {0};
    sim_fault x = sim_faults_decide(&f, "GET", "/rest/opportunities");
    ck_assert_int_eq(x.kind, SIM_FAULT_NONE);
    ck_assert_int_eq(x.rule, -1);
    x = sim_faults_decide(NULL, "GET", "/");
    ck_assert_int_eq(x.kind, SIM_FAULT_NONE);
}
END_TEST

START_TEST(format_round_trips)
{
    const char *spec = "GET /rest/opportunities* 503 every=3 after=1 count=2; /graphql hang:5000 rate=0.105 seed=7;"
                       " * 429:2; /b truncate";
    sim_faults f = parsed(spec);
    char buf[1024];
    ck_assert(sim_faults_format(&f, buf, sizeof buf));
    ck_assert_str_eq(buf, "GET /rest/opportunities* 503 every=3 after=1 count=2; /graphql hang:5000 rate=0.105 seed=7; "
                          "* 429:2; /b truncate");
    sim_faults g = parsed(buf);
    ck_assert_uint_eq(g.n, f.n);
    for (size_t i = 0; i < f.n; i++) {
        ck_assert_int_eq(g.rules[i].kind, f.rules[i].kind);
        ck_assert_int_eq(g.rules[i].arg, f.rules[i].arg);
        ck_assert_uint_eq(g.rules[i].rate_ppm, f.rules[i].rate_ppm);
        ck_assert_str_eq(g.rules[i].glob, f.rules[i].glob);
    }
    char small[10];
    ck_assert(!sim_faults_format(&f, small, sizeof small));
    sim_faults_free(&f);
    sim_faults_free(&g);
}
END_TEST

START_TEST(kind_names)
{
    ck_assert_str_eq(sim_fault_kind_name(SIM_FAULT_HANG), "hang");
    ck_assert_str_eq(sim_fault_kind_name(SIM_FAULT_MALFORMED), "malformed");
    ck_assert_str_eq(sim_fault_kind_name(SIM_FAULT_NONE), "none");
}
END_TEST

/* A temp file holding n bytes of data; the path in path[64]. */
static void temp_file(char path[64], const char *data, size_t n)
{
    snprintf(path, 64, "/tmp/test_sim_faults.XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
}

static const char HOSTILE[] = "{\"data\":\"\xff\x1b]0;x\x07\"}\0tail";

START_TEST(body_reads_the_file_once)
{
    char path[64], spec[200];
    temp_file(path, HOSTILE, sizeof HOSTILE - 1);
    snprintf(spec, sizeof spec, "GET /rest/opportunities* body:%s count=1", path);
    sim_faults f = parsed(spec);
    unlink(path);   /* read at parse time: the file is no longer needed */
    ck_assert_int_eq(f.rules[0].kind, SIM_FAULT_BODY);
    ck_assert_str_eq(f.rules[0].file, path);
    ck_assert_uint_eq(f.rules[0].body_len, sizeof HOSTILE - 1);
    ck_assert_mem_eq(f.rules[0].body, HOSTILE, sizeof HOSTILE - 1);
    sim_fault x = sim_faults_decide(&f, "GET", "/rest/opportunities");
    ck_assert_int_eq(x.kind, SIM_FAULT_BODY);
    ck_assert_int_eq(x.rule, 0);
    x = sim_faults_decide(&f, "GET", "/rest/opportunities");
    ck_assert_int_eq(x.kind, SIM_FAULT_NONE);   /* count=1 spent */
    ck_assert_str_eq(sim_fault_kind_name(SIM_FAULT_BODY), "body");
    sim_faults_free(&f);
    ck_assert_ptr_null(f.rules);
}
END_TEST

START_TEST(body_formats_back_and_reply_copies_every_byte)
{
    char path[64], spec[200], buf[400], want[300];
    temp_file(path, HOSTILE, sizeof HOSTILE - 1);
    snprintf(spec, sizeof spec, "/rest/* 503 count=2; * /graphql body:%s every=2", path);
    sim_faults f = parsed(spec);
    ck_assert(sim_faults_format(&f, buf, sizeof buf));
    snprintf(want, sizeof want, "/rest/* 503 count=2; /graphql body:%s every=2", path);
    ck_assert_str_eq(buf, want);
    sim_faults g = parsed(buf);
    ck_assert_uint_eq(g.rules[1].body_len, f.rules[1].body_len);
    unlink(path);
    sim_response rs;
    memset(&rs, 0, sizeof rs);
    sim_reply_body(&rs, f.rules[1].body, f.rules[1].body_len);
    ck_assert_int_eq(rs.status, 200);
    ck_assert_uint_eq(rs.body_len, sizeof HOSTILE - 1);
    ck_assert_mem_eq(rs.body, HOSTILE, sizeof HOSTILE - 1);
    ck_assert_ptr_ne(rs.body, f.rules[1].body);
    ck_assert(!sim_reply_fault(&rs, (sim_fault){SIM_FAULT_BODY, 0, 1}, 0));   /* the server's job */
    sim_response_free(&rs);
    sim_reply_body(&rs, "", 0);   /* an empty file: an empty 200 */
    ck_assert_int_eq(rs.status, 200);
    ck_assert_uint_eq(rs.body_len, 0);
    sim_response_free(&rs);
    sim_faults_free(&f);
    sim_faults_free(&g);
}
END_TEST

START_TEST(body_errors_free_what_was_read)
{
    char path[64], spec[200], err[400] = "";
    temp_file(path, "{}", 2);
    sim_faults f = {0};
    snprintf(spec, sizeof spec, "/a 500; /x body:%s every=0", path);   /* read, then a bad option */
    ck_assert(!sim_faults_parse(spec, &f, err, sizeof err));
    ck_assert_msg(strstr(err, "rule 2") && strstr(err, "every must be"), "%s", err);
    snprintf(spec, sizeof spec, "/x body:%s; /y body:%s; /z nope", path, path);
    ck_assert(!sim_faults_parse(spec, &f, err, sizeof err));   /* valgrind: no leak */
    ck_assert_msg(strstr(err, "rule 3"), "%s", err);
    ck_assert_ptr_null(f.rules);
    unlink(path);
}
END_TEST

START_TEST(body_over_the_cap_is_refused)
{
    char path[64], spec[200], err[400] = "";
    temp_file(path, "", 0);
    ck_assert_int_eq(truncate(path, SIM_FAULT_MAX_BODY + 1), 0);   /* sparse */
    sim_faults f = {0};
    snprintf(spec, sizeof spec, "/x body:%s", path);
    ck_assert(!sim_faults_parse(spec, &f, err, sizeof err));
    ck_assert_msg(strstr(err, "larger than"), "%s", err);
    ck_assert_int_eq(truncate(path, SIM_FAULT_MAX_BODY), 0);   /* exactly the cap is fine */
    ck_assert_msg(sim_faults_parse(spec, &f, err, sizeof err), "%s", err);
    ck_assert_uint_eq(f.rules[0].body_len, (size_t)SIM_FAULT_MAX_BODY);
    sim_faults_free(&f);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_faults");
    TCase *p = tcase_create("parse");
    tcase_add_test(p, parses_a_full_rule);
    tcase_add_test(p, parses_defaults_kinds_and_arguments);
    tcase_add_test(p, blank_and_comment_rules_are_skipped);
    tcase_add_test(p, parses_rates_exactly);
    tcase_add_loop_test(p, rejects_bad_rules_with_a_message, 0, (int)(sizeof BAD / sizeof BAD[0]));
    tcase_add_test(p, too_many_rules);
    tcase_add_test(p, format_round_trips);
    tcase_add_test(p, kind_names);
    suite_add_tcase(s, p);
    TCase *b = tcase_create("body");
    tcase_add_test(b, body_reads_the_file_once);
    tcase_add_test(b, body_formats_back_and_reply_copies_every_byte);
    tcase_add_test(b, body_errors_free_what_was_read);
    tcase_add_test(b, body_over_the_cap_is_refused);
    tcase_set_timeout(b, 30);
    suite_add_tcase(s, b);
    TCase *d = tcase_create("decide");
    tcase_add_test(d, every_nth_matching_request);
    tcase_add_test(d, glob_and_method_select_requests);
    tcase_add_test(d, after_and_count);
    tcase_add_test(d, rate_is_reproducible_and_about_right);
    tcase_add_test(d, rate_zero_and_one);
    tcase_add_test(d, first_firing_rule_decides_and_all_count);
    tcase_add_test(d, no_rules_no_fault);
    suite_add_tcase(s, d);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
