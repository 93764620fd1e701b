/* Unit tests of twenty-sim's command line (src/sim/cli.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli.h"

#define ARGV(...) ((char *[]){"twenty-sim", __VA_ARGS__, NULL})

static char err[1024];

/* argc is counted from the NULL-terminated argv */
static sim_cli_action parse(sim_cli *c, char **argv, const char *env)
{
    int argc = 0;
    while (argv[argc] != NULL) argc++;
    err[0] = '\0';
    return sim_cli_parse(c, argc, argv, env, err, sizeof err);
}

static void expect_error(char **argv, const char *env, const char *want)
{
    sim_cli c;
    ck_assert_int_eq(parse(&c, argv, env), SIM_CLI_ERROR);
    ck_assert_msg(strstr(err, want) != NULL, "got '%s', want '%s'", err, want);
}

START_TEST(defaults)
{
    char *argv[] = {"twenty-sim", NULL};
    sim_cli c;
    ck_assert_int_eq(parse(&c, argv, NULL), SIM_CLI_RUN);
    ck_assert_str_eq(c.host, "127.0.0.1");
    ck_assert_int_eq(c.port, 3000);
    ck_assert_str_eq(c.api_key, "twenty-sim-demo-key");
    ck_assert_str_eq(c.api_key_from, "default");
    ck_assert_int_eq(c.seed, -1);
    ck_assert_str_eq(c.stages, "default");
    ck_assert_ptr_null(c.data_path);
    ck_assert_ptr_null(c.log_path);
    ck_assert_int_eq(c.ratelimit.n, 0);
    ck_assert_int_eq(c.latency_ms, 0);
    ck_assert_uint_eq(c.faults.n, 0);
    sim_cli_free(&c);
}
END_TEST

START_TEST(every_option)
{
    char **argv = ARGV("--host", "::1", "--port", "0", "--api-key", "k1", "--seed", "300", "--stages", "demo",
                       "--data", "ws.json", "--log", "req.log", "--rate-limit", "100/1000,100/60000",
                       "--latency", "25", "--faults", "/graphql 503 every=2; /rest/* close");
    sim_cli c;
    ck_assert_int_eq(parse(&c, argv, NULL), SIM_CLI_RUN);
    ck_assert_str_eq(c.host, "::1");
    ck_assert_int_eq(c.port, 0);
    ck_assert_str_eq(c.api_key, "k1");
    ck_assert_str_eq(c.api_key_from, "--api-key");
    ck_assert_int_eq(c.seed, 300);
    ck_assert_str_eq(c.stages, "demo");
    ck_assert_str_eq(c.data_path, "ws.json");
    ck_assert_str_eq(c.log_path, "req.log");
    ck_assert_int_eq(c.ratelimit.n, 2);
    ck_assert_int_eq(c.ratelimit.b[1].ttl_ms, 60000);
    ck_assert_int_eq(c.latency_ms, 25);
    ck_assert_uint_eq(c.faults.n, 2);
    ck_assert_int_eq(c.faults.rules[1].kind, SIM_FAULT_CLOSE);
    sim_cli_free(&c);
}
END_TEST

START_TEST(equals_form_and_last_wins)
{
    char **argv = ARGV("--port=8080", "--port", "9090", "--host=localhost", "--faults=/a 500", "--faults", "/b 503");
    sim_cli c;
    ck_assert_int_eq(parse(&c, argv, NULL), SIM_CLI_RUN);
    ck_assert_int_eq(c.port, 9090);
    ck_assert_str_eq(c.host, "localhost");
    ck_assert_uint_eq(c.faults.n, 1);
    ck_assert_str_eq(c.faults.rules[0].glob, "/b");
    sim_cli_free(&c);
}
END_TEST

START_TEST(api_key_precedence)
{
    sim_cli c;
    char *plain[] = {"twenty-sim", NULL};
    ck_assert_int_eq(parse(&c, plain, "from-env"), SIM_CLI_RUN);
    ck_assert_str_eq(c.api_key, "from-env");
    ck_assert_str_eq(c.api_key_from, "TWENTY_SIM_API_KEY");
    sim_cli_free(&c);
    char **argv = ARGV("--api-key", "from-argv");
    ck_assert_int_eq(parse(&c, argv, "from-env"), SIM_CLI_RUN);
    ck_assert_str_eq(c.api_key, "from-argv");
    sim_cli_free(&c);
    /* an empty or spaced key in the environment is an error, not the demo key */
    expect_error(plain, "", "TWENTY_SIM_API_KEY");
    expect_error(plain, "a b", "TWENTY_SIM_API_KEY");
}
END_TEST

