/* opp.h - the compact records the board model stores.
 *
 * Promises: these structs hold no cJSON and own no memory themselves: every
 * string points into a pb_strpool (util/intern.h) that the model keeps
 * alive, and strings that repeat (stage values, company/person/member names)
 * are interned there, so equal stages compare with ==. Strings are valid
 * UTF-8 (ill-formed input was repaired) but NOT sanitized for the terminal:
 * the UI runs them through pb_sanitize. A null foreign key is the nil id.
 * The parsers that fill them are in twenty/parse.h; the request builders in
 * twenty/request.h take a pb_opp plus a mask of PB_OPP_F_* bits. */
#ifndef PB_MODEL_OPP_H
#define PB_MODEL_OPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/money.h"
#include "util/intern.h"
#include "util/uuid.h"

/* Field bits: which fields a create/update sends (twenty/request.h). */
enum {
    PB_OPP_F_NAME = 1u << 0,
    PB_OPP_F_STAGE = 1u << 1,
    PB_OPP_F_POSITION = 1u << 2,
    PB_OPP_F_AMOUNT = 1u << 3,
    PB_OPP_F_CLOSE_DATE = 1u << 4,
    PB_OPP_F_COMPANY = 1u << 5,
    PB_OPP_F_POC = 1u << 6,
    PB_OPP_F_OWNER = 1u << 7,
    PB_OPP_F_ALL = (1u << 8) - 1
};

/* pb_opp.flags */
enum {
    /* amountMicros was present but not representable (not an integer within
     * ±2^53 micros, or a numeric string beyond int64): amount.set is false
     * and the UI should show "?" rather than "no amount". */
    PB_OPP_AMOUNT_INVALID = 1u << 0
};

typedef struct pb_opp {
    pb_id id;
    const char *name;            /* never NULL; "" when null or empty */
    pb_money amount;             /* set=false when amountMicros is null */
    int64_t close_date_ms;       /* valid when has_close_date */
    bool has_close_date;
    bool deleted;                /* deletedAt non-null (trash listings) */
    uint8_t flags;               /* PB_OPP_AMOUNT_INVALID */
    const char *stage;           /* interned, e.g. "PROPOSAL"; "" if missing */
    double position;             /* 0 when missing or null */
    pb_id company_id, poc_id, owner_id;                /* nil when null */
    const char *company_name, *poc_name, *owner_name;  /* depth=1 only, else NULL */
    int64_t created_at_ms, updated_at_ms, deleted_at_ms; /* 0 when missing */
} pb_opp;

/* One option of the stage SELECT field (metadata). */
typedef struct pb_stage {
    const char *value;   /* "PROPOSAL" (interned) */
    const char *label;   /* "Proposal" */
    const char *color;   /* Twenty's color name: "red", "sky", "turquoise" … or "" */
    int position;
} pb_stage;

typedef struct pb_stage_list {
    pb_stage *v;                 /* malloc'd, sorted by position (stable) */
    size_t n;
    const char *default_value;   /* "NEW" (SQL quotes removed) or NULL */
} pb_stage_list;

/* A company, person or workspace member, for pickers. */
typedef struct pb_named {
    pb_id id;
    const char *name;     /* company name, or "First Last"; never NULL */
    const char *detail;   /* domain, primary email or member email; may be NULL */
} pb_named;
typedef pb_named pb_company;
typedef pb_named pb_person;
typedef pb_named pb_member;

void pb_opp_init(pb_opp *o);   /* zeroed, name = stage = "" */
const pb_stage *pb_stage_find(const pb_stage_list *l, const char *value);
size_t pb_stage_index(const pb_stage_list *l, const char *value);   /* l->n when absent */
void pb_stage_list_free(pb_stage_list *l);   /* frees the array (strings live in the pool) */
/* Sorts by position, ties kept in their original order. */
void pb_stage_list_sort(pb_stage_list *l);

#endif
