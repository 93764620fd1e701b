/* uitool.c - a small helper for the UI test scripts (tests/ui/lib.sh compiles it).
 *
 * Promises (no curl or jq binary is needed in CI; only the libraries the
 * project already builds with):
 *   uitool http METHOD URL [BODY]
 *       one HTTP request with "Authorization: Bearer $UI_SIM_KEY" (the key is
 *       read from the environment, never from argv); the body goes to stdout.
 *       Exit 0 on 2xx, 1 on any other status, 2 when there was no answer.
 *   uitool json PATH
 *       reads JSON on stdin and prints the value at PATH: keys and array
 *       indexes separated by dots ("data.opportunity.amount.amountMicros",
 *       "data.opportunities.0.name"); "*" prints every element of an array,
 *       one per line, "#" the length of an array. Strings print raw, integral
 *       numbers without a decimal point, null as "null". Exit 1 if absent.
 *   uitool cols
 *       reads a screen dump on stdin and checks that every line holding a
 *       column border (U+2502 │ or U+253C ┼) has its borders at the same
 *       display columns as the first such line, measuring with the C
 *       library's wcwidth() (what tmux itself uses). Prints the offending
 *       lines with their border columns; exit 0 when all agree, 1 otherwise,
 *       3 when no line has a border at all.
 *   uitool width
 *       prints the display width of each line of stdin.
 *   uitool cut FROM TO
 *       prints, for each line of stdin, the characters whose display column
 *       lies in [FROM, TO) (0-based), trailing blanks trimmed.
 *   uitool column LABEL
 *       reads a screen dump on stdin, finds the first line holding LABEL and
 *       prints, for that line and every line below it, the cells of the board
 *       column LABEL stands in: between the borders (│ ┼) around it on that
 *       line, or the whole width when the line has no border (one column at a
 *       time). Lines below that lack those borders (a status line, a title)
 *       print as empty lines. Trailing blanks are trimmed. Exit 1 when LABEL
 *       is not shown. */
#include <curl/curl.h>
#include <cjson/cJSON.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define MAX_LINE 8192
#define MAX_BORDERS 64

typedef struct sink {
    char *p;
    size_t n;
} sink;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    sink *s = ud;
    size_t add = size * nmemb;
    char *np = realloc(s->p, s->n + add + 1);
    if (!np)
        return 0;
    memcpy(np + s->n, data, add);
    s->p = np;
    s->n += add;
    s->p[s->n] = '\0';
    return add;
}

static int cmd_http(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: uitool http METHOD URL [BODY]\n");
        return 2;
    }
    const char *key = getenv("UI_SIM_KEY");
    if (!key)
        key = "";
    char auth[600];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", key);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *c = curl_easy_init();
    if (!c)
        return 2;
    struct curl_slist *h = curl_slist_append(NULL, auth);
    h = curl_slist_append(h, "Content-Type: application/json");
    sink s = {0};
    curl_easy_setopt(c, CURLOPT_URL, argv[3]);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, argv[2]);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    if (argc > 4)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, argv[4]);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (s.p)
        fputs(s.p, stdout);
    free(s.p);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    if (rc != CURLE_OK) {
        fprintf(stderr, "uitool: %s\n", curl_easy_strerror(rc));
        return 2;
    }
    return status >= 200 && status < 300 ? 0 : 1;
}

static char *read_all(FILE *f)
{
    sink s = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (on_body(buf, 1, n, &s) != n) {
            free(s.p);
            return NULL;
        }
    if (!s.p)
        s.p = calloc(1, 1);
    return s.p;
}

static void print_value(const cJSON *v)
{
    if (cJSON_IsString(v)) {
        puts(v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        long long ll = (long long)d;
        if ((double)ll == d)
            printf("%lld\n", ll);
        else
            printf("%.17g\n", d);
    } else if (cJSON_IsNull(v)) {
        puts("null");
    } else if (cJSON_IsBool(v)) {
        puts(cJSON_IsTrue(v) ? "true" : "false");
    } else {
        char *s = cJSON_PrintUnformatted(v);
        if (s)
            puts(s);
        free(s);
    }
}

/* Walks `path` (dot-separated, modified in place) from v; prints what it finds. */
static int walk(const cJSON *v, char *path)
{
    if (!path || !*path) {
        print_value(v);
        return 0;
    }
    char *rest = strchr(path, '.');
    if (rest)
        *rest++ = '\0';
    if (!strcmp(path, "#")) {
        if (!cJSON_IsArray(v))
            return 1;
        printf("%d\n", cJSON_GetArraySize(v));
        return 0;
    }
    if (!strcmp(path, "*")) {
        if (!cJSON_IsArray(v))
            return 1;
        const cJSON *e;
        cJSON_ArrayForEach(e, v)
        {
            char *copy = rest ? strdup(rest) : NULL;
            walk(e, copy);
            free(copy);
        }
        return 0;
    }
    const cJSON *next;
    if (cJSON_IsArray(v)) {
        char *end;
        long i = strtol(path, &end, 10);
        if (*end || i < 0)
            return 1;
        next = cJSON_GetArrayItem(v, (int)i);
    } else {
        next = cJSON_GetObjectItemCaseSensitive(v, path);
    }
    if (!next)
        return 1;
    return walk(next, rest);
}

static int cmd_json(int argc, char **argv)
{
    char *text = read_all(stdin);
    if (!text)
        return 2;
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!root) {
        fprintf(stderr, "uitool: stdin is not JSON\n");
        return 2;
    }
    char *path = strdup(argc > 2 ? argv[2] : "");
    int rc = walk(root, path);
    free(path);
    cJSON_Delete(root);
    return rc;
}

