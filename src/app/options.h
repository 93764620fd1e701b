/* options.h - pipeboard's command line and environment (the config file is
 * merged in by options_apply_config: flags beat the config, and the
 * environment beats the config for the URL and the key).
 *
 * Promises: options_parse reads argv and the environment (TWENTY_API_URL,
 * TWENTY_API_KEY, NO_COLOR); it never stores the key in anything but the
 * returned struct (which options_free zeroes), and an API key is never
 * accepted on the command line. Flags override the environment for the URL. */
#ifndef PB_APP_OPTIONS_H
#define PB_APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum options_action { OPT_RUN, OPT_HELP, OPT_VERSION, OPT_ERROR } options_action;

typedef struct pb_options {
    options_action action;
    char error[256];
    bool demo;            /* --demo, or no URL anywhere */
    char *url;            /* base URL, no trailing slash */
    char *api_key;        /* from the environment; NULL when missing */
    char *ca_file;
    char *theme;
    bool no_color;
    int demo_seed;        /* opportunities in a new demo workspace (default 300) */
    char *profile;        /* --profile NAME (config file section) */
    int page_size;        /* from the config; 0 = default */
    int rate_limit;       /* requests per minute, from the config; 0 = default */
    bool url_from_flag;   /* --url given (beats the environment and the config) */
    bool url_from_env;    /* TWENTY_API_URL given (beats the config) */
} pb_options;

void options_parse(int argc, char **argv, pb_options *o);
void options_free(pb_options *o);
void options_usage(FILE *out);

struct config_settings;
/* Fills what flags and environment left unset from the config's settings;
 * runs api_key_command when no key came from the environment. On failure
 * (the key command failed) returns false with a reason in o->error. */
bool options_apply_config(pb_options *o, const struct config_settings *cs);

#endif
