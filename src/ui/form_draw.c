/* form_draw.c - draws the edit / create form: a centred box (at least 50
 * columns, the full width on narrow terminals), labels on the left, values
 * on the right, the error line under the field in error, a [Save] button
 * and a line of hints for the field being edited. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/form_internal.h"
#include "ui/keymap.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "util/buf.h"

#define FORM_MAX_W 72
#define FORM_MIN_W 50
#define LABEL_W 17

/* Rows of the box: the fields, then the [Save] row and the hint row. */
typedef struct form_geom {
    int y, x, h, w;
    bool blanks;        /* a blank row after the title and before [Save] */
    int field_rows;     /* field rows shown (fields + their error line) */
} form_geom;

static int field_error_rows(const ui_form *f)
{
    return f->err_field >= 0 && f->err_field < UI_FF_SAVE ? 1 : 0;
}

static int save_error_rows(const ui_form *f)
{
    return f->err_field == UI_FF_SAVE ? 1 : 0;
}

static void geometry(const ui_ctx *ui, const ui_form *f, form_geom *g)
{
    int avail = ui->rows - 1;   /* the status line stays visible */
    if (avail < 1)
        avail = 1;
    int fields = UI_FF_SAVE + (f ? field_error_rows(f) : 0);
    int tail = 2 + (f ? save_error_rows(f) : 0);   /* [Save] (+ error) and hints */
    g->blanks = 2 + fields + tail + 2 <= avail;
    g->field_rows = fields;
    int h = 2 + fields + tail + (g->blanks ? 2 : 0);
    if (h > avail) {
        g->field_rows = avail - 2 - tail;
        if (g->field_rows < 1)
            g->field_rows = 1;
        h = 2 + g->field_rows + tail;
    }
    g->h = h;
    if (ui->cols < FORM_MIN_W + 4) {
        g->w = ui->cols;
    } else {
        g->w = ui->cols - 8;
        if (g->w > FORM_MAX_W)
            g->w = FORM_MAX_W;
        if (g->w < FORM_MIN_W)
            g->w = FORM_MIN_W;
    }
    g->x = (ui->cols - g->w) / 2;
    g->y = (avail - h) / 2;
    if (g->y < 0)
        g->y = 0;
}

void form_box(const ui_ctx *ui, int *y, int *x, int *h, int *w)
{
    form_geom g;
    geometry(ui, NULL, &g);
    *y = g.y;
    *x = g.x;
    *h = g.h;
    *w = g.w;
}

static void hint_for(const ui_form *f, char *out, size_t outsz)
{
    char save[48], next[48], cancel[48];
    keymap_keys_for(UI_ACT_FORM_SAVE, save, sizeof save);
    keymap_keys_for(UI_ACT_FORM_NEXT_FIELD, next, sizeof next);
    keymap_keys_for(UI_ACT_FORM_CANCEL, cancel, sizeof cancel);
    if (f->saving) {
        snprintf(out, outsz, "Saving\xE2\x80\xA6 %s closes the form, the write goes on", cancel);
        return;
    }
    switch (f->focus) {
    case UI_FF_AMOUNT:
        snprintf(out, outsz, "50000, 50k, 1.5m, $1,234.56 \xC2\xB7 empty: none");
        break;
    case UI_FF_CURRENCY:
        snprintf(out, outsz, "Three letters: USD, EUR, GBP, JPY \xE2\x80\xA6");
        break;
    case UI_FF_STAGE: {
        pb_buf b = PB_BUF_INIT;
        const pb_stage_list *l = board_stages(f->ui->board);
        for (size_t i = 0; l && i < l->n; i++)
            pb_buf_printf(&b, "%s%s", i ? " \xC2\xB7 " : "",
                          l->v[i].label && l->v[i].label[0] ? l->v[i].label : l->v[i].value);
        snprintf(out, outsz, "%s", pb_buf_cstr(&b));
        pb_buf_free(&b);
        break;
    }
    case UI_FF_CLOSE:
        snprintf(out, outsz, "2025-06-30, +30d, -1w, today, tomorrow \xC2\xB7 empty: none");
        break;
    case UI_FF_COMPANY:
    case UI_FF_POC:
    case UI_FF_OWNER: {
        char clear[48];
        keymap_keys_for(UI_ACT_FORM_CLEAR_FIELD, clear, sizeof clear);
        snprintf(out, outsz, "Type a name, Enter: look it up \xC2\xB7 %s: none", clear);
        break;
    }
    default:
        snprintf(out, outsz, "%s: next field \xC2\xB7 %s: save \xC2\xB7 %s: cancel", next, save,
                 cancel);
        break;
    }
}

