/* test_ui_fields.c - the edit/create form's input parsing: every accepted
 * form of amount, currency, stage and close date, each reason for refusing
 * one, and the pb_edit the form builds (only changed fields). */
#include <check.h>
#include <locale.h>
#include <string.h>

#include "ui/field_parse.h"
#include "ui/form_values.h"
#include "util/isodate.h"

#define WHY 160

/* 2025-06-15 (a Sunday), the day "today" means in these tests */
static int64_t today(void)
{
    return pb_days_from_civil(2025, 6, 15);
}

static pb_stage stage_v[] = {
    {"DISCOVERY", "Discovery", "red", 0},      {"PROPOSAL", "Proposal", "sky", 1},
    {"NEGOTIATION", "Negotiation", "blue", 2}, {"CLOSED_WON", "Closed won", "green", 3},
    {"CLOSED_LOST", "Closed lost", "gray", 4},
};
static pb_stage_list stages = {stage_v, 5, "DISCOVERY"};

/* ---- amount ----------------------------------------------------------------- */

static ui_amount amount_ok(const char *text)
{
    ui_amount a;
    char why[WHY] = "unchanged";
    ck_assert_msg(ui_field_parse_amount(text, &a, why, sizeof why), "'%s' refused: %s", text, why);
    ck_assert_str_eq(why, "unchanged");
    return a;
}

static void amount_bad(const char *text, const char *want_why)
{
    ui_amount a;
    memset(&a, 0x5a, sizeof a);
    char why[WHY] = "";
    ck_assert_msg(!ui_field_parse_amount(text, &a, why, sizeof why), "'%s' accepted", text);
    ck_assert_str_eq(why, want_why);
    ck_assert_int_eq(a.micros, 0x5a5a5a5a5a5a5a5a);   /* untouched */
}

START_TEST(amount_forms)
{
    ui_amount a = amount_ok("50000");
    ck_assert(a.set);
    ck_assert_int_eq(a.micros, INT64_C(50000000000));
    ck_assert_str_eq(a.currency, "");
    ck_assert_int_eq(amount_ok("50k").micros, INT64_C(50000000000));
    ck_assert_int_eq(amount_ok(" 50K ").micros, INT64_C(50000000000));
    ck_assert_int_eq(amount_ok("1.5m").micros, INT64_C(1500000000000));
    ck_assert_int_eq(amount_ok("2b").micros, INT64_C(2000000000000000));
    ck_assert_int_eq(amount_ok("1,234.56").micros, INT64_C(1234560000));
    ck_assert_int_eq(amount_ok(".5").micros, 500000);
    ck_assert_int_eq(amount_ok("0").micros, 0);
    ck_assert(amount_ok("0").set);
    a = amount_ok("$1.2k");
    ck_assert_int_eq(a.micros, INT64_C(1200000000));
    ck_assert_str_eq(a.currency, "USD");
    a = amount_ok("\xE2\x82\xAC" "300k");
    ck_assert_str_eq(a.currency, "EUR");
    a = amount_ok("12 chf");
    ck_assert_str_eq(a.currency, "CHF");
    ck_assert_int_eq(a.micros, 12000000);
    /* empty: no amount */
    a = amount_ok("");
    ck_assert(!a.set);
    a = amount_ok("   ");
    ck_assert(!a.set);
    a = amount_ok(NULL);
    ck_assert(!a.set);
}
END_TEST

START_TEST(amount_refusals)
{
    amount_bad("abc", "Not an amount (try 50000, 50k, 1.5m or $1,234.56)");
    amount_bad("1,2", "Not an amount (try 50000, 50k, 1.5m or $1,234.56)");
    amount_bad("5kk", "Not an amount (try 50000, 50k, 1.5m or $1,234.56)");
    amount_bad("1e6", "Not an amount (try 50000, 50k, 1.5m or $1,234.56)");
    amount_bad("-5", "Amounts cannot be negative");
    amount_bad("0.0000001", "Too many decimals (the smallest amount is 0.000001)");
    amount_bad("10b", "Amount too large (at most 9,007,199,254.740992)");
    amount_bad("$5 EUR", "Two different currencies given");
}
END_TEST

