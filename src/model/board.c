/* board.c - the board's lifecycle, what the view reads, and notices
 * (see board.h; the internals are described in board_internal.h). */
#include "model/board_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "util/utf8.h"

void bd_touch(pb_board *b)
{
    b->gen++;
}

const char *bd_intern(pb_board *b, const char *s)
{
    if (!s)
        return NULL;
    const char *r = pb_strpool_dup(&b->sp, s, strlen(s), true);
    return r ? r : "";
}

void bd_adopt(pb_board *b, pb_opp *o)
{
    o->name = bd_intern(b, o->name ? o->name : "");
    o->stage = bd_intern(b, o->stage ? o->stage : "");
    o->company_name = bd_intern(b, o->company_name);
    o->poc_name = bd_intern(b, o->poc_name);
    o->owner_name = bd_intern(b, o->owner_name);
}

void bd_set_str(char **dst, const char *s)
{
    free(*dst);
    *dst = s ? strdup(s) : NULL;
}

void bd_copy(char *out, size_t outsz, const char *s)
{
    if (outsz)
        pb_utf8_copy_trunc(out, outsz, s ? s : "", s ? strlen(s) : 0);
}

static uint64_t default_seed(void)
{
    uint64_t s = 0;
    if (getrandom(&s, sizeof s, GRND_NONBLOCK) == (ssize_t)sizeof s)
        return s;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)&s;
}

pb_board *board_new(const pb_board_config *cfg)
{
    pb_board *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    if (cfg)
        b->cfg = *cfg;
    if (b->cfg.page_size <= 0)
        b->cfg.page_size = 60;
    if (b->cfg.page_size > TWENTY_MAX_LIMIT)
        b->cfg.page_size = TWENTY_MAX_LIMIT;
    if (b->cfg.first_page <= 0 || b->cfg.first_page > b->cfg.page_size)
        b->cfg.first_page = b->cfg.page_size;
    if (b->cfg.prefetch_margin <= 0)
        b->cfg.prefetch_margin = PB_PREFETCH_MARGIN;
    if (b->cfg.undo_depth <= 0)
        b->cfg.undo_depth = 100;
    pb_strpool_init(&b->sp);
    b->free_head = BD_NONE;
    b->next_token = 1;
    b->next_op = 1;
    b->pipeline_count = -1;
    b->rng = default_seed();
    return b;
}

void board_seed_ids(pb_board *b, uint64_t seed)
{
    b->rng = seed;
}

static void columns_free(pb_board *b)
{
    for (size_t i = 0; i < b->stages.n && b->cols; i++) {
        bd_column_free_cards(&b->cols[i]);
        free(b->cols[i].cursor);
        free(b->cols[i].error);
    }
    free(b->cols);
    b->cols = NULL;
}

void board_free(pb_board *b)
{
    if (!b)
        return;
    bd_refresh_free(b);
    columns_free(b);
    pb_stage_list_free(&b->stages);
    for (size_t i = 0; i < b->nchunks; i++)
        free(b->chunks[i]);
    free(b->chunks);
    free(b->map);
    for (size_t i = 0; i < b->qn; i++)
        twenty_request_free(&b->queue[(b->qhead + i) % b->qcap].rq);
    free(b->queue);
    free(b->reqs);
    free(b->groups);
    free(b->load_error);
    bd_ops_free(b);
    bd_journal_free(b);
    bd_views_free(b);
    pb_strpool_free(&b->sp);
    free(b);
}

/* ---- reading ------------------------------------------------------------ */

bool board_ready(const pb_board *b)
{
    return b->stage_source != BD_STAGES_NONE;
}

size_t board_column_count(const pb_board *b)
{
    return b->stages.n;
}

bool board_column(const pb_board *b, size_t col, pb_column_view *out)
{
    memset(out, 0, sizeof *out);
    if (col >= b->stages.n)
        return false;
    const bd_column *c = &b->cols[col];
    out->stage = &b->stages.v[col];
    out->loaded = c->n;
    out->total = c->count;
    out->totals = &c->totals;
    out->loading = c->page_token != 0 || (b->totals_token != 0 && !b->totals_known)
                   || (b->refresh.running && col < b->refresh.ncols
                       && b->refresh.cols[col].active && !b->refresh.cols[col].done);
    out->complete = bd_column_complete(c);
    out->error = c->error;
    return true;
}

