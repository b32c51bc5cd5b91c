/*
 * redact_general.c - generalise: coarser values that keep a post readable.
 *
 * A date of birth becomes its year, an age a band ("under 5", "a teenager",
 * "in her 80s"), a person "a child" / "a colleague" / "a person" (then "the
 * child" on later mentions), an address "a local address", a school "a
 * local primary school", an organisation "a care home" or "a local
 * council", a place "the local area". Numbers that cannot be coarsened
 * (phone, NHS number...) become a plain description ("a phone number").
 * Where the words around a span would no longer fit ("on 12/03/2015",
 * "the Oakfield Care Home", "her son Jay"), the replaced span is widened
 * over them.
 */
#include "redact.h"

static bool is_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool in_set(const char *s, size_t n, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (tact__rd_ieq(s, n, set[i]))
            return true;
    return false;
}

/* Widen it->rstart over the word before it when that word is in `set`. */
static bool take_word_before(rd_ctx *c, rd_item *it, const char *const *set)
{
    size_t wn, ws = tact__rd_word_before(c, it->rstart, &wn);
    if (ws == SIZE_MAX || ws < c->prev_end || !in_set(c->text + ws, wn, set))
        return false;
    it->rstart = ws;
    return true;
}

/* True when the output at it->rstart starts a sentence. */
static bool sentence_start(const rd_ctx *c, const rd_item *it, const tact__buf *out)
{
    (void)out;
    size_t i = it->rstart;
    while (i > 0 && (c->text[i - 1] == ' ' || c->text[i - 1] == '\t'))
        i--;
    if (i == 0)
        return true;
    char p = c->text[i - 1];
    if (p == '.' && i >= 2 && is_letter(c->text[i - 2]) && (i < 3 || !is_letter(c->text[i - 3])))
        return false; /* "J. Smith": an initial, not the end of a sentence */
    return p == '.' || p == '!' || p == '?' || p == '\n';
}

/* Append phrase, capitalised at the start of a sentence. */
static int put_phrase(rd_ctx *c, const rd_item *it, tact__buf *out, const char *p)
{
    size_t mark = out->len;
    if (tact__buf_puts(&c->sc->a, out, p))
        return TACT_ENOMEM;
    if (out->len > mark && sentence_start(c, it, out) && out->p[mark] >= 'a' && out->p[mark] <= 'z')
        out->p[mark] = (char)(out->p[mark] - 32);
    return TACT_OK;
}

/* Does any word in the window of tokens around the span match the set? */
static bool cue_near(const rd_ctx *c, const rd_item *it, const char *const *set, size_t before,
                     size_t after)
{
    const tact_scanner *sc = c->sc;
    size_t first = tact__tok_after(sc, it->start);
    size_t a = first > before ? first - before : 0;
    for (size_t i = a; i < sc->ntoks && i < first + after; i++) {
        if (sc->toks[i].kind != TACT__TOK_WORD)
            continue;
        size_t n;
        const char *w = tact__tok_norm(sc, i, &n);
        if (in_set(w, n, set))
            return true;
    }
    return false;
}

static const char *pronoun(const rd_ctx *c, const rd_item *it)
{
    int g = tact__rd_gender_near(c, it->end);
    if (g == RD_G_ANY) {
        /* look back a little too: "she is 84" */
        const tact_scanner *sc = c->sc;
        size_t first = tact__tok_after(sc, it->start);
        static const char *const fem[] = {"she", "her", "mum", "mother", "woman", "lady", "girl",
                                          "daughter", "nan", "gran", "mrs", "ms", "miss", NULL};
        static const char *const mal[] = {"he", "his", "him", "dad", "father", "man", "boy",
                                          "son", "grandad", "mr", NULL};
        for (size_t i = first > 8 ? first - 8 : 0; i < first; i++) {
            size_t n;
            const char *w = tact__tok_norm(sc, i, &n);
            if (in_set(w, n, fem))
                g = RD_G_FEMALE;
            else if (in_set(w, n, mal))
                g = RD_G_MALE;
        }
    }
    return g == RD_G_FEMALE ? "her" : (g == RD_G_MALE ? "his" : "their");
}

