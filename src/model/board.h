/* board.h - the board model: stages, columns of cached opportunities, exact
 * totals, optimistic writes with undo/redo, refresh, search and pickers.
 *
 * Promises:
 *  - Pure: no I/O, no curl, no curses. The model never sends anything itself:
 *    every request it wants is queued in an outbox (board_take_request), and
 *    the caller (the app's event loop) hands back each answer with
 *    board_on_response. Unit tests drive it with canned answers.
 *  - Stages come from the metadata (position order); when metadata cannot be
 *    read they are derived from the data and a notice says so.
 *  - Each column holds its loaded cards in display order (position ASC, then
 *    id), the cursor of its next page, the server's totalCount, a loading
 *    flag and an error. Records are compact pb_opp structs (model/opp.h) in
 *    one pool, strings in a pb_strpool; no cJSON tree is kept.
 *  - Totals are exact, per stage and per currency, from one groupBy request
 *    (stage x amount.currencyCode) and never from the loaded cards only; they
 *    change at once with every local move, create, edit and delete (and back
 *    on a rollback), and are reconciled with the server on refresh.
 *  - Writes are optimistic: the model changes at once, the card is marked
 *    pending, and a failure restores exactly the previous state and queues a
 *    notice with the server's reason. Confirmed writes enter the undo journal
 *    with their inverse; undo/redo are writes themselves (they can fail and
 *    be retried).
 *  - Every call is O(1) or O(log n) in the size of the workspace except
 *    those that apply a page of records (O(page)).
 */
#ifndef PB_MODEL_BOARD_H
#define PB_MODEL_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/money.h"
#include "model/opp.h"
#include "twenty/request.h"

typedef struct pb_board pb_board;

#define PB_PREFETCH_MARGIN 10  /* pb_board_config.prefetch_margin's default */

typedef struct pb_board_config {
    int page_size;          /* cards per column page (default 60, at most 200) */
    int first_page;         /* cards in a column's first page (default and at most page_size):
                             * the opening answers are then only as big as the first screen
                             * needs, and the next page follows as the selection (or the
                             * column's visible end) comes near the last card loaded */
    int prefetch_margin;    /* fetch the next page when the selection is this close to the end (default PB_PREFETCH_MARGIN) */
    int undo_depth;         /* journal length (default 100) */
} pb_board_config;

pb_board *board_new(const pb_board_config *cfg);
void board_free(pb_board *b);

/* Queues the opening requests: metadata, totals (groupBy), and, once the
 * stages are known, the first page of every column. `cached_stages` (may be
 * NULL) lets the pages go out in the same round trip as the metadata; they
 * are checked against the metadata when it arrives. */
void board_open(pb_board *b, const pb_stage_list *cached_stages);

/* ---- the outbox ------------------------------------------------------- */
typedef struct pb_outgoing {
    uint64_t token;         /* hand it back with board_on_response */
    char *method;           /* "GET", "POST", "PATCH", "DELETE" */
    char *path;             /* path and encoded query, e.g. "/rest/opportunities?limit=60&…" */
    char *body;             /* JSON or NULL */
    bool retry_safe;        /* GET, or a PATCH that sets the same values */
    bool user_initiated;    /* a write the user is waiting for (may jump the pacer queue) */
} pb_outgoing;

/* Takes the next queued request (the caller owns the strings: free with
 * board_outgoing_free). Returns false when nothing is queued. */
bool board_take_request(pb_board *b, pb_outgoing *out);
void board_outgoing_free(pb_outgoing *o);

typedef struct pb_http_answer {
    int status;                  /* HTTP status, 0 when there was no HTTP answer */
    const char *body;            /* may be NULL */
    size_t body_len;
    const char *transport_error; /* "connection refused", "timed out after 30 s" … or NULL */
} pb_http_answer;

void board_on_response(pb_board *b, uint64_t token, const pb_http_answer *a);
size_t board_requests_in_flight(const pb_board *b);

/* ---- reading the board (for the view) ---------------------------------- */
typedef enum pb_card_flags {
    PB_CARD_PENDING = 1u << 0,  /* a write for it is in flight */
    PB_CARD_FAILED = 1u << 1,   /* its last write failed: flagged until dismissed */
    PB_CARD_NEW = 1u << 2       /* created locally, not yet confirmed */
} pb_card_flags;

