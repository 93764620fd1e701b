/* bindings.h - user key bindings from the config file's `bind` lines.
 *
 * Promises: ui_bind applies one `bind <context> <key> <action>` line to the
 * keymap (action `none` unbinds the key in that context); an unknown
 * context, key or action is refused with a reason naming the valid choices,
 * and nothing changes. No curses call is made. */
#ifndef PB_UI_BINDINGS_H
#define PB_UI_BINDINGS_H

#include <stdbool.h>
#include <stddef.h>

bool ui_bind(const char *context, const char *key, const char *action, char *err, size_t errlen);

#endif
