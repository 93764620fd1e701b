/* gql_lex.c - GraphQL lexer; see gql_lex.h. Messages follow graphql-js 16. */
#include "sim/gql_lex.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- a small growable byte buffer for decoded strings --- */
typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static bool sbuf_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return true;
}

static bool sbuf_add_cp(sbuf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return sbuf_add(b, u, n);
}

/* --- code points --- */

/* Decodes the UTF-8 sequence at p (at most `avail` bytes). Returns its length
 * (0 at the end); an invalid byte decodes as itself with length 1 and *bad set. */
static size_t utf8_at(const char *p, size_t avail, uint32_t *cp, bool *bad)
{
    const unsigned char *s = (const unsigned char *)p;
    *bad = false;
    if (avail == 0)
        return 0;
    unsigned char c = s[0];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || n > avail) {
        *cp = c;
        *bad = true;
        return 1;
    }
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = c;
            *bad = true;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
        *cp = c;
        *bad = true;
        return 1;
    }
    *cp = v;
    return n;
}

/* graphql-js printCodePointAt: "x", '"', U+00XX or <EOF>. */
static void print_cp_at(const gql_lexer *lx, size_t pos, char *out, size_t outlen)
{
    uint32_t cp;
    bool bad;
    if (utf8_at(lx->src + pos, lx->len - pos, &cp, &bad) == 0) {
        snprintf(out, outlen, "<EOF>");
    } else if (cp >= 0x20 && cp <= 0x7E) {
        if (cp == '"')
            snprintf(out, outlen, "'\"'");
        else
            snprintf(out, outlen, "\"%c\"", (char)cp);
    } else {
        snprintf(out, outlen, "U+%04X", (unsigned)cp);
    }
}