/* Display columns of the borders in one line; returns how many (or -1 on bad UTF-8). */
static int borders_of(const char *line, int *cols, int max, int *width)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int col = 0, n = 0;
    const char *p = line;
    size_t left = strlen(line);
    while (left > 0) {
        wchar_t wc;
        size_t k = mbrtowc(&wc, p, left, &st);
        if (k == (size_t)-1 || k == (size_t)-2)
            return -1;
        if (k == 0)
            break;
        if ((wc == 0x2502 || wc == 0x253C) && n < max)
            cols[n++] = col;
        int w = wcwidth(wc);
        col += w > 0 ? w : 0;
        p += k;
        left -= k;
    }
    *width = col;
    return n;
}

static void print_cols(const int *cols, int n)
{
    for (int i = 0; i < n; i++)
        printf("%s%d", i ? "," : "", cols[i]);
}

static int cmd_cols(void)
{
    char line[MAX_LINE];
    int ref[MAX_BORDERS], nref = -1, lineno = 0, bad = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        int cols[MAX_BORDERS], w;
        int n = borders_of(line, cols, MAX_BORDERS, &w);
        if (n < 0) {
            printf("line %d: not UTF-8\n", lineno);
            bad = 1;
            continue;
        }
        if (n == 0)
            continue;
        if (nref < 0) {
            memcpy(ref, cols, sizeof(int) * (size_t)n);
            nref = n;
            continue;
        }
        if (n != nref || memcmp(ref, cols, sizeof(int) * (size_t)n) != 0) {
            printf("line %d: borders at ", lineno);
            print_cols(cols, n);
            printf(", expected ");
            print_cols(ref, nref);
            printf(": %s\n", line);
            bad = 1;
        }
    }
    if (nref < 0) {
        printf("no column borders on the screen\n");
        return 3;
    }
    return bad;
}

/* Appends to out the characters of `line` whose display column lies in [from, to). */
static void cut_cells(const char *line, int from, int to, char *out, size_t outsz)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int col = 0;
    size_t o = 0;
    const char *p = line;
    size_t left = strlen(line);
    while (left > 0) {
        wchar_t wc;
        size_t k = mbrtowc(&wc, p, left, &st);
        if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
            break;
        int w = wcwidth(wc);
        if (col >= from && col < to && o + k < outsz) {
            memcpy(out + o, p, k);
            o += k;
        }
        col += w > 0 ? w : 0;
        p += k;
        left -= k;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* Display column where byte offset `off` of `line` starts. */
static int col_at(const char *line, size_t off)
{
    char tmp[MAX_LINE];
    memcpy(tmp, line, off);
    tmp[off] = '\0';
    int cols[1], w;
    if (borders_of(tmp, cols, 0, &w) < 0)
        return -1;
    return w;
}

static int cmd_column(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: uitool column LABEL\n");
        return 2;
    }
    char line[MAX_LINE], out[MAX_LINE];
    int from = -1, to = 0;
    bool bordered = false;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (from >= 0 && bordered) {
            int cols[MAX_BORDERS], w;
            int n = borders_of(line, cols, MAX_BORDERS, &w);
            bool left = from == 0, right = to == 1 << 20;
            for (int i = 0; i < n; i++) {
                left = left || cols[i] == from - 1;
                right = right || cols[i] == to;
            }
            if (!left || !right) {
                puts("");
                continue;
            }
        }
        if (from < 0) {
            const char *hit = strstr(line, argv[2]);
            if (!hit)
                continue;
            int at = col_at(line, (size_t)(hit - line));
            int cols[MAX_BORDERS], w;
            int n = borders_of(line, cols, MAX_BORDERS, &w);
            if (at < 0 || n < 0)
                continue;
            from = 0;
            to = 1 << 20;
            bordered = n > 0;
            for (int i = 0; i < n; i++) {
                if (cols[i] < at)
                    from = cols[i] + 1;
                else if (cols[i] > at && cols[i] < to)
                    to = cols[i];
            }
        }
        cut_cells(line, from, to, out, sizeof out);
        puts(out);
    }
    return from < 0 ? 1 : 0;
}

static int cmd_cut(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: uitool cut FROM TO\n");
        return 2;
    }
    int from = atoi(argv[2]), to = atoi(argv[3]);
    char line[MAX_LINE], out[MAX_LINE];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        cut_cells(line, from, to, out, sizeof out);
        puts(out);
    }
    return 0;
}

static int cmd_width(void)
{
    char line[MAX_LINE];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        int cols[1], w;
        if (borders_of(line, cols, 0, &w) < 0)
            w = -1;
        printf("%d\n", w);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    if (argc < 2) {
        fprintf(stderr, "usage: uitool http|json|cols|width|cut|column ...\n");
        return 2;
    }
    if (!strcmp(argv[1], "http"))
        return cmd_http(argc, argv);
    if (!strcmp(argv[1], "json"))
        return cmd_json(argc, argv);
    if (!strcmp(argv[1], "cols"))
        return cmd_cols();
    if (!strcmp(argv[1], "width"))
        return cmd_width();
    if (!strcmp(argv[1], "cut"))
        return cmd_cut(argc, argv);
    if (!strcmp(argv[1], "column"))
        return cmd_column(argc, argv);
    fprintf(stderr, "uitool: unknown command '%s'\n", argv[1]);
    return 2;
}
