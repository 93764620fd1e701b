/* fuzz_key_spec.c - key specs of `bind` lines (ui/keymap.h) on any text:
 * parsing never crashes; a key that parses has a display name that fits
 * any buffer with the snprintf contract; binding the text succeeds exactly
 * when it parses, and then the key does the bound action; a refused bind
 * says why in a terminated message. */
#include "fuzz_common.h"
#include "ui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);
    ui_key k;
    bool ok = keymap_parse_key(text, &k);
    keymap_reset();
    char err[200];
    memset(err, 'x', sizeof err);
    bool bound = keymap_bind(UI_CTX_BOARD, text, UI_ACT_REFRESH, err, sizeof err);
    FZ_CHECK(bound == ok, "parse %d but bind %d", ok, bound);
    if (!bound) {
        FZ_CHECK(memchr(err, '\0', sizeof err) != NULL && err[0], "no message");
        free(text);
        return 0;
    }
    FZ_CHECK(keymap_lookup(UI_CTX_BOARD, k) == UI_ACT_REFRESH, "the bound key does not refresh");
    char full[64];
    size_t n = keymap_key_name(k, full, sizeof full);
    FZ_CHECK(n > 0 && n < sizeof full && strlen(full) == n, "name length %zu", n);
    for (size_t sz = 0; sz <= n + 1; sz++) {
        char small[64];
        memset(small, 'x', sizeof small);
        FZ_CHECK(keymap_key_name(k, small, sz) == n, "size %zu: length differs", sz);
        if (sz > 0)
            FZ_CHECK(memchr(small, '\0', sz) != NULL, "size %zu: not terminated", sz);
        FZ_CHECK(small[sz] == 'x', "size %zu: wrote past the buffer", sz);
    }
    free(text);
    return 0;
}
