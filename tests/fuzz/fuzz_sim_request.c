/* fuzz_sim_request.c - whole requests through twenty-sim's router
 * (sim_world_handle: REST records, REST metadata, /graphql and /metadata,
 * so the parameter parsers, GraphQL variables coercion and execution too),
 * after authentication, as server.c hands them over. The input is up to four
 * requests separated by a line "===", each "METHOD /path?query" on its
 * first line and the body after it. Every input starts from the same fresh
 * in-memory workspace (default stages, 12 seeded opportunities), so a crash
 * reproduces. Every answer has an HTTP status and a JSON body. */
#include "fuzz_common.h"
#include "sim/urlquery.h"
#include "sim/world.h"

#define MAX_REQUESTS 4
static const char k_sep[] = "\n===\n";

static void one(sim_world *w, char *text)
{
    char *nl = strchr(text, '\n');
    char *body = nl ? nl + 1 : text + strlen(text);
    if (nl)
        *nl = '\0';
    char *sp = strchr(text, ' ');
    if (!sp)
        return;
    *sp = '\0';
    char *target = sp + 1;
    char *q = strchr(target, '?');
    if (q)
        *q = '\0';
    sim_request rq;
    memset(&rq, 0, sizeof rq);
    rq.method = text;
    rq.path = target;
    rq.raw_query = q ? q + 1 : "";
    if (sim_urlquery_split(&rq, rq.raw_query) < 0)
        abort();
    rq.body = body;
    rq.body_len = strlen(body);
    sim_response rs;
    memset(&rs, 0, sizeof rs);
    sim_world_handle(w, &rq, &rs);
    FZ_CHECK(rs.status >= 200 && rs.status <= 599, "%s %s: status %d", rq.method, rq.path,
             rs.status);
    if (rs.body && (!rs.content_type || strstr(rs.content_type, "json"))) {
        cJSON *j = cJSON_ParseWithLength(rs.body, rs.body_len);
        FZ_CHECK(j != NULL, "%s %s: %d body is not JSON: %.200s", rq.method, rq.path, rs.status,
                 rs.body);
        cJSON_Delete(j);
    }
    sim_response_free(&rs);
    sim_urlquery_free(&rq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_cstr(data, size);
    if (strlen(text) != size) {   /* bodies are NUL-terminated text */
        free(text);
        return 0;
    }
    sim_world w;
    sim_store_config cfg = {.stages = "default", .seed_count = 12, .seed = 5,
                            .api_key_name = "fuzz key"};
    sim_error err = {0};
    if (!sim_world_open(&w, &cfg, &err))
        abort();
    char *p = text;
    for (int i = 0; i < MAX_REQUESTS && p; i++) {
        char *next = strstr(p, k_sep);
        if (next) {
            *next = '\0';
            next += sizeof k_sep - 1;
        }
        one(&w, p);
        p = next;
    }
    sim_world_close(&w);
    free(text);
    return 0;
}
