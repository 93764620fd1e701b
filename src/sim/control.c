/* control.c - the /__sim/faults routes. */
#include "control.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "replies.h"

bool sim_control_owns(const char *path)
{
    return strcmp(path, "/__sim") == 0 || strncmp(path, "/__sim/", 7) == 0;
}

static void describe(const sim_faults *f, sim_response *rs)
{
    size_t cap = 64 + f->n * 512;
    char *spec = malloc(cap);
    char one[512];
    cJSON *o = cJSON_CreateObject();
    if (spec != NULL && sim_faults_format(f, spec, cap))
        cJSON_AddStringToObject(o, "spec", spec);
    else
        cJSON_AddNullToObject(o, "spec");
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t i = 0; i < f->n; i++) {
        sim_faults single = {&f->rules[i], 1};
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "rule", sim_faults_format(&single, one, sizeof one) ? one : "");
        cJSON_AddNumberToObject(r, "matched", (double)f->rules[i].matched);
        cJSON_AddNumberToObject(r, "fired", (double)f->rules[i].fired);
        cJSON_AddItemToArray(rules, r);
    }
    free(spec);
    free(rs->body);
    memset(rs, 0, sizeof *rs);
    rs->status = 200;
    rs->body = cJSON_PrintUnformatted(o);
    rs->body_len = rs->body ? strlen(rs->body) : 0;
    cJSON_Delete(o);
}

void sim_control_handle(sim_faults *faults, const char *method, const char *path, const char *body,
                        sim_response *rs)
{
    char msg[600];
    if (strcmp(path, "/__sim/faults") != 0) {
        snprintf(msg, sizeof msg, "Cannot %.20s %.400s", method, path);
        sim_reply_error(rs, 404, "NotFoundException", msg);
        return;
    }
    if (strcmp(method, "GET") == 0) {
        describe(faults, rs);
    } else if (strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0) {
        char why[400];
        sim_faults next;
        if (!sim_faults_parse(body ? body : "", &next, why, sizeof why)) {
            snprintf(msg, sizeof msg, "faults: %s", why);
            sim_reply_error(rs, 400, "BadRequestException", msg);
            return;
        }
        sim_faults_free(faults);
        *faults = next;
        describe(faults, rs);
    } else if (strcmp(method, "DELETE") == 0) {
        sim_faults_free(faults);
        describe(faults, rs);
    } else {
        snprintf(msg, sizeof msg, "Cannot %.20s %.400s", method, path);
        sim_reply_error(rs, 404, "NotFoundException", msg);
    }
}
