/* The email rule: structure, lengths at their limits, internationalised
 * domains converted to their xn-- form. */
#include "check.h"

#include "mca_internal.h"
#include "mca_rules.h"

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void check_email(const char *in, const char *rule, const char *expected, const char *what)
{
    char out[255];
    size_t before = mca_bytes_in_use();
    const char *got = mca_rule_email(in, strlen(in), out);
    CHECK(same(got, rule), "%s: rule (got %s, expected %s)", what, got ? got : "none", rule ? rule : "none");
    if (rule == NULL && got == NULL)
        CHECK(strcmp(out, expected) == 0, "%s: normalised (got \"%s\", expected \"%s\")", what, out, expected);
    CHECK(mca_bytes_in_use() == before, "%s: nothing left allocated", what);
}

static char *make(size_t local, size_t domain_labels_of_63, size_t last_label)
{
    /* local part of 'a's, then labels of 63 'b's, then a final label of 'c's */
    char *s = malloc(local + 1 + domain_labels_of_63 * 64 + last_label + 32);
    size_t p = 0;
    for (size_t i = 0; i < local; i++)
        s[p++] = 'a';
    s[p++] = '@';
    for (size_t l = 0; l < domain_labels_of_63; l++) {
        for (size_t i = 0; i < 63; i++)
            s[p++] = 'b';
        s[p++] = '.';
    }
    for (size_t i = 0; i < last_label; i++)
        s[p++] = 'c';
    s[p] = '\0';
    return s;
}

