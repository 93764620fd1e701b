/* seed.c - a deterministic demo workspace (--seed N).
 *
 * The same (N, seed, today) always gives the same records, ids included.
 * "Today" is UTC midnight of the current day, or SIM_TODAY=YYYY-MM-DD.
 * Shape: 4-6 workspace members; max(3, N/10) companies and as many people
 * (person i works at company i); N opportunities weighted towards the early
 * stages, positions 0,1,2… within each stage; amounts mostly USD, some EUR,
 * GBP (and JPY for Tokyo), about 8% without an amount; close dates from 120
 * days ago to 180 days ahead, about 10% without one; names with accents,
 * CJK, emoji and one name longer than 200 characters. Integer arithmetic
 * only, so every platform seeds the same workspace. */
#include "sim/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/idmap.h"

#define DAY_MS 86400000LL

typedef struct base {
    const char *name, *slug;
    int pref; /* 1 + index of the suffix that suits the name (given first), or 0 */
} base;

static const base k_bases[] = {
    {"Acme", "acme", 0},
    {"Globex", "globex", 0},
    {"Initech", "initech", 0},
    {"Umbrella", "umbrella", 0},
    {"Stark", "stark", 0},
    {"Hooli", "hooli", 0},
    {"Vandelay", "vandelay", 0},
    {"Wayne", "wayne", 0},
    {"Tyrell", "tyrell", 0},
    {"Cyberdyne", "cyberdyne", 0},
    {"Soylent", "soylent", 0},
    {"Wonka", "wonka", 0},
    {"Pied Piper", "piedpiper", 0},
    {"Dunder Mifflin", "dundermifflin", 0},
    {"Monarch", "monarch", 0},
    {"Oceanic", "oceanic", 0},
    {"Massive Dynamic", "massivedynamic", 0},
    {"Aperture", "aperture", 0},
    {"Oscorp", "oscorp", 0},
    {"Nakatomi", "nakatomi", 0},
    {"Sterling Cooper", "sterlingcooper", 0},
    {"Bluth", "bluth", 0},
    {"Virtucon", "virtucon", 0},
    {"Gekko", "gekko", 0},
    {"Café Müller", "cafemuller", 3},
    {"Société Lumière", "societelumiere", 8},
    {"Zürich Rück", "zurichruck", 3},
    {"東京", "tokyo", 9},
    {"北京科技", "beijingtech", 0},
    {"Østerberg", "osterberg", 2},
    {"Łódź Works", "lodzworks", 0},
    {"São Paulo Têxtil", "saopaulotextil", 0},
    {"Nordström", "nordstrom", 0},
    {"Ñandú", "nandu", 0},
    {"Crème Brûlée", "cremebrulee", 0},
};

typedef struct suffix {
    const char *name, *tld;
} suffix;

static const suffix k_suffixes[] = {
    {"Corp", "com"},    {"Inc", "com"},     {"GmbH", "de"},      {"Ltd", "co.uk"},
    {"Labs", "io"},     {"Group", "com"},   {"Holdings", "com"}, {"SA", "fr"},
    {"KK", "jp"},       {"Systems", "net"}, {"Industries", "com"}, {"Partners", "com"},
};

static const char *const k_deals[] = {
    "renewal",   "expansion",   "pilot",      "rollout",      "Q3 order",      "upgrade",
    "migration", "license",     "onboarding", "integration",  "support plan",  "2025 renewal",
    "add-on",    "seat expansion", "proof of concept", "multi-year deal", "Q4 order", "upsell",
};

static const char *const k_leads[] = {"Inbound lead", "Conference lead", "Referral",
                                      "Webinar lead", "Partner referral"};

typedef struct person_name {
    const char *first, *last, *ascii; /* ascii: the e-mail local part */
} person_name;

static const char *const k_first[] = {"Anna",  "José",  "Zoë",   "Chloé", "Jürgen", "Ömer",
                                      "Björn", "François", "Mei", "Yuki",  "Hiro",   "Priya",
                                      "Liam",  "Emma",  "Mateo", "Lucía", "Søren",  "Olivia"};
static const char *const k_first_ascii[] = {"anna",  "jose",  "zoe",  "chloe", "jurgen", "omer",
                                            "bjorn", "francois", "mei", "yuki", "hiro",  "priya",
                                            "liam",  "emma",  "mateo", "lucia", "soren", "olivia"};