typedef struct pb_column_view {
    const pb_stage *stage;
    size_t loaded;              /* cards in memory */
    long total;                 /* records in the stage (server count, adjusted locally); -1 unknown */
    const pb_totals *totals;    /* per currency */
    bool loading;               /* a page or the totals are on their way */
    bool complete;              /* every card of the stage is loaded */
    const char *error;          /* last load error in plain words, or NULL */
} pb_column_view;

bool board_ready(const pb_board *b);             /* stages known */
size_t board_column_count(const pb_board *b);
bool board_column(const pb_board *b, size_t col, pb_column_view *out);
const pb_opp *board_card(const pb_board *b, size_t col, size_t idx);
unsigned board_card_flags(const pb_board *b, size_t col, size_t idx);
const char *board_card_error(const pb_board *b, const pb_id *id);   /* why its write failed */
void board_dismiss_failure(pb_board *b, const pb_id *id);
/* Where a record is now (O(log n)); false if not loaded. */
bool board_locate(const pb_board *b, const pb_id *id, size_t *col, size_t *idx);
/* Whole pipeline: count and totals per currency. */
long board_pipeline_count(const pb_board *b);
const pb_totals *board_pipeline_totals(const pb_board *b);
const pb_stage_list *board_stages(const pb_board *b);
/* Bumped by every change a view could show; redraw when it moves. */
uint64_t board_generation(const pb_board *b);
/* Loading progress for the status line: requests done / issued since open or refresh. */
void board_progress(const pb_board *b, size_t *done, size_t *total);
/* Why the board could not open (no stages: the server is unreachable, the
 * key was refused …), in plain words; NULL otherwise. board_refresh retries. */
const char *board_load_error(const pb_board *b);
/* True when the stages were derived from the data (metadata unreadable). */
bool board_stages_derived(const pb_board *b);
/* Any cached record by id (loaded in a column, a search hit, in the trash);
 * NULL if unknown. The pointer stays valid until the record is forgotten. */
const pb_opp *board_find(const pb_board *b, const pb_id *id);

/* Asks for more cards of a column when `idx` (the selection) is within the
 * prefetch margin of the last loaded card; no-op otherwise or if loading. */
void board_want_index(pb_board *b, size_t col, size_t idx);
/* Loads every remaining page of a column (for G / "end"). */
void board_load_all(pb_board *b, size_t col);

/* ---- notices (status line) --------------------------------------------- */
typedef enum pb_notice_kind { PB_NOTICE_INFO, PB_NOTICE_ERROR } pb_notice_kind;
typedef struct pb_notice {
    pb_notice_kind kind;
    char text[320];             /* plain words, raw record names inside: sanitize to display */
    bool undo_hint;             /* "· u to undo" applies */
    bool retry_hint;            /* a failed write redo sends again: "· Ctrl-R to retry" */
} pb_notice;
bool board_take_notice(pb_board *b, pb_notice *out);

/* ---- writes -------------------------------------------------------------- */
typedef enum pb_op_status {
    PB_OP_OK = 0,       /* applied locally, request queued */
    PB_OP_NO_CARD,      /* no such record loaded */
    PB_OP_AT_EDGE,      /* first/last stage or top/bottom already */
    PB_OP_BUSY,         /* the card has a write in flight */
    PB_OP_INVALID,      /* the input is not acceptable (see the reason) */
    PB_OP_NOTHING       /* nothing to undo/redo, no change to send */
} pb_op_status;

typedef struct pb_op_result {
    pb_op_status status;
    uint64_t op;        /* id of the write, to follow it with board_op_state */
    char reason[160];
} pb_op_result;

typedef enum pb_op_state { PB_OPS_PENDING, PB_OPS_DONE, PB_OPS_FAILED, PB_OPS_UNKNOWN } pb_op_state;
/* The state of a write; on failure `msg` gets the server's reason. */
pb_op_state board_op_state(const pb_board *b, uint64_t op, char *msg, size_t msglen);

/* Move to the stage `delta` columns away (+1 next, -1 previous), placed at
 * the top of the target column as Twenty's board does with a drop on top. */
