/* board_cards.c - the card pool, the id map, and columns as sorted arrays of
 * card slots (see board_internal.h). */
#include "model/board_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the pool ----------------------------------------------------------- */

bd_card *bd_card_at(const pb_board *b, uint32_t slot)
{
    return &b->chunks[slot >> BD_CHUNK_SHIFT][slot & (BD_CHUNK - 1)];
}

static uint64_t id_hash(const pb_id *id)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < 16; i++)
        h = (h ^ id->b[i]) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

uint32_t bd_find(const pb_board *b, const pb_id *id)
{
    if (!b->map_cap || !id)
        return BD_NONE;
    size_t mask = b->map_cap - 1;
    for (size_t i = (size_t)id_hash(id) & mask;; i = (i + 1) & mask) {
        uint32_t s = b->map[i];
        if (s == BD_NONE)
            return BD_NONE;
        if (pb_id_equal(&bd_card_at(b, s)->opp.id, id))
            return s;
    }
}

static void map_put(pb_board *b, uint32_t slot)
{
    size_t mask = b->map_cap - 1;
    size_t i = (size_t)id_hash(&bd_card_at(b, slot)->opp.id) & mask;
    while (b->map[i] != BD_NONE)
        i = (i + 1) & mask;
    b->map[i] = slot;
    b->map_n++;
}

static bool map_grow(pb_board *b)
{
    size_t cap = b->map_cap ? b->map_cap * 2 : 64;
    uint32_t *old = b->map;
    size_t oldcap = b->map_cap;
    uint32_t *m = malloc(cap * sizeof *m);
    if (!m)
        return false;
    for (size_t i = 0; i < cap; i++)
        m[i] = BD_NONE;
    b->map = m;
    b->map_cap = cap;
    b->map_n = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i] != BD_NONE)
            map_put(b, old[i]);
    free(old);
    return true;
}

/* Linear probing removal with backward shift (no tombstones). */
static void map_del(pb_board *b, uint32_t slot)
{
    size_t mask = b->map_cap - 1;
    size_t i = (size_t)id_hash(&bd_card_at(b, slot)->opp.id) & mask;
    while (b->map[i] != slot) {
        if (b->map[i] == BD_NONE)
            return;
        i = (i + 1) & mask;
    }
    b->map[i] = BD_NONE;
    b->map_n--;
    for (size_t j = (i + 1) & mask; b->map[j] != BD_NONE; j = (j + 1) & mask) {
        uint32_t s = b->map[j];
        size_t home = (size_t)id_hash(&bd_card_at(b, s)->opp.id) & mask;
        /* can s move to the hole at i? (home is cyclically outside (i, j]) */
        bool move = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
        if (move) {
            b->map[i] = s;
            b->map[j] = BD_NONE;
            i = j;
        }
    }
}

uint32_t bd_card_new(pb_board *b, const pb_opp *o)
{
    if ((b->map_n + 1) * 2 > b->map_cap && !map_grow(b))
        return BD_NONE;
    uint32_t slot;
    if (b->free_head != BD_NONE) {
        slot = b->free_head;
        b->free_head = bd_card_at(b, slot)->next_free;
    } else {
        if ((b->hw >> BD_CHUNK_SHIFT) >= b->nchunks) {
            bd_card **ch = realloc(b->chunks, (b->nchunks + 1) * sizeof *ch);
            if (!ch)
                return BD_NONE;
            b->chunks = ch;
            ch[b->nchunks] = calloc(BD_CHUNK, sizeof **ch);
            if (!ch[b->nchunks])
                return BD_NONE;
            b->nchunks++;
        }
        slot = b->hw++;
    }
    bd_card *c = bd_card_at(b, slot);
    memset(c, 0, sizeof *c);
    c->opp = *o;
    c->used = true;
    c->live = true;
    c->col = BD_NONE;
    c->next_free = BD_NONE;
    map_put(b, slot);
    return slot;
}

void bd_card_free(pb_board *b, uint32_t slot)
{
    bd_card *c = bd_card_at(b, slot);
    if (!c->used)
        return;
    bd_detach(b, slot);
    bd_forget_card(b, slot);
    map_del(b, slot);
    memset(c, 0, sizeof *c);
    c->col = BD_NONE;
    c->next_free = b->free_head;
    b->free_head = slot;
    bd_touch(b);
}

/* ---- columns ------------------------------------------------------------ */

int bd_opp_cmp(const pb_opp *a, const pb_opp *b)
{
    if (a->position < b->position)
        return -1;
    if (a->position > b->position)
        return 1;
    return pb_id_cmp(&a->id, &b->id);
}