static bool lex_fail(gql_lexer *lx, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool lex_fail(gql_lexer *lx, size_t pos, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(lx->message, sizeof lx->message, "Syntax Error: %s", msg);
    lx->err_pos = pos;
    return false;
}

static int at(const gql_lexer *lx, size_t pos)
{
    return pos < lx->len ? (unsigned char)lx->src[pos] : -1;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_name_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static bool is_name_cont(int c) { return is_name_start(c) || is_digit(c); }

void gql_lex_init(gql_lexer *lx, const char *src, size_t len)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lx->tok.kind = GT_SOF;
}

void gql_lex_free(gql_lexer *lx)
{
    free(lx->tok.value);
    lx->tok.value = NULL;
}

static bool set_token(gql_lexer *lx, gql_tok kind, size_t start, size_t end, char *value)
{
    lx->tok.kind = kind;
    lx->tok.start = start;
    lx->tok.end = end;
    lx->tok.value = value;
    lx->pos = end;
    return true;
}

static char *dup_range(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static bool read_digits(gql_lexer *lx, size_t *pos)
{
    if (!is_digit(at(lx, *pos))) {
        char cp[16];
        print_cp_at(lx, *pos, cp, sizeof cp);
        return lex_fail(lx, *pos, "Invalid number, expected digit but got: %s.", cp);
    }
    while (is_digit(at(lx, *pos)))
        (*pos)++;
    return true;
}

static bool read_number(gql_lexer *lx, size_t start)
{
    size_t pos = start;
    bool is_float = false;
    char cp[16];
    if (at(lx, pos) == '-')
        pos++;
    if (at(lx, pos) == '0') {
        pos++;
        if (is_digit(at(lx, pos))) {
            print_cp_at(lx, pos, cp, sizeof cp);
            return lex_fail(lx, pos, "Invalid number, unexpected digit after 0: %s.", cp);
        }
    } else if (!read_digits(lx, &pos)) {
        return false;
    }
    if (at(lx, pos) == '.') {
        is_float = true;
        pos++;
        if (!read_digits(lx, &pos))
            return false;
    }
    if (at(lx, pos) == 'e' || at(lx, pos) == 'E') {
        is_float = true;
        pos++;
        if (at(lx, pos) == '+' || at(lx, pos) == '-')
            pos++;
        if (!read_digits(lx, &pos))
            return false;
    }
    if (at(lx, pos) == '.' || is_name_start(at(lx, pos))) {
        print_cp_at(lx, pos, cp, sizeof cp);
        return lex_fail(lx, pos, "Invalid number, expected digit but got: %s.", cp);
    }
    char *v = dup_range(lx->src + start, pos - start);
    if (!v)
        return lex_fail(lx, start, "out of memory");
    return set_token(lx, is_float ? GT_FLOAT : GT_INT, start, pos, v);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* \uXXXX at pos (pointing at the backslash): returns the code unit or -1. */
static long read_hex4(const gql_lexer *lx, size_t pos)
{
    if (at(lx, pos) != '\\' || at(lx, pos + 1) != 'u')
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(at(lx, pos + 2 + (size_t)i));
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static bool bad_unicode_escape(gql_lexer *lx, size_t pos, size_t size)
{
    if (pos + size > lx->len)
        size = lx->len - pos;
    return lex_fail(lx, pos, "Invalid Unicode escape sequence: \"%.*s\".", (int)size, lx->src + pos);
}

/* Reads one escape at pos (the backslash); appends it and advances *pos. */
static bool read_escape(gql_lexer *lx, size_t *pos, sbuf *b)
{
    size_t p = *pos;
    int c = at(lx, p + 1);
    if (c == 'u' && at(lx, p + 2) == '{') {
        uint32_t v = 0;
        size_t q = p + 3;
        int digits = 0;
        while (q < lx->len && at(lx, q) != '}') {
            int h = hexval(at(lx, q));
            if (h < 0 || ++digits > 8 || (v = v * 16 + (uint32_t)h) > 0x10FFFF)
                return bad_unicode_escape(lx, p, q - p + 1);
            q++;
        }
        if (at(lx, q) != '}' || digits == 0 || (v >= 0xD800 && v <= 0xDFFF))
            return bad_unicode_escape(lx, p, q - p + 1);
        *pos = q + 1;
        return sbuf_add_cp(b, v);
    }
    if (c == 'u') {
        long v = read_hex4(lx, p);
        if (v < 0)
            return bad_unicode_escape(lx, p, 6);
        if (v >= 0xD800 && v <= 0xDBFF) {
            long lo = read_hex4(lx, p + 6);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                *pos = p + 12;
                return sbuf_add_cp(b, 0x10000u + (((uint32_t)v - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u));
            }
            return bad_unicode_escape(lx, p, 6);
        }
        if (v >= 0xDC00 && v <= 0xDFFF)
            return bad_unicode_escape(lx, p, 6);
        *pos = p + 6;
        return sbuf_add_cp(b, (uint32_t)v);
    }
    const char *rep = NULL;
    switch (c) {
    case '"': rep = "\""; break;
    case '\\': rep = "\\"; break;
    case '/': rep = "/"; break;
    case 'b': rep = "\b"; break;
    case 'f': rep = "\f"; break;
    case 'n': rep = "\n"; break;
    case 'r': rep = "\r"; break;
    case 't': rep = "\t"; break;
    default: {
        size_t n = p + 2 <= lx->len ? 2 : lx->len - p;
        return lex_fail(lx, p, "Invalid character escape sequence: \"%.*s\".", (int)n, lx->src + p);
    }
    }
    *pos = p + 2;
    return sbuf_add(b, rep, 1);
}

static bool read_string(gql_lexer *lx, size_t start)
{
    sbuf b = {0};
    size_t pos = start + 1, chunk = pos;
    if (!sbuf_add(&b, "", 0))
        return lex_fail(lx, start, "out of memory");
    while (pos < lx->len) {
        int c = at(lx, pos);
        if (c == '"') {
            if (!sbuf_add(&b, lx->src + chunk, pos - chunk)) {
                free(b.p);
                return lex_fail(lx, start, "out of memory");
            }
            return set_token(lx, GT_STRING, start, pos + 1, b.p);
        }
        if (c == '\\') {
            if (!sbuf_add(&b, lx->src + chunk, pos - chunk) || !read_escape(lx, &pos, &b)) {
                free(b.p);
                return false;
            }
            chunk = pos;
            continue;
        }
        if (c == '\n' || c == '\r')
            break;
        uint32_t cp;
        bool bad;
        size_t n = utf8_at(lx->src + pos, lx->len - pos, &cp, &bad);
        if (bad) {
            free(b.p);
            return lex_fail(lx, pos, "Invalid character within String: U+%04X.", (unsigned)cp);
        }
        pos += n;
    }
    free(b.p);
    return lex_fail(lx, pos, "Unterminated string.");
}

/* graphql-js dedentBlockStringLines, then the lines joined with \n. */
static char *dedent_block(char **lines, size_t n)
{
    size_t common = SIZE_MAX;
    long first = -1, last = -1;
    for (size_t i = 0; i < n; i++) {
        size_t ind = 0;
        while (lines[i][ind] == ' ' || lines[i][ind] == '\t')
            ind++;
        if (lines[i][ind] == '\0')
            continue;
        if (first < 0)
            first = (long)i;
        last = (long)i;
        if (i != 0 && ind < common)
            common = ind;
    }
    sbuf b = {0};
    if (!sbuf_add(&b, "", 0))
        return NULL;
    if (first < 0)
        return b.p;
    for (long i = first; i <= last; i++) {
        const char *l = lines[i];
        if (i != 0) {
            size_t len = strlen(l);
            l += common < len ? common : len;
        }
        if ((i > first && !sbuf_add(&b, "\n", 1)) || !sbuf_add(&b, l, strlen(l))) {
            free(b.p);
            return NULL;
        }
    }
    return b.p;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static bool read_block_string(gql_lexer *lx, size_t start)
{
    char **lines = NULL;
    size_t nlines = 0;
    sbuf cur = {0};
    size_t pos = start + 3, chunk = pos;
    bool ok = sbuf_add(&cur, "", 0);
    while (ok && pos < lx->len) {
        int c = at(lx, pos);
        bool close = c == '"' && at(lx, pos + 1) == '"' && at(lx, pos + 2) == '"';
        if (close || c == '\n' || c == '\r') {
            char **nl = realloc(lines, (nlines + 1) * sizeof *lines);
            if (!nl || !sbuf_add(&cur, lx->src + chunk, pos - chunk)) {
                free(nl ? nl : lines);
                lines = NULL;
                nlines = 0;
                ok = false;
                break;
            }
            lines = nl;
            lines[nlines++] = cur.p;
            cur = (sbuf){0};
            if (close) {
                char *v = dedent_block(lines, nlines);
                free_lines(lines, nlines);
                if (!v)
                    return lex_fail(lx, start, "out of memory");
                return set_token(lx, GT_BLOCK_STRING, start, pos + 3, v);
            }
            pos += (c == '\r' && at(lx, pos + 1) == '\n') ? 2 : 1;
            chunk = pos;
            ok = sbuf_add(&cur, "", 0);
            continue;
        }
        if (c == '\\' && at(lx, pos + 1) == '"' && at(lx, pos + 2) == '"' && at(lx, pos + 3) == '"') {
            ok = sbuf_add(&cur, lx->src + chunk, pos - chunk);
            chunk = pos + 1;
            pos += 4;
            continue;
        }
        uint32_t cp;
        bool bad;
        size_t n = utf8_at(lx->src + pos, lx->len - pos, &cp, &bad);
        if (bad) {
            free(cur.p);
            free_lines(lines, nlines);
            return lex_fail(lx, pos, "Invalid character within String: U+%04X.", (unsigned)cp);
        }
        pos += n;
    }
    free(cur.p);
    free_lines(lines, nlines);
    if (!ok)
        return lex_fail(lx, start, "out of memory");
    return lex_fail(lx, pos, "Unterminated string.");
}

bool gql_lex_next(gql_lexer *lx)
{
    free(lx->tok.value);
    lx->tok.value = NULL;
    size_t pos = lx->pos;
    if (lx->tok.kind == GT_EOF)
        return set_token(lx, GT_EOF, lx->len, lx->len, NULL);
    for (;;) {
        int c = at(lx, pos);
        if (c < 0)
            return set_token(lx, GT_EOF, lx->len, lx->len, NULL);
        if (c == 0xEF && at(lx, pos + 1) == 0xBB && at(lx, pos + 2) == 0xBF) { /* BOM */
            pos += 3;
            continue;
        }
        if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
            pos++;
            continue;
        }
        if (c == '#') {
            while (pos < lx->len && at(lx, pos) != '\n' && at(lx, pos) != '\r')
                pos++;
            continue;
        }
        gql_tok k;
        switch (c) {
        case '!': k = GT_BANG; break;
        case '$': k = GT_DOLLAR; break;
        case '&': k = GT_AMP; break;
        case '(': k = GT_PAREN_L; break;
        case ')': k = GT_PAREN_R; break;
        case ':': k = GT_COLON; break;
        case '=': k = GT_EQUALS; break;
        case '@': k = GT_AT; break;
        case '[': k = GT_BRACKET_L; break;
        case ']': k = GT_BRACKET_R; break;
        case '{': k = GT_BRACE_L; break;
        case '|': k = GT_PIPE; break;
        case '}': k = GT_BRACE_R; break;
        case '.':
            if (at(lx, pos + 1) == '.' && at(lx, pos + 2) == '.')
                return set_token(lx, GT_SPREAD, pos, pos + 3, NULL);
            k = GT_SOF; /* falls to the error below */
            break;
        case '"':
            if (at(lx, pos + 1) == '"' && at(lx, pos + 2) == '"')
                return read_block_string(lx, pos);
            return read_string(lx, pos);
        default:
            k = GT_SOF;
            break;
        }
        if (k != GT_SOF)
            return set_token(lx, k, pos, pos + 1, NULL);
        if (is_digit(c) || c == '-')
            return read_number(lx, pos);
        if (is_name_start(c)) {
            size_t end = pos + 1;
            while (is_name_cont(at(lx, end)))
                end++;
            char *v = dup_range(lx->src + pos, end - pos);
            if (!v)
                return lex_fail(lx, pos, "out of memory");
            return set_token(lx, GT_NAME, pos, end, v);
        }
        if (c == '\'')
            return lex_fail(lx, pos, "Unexpected single quote character ('), did you mean to use a "
                                     "double quote (\")?");
        char cp[16];
        print_cp_at(lx, pos, cp, sizeof cp);
        uint32_t u;
        bool bad;
        utf8_at(lx->src + pos, lx->len - pos, &u, &bad);
        return lex_fail(lx, pos, bad ? "Invalid character: %s." : "Unexpected character: %s.", cp);
    }
}

const char *gql_tok_kind_desc(gql_tok k, char buf[16])
{
    static const char *const punct[] = {
        [GT_BANG] = "!", [GT_DOLLAR] = "$", [GT_AMP] = "&", [GT_PAREN_L] = "(",
        [GT_PAREN_R] = ")", [GT_SPREAD] = "...", [GT_COLON] = ":", [GT_EQUALS] = "=",
        [GT_AT] = "@", [GT_BRACKET_L] = "[", [GT_BRACKET_R] = "]", [GT_BRACE_L] = "{",
        [GT_PIPE] = "|", [GT_BRACE_R] = "}",
    };
    switch (k) {
    case GT_SOF: return "<SOF>";
    case GT_EOF: return "<EOF>";
    case GT_NAME: return "Name";
    case GT_INT: return "Int";
    case GT_FLOAT: return "Float";
    case GT_STRING: return "String";
    case GT_BLOCK_STRING: return "BlockString";
    default:
        snprintf(buf, 16, "\"%s\"", punct[k]);
        return buf;
    }
}

void gql_tok_desc(const gql_token *t, char *out, size_t outlen)
{
    char buf[16];
    const char *k = gql_tok_kind_desc(t->kind, buf);
    if (t->value)
        snprintf(out, outlen, "%s \"%s\"", k, t->value);
    else
        snprintf(out, outlen, "%s", k);
}

void gql_source_location(const char *src, size_t len, size_t offset, int *line, int *column)
{
    int l = 1;
    size_t line_start = 0;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        if (src[i] == '\n' || src[i] == '\r') {
            if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
                i++;
            l++;
            line_start = i + 1;
        }
    }
    int col = 1;
    for (size_t i = line_start; i < offset; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((c & 0xC0) == 0x80)
            continue;
        col += c >= 0xF0 ? 2 : 1;
    }
    *line = l;
    *column = col;
}
