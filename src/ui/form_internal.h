/* form_internal.h - the edit/create form's state, shared by its files:
 * form.c (opening, keys, saving), form_draw.c (drawing) and picker.c (the
 * company / contact / owner chooser pushed over it). Not for other screens:
 * they use screens.h. */
#ifndef PB_UI_FORM_INTERNAL_H
#define PB_UI_FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/form_values.h"
#include "ui/lineedit.h"
#include "ui/ui.h"

typedef struct ui_form {
    ui_screen base;
    ui_ctx *ui;
    bool create;
    pb_id id;                          /* edit: the record */
    size_t col;                        /* create: the column it was opened on */
    char title[200];                   /* raw: drawn through ui_text */

    ui_lineedit le[UI_FF_TEXTS];       /* name, amount, currency, stage, close date */
    char *initial[UI_FF_TEXTS];        /* their text when the form opened */
    bool amount_unreadable;

    pb_id rel_id[UI_FF_RELS];          /* company, contact, owner */
    char *rel_name[UI_FF_RELS];        /* NULL: none, or not known yet */
    pb_id rel_initial[UI_FF_RELS];
    ui_lineedit rel_q[UI_FF_RELS];     /* a name typed on the field, not looked up yet */
    bool names_wanted;                 /* waiting for the detail record to name them */

    int focus;                         /* ui_form_field */
    bool fresh;                        /* a choice field just focused: typing replaces it */
    int err_field;                     /* field the error is about; -1 none; UI_FF_SAVE general */
    char err[320];

    bool saving;                       /* a write is on its way: following board_op_state */
    uint64_t op;
    pb_id saved_id;                    /* the record written (the new id for a create) */
    char saved_name[200];
    int top;                           /* first field row shown when the box is short */
} ui_form;

/* form.c */
bool form_dirty(const ui_form *f);
/* Sets a relation (id nil: none), clearing its error. */
void form_set_rel(ui_form *f, int rel, const pb_id *id, const char *name);
/* Label of a field ("Point of contact"). */
const char *form_label(int field);

/* form_draw.c */
void form_draw(ui_screen *s, ui_ctx *ui);
/* The form box's rectangle for this terminal (pickers open over it). */
void form_box(const ui_ctx *ui, int *y, int *x, int *h, int *w);

/* picker.c: the chooser for relation `rel` (0 company, 1 contact, 2 owner),
 * starting with `query` typed. NULL on out-of-memory. */
ui_screen *picker_new(ui_ctx *ui, ui_form *f, int rel, const char *query);

#endif
