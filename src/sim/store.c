/* store.c - twenty-sim's tables and the write operations (see store.h).
 *
 * Every write follows the same steps: validate into a working copy of the
 * slots (record_input.c), make it durable in the journal (persist.c), then
 * apply it to the table and bump the generation. A failed step changes
 * nothing. */
#include "sim/store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/idmap.h"

#define DEFAULT_KEY_NAME "twenty-sim"

/* ---------- records and tables ---------- */

sim_record *sim_record_new(const sim_object *o)
{
    sim_record *r = calloc(1, sizeof *r + (size_t)o->nslots * sizeof(sim_value));
    if (r)
        r->v = (sim_value *)(r + 1);
    return r;
}

void sim_slots_free(sim_value *v, int n)
{
    for (int i = 0; i < n; i++)
        sim_value_free(&v[i]);
}

bool sim_slots_copy(sim_value *dst, const sim_value *src, int n)
{
    for (int i = 0; i < n; i++) {
        dst[i] = sim_value_copy(&src[i]);
        if (src[i].kind == SV_STR && dst[i].kind != SV_STR) {
            sim_slots_free(dst, i);
            return false;
        }
    }
    return true;
}

void sim_record_delete(const sim_object *o, sim_record *r)
{
    if (!r)
        return;
    sim_slots_free(r->v, o->nslots);
    free(r->rest0);
    free(r);
}

void sim_record_forget_json(sim_record *r)
{
    free(r->rest0);
    r->rest0 = NULL;
}

bool sim_table_add(sim_table *t, sim_record *r)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        sim_record **rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return false;
        t->rows = rows;
        t->cap = cap;
    }
    if (!sim_idmap_put(t->ids, r))
        return false;
    t->rows[t->n++] = r;
    if (sim_record_deleted(t, r))
        t->deleted++;
    sim_pos_note(t, r);
    t->generation++;
    sim_qcache_note(t, r, SIM_CHG_ADD);
    return true;
}

void sim_table_drop(sim_table *t, sim_record *r)
{
    sim_qcache_note_before(t, r);
    for (size_t i = t->n; i-- > 0;)
        if (t->rows[i] == r) {
            t->rows[i] = t->rows[--t->n];
            break;
        }
    sim_idmap_remove(t->ids, &r->v[0].as.u);
    if (sim_record_deleted(t, r))
        t->deleted--;
    t->generation++;
    sim_qcache_note(t, r, SIM_CHG_DROP);
}

void sim_table_replace(sim_table *t, sim_record *r, sim_value *work)
{
    bool was = sim_record_deleted(t, r);
    sim_qcache_note_before(t, r);
    sim_slots_free(r->v, t->obj->nslots);
    memcpy(r->v, work, (size_t)t->obj->nslots * sizeof *work);
    sim_record_forget_json(r);
    sim_pos_note(t, r);
    bool now = sim_record_deleted(t, r);
    t->deleted += (size_t)now - (size_t)was;
    t->generation++;
    sim_qcache_note(t, r, SIM_CHG_SET);
}

void sim_store_unlink(sim_store *st, sim_obj_kind target, const sim_uuid *id)
{
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        sim_table *t = &st->tables[k];
        const sim_object *o = t->obj;
        for (int i = 0; i < o->nfields; i++) {
            const sim_field *f = &o->fields[i];
            if (f->type != SF_RELATION || f->relation_target != target)
                continue;
            bool changed = false;
            for (size_t j = 0; j < t->n; j++) {
                sim_value *v = &t->rows[j]->v[f->slot];
                if (v->kind == SV_UUID && sim_uuid_cmp(&v->as.u, id) == 0) {
                    v->kind = SV_NULL;
                    sim_record_forget_json(t->rows[j]);
                    changed = true;
                }
            }
            if (changed) {
                t->generation++;
                sim_qcache_note(t, NULL, SIM_CHG_ANY);
            }
        }
    }
}

const char *sim_store_key_name(const sim_store *st)
{
    return st->api_key_name ? st->api_key_name : DEFAULT_KEY_NAME;
}

sim_table *sim_store_table(sim_store *st, sim_obj_kind k) { return &st->tables[k]; }

sim_record *sim_table_get(const sim_table *t, const sim_uuid *id)
{
    return sim_idmap_get(t->ids, id);
}

/* ---------- open / close ---------- */

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static bool oom(sim_error *err)
{
    return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
}

