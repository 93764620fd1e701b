/* fuzz_tmpdir.h - a private temporary directory for targets whose parser
 * reads a file (the stages file, the data file and its journal): created on
 * first use under $FUZZ_TMPDIR, else $TMPDIR, else /tmp, and removed with its
 * files at a normal exit. A crash skips that: tests/fuzz/run.sh points
 * FUZZ_TMPDIR into the build tree and empties it after each target. */
#ifndef FUZZ_TMPDIR_H
#define FUZZ_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

static char fz_dir[512];
static char fz_paths[4][600];
static int fz_npaths;

static void fz_tmp_cleanup(void)
{
    for (int i = 0; i < fz_npaths; i++)
        unlink(fz_paths[i]);
    if (fz_dir[0])
        rmdir(fz_dir);
}

/* The path of `name` in the directory (remembered for removal at exit). */
static inline const char *fz_tmp_path(const char *name)
{
    if (!fz_dir[0]) {
        const char *base = getenv("FUZZ_TMPDIR");
        if (!base || !*base)
            base = getenv("TMPDIR");
        snprintf(fz_dir, sizeof fz_dir, "%s/pipeboard-fuzz.XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(fz_dir)) {
            perror("mkdtemp");
            abort();
        }
        atexit(fz_tmp_cleanup);
    }
    for (int i = 0; i < fz_npaths; i++)
        if (strcmp(strrchr(fz_paths[i], '/') + 1, name) == 0)
            return fz_paths[i];
    if (fz_npaths == 4)
        abort();
    snprintf(fz_paths[fz_npaths], sizeof fz_paths[0], "%s/%s", fz_dir, name);
    return fz_paths[fz_npaths++];
}

/* Writes exactly n bytes to the path (n == 0: an empty file). */
static inline void fz_tmp_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

#endif
