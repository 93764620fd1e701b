/* actions.c - the action table of actions.h, as data. */
#include "ui/actions.h"

#include <string.h>

static const ui_action_info table[] = {
#define UI_X_ACT(id, name, ctx, keys, help) {UI_ACT_##id, name, UI_CTX_##ctx, keys, help},
    UI_ACTIONS(UI_X_ACT)
#undef UI_X_ACT
};

static const char *const ctx_names[] = {
#define UI_X_CTX(id, name, title) name,
    UI_CONTEXTS(UI_X_CTX)
#undef UI_X_CTX
};

static const char *const ctx_titles[] = {
#define UI_X_CTX(id, name, title) title,
    UI_CONTEXTS(UI_X_CTX)
#undef UI_X_CTX
};

const ui_action_info *ui_action_table(size_t *count)
{
    if (count)
        *count = sizeof table / sizeof table[0];
    return table;
}

const ui_action_info *ui_action_get(ui_action a)
{
    if (a <= UI_ACT_NONE || a >= UI_ACT_COUNT)
        return NULL;
    return &table[a - 1];
}

ui_action ui_action_find(const char *name)
{
    if (!name)
        return UI_ACT_NONE;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].action;
    return UI_ACT_NONE;
}

const char *ui_context_name(ui_context c)
{
    return (unsigned)c < UI_CTX_COUNT ? ctx_names[c] : "";
}

const char *ui_context_title(ui_context c)
{
    return (unsigned)c < UI_CTX_COUNT ? ctx_titles[c] : "";
}

bool ui_context_find(const char *name, ui_context *out)
{
    for (unsigned i = 0; name && i < UI_CTX_COUNT; i++)
        if (strcmp(ctx_names[i], name) == 0) {
            *out = (ui_context)i;
            return true;
        }
    return false;
}
