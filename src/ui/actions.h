/* actions.h - THE table of user actions: one X-macro list gives the action
 * enum, the name a user binds in a config file ("move-next-stage"), the
 * context (keymap) it belongs to, its default keys and its help text.
 *
 * Promises:
 *  - Everything a key can do is in UI_ACTIONS; the keymap (keymap.c) is
 *    built from the default keys here and looked up per context, and the help
 *    screen (help.c) is generated from this list, so the help always shows
 *    every action with the keys that are really bound.
 *  - Default keys are a space-separated list of key names understood by
 *    keymap_parse_key: a single character ("j", "?", "<", ">") or a name in
 *    angle brackets ("<Down>", "<PageUp>", "<Enter>", "<Esc>", "<Tab>",
 *    "<S-Tab>", "<C-r>", "<Space>", "<F1>" …). An empty string: unbound.
 *  - Action names are unique, lower case words joined by '-'.
 *  - Screens look their keys up with keymap_lookup(context, key); a key
 *    unbound in a context falls back to UI_CTX_GLOBAL.
 */
#ifndef PB_UI_ACTIONS_H
#define PB_UI_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* Keymap contexts: X(enum suffix, config name, help section title) */
#define UI_CONTEXTS(X)                                   \
    X(GLOBAL, "global", "Everywhere")                    \
    X(BOARD, "board", "Board")                           \
    X(FORM, "form", "Edit and add form")                 \
    X(PICKER, "picker", "Company, contact and owner picker") \
    X(SEARCH, "search", "Search")                        \
    X(DETAIL, "detail", "Card detail")                   \
    X(HELP, "help", "This help")                         \
    X(CONFIRM, "confirm", "Questions (y/n)")

typedef enum ui_context {
#define UI_X_CTX(id, name, title) UI_CTX_##id,
    UI_CONTEXTS(UI_X_CTX)
#undef UI_X_CTX
    UI_CTX_COUNT
} ui_context;

