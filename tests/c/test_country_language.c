/* The country and language rules (mca_rules.h) against the generated
 * ISO 3166-1, ISO 639 and ISO 15924 tables, and the stated data sources. */
#include "check.h"
#include "mca_rules.h"
#include "mca_tables.h"

/* Every ISO 3166-1 alpha-2 code of iso-codes 4.15.0, in order. */
static const char all_countries[] =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI"
    "CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ"
    "GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS"
    "LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
    "PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
    "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

static void test_all_countries(void)
{
    size_t n = strlen(all_countries) / 2, accepted = 0;
    CHECK(n == 249, "the expected list has 249 codes (%zu)", n);
    for (size_t i = 0; i < n; i++) {
        const char *code = all_countries + 2 * i;
        char lower[2] = { (char)(code[0] - 'A' + 'a'), (char)(code[1] - 'A' + 'a') };
        char out[3] = "";
        const char *rule = mca_rule_country(lower, 2, out);
        if (rule == NULL && memcmp(out, code, 3 - 1) == 0 && out[2] == '\0')
            accepted++;
        else
            CHECK(0, "%.2s is accepted and normalised to upper case", code);
    }
    CHECK(accepted == 249, "all 249 assigned codes are accepted in lower case (%zu)", accepted);

    /* No other pair of letters is a code: exactly 249 of the 676 pass. */
    size_t known = 0;
    for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++) {
            char code[2] = { a, b }, out[3];
            known += mca_rule_country(code, 2, out) == NULL;
        }
    CHECK(known == 249, "exactly 249 of the 676 letter pairs are codes (%zu)", known);
}

typedef struct rule_case {
    const char *name;
    const char *input;
    const char *rule;     /* NULL: valid */
    const char *expected; /* normalised value when valid */
} rule_case;

static const rule_case country_cases[] = {
    { "upper case is accepted", "NL", NULL, "NL" },
    { "lower case is normalised to upper", "nl", NULL, "NL" },
    { "mixed case is normalised", "dE", NULL, "DE" },
    { "Aland Islands (AX) is a code", "AX", NULL, "AX" },
    { "UK is not a code (GB is)", "UK", "unknown", NULL },
    { "EU is not a country code", "EU", "unknown", NULL },
    { "XK (Kosovo, user-assigned) is rejected", "XK", "unknown", NULL },
    { "an unassigned pair is unknown", "ZZ", "unknown", NULL },
    { "three letters are invalid", "NLD", "invalid", NULL },
    { "one letter is invalid", "N", "invalid", NULL },
    { "digits are invalid", "31", "invalid", NULL },
    { "a space inside is invalid", "N ", "invalid", NULL },
    { "empty is invalid", "", "invalid", NULL },
    { "non-ASCII letters are invalid", "\xc3\x96" "S", "invalid", NULL },
};

static const rule_case language_cases[] = {
    { "language-REGION is accepted", "nl-NL", NULL, "nl-NL" },
    { "case is normalised", "NL-nl", NULL, "nl-NL" },
    { "en-US", "en-US", NULL, "en-US" },
    { "a script is title-cased", "zh-hant-tw", NULL, "zh-Hant-TW" },
    { "an upper-case culture with script is normalised", "ZH-HANT-TW", NULL, "zh-Hant-TW" },
    { "Serbian in Latin script", "sr-Latn-RS", NULL, "sr-Latn-RS" },
    { "a three-letter code without a two-letter form (haw)", "HAW-us", NULL, "haw-US" },
    { "Filipino (fil) is accepted", "fil-PH", NULL, "fil-PH" },
    { "a three-letter code with a two-letter form becomes two letters", "nld-NL", NULL, "nl-NL" },
    { "a bibliographic code becomes two letters", "dut-BE", NULL, "nl-BE" },
    { "an underscore is invalid", "nl_NL", "invalid", NULL },
    { "a language name is invalid", "dutch", "invalid", NULL },
    { "a bare language needs a region", "nl", "regionRequired", NULL },
    { "a language and script need a region", "zh-Hant", "regionRequired", NULL },
    { "an unassigned language", "xx-NL", "unknownLanguage", NULL },
    { "the undetermined language is not a language", "und-NL", "unknownLanguage", NULL },
    { "a local-use code is not a language", "qaa-NL", "unknownLanguage", NULL },
    { "an unassigned region", "nl-XX", "unknownRegion", NULL },
    { "UK is not a region", "en-UK", "unknownRegion", NULL },
    { "an unassigned script", "zh-Hanx-TW", "unknownScript", NULL },
    { "a private-use script is not accepted", "zh-Qaaa-TW", "unknownScript", NULL },
    { "a numeric region is invalid", "es-419", "invalid", NULL },
    { "a three-letter region is invalid", "nl-NLD", "invalid", NULL },
    { "a one-letter language is invalid", "n-NL", "invalid", NULL },
    { "a four-letter language is invalid", "nlde-NL", "invalid", NULL },
    { "a trailing hyphen is invalid", "nl-", "invalid", NULL },
    { "a leading hyphen is invalid", "-NL", "invalid", NULL },
    { "a doubled hyphen is invalid", "nl--NL", "invalid", NULL },
    { "a space is invalid", "nl NL", "invalid", NULL },
    { "a fourth subtag is invalid", "sr-Latn-RS-x", "invalid", NULL },
    { "a two-letter middle subtag with a region is invalid", "nl-NL-NL", "invalid", NULL },
    { "empty is invalid", "", "invalid", NULL },
};

