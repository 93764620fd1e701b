/* http_util.c - request parameter look-up and response building (see http.h). */
#include "sim/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char k_json_type[] = "application/json; charset=utf-8";
static const char k_oom_body[] =
    "{\"statusCode\":500,\"error\":\"InternalServerErrorException\",\"messages\":[\"out of memory\"]}";

const char *sim_request_param(const sim_request *rq, const char *name)
{
    if (!rq || !name)
        return NULL;
    for (int i = 0; i < rq->nquery && i < SIM_MAX_QUERY; i++)
        if (rq->query[i].name && strcmp(rq->query[i].name, name) == 0)
            return rq->query[i].value ? rq->query[i].value : "";
    return NULL;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void sim_respond_json(sim_response *rs, int status, cJSON *json)
{
    if (!rs) {
        cJSON_Delete(json);
        return;
    }
    free(rs->body);
    rs->body = NULL;
    rs->body_len = 0;
    rs->content_type = k_json_type;
    char *text = json ? cJSON_PrintUnformatted(json) : NULL;
    cJSON_Delete(json);
    if (!text) {
        rs->status = 500;
        rs->body = dup_text(k_oom_body);
        rs->body_len = rs->body ? strlen(rs->body) : 0;
        return;
    }
    rs->status = status;
    rs->body = text;
    rs->body_len = strlen(text);
}

void sim_response_add_header(sim_response *rs, const char *name, const char *value)
{
    if (!rs || !name || !value)
        return;
    sim_header *h = NULL;
    for (int i = 0; i < rs->nheaders; i++)
        if (strcasecmp(rs->headers[i].name, name) == 0)
            h = &rs->headers[i];
    if (!h) {
        if (rs->nheaders >= SIM_MAX_HEADERS)
            return;
        h = &rs->headers[rs->nheaders++];
    }
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->value, sizeof h->value, "%s", value);
}

void sim_response_free(sim_response *rs)
{
    if (!rs)
        return;
    free(rs->body);
    rs->body = NULL;
    rs->body_len = 0;
    rs->nheaders = 0;
}