static const char *const articles[] = {"the", "a", "an", NULL};

/* ---- people ---------------------------------------------------------------- */

static int general_person(rd_ctx *c, rd_item *it, tact__buf *out)
{
    static const char *const relations[] = {
        "son", "daughter", "mum", "dad", "mother", "father", "brother", "sister", "nan", "gran",
        "grandad", "grandma", "grandpa", "partner", "husband", "wife", "boyfriend", "girlfriend",
        "baby", "child", "client", "carer", "stepdad", "stepmum", "niece", "nephew", "cousin",
        "uncle", "aunt", "auntie", "foster", "colleague", "manager", "worker", "leaver",
        "user", "resident", "patient", "pupil", "student", "learner", "friend", "neighbour",
        "lad", "kid", "boy", "girl", "toddler", "teenager", NULL};
    static const char *const child_cues[] = {
        "child", "children", "kid", "kids", "son", "daughter", "boy", "girl", "baby", "toddler",
        "teen", "teenager", "school", "nursery", "foster", "placement", "lac", "cla", "cp",
        "yp", "young", "pupil", "year-old", "yo", "missing", "mum", "dad", "parents", NULL};
    static const char *const colleague_cues[] = {"colleague", "colleagues", "manager", "team",
                                                 "worker", "sw", "swer", "boss", "supervisor",
                                                 "senior", "practitioner", "nurse", "officer",
                                                 NULL};
    static const char *const family[] = {"family", "kids", "children", "boys", "girls", "lot",
                                         "household", "twins", "siblings", NULL};
    const char *t = c->text;
    /* "her son Jay" -> "her son": the name is only an apposition */
    size_t wn, ws = tact__rd_word_before(c, it->start, &wn);
    if (ws != SIZE_MAX && ws >= c->prev_end && in_set(t + ws, wn, relations)) {
        it->rstart = ws + wn;
        return TACT_OK;
    }
    /* "the Dyer kids" -> "the kids" */
    size_t e = it->end;
    while (e > it->start && is_letter(t[e - 1]))
        e--;
    if (e < it->end && in_set(t + e, it->end - e, family) &&
        (tact__rd_ieq(t + it->start, 4, "the ") || take_word_before(c, it, articles))) {
        if (tact__buf_puts(&c->sc->a, out, "the ") ||
            tact__buf_put(&c->sc->a, out, t + e, it->end - e))
            return TACT_ENOMEM;
        return TACT_OK;
    }
    /* "Mr and Mrs Khan" -> "a couple" */
    size_t lab = tact__rd_labels(c, it->start, it->type);
    if (lab < it->start && c->pending_adj == NULL) {
        it->rstart = lab;
        return put_phrase(c, it, out, it->first_mention ? "a couple" : "the couple");
    }
    const char *noun = it->entity < c->nents ? c->ent_noun[it->entity] : NULL;
    size_t tn = 0;
    while (it->start + tn < it->end && is_letter(t[it->start + tn]))
        tn++;
    if (noun)
        ;
    else if (tact__rd_ieq(t + it->start, tn, "mr"))
        noun = "man";
    else if (tact__rd_ieq(t + it->start, tn, "mrs") || tact__rd_ieq(t + it->start, tn, "ms") ||
             tact__rd_ieq(t + it->start, tn, "miss"))
        noun = "woman";
    else if (cue_near(c, it, colleague_cues, 3, 8))
        noun = "colleague";
    else if (cue_near(c, it, child_cues, 8, 12))
        noun = "child";
    else
        noun = "person";
    if (it->entity < c->nents)
        c->ent_noun[it->entity] = noun;
    char phrase[64];
    if (c->pending_adj) {
        /* "8yo Callum" -> "a primary-age child" */
        bool adult = strcmp(c->pending_adj, "adult") == 0 || strcmp(c->pending_adj, "older") == 0;
        it->rstart = c->prev_end;
        snprintf(phrase, sizeof phrase, "%s %s %s", adult ? "an" : "a", c->pending_adj,
                 strcmp(noun, "person") == 0 && !adult ? "child" : noun);
        c->pending_adj = NULL;
        rd_item at = *it;
        at.rstart = c->pending_at;
        size_t mark = out->len;
        if (put_phrase(c, &at, out, phrase))
            return TACT_ENOMEM;
        (void)mark;
        return TACT_OK;
    }
    /* an article before the name belongs to the new phrase */
    take_word_before(c, it, articles);
    snprintf(phrase, sizeof phrase, "%s %s", it->first_mention ? "a" : "the", noun);
    return put_phrase(c, it, out, phrase);
}

