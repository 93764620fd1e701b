/* board_words.c - what the model says about writes ("Moved \"X\" to
 * Proposal", "move \"X\"") and which fields of two records differ. */
#include "model/board_internal.h"

#include <stdio.h>
#include <string.h>

static const char *stage_label(const pb_board *b, const char *stage)
{
    const pb_stage *s = pb_stage_find(&b->stages, stage);
    return s ? s->label : stage;
}

/* "move \"X\" to Negotiation" (present) or "moved …" (past). */
void bd_phrase(const pb_board *b, const bd_entry *e, bool past, bool target, char *out,
               size_t outsz)
{
    const char *name = e->after.name && *e->after.name ? e->after.name : e->before.name;
    switch (e->kind) {
    case BD_OP_MOVE:
        if (!target)
            snprintf(out, outsz, "%s \"%s\"", past ? "Moved" : "move", name);
        else if (e->reorder)
            snprintf(out, outsz, "%s \"%s\" %s", past ? "Moved" : "move", name,
                     e->after.position < e->before.position ? "up" : "down");
        else
            snprintf(out, outsz, "%s \"%s\" to %s", past ? "Moved" : "move", name,
                     stage_label(b, e->after.stage));
        break;
    case BD_OP_EDIT:
        snprintf(out, outsz, "%s \"%s\"", past ? "Saved" : "save", name);
        break;
    case BD_OP_CREATE:
        if (target)
            snprintf(out, outsz, "%s \"%s\" in %s", past ? "Created" : "create", name,
                     stage_label(b, e->after.stage));
        else
            snprintf(out, outsz, "%s \"%s\"", past ? "Created" : "create", name);
        break;
    case BD_OP_DELETE:
        snprintf(out, outsz, "%s \"%s\"", past ? "Deleted" : "delete", name);
        break;
    case BD_OP_RESTORE:
        snprintf(out, outsz, "%s \"%s\"", past ? "Restored" : "restore", name);
        break;
    case BD_OP_DESTROY:
        snprintf(out, outsz, "%s \"%s\" for good", past ? "Deleted" : "delete", name);
        break;
    }
    if (!past && out[0] >= 'A' && out[0] <= 'Z')
        out[0] = (char)(out[0] - 'A' + 'a');
}

void bd_lower_first(char *s)
{
    if (s[0] >= 'A' && s[0] <= 'Z')
        s[0] = (char)(s[0] - 'A' + 'a');
}

unsigned bd_opp_differs(const pb_opp *a, const pb_opp *b)
{
    unsigned m = 0;
    if (strcmp(a->name, b->name) != 0)
        m |= PB_OPP_F_NAME;
    if (strcmp(a->stage, b->stage) != 0)
        m |= PB_OPP_F_STAGE;
    if (a->position != b->position)
        m |= PB_OPP_F_POSITION;
    if (a->amount.set != b->amount.set
        || (a->amount.set && (a->amount.micros != b->amount.micros
                              || strcmp(a->amount.currency, b->amount.currency) != 0)))
        m |= PB_OPP_F_AMOUNT;
    if (a->has_close_date != b->has_close_date
        || (a->has_close_date && a->close_date_ms != b->close_date_ms))
        m |= PB_OPP_F_CLOSE_DATE;
    if (!pb_id_equal(&a->company_id, &b->company_id))
        m |= PB_OPP_F_COMPANY;
    if (!pb_id_equal(&a->poc_id, &b->poc_id))
        m |= PB_OPP_F_POC;
    if (!pb_id_equal(&a->owner_id, &b->owner_id))
        m |= PB_OPP_F_OWNER;
    return m;
}

