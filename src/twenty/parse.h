/* parse.h - Twenty response bodies to compact structs and typed errors.
 *
 * Promises:
 * - Every parser takes the HTTP status with the body. A status outside
 *   200-299 is parsed as an error body (twenty_parse_error) and the parser
 *   returns false; so does a GraphQL body with an "errors" array.
 * - A body that is not JSON, has the wrong shape or a wrong type anywhere we
 *   read gives PB_ERR_PROTOCOL with a message naming the place
 *   ("opportunities[3].closeDate: not an ISO 8601 date"); nothing crashes,
 *   nothing is kept half-filled (on failure the out struct is empty, though
 *   strings already copied stay in the pool until it is freed).
 * - No cJSON tree outlives a call. Strings go into the caller's pb_strpool,
 *   as valid UTF-8 (ill-formed bytes and lone-surrogate escapes become
 *   U+FFFD, "\u0000" too); stage values and related-record names are
 *   interned.
 * - Every [U] variant of the contract is accepted: amountMicros as a number
 *   or a numeric string (exact: strings never go through double; numbers
 *   beyond ±2^53 or non-finite mark the record PB_OPP_AMOUNT_INVALID), name
 *   null or "", amount null, missing optional fields, old and new error
 *   bodies, legacy and new metadata formats, GraphQL fieldsList or
 *   fields{edges}, groupBy aggregates as strings or numbers.
 * Unknown keys are ignored. */
#ifndef PB_TWENTY_PARSE_H
#define PB_TWENTY_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/opp.h"
#include "twenty/error.h"
#include "util/intern.h"

/* ---- errors ------------------------------------------------------------- */
/* Fills err from any error body: {statusCode,error,messages[]} (current),
 * {statusCode,message,error} (old, message a string or an array), GraphQL
 * {"errors":[{message,extensions:{code}}]}, or no JSON at all ("HTTP 502 Bad
 * Gateway"). Messages are joined with "; ". A 429 body's retryAfterSeconds
 * goes to err->retry_after_s. Never fails. */
void twenty_parse_error(int http_status, const char *body, size_t len, pb_error *err);

/* ---- pages -------------------------------------------------------------- */
typedef struct pb_page_info {
    bool has_next, has_prev;
    char *start_cursor, *end_cursor;   /* malloc'd, NULL when null/absent */
} pb_page_info;

typedef struct pb_opp_page {
    pb_opp *items;          /* malloc'd */
    size_t n;
    int64_t total_count;    /* -1 when the body has none (old servers) */
    pb_page_info info;
} pb_opp_page;

/* {"data":{"opportunities":[…]},"totalCount":N,"pageInfo":{…}} */
bool twenty_parse_opp_list(int http_status, const char *body, size_t len, pb_strpool *sp,
                           pb_opp_page *out, pb_error *err);
void twenty_opp_page_free(pb_opp_page *p);
void twenty_page_info_free(pb_page_info *pi);

/* One record: {"data":{"opportunity"|"createOpportunity"|"updateOpportunity"|
 * "restoreOpportunity":{…}}}. */
bool twenty_parse_opp_one(int http_status, const char *body, size_t len, pb_strpool *sp,
                          pb_opp *out, pb_error *err);
/* {"data":{"deleteOpportunity"|"destroyOpportunity":{"id":…}}} */
bool twenty_parse_deleted_id(int http_status, const char *body, size_t len, pb_id *out,
                             pb_error *err);

/* ---- groupBy totals ------------------------------------------------------ */
typedef struct pb_group_row {
    const char *stage;     /* interned; "" when the dimension value is null */
    char currency[4];      /* "" when null (records without an amount) */
    int64_t count;         /* totalCount */
    int64_t sum_micros;    /* sumAmountAmountMicros, 0 when null */
    bool has_sum;          /* false when the sum was null */
    bool approx;           /* the sum came as a JSON number beyond 2^53 */
} pb_group_row;

typedef struct pb_group_rows {
    pb_group_row *v;       /* malloc'd */
    size_t n;
} pb_group_rows;

/* The bare array [{"groupByDimensionValues":["NEW","USD"],
 * "sumAmountAmountMicros":"3000000000000","totalCount":3},…]. */
bool twenty_parse_group_totals(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_group_rows *out, pb_error *err);
void twenty_group_rows_free(pb_group_rows *r);
/* Adds the rows of one stage (interned or not) to *t: each row with a sum
 * and a currency as (currency, sum, count). Rows without a sum (records with
 * no amount) are skipped. All or nothing: on overflow *t is unchanged. */
pb_totals_status twenty_group_rows_totals(const pb_group_rows *r, const char *stage,
                                          pb_totals *t);

/* ---- metadata ------------------------------------------------------------ */
typedef struct pb_meta_result {
    bool found_object;     /* the "opportunity" object was in this body */
    pb_id object_id;
    bool found_stage;      /* its "stage" SELECT field (with options) was in this body */
    pb_id stage_field_id;
    pb_stage_list stages;  /* sorted by position; strings in the pool */
    pb_page_info info;     /* for paged lists: fetch more while info.has_next */
} pb_meta_result;

/* REST /rest/metadata/objects (list) or /rest/metadata/objects/{id} (one),
 * legacy {"data":{"objects":[…]}} / {"data":{"object":{…}}} or new
 * {"data":[…]} / bare object. Stage options are read when the object embeds
 * its fields (array or {edges:[{node}]}). */
bool twenty_parse_meta_objects(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_meta_result *out, pb_error *err);
/* REST /rest/metadata/fields page, legacy {"data":{"fields":[…]}} or new
 * {"data":[…]}: finds name "stage", type SELECT, belonging to object_id when
 * the fields carry objectMetadataId (object_id may be NULL). Without
 * objectMetadataId and with several candidates, nothing is chosen. */
bool twenty_parse_meta_fields(int http_status, const char *body, size_t len, pb_strpool *sp,
                              const pb_id *object_id, pb_meta_result *out, pb_error *err);
/* POST /metadata: data.objects.edges[].node with fieldsList or fields{edges}. */
bool twenty_parse_meta_graphql(int http_status, const char *body, size_t len, pb_strpool *sp,
                               pb_meta_result *out, pb_error *err);
void twenty_meta_result_free(pb_meta_result *m);

/* ---- search -------------------------------------------------------------- */
typedef struct pb_search_hits {
    pb_id *ids;            /* malloc'd, in rank order, opportunities only */
    size_t n;
    bool has_next;
    char *end_cursor;      /* malloc'd or NULL */
} pb_search_hits;

/* data.search.edges[].node.recordId (newer); a bare data.search array of
 * {recordId, objectNameSingular|objectSingularName} is accepted too. */
bool twenty_parse_search(int http_status, const char *body, size_t len, pb_search_hits *out,
                         pb_error *err);
void twenty_search_hits_free(pb_search_hits *h);

/* ---- pickers ------------------------------------------------------------- */
typedef struct pb_named_list {
    pb_named *v;           /* malloc'd */
    size_t n;
    int64_t total_count;   /* -1 when absent */
    pb_page_info info;
} pb_named_list;

/* {"data":{"<plural>":[{id,name,…}]}} where name is a string (companies) or
 * {firstName,lastName} (people, workspaceMembers); detail from
 * domainName.primaryLinkUrl, emails.primaryEmail or userEmail. */
bool twenty_parse_named_list(int http_status, const char *body, size_t len, const char *plural,
                             pb_strpool *sp, pb_named_list *out, pb_error *err);
void twenty_named_list_free(pb_named_list *l);

#endif
