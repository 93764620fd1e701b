/* options.c - command line and environment. */
#include "app/options.h"

#include "app/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void options_usage(FILE *out)
{
    fputs("usage: pipeboard [--url URL] [--profile NAME] [--demo] [--theme NAME] [--no-color]\n"
          "                 [--ca-file FILE] [--help] [--version]\n"
          "\n"
          "A terminal board for the sales pipeline of a Twenty CRM workspace.\n"
          "\n"
          "  --url URL       the workspace's base URL, e.g. https://api.twenty.com or\n"
          "                  http://localhost:3000 (default: $TWENTY_API_URL)\n"
          "  --profile NAME  use the [profile NAME] section of the config file\n"
          "  --demo          open the embedded demo workspace even if a URL is set\n"
          "  --theme NAME    color theme: default, mono, dark-256, light-256, solarized,\n"
          "                  or your own in $XDG_CONFIG_HOME/pipeboard/themes/NAME\n"
          "  --no-color      attributes only: the mono theme (also when NO_COLOR is set)\n"
          "  --ca-file FILE  trust this PEM bundle for a self-hosted server's TLS\n"
          "                  certificate (verification is never turned off)\n"
          "  --help          this text\n"
          "  --version       the version\n"
          "\n"
          "Environment: TWENTY_API_URL, TWENTY_API_KEY (an API key from Twenty's\n"
          "Settings > APIs & Webhooks; it is never accepted on the command line),\n"
          "NO_COLOR, XDG_DATA_HOME (the demo workspace's data), XDG_CONFIG_HOME\n"
          "(the config file: $XDG_CONFIG_HOME/pipeboard/config, see pipeboard(1)).\n"
          "With no URL at all, pipeboard opens the demo workspace, served by a local\n"
          "twenty-sim; its changes are kept in $XDG_DATA_HOME/pipeboard/demo.json.\n"
          "Press ? on the board for the keys.\n",
          out);
}

static char *dup_trimmed_url(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static bool url_ok(const char *u)
{
    if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
        return false;
    for (const char *p = u; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return false;
    return true;
}

static void fail(pb_options *o, const char *msg, const char *arg)
{
    o->action = OPT_ERROR;
    snprintf(o->error, sizeof o->error, "%s%s%s", msg, arg ? ": " : "", arg ? arg : "");
}

void options_parse(int argc, char **argv, pb_options *o)
{
    memset(o, 0, sizeof *o);
    o->action = OPT_RUN;
    o->demo_seed = 300;
    const char *url = NULL;
    for (int i = 1; i < argc && o->action == OPT_RUN; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        char name[32];
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (nlen >= sizeof name) {
            fail(o, "unknown option", a);
            break;
        }
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        bool takes_value = !strcmp(name, "--url") || !strcmp(name, "--theme") ||
                           !strcmp(name, "--ca-file") || !strcmp(name, "--profile");
        if (takes_value) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else {
                fail(o, "missing value for", name);
                break;
            }
        } else if (eq) {
            fail(o, "this option takes no value", name);
            break;
        }
        if (!strcmp(name, "--help") || !strcmp(name, "-h"))
            o->action = OPT_HELP;
        else if (!strcmp(name, "--version") || !strcmp(name, "-V"))
            o->action = OPT_VERSION;
        else if (!strcmp(name, "--demo"))
            o->demo = true;
        else if (!strcmp(name, "--no-color"))
            o->no_color = true;
        else if (!strcmp(name, "--url"))
            url = val;
        else if (!strcmp(name, "--profile")) {
            free(o->profile);
            o->profile = strdup(val);
        }
        else if (!strcmp(name, "--theme")) {
            free(o->theme);
            o->theme = strdup(val);
        } else if (!strcmp(name, "--ca-file")) {
            free(o->ca_file);
            o->ca_file = strdup(val);
        } else if (!strcmp(name, "--api-key") || !strcmp(name, "--key"))
            fail(o, "the API key is not accepted on the command line (it would show in the "
                    "process list); set TWENTY_API_KEY",
                 NULL);
        else
            fail(o, "unknown option", a);
    }
    if (o->action != OPT_RUN)
        return;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        o->no_color = true;
    o->url_from_flag = url != NULL;
    if (!url) {
        const char *env = getenv("TWENTY_API_URL");
        if (env && *env) {
            url = env;
            o->url_from_env = true;
        }
    }
    if (url) {
        if (!url_ok(url)) {
            fail(o, "not an http:// or https:// URL", url);
            return;
        }
        o->url = dup_trimmed_url(url);
    }
    const char *key = getenv("TWENTY_API_KEY");
    if (key && *key)
        o->api_key = strdup(key);
}

bool options_apply_config(pb_options *o, const config_settings *cs)
{
    if (!o->url && cs->url && !o->demo) {
        if (!url_ok(cs->url)) {
            fail(o, "the config's url is not an http:// or https:// URL", NULL);
            return false;
        }
        o->url = dup_trimmed_url(cs->url);
    }
    if (!o->theme && cs->theme)
        o->theme = strdup(cs->theme);
    if (!o->ca_file && cs->ca_file)
        o->ca_file = strdup(cs->ca_file);
    if (cs->page_size)
        o->page_size = cs->page_size;
    if (cs->rate_limit)
        o->rate_limit = cs->rate_limit;
    if (!o->url)
        o->demo = true;
    if (o->demo || o->api_key)
        return true;
    if (cs->api_key_command) {
        char err[256];
        if (!config_run_key_command(cs->api_key_command, &o->api_key, err, sizeof err)) {
            fail(o, err, NULL);
            return false;
        }
    } else if (cs->api_key) {
        o->api_key = strdup(cs->api_key);
    }
    return true;
}

void options_free(pb_options *o)
{
    free(o->url);
    if (o->api_key) {
        explicit_bzero(o->api_key, strlen(o->api_key));
        free(o->api_key);
    }
    free(o->ca_file);
    free(o->theme);
    free(o->profile);
    memset(o, 0, sizeof *o);
}
