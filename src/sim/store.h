/* store.h - twenty-sim's workspace: tables of records, writes, persistence.
 *
 * Promises:
 *  - One table per object; a record is an array of value slots (schema.h).
 *    Look-up by id is O(1). Soft-deleted records stay in their table with
 *    deletedAt set; a hard delete removes them.
 *  - Every table has a generation counter bumped by every write, so query
 *    caches (sorted views, counts) can tell when they are stale.
 *  - Writes go through sim_store_* functions that validate input exactly as
 *    Twenty does (contract 2.7, 2.8) and, when a data file is set, are durable
 *    before the function returns (snapshot + fsync'ed append-only journal,
 *    compacted on sim_store_close). A kill at any moment loses nothing that a
 *    write function reported as done, and leaves a loadable file.
 *  - Not thread-safe: the server serialises calls with one lock. */
#ifndef SIM_STORE_H
#define SIM_STORE_H

#include <cjson/cJSON.h>

#include "error.h"
#include "schema.h"

typedef struct sim_record {
    sim_value *v;          /* obj->nslots values; v[0] is the id (SV_UUID) */
    char *rest0;           /* store-internal: the record's REST JSON at depth 0, as
                            * embedded in other records' depth=1 answers; NULL until
                            * first needed, dropped by every change to v */
} sim_record;

typedef struct sim_table {
    const sim_object *obj;
    sim_record **rows;     /* every record, live and soft-deleted, in no order */
    size_t n, cap;
    struct sim_idmap *ids; /* id -> record */
    uint64_t generation;   /* bumped by every write to this table */
    size_t deleted;        /* how many rows have deletedAt set */
    struct sim_qcache *qcache; /* the query engine's caches (sorted views, counts), keyed by
                                * generation; NULL until the first query. sim_store_close
                                * must release it with sim_qcache_free. */
    struct sim_posindex *posidx; /* store-internal: min/max position of the live records
                                  * (store_position.c); NULL until first needed */
} sim_table;

typedef struct sim_store {
    sim_schema schema;
    sim_table tables[SIM_OBJ_COUNT];
    char *api_key_name;    /* createdBy.name for writes made with the API key */
    char *data_path;       /* NULL: memory only */
    int journal_fd;        /* -1 when memory only */
    uint64_t rng;          /* for generated ids */
} sim_store;

typedef struct sim_store_config {
    const char *stages;      /* "default" | "demo" | path of a JSON list */
    const char *data_path;   /* --data FILE, or NULL */
    long seed_count;         /* --seed N: opportunities to generate (only when the data file is new/absent); <0 none */
    uint64_t seed;           /* randomness for generated data; same seed, same workspace */
    const char *api_key_name;/* name of the API key, e.g. "twenty-sim demo key" */
} sim_store_config;

bool sim_store_open(sim_store *st, const sim_store_config *cfg, sim_error *err);
/* Compacts the journal into the data file (atomic) and frees everything. */
void sim_store_close(sim_store *st);
/* Writes a compacted snapshot now (atomic temp file + fsync + rename). */
bool sim_store_save(sim_store *st, sim_error *err);

sim_table *sim_store_table(sim_store *st, sim_obj_kind k);
/* Frees a table's query caches (implemented by the query engine, query_cache.c);
 * NULL is fine. Call it for every table before freeing the table's rows. */
void sim_qcache_free(struct sim_qcache *c);
sim_record *sim_table_get(const sim_table *t, const sim_uuid *id);   /* live or soft-deleted */
static inline bool sim_record_deleted(const sim_table *t, const sim_record *r);

/* --- writes: all validate like Twenty and journal when persistent ---
 * `in` is the request's JSON object (create/update) exactly as received.
 * On failure *err is set (400 with Twenty's message, 404 …) and nothing changes. */
sim_record *sim_store_create(sim_store *st, sim_obj_kind k, const cJSON *in, sim_error *err);
/* Batch create: all or nothing; item i without a position gets min - 1 - i. */
bool sim_store_create_many(sim_store *st, sim_obj_kind k, const cJSON *array,
                           sim_record ***out, size_t *nout, sim_error *err);
/* PATCH/PUT one: only the keys present change; updatedAt/updatedBy set. 404 if missing or soft-deleted. */
sim_record *sim_store_update(sim_store *st, sim_obj_kind k, const sim_uuid *id, const cJSON *in,
                             sim_error *err);
/* Validates `in` as an update body without applying it (for bulk updates). */
bool sim_store_validate_update(sim_store *st, sim_obj_kind k, const cJSON *in, sim_error *err);
bool sim_store_soft_delete(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err);
bool sim_store_destroy(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err);
/* Restores a soft-deleted record (404 if the id is unknown). */
sim_record *sim_store_restore(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err);

/* --- output ---
 * The record as Twenty's REST API returns it: scalar and composite fields,
 * FKs (`companyId` …); depth 1 also embeds many-to-one relations as objects or
 * null (themselves at depth 0 without relations) and one-to-many names as []. */
cJSON *sim_record_to_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth);
/* The same record for printing only (the REST answers): it prints to the same
 * JSON, but its numbers and embedded records are raw text nodes (cJSON_IsRaw),
 * which makes a depth=1 page several times cheaper to build and print. */
cJSON *sim_record_to_wire_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth);
/* Position helpers: min and max position of the live records (0 when empty). */
double sim_store_min_position(const sim_store *st, sim_obj_kind k);

#include "store_inline.h"

#endif
