/*
 * findings.c - the type table (names, default severity, guidance, plain
 * messages, placeholders), adding candidates, and resolving overlaps into
 * the final sorted findings list.
 */
#include "internal.h"

#include <stdlib.h>

#define G_ID (TACT_GUIDE_HCPC_1 | TACT_GUIDE_HCPC_2 | TACT_GUIDE_HCPC_SM)
#define G_CONDUCT (TACT_GUIDE_HCPC_3 | TACT_GUIDE_HCPC_13 | TACT_GUIDE_HCPC_SM)

static const tact__type_info types[] = {
    {TACT_TYPE_PERSON, "person", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This looks like a person's name. Naming someone you work with can identify them.", "[NAME]"},
    {TACT_TYPE_ADDRESS, "address", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This looks like a street address. An address can lead straight to a person.", "[ADDRESS]"},
    {TACT_TYPE_POSTCODE, "postcode", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This is a UK postcode. A postcode narrows where someone lives to a handful of homes.", "[POSTCODE]"},
    {TACT_TYPE_LOCATION, "location", TACT_CAT_IDENTIFIER, TACT_SEV_MEDIUM, G_ID,
     "This names a place. Together with other details, a place can show who you mean.", "[PLACE]"},
    {TACT_TYPE_PHONE, "phone", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This is a phone number. A phone number identifies its owner.", "[PHONE]"},
    {TACT_TYPE_EMAIL, "email", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This is an email address. An email address identifies its owner.", "[EMAIL]"},
    {TACT_TYPE_DATE_OF_BIRTH, "date_of_birth", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This looks like a date of birth. A date of birth is a strong identifier.", "[DOB]"},
    {TACT_TYPE_AGE, "age", TACT_CAT_IDENTIFIER, TACT_SEV_MEDIUM, G_ID,
     "This gives someone's age. With other details, an age helps identify a person.", "[AGE]"},
    {TACT_TYPE_NHS_NUMBER, "nhs_number", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This is an NHS number. It identifies one patient and must never be shared.", "[NHS NUMBER]"},
    {TACT_TYPE_NI_NUMBER, "ni_number", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This is a National Insurance number. It identifies one person and must never be shared.",
     "[NI NUMBER]"},
    {TACT_TYPE_CASE_REFERENCE, "case_reference", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This looks like a case or reference number from a record system or court.", "[CASE REF]"},
    {TACT_TYPE_SCHOOL, "school", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This names a school or nursery. A school narrows down which child you mean.", "[SCHOOL]"},
    {TACT_TYPE_ORGANISATION, "organisation", TACT_CAT_IDENTIFIER, TACT_SEV_MEDIUM, G_ID,
     "This names an organisation such as a care home, team or council.", "[ORGANISATION]"},
    {TACT_TYPE_HANDLE, "handle", TACT_CAT_IDENTIFIER, TACT_SEV_MEDIUM, G_ID,
     "This is a social media handle. It points to one person's account.", "[HANDLE]"},
    {TACT_TYPE_URL, "url", TACT_CAT_IDENTIFIER, TACT_SEV_MEDIUM, G_ID,
     "This is a link. Links can lead to a person's profile or to details about them.", "[LINK]"},
    {TACT_TYPE_GEO_COORDINATES, "geo_coordinates", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "These are map coordinates. They can pinpoint a home to within a few metres.", "[LOCATION]"},
    {TACT_TYPE_VEHICLE_REGISTRATION, "vehicle_registration", TACT_CAT_IDENTIFIER, TACT_SEV_HIGH, G_ID,
     "This looks like a vehicle registration. A number plate identifies the car's keeper.",
     "[VEHICLE]"},
    {TACT_TYPE_CASE_DISCUSSION, "case_discussion", TACT_CAT_CONDUCT, TACT_SEV_HIGH,
     G_ID | TACT_GUIDE_HCPC_3,
     "This describes work with a particular person or family. Case details belong in records "
     "and supervision, not on social media, even without a name.",
     "Remove the case details, or take the question to supervision."},
    {TACT_TYPE_ABUSE, "abuse", TACT_CAT_CONDUCT, TACT_SEV_HIGH, G_CONDUCT,
     "This is abusive or offensive language. Posting it can be a conduct matter.",
     "Remove or rephrase this."},
    {TACT_TYPE_DEROGATORY, "derogatory", TACT_CAT_CONDUCT, TACT_SEV_HIGH,
     G_CONDUCT | TACT_GUIDE_HCPC_1,
     "This talks about people you work with in a demeaning way.",
     "Remove this. Talk it through with a colleague or in supervision instead."},
    {TACT_TYPE_DISCRIMINATION, "discrimination", TACT_CAT_CONDUCT, TACT_SEV_HIGH,
     G_CONDUCT | TACT_GUIDE_HCPC_1,
     "This is discriminatory language or hostility about a group of people.",
     "Remove this."},
    {TACT_TYPE_COLLEAGUE_CRITICISM, "colleague_criticism", TACT_CAT_CONDUCT, TACT_SEV_MEDIUM,
     G_CONDUCT,
     "This criticises colleagues, managers or partner agencies in public.",
     "Raise it through your manager or supervision rather than online."},
    {TACT_TYPE_VENTING, "venting", TACT_CAT_CONDUCT, TACT_SEV_LOW, TACT_GUIDE_HCPC_13 | TACT_GUIDE_HCPC_SM,
     "This vents frustration about the job, the employer or the system. Think about how it "
     "reads to the people you work with.",
     "Consider whether to post this; peer support or supervision may help more."},
    {TACT_TYPE_BOUNDARY, "boundary", TACT_CAT_CONDUCT, TACT_SEV_HIGH,
     TACT_GUIDE_HCPC_1 | TACT_GUIDE_HCPC_3 | TACT_GUIDE_HCPC_SM,
     "This crosses a professional boundary: personal contact or social media links with "
     "people you work with.",
     "Keep contact with service users to work channels."},
    {TACT_TYPE_PROTECTED_PERSON, "protected_person", TACT_CAT_REGISTER, TACT_SEV_HIGH, G_ID,
     "This matches someone on your protected-people register.", "[NAME]"},
};

const tact__type_info *tact__type_info_get(tact_type t)
{
    /* the table is in the order of the enum, whose values have gaps (0-16,
     * 32-38, 64): try where t would be, then look for it */
    const size_t nt = sizeof types / sizeof types[0];
    size_t guess = (size_t)t < 17 ? (size_t)t : (size_t)t - 15;
    if (guess < nt && types[guess].type == t)
        return &types[guess];
    for (size_t i = 0; i < nt; i++)
        if (types[i].type == t)
            return &types[i];
    return NULL;
}

const char *tact_type_name(tact_type t)
{
    const tact__type_info *ti = tact__type_info_get(t);
    return ti ? ti->name : "unknown";
}

int tact_type_from_name(const char *name, size_t len, tact_type *out)
{
    if (!name || !out)
        return TACT_EINVAL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].name) == len && memcmp(types[i].name, name, len) == 0) {
            *out = types[i].type;
            return TACT_OK;
        }
    return TACT_EINVAL;
}

tact_category tact_type_category(tact_type t)
{
    const tact__type_info *ti = tact__type_info_get(t);
    return ti ? ti->category : TACT_CAT_IDENTIFIER;
}

const char *tact_category_name(tact_category c)
{
    switch (c) {
    case TACT_CAT_IDENTIFIER: return "identifier";
    case TACT_CAT_CONDUCT: return "conduct";
    case TACT_CAT_REGISTER: return "register";
    }
    return "unknown";
}

const char *tact_severity_name(tact_severity s)
{
    switch (s) {
    case TACT_SEV_LOW: return "low";
    case TACT_SEV_MEDIUM: return "medium";
    case TACT_SEV_HIGH: return "high";
    }
    return "unknown";
}

const char *tact_verdict_name(tact_verdict v)
{
    switch (v) {
    case TACT_VERDICT_OK: return "ok";
    case TACT_VERDICT_REVIEW: return "review";
    case TACT_VERDICT_BLOCK: return "block";
    }
    return "unknown";
}

static const struct {
    unsigned bit;
    const char *id, *title;
} guides[] = {
    {TACT_GUIDE_HCPC_1, "HCPC-1", "Act in the best interests of service users"},
    {TACT_GUIDE_HCPC_2, "HCPC-2", "Respect the confidentiality of service users"},
    {TACT_GUIDE_HCPC_3, "HCPC-3", "Keep high standards of personal conduct"},
    {TACT_GUIDE_HCPC_13, "HCPC-13",
     "Behave with honesty and integrity and make sure your behaviour does not damage public "
     "confidence in you or your profession"},
    {TACT_GUIDE_HCPC_SM, "HCPC-SM", "HCPC guidance on social media"},
};

const char *tact_guidance_id(unsigned bit)
{
    for (size_t i = 0; i < sizeof guides / sizeof guides[0]; i++)
        if (guides[i].bit == bit)
            return guides[i].id;
    return NULL;
}

const char *tact_guidance_title(unsigned bit)
{
    for (size_t i = 0; i < sizeof guides / sizeof guides[0]; i++)
        if (guides[i].bit == bit)
            return guides[i].title;
    return NULL;
}

int tact__add(tact_scanner *sc, size_t start, size_t end, tact_type type, int severity,
              float confidence, const char *rule, const char *message, const char *suggestion)
{
    const tact__type_info *ti = tact__type_info_get(type);
    if (!ti || start >= end || end > sc->len)
        return TACT_EINTERNAL;
    if (sc->ncand == sc->cand_cap &&
        tact__grow(&sc->a, (void **)&sc->cand, &sc->cand_cap, sc->ncand + 1, sizeof *sc->cand))
        return TACT_ENOMEM;
    tact__finding *c = &sc->cand[sc->ncand++];
    memset(c, 0, sizeof *c);
    c->f.start = start;
    c->f.end = end;
    c->f.type = type;
    c->f.category = ti->category;
    c->f.severity = severity < 0 ? ti->severity : (tact_severity)severity;
    c->f.confidence = confidence < 0.f ? 0.f : (confidence > 1.f ? 1.f : confidence);
    c->f.guidance = ti->guidance;
    c->f.rule = rule ? rule : ti->name;
    c->f.message = message ? message : ti->message;
    c->f.suggestion = suggestion ? suggestion : ti->placeholder;
    c->tok_first = c->tok_last = UINT32_MAX;
    return TACT_OK;
}

/* How specific an identifier type is: a validated number beats a guessed
 * name when their spans overlap. */
static int type_rank(tact_type t)
{
    switch (t) {
    case TACT_TYPE_PROTECTED_PERSON:
        return 5;
    case TACT_TYPE_EMAIL: case TACT_TYPE_URL: case TACT_TYPE_NHS_NUMBER: case TACT_TYPE_NI_NUMBER:
    case TACT_TYPE_GEO_COORDINATES:
        return 4;
    case TACT_TYPE_PHONE: case TACT_TYPE_POSTCODE: case TACT_TYPE_DATE_OF_BIRTH:
    case TACT_TYPE_CASE_REFERENCE: case TACT_TYPE_VEHICLE_REGISTRATION: case TACT_TYPE_HANDLE:
        return 3;
    case TACT_TYPE_ADDRESS: case TACT_TYPE_SCHOOL: case TACT_TYPE_ORGANISATION: case TACT_TYPE_AGE:
        return 2;
    default:
        return 1;
    }
}

static int cmp_rank(const void *pa, const void *pb)
{
    const tact__finding *a = pa, *b = pb;
    int ra = type_rank(a->f.type), rb = type_rank(b->f.type);
    if (ra != rb)
        return rb - ra;
    size_t la = a->f.end - a->f.start, lb = b->f.end - b->f.start;
    if (la != lb)
        return la < lb ? 1 : -1;
    if (a->f.confidence != b->f.confidence)
        return a->f.confidence < b->f.confidence ? 1 : -1;
    if (a->f.start != b->f.start)
        return a->f.start < b->f.start ? -1 : 1;
    return (int)a->f.type - (int)b->f.type;
}

int tact__finding_cmp_pos(const void *pa, const void *pb)
{
    const tact_finding *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return (int)a->type - (int)b->type;
}

static bool is_identifier(const tact_finding *f)
{
    return f->category != TACT_CAT_CONDUCT;
}

static int cmp_type_pos(const void *pa, const void *pb)
{
    const tact__finding *a = pa, *b = pb;
    if (a->f.type != b->f.type)
        return (int)a->f.type - (int)b->f.type;
    if (a->f.start != b->f.start)
        return a->f.start < b->f.start ? -1 : 1;
    return a->f.end < b->f.end ? -1 : (a->f.end > b->f.end);
}

/* The bits [lo, hi) of one 64-bit word, 0 <= lo < hi <= 64. */
static uint64_t span_bits(size_t lo, size_t hi)
{
    uint64_t below_hi = hi == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1;
    return below_hi & ~(((uint64_t)1 << lo) - 1);
}

/* Whether no bit of [a, b) is set in the bitmap u, a word at a time. */
static bool span_free(const uint64_t *u, size_t a, size_t b)
{
    if (a >= b)
        return true;
    size_t wa = a >> 6, wb = (b - 1) >> 6;
    for (size_t w = wa; w <= wb; w++) {
        size_t lo = w == wa ? (a & 63) : 0, hi = w == wb ? ((b - 1) & 63) + 1 : 64;
        if (u[w] & span_bits(lo, hi))
            return false;
    }
    return true;
}

/* Set the bits [a, b) of u. */
static void span_mark(uint64_t *u, size_t a, size_t b)
{
    if (a >= b)
        return;
    size_t wa = a >> 6, wb = (b - 1) >> 6;
    for (size_t w = wa; w <= wb; w++) {
        size_t lo = w == wa ? (a & 63) : 0, hi = w == wb ? ((b - 1) & 63) + 1 : 64;
        u[w] |= span_bits(lo, hi);
    }
}

/*
 * Speed: a post has a handful of findings, and qsort costs more to set up
 * than such a sort. glibc's qsort is a stable merge sort (and any stable
 * sort gives the same order), so a stable insertion sort up to SORT_SMALL
 * elements gives the order qsort gives; larger arrays go to qsort.
 */
#define SORT_SMALL 24

/* Sort n elements of the given size (at most sizeof(tact__finding)),
 * stably; candidates and findings both. */
static void sort_small(void *base, size_t n, size_t size,
                       int (*cmp)(const void *, const void *))
{
    if (n > SORT_SMALL) {
        qsort(base, n, size, cmp);
        return;
    }
    unsigned char *a = base;
    unsigned char t[sizeof(tact__finding) > sizeof(tact_finding) ? sizeof(tact__finding)
                                                                   : sizeof(tact_finding)];
    for (size_t i = 1; i < n; i++) {
        if (cmp(a + (i - 1) * size, a + i * size) <= 0)
            continue;
        memcpy(t, a + i * size, size);
        size_t j = i;
        while (j > 0 && cmp(a + (j - 1) * size, t) > 0) {
            memcpy(a + j * size, a + (j - 1) * size, size);
            j--;
        }
        memcpy(a + j * size, t, size);
    }
}

/*
 * Identifiers may not overlap each other: the most specific, then longest,
 * then most confident wins (greedy over a byte bitmap, so the cost is the
 * total length of the spans, not the square of their number). Conduct
 * findings of the same type that overlap are merged into one span;
 * different conduct types may overlap anything.
 */
int tact__findings_resolve(tact_scanner *sc)
{
    sc->nfindings = 0;
    if (sc->ncand == 0)
        return TACT_OK;
    if (tact__grow(&sc->a, (void **)&sc->findings, &sc->findings_cap, sc->ncand,
                   sizeof *sc->findings))
        return TACT_ENOMEM;
    /* split: identifiers first, conduct after */
    size_t nid = 0;
    for (size_t i = 0; i < sc->ncand; i++)
        if (is_identifier(&sc->cand[i].f)) {
            if (nid != i) { /* (a swap with itself changes nothing) */
                tact__finding t = sc->cand[nid];
                sc->cand[nid] = sc->cand[i];
                sc->cand[i] = t;
            }
            nid++;
        }
    if (nid) {
        sort_small(sc->cand, nid, sizeof *sc->cand, cmp_rank);
        size_t words = sc->len / 64 + 1;
        uint64_t *used = tact__scratch(sc, words * sizeof *used);
        if (!used)
            return TACT_ENOMEM;
        memset(used, 0, words * sizeof *used);
        for (size_t i = 0; i < nid; i++) {
            tact_finding *f = &sc->cand[i].f;
            if (!span_free(used, f->start, f->end))
                continue;
            span_mark(used, f->start, f->end);
            sc->findings[sc->nfindings++] = *f;
        }
    }
    size_t ncon = sc->ncand - nid;
    if (ncon) {
        tact__finding *c = sc->cand + nid;
        sort_small(c, ncon, sizeof *c, cmp_type_pos);
        for (size_t i = 0; i < ncon; i++) {
            tact_finding *f = &c[i].f;
            tact_finding *g = sc->nfindings ? &sc->findings[sc->nfindings - 1] : NULL;
            if (g && !is_identifier(g) && g->type == f->type && f->start < g->end) {
                if (f->end > g->end)
                    g->end = f->end;
                if (f->severity > g->severity)
                    g->severity = f->severity;
                if (f->confidence > g->confidence)
                    g->confidence = f->confidence;
                continue;
            }
            sc->findings[sc->nfindings++] = *f;
        }
    }
    if (sc->nfindings > 1) /* qsort of a NULL array is undefined even when empty */
        sort_small(sc->findings, sc->nfindings, sizeof *sc->findings, tact__finding_cmp_pos);
    return TACT_OK;
}
