/* The phone rule (mca_rules.h): E.164 normalisation, trunk prefixes,
 * calling codes and the national numbering plans of the checked regions. */
#include "check.h"
#include "mca_rules.h"
#include "mca_tables.h"

typedef struct phone_case {
    const char *name;
    const char *input;
    const char *country;  /* NULL: none given */
    const char *rule;     /* NULL: valid */
    const char *e164;     /* when valid */
    int checked;          /* expected *length_checked */
} phone_case;

/* Every checked region: a national number as people write it (with the
 * trunk prefix where the region has one) and an international one. */
static const phone_case region_cases[] = {
    { "US national with area code in parentheses", "(201) 555-0123", "US", NULL, "+12015550123", 1 },
    { "US international", "+1 212-555-0123", "US", NULL, "+12125550123", 1 },
    { "CA national", "506 234 5678", "CA", NULL, "+15062345678", 1 },
    { "CA international", "+1 (416) 555-0199", NULL, NULL, "+14165550199", 1 },
    { "MX national (no trunk prefix)", "222 123 4567", "MX", NULL, "+522221234567", 1 },
    { "MX international", "+52 55 1234 5678", NULL, NULL, "+525512345678", 1 },
    { "BR national with trunk 0", "0 (11) 96123-4567", "BR", NULL, "+5511961234567", 1 },
    { "BR international", "+55 11 96123-4567", NULL, NULL, "+5511961234567", 1 },
    { "GB mobile with trunk 0", "07400 123456", "GB", NULL, "+447400123456", 1 },
    { "GB London with trunk 0", "020 7946 0000", "GB", NULL, "+442079460000", 1 },
    { "GB international with +", "+44 7400 123456", NULL, NULL, "+447400123456", 1 },
    { "GB international with 00", "0044 20 7946 0000", NULL, NULL, "+442079460000", 1 },
    { "IE national", "085 012 3456", "IE", NULL, "+353850123456", 1 },
    { "IE Dublin international", "+353 1 234 5678", NULL, NULL, "+35312345678", 1 },
    { "DE Berlin with trunk 0", "030 12345678", "DE", NULL, "+493012345678", 1 },
    { "DE mobile international", "+49 151 23456789", NULL, NULL, "+4915123456789", 1 },
    { "AT mobile with trunk 0", "0664 123456", "AT", NULL, "+43664123456", 1 },
    { "AT Vienna international", "+43 1 5134000", NULL, NULL, "+4315134000", 1 },
    { "CH national", "078 123 45 67", "CH", NULL, "+41781234567", 1 },
    { "CH Zurich international", "+41 44 668 18 00", NULL, NULL, "+41446681800", 1 },
    { "FR mobile with trunk 0", "06 12 34 56 78", "FR", NULL, "+33612345678", 1 },
    { "FR Paris international", "+33 1 23 45 67 89", NULL, NULL, "+33123456789", 1 },
    { "BE mobile with trunk 0", "0450 00 12 34", "BE", NULL, "+32450001234", 1 },
    { "BE Brussels international", "+32 2 555 12 12", NULL, NULL, "+3225551212", 1 },
    { "NL Amsterdam with trunk 0", "020 1234567", "NL", NULL, "+31201234567", 1 },
    { "NL mobile with trunk 0", "06 12345678", "NL", NULL, "+31612345678", 1 },
    { "NL international with 00", "0031 20 123 4567", NULL, NULL, "+31201234567", 1 },
    { "LU national (no trunk prefix)", "628 123 456", "LU", NULL, "+352628123456", 1 },
    { "LU international", "+352 27 12 34 56", NULL, NULL, "+35227123456", 1 },
    { "IT Milan keeps its leading 0", "02 1234 5678", "IT", NULL, "+390212345678", 1 },
    { "IT mobile national", "312 345 6789", "IT", NULL, "+393123456789", 1 },
    { "IT Rome international keeps the 0", "+39 06 6982 1234", NULL, NULL, "+390669821234", 1 },
    { "ES national", "612 34 56 78", "ES", NULL, "+34612345678", 1 },
    { "ES Madrid international", "+34 91 123 45 67", NULL, NULL, "+34911234567", 1 },
    { "PT national", "912 345 678", "PT", NULL, "+351912345678", 1 },
    { "PT Lisbon international", "+351 21 123 4567", NULL, NULL, "+351211234567", 1 },
    { "SE mobile with trunk 0", "070-123 45 67", "SE", NULL, "+46701234567", 1 },
    { "SE Stockholm international", "+46 8 123 456 78", NULL, NULL, "+46812345678", 1 },
    { "NO national", "406 12 345", "NO", NULL, "+4740612345", 1 },
    { "NO Oslo international", "+47 22 12 34 56", NULL, NULL, "+4722123456", 1 },
    { "DK national", "34 41 23 45", "DK", NULL, "+4534412345", 1 },
    { "DK international", "+45 32 12 34 56", NULL, NULL, "+4532123456", 1 },
    { "FI mobile with trunk 0", "041 234 5678", "FI", NULL, "+358412345678", 1 },
    { "FI Helsinki international", "+358 9 1234567", NULL, NULL, "+35891234567", 1 },
    { "PL national", "512 345 678", "PL", NULL, "+48512345678", 1 },
    { "PL Warsaw international", "+48 22 123 45 67", NULL, NULL, "+48221234567", 1 },
    { "CZ national", "601 123 456", "CZ", NULL, "+420601123456", 1 },
    { "CZ Prague international", "+420 212 345 678", NULL, NULL, "+420212345678", 1 },
    { "AU mobile with trunk 0", "0412 345 678", "AU", NULL, "+61412345678", 1 },
    { "AU Sydney international", "+61 2 9876 5432", NULL, NULL, "+61298765432", 1 },
    { "NZ mobile with trunk 0", "021 123 4567", "NZ", NULL, "+64211234567", 1 },
    { "NZ Auckland international", "+64 9 300 1234", NULL, NULL, "+6493001234", 1 },
    { "JP mobile with trunk 0", "090-1234-5678", "JP", NULL, "+819012345678", 1 },
    { "JP Tokyo international", "+81 3-1234-5678", NULL, NULL, "+81312345678", 1 },
    { "KR mobile with trunk 0", "010-2000-0000", "KR", NULL, "+821020000000", 1 },
    { "KR Seoul international", "+82 2 123 4567", NULL, NULL, "+8221234567", 1 },
    { "IN mobile with trunk 0", "081234 56789", "IN", NULL, "+918123456789", 1 },
    { "IN Delhi international", "+91 11 2345 6789", NULL, NULL, "+911123456789", 1 },
    { "SG national", "8123 4567", "SG", NULL, "+6581234567", 1 },
    { "SG international", "+65 6123 4567", NULL, NULL, "+6561234567", 1 },
    { "ZA mobile with trunk 0", "071 123 4567", "ZA", NULL, "+27711234567", 1 },
    { "ZA Cape Town international", "+27 21 123 4567", NULL, NULL, "+27211234567", 1 },
    { "AE mobile with trunk 0", "050 123 4567", "AE", NULL, "+971501234567", 1 },
    { "AE Dubai international", "+971 4 234 5678", NULL, NULL, "+97142345678", 1 },
};

