/* persist.c - the data file (--data FILE) and its journal.
 *
 * FILE is one JSON object {"version":1,"opportunities":[…],"companies":[…],
 * "people":[…],"workspaceMembers":[…]} holding every record, soft-deleted ones
 * too, in the raw form of record_output.c. FILE.journal holds one JSON line
 * per write since the last snapshot:
 *   {"op":"put","object":"opportunity","records":[{…full record…}]}
 *   {"op":"destroy","object":"company","ids":["…"]}
 * A write returns only after its line is fdatasync'ed. Replay applies lines in
 * order; each carries the full new state (or the id destroyed), so replaying a
 * journal over a snapshot that already holds some of it gives the same result.
 * A last line without its newline is a write that never returned: ignored.
 * Saving writes FILE.tmp, fsyncs it, renames it over FILE, fsyncs the
 * directory and only then empties the journal. Files are created 0600. */
#include "sim/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define FILE_VERSION SIM_DATA_FILE_VERSION

bool sim_persist_fail(sim_error *err, const char *what, const char *path)
{
    return sim_fail(err, 500, "InternalServerErrorException", "%s %s: %s", what, path,
                    strerror(errno));
}

char *sim_persist_path(const char *base, const char *suffix)
{
    size_t a = strlen(base), b = strlen(suffix);
    char *p = malloc(a + b + 1);
    if (p) {
        memcpy(p, base, a);
        memcpy(p + a, suffix, b + 1);
    }
    return p;
}

static void fsync_dir_of(const char *path)
{
    char *dir = sim_persist_path(path, "");
    if (!dir)
        return;
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* ---------- writing ---------- */

static bool write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf += w;
        n -= (size_t)w;
    }
    return true;
}

typedef struct outbuf {
    char *p;
    size_t n, cap;
    int fd;
    bool ok;
} outbuf;

static void ob_flush(outbuf *b)
{
    if (b->ok && b->n && !write_all(b->fd, b->p, b->n))
        b->ok = false;
    b->n = 0;
}

static void ob_put(outbuf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap)
        ob_flush(b);
    if (n > b->cap) {
        if (b->ok && !write_all(b->fd, s, n))
            b->ok = false;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* Renders records one at a time into a reused buffer (no tree of the whole file). */
static bool write_snapshot(sim_store *st, int fd)
{
    outbuf b = {.cap = 1 << 20, .fd = fd, .ok = true};
    size_t rcap = 1 << 14;
    char *rbuf = malloc(rcap);
    b.p = malloc(b.cap);
    if (!b.p || !rbuf) {
        free(b.p);
        free(rbuf);
        errno = ENOMEM;
        return false;
    }
    char head[32];
    int hn = snprintf(head, sizeof head, "{\"version\":%d", FILE_VERSION);
    ob_put(&b, head, (size_t)hn);
    for (int k = 0; k < SIM_OBJ_COUNT && b.ok; k++) {
        const sim_table *t = &st->tables[k];
        char key[64];
        int kn = snprintf(key, sizeof key, ",\n\"%s\":[", t->obj->plural);
        ob_put(&b, key, (size_t)kn);
        for (size_t i = 0; i < t->n && b.ok; i++) {
            cJSON *j = sim_record_json(st, (sim_obj_kind)k, t->rows[i], 0, SIM_FORM_FILE);
            if (!j) {
                b.ok = false;
                errno = ENOMEM;
                break;
            }
            while (!cJSON_PrintPreallocated(j, rbuf, (int)rcap, false)) {
                char *nb = realloc(rbuf, rcap * 2);
                if (!nb) {
                    b.ok = false;
                    errno = ENOMEM;
                    break;
                }
                rbuf = nb;
                rcap *= 2;
            }
            cJSON_Delete(j);
            if (i)
                ob_put(&b, ",\n", 2);
            ob_put(&b, rbuf, strlen(rbuf));
        }
        ob_put(&b, "]", 1);
    }
    ob_put(&b, "}\n", 2);
    ob_flush(&b);
    free(b.p);
    free(rbuf);
    return b.ok;
}

static bool truncate_journal(sim_store *st, sim_error *err)
{
    if (st->journal_fd >= 0) {
        if (ftruncate(st->journal_fd, 0) != 0 || fdatasync(st->journal_fd) != 0)
            return sim_persist_fail(err, "cannot empty journal of", st->data_path);
        return true;
    }
    char *jpath = sim_persist_path(st->data_path, ".journal");
    if (!jpath)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    int fd = open(jpath, O_WRONLY | O_CLOEXEC);
    bool ok = true;
    if (fd >= 0) {
        ok = ftruncate(fd, 0) == 0 && fsync(fd) == 0;
        close(fd);
    }
    if (!ok)
        sim_persist_fail(err, "cannot empty journal", jpath);
    free(jpath);
    return ok;
}

bool sim_persist_save(sim_store *st, sim_error *err)
{
    char *tmp = sim_persist_path(st->data_path, ".tmp");
    if (!tmp)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        bool r = sim_persist_fail(err, "cannot create", tmp);
        free(tmp);
        return r;
    }
    bool ok = write_snapshot(st, fd) && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp, st->data_path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        errno = e;
        return sim_persist_fail(err, "cannot write data file", st->data_path);
    }
    free(tmp);
    fsync_dir_of(st->data_path);
    return truncate_journal(st, err);
}

