/* value.h - typed scalar values held in twenty-sim's record slots.
 *
 * Promises: a sim_value is a tagged union; SV_STR owns its heap string;
 * sim_value_cmp orders two values of the same kind (strings by byte order,
 * UUIDs by their 16 bytes, which equals lower-case text order). NULL handling
 * (NullsFirst/NullsLast) is the caller's. Also UUID and ISO 8601 helpers. */
#ifndef SIM_VALUE_H
#define SIM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sim_uuid { unsigned char b[16]; } sim_uuid;

typedef enum sim_vkind {
    SV_NULL = 0,
    SV_STR,   /* owned UTF-8 string */
    SV_INT,   /* int64 (amountMicros, integers) */
    SV_NUM,   /* double (position, numbers) */
    SV_BOOL,
    SV_UUID,
    SV_TIME   /* milliseconds since the epoch, UTC */
} sim_vkind;

typedef struct sim_value {
    sim_vkind kind;
    union {
        char *s;
        int64_t i;
        double n;
        bool b;
        sim_uuid u;
        int64_t t;
    } as;
} sim_value;

void sim_value_free(sim_value *v);                 /* frees an SV_STR, sets SV_NULL */
sim_value sim_value_copy(const sim_value *v);       /* deep copy */
sim_value sim_value_str(const char *s);             /* copies s; NULL s gives SV_NULL */
bool sim_value_equal(const sim_value *a, const sim_value *b);
/* Orders two non-null values of the same kind; <0, 0, >0. */
int sim_value_cmp(const sim_value *a, const sim_value *b);

/* UUIDs: strict 8-4-4-4-12 hexadecimal (either case) */
bool sim_uuid_parse(const char *s, sim_uuid *out);
void sim_uuid_format(const sim_uuid *u, char out[37]);   /* lower case */
int sim_uuid_cmp(const sim_uuid *a, const sim_uuid *b);
/* A version-4 UUID from a caller-owned xorshift state (deterministic seeds). */
void sim_uuid_generate(uint64_t *rng_state, sim_uuid *out);

/* ISO 8601: accepts "2025-02-05", "2025-02-05T08:00:00Z",
 * "2025-02-05T08:00:00.123Z", "...+02:00"; rejects anything else. */
bool sim_time_parse(const char *s, int64_t *ms_out);
/* Always "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 chars + NUL). */
void sim_time_format(int64_t ms, char out[32]);
int64_t sim_time_now_ms(void);

/* xorshift64* generator used for seeds, ids and fault fractions. */
uint64_t sim_rand_next(uint64_t *state);

#endif