static const char *const k_last[] = {"Müller", "García",  "Dubois",   "Nakamura", "佐藤",
                                     "Smith",  "Johnson", "Kowalski", "Rossi",    "Silva",
                                     "Nguyen", "Kim",     "O'Brien",  "Lefèvre",  "Schröder",
                                     "Andersson"};
static const char *const k_last_ascii[] = {"muller", "garcia",  "dubois",   "nakamura", "sato",
                                           "smith",  "johnson", "kowalski", "rossi",    "silva",
                                           "nguyen", "kim",     "obrien",   "lefevre",  "schroder",
                                           "andersson"};
static const char *const k_titles[] = {"CEO",   "CTO",      "Head of Sales", "Procurement Manager",
                                       "VP Engineering", "Buyer", "CFO", "Operations Lead"};
static const char *const k_cities[] = {"Paris",  "Berlin", "東京",    "São Paulo", "München",
                                       "New York", "London", "Zürich", "Montréal",  "Kraków"};

static const person_name k_members[] = {
    {"Jane", "Doe", "jane.doe"},   {"Mark", "Kim", "mark.kim"}, {"Sofía", "López", "sofia.lopez"},
    {"Li", "Wei", "li.wei"},       {"Olu", "Adeyemi", "olu.adeyemi"}, {"Sam", "Lee", "sam.lee"},
};

#define N(a) (sizeof(a) / sizeof *(a))

static const char k_long_name[] =
    "Enterprise-wide platform consolidation and multi-region rollout covering sales, support, "
    "finance and operations teams across EMEA, APAC and the Americas, including data migration, "
    "single sign-on, custom reporting and a three-year premium support agreement";

/* Slots of the opportunity fields, looked up once. */
typedef struct opp_slots {
    int name, micros, currency, close, stage, position, company, poc, owner;
    int cb_source, cb_member, cb_name, ub_source, ub_member, ub_name, created, updated;
} opp_slots;

typedef struct seeder {
    sim_store *st;
    uint64_t rng;
    int64_t today;
    sim_error *err;
    bool ok;
    opp_slots os;
} seeder;

static uint64_t rnd(seeder *s, uint64_t n) { return n ? sim_rand_next(&s->rng) % n : 0; }
static bool chance(seeder *s, int percent) { return (int)rnd(s, 100) < percent; }

int64_t sim_seed_today_ms(void)
{
    const char *env = getenv("SIM_TODAY");
    int64_t ms;
    if (env && strlen(env) == 10 && sim_time_parse(env, &ms))
        return ms;
    int64_t now = sim_time_now_ms();
    return now - ((now % DAY_MS) + DAY_MS) % DAY_MS;
}

static int slot(const sim_object *o, const char *path)
{
    return sim_object_resolve(o, path, NULL, NULL);
}

static void put_str(seeder *s, sim_record *r, int sl, const char *text)
{
    if (sl < 0)
        return;
    r->v[sl] = sim_value_str(text);
    if (text && r->v[sl].kind != SV_STR)
        s->ok = false;
}

static sim_record *new_record(seeder *s, sim_obj_kind k)
{
    const sim_object *o = &s->st->schema.objects[k];
    sim_record *r = sim_record_new(o);
    if (!r) {
        s->ok = false;
        return NULL;
    }
    sim_uuid_generate(&s->rng, &r->v[0].as.u);
    r->v[0].kind = SV_UUID;
    return r;
}

static void add_record(seeder *s, sim_obj_kind k, sim_record *r)
{
    sim_table *t = &s->st->tables[k];
    if (!s->ok || sim_table_get(t, &r->v[0].as.u) || !sim_table_add(t, r)) {
        sim_record_delete(t->obj, r);
        s->ok = false;
    }
}

/* createdAt somewhere in the last `days` days, updatedAt after it, both before today. */
static void stamp_slots(seeder *s, sim_record *r, int created_slot, int updated_slot, int days)
{
    int64_t created = s->today - (int64_t)(rnd(s, (uint64_t)days) + 1) * DAY_MS +
                      (int64_t)rnd(s, 86400) * 1000;
    int64_t span = s->today - created;
    int64_t updated = created + (int64_t)rnd(s, (uint64_t)(span / 1000)) * 1000;
    r->v[created_slot] = (sim_value){.kind = SV_TIME, .as.t = created};
    r->v[updated_slot] = (sim_value){.kind = SV_TIME, .as.t = updated};
}

static void stamp(seeder *s, sim_record *r, const sim_object *o, int days)
{
    stamp_slots(s, r, slot(o, "createdAt"), slot(o, "updatedAt"), days);
}