bool sim_store_open(sim_store *st, const sim_store_config *cfg, sim_error *err)
{
    memset(st, 0, sizeof *st);
    st->journal_fd = -1;
    if (!sim_schema_init(&st->schema, cfg->stages, err))
        return false;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        st->tables[k].obj = &st->schema.objects[k];
        st->tables[k].ids = sim_idmap_new();
        if (!st->tables[k].ids) {
            sim_store_close(st);
            return oom(err);
        }
    }
    st->api_key_name = dup_str(cfg->api_key_name ? cfg->api_key_name : DEFAULT_KEY_NAME);
    if (!st->api_key_name) {
        sim_store_close(st);
        return oom(err);
    }
    st->rng = mix64(cfg->seed ^ 0x5157a7e5eedull);
    if (cfg->data_path) {
        st->data_path = dup_str(cfg->data_path);
        bool found = false, replayed = false;
        if (!st->data_path || !sim_persist_load(st, &found, &replayed, err))
            goto fail;
        if (!found && cfg->seed_count >= 0 && !sim_seed_fill(st, cfg->seed_count, cfg->seed, err))
            goto fail;
        if ((!found || replayed) && !sim_persist_save(st, err))
            goto fail;
        if (!sim_persist_open_journal(st, err))
            goto fail;
        /* ids made after a restart must not repeat the previous run's */
        st->rng = mix64(st->rng ^ (uint64_t)sim_time_now_ms() ^ ((uint64_t)getpid() << 32));
    } else if (cfg->seed_count >= 0 && !sim_seed_fill(st, cfg->seed_count, cfg->seed, err)) {
        goto fail;
    }
    return true;
fail:
    if (st->data_path) { /* do not compact a half-open store over the data file */
        free(st->data_path);
        st->data_path = NULL;
    }
    sim_store_close(st);
    return false;
}

bool sim_store_save(sim_store *st, sim_error *err)
{
    if (!st->data_path)
        return true;
    return sim_persist_save(st, err);
}

void sim_store_close(sim_store *st)
{
    if (st->data_path && st->journal_fd >= 0) {
        sim_error e;
        sim_persist_save(st, &e); /* best effort: the journal still holds everything */
    }
    if (st->journal_fd >= 0)
        close(st->journal_fd);
    st->journal_fd = -1;
    for (int k = 0; k < SIM_OBJ_COUNT; k++) {
        sim_table *t = &st->tables[k];
        sim_qcache_free(t->qcache);
        t->qcache = NULL;
        sim_pos_free(t);
        for (size_t i = 0; i < t->n; i++)
            sim_record_delete(t->obj, t->rows[i]);
        free(t->rows);
        sim_idmap_free(t->ids);
        memset(t, 0, sizeof *t);
    }
    sim_schema_free(&st->schema);
    free(st->api_key_name);
    free(st->data_path);
    st->api_key_name = NULL;
    st->data_path = NULL;
}

/* ---------- positions ---------- */

static int position_slot(const sim_object *o)
{
    const sim_field *f = sim_object_field(o, "position");
    return f && f->type == SF_POSITION ? f->slot : -1;
}

double sim_store_min_position(const sim_store *st, sim_obj_kind k)
{
    /* the position index is logically const: filling it changes no record */
    double p;
    sim_pos_extreme((sim_table *)&st->tables[k], false, &p);
    return p;
}

/* Twenty's RecordPositionService.overridePositionOnRecords: "first" items
 * (and those without a position) go above min(existing, given numbers) one by
 * one, "last" items below the max; an empty table counts as position 1. */
static void assign_positions(sim_table *t, sim_value **works, const sim_pos_req *req,
                             size_t n, bool backfill)
{
    int slot = position_slot(t->obj);
    if (slot < 0)
        return;
    bool need_first = false, need_last = false, any_num = false;
    double num_min = 0, num_max = 0;
    for (size_t i = 0; i < n; i++) {
        if (req[i] == SIM_POS_NUMBER) {
            double p = works[i][slot].as.n;
            num_min = !any_num || p < num_min ? p : num_min;
            num_max = !any_num || p > num_max ? p : num_max;
            any_num = true;
        }
        need_first |= req[i] == SIM_POS_FIRST || (req[i] == SIM_POS_NONE && backfill);
        need_last |= req[i] == SIM_POS_LAST;
    }
    double lo = 1, hi = 1;
    if (need_first) {
        double m;
        lo = sim_pos_extreme(t, false, &m) ? m : 1;
        if (any_num && num_min < lo)
            lo = num_min;
    }
    if (need_last) {
        double m;
        hi = sim_pos_extreme(t, true, &m) ? m : 1;
        if (any_num && num_max > hi)
            hi = num_max;
    }
    size_t fi = 0, li = 0;
    for (size_t i = 0; i < n; i++) {
        if (req[i] == SIM_POS_FIRST || (req[i] == SIM_POS_NONE && backfill))
            works[i][slot] = (sim_value){.kind = SV_NUM, .as.n = lo - (double)(fi++) - 1};
        else if (req[i] == SIM_POS_LAST)
            works[i][slot] = (sim_value){.kind = SV_NUM, .as.n = hi + (double)(li++) + 1};
    }
}

