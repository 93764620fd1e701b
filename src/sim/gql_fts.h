/* gql_fts.h - the full-text matching and ranking behind GraphQL `search`.
 *
 * Promises: what Twenty's search asks of Postgres, for documents that are a
 * record's name text: text is folded as unaccent + lower-case does (Latin
 * letters lose accents, æ -> ae, ß -> ss; Greek and Cyrillic capitals are
 * lowered) and split into words as the 'simple' text-search configuration
 * does (runs of letters and digits). A query is the words of the search
 * input, each a prefix term. A document matches when any term is a prefix
 * of any of its words (Twenty ORs its "and" and "or" queries). tsRank is
 * Postgres' ts_rank over the OR of the terms and tsRankCD its ts_rank_cd
 * (cover density) over their AND, computed as tsrank.c does for weight-D
 * vectors, in single precision. No allocation per document. */
#ifndef SIM_GQL_FTS_H
#define SIM_GQL_FTS_H

#include <stdbool.h>
#include <stddef.h>

#define FTS_MAX_TERMS 32
#define FTS_TEXT_MAX 1024

typedef struct fts_query {
    char text[FTS_TEXT_MAX];            /* folded input; terms point into it */
    const char *term[FTS_MAX_TERMS];    /* distinct terms */
    size_t len[FTS_MAX_TERMS];
    size_t nterms;
    bool empty;                         /* blank input: everything matches, ranks 0 */
    unsigned char first[256];           /* 1 for bytes that may start a matching word */
} fts_query;

void fts_query_parse(fts_query *q, const char *input);

/* Folds UTF-8 text (unaccent + lower); returns the output length (< cap). */
size_t fts_fold(const char *in, char *out, size_t cap);

/* Ranks a document given as texts joined by spaces; false when it does not match. */
bool fts_rank(const fts_query *q, const char *const *texts, size_t ntexts, float *cd, float *rank);

#endif
