/* theme_diag.c - startup problems kept for the screen (see theme_diag.h). */
#include "ui/theme_diag.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct diag_msg {
    char source[16];
    char text[420];
} diag_msg;

static diag_msg msgs[THEME_DIAG_MAX];
static int nmsgs, ndropped;

void theme_diag_add(const char *source, const char *text)
{
    if (!text || !*text)
        return;
    if (nmsgs >= THEME_DIAG_MAX) {
        ndropped++;
        return;
    }
    diag_msg *m = &msgs[nmsgs++];
    snprintf(m->source, sizeof m->source, "%s", source && *source ? source : "startup");
    /* $HOME/ shown as ~/ wherever it appears (paths in the message) */
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    size_t o = 0;
    const char *t = text;
    while (*t && o + 1 < sizeof m->text) {
        if (hl > 1 && strncmp(t, home, hl) == 0 && t[hl] == '/' &&
            (t == text || t[-1] == ' ' || t[-1] == '(' || t[-1] == '\'')) {
            m->text[o++] = '~';
            t += hl;
            continue;
        }
        m->text[o++] = *t++;
    }
    m->text[o] = '\0';
}

int theme_diag_count(void)
{
    return nmsgs + ndropped;
}

const char *theme_diag_get(int i)
{
    return i >= 0 && i < nmsgs ? msgs[i].text : NULL;
}

void theme_diag_summary(char *out, size_t outlen)
{
    if (!outlen)
        return;
    out[0] = '\0';
    if (nmsgs == 0)
        return;
    /* the sources, in order of appearance, joined by "and" */
    char sources[64] = "";
    size_t sl = 0;
    for (int i = 0; i < nmsgs; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen = seen || !strcmp(msgs[j].source, msgs[i].source);
        if (!seen && sl < sizeof sources)
            sl += (size_t)snprintf(sources + sl, sizeof sources - sl, "%s%s", sl ? " and " : "",
                                   msgs[i].source);
    }
    int n = theme_diag_count();
    if (n == 1)
        snprintf(out, outlen, "%s: %s", sources, msgs[0].text);
    else
        snprintf(out, outlen, "%s: %d problems (first: %s)", sources, n, msgs[0].text);
}

void theme_diag_clear(void)
{
    nmsgs = ndropped = 0;
}
