/* test_theme_file.c - theme files without a terminal: the parser
 * (ui/theme_file.c: every diagnostic with its line, the rest applied,
 * palette, depth), the shipped themes, the search order and fallbacks of
 * the loader (ui/theme_load.c, with temp dirs) and the startup problem list
 * shown on the status line (ui/theme_diag.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/theme_diag.h"
#include "ui/theme_file.h"
#include "ui/theme_load.h"

static theme_def T;

static int parse(const char *text)
{
    return theme_file_parse("t", text, strlen(text), &T);
}

/* true if some diagnostic equals "t:LINE: " followed by text containing needle */
static bool has_diag(int line, const char *needle)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "t:%d: ", line);
    for (int i = 0; i < T.ndiag; i++)
        if (!strncmp(T.diag[i], prefix, strlen(prefix)) && strstr(T.diag[i], needle))
            return true;
    return false;
}

static void dump_diags(void)
{
    for (int i = 0; i < T.ndiag; i++)
        fprintf(stderr, "  diag: %s\n", T.diag[i]);
}

#define CK_DIAG(line, needle) ck_assert_msg(has_diag(line, needle), "no diag %d: %s", line, needle)

START_TEST(parses_a_theme)
{
    int n = parse("# a theme\n"
                  "depth 256\n"
                  "\n"
                  "palette bg0 #002b36   # a trailing comment\n"
                  "palette hi 231\n"
                  "palette alias bg0\n"
                  "color card.selected hi bg0 bold underline\n"
                  "  color\tcolumn.title  bright-red default\n"
                  "color card.overdue 1 alias bold normal dim\n"
                  "stage sky 117\n"
                  "stage red red 52 reverse\n"
                  "stage gray 246 bold\n");
    if (n)
        dump_diags();
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(T.depth, 256);
    ck_assert(T.depth_given);
    ck_assert(T.elem_set[UI_ELEM_CARD_SELECTED]);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_SELECTED].fg, 231);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_SELECTED].bg, 234);   /* #002b36 */
    ck_assert_uint_eq(T.elem[UI_ELEM_CARD_SELECTED].attrs, UI_A_BOLD | UI_A_UNDERLINE);
    ck_assert_int_eq(T.elem[UI_ELEM_COLUMN_TITLE].fg, 9);
    ck_assert_int_eq(T.elem[UI_ELEM_COLUMN_TITLE].bg, -1);
    ck_assert_uint_eq(T.elem[UI_ELEM_COLUMN_TITLE].attrs, 0);
    /* "normal" clears what came before it */
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_OVERDUE].fg, 1);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_OVERDUE].bg, 234);
    ck_assert_uint_eq(T.elem[UI_ELEM_CARD_OVERDUE].attrs, UI_A_DIM);
    ck_assert(!T.elem_set[UI_ELEM_CARD_NAME]);
    int sky = theme_stage_find("sky"), red = theme_stage_find("red"), gray = theme_stage_find("gray");
    ck_assert(T.stage_set[sky] && T.stage_set[red] && T.stage_set[gray]);
    ck_assert(!T.stage_set[theme_stage_find("pink")]);
    ck_assert_int_eq(T.stage[sky].fg, 117);
    ck_assert_int_eq(T.stage[sky].bg, -1);
    ck_assert_int_eq(T.stage[red].fg, 1);
    ck_assert_int_eq(T.stage[red].bg, 52);
    ck_assert_uint_eq(T.stage[red].attrs, UI_A_REVERSE);
    ck_assert_int_eq(T.stage[gray].bg, -1);   /* "bold" is an attribute, not a background */
    ck_assert_uint_eq(T.stage[gray].attrs, UI_A_BOLD);
}
END_TEST

