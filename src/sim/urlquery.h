/* urlquery.h - splitting a request's query string for the routes.
 *
 * Promises: "a=1&b=x+y&flag&c=%5B1%5D" becomes the parameters (a,"1"),
 * (b,"x y"), (flag,""), (c,"[1]") in their order: '+' is a space, %XX is
 * decoded (libmicrohttpd's unescaper; invalid escapes stay as they are),
 * empty pieces are skipped, repeated names are all kept. At most
 * SIM_MAX_QUERY parameters are kept; the rest are dropped (the function says
 * how many). raw_query is not touched. */
#ifndef SIM_URLQUERY_H
#define SIM_URLQUERY_H

#include "http.h"

/* Fills rq->query / rq->nquery from raw (without '?'); returns the number
 * of parameters dropped for lack of room, or -1 when out of memory (what was
 * split so far is kept and must still be freed). */
int sim_urlquery_split(sim_request *rq, const char *raw);

/* Frees what sim_urlquery_split allocated. */
void sim_urlquery_free(sim_request *rq);

#endif
