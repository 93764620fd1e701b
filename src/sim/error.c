/* error.c - Twenty's error bodies (see error.h). */
#include "sim/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void set_name(sim_error *e, const char *error)
{
    snprintf(e->error, sizeof e->error, "%s", error ? error : "");
}

bool sim_fail(sim_error *e, int status, const char *error, const char *fmt, ...)
{
    if (!e)
        return false;
    e->status = status;
    set_name(e, error);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return false;
}

bool sim_bad_request(sim_error *e, const char *fmt, ...)
{
    if (!e)
        return false;
    e->status = 400;
    set_name(e, "BadRequestException");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return false;
}

bool sim_not_found(sim_error *e)
{
    return sim_fail(e, 404, "NotFoundException", "Record not found");
}

cJSON *sim_error_body(const sim_error *e)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int status = e && e->status ? e->status : 500;
    const char *name = e && e->error[0] ? e->error : "InternalServerErrorException";
    cJSON_AddNumberToObject(o, "statusCode", status);
    cJSON_AddStringToObject(o, "error", name);
    cJSON *msgs = cJSON_AddArrayToObject(o, "messages");
    if (msgs)
        cJSON_AddItemToArray(msgs, cJSON_CreateString(e ? e->message : ""));
    return o;
}
