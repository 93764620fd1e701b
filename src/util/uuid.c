/* uuid.c - UUID parse/format (see uuid.h). */
#include "util/uuid.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool pb_id_parse_n(const char *s, size_t n, pb_id *out)
{
    if (!s || n != PB_ID_STRLEN)
        return false;
    pb_id id;
    size_t k = 0;
    for (size_t i = 0; i < PB_ID_STRLEN;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
            i++;
            continue;
        }
        int hi = hexval(s[i]), lo = hexval(s[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        id.b[k++] = (unsigned char)(hi << 4 | lo);
        i += 2;
    }
    if (out)
        *out = id;
    return true;
}

bool pb_id_parse(const char *s, pb_id *out)
{
    return s && pb_id_parse_n(s, strnlen(s, PB_ID_STRLEN + 1), out);
}

void pb_id_format(const pb_id *id, char out[PB_ID_BUFSZ])
{
    static const char hex[] = "0123456789abcdef";
    size_t j = 0;
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[j++] = '-';
        out[j++] = hex[id->b[i] >> 4];
        out[j++] = hex[id->b[i] & 15];
    }
    out[j] = '\0';
}

bool pb_id_equal(const pb_id *a, const pb_id *b)
{
    return memcmp(a->b, b->b, 16) == 0;
}

bool pb_id_is_nil(const pb_id *id)
{
    static const pb_id nil;
    return memcmp(id->b, nil.b, 16) == 0;
}

int pb_id_cmp(const pb_id *a, const pb_id *b)
{
    return memcmp(a->b, b->b, 16);
}

pb_id pb_id_nil(void)
{
    pb_id z;
    memset(&z, 0, sizeof z);
    return z;
}

pb_id pb_id_make_v4(const unsigned char random[16])
{
    pb_id id;
    memcpy(id.b, random, 16);
    id.b[6] = (unsigned char)((id.b[6] & 0x0F) | 0x40);   /* version 4 */
    id.b[8] = (unsigned char)((id.b[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
    return id;
}
