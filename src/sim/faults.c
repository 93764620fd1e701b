/* faults.c - the fault rule parser and the per-request decision. */
#include "faults.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 12

static const char *const METHODS[] = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"};

static const struct { const char *name; sim_fault_kind kind; int arg; /* 0 none, 1 optional, 2 required, 3 a FILE */ }
KINDS[] = {
    {"500", SIM_FAULT_500, 0},           {"503", SIM_FAULT_503, 0},
    {"401", SIM_FAULT_401, 0},           {"404", SIM_FAULT_404, 0},
    {"429", SIM_FAULT_429, 1},           {"hang", SIM_FAULT_HANG, 2},
    {"close", SIM_FAULT_CLOSE, 0},       {"truncate", SIM_FAULT_TRUNCATE, 0},
    {"malformed", SIM_FAULT_MALFORMED, 0}, {"wrongshape", SIM_FAULT_WRONGSHAPE, 0},
    {"body", SIM_FAULT_BODY, 3},         /* 3: a FILE argument */
};

const char *sim_fault_kind_name(sim_fault_kind k)
{
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (KINDS[i].kind == k) return KINDS[i].name;
    return "none";
}

static bool is_method(const char *w)
{
    for (size_t i = 0; i < sizeof METHODS / sizeof METHODS[0]; i++)
        if (strcasecmp(w, METHODS[i]) == 0) return true;
    return false;
}

/* Decimal integer, digits only, in [lo, hi]. */
static bool parse_num(const char *s, long lo, long hi, long *out)
{
    if (*s == '\0' || strlen(s) > 19) return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p)) return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno != 0 || v < lo || v > hi) return false;
    *out = v;
    return true;
}

/* "0", "1", "0.25", ".5", "1.0" -> parts per million, exactly (no floats). */
static bool parse_rate(const char *s, uint32_t *ppm)
{
    const char *p = s;
    long whole = 0;
    bool any = false;
    while (isdigit((unsigned char)*p)) { whole = whole * 10 + (*p - '0'); p++; any = true; if (whole > 1) return false; }
    uint32_t frac = 0;
    int digits = 0;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            if (digits == 6) return false;   /* more precision than we keep */
            frac = frac * 10 + (uint32_t)(*p - '0');
            digits++; p++; any = true;
        }
    }
    if (!any || *p != '\0') return false;
    while (digits < 6) { frac *= 10; digits++; }
    uint64_t v = (uint64_t)whole * 1000000u + frac;
    if (v > 1000000u) return false;
    *ppm = (uint32_t)v;
    return true;
}

static void rule_free(sim_fault_rule *r)
{
    free(r->file);
    free(r->body);
    r->file = NULL;
    r->body = NULL;
    r->body_len = 0;
}

/* Reads the whole of path (at most SIM_FAULT_MAX_BODY bytes) into r->body. */
static bool read_body(const char *path, sim_fault_rule *r, char *err, size_t errlen, int idx)
{
    if (*path == '\0') {
        snprintf(err, errlen, "rule %d: 'body:' needs a FILE, e.g. body:/tmp/page.json", idx);
        return false;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        snprintf(err, errlen, "rule %d: body:%.200s: %s", idx, path, strerror(errno));
        return false;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap + 1);
    bool ok = buf != NULL;
    while (ok && len <= (size_t)SIM_FAULT_MAX_BODY) {   /* one byte past the cap tells */
        if (len == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (nb == NULL) { ok = false; break; }
            buf = nb;
            cap *= 2;
        }
        size_t want = cap - len;
        if (want > (size_t)SIM_FAULT_MAX_BODY + 1 - len) want = (size_t)SIM_FAULT_MAX_BODY + 1 - len;
        size_t got = fread(buf + len, 1, want, fp);
        len += got;
        if (got == 0) break;
    }
    bool rerr = ok && ferror(fp);
    fclose(fp);
    if (!ok) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    if (rerr) {
        free(buf);
        snprintf(err, errlen, "rule %d: body:%.200s: read error", idx, path);
        return false;
    }
    if (len > (size_t)SIM_FAULT_MAX_BODY) {
        free(buf);
        snprintf(err, errlen, "rule %d: body:%.200s: larger than %ld bytes", idx, path, SIM_FAULT_MAX_BODY);
        return false;
    }
    buf[len] = '\0';
    r->file = strdup(path);
    if (r->file == NULL) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    r->body = buf;
    r->body_len = len;
    return true;
}

