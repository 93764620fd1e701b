/* build_rest.c - REST requests on /rest/opportunities (see request.h). */
#include "twenty/build_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"
#include "util/isodate.h"
#include "util/utf8.h"

#define OPPS "/rest/opportunities"

void twenty_list_params_init(pb_list_params *p)
{
    memset(p, 0, sizeof *p);
    p->limit = -1;
    p->depth = TWENTY_DEPTH_DEFAULT;
}

static bool order_by_valid(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '.' || c == ',' || c == '[' || c == ']'))
            return false;
    }
    return true;
}

static bool check_limit(int limit, pb_error *err)
{
    if (limit > TWENTY_MAX_LIMIT)
        return pb_error_set(err, PB_ERR_ENCODE, 0, "limit %d is above Twenty's maximum of %d",
                            limit, TWENTY_MAX_LIMIT);
    return true;
}

bool twenty_build_list(const pb_list_params *p, pb_request *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_limit(p->limit, err) || !build_check_depth(p->depth, err))
        return false;
    if (p->starting_after && p->ending_before)
        return pb_error_set(err, PB_ERR_ENCODE, 0,
                            "starting_after and ending_before cannot be combined");
    if (p->order_by && !order_by_valid(p->order_by))
        return pb_error_set(err, PB_ERR_ENCODE, 0, "invalid order_by '%s'", p->order_by);
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS);
    if (p->limit >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", p->limit);
        twenty_query_param(&path, "limit", n);
    }
    if (p->starting_after)
        twenty_query_param(&path, "starting_after", p->starting_after);
    if (p->ending_before)
        twenty_query_param(&path, "ending_before", p->ending_before);
    if (p->order_by)
        twenty_query_param(&path, "order_by", p->order_by);
    if (p->filter)
        twenty_query_param(&path, "filter", p->filter);
    build_put_depth(&path, p->depth);
    return build_finish(out, "GET", &path, NULL, true, err);
}

bool twenty_build_get(const pb_id *id, int depth, pb_request *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (!build_check_depth(depth, err))
        return false;
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS);
    build_put_id(&path, id);
    build_put_depth(&path, depth);
    return build_finish(out, "GET", &path, NULL, true, err);
}

bool twenty_build_get_many(const pb_id *ids, size_t n, int depth, pb_request *out,
                           pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (n == 0 || n > TWENTY_MAX_LIMIT)
        return pb_error_set(err, PB_ERR_ENCODE, 0, "between 1 and %d ids per request (got %zu)",
                            TWENTY_MAX_LIMIT, n);
    if (!build_check_depth(depth, err))
        return false;
    pb_buf filter = PB_BUF_INIT;
    if (twenty_filter_id_in(&filter, "id", ids, n) != TWENTY_ENC_OK) {
        pb_buf_free(&filter);
        return build_nomem(err);
    }
    pb_buf path = PB_BUF_INIT;
    char lim[16];
    snprintf(lim, sizeof lim, "%zu", n);
    pb_buf_puts(&path, OPPS);
    twenty_query_param(&path, "filter", pb_buf_cstr(&filter));
    twenty_query_param(&path, "limit", lim);
    build_put_depth(&path, depth);
    pb_buf_free(&filter);
    return build_finish(out, "GET", &path, NULL, true, err);
}

/* The shortest %.Ng (N = 15..17) that reads back as exactly d. cJSON's own
 * printer accepts a 15-digit form within a relative epsilon, which would
 * merge positions that differ in the last bits (repeated midpoints). */
static void format_double(double d, char out[32])
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, 32, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            return;
    }
}

static cJSON *id_or_null(const pb_id *id)
{
    if (pb_id_is_nil(id))
        return cJSON_CreateNull();
    char s[PB_ID_BUFSZ];
    pb_id_format(id, s);
    return cJSON_CreateString(s);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* The record body for create/update: only the fields in mask. */
static cJSON *opp_body(const pb_opp *v, unsigned mask, const pb_id *client_id, pb_error *err)
{
    if (mask & ~(unsigned)PB_OPP_F_ALL) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "unknown field bits 0x%x", mask);
        return NULL;
    }
    if ((mask & PB_OPP_F_NAME) && (!v->name || blank(v->name))) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "a deal needs a name");
        return NULL;
    }
    if ((mask & PB_OPP_F_NAME) && !pb_utf8_valid(v->name, strlen(v->name))) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "the name is not valid UTF-8");
        return NULL;
    }
    if ((mask & PB_OPP_F_STAGE) && (!v->stage || !*v->stage || !pb_utf8_valid(v->stage, strlen(v->stage)))) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "a deal needs a stage");
        return NULL;
    }
    if ((mask & PB_OPP_F_POSITION) && !isfinite(v->position)) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "position must be a finite number");
        return NULL;
    }
    char micros[32] = "";
    if ((mask & PB_OPP_F_AMOUNT) && v->amount.set) {
        if (v->amount.micros > PB_MONEY_MAX_MICROS || v->amount.micros < -PB_MONEY_MAX_MICROS) {
            pb_error_set(err, PB_ERR_ENCODE, 0, "amount too large to send exactly");
            return NULL;
        }
        if (!pb_currency_valid(v->amount.currency)) {
            pb_error_set(err, PB_ERR_ENCODE, 0, "currency '%.3s' is not a 3-letter code",
                         v->amount.currency);
            return NULL;
        }
        snprintf(micros, sizeof micros, "%lld", (long long)v->amount.micros);
    }
    char position[32] = "";
    if (mask & PB_OPP_F_POSITION)
        format_double(v->position, position);
    char date[PB_DATE_ISO_BUFSZ] = "";
    if ((mask & PB_OPP_F_CLOSE_DATE) && v->has_close_date
        && !pb_date_format_iso(v->close_date_ms, date)) {
        pb_error_set(err, PB_ERR_ENCODE, 0, "close date out of range (years 0000-9999)");
        return NULL;
    }

    cJSON *o = cJSON_CreateObject();
    if (!o) {
        build_nomem(err);
        return NULL;
    }
    bool ok = true;
