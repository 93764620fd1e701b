/* test_config.c - the configuration file parser: settings, profiles, bind
 * lines, and a diagnostic with FILE:LINE for every bad line while the rest
 * still applies. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/config.h"

static pb_config cfg;

static void setup(void) { config_init(&cfg, "cfg"); }
static void teardown(void) { config_free(&cfg); }

START_TEST(settings_are_read)
{
    int n = config_parse(&cfg, "# comment\n"
                               "url = https://api.twenty.com/\n"
                               "theme = solarized   # trailing comment\n"
                               "page_size = 120\n"
                               "rate_limit = 90\n"
                               "api_key_command = \"pass show twenty\"\n");
    ck_assert_int_eq(n, 0);
    ck_assert_str_eq(cfg.base.s.url, "https://api.twenty.com/");
    ck_assert_str_eq(cfg.base.s.theme, "solarized");
    ck_assert_int_eq(cfg.base.s.page_size, 120);
    ck_assert_int_eq(cfg.base.s.rate_limit, 90);
    ck_assert_str_eq(cfg.base.s.api_key_command, "pass show twenty");
}
END_TEST

START_TEST(bad_lines_report_file_and_line_and_the_rest_applies)
{
    int n = config_parse(&cfg, "url = ftp://x\n"          /* 1 */
                               "page_size = 500\n"        /* 2 */
                               "colour = red\n"           /* 3 */
                               "just words\n"             /* 4 */
                               "theme = dark-256\n"       /* 5: fine */
                               "bind board j\n"           /* 6 */
                               "[section x]\n"            /* 7 */
                               "theme = ignored\n"        /* 8: inside a bad section */
                               "rate_limit = abc\n");     /* 9: also ignored (bad section) */
    ck_assert_int_eq(n, 6);
    ck_assert_str_eq(cfg.diag[0], "cfg:1: url must start with http:// or https://");
    ck_assert_str_eq(cfg.diag[1], "cfg:2: page_size must be a whole number from 1 to 200");
    ck_assert_str_eq(cfg.diag[2], "cfg:3: unknown setting 'colour'");
    ck_assert(strncmp(cfg.diag[3], "cfg:4: expected", 15) == 0);
    ck_assert(strncmp(cfg.diag[4], "cfg:6: bind needs three words", 29) == 0);
    ck_assert(strncmp(cfg.diag[5], "cfg:7: unknown section", 22) == 0);
    ck_assert_str_eq(cfg.base.s.theme, "dark-256");
    ck_assert_ptr_null(cfg.base.s.url);
    ck_assert_int_eq(cfg.base.s.page_size, 0);
}
END_TEST

START_TEST(profiles_override_the_defaults)
{
    int n = config_parse(&cfg, "url = https://api.twenty.com\n"
                               "theme = default\n"
                               "bind board <C-r> redo\n"
                               "[profile sales-eu]\n"
                               "url = https://eu.example.com\n"
                               "bind board x none\n"
                               "[profile other]\n"
                               "page_size = 10\n");
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(cfg.nprofiles, 2);
    config_settings s;
    const config_bind *b, *pb;
    int nb, npb;
    ck_assert(config_resolve(&cfg, "sales-eu", &s, &b, &nb, &pb, &npb));
    ck_assert_str_eq(s.url, "https://eu.example.com");
    ck_assert_str_eq(s.theme, "default");
    ck_assert_int_eq(nb, 1);
    ck_assert_str_eq(b[0].key, "<C-r>");
    ck_assert_str_eq(b[0].action, "redo");
    ck_assert_int_eq(b[0].line, 3);
    ck_assert_int_eq(npb, 1);
    ck_assert_str_eq(pb[0].action, "none");
    ck_assert(config_resolve(&cfg, NULL, &s, &b, &nb, &pb, &npb));
    ck_assert_str_eq(s.url, "https://api.twenty.com");
    ck_assert(!config_resolve(&cfg, "missing", &s, &b, &nb, &pb, &npb));
    ck_assert_str_eq(cfg.diag[0], "cfg: no [profile missing] section");
}
END_TEST

