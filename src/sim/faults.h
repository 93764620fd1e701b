/* faults.h - twenty-sim's fault injection: the rule language and the
 * decision "does this request get a fault, and which".
 *
 * Promises: pure and deterministic. A SPEC is rules separated by ';' or
 * newlines; each rule is whitespace-separated words:
 *
 *     [METHOD] PATH-GLOB KIND[:ARG] [every=N | rate=F] [seed=S] [after=N] [count=N]
 *
 *   METHOD     GET POST PATCH PUT DELETE or * (default *: any method)
 *   PATH-GLOB  fnmatch(3) glob on the path without the query, '*' also
 *              crosses '/': /rest/opportunities* , /graphql , *
 *   KIND       500 | 503 | 401 | 404 | 429[:SECONDS] | hang:MS | close |
 *              truncate | malformed | wrongshape | body:FILE
 *   body:FILE  200 application/json with the exact bytes of FILE (read once,
 *              when the rule is parsed; at most SIM_FAULT_MAX_BODY bytes; a
 *              FILE path cannot contain blanks, ';' or newlines)
 *   every=N    fire on the Nth, 2Nth, ... matching request (default every=1)
 *   rate=F     fire on a fraction F (0..1, up to 6 decimals) of matching
 *              requests, chosen by a hash of (seed, request number): the
 *              same seed fires on the same request numbers every run
 *   seed=S     seed for rate= (default 1)
 *   after=N    the first N matching requests never fire; numbering for
 *              every= and rate= starts after them
 *   count=N    fire at most N times, then the rule is spent
 *
 * Every rule counts the requests it matches (method and glob), whether or
 * not an earlier rule fired; the first rule that fires decides the fault.
 * Not thread-safe (the counters change): the server holds a lock. */
#ifndef SIM_FAULTS_H
#define SIM_FAULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sim_fault_kind {
    SIM_FAULT_NONE = 0,
    SIM_FAULT_500,        /* 500 InternalServerErrorException; the world is not called */
    SIM_FAULT_503,        /* 503 ServiceUnavailableException; the world is not called */
    SIM_FAULT_401,        /* 401 UNAUTHENTICATED "Token has expired."; not called */
    SIM_FAULT_404,        /* 404 NotFoundException; not called */
    SIM_FAULT_429,        /* 429 RATE_LIMITED with Retry-After: ARG (default 1); not called */
    SIM_FAULT_HANG,       /* wait ARG ms, then answer normally */
    SIM_FAULT_CLOSE,      /* the world runs; headers + half the body, then the socket closes */
    SIM_FAULT_TRUNCATE,   /* the world runs; a complete HTTP response carrying half the body */
    SIM_FAULT_MALFORMED,  /* 200 with a body that is not JSON; not called */
    SIM_FAULT_WRONGSHAPE, /* 200 with valid JSON of the wrong shape; not called */
    SIM_FAULT_BODY        /* 200 with the bytes of a file (any bytes); not called */
} sim_fault_kind;

#define SIM_FAULT_MAX_RULES 64
#define SIM_FAULT_MAX_ARG 600000L      /* hang: ms, 429: seconds; keeps hangs under the idle timeout */
#define SIM_FAULT_MAX_BODY (32L * 1024 * 1024)   /* body:FILE size cap in bytes */

typedef struct sim_fault_rule {
    char method[8];          /* "" = any */
    char glob[256];
    sim_fault_kind kind;
    long arg;                /* hang: ms; 429: Retry-After seconds */
    long every;              /* >= 1 (used when !has_rate) */
    bool has_rate;
    uint32_t rate_ppm;       /* rate as parts per million */
    uint64_t seed;
    long after;
    long count;              /* 0 = unlimited */
    long matched;            /* requests matched so far */
    long fired;              /* faults produced so far */
    char *file;              /* body: the FILE as written (malloc'd), else NULL */
    char *body;              /* body: FILE's bytes (malloc'd, NUL-terminated too) */
    size_t body_len;
} sim_fault_rule;

typedef struct sim_faults {
    sim_fault_rule *rules;
    size_t n;
} sim_faults;

typedef struct sim_fault {
    sim_fault_kind kind;     /* SIM_FAULT_NONE: no fault */
    long arg;
    int rule;                /* index of the rule that fired, -1 if none; a body
                              * fault's bytes are rules[rule].body (copy them
                              * under the lock: the rules can be replaced) */
} sim_fault;

/* Parses SPEC into *out (replacing nothing on error). An empty or blank SPEC
 * gives zero rules. body:FILE rules read FILE now. On error: false and
 * "rule N: ..." in err. */
bool sim_faults_parse(const char *spec, sim_faults *out, char *err, size_t errlen);
void sim_faults_free(sim_faults *f);   /* the rules and their bodies */

/* Counts the request against every matching rule and returns the fault to
 * apply (kind SIM_FAULT_NONE when none fires). */
sim_fault sim_faults_decide(sim_faults *f, const char *method, const char *path);

const char *sim_fault_kind_name(sim_fault_kind k);

/* Writes the rules back as a SPEC (normalised) into buf; returns false if
 * it did not fit. */
bool sim_faults_format(const sim_faults *f, char *buf, size_t buflen);

#endif