/* ---- currency ---------------------------------------------------------------- */

START_TEST(currency_forms)
{
    char c[4] = "XXX", why[WHY] = "";
    ck_assert(ui_field_parse_currency("USD", c, why, sizeof why));
    ck_assert_str_eq(c, "USD");
    ck_assert(ui_field_parse_currency(" eur ", c, why, sizeof why));
    ck_assert_str_eq(c, "EUR");
    ck_assert(ui_field_parse_currency("Chf", c, why, sizeof why));
    ck_assert_str_eq(c, "CHF");
    ck_assert(ui_field_parse_currency("\xC2\xA3", c, why, sizeof why));
    ck_assert_str_eq(c, "GBP");
    ck_assert(ui_field_parse_currency("$", c, why, sizeof why));
    ck_assert_str_eq(c, "USD");
    ck_assert(ui_field_parse_currency("\xC2\xA5", c, why, sizeof why));
    ck_assert_str_eq(c, "JPY");
    ck_assert(ui_field_parse_currency("", c, why, sizeof why));
    ck_assert_str_eq(c, "");
    ck_assert_str_eq(why, "");
    const char *bad[] = {"US", "USDX", "U5D", "12", "$$", "U S", "\xC3\x89UR"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(c, "KEP", 4);
        ck_assert_msg(!ui_field_parse_currency(bad[i], c, why, sizeof why), "'%s' accepted",
                      bad[i]);
        ck_assert_str_eq(why, "A currency is a three-letter code, like USD or EUR");
        ck_assert_str_eq(c, "KEP");
    }
}
END_TEST

START_TEST(money_combines_amount_and_currency)
{
    pb_money m;
    bool blame;
    char why[WHY] = "";
    ui_amount a = amount_ok("50k");
    /* the currency field gives the currency */
    ck_assert(ui_field_money(&a, "EUR", false, &m, &blame, why, sizeof why));
    ck_assert(m.set);
    ck_assert_int_eq(m.micros, INT64_C(50000000000));
    ck_assert_str_eq(m.currency, "EUR");
    /* no currency anywhere: refused on the currency field */
    ck_assert(!ui_field_money(&a, "", true, &m, &blame, why, sizeof why));
    ck_assert(blame);
    ck_assert_str_eq(why, "An amount needs a currency, like USD");
    /* the amount names one: it wins over an untouched currency field */
    a = amount_ok("\xC2\xA3" "95k");
    ck_assert(ui_field_money(&a, "USD", false, &m, &blame, why, sizeof why));
    ck_assert_str_eq(m.currency, "GBP");
    ck_assert(ui_field_money(&a, "GBP", true, &m, &blame, why, sizeof why));
    ck_assert_str_eq(m.currency, "GBP");
    ck_assert(ui_field_money(&a, "", true, &m, &blame, why, sizeof why));
    ck_assert_str_eq(m.currency, "GBP");
    /* …but not over one the user typed */
    ck_assert(!ui_field_money(&a, "USD", true, &m, &blame, why, sizeof why));
    ck_assert(!blame);
    ck_assert_str_eq(why, "The amount is in GBP but the currency says USD");
    /* no amount: set false, the currency kept */
    a = amount_ok("");
    ck_assert(ui_field_money(&a, "JPY", true, &m, &blame, why, sizeof why));
    ck_assert(!m.set);
    ck_assert_str_eq(m.currency, "JPY");
}
END_TEST

/* ---- stage --------------------------------------------------------------------- */

static const char *stage_ok(const char *text)
{
    const pb_stage *st = NULL;
    char why[WHY] = "";
    ck_assert_msg(ui_field_parse_stage(text, &stages, &st, why, sizeof why), "'%s' refused: %s",
                  text, why);
    return st->value;
}

static void stage_bad(const char *text, const char *want)
{
    const pb_stage *st = NULL;
    char why[WHY] = "";
    ck_assert_msg(!ui_field_parse_stage(text, &stages, &st, why, sizeof why), "'%s' accepted",
                  text);
    ck_assert_ptr_null(st);
    ck_assert_str_eq(why, want);
}

