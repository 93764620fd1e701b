/* test_ui_lineedit.c - the single-line UTF-8 editor: typing, moving,
 * deleting, the Ctrl keys, wide and combining characters, and fitting the
 * text into a narrow field. No terminal is needed. */
#include <check.h>
#include <curses.h>
#include <locale.h>
#include <string.h>

#include "ui/lineedit.h"

static ui_key ch(wint_t c)
{
    ui_key k = {false, c};
    return k;
}

static ui_key code(wint_t c)
{
    ui_key k = {true, c};
    return k;
}

static void type(ui_lineedit *le, const char *utf8)
{
    /* each code point as one key, as wget_wch delivers them */
    size_t n = strlen(utf8);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)utf8[i];
        uint32_t cp;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < len; k++)
            cp = (cp << 6) | ((unsigned char)utf8[i + k] & 0x3F);
        ck_assert_int_eq(ui_le_key(le, ch((wint_t)cp)), UI_LE_CHANGED);
        i += len;
    }
}

START_TEST(typing_inserts_at_the_cursor)
{
    ui_lineedit le;
    ui_le_init(&le);
    ck_assert_str_eq(ui_le_text(&le), "");
    ck_assert(ui_le_empty(&le));
    type(&le, "Acme renewal");
    ck_assert_str_eq(ui_le_text(&le), "Acme renewal");
    ck_assert_uint_eq(le.cur, 12);
    /* Home, then type: goes in front */
    ck_assert_int_eq(ui_le_key(&le, code(KEY_HOME)), UI_LE_MOVED);
    type(&le, "The ");
    ck_assert_str_eq(ui_le_text(&le), "The Acme renewal");
    /* End, Left x2, type */
    ck_assert_int_eq(ui_le_key(&le, code(KEY_END)), UI_LE_MOVED);
    ui_le_key(&le, code(KEY_LEFT));
    ui_le_key(&le, code(KEY_LEFT));
    type(&le, "X");
    ck_assert_str_eq(ui_le_text(&le), "The Acme renewXal");
    /* moving past the ends is not a move */
    ck_assert_int_eq(ui_le_key(&le, code(KEY_END)), UI_LE_MOVED);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_RIGHT)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch(1)), UI_LE_MOVED);   /* ^A */
    ck_assert_uint_eq(le.cur, 0);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_LEFT)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch(5)), UI_LE_MOVED);   /* ^E */
    ck_assert_uint_eq(le.cur, le.len);
    ui_le_free(&le);
}
END_TEST

START_TEST(backspace_and_delete)
{
    ui_lineedit le;
    ui_le_init(&le);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_BACKSPACE)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_DC)), UI_LE_IGNORED);
    type(&le, "abcd");
    ck_assert_int_eq(ui_le_key(&le, code(KEY_BACKSPACE)), UI_LE_CHANGED);
    ck_assert_str_eq(ui_le_text(&le), "abc");
    ck_assert_int_eq(ui_le_key(&le, ch(0x7F)), UI_LE_CHANGED);   /* DEL is Backspace too */
    ck_assert_str_eq(ui_le_text(&le), "ab");
    ck_assert_int_eq(ui_le_key(&le, ch(8)), UI_LE_CHANGED);      /* ^H */
    ck_assert_str_eq(ui_le_text(&le), "a");
    type(&le, "bcd");
    ui_le_key(&le, code(KEY_HOME));
    ck_assert_int_eq(ui_le_key(&le, code(KEY_DC)), UI_LE_CHANGED);
    ck_assert_str_eq(ui_le_text(&le), "bcd");
    ck_assert_uint_eq(le.cur, 0);
    ck_assert_int_eq(ui_le_key(&le, ch(4)), UI_LE_CHANGED);      /* ^D deletes at the cursor */
    ck_assert_str_eq(ui_le_text(&le), "cd");
    ck_assert_int_eq(ui_le_key(&le, code(KEY_BACKSPACE)), UI_LE_IGNORED);
    ui_le_free(&le);
}
END_TEST