const pb_opp *board_card(const pb_board *b, size_t col, size_t idx)
{
    if (col >= b->stages.n || idx >= b->cols[col].n)
        return NULL;
    return &bd_card_at(b, b->cols[col].cards[idx])->opp;
}

unsigned board_card_flags(const pb_board *b, size_t col, size_t idx)
{
    if (col >= b->stages.n || idx >= b->cols[col].n)
        return 0;
    const bd_card *c = bd_card_at(b, b->cols[col].cards[idx]);
    return c->flags | (c->busy_op ? PB_CARD_PENDING : 0u);
}

const char *board_card_error(const pb_board *b, const pb_id *id)
{
    uint32_t s = bd_find(b, id);
    return s == BD_NONE ? NULL : bd_card_at(b, s)->error;
}

void board_dismiss_failure(pb_board *b, const pb_id *id)
{
    uint32_t s = bd_find(b, id);
    if (s == BD_NONE)
        return;
    bd_card *c = bd_card_at(b, s);
    if (c->flags & PB_CARD_FAILED || c->error) {
        c->flags &= (uint8_t)~PB_CARD_FAILED;
        c->error = NULL;
        bd_touch(b);
    }
}

bool board_locate(const pb_board *b, const pb_id *id, size_t *col, size_t *idx)
{
    uint32_t s = bd_find(b, id);
    if (s == BD_NONE)
        return false;
    const bd_card *c = bd_card_at(b, s);
    if (c->col == BD_NONE)
        return false;
    size_t i = bd_index_of(b, s);
    if (i == SIZE_MAX)
        return false;
    if (col)
        *col = c->col;
    if (idx)
        *idx = i;
    return true;
}

const pb_opp *board_find(const pb_board *b, const pb_id *id)
{
    uint32_t s = bd_find(b, id);
    return s == BD_NONE ? NULL : &bd_card_at(b, s)->opp;
}

long board_pipeline_count(const pb_board *b)
{
    return b->pipeline_count;
}

const pb_totals *board_pipeline_totals(const pb_board *b)
{
    return &b->pipeline;
}

const pb_stage_list *board_stages(const pb_board *b)
{
    return &b->stages;
}

uint64_t board_generation(const pb_board *b)
{
    return b->gen;
}

void board_progress(const pb_board *b, size_t *done, size_t *total)
{
    if (done)
        *done = b->prog_done;
    if (total)
        *total = b->prog_total;
}

const char *board_load_error(const pb_board *b)
{
    return b->load_error;
}

bool board_stages_derived(const pb_board *b)
{
    return b->stage_source == BD_STAGES_DERIVED;
}

/* ---- notices ------------------------------------------------------------ */

void bd_notice(pb_board *b, pb_notice_kind kind, bool undo_hint, const char *fmt, ...)
{
    char text[sizeof ((pb_notice *)0)->text];
    char raw[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1;
    if (len >= sizeof text) {
        /* cut on a character boundary and say so with "…" */
        size_t keep = pb_utf8_copy_trunc(text, sizeof text - 3, raw, len);
        (void)keep;
        size_t k = strlen(text);
        memcpy(text + k, "\xE2\x80\xA6", 4);
    } else {
        memcpy(text, raw, len + 1);
    }
    /* the same words again, not yet read: say them once */
    if (b->ncount) {
        const pb_notice *last = &b->notices[(b->nhead + b->ncount - 1) % BD_NOTICES];
        if (last->kind == kind && strcmp(last->text, text) == 0)
            return;
    }
    if (b->ncount == BD_NOTICES) {   /* drop the oldest */
        b->nhead = (b->nhead + 1) % BD_NOTICES;
        b->ncount--;
    }
    pb_notice *nt = &b->notices[(b->nhead + b->ncount) % BD_NOTICES];
    nt->kind = kind;
    nt->undo_hint = undo_hint;
    nt->retry_hint = false;
    memcpy(nt->text, text, sizeof nt->text);
    b->ncount++;
    bd_touch(b);
}

bool board_take_notice(pb_board *b, pb_notice *out)
{
    if (!b->ncount)
        return false;
    *out = b->notices[b->nhead];
    b->nhead = (b->nhead + 1) % BD_NOTICES;
    b->ncount--;
    return true;
}