/* ---- ages and dates ----------------------------------------------------------- */

static int general_age(rd_ctx *c, rd_item *it, tact__buf *out)
{
    static const char *const aged[] = {"aged", "age", NULL};
    static const char *const stop[] = {"and", "with", "who", "was", "is", "has", "had", "in",
                                       "at", "on", "from", "to", "but", "or", "so", NULL};
    const char *t = c->text;
    size_t i = it->start;
    while (i < it->end && !(t[i] >= '0' && t[i] <= '9'))
        i++;
    if (i == it->end)
        return put_phrase(c, it, out, "a young age");
    unsigned a = 0;
    for (size_t j = i; j < it->end && t[j] >= '0' && t[j] <= '9' && j - i < 4; j++)
        a = a * 10 + (unsigned)(t[j] - '0');
    bool months = false, adj = false;
    for (size_t j = i; j + 5 <= it->end; j++)
        if (tact__rd_ieq(t + j, 5, "month"))
            months = true;
    if (months)
        a = 0;
    /* "a 15-year-old girl" is an adjective; "a 15 year old" a noun phrase */
    bool has_old = false;
    for (size_t j = i; j + 2 <= it->end; j++)
        if ((j + 3 <= it->end && tact__rd_ieq(t + j, 3, "old")) || tact__rd_ieq(t + j, 2, "yo"))
            has_old = true;
    size_t wn, ws = tact__rd_word_before(c, it->start, &wn);
    bool det = ws != SIZE_MAX && ws >= c->prev_end &&
               (tact__rd_ieq(t + ws, wn, "a") || tact__rd_ieq(t + ws, wn, "an"));
    if (has_old && det) {
        size_t k = it->end;
        while (k < c->len && t[k] == ' ')
            k++;
        size_t e = k;
        while (e < c->len && is_letter(t[e]))
            e++;
        adj = e > k && !in_set(t + k, e - k, stop); /* "a 17-year-old Syrian care leaver" */
        it->rstart = ws; /* the article is rewritten with the phrase */
        const char *p;
        if (adj)
            p = a < 5 ? "a young" : a < 11 ? "a primary-age" : a < 18 ? "a teenage"
                : a < 65 ? "an adult" : "an older";
        else
            p = a < 5 ? "a child under 5" : a < 11 ? "a primary-age child" : a < 18 ? "a teenager"
                : a < 65 ? "an adult" : "an older person";
        return put_phrase(c, it, out, p);
    }
    if (has_old && !det) {
        size_t k = it->end;
        while (k < c->len && t[k] == ' ')
            k++;
        if (k < c->len && t[k] >= 'A' && t[k] <= 'Z') {
            /* "8yo Callum": the name that follows carries the band */
            c->pending_at = it->start;
            c->pending_adj = a < 5 ? "young" : a < 11 ? "primary-age" : a < 18 ? "teenage"
                             : a < 65 ? "adult" : "older";
            return TACT_OK;
        }
    }
    take_word_before(c, it, aged);
    char buf[48];
    if (a < 5)
        snprintf(buf, sizeof buf, "under 5");
    else if (a < 11)
        snprintf(buf, sizeof buf, "of primary school age");
    else if (a < 13)
        snprintf(buf, sizeof buf, "nearly a teenager");
    else if (a < 20)
        snprintf(buf, sizeof buf, "in %s teens", pronoun(c, it));
    else
        snprintf(buf, sizeof buf, "in %s %us", pronoun(c, it), a / 10 * 10);
    return put_phrase(c, it, out, buf);
}

