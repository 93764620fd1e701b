/* position.h - where a card goes in a column, computed as Twenty's board does
 * (RecordBoard's getDraggedRecordPosition).
 *
 * Promises: pure arithmetic on the `position` field (a float in Twenty):
 *   - the top of a column is the first card's position - 1, or 1 when the
 *     column is empty;
 *   - the bottom is the last card's position + 1 (1 when empty);
 *   - between two neighbours, their midpoint.
 * pb_position_between refuses (returns false) when the midpoint is not
 * strictly between its neighbours (equal positions, or floating point
 * exhausted after many insertions at one spot), so a caller never sends a
 * position that would not put the card where the user asked. */
#ifndef PB_MODEL_POSITION_H
#define PB_MODEL_POSITION_H

#include <stdbool.h>

double pb_position_top(bool empty, double first);
double pb_position_bottom(bool empty, double last);
bool pb_position_between(double before, double after, double *out);

#endif