pb_op_result board_move_stage(pb_board *b, const pb_id *id, int delta);
/* Move within the column: delta -1 up, +1 down (position = midpoint rule). */
pb_op_result board_reorder(pb_board *b, const pb_id *id, int delta);

/* An edit or a create: the fields in `mask` (PB_OPP_F_*) taken from `values`;
 * company/poc/owner ids with their display names. */
typedef struct pb_edit {
    unsigned mask;
    pb_opp values;
} pb_edit;
pb_op_result board_edit(pb_board *b, const pb_id *id, const pb_edit *e);
/* Creates in column `col` at the top; `e` must carry a non-empty name. The
 * new record's id is chosen locally (a v4 UUID) and returned in *new_id. */
pb_op_result board_create(pb_board *b, size_t col, const pb_edit *e, pb_id *new_id);
/* Creates again, with the id of an earlier create that failed or whose
 * outcome was unknown, so the server cannot get the deal twice: when that
 * earlier attempt did land after all (the server answers that the record
 * exists), the record is read back and the create confirmed. */
pb_op_result board_create_again(pb_board *b, size_t col, const pb_edit *e, const pb_id *id);
/* Soft delete (undoable). */
pb_op_result board_delete(pb_board *b, const pb_id *id);
pb_op_result board_undo(pb_board *b);
pb_op_result board_redo(pb_board *b);
bool board_can_undo(const pb_board *b);
bool board_can_redo(const pb_board *b);
/* True when redo would send again the failed write of this record (a write
 * of the user's own that failed and was reverted: nothing typed is lost). */
bool board_can_retry(const pb_board *b, const pb_id *id);
/* Restores a record from the trash (undoable); see board_trash_load. */
pb_op_result board_restore(pb_board *b, const pb_id *id);
/* Deletes permanently; only records in the trash (PB_OP_INVALID otherwise).
 * Not undoable. */
pb_op_result board_destroy(pb_board *b, const pb_id *id);
/* Re-reads totals and loaded pages; keeps records by id so the view can keep
 * its selection; notices say what changed elsewhere. */
void board_refresh(pb_board *b);
/* Entropy for locally generated ids (tests pass a fixed seed). */
void board_seed_ids(pb_board *b, uint64_t seed);

/* ---- detail (depth=1 record) ------------------------------------------ */
typedef struct pb_detail {
    bool loading;
    const char *error;
    const pb_opp *opp;          /* with company/poc/owner names, created/updated */
    const char *created_by;     /* actor name/source */
} pb_detail;
void board_fetch_detail(pb_board *b, const pb_id *id);
bool board_detail(const pb_board *b, pb_detail *out);

/* ---- search --------------------------------------------------------------- */
typedef struct pb_search_hit {
    pb_id id;
    const pb_opp *opp;          /* NULL until fetched */
} pb_search_hit;
typedef struct pb_search_view {
    const char *query;
    bool loading;
    const char *error;
    const pb_search_hit *hits;  /* rank order */
    size_t n;
} pb_search_view;
/* GraphQL search (ids), then REST id[in] for ids not already cached. */
void board_search(pb_board *b, const char *text);
bool board_search_results(const pb_board *b, pb_search_view *out);
/* Makes sure the record is loaded in its column (paging as needed); then
 * board_locate finds it. Returns true if it is already there. */
bool board_jump_to(pb_board *b, const pb_id *id);

/* ---- trash ---------------------------------------------------------------- */
typedef struct pb_trash_view {
    bool loading;
    const char *error;
    const pb_opp *const *items; /* newest deletion first */
    size_t n;
} pb_trash_view;
/* Lists the soft-deleted records (deletedAt[is]:NOT_NULL, newest first). */
void board_trash_load(pb_board *b);
bool board_trash(const pb_board *b, pb_trash_view *out);

/* ---- pickers (company, point of contact, owner) -------------------------- */

typedef struct pb_pick_view {
    pb_pick_kind kind;
    const char *query;
    bool loading;
    const char *error;
    const pb_named *items;
    size_t n;
} pb_pick_view;
void board_pick_lookup(pb_board *b, pb_pick_kind kind, const char *text);
bool board_pick_results(const pb_board *b, pb_pick_view *out);

#endif
