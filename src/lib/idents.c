/*
 * idents.c - the structured identifier detectors: compile the cue-word
 * lexicon from data/ident_words.txt, shared token helpers, and the driver
 * that runs each detector (idents_*.c) over a post.
 */
#include "idents.h"
#include "tinfo.h"

static const struct {
    const char *name;
    uint32_t bit;
} sections[] = {
    {"phone_cue", IX_PHONE_CUE},     {"dob_cue", IX_DOB_CUE},
    {"example", IX_EXAMPLE},         {"school", IX_SCHOOL},
    {"org_home", IX_ORG_HOME},       {"care_cue", IX_CARE_CUE},
    {"facility", IX_FACILITY},       {"council_kind", IX_COUNCIL_KIND},
    {"case_cue", IX_CASE_CUE},       {"noncase_ref", IX_NONCASE_REF},
    {"vehicle", IX_VEHICLE},         {"person_noun", IX_PERSON_NOUN},
    {"unit", IX_UNIT},               {"generic", IX_GENERIC},
    {"team", IX_TEAM},               {"event", IX_EVENT},
    {"place_noun", IX_PLACE_NOUN},   {"not_general", IX_NOT_GENERAL},
    {"title_word", IX_TITLE_WORD},   {"helpline", IX_HELPLINE},
};

static uint32_t section_bit(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strlen(sections[i].name) == n && memcmp(sections[i].name, s, n) == 0)
            return sections[i].bit;
    return 0;
}

/*
 * data/ident_words.txt: "[section]" lines, then words separated by white
 * space, lower case. '#' starts a comment line.
 */
static int load_words(const tact__alloc *a, tact__lex *lx, const char *d, size_t n)
{
    uint32_t bit = 0;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && d[e] != '\n')
            e++;
        size_t s = i;
        i = e + 1;
        while (s < e && (d[s] == ' ' || d[s] == '\t'))
            s++;
        if (s == e || d[s] == '#')
            continue;
        if (d[s] == '[') {
            size_t t = s + 1;
            while (t < e && d[t] != ']')
                t++;
            bit = section_bit(d + s + 1, t - s - 1);
            continue;
        }
        while (s < e) {
            while (s < e && (d[s] == ' ' || d[s] == '\t' || d[s] == '\r'))
                s++;
            size_t w = s;
            while (w < e && d[w] != ' ' && d[w] != '\t' && d[w] != '\r')
                w++;
            if (w > s && bit) {
                int rc = tact__lex_add(a, lx, d + s, w - s, bit);
                if (rc)
                    return rc;
            }
            s = w;
        }
    }
    return TACT_OK;
}

/* the number words of idents_ages.c (numword_prefix), whole (numf) */
static const char *const numwords[] = {
    "one",      "two",     "three",     "four",     "five",     "six",    "seven",
    "eight",    "nine",    "ten",       "eleven",   "twelve",   "thirteen", "fourteen",
    "fifteen",  "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty",    "fifty",   "sixty",     "seventy",  "eighty",   "ninety", NULL};

/* The gate words (idents.h, IG_*): each list is the words its detector's
 * rules compare a token with before anything else. */
