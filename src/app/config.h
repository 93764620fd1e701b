/* config.h - pipeboard's configuration file.
 *
 * Promises:
 *  - The file is $XDG_CONFIG_HOME/pipeboard/config (default
 *    ~/.config/pipeboard/config): lines of `name = value`, `bind <context>
 *    <key> <action>` and `[profile NAME]` section headers; `#` starts a
 *    comment; blank lines are ignored. Settings before the first section are
 *    the defaults; a profile's settings override them when that profile is
 *    chosen (--profile NAME).
 *  - Settings: url, api_key, api_key_command, theme, page_size (1..200),
 *    rate_limit (requests per minute, 1..10000), ca_file.
 *  - Parsing never stops at an error: each bad line gives a diagnostic
 *    "FILE:LINE: reason" and the rest still applies.
 *  - `bind` lines are kept as written (context, key name, action name, line)
 *    for the UI's keymap to check and apply (unknown names are reported
 *    there with the same FILE:LINE prefix).
 *  - config_parse is pure (text in, struct out); config_load reads the file
 *    and warns when it is readable by group or others (it may hold a key).
 *  - api_key_command is run without a shell: split on spaces (with "…" and
 *    '…' quoting), executed directly, its first output line is the key. */
#ifndef PB_APP_CONFIG_H
#define PB_APP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_MAX_DIAG 32
#define CONFIG_MAX_BINDS 128
#define CONFIG_MAX_PROFILES 32

typedef struct config_bind {
    char context[24];
    char key[40];
    char action[48];
    int line;
} config_bind;

typedef struct config_settings {
    char *url;
    char *api_key;
    char *api_key_command;
    char *theme;
    char *ca_file;
    int page_size;      /* 0: unset */
    int rate_limit;     /* 0: unset */
} config_settings;

typedef struct config_profile {
    char name[64];
    config_settings s;
    config_bind binds[CONFIG_MAX_BINDS];
    int nbinds;
} config_profile;

typedef struct pb_config {
    char file[512];                 /* for diagnostics */
    config_profile base;            /* before any [profile] */
    config_profile profiles[CONFIG_MAX_PROFILES];
    int nprofiles;
    char diag[CONFIG_MAX_DIAG][400];
    int ndiag;
    int dropped_diag;               /* diagnostics beyond CONFIG_MAX_DIAG */
} pb_config;

void config_init(pb_config *c, const char *file_name);
/* Parses text (NUL-terminated) into c; returns the number of diagnostics. */
int config_parse(pb_config *c, const char *text);
/* Reads the file at path (missing file: no error, empty config). Returns
 * false only when the file exists but cannot be read (diagnostic added). */
bool config_load(pb_config *c, const char *path);
void config_free(pb_config *c);

/* The settings that apply: base overridden by the profile (NULL: base only).
 * Strings point into c. Binds of base then profile. False (with a
 * diagnostic) if the profile does not exist. */
bool config_resolve(pb_config *c, const char *profile, config_settings *out,
                    const config_bind **binds, int *nbinds_base, const config_bind **pbinds,
                    int *nbinds_profile);

/* Runs cmd without a shell; the first line of its standard output (trimmed)
 * becomes *key (malloc'd). Fails with a reason (never containing output). */
bool config_run_key_command(const char *cmd, char **key, char *err, size_t errlen);

#endif
