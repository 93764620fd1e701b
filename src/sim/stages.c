/* stages.c - the opportunity stage sets: Twenty's default five, the demo
 * pipeline, or a JSON file [{"value","label","color","position"}, ...].
 * A file is validated strictly: a non-empty list of objects whose values are
 * unique UPPER_SNAKE_CASE strings; the option first by position is the default. */
#include "sim/schema_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

typedef struct stage_tpl {
    const char *value, *label, *color;
} stage_tpl;

static const stage_tpl k_default[] = {
    {"NEW", "New", "red"},
    {"SCREENING", "Screening", "purple"},
    {"MEETING", "Meeting", "sky"},
    {"PROPOSAL", "Proposal", "turquoise"},
    {"CUSTOMER", "Customer", "yellow"},
};

static const stage_tpl k_demo[] = {
    {"DISCOVERY", "Discovery", "sky"},
    {"PROPOSAL", "Proposal", "purple"},
    {"NEGOTIATION", "Negotiation", "yellow"},
    {"CLOSED_WON", "Closed won", "green"},
    {"CLOSED_LOST", "Closed lost", "red"},
};

static const char *const k_colors[] = {"red",   "purple", "sky",  "turquoise", "yellow", "green",
                                       "blue",  "orange", "pink", "gray",      "grey",   "brown",
                                       "amber", "lime",   "cyan", "iris",      "violet", "tomato",
                                       "crimson", "ruby", "mint", "jade",      "grass",  "gold",
                                       "bronze", "plum",  "tangerine"};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static bool set_option(sim_select_option *o, const char *value, const char *label,
                       const char *color, int position)
{
    char key[160];
    snprintf(key, sizeof key, "option:stage:%s", value);
    sim_metadata_id(key, o->id);
    o->value = dup_str(value);
    o->label = dup_str(label);
    o->color = dup_str(color);
    o->position = position;
    return o->value && o->label && o->color;
}

static bool load_builtin(sim_schema *s, const stage_tpl *t, int n, sim_error *err)
{
    s->stages = calloc((size_t)n, sizeof *s->stages);
    if (!s->stages)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    s->nstages = n;
    for (int i = 0; i < n; i++)
        if (!set_option(&s->stages[i], t[i].value, t[i].label, t[i].color, i))
            return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    s->default_stage = 0;
    return true;
}

static bool is_upper_snake(const char *v)
{
    if (!(*v >= 'A' && *v <= 'Z'))
        return false;
    for (const char *p = v; *p; p++) {
        bool ok = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
        if (!ok || (*p == '_' && (p[1] == '_' || p[1] == '\0')))
            return false;
    }
    return strlen(v) <= 63;
}

static bool known_color(const char *c)
{
    for (size_t i = 0; i < sizeof k_colors / sizeof *k_colors; i++)
        if (strcmp(c, k_colors[i]) == 0)
            return true;
    return false;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool bad_file(sim_error *err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool bad_file(sim_error *err, const char *path, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return sim_fail(err, 400, "BadRequestException", "stages file %s: %s", path, what);
}

static bool load_file(sim_schema *s, const char *path, sim_error *err)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text)
        return sim_fail(err, 400, "BadRequestException", "stages file %s: cannot read it (%s)",
                        path, strerror(errno));
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    if (!root)
        return bad_file(err, path, "not valid JSON");
    bool ok = false;
    int n = cJSON_IsArray(root) ? cJSON_GetArraySize(root) : -1;
    if (n < 0) {
        bad_file(err, path, "expected a JSON list of options");
        goto out;
    }
    if (n == 0) {
        bad_file(err, path, "the list of options is empty");
        goto out;
    }
    s->stages = calloc((size_t)n, sizeof *s->stages);
    if (!s->stages) {
        sim_fail(err, 500, "InternalServerErrorException", "out of memory");
        goto out;
    }
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, root)
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "value");
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(it, "label");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(it, "color");
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(it, "position");
        if (!cJSON_IsObject(it)) {
            bad_file(err, path, "option %d is not an object", i + 1);
            goto out;
        }
        if (!cJSON_IsString(v) || !is_upper_snake(v->valuestring)) {
            bad_file(err, path,
                     "option %d: \"value\" must be an UPPER_SNAKE_CASE string (like CLOSED_WON)",
                     i + 1);
            goto out;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(s->stages[j].value, v->valuestring) == 0) {
                bad_file(err, path, "option value %s appears twice", v->valuestring);
                goto out;
            }
        if (l && (!cJSON_IsString(l) || !l->valuestring[0])) {
            bad_file(err, path, "option %s: \"label\" must be a non-empty string",
                     v->valuestring);
            goto out;
        }
        if (c && (!cJSON_IsString(c) || !known_color(c->valuestring))) {
            bad_file(err, path,
                     "option %s: unknown \"color\" (try red, purple, sky, turquoise, yellow, "
                     "green, blue, orange, pink, gray)",
                     v->valuestring);
            goto out;
        }
        if (p && (!cJSON_IsNumber(p) || !(p->valuedouble >= -1e9 && p->valuedouble <= 1e9) ||
                  p->valuedouble != (double)(int)p->valuedouble)) {
            bad_file(err, path, "option %s: \"position\" must be an integer", v->valuestring);
            goto out;
        }
        if (!set_option(&s->stages[i], v->valuestring, l ? l->valuestring : v->valuestring,
                        c ? c->valuestring : "gray", p ? (int)p->valuedouble : i)) {
            sim_fail(err, 500, "InternalServerErrorException", "out of memory");
            s->nstages = i + 1;
            goto out;
        }
        i++;
        s->nstages = i;
    }
    /* stable insertion sort by position */
    for (int a = 1; a < n; a++) {
        sim_select_option o = s->stages[a];
        int b = a - 1;
        while (b >= 0 && s->stages[b].position > o.position) {
            s->stages[b + 1] = s->stages[b];
            b--;
        }
        s->stages[b + 1] = o;
    }
    s->default_stage = 0;
    ok = true;
out:
    cJSON_Delete(root);
    return ok;
}

bool sim_stages_load(sim_schema *s, const char *spec, sim_error *err)
{
    s->stages = NULL;
    s->nstages = 0;
    s->default_stage = 0;
    bool ok;
    if (!spec || !*spec || strcmp(spec, "default") == 0)
        ok = load_builtin(s, k_default, 5, err);
    else if (strcmp(spec, "demo") == 0)
        ok = load_builtin(s, k_demo, 5, err);
    else
        ok = load_file(s, spec, err);
    if (!ok)
        sim_stages_free(s);
    return ok;
}

void sim_stages_free(sim_schema *s)
{
    for (int i = 0; i < s->nstages; i++) {
        free(s->stages[i].value);
        free(s->stages[i].label);
        free(s->stages[i].color);
    }
    free(s->stages);
    s->stages = NULL;
    s->nstages = 0;
}
