/* gql_fts.c - folding, words, and Postgres' ts_rank / ts_rank_cd for search;
 * see gql_fts.h. The rank arithmetic follows src/backend/utils/adt/tsrank.c
 * (calc_rank_or, Cover, calc_rank_cd) for vectors whose positions all have
 * the default weight D (0.1), which is what to_tsvector('simple', …) gives. */
#include "sim/gql_fts.h"

#include <stdint.h>
#include <string.h>

#define FTS_MAX_WORDS 128
#define WEIGHT_D 0.1f

/* unaccent for U+00C0..U+017F (NULL: kept as is) */
static const char *const k_unaccent[192] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
    "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL,
    "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u",
    "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",
    "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e",
    "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
    "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k",
    "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n",
    "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",
    "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
    "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

static size_t put_cp(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

size_t fts_fold(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)in;
    while (*s && o + 4 < cap) {
        unsigned char c = *s;
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            s++;
            continue;
        }
        if ((c & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
            uint32_t cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3Fu);
            const char *rep = cp >= 0xC0 && cp < 0x180 ? k_unaccent[cp - 0xC0] : NULL;
            if (rep) {
                size_t n = strlen(rep);
                memcpy(out + o, rep, n);
                o += n;
                s += 2;
                continue;
            }
            if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
                cp += 0x20;       /* Greek and Cyrillic capitals */
            else if (cp >= 0x400 && cp <= 0x40F)
                cp += 0x50;
            o += put_cp(cp, out + o);
            s += 2;
            continue;
        }
        out[o++] = (char)c;   /* other bytes pass through (they are letters to the parser) */
        s++;
    }
    out[o] = '\0';
    return o;
}

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

typedef struct word {
    const char *s;
    size_t n;
} word;

/* Splits folded text into words (at most max). */
static size_t split_words(const char *text, word *w, size_t max)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p && n < max) {
        while (*p && !word_byte(*p))
            p++;
        const unsigned char *start = p;
        while (*p && word_byte(*p))
            p++;
        if (p > start)
            w[n++] = (word){(const char *)start, (size_t)(p - start)};
    }
    return n;
}

void fts_query_parse(fts_query *q, const char *input)
{
    memset(q, 0, sizeof *q);
    const char *p = input ? input : "";
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
        p++;
    q->empty = *p == '\0';
    fts_fold(p, q->text, sizeof q->text);
    word w[FTS_MAX_WORDS];
    size_t n = split_words(q->text, w, FTS_MAX_WORDS);
    for (size_t i = 0; i < n && q->nterms < FTS_MAX_TERMS; i++) {
        bool dup = false;
        for (size_t k = 0; k < q->nterms && !dup; k++)
            dup = q->len[k] == w[i].n && memcmp(q->term[k], w[i].s, w[i].n) == 0;
        if (!dup) {
            q->term[q->nterms] = w[i].s;
            q->len[q->nterms++] = w[i].n;
        }
    }
    /* a word can only match if its first byte, lower-cased, starts a term;
     * non-ASCII bytes may fold to anything */
    for (size_t k = 0; k < q->nterms; k++) {
        unsigned char c = (unsigned char)q->term[k][0];
        q->first[c] = 1;
        if (c >= 'a' && c <= 'z')
            q->first[c - 32] = 1;
    }
    for (int c = 0x80; c < 256; c++)
        q->first[c] = 1;
}

/* False when no word of the texts can match (checked on the raw bytes). */
static bool maybe_match(const fts_query *q, const char *const *texts, size_t ntexts)
{
    for (size_t t = 0; t < ntexts; t++) {
        bool in_word = false;
        for (const unsigned char *p = (const unsigned char *)texts[t]; p && *p; p++) {
            unsigned char c = *p;
            bool wb = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
            if (wb && !in_word && q->first[c])
                return true;
            in_word = wb;
        }
    }
    return false;
}

