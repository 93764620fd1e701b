/* meta_json.c - field metadata JSON shared by REST and GraphQL metadata. */
#include "sim/meta_json.h"

const char *sim_meta_type_name(sim_ftype t)
{
    switch (t) {
    case SF_UUID: return "UUID";
    case SF_TEXT: return "TEXT";
    case SF_NUMBER: return "NUMBER";
    case SF_POSITION: return "POSITION";
    case SF_BOOLEAN: return "BOOLEAN";
    case SF_DATE_TIME: return "DATE_TIME";
    case SF_SELECT: return "SELECT";
    case SF_CURRENCY: return "CURRENCY";
    case SF_FULL_NAME: return "FULL_NAME";
    case SF_EMAILS: return "EMAILS";
    case SF_LINKS: return "LINKS";
    case SF_ACTOR: return "ACTOR";
    case SF_RELATION: return "RELATION";
    }
    return "TEXT";
}

const char *sim_meta_field_name(const sim_field *f)
{
    return f->type == SF_RELATION && f->relation_name ? f->relation_name : f->name;
}

cJSON *sim_meta_default_json(const char *text)
{
    if (!text)
        return cJSON_CreateNull();
    cJSON *j = cJSON_Parse(text);
    return j ? j : cJSON_CreateString(text);
}

cJSON *sim_meta_options_json(const sim_schema *s, const sim_field *f)
{
    if (f->type != SF_SELECT)
        return cJSON_CreateNull();
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < s->nstages; i++) {
        const sim_select_option *opt = &s->stages[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", opt->id);
        cJSON_AddStringToObject(o, "value", opt->value);
        cJSON_AddStringToObject(o, "label", opt->label);
        cJSON_AddStringToObject(o, "color", opt->color);
        cJSON_AddNumberToObject(o, "position", opt->position);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}
