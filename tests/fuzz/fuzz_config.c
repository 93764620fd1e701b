/* fuzz_config.c - the config file parser (app/config.h) on any text: it
 * never crashes, keeps at most CONFIG_MAX_DIAG diagnostics, each a
 * terminated "FILE:LINE: reason" line without control bytes (they reach
 * stderr and the status line), and every profile it found resolves. */
#include "fuzz_common.h"
#include "app/config.h"
#include "util/sanitize.h"

static void check_text(const char *s, size_t cap, const char *what)
{
    FZ_CHECK(memchr(s, '\0', cap) != NULL, "%s not terminated", what);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        FZ_CHECK(*p >= 0x20 && *p != 0x7f, "%s has control byte 0x%02x", what, *p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);
    pb_config c;
    config_init(&c, "fz.conf");
    int n = config_parse(&c, text);
    FZ_CHECK(n >= 0 && c.ndiag >= 0 && c.ndiag <= CONFIG_MAX_DIAG, "ndiag %d", c.ndiag);
    FZ_CHECK(n == c.ndiag && c.dropped_diag >= 0, "returned %d, kept %d", n, c.ndiag);
    for (int i = 0; i < c.ndiag; i++) {
        check_text(c.diag[i], sizeof c.diag[i], "diagnostic");
        FZ_CHECK(pb_sanitize_is_clean(c.diag[i], strlen(c.diag[i])), "diagnostic not clean: %s",
                 c.diag[i]);
        FZ_CHECK(strncmp(c.diag[i], "fz.conf:", 8) == 0, "diagnostic without file: %s",
                 c.diag[i]);
    }
    FZ_CHECK(c.nprofiles >= 0 && c.nprofiles <= CONFIG_MAX_PROFILES, "nprofiles %d",
             c.nprofiles);
    for (int p = -1; p < c.nprofiles; p++) {
        config_settings s;
        const config_bind *b, *pb;
        int nb, npb;
        const char *name = p < 0 ? NULL : c.profiles[p].name;
        FZ_CHECK(!name || memchr(name, '\0', sizeof c.profiles[p].name), "profile name");
        FZ_CHECK(config_resolve(&c, name, &s, &b, &nb, &pb, &npb), "profile %d does not resolve",
                 p);
        FZ_CHECK(nb >= 0 && nb <= CONFIG_MAX_BINDS && npb >= 0 && npb <= CONFIG_MAX_BINDS,
                 "binds %d %d", nb, npb);
        for (int i = 0; i < nb; i++) {
            check_text(b[i].context, sizeof b[i].context, "bind context");
            check_text(b[i].key, sizeof b[i].key, "bind key");
            check_text(b[i].action, sizeof b[i].action, "bind action");
        }
        FZ_CHECK(s.page_size >= 0 && s.rate_limit >= 0, "page_size %d rate_limit %d",
                 s.page_size, s.rate_limit);
    }
    config_free(&c);
    free(text);
    return 0;
}
