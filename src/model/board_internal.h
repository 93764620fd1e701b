/* board_internal.h - what the board_*.c files share (not a public API).
 *
 * Layout of the model:
 *  - cards live in a chunked pool (pointers to them never move while the card
 *    lives), found by id through an open-addressing map; every string they
 *    point to is interned in b->sp, so re-reading the same data never grows
 *    memory;
 *  - a column is an array of card slots sorted by (position, id), the order
 *    of Twenty's `order_by=position[AscNullsFirst]` plus its id tie-breaker,
 *    and always a prefix of the server's order for that stage: a card whose
 *    place lies beyond the last loaded card of an incomplete column stays
 *    detached (cached, not shown) until its page arrives;
 *  - counts and money totals come from the server (groupBy) and move with
 *    local writes through recorded deltas that a rollback inverts exactly;
 *  - every request is a bd_req until its answer is handed back.
 */
#ifndef PB_MODEL_BOARD_INTERNAL_H
#define PB_MODEL_BOARD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/board.h"
#include "twenty/error.h"
#include "twenty/parse.h"
#include "twenty/request.h"

#define BD_NONE UINT32_MAX
#define BD_CHUNK_SHIFT 8
#define BD_CHUNK (1u << BD_CHUNK_SHIFT)
#define BD_NOTICES 32
#define BD_DONE_RING 64
#define BD_SEARCH_LIMIT 50
#define BD_PICK_LIMIT 20
#define BD_TRASH_LIMIT 60
#define BD_GROUPS_LIMIT 200

/* ---- cards ------------------------------------------------------------- */
typedef struct bd_card {
    pb_opp opp;
    uint32_t col;          /* column index, or BD_NONE when detached */
    uint32_t next_free;    /* free list link while unused */
    bool used;
    bool live;             /* counted on the board (false: in the trash) */
    bool in_trash_view;
    uint8_t flags;         /* PB_CARD_FAILED | PB_CARD_NEW (PENDING comes from busy_op) */
    uint64_t busy_op;      /* the write in flight, 0 when none */
    uint64_t touched;      /* b->tick of its last local write event (refresh keeps it) */
    uint64_t seen;         /* refresh serial that last read it back */
    const char *error;     /* why its last write failed (interned) or NULL */
} bd_card;

/* ---- columns ----------------------------------------------------------- */
typedef struct bd_column {
    uint32_t *cards;       /* card slots in display order */
    size_t n, cap;         /* cap counts the whole buffer, front slots included */
    size_t front;          /* free slots before cards[0]: the buffer is cards - front,
                            * freed with bd_column_free_cards */
    char *cursor;          /* endCursor of the last page (malloc'd) or NULL */
    bool first_loaded;     /* a first page arrived */
    bool has_more;         /* the server has more after the cursor */
    bool has_front;        /* front_*: the last record the server sent (the */
    double front_pos;      /*   end of the loaded prefix) */
    pb_id front_id;
    bool want_all;         /* board_load_all: keep paging */
    bool jumping;          /* board_jump_to: page until jump_id is attached */
    pb_id jump_id;
    uint64_t page_token;   /* a page request in flight, or 0 */
    uint64_t serial;       /* bumped when pages in flight become stale */
    long count;            /* records in the stage, -1 unknown */
    pb_totals totals;
    char *error;           /* malloc'd plain words or NULL */
} bd_column;

/* ---- totals deltas ------------------------------------------------------ */
typedef struct bd_delta {
    const char *stage;     /* interned stage value */
    pb_money money;
    int sign;              /* +1 or -1 */
    bool count_done, totals_done;
} bd_delta;

/* ---- writes ------------------------------------------------------------ */
typedef enum bd_op_kind {
    BD_OP_MOVE,            /* stage and/or position (move, reorder) */
    BD_OP_EDIT,
    BD_OP_CREATE,
    BD_OP_DELETE,          /* soft */
    BD_OP_RESTORE,
    BD_OP_DESTROY
} bd_op_kind;

typedef enum bd_role { BD_ROLE_DO, BD_ROLE_UNDO, BD_ROLE_REDO } bd_role;