static int gate_words(const tact__alloc *a, tact__idents *ix)
{
    static const char *const places[] = {"estate", "estates", "outside", "opposite", "behind",
                                         "the", "general", "royal", "office", "offices",
                                         "court", "courts", NULL};
    static const char *const schools[] = {"unit", "centre", "pru", "high", "at", "from", NULL};
    static const char *const orgs[] = {"home", "services", "service", "supported", "mash",
                                       "camhs", "cmht", "yot", "yos", "shelter", "foodbank",
                                       "refuge", "bank", NULL};
    static const char *const team[] = {"team", "service", NULL};
    static const char *const orgcap[] = {"homecare", "healthcare", "fostering", "care",
                                         "partnership", "hostel", "unit", "ward", "council",
                                         "trust", "board", NULL};
    static const char *const ysgol[] = {"ysgol", "heol", "ffordd", "stryd", "lon",
                                        "rhodfa", "clos", NULL};
    static const char *const flat[] = {"flat", "apartment", "apt", NULL};
    static const char *const ages[] = {"aged", "age", "ages", "of", NULL};
    static const char *const ages_num[] = {"only", "just", "nearly", "almost", "turned",
                                           "turns", "turning", "turn", "is", "was", "are",
                                           "shes", "hes", NULL};
    static const struct {
        const char *const *w;
        uint32_t bit;
    } lists[] = {{places, IG_PLACES}, {schools, IG_SCHOOLS}, {orgs, IG_ORGS},
                 {team, IG_TEAM},     {ages, IG_AGES},       {ages_num, IG_AGES_NUM},
                 {orgcap, IG_ORGCAP}, {ysgol, IG_YSGOL},    {flat, IG_FLAT}};
    int rc = tact__lex_init(a, &ix->gate, 64);
    for (size_t i = 0; rc == TACT_OK && i < sizeof lists / sizeof lists[0]; i++)
        rc = tact__lex_add_all(a, &ix->gate, lists[i].w, lists[i].bit);
    if (rc == TACT_OK)
        rc = tact__ix_web_gate(a, &ix->gate);
    if (rc)
        return rc;
    tact__hf_build(&ix->gatef, &ix->gate);
    memset(&ix->numf, 0, sizeof ix->numf);
    for (size_t i = 0; numwords[i]; i++) {
        size_t b = tact__hf_bit(tact__hash(numwords[i], strlen(numwords[i])));
        ix->numf.w[b >> 6] |= 1ull << (b & 63u);
    }
    for (size_t w = 0; w < TACT__HF_WORDS; w++)
        ix->anyf.w[w] = ix->gatef.w[w] | ix->lexf.w[w] | ix->numf.w[w];
    return TACT_OK;
}

/* Whether some key of lx has hash h (tact__lex_get_h finds only such a
 * key: a token with no bit has none to find). */
static bool has_hash(const tact__lex *lx, uint64_t h)
{
    uint32_t mask = lx->nslots - 1;
    for (uint32_t i = (uint32_t)h & mask, k = 0; lx->nslots && k < lx->nslots;
         i = (i + 1) & mask, k++) {
        if (!lx->slots[i].e1)
            return false;
        if (lx->slots[i].h == h)
            return true;
    }
    return false;
}

size_t tact__ix_tinfo_keys(const tact_ruleset *rs, uint64_t *out, size_t cap)
{
    const tact__idents *ix = rs->idents;
    size_t n = 0;
    if (!ix)
        return 0;
    const tact__lex *lists[] = {&ix->gate, &ix->lex};
    for (size_t l = 0; l < 2; l++)
        for (uint32_t k = 0; k < lists[l]->nslots; k++)
            if (lists[l]->slots[k].e1) {
                if (out && n < cap)
                    out[n] = lists[l]->slots[k].h;
                n++;
            }
    for (size_t i = 0; numwords[i]; i++) {
        if (out && n < cap)
            out[n] = tact__hash(numwords[i], strlen(numwords[i]));
        n++;
    }
    return out && n > cap ? cap : n;
}

uint64_t tact__ix_tinfo_bits(const tact_ruleset *rs, uint64_t h)
{
    const tact__idents *ix = rs->idents;
    uint64_t v = 0;
    if (!ix)
        return 0;
    /* (the filters answer for most hashes: no key of either has them) */
    if (tact__hf_maybe(&ix->gatef, h) && has_hash(&ix->gate, h))
        v |= TI_IX_GATE;
    if (tact__hf_maybe(&ix->lexf, h) && has_hash(&ix->lex, h))
        v |= TI_IX_LEX;
    /* (numf holds every number word's bit: the hashes only behind one) */
    if (tact__hf_maybe(&ix->numf, h))
        for (size_t i = 0; numwords[i]; i++)
            if (tact__hash(numwords[i], strlen(numwords[i])) == h)
                v |= TI_IX_NUM;
    return v;
}