/* X(enum suffix, config name, context, default keys, help text) */
#define UI_ACTIONS(X)                                                                         \
    X(REDRAW, "redraw", GLOBAL, "<C-l>", "Redraw the screen")                                 \
    /* board: selection */                                                                    \
    X(SELECT_LEFT, "select-left", BOARD, "h <Left>", "Select the column on the left")         \
    X(SELECT_RIGHT, "select-right", BOARD, "l <Right>", "Select the column on the right")     \
    X(SELECT_DOWN, "select-down", BOARD, "j <Down>", "Select the card below")                 \
    X(SELECT_UP, "select-up", BOARD, "k <Up>", "Select the card above")                       \
    X(SELECT_FIRST, "select-first", BOARD, "g <Home>", "Select the first card of the column") \
    X(SELECT_LAST, "select-last", BOARD, "G <End>",                                           \
      "Select the last card of the column (loads all of it)")                                 \
    X(PAGE_UP, "page-up", BOARD, "<PageUp> <C-b>", "Scroll the column up one screen")         \
    X(PAGE_DOWN, "page-down", BOARD, "<PageDown> <C-f>", "Scroll the column down one screen") \
    X(NEXT_COLUMN, "next-column", BOARD, "<Tab>", "Next column (wraps around)")               \
    X(PREV_COLUMN, "prev-column", BOARD, "<S-Tab>", "Previous column (wraps around)")         \
    /* board: writes */                                                                       \
    X(MOVE_NEXT_STAGE, "move-next-stage", BOARD, "L >", "Move the card to the next stage")    \
    X(MOVE_PREV_STAGE, "move-prev-stage", BOARD, "H <", "Move the card to the previous stage") \
    X(MOVE_DOWN, "move-down", BOARD, "J", "Move the card down in its column")                 \
    X(MOVE_UP, "move-up", BOARD, "K", "Move the card up in its column")                       \
    X(OPEN_DETAIL, "open-detail", BOARD, "<Enter>", "Show the card's details")                \
    X(EDIT_CARD, "edit-card", BOARD, "e", "Edit the card")                                    \
    X(ADD_CARD, "add-card", BOARD, "a", "Add a card to the selected column")                  \
    X(DELETE_CARD, "delete-card", BOARD, "d", "Delete the card (asks first; undoable)")       \
    X(UNDO, "undo", BOARD, "u", "Undo the last change")                                       \
    X(REDO, "redo", BOARD, "<C-r>", "Redo what was undone, or retry a failed change")        \
    X(DISMISS_FAILURE, "dismiss-failure", BOARD, "x",                                         \
      "Dismiss the failed-write flag of the card")                                            \
    /* board: other */                                                                        \
    X(SEARCH, "search", BOARD, "/", "Search deals by name")                                   \
    X(SEARCH_NEXT, "search-next", BOARD, "n", "Select the next search result")                \
    X(SEARCH_PREV, "search-prev", BOARD, "N", "Select the previous search result")            \
    X(REFRESH, "refresh", BOARD, "r", "Reload the board from the server")                     \
    X(HELP, "help", BOARD, "? <F1>", "Show this help")                                        \
    X(CANCEL, "cancel", BOARD, "<Esc>", "Cancel quitting; clear the message")                 \
    X(QUIT, "quit", BOARD, "q", "Quit (asks first while changes are being saved)")            \
    /* form */                                                                                \
    X(FORM_NEXT_FIELD, "form-next-field", FORM, "<Tab> <Down>", "Next field")                 \
    X(FORM_PREV_FIELD, "form-prev-field", FORM, "<S-Tab> <Up>", "Previous field")             \
    X(FORM_SAVE, "form-save", FORM, "<Enter> <C-s>",                                          \
      "Save (on a company, contact or owner field: choose one)")                              \
    X(FORM_CLEAR_FIELD, "form-clear-field", FORM, "<C-u>", "Clear the field")                 \
    X(FORM_CANCEL, "form-cancel", FORM, "<Esc>", "Close without saving")                      \
    /* picker */                                                                              \
    X(PICKER_DOWN, "picker-down", PICKER, "<Down> <C-n>", "Next match")                       \
    X(PICKER_UP, "picker-up", PICKER, "<Up> <C-p>", "Previous match")                         \
    X(PICKER_CHOOSE, "picker-choose", PICKER, "<Enter>", "Choose the match")                  \
    X(PICKER_NONE, "picker-none", PICKER, "<C-d>", "Choose none (clear the field)")           \
    X(PICKER_CANCEL, "picker-cancel", PICKER, "<Esc>", "Back to the form")                    \
    /* search */                                                                              \
    X(SEARCH_DOWN, "search-down", SEARCH, "<Down> <C-n>", "Next result")                      \
    X(SEARCH_UP, "search-up", SEARCH, "<Up> <C-p>", "Previous result")                        \
    X(SEARCH_OPEN, "search-open", SEARCH, "<Enter>", "Go to the result on the board")         \
    X(SEARCH_CANCEL, "search-cancel", SEARCH, "<Esc>", "Close the search")                    \
    /* detail */                                                                              \
    X(DETAIL_EDIT, "detail-edit", DETAIL, "e", "Edit this card")                               \
    X(DETAIL_DOWN, "detail-down", DETAIL, "j <Down>", "Scroll down")                          \
    X(DETAIL_UP, "detail-up", DETAIL, "k <Up>", "Scroll up")                                  \
    X(DETAIL_CLOSE, "detail-close", DETAIL, "q <Esc> <Enter>", "Close the detail")            \
    /* help */                                                                                \
    X(HELP_DOWN, "help-down", HELP, "j <Down>", "Scroll down")                                \
    X(HELP_UP, "help-up", HELP, "k <Up>", "Scroll up")                                        \
    X(HELP_PAGE_DOWN, "help-page-down", HELP, "<PageDown> <Space> <C-f>", "Scroll down one screen") \
    X(HELP_PAGE_UP, "help-page-up", HELP, "<PageUp> <C-b>", "Scroll up one screen")           \
    X(HELP_TOP, "help-top", HELP, "g <Home>", "Go to the top")                                \
    X(HELP_BOTTOM, "help-bottom", HELP, "G <End>", "Go to the bottom")                        \
    X(HELP_CLOSE, "help-close", HELP, "q <Esc> ?", "Close the help")                          \
    /* confirm */                                                                             \
    X(CONFIRM_YES, "confirm-yes", CONFIRM, "y Y", "Answer yes")                                      \
    X(CONFIRM_NO, "confirm-no", CONFIRM, "n N <Esc> q", "Answer no")

typedef enum ui_action {
    UI_ACT_NONE = 0,
#define UI_X_ACT(id, name, ctx, keys, help) UI_ACT_##id,
    UI_ACTIONS(UI_X_ACT)
#undef UI_X_ACT
    UI_ACT_COUNT
} ui_action;

typedef struct ui_action_info {
    ui_action action;
    const char *name;          /* "move-next-stage" */
    ui_context context;
    const char *default_keys;  /* "L >" */
    const char *help;
} ui_action_info;

/* The table, in declaration order (index i holds action i + 1). */
const ui_action_info *ui_action_table(size_t *count);
/* NULL for UI_ACT_NONE or out of range. */
const ui_action_info *ui_action_get(ui_action a);
/* By config name; UI_ACT_NONE if unknown. */
ui_action ui_action_find(const char *name);
const char *ui_context_name(ui_context c);    /* "board" */
const char *ui_context_title(ui_context c);   /* "Board" */
/* By config name; false if unknown. */
bool ui_context_find(const char *name, ui_context *out);

#endif