static const phone_case rule_cases[] = {
    /* NANP */
    { "NANP: a national number with the trunk 1", "1 (212) 555-0123", "US", NULL, "+12125550123", 1 },
    { "NANP: trunk 1 written with a hyphen", "1-506-234-5678", "CA", NULL, "+15062345678", 1 },
    { "NANP: area code starting with 0", "(012) 555-0123", "US", "invalidForCountry", NULL, 1 },
    { "NANP: exchange code starting with 0", "(212) 055-0123", "US", "invalidForCountry", NULL, 1 },
    { "NANP: exchange code starting with 1", "(212) 155-0123", "US", "invalidForCountry", NULL, 1 },
    { "NANP: international exchange starting with 1", "+1 212 155 0123", NULL, "invalidForCountry", NULL, 1 },
    { "NANP: a 7-digit local number is too short", "555-0123", "US", "tooShort", NULL, 1 },
    { "NANP: 11 digits after the trunk are too long", "1 212 555 01234", "US", "tooLong", NULL, 1 },
    { "NANP: a Caribbean number is checked against its own plan (JM)", "+1 876 555 0123", NULL, NULL, "+18765550123", 1 },
    { "NANP: CA 7-digit number nationally", "310 1234", "CA", NULL, "+13101234", 1 },
    { "NANP: the same CA 7-digit number with +1", "+1 310 1234", NULL, NULL, "+13101234", 1 },
    /* length and structure */
    { "FR: 8 national digits after the trunk 0 do not fit (9 with it)", "06 12 34 56 7", "FR", "invalidForCountry", NULL, 1 },
    { "FR: 7 national digits are too short", "+33 6 12 34 56", NULL, "tooShort", NULL, 1 },
    { "FR: 10 national digits are too long", "06 12 34 56 78 9", "FR", "tooLong", NULL, 1 },
    { "FR: international too long", "+33 6 12 34 56 78 9", NULL, "tooLong", NULL, 1 },
    { "NL: a mobile number with 10 digits does not fit", "06 123456789", "NL", "invalidForCountry", NULL, 1 },
    { "GB: 8 national digits are not a possible length", "07700 9001", "GB", "invalidForCountry", NULL, 1 },
    { "GB: a number starting with 6 does not exist", "+44 6700 900123", NULL, "invalidForCountry", NULL, 1 },
    { "DK: a number starting with 1 does not exist", "14 41 23 45", "DK", "invalidForCountry", NULL, 1 },
    { "ES: too short", "612 34 56", "ES", "tooShort", NULL, 1 },
    { "MX: 11 digits are too long", "+52 1 55 1234 5678", NULL, "tooLong", NULL, 1 },
    { "DE: a trunk 0 after the calling code is dropped", "+49 030 12345678", NULL, NULL, "+493012345678", 1 },
    /* separators and forms */
    { "dots as separators", "+31.20.123.4567", NULL, NULL, "+31201234567", 1 },
    { "hyphens as separators", "+31-20-1234567", NULL, NULL, "+31201234567", 1 },
    { "area code in parentheses", "(020) 123 4567", "NL", NULL, "+31201234567", 1 },
    { "no separators", "+31201234567", NULL, NULL, "+31201234567", 1 },
    { "a bracketed trunk 0 after the calling code is dropped", "+44 (0)20 7946 0000", NULL, NULL, "+442079460000", 1 },
    { "a bracketed trunk 0 after 0049 is dropped", "0049 (0)30 12345678", NULL, NULL, "+493012345678", 1 },
    { "a bracketed 0 in Italy is part of the number", "+39 (0)2 1234 5678", NULL, NULL, "+390212345678", 1 },
    { "a bracketed 0 later in the number is a digit", "+31 20 (0)12 3456", NULL, NULL, "+31200123456", 1 },
    { "a national number without its trunk prefix", "20 123 4567", "NL", NULL, "+31201234567", 1 },
    { "an international number ignores the country", "+44 20 7946 0000", "NL", NULL, "+442079460000", 1 },
    { "letters are invalid", "020 123 4567 ext 5", "NL", "invalid", NULL, 0 },
    { "a slash is invalid", "+31/20 1234567", NULL, "invalid", NULL, 0 },
    { "a tab is invalid", "020\t1234567", "NL", "invalid", NULL, 0 },
    { "two plus signs are invalid", "++31 20 1234567", NULL, "invalid", NULL, 0 },
    { "a plus after digits is invalid", "31+20 1234567", NULL, "invalid", NULL, 0 },
    { "no digits is invalid", "( - )", "NL", "invalid", NULL, 0 },
    { "a plus alone is invalid", "+", NULL, "invalid", NULL, 0 },
    { "00 alone is invalid", "00", NULL, "invalid", NULL, 0 },
    { "empty is invalid", "", "NL", "invalid", NULL, 0 },
    { "non-ASCII digits are invalid", "\xd9\xa0\xd9\xa1 1234567", "NL", "invalid", NULL, 0 },
    /* country */
    { "a national number needs a country", "020 1234567", NULL, "countryRequired", NULL, 0 },
    { "an empty country is no country", "020 1234567", "", "countryRequired", NULL, 0 },
    { "a country without a calling code", "123 4567", "AQ", "unknownCallingCode", NULL, 0 },
    /* calling codes */
    { "+28 is not assigned", "+28 1234 5678", NULL, "unknownCallingCode", NULL, 0 },
    { "+999 is not assigned", "+999 123 4567", NULL, "unknownCallingCode", NULL, 0 },
    { "+0 is not a calling code", "+0 123 4567", NULL, "unknownCallingCode", NULL, 0 },
    { "00 followed by 0 is not a calling code", "000 123 4567", NULL, "unknownCallingCode", NULL, 0 },
    /* every region has a plan now */
    { "RU national with trunk 8", "8 (495) 123-45-67", "RU", NULL, "+74951234567", 1 },
    { "RU toll-free with trunk 8", "8 800 555 3535", "RU", NULL, "+78005553535", 1 },
    { "RU toll-free without trunk keeps its 8", "800 555 3535", "RU", NULL, "+78005553535", 1 },
    { "RU: 6 national digits are too short", "+7 123456", NULL, "tooShort", NULL, 1 },
    { "RU: a number starting with 1 does not exist", "+7 123 456 78 90", NULL, "invalidForCountry", NULL, 1 },
    { "16 digits are longer than E.164 allows", "+7 123456789012345", NULL, "tooLong", NULL, 1 },
    { "30 digits are too long", "+7 12345678901234567890123456789", NULL, "tooLong", NULL, 0 },
    { "DE toll-free longer than E.164 allows", "+49 800 249 382 082 21", NULL, "tooLong", NULL, 1 },
    { "non-geographic +800 (international freephone)", "+800 1234 5678", NULL, NULL, "+80012345678", 1 },
    { "non-geographic +800 too short", "+800 1234 567", NULL, "tooShort", NULL, 1 },
    { "a shared code's other region (Jersey via +44)", "+44 1534 456789", NULL, NULL, "+441534456789", 1 },
    { "KE national with trunk 0", "0712 345678", "KE", NULL, "+254712345678", 1 },
    { "KE: a landline number that does not exist", "0712 34567", "KE", "invalidForCountry", NULL, 1 },
    /* the trunk prefix after the calling code, as libphonenumber reads it */
    { "EG: +20 010 ... loses the trunk 0", "+20 010 1234 5678", NULL, NULL, "+201012345678", 1 },
    { "TR: +90 0532 ... loses the trunk 0", "+90 0532 123 4567", NULL, NULL, "+905321234567", 1 },
    { "CN: +86 010 ... loses the trunk 0", "+86 010 6552 9988", NULL, NULL, "+861065529988", 1 },
    { "GB: +44 020 ... loses the trunk 0", "+44 020 7946 0000", NULL, NULL, "+442079460000", 1 },
    /* small plans: per-region lengths, no blanket minimum */
    { "NU: a 4-digit landline, international", "+683 4002", NULL, NULL, "+6834002", 1 },
    { "NU: a 4-digit landline, national", "4002", "NU", NULL, "+6834002", 1 },
    { "NU: 3 digits are too short", "+683 400", NULL, "tooShort", NULL, 1 },
    /* each region's own international prefix */
    { "KR: 00 followed by 3 is no international prefix there", "00 3085371109", "KR", NULL, "+82003085371109", 1 },
    { "KR: 001 is an international prefix", "001 31 20 123 4567", "KR", NULL, "+31201234567", 1 },
    { "KR: 002 is an international prefix", "002 31 20 123 4567", "KR", NULL, "+31201234567", 1 },
    { "JP: 010 is the international prefix", "010 31 20 123 4567", "JP", NULL, "+31201234567", 1 },
    { "US: 011 is the international prefix", "011 31 20 123 4567", "US", NULL, "+31201234567", 1 },
    { "US: 00 is not an international prefix", "00 31 20 123 4567", "US", "tooLong", NULL, 1 },
    { "AU: 0011 is an international prefix", "0011 31 20 123 4567", "AU", NULL, "+31201234567", 1 },
    { "00 without a country is read as international", "0031 20 123 4567", NULL, NULL, "+31201234567", 1 },
    /* the calling code written without + */
    { "NL: a national number that begins with 31", "31 20 123 4567", "NL", NULL, "+31201234567", 1 },
};

