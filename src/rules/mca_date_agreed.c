/* The dateAgreed rule: an ISO-8601 moment with a time zone, not in the
 * future (Partner Center answers 600002), normalised to UTC. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_time.h"
#include "mca_unicode.h"

static const mca_message_entry messages[] = {
    { "dateAgreed.future", "The date of acceptance is in the future. Give the moment in UTC (or with its time zone offset) and check the clock." },
    { "dateAgreed.futureNotChecked", "The current time was not given, so whether the date of acceptance lies in the future was not checked." },
    { "dateAgreed.impossible", "The date of acceptance does not exist (for example 30 February, hour 24 or month 13)." },
    { "dateAgreed.invalid", "The date of acceptance must be an ISO-8601 date-time like 2026-11-20T09:30:00Z." },
    { "dateAgreed.invalidUtf8", "The date of acceptance contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "dateAgreed.noTimeZone", "The date of acceptance has a time but no time zone: add Z for UTC or an offset like +01:00." },
    { "dateAgreed.required", "The date of acceptance is required." },
    { "dateAgreed.type", "The date of acceptance must be text." },
};
MCA_MESSAGE_TABLE(mca_date_agreed_messages, messages);

/* The rule on text mca_require_string prepared (valid UTF-8, trimmed): the
 * same answer as mca_rule_date_agreed, without checking and trimming it a
 * second time. */
static const char *rule_prepared(const char *s, size_t n, const double *now_ms, char out[21])
{
    int64_t t;
    switch (mca_time_parse(s, n, &t)) {
    case MCA_TIME_OK:
        break;
    case MCA_TIME_IMPOSSIBLE:
        return "impossible";
    case MCA_TIME_NO_ZONE:
        return "noTimeZone";
    default:
        return "invalid";
    }
    if (now_ms != NULL && (double)t * 1000.0 > *now_ms + MCA_DATE_AGREED_SLACK_S * 1000.0)
        return "future";
    mca_time_format(t, out);
    return NULL;
}

const char *mca_rule_date_agreed(const char *s, size_t n, const double *now_ms, char out[21])
{
    if (!mca_utf8_valid(s, n))
        return "invalidUtf8";
    s = mca_utf8_trim(s, &n);
    return rule_prepared(s, n, now_ms, out);
}

void mca_check_date_agreed(mca_report *r, const mca_input *input, const cJSON *options)
{
    const char *s;
    size_t n;
    char out[21];
    double now;
    int has_now = mca_option_now(options, &now) == 0;
    if (!mca_require_string(r, input, "dateAgreed", &s, &n))
        return;
    const char *rule = rule_prepared(s, n, has_now ? &now : NULL, out);
    if (rule != NULL) {
        mca_report_rule(r, "dateAgreed", rule);
        return;
    }
    mca_report_normalized(r, "dateAgreed", out);
    if (!has_now)
        mca_report_rule_warning(r, "dateAgreed", "futureNotChecked");
}
