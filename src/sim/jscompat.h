/* jscompat.h - the few JavaScript behaviours twenty-sim must copy to the byte
 * to produce Twenty's exact messages and value handling.
 *
 * Promises: sim_js_parse_float is JavaScript's parseFloat (leading white
 * space skipped, the longest decimal prefix, [+-]Infinity; false for NaN);
 * sim_js_inspect_str renders a string as Node's util.inspect does ('abc',
 * "it's", escapes for control characters). Neither allocates. */
#ifndef SIM_JSCOMPAT_H
#define SIM_JSCOMPAT_H

#include <stdbool.h>
#include <stddef.h>

/* parseFloat(s): true with *out set (possibly ±inf), false when NaN. */
bool sim_js_parse_float(const char *s, double *out);
/* util.inspect(s) into out (always NUL-terminated, truncated to outlen). */
void sim_js_inspect_str(const char *s, char *out, size_t outlen);
/* String(n) for a finite double, as JavaScript prints it (shortest
 * round-trip digits: 1, 0.5, 1e+21, 1.5e-7) and "NaN"/"Infinity". */
void sim_js_number_str(double n, char *out, size_t outlen);

#endif
