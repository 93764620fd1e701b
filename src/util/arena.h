/* arena.h - a bump allocator for strings and small records.
 *
 * Promises: allocations are aligned for any type, stay valid and never move
 * until pb_arena_free, which releases everything at once. Allocations bigger
 * than a chunk get a chunk of their own. On out-of-memory the functions
 * return NULL and the arena stays usable. A zeroed pb_arena is a valid empty
 * arena (PB_ARENA_INIT). */
#ifndef PB_UTIL_ARENA_H
#define PB_UTIL_ARENA_H

#include <stddef.h>

typedef struct pb_arena_chunk pb_arena_chunk;

typedef struct pb_arena {
    pb_arena_chunk *head;   /* the chunk being filled, then older ones */
    size_t bytes;           /* bytes handed out so far */
} pb_arena;

#define PB_ARENA_INIT {NULL, 0}
#define PB_ARENA_CHUNK_SIZE 16384

void pb_arena_init(pb_arena *a);
void *pb_arena_alloc(pb_arena *a, size_t n);          /* n == 0 gives a valid pointer */
char *pb_arena_strndup(pb_arena *a, const char *s, size_t n);   /* copies n bytes + NUL */
char *pb_arena_strdup(pb_arena *a, const char *s);
size_t pb_arena_used(const pb_arena *a);
void pb_arena_free(pb_arena *a);                      /* releases all; a is empty again */

#endif
