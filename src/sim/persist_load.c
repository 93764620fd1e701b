/* persist_load.c - reading the data file and replaying its journal (the
 * formats are described in persist.c). The snapshot is read as a stream:
 * the top-level object and the lists by hand, each record by cJSON, so a
 * 100,000-record file never becomes one giant tree. Replay applies journal
 * lines in order and stops at a last line without its newline. */
#include "sim/store_internal.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define FILE_VERSION SIM_DATA_FILE_VERSION

/* Reads a whole file; NULL with errno set (ENOENT when it does not exist). */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---------- raw records ---------- */

static bool raw_value(sim_vkind kind, const cJSON *j, sim_value *out)
{
    *out = (sim_value){.kind = SV_NULL};
    if (!j || cJSON_IsNull(j))
        return true;
    switch (kind) {
    case SV_NULL: return true;
    case SV_STR:
        if (!cJSON_IsString(j))
            return false;
        *out = sim_value_str(j->valuestring);
        return out->kind == SV_STR;
    case SV_INT:
        if (cJSON_IsNumber(j)) {
            /* a hand-edited file may hold 1e400 (inf) or more than int64 */
            double d = j->valuedouble;
            if (!isfinite(d) || d >= 9223372036854775807.0 || d <= -9223372036854775807.0)
                return false;
            *out = (sim_value){.kind = SV_INT, .as.i = (int64_t)d};
            return true;
        }
        if (cJSON_IsString(j)) {
            char *end;
            errno = 0;
            long long v = strtoll(j->valuestring, &end, 10);
            if (*end || end == j->valuestring || errno)
                return false;
            *out = (sim_value){.kind = SV_INT, .as.i = v};
            return true;
        }
        return false;
    case SV_NUM:
        if (!cJSON_IsNumber(j) || !isfinite(j->valuedouble))
            return false;
        *out = (sim_value){.kind = SV_NUM, .as.n = j->valuedouble};
        return true;
    case SV_BOOL:
        if (!cJSON_IsBool(j))
            return false;
        *out = (sim_value){.kind = SV_BOOL, .as.b = cJSON_IsTrue(j)};
        return true;
    case SV_UUID:
        out->kind = SV_UUID;
        return cJSON_IsString(j) && sim_uuid_parse(j->valuestring, &out->as.u);
    case SV_TIME:
        out->kind = SV_TIME;
        return cJSON_IsString(j) && sim_time_parse(j->valuestring, &out->as.t);
    }
    return false;
}

bool sim_record_from_raw(const sim_object *o, const cJSON *j, sim_value *work)
{
    if (!cJSON_IsObject(j))
        return false;
    for (int i = 0; i < o->nfields; i++) {
        const sim_field *f = &o->fields[i];
        const cJSON *fj = cJSON_GetObjectItemCaseSensitive(j, f->name);
        if (f->nsub) {
            if (fj && !cJSON_IsNull(fj) && !cJSON_IsObject(fj))
                return false;
            for (int s = 0; s < f->nsub; s++) {
                const cJSON *sj = fj ? cJSON_GetObjectItemCaseSensitive(fj, f->subs[s].name) : NULL;
                if (!raw_value(f->subs[s].kind, sj, &work[f->subs[s].slot]))
                    return false;
            }
        } else if (!raw_value(f->kind, fj, &work[f->slot])) {
            return false;
        }
    }
    return work[0].kind == SV_UUID;
}

/* ---------- applying loaded records ---------- */

