/* main.c - pipeboard: flags, the demo server or a real workspace, the model,
 * the network client, and the terminal UI's event loop. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "app/config.h"
#include "app/demo.h"
#include "app/paths.h"
#include "app/options.h"
#include "app/pump.h"
#include "app/stage_cache.h"
#include "model/board.h"
#include "net/net.h"
#include "ui/bindings.h"
#include "ui/layout.h"
#include "ui/theme.h"
#include "ui/theme_diag.h"
#include "ui/theme_load.h"
#include "ui/ui.h"


#ifndef PIPEBOARD_VERSION
#define PIPEBOARD_VERSION "dev"
#endif

static void host_of(const char *url, char *out, size_t outlen)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* The theme: NO_COLOR or --no-color choose `mono` (the built-in attributes
 * when no mono file is installed), else --theme / `theme =` / default.
 * Problems go to stderr and to the status line. */
static void load_theme(const pb_options *opt)
{
    static theme_choice tc;
    theme_dirs dirs;
    theme_dirs_default(&dirs);
    char path[1024];
    if (opt->no_color && !theme_find(&dirs, "mono", path, sizeof path)) {
        theme_use(NULL, "mono");
        return;
    }
    theme_load_named(&dirs, opt->no_color ? "mono" : opt->theme, &tc);
    if (tc.problem[0]) {
        fprintf(stderr, "pipeboard: %s\n", tc.problem);
        theme_diag_add("theme", tc.problem);
    }
    for (int i = 0; tc.have_def && i < tc.def.ndiag; i++) {
        fprintf(stderr, "pipeboard: %s\n", tc.def.diag[i]);
        theme_diag_add("theme", tc.def.diag[i]);
    }
    if (tc.have_def && tc.def.dropped_diag) {
        char more[1100];
        snprintf(more, sizeof more, "%s: %d more problems", tc.path, tc.def.dropped_diag);
        fprintf(stderr, "pipeboard: %s\n", more);
        theme_diag_add("theme", more);
    }
    theme_use(tc.have_def ? &tc.def : NULL, tc.name);
}