static void run(const phone_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const phone_case *c = &cases[i];
        char out[17];
        memset(out, '#', sizeof out);
        int checked = -1;
        const char *rule = mca_rule_phone(c->input, strlen(c->input), c->country, out, &checked);
        CHECK_STR(rule, c->rule, c->name);
        if (c->rule == NULL)
            CHECK(memchr(out, '\0', sizeof out) != NULL && strcmp(out, c->e164) == 0,
                  "%s: normalised to %s (got %.17s)", c->name, c->e164, out);
        CHECK(checked == c->checked, "%s: length_checked is %d (got %d)", c->name, c->checked,
              checked);
    }
}

static void test_length_delimited(void)
{
    char out[17];
    int checked;
    CHECK(mca_rule_phone("+31 20 1234567 99", 14, NULL, out, &checked) == NULL
              && strcmp(out, "+31201234567") == 0,
          "only the first n bytes are read");
    CHECK_STR(mca_rule_phone(NULL, 0, "NL", out, &checked), "invalid", "NULL is invalid");
}

/* The first entry in mca_phone_code_plans of a calling code's plans. */
static size_t calling_code_first(unsigned code)
{
    for (size_t i = 0; i < mca_calling_code_count; i++)
        if (mca_calling_codes[i].code == code)
            return mca_calling_codes[i].first;
    return 0;
}

