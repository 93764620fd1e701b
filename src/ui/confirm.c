/* confirm.c - a yes/no question in a box (see confirm.h). */
#include "ui/confirm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/keymap.h"
#include "ui/text.h"
#include "ui/theme.h"

typedef struct confirm {
    ui_screen base;
    char question[400];
    ui_confirm_fn fn;
    void *ctx;
    bool answered;
} confirm;

static void draw(ui_screen *s, ui_ctx *ui)
{
    confirm *c = (confirm *)s;
    int tw = (int)ui_text_width(c->question);
    int w = tw + 6;
    if (w > ui->cols - 2)
        w = ui->cols - 2;
    if (w < 12)
        w = ui->cols < 12 ? ui->cols : 12;
    int h = 3;
    int y = (ui->rows - h) / 2, x = (ui->cols - w) / 2;
    if (y < 0 || x < 0)
        return;
    ui_box(y, x, h, w, ui_attr(UI_ELEM_DIALOG_BORDER));
    ui_fill(y + 1, x + 1, w - 2, ui_attr(UI_ELEM_DIALOG));
    ui_text_center(y + 1, x + 2, w - 4, c->question, ui_attr(UI_ELEM_DIALOG_TITLE));
}

static void answer(ui_ctx *ui, confirm *c, bool yes)
{
    ui_confirm_fn fn = c->fn;
    void *ctx = c->ctx;
    c->answered = true;
    c->ctx = NULL;
    ui_pop(ui);   /* destroys c */
    fn(ui, ctx, yes);
    free(ctx);
}

static bool key(ui_screen *s, ui_ctx *ui, ui_key k)
{
    confirm *c = (confirm *)s;
    switch (keymap_lookup(UI_CTX_CONFIRM, k)) {
    case UI_ACT_CONFIRM_YES:
        answer(ui, c, true);
        return true;
    case UI_ACT_CONFIRM_NO:
        answer(ui, c, false);
        return true;
    default:
        return true;   /* modal: every other key is swallowed */
    }
}

static void destroy(ui_screen *s)
{
    confirm *c = (confirm *)s;
    if (!c->answered && c->fn) {
        /* destroyed unanswered (e.g. at exit): the answer is no */
        c->answered = true;
        free(c->ctx);
    }
    free(c);
}

ui_screen *ui_confirm_new(ui_ctx *ui, const char *question, ui_confirm_fn fn, void *ctx)
{
    (void)ui;
    confirm *c = calloc(1, sizeof *c);
    if (!c) {
        free(ctx);
        return NULL;
    }
    c->base.name = "confirm";
    c->base.draw = draw;
    c->base.key = key;
    c->base.destroy = destroy;
    c->base.opaque = false;
    snprintf(c->question, sizeof c->question, "%s", question ? question : "");
    c->fn = fn;
    c->ctx = ctx;
    return &c->base;
}
