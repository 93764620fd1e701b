/* build_internal.h - helpers shared by the request builders (src/twenty only).
 *
 * Promises: every helper reports failure through pb_error and returns false;
 * build_finish moves a finished path buffer and body into a pb_request. */
#ifndef PB_TWENTY_BUILD_INTERNAL_H
#define PB_TWENTY_BUILD_INTERNAL_H

#include <cjson/cJSON.h>

#include "twenty/request.h"
#include "util/buf.h"

bool build_check_depth(int depth, pb_error *err);
/* Appends "/{id}" formatted lower case. */
void build_put_id(pb_buf *path, const pb_id *id);
/* Appends "depth=d" as a query parameter unless depth is the default. */
void build_put_depth(pb_buf *path, int depth);
/* Fills out from path (taken) and json (printed and deleted; may be NULL). */
bool build_finish(pb_request *out, const char *method, pb_buf *path, cJSON *json,
                  bool retry_safe, pb_error *err);
bool build_nomem(pb_error *err);

#endif