/* Inserts or replaces the record described by j; false if j is malformed. */
static bool put_raw(sim_store *st, sim_obj_kind k, const cJSON *j, bool replace, sim_error *err)
{
    sim_table *t = &st->tables[k];
    const sim_object *o = t->obj;
    sim_value work[SIM_MAX_SLOTS];
    memset(work, 0, sizeof work);
    if (!sim_record_from_raw(o, j, work)) {
        sim_slots_free(work, o->nslots);
        return sim_fail(err, 500, "InternalServerErrorException", "malformed %s record",
                        o->singular);
    }
    sim_record *old = sim_table_get(t, &work[0].as.u);
    if (old) {
        if (!replace) {
            sim_slots_free(work, o->nslots);
            return sim_fail(err, 500, "InternalServerErrorException", "duplicate %s id",
                            o->singular);
        }
        sim_table_replace(t, old, work);
        return true;
    }
    sim_record *r = sim_record_new(o);
    if (!r) {
        sim_slots_free(work, o->nslots);
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    }
    memcpy(r->v, work, (size_t)o->nslots * sizeof *work);
    if (!sim_table_add(t, r)) {
        sim_record_delete(o, r);
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    }
    return true;
}

/* Even when the record is already gone (a snapshot newer than the journal),
 * references put back by earlier journal lines must be cleared again. */
static void destroy_id(sim_store *st, sim_obj_kind k, const sim_uuid *id)
{
    sim_table *t = &st->tables[k];
    sim_record *r = sim_table_get(t, id);
    if (r) {
        sim_table_drop(t, r);
        sim_record_delete(t->obj, r);
    }
    sim_store_unlink(st, k, id);
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

/* Parses one JSON value at *p with cJSON and moves *p past it. */
static cJSON *next_value(const char **p, const char *end)
{
    const char *stop = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(*p, (size_t)(end - *p), &stop, false);
    if (v)
        *p = skip_ws(stop, end);
    return v;
}

static bool not_ours(sim_store *st, sim_error *err)
{
    return sim_fail(err, 500, "InternalServerErrorException",
                    "data file %s is not a twenty-sim data file (version %d)", st->data_path,
                    FILE_VERSION);
}

/* Loads one table's list, record by record (no tree of the whole file). */
static bool load_list(sim_store *st, sim_obj_kind k, const char **pp, const char *end,
                      sim_error *err)
{
    const char *p = *pp;
    const sim_object *o = &st->schema.objects[k];
    if (p >= end || *p != '[')
        return sim_fail(err, 500, "InternalServerErrorException",
                        "data file %s: \"%s\" is not a list", st->data_path, o->plural);
    p = skip_ws(p + 1, end);
    for (int i = 0; p < end && *p != ']'; i++) {
        cJSON *item = next_value(&p, end);
        bool ok = item && put_raw(st, k, item, false, err);
        cJSON_Delete(item);
        if (!ok) {
            char what[200];
            snprintf(what, sizeof what, "%.150s", item ? err->message : "not JSON");
            return sim_fail(err, 500, "InternalServerErrorException", "data file %s: %s at %s[%d]",
                            st->data_path, what, o->plural, i);
        }
        if (p < end && *p == ',')
            p = skip_ws(p + 1, end);
        else if (p >= end || *p != ']')
            return not_ours(st, err);
    }
    if (p >= end)
        return not_ours(st, err);
    *pp = skip_ws(p + 1, end);
    return true;
}

/* The snapshot is read as a stream: the top-level object and the lists by
 * hand, every value (each record) by cJSON. */
static bool load_snapshot(sim_store *st, const char *text, size_t len, sim_error *err)
{
    const char *end = text + len, *p = skip_ws(text, end);
    bool version = false;
    if (p >= end || *p != '{')
        return not_ours(st, err);
    p = skip_ws(p + 1, end);
    while (p < end && *p != '}') {
        cJSON *key = next_value(&p, end);
        if (!cJSON_IsString(key) || p >= end || *p != ':') {
            cJSON_Delete(key);
            return not_ours(st, err);
        }
        p = skip_ws(p + 1, end);
        const sim_object *o = sim_schema_find_object(&st->schema, key->valuestring, true);
        bool is_version = strcmp(key->valuestring, "version") == 0;
        cJSON_Delete(key);
        if (o) {
            if (!load_list(st, o->kind, &p, end, err))
                return false;
        } else {
            cJSON *v = next_value(&p, end);
            if (is_version)
                version = cJSON_IsNumber(v) && v->valuedouble == FILE_VERSION;
            cJSON_Delete(v);
            if (!v || (is_version && !version))
                return not_ours(st, err);
        }
        if (p < end && *p == ',')
            p = skip_ws(p + 1, end);
        else if (p >= end || *p != '}')
            return not_ours(st, err);
    }
    if (p >= end || !version)
        return not_ours(st, err);
    return true;
}

static const sim_object *object_named(const sim_store *st, const cJSON *name)
{
    return cJSON_IsString(name) ? sim_schema_find_object(&st->schema, name->valuestring, false)
                                : NULL;
}

static bool replay_line(sim_store *st, const cJSON *e, sim_error *err)
{
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(e, "op");
    const sim_object *o = object_named(st, cJSON_GetObjectItemCaseSensitive(e, "object"));
    if (!o || !cJSON_IsString(op))
        return sim_fail(err, 500, "InternalServerErrorException", "unknown journal entry");
    if (strcmp(op->valuestring, "put") == 0) {
        const cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "records"))
        {
            if (!put_raw(st, o->kind, it, true, err))
                return false;
        }
        return true;
    }
    if (strcmp(op->valuestring, "destroy") == 0) {
        const cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(e, "ids"))
        {
            sim_uuid id;
            if (!cJSON_IsString(it) || !sim_uuid_parse(it->valuestring, &id))
                return sim_fail(err, 500, "InternalServerErrorException", "bad id in journal");
            destroy_id(st, o->kind, &id);
        }
        return true;
    }
    return sim_fail(err, 500, "InternalServerErrorException", "unknown journal op");
}