/* Splits a rule into words; returns the count or -1 if too many. */
static int split_words(char *rule, char **w)
{
    int n = 0;
    for (char *p = rule;;) {
        while (*p && isspace((unsigned char)*p)) p++;
        if (*p == '\0') break;
        if (n == MAX_WORDS) return -1;
        w[n++] = p;
        while (*p && !isspace((unsigned char)*p)) p++;
        if (*p) *p++ = '\0';
    }
    return n;
}

static bool parse_kind(const char *word, sim_fault_rule *r, char *err, size_t errlen, int idx)
{
    const char *colon = strchr(word, ':');
    size_t nlen = colon ? (size_t)(colon - word) : strlen(word);
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        if (strlen(KINDS[i].name) != nlen || strncasecmp(KINDS[i].name, word, nlen) != 0) continue;
        r->kind = KINDS[i].kind;
        r->arg = r->kind == SIM_FAULT_429 ? 1 : 0;
        if (KINDS[i].arg == 3) {
            if (colon == NULL) {
                snprintf(err, errlen, "rule %d: '%s' needs a FILE, e.g. body:/tmp/page.json", idx, word);
                return false;
            }
            return read_body(colon + 1, r, err, errlen, idx);
        }
        if (colon == NULL) {
            if (KINDS[i].arg == 2) {
                snprintf(err, errlen, "rule %d: '%s' needs a duration in ms, e.g. %s:5000", idx, word, KINDS[i].name);
                return false;
            }
            return true;
        }
        if (KINDS[i].arg == 0) {
            snprintf(err, errlen, "rule %d: '%s' takes no ':ARG'", idx, word);
            return false;
        }
        if (!parse_num(colon + 1, r->kind == SIM_FAULT_429 ? 1 : 0, SIM_FAULT_MAX_ARG, &r->arg)) {
            snprintf(err, errlen, "rule %d: '%s': ARG must be an integer from %d to %ld", idx, word,
                     r->kind == SIM_FAULT_429 ? 1 : 0, SIM_FAULT_MAX_ARG);
            return false;
        }
        return true;
    }
    snprintf(err, errlen,
             "rule %d: unknown fault '%s' (expected 500, 503, 401, 404, 429[:SECONDS], hang:MS, close, "
             "truncate, malformed, wrongshape or body:FILE)", idx, word);
    return false;
}

static bool parse_option(const char *word, sim_fault_rule *r, unsigned *seen, char *err, size_t errlen, int idx)
{
    static const char *const names[] = {"every", "rate", "seed", "after", "count"};
    const char *eq = strchr(word, '=');
    int which = -1;
    if (eq != NULL)
        for (int i = 0; i < 5; i++)
            if (strlen(names[i]) == (size_t)(eq - word) && strncmp(word, names[i], (size_t)(eq - word)) == 0)
                which = i;
    if (which < 0) {
        snprintf(err, errlen, "rule %d: unexpected '%s' (options are every=N, rate=F, seed=S, after=N, count=N)",
                 idx, word);
        return false;
    }
    if (*seen & (1u << which)) {
        snprintf(err, errlen, "rule %d: '%s' given twice", idx, names[which]);
        return false;
    }
    *seen |= 1u << which;
    const char *v = eq + 1;
    bool ok = true;
    long n = 0;
    switch (which) {
    case 0: ok = parse_num(v, 1, 1000000000L, &r->every); break;
    case 1: ok = parse_rate(v, &r->rate_ppm); r->has_rate = ok; break;
    case 2: {
        ok = *v != '\0' && strlen(v) <= 20 && strspn(v, "0123456789") == strlen(v);
        if (ok) { errno = 0; r->seed = strtoull(v, NULL, 10); ok = errno == 0; }
        break;
    }
    case 3: ok = parse_num(v, 0, 1000000000000L, &r->after); break;
    case 4: ok = parse_num(v, 1, 1000000000L, &n); r->count = n; break;
    }
    if (!ok) {
        static const char *const want[] = {
            "an integer from 1 to 1000000000", "a fraction from 0 to 1 with at most 6 decimals, e.g. 0.25",
            "a non-negative integer", "an integer from 0 to 1000000000000", "an integer from 1 to 1000000000"};
        snprintf(err, errlen, "rule %d: '%s': %s must be %s", idx, word, names[which], want[which]);
        return false;
    }
    if ((*seen & 3u) == 3u) {
        snprintf(err, errlen, "rule %d: every= and rate= cannot be combined", idx);
        return false;
    }
    return true;
}

