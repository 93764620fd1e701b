/* pump.h - connects the board model's outbox to the network client.
 *
 * Promises: pump_run moves every queued model request to net (in order), and
 * each network answer is handed back to the model exactly once with
 * board_on_response. Requests still in flight when the pump is freed are
 * cancelled (the model is told nothing more). */
#ifndef PB_APP_PUMP_H
#define PB_APP_PUMP_H

#include "model/board.h"
#include "net/net.h"

typedef struct app_pump app_pump;

app_pump *pump_new(pb_board *board, net_client *net);
void pump_free(app_pump *p);
/* The ui_pump_fn: call with the app_pump as context. */
void pump_run(void *pump);

#endif
