/* arena.c - bump allocator (see arena.h). */
#include "util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pb_arena_chunk {
    pb_arena_chunk *next;
    size_t cap;
    size_t used;
    max_align_t data[];
};

#define ALIGN (alignof(max_align_t))

void pb_arena_init(pb_arena *a)
{
    a->head = NULL;
    a->bytes = 0;
}

static pb_arena_chunk *chunk_new(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(pb_arena_chunk))
        return NULL;
    pb_arena_chunk *c = malloc(sizeof(pb_arena_chunk) + cap);
    if (!c)
        return NULL;
    c->next = NULL;
    c->cap = cap;
    c->used = 0;
    return c;
}

void *pb_arena_alloc(pb_arena *a, size_t n)
{
    if (n > SIZE_MAX - ALIGN)
        return NULL;
    size_t need = (n + ALIGN - 1) / ALIGN * ALIGN;
    if (need == 0)
        need = ALIGN;
    pb_arena_chunk *h = a->head;
    if (h && h->cap - h->used >= need) {
        void *p = (char *)h->data + h->used;
        h->used += need;
        a->bytes += n;
        return p;
    }
    if (need > PB_ARENA_CHUNK_SIZE / 4) {
        /* A big allocation gets its own chunk, linked behind the head so
         * the head's free space stays in use. */
        pb_arena_chunk *c = chunk_new(need);
        if (!c)
            return NULL;
        c->used = need;
        if (h) {
            c->next = h->next;
            h->next = c;
        } else {
            a->head = c;
        }
        a->bytes += n;
        return c->data;
    }
    pb_arena_chunk *c = chunk_new(PB_ARENA_CHUNK_SIZE);
    if (!c)
        return NULL;
    c->next = h;
    a->head = c;
    c->used = need;
    a->bytes += n;
    return c->data;
}

char *pb_arena_strndup(pb_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = pb_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pb_arena_strdup(pb_arena *a, const char *s)
{
    return pb_arena_strndup(a, s, strlen(s));
}

size_t pb_arena_used(const pb_arena *a)
{
    return a->bytes;
}

void pb_arena_free(pb_arena *a)
{
    pb_arena_chunk *c = a->head;
    while (c) {
        pb_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    pb_arena_init(a);
}
