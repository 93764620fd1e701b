/* test_encode.c - URL encoding and filter values, checked against a line-by-
 * line transliteration of Twenty's own REST filter parser (check-filter-query,
 * add-default-conjunction, parse-filter, parse-filter-content,
 * parse-base-filter, format-field-values in packages/twenty-server). */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twenty/encode.h"

/* ---- Twenty's parser, transliterated ---------------------------------------- */
#define MAXLEAVES 16

typedef struct tleaf {
    char field[64], op[32];
    char *values[8];   /* one, or the items of an in/containsAny list */
    int nvalues;
} tleaf;

typedef struct tresult {
    tleaf leaf[MAXLEAVES];
    int n;
    bool error;
} tresult;

static bool js_dot_ok(const char *s, size_t n)   /* JS '.' refuses line terminators */
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r')
            return false;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80
            && ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            return false;
    }
    return true;
}

/* ^(and|or|not)\((.+)\)$ ; returns the conjunction length or 0 */
static size_t conj_match(const char *s, size_t n)
{
    static const char *const c[] = {"and", "or", "not"};
    for (int i = 0; i < 3; i++) {
        size_t k = strlen(c[i]);
        if (n >= k + 3 && strncmp(s, c[i], k) == 0 && s[k] == '(' && s[n - 1] == ')'
            && js_dot_ok(s + k + 1, n - k - 2))
            return k;
    }
    return 0;
}

static char *js_strip_quotes(const char *v, size_t n)   /* formatFieldValue, no field type */
{
    if (n >= 1 && (v[0] == '"' || v[0] == '\'') && (v[n - 1] == '"' || v[n - 1] == '\'')) {
        if (n == 1)
            return strndup(v, 1);   /* JS substring(1, 0) swaps its arguments */
        return strndup(v + 1, n - 2);
    }
    return strndup(v, n);
}

static void parse_filter(const char *s, size_t n, tresult *r);

/* parseFilterContent over the whole "conj(…)" string */
static void parse_content(const char *s, size_t n, tresult *r, bool is_not)
{
    bool br = false, dq = false, sq = false;
    int depth = 0;
    char *cur = malloc(n + 1);
    size_t cl = 0;
    int children = 0;
    for (size_t i = 0; i <= n && !r->error; i++) {
        if (i == n) {   /* predicates.push(currentPredicates) */
            cur[cl] = '\0';
            parse_filter(cur, cl, r);
            children++;
            break;
        }
        char c = s[i];
        bool persist = depth >= 1;
        if (c == '(')
            depth++;
        if (c == ')') {
            depth--;
            persist = depth >= 1;
        }
        if (c == '[' || c == ']')
            br = !br;
        if (c == '"')
            dq = !dq;
        if (c == '\'')
            sq = !sq;
        if (c == ',' && depth == 1 && !br && !dq && !sq) {
            cur[cl] = '\0';
            parse_filter(cur, cl, r);
            children++;
            cl = 0;
            persist = false;
        }
        if (persist)
            cur[cl++] = c;
    }
    free(cur);
    if (is_not && children > 1)
        r->error = true;
}

static void parse_base(const char *s, size_t n, tresult *r)
{
    /* ^(.+)\[(.+)\]:(.+)$ */
    bool match = false;
    if (js_dot_ok(s, n))
        for (size_t i = 1; i < n && !match; i++)
            if (s[i] == '[')
                for (size_t j = i + 2; j + 2 < n + 0 && !match; j++)
                    if (s[j] == ']' && s[j + 1] == ':' && j + 2 < n)
                        match = true;
    if (!match || r->n == MAXLEAVES) {
        r->error = true;
        return;
    }
    tleaf *l = &r->leaf[r->n++];
    memset(l, 0, sizeof *l);
    size_t fl = 0, cl = 0;
    char *value = malloc(n + 1);
    size_t vl = 0;
    bool fill_fields = true, fill_comp = false, fill_value = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (fill_value)
            value[vl++] = c;
        if (c == ']' && !fill_value)
            fill_comp = false;
        if (c == ':' && !fill_comp)
            fill_value = true;
        if (fill_comp && cl < sizeof l->op - 1)
            l->op[cl++] = c;
        if (c == '[' && fill_fields) {
            fill_fields = false;
            fill_comp = true;
        }
        if (fill_fields && fl < sizeof l->field - 1)
            l->field[fl++] = c;
    }
    value[vl] = '\0';
    if (!twenty_filter_op_valid(l->op)) {
        r->error = true;
    } else if (!strcmp(l->op, "in") || !strcmp(l->op, "containsAny")) {
        if (vl < 2 || value[0] != '[' || value[vl - 1] != ']') {
            r->error = true;
        } else {
            size_t start = 1;
            for (size_t i = 1; i <= vl - 1; i++) {
                if (i == vl - 1 || value[i] == ',') {
                    if (l->nvalues < 8)
                        l->values[l->nvalues++] = js_strip_quotes(value + start, i - start);
                    start = i + 1;
                }
            }
        }
    } else if (!strcmp(l->op, "is")) {
        l->values[l->nvalues++] = strdup(value);
    } else {
        l->values[l->nvalues++] = js_strip_quotes(value, vl);
    }
    free(value);
}