/* A confirmed operation, as the journal keeps it. */
typedef struct bd_entry {
    bd_op_kind kind;
    pb_id rec;
    pb_opp before, after;  /* strings interned */
    unsigned mask;         /* fields an edit changed */
    bool reorder;          /* a move within the column */
    bool retry;            /* on the redo stack: a failed write to send again */
} bd_entry;

typedef struct bd_op {
    uint64_t id;
    bd_role role;
    bd_entry e;            /* what this write does (before -> after) */
    bool before_live, after_live;
    bd_delta deltas[4];
    size_t ndeltas;
    bool verifying;        /* the outcome was uncertain: reading the record back */
    bool resent;           /* a create sent again with its id: "exists" means done */
    char why[240];         /* what made it uncertain */
    bd_entry journal;      /* undo/redo: the journal entry being replayed */
} bd_op;

typedef struct bd_done {
    uint64_t id;
    pb_op_state state;
    char msg[160];
} bd_done;

/* ---- requests ---------------------------------------------------------- */
typedef enum bd_req_kind {
    BD_RQ_META_GQL,
    BD_RQ_META_GQL_LEGACY,
    BD_RQ_META_REST,
    BD_RQ_TOTALS,
    BD_RQ_PAGE,
    BD_RQ_REFRESH_PAGE,
    BD_RQ_REFRESH_CHECK,
    BD_RQ_WRITE,
    BD_RQ_VERIFY,
    BD_RQ_SEARCH,
    BD_RQ_SEARCH_FETCH,
    BD_RQ_PICK,
    BD_RQ_DETAIL,
    BD_RQ_JUMP_GET,
    BD_RQ_TRASH
} bd_req_kind;

typedef struct bd_req {
    uint64_t token;
    bd_req_kind kind;
    const char *stage;     /* pages: the column's stage value (interned) */
    uint64_t serial;       /* pages: the column serial; others: a generation */
    uint64_t op;           /* writes: the op id */
    uint64_t tick;         /* b->tick when queued */
    bool inexact;          /* picker: re-check names */
    int pick_kind;
    bool taken;            /* handed to the caller */
    bool load;             /* counts in board_progress */
} bd_req;

typedef struct bd_out {
    uint64_t token;
    pb_request rq;
    bool user_initiated;
} bd_out;

/* ---- refresh ----------------------------------------------------------- */
typedef struct bd_fresh {
    pb_opp *v;             /* records read back, strings interned */
    size_t n, cap;
    size_t target;         /* read at least this many (or to the end) */
    char *cursor;          /* endCursor of the last page read */
    bool has_more;
    bool active, done, failed;
    bool old_complete;     /* the column was complete before the refresh */
    bool had_last;
    pb_opp old_last;       /* the last loaded card before the refresh */
} bd_fresh;

typedef struct bd_change {
    char text[120];
} bd_change;

typedef struct bd_refresh {
    bool running;
    uint64_t tick0;        /* b->tick when it started */
    uint64_t serial;
    bd_fresh *cols;        /* one per column */
    size_t ncols;
    bd_change *changes;    /* notices to say once the check is back */
    size_t nchanges, capchanges;
    size_t nchanged;       /* records concerned */
    pb_id *missing;        /* ids no longer found where they were */
    size_t nmissing;
} bd_refresh;

/* ---- search / pickers / detail / trash ---------------------------------- */
typedef struct bd_search {
    char *query;
    bool active, loading;
    char *error;
    pb_search_hit *hits;
    size_t n;
    uint64_t token;
} bd_search;

typedef struct bd_pick {
    pb_pick_kind kind;
    char *query;
    bool active, loading;
    char *error;
    pb_named *items;
    size_t n;
    uint64_t token;
} bd_pick;

typedef struct bd_detail {
    pb_id id;
    bool active, loading, has;
    char *error;
    pb_opp opp;
    uint64_t token;
} bd_detail;

typedef struct bd_trash {
    bool active, loading;
    char *error;
    uint32_t *cards;
    const pb_opp **view;
    size_t n, cap;
    uint64_t token;
} bd_trash;

typedef enum bd_stage_source {
    BD_STAGES_NONE,
    BD_STAGES_CACHED,
    BD_STAGES_META,
    BD_STAGES_DERIVED
} bd_stage_source;

