/* test_ui_keymap.c - the action table (ui/actions.h), key names, the
 * table-driven keymap (ui/keymap.c) and the generated help (ui/help.c),
 * without a terminal. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/help.h"
#include "ui/keymap.h"

static ui_key key(const char *name)
{
    ui_key k;
    ck_assert_msg(keymap_parse_key(name, &k), "'%s' does not parse", name);
    return k;
}

static ui_key ch(wint_t c)
{
    return (ui_key){false, c};
}

START_TEST(table_is_complete_and_consistent)
{
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    ck_assert_uint_eq(n, UI_ACT_COUNT - 1);
    ck_assert_ptr_null(ui_action_get(UI_ACT_NONE));
    ck_assert_ptr_null(ui_action_get(UI_ACT_COUNT));
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(t[i].action, (ui_action)(i + 1));
        ck_assert_ptr_eq(ui_action_get(t[i].action), &t[i]);
        ck_assert_int_eq(ui_action_find(t[i].name), t[i].action);
        ck_assert_uint_lt((unsigned)t[i].context, UI_CTX_COUNT);
        ck_assert_msg(t[i].help && strlen(t[i].help) > 3, "%s has no help", t[i].name);
        ck_assert_msg(t[i].default_keys[0], "%s has no default key", t[i].name);
        for (const char *p = t[i].name; *p; p++)
            ck_assert_msg(islower((unsigned char)*p) || *p == '-', "bad name %s", t[i].name);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(t[i].name, t[j].name);
        /* every default key parses */
        char buf[64];
        snprintf(buf, sizeof buf, "%s", t[i].default_keys);
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
            ui_key k;
            ck_assert_msg(keymap_parse_key(tok, &k), "%s: key '%s'", t[i].name, tok);
        }
    }
    ck_assert_int_eq(ui_action_find("no-such-action"), UI_ACT_NONE);
    ck_assert_int_eq(ui_action_find(NULL), UI_ACT_NONE);
    ck_assert_int_eq(ui_action_find("move-next-stage"), UI_ACT_MOVE_NEXT_STAGE);
    ui_context c;
    ck_assert(ui_context_find("board", &c));
    ck_assert_int_eq(c, UI_CTX_BOARD);
    ck_assert(!ui_context_find("boards", &c));
    ck_assert_str_eq(ui_context_name(UI_CTX_FORM), "form");
}
END_TEST

/* No key is bound twice in one context by the defaults (nor shadows a global one). */
START_TEST(default_keys_do_not_conflict)
{
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    for (size_t i = 0; i < n; i++) {
        char bi[64];
        snprintf(bi, sizeof bi, "%s", t[i].default_keys);
        char *si;
        for (char *a = strtok_r(bi, " ", &si); a; a = strtok_r(NULL, " ", &si)) {
            ui_key ka = key(a);
            for (size_t j = 0; j < n; j++) {
                if (j == i || (t[j].context != t[i].context && t[j].context != UI_CTX_GLOBAL
                               && t[i].context != UI_CTX_GLOBAL))
                    continue;
                char bj[64];
                snprintf(bj, sizeof bj, "%s", t[j].default_keys);
                char *sj;
                for (char *b = strtok_r(bj, " ", &sj); b; b = strtok_r(NULL, " ", &sj))
                    ck_assert_msg(!keymap_key_equal(ka, key(b)), "'%s' is bound to %s and %s", a,
                                  t[i].name, t[j].name);
            }
        }
    }
}
END_TEST

