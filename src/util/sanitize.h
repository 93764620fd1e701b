/* sanitize.h - make any byte string safe to print on a terminal.
 *
 * Promises: the output is valid UTF-8 that contains no C0 or C1 control, no
 * DEL, no escape sequence and no bidi embedding/override/isolate, whatever
 * the input bytes were, and it never grows by more than 3 bytes per input
 * byte. Everything removed is replaced visibly, one for one:
 *   TAB, LF, CR, NEL, U+2028, U+2029        -> ' ' (cards are single lines)
 *   other C0 controls 0x00-0x1F, DEL        -> control pictures U+2400-U+2421 (␀ … ␟, ␡)
 *   ESC and the sequence it starts          -> one ␛ (U+241B); CSI (ESC [ … final),
 *                                              OSC/DCS/SOS/PM/APC strings up to BEL or
 *                                              ST (or the end), nF (ESC SP-/ … final) and
 *                                              two-byte ESC x are swallowed whole
 *   C1 CSI/OSC/DCS/SOS/PM/APC (U+009B, U+009D, U+0090, U+0098, U+009E, U+009F)
 *                                           -> one ␛, sequence swallowed as above
 *   other C1 controls U+0080-U+009F         -> U+FFFD
 *   bidi LRE RLE PDF LRO RLO LRI RLI FSI PDI -> U+FFFD
 *   bidi marks LRM RLM ALM                  -> removed (invisible, cannot reorder)
 *   ill-formed UTF-8                        -> U+FFFD per maximal subpart
 * It does not depend on the locale. */
#ifndef PB_UTIL_SANITIZE_H
#define PB_UTIL_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

bool pb_sanitize_append(pb_buf *out, const char *s, size_t n);
/* A malloc'd sanitized copy of the NUL-terminated s (NULL s gives ""). */
char *pb_sanitize(const char *s);
/* True if pb_sanitize would return s unchanged. */
bool pb_sanitize_is_clean(const char *s, size_t n);

#endif