START_TEST(colors_and_nearest)
{
    short c;
    ck_assert(theme_color_parse("default", &c) && c == -1);
    ck_assert(theme_color_parse("black", &c) && c == 0);
    ck_assert(theme_color_parse("white", &c) && c == 7);
    ck_assert(theme_color_parse("bright-black", &c) && c == 8);
    ck_assert(theme_color_parse("bright-cyan", &c) && c == 14);
    ck_assert(theme_color_parse("0", &c) && c == 0);
    ck_assert(theme_color_parse("255", &c) && c == 255);
    ck_assert(theme_color_parse("#FFFFFF", &c) && c == 231);
    ck_assert(theme_color_parse("#000000", &c) && c == 16);
    ck_assert(theme_color_parse("#808080", &c) && c == 244);
    ck_assert(theme_color_parse("#ff0000", &c) && c == 196);
    ck_assert(!theme_color_parse("256", &c));
    ck_assert(!theme_color_parse("1000", &c));
    ck_assert(!theme_color_parse("-1", &c));
    ck_assert(!theme_color_parse("12a", &c));
    ck_assert(!theme_color_parse("#fff", &c));
    ck_assert(!theme_color_parse("#gg0000", &c));
    ck_assert(!theme_color_parse("bright-default", &c));
    ck_assert(!theme_color_parse("mauve", &c));
    ck_assert(!theme_color_parse("", &c));
    ck_assert(!theme_color_parse(NULL, &c));
    ck_assert_int_eq(theme_color_nearest(0, 0x2b, 0x36), 234);
    ck_assert_int_eq(theme_color_nearest(0x87, 0xaf, 0xff), 111);   /* exactly a cube color */
}
END_TEST

/* Every kind of bad line: its own line number, and the good lines around
 * it still apply. */
START_TEST(every_error_with_its_line)
{
    char longline[700];
    memset(longline, 'x', sizeof longline - 1);
    longline[sizeof longline - 1] = '\0';
    char text[4096];
    snprintf(text, sizeof text,
             "depth 16\n"                                   /* 1 */
             "colour card.name red default\n"               /* 2 unknown directive */
             "color card.nope red default\n"                /* 3 unknown element */
             "color card.name mauve default\n"              /* 4 not a color */
             "color card.name red default blink\n"          /* 5 unknown attribute */
             "color card.name red\n"                        /* 6 too few words */
             "color card.name 200 default\n"                /* 7 beyond depth 16 */
             "depth 256\n"                                  /* 8 depth twice */
             "palette 9lives red\n"                         /* 9 bad palette name */
             "palette red 1\n"                              /* 10 palette named like a color */
             "stage mauve red\n"                            /* 11 unknown stage color */
             "stage sky\n"                                  /* 12 too few words */
             "%s\n"                                         /* 13 too long */
             "color a b c d e f g h i j k l m\n"            /* 14 too many words */
             "color %.70s red default\n"                    /* 15 word too long */
             "color card.amount green default\n"            /* 16 good */
             "stage sky bright-cyan bold\n"                 /* 17 good */
             "color card.meta #abcdef default\n"            /* 18 beyond depth (#rgb is 16-255) */
             "stage pink magenta bogus\n",                  /* 19 bad attr/bg */
             longline, longline);
    int n = parse(text);
    CK_DIAG(2, "unknown directive 'colour'");
    CK_DIAG(3, "unknown element 'card.nope'");
    CK_DIAG(4, "'mauve' is not a color");
    CK_DIAG(5, "unknown attribute 'blink'");
    CK_DIAG(6, "color takes an element");
    CK_DIAG(7, "color 200 needs depth 256 (the theme says depth 16)");
    CK_DIAG(8, "depth is given twice");
    CK_DIAG(9, "bad palette name '9lives'");
    CK_DIAG(10, "bad palette name 'red'");
    CK_DIAG(11, "unknown stage color 'mauve'");
    CK_DIAG(12, "stage takes");
    CK_DIAG(13, "too long");
    CK_DIAG(14, "too many words");
    CK_DIAG(15, "too long");
    CK_DIAG(18, "needs depth 256");
    CK_DIAG(19, "'bogus' is not a color");
    ck_assert_int_eq(n, 16);
    ck_assert_int_eq(T.ndiag, 16);
    ck_assert_int_eq(T.dropped_diag, 0);
    /* the bad lines changed nothing; the good ones applied */
    ck_assert_int_eq(T.depth, 16);
    ck_assert(!T.elem_set[UI_ELEM_CARD_NAME]);
    ck_assert(!T.elem_set[UI_ELEM_CARD_META]);
    ck_assert(T.elem_set[UI_ELEM_CARD_AMOUNT]);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_AMOUNT].fg, 2);
    ck_assert(T.stage_set[theme_stage_find("sky")]);
    ck_assert_int_eq(T.stage[theme_stage_find("sky")].fg, 14);
    ck_assert(!T.stage_set[theme_stage_find("pink")]);
}
END_TEST