START_TEST(key_names)
{
    ck_assert(keymap_key_equal(key("j"), ch('j')));
    ck_assert(keymap_key_equal(key("<"), ch('<')));
    ck_assert(keymap_key_equal(key("<lt>"), ch('<')));
    ck_assert(keymap_key_equal(key(">"), ch('>')));
    ck_assert(keymap_key_equal(key("\xC3\xA9"), ch(0xE9)));   /* é */
    ck_assert(keymap_key_equal(key("<C-r>"), ch(0x12)));
    ck_assert(keymap_key_equal(key("<c-R>"), ch(0x12)));
    ck_assert(keymap_key_equal(key("<Tab>"), ch('\t')));
    ck_assert(keymap_key_equal(key("<Esc>"), ch(27)));
    ck_assert(keymap_key_equal(key("<Space>"), ch(' ')));
    ck_assert(keymap_key_equal(key("<Enter>"), ch('\n')));
    ck_assert(keymap_key_equal(key("<Enter>"), ch('\r')));     /* CR is Enter */
    ck_assert(keymap_key_equal(key("<return>"), key("<ENTER>")));
    ck_assert(keymap_key_equal(key("<PageDown>"), key("<PgDn>")));
    ck_assert(keymap_key_equal(key("<Backspace>"), ch(127)));  /* DEL and ^H are Backspace */
    ck_assert(keymap_key_equal(key("<Backspace>"), ch(8)));
    ck_assert(!keymap_key_equal(key("<Down>"), key("<Up>")));
    ck_assert(!keymap_key_equal(key("<F1>"), key("<F2>")));
    ck_assert(!keymap_key_equal(key("<Down>"), ch('j')));
    ck_assert(key("<Down>").is_code);
    ck_assert(key("<S-Tab>").is_code);
    ck_assert(!key("<Tab>").is_code);
    ui_key k;
    const char *bad[] = {"", "ab", "<Nope>", "<C-1>", "<C->", "<F13>", "<F0>", "<>", "\x01",
                         "\xff", "<Fx>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!keymap_parse_key(bad[i], &k), "'%s' parsed", bad[i]);
    ck_assert(!keymap_parse_key(NULL, &k));
}
END_TEST

START_TEST(display_names_round_trip)
{
    const char *names[] = {"j", "G", "?", "/", "<", ">", "<Left>", "<Right>", "<Up>",
                           "<Down>", "<Home>", "<End>", "<PageUp>", "<PageDown>", "<Enter>",
                           "<Esc>", "<Tab>", "<S-Tab>", "<Space>", "<Backspace>", "<Del>",
                           "<F1>", "<F12>", "<C-r>", "<C-l>", "\xC3\xA9"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        ui_key k = key(names[i]);
        char disp[32], spelled[40];
        keymap_key_name(k, disp, sizeof disp);
        ck_assert(disp[0]);
        /* a display name reads back as the same key (in <…> unless one character) */
        if (strlen(disp) == 1 || (unsigned char)disp[0] >= 0x80)
            snprintf(spelled, sizeof spelled, "%s", disp);
        else
            snprintf(spelled, sizeof spelled, "<%s>", disp);
        ck_assert_msg(keymap_key_equal(key(spelled), k), "%s -> %s", names[i], disp);
    }
    char d[32];
    keymap_key_name(key("<C-r>"), d, sizeof d);
    ck_assert_str_eq(d, "C-r");
    keymap_key_name(key("<PageDown>"), d, sizeof d);
    ck_assert_str_eq(d, "PgDn");
    keymap_key_name(ch('\r'), d, sizeof d);
    ck_assert_str_eq(d, "Enter");
}
END_TEST

START_TEST(default_lookups)
{
    keymap_reset();
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('j')), UI_ACT_SELECT_DOWN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, key("<Down>")), UI_ACT_SELECT_DOWN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('h')), UI_ACT_SELECT_LEFT);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('L')), UI_ACT_MOVE_NEXT_STAGE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('>')), UI_ACT_MOVE_NEXT_STAGE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('<')), UI_ACT_MOVE_PREV_STAGE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('H')), UI_ACT_MOVE_PREV_STAGE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('J')), UI_ACT_MOVE_DOWN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('K')), UI_ACT_MOVE_UP);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('g')), UI_ACT_SELECT_FIRST);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('G')), UI_ACT_SELECT_LAST);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('\t')), UI_ACT_NEXT_COLUMN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, key("<S-Tab>")), UI_ACT_PREV_COLUMN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('\r')), UI_ACT_OPEN_DETAIL);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('e')), UI_ACT_EDIT_CARD);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('a')), UI_ACT_ADD_CARD);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('d')), UI_ACT_DELETE_CARD);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('u')), UI_ACT_UNDO);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch(0x12)), UI_ACT_REDO);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('/')), UI_ACT_SEARCH);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('n')), UI_ACT_SEARCH_NEXT);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('N')), UI_ACT_SEARCH_PREV);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('r')), UI_ACT_REFRESH);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('?')), UI_ACT_HELP);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('x')), UI_ACT_DISMISS_FAILURE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('q')), UI_ACT_QUIT);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch(27)), UI_ACT_CANCEL);
    /* global fallback */
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch(0x0c)), UI_ACT_REDRAW);
    ck_assert_int_eq(keymap_lookup(UI_CTX_FORM, ch(0x0c)), UI_ACT_REDRAW);
    /* contexts are separate */
    ck_assert_int_eq(keymap_lookup(UI_CTX_FORM, ch('j')), UI_ACT_NONE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_CONFIRM, ch('y')), UI_ACT_CONFIRM_YES);
    ck_assert_int_eq(keymap_lookup(UI_CTX_CONFIRM, ch(27)), UI_ACT_CONFIRM_NO);
    ck_assert_int_eq(keymap_lookup(UI_CTX_HELP, ch('q')), UI_ACT_HELP_CLOSE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('Z')), UI_ACT_NONE);
}
END_TEST