static void actor(seeder *s, sim_record *r, const sim_object *o, const char *field,
                  const sim_record *member, const char *member_name, const char *source)
{
    char path[64];
    if (!sim_object_field(o, field))
        return;
    snprintf(path, sizeof path, "%s.source", field);
    put_str(s, r, slot(o, path), source);
    snprintf(path, sizeof path, "%s.workspaceMemberId", field);
    if (member)
        r->v[slot(o, path)] = (sim_value){.kind = SV_UUID, .as.u = member->v[0].as.u};
    snprintf(path, sizeof path, "%s.name", field);
    put_str(s, r, slot(o, path), member_name);
}

static void set_uuid(sim_record *r, int sl, const sim_record *target)
{
    if (target)
        r->v[sl] = (sim_value){.kind = SV_UUID, .as.u = target->v[0].as.u};
}

static size_t seed_members(seeder *s, sim_record **out, char names[][64])
{
    const sim_object *o = &s->st->schema.objects[SIM_OBJ_MEMBER];
    size_t n = 4 + (size_t)rnd(s, 3);
    static const char *const schemes[] = {"System", "Light", "Dark"};
    for (size_t i = 0; i < n && s->ok; i++) {
        sim_record *r = new_record(s, SIM_OBJ_MEMBER);
        if (!r)
            break;
        char email[96];
        snprintf(email, sizeof email, "%s@pipeboard.example", k_members[i].ascii);
        snprintf(names[i], 64, "%s %s", k_members[i].first, k_members[i].last);
        put_str(s, r, slot(o, "name.firstName"), k_members[i].first);
        put_str(s, r, slot(o, "name.lastName"), k_members[i].last);
        put_str(s, r, slot(o, "userEmail"), email);
        put_str(s, r, slot(o, "colorScheme"), schemes[i % 3]);
        put_str(s, r, slot(o, "locale"), "en");
        stamp(s, r, o, 30);
        r->v[slot(o, "createdAt")].as.t -= 400 * DAY_MS; /* members predate everything */
        r->v[slot(o, "updatedAt")].as.t -= 400 * DAY_MS;
        out[i] = r;
        add_record(s, SIM_OBJ_MEMBER, r);
    }
    return n;
}