static void parse_filter(const char *s, size_t n, tresult *r)
{
    if (r->error)
        return;
    size_t k = conj_match(s, n);
    if (k)
        parse_content(s, n, r, k == 3 && s[0] == 'n');
    else
        parse_base(s, n, r);
}

static void twenty_parse(const char *filter, tresult *r)
{
    memset(r, 0, sizeof *r);
    size_t n = strlen(filter);
    long open = 0, close = 0;
    for (size_t i = 0; i < n; i++) {
        open += filter[i] == '(';
        close += filter[i] == ')';
    }
    if (open != close) {   /* checkFilterQuery */
        r->error = true;
        return;
    }
    if (conj_match(filter, n)) {
        parse_filter(filter, n, r);
    } else {   /* addDefaultConjunctionIfMissing */
        char *w = malloc(n + 6);
        sprintf(w, "and(%s)", filter);
        parse_filter(w, n + 5, r);
        free(w);
    }
}

static void tresult_free(tresult *r)
{
    for (int i = 0; i < r->n; i++)
        for (int j = 0; j < r->leaf[i].nvalues; j++)
            free(r->leaf[i].values[j]);
}

/* Parses filter and checks the leaves are exactly (field, op, value) triples. */
static bool parses_to(const char *filter, int n, const char *const triples[][3])
{
    tresult r;
    twenty_parse(filter, &r);
    bool ok = !r.error && r.n == n;
    for (int i = 0; ok && i < n; i++)
        ok = !strcmp(r.leaf[i].field, triples[i][0]) && !strcmp(r.leaf[i].op, triples[i][1])
             && r.leaf[i].nvalues == 1 && !strcmp(r.leaf[i].values[0], triples[i][2]);
    tresult_free(&r);
    return ok;
}

START_TEST(transliteration_sanity)
{
    /* the transliteration reproduces the quirks the contract describes */
    const char *t1[][3] = {{"name", "eq", "Acme, Inc"}, {"stage", "eq", "NEW"}};
    ck_assert(parses_to("name[eq]:\"Acme, Inc\",stage[eq]:NEW", 2, t1));
    const char *t2[][3] = {{"name", "eq", "Acme"}, {" Inc", "eq", "x"}};
    ck_assert(!parses_to("name[eq]:Acme, Inc,stage[eq]:NEW", 2, t2));
    const char *t3[][3] = {{"name", "eq", "it's"}, {"stage", "eq", "NEW"}};
    ck_assert(!parses_to("and(name[eq]:\"it's\",stage[eq]:NEW)", 2, t3));   /* ' breaks later splits */
    const char *t4[][3] = {{"stage", "eq", "NEW"}, {"name", "eq", "it's"}};
    ck_assert(parses_to("and(stage[eq]:NEW,name[eq]:\"it's\")", 2, t4));
    tresult r;
    twenty_parse("id[in]:[\"a\",'b',c]", &r);
    ck_assert(!r.error);
    ck_assert_int_eq(r.leaf[0].nvalues, 3);
    ck_assert_str_eq(r.leaf[0].values[1], "b");
    tresult_free(&r);
    twenty_parse("not(a[eq]:1,b[eq]:2)", &r);
    ck_assert(r.error);
    tresult_free(&r);
    twenty_parse("name[eq]:(x", &r);
    ck_assert(r.error);
    tresult_free(&r);
}
END_TEST

/* ---- round trips ---------------------------------------------------------- */
enum pos { ALONE, FIRST, MIDDLE, LAST, NESTED_LAST, NESTED_FIRST, NPOS };

/* Builds a filter with `leaf` at position p among fixed neighbours and
 * checks Twenty's parser gives back name == value. */
