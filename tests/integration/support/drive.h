/* drive.h - a tiny synchronous driver for integration tests: it moves the
 * board model's outbox through src/net to a live server and hands every
 * answer back, until the model has nothing in flight.
 *
 * Promises: drive_idle returns true once board_requests_in_flight() is 0
 * (false after timeout_ms); drive_http sends one request of its own through
 * the same client and waits for its answer. Counters tell how many requests
 * the model sent. The net client is paced without a per-minute bucket so
 * long walks are not slowed down (429s from the server are still honoured). */
#ifndef IT_DRIVE_H
#define IT_DRIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/board.h"
#include "net/net.h"

typedef struct drive {
    net_client *net;
    pb_board *board;
    size_t sent;       /* requests taken from the model */
    size_t pending;    /* sent, answer not yet handed back */
    char err[256];
} drive;

bool drive_init(drive *d, const char *base_url, const char *api_key, pb_board *board);
void drive_free(drive *d);
/* Pumps the model's outbox and the network until the model is idle. */
bool drive_idle(drive *d, int timeout_ms);
/* One request of the test's own: returns the HTTP status (0: no answer) and
 * the body in *body (malloc'd, may be NULL). */
int drive_http(drive *d, const char *method, const char *path, const char *json, char **body);

#endif