START_TEST(stage_forms)
{
    ck_assert_str_eq(stage_ok("PROPOSAL"), "PROPOSAL");
    ck_assert_str_eq(stage_ok("Proposal"), "PROPOSAL");
    ck_assert_str_eq(stage_ok("  proposal "), "PROPOSAL");
    ck_assert_str_eq(stage_ok("closed_won"), "CLOSED_WON");
    ck_assert_str_eq(stage_ok("Closed won"), "CLOSED_WON");
    ck_assert_str_eq(stage_ok("CLOSED LOST"), "CLOSED_LOST");
    /* the start of exactly one */
    ck_assert_str_eq(stage_ok("neg"), "NEGOTIATION");
    ck_assert_str_eq(stage_ok("d"), "DISCOVERY");
    ck_assert_str_eq(stage_ok("closed w"), "CLOSED_WON");
    ck_assert_str_eq(stage_ok("CLOSED_L"), "CLOSED_LOST");
}
END_TEST

START_TEST(stage_refusals)
{
    stage_bad("",
              "A deal needs a stage: Discovery, Proposal, Negotiation, Closed won, Closed lost");
    stage_bad("Won", "No stage \"Won\": Discovery, Proposal, Negotiation, Closed won, Closed lost");
    stage_bad("closed", "\"closed\" could be Closed won or Closed lost");
    pb_stage_list none = {NULL, 0, NULL};
    const pb_stage *st = NULL;
    char why[WHY];
    ck_assert(!ui_field_parse_stage("Proposal", &none, &st, why, sizeof why));
    ck_assert_str_eq(why, "The stages are not known yet");
    /* three candidates */
    pb_stage three_v[] = {{"A1", "Alpha one", "", 0}, {"A2", "Alpha two", "", 1},
                          {"A3", "Alpha three", "", 2}};
    pb_stage_list three = {three_v, 3, NULL};
    ck_assert(!ui_field_parse_stage("alpha", &three, &st, why, sizeof why));
    ck_assert_str_eq(why, "\"alpha\" could be Alpha one, Alpha two or Alpha three");
}
END_TEST

/* ---- close date ------------------------------------------------------------------ */

static void date_is(const char *text, int y, unsigned m, unsigned d)
{
    bool has = false;
    int64_t ms = -1;
    char why[WHY] = "";
    ck_assert_msg(ui_field_parse_date(text, today(), &has, &ms, why, sizeof why),
                  "'%s' refused: %s", text, why);
    ck_assert_msg(has, "'%s' gave no date", text);
    char got[PB_DATE_YMD_BUFSZ], want[PB_DATE_YMD_BUFSZ];
    pb_date_format_ymd(ms, got);
    pb_date_format_ymd(pb_date_from_ymd(y, m, d), want);
    ck_assert_msg(strcmp(got, want) == 0, "'%s' gave %s, want %s", text, got, want);
    ck_assert_int_eq(ms % PB_MS_PER_DAY, 0);   /* midnight UTC */
}

static void date_none(const char *text)
{
    bool has = true;
    int64_t ms = -1;
    char why[WHY] = "";
    ck_assert(ui_field_parse_date(text, today(), &has, &ms, why, sizeof why));
    ck_assert(!has);
    ck_assert_int_eq(ms, 0);
}

static void date_bad(const char *text, const char *want)
{
    bool has = true;
    int64_t ms = 42;
    char why[WHY] = "";
    ck_assert_msg(!ui_field_parse_date(text, today(), &has, &ms, why, sizeof why),
                  "'%s' accepted", text);
    ck_assert_str_eq(why, want);
    ck_assert(has);
    ck_assert_int_eq(ms, 42);
}

