/* config.c - parse the configuration file, keep going after errors. */
#include "app/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/sanitize.h"

#define CONFIG_MAX_BYTES (256 * 1024)

void config_init(pb_config *c, const char *file_name)
{
    memset(c, 0, sizeof *c);
    snprintf(c->file, sizeof c->file, "%s", file_name ? file_name : "config");
}

/* Copies text into dst (cap bytes) with its control characters, escape
 * sequences and bidi controls made visible (util/sanitize.h): a diagnostic
 * quotes the file, and goes to stderr and the status line. Cut at a UTF-8
 * character boundary when it does not fit. */
static void store_clean(char *dst, size_t cap, const char *text)
{
    char *clean = pb_sanitize(text);
    const char *src = clean ? clean : "(a diagnostic could not be stored)";
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    free(clean);
}

static void diag(pb_config *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void diag(pb_config *c, int line, const char *fmt, ...)
{
    if (c->ndiag >= CONFIG_MAX_DIAG) {
        c->dropped_diag++;
        return;
    }
    char msg[161];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char out[sizeof c->diag[0]];
    if (line > 0)
        snprintf(out, sizeof out, "%.200s:%d: %.160s", c->file, line, msg);
    else
        snprintf(out, sizeof out, "%.200s: %.160s", c->file, msg);
    store_clean(c->diag[c->ndiag++], sizeof c->diag[0], out);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* A value may be quoted with "…" or '…' to keep leading/trailing spaces or a '#'. */
static bool unquote(char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
        memmove(v, v + 1, n - 2);
        v[n - 2] = '\0';
        return true;
    }
    return !(n >= 1 && (v[0] == '"' || v[0] == '\''));
}

static bool has_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

static void set_str(char **slot, const char *v)
{
    free(*slot);
    *slot = strdup(v);
}

static bool parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static void set_setting(pb_config *c, config_profile *p, int line, const char *name, char *value)
{
    if (!unquote(value)) {
        diag(c, line, "unbalanced quote in the value of '%s'", name);
        return;
    }
    if (has_controls(value)) {
        diag(c, line, "control characters in the value of '%s'", name);
        return;
    }
    config_settings *s = &p->s;
    if (!strcmp(name, "url")) {
        if (strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) {
            diag(c, line, "url must start with http:// or https://");
            return;
        }
        set_str(&s->url, value);
    } else if (!strcmp(name, "api_key")) {
        if (!*value) {
            diag(c, line, "api_key is empty");
            return;
        }
        set_str(&s->api_key, value);
    } else if (!strcmp(name, "api_key_command")) {
        if (!*value) {
            diag(c, line, "api_key_command is empty");
            return;
        }
        set_str(&s->api_key_command, value);
    } else if (!strcmp(name, "theme")) {
        if (!*value || strchr(value, '/')) {
            diag(c, line, "theme must be a theme name, not a path");
            return;
        }
        set_str(&s->theme, value);
    } else if (!strcmp(name, "ca_file")) {
        set_str(&s->ca_file, value);
    } else if (!strcmp(name, "page_size")) {
        if (!parse_int(value, 1, 200, &s->page_size))
            diag(c, line, "page_size must be a whole number from 1 to 200");
    } else if (!strcmp(name, "rate_limit")) {
        if (!parse_int(value, 1, 10000, &s->rate_limit))
            diag(c, line, "rate_limit must be requests per minute, from 1 to 10000");
    } else {
        diag(c, line, "unknown setting '%s'", name);
    }
}

static void add_bind(pb_config *c, config_profile *p, int line, char *rest)
{
    char *words[4];
    int n = 0;
    for (char *save = NULL, *w = strtok_r(rest, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (n == 4) {
            n++;
            break;
        }
        words[n++] = w;
    }
    if (n != 3) {
        diag(c, line, "bind needs three words: bind <context> <key> <action>");
        return;
    }
    if (p->nbinds >= CONFIG_MAX_BINDS) {
        diag(c, line, "too many bind lines (at most %d)", CONFIG_MAX_BINDS);
        return;
    }
    config_bind *b = &p->binds[p->nbinds];
    if (strlen(words[0]) >= sizeof b->context || strlen(words[1]) >= sizeof b->key ||
        strlen(words[2]) >= sizeof b->action) {
        diag(c, line, "bind: a word is too long");
        return;
    }
    for (int i = 0; i < 3; i++) {
        if (!pb_sanitize_is_clean(words[i], strlen(words[i]))) {
            /* they would reach the terminal in a later "unknown key" message */
            diag(c, line, "bind: control characters or invalid UTF-8 in a word");
            return;
        }
    }
    strcpy(b->context, words[0]);
    strcpy(b->key, words[1]);
    strcpy(b->action, words[2]);
    b->line = line;
    p->nbinds++;
}

static config_profile *start_profile(pb_config *c, int line, char *header)
{
    size_t n = strlen(header);
    if (n < 2 || header[n - 1] != ']') {
        diag(c, line, "a section header looks like [profile NAME]");
        return NULL;
    }
    header[n - 1] = '\0';
    char *inner = trim(header + 1);
    if (strncmp(inner, "profile", 7) != 0 || (inner[7] != ' ' && inner[7] != '\t')) {
        diag(c, line, "unknown section [%s] (only [profile NAME])", inner);
        return NULL;
    }
    char *name = trim(inner + 7);
    size_t len = strlen(name);
    bool ok = len > 0 && len < sizeof c->profiles[0].name;
    for (size_t i = 0; ok && i < len; i++)
        ok = isalnum((unsigned char)name[i]) || name[i] == '-' || name[i] == '_' || name[i] == '.';
    if (!ok) {
        diag(c, line, "a profile name is letters, digits, '-', '_' and '.'");
        return NULL;
    }
    for (int i = 0; i < c->nprofiles; i++)
        if (!strcmp(c->profiles[i].name, name)) {
            diag(c, line, "profile '%s' defined twice; the settings are merged", name);
            return &c->profiles[i];
        }
    if (c->nprofiles >= CONFIG_MAX_PROFILES) {
        diag(c, line, "too many profiles (at most %d)", CONFIG_MAX_PROFILES);
        return NULL;
    }
    config_profile *p = &c->profiles[c->nprofiles++];
    snprintf(p->name, sizeof p->name, "%s", name);
    return p;
}

int config_parse(pb_config *c, const char *text)
{
    char *copy = strdup(text ? text : "");
    if (!copy) {
        diag(c, 0, "out of memory");
        return c->ndiag;
    }
    config_profile *cur = &c->base;
    bool skipping = false; /* inside a bad section header: ignore its lines */
    int line = 0;
    for (char *save = NULL, *raw = copy, *nl; raw; raw = save) {
        nl = strchr(raw, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        line++;
        char *s = trim(raw);
        if (*s == '#' || !*s)
            continue;
        if (*s == '[') {
            config_profile *p = start_profile(c, line, s);
            skipping = p == NULL;
            if (p)
                cur = p;
            continue;
        }
        if (skipping)
            continue;
        if (!strncmp(s, "bind", 4) && (s[4] == ' ' || s[4] == '\t')) {
            add_bind(c, cur, line, s + 5);
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            diag(c, line, "expected 'name = value', 'bind …' or '[profile NAME]'");
            continue;
        }
        *eq = '\0';
        char *name = trim(s);
        char *value = eq + 1;
        /* a comment after the value, unless the value is quoted */
        value = trim(value);
        if (*value != '"' && *value != '\'') {
            char *hash = strstr(value, " #");
            if (hash)
                *hash = '\0';
            value = trim(value);
        }
        if (!*name) {
            diag(c, line, "a setting needs a name before '='");
            continue;
        }
        set_setting(c, cur, line, name, value);
    }
    free(copy);
    return c->ndiag;
}

bool config_load(pb_config *c, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return true;
        diag(c, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX_BYTES) {
        close(fd);
        diag(c, 0, "not a regular file of at most %d KiB", CONFIG_MAX_BYTES / 1024);
        return false;
    }
    if (st.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH))
        diag(c, 0, "readable or writable by others (mode %03o): it may hold an API key; "
                   "chmod 600 it",
             (unsigned)(st.st_mode & 0777));
    char *buf = malloc((size_t)st.st_size + 1);
    ssize_t got = buf ? read(fd, buf, (size_t)st.st_size) : -1;
    close(fd);
    if (got != st.st_size) {
        free(buf);
        diag(c, 0, "cannot read the whole file");
        return false;
    }
    buf[got] = '\0';
    if (memchr(buf, '\0', (size_t)got)) {
        free(buf);
        diag(c, 0, "binary data (a NUL byte) in the file");
        return false;
    }
    config_parse(c, buf);
    free(buf);
    return true;
}

static void settings_free(config_settings *s)
{
    free(s->url);
    if (s->api_key) {
        explicit_bzero(s->api_key, strlen(s->api_key));
        free(s->api_key);
    }
    free(s->api_key_command);
    free(s->theme);
    free(s->ca_file);
    memset(s, 0, sizeof *s);
}

void config_free(pb_config *c)
{
    settings_free(&c->base.s);
    for (int i = 0; i < c->nprofiles; i++)
        settings_free(&c->profiles[i].s);
}

bool config_resolve(pb_config *c, const char *profile, config_settings *out,
                    const config_bind **binds, int *nbinds_base, const config_bind **pbinds,
                    int *nbinds_profile)
{
    *out = c->base.s;
    *binds = c->base.binds;
    *nbinds_base = c->base.nbinds;
    *pbinds = NULL;
    *nbinds_profile = 0;
    if (!profile)
        return true;
    for (int i = 0; i < c->nprofiles; i++) {
        config_profile *p = &c->profiles[i];
        if (strcmp(p->name, profile))
            continue;
        if (p->s.url)
            out->url = p->s.url;
        if (p->s.api_key)
            out->api_key = p->s.api_key;
        if (p->s.api_key_command)
            out->api_key_command = p->s.api_key_command;
        if (p->s.theme)
            out->theme = p->s.theme;
        if (p->s.ca_file)
            out->ca_file = p->s.ca_file;
        if (p->s.page_size)
            out->page_size = p->s.page_size;
        if (p->s.rate_limit)
            out->rate_limit = p->s.rate_limit;
        *pbinds = p->binds;
        *nbinds_profile = p->nbinds;
        return true;
    }
    diag(c, 0, "no [profile %s] section", profile);
    return false;
}
