/* keymap.c - key names and the per-context key -> action table. */
#include "ui/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

typedef struct binding {
    ui_context ctx;
    ui_key key;
    ui_action action;
} binding;

static binding map[KEYMAP_MAX_BINDINGS];
static size_t nmap;
static bool ready;

typedef struct named_key {
    const char *name;     /* as written in <…> (case-insensitive) */
    const char *display;  /* as shown by the help */
    bool is_code;
    wint_t ch;
} named_key;

/* The first entry for a key gives its display name. */
static const named_key names[] = {
    {"Left", "Left", true, KEY_LEFT},
    {"Right", "Right", true, KEY_RIGHT},
    {"Up", "Up", true, KEY_UP},
    {"Down", "Down", true, KEY_DOWN},
    {"S-Left", "S-Left", true, KEY_SLEFT},
    {"S-Right", "S-Right", true, KEY_SRIGHT},
    {"Home", "Home", true, KEY_HOME},
    {"End", "End", true, KEY_END},
    {"PageUp", "PgUp", true, KEY_PPAGE},
    {"PgUp", "PgUp", true, KEY_PPAGE},
    {"PageDown", "PgDn", true, KEY_NPAGE},
    {"PgDn", "PgDn", true, KEY_NPAGE},
    {"Enter", "Enter", false, '\n'},
    {"Return", "Enter", false, '\n'},
    {"Esc", "Esc", false, 27},
    {"Escape", "Esc", false, 27},
    {"Tab", "Tab", false, '\t'},
    {"S-Tab", "S-Tab", true, KEY_BTAB},
    {"BackTab", "S-Tab", true, KEY_BTAB},
    {"Space", "Space", false, ' '},
    {"Backspace", "Backspace", true, KEY_BACKSPACE},
    {"BS", "Backspace", true, KEY_BACKSPACE},
    {"Del", "Del", true, KEY_DC},
    {"Delete", "Del", true, KEY_DC},
    {"Insert", "Insert", true, KEY_IC},
    {"Ins", "Insert", true, KEY_IC},
    {"lt", "<", false, '<'},
    {"LessThan", "<", false, '<'},
};

ui_key keymap_normalize(ui_key k)
{
    if (k.is_code && k.ch == KEY_ENTER)
        return (ui_key){false, '\n'};
    if (!k.is_code && k.ch == '\r')
        return (ui_key){false, '\n'};
    if (!k.is_code && (k.ch == 127 || k.ch == 8))
        return (ui_key){true, KEY_BACKSPACE};
    return k;
}

bool keymap_key_equal(ui_key a, ui_key b)
{
    a = keymap_normalize(a);
    b = keymap_normalize(b);
    return a.is_code == b.is_code && a.ch == b.ch;
}

bool keymap_parse_key(const char *name, ui_key *out)
{
    if (!name || !*name)
        return false;
    size_t n = strlen(name);
    if (name[0] == '<' && n > 2 && name[n - 1] == '>') {
        const char *in = name + 1;
        size_t len = n - 2;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strlen(names[i].name) == len && strncasecmp(names[i].name, in, len) == 0) {
                *out = keymap_normalize((ui_key){names[i].is_code, names[i].ch});
                return true;
            }
        if (len == 3 && (in[0] == 'C' || in[0] == 'c') && in[1] == '-') {
            char c = in[2];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c >= 'a' && c <= 'z') {
                *out = keymap_normalize((ui_key){false, (wint_t)(c & 0x1f)});
                return true;
            }
            return false;
        }
        if ((in[0] == 'F' || in[0] == 'f') && len >= 2 && len <= 3) {
            int f = 0;
            for (size_t i = 1; i < len; i++) {
                if (in[i] < '0' || in[i] > '9')
                    return false;
                f = f * 10 + (in[i] - '0');
            }
            if (f < 1 || f > 12)
                return false;
            *out = (ui_key){true, (wint_t)KEY_F(f)};
            return true;
        }
        return false;
    }
    uint32_t cp;
    size_t used = pb_utf8_decode(name, n, &cp);
    if (used != n || cp == PB_UTF8_INVALID || cp < 0x20 || cp == 0x7f)
        return false;
    *out = (ui_key){false, (wint_t)cp};
    return true;
}