START_TEST(ctrl_u_k_w)
{
    ui_lineedit le;
    ui_le_init(&le);
    type(&le, "Globex  big expansion");
    ck_assert_int_eq(ui_le_key(&le, ch(23)), UI_LE_CHANGED);   /* ^W */
    ck_assert_str_eq(ui_le_text(&le), "Globex  big ");
    ck_assert_int_eq(ui_le_key(&le, ch(23)), UI_LE_CHANGED);   /* the spaces and the word */
    ck_assert_str_eq(ui_le_text(&le), "Globex  ");
    ck_assert_int_eq(ui_le_key(&le, ch(23)), UI_LE_CHANGED);
    ck_assert_str_eq(ui_le_text(&le), "");
    ck_assert_int_eq(ui_le_key(&le, ch(23)), UI_LE_IGNORED);
    type(&le, "one two three");
    for (int i = 0; i < 6; i++)
        ui_le_key(&le, code(KEY_LEFT));
    ck_assert_int_eq(ui_le_key(&le, ch(11)), UI_LE_CHANGED);   /* ^K: to the end */
    ck_assert_str_eq(ui_le_text(&le), "one two");
    ui_le_key(&le, code(KEY_LEFT));
    ui_le_key(&le, code(KEY_LEFT));
    ui_le_key(&le, code(KEY_LEFT));
    ck_assert_int_eq(ui_le_key(&le, ch(21)), UI_LE_CHANGED);   /* ^U: to the start */
    ck_assert_str_eq(ui_le_text(&le), "two");
    ck_assert_uint_eq(le.cur, 0);
    ck_assert_int_eq(ui_le_key(&le, ch(21)), UI_LE_IGNORED);
    /* ^W in the middle of a word deletes its first part only */
    ui_le_key(&le, code(KEY_RIGHT));
    ui_le_key(&le, code(KEY_RIGHT));
    ui_le_key(&le, ch(23));
    ck_assert_str_eq(ui_le_text(&le), "o");
    ui_le_free(&le);
}
END_TEST

START_TEST(wide_and_combining_characters)
{
    ui_lineedit le;
    ui_le_init(&le);
    /* CJK (3 bytes, 2 columns each), an emoji (4 bytes, 2 columns) */
    type(&le, "\xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x9A\x80");
    ck_assert_uint_eq(le.len, 3 + 3 + 1 + 4);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_BACKSPACE)), UI_LE_CHANGED);
    ck_assert_str_eq(ui_le_text(&le), "\xE6\x9D\xB1\xE4\xBA\xAC ");
    ui_le_key(&le, code(KEY_LEFT));
    ui_le_key(&le, code(KEY_LEFT));
    ck_assert_uint_eq(le.cur, 3);   /* between the two CJK characters */
    ui_le_key(&le, code(KEY_DC));
    ck_assert_str_eq(ui_le_text(&le), "\xE6\x9D\xB1 ");
    ui_le_clear(&le);
    /* e + COMBINING ACUTE is one character for moving and deleting */
    type(&le, "cafe\xCC\x81!");
    ui_le_key(&le, code(KEY_LEFT));
    ck_assert_uint_eq(le.cur, 6);
    ui_le_key(&le, code(KEY_LEFT));
    ck_assert_uint_eq(le.cur, 3);   /* before the e, not between e and its accent */
    ui_le_key(&le, code(KEY_RIGHT));
    ck_assert_uint_eq(le.cur, 6);
    ui_le_key(&le, code(KEY_BACKSPACE));
    ck_assert_str_eq(ui_le_text(&le), "caf!");
    ui_le_key(&le, code(KEY_HOME));
    ui_le_key(&le, code(KEY_RIGHT));
    ui_le_key(&le, code(KEY_RIGHT));
    ui_le_key(&le, code(KEY_RIGHT));
    type(&le, "e\xCC\x81");
    ui_le_key(&le, code(KEY_LEFT));
    ui_le_key(&le, code(KEY_DC));
    ck_assert_str_eq(ui_le_text(&le), "caf!");
    ui_le_free(&le);
}
END_TEST

START_TEST(controls_and_bidi_are_refused)
{
    ui_lineedit le;
    ui_le_init(&le);
    type(&le, "ab");
    ck_assert_int_eq(ui_le_key(&le, ch(27)), UI_LE_IGNORED);      /* ESC */
    ck_assert_int_eq(ui_le_key(&le, ch('\n')), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch('\t')), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch(0x9B)), UI_LE_IGNORED);    /* C1 CSI */
    ck_assert_int_eq(ui_le_key(&le, ch(0x202E)), UI_LE_IGNORED);  /* RLO */
    ck_assert_int_eq(ui_le_key(&le, ch(0x2066)), UI_LE_IGNORED);  /* LRI */
    ck_assert_int_eq(ui_le_key(&le, ch(0x2028)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch(0xD800)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, ch(0x110000)), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_F(5))), UI_LE_IGNORED);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_UP)), UI_LE_IGNORED);
    ck_assert_str_eq(ui_le_text(&le), "ab");
    /* set() drops them and repairs broken UTF-8 */
    ck_assert(ui_le_set(&le, "x\x1b[31my\t\xE2\x80\xAEz\xFF"));
    ck_assert_str_eq(ui_le_text(&le), "x[31myz\xEF\xBF\xBD");
    ck_assert_uint_eq(le.cur, le.len);
    ck_assert(ui_le_set(&le, NULL));
    ck_assert_str_eq(ui_le_text(&le), "");
    ui_le_free(&le);
}
END_TEST

