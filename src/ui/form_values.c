/* form_values.c - from the form's fields to a pb_edit (see form_values.h). */
#include "ui/form_values.h"

#include <stdio.h>
#include <string.h>

unsigned ui_form_rel_bit(int rel)
{
    static const unsigned bits[UI_FF_RELS] = {PB_OPP_F_COMPANY, PB_OPP_F_POC, PB_OPP_F_OWNER};
    return rel >= 0 && rel < UI_FF_RELS ? bits[rel] : 0;
}

static const char *txt(const char *s)
{
    return s ? s : "";
}

static bool changed(const ui_form_values *v, ui_form_field f)
{
    return strcmp(txt(v->text[f]), txt(v->initial[f])) != 0;
}

static bool fail(ui_form_built *out, ui_form_field f)
{
    out->bad_field = f;
    return false;
}

bool ui_form_build(const ui_form_values *v, const pb_stage_list *stages, int64_t today,
                   ui_form_built *out)
{
    memset(out, 0, sizeof *out);
    pb_edit *e = &out->edit;
    pb_opp_init(&e->values);
    char *why = out->why;
    size_t wl = sizeof out->why;

    /* name */
    if (v->create || changed(v, UI_FF_NAME)) {
        const char *s;
        size_t n;
        if (!ui_field_parse_name(v->text[UI_FF_NAME], &s, &n, why, wl))
            return fail(out, UI_FF_NAME);
        if (n > UI_LE_MAX_BYTES)
            n = UI_LE_MAX_BYTES;
        memcpy(out->name, s, n);
        out->name[n] = '\0';
        e->values.name = out->name;
        e->mask |= PB_OPP_F_NAME;
    }

    /* amount and currency, together */
    bool amount_changed = changed(v, UI_FF_AMOUNT), currency_changed = changed(v, UI_FF_CURRENCY);
    if (v->create || amount_changed || currency_changed) {
        ui_amount a;
        char cur[4];
        if (!ui_field_parse_amount(v->text[UI_FF_AMOUNT], &a, why, wl))
            return fail(out, UI_FF_AMOUNT);
        if (!ui_field_parse_currency(v->text[UI_FF_CURRENCY], cur, why, wl))
            return fail(out, UI_FF_CURRENCY);
        if (!v->create && !amount_changed && v->amount_unreadable) {
            /* sending the currency alone would wipe the stored amount */
            snprintf(why, wl, "Type the amount again: the stored one cannot be read");
            return fail(out, UI_FF_AMOUNT);
        }
        bool blame_currency;
        if (!ui_field_money(&a, cur, currency_changed, &e->values.amount, &blame_currency, why, wl))
            return fail(out, blame_currency ? UI_FF_CURRENCY : UI_FF_AMOUNT);
        if (!v->create || e->values.amount.set)
            e->mask |= PB_OPP_F_AMOUNT;
    }

    /* stage */
    if (v->create || changed(v, UI_FF_STAGE)) {
        const pb_stage *st;
        if (!ui_field_parse_stage(v->text[UI_FF_STAGE], stages, &st, why, wl))
            return fail(out, UI_FF_STAGE);
        if (v->create) {
            out->col = (size_t)(st - stages->v);
        } else {
            e->values.stage = st->value;
            e->mask |= PB_OPP_F_STAGE;
        }
    }

    /* close date */
    if (v->create || changed(v, UI_FF_CLOSE)) {
        bool has;
        int64_t ms;
        if (!ui_field_parse_date(v->text[UI_FF_CLOSE], today, &has, &ms, why, wl))
            return fail(out, UI_FF_CLOSE);
        e->values.has_close_date = has;
        e->values.close_date_ms = has ? ms : 0;
        if (!v->create || has)
            e->mask |= PB_OPP_F_CLOSE_DATE;
    }

    /* relations */
    for (int r = 0; r < UI_FF_RELS; r++) {
        bool differs = !pb_id_equal(&v->rel_id[r], &v->rel_initial[r]);
        if (v->create ? pb_id_is_nil(&v->rel_id[r]) : !differs)
            continue;
        pb_id *id = r == 0   ? &e->values.company_id
                    : r == 1 ? &e->values.poc_id
                             : &e->values.owner_id;
        const char **name = r == 0   ? &e->values.company_name
                            : r == 1 ? &e->values.poc_name
                                     : &e->values.owner_name;
        *id = v->rel_id[r];
        *name = pb_id_is_nil(id) ? NULL : txt(v->rel_name[r]);
        e->mask |= ui_form_rel_bit(r);
    }
    return true;
}
