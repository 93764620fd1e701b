/* form_values.h - turns what the edit/create form holds into a pb_edit.
 *
 * Promises:
 *  - Pure (no curses, no clock): unit-tested without a terminal.
 *  - Edit: only what the user changed is sent. A text field counts as
 *    changed when its text differs from the text it was opened with, a
 *    relation when its id differs; unchanged fields are neither checked nor
 *    sent (a record whose stored stage or amount this client cannot read can
 *    still have its name edited). Amount and currency travel together: a
 *    change to either sends both.
 *  - Create: the name is required; the amount, close date and relations are
 *    sent when given; the stage chooses the column (board_create takes the
 *    column, not a stage field).
 *  - A refusal names the first field in error (form order) and the reason;
 *    nothing is half built.
 */
#ifndef PB_UI_FORM_VALUES_H
#define PB_UI_FORM_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/board.h"
#include "ui/field_parse.h"
#include "ui/lineedit.h"

typedef enum ui_form_field {
    UI_FF_NAME,
    UI_FF_AMOUNT,
    UI_FF_CURRENCY,
    UI_FF_STAGE,
    UI_FF_CLOSE,
    UI_FF_COMPANY,   /* the three relations, in pb_pick_kind order after this one */
    UI_FF_POC,
    UI_FF_OWNER,
    UI_FF_SAVE,      /* the [Save] button */
    UI_FF_COUNT
} ui_form_field;

#define UI_FF_TEXTS 5   /* NAME … CLOSE are typed */
#define UI_FF_RELS 3    /* COMPANY, POC, OWNER are picked */

typedef struct ui_form_values {
    bool create;
    const char *text[UI_FF_TEXTS];      /* current text */
    const char *initial[UI_FF_TEXTS];   /* text the form opened with */
    pb_id rel_id[UI_FF_RELS];           /* current choice (nil: none) */
    const char *rel_name[UI_FF_RELS];
    pb_id rel_initial[UI_FF_RELS];
    bool amount_unreadable;             /* the record's stored amount could not be read */
} ui_form_values;

typedef struct ui_form_built {
    pb_edit edit;                       /* values.name points into name[] */
    size_t col;                         /* create: the column of the chosen stage */
    ui_form_field bad_field;            /* on refusal */
    char why[UI_FIELD_WHY_MAX];
    char name[UI_LE_MAX_BYTES + 1];
} ui_form_built;

/* True with out->edit ready (its mask may be 0 for an edit where nothing
 * changed); false with out->bad_field and out->why. today: see
 * ui_field_parse_date. */
bool ui_form_build(const ui_form_values *v, const pb_stage_list *stages, int64_t today,
                   ui_form_built *out);
/* PB_OPP_F_* bit of a relation field (COMPANY/POC/OWNER). */
unsigned ui_form_rel_bit(int rel);

#endif
