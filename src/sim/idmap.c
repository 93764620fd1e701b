/* idmap.c - open-addressing hash map from record id to record (see idmap.h). */
#include "sim/idmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
    uint64_t hash;      /* 0 = empty (real hashes are forced non-zero) */
    sim_record *rec;
} slot;

struct sim_idmap {
    slot *slots;
    size_t cap;         /* power of two */
    size_t n;
};

static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

static uint64_t hash_id(const sim_uuid *u)
{
    uint64_t a, b;
    memcpy(&a, u->b, 8);
    memcpy(&b, u->b + 8, 8);
    uint64_t h = mix(a ^ mix(b + 0x9e3779b97f4a7c15ull));
    return h ? h : 1;
}

struct sim_idmap *sim_idmap_new(void)
{
    struct sim_idmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    return m;
}

void sim_idmap_free(struct sim_idmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

size_t sim_idmap_count(const struct sim_idmap *m) { return m->n; }

static bool same_id(const sim_record *r, const sim_uuid *id)
{
    return memcmp(r->v[0].as.u.b, id->b, 16) == 0;
}

sim_record *sim_idmap_get(const struct sim_idmap *m, const sim_uuid *id)
{
    uint64_t h = hash_id(id);
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const slot *s = &m->slots[i];
        if (s->hash == 0)
            return NULL;
        if (s->hash == h && same_id(s->rec, id))
            return s->rec;
    }
}

static void place(slot *slots, size_t cap, uint64_t h, sim_record *r)
{
    size_t mask = cap - 1;
    size_t i = h & mask;
    while (slots[i].hash != 0)
        i = (i + 1) & mask;
    slots[i].hash = h;
    slots[i].rec = r;
}

static bool grow(struct sim_idmap *m, size_t want)
{
    size_t cap = m->cap;
    while (want * 10 > cap * 7)
        cap *= 2;
    if (cap == m->cap)
        return true;
    slot *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].hash)
            place(ns, cap, m->slots[i].hash, m->slots[i].rec);
    free(m->slots);
    m->slots = ns;
    m->cap = cap;
    return true;
}

bool sim_idmap_reserve(struct sim_idmap *m, size_t n) { return grow(m, n); }

bool sim_idmap_put(struct sim_idmap *m, sim_record *r)
{
    const sim_uuid *id = &r->v[0].as.u;
    uint64_t h = hash_id(id);
    size_t mask = m->cap - 1;
    for (size_t i = h & mask; m->slots[i].hash; i = (i + 1) & mask)
        if (m->slots[i].hash == h && same_id(m->slots[i].rec, id)) {
            m->slots[i].rec = r;
            return true;
        }
    if (!grow(m, m->n + 1))
        return false;
    place(m->slots, m->cap, h, r);
    m->n++;
    return true;
}

void sim_idmap_remove(struct sim_idmap *m, const sim_uuid *id)
{
    uint64_t h = hash_id(id);
    size_t mask = m->cap - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
        if (m->slots[i].hash == 0)
            return;
        if (m->slots[i].hash == h && same_id(m->slots[i].rec, id))
            break;
    }
    /* backward-shift deletion: pull later members of the cluster into the hole */
    size_t hole = i;
    for (size_t j = (i + 1) & mask; m->slots[j].hash; j = (j + 1) & mask) {
        size_t home = m->slots[j].hash & mask;
        /* move j into the hole if its home is not cyclically in (hole, j] */
        bool in_range = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!in_range) {
            m->slots[hole] = m->slots[j];
            hole = j;
        }
    }
    m->slots[hole].hash = 0;
    m->slots[hole].rec = NULL;
    m->n--;
}
