/* query_internal.h - what the query engine's files share (order.c,
 * order_key.c, cursor.c, base64.c, query_cache.c, find.c, groupby.c,
 * aggregate.c). Routes use query.h.
 *
 * Promises:
 *  - A sorted view holds every row of a table (live and soft-deleted) in an
 *    order, with each row's order keys normalized to 64-bit words so that most
 *    comparisons never touch the records; it is valid for one generation.
 *  - sim_qcache_view returns a view built or reused for (table, order); the
 *    pointer stays valid until the next sim_qcache_view call for that table
 *    or the next write.
 *  - sim_qcache_count counts the rows a filter matches, cached per filter
 *    meaning and generation. */
#ifndef SIM_QUERY_INTERNAL_H
#define SIM_QUERY_INTERNAL_H

#include "sim/query.h"

#define SIM_KEY_WORDS (3 * SIM_MAX_ORDER)

typedef struct sim_view {
    sim_order order;
    uint64_t generation;
    size_t n;
    sim_record **rows;       /* sorted */
    uint64_t *keys;          /* n * w normalized words, sorted with rows */
    int w;                   /* words per row */
    uint64_t used;           /* LRU tick */
} sim_view;

/* Where each order key lives in a row's words. NULLs are folded into the
 * words: in the value word itself for doubles, selects and booleans (whose
 * normalized values never reach 0 or ~0), else in a leading word of their
 * own, so comparing two rows is comparing their words in order. */
typedef struct sim_key_layout {
    int w;
    int word[SIM_MAX_ORDER];     /* first value word of key j */
    int nwords[SIM_MAX_ORDER];   /* 1, or 2 for UUIDs */
    int nullword[SIM_MAX_ORDER]; /* the key's NULL word, or -1 when folded in */
    bool strtie[SIM_MAX_ORDER];  /* equal words may hide different strings */
    uint64_t sel_unknown[SIM_MAX_ORDER]; /* select keys: the word of a value outside the options */
    bool any_str;                /* some key needs string tie-breaks */
} sim_key_layout;

void sim_key_layout_init(const sim_schema *s, const sim_order *ord, sim_key_layout *lay);
/* Normalizes one tuple (vals[j] for key j; NULL pointer or SV_NULL = NULL). */
void sim_key_normalize(const sim_schema *s, const sim_order *ord, const sim_key_layout *lay,
                       const sim_value *const *vals, uint64_t *words);
/* Compares two normalized tuples; strings whose words tie are compared with
 * the values themselves, read from the record (ra/rb) when given, else from
 * va/vb (key j's value of each side). */
int sim_key_cmp(const sim_order *ord, const sim_key_layout *lay, const uint64_t *wa,
                const sim_record *ra, const sim_value *const *va, const uint64_t *wb,
                const sim_record *rb, const sim_value *const *vb);
/* The values of a record for the order keys. */
void sim_key_values(const sim_order *ord, const sim_record *r, const sim_value **vals);

/* The default order: id ASC. */
void sim_order_default(const sim_object *o, sim_order *ord);

/* --- caches (query_cache.c) --- */
const sim_view *sim_qcache_view(sim_store *st, sim_obj_kind k, const sim_order *ord);
/* Counts the eligible rows f matches (f NULL: all eligible); false on OOM. */
bool sim_qcache_count(sim_store *st, sim_obj_kind k, const sim_filter *f, bool incl_deleted,
                      size_t *out);

/* Rendered answers (a groupBy's JSON), cached per table, request key and
 * generation: get returns a copy (the caller owns it) or NULL when none is
 * cached for the table's current generation; put keeps a copy. */
cJSON *sim_qcache_answer_get(sim_store *st, sim_obj_kind k, const char *key);
void sim_qcache_answer_put(sim_store *st, sim_obj_kind k, const char *key, const cJSON *json);

/* --- base64 (base64.c) --- */
char *sim_base64_encode(const unsigned char *data, size_t n);            /* malloc'd */
/* Decodes like Node's Buffer.from(s, 'base64'): both alphabets, stops at '=',
 * skips other characters. Returns a malloc'd NUL-terminated buffer. */
unsigned char *sim_base64_decode(const char *s, size_t *n);

#endif
