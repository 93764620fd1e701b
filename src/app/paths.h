/* paths.h - XDG directories for pipeboard's files.
 *
 * Promises: directories are created with mode 0700 when missing; paths are
 * $XDG_DATA_HOME/pipeboard (default ~/.local/share/pipeboard),
 * $XDG_CONFIG_HOME/pipeboard (default ~/.config/pipeboard) and
 * $XDG_CACHE_HOME/pipeboard (default ~/.cache/pipeboard). */
#ifndef PB_APP_PATHS_H
#define PB_APP_PATHS_H

#include <stdbool.h>
#include <stddef.h>

bool paths_data_dir(char *out, size_t outlen, char *err, size_t errlen);
bool paths_config_dir(char *out, size_t outlen, bool create, char *err, size_t errlen);
bool paths_cache_dir(char *out, size_t outlen, char *err, size_t errlen);
/* mkdir -p with mode 0700 for every directory it creates. */
bool paths_mkdirs(const char *dir, char *err, size_t errlen);

#endif