size_t bd_stage_col(const pb_board *b, const char *stage)
{
    return pb_stage_index(&b->stages, stage);
}

bool bd_column_complete(const bd_column *c)
{
    return c->first_loaded && !c->has_more;
}

/* First index whose card sorts after o (or equal ids). */
static size_t lower_bound(const pb_board *b, const bd_column *c, const pb_opp *o)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bd_opp_cmp(&bd_card_at(b, c->cards[mid])->opp, o) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t bd_index_of(const pb_board *b, uint32_t slot)
{
    const bd_card *card = bd_card_at(b, slot);
    if (card->col == BD_NONE)
        return SIZE_MAX;
    const bd_column *c = &b->cols[card->col];
    size_t i = lower_bound(b, c, &card->opp);
    if (i < c->n && c->cards[i] == slot)
        return i;
    for (i = 0; i < c->n; i++)   /* order broken (should not happen): scan */
        if (c->cards[i] == slot)
            return i;
    return SIZE_MAX;
}

/* A column's slots sit in the middle of their buffer with free room on both
 * sides, and an insert or a removal shifts the shorter side: a card arriving
 * at the top of a column or leaving it (every stage move) costs O(1), not a
 * shift of the whole column. */

void bd_column_free_cards(bd_column *c)
{
    free(c->cards ? c->cards - c->front : NULL);
    c->cards = NULL;
    c->n = c->cap = c->front = 0;
}

/* Ensures a free slot before cards[0] (at_front) or after cards[n-1]: when
 * that side is full, moves the cards to the middle of a buffer of twice
 * their number (amortised O(1): that leaves n/2 free slots on each side). */
static bool make_room(bd_column *c, bool at_front)
{
    size_t back = c->cap - c->front - c->n;
    if (at_front ? c->front > 0 : back > 0)
        return true;
    size_t cap = 2 * (c->n + 1);
    if (cap < 64)
        cap = 64;
    uint32_t *v = malloc(cap * sizeof *v);
    if (!v)
        return false;
    size_t front = (cap - c->n) / 2;
    if (c->n)
        memcpy(v + front, c->cards, c->n * sizeof *v);
    free(c->cards ? c->cards - c->front : NULL);
    c->cards = v + front;
    c->front = front;
    c->cap = cap;
    return true;
}

void bd_detach(pb_board *b, uint32_t slot)
{
    bd_card *card = bd_card_at(b, slot);
    if (card->col == BD_NONE)
        return;
    bd_column *c = &b->cols[card->col];
    size_t i = bd_index_of(b, slot);
    if (i != SIZE_MAX) {
        if (i < c->n / 2) {   /* the cards before it move down one */
            memmove(&c->cards[1], &c->cards[0], i * sizeof *c->cards);
            c->cards++;
            c->front++;
        } else {
            memmove(&c->cards[i], &c->cards[i + 1], (c->n - i - 1) * sizeof *c->cards);
        }
        c->n--;
    }
    card->col = BD_NONE;
    bd_touch(b);
}

bool bd_attach(pb_board *b, uint32_t slot, size_t col)
{
    bd_card *card = bd_card_at(b, slot);
    if (card->col != BD_NONE)
        bd_detach(b, slot);
    if (col >= b->stages.n)
        return false;
    bd_column *c = &b->cols[col];
    size_t i = lower_bound(b, c, &card->opp);
    bool at_front = i < c->n / 2 || (i == 0 && c->front > 0);
    if (!make_room(c, at_front))
        return false;
    if (at_front) {   /* the cards before it move up one */
        c->cards--;
        c->front--;
        memmove(&c->cards[0], &c->cards[1], i * sizeof *c->cards);
    } else {
        memmove(&c->cards[i + 1], &c->cards[i], (c->n - i) * sizeof *c->cards);
    }
    c->cards[i] = slot;
    c->n++;
    card->col = (uint32_t)col;
    bd_touch(b);
    return true;
}

void bd_place(pb_board *b, uint32_t slot)
{
    bd_card *card = bd_card_at(b, slot);
    size_t col = card->live && !card->opp.deleted ? bd_stage_col(b, card->opp.stage)
                                                  : b->stages.n;
    if (col >= b->stages.n) {
        bd_detach(b, slot);
        return;
    }
    if (bd_within_prefix(&b->cols[col], &card->opp))
        bd_attach(b, slot, col);
    else
        bd_detach(b, slot);
}

bool bd_within_prefix(const bd_column *c, const pb_opp *o)
{
    if (bd_column_complete(c))
        return true;
    if (!c->has_front)
        return false;
    pb_opp f;
    f.position = c->front_pos;
    f.id = c->front_id;
    return bd_opp_cmp(o, &f) <= 0;
}