/* calc_rank_cd over the entries (positions with the terms matching them). */
static float rank_cd(const uint32_t *mask, const int *pos, size_t n, uint32_t all)
{
    double inv = 1.0 / (double)WEIGHT_D, wdoc = 0.0;
    size_t start = 0;
    for (;;) { /* Cover() */
        uint32_t seen = 0;
        size_t end = n, last = 0;
        int q = 0;
        for (size_t i = start; i < n; i++) {
            seen |= mask[i];
            if ((seen & all) == all) {
                if (pos[i] > q) {
                    q = pos[i];
                    end = i;
                    last = i;
                }
                break;
            }
        }
        if (end == n)
            break;
        seen = 0;
        size_t begin = last;
        int p = 0x7fffffff;
        size_t i = last;
        for (;;) {
            seen |= mask[i];
            if ((seen & all) == all) {
                if (pos[i] < p) {
                    begin = i;
                    p = pos[i];
                }
                break;
            }
            if (i == start)
                break;
            i--;
        }
        if (p <= q) {
            double invsum = inv * (double)(end - begin + 1);
            double cpos = (double)(end - begin + 1) / invsum;
            int noise = (q - p) - (int)(end - begin);
            if (noise < 0)
                noise = (int)(end - begin) / 2;
            wdoc += cpos / (double)(1 + noise);
            start = i + 1;
        } else {
            start++;
        }
    }
    return (float)wdoc;
}

bool fts_rank(const fts_query *q, const char *const *texts, size_t ntexts, float *cd, float *rank)
{
    *cd = 0;
    *rank = 0;
    if (q->empty)
        return true;
    if (q->nterms == 0 || !maybe_match(q, texts, ntexts))
        return false;
    char doc[FTS_TEXT_MAX];
    size_t o = 0;
    for (size_t t = 0; t < ntexts && o + 2 < sizeof doc; t++) {
        if (!texts[t])
            continue;
        if (o)
            doc[o++] = ' ';
        o += fts_fold(texts[t], doc + o, sizeof doc - o);
    }
    doc[o] = '\0';
    word w[FTS_MAX_WORDS];
    size_t nw = split_words(doc, w, FTS_MAX_WORDS);
    uint32_t mask[FTS_MAX_WORDS], any = 0;
    for (size_t i = 0; i < nw; i++) {
        mask[i] = 0;
        for (size_t k = 0; k < q->nterms; k++)
            if (w[i].n >= q->len[k] && memcmp(w[i].s, q->term[k], q->len[k]) == 0)
                mask[i] |= 1u << k;
        any |= mask[i];
    }
    if (!any)
        return false;
    /* ts_rank (calc_rank_or): per term, per distinct matching lexeme */
    float res = 0;
    for (size_t k = 0; k < q->nterms; k++) {
        for (size_t i = 0; i < nw; i++) {
            if (!(mask[i] & (1u << k)))
                continue;
            bool first = true;
            for (size_t j = 0; j < i && first; j++)
                first = !(w[j].n == w[i].n && memcmp(w[j].s, w[i].s, w[i].n) == 0);
            if (!first)
                continue;
            float resj = 0, wjm = WEIGHT_D;
            int occ = 0;
            for (size_t j = i; j < nw; j++)
                if (w[j].n == w[i].n && memcmp(w[j].s, w[i].s, w[i].n) == 0) {
                    resj = resj + WEIGHT_D / (float)((occ + 1) * (occ + 1));
                    occ++;
                }
            res = (float)(res + (double)(wjm + resj - wjm) / 1.64493406685);
        }
    }
    *rank = res / (float)q->nterms;
    /* ts_rank_cd over the AND of the terms: entries are the matching positions */
    uint32_t all = q->nterms >= 32 ? 0xFFFFFFFFu : (1u << q->nterms) - 1;
    uint32_t emask[FTS_MAX_WORDS];
    int epos[FTS_MAX_WORDS];
    size_t ne = 0;
    for (size_t i = 0; i < nw; i++)
        if (mask[i]) {
            emask[ne] = mask[i];
            epos[ne++] = (int)i + 1;
        }
    *cd = (any & all) == all ? rank_cd(emask, epos, ne, all) : 0;
    return true;
}
