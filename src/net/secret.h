/* secret.h - a string that must not leak: the API key's header line.
 *
 * Promises: the bytes live in their own page-aligned allocation, locked in
 * RAM when the system allows it (never swapped) and excluded from core
 * dumps; secret_free() zeroes them (explicit_bzero, which the compiler may
 * not drop) before releasing. Never printed, never logged. */
#ifndef NET_SECRET_H
#define NET_SECRET_H

#include <stddef.h>

typedef struct secret secret;

/* A secret holding prefix followed by value (e.g. "Authorization: Bearer "
 * and the key), NUL-terminated. NULL when memory runs out. */
secret *secret_new(const char *prefix, const char *value);

/* The NUL-terminated text (valid until secret_free). Not const because
 * libcurl's header list takes `char *`; nobody writes through it. */
char *secret_text(secret *s);

void secret_free(secret *s);

#endif
