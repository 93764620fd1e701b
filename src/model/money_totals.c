/* money_totals.c - per-currency sums (see money.h: pb_totals). */
#include "model/money.h"

#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

void pb_totals_clear(pb_totals *t)
{
    memset(t, 0, sizeof *t);
}

static bool add_ok(int64_t a, int64_t b, int64_t *r)
{
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
        return false;
    *r = a + b;
    return true;
}

const pb_total *pb_totals_find(const pb_totals *t, const char *currency)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].currency, currency ? currency : "") == 0)
            return &t->v[i];
    return NULL;
}

static void copy_code(char dst[4], const char *src)
{
    size_t n = src ? strnlen(src, 3) : 0;
    memcpy(dst, src ? src : "", n);
    dst[n] = '\0';
}

pb_totals_status pb_totals_add_sum(pb_totals *t, const char *currency, int64_t micros,
                                   int64_t count)
{
    char code[4];
    copy_code(code, currency);
    pb_total *e = (pb_total *)pb_totals_find(t, code);
    if (!e) {
        if (count < 0 || (count == 0 && micros != 0))
            return PB_TOTALS_MISSING;
        if (t->n == PB_TOTALS_MAX)
            return PB_TOTALS_FULL;
        int64_t dummy;
        if (!add_ok(0, micros, &dummy))
            return PB_TOTALS_OVERFLOW;
        e = &t->v[t->n++];
        memcpy(e->currency, code, 4);
        e->micros = micros;
        e->count = count;
        return PB_TOTALS_OK;
    }
    int64_t sum, cnt;
    if (!add_ok(e->micros, micros, &sum) || !add_ok(e->count, count, &cnt))
        return PB_TOTALS_OVERFLOW;
    if (cnt < 0)
        return PB_TOTALS_MISSING;
    e->micros = sum;
    e->count = cnt;
    if (cnt == 0 && sum == 0) {   /* the last amount left: forget the currency */
        *e = t->v[t->n - 1];
        t->n--;
    }
    return PB_TOTALS_OK;
}

pb_totals_status pb_totals_add(pb_totals *t, const pb_money *m)
{
    if (!m->set)
        return PB_TOTALS_OK;
    return pb_totals_add_sum(t, m->currency, m->micros, 1);
}

pb_totals_status pb_totals_sub(pb_totals *t, const pb_money *m)
{
    if (!m->set)
        return PB_TOTALS_OK;
    const pb_total *e = pb_totals_find(t, m->currency);
    if (!e || e->count < 1)
        return PB_TOTALS_MISSING;
    if (m->micros == INT64_MIN)
        return PB_TOTALS_OVERFLOW;
    return pb_totals_add_sum(t, m->currency, -m->micros, -1);
}

pb_totals_status pb_totals_merge(pb_totals *dst, const pb_totals *src)
{
    pb_totals tmp = *dst;   /* all or nothing */
    for (size_t i = 0; i < src->n; i++) {
        pb_totals_status st =
            pb_totals_add_sum(&tmp, src->v[i].currency, src->v[i].micros, src->v[i].count);
        if (st != PB_TOTALS_OK)
            return st;
    }
    *dst = tmp;
    return PB_TOTALS_OK;
}

static int rank(const char *code)
{
    static const char *const first[] = {"USD", "EUR", "GBP", "JPY"};
    if (!code[0])
        return 5;
    for (int i = 0; i < 4; i++)
        if (strcmp(code, first[i]) == 0)
            return i;
    return 4;
}

static int cmp_total(const void *a, const void *b)
{
    const pb_total *x = *(const pb_total *const *)a, *y = *(const pb_total *const *)b;
    int rx = rank(x->currency), ry = rank(y->currency);
    if (rx != ry)
        return rx - ry;
    return strcmp(x->currency, y->currency);
}

size_t pb_totals_format(const pb_totals *t, pb_money_style style, char *out, size_t outsz)
{
    const pb_total *order[PB_TOTALS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].count > 0)
            order[n++] = &t->v[i];
    qsort(order, n, sizeof *order, cmp_total);
    char all[PB_TOTALS_MAX * 100];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(all + len, " \xC2\xB7 ", 4);   /* " · " */
            len += 4;
        }
        len += pb_money_format(order[i]->micros, order[i]->currency, style, all + len, 96);
    }
    all[len] = '\0';
    return pb_utf8_copy_trunc(out, outsz, all, len);
}