typedef struct bd_group {
    const char *stage;
    char currency[4];
    int64_t count, sum;
    bool has_sum;
} bd_group;

struct pb_board {
    pb_board_config cfg;
    pb_strpool sp;
    uint64_t gen;
    uint64_t tick;
    uint64_t next_token, next_op;
    uint64_t rng;

    /* cards */
    bd_card **chunks;
    size_t nchunks;
    uint32_t hw;           /* slots handed out so far */
    uint32_t free_head;
    uint32_t *map;         /* id -> slot, open addressing (BD_NONE empty) */
    size_t map_cap, map_n;

    /* stages and columns */
    pb_stage_list stages;
    bd_column *cols;
    bd_stage_source stage_source;
    bool opened;
    char *load_error;
    bool meta_pending, meta_failed, derive_wanted;
    bool cached_given;
    char meta_reason[200];

    /* totals */
    bd_group *groups;      /* the last groupBy answer */
    size_t ngroups;
    bool groups_known, totals_known, totals_stale;
    uint64_t totals_token, totals_tick;
    pb_totals pipeline;
    long pipeline_count;

    /* outbox */
    bd_out *queue;
    size_t qhead, qn, qcap;
    bd_req *reqs;
    size_t nreqs, capreqs;
    size_t prog_done, prog_total;

    /* notices */
    pb_notice notices[BD_NOTICES];
    size_t nhead, ncount;

    /* writes and the journal */
    bd_op **ops;
    size_t nops, capops;
    bd_done done[BD_DONE_RING];
    size_t done_next;
    bd_entry *undo, *redo;
    size_t nundo, nredo;
    bool undo_busy;

    bd_refresh refresh;
    bd_search search;
    bd_pick pick;
    bd_detail detail;
    bd_trash trash;
};

/* ---- board.c ------------------------------------------------------------ */
void bd_touch(pb_board *b);                        /* generation++ */
const char *bd_intern(pb_board *b, const char *s); /* NULL stays NULL */
void bd_adopt(pb_board *b, pb_opp *o);             /* interns every string of o */
void bd_set_str(char **dst, const char *s);        /* free + strdup (NULL clears) */
/* Copies s into out[outsz], cut on a UTF-8 character boundary. */
void bd_copy(char *out, size_t outsz, const char *s);

/* ---- board_cards.c ------------------------------------------------------ */
bd_card *bd_card_at(const pb_board *b, uint32_t slot);
uint32_t bd_find(const pb_board *b, const pb_id *id);      /* slot or BD_NONE */
uint32_t bd_card_new(pb_board *b, const pb_opp *o);        /* attached nowhere; BD_NONE on OOM */
void bd_card_free(pb_board *b, uint32_t slot);             /* detaches, forgets */
int bd_opp_cmp(const pb_opp *a, const pb_opp *b);          /* display order */
size_t bd_stage_col(const pb_board *b, const char *stage); /* column index or stages.n */
void bd_detach(pb_board *b, uint32_t slot);
bool bd_attach(pb_board *b, uint32_t slot, size_t col);    /* sorted insert */
void bd_column_free_cards(bd_column *c);                   /* frees the slots' buffer */
/* Attaches the card to its stage's column when its place lies within the
 * loaded prefix (or the column is complete); detaches it otherwise. */
void bd_place(pb_board *b, uint32_t slot);
size_t bd_index_of(const pb_board *b, uint32_t slot);      /* in its column */
bool bd_column_complete(const bd_column *c);
/* The record sorts within the column's loaded prefix. */
bool bd_within_prefix(const bd_column *c, const pb_opp *o);

