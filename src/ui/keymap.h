/* keymap.h - key names, and the key -> action maps (one per context) built
 * from the action table (actions.h).
 *
 * Promises:
 *  - Table-driven: keymap_reset() binds every action's default keys;
 *    keymap_bind() rebinds one key in one context (what a config file's
 *    `bind <context> <key> <action>` line will call). No curses call is made
 *    here (only curses' key code constants are used), so this is unit-tested
 *    without a terminal.
 *  - keymap_lookup() finds the action of a key in a context, falling back to
 *    the global context; keys are normalised first (KEY_ENTER and CR are
 *    Enter, DEL and ^H are Backspace), so every spelling of a key matches.
 *  - One module-wide keymap (the UI has one thread); no allocation.
 */
#ifndef PB_UI_KEYMAP_H
#define PB_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/actions.h"
#include "ui/ui.h"

#define KEYMAP_MAX_BINDINGS 512

/* "j", "<", "é" (one character) or "<Down>", "<PageUp>", "<Enter>", "<Esc>",
 * "<Tab>", "<S-Tab>", "<Space>", "<Backspace>", "<Del>", "<Home>", "<End>",
 * "<F1>".."<F12>", "<C-r>" (Ctrl + letter), "<lt>" (a literal '<'); names
 * are case-insensitive. False if the name is not a key. */
bool keymap_parse_key(const char *name, ui_key *out);
/* The display name used by the help screen: "j", "Down", "PgUp", "C-r",
 * "S-Tab", "Enter", "Esc", "Space", "F1". Returns the length like snprintf. */
size_t keymap_key_name(ui_key k, char *out, size_t outsz);
/* One spelling per key (see above). */
ui_key keymap_normalize(ui_key k);
bool keymap_key_equal(ui_key a, ui_key b);

/* Back to the defaults of the action table. */
void keymap_reset(void);
/* Binds key_name in ctx to action (UI_ACT_NONE unbinds it), replacing what
 * the key did there. On failure (unknown key, table full) returns false with
 * a message in err. */
bool keymap_bind(ui_context ctx, const char *key_name, ui_action action, char *err,
                 size_t errlen);
bool keymap_bind_key(ui_context ctx, ui_key key, ui_action action);
/* The action of key k in ctx (or in the global context); UI_ACT_NONE if none. */
ui_action keymap_lookup(ui_context ctx, ui_key k);
/* The keys bound to an action, display names joined by ", " ("h, Left");
 * "" when unbound. Returns the length like snprintf. */
size_t keymap_keys_for(ui_action a, char *out, size_t outsz);

#endif