/* The coded tables, expanded, hold together: sorted regions and calling
 * codes, every plan in the list of its own code once, and every state and
 * instruction number in range. */
static void test_expanded_tables(void)
{
    mca_phone_expand_tables();
    int regions_sorted = 1, codes_sorted = 1, plans_listed = 1, numbers_in_range = 1;
    for (size_t i = 1; i < mca_phone_region_count; i++)
        regions_sorted &= memcmp(mca_phone_plans[i - 1].region, mca_phone_plans[i].region, 2) < 0;
    size_t listed = 0;
    for (size_t i = 0; i < mca_calling_code_count; i++) {
        const mca_calling_code *c = &mca_calling_codes[i];
        codes_sorted &= i == 0 || mca_calling_codes[i - 1].code < c->code;
        plans_listed &= c->count > 0 && c->first == listed;
        for (size_t k = 0; k < c->count; k++)
            plans_listed &= mca_phone_plans[mca_phone_code_plans[c->first + k]].calling_code == c->code;
        listed += c->count;
    }
    plans_listed &= listed == mca_phone_plan_count;
    for (size_t i = 0; i < mca_phone_plan_count; i++) {
        const mca_phone_plan *p = &mca_phone_plans[i];
        numbers_in_range &= p->states < mca_phone_state_count && p->general < mca_phone_state_count
                            && (p->leading == MCA_PHONE_NONE || p->leading < mca_phone_state_count)
                            && (p->idd == MCA_PHONE_NONE || p->idd < mca_phone_program_count)
                            && (p->prefix == MCA_PHONE_NONE || p->prefix < mca_phone_program_count);
    }
    for (size_t s = 0; s < mca_phone_state_count; s++)
        for (int d = 0; d < 10; d++)
            numbers_in_range &= mca_phone_next[s][d] == MCA_PHONE_NONE || mca_phone_next[s][d] < mca_phone_state_count;
    CHECK(regions_sorted, "the expanded plans' regions are sorted");
    CHECK(codes_sorted, "the expanded calling codes are sorted");
    CHECK(plans_listed, "every plan is listed once, under its own calling code");
    CHECK(numbers_in_range, "every state and program number of the expanded tables is in range");
    CHECK(mca_phone_plans[mca_phone_code_plans[calling_code_first(44)]].region[0] == 'G'
              && mca_phone_plans[mca_phone_code_plans[calling_code_first(44)]].region[1] == 'B',
          "+44's main plan is GB's");
}

int main(void)
{
    test_expanded_tables();
    run(region_cases, sizeof region_cases / sizeof region_cases[0]);
    run(rule_cases, sizeof rule_cases / sizeof rule_cases[0]);
    test_length_delimited();
    return check_report("phone rule");
}