/* ---------- writes ---------- */

static int slot_of(const sim_object *o, const char *name)
{
    const sim_field *f = sim_object_field(o, name);
    return f ? f->slot : -1;
}

static void set_time(sim_value *work, int slot, int64_t ms)
{
    if (slot >= 0)
        work[slot] = (sim_value){.kind = SV_TIME, .as.t = ms};
}

static void free_works(const sim_object *o, sim_value **works, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (works[i]) {
            sim_slots_free(works[i], o->nslots);
            free(works[i]);
        }
    free(works);
}

static bool id_taken(const sim_table *t, sim_value **works, size_t upto, const sim_uuid *id)
{
    if (sim_table_get(t, id))
        return true;
    for (size_t j = 0; j < upto; j++)
        if (sim_uuid_cmp(&works[j][0].as.u, id) == 0)
            return true;
    return false;
}

static bool create_items(sim_store *st, sim_obj_kind k, const cJSON *const *items, size_t n,
                         sim_record **out, sim_error *err)
{
    sim_table *t = &st->tables[k];
    const sim_object *o = t->obj;
    sim_value **works = calloc(n, sizeof *works);
    sim_pos_req *req = calloc(n, sizeof *req);
    bool ok = false;
    size_t made = 0;
    if (!works || !req) {
        oom(err);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        bool id_given = false;
        works[i] = calloc((size_t)o->nslots, sizeof(sim_value));
        if (!works[i]) {
            oom(err);
            goto out;
        }
        if (!sim_input_apply(st, k, items[i], works[i], true, &req[i], &id_given, err))
            goto out;
        if (id_given) {
            if (id_taken(t, works, i, &works[i][0].as.u)) {
                sim_bad_request(err, "Record already exists");
                goto out;
            }
        } else {
            sim_uuid id;
            do
                sim_uuid_generate(&st->rng, &id);
            while (id_taken(t, works, i, &id));
            works[i][0] = (sim_value){.kind = SV_UUID, .as.u = id};
        }
    }
    assign_positions(t, works, req, n, true);
    int64_t now = sim_time_now_ms();
    for (size_t i = 0; i < n; i++) {
        set_time(works[i], slot_of(o, "createdAt"), now);
        set_time(works[i], slot_of(o, "updatedAt"), now);
    }
    for (made = 0; made < n; made++) {
        out[made] = sim_record_new(o);
        if (!out[made]) {
            oom(err);
            goto out;
        }
        memcpy(out[made]->v, works[made], (size_t)o->nslots * sizeof(sim_value));
        memset(works[made], 0, (size_t)o->nslots * sizeof(sim_value));
    }
    if (!sim_persist_put(st, k, out, n, err))
        goto out;
    for (size_t i = 0; i < n; i++)
        if (!sim_table_add(t, out[i])) {
            /* out of memory half way: undo what was added (the journal keeps them) */
            for (size_t j = 0; j < i; j++)
                sim_table_drop(t, out[j]);
            oom(err);
            goto out;
        }
    ok = true;
out:
    if (!ok)
        for (size_t i = 0; i < made; i++) {
            sim_record_delete(o, out[i]);
            out[i] = NULL;
        }
    if (works)
        free_works(o, works, n);
    free(req);
    return ok;
}

sim_record *sim_store_create(sim_store *st, sim_obj_kind k, const cJSON *in, sim_error *err)
{
    sim_record *r = NULL;
    return create_items(st, k, &in, 1, &r, err) ? r : NULL;
}

bool sim_store_create_many(sim_store *st, sim_obj_kind k, const cJSON *array, sim_record ***out,
                           size_t *nout, sim_error *err)
{
    *out = NULL;
    *nout = 0;
    if (!cJSON_IsArray(array))
        return sim_bad_request(err, "Batch create expects an array of records");
    size_t n = (size_t)cJSON_GetArraySize(array);
    if (n == 0)
        return sim_bad_request(err, "Batch create expects at least one record");
    const cJSON **items = calloc(n, sizeof *items);
    sim_record **recs = calloc(n, sizeof *recs);
    if (!items || !recs) {
        free(items);
        free(recs);
        return oom(err);
    }
    size_t i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, array) items[i++] = it;
    bool ok = create_items(st, k, items, n, recs, err);
    free(items);
    if (!ok) {
        free(recs);
        return false;
    }
    *out = recs;
    *nout = n;
    return true;
}

