/* help.c - the help screen, generated from the action table and the live
 * keymap (see help.h). */
#include "ui/help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/keymap.h"
#include "ui/text.h"
#include "ui/theme.h"

void help_generate(help_line_fn line, void *ctx)
{
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    char keys[128];
    for (unsigned c = 0; c < UI_CTX_COUNT; c++) {
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (t[i].context != (ui_context)c)
                continue;
            if (!any) {
                line(ctx, NULL, ui_context_title((ui_context)c));
                any = true;
            }
            keymap_keys_for(t[i].action, keys, sizeof keys);
            line(ctx, keys[0] ? keys : "(unbound)", t[i].help);
        }
        if (c == UI_CTX_BOARD) {
            line(ctx, NULL, "Mouse");
            line(ctx, "click", "Select a card (on a column header: the column)");
            line(ctx, "wheel", "Scroll the column under the pointer");
        }
    }
}

typedef struct help_line {
    char keys[64];      /* "" for a section title */
    const char *text;
} help_line;

typedef struct help_screen {
    ui_screen base;
    help_line *lines;
    size_t n, cap;
    size_t top;
    int key_w;
    int page;           /* rows of the last frame */
} help_screen;

static void collect(void *ctx, const char *keys, const char *text)
{
    help_screen *h = ctx;
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 64;
        help_line *nl = realloc(h->lines, nc * sizeof *nl);
        if (!nl)
            return;
        h->lines = nl;
        h->cap = nc;
    }
    help_line *l = &h->lines[h->n++];
    snprintf(l->keys, sizeof l->keys, "%s", keys ? keys : "");
    l->text = text;
    if (keys) {
        int w = (int)ui_text_width(keys);
        if (w > h->key_w)
            h->key_w = w;
    }
}

static void draw(ui_screen *s, ui_ctx *ui)
{
    help_screen *h = (help_screen *)s;
    int rows = ui->rows, cols = ui->cols;
    for (int y = 0; y < rows; y++)
        ui_fill(y, 0, cols, ui_attr(UI_ELEM_DEFAULT));
    ui_text(0, 1, cols - 2, "pipeboard keys", ui_attr(UI_ELEM_DIALOG_TITLE));
    int body = rows - 3;
    if (body < 1)
        return;
    h->page = body;
    size_t max_top = h->n > (size_t)body ? h->n - (size_t)body : 0;
    if (h->top > max_top)
        h->top = max_top;
    int kw = h->key_w + 2;
    if (kw > cols / 2)
        kw = cols / 2;
    for (int r = 0; r < body && h->top + (size_t)r < h->n; r++) {
        const help_line *l = &h->lines[h->top + (size_t)r];
        int y = 2 + r;
        if (!l->keys[0]) {
            ui_text(y, 1, cols - 2, l->text, ui_attr(UI_ELEM_HELP_SECTION));
            continue;
        }
        ui_text(y, 3, kw, l->keys, ui_attr(UI_ELEM_HELP_KEY));
        ui_text(y, 3 + kw, cols - 4 - kw, l->text, ui_attr(UI_ELEM_HELP_TEXT));
    }
    char foot[120];
    size_t last = h->top + (size_t)body < h->n ? h->top + (size_t)body : h->n;
    snprintf(foot, sizeof foot, "j/k scroll \xC2\xB7 q close \xC2\xB7 lines %zu-%zu of %zu",
             h->n ? h->top + 1 : 0, last, h->n);
    ui_fill(rows - 1, 0, cols, ui_attr(UI_ELEM_STATUS));
    ui_text(rows - 1, 1, cols - 2, foot, ui_attr(UI_ELEM_STATUS));
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    help_screen *h = (help_screen *)s;
    size_t page = h->page > 1 ? (size_t)h->page - 1 : 1;
    switch (keymap_lookup(UI_CTX_HELP, k)) {
    case UI_ACT_HELP_DOWN:
        h->top++;
        break;
    case UI_ACT_HELP_UP:
        if (h->top)
            h->top--;
        break;
    case UI_ACT_HELP_PAGE_DOWN:
        h->top += page;
        break;
    case UI_ACT_HELP_PAGE_UP:
        h->top = h->top > page ? h->top - page : 0;
        break;
    case UI_ACT_HELP_TOP:
        h->top = 0;
        break;
    case UI_ACT_HELP_BOTTOM:
        h->top = h->n;
        break;
    case UI_ACT_HELP_CLOSE:
        ui_pop(ui);
        return true;
    default:
        return false;
    }
    ui->dirty = true;
    return true;
}

static void destroy(ui_screen *s)
{
    help_screen *h = (help_screen *)s;
    free(h->lines);
    free(h);
}

ui_screen *ui_help_new(ui_ctx *ui)
{
    (void)ui;
    help_screen *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.name = "help";
    h->base.draw = draw;
    h->base.key = key;
    h->base.destroy = destroy;
    h->base.opaque = true;
    help_generate(collect, h);
    return &h->base;
}
