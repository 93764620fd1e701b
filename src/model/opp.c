/* opp.c - helpers for the compact records (see opp.h). */
#include "model/opp.h"

#include <stdlib.h>
#include <string.h>

void pb_opp_init(pb_opp *o)
{
    memset(o, 0, sizeof *o);
    o->name = "";
    o->stage = "";
}

size_t pb_stage_index(const pb_stage_list *l, const char *value)
{
    if (!value)
        return l->n;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].value == value || strcmp(l->v[i].value, value) == 0)
            return i;
    return l->n;
}

const pb_stage *pb_stage_find(const pb_stage_list *l, const char *value)
{
    size_t i = pb_stage_index(l, value);
    return i < l->n ? &l->v[i] : NULL;
}

void pb_stage_list_free(pb_stage_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
    l->default_value = NULL;
}

void pb_stage_list_sort(pb_stage_list *l)
{
    /* Insertion sort: stable, and stage lists are short. */
    for (size_t i = 1; i < l->n; i++) {
        pb_stage x = l->v[i];
        size_t j = i;
        while (j > 0 && l->v[j - 1].position > x.position) {
            l->v[j] = l->v[j - 1];
            j--;
        }
        l->v[j] = x;
    }
}
