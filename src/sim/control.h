/* control.h - twenty-sim's runtime control routes under /__sim/.
 *
 * Promises: GET /__sim/faults lists the fault rules with their counters,
 * POST /__sim/faults replaces them with the SPEC in the body (400 and no
 * change if it does not parse), DELETE /__sim/faults removes them all; the
 * three answer 200 {"spec":"…","rules":[{"rule":"…","matched":N,"fired":N}]}.
 * Other /__sim/ paths give 404. Pure: the caller authenticates and holds the
 * lock that guards *faults. */
#ifndef SIM_CONTROL_H
#define SIM_CONTROL_H

#include <stdbool.h>

#include "faults.h"
#include "http.h"

/* True for paths this module owns ("/__sim" and below). */
bool sim_control_owns(const char *path);

void sim_control_handle(sim_faults *faults, const char *method, const char *path, const char *body,
                        sim_response *rs);

#endif