static int general_dob(rd_ctx *c, rd_item *it, tact__buf *out)
{
    static const char *const on[] = {"on", NULL};
    const char *t = c->text;
    unsigned year = 0;
    bool cue = false;
    for (size_t i = it->start; i < it->end; i++) {
        if (is_letter(t[i]) && (i == it->start || !is_letter(t[i - 1]))) {
            size_t j = i;
            while (j < it->end && is_letter(t[j]))
                j++;
            if (tact__rd_ieq(t + i, j - i, "dob") || tact__rd_ieq(t + i, j - i, "born") ||
                tact__rd_ieq(t + i, j - i, "d"))
                cue = true;
        }
        if (t[i] >= '0' && t[i] <= '9' && (i == it->start || !(t[i - 1] >= '0' && t[i - 1] <= '9'))) {
            size_t j = i;
            unsigned v = 0;
            while (j < it->end && t[j] >= '0' && t[j] <= '9' && j - i < 5)
                v = v * 10 + (unsigned)(t[j++] - '0');
            if (j - i == 4 && v >= 1900 && v <= 2100)
                year = v;
            else if (j - i == 2 && j == it->end && !year)
                year = v + (v > 30 ? 1900 : 2000);
        }
    }
    if (!year)
        return put_phrase(c, it, out, cue ? "born in a year not shown" : "a date");
    char buf[40];
    static const char *const born[] = {"born", NULL};
    bool had_on = take_word_before(c, it, on);
    size_t bn, bs = tact__rd_word_before(c, it->rstart, &bn);
    if (!had_on && bs != SIZE_MAX && tact__rd_ieq(c->text + bs, bn, "born"))
        had_on = true;
    (void)born;
    snprintf(buf, sizeof buf, cue ? "born in %u" : (had_on ? "in %u" : "%u"), year);
    return put_phrase(c, it, out, buf);
}

/* ---- places and organisations --------------------------------------------------- */

static bool span_has(const rd_ctx *c, const rd_item *it, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = it->start; i + n <= it->end; i++)
        if ((i == it->start || !is_letter(c->text[i - 1])) && tact__rd_ieq(c->text + i, n, w) &&
            (i + n == it->end || !is_letter(c->text[i + n])))
            return true;
    return false;
}

static int general_school(rd_ctx *c, rd_item *it, tact__buf *out)
{
    take_word_before(c, it, articles);
    const char *p = "a local school";
    if (span_has(c, it, "nursery") || span_has(c, it, "preschool") || span_has(c, it, "pre-school"))
        p = "a local nursery";
    else if (span_has(c, it, "primary") || span_has(c, it, "infant") ||
             span_has(c, it, "infants") || span_has(c, it, "junior") || span_has(c, it, "juniors"))
        p = "a local primary school";
    else if (span_has(c, it, "secondary") || span_has(c, it, "high") ||
             span_has(c, it, "academy") || span_has(c, it, "grammar") ||
             span_has(c, it, "comprehensive"))
        p = "a local secondary school";
    else if (span_has(c, it, "college") || span_has(c, it, "sixth"))
        p = "a local college";
    return put_phrase(c, it, out, p);
}

static int general_org(rd_ctx *c, rd_item *it, tact__buf *out)
{
    take_word_before(c, it, articles);
    const char *p = "a local organisation";
    if (span_has(c, it, "care") || span_has(c, it, "nursing") || span_has(c, it, "residential"))
        p = "a care home";
    else if (span_has(c, it, "council") || span_has(c, it, "borough"))
        p = "a local council";
    else if (span_has(c, it, "hospital") || span_has(c, it, "infirmary") ||
             span_has(c, it, "ward"))
        p = "a local hospital";
    else if (span_has(c, it, "team") || span_has(c, it, "service") || span_has(c, it, "services"))
        p = "a local team";
    else if (span_has(c, it, "court"))
        p = "a court";
    else if (span_has(c, it, "police") || span_has(c, it, "constabulary"))
        p = "the police";
    else if (span_has(c, it, "trust") || span_has(c, it, "nhs"))
        p = "a local trust";
    else if (span_has(c, it, "surgery") || span_has(c, it, "practice"))
        p = "a local surgery";
    else if (span_has(c, it, "house") || span_has(c, it, "lodge") || span_has(c, it, "home"))
        p = "a care home";
    return put_phrase(c, it, out, p);
}

