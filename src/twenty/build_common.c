/* build_common.c - pb_request plumbing shared by the builders. */
#include "twenty/build_internal.h"

#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"

void twenty_request_free(pb_request *r)
{
    if (!r)
        return;
    free(r->path_and_query);
    free(r->body);
    memset(r, 0, sizeof *r);
}

bool build_nomem(pb_error *err)
{
    return pb_error_set(err, PB_ERR_NOMEM, 0, "out of memory building a request");
}

bool build_check_depth(int depth, pb_error *err)
{
    if (depth == TWENTY_DEPTH_DEFAULT || depth == 0 || depth == 1)
        return true;
    return pb_error_set(err, PB_ERR_ENCODE, 0, "depth must be 0 or 1 (got %d)", depth);
}

void build_put_id(pb_buf *path, const pb_id *id)
{
    char s[PB_ID_BUFSZ];
    pb_id_format(id, s);
    pb_buf_putc(path, '/');
    pb_buf_puts(path, s);
}

void build_put_depth(pb_buf *path, int depth)
{
    if (depth == 0 || depth == 1)
        twenty_query_param(path, "depth", depth ? "1" : "0");
}

bool build_finish(pb_request *out, const char *method, pb_buf *path, cJSON *json,
                  bool retry_safe, pb_error *err)
{
    memset(out, 0, sizeof *out);
    char *body = NULL;
    if (json) {
        char *printed = cJSON_PrintUnformatted(json);
        cJSON_Delete(json);
        if (!printed) {
            pb_buf_free(path);
            return build_nomem(err);
        }
        body = strdup(printed);
        cJSON_free(printed);
        if (!body) {
            pb_buf_free(path);
            return build_nomem(err);
        }
    }
    char *p = pb_buf_take(path);
    if (!p) {
        free(body);
        return build_nomem(err);
    }
    out->method = method;
    out->path_and_query = p;
    out->body = body;
    out->retry_safe = retry_safe;
    pb_error_clear(err);
    return true;
}
