/* urlquery.c - query string splitting and URL decoding. */
#include "urlquery.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

/* Decodes one query component in place: '+' is a space, then %XX. */
static void decode_component(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '+') *p = ' ';
    MHD_http_unescape(s);
}

int sim_urlquery_split(sim_request *rq, const char *raw)
{
    int dropped = 0;
    rq->nquery = 0;
    for (const char *p = raw ? raw : ""; *p;) {
        size_t len = strcspn(p, "&");
        if (len > 0) {
            if (rq->nquery == SIM_MAX_QUERY) {
                dropped++;
            } else {
                const char *eq = memchr(p, '=', len);
                size_t nlen = eq ? (size_t)(eq - p) : len;
                char *name = strndup(p, nlen);
                char *value = eq ? strndup(eq + 1, len - nlen - 1) : strdup("");
                if (name == NULL || value == NULL) {
                    free(name);
                    free(value);
                    return -1;
                }
                decode_component(name);
                decode_component(value);
                rq->query[rq->nquery].name = name;
                rq->query[rq->nquery].value = value;
                rq->nquery++;
            }
        }
        p += len;
        if (*p == '&') p++;
    }
    return dropped;
}

void sim_urlquery_free(sim_request *rq)
{
    for (int i = 0; i < rq->nquery; i++) {
        free(rq->query[i].name);
        free(rq->query[i].value);
        rq->query[i].name = rq->query[i].value = NULL;
    }
    rq->nquery = 0;
}
