/* readme_keys.c - prints the README's key tables, generated from the action
 * table (src/ui/actions.h) and the default keymap (src/ui/keymap.c).
 *
 * Promises:
 *  - One markdown table per keymap context, in the order of UI_CONTEXTS,
 *    titled like the help screen's sections; one row per action that has a
 *    key, in the order of UI_ACTIONS: its keys (the help screen's names, each
 *    in backticks) and its help text. Only keys really bound to the action
 *    after keymap_reset() are listed, so the tables say what the help says.
 *  - The whole output sits between the two marker comments README_KEYS_BEGIN
 *    and README_KEYS_END; tests/ui/test_readme_keys.sh compares the README's
 *    text between them with this output, byte for byte.
 *  - Pure: no terminal, no curses call (keymap.c only uses key constants).
 *
 * Build and run: make readme-keys (screenshots/screenshots.mk).
 */
#include <stdio.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/keymap.h"

#define README_KEYS_BEGIN \
    "<!-- keys: generated from src/ui/actions.h by `make readme-keys`; " \
    "tests/ui/test_readme_keys.sh checks it -->"
#define README_KEYS_END "<!-- /keys -->"

/* One key in backticks, '|' escaped for the table, a '`' in double ones. */
static void print_key(const char *name)
{
    const char *tick = strchr(name, '`') ? "`` " : "`";
    const char *end = strchr(name, '`') ? " ``" : "`";
    fputs(tick, stdout);
    for (const char *p = name; *p; p++) {
        if (*p == '|')
            putchar('\\');
        putchar(*p);
    }
    fputs(end, stdout);
}

/* The action's bound default keys, each printed; false if there is none. */
static bool print_keys(const ui_action_info *a, bool print)
{
    bool any = false;
    const char *p = a->default_keys;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        char name[32];
        ui_key k;
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            if (keymap_parse_key(name, &k) && keymap_lookup(a->context, k) == a->action) {
                if (print) {
                    char shown[32];
                    keymap_key_name(k, shown, sizeof shown);
                    if (any)
                        putchar(' ');
                    print_key(shown);
                }
                any = true;
            }
        }
        p += len;
    }
    return any;
}

static void print_help(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            putchar('\\');
        putchar(*p);
    }
}

int main(void)
{
    keymap_reset();
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    puts(README_KEYS_BEGIN);
    for (int c = 0; c < UI_CTX_COUNT; c++) {
        bool header = false;
        for (size_t i = 0; i < n; i++) {
            if ((int)t[i].context != c || !print_keys(&t[i], false))
                continue;
            if (!header) {
                printf("\n**%s**\n\n| key | action |\n|---|---|\n", ui_context_title((ui_context)c));
                header = true;
            }
            fputs("| ", stdout);
            print_keys(&t[i], true);
            fputs(" | ", stdout);
            print_help(t[i].help);
            puts(" |");
        }
    }
    puts("");
    puts(README_KEYS_END);
    return ferror(stdout) ? 1 : 0;
}