static bool parse_rule(char *text, sim_fault_rule *r, char *err, size_t errlen, int idx)
{
    char *w[MAX_WORDS];
    int n = split_words(text, w);
    if (n < 0) {
        snprintf(err, errlen, "rule %d: too many words", idx);
        return false;
    }
    memset(r, 0, sizeof *r);
    r->every = 1;
    r->seed = 1;
    int i = 0;
    if (n >= 1 && is_method(w[0])) {
        for (char *p = w[0]; *p; p++) *p = (char)toupper((unsigned char)*p);
        snprintf(r->method, sizeof r->method, "%s", w[0]);
        i = 1;
    } else if (n >= 3 && strcmp(w[0], "*") == 0 && (w[1][0] == '/' || w[1][0] == '*')) {
        i = 1;   /* explicit "any method" */
    }
    if (i >= n) {
        snprintf(err, errlen, "rule %d: missing PATH-GLOB and fault, e.g. '/rest/opportunities* 503'", idx);
        return false;
    }
    if (w[i][0] != '/' && w[i][0] != '*') {
        snprintf(err, errlen, "rule %d: '%s' is not a method or a path glob (a glob starts with / or *)", idx, w[i]);
        return false;
    }
    if (strlen(w[i]) >= sizeof r->glob) {
        snprintf(err, errlen, "rule %d: path glob too long", idx);
        return false;
    }
    snprintf(r->glob, sizeof r->glob, "%s", w[i]);
    i++;
    if (i >= n) {
        snprintf(err, errlen, "rule %d: missing the fault after '%s'", idx, r->glob);
        return false;
    }
    if (!parse_kind(w[i], r, err, errlen, idx)) return false;
    unsigned seen = 0;
    for (i++; i < n; i++)
        if (!parse_option(w[i], r, &seen, err, errlen, idx)) {
            rule_free(r);
            return false;
        }
    return true;
}

bool sim_faults_parse(const char *spec, sim_faults *out, char *err, size_t errlen)
{
    sim_faults tmp = {0};
    if (spec == NULL) spec = "";
    char *copy = strdup(spec);
    if (copy == NULL) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok = true;
    int idx = 0;
    char *save = NULL;
    for (char *rule = strtok_r(copy, ";\n", &save); rule != NULL; rule = strtok_r(NULL, ";\n", &save)) {
        char *first = rule + strspn(rule, " \t\r");
        if (*first == '\0' || *first == '#') continue;
        idx++;
        if (tmp.n == SIM_FAULT_MAX_RULES) {
            snprintf(err, errlen, "too many fault rules (at most %d)", SIM_FAULT_MAX_RULES);
            ok = false;
            break;
        }
        if (tmp.rules == NULL) {
            tmp.rules = calloc(SIM_FAULT_MAX_RULES, sizeof *tmp.rules);
            if (tmp.rules == NULL) {
                snprintf(err, errlen, "out of memory");
                ok = false;
                break;
            }
        }
        if (!parse_rule(first, &tmp.rules[tmp.n], err, errlen, idx)) {
            ok = false;
            break;
        }
        tmp.n++;
    }
    free(copy);
    if (!ok) {
        sim_faults_free(&tmp);
        return false;
    }
    *out = tmp;
    return true;
}

