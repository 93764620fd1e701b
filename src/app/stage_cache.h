/* stage_cache.h - the workspace's stage options, remembered between runs.
 *
 * Promises: with the stages of the last session at hand, the board's first
 * pages go out in the same round trip as the metadata request (the model
 * checks them against the metadata when it answers). The cache is a small
 * JSON file in $XDG_CACHE_HOME/pipeboard/, one per workspace URL (named by a
 * hash of the URL), mode 0600; it holds stage values, labels, colors and
 * positions only: never the API key. A missing, unreadable or malformed
 * cache is ignored. */
#ifndef PB_APP_STAGE_CACHE_H
#define PB_APP_STAGE_CACHE_H

#include <stdbool.h>

#include "model/opp.h"
#include "util/intern.h"

/* Loads into *out (strings in *pool); false when there is no usable cache. */
bool stage_cache_load(const char *workspace_url, pb_strpool *pool, pb_stage_list *out);
/* Saves atomically (temp file + rename); errors are ignored (it is a cache). */
void stage_cache_save(const char *workspace_url, const pb_stage_list *stages);

#endif