int main(int argc, char **argv)
{
    pb_options opt;
    options_parse(argc, argv, &opt);
    switch (opt.action) {
    case OPT_HELP:
        options_usage(stdout);
        options_free(&opt);
        return 0;
    case OPT_VERSION:
        printf("pipeboard %s\n", PIPEBOARD_VERSION);
        options_free(&opt);
        return 0;
    case OPT_ERROR:
        fprintf(stderr, "pipeboard: %s\n", opt.error);
        fprintf(stderr, "Try 'pipeboard --help'.\n");
        options_free(&opt);
        return 2;
    case OPT_RUN:
        break;
    }
    /* The config file: flags beat it, the environment beats it for the URL
     * and the key. Bad lines are reported as FILE:LINE and the rest applies. */
    static pb_config cfg;
    char cfgdir[1024], cfgpath[1100], cerr[256];
    if (paths_config_dir(cfgdir, sizeof cfgdir, false, cerr, sizeof cerr))
        snprintf(cfgpath, sizeof cfgpath, "%s/config", cfgdir);
    else
        cfgpath[0] = '\0';
    config_init(&cfg, cfgpath[0] ? cfgpath : "config");
    if (cfgpath[0])
        config_load(&cfg, cfgpath);
    config_settings cs;
    const config_bind *binds, *pbinds;
    int nbinds, npbinds;
    bool profile_ok = config_resolve(&cfg, opt.profile, &cs, &binds, &nbinds, &pbinds, &npbinds);
    bool applied = profile_ok && options_apply_config(&opt, &cs);
    /* bind lines: the defaults first, then the profile's */
    for (int pass = 0; pass < 2; pass++) {
        const config_bind *list = pass ? pbinds : binds;
        for (int i = 0, n = pass ? npbinds : nbinds; i < n; i++) {
            char berr[300];
            if (!ui_bind(list[i].context, list[i].key, list[i].action, berr, sizeof berr)) {
                char line[900];
                snprintf(line, sizeof line, "%s:%d: %s", cfg.file, list[i].line, berr);
                fprintf(stderr, "pipeboard: %s\n", line);
                theme_diag_add("config", line);
            }
        }
    }
    /* Config problems go to stderr and, once the screen is up, to the status line. */
    for (int i = 0; i < cfg.ndiag; i++) {
        fprintf(stderr, "pipeboard: %s\n", cfg.diag[i]);
        theme_diag_add("config", cfg.diag[i]);
    }
    if (!applied) {
        if (!profile_ok)
            fprintf(stderr, "pipeboard: no profile named '%s' in %s\n", opt.profile, cfg.file);
        else
            fprintf(stderr, "pipeboard: %s\n", opt.error);
        config_free(&cfg);
        options_free(&opt);
        return 2;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "pipeboard: needs a terminal (stdin and stdout must be a tty)\n");
        config_free(&cfg);
        options_free(&opt);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    load_theme(&opt);

    demo_server demo = {.pid = -1};
    char err[512] = "";
    const char *url = opt.url;
    const char *key = opt.api_key;
    char label[160];
    const char *startup_error = NULL;
    char startup_buf[600];
    if (opt.demo) {
        fprintf(stderr, "Starting the demo workspace…\r");
        if (!demo_start(&demo, opt.demo_seed, 10000, err, sizeof err)) {
            fprintf(stderr, "pipeboard: cannot open the demo workspace: %s\n", err);
            config_free(&cfg);
            options_free(&opt);
            return 1;
        }
        url = demo.url;
        key = demo.api_key;
        snprintf(label, sizeof label, "Demo workspace");
    } else {
        host_of(url, label, sizeof label);
        if (!key) {
            snprintf(startup_buf, sizeof startup_buf,
                     "No API key: set TWENTY_API_KEY to a key from Twenty's Settings > APIs & "
                     "Webhooks, or run pipeboard --demo");
            startup_error = startup_buf;
        }
    }

    net_config nc = {
        .base_url = url,
        .api_key = key,
        .ca_file = opt.ca_file,
        .user_agent = "pipeboard/" PIPEBOARD_VERSION,
        .rate_per_minute = opt.rate_limit,
    };
    net_client *net = net_client_new(&nc, err, sizeof err);
    if (opt.demo)
        explicit_bzero(demo.api_key, sizeof demo.api_key);
    if (!net) {
        fprintf(stderr, "pipeboard: %s\n", err);
        demo_stop(&demo);
        config_free(&cfg);
        options_free(&opt);
        return 1;
    }
    /* The first page of each column holds what the first screen shows (and
     * the prefetch margin), not a whole page: parsing the depth=1 pages is
     * most of pipeboard's own part of opening the board. */
    struct winsize ws;
    int rows = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 ? ws.ws_row : 24;
    pb_board_config bc = {.page_size = opt.page_size,
                          .first_page = layout_first_page(rows, PB_PREFETCH_MARGIN)};
    pb_board *board = board_new(&bc);
    app_pump *pump = board ? pump_new(board, net) : NULL;
    if (!board || !pump) {
        fprintf(stderr, "pipeboard: out of memory\n");
        pump_free(pump);
        board_free(board);
        net_client_free(net);
        demo_stop(&demo);
        config_free(&cfg);
        options_free(&opt);
        return 1;
    }
    /* Stages remembered from the last session let the first pages go out
     * with the metadata request instead of after it. */
    pb_strpool cache_pool;
    pb_strpool_init(&cache_pool);
    pb_stage_list cached = {0};
    bool have_cache = stage_cache_load(opt.demo ? "demo" : url, &cache_pool, &cached);
    if (!startup_error) {
        board_open(board, have_cache ? &cached : NULL);
        /* The opening requests leave now, before the terminal is set up:
         * the connections and the server's work overlap curses' start-up
         * and the first frame instead of waiting for them (the second turn
         * sends on the connections the first one opened, if they are up). */
        pump_run(pump);
        net_dispatch(net);
        net_wait(net, -1, 0, NULL);
        net_dispatch(net);
    }

    ui_options uo = {
        .workspace_label = label,
        .demo = opt.demo,
        .theme = opt.theme,
        .no_color = opt.no_color,
        .blocking_dns = net_blocking_dns(),
        .startup_error = startup_error,
    };
    int rc = ui_run(board, net, &uo, pump_run, pump);
    if (board_ready(board) && !board_stages_derived(board))
        stage_cache_save(opt.demo ? "demo" : url, board_stages(board));

    pump_free(pump);
    board_free(board);
    pb_stage_list_free(&cached);
    pb_strpool_free(&cache_pool);
    net_client_free(net);
    demo_stop(&demo);
    config_free(&cfg);
    options_free(&opt);
    return rc;
}