START_TEST(length_is_capped)
{
    ui_lineedit le;
    ui_le_init(&le);
    char big[UI_LE_MAX_BYTES + 10];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert(!ui_le_set(&le, big));
    ck_assert_uint_eq(le.len, UI_LE_MAX_BYTES);
    ck_assert_int_eq(ui_le_key(&le, ch('b')), UI_LE_IGNORED);
    ck_assert_uint_eq(le.len, UI_LE_MAX_BYTES);
    ck_assert_int_eq(ui_le_key(&le, code(KEY_BACKSPACE)), UI_LE_CHANGED);
    ck_assert_int_eq(ui_le_key(&le, ch(0x20AC)), UI_LE_IGNORED);   /* 3 bytes: no room */
    ck_assert_int_eq(ui_le_key(&le, ch('b')), UI_LE_CHANGED);
    ui_le_free(&le);
}
END_TEST

START_TEST(fit_scrolls_to_keep_the_cursor_visible)
{
    ui_lineedit le;
    ui_le_init(&le);
    size_t start, nbytes, col;
    type(&le, "abc");
    ui_le_fit(&le, 10, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 0);
    ck_assert_uint_eq(nbytes, 3);
    ck_assert_uint_eq(col, 3);
    type(&le, "defghijklm");   /* 13 characters in 10 columns */
    ui_le_fit(&le, 10, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 4);   /* "efghijklm" + the cursor */
    ck_assert_uint_eq(nbytes, 9);
    ck_assert_uint_eq(col, 9);
    /* Home scrolls back */
    ui_le_key(&le, code(KEY_HOME));
    ui_le_fit(&le, 10, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 0);
    ck_assert_uint_eq(nbytes, 10);
    ck_assert_uint_eq(col, 0);
    /* deleting from the end shows more again */
    ui_le_key(&le, code(KEY_END));
    ui_le_fit(&le, 10, &start, &nbytes, &col);
    for (int i = 0; i < 6; i++)
        ui_le_key(&le, code(KEY_BACKSPACE));
    ui_le_fit(&le, 10, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 0);
    ck_assert_uint_eq(col, 7);
    ui_le_free(&le);
}
END_TEST

START_TEST(fit_measures_wide_characters)
{
    ui_lineedit le;
    ui_le_init(&le);
    size_t start, nbytes, col;
    /* five CJK characters = 10 columns, in a 7-column field */
    type(&le, "\xE4\xB8\x80\xE4\xBA\x8C\xE4\xB8\x89\xE5\x9B\x9B\xE4\xBA\x94");
    ui_le_fit(&le, 7, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 6);       /* the first two scrolled off */
    ck_assert_uint_eq(nbytes, 9);
    ck_assert_uint_eq(col, 6);
    ui_le_key(&le, code(KEY_HOME));
    ui_le_fit(&le, 7, &start, &nbytes, &col);
    ck_assert_uint_eq(start, 0);
    ck_assert_uint_eq(nbytes, 9);      /* three fit in 7 columns, never half of one */
    ck_assert_uint_eq(col, 0);
    ui_le_key(&le, code(KEY_RIGHT));
    ui_le_fit(&le, 7, &start, &nbytes, &col);
    ck_assert_uint_eq(col, 2);
    ui_le_free(&le);
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    Suite *s = suite_create("ui_lineedit");
    TCase *tc = tcase_create("lineedit");
    tcase_add_test(tc, typing_inserts_at_the_cursor);
    tcase_add_test(tc, backspace_and_delete);
    tcase_add_test(tc, ctrl_u_k_w);
    tcase_add_test(tc, wide_and_combining_characters);
    tcase_add_test(tc, controls_and_bidi_are_refused);
    tcase_add_test(tc, length_is_capped);
    tcase_add_test(tc, fit_scrolls_to_keep_the_cursor_visible);
    tcase_add_test(tc, fit_measures_wide_characters);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
