/* encode.c - URL and filter-value encoding (see encode.h). */
#include "twenty/encode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "util/utf8.h"

const char *twenty_enc_reason(twenty_enc e)
{
    switch (e) {
    case TWENTY_ENC_OK: return "";
    case TWENTY_ENC_INEXPRESSIBLE:
        return "the value cannot be written in a Twenty filter (line break, unbalanced "
               "parentheses, or quotes that Twenty's filter syntax cannot carry)";
    case TWENTY_ENC_INVALID: return "invalid filter field, operator or value";
    case TWENTY_ENC_NOMEM: return "out of memory";
    }
    return "";
}

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~';
}

bool twenty_url_encode_n(pb_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!pb_buf_reserve(out, n * 3))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c)) {
            out->data[out->len++] = (char)c;
        } else {
            out->data[out->len++] = '%';
            out->data[out->len++] = hex[c >> 4];
            out->data[out->len++] = hex[c & 15];
        }
    }
    out->data[out->len] = '\0';
    return true;
}

bool twenty_url_encode(pb_buf *out, const char *s)
{
    return twenty_url_encode_n(out, s, strlen(s));
}

bool twenty_query_param(pb_buf *out, const char *name, const char *value)
{
    bool has_q = out->data && memchr(out->data, '?', out->len);
    pb_buf_putc(out, has_q ? '&' : '?');
    twenty_url_encode(out, name);
    pb_buf_putc(out, '=');
    twenty_url_encode(out, value);
    return !out->oom;
}

bool twenty_filter_op_valid(const char *op)
{
    static const char *const ops[] = {"eq",  "neq", "in",  "containsAny", "is",
                                      "gt",  "gte", "lt",  "lte",         "startsWith",
                                      "endsWith", "like", "ilike"};
    if (!op)
        return false;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(op, ops[i]) == 0)
            return true;
    return false;
}

bool twenty_filter_path_valid(const char *p)
{
    if (!p || !*p)
        return false;
    bool seg_empty = true;
    for (; *p; p++) {
        char c = *p;
        if (c == '.') {
            if (seg_empty)
                return false;
            seg_empty = true;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                   || c == '_') {
            seg_empty = false;
        } else {
            return false;
        }
    }
    return !seg_empty;
}

static bool token_valid(const char *t)
{
    if (!t || !*t)
        return false;
    for (; *t; t++) {
        char c = *t;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '.' || c == ':' || c == '+' || c == '-'))
            return false;
    }
    return true;
}

static bool has_line_terminator(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r')
            return true;
        if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80
            && ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
            return true;
    }
    return false;
}

/* Scans q value q with Twenty's predicate splitter (see encode.h). */
static bool wrapper_works(const char *value, char q, bool last)
{
    bool dq = false, sq = false, br = false;
    long depth = 1;
    size_t n = strlen(value);
    for (size_t i = 0; i < n + 2; i++) {
        char c = (i == 0 || i == n + 1) ? q : value[i - 1];
        if (c == '(')
            depth++;
        if (c == ')' && --depth < 1)
            return false;
        if (c == '[' || c == ']')
            br = !br;
        if (c == '"')
            dq = !dq;
        if (c == '\'')
            sq = !sq;
        if (c == ',' && depth == 1 && !br && !dq && !sq)
            return false;
    }
    if (depth != 1)
        return false;
    return last || (!dq && !sq && !br);
}

twenty_enc twenty_filter_quote(pb_buf *out, const char *value, bool last)
{
    if (!value)
        return TWENTY_ENC_INVALID;
    if (has_line_terminator(value))
        return TWENTY_ENC_INEXPRESSIBLE;
    char q;
    if (wrapper_works(value, '"', last))
        q = '"';
    else if (wrapper_works(value, '\'', last))
        q = '\'';
    else
        return TWENTY_ENC_INEXPRESSIBLE;
    size_t mark = out->len;
    pb_buf_putc(out, q);
    pb_buf_puts(out, value);
    pb_buf_putc(out, q);
    if (out->oom) {
        if (out->data)
            pb_buf_truncate(out, mark);
        return TWENTY_ENC_NOMEM;
    }
    return TWENTY_ENC_OK;
}

static twenty_enc leaf_head(pb_buf *out, const char *field, const char *op)
{
    if (!twenty_filter_path_valid(field) || !twenty_filter_op_valid(op))
        return TWENTY_ENC_INVALID;
    pb_buf_puts(out, field);
    pb_buf_putc(out, '[');
    pb_buf_puts(out, op);
    pb_buf_puts(out, "]:");
    return out->oom ? TWENTY_ENC_NOMEM : TWENTY_ENC_OK;
}

static twenty_enc finish(pb_buf *out, size_t mark, twenty_enc e)
{
    if (e == TWENTY_ENC_OK && out->oom)
        e = TWENTY_ENC_NOMEM;
    if (e != TWENTY_ENC_OK && out->data) {
        pb_buf_truncate(out, mark);
        out->oom = false;
    }
    return e;
}

twenty_enc twenty_filter_text(pb_buf *out, const char *field, const char *op, const char *value,
                              bool last)
{
    size_t mark = out->len;
    if (op && (strcmp(op, "in") == 0 || strcmp(op, "containsAny") == 0 || strcmp(op, "is") == 0))
        return TWENTY_ENC_INVALID;
    twenty_enc e = leaf_head(out, field, op);
    if (e == TWENTY_ENC_OK)
        e = twenty_filter_quote(out, value, last);
    return finish(out, mark, e);
}

