/* test_net_secret.c - the API key's own memory (src/net/secret.c): the text,
 * page alignment, MADV_DONTDUMP on its pages (VmFlags "dd" in
 * /proc/self/smaps), the lock when the limit allows it, and the process made
 * non-dumpable by the first secret. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/secret.h"

/* The VmFlags line of the mapping holding addr, in out ("" if not found). */
static void vm_flags_of(const void *addr, char *out, size_t outlen)
{
    out[0] = '\0';
    FILE *f = fopen("/proc/self/smaps", "r");
    ck_assert_msg(f != NULL, "cannot read /proc/self/smaps");
    char line[512];
    bool inside = false;
    uintptr_t a = (uintptr_t)addr;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            inside = a >= lo && a < hi;
            continue;
        }
        if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            snprintf(out, outlen, "%s", line + 8);
            break;
        }
    }
    fclose(f);
}

static bool has_flag(const char *flags, const char *flag)
{
    char padded[600];
    snprintf(padded, sizeof padded, " %s ", flags);
    for (char *p = padded; *p; p++)
        if (*p == '\n')
            *p = ' ';
    char want[8];
    snprintf(want, sizeof want, " %s ", flag);
    return strstr(padded, want) != NULL;
}

START_TEST(text_is_prefix_then_value)
{
    secret *s = secret_new("Authorization: Bearer ", "k3y-\"with\" odd;chars");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(secret_text(s), "Authorization: Bearer k3y-\"with\" odd;chars");
    secret_free(s);
    secret_free(NULL); /* harmless */
}
END_TEST

START_TEST(text_sits_in_its_own_pages)
{
    long page = sysconf(_SC_PAGESIZE);
    /* a value longer than a page still fits */
    char *big = malloc((size_t)page + 100);
    memset(big, 'x', (size_t)page + 99);
    big[page + 99] = '\0';
    secret *s = secret_new("P: ", big);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq((uintptr_t)secret_text(s) % (uintptr_t)page, 0);
    ck_assert_uint_eq(strlen(secret_text(s)), (size_t)page + 99 + 3);
    secret_free(s);
    free(big);
}
END_TEST

START_TEST(pages_are_left_out_of_core_dumps)
{
    secret *s = secret_new("Authorization: Bearer ", "dontdump-me");
    ck_assert_ptr_nonnull(s);
    char flags[512];
    vm_flags_of(secret_text(s), flags, sizeof flags);
    ck_assert_msg(flags[0], "no VmFlags for the secret's mapping");
    ck_assert_msg(has_flag(flags, "dd"), "MADV_DONTDUMP not set: VmFlags:%s", flags);
    struct rlimit rl;
    long page = sysconf(_SC_PAGESIZE);
    /* AddressSanitizer replaces mlock() by a no-op, so the lock is only
     * checked in a normal build. */
#if !defined(__SANITIZE_ADDRESS__)
    if (getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur >= (rlim_t)(64 * page))
        ck_assert_msg(has_flag(flags, "lo"), "not locked although RLIMIT_MEMLOCK allows it: %s",
                      flags);
#else
    (void)rl;
    (void)page;
#endif
    secret_free(s);
}
END_TEST

/* In a child process, so the flag starts as the test runner's. */
START_TEST(first_secret_makes_the_process_undumpable)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        (void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
        if (secret_process_undumpable())
            _exit(2);
        secret *s = secret_new("Authorization: Bearer ", "k");
        if (!s)
            _exit(3);
        if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0 || !secret_process_undumpable())
            _exit(4);
        secret_free(s);
        _exit(0);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status), "the child died");
    ck_assert_msg(WEXITSTATUS(status) != 2, "the child was already non-dumpable");
    ck_assert_msg(WEXITSTATUS(status) != 4, "secret_new did not clear PR_SET_DUMPABLE");
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static Suite *secret_suite(void)
{
    Suite *s = suite_create("net_secret");
    TCase *tc = tcase_create("secret");
    tcase_add_test(tc, first_secret_makes_the_process_undumpable);
    tcase_add_test(tc, text_is_prefix_then_value);
    tcase_add_test(tc, text_sits_in_its_own_pages);
    tcase_add_test(tc, pages_are_left_out_of_core_dumps);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(secret_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
