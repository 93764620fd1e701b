/* intern.c - string interner and string pool (see intern.h). */
#include "util/intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

void pb_interner_init(pb_interner *in)
{
    memset(in, 0, sizeof *in);
}

void pb_interner_free(pb_interner *in)
{
    pb_arena_free(&in->arena);
    free(in->slots);
    free(in->lens);
    memset(in, 0, sizeof *in);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;   /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static bool grow(pb_interner *in)
{
    size_t cap = in->cap ? in->cap * 2 : 64;
    const char **slots = calloc(cap, sizeof *slots);
    size_t *lens = calloc(cap, sizeof *lens);
    if (!slots || !lens) {
        free(slots);
        free(lens);
        return false;
    }
    for (size_t i = 0; i < in->cap; i++) {
        if (!in->slots[i])
            continue;
        size_t j = hash_bytes(in->slots[i], in->lens[i]) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = in->slots[i];
        lens[j] = in->lens[i];
    }
    free(in->slots);
    free(in->lens);
    in->slots = slots;
    in->lens = lens;
    in->cap = cap;
    return true;
}

const char *pb_intern(pb_interner *in, const char *s, size_t n)
{
    if ((in->count + 1) * 4 > in->cap * 3 && !grow(in))
        return NULL;
    size_t j = hash_bytes(s, n) & (in->cap - 1);
    while (in->slots[j]) {
        if (in->lens[j] == n && memcmp(in->slots[j], s, n) == 0)
            return in->slots[j];
        j = (j + 1) & (in->cap - 1);
    }
    char *copy = pb_arena_strndup(&in->arena, s, n);
    if (!copy)
        return NULL;
    in->slots[j] = copy;
    in->lens[j] = n;
    in->count++;
    return copy;
}

const char *pb_intern_cstr(pb_interner *in, const char *s)
{
    return pb_intern(in, s, strlen(s));
}

size_t pb_interner_count(const pb_interner *in)
{
    return in->count;
}

void pb_strpool_init(pb_strpool *sp)
{
    pb_arena_init(&sp->arena);
    pb_interner_init(&sp->intern);
}

void pb_strpool_free(pb_strpool *sp)
{
    pb_arena_free(&sp->arena);
    pb_interner_free(&sp->intern);
}

const char *pb_strpool_dup(pb_strpool *sp, const char *s, size_t n, bool intern)
{
    if (pb_utf8_valid(s, n))
        return intern ? pb_intern(&sp->intern, s, n) : pb_arena_strndup(&sp->arena, s, n);
    pb_buf b = PB_BUF_INIT;
    if (!pb_utf8_repair_append(&b, s, n)) {
        pb_buf_free(&b);
        return NULL;
    }
    const char *r = intern ? pb_intern(&sp->intern, b.data, b.len)
                           : pb_arena_strndup(&sp->arena, b.data, b.len);
    pb_buf_free(&b);
    return r;
}
