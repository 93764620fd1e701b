/* reqdump.c - prints, as a curl config file, the requests pipeboard sends to
 * open the board, so that bench/run.sh can replay exactly those with plain
 * `curl --parallel` (the floor of item 2).
 *
 * usage: reqdump BASE_URL KEY_FILE OUT_DIR ROWS STAGE...
 * The requests are the model's own (board_open with the stages as if they
 * were cached from an earlier session: metadata, totals and the first page
 * of every column, all at once), configured as src/main.c configures it on a
 * terminal of ROWS rows (the first page's size follows the screen). Bodies go to OUT_DIR/body-N.json; the
 * config (stdout) reads the API key from KEY_FILE's first line as a header
 * file, so the key never appears in argv. No network is used here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "ui/layout.h"

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: reqdump BASE_URL HEADER_FILE OUT_DIR ROWS STAGE...\n");
        return 2;
    }
    const char *base = argv[1], *hdr = argv[2], *dir = argv[3];
    int rows = atoi(argv[4]);
    argv++;
    argc--;
    size_t n = (size_t)(argc - 4);
    pb_stage_list st = {.v = calloc(n, sizeof(pb_stage)), .n = n, .default_value = NULL};
    if (!st.v)
        return 1;
    for (size_t i = 0; i < n; i++)
        st.v[i] = (pb_stage){.value = argv[4 + i], .label = argv[4 + i], .color = "", .position = (int)i};
    pb_board *b = board_new(&(pb_board_config){
        .first_page = layout_first_page(rows > 0 ? rows : 24, PB_PREFETCH_MARGIN)});
    if (!b) {
        free(st.v);
        return 1;
    }
    board_open(b, &st);
    pb_outgoing o;
    int i = 0, rc = 0;
    while (board_take_request(b, &o)) {
        if (i)
            printf("next\n");
        printf("url = \"%s%s\"\n", base, o.path);
        printf("request = \"%s\"\n", o.method);
        printf("header = \"@%s\"\n", hdr);
        printf("output = \"/dev/null\"\n");
        printf("write-out = \"%%{http_code} %%{size_download} %%{url_effective}\\n\"\n");
        if (o.body) {
            char path[4096];
            snprintf(path, sizeof path, "%s/body-%d.json", dir, i);
            FILE *f = fopen(path, "w");
            if (!f || fputs(o.body, f) < 0) {
                fprintf(stderr, "reqdump: cannot write %s\n", path);
                rc = 1;
            }
            if (f)
                fclose(f);
            printf("header = \"Content-Type: application/json\"\n");
            printf("data-binary = \"@%s\"\n", path);
        }
        board_outgoing_free(&o);
        i++;
    }
    board_free(b);
    free(st.v);
    return rc;
}