int tact__idents_compile(tact_ruleset *rs, tact_error *err)
{
    (void)err;
    tact__idents *ix = tact__calloc(&rs->a, 1, sizeof *ix);
    if (!ix)
        return TACT_ENOMEM;
    rs->idents = ix;
    tact__ix_postcode_compile(ix);
    tact__ix_web_compile(ix);
    int rc = tact__lex_init(&rs->a, &ix->lex, 1024);
    if (rc)
        return rc;
    size_t n;
    const char *d = tact__data_get("ident_words.txt", &n);
    if (d && (rc = load_words(&rs->a, &ix->lex, d, n)) != TACT_OK)
        return rc;
    tact__hf_build(&ix->lexf, &ix->lex);
    return gate_words(&rs->a, ix);
}

void tact__idents_free(tact_ruleset *rs)
{
    tact__idents *ix = rs->idents;
    if (!ix)
        return;
    tact__lex_free(&rs->a, &ix->lex);
    tact__lex_free(&rs->a, &ix->gate);
    tact__free(&rs->a, ix);
    rs->idents = NULL;
}

uint32_t tact__ix_bits_slow(const tact_scanner *sc, size_t i)
{
    if (i >= sc->ntoks)
        return 0;
    const tact__idents *ix = sc->rs->idents;
    const tact__token *t = &sc->toks[i];
    if (!ix || !ix->lex.count || t->kind == TACT__TOK_PUNCT || t->kind == TACT__TOK_EMOJI)
        return 0;
    return tact__lex_get_h(&ix->lex, sc->norm.p + t->norm_off, t->norm_len, t->hash);
}

size_t tact__ix_tok_before(const tact_scanner *sc, size_t off)
{
    size_t k = tact__tok_after(sc, off);
    /* k is the first token ending after off; the one before it ends <= off */
    return k == 0 ? SIZE_MAX : k - 1;
}

bool tact__ix_cue_near(const tact_scanner *sc, size_t start, size_t end, uint32_t bits,
                       size_t nbefore, size_t nafter)
{
    size_t k = tact__ix_tok_before(sc, start);
    for (size_t m = 0; m < nbefore && k != SIZE_MAX; m++, k--) {
        if (tact__ix_bits(sc, k) & bits)
            return true;
        if (sc->toks[k].shape & TACT__SH_LINE_START)
            break;
        if (k == 0)
            break;
    }
    size_t j = tact__tok_after(sc, end);
    /* tok_after(end) may return a token that contains end; skip tokens starting before end */
    while (j < sc->ntoks && sc->toks[j].start < end)
        j++;
    for (size_t m = 0; m < nafter && j < sc->ntoks; m++, j++) {
        /* (a cue after the span counts within its sentence: "ref
         * 6923232124. No work phone" has none) */
        if (sc->toks[j].shape & (TACT__SH_LINE_START | TACT__SH_SENT_START))
            break;
        if (tact__ix_bits(sc, j) & bits)
            return true;
    }
    return false;
}

bool tact__ix_in_web(const tact_scanner *sc, size_t off)
{
    size_t k = tact__tok_after(sc, off);
    if (k >= sc->ntoks || sc->toks[k].start > off)
        return false;
    unsigned kind = sc->toks[k].kind;
    return kind == TACT__TOK_URL || kind == TACT__TOK_EMAIL || kind == TACT__TOK_HANDLE ||
           kind == TACT__TOK_HASHTAG;
}

bool tact__ix_example_before(const tact_scanner *sc, size_t off)
{
    size_t k = tact__ix_tok_before(sc, off);
    for (size_t m = 0; m < 4 && k != SIZE_MAX; m++, k--) {
        if (tact__ix_bits(sc, k) & IX_EXAMPLE)
            return true;
        /* "e.g." tokenises as e . g . */
        if (ix_is(sc, k, "g") && k >= 2 && ix_is(sc, k - 2, "e"))
            return true;
        if (sc->toks[k].shape & TACT__SH_SENT_START || k == 0)
            break;
    }
    return false;
}

size_t tact__ix_match(const tact_scanner *sc, size_t i, const char *pat)
{
    for (; *pat; pat++) {
        int c = ix_at(sc, i);
        switch (*pat) {
        case 'A':
            if (!ix_upper(c))
                return 0;
            i++;
            break;
        case 'L':
            if (!ix_alpha(c))
                return 0;
            i++;
            break;
        case '9':
            if (!ix_digit(c))
                return 0;
            i++;
            break;
        case '_':
            if (c == ' ')
                i++;
            break;
        case '~':
            if (c == ' ' || c == '-')
                i++;
            break;
        default:
            if (c != (unsigned char)*pat)
                return 0;
            i++;
        }
    }
    return i;
}

