/* gql_lex.h - the GraphQL lexer (October 2021 spec, as graphql-js 16 reads it).
 *
 * Promises: gql_lex_next skips ignored tokens (BOM, white space, line
 * terminators, commas, comments) and returns the next token with its byte
 * offsets; string tokens carry their decoded value (escapes, \u{…}, block
 * string indentation removed). A lexical error returns false with graphql-js's
 * message ("Syntax Error: Unterminated string.") and its byte offset;
 * gql_source_location turns any byte offset into a 1-based line and column
 * (columns count UTF-16 units, as graphql-js does). */
#ifndef SIM_GQL_LEX_H
#define SIM_GQL_LEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum gql_tok {
    GT_SOF, GT_EOF, GT_BANG, GT_DOLLAR, GT_AMP, GT_PAREN_L, GT_PAREN_R, GT_SPREAD, GT_COLON,
    GT_EQUALS, GT_AT, GT_BRACKET_L, GT_BRACKET_R, GT_BRACE_L, GT_PIPE, GT_BRACE_R,
    GT_NAME, GT_INT, GT_FLOAT, GT_STRING, GT_BLOCK_STRING
} gql_tok;

typedef struct gql_token {
    gql_tok kind;
    size_t start, end;   /* byte offsets in the source */
    char *value;         /* malloc'd: names and numbers as written, strings decoded; else NULL */
} gql_token;

typedef struct gql_lexer {
    const char *src;
    size_t len;
    size_t pos;
    gql_token tok;       /* the current token (owns its value) */
    char message[256];   /* the error, when a call returned false */
    size_t err_pos;
} gql_lexer;

void gql_lex_init(gql_lexer *lx, const char *src, size_t len);
/* Advances to the next token (freeing the current one's value). */
bool gql_lex_next(gql_lexer *lx);
void gql_lex_free(gql_lexer *lx);

/* "Name", "\"{\"", "<EOF>" … as graphql-js names token kinds in messages. */
const char *gql_tok_kind_desc(gql_tok k, char buf[16]);
/* A token as graphql-js describes it: Name "foo", "}" or <EOF>; writes into out. */
void gql_tok_desc(const gql_token *t, char *out, size_t outlen);

void gql_source_location(const char *src, size_t len, size_t offset, int *line, int *column);

#endif