twenty_enc twenty_filter_token(pb_buf *out, const char *field, const char *op, const char *token)
{
    size_t mark = out->len;
    if (!token_valid(token) || !op || strcmp(op, "in") == 0 || strcmp(op, "containsAny") == 0)
        return TWENTY_ENC_INVALID;
    twenty_enc e = leaf_head(out, field, op);
    if (e == TWENTY_ENC_OK)
        pb_buf_puts(out, token);
    return finish(out, mark, e);
}

twenty_enc twenty_filter_is(pb_buf *out, const char *field, bool is_null)
{
    return twenty_filter_token(out, field, "is", is_null ? "NULL" : "NOT_NULL");
}

twenty_enc twenty_filter_id_in(pb_buf *out, const char *field, const pb_id *ids, size_t n)
{
    size_t mark = out->len;
    if (n == 0 || !ids)
        return TWENTY_ENC_INVALID;
    twenty_enc e = leaf_head(out, field, "in");
    if (e == TWENTY_ENC_OK) {
        pb_buf_putc(out, '[');
        for (size_t i = 0; i < n; i++) {
            char s[PB_ID_BUFSZ];
            pb_id_format(&ids[i], s);
            pb_buf_printf(out, "%s\"%s\"", i ? "," : "", s);
        }
        pb_buf_putc(out, ']');
    }
    return finish(out, mark, e);
}

twenty_enc twenty_filter_tokens_in(pb_buf *out, const char *field, const char *const *tokens,
                                   size_t n)
{
    size_t mark = out->len;
    if (n == 0 || !tokens)
        return TWENTY_ENC_INVALID;
    for (size_t i = 0; i < n; i++)
        if (!token_valid(tokens[i]))
            return TWENTY_ENC_INVALID;
    twenty_enc e = leaf_head(out, field, "in");
    if (e == TWENTY_ENC_OK) {
        pb_buf_putc(out, '[');
        for (size_t i = 0; i < n; i++)
            pb_buf_printf(out, "%s\"%s\"", i ? "," : "", tokens[i]);
        pb_buf_putc(out, ']');
    }
    return finish(out, mark, e);
}

/* Replaces, in the pattern p (between its % signs), every character that
 * `bad` selects with '_'. Line terminators are multi-byte for U+2028/9. */
enum { WIDEN_LINES = 1, WIDEN_QUOTES = 2, WIDEN_GROUPING = 4 };

static bool widen(pb_buf *p, int what)
{
    bool changed = false;
    pb_buf o = PB_BUF_INIT;
    for (size_t i = 0; i < p->len; i++) {
        unsigned char c = (unsigned char)p->data[i];
        bool line = c == '\n' || c == '\r';
        size_t skip = 1;
        if (c == 0xE2 && i + 2 < p->len && (unsigned char)p->data[i + 1] == 0x80
            && ((unsigned char)p->data[i + 2] == 0xA8 || (unsigned char)p->data[i + 2] == 0xA9)) {
            line = true;
            skip = 3;
        }
        bool quote = c == '"' || c == '\'';
        bool group = c == '(' || c == ')' || c == '[' || c == ']';
        if ((line && (what & WIDEN_LINES)) || (quote && (what & WIDEN_QUOTES))
            || (group && (what & WIDEN_GROUPING))) {
            pb_buf_putc(&o, '_');
            changed = true;
            i += skip - 1;
        } else {
            pb_buf_putc(&o, (char)c);
        }
    }
    if (o.oom) {
        pb_buf_free(&o);
        return changed;
    }
    pb_buf_free(p);
    *p = o;
    return changed;
}

twenty_enc twenty_filter_ilike_contains(pb_buf *out, const char *field, const char *text,
                                        bool last, bool *inexact)
{
    bool wide = false;
    if (!text)
        return TWENTY_ENC_INVALID;
    pb_buf pat = PB_BUF_INIT;
    pb_buf_putc(&pat, '%');
    for (const char *p = text; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') {
            pb_buf_putc(&pat, '_');
            wide = true;
        } else {
            pb_buf_putc(&pat, *p);
        }
    }
    pb_buf_putc(&pat, '%');
    if (pat.oom) {
        pb_buf_free(&pat);
        return TWENTY_ENC_NOMEM;
    }
    static const int steps[] = {0, WIDEN_LINES, WIDEN_LINES | WIDEN_QUOTES,
                                WIDEN_LINES | WIDEN_QUOTES | WIDEN_GROUPING};
    twenty_enc e = TWENTY_ENC_INEXPRESSIBLE;
    for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
        if (steps[s] && widen(&pat, steps[s]))
            wide = true;
        e = twenty_filter_text(out, field, "ilike", pat.data, last);
        if (e != TWENTY_ENC_INEXPRESSIBLE)
            break;
    }
    pb_buf_free(&pat);
    if (inexact)
        *inexact = e == TWENTY_ENC_OK && wide;
    return e;
}

/* Decodes s into folded code points (malloc'd array, count in *n). */
static uint32_t *fold(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *v = malloc((len + 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t i = 0, k = 0;
    while (i < len) {
        uint32_t cp;
        i += pb_utf8_decode(s + i, len - i, &cp);
        if (cp == PB_UTF8_INVALID)
            cp = 0xFFFD;
        else if (cp < 0x80)
            cp = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        else
            cp = (uint32_t)towlower((wint_t)cp);
        v[k++] = cp;
    }
    *n = k;
    return v;
}

bool twenty_text_contains_ci(const char *haystack, const char *needle)
{
    if (!needle || !*needle)
        return true;
    if (!haystack)
        return false;
    size_t hn, nn;
    uint32_t *h = fold(haystack, &hn), *nd = fold(needle, &nn);
    bool found = false;
    if (h && nd && nn <= hn) {
        for (size_t i = 0; i + nn <= hn && !found; i++)
            found = memcmp(h + i, nd, nn * sizeof *h) == 0;
    }
    free(h);
    free(nd);
    return found;
}