void sim_faults_free(sim_faults *f)
{
    if (f == NULL) return;
    for (size_t i = 0; f->rules != NULL && i < f->n; i++)
        rule_free(&f->rules[i]);
    free(f->rules);
    f->rules = NULL;
    f->n = 0;
}

/* splitmix64's finaliser over (seed, n): a fixed, well-mixed function. */
static uint64_t mix(uint64_t seed, uint64_t n)
{
    uint64_t z = seed + n * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

sim_fault sim_faults_decide(sim_faults *f, const char *method, const char *path)
{
    sim_fault out = {SIM_FAULT_NONE, 0, -1};
    if (f == NULL) return out;
    for (size_t i = 0; i < f->n; i++) {
        sim_fault_rule *r = &f->rules[i];
        if (r->method[0] != '\0' && strcmp(r->method, method) != 0) continue;
        if (fnmatch(r->glob, path, 0) != 0) continue;
        r->matched++;
        if (out.kind != SIM_FAULT_NONE) continue;
        if (r->matched <= r->after) continue;
        if (r->count > 0 && r->fired >= r->count) continue;
        uint64_t j = (uint64_t)(r->matched - r->after);
        bool fire = r->has_rate ? mix(r->seed, j) % 1000000u < r->rate_ppm : j % (uint64_t)r->every == 0;
        if (!fire) continue;
        r->fired++;
        out.kind = r->kind;
        out.arg = r->arg;
        out.rule = (int)i;
    }
    return out;
}

bool sim_faults_format(const sim_faults *f, char *buf, size_t buflen)
{
    size_t used = 0;
    if (buflen == 0) return false;
    buf[0] = '\0';
    for (size_t i = 0; f != NULL && i < f->n; i++) {
        const sim_fault_rule *r = &f->rules[i];
        char kind[300], opts[160] = "";
        if (r->kind == SIM_FAULT_BODY) {
            if (r->file == NULL || strlen(r->file) > 280) return false;
            snprintf(kind, sizeof kind, "body:%s", r->file);
        } else if (r->kind == SIM_FAULT_HANG || r->kind == SIM_FAULT_429)
            snprintf(kind, sizeof kind, "%s:%ld", sim_fault_kind_name(r->kind), r->arg);
        else
            snprintf(kind, sizeof kind, "%s", sim_fault_kind_name(r->kind));
        size_t o = 0;
        if (r->has_rate) {
            char frac[8];
            snprintf(frac, sizeof frac, "%06u", (unsigned)(r->rate_ppm % 1000000u));
            for (int k = 5; k >= 0 && frac[k] == '0'; k--) frac[k] = '\0';
            o += (size_t)snprintf(opts + o, sizeof opts - o, " rate=%u%s%s seed=%llu", (unsigned)(r->rate_ppm / 1000000u),
                                  frac[0] ? "." : "", frac, (unsigned long long)r->seed);
        } else if (r->every != 1) {
            o += (size_t)snprintf(opts + o, sizeof opts - o, " every=%ld", r->every);
        }
        if (r->after > 0) o += (size_t)snprintf(opts + o, sizeof opts - o, " after=%ld", r->after);
        if (r->count > 0) snprintf(opts + o, sizeof opts - o, " count=%ld", r->count);
        int n = snprintf(buf + used, buflen - used, "%s%s%s%s %s%s", i ? "; " : "", r->method,
                         r->method[0] ? " " : "", r->glob, kind, opts);
        if (n < 0 || (size_t)n >= buflen - used) return false;
        used += (size_t)n;
    }
    return true;
}
