/* options.h - pipeboard's command line and environment.
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
} pb_options;

void options_parse(int argc, char **argv, pb_options *o);
void options_free(pb_options *o);
void options_usage(FILE *out);

#endif