START_TEST(values_with_controls_or_bad_quotes_are_refused)
{
    int n = config_parse(&cfg, "theme = \"unterminated\n"
                               "url = https://a\x1b[31m.example\n");
    ck_assert_int_eq(n, 2);
    ck_assert(strstr(cfg.diag[0], "cfg:1: unbalanced quote") != NULL);
    ck_assert(strstr(cfg.diag[1], "cfg:2: control characters") != NULL);
}
END_TEST

/* Diagnostics quote the file and reach stderr and the status line: a
 * control character in a name is made visible, and a bind line with one is
 * refused (its later "unknown key" message would quote it raw). */
START_TEST(diagnostics_never_carry_control_characters)
{
    int n = config_parse(&cfg, "col\x1b]0;pwned\x07our = red\n"
                               "bind board <C-r> re\x01do\n"
                               "bind board \x1b[A quit\n");
    ck_assert_int_eq(n, 3);
    for (int i = 0; i < n; i++)
        for (const char *p = cfg.diag[i]; *p; p++)
            ck_assert_msg((unsigned char)*p >= 0x20 && *p != 0x7f, "diag %d: %s", i, cfg.diag[i]);
    ck_assert(strncmp(cfg.diag[0], "cfg:1: unknown setting 'col", 27) == 0);
    ck_assert(strstr(cfg.diag[1], "cfg:2: bind: control characters") != NULL);
    ck_assert(strstr(cfg.diag[2], "cfg:3: bind: control characters") != NULL);
    config_settings cs;
    const config_bind *b, *pb;
    int nb, npb;
    ck_assert(config_resolve(&cfg, NULL, &cs, &b, &nb, &pb, &npb));
    ck_assert_int_eq(nb, 0);
}
END_TEST

START_TEST(a_group_readable_file_draws_a_warning)
{
    char path[] = "/tmp/pbcfgXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *text = "api_key = secret-value\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    chmod(path, 0644);
    ck_assert(config_load(&cfg, path));
    ck_assert_int_eq(cfg.ndiag, 1);
    ck_assert(strstr(cfg.diag[0], "chmod 600") != NULL);
    ck_assert(strstr(cfg.diag[0], "secret-value") == NULL);
    ck_assert_str_eq(cfg.base.s.api_key, "secret-value");
    config_free(&cfg);
    config_init(&cfg, "cfg");
    chmod(path, 0600);
    ck_assert(config_load(&cfg, path));
    ck_assert_int_eq(cfg.ndiag, 0);
    unlink(path);
    ck_assert(config_load(&cfg, path)); /* missing: fine, empty */
    ck_assert_int_eq(cfg.ndiag, 0);
}
END_TEST

START_TEST(key_command_runs_without_a_shell)
{
    char *key = NULL;
    char err[200];
    ck_assert(config_run_key_command("printf '%s\\n' \"tok en;$HOME\"", &key, err, sizeof err));
    /* no shell: quotes group, ; and $HOME stay literal */
    ck_assert_str_eq(key, "tok en;$HOME");
    free(key);
    ck_assert(!config_run_key_command("false", &key, err, sizeof err));
    ck_assert_str_eq(err, "api_key_command: false failed");
    ck_assert(!config_run_key_command("/nonexistent/cmd", &key, err, sizeof err));
    ck_assert(strstr(err, "cannot run") != NULL);
    ck_assert(!config_run_key_command("true", &key, err, sizeof err));
    ck_assert(strstr(err, "printed no key") != NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, settings_are_read);
    tcase_add_test(tc, bad_lines_report_file_and_line_and_the_rest_applies);
    tcase_add_test(tc, profiles_override_the_defaults);
    tcase_add_test(tc, values_with_controls_or_bad_quotes_are_refused);
    tcase_add_test(tc, diagnostics_never_carry_control_characters);
    tcase_add_test(tc, a_group_readable_file_draws_a_warning);
    tcase_add_test(tc, key_command_runs_without_a_shell);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