static void company_name(size_t i, char *name, size_t nlen, char *domain, size_t dlen)
{
    size_t nb = N(k_bases), ns = N(k_suffixes);
    size_t b = i % nb, q = i / nb;
    size_t first = k_bases[b].pref ? (size_t)k_bases[b].pref - 1 : b;
    size_t sfx = (first + q) % ns, round = i / (nb * ns);
    if (round)
        snprintf(name, nlen, "%s %s %zu", k_bases[b].name, k_suffixes[sfx].name, round + 1);
    else
        snprintf(name, nlen, "%s %s", k_bases[b].name, k_suffixes[sfx].name);
    char sl[32];
    snprintf(sl, sizeof sl, "%s", k_suffixes[sfx].name);
    for (char *p = sl; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    if (round)
        snprintf(domain, dlen, "%s-%s%zu.%s", k_bases[b].slug, sl, round + 1, k_suffixes[sfx].tld);
    else
        snprintf(domain, dlen, "%s-%s.%s", k_bases[b].slug, sl, k_suffixes[sfx].tld);
}

static int stage_pick(seeder *s, int nstages)
{
    /* weights nstages, nstages-1, …, 1: more deals early in the pipeline */
    uint64_t total = (uint64_t)nstages * (uint64_t)(nstages + 1) / 2;
    uint64_t x = rnd(s, total);
    for (int i = 0; i < nstages; i++) {
        uint64_t w = (uint64_t)(nstages - i);
        if (x < w)
            return i;
        x -= w;
    }
    return nstages - 1;
}

/* Whole units, roughly log-uniform from 1,000 to 2,000,000, rounded to 100. */
static int64_t amount_units(seeder *s)
{
    uint64_t bucket = rnd(s, 100);
    int64_t lo, hi;
    if (bucket < 30) { lo = 1000; hi = 10000; }
    else if (bucket < 70) { lo = 10000; hi = 100000; }
    else if (bucket < 93) { lo = 100000; hi = 1000000; }
    else { lo = 1000000; hi = 2000000; }
    int64_t u = lo + (int64_t)rnd(s, (uint64_t)(hi - lo));
    return u / 100 * 100;
}

static void seed_opportunity(seeder *s, long i, sim_record **companies, size_t nc,
                             sim_record **people, size_t np, sim_record **members,
                             char names[][64], size_t nm, double *stage_pos)
{
    const sim_schema *sc = &s->st->schema;
    const opp_slots *os = &s->os;
    sim_record *r = new_record(s, SIM_OBJ_OPPORTUNITY);
    if (!r)
        return;
    size_t ci = (size_t)rnd(s, nc);
    bool has_company = i < 5 || chance(s, 92);
    const char *currency = NULL;
    char name[320];
    if (i == 0)
        ci = 0; /* Acme */
    else if (i == 1 && nc > 24)
        ci = 24; /* Café Müller */
    else if (i == 2 && nc > 27)
        ci = 27; /* 東京 */
    const base *b = &k_bases[ci % N(k_bases)];
    switch (i) {
    case 0: snprintf(name, sizeof name, "Acme renewal"); break;
    case 1: snprintf(name, sizeof name, "Café Müller expansion"); break;
    case 2: snprintf(name, sizeof name, "東京 expansion 🚀"); currency = "JPY"; break;
    case 3: snprintf(name, sizeof name, "🚀 Rocket launch pilot"); break;
    case 4: snprintf(name, sizeof name, "%s", k_long_name); break;
    default:
        if (has_company)
            snprintf(name, sizeof name, "%s %s", b->name, k_deals[rnd(s, N(k_deals))]);
        else
            snprintf(name, sizeof name, "%s #%ld", k_leads[rnd(s, N(k_leads))], i);
    }
    if (!currency && b == &k_bases[27] && has_company)
        currency = "JPY";
    put_str(s, r, os->name, name);
    if (i < 5 || !chance(s, 8)) {
        if (!currency) {
            uint64_t c = rnd(s, 100);
            currency = c < 80 ? "USD" : c < 92 ? "EUR" : "GBP";
        }
        int64_t units = amount_units(s) * (strcmp(currency, "JPY") == 0 ? 150 : 1);
        r->v[os->micros] = (sim_value){.kind = SV_INT, .as.i = units * 1000000};
        put_str(s, r, os->currency, currency);
    }
    if (i < 5 || !chance(s, 10)) {
        int64_t day = (int64_t)rnd(s, 301) - 120;
        r->v[os->close] = (sim_value){.kind = SV_TIME, .as.t = s->today + day * DAY_MS};
    }
    int st = stage_pick(s, sc->nstages);
    put_str(s, r, os->stage, sc->stages[st].value);
    r->v[os->position] = (sim_value){.kind = SV_NUM, .as.n = stage_pos[st]++};
    if (has_company) {
        set_uuid(r, os->company, companies[ci]);
        if (ci < np && chance(s, 85))
            set_uuid(r, os->poc, people[ci]);
    }
    size_t mi = (size_t)rnd(s, nm);
    if (chance(s, 90))
        set_uuid(r, os->owner, members[mi]);
    const char *src = chance(s, 15) ? "IMPORT" : "MANUAL";
    put_str(s, r, os->cb_source, src);
    put_str(s, r, os->ub_source, "MANUAL");
    put_str(s, r, os->cb_name, names[mi]);
    put_str(s, r, os->ub_name, names[mi]);
    set_uuid(r, os->cb_member, members[mi]);
    set_uuid(r, os->ub_member, members[mi]);
    stamp_slots(s, r, os->created, os->updated, 365);
    add_record(s, SIM_OBJ_OPPORTUNITY, r);
}

static bool reserve(sim_table *t, size_t n)
{
    if (t->cap >= t->n + n)
        return true;
    sim_record **rows = realloc(t->rows, (t->n + n) * sizeof *rows);
    if (!rows)
        return false;
    t->rows = rows;
    t->cap = t->n + n;
    return sim_idmap_reserve(t->ids, t->n + n);
}

bool sim_seed_fill(sim_store *st, long count, uint64_t seed, sim_error *err)
{
    if (count < 0)
        return true;
    seeder s = {.st = st, .rng = seed * 0x9e3779b97f4a7c15ull + (uint64_t)count + 1,
                .today = sim_seed_today_ms(), .err = err, .ok = true};
    sim_rand_next(&s.rng);
    const sim_object *oo = &st->schema.objects[SIM_OBJ_OPPORTUNITY];
    s.os = (opp_slots){slot(oo, "name"), slot(oo, "amount.amountMicros"),
                       slot(oo, "amount.currencyCode"), slot(oo, "closeDate"), slot(oo, "stage"),
                       slot(oo, "position"), slot(oo, "companyId"), slot(oo, "pointOfContactId"),
                       slot(oo, "ownerId"), slot(oo, "createdBy.source"),
                       slot(oo, "createdBy.workspaceMemberId"), slot(oo, "createdBy.name"),
                       slot(oo, "updatedBy.source"), slot(oo, "updatedBy.workspaceMemberId"),
                       slot(oo, "updatedBy.name"), slot(oo, "createdAt"), slot(oo, "updatedAt")};
    size_t nc = count / 10 > 3 ? (size_t)(count / 10) : 3, np = nc;
    sim_record *members[N(k_members)] = {0};
    char names[N(k_members)][64];
    sim_record **companies = calloc(nc, sizeof *companies);
    sim_record **people = calloc(np, sizeof *people);
    double *stage_pos = calloc((size_t)st->schema.nstages, sizeof *stage_pos);
    if (!companies || !people || !stage_pos ||
        !reserve(&st->tables[SIM_OBJ_OPPORTUNITY], (size_t)count) ||
        !reserve(&st->tables[SIM_OBJ_COMPANY], nc) || !reserve(&st->tables[SIM_OBJ_PERSON], np))
        s.ok = false;
    size_t nm = s.ok ? seed_members(&s, members, names) : 0;

    const sim_object *co = &st->schema.objects[SIM_OBJ_COMPANY];
    for (size_t i = 0; i < nc && s.ok; i++) {
        sim_record *r = new_record(&s, SIM_OBJ_COMPANY);
        if (!r)
            break;
        char name[128], domain[128], url[160];
        company_name(i, name, sizeof name, domain, sizeof domain);
        snprintf(url, sizeof url, "https://%s", domain);
        put_str(&s, r, slot(co, "name"), name);
        put_str(&s, r, slot(co, "domainName.primaryLinkUrl"), url);
        put_str(&s, r, slot(co, "domainName.primaryLinkLabel"), "");
        static const int sizes[] = {5, 12, 40, 85, 150, 420, 1200, 5000, 18000, 90000};
        r->v[slot(co, "employees")] = (sim_value){.kind = SV_NUM, .as.n = sizes[rnd(&s, 10)]};
        size_t mi = (size_t)rnd(&s, nm);
        if (chance(&s, 90))
            set_uuid(r, slot(co, "accountOwnerId"), members[mi]);
        r->v[slot(co, "position")] = (sim_value){.kind = SV_NUM, .as.n = (double)i};
        actor(&s, r, co, "createdBy", members[mi], names[mi], "MANUAL");
        stamp(&s, r, co, 500);
        companies[i] = r;
        add_record(&s, SIM_OBJ_COMPANY, r);
    }

    const sim_object *po = &st->schema.objects[SIM_OBJ_PERSON];
    for (size_t i = 0; i < np && s.ok; i++) {
        sim_record *r = new_record(&s, SIM_OBJ_PERSON);
        if (!r)
            break;
        size_t f = (size_t)rnd(&s, N(k_first)), l = (size_t)rnd(&s, N(k_last));
        char domain[128], scratch[128], email[200];
        company_name(i % nc, scratch, sizeof scratch, domain, sizeof domain);
        snprintf(email, sizeof email, "%s.%s%zu@%s", k_first_ascii[f], k_last_ascii[l], i, domain);
        put_str(&s, r, slot(po, "name.firstName"), k_first[f]);
        put_str(&s, r, slot(po, "name.lastName"), k_last[l]);
        put_str(&s, r, slot(po, "emails.primaryEmail"), email);
        put_str(&s, r, slot(po, "jobTitle"), k_titles[rnd(&s, N(k_titles))]);
        put_str(&s, r, slot(po, "city"), k_cities[rnd(&s, N(k_cities))]);
        set_uuid(r, slot(po, "companyId"), companies[i % nc]);
        r->v[slot(po, "position")] = (sim_value){.kind = SV_NUM, .as.n = (double)i};
        size_t mi = (size_t)rnd(&s, nm);
        actor(&s, r, po, "createdBy", members[mi], names[mi], "MANUAL");
        stamp(&s, r, po, 450);
        people[i] = r;
        add_record(&s, SIM_OBJ_PERSON, r);
    }

    for (long i = 0; i < count && s.ok; i++)
        seed_opportunity(&s, i, companies, nc, people, np, members, names, nm, stage_pos);

    free(companies);
    free(people);
    free(stage_pos);
    if (!s.ok)
        return sim_fail(err, 500, "InternalServerErrorException", "out of memory while seeding");
    return true;
}
