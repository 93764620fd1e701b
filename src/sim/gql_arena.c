/* gql_arena.c - bump allocator; see gql_arena.h. */
#include "sim/gql_arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct gql_arena_block {
    gql_arena_block *next;
    size_t used, cap;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void *gql_arena_alloc(gql_arena *a, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n == 0)
        n = ARENA_ALIGN;
    gql_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        gql_arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && cap != ARENA_BLOCK) { /* a big one-off: keep the current block in front */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *gql_arena_strndup(gql_arena *a, const char *s, size_t n)
{
    char *p = gql_arena_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *gql_arena_strdup(gql_arena *a, const char *s)
{
    return s ? gql_arena_strndup(a, s, strlen(s)) : NULL;
}

char *gql_arena_printf(gql_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = gql_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *gql_arena_grow(gql_arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        void *p = gql_arena_alloc(a, nc * size);
        if (!p)
            return NULL;
        if (*n)
            memcpy(p, *items, *n * size);
        *items = p;
        *cap = nc;
    }
    void *el = (char *)*items + *n * size;
    memset(el, 0, size);
    (*n)++;
    return el;
}

void gql_arena_free(gql_arena *a)
{
    gql_arena_block *b = a->head;
    while (b) {
        gql_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