START_TEST(date_forms)
{
    date_is("2025-06-30", 2025, 6, 30);
    date_is(" 2025-06-30 ", 2025, 6, 30);
    date_is("2025-6-3", 2025, 6, 3);
    date_is("2025/06/30", 2025, 6, 30);
    date_is("2024-02-29", 2024, 2, 29);
    date_is("2025-02-05T08:00:00.000Z", 2025, 2, 5);   /* a timestamp: its day */
    date_is("today", 2025, 6, 15);
    date_is("Today", 2025, 6, 15);
    date_is("tomorrow", 2025, 6, 16);
    date_is("yesterday", 2025, 6, 14);
    date_is("+30d", 2025, 7, 15);
    date_is("+30", 2025, 7, 15);
    date_is("30d", 2025, 7, 15);
    date_is("-1w", 2025, 6, 8);
    date_is("+2w", 2025, 6, 29);
    date_is("+ 3 weeks", 2025, 7, 6);
    date_is("+1m", 2025, 7, 15);
    date_is("-6 months", 2024, 12, 15);
    date_is("+1y", 2026, 6, 15);
    date_is("+0d", 2025, 6, 15);
    date_none("");
    date_none("   ");
    date_none("none");
    date_none(NULL);
}
END_TEST

START_TEST(date_months_clamp_to_the_end)
{
    bool has;
    int64_t ms;
    char why[WHY], got[PB_DATE_YMD_BUFSZ];
    int64_t jan31 = pb_days_from_civil(2024, 1, 31);
    ck_assert(ui_field_parse_date("+1m", jan31, &has, &ms, why, sizeof why));
    pb_date_format_ymd(ms, got);
    ck_assert_str_eq(got, "2024-02-29");
    ck_assert(ui_field_parse_date("+13m", jan31, &has, &ms, why, sizeof why));
    pb_date_format_ymd(ms, got);
    ck_assert_str_eq(got, "2025-02-28");
    int64_t feb29 = pb_days_from_civil(2024, 2, 29);
    ck_assert(ui_field_parse_date("+1y", feb29, &has, &ms, why, sizeof why));
    pb_date_format_ymd(ms, got);
    ck_assert_str_eq(got, "2025-02-28");
}
END_TEST

START_TEST(date_refusals)
{
    const char *nad = "Not a date: try 2025-06-30, +30d, -1w, today or tomorrow";
    date_bad("soon", nad);
    date_bad("30", nad);
    date_bad("2025", nad);
    date_bad("+3x", nad);
    date_bad("06/30/2025", nad);
    date_bad("2025-06-30x", nad);
    date_bad("2025-06", nad);
    date_bad("2025-13-01", "There is no month 13");
    date_bad("2025-00-10", "There is no month 0");
    date_bad("2025-02-29", "February 2025 has only 28 days");
    date_bad("2025-06-31", "June 2025 has only 30 days");
    date_bad("2025-06-00", "There is no day 0");
    date_bad("+100000000d", "That date is too far away (years 0000 to 9999)");
    date_bad("+9000y", "That date is too far away (years 0000 to 9999)");
    date_bad("-2100y", "That date is too far away (years 0000 to 9999)");
    date_bad("+3000000d", "That date is too far away (years 0000 to 9999)");
}
END_TEST

START_TEST(name_and_formatting)
{
    const char *s;
    size_t n;
    char why[WHY] = "";
    ck_assert(ui_field_parse_name("  Acme renewal ", &s, &n, why, sizeof why));
    ck_assert_uint_eq(n, 12);
    ck_assert(strncmp(s, "Acme renewal", n) == 0);
    ck_assert(!ui_field_parse_name("   ", &s, &n, why, sizeof why));
    ck_assert_str_eq(why, "A deal needs a name");
    ck_assert(!ui_field_parse_name("", &s, &n, why, sizeof why));

    char out[64];
    pb_money m = {INT64_C(1234560000), "USD", true};
    ui_field_format_amount(&m, out, sizeof out);
    ck_assert_str_eq(out, "1234.56");
    ui_amount back = amount_ok(out);   /* what is shown parses back exactly */
    ck_assert_int_eq(back.micros, m.micros);
    m.micros = 1;
    ui_field_format_amount(&m, out, sizeof out);
    ck_assert_str_eq(out, "0.000001");
    m.set = false;
    ui_field_format_amount(&m, out, sizeof out);
    ck_assert_str_eq(out, "");
    ui_field_format_date(true, pb_date_from_ymd(2025, 6, 30) + 8 * 3600000, out, sizeof out);
    ck_assert_str_eq(out, "2025-06-30");
    ui_field_format_date(false, 0, out, sizeof out);
    ck_assert_str_eq(out, "");
}
END_TEST