START_TEST(depth_rules)
{
    ck_assert_int_eq(parse("color card.name red default\ndepth 8\n"), 1);
    CK_DIAG(2, "depth must come before");
    ck_assert(!T.depth_given);
    ck_assert_int_eq(T.depth, 8);   /* inferred */
    ck_assert_int_eq(parse("depth 12\n"), 1);
    CK_DIAG(1, "depth must be 0, 8, 16 or 256, not '12'");
    ck_assert_int_eq(parse("depth\n"), 1);
    CK_DIAG(1, "depth takes one number");
    ck_assert_int_eq(parse("depth 0\ncolor card.name default default bold\ncolor card.meta red default\n"
                           "stage red 1\n"),
                     2);
    CK_DIAG(3, "a depth 0 theme has attributes only");
    CK_DIAG(4, "a depth 0 theme has attributes only");
    ck_assert_int_eq(T.depth, 0);
    ck_assert(T.elem_set[UI_ELEM_CARD_NAME]);
    ck_assert_uint_eq(T.elem[UI_ELEM_CARD_NAME].attrs, UI_A_BOLD);
    /* without a depth line: the smallest that holds the colors used */
    ck_assert_int_eq(parse("color card.name default default bold\n"), 0);
    ck_assert_int_eq(T.depth, 0);
    ck_assert_int_eq(parse("color card.name red blue\n"), 0);
    ck_assert_int_eq(T.depth, 8);
    ck_assert_int_eq(parse("color card.name bright-red blue\n"), 0);
    ck_assert_int_eq(T.depth, 16);
    ck_assert_int_eq(parse("palette x 100\ncolor card.name red blue\n"), 0);
    ck_assert_int_eq(T.depth, 256);
    /* a palette color beyond the depth is reported where it is defined */
    ck_assert_int_eq(parse("depth 8\npalette deep 100\ncolor card.name deep default\n"), 2);
    CK_DIAG(2, "color 100 needs depth 256 (the theme says depth 8)");
    CK_DIAG(3, "'deep' is not a color");
}
END_TEST

START_TEST(palette_rules)
{
    ck_assert_int_eq(parse("palette a 1\npalette a 2\ncolor card.name a default\n"), 0);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_NAME].fg, 2);   /* the later one */
    ck_assert_int_eq(parse("palette bold 1\npalette x\npalette y 1 2\npalette z-_9 #00ff00\n"), 3);
    CK_DIAG(1, "bad palette name 'bold'");
    CK_DIAG(2, "palette takes a name and a color");
    CK_DIAG(3, "palette takes a name and a color");
    char text[8192];
    size_t len = 0;
    for (int i = 0; i < THEME_MAX_PALETTE + 1; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "palette p%d %d\n", i, i);
    ck_assert_int_eq(parse(text), 1);
    CK_DIAG(THEME_MAX_PALETTE + 1, "too many palette names");
    char name[40];
    memset(name, 'a', 32);
    name[32] = '\0';
    snprintf(text, sizeof text, "palette %s 1\n", name);
    ck_assert_int_eq(parse(text), 1);
    CK_DIAG(1, "bad palette name");
}
END_TEST

