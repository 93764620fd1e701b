/* store_internal.h - what the store's own files share (store.c, record_input.c,
 * record_output.c, persist.c, seed.c). Routes use store.h only.
 *
 * Promises:
 *  - A record is one malloc: the sim_record header followed by its slots.
 *  - sim_table_add/sim_table_drop keep rows, the id map and the deleted count
 *    consistent and bump the generation; they never validate.
 *  - sim_input_apply validates one JSON body exactly as Twenty's data-arg
 *    processor does (contract 2.7/2.8) and writes the result into a working
 *    copy of the slots; nothing in the store changes.
 *  - sim_record_json renders a record: Twenty's REST shape as a tree to read
 *    or as one to print, or the data file's form.
 *  - The persist_* functions implement the data file and its journal. */
#ifndef SIM_STORE_INTERNAL_H
#define SIM_STORE_INTERNAL_H

#include "sim/store.h"

#define SIM_MAX_SLOTS 32

/* ---- records and tables (store.c) ---- */
sim_record *sim_record_new(const sim_object *o);             /* every slot SV_NULL */
void sim_record_delete(const sim_object *o, sim_record *r);   /* frees strings and r */
/* Drops r's cached REST JSON (rest0): call after any change to r->v that does
 * not go through sim_table_replace. */
void sim_record_forget_json(sim_record *r);
void sim_slots_free(sim_value *v, int n);
bool sim_slots_copy(sim_value *dst, const sim_value *src, int n);  /* deep; false on OOM */
bool sim_table_add(sim_table *t, sim_record *r);
void sim_table_drop(sim_table *t, sim_record *r);             /* swap-remove; r not freed */
/* Replaces r's slots with work (ownership moves; the old values are freed). */
void sim_table_replace(sim_table *t, sim_record *r, sim_value *work);
/* Sets every FK pointing at `id` in the other tables to null (ON DELETE SET NULL). */
void sim_store_unlink(sim_store *st, sim_obj_kind target, const sim_uuid *id);
const char *sim_store_key_name(const sim_store *st);

/* ---- what a write did, for the query engine's caches (query_cache.c) ----
 * Called right after a table's generation moved: r was added, dropped (its
 * pointer only is kept: r may be freed next), or had its values replaced;
 * SIM_CHG_ANY (r NULL): any record may have changed. Does nothing until the
 * table has been queried. */
typedef enum sim_change_kind { SIM_CHG_ADD, SIM_CHG_DROP, SIM_CHG_SET, SIM_CHG_ANY } sim_change_kind;
void sim_qcache_note(sim_table *t, const sim_record *r, sim_change_kind what);
/* Called before r's values change or r is dropped (then sim_qcache_note). */
void sim_qcache_note_before(sim_table *t, const sim_record *r);

/* ---- min/max position of the live records (store_position.c) ---- */
void sim_pos_note(sim_table *t, const sim_record *r);   /* after r was added or changed */
bool sim_pos_extreme(sim_table *t, bool want_max, double *out); /* false: no live positions */
void sim_pos_free(sim_table *t);

/* ---- input (record_input.c) ---- */
typedef enum sim_pos_req { SIM_POS_NONE, SIM_POS_NUMBER, SIM_POS_FIRST, SIM_POS_LAST } sim_pos_req;

/* Applies `in` to `work` (o->nslots values: nulls for a create, a copy of the
 * record for an update). For a create, absent fields get their defaults and
 * createdBy/updatedBy are set; for an update, updatedBy. `*pos` tells how
 * position was given. `*id_given` (create) is set when the body held an id. */
bool sim_input_apply(sim_store *st, sim_obj_kind k, const cJSON *in, sim_value *work, bool create,
                     sim_pos_req *pos, bool *id_given, sim_error *err);
bool sim_currency_known(const char *code);

/* ---- output (record_output.c) ---- */
typedef enum sim_json_form {
    SIM_FORM_TREE,   /* Twenty's REST shape as a tree of real values (GraphQL reads it) */
    SIM_FORM_WIRE,   /* the same text once printed, built to be printed only: numbers
                      * and embedded records are raw JSON text nodes */
    SIM_FORM_FILE,   /* the data file's form: nulls left out, numbers exact */
} sim_json_form;
cJSON *sim_record_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth,
                       sim_json_form form);

/* ---- persistence (persist.c, persist_load.c) ---- */
#define SIM_DATA_FILE_VERSION 1
char *sim_persist_path(const char *base, const char *suffix);          /* malloc'd base+suffix */
bool sim_persist_fail(sim_error *err, const char *what, const char *path);  /* 500 with errno */
/* Loads the snapshot and replays the journal. *found: either file existed;
 * *replayed: the journal held entries (the caller then compacts). */
bool sim_persist_load(sim_store *st, bool *found, bool *replayed, sim_error *err);
bool sim_persist_save(sim_store *st, sim_error *err);                /* snapshot, truncate journal */
bool sim_persist_open_journal(sim_store *st, sim_error *err);
/* Appends one durable journal line: records put (created/updated/deleted/restored)… */
bool sim_persist_put(sim_store *st, sim_obj_kind k, sim_record *const *recs, size_t n,
                     sim_error *err);
/* …or ids destroyed. */
bool sim_persist_destroy(sim_store *st, sim_obj_kind k, const sim_uuid *ids, size_t n,
                         sim_error *err);
/* Fills a record from its raw JSON (data file / journal); false if malformed. */
bool sim_record_from_raw(const sim_object *o, const cJSON *j, sim_value *work);

/* ---- seed data (seed.c) ---- */
bool sim_seed_fill(sim_store *st, long count, uint64_t seed, sim_error *err);
/* "Today" at UTC midnight: SIM_TODAY=YYYY-MM-DD when set, else the current day. */
int64_t sim_seed_today_ms(void);

#endif
