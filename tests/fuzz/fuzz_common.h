/* fuzz_common.h - helpers shared by the libFuzzer targets (tests/fuzz/fuzz_*.c).
 *
 * Promises: fz_cstr gives a NUL-terminated malloc'd copy of the input (for
 * parsers that read C strings); FZ_CHECK turns a broken promise of the code
 * under test into a crash that libFuzzer records (message on stderr, then
 * abort), so targets check properties, not only memory safety. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_CHECK(cond, ...)                                           \
    do {                                                              \
        if (!(cond)) {                                                \
            fprintf(stderr, "%s:%d: broken promise: %s: ", __FILE__, \
                    __LINE__, #cond);                                 \
            fprintf(stderr, __VA_ARGS__);                             \
            fputc('\n', stderr);                                      \
            abort();                                                  \
        }                                                             \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline char *fz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