START_TEST(untrusted_bytes)
{
    /* control bytes and escape sequences in a name are not echoed */
    ck_assert_int_eq(parse("color \033]0;PWNED\007 red default\n"), 1);
    ck_assert_ptr_null(strchr(T.diag[0], '\033'));
    ck_assert_ptr_null(strchr(T.diag[0], '\007'));
    CK_DIAG(1, "unknown element '?]0;PWNED?'");
    /* a NUL byte, CRLF line ends, no final newline */
    static const char bin[] = "depth 8\r\ncolor card.name red\0 default\r\ncolor card.meta blue default";
    ck_assert_int_eq(theme_file_parse("t", bin, sizeof bin - 1, &T), 1);
    CK_DIAG(2, "NUL byte");
    ck_assert(T.elem_set[UI_ELEM_CARD_META]);
    ck_assert_int_eq(T.elem[UI_ELEM_CARD_META].fg, 4);
    /* a long name is cut in the diagnostic */
    char text[300];
    snprintf(text, sizeof text, "color %060d red default\n", 7);
    ck_assert_int_eq(parse(text), 1);
    ck_assert_int_lt((int)strlen(T.diag[0]), 120);
    /* comments: whole line, or # followed by a blank; #word is a word */
    ck_assert_int_eq(parse("#depth 7\n   # x\ncolor card.name red default # bold\n"), 0);
    ck_assert_uint_eq(T.elem[UI_ELEM_CARD_NAME].attrs, 0);
    ck_assert_int_eq(parse("color card.name red default #bold\n"), 1);
    /* more than THEME_MAX_DIAG problems: the first are kept, the rest counted */
    char many[2000];
    size_t len = 0;
    for (int i = 0; i < THEME_MAX_DIAG + 5; i++)
        len += (size_t)snprintf(many + len, sizeof many - len, "nonsense\n");
    ck_assert_int_eq(parse(many), THEME_MAX_DIAG + 5);
    ck_assert_int_eq(T.ndiag, THEME_MAX_DIAG);
    ck_assert_int_eq(T.dropped_diag, 5);
    CK_DIAG(1, "unknown directive");
    /* a long file name keeps its end */
    char file[400];
    memset(file, 'd', sizeof file - 1);
    file[sizeof file - 1] = '\0';
    memcpy(file + sizeof file - 8, "/mytheme", 7);
    theme_file_parse(file, "x\n", 2, &T);
    ck_assert_int_eq(T.ndiag, 1);
    ck_assert_msg(strstr(T.diag[0], "/mythem:1: unknown directive 'x'") != NULL, "%s", T.diag[0]);
    ck_assert(!strncmp(T.diag[0], "...", 3));
}
END_TEST

/* Random lines made of theme words, numbers and random bytes: never a
 * crash, always a sane result (run under valgrind/ASan to catch overruns). */
START_TEST(random_input_is_safe)
{
    static const char *const words[] = {
        "depth", "palette", "color", "stage", "0", "8", "16", "256", "255", "999", "#00ff00",
        "#zz", "default", "red", "bright-red", "bold", "normal", "card.selected", "sky", "gray",
        "p1", "#", " ", "\t", "\r", "\n", "\n", "\n", "x", "-1", "column.title"};
    unsigned seed = 12345;
    char *buf = malloc(8192);
    for (int round = 0; round < 1000; round++) {
        size_t len = 0, target = (size_t)(rand_r(&seed) % 4000);
        while (len < target) {
            int r = rand_r(&seed) % 40;
            if (r < (int)(sizeof words / sizeof words[0])) {
                size_t wl = strlen(words[r]);
                memcpy(buf + len, words[r], wl);
                len += wl;
                buf[len++] = ' ';
            } else {
                buf[len++] = (char)(rand_r(&seed) & 0xff);
            }
        }
        theme_file_parse("fuzz", buf, len, &T);
        ck_assert_int_le(T.ndiag, THEME_MAX_DIAG);
        ck_assert(T.depth == 0 || T.depth == 8 || T.depth == 16 || T.depth == 256);
        for (int i = 0; i < UI_ELEM_COUNT; i++) {
            ck_assert(T.elem[i].fg >= -1 && T.elem[i].fg <= 255);
            ck_assert(T.elem[i].bg >= -1 && T.elem[i].bg <= 255);
            if (T.depth_given && T.elem_set[i])
                ck_assert(T.elem[i].fg < (T.depth ? T.depth : 0) || T.elem[i].fg == -1);
        }
        for (int i = 0; i < T.ndiag; i++)
            for (const char *q = T.diag[i]; *q; q++)
                ck_assert(*q >= 0x20 && *q < 0x7f);   /* printable: safe on a terminal */
    }
    free(buf);
}
END_TEST

/* The repository's themes/ (tests run from the top directory, or next to
 * the build tree). */