/* A postcode or place just after an address adds nothing once the address
 * is "a local address": it merges into the previous replacement. */
static bool follows_address(const rd_ctx *c, const rd_item *it, tact_type prev)
{
    if (prev != TACT_TYPE_ADDRESS || c->prev_end == 0)
        return false;
    for (size_t i = c->prev_end; i < it->start; i++)
        if (c->text[i] != ' ' && c->text[i] != ',')
            return false;
    return true;
}

int tact__rd_general(rd_ctx *c, rd_item *it, tact__buf *out)
{
    static const char *const case_words[] = {"case", "no", "number", "ref", "reference", "crn",
                                             "id", NULL};
    static const char *const nhs_words[] = {"nhs", "no", "number", NULL};
    static const char *const ni_words[] = {"ni", "nino", "no", "number", NULL};
    if (c->pending_adj) {
        bool adjacent = it->type == TACT_TYPE_PERSON || it->type == TACT_TYPE_PROTECTED_PERSON;
        for (size_t i = c->prev_end; i < it->start && adjacent; i++)
            adjacent = c->text[i] == ' ';
        if (!adjacent)
            c->pending_adj = NULL;
    }
    switch (it->type) {
    case TACT_TYPE_PERSON:
    case TACT_TYPE_PROTECTED_PERSON: return general_person(c, it, out);
    case TACT_TYPE_AGE: return general_age(c, it, out);
    case TACT_TYPE_DATE_OF_BIRTH: return general_dob(c, it, out);
    case TACT_TYPE_ADDRESS:
        take_word_before(c, it, articles);
        return put_phrase(c, it, out, "a local address");
    case TACT_TYPE_POSTCODE:
    case TACT_TYPE_LOCATION:
        if (follows_address(c, it, c->prev_type)) {
            it->rstart = c->prev_end;
            return TACT_OK;
        }
        if (it->type == TACT_TYPE_POSTCODE) {
            static const char *const preps[] = {"in", "at", "near", "from", "around", NULL};
            size_t pn, ps = tact__rd_word_before(c, it->start, &pn);
            if (ps != SIZE_MAX && !in_set(c->text + ps, pn, preps)) {
                /* "Swindon SN3 4QT": the town says enough */
                it->rstart = it->start;
                while (it->rstart > c->prev_end &&
                       (c->text[it->rstart - 1] == ' ' || c->text[it->rstart - 1] == ','))
                    it->rstart--;
                return TACT_OK;
            }
        }
        if (it->start > 0 && c->text[it->start - 1] == '#') {
            /* "#Bristol": the tag goes */
            it->rstart = it->start - 1;
            while (it->rstart > c->prev_end && c->text[it->rstart - 1] == ' ')
                it->rstart--;
            return TACT_OK;
        }
        take_word_before(c, it, articles);
        return put_phrase(c, it, out, "the local area");
    case TACT_TYPE_SCHOOL: return general_school(c, it, out);
    case TACT_TYPE_ORGANISATION: return general_org(c, it, out);
    case TACT_TYPE_PHONE: return put_phrase(c, it, out, "a phone number");
    case TACT_TYPE_EMAIL: return put_phrase(c, it, out, "an email address");
    case TACT_TYPE_NHS_NUMBER:
        while (take_word_before(c, it, nhs_words))
            ;
        return put_phrase(c, it, out, "an NHS number");
    case TACT_TYPE_NI_NUMBER:
        while (take_word_before(c, it, ni_words))
            ;
        return put_phrase(c, it, out, "an NI number");
    case TACT_TYPE_CASE_REFERENCE:
        while (take_word_before(c, it, case_words))
            ;
        return put_phrase(c, it, out, "a case number");
    case TACT_TYPE_HANDLE: return put_phrase(c, it, out, "someone");
    case TACT_TYPE_URL: return put_phrase(c, it, out, "a link");
    case TACT_TYPE_GEO_COORDINATES: return put_phrase(c, it, out, "a location");
    case TACT_TYPE_VEHICLE_REGISTRATION: return put_phrase(c, it, out, "a car");
    default: return put_phrase(c, it, out, "someone");
    }
}