/* ---- board_outbox.c ----------------------------------------------------- */
/* Queues a built request (takes ownership of rq's strings); returns its token. */
uint64_t bd_send(pb_board *b, pb_request *rq, bd_req_kind kind, bool user);
bd_req *bd_req_find(pb_board *b, uint64_t token);
/* Plain words for a failed answer; also queues nothing. */
void bd_describe(const pb_error *e, char *out, size_t outsz);
void bd_answer_error(const pb_http_answer *a, pb_error *err);   /* transport or HTTP error */
/* Plain words for a failed answer: the transport error, or `parsed`. */
void bd_describe_answer(const pb_http_answer *a, const pb_error *parsed, char *out, size_t outsz);
void bd_notice(pb_board *b, pb_notice_kind kind, bool undo_hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- board_open.c ------------------------------------------------------- */
void bd_on_meta(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_totals(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_request_totals(pb_board *b);
void bd_pipeline_update(pb_board *b);
/* Applies a delta: adds (sign +1) or removes (-1) a record's count and
 * amount in its stage's column, recording what took effect. */
void bd_account(pb_board *b, const pb_opp *o, int sign, bd_delta *d);
void bd_unaccount(pb_board *b, const bd_delta *d);
/* Writes settled: send the reconciling totals request if one is due. */
void bd_totals_settle(pb_board *b);

/* ---- board_pages.c ------------------------------------------------------ */
void bd_request_page(pb_board *b, size_t col, int limit);
void bd_on_page(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_jump_get(pb_board *b, const bd_req *r, const pb_http_answer *a);
bool bd_build_column_list(const pb_board *b, size_t col, const char *cursor, int limit,
                          pb_request *out, pb_error *err);
/* Sets a known card's values from the server (no accounting) and places it. */
uint32_t bd_take_record(pb_board *b, const pb_opp *o, bool protect_busy);
/* Reads an answer holding a list of opportunities. True: *page holds it,
 * its strings in *tmp (the caller frees both). False: *tmp is already freed
 * and *err says why (the transport error when there was no answer). */
bool bd_read_opp_page(const pb_http_answer *a, pb_strpool *tmp, pb_opp_page *page, pb_error *err);

/* ---- board_refresh.c ---------------------------------------------------- */
void bd_on_refresh_page(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_refresh_check(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_refresh_free(pb_board *b);

/* ---- board_write.c ------------------------------------------------------ */
void bd_on_write(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_verify(pb_board *b, const bd_req *r, const pb_http_answer *a);
/* Starts a write described by e (validates, applies locally, queues). */
pb_op_result bd_start(pb_board *b, const bd_entry *e, bd_role role, const bd_entry *journal);
bd_op *bd_op_find(pb_board *b, uint64_t id);
void bd_ops_free(pb_board *b);
/* After the server's totals replaced ours: apply pending ops' deltas again. */
void bd_ops_reaccount(pb_board *b);
/* Top of the target column for a card arriving there (false: not known yet). */
bool bd_top_position(pb_board *b, size_t col, uint32_t except, double *pos, char *why,
                     size_t whylen);

/* ---- board_words.c ------------------------------------------------------ */
/* "Moved \"X\" to Proposal" (past) or "move \"X\"" (present; with `target`
 * the destination is named). */
void bd_phrase(const pb_board *b, const bd_entry *e, bool past, bool target, char *out,
               size_t outsz);
void bd_lower_first(char *s);
unsigned bd_opp_differs(const pb_opp *a, const pb_opp *b);   /* PB_OPP_F_* bits */

/* ---- board_undo.c ------------------------------------------------------- */
void bd_journal_push(pb_board *b, const bd_entry *e, bd_role role, const bd_entry *journal);
void bd_journal_failed(pb_board *b, bd_role role, const bd_entry *journal);
/* A write of the user's own (role DO) failed: redo (Ctrl-R) sends it again. */
void bd_journal_retry(pb_board *b, const bd_entry *e);
/* The write op is a create sent again with the id of an earlier attempt. */
void bd_mark_resent(pb_board *b, uint64_t op);
void bd_journal_free(pb_board *b);

/* ---- board_search.c ----------------------------------------------------- */
void bd_on_search(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_search_fetch(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_pick(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_on_detail(pb_board *b, const bd_req *r, const pb_http_answer *a);
/* A card is about to be freed: drop pointers to it. */
void bd_forget_card(pb_board *b, uint32_t slot);
void bd_views_free(pb_board *b);

/* ---- board_trash.c ------------------------------------------------------ */
void bd_on_trash(pb_board *b, const bd_req *r, const pb_http_answer *a);
void bd_trash_remove(pb_board *b, uint32_t slot);
void bd_trash_add(pb_board *b, uint32_t slot);

#endif