static bool themes_dir(char *out, size_t outlen)
{
    struct stat st;
    if (stat("themes/default", &st) == 0) {
        snprintf(out, outlen, "themes");
        return true;
    }
    char self[900];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return false;
    self[n] = '\0';
    *strrchr(self, '/') = '\0';
    snprintf(out, outlen, "%s/../../../themes", self);
    char probe[1100];
    snprintf(probe, sizeof probe, "%s/default", out);
    return stat(probe, &st) == 0;
}

START_TEST(shipped_themes_are_clean)
{
    static const struct {
        const char *name;
        int depth;
    } want[] = {{"default", 8}, {"mono", 0}, {"dark-256", 256}, {"light-256", 256}, {"solarized", 256}};
    char dir[1000];
    ck_assert_msg(themes_dir(dir, sizeof dir), "themes/ not found");
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        char path[1100], err[300];
        snprintf(path, sizeof path, "%s/%s", dir, want[k].name);
        ck_assert_msg(theme_load_file(path, &T, err, sizeof err), "%s", err);
        if (T.ndiag)
            dump_diags();
        ck_assert_int_eq(T.ndiag, 0);
        ck_assert_msg(T.depth_given && T.depth == want[k].depth, "%s depth %d", want[k].name,
                      T.depth);
        for (int i = 0; i < UI_ELEM_COUNT; i++)
            ck_assert_msg(T.elem_set[i], "%s does not style %s", want[k].name,
                          theme_elem_name((ui_elem)i));
        for (int i = 0; i < THEME_NSTAGES; i++)
            ck_assert_msg(T.stage_set[i], "%s does not map stage color %s", want[k].name,
                          theme_stage_name(i));
        /* selection and errors stand out from ordinary cards */
        ui_style sel = T.elem[UI_ELEM_CARD_SELECTED], meta = T.elem[UI_ELEM_CARD_META];
        ck_assert(sel.fg != meta.fg || sel.bg != meta.bg || sel.attrs != meta.attrs);
        ui_style od = T.elem[UI_ELEM_CARD_OVERDUE];
        ck_assert(od.fg != meta.fg || od.attrs != meta.attrs);
    }
}
END_TEST