START_TEST(rebinding)
{
    char err[100];
    keymap_reset();
    ck_assert(keymap_bind(UI_CTX_BOARD, "m", UI_ACT_MOVE_NEXT_STAGE, err, sizeof err));
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('m')), UI_ACT_MOVE_NEXT_STAGE);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('L')), UI_ACT_MOVE_NEXT_STAGE);
    /* a key bound again replaces its old action */
    ck_assert(keymap_bind(UI_CTX_BOARD, "j", UI_ACT_QUIT, err, sizeof err));
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('j')), UI_ACT_QUIT);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, key("<Down>")), UI_ACT_SELECT_DOWN);
    /* unbinding */
    ck_assert(keymap_bind(UI_CTX_BOARD, "<Down>", UI_ACT_NONE, err, sizeof err));
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, key("<Down>")), UI_ACT_NONE);
    char keys[80];
    keymap_keys_for(UI_ACT_SELECT_DOWN, keys, sizeof keys);
    ck_assert_str_eq(keys, "");
    keymap_keys_for(UI_ACT_MOVE_NEXT_STAGE, keys, sizeof keys);
    ck_assert_str_eq(keys, "L, >, m");
    /* a global key rebound in one context only */
    ck_assert(keymap_bind(UI_CTX_SEARCH, "<C-l>", UI_ACT_SEARCH_CANCEL, err, sizeof err));
    ck_assert_int_eq(keymap_lookup(UI_CTX_SEARCH, ch(0x0c)), UI_ACT_SEARCH_CANCEL);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch(0x0c)), UI_ACT_REDRAW);
    /* errors */
    ck_assert(!keymap_bind(UI_CTX_BOARD, "<Nope>", UI_ACT_QUIT, err, sizeof err));
    ck_assert(strstr(err, "<Nope>"));
    /* reset brings the defaults back */
    keymap_reset();
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('j')), UI_ACT_SELECT_DOWN);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('m')), UI_ACT_NONE);
    keymap_keys_for(UI_ACT_SELECT_LEFT, keys, sizeof keys);
    ck_assert_str_eq(keys, "h, Left");
    /* a small buffer is cut, never overrun, and the length is still reported */
    char tiny[4];
    ck_assert_uint_eq(keymap_keys_for(UI_ACT_SELECT_LEFT, tiny, sizeof tiny), strlen("h, Left"));
    ck_assert_str_eq(tiny, "h, ");
}
END_TEST

START_TEST(bind_table_fills_up_safely)
{
    keymap_reset();
    int ok = 0;
    for (wint_t c = 0x4E00; c < 0x4E00 + 2 * KEYMAP_MAX_BINDINGS; c++)
        ok += keymap_bind_key(UI_CTX_BOARD, ch(c), UI_ACT_QUIT);
    ck_assert_int_lt(ok, 2 * KEYMAP_MAX_BINDINGS);
    ck_assert_int_eq(keymap_lookup(UI_CTX_BOARD, ch('j')), UI_ACT_SELECT_DOWN);
    keymap_reset();
}
END_TEST

/* The help is the action table, in order, context by context. */
typedef struct help_seen {
    ui_context ctx;          /* section being read */
    size_t next;             /* next table index expected in this section */
    int count[UI_ACT_COUNT];
    int sections;
    bool mouse;
} help_seen;

static void on_help(void *vctx, const char *keys, const char *text)
{
    help_seen *h = vctx;
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    if (!keys) {
        h->sections++;
        if (strcmp(text, "Mouse") == 0) {
            h->mouse = true;
            return;
        }
        ck_assert_uint_lt((unsigned)h->sections - 1 - h->mouse, UI_CTX_COUNT);
        h->ctx = (ui_context)(h->sections - 1 - h->mouse);
        ck_assert_str_eq(text, ui_context_title(h->ctx));
        h->next = 0;
        return;
    }
    if (h->mouse && h->ctx == UI_CTX_BOARD)
        return;   /* "click", "wheel" */
    while (h->next < n && t[h->next].context != h->ctx)
        h->next++;
    ck_assert_msg(h->next < n, "unexpected help line '%s'", text);
    const ui_action_info *a = &t[h->next++];
    ck_assert_str_eq(text, a->help);
    char want[128];
    keymap_keys_for(a->action, want, sizeof want);
    ck_assert_str_eq(keys, want[0] ? want : "(unbound)");
    h->count[a->action]++;
}

START_TEST(help_lists_every_action_once)
{
    keymap_reset();
    char err[80];
    ck_assert(keymap_bind(UI_CTX_BOARD, "w", UI_ACT_MOVE_NEXT_STAGE, err, sizeof err));
    ck_assert(keymap_bind(UI_CTX_BOARD, "x", UI_ACT_NONE, err, sizeof err));
    help_seen h;
    memset(&h, 0, sizeof h);
    help_generate(on_help, &h);
    for (int a = 1; a < UI_ACT_COUNT; a++)
        ck_assert_msg(h.count[a] == 1, "%s listed %d times", ui_action_get(a)->name, h.count[a]);
    ck_assert_int_eq(h.sections, UI_CTX_COUNT + 1);   /* + Mouse */
    ck_assert(h.mouse);
    keymap_reset();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ui_keymap");
    TCase *tc = tcase_create("keymap");
    tcase_add_test(tc, table_is_complete_and_consistent);
    tcase_add_test(tc, default_keys_do_not_conflict);
    tcase_add_test(tc, key_names);
    tcase_add_test(tc, display_names_round_trip);
    tcase_add_test(tc, default_lookups);
    tcase_add_test(tc, rebinding);
    tcase_add_test(tc, bind_table_fills_up_safely);
    tcase_add_test(tc, help_lists_every_action_once);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