static bool roundtrips_at(const char *leaf, enum pos p, const char *value)
{
    char f[1024];
    switch (p) {
    case ALONE: snprintf(f, sizeof f, "%s", leaf); break;
    case FIRST: snprintf(f, sizeof f, "and(%s,stage[eq]:NEW)", leaf); break;
    case MIDDLE: snprintf(f, sizeof f, "and(stage[eq]:NEW,%s,position[gt]:2)", leaf); break;
    case LAST: snprintf(f, sizeof f, "and(stage[eq]:NEW,%s)", leaf); break;
    case NESTED_LAST:
        snprintf(f, sizeof f, "and(stage[eq]:NEW,or(position[gt]:2,%s))", leaf);
        break;
    case NESTED_FIRST:
        snprintf(f, sizeof f, "or(and(%s,position[gt]:2),stage[eq]:NEW)", leaf);
        break;
    default: return false;
    }
    const char *alone[][3] = {{"name", "eq", value}};
    const char *first[][3] = {{"name", "eq", value}, {"stage", "eq", "NEW"}};
    const char *middle[][3] = {{"stage", "eq", "NEW"}, {"name", "eq", value}, {"position", "gt", "2"}};
    const char *last[][3] = {{"stage", "eq", "NEW"}, {"name", "eq", value}};
    const char *nlast[][3] = {{"stage", "eq", "NEW"}, {"position", "gt", "2"}, {"name", "eq", value}};
    const char *nfirst[][3] = {{"name", "eq", value}, {"position", "gt", "2"}, {"stage", "eq", "NEW"}};
    switch (p) {
    case ALONE: return parses_to(f, 1, alone);
    case FIRST: return parses_to(f, 2, first);
    case MIDDLE: return parses_to(f, 3, middle);
    case LAST: return parses_to(f, 2, last);
    case NESTED_LAST: return parses_to(f, 3, nlast);
    case NESTED_FIRST: return parses_to(f, 3, nfirst);
    default: return false;
    }
}

static bool is_last_pos(enum pos p)
{
    return p == ALONE || p == LAST || p == NESTED_LAST;
}

/* Soundness: an accepted value round-trips wherever the mode allows.
 * Necessity: a refused value breaks both naive quotings somewhere allowed. */
static void check_value(const char *v)
{
    for (int last = 0; last <= 1; last++) {
        pb_buf b = PB_BUF_INIT;
        twenty_enc e = twenty_filter_text(&b, "name", "eq", v, last);
        if (e == TWENTY_ENC_OK) {
            for (enum pos p = ALONE; p < NPOS; p++)
                if (!last || is_last_pos(p))
                    ck_assert_msg(roundtrips_at(b.data, p, v), "'%s' (last=%d) broke at %d: %s",
                                  v, last, p, b.data);
        } else {
            ck_assert_int_eq(e, TWENTY_ENC_INEXPRESSIBLE);
            ck_assert_uint_eq(b.len, 0);
            for (int q = 0; q < 2; q++) {
                char leaf[512];
                snprintf(leaf, sizeof leaf, "name[eq]:%c%s%c", q ? '\'' : '"', v, q ? '\'' : '"');
                bool all = true;
                for (enum pos p = ALONE; p < NPOS; p++)
                    if (!last || is_last_pos(p))
                        all = all && roundtrips_at(leaf, p, v);
                ck_assert_msg(!all, "'%s' (last=%d) refused but %s works", v, last, leaf);
            }
        }
        pb_buf_free(&b);
    }
}

START_TEST(quoting_roundtrips_tricky_values)
{
    static const char *values[] = {
        "Acme", "Acme, Inc", "a,b,,c", "[bracketed]", "a]b[c", "(parens)", "Acme (US), Ltd",
        "100%", "50% off, today", "back\\slash\\", "tab\there", "say \"hi\", then", "it's",
        "it's Bob's", "both ' and \"", "\"quoted\"", "'single'", "]", "[", "[[", "(", ")",
        ")(", "x)", ":-)", "emoji 🚀, 東京", "", " spaced ", "eq]:x[y", "a\nb", "a\rb",
        ("a\xE2\x80\xA8" "b"), "and(x", "not(a)", "%_\\", "\"", "'", "\",\"", "','", "a\"b'c",
        "name[eq]:x,stage[eq]:y", "((a,b))", "([)]", "[a,(b]",
    };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        check_value(values[i]);
}
END_TEST

static twenty_enc quote(const char *v, bool last, char *out, size_t outsz)
{
    pb_buf b = PB_BUF_INIT;
    twenty_enc e = twenty_filter_quote(&b, v, last);
    snprintf(out, outsz, "%s", pb_buf_cstr(&b));
    pb_buf_free(&b);
    return e;
}