size_t keymap_key_name(ui_key k, char *out, size_t outsz)
{
    k = keymap_normalize(k);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].is_code == k.is_code && names[i].ch == k.ch)
            return (size_t)snprintf(out, outsz, "%s", names[i].display);
    if (k.is_code) {
        if (k.ch >= (wint_t)KEY_F(1) && k.ch <= (wint_t)KEY_F(12))
            return (size_t)snprintf(out, outsz, "F%d", (int)(k.ch - KEY_F0));
        return (size_t)snprintf(out, outsz, "key %d", (int)k.ch);
    }
    if (k.ch < 0x20)
        return (size_t)snprintf(out, outsz, "C-%c", (char)(k.ch + 'a' - 1));
    char utf[5];
    unsigned long c = (unsigned long)k.ch;
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    if (c < 0x80) {
        utf[0] = (char)c;
        utf[1] = '\0';
    } else if (c < 0x800) {
        utf[0] = (char)(0xC0 | (c >> 6));
        utf[1] = (char)(0x80 | (c & 0x3F));
        utf[2] = '\0';
    } else if (c < 0x10000) {
        utf[0] = (char)(0xE0 | (c >> 12));
        utf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        utf[2] = (char)(0x80 | (c & 0x3F));
        utf[3] = '\0';
    } else {
        utf[0] = (char)(0xF0 | (c >> 18));
        utf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        utf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        utf[3] = (char)(0x80 | (c & 0x3F));
        utf[4] = '\0';
    }
    return (size_t)snprintf(out, outsz, "%s", utf);
}

static void ensure_ready(void)
{
    if (!ready)
        keymap_reset();
}

bool keymap_bind_key(ui_context ctx, ui_key key, ui_action action)
{
    if ((unsigned)ctx >= UI_CTX_COUNT)
        return false;
    key = keymap_normalize(key);
    for (size_t i = 0; i < nmap; i++)
        if (map[i].ctx == ctx && keymap_key_equal(map[i].key, key)) {
            if (action == UI_ACT_NONE) {
                memmove(&map[i], &map[i + 1], (nmap - i - 1) * sizeof map[0]);
                nmap--;
            } else {
                map[i].action = action;
            }
            return true;
        }
    if (action == UI_ACT_NONE)
        return true;
    if (nmap >= KEYMAP_MAX_BINDINGS)
        return false;
    map[nmap++] = (binding){ctx, key, action};
    return true;
}

bool keymap_bind(ui_context ctx, const char *key_name, ui_action action, char *err,
                 size_t errlen)
{
    ensure_ready();
    ui_key k;
    if (!keymap_parse_key(key_name, &k)) {
        snprintf(err, errlen, "unknown key \"%s\"", key_name ? key_name : "");
        return false;
    }
    if (!keymap_bind_key(ctx, k, action)) {
        snprintf(err, errlen, "too many key bindings");
        return false;
    }
    return true;
}

void keymap_reset(void)
{
    nmap = 0;
    ready = true;
    size_t n;
    const ui_action_info *t = ui_action_table(&n);
    for (size_t i = 0; i < n; i++) {
        const char *p = t[i].default_keys;
        while (*p) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (len == 0)
                break;
            char name[32];
            if (len < sizeof name) {
                memcpy(name, p, len);
                name[len] = '\0';
                ui_key k;
                if (keymap_parse_key(name, &k))
                    keymap_bind_key(t[i].context, k, t[i].action);
            }
            p += len;
        }
    }
}

ui_action keymap_lookup(ui_context ctx, ui_key k)
{
    ensure_ready();
    k = keymap_normalize(k);
    for (size_t i = 0; i < nmap; i++)
        if (map[i].ctx == ctx && map[i].key.is_code == k.is_code && map[i].key.ch == k.ch)
            return map[i].action;
    if (ctx != UI_CTX_GLOBAL)
        for (size_t i = 0; i < nmap; i++)
            if (map[i].ctx == UI_CTX_GLOBAL && map[i].key.is_code == k.is_code
                && map[i].key.ch == k.ch)
                return map[i].action;
    return UI_ACT_NONE;
}

size_t keymap_keys_for(ui_action a, char *out, size_t outsz)
{
    ensure_ready();
    size_t len = 0;
    if (outsz)
        out[0] = '\0';
    for (size_t i = 0; i < nmap; i++) {
        if (map[i].action != a)
            continue;
        char name[32];
        keymap_key_name(map[i].key, name, sizeof name);
        size_t w = (size_t)snprintf(len < outsz ? out + len : NULL, len < outsz ? outsz - len : 0,
                                    "%s%s", len ? ", " : "", name);
        len += w;
    }
    return len;
}
