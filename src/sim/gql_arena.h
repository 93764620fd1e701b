/* gql_arena.h - a bump allocator for one GraphQL request.
 *
 * Promises: everything allocated from an arena is zeroed, aligned for any
 * type, and freed at once by gql_arena_free; allocation failures return NULL
 * (callers report "out of memory"), they never abort. Growable arrays
 * (gql_arena_grow) live in the arena too, so an error path leaks nothing. */
#ifndef SIM_GQL_ARENA_H
#define SIM_GQL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct gql_arena_block gql_arena_block;

typedef struct gql_arena {
    gql_arena_block *head;
} gql_arena;

void *gql_arena_alloc(gql_arena *a, size_t n);
char *gql_arena_strdup(gql_arena *a, const char *s);
char *gql_arena_strndup(gql_arena *a, const char *s, size_t n);
char *gql_arena_printf(gql_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes room for one more element in the array *items (count *n, capacity *cap,
 * element size `size`); returns a pointer to the new zeroed element and bumps *n. */
void *gql_arena_grow(gql_arena *a, void **items, size_t *n, size_t *cap, size_t size);
void gql_arena_free(gql_arena *a);

#endif
