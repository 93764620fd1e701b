/* position.c - card positions like Twenty's board (see position.h). */
#include "model/position.h"

#include <math.h>

double pb_position_top(bool empty, double first)
{
    return empty ? 1.0 : first - 1.0;
}

double pb_position_bottom(bool empty, double last)
{
    return empty ? 1.0 : last + 1.0;
}

bool pb_position_between(double before, double after, double *out)
{
    if (!isfinite(before) || !isfinite(after) || !(before < after))
        return false;
    double m = before / 2.0 + after / 2.0;   /* no overflow near DBL_MAX */
    if (!(m > before && m < after))
        return false;
    *out = m;
    return true;
}
