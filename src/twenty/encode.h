/* encode.h - URL encoding and Twenty's REST `filter` values (contract 2.3).
 *
 * Promises:
 * - twenty_url_encode keeps RFC 3986 unreserved bytes (A-Z a-z 0-9 - . _ ~)
 *   and writes every other byte as %XX (upper-case hex), so '+', '%', ',',
 *   '[', '"', spaces and UTF-8 all survive any query-string decoder. Cursors
 *   are opaque strings and go through it unchanged otherwise.
 * - The filter functions append one leaf `field[op]:value` to a pb_buf; the
 *   caller writes conjunctions around leaves itself: "and(", ",", "or(", ")".
 *   Field paths must match [A-Za-z0-9_]+(\.[A-Za-z0-9_]+)* and operators must
 *   be one of Twenty's: eq neq in containsAny is gt gte lt lte startsWith
 *   endsWith like ilike; otherwise TWENTY_ENC_INVALID. On any failure
 *   nothing is appended.
 *
 * How a text value is written. Twenty's grammar has no escape character: the
 * value is everything after the leaf's "]:", one pair of surrounding quotes
 * (" or ') is removed, and the splitter that separates predicates counts
 * parentheses over the whole string and toggles three independent flags on
 * every '"', every '\'' and every '[' or ']', splitting on a comma only when
 * all flags are off at depth 1. twenty_filter_text wraps the value in "…"
 * (or '…' if that fails) and accepts the result only if, scanned with that
 * splitter, (a) no comma inside it splits, (b) the parenthesis depth never
 * drops below where it started and ends there, and (c) the three flags end
 * as they started. So a value is EXACTLY expressible anywhere in a filter iff
 *   - it contains no line terminator (LF, CR, U+2028, U+2029: the leaf regex
 *     `^(.+)\[(.+)\]:(.+)$` does not match across them),
 *   - its parentheses nest properly ("Acme (US)" yes; "a)b(", ":-)" no),
 *   - it has an even number of '[' plus ']' characters, and
 *   - inside the chosen wrapper the other quote character appears an even
 *     number of times and the wrapper's own character leaves no comma
 *     unprotected: e.g. `Acme's` (one ') and `say "hi" now` work only with
 *     `last` (below) / only inside '…', and a value with an odd number of '
 *     AND an odd number of " can never be written before another predicate.
 * With last = true the caller promises that this leaf is the textually last
 * one of the whole filter (nothing but ')' follows): then (c) is not needed,
 * so apostrophes and unbalanced brackets/quotes are fine, as long as (a) and
 * (b) hold and no comma splits.
 * Values that fail are refused with TWENTY_ENC_INEXPRESSIBLE, never sent
 * approximately. For searches, twenty_filter_ilike_contains widens instead:
 * it writes `field[ilike]:"%text%"` and turns each character it cannot
 * express (and the LIKE metacharacters % _ \, so no escape semantics are
 * relied on) into the one-character wildcard `_`, then sets *inexact so the
 * caller re-checks candidates with twenty_text_contains_ci. */
#ifndef PB_TWENTY_ENCODE_H
#define PB_TWENTY_ENCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/uuid.h"

typedef enum twenty_enc {
    TWENTY_ENC_OK = 0,
    TWENTY_ENC_INEXPRESSIBLE,   /* Twenty's grammar cannot carry this value exactly */
    TWENTY_ENC_INVALID,         /* bad field path, operator, token or empty list */
    TWENTY_ENC_NOMEM
} twenty_enc;

const char *twenty_enc_reason(twenty_enc e);

bool twenty_url_encode_n(pb_buf *out, const char *s, size_t n);
bool twenty_url_encode(pb_buf *out, const char *s);
/* Appends "&name=value" (or "?name=…" when out has no '?' yet), value URL-encoded. */
bool twenty_query_param(pb_buf *out, const char *name, const char *value);

/* True if `op` is a REST comparator and `path` a valid field path. */
bool twenty_filter_op_valid(const char *op);
bool twenty_filter_path_valid(const char *path);

/* Just the value part ("…" or '…'), see above. */
twenty_enc twenty_filter_quote(pb_buf *out, const char *value, bool last);
/* field[op]:"value" for text operands (eq neq gt … like ilike startsWith endsWith). */
twenty_enc twenty_filter_text(pb_buf *out, const char *field, const char *op, const char *value,
                              bool last);
/* field[op]:token unquoted, for numbers, ISO dates, UUIDs and select values:
 * the token must match [A-Za-z0-9_.:+-]+ (so older servers that parse numbers
 * by field type never see quotes). */
twenty_enc twenty_filter_token(pb_buf *out, const char *field, const char *op,
                               const char *token);
/* field[is]:NULL or field[is]:NOT_NULL */
twenty_enc twenty_filter_is(pb_buf *out, const char *field, bool is_null);
/* field[in]:["id1","id2"] (n >= 1). */
twenty_enc twenty_filter_id_in(pb_buf *out, const char *field, const pb_id *ids, size_t n);
/* field[in]:["A","B"]: tokens as in twenty_filter_token (n >= 1). */
twenty_enc twenty_filter_tokens_in(pb_buf *out, const char *field, const char *const *tokens,
                                   size_t n);
/* field[ilike]:"%text%" (see above); *inexact tells whether it was widened. */
twenty_enc twenty_filter_ilike_contains(pb_buf *out, const char *field, const char *text,
                                        bool last, bool *inexact);

/* Case-insensitive substring test (simple case folding: towlower, so it
 * follows LC_CTYPE for non-ASCII), for re-checking widened matches. An empty
 * needle matches everything. */
bool twenty_text_contains_ci(const char *haystack, const char *needle);

#endif
