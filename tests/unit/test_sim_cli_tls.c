/* test_sim_cli_tls.c - twenty-sim's --tls-cert/--tls-key options
 * (src/sim/cli.c): both or neither, readable files, and the server refusing
 * a half configuration or a file that is not PEM (src/sim/server.c). The
 * handshake itself is tested end to end in tests/ui/test_tls.sh. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/cli.h"
#include "sim/server.h"

static char err[1024];
static char dir[64], cert[128], key[128], junk[128];

static sim_cli_action parse(sim_cli *c, char **argv)
{
    int argc = 0;
    while (argv[argc] != NULL)
        argc++;
    err[0] = '\0';
    return sim_cli_parse(c, argc, argv, NULL, err, sizeof err);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ut-simtls-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    snprintf(junk, sizeof junk, "%s/junk.txt", dir);
    write_file(cert, "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");
    write_file(key, "-----BEGIN PRIVATE KEY-----\nnot really\n-----END PRIVATE KEY-----\n");
    write_file(junk, "hello\n");
}

static void teardown(void)
{
    unlink(cert);
    unlink(key);
    unlink(junk);
    rmdir(dir);
}

START_TEST(without_tls_options_the_paths_are_null)
{
    sim_cli c;
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", NULL}), SIM_CLI_RUN);
    ck_assert_ptr_null(c.tls_cert);
    ck_assert_ptr_null(c.tls_key);
    sim_cli_free(&c);
}
END_TEST

START_TEST(both_options_are_taken)
{
    sim_cli c;
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", "--tls-cert", cert, "--tls-key", key, NULL}),
                     SIM_CLI_RUN);
    ck_assert_str_eq(c.tls_cert, cert);
    ck_assert_str_eq(c.tls_key, key);
    sim_cli_free(&c);
}
END_TEST

START_TEST(one_without_the_other_is_refused)
{
    sim_cli c;
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", "--tls-cert", cert, NULL}), SIM_CLI_ERROR);
    ck_assert_msg(strstr(err, "--tls-key") != NULL, "%s", err);
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", "--tls-key", key, NULL}), SIM_CLI_ERROR);
    ck_assert_msg(strstr(err, "--tls-cert") != NULL, "%s", err);
}
END_TEST

START_TEST(unreadable_files_are_refused)
{
    sim_cli c;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.pem", dir);
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", "--tls-cert", missing, "--tls-key", key, NULL}),
                     SIM_CLI_ERROR);
    ck_assert_msg(strstr(err, "--tls-cert") && strstr(err, "missing.pem"), "%s", err);
    ck_assert_int_eq(parse(&c, (char *[]){"twenty-sim", "--tls-cert", cert, "--tls-key", "", NULL}),
                     SIM_CLI_ERROR);
    ck_assert_msg(strstr(err, "--tls-key") != NULL, "%s", err);
}
END_TEST

START_TEST(server_refuses_half_a_configuration_and_non_pem_files)
{
    sim_server_config cfg = {.host = "127.0.0.1", .port = 0, .api_key = "k", .tls_cert = cert};
    ck_assert_ptr_null(sim_server_start(NULL, &cfg, err, sizeof err));
    ck_assert_msg(strstr(err, "both") != NULL, "%s", err);
    sim_server_config cfg2 = {.host = "127.0.0.1", .port = 0, .api_key = "k", .tls_cert = junk,
                              .tls_key = key};
    ck_assert_ptr_null(sim_server_start(NULL, &cfg2, err, sizeof err));
    ck_assert_msg(strstr(err, "not a PEM file") && strstr(err, "junk.txt"), "%s", err);
    /* PEM-looking text that is no certificate: the TLS setup fails */
    sim_server_config cfg3 = {.host = "127.0.0.1", .port = 0, .api_key = "k", .tls_cert = cert,
                              .tls_key = key};
    ck_assert_ptr_null(sim_server_start(NULL, &cfg3, err, sizeof err));
    ck_assert_msg(strstr(err, "HTTPS") != NULL, "%s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sim_cli_tls");
    TCase *tc = tcase_create("tls");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, without_tls_options_the_paths_are_null);
    tcase_add_test(tc, both_options_are_taken);
    tcase_add_test(tc, one_without_the_other_is_refused);
    tcase_add_test(tc, unreadable_files_are_refused);
    tcase_add_test(tc, server_refuses_half_a_configuration_and_non_pem_files);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