static void test_cases(void)
{
    static const struct { const char *in, *rule, *out, *what; } cases[] = {
        { "anne@contoso.nl", NULL, "anne@contoso.nl", "a plain address" },
        { "  anne@contoso.nl ", NULL, "anne@contoso.nl", "trimmed" },
        { "Anne.de.Vries@Contoso.NL", NULL, "Anne.de.Vries@contoso.nl", "domain lower-cased, local part kept" },
        { "anne+mca@contoso.nl", NULL, "anne+mca@contoso.nl", "plus addressing" },
        { "o'brien@example.ie", NULL, "o'brien@example.ie", "apostrophe in the local part" },
        { "x!#$%&'*+-/=?^_`{|}~@example.com", NULL, "x!#$%&'*+-/=?^_`{|}~@example.com", "every atext character" },
        { "anne@mail.sub.contoso.co.uk", NULL, "anne@mail.sub.contoso.co.uk", "many labels" },
        { "anne@my-company.com", NULL, "anne@my-company.com", "hyphen inside a label" },
        { "anne@123.example.com", NULL, "anne@123.example.com", "a numeric label that is not the last" },
        { "anne@xn--bcher-kva.de", NULL, "anne@xn--bcher-kva.de", "an A-label as given" },
        { "anne@example.xn--p1ai", NULL, "anne@example.xn--p1ai", "an xn-- top-level label" },
        { "anne@b\xc3\xbc" "cher.de", NULL, "anne@xn--bcher-kva.de", "IDN: b\xc3\xbc" "cher.de" },
        { "anne@bu\xcc\x88" "cher.de", NULL, "anne@xn--bcher-kva.de", "IDN: decomposed \xc3\xbc is composed first" },
        { "anne@M\xc3\xbcnchen.example", NULL, "anne@xn--mnchen-3ya.example", "IDN: ASCII capitals are lower-cased" },
        { "anne@\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88", NULL, "anne@xn--r8jz45g.xn--zckzah", "IDN: Japanese, top-level too" },
        { "anne@\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84", NULL, "anne@xn--e1afmkfd.xn--p1ai", "IDN: Cyrillic" },
        { "anne@\xce\xb4\xce\xbf\xce\xba\xce\xb9\xce\xbc\xce\xae.gr", NULL, "anne@xn--jxalpdlp.gr", "IDN: Greek" },
        { "anne@\xc3\xb1" "and\xc3\xba.com.ar", NULL, "anne@xn--and-6ma2c.com.ar", "IDN: two non-ASCII letters" },
        { "anne@\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2.th", NULL, "anne@xn--o3cw4h.th", "IDN: Thai" },
        { "anne@\xed\x95\x9c\xea\xb5\xad.kr", NULL, "anne@xn--3e0b707e.kr", "IDN: Korean" },
        { "anne@zo\xc3\xab.nl", NULL, "anne@xn--zo-ija.nl", "IDN: zo\xc3\xab.nl" },
        { "anne@example-buchhandlung.d\xc3\xa9", NULL, "anne@example-buchhandlung.xn--d-bga",
          "IDN: the only non-ASCII letter in the domain's last eight bytes" },
        { "anne@buchhandlung\xc3\xa9.de", NULL, "anne@xn--buchhandlung-meb.de",
          "IDN: the only non-ASCII letter in a label's last eight bytes" },
        { "", "required", NULL, "empty" },
        { "anne", "invalid", NULL, "no @" },
        { "@contoso.nl", "invalid", NULL, "empty local part" },
        { "anne@", "invalid", NULL, "empty domain" },
        { "anne@@contoso.nl", "localInvalid", NULL, "two @" },
        { "an@ne@contoso.nl", "localInvalid", NULL, "@ inside the local part" },
        { "\"anne\"@contoso.nl", "localInvalid", NULL, "quoted local part" },
        { ".anne@contoso.nl", "localInvalid", NULL, "leading dot" },
        { "anne.@contoso.nl", "localInvalid", NULL, "trailing dot" },
        { "an..ne@contoso.nl", "localInvalid", NULL, "doubled dot" },
        { "an ne@contoso.nl", "localInvalid", NULL, "space in the local part" },
        { "an(ne)@contoso.nl", "localInvalid", NULL, "comment characters" },
        { "j\xc3\xb6rg@contoso.de", "localInvalid", NULL, "non-ASCII local part" },
        { "anne@contoso", "domainInvalid", NULL, "one label" },
        { "anne@contoso..nl", "domainInvalid", NULL, "empty label" },
        { "anne@.contoso.nl", "domainInvalid", NULL, "leading dot in the domain" },
        { "anne@contoso.nl.", "domainInvalid", NULL, "trailing dot in the domain" },
        { "anne@-contoso.nl", "domainInvalid", NULL, "label starting with a hyphen" },
        { "anne@contoso-.nl", "domainInvalid", NULL, "label ending with a hyphen" },
        { "anne@con_toso.nl", "domainInvalid", NULL, "underscore" },
        { "anne@con toso.nl", "domainInvalid", NULL, "space in the domain" },
        { "anne@[192.168.0.1]", "domainInvalid", NULL, "address literal" },
        { "anne@\xcc\x88" "a.de", "domainInvalid", NULL, "IDN label starting with a combining mark" },
        { "anne@\xc3\xbc-.de", "domainInvalid", NULL, "IDN label ending with a hyphen" },
        { "anne@ab--\xc3\xbc.de", "domainInvalid", NULL, "IDN label with -- in positions 3-4" },
        { "anne@192.168.0.1", "topLevelInvalid", NULL, "numeric top-level label" },
        { "anne@contoso.c", "topLevelInvalid", NULL, "one-letter top-level label" },
        { "anne@contoso.c0m", "topLevelInvalid", NULL, "digit in the top-level label" },
        { "anne@B\xc3\x9c" "CHER.de", "idnUnsupported", NULL, "IDN: capital \xc3\x9c needs mapping" },
        { "anne@stra\xc3\x9f" "e.de", "idnUnsupported", NULL, "IDN: sharp s needs mapping (transitional processing differs)" },
        { "anne@\xef\xac\x81" "le.com", "idnUnsupported", NULL, "IDN: fi ligature needs mapping" },
        { "anne@\xd7\x93\xd7\x95\xd7\x92\xd7\x9e\xd7\x94.il", "idnUnsupported", NULL, "IDN: Hebrew (Bidi rule)" },
        { "anne@contoso\xe3\x80\x82nl", "idnUnsupported", NULL, "IDN: ideographic full stop" },
        { "anne@a\xe2\x80\x8d" "b.com", "idnUnsupported", NULL, "IDN: zero width joiner" },
        { "anne@\xf0\x9f\x98\x80.com", "idnUnsupported", NULL, "IDN: emoji" },
        { "anne@XN--BCHER-KVA.de", NULL, "anne@xn--bcher-kva.de", "an A-label in capitals is lower-cased" },
        { "anne@xn--4dbrk0ce.il", NULL, "anne@xn--4dbrk0ce.il", "a Hebrew A-label as given" },
        { "anne@\xd1\x82\xd0\xb5\xd1\x81\xd1\x82.\xd1\x80\xd1\x84", NULL, "anne@xn--e1aybc.xn--p1ai", "a Cyrillic top-level label of two letters" },
        { "a@xn--a.com", "domainInvalid", NULL, "a fake A-label that does not decode" },
        { "a@xn--.com", "domainInvalid", NULL, "an empty A-label" },
        { "a@xn--abc-.com", "domainInvalid", NULL, "an A-label that decodes to ASCII only" },
        { "a@xn--tda99.com", "domainInvalid", NULL, "an A-label with trailing garbage" },
        { "a@xn--bcher-kva0.de", "domainInvalid", NULL, "an A-label that does not encode back to itself" },
        { "a@xn--mxa.com", NULL, "a@xn--mxa.com", "an A-label of one Greek letter" },
        { "a@xn--v7b-85f.com", "domainInvalid", NULL, "an A-label mixing Thaana and Latin (the Bidi rule)" },
        { "a@123.xn--4dbrk0ce.il", "domainInvalid", NULL, "a label starting with a digit in a right-to-left domain" },
        { "a@xn--a-jv3s.com", "domainInvalid", NULL, "an A-label that decodes to a label with an emoji" },
        { "a@xn--a-kfa.com", "domainInvalid", NULL, "an A-label that decodes to a label with a capital" },
        { "a@xn--e-xbb.com", "domainInvalid", NULL, "an A-label that decodes to text not in NFC" },
        { "a@\xd1\x82\xd0\xb5\xd1\x81\xd1\x82.\xd1\x84", "topLevelInvalid", NULL, "a one-letter Cyrillic top-level label" },
        { "a@example.xn--t1a", "topLevelInvalid", NULL, "a top-level A-label of one letter" },
        { "a@example.xn--1-dub", "topLevelInvalid", NULL, "a top-level A-label with a digit" },
        { "anne@contoso.nl\xed\xa0\x80", "invalidUtf8", NULL, "lone surrogate" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_email(cases[i].in, cases[i].rule, cases[i].out, cases[i].what);
    printf("email rule: %zu cases + 9 length boundaries\n", sizeof cases / sizeof cases[0]);
}

static void test_lengths(void)
{
    char *s = make(64, 0, 0);
    strcat(s, "contoso.nl");
    check_email(s, NULL, s, "a local part of 64 bytes is accepted");
    free(s);
    s = make(65, 0, 0);
    strcat(s, "contoso.nl");
    check_email(s, "localTooLong", NULL, "a local part of 65 bytes is too long");
    free(s);
    /* 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 */
    s = make(64, 2, 61);
    CHECK(strlen(s) == 254, "the whole address is 254 bytes");
    check_email(s, NULL, s, "an address of 254 bytes is accepted");
    free(s);
    s = make(64, 2, 62);
    check_email(s, "tooLong", NULL, "an address of 255 bytes is too long");
    free(s);
    s = make(1, 1, 2);
    s[2 + 62] = 'b';  /* keep 63 */
    check_email(s, NULL, s, "a label of 63 characters is accepted");
    free(s);
    s = malloc(200);
    strcpy(s, "a@");
    for (int i = 0; i < 64; i++)
        strcat(s, "b");
    strcat(s, ".nl");
    check_email(s, "domainInvalid", NULL, "a label of 64 characters is refused");
    free(s);
    /* an IDN label whose xn-- form is exactly 63 characters, and one more */
    s = malloc(400);
    char *expected = malloc(400);
    strcpy(s, "a@\xc3\xbc");
    strcpy(expected, "a@xn--");
    for (int i = 0; i < 55; i++) {
        strcat(s, "a");
        strcat(expected, "a");
    }
    strcat(s, ".de");
    strcat(expected, "-oxf.de");
    check_email(s, NULL, expected, "an IDN label whose xn-- form is 63 characters is accepted");
    strcpy(s + strlen(s) - 3, "a.de");
    check_email(s, "domainInvalid", NULL, "an IDN label whose xn-- form is 64 characters is refused");
    free(s);
    free(expected);
    s = malloc(10 * 1024 * 1024 + 16);
    memset(s, 'a', 10 * 1024 * 1024);
    strcpy(s + 10 * 1024 * 1024, "@contoso.nl");
    check_email(s, "tooLong", NULL, "a 10 MB address");
    free(s);
}

int main(void)
{
    mca_json_init();
    test_cases();
    test_lengths();
    return check_report("email");
}
