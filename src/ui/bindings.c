/* bindings.c - apply `bind` lines to the keymap. */
#include "ui/bindings.h"

#include <stdio.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/keymap.h"

bool ui_bind(const char *context, const char *key, const char *action, char *err, size_t errlen)
{
    ui_context ctx;
    if (!ui_context_find(context, &ctx)) {
        char names[256] = "";
        for (unsigned i = 0; i < UI_CTX_COUNT; i++) {
            if (i)
                strncat(names, ", ", sizeof names - strlen(names) - 1);
            strncat(names, ui_context_name((ui_context)i), sizeof names - strlen(names) - 1);
        }
        snprintf(err, errlen, "unknown context '%s' (one of: %s)", context, names);
        return false;
    }
    ui_action a = UI_ACT_NONE;
    if (strcmp(action, "none") != 0) {
        a = ui_action_find(action);
        if (a == UI_ACT_NONE) {
            snprintf(err, errlen, "unknown action '%s' (the help screen lists them)", action);
            return false;
        }
    }
    ui_key k;
    if (!keymap_parse_key(key, &k)) {
        snprintf(err, errlen, "unknown key '%s' (e.g. x, <C-r>, <Enter>, <Esc>, <F1>)", key);
        return false;
    }
    return keymap_bind(ctx, key, a, err, errlen);
}
