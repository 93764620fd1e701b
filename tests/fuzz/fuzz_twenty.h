/* fuzz_twenty.h - property checks shared by the client codec targets
 * (fuzz_opp_list.c, fuzz_opp_one.c, …): what twenty/parse.h promises about
 * the structs and errors it fills, whatever the body was. */
#ifndef FUZZ_TWENTY_H
#define FUZZ_TWENTY_H

#include <stdbool.h>
#include <string.h>

#include "fuzz_common.h"
#include "model/money.h"
#include "twenty/parse.h"
#include "util/utf8.h"

/* A string the parsers produced: valid UTF-8 (NUL-terminated, so no \u0000). */
static inline void fz_check_text(const char *s, const char *what)
{
    FZ_CHECK(s != NULL, "%s is NULL", what);
    FZ_CHECK(pb_utf8_valid(s, strlen(s)), "%s is not UTF-8", what);
}

/* ok: the parser's return value. A failure always says why; a success
 * leaves the error cleared. The message is a bounded UTF-8 string. */
static inline void fz_check_error(const pb_error *e, bool ok)
{
    FZ_CHECK(memchr(e->message, '\0', sizeof e->message) != NULL, "message not terminated");
    FZ_CHECK(memchr(e->name, '\0', sizeof e->name) != NULL, "name not terminated");
    fz_check_text(e->message, "error message");
    if (ok) {
        FZ_CHECK(e->kind == PB_ERR_NONE, "success with error kind %d", (int)e->kind);
    } else {
        FZ_CHECK(e->kind != PB_ERR_NONE, "failure without an error kind");
        FZ_CHECK(e->message[0] != '\0', "failure without a message");
    }
}

static inline void fz_check_money(const pb_money *m)
{
    FZ_CHECK(memchr(m->currency, '\0', sizeof m->currency) != NULL, "currency not terminated");
    FZ_CHECK(m->currency[0] == '\0' || pb_currency_valid(m->currency), "currency %s",
             m->currency);
}

static inline void fz_check_opp(const pb_opp *o)
{
    fz_check_text(o->name, "opp.name");
    fz_check_text(o->stage, "opp.stage");
    if (o->company_name)
        fz_check_text(o->company_name, "opp.company_name");
    if (o->poc_name)
        fz_check_text(o->poc_name, "opp.poc_name");
    if (o->owner_name)
        fz_check_text(o->owner_name, "opp.owner_name");
    fz_check_money(&o->amount);
    if (o->flags & PB_OPP_AMOUNT_INVALID)
        FZ_CHECK(!o->amount.set, "an invalid amount marked set");
}

static inline void fz_check_stages(const pb_stage_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        fz_check_text(l->v[i].value, "stage.value");
        fz_check_text(l->v[i].label, "stage.label");
        fz_check_text(l->v[i].color, "stage.color");
        if (i > 0)
            FZ_CHECK(l->v[i - 1].position <= l->v[i].position, "stages not sorted");
    }
    if (l->default_value)
        fz_check_text(l->default_value, "stages.default_value");
}

#endif