static void run_cases(const char *what, const rule_case *cases, size_t count,
                      const char *(*rule_fn)(const char *, size_t, char *), size_t out_size)
{
    for (size_t i = 0; i < count; i++) {
        const rule_case *c = &cases[i];
        char out[16];
        memset(out, '#', sizeof out);
        const char *rule = rule_fn(c->input, strlen(c->input), out);
        CHECK_STR(rule, c->rule, c->name);
        if (c->rule == NULL)
            CHECK(memchr(out, '\0', out_size) != NULL && strcmp(out, c->expected) == 0,
                  "%s: %s normalised to %s", what, c->name, c->expected);
    }
}

static const char *country_fn(const char *s, size_t n, char *out)
{
    return mca_rule_country(s, n, out);
}

static const char *language_fn(const char *s, size_t n, char *out)
{
    return mca_rule_language(s, n, out);
}

static void test_length_delimited(void)
{
    char out[16];
    CHECK(mca_rule_country("NLX", 2, out) == NULL && strcmp(out, "NL") == 0,
          "country: only the first n bytes are read");
    CHECK(mca_rule_language("nl-NL-garbage", 5, out) == NULL && strcmp(out, "nl-NL") == 0,
          "language: only the first n bytes are read");
    CHECK_STR(mca_rule_country(NULL, 0, out), "invalid", "country: NULL is invalid");
    CHECK_STR(mca_rule_language(NULL, 0, out), "invalid", "language: NULL is invalid");
}

/* The versions of the sources the tables were generated from: a data
 * update changes these lines, visibly. */
static void test_data_sources(void)
{
    CHECK_STR(mca_source_countries, "iso-codes 4.15.0 iso_3166-1.json", "country table source");
    CHECK_STR(mca_source_languages, "iso-codes 4.15.0 iso_639-3.json iso_639-2.json iso_15924.json",
              "language table source");
    CHECK_STR(mca_source_phone, "libphonenumber-js 1.13.16 metadata.max.json", "phone table source");

    /* The table sizes those sources give. */
    CHECK(mca_country_count == 249, "249 countries (%zu)", mca_country_count);
    CHECK(mca_language2_count == 185, "185 two-letter languages (%zu)", mca_language2_count);
    CHECK(mca_language3_count == 7787, "7787 three-letter languages (%zu)", mca_language3_count);
    CHECK(mca_language_alias_count == 205, "205 three-letter aliases (%zu)", mca_language_alias_count);
    CHECK(mca_script_count == 180, "180 scripts (%zu)", mca_script_count);
    CHECK(mca_phone_region_count == 245, "245 phone regions (%zu)", mca_phone_region_count);
    CHECK(mca_calling_code_count == 215, "215 calling codes (%zu)", mca_calling_code_count);
    CHECK(mca_phone_plan_count == 254, "254 numbering plans: 245 regions, 9 non-geographic codes (%zu)", mca_phone_plan_count);

    cJSON *r = check_call("constants", "{}");
    CHECK_STR(check_get_str(r, "dataSources.countries"), mca_source_countries,
              "constants states the country source");
    CHECK_STR(check_get_str(r, "dataSources.languages"), mca_source_languages,
              "constants states the language source");
    CHECK_STR(check_get_str(r, "dataSources.phone"), mca_source_phone,
              "constants states the phone source");
    cJSON_Delete(r);
}

int main(void)
{
    test_all_countries();
    run_cases("country", country_cases, sizeof country_cases / sizeof country_cases[0], country_fn, 3);
    run_cases("language", language_cases, sizeof language_cases / sizeof language_cases[0],
              language_fn, 16);
    test_length_delimited();
    test_data_sources();
    return check_report("country and language rules");
}