START_TEST(quoting_verdicts)
{
    char s[256];
    ck_assert_int_eq(quote("Acme, Inc", false, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_str_eq(s, "\"Acme, Inc\"");
    ck_assert_int_eq(quote("say \"hi\"", false, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_str_eq(s, "\"say \"hi\"\"");
    ck_assert_int_eq(quote("a \"b, c", false, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("a \"b, c", true, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_str_eq(s, "'a \"b, c'");
    ck_assert_int_eq(quote("it's", false, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("it's", true, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_str_eq(s, "\"it's\"");
    ck_assert_int_eq(quote("it's Bob's", false, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_int_eq(quote("Acme (US)", false, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_int_eq(quote(")(", true, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("(", true, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("a\nb", true, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("[", false, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("[", true, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_int_eq(quote("both ' and \"", false, s, sizeof s), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_int_eq(quote("", false, s, sizeof s), TWENTY_ENC_OK);
    ck_assert_str_eq(s, "\"\"");
    ck_assert_int_eq(quote(NULL, false, s, sizeof s), TWENTY_ENC_INVALID);
    ck_assert_str_eq(twenty_enc_reason(TWENTY_ENC_OK), "");
    ck_assert(strlen(twenty_enc_reason(TWENTY_ENC_INEXPRESSIBLE)) > 10);
}
END_TEST

START_TEST(quoting_random_values)
{
    static const char alphabet[] = "a,\"'()[] %\\:";
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int iter = 0; iter < 6000; iter++) {
        char v[10];
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = (size_t)(x % 9);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v[i] = alphabet[x % (sizeof alphabet - 1)];
        }
        v[n] = '\0';
        check_value(v);
    }
}
END_TEST

/* ---- URL encoding ---------------------------------------------------------- */
static void url_eq(const char *in, const char *want)
{
    pb_buf b = PB_BUF_INIT;
    ck_assert(twenty_url_encode(&b, in));
    ck_assert_str_eq(pb_buf_cstr(&b), want);
    pb_buf_free(&b);
}

START_TEST(url_encoding)
{
    url_eq("AZaz09-._~", "AZaz09-._~");
    url_eq("a b+c%d/e?f&g=h", "a%20b%2Bc%25d%2Fe%3Ff%26g%3Dh");
    url_eq("name[ilike]:\"%acme%\"", "name%5Bilike%5D%3A%22%25acme%25%22");
    url_eq("eyJpZCI6Ii4uLiJ9+/=", "eyJpZCI6Ii4uLiJ9%2B%2F%3D");
    url_eq("é東", "%C3%A9%E6%9D%B1");
    url_eq("'(),*!", "%27%28%29%2C%2A%21");
    url_eq("", "");
    pb_buf b = PB_BUF_INIT;
    pb_buf_puts(&b, "/rest/opportunities");
    twenty_query_param(&b, "limit", "60");
    twenty_query_param(&b, "filter", "stage[eq]:NEW");
    ck_assert_str_eq(b.data, "/rest/opportunities?limit=60&filter=stage%5Beq%5D%3ANEW");
    pb_buf_free(&b);
}
END_TEST

/* ---- leaves ---------------------------------------------------------------- */
START_TEST(leaves_tokens_lists)
{
    pb_buf b = PB_BUF_INIT;
    ck_assert_int_eq(twenty_filter_token(&b, "amount.amountMicros", "gt", "1000000000"), TWENTY_ENC_OK);
    pb_buf_putc(&b, ',');
    ck_assert_int_eq(twenty_filter_token(&b, "closeDate", "lt", "2025-01-01T00:00:00.000Z"), TWENTY_ENC_OK);
    pb_buf_putc(&b, ',');
    ck_assert_int_eq(twenty_filter_is(&b, "deletedAt", false), TWENTY_ENC_OK);
    pb_buf_putc(&b, ',');
    const char *stages[] = {"NEW", "CLOSED_WON"};
    ck_assert_int_eq(twenty_filter_tokens_in(&b, "stage", stages, 2), TWENTY_ENC_OK);
    ck_assert_str_eq(b.data, "amount.amountMicros[gt]:1000000000,closeDate[lt]:2025-01-01T00:00:00.000Z,"
                             "deletedAt[is]:NOT_NULL,stage[in]:[\"NEW\",\"CLOSED_WON\"]");
    size_t len = b.len;
    /* refusals append nothing */
    ck_assert_int_eq(twenty_filter_token(&b, "stage", "eq", "New Deal"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_token(&b, "stage", "equals", "NEW"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_token(&b, "stage]x", "eq", "NEW"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_token(&b, "amount..x", "eq", "1"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_token(&b, "", "eq", "1"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_token(&b, "stage", "in", "NEW"), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_text(&b, "name", "in", "x", false), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_tokens_in(&b, "stage", stages, 0), TWENTY_ENC_INVALID);
    const char *bad[] = {"NEW", "A,B"};
    ck_assert_int_eq(twenty_filter_tokens_in(&b, "stage", bad, 2), TWENTY_ENC_INVALID);
    ck_assert_int_eq(twenty_filter_text(&b, "name", "eq", "a\nb", false), TWENTY_ENC_INEXPRESSIBLE);
    ck_assert_uint_eq(b.len, len);
    pb_buf_free(&b);

    pb_id ids[2];
    ck_assert(pb_id_parse("9F8A1C2E-0B3D-4E5F-8A9B-0C1D2E3F4A5B", &ids[0]));
    ck_assert(pb_id_parse("00000000-0000-4000-8000-000000000001", &ids[1]));
    ck_assert_int_eq(twenty_filter_id_in(&b, "id", ids, 2), TWENTY_ENC_OK);
    ck_assert_str_eq(b.data, "id[in]:[\"9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b\","
                             "\"00000000-0000-4000-8000-000000000001\"]");
    tresult r;
    twenty_parse(b.data, &r);
    ck_assert(!r.error);
    ck_assert_int_eq(r.leaf[0].nvalues, 2);
    ck_assert_str_eq(r.leaf[0].values[0], "9f8a1c2e-0b3d-4e5f-8a9b-0c1d2e3f4a5b");
    tresult_free(&r);
    ck_assert_int_eq(twenty_filter_id_in(&b, "id", ids, 0), TWENTY_ENC_INVALID);
    pb_buf_free(&b);
}
END_TEST

static void ilike_eq(const char *text, bool last, const char *want, bool want_inexact)
{
    pb_buf b = PB_BUF_INIT;
    bool inexact = !want_inexact;
    ck_assert_int_eq(twenty_filter_ilike_contains(&b, "name", text, last, &inexact), TWENTY_ENC_OK);
    ck_assert_msg(!strcmp(b.data, want), "ilike(%s) = %s, want %s", text, b.data, want);
    ck_assert_int_eq(inexact, want_inexact);
    /* and the pattern survives Twenty's parser at a position the mode allows */
    char f[512];
    snprintf(f, sizeof f, last ? "and(stage[eq]:NEW,%s)" : "and(%s,stage[eq]:NEW)", b.data);
    tresult r;
    twenty_parse(f, &r);
    ck_assert(!r.error);
    ck_assert_int_eq(r.n, 2);
    pb_buf_free(&b);
    tresult_free(&r);
}

START_TEST(ilike_widens_only_when_needed)
{
    ilike_eq("acme", false, "name[ilike]:\"%acme%\"", false);
    ilike_eq("Acme, Inc", false, "name[ilike]:\"%Acme, Inc%\"", false);
    ilike_eq("100%", false, "name[ilike]:\"%100_%\"", true);
    ilike_eq("snake_case", false, "name[ilike]:\"%snake_case%\"", true);
    ilike_eq("a\\b", false, "name[ilike]:\"%a_b%\"", true);
    ilike_eq("it's", true, "name[ilike]:\"%it's%\"", false);
    ilike_eq("it's", false, "name[ilike]:\"%it_s%\"", true);
    ilike_eq("a\nb", true, "name[ilike]:\"%a_b%\"", true);
    ilike_eq("x)(y", true, "name[ilike]:\"%x__y%\"", true);
    ilike_eq("Acme (US)", false, "name[ilike]:\"%Acme (US)%\"", false);
    ilike_eq("", false, "name[ilike]:\"%%\"", false);
}
END_TEST

START_TEST(contains_ci)
{
    ck_assert(twenty_text_contains_ci("Acme's Renewal", "ACME'S"));
    ck_assert(twenty_text_contains_ci("Acme", ""));
    ck_assert(!twenty_text_contains_ci("Acme", "acne"));
    ck_assert(twenty_text_contains_ci("\xC3\x89" "cole", "\xC3\xA9" "co"));   /* École / éco */
    ck_assert(twenty_text_contains_ci("50% off", "50%"));
    ck_assert(!twenty_text_contains_ci("500 off", "50%"));   /* the wildcard's false positive */
    ck_assert(!twenty_text_contains_ci(NULL, "x"));
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    Suite *s = suite_create("encode");
    TCase *tc = tcase_create("encode");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, transliteration_sanity);
    tcase_add_test(tc, quoting_roundtrips_tricky_values);
    tcase_add_test(tc, quoting_verdicts);
    tcase_add_test(tc, quoting_random_values);
    tcase_add_test(tc, url_encoding);
    tcase_add_test(tc, leaves_tokens_lists);
    tcase_add_test(tc, ilike_widens_only_when_needed);
    tcase_add_test(tc, contains_ci);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