#define ADD(x) ok = ((x) != 0) && ok
    if (client_id) {
        char s[PB_ID_BUFSZ];
        pb_id_format(client_id, s);
        ADD(cJSON_AddStringToObject(o, "id", s));
    }
    if (mask & PB_OPP_F_NAME)
        ADD(cJSON_AddStringToObject(o, "name", v->name));
    if (mask & PB_OPP_F_STAGE)
        ADD(cJSON_AddStringToObject(o, "stage", v->stage));
    if (mask & PB_OPP_F_POSITION)
        ADD(cJSON_AddRawToObject(o, "position", position));
    if (mask & PB_OPP_F_AMOUNT) {
        cJSON *a = cJSON_AddObjectToObject(o, "amount");
        ADD(a);
        if (a) {
            if (v->amount.set)
                ADD(cJSON_AddRawToObject(a, "amountMicros", micros));
            else
                ADD(cJSON_AddNullToObject(a, "amountMicros"));
            if (pb_currency_valid(v->amount.currency))
                ADD(cJSON_AddStringToObject(a, "currencyCode", v->amount.currency));
        }
    }
    if (mask & PB_OPP_F_CLOSE_DATE) {
        if (v->has_close_date)
            ADD(cJSON_AddStringToObject(o, "closeDate", date));
        else
            ADD(cJSON_AddNullToObject(o, "closeDate"));
    }
    if (mask & PB_OPP_F_COMPANY)
        ADD(cJSON_AddItemToObject(o, "companyId", id_or_null(&v->company_id)));
    if (mask & PB_OPP_F_POC)
        ADD(cJSON_AddItemToObject(o, "pointOfContactId", id_or_null(&v->poc_id)));
    if (mask & PB_OPP_F_OWNER)
        ADD(cJSON_AddItemToObject(o, "ownerId", id_or_null(&v->owner_id)));
#undef ADD
    if (!ok) {
        cJSON_Delete(o);
        build_nomem(err);
        return NULL;
    }
    return o;
}

bool twenty_build_create(const pb_opp *values, unsigned mask, const pb_id *client_id, int depth,
                         pb_request *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(mask & PB_OPP_F_NAME))
        return pb_error_set(err, PB_ERR_ENCODE, 0, "a deal needs a name");
    if (client_id && pb_id_is_nil(client_id))
        return pb_error_set(err, PB_ERR_ENCODE, 0, "the nil id cannot name a record");
    if (!build_check_depth(depth, err))
        return false;
    cJSON *body = opp_body(values, mask, client_id, err);
    if (!body)
        return false;
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS);
    build_put_depth(&path, depth);
    return build_finish(out, "POST", &path, body, false, err);
}

bool twenty_build_update(const pb_id *id, const pb_opp *values, unsigned mask, int depth,
                         pb_request *out, pb_error *err)
{
    memset(out, 0, sizeof *out);
    if (mask == 0)
        return pb_error_set(err, PB_ERR_ENCODE, 0, "nothing to update");
    if (!build_check_depth(depth, err))
        return false;
    cJSON *body = opp_body(values, mask, NULL, err);
    if (!body)
        return false;
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS);
    build_put_id(&path, id);
    build_put_depth(&path, depth);
    return build_finish(out, "PATCH", &path, body, true, err);
}

bool twenty_build_move(const pb_id *id, const char *stage, double position, pb_request *out,
                       pb_error *err)
{
    pb_opp v;
    pb_opp_init(&v);
    v.stage = stage;
    v.position = position;
    return twenty_build_update(id, &v, PB_OPP_F_STAGE | PB_OPP_F_POSITION, TWENTY_DEPTH_DEFAULT,
                               out, err);
}

static bool simple(const char *method, const pb_id *id, const char *suffix, bool retry_safe,
                   pb_request *out, pb_error *err)
{
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS);
    build_put_id(&path, id);
    pb_buf_puts(&path, suffix);
    return build_finish(out, method, &path, NULL, retry_safe, err);
}

bool twenty_build_soft_delete(const pb_id *id, pb_request *out, pb_error *err)
{
    return simple("DELETE", id, "?soft_delete=true", false, out, err);
}

bool twenty_build_restore(const pb_id *id, pb_request *out, pb_error *err)
{
    return simple("PATCH", id, "/restore", false, out, err);
}

bool twenty_build_destroy(const pb_id *id, pb_request *out, pb_error *err)
{
    return simple("DELETE", id, "", false, out, err);
}

bool twenty_build_group_totals(const char *filter, pb_request *out, pb_error *err)
{
    pb_buf path = PB_BUF_INIT;
    pb_buf_puts(&path, OPPS "/groupBy");
    twenty_query_param(&path, "group_by", "[{\"stage\":true},{\"amount\":{\"currencyCode\":true}}]");
    twenty_query_param(&path, "aggregate", "[\"sumAmountAmountMicros\",\"totalCount\"]");
    if (filter)
        twenty_query_param(&path, "filter", filter);
    return build_finish(out, "GET", &path, NULL, true, err);
}