/* The offsets of byte c in the text into b (ix_bytes). */
static void find_bytes(const tact_scanner *sc, char c, ix_bytes *b)
{
    b->n = 0;
    b->all = true;
    if (sc->len == 0)
        return;
    const char *s = sc->text, *e = sc->text + sc->len;
    for (const char *p = memchr(s, c, sc->len); p; p = memchr(p + 1, c, (size_t)(e - p - 1))) {
        if (b->n == sizeof b->at / sizeof b->at[0] || (size_t)(p - s) > UINT32_MAX) {
            b->all = false;
            return;
        }
        b->at[b->n++] = (uint32_t)(p - s);
    }
}

/* Whether the n bytes at s hold an ASCII digit. */
static bool ascii_digit_in(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(s[i] - '0') < 10u)
            return true;
    return false;
}

int tact__idents_scan(tact_scanner *sc)
{
    ix_bytes dots, slashes; /* (filled below: find_bytes) */
    ix_post p = {false, false, NULL, NULL, 0, NULL, 0, 0, false, false, &dots, &slashes};
    /* the gate words of every token, once (idents.h); the filter answers
     * "none" for most tokens without the probe */
    const tact__idents *ix = sc->rs->idents;
    /* (in one piece of scratch: the three of uint32_t, then gate) */
    uint32_t *hot = tact__scratch(sc, (sc->ntoks + 1) * (3 * sizeof(uint32_t) + sizeof(uint16_t)));
    if (!hot)
        return TACT_ENOMEM;
    uint32_t *web = hot + (sc->ntoks + 1);
    uint32_t *bits = web + (sc->ntoks + 1);
    uint16_t *gate = (uint16_t *)(void *)(bits + (sc->ntoks + 1));
    size_t nhot = 0, nweb = 0;
    bool dout = false, numword = false;
    uint32_t ixany = 0;
    unsigned kinds = 0; /* bit 1 << kind of every token */
    /* the kinds of the web tokens, by bit */
    const unsigned web_kinds = 1u << TACT__TOK_URL | 1u << TACT__TOK_EMAIL |
                               1u << TACT__TOK_HANDLE | 1u << TACT__TOK_HASHTAG;
    /* the lexicon bits of every token, worked out at tokenize (tinfo.h) */
    const uint64_t *tiv =
        ix && sc->tinfo && sc->rs->tinfo && sc->rs->tinfo->ix == ix ? sc->tinfo : NULL;
    /* (in locals: the calls in the loop do not change them) */
    const tact__token *const toks = sc->toks;
    const size_t nt = sc->ntoks;
    /* (two copies of the loop: with the bits worked out at tokenize, the
     * same answers as the filters and probes of the other) */
    for (size_t k = 0; tiv && k < nt; k++) {
        const tact__token *t = &toks[k];
        uint16_t g = 0;
        uint32_t b = 0;
        const uint64_t v = tiv[k];
        if (v & (TI_IX_GATE | TI_IX_LEX | TI_IX_NUM)) {
            if (v & TI_IX_GATE)
                g = (uint16_t)tact__lex_get_h(&ix->gate, sc->norm.p + t->norm_off, t->norm_len,
                                              t->hash);
            if (v & TI_IX_LEX)
                b = tact__ix_bits(sc, k);
            numword |= (v & TI_IX_NUM) != 0;
        }
        gate[k] = g;
        bits[k] = b;
        ixany |= b;
        unsigned kbit = 1u << t->kind;
        kinds |= kbit;
        if (g || (t->lex & TACT__LX_STREET) || b)
            hot[nhot++] = (uint32_t)k;
        if ((kbit & web_kinds) || (g & IG_PLATFORM))
            web[nweb++] = (uint32_t)k;
        /* a digit outside the web tokens (ix_post.digit_out) */
        unsigned shape = t->shape;
        if (shape & (TACT__SH_HYPHEN | TACT__SH_DIGIT)) {
            if (shape & TACT__SH_HYPHEN)
                numword = true;
            if (shape & TACT__SH_DIGIT) {
                /* (an ASCII token's digit is an ASCII digit; another
                 * token's may be some other script's: its bytes tell) */
                if (!(shape & TACT__SH_NONASCII))
                    p.digit = true;
                else if (!p.digit)
                    p.digit = ascii_digit_in(sc->text + t->start, t->end - t->start);
                if (t->kind == TACT__TOK_EMAIL)
                    dout |= ix_digit((unsigned char)sc->text[t->start]);
                else if (!(kbit & web_kinds))
                    dout = true;
            }
        }
    }
    for (size_t k = 0; !tiv && k < nt; k++) {
        const tact__token *t = &toks[k];
        uint64_t h = t->hash;
        uint16_t g = 0;
        uint32_t b = 0;
        /* (anyf: most tokens are in neither lexicon, told by one test) */
        if (ix && tact__hf_maybe(&ix->anyf, h)) {
            if (tact__hf_maybe(&ix->gatef, h))
                g = (uint16_t)tact__lex_get_h(&ix->gate, sc->norm.p + t->norm_off, t->norm_len, h);
            b = tact__ix_bits(sc, k);
            numword |= tact__hf_maybe(&ix->numf, h);
        } else if (!ix) {
            b = tact__ix_bits(sc, k);
        }
        gate[k] = g;
        bits[k] = b;
        ixany |= b;
        unsigned kbit = 1u << t->kind;
        kinds |= kbit;
        if (g || (t->lex & TACT__LX_STREET) || b)
            hot[nhot++] = (uint32_t)k;
        if ((kbit & web_kinds) || (g & IG_PLATFORM))
            web[nweb++] = (uint32_t)k;
        /* a digit outside the web tokens (ix_post.digit_out) */
        unsigned shape = t->shape;
        if (shape & (TACT__SH_HYPHEN | TACT__SH_DIGIT)) {
            if (shape & TACT__SH_HYPHEN)
                numword = true;
            if (shape & TACT__SH_DIGIT) {
                /* (an ASCII token's digit is an ASCII digit; another
                 * token's may be some other script's: its bytes tell) */
                if (!(shape & TACT__SH_NONASCII))
                    p.digit = true;
                else if (!p.digit)
                    p.digit = ascii_digit_in(sc->text + t->start, t->end - t->start);
                if (t->kind == TACT__TOK_EMAIL)
                    dout |= ix_digit((unsigned char)sc->text[t->start]);
                else if (!(kbit & web_kinds))
                    dout = true;
            }
        }
    }
    p.ixany = ixany;
    p.numword = numword;
    p.numtok = (kinds & (1u << TACT__TOK_NUMBER | 1u << TACT__TOK_ALNUM)) != 0;
    if (!ix)
        p.numword = true; /* no filter: idents_ages.c looks at every word */
    p.gate = gate;
    p.hot = hot;
    p.nhot = nhot;
    p.web = web;
    p.nweb = nweb;
    /* every digit lies in a token (the tokenizer skips only spaces and
     * controls), and TACT__SH_DIGIT marks a token with one: p.digit (an
     * ASCII digit in the text) and dout, found in the loop above, the
     * latter saying one such token is not a web token (or is an email
     * starting with a digit) */
    p.digit_out = p.digit && dout;
    find_bytes(sc, '.', &dots);
    find_bytes(sc, '/', &slashes);
    int rc;
    /* the bits of each token for tact__ix_bits, while the detectors run
     * (the tokens do not change meanwhile) */
    sc->ix_bits = bits;
    if ((rc = tact__ix_web_scan(sc, &p)) != TACT_OK ||
        (rc = tact__ix_numbers_scan(sc, &p)) != TACT_OK ||
        (rc = tact__ix_phone_scan(sc, &p)) != TACT_OK ||
        (rc = tact__ix_postcode_scan(sc, &p)) != TACT_OK ||
        (rc = tact__ix_dates_scan(sc, &p)) != TACT_OK ||
        (rc = tact__ix_address_scan(sc, &p)) != TACT_OK) {
        sc->ix_bits = NULL;
        return rc;
    }
    sc->ix_bits = NULL;
    return TACT_OK;
}
