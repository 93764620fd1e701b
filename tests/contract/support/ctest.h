/* ctest.h - shared harness of the contract test executables.
 *
 * Promises:
 *  - ct_server_start starts one twenty-sim for a test case (call it from an
 *    unchecked fixture: the server then outlives Check's per-test forks and
 *    its state is shared by the tests of that case); ct_server_stop stops it
 *    and checks that it exited 0 on SIGTERM.
 *  - ct_client() is a keep-alive client to that server for the current
 *    process (created on first use after a fork), with the server's API key.
 *  - JSON helpers walk paths like "data.opportunities[0].amount.amountMicros".
 *  - The assertion macros print the request URL and the response body when
 *    they fail, so a failing contract test says what the server answered.
 *  - ct_run runs a suite with CK_NORMAL and returns the process exit code. */
#ifndef CT_CTEST_H
#define CT_CTEST_H

#include <stdbool.h>
#include <stdint.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "http.h"
#include "simproc.h"

#define CT_DEFAULT_KEY "twenty-sim-demo-key"

/* The server of the running test case. */
extern simproc ct_srv;
extern bool ct_srv_up;
extern char ct_srv_key[128];

/* Starts twenty-sim with args (NULL-terminated) and env (may be NULL);
 * api_key NULL means the default key. Fails the fixture if it cannot start. */
void ct_server_start_env(const char *const *args, const char *const *env, const char *api_key);
void ct_server_start(const char *const *args);
void ct_server_stop(void);

/* The client of this process for ct_srv. */
cthttp_client *ct_client(void);

/* A test case with a generous timeout (seconds). */
TCase *ct_tcase(const char *name, int timeout_s);
int ct_run(Suite *s);

/* ---- JSON paths: "a.b[2].c"; NULL when absent ---- */
cJSON *ct_j(const cJSON *root, const char *path);
const char *ct_jstr(const cJSON *root, const char *path);     /* NULL unless a string */
bool ct_jnum(const cJSON *root, const char *path, double *out); /* false unless a number */
int ct_jlen(const cJSON *root, const char *path);              /* array size or -1 */
bool ct_jnull(const cJSON *root, const char *path);            /* present and null */
/* An int64 from a JSON number (exact when integral) or a numeric string. */
bool ct_jint64(const cJSON *root, const char *path, int64_t *out);

/* Short printable excerpt of a response for failure messages (static buffer). */
const char *ct_show(const cthttp_resp *r);

/* ---- assertions (macros so the failing line is the test's) ---- */
#define ct_assert_status(r, st)                                                                  \
    ck_assert_msg((r)->status == (st), "expected HTTP %d, got %ld for %s", (int)(st),           \
                  (r)->status, ct_show(r))

/* The Twenty error body {statusCode, error, messages[]} with messages[0] equal to msg
 * (or starting with it when prefix is true; msg NULL skips the text). */
bool ct_error_matches(const cthttp_resp *r, int status, const char *error, const char *msg,
                      bool prefix, char *why, size_t whylen);
#define ct_assert_error(r, st, err, msg)                                                         \
    do {                                                                                         \
        char why_[512];                                                                          \
        ck_assert_msg(ct_error_matches((r), (st), (err), (msg), false, why_, sizeof why_),       \
                      "%s for %s", why_, ct_show(r));                                            \
    } while (0)
#define ct_assert_error_prefix(r, st, err, msg)                                                  \
    do {                                                                                         \
        char why_[512];                                                                          \
        ck_assert_msg(ct_error_matches((r), (st), (err), (msg), true, why_, sizeof why_),        \
                      "%s for %s", why_, ct_show(r));                                            \
    } while (0)

/* ---- helpers for records over REST ---- */
/* POSTs body to /rest/<plural>, asserts 201, copies the new id into id_out. */
void ct_create(const char *plural, const char *body, char id_out[37]);
/* The ids of data.<plural> of a response, joined with ',' in order (malloc'd). */
char *ct_ids_joined(const cJSON *json, const char *plural);
/* The names of data.<plural>, sorted and joined with '|' (malloc'd), for set comparisons. */
char *ct_names_sorted(const cJSON *json, const char *plural);
/* Pages forward through GET /rest/<plural> (order_by and filter may be NULL,
 * extra is one more name/value pair or NULL) with `limit` per page, asserting
 * totalCount and the pageInfo flags on every page, and returns every record
 * in the order served (a new cJSON array). */
cJSON *ct_fetch_all(const char *plural, const char *order_by, const char *filter, int limit,
                    const char *extra_name, const char *extra_value);
/* Base64 (standard or URL alphabet, padding optional) decoded into out; false if invalid. */
bool ct_base64_decode(const char *in, char *out, size_t outlen);
/* True if s is a lower- or upper-case 8-4-4-4-12 UUID. */
bool ct_is_uuid(const char *s);
/* True if s is "YYYY-MM-DDTHH:MM:SS.mmmZ". */
bool ct_is_iso(const char *s);

#endif