/* ---- building the edit -------------------------------------------------------------- */

static pb_id mkid(unsigned char b)
{
    pb_id id;
    memset(&id, b, sizeof id);
    return id;
}

/* A form opened on a record: name "Acme", 50000 USD, Proposal, 2025-06-30,
 * company 0x11, no contact, owner 0x33. */
static ui_form_values opened(void)
{
    ui_form_values v;
    memset(&v, 0, sizeof v);
    static const char *init[UI_FF_TEXTS] = {"Acme", "50000", "USD", "Proposal", "2025-06-30"};
    for (int i = 0; i < UI_FF_TEXTS; i++)
        v.text[i] = v.initial[i] = init[i];
    v.rel_id[0] = v.rel_initial[0] = mkid(0x11);
    v.rel_name[0] = "Acme Corp";
    v.rel_id[2] = v.rel_initial[2] = mkid(0x33);
    v.rel_name[2] = "Jane Doe";
    return v;
}

START_TEST(edit_sends_only_what_changed)
{
    ui_form_built b;
    ui_form_values v = opened();
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, 0);

    v.text[UI_FF_NAME] = "  Acme renewal  ";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_NAME);
    ck_assert_str_eq(b.edit.values.name, "Acme renewal");

    v = opened();
    v.text[UI_FF_AMOUNT] = "75k";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_AMOUNT);
    ck_assert_int_eq(b.edit.values.amount.micros, INT64_C(75000000000));
    ck_assert_str_eq(b.edit.values.amount.currency, "USD");

    v = opened();
    v.text[UI_FF_CURRENCY] = "eur";   /* the currency alone: the amount goes along */
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_AMOUNT);
    ck_assert_int_eq(b.edit.values.amount.micros, INT64_C(50000000000));
    ck_assert_str_eq(b.edit.values.amount.currency, "EUR");

    v = opened();
    v.text[UI_FF_AMOUNT] = "";   /* cleared: no amount */
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_AMOUNT);
    ck_assert(!b.edit.values.amount.set);

    v = opened();
    v.text[UI_FF_STAGE] = "neg";
    v.text[UI_FF_CLOSE] = "+30d";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_STAGE | PB_OPP_F_CLOSE_DATE);
    ck_assert_str_eq(b.edit.values.stage, "NEGOTIATION");
    ck_assert(b.edit.values.has_close_date);
    ck_assert_int_eq(b.edit.values.close_date_ms, pb_date_from_ymd(2025, 7, 15));

    v = opened();
    v.text[UI_FF_CLOSE] = "";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_CLOSE_DATE);
    ck_assert(!b.edit.values.has_close_date);

    v = opened();
    v.rel_id[0] = pb_id_nil();   /* company cleared */
    v.rel_name[0] = NULL;
    v.rel_id[1] = mkid(0x22);    /* a contact chosen */
    v.rel_name[1] = "Ann Lee";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_COMPANY | PB_OPP_F_POC);
    ck_assert(pb_id_is_nil(&b.edit.values.company_id));
    ck_assert_ptr_null(b.edit.values.company_name);
    pb_id want = mkid(0x22);
    ck_assert(pb_id_equal(&b.edit.values.poc_id, &want));
    ck_assert_str_eq(b.edit.values.poc_name, "Ann Lee");
}
END_TEST