START_TEST(help_and_version)
{
    sim_cli c;
    char **h = ARGV("--port", "1", "--help");
    ck_assert_int_eq(parse(&c, h, NULL), SIM_CLI_HELP);
    char **h2 = ARGV("-h");
    ck_assert_int_eq(parse(&c, h2, NULL), SIM_CLI_HELP);
    char **v = ARGV("--version");
    ck_assert_int_eq(parse(&c, v, NULL), SIM_CLI_VERSION);
}
END_TEST

START_TEST(bad_values)
{
    expect_error(ARGV("--port", "65536"), NULL, "--port: '65536'");
    expect_error(ARGV("--port", "-1"), NULL, "--port");
    expect_error(ARGV("--port", "80x"), NULL, "--port");
    expect_error(ARGV("--host", "example.com"), NULL, "--host");
    expect_error(ARGV("--host", "256.1.1.1"), NULL, "--host");
    expect_error(ARGV("--seed", "lots"), NULL, "--seed");
    expect_error(ARGV("--seed", "1000001"), NULL, "--seed");
    expect_error(ARGV("--stages", "/nonexistent/stages.json"), NULL, "--stages");
    expect_error(ARGV("--latency", "600001"), NULL, "--latency");
    expect_error(ARGV("--latency", "1.5"), NULL, "--latency");
    expect_error(ARGV("--rate-limit", "100"), NULL, "--rate-limit: rate limit bucket 1");
    expect_error(ARGV("--faults", "/x 503; /y explode"), NULL, "--faults: rule 2");
    expect_error(ARGV("--api-key", ""), NULL, "--api-key");
    expect_error(ARGV("--data", ""), NULL, "--data");
    expect_error(ARGV("--log", ""), NULL, "--log");
}
END_TEST

START_TEST(bad_usage)
{
    expect_error(ARGV("--bogus"), NULL, "unknown option '--bogus'");
    expect_error(ARGV("--port"), NULL, "'--port' needs a value");
    expect_error(ARGV("extra"), NULL, "unexpected argument 'extra'");
    expect_error(ARGV("-x"), NULL, "unknown option");
}
END_TEST

START_TEST(stages_file)
{
    char path[] = "/tmp/test_sim_cli_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "[]", 2), 2);
    close(fd);
    char **argv = ARGV("--stages", path);
    sim_cli c;
    ck_assert_int_eq(parse(&c, argv, NULL), SIM_CLI_RUN);
    ck_assert_str_eq(c.stages, path);
    sim_cli_free(&c);
    unlink(path);
}
END_TEST

START_TEST(help_documents_everything)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    sim_cli_help(f);
    fclose(f);
    static const char *const must[] = {
        "--host", "--port", "--api-key", "--seed", "--stages", "--data", "--log", "--rate-limit", "--latency",
        "--faults", "--help", "--version", "twenty-sim-demo-key", "TWENTY_SIM_API_KEY", "100/1000,100/60000",
        "every=N", "rate=F", "seed=S", "after=N", "count=N", "hang:MS", "close", "truncate", "malformed",
        "wrongshape", "/__sim/faults", "listening on http://HOST:PORT", "Retry-After"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        ck_assert_msg(strstr(text, must[i]) != NULL, "--help does not mention %s", must[i]);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_cli");
    TCase *t = tcase_create("parse");
    tcase_add_test(t, defaults);
    tcase_add_test(t, every_option);
    tcase_add_test(t, equals_form_and_last_wins);
    tcase_add_test(t, api_key_precedence);
    tcase_add_test(t, help_and_version);
    tcase_add_test(t, bad_values);
    tcase_add_test(t, bad_usage);
    tcase_add_test(t, stages_file);
    tcase_add_test(t, help_documents_everything);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
