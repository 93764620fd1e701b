/* secret.c - locked, zeroed-on-free strings; see secret.h. */
#include "net/secret.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

struct secret {
    char *text;        /* page-aligned, `size` bytes */
    size_t size;
    int locked;
};

secret *secret_new(const char *prefix, const char *value)
{
    /* See secret.h: copies of the key outside these pages (environment,
     * libcurl's buffers) cannot be kept out of a core dump, so no core dump.
     * Best effort: a kernel without prctl only loses this protection. */
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    size_t plen = strlen(prefix), vlen = strlen(value);
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        page = 4096;
    secret *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->size = ((plen + vlen + 1) / (size_t)page + 1) * (size_t)page;
    void *mem = NULL;
    if (posix_memalign(&mem, (size_t)page, s->size) != 0) {
        free(s);
        return NULL;
    }
    s->text = mem;
    /* Best effort: a low RLIMIT_MEMLOCK only costs the swap guarantee. */
    s->locked = mlock(s->text, s->size) == 0;
#ifdef MADV_DONTDUMP
    (void)madvise(s->text, s->size, MADV_DONTDUMP);
#endif
    memcpy(s->text, prefix, plen);
    memcpy(s->text + plen, value, vlen);
    s->text[plen + vlen] = '\0';
    return s;
}

char *secret_text(secret *s)
{
    return s->text;
}

void secret_free(secret *s)
{
    if (!s)
        return;
    explicit_bzero(s->text, s->size);
    if (s->locked)
        (void)munlock(s->text, s->size);
#ifdef MADV_DODUMP
    (void)madvise(s->text, s->size, MADV_DODUMP);
#endif
    free(s->text);
    free(s);
}

bool secret_process_undumpable(void)
{
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}