START_TEST(edit_refusals_name_the_field)
{
    ui_form_built b;
    ui_form_values v = opened();
    v.text[UI_FF_NAME] = "  ";
    v.text[UI_FF_CLOSE] = "soon";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_NAME);   /* the first in form order */
    ck_assert_str_eq(b.why, "A deal needs a name");

    v = opened();
    v.text[UI_FF_CLOSE] = "soon";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_CLOSE);

    v = opened();
    v.text[UI_FF_AMOUNT] = "-5";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_AMOUNT);
    ck_assert_str_eq(b.why, "Amounts cannot be negative");

    v = opened();
    v.text[UI_FF_CURRENCY] = "dollars";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_CURRENCY);

    v = opened();
    v.text[UI_FF_CURRENCY] = "";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_CURRENCY);
    ck_assert_str_eq(b.why, "An amount needs a currency, like USD");

    v = opened();
    v.text[UI_FF_AMOUNT] = "\xE2\x82\xAC" "5k";
    v.text[UI_FF_CURRENCY] = "GBP";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_AMOUNT);
    ck_assert_str_eq(b.why, "The amount is in EUR but the currency says GBP");

    v = opened();
    v.text[UI_FF_STAGE] = "closed";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_STAGE);

    /* a stored amount this client cannot read is not wiped by a currency change */
    v = opened();
    v.text[UI_FF_AMOUNT] = v.initial[UI_FF_AMOUNT] = "";
    v.amount_unreadable = true;
    v.text[UI_FF_CURRENCY] = "EUR";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_AMOUNT);
    /* unchanged fields are not checked: a stage this client does not know stays */
    v = opened();
    v.text[UI_FF_STAGE] = v.initial[UI_FF_STAGE] = "MYSTERY";
    v.text[UI_FF_NAME] = "New name";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_NAME);
}
END_TEST

START_TEST(create_builds_a_new_record)
{
    ui_form_built b;
    ui_form_values v;
    memset(&v, 0, sizeof v);
    v.create = true;
    static const char *init[UI_FF_TEXTS] = {"", "", "USD", "Negotiation", ""};
    for (int i = 0; i < UI_FF_TEXTS; i++)
        v.text[i] = v.initial[i] = init[i];
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_NAME);
    ck_assert_str_eq(b.why, "A deal needs a name");

    v.text[UI_FF_NAME] = "Hooli pilot";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask, PB_OPP_F_NAME);   /* nothing else given */
    ck_assert_uint_eq(b.col, 2);

    v.text[UI_FF_AMOUNT] = "12k";
    v.text[UI_FF_STAGE] = "closed won";
    v.text[UI_FF_CLOSE] = "tomorrow";
    v.rel_id[2] = mkid(0x44);
    v.rel_name[2] = "Sam Lo";
    ck_assert(ui_form_build(&v, &stages, today(), &b));
    ck_assert_uint_eq(b.edit.mask,
                      PB_OPP_F_NAME | PB_OPP_F_AMOUNT | PB_OPP_F_CLOSE_DATE | PB_OPP_F_OWNER);
    ck_assert_uint_eq(b.col, 3);
    ck_assert_int_eq(b.edit.values.amount.micros, INT64_C(12000000000));
    ck_assert_str_eq(b.edit.values.amount.currency, "USD");
    ck_assert_int_eq(b.edit.values.close_date_ms, pb_date_from_ymd(2025, 6, 16));
    ck_assert_str_eq(b.edit.values.owner_name, "Sam Lo");

    v.text[UI_FF_STAGE] = "";
    ck_assert(!ui_form_build(&v, &stages, today(), &b));
    ck_assert_int_eq(b.bad_field, UI_FF_STAGE);
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    Suite *s = suite_create("ui_fields");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, amount_forms);
    tcase_add_test(tc, amount_refusals);
    tcase_add_test(tc, currency_forms);
    tcase_add_test(tc, money_combines_amount_and_currency);
    tcase_add_test(tc, stage_forms);
    tcase_add_test(tc, stage_refusals);
    tcase_add_test(tc, date_forms);
    tcase_add_test(tc, date_months_clamp_to_the_end);
    tcase_add_test(tc, date_refusals);
    tcase_add_test(tc, name_and_formatting);
    suite_add_tcase(s, tc);
    TCase *tb = tcase_create("build");
    tcase_add_test(tb, edit_sends_only_what_changed);
    tcase_add_test(tb, edit_refusals_name_the_field);
    tcase_add_test(tb, create_builds_a_new_record);
    suite_add_tcase(s, tb);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