/* ---- the loader: a temp tree with a user dir and an "installed" dir ---- */
static char tmp[64];

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s/%s", tmp, dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void make_tree(theme_dirs *d)
{
    snprintf(tmp, sizeof tmp, "/tmp/pbtheme.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
    char p[300];
    snprintf(p, sizeof p, "%s/user", tmp);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/inst", tmp);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    d->n = 3;
    snprintf(d->dir[0], sizeof d->dir[0], "%s/user", tmp);
    snprintf(d->dir[1], sizeof d->dir[1], "%s/missing", tmp);
    snprintf(d->dir[2], sizeof d->dir[2], "%s/inst", tmp);
    write_file("inst", "default", "depth 8\ncolor card.name red default\n");
    write_file("inst", "ocean", "depth 8\ncolor card.name blue default\n");
    write_file("user", "ocean", "depth 8\ncolor card.name green default\n");
    write_file("inst", "plain", "depth 8\ncolor card.name cyan default\n");
}

static void remove_tree(void)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(names_and_lookup_order)
{
    ck_assert(theme_name_valid("dark-256"));
    ck_assert(theme_name_valid("my_theme.v2"));
    ck_assert(!theme_name_valid(""));
    ck_assert(!theme_name_valid(NULL));
    ck_assert(!theme_name_valid("../etc/passwd"));
    ck_assert(!theme_name_valid("a/b"));
    ck_assert(!theme_name_valid(".hidden"));
    ck_assert(!theme_name_valid("sp ace"));
    char big[80];
    memset(big, 'a', 64);
    big[64] = '\0';
    ck_assert(!theme_name_valid(big));

    theme_dirs d;
    make_tree(&d);
    char path[1100];
    /* the user's copy beats the installed one */
    ck_assert(theme_find(&d, "ocean", path, sizeof path));
    ck_assert_msg(strstr(path, "/user/ocean") != NULL, "%s", path);
    ck_assert(theme_find(&d, "plain", path, sizeof path));
    ck_assert_msg(strstr(path, "/inst/plain") != NULL, "%s", path);
    ck_assert(!theme_find(&d, "nope", path, sizeof path));
    ck_assert_str_eq(path, "");
    /* a directory of that name is not a theme */
    char p[300];
    snprintf(p, sizeof p, "%s/user/plain", tmp);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    ck_assert(theme_find(&d, "plain", path, sizeof path));
    ck_assert_msg(strstr(path, "/inst/plain") != NULL, "%s", path);

    static theme_choice c;
    theme_load_named(&d, "ocean", &c);
    ck_assert_str_eq(c.problem, "");
    ck_assert(c.have_def);
    ck_assert_str_eq(c.name, "ocean");
    ck_assert_int_eq(c.def.elem[UI_ELEM_CARD_NAME].fg, 2);   /* the user's green */
    remove_tree();
}
END_TEST

START_TEST(loader_fallbacks)
{
    theme_dirs d;
    make_tree(&d);
    static theme_choice c;
    /* missing: one problem, the default theme file */
    theme_load_named(&d, "nope", &c);
    ck_assert_msg(strstr(c.problem, "theme 'nope' not found") != NULL, "%s", c.problem);
    ck_assert_msg(strstr(c.problem, "using default") != NULL, "%s", c.problem);
    ck_assert_msg(strstr(c.problem, "/user") != NULL, "%s", c.problem);
    ck_assert(c.have_def);
    ck_assert_str_eq(c.name, "default");
    ck_assert_int_eq(c.def.elem[UI_ELEM_CARD_NAME].fg, 1);
    /* a path is not a name */
    theme_load_named(&d, "../inst/ocean", &c);
    ck_assert_msg(strstr(c.problem, "is not a theme name") != NULL, "%s", c.problem);
    ck_assert_str_eq(c.name, "default");
    /* NULL and "" mean default, without a problem */
    theme_load_named(&d, NULL, &c);
    ck_assert_str_eq(c.problem, "");
    ck_assert_str_eq(c.name, "default");
    ck_assert(c.have_def);
    theme_load_named(&d, "", &c);
    ck_assert_str_eq(c.problem, "");
    /* too large a file is refused */
    char *big = malloc(THEME_MAX_FILE + 10);
    memset(big, '#', THEME_MAX_FILE + 9);
    big[THEME_MAX_FILE + 9] = '\0';
    write_file("user", "huge", big);
    free(big);
    theme_load_named(&d, "huge", &c);
    ck_assert_msg(strstr(c.problem, "too large") != NULL, "%s", c.problem);
    ck_assert_str_eq(c.name, "default");
    /* unreadable (unless we are root, who reads everything) */
    write_file("user", "secret", "depth 8\n");
    char p[300];
    snprintf(p, sizeof p, "%s/user/secret", tmp);
    chmod(p, 0);
    if (geteuid() != 0) {
        theme_load_named(&d, "secret", &c);
        ck_assert_msg(strstr(c.problem, "cannot read") != NULL, "%s", c.problem);
    }
    /* a broken theme still loads: its diagnostics name the file and line */
    write_file("user", "broken", "depth 8\ncolor card.name red default\ncolor card.bogus red default\n");
    theme_load_named(&d, "broken", &c);
    ck_assert_str_eq(c.problem, "");
    ck_assert_str_eq(c.name, "broken");
    ck_assert_int_eq(c.def.ndiag, 1);
    ck_assert_msg(strstr(c.def.diag[0], "/user/broken:3: unknown element 'card.bogus'") != NULL,
                  "%s", c.def.diag[0]);
    ck_assert(c.def.elem_set[UI_ELEM_CARD_NAME]);
    /* no default file anywhere: the built-in theme, and that is no problem */
    snprintf(p, sizeof p, "%s/inst/default", tmp);
    ck_assert_int_eq(unlink(p), 0);
    theme_load_named(&d, "default", &c);
    ck_assert_str_eq(c.problem, "");
    ck_assert(!c.have_def);
    theme_load_named(&d, "nope", &c);
    ck_assert(!c.have_def);
    ck_assert_str_ne(c.problem, "");
    remove_tree();
}
END_TEST

START_TEST(default_dirs)
{
    theme_dirs d;
    setenv("XDG_CONFIG_HOME", "/tmp/xdgtest", 1);
    theme_dirs_default(&d);
    ck_assert_int_eq(d.n, 4);
    ck_assert_str_eq(d.dir[0], "/tmp/xdgtest/pipeboard/themes");
    ck_assert_msg(strstr(d.dir[1], "/../themes") != NULL, "%s", d.dir[1]);
    ck_assert_msg(strstr(d.dir[2], "/../share/pipeboard/themes") != NULL, "%s", d.dir[2]);
    ck_assert_str_eq(d.dir[3], PIPEBOARD_PREFIX "/share/pipeboard/themes");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/tmp/hometest", 1);
    theme_dirs_default(&d);
    ck_assert_str_eq(d.dir[0], "/tmp/hometest/.config/pipeboard/themes");
    setenv("XDG_CONFIG_HOME", "relative/not/used", 1);
    theme_dirs_default(&d);
    ck_assert_str_eq(d.dir[0], "/tmp/hometest/.config/pipeboard/themes");
    unsetenv("XDG_CONFIG_HOME");
}
END_TEST

START_TEST(startup_problem_summary)
{
    char s[600];
    theme_diag_clear();
    theme_diag_summary(s, sizeof s);
    ck_assert_str_eq(s, "");
    ck_assert_int_eq(theme_diag_count(), 0);
    setenv("HOME", "/home/u", 1);
    theme_diag_add("config", "/home/u/.config/pipeboard/config:3: unknown setting 'foo'");
    theme_diag_summary(s, sizeof s);
    ck_assert_str_eq(s, "config: ~/.config/pipeboard/config:3: unknown setting 'foo'");
    theme_diag_add("config", "/home/u/.config/pipeboard/config:5: page_size must be …");
    theme_diag_summary(s, sizeof s);
    ck_assert_str_eq(s, "config: 2 problems (first: ~/.config/pipeboard/config:3: unknown "
                        "setting 'foo')");
    theme_diag_add("theme", "/home/user2/x:1: y");   /* not under $HOME: kept whole */
    ck_assert_str_eq(theme_diag_get(2), "/home/user2/x:1: y");
    theme_diag_summary(s, sizeof s);
    ck_assert(!strncmp(s, "config and theme: 3 problems (first: ", 37));
    ck_assert_ptr_null(theme_diag_get(3));
    ck_assert_int_eq(theme_diag_count(), 3);
    theme_diag_add("theme", "x (looked in /home/u/a, /home/u/b)");
    ck_assert_str_eq(theme_diag_get(3), "x (looked in ~/a, ~/b)");
    theme_diag_add("theme", "");   /* nothing to say: not counted */
    ck_assert_int_eq(theme_diag_count(), 4);
    for (int i = 0; i < THEME_DIAG_MAX + 2; i++)
        theme_diag_add("theme", "more");
    ck_assert_int_eq(theme_diag_count(), THEME_DIAG_MAX + 6);
    theme_diag_summary(s, sizeof s);
    ck_assert_msg(strstr(s, ": 38 problems (first: ~/.config") != NULL, "%s", s);
    theme_diag_summary(s, 10);   /* a small buffer is cut, not overrun */
    ck_assert_int_eq((int)strlen(s), 9);
    theme_diag_clear();
    ck_assert_int_eq(theme_diag_count(), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("theme_file");
    TCase *tc = tcase_create("parse");
    /* 1000 random inputs: seconds under ASan or valgrind on a busy machine */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, parses_a_theme);
    tcase_add_test(tc, colors_and_nearest);
    tcase_add_test(tc, every_error_with_its_line);
    tcase_add_test(tc, depth_rules);
    tcase_add_test(tc, palette_rules);
    tcase_add_test(tc, untrusted_bytes);
    tcase_add_test(tc, shipped_themes_are_clean);
    tcase_add_test(tc, random_input_is_safe);
    suite_add_tcase(s, tc);
    TCase *tl = tcase_create("load");
    tcase_add_test(tl, names_and_lookup_order);
    tcase_add_test(tl, loader_fallbacks);
    tcase_add_test(tl, default_dirs);
    tcase_add_test(tl, startup_problem_summary);
    suite_add_tcase(s, tl);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