bool sim_persist_open_journal(sim_store *st, sim_error *err)
{
    char *jpath = sim_persist_path(st->data_path, ".journal");
    if (!jpath)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    st->journal_fd = open(jpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (st->journal_fd < 0) {
        bool r = sim_persist_fail(err, "cannot open journal", jpath);
        free(jpath);
        return r;
    }
    (void)fchmod(st->journal_fd, 0600); /* an older journal may have been wider; not fatal */
    free(jpath);
    fsync_dir_of(st->data_path);
    return true;
}

/* Writes one line durably; on failure the journal is cut back to where it was. */
static bool append_line(sim_store *st, cJSON *entry, sim_error *err)
{
    char *text = cJSON_PrintUnformatted(entry);
    cJSON_Delete(entry);
    if (!text)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    size_t n = strlen(text);
    text[n] = '\n'; /* replaces the NUL; the length is known */
    off_t at = lseek(st->journal_fd, 0, SEEK_END);
    bool ok = at >= 0 && write_all(st->journal_fd, text, n + 1) && fdatasync(st->journal_fd) == 0;
    free(text);
    if (!ok) {
        int e = errno;
        if (at >= 0 && ftruncate(st->journal_fd, at) == 0)
            fdatasync(st->journal_fd);
        errno = e;
        return sim_persist_fail(err, "cannot write journal of", st->data_path);
    }
    return true;
}

static cJSON *entry_for(const sim_store *st, const char *op, sim_obj_kind k, const char *list,
                        cJSON **arr)
{
    cJSON *e = cJSON_CreateObject();
    if (!e)
        return NULL;
    cJSON_AddStringToObject(e, "op", op);
    cJSON_AddStringToObject(e, "object", st->schema.objects[k].singular);
    *arr = cJSON_AddArrayToObject(e, list);
    if (!*arr) {
        cJSON_Delete(e);
        return NULL;
    }
    return e;
}

bool sim_persist_put(sim_store *st, sim_obj_kind k, sim_record *const *recs, size_t n,
                     sim_error *err)
{
    if (st->journal_fd < 0)
        return true;
    cJSON *arr;
    cJSON *e = entry_for(st, "put", k, "records", &arr);
    if (!e)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, sim_record_json(st, k, recs[i], 0, SIM_FORM_FILE));
    return append_line(st, e, err);
}

bool sim_persist_destroy(sim_store *st, sim_obj_kind k, const sim_uuid *ids, size_t n,
                         sim_error *err)
{
    if (st->journal_fd < 0)
        return true;
    cJSON *arr;
    cJSON *e = entry_for(st, "destroy", k, "ids", &arr);
    if (!e)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory");
    for (size_t i = 0; i < n; i++) {
        char buf[37];
        sim_uuid_format(&ids[i], buf);
        cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
    }
    return append_line(st, e, err);
}
