/* base64.c - base64 for cursors: encoding as Buffer#toString('base64')
 * (standard alphabet, padded), decoding as Node's Buffer.from(s, 'base64')
 * (standard and URL-safe alphabets, other characters skipped, '=' ends). */
#include "sim/query_internal.h"

#include <stdlib.h>
#include <string.h>

static const char k_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *sim_base64_encode(const unsigned char *d, size_t n)
{
    char *out = malloc((n + 2) / 3 * 4 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
        out[o++] = k_alphabet[v >> 18];
        out[o++] = k_alphabet[v >> 12 & 63];
        out[o++] = k_alphabet[v >> 6 & 63];
        out[o++] = k_alphabet[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0);
        out[o++] = k_alphabet[v >> 18];
        out[o++] = k_alphabet[v >> 12 & 63];
        out[o++] = i + 1 < n ? k_alphabet[v >> 6 & 63] : '=';
        out[o++] = '=';
    }
    out[o] = '\0';
    return out;
}

static int unbase64(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

unsigned char *sim_base64_decode(const char *s, size_t *n)
{
    size_t len = strlen(s);
    unsigned char *out = malloc(len * 3 / 4 + 4);
    if (!out)
        return NULL;
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len && s[i] != '='; i++) {
        int v = unbase64((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = (acc << 6 | (unsigned)v) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    out[o] = '\0';
    *n = o;
    return out;
}