static bool replay_journal(sim_store *st, char *text, size_t len, bool *replayed, sim_error *err)
{
    size_t line = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break; /* torn last line: its write never returned */
        line++;
        *nl = '\0';
        if (nl > p) {
            cJSON *e = cJSON_ParseWithLength(p, (size_t)(nl - p));
            bool ok = e && replay_line(st, e, err);
            cJSON_Delete(e);
            if (!ok) {
                char what[200];
                snprintf(what, sizeof what, "%.150s", e ? err->message : "not JSON");
                return sim_fail(err, 500, "InternalServerErrorException",
                                "journal %s.journal line %zu: %s", st->data_path, line, what);
            }
            *replayed = true;
        }
        p = nl + 1;
    }
    if (p < end)
        *replayed = true; /* compact the torn tail away */
    return true;
}

bool sim_persist_load(sim_store *st, bool *found, bool *replayed, sim_error *err)
{
    *found = *replayed = false;
    size_t len = 0;
    char *text = slurp(st->data_path, &len);
    if (text) {
        *found = true;
        bool ok = load_snapshot(st, text, len, err);
        free(text);
        if (!ok)
            return false;
    } else if (errno != ENOENT) {
        return sim_persist_fail(err, "cannot read data file", st->data_path);
    }
    char *jpath = sim_persist_path(st->data_path, ".journal");
    if (!jpath)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    text = slurp(jpath, &len);
    if (!text && errno != ENOENT) {
        bool r = sim_persist_fail(err, "cannot read journal", jpath);
        free(jpath);
        return r;
    }
    if (text && !*found) {
        /* A journal only ever follows a snapshot (the store writes one before
         * it opens the journal), so without the data file this journal is
         * what is left of a workspace someone removed to start afresh: it is
         * not replayed (the next save truncates it). */
        fprintf(stderr, "twenty-sim: %s has no data file; starting a new workspace\n", jpath);
        free(text);
        text = NULL;
    }
    free(jpath);
    if (!text)
        return true;
    bool ok = replay_journal(st, text, len, replayed, err);
    free(text);
    return ok;
}

