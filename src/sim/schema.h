/* schema.h - the objects twenty-sim serves and their fields (Twenty's metadata).
 *
 * Promises: four objects (opportunity, company, person, workspaceMember), each
 * with its fields in metadata order. Every scalar field and every subfield of a
 * composite field owns one value slot in a record (sim_record.v[slot]); slot 0
 * is always `id`. The opportunity `stage` field is a SELECT whose options are
 * the workspace's active stage set (default, demo, or loaded from a file).
 * Field and object metadata ids are fixed per schema so metadata answers are
 * stable across restarts. */
#ifndef SIM_SCHEMA_H
#define SIM_SCHEMA_H

#include "error.h"
#include "value.h"

typedef enum sim_obj_kind {
    SIM_OBJ_OPPORTUNITY = 0,
    SIM_OBJ_COMPANY,
    SIM_OBJ_PERSON,
    SIM_OBJ_MEMBER,          /* workspaceMember */
    SIM_OBJ_COUNT
} sim_obj_kind;

typedef enum sim_ftype {
    SF_UUID,        /* id */
    SF_TEXT,
    SF_NUMBER,
    SF_POSITION,
    SF_BOOLEAN,
    SF_DATE_TIME,
    SF_SELECT,
    SF_CURRENCY,    /* amountMicros (SV_INT) + currencyCode (SV_STR) */
    SF_FULL_NAME,   /* firstName + lastName */
    SF_EMAILS,      /* primaryEmail (+ additionalEmails kept as null) */
    SF_LINKS,       /* primaryLinkUrl + primaryLinkLabel */
    SF_ACTOR,       /* source + workspaceMemberId + name (context always {}) */
    SF_RELATION     /* a many-to-one foreign key, e.g. companyId -> company */
} sim_ftype;

typedef struct sim_subfield {
    const char *name;    /* "amountMicros" */
    sim_vkind kind;      /* kind stored in the slot */
    int slot;
} sim_subfield;

#define SIM_MAX_SUB 4

typedef struct sim_field {
    const char *name;            /* "amount", "companyId", "stage" */
    const char *label;           /* "Amount" */
    sim_ftype type;
    sim_vkind kind;              /* scalar fields: kind stored in the slot */
    int slot;                    /* scalar fields: their slot; composites: -1 */
    int nsub;                    /* composites: subfields, else 0 */
    sim_subfield subs[SIM_MAX_SUB];
    bool nullable;
    bool system;                 /* position, createdAt, … */
    bool server_set;             /* createdAt, updatedAt, deletedAt, createdBy, updatedBy: not writable */
    const char *relation_name;   /* SF_RELATION: "company" (the depth=1 key) */
    sim_obj_kind relation_target;/* SF_RELATION: target object */
    const char *default_value;   /* metadata defaultValue as Twenty writes it ("'NEW'"), or NULL */
    char metadata_id[37];
} sim_field;

typedef struct sim_select_option {
    char id[37];
    char *value;     /* UPPER_SNAKE_CASE */
    char *label;
    char *color;     /* red, purple, sky, turquoise, yellow, green, blue, orange, pink, gray */
    int position;
} sim_select_option;

typedef struct sim_object {
    sim_obj_kind kind;
    const char *singular;        /* "opportunity" */
    const char *plural;          /* "opportunities" */
    const char *label_singular;  /* "Opportunity" */
    const char *label_plural;
    char metadata_id[37];
    sim_field *fields;
    int nfields;
    int nslots;
    const char *const *to_many;  /* one-to-many relation names shown at depth=1 as [] */
    int nto_many;
} sim_object;

typedef struct sim_schema {
    sim_object objects[SIM_OBJ_COUNT];
    sim_select_option *stages;   /* sorted by position */
    int nstages;
    int default_stage;           /* index into stages */
} sim_schema;

/* Builds the schema. `stages` is "default", "demo" or the path of a JSON file
 * holding a list of options [{"value","label","color","position"}]. */
bool sim_schema_init(sim_schema *s, const char *stages, sim_error *err);
void sim_schema_free(sim_schema *s);

const sim_object *sim_schema_object(const sim_schema *s, sim_obj_kind k);
/* Looks an object up by its plural or singular name; NULL if none. */
const sim_object *sim_schema_find_object(const sim_schema *s, const char *name, bool plural);
const sim_field *sim_object_field(const sim_object *o, const char *name);
/* Resolves "name", "amount.amountMicros", "name.firstName" to a slot.
 * Sets *field, and *sub to the subfield or NULL for scalars and bare composites.
 * Returns the slot, or -1 for a bare composite, or -2 if unknown. */
int sim_object_resolve(const sim_object *o, const char *path, const sim_field **field,
                       const sim_subfield **sub);

/* Stage options */
int sim_schema_stage_index(const sim_schema *s, const char *value); /* -1 if not an option */
/* "NEW, SCREENING, …" as Twenty lists valid options in its messages. */
void sim_schema_stage_list(const sim_schema *s, char *out, size_t outlen);

#endif
