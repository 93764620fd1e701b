/* test_ui_hostile_text.c - the measuring side of ui/text.c on hostile
 * strings (no terminal needed): ui_text_blank decides when a card or the
 * details say "(no name)", ui_text_width what a header reserves. */
#include <check.h>
#include <stdlib.h>

#include "ui/text.h"

static const char *const BLANK[] = {
    NULL, "", "   ", "\xE2\x80\x8F",                       /* RLM: dropped */
    "\xE2\x80\x8F\xE2\x80\x8B \xE2\x81\xA0\n\xE2\x80\x8D",   /* RLM ZWSP WJ LF ZWJ */
    "\t\r\n", "\xC2\x85", "\xE2\x80\xA8\xE2\x80\xA9",          /* NEL, LS, PS: spaces */
    "\xD8\x9C \xE2\x80\x8E", "\xCC\x81\xCC\x81",               /* ALM LRM; lone combining marks */
};

static const char *const VISIBLE[] = {
    "a", " a", "\x1B", "\x1B]0;x\x07", "\x01", "\x7F",        /* controls show as pictures */
    "\xE2\x80\xAE", "\xC2\x9B", "\xC2\x84", "\xFF",            /* RLO, C1, bad UTF-8: U+FFFD */
    "\xE2\x80\x8B\xE6\x9D\xB1", "\xE2\x80\x8B" "e\xCC\x81",    /* visible after zero-width */
};

START_TEST(blank_names)
{
    ck_assert_msg(ui_text_blank(BLANK[_i]), "BLANK[%d] not blank", _i);
}
END_TEST

START_TEST(visible_names)
{
    ck_assert_msg(!ui_text_blank(VISIBLE[_i]), "VISIBLE[%d] taken for blank", _i);
    ck_assert_uint_gt(ui_text_width(VISIBLE[_i]), 0);
}
END_TEST

START_TEST(widths_of_replacements)
{
    ck_assert_uint_eq(ui_text_width("a\x1B[31mb"), 3);         /* a ␛ b */
    ck_assert_uint_eq(ui_text_width("\xE2\x80\xAE" "ab"), 3);  /* � a b */
    ck_assert_uint_eq(ui_text_width("\xE6\x9D\xB1x\x1B["), 4); /* 東 x ␛ */
    ck_assert_uint_eq(ui_text_width("\xE2\x80\x8F" "ab"), 2);  /* RLM dropped */
    ui_text_free();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ui_hostile_text");
    TCase *t = tcase_create("measure");
    tcase_add_loop_test(t, blank_names, 0, (int)(sizeof BLANK / sizeof BLANK[0]));
    tcase_add_loop_test(t, visible_names, 0, (int)(sizeof VISIBLE / sizeof VISIBLE[0]));
    tcase_add_test(t, widths_of_replacements);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
