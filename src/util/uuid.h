/* uuid.h - record ids as 16 bytes.
 *
 * Promises: pb_id_parse accepts exactly the 36-character 8-4-4-4-12 form in
 * hexadecimal of either case (no braces, no "urn:uuid:", no surrounding
 * spaces) and rejects everything else; pb_id_format writes lower case, as
 * Twenty does. The all-zero id (the "nil" id) stands for "no id" in records
 * (a null foreign key). pb_id_cmp orders like the lower-case text does,
 * which is Twenty's default `id` order. */
#ifndef PB_UTIL_UUID_H
#define PB_UTIL_UUID_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pb_id {
    unsigned char b[16];
} pb_id;

#define PB_ID_STRLEN 36
#define PB_ID_BUFSZ 37

bool pb_id_parse(const char *s, pb_id *out);                 /* NUL-terminated */
bool pb_id_parse_n(const char *s, size_t n, pb_id *out);     /* exactly n bytes */
void pb_id_format(const pb_id *id, char out[PB_ID_BUFSZ]);
bool pb_id_equal(const pb_id *a, const pb_id *b);
bool pb_id_is_nil(const pb_id *id);
int pb_id_cmp(const pb_id *a, const pb_id *b);
pb_id pb_id_nil(void);
/* A version-4 (random) id from 16 caller-supplied random bytes (e.g. from
 * getrandom): sets the version and variant bits, so the result is never nil.
 * For creates with a client-chosen id (twenty_build_create). */
pb_id pb_id_make_v4(const unsigned char random[16]);

#endif
