/* stage_cache.c - load and save the stage list of a workspace. */
#include "app/stage_cache.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "app/paths.h"

#define CACHE_MAX_BYTES (64 * 1024)
#define CACHE_MAX_STAGES 64

static bool cache_path(const char *url, char *out, size_t outlen)
{
    char dir[1024], err[256];
    if (!paths_cache_dir(dir, sizeof dir, err, sizeof err))
        return false;
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    int n = snprintf(out, outlen, "%s/stages-%016llx.json", dir, (unsigned long long)h);
    return n > 0 && (size_t)n < outlen;
}

static char *read_small_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        st.st_size <= CACHE_MAX_BYTES) {
        buf = malloc((size_t)st.st_size + 1);
        if (buf && read(fd, buf, (size_t)st.st_size) == st.st_size)
            buf[st.st_size] = '\0';
        else {
            free(buf);
            buf = NULL;
        }
    }
    close(fd);
    return buf;
}

static const char *string_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

bool stage_cache_load(const char *url, pb_strpool *pool, pb_stage_list *out)
{
    memset(out, 0, sizeof *out);
    char path[1200];
    if (!cache_path(url, path, sizeof path))
        return false;
    char *text = read_small_file(path);
    if (!text)
        return false;
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "stages");
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;
    bool ok = n > 0 && n <= CACHE_MAX_STAGES;
    if (ok) {
        out->v = calloc((size_t)n, sizeof *out->v);
        ok = out->v != NULL;
    }
    const cJSON *item;
    const cJSON *items = ok ? list : NULL;
    cJSON_ArrayForEach(item, items)
    {
        const char *value = string_item(item, "value");
        const char *label = string_item(item, "label");
        const char *color = string_item(item, "color");
        const cJSON *pos = cJSON_GetObjectItemCaseSensitive(item, "position");
        if (!value || !*value || !label || !color || !cJSON_IsNumber(pos)) {
            ok = false;
            break;
        }
        pb_stage *s = &out->v[out->n++];
        s->value = pb_strpool_dup(pool, value, strlen(value), true);
        s->label = pb_strpool_dup(pool, label, strlen(label), false);
        s->color = pb_strpool_dup(pool, color, strlen(color), true);
        s->position = (int)pos->valuedouble;
        if (!s->value || !s->label || !s->color) {
            ok = false;
            break;
        }
    }
    const char *def = string_item(root, "default");
    if (ok && def)
        out->default_value = pb_strpool_dup(pool, def, strlen(def), true);
    cJSON_Delete(root);
    if (!ok) {
        pb_stage_list_free(out);
        memset(out, 0, sizeof *out);
        return false;
    }
    pb_stage_list_sort(out);
    return true;
}

void stage_cache_save(const char *url, const pb_stage_list *stages)
{
    if (!stages || !stages->n || stages->n > CACHE_MAX_STAGES)
        return;
    char path[1200], tmp[1300];
    if (!cache_path(url, path, sizeof path))
        return;
    cJSON *root = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(root, "stages");
    for (size_t i = 0; list && i < stages->n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "value", stages->v[i].value);
        cJSON_AddStringToObject(o, "label", stages->v[i].label ? stages->v[i].label : "");
        cJSON_AddStringToObject(o, "color", stages->v[i].color ? stages->v[i].color : "");
        cJSON_AddNumberToObject(o, "position", stages->v[i].position);
        cJSON_AddItemToArray(list, o);
    }
    if (stages->default_value)
        cJSON_AddStringToObject(root, "default", stages->default_value);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!text)
        return;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        size_t len = strlen(text);
        bool ok = write(fd, text, len) == (ssize_t)len;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, path) != 0)
            unlink(tmp);
    }
    free(text);
}