/* Journals `work` as the new state of r, then swaps it in. */
static bool commit(sim_store *st, sim_obj_kind k, sim_record *r, sim_value *work, sim_error *err)
{
    sim_record view = {.v = work};
    sim_record *pv = &view;
    if (!sim_persist_put(st, k, &pv, 1, err))
        return false;
    sim_table_replace(&st->tables[k], r, work);
    return true;
}

static sim_value *copy_slots(const sim_object *o, const sim_record *r, sim_error *err)
{
    sim_value *work = calloc((size_t)o->nslots, sizeof *work);
    if (!work || !sim_slots_copy(work, r->v, o->nslots)) {
        free(work);
        oom(err);
        return NULL;
    }
    return work;
}

static void drop_work(const sim_object *o, sim_value *work)
{
    sim_slots_free(work, o->nslots);
    free(work);
}

sim_record *sim_store_update(sim_store *st, sim_obj_kind k, const sim_uuid *id, const cJSON *in,
                             sim_error *err)
{
    sim_table *t = &st->tables[k];
    const sim_object *o = t->obj;
    sim_record *r = sim_table_get(t, id);
    if (!r || sim_record_deleted(t, r)) {
        sim_not_found(err);
        return NULL;
    }
    sim_value *work = copy_slots(o, r, err);
    if (!work)
        return NULL;
    sim_pos_req req = SIM_POS_NONE;
    if (!sim_input_apply(st, k, in, work, false, &req, NULL, err)) {
        drop_work(o, work);
        return NULL;
    }
    assign_positions(t, &work, &req, 1, false);
    set_time(work, slot_of(o, "updatedAt"), sim_time_now_ms());
    if (!commit(st, k, r, work, err)) {
        drop_work(o, work);
        return NULL;
    }
    free(work); /* the values now belong to r */
    return r;
}

bool sim_store_validate_update(sim_store *st, sim_obj_kind k, const cJSON *in, sim_error *err)
{
    const sim_object *o = st->tables[k].obj;
    sim_value *work = calloc((size_t)o->nslots, sizeof *work);
    if (!work)
        return oom(err);
    bool ok = sim_input_apply(st, k, in, work, false, NULL, NULL, err);
    drop_work(o, work);
    return ok;
}

static bool set_deleted(sim_store *st, sim_obj_kind k, sim_record *r, bool deleted, sim_error *err)
{
    const sim_object *o = st->tables[k].obj;
    sim_value *work = copy_slots(o, r, err);
    if (!work)
        return false;
    int slot = sim_object_deleted_at_slot(o);
    work[slot] = deleted ? (sim_value){.kind = SV_TIME, .as.t = sim_time_now_ms()}
                         : (sim_value){.kind = SV_NULL};
    if (!commit(st, k, r, work, err)) {
        drop_work(o, work);
        return false;
    }
    free(work);
    return true;
}

bool sim_store_soft_delete(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err)
{
    sim_table *t = &st->tables[k];
    sim_record *r = sim_table_get(t, id);
    if (!r || sim_record_deleted(t, r))
        return sim_not_found(err);
    return set_deleted(st, k, r, true, err);
}

sim_record *sim_store_restore(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err)
{
    sim_table *t = &st->tables[k];
    sim_record *r = sim_table_get(t, id);
    if (!r) {
        sim_not_found(err);
        return NULL;
    }
    if (!sim_record_deleted(t, r))
        return r;
    return set_deleted(st, k, r, false, err) ? r : NULL;
}

bool sim_store_destroy(sim_store *st, sim_obj_kind k, const sim_uuid *id, sim_error *err)
{
    sim_table *t = &st->tables[k];
    sim_record *r = sim_table_get(t, id);
    if (!r)
        return sim_not_found(err);
    sim_uuid copy = *id;
    if (!sim_persist_destroy(st, k, &copy, 1, err))
        return false;
    sim_table_drop(t, r);
    sim_record_delete(t->obj, r);
    sim_store_unlink(st, k, &copy);
    return true;
}

cJSON *sim_record_to_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth)
{
    return sim_record_json(st, k, r, depth, SIM_FORM_TREE);
}

cJSON *sim_record_to_wire_json(const sim_store *st, sim_obj_kind k, const sim_record *r, int depth)
{
    return sim_record_json(st, k, r, depth, SIM_FORM_WIRE);
}