static void draw_rel(const ui_form *f, int rel, int y, int x, int w, int attr)
{
    const char *text;
    if (pb_id_is_nil(&f->rel_id[rel]))
        text = "\xE2\x80\x94";   /* — none */
    else if (f->rel_name[rel])
        text = f->rel_name[rel][0] ? f->rel_name[rel] : "(no name)";
    else
        text = f->names_wanted ? "\xE2\x80\xA6" : "(name unknown)";
    ui_text_pad(y, x, w, text, attr);
}

void form_draw(ui_screen *s, ui_ctx *ui)
{
    ui_form *f = (ui_form *)s;
    form_geom g;
    geometry(ui, f, &g);
    int dialog = ui_attr(UI_ELEM_DIALOG);
    if (g.w < 24 || g.h < 6) {
        ui_text_pad(0, 0, ui->cols, "Enlarge the terminal to edit (Esc closes)", dialog);
        return;
    }
    ui_box(g.y, g.x, g.h, g.w, ui_attr(UI_ELEM_DIALOG_BORDER));
    for (int r = g.y + 1; r < g.y + g.h - 1; r++)
        ui_fill(r, g.x + 1, g.w - 2, dialog);
    char title[sizeof f->title + 4];
    snprintf(title, sizeof title, " %s ", f->title);
    ui_text_center(g.y, g.x + 2, g.w - 4, title, ui_attr(UI_ELEM_DIALOG_TITLE));

    int ix = g.x + 2, iw = g.w - 4;
    int lw = iw / 3 < LABEL_W ? iw / 3 : LABEL_W;
    int vx = ix + lw + 1, vw = iw - lw - 1;
    int row = g.y + 1 + (g.blanks ? 1 : 0);

    /* the fields, scrolled so that the focused one shows */
    int extra = field_error_rows(f);
    int shown_fields = g.field_rows - extra;
    if (shown_fields < 1)
        shown_fields = 1;
    if (f->focus < UI_FF_SAVE) {
        if (f->focus < f->top)
            f->top = f->focus;
        if (f->focus >= f->top + shown_fields)
            f->top = f->focus - shown_fields + 1;
    }
    if (f->top > UI_FF_SAVE - shown_fields)
        f->top = UI_FF_SAVE - shown_fields;
    if (f->top < 0)
        f->top = 0;
    int end_row = row + g.field_rows;
    for (int fld = f->top; fld < UI_FF_SAVE && row < end_row; fld++) {
        bool focused = f->focus == fld && !f->saving;
        if (f->focus == fld)
            ui_put_wch(row, g.x + 1, 0x25B8, ui_attr(UI_ELEM_FORM_LABEL));   /* ▸ */
        const char *label = fld == UI_FF_POC && lw < 16 ? "Contact" : form_label(fld);
        ui_text_pad(row, ix, lw, label, ui_attr(UI_ELEM_FORM_LABEL));
        int attr = ui_attr(f->focus == fld ? UI_ELEM_FORM_FIELD_ACTIVE : UI_ELEM_FORM_FIELD);
        if (fld < UI_FF_TEXTS && focused && f->fresh) {   /* shown selected */
            int used = ui_text(row, vx, vw, ui_le_text(&f->le[fld]), attr ^ A_REVERSE);
            if (used < vw)
                ui_fill(row, vx + used, vw - used, attr);
        } else if (fld < UI_FF_TEXTS) {
            ui_le_draw(&f->le[fld], row, vx, vw, attr, focused);
        } else if (!ui_le_empty(&f->rel_q[fld - UI_FF_COMPANY])) {   /* a name being typed */
            ui_le_draw(&f->rel_q[fld - UI_FF_COMPANY], row, vx, vw, attr, focused);
        } else {
            draw_rel(f, fld - UI_FF_COMPANY, row, vx, vw, attr);
        }
        row++;
        if (f->err_field == fld && row < end_row) {
            ui_text_pad(row, ix, iw, f->err, ui_attr(UI_ELEM_FORM_ERROR));
            row++;
        }
    }
    row = end_row + (g.blanks ? 1 : 0);

    /* [Save], a general error, the hints */
    const char *button = f->saving ? "[ Saving\xE2\x80\xA6 ]" : "[ Save ]";
    int battr = ui_attr(f->focus == UI_FF_SAVE && !f->saving ? UI_ELEM_FORM_FIELD_ACTIVE
                                                               : UI_ELEM_FORM_LABEL);
    if (f->focus == UI_FF_SAVE)
        ui_put_wch(row, g.x + 1, 0x25B8, ui_attr(UI_ELEM_FORM_LABEL));
    ui_text_center(row, ix, iw, button, battr);
    row++;
    if (f->err_field == UI_FF_SAVE) {
        ui_text_pad(row, ix, iw, f->err, ui_attr(UI_ELEM_FORM_ERROR));
        row++;
    }
    char hint[400];
    hint_for(f, hint, sizeof hint);
    ui_text_pad(row, ix, iw, hint, dialog | A_DIM);
}
