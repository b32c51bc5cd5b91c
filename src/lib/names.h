/*
 * names.h - what the files of the names subsystem share: people and places
 * in informal text.
 *
 *   names.c         driver: compile, scan, turning marked spans into findings
 *   names_public.c  public figures, authors, inquiries, brands: spans that
 *                   must not be reported as people or places
 *   names_cues.c    domain cue rules: titles, kin and role words, nicknames,
 *                   family names, initials, hashtags, places in context
 *   names_context.c households, hyphenated names and places, and cities in
 *                   a post about someone (after the tagger)
 *   tagger.c        the statistical sequence tagger (averaged perceptron,
 *                   BIO tags for PER and LOC, hashed features)
 */
#ifndef TACT_NAMES_H
#define TACT_NAMES_H

#include "internal.h"
#include "lexicon.h"
#include "tagger.h"
#include "idents_filter.h"

/* Per-token marks set by names_public.c. */
#define NM_BLOCK_PUBLIC 1u /* a public figure, author or inquiry */
#define NM_BLOCK_BRAND 2u  /* a brand or organisation word */

/* The cue word lists of names_public.c and names_cues.c, one bit each: the
 * scan looks every token up once (names_ctx.cls) instead of comparing it
 * with every word of every list. */
#define NL_SAID (1u << 0)     /* said_verbs */
#define NL_WORK (1u << 1)     /* work_nouns */
#define NL_INTRO (1u << 2)    /* intro_words */
#define NL_OFFICE (1u << 3)   /* office_words */
#define NL_INQUIRY (1u << 4)  /* inquiry_words */
#define NL_NICK (1u << 5)     /* nick_adj */
#define NL_FAMILY (1u << 6)   /* family_nouns */
#define NL_PERSON (1u << 7)   /* person_nouns */
#define NL_FACILITY (1u << 8) /* facility */
#define NL_AREA (1u << 9)     /* area_nouns */
#define NL_ORG (1u << 10)     /* org_words */
#define NL_HOLIDAY (1u << 11) /* holiday_words */
#define NL_HSPAN (1u << 12)   /* holiday_spans */
#define NL_CASE (1u << 13)    /* case_words */
#define NL_TRIP (1u << 14)    /* trip_preps */
#define NL_COMPASS (1u << 15) /* compass_words */
#define NL_PTITLE (1u << 16)  /* public_titles */
#define NL_WORSHIP (1u << 17) /* worship_words */
#define NL_SERVICE (1u << 18) /* service_words */
#define NL_MEDIA (1u << 19)   /* media_words */
#define NL_SPORT (1u << 20)   /* sport_after: "fans", "fc" */
#define NL_VERSUS (1u << 21)  /* "v", "vs" */
#define NL_HBACK (1u << 22)   /* "back", "day": holiday phrase starts */
#define NL_EVENT (1u << 23)   /* event_words: "marathon", "festival" */
#define NL_EVENTW (1u << 24)  /* event words that are ordinary words: "half" */
#define NL_NATION (1u << 25)  /* nation_words: "wales", "cymru", "uk" */
#define NL_DISC (1u << 26)    /* discourse_words: "ok", "honestly", "hi" */
#define NL_DEMONYM (1u << 27) /* demonyms: "welsh", "polish" */
#define NL_SAINT (1u << 28)   /* "st", "saint" */
#define NL_EPONYM (1u << 29)  /* eponyms: "parkinson", "down" (names_public.c) */
#define NL_CONDW (1u << 30)   /* condition_words: "syndrome", "disease" */
#define NL_PLACEPREP (1u << 31) /* place_preps (names_cues.c): "in", "near", "at", "to" ... */

typedef struct names_rules {
    tagger_model *model; /* NULL when no model is embedded */
    tact__lex cue;       /* list word -> NL_* bits */
    tact__hfilter cuef;  /* hashes of cue's keys (idents_filter.h) */
} names_rules;

/* The state of one scan, in the scanner's per-scan arena. */
/* How many heads of multi-word entries a post keeps the answers of
 * (tact__nm_head_probes; more are worked out each time) */
#define NM_HEADS 8

typedef struct names_ctx {
    tact_scanner *sc;
    const tact__lex *words;
    const names_rules *nr;
    uint8_t *block; /* NM_BLOCK_* per token */
    size_t n;       /* tokens */
    uint32_t *cls;  /* NL_* bits per token (words and punctuation) */
    uint32_t any;   /* NL_* bits of all tokens together */
    bool lone;      /* the post is a single word */
    /* speed: facts of the whole post that let names_public.c skip a pass */
    uint32_t lxany; /* lexicon bits (tact__token.lex) of all tokens together */
    bool numtok;    /* some token other than a word starts with a digit */
    /* the tokens, in order, that are capitalised words (nm_cap), in the
     * NL_VERSUS, NL_INTRO, NL_PTITLE or NL_WORSHIP lists, or "dr": the
     * only ones the last loop of tact__names_public_mark starts from */
    uint32_t *capl;
    size_t ncapl;
    uint32_t shany; /* shape bits of all tokens together */
    /* the tokens, in order, with TACT__LX_PUBLIC, TACT__LX_BRAND or
     * TACT__LX_HEAD, or before a possessive: those mark_lists starts from */
    uint32_t *lstl;
    size_t nlstl;
    /* the tokens, in order, where a rule of tact__names_cues_scan may start
     * (nm_cue_own, and the tests on the token after; names.c): the only
     * ones that scan visits */
    uint32_t *cuel;
    size_t ncuel;
    /* the tokens worth tagging (names.c, tagger_scan): 0 not, 1 yes, 2 a
     * run's tail; sel_any: some token is marked */
    uint8_t *sel;
    bool sel_any;
    /* the tokens marked in sel (1 or 2), in order: the only ones the
     * tagger visits (tact__tagger_tag_list) */
    uint32_t *sell;
    size_t nsell;
    bool has_my; /* some token is the word "my" (mark_own_family needs one) */
    /* tact__nm_head_probes' answers for the first NM_HEADS heads asked
     * about: token hv_tok[k], answers hv[k] */
    size_t nhv;
    uint32_t hv_tok[NM_HEADS];
    uint32_t hv[NM_HEADS][3];
    /* names_cues.c: 1 for a token that ends a person found there (n + 1
     * of them, zeroed; in names.c's scratch) */
    uint8_t *per;
    /* names.c, tagger_scan: the tagger's margins and tags (n of each, in
     * the same scratch) */
    float *margin;
    uint8_t *tags;
    bool blocked_any; /* some token is in block (names_public.c, block) */
} names_ctx;

/* For word i, the head of a multi-word entry of the general lexicon: the
 * lexicon's bits of the keys of words i..i+1, i..i+2 and i..i+3 joined by
 * spaces, in v[0..2] (0 past a token that is no word, or a key of 128
 * bytes or more: the keys mark_lists and place_at look up). Worked out
 * once per token and kept (speed: both ask for the same heads; a post has
 * few of them). */
void tact__nm_head_probes(names_ctx *c, size_t i, uint32_t v[3]);
/* The last token of a listed place of several words that starts at i
 * ("Lyme Regis"), or SIZE_MAX (names_cues.c). */
size_t tact__nm_multi_place(names_ctx *c, size_t i);

/* Bits that let rule_lower_name (names_cues.c) go on past its first tests
 * (a lower-case word whose own bits are a name and nothing else). */
#define LOWER_NAME_NOT                                                                            \
    (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BRAND | TACT__LX_MONTH |           \
     TACT__LX_WEEKDAY | TACT__LX_KIN | TACT__LX_TITLE | TACT__LX_ROLE | TACT__LX_STREET |         \
     TACT__LX_BIGPLACE)

/*
 * Speed: whether a rule of tact__names_cues_scan can report anything at
 * token t (cue bits cl), from the token alone; a word is also a start when
 * the token after it is a possessive or a '(' with a token after that
 * (rule_owner, rule_name_age), or when it is in lower case and the token
 * after is a family noun (rule_family's lower-case form): names.c adds
 * those when it reaches the next token. Every other token starts none of
 * the rules (most tokens: lower-case words and punctuation). Each test is
 * a rule's first test:
 *   - any token: in a cue list a rule starts from (NL_NICK, NL_PLACEPREP);
 *   - other tokens: only a '(' (rule_bracket_nick) and hashtags (their
 *     rules) start a rule; every other rule needs a word at i (nm_word,
 *     nm_cap, owner_name, letters_only_caps, the spellings of nm_is);
 *   - words: an initial capital (rule_family, rule_name, rule_area and the
 *     nm_cap of the others), a capital word of up to three letters
 *     (rule_initials), the lexicon bits rule_title, rule_relation and
 *     rule_place (place_at) start from, a name rule_lower_name could take
 *     (its own bits, or an unlisted hyphenated word whose parts may be),
 *     "the" (rule_description), "initial(s)" (rule_initials) or a prison
 *     word (rule_prison), by length and first two letters.
 */
static inline bool nm_cue_own(const tact_scanner *sc, const tact__token *t, uint32_t cl)
{
    if (cl & (NL_NICK | NL_PLACEPREP))
        return true;
    if (t->kind != TACT__TOK_WORD)
        return t->kind == TACT__TOK_HASHTAG ||
               (t->kind == TACT__TOK_PUNCT && t->end - t->start == 1 && sc->text[t->start] == '(');
    unsigned sh = t->shape;
    uint32_t lx = t->lex;
    size_t len = t->norm_len;
    if (sh & TACT__SH_INITCAP)
        return true;
    if (lx & (TACT__LX_TITLE | TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_BRAND | TACT__LX_PLACE |
              TACT__LX_HEAD | TACT__LX_NAME)) {
        if (lx & (TACT__LX_TITLE | TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_BRAND | TACT__LX_PLACE |
                  TACT__LX_HEAD))
            return true;
        if ((lx & TACT__LX_PROPER) && !(lx & LOWER_NAME_NOT))
            return true; /* (and TACT__LX_NAME) */
    } else if (!lx && (sh & TACT__SH_HYPHEN)) {
        return true;
    }
    /* lengths 3, 5, 6, 7 and 8 (below), and capitals of up to three
     * letters */
    if (len > 8 || !((0x1e8u >> len) & 1u))
        return len <= 3 && (sh & TACT__SH_ALLCAP);
    if (len == 3 && (sh & TACT__SH_ALLCAP))
        return true;
    /* the first two letters of "the" (rule_description), "hmp", "yoi",
     * "hmyoi", "hmpyoi" (rule_prison), "initial(s)" (rule_initials) */
    const char *w = sc->norm.p + t->norm_off;
    if (len == 3)
        return (w[0] == 't' && w[1] == 'h') || (w[0] == 'h' && w[1] == 'm') ||
               (w[0] == 'y' && w[1] == 'o');
    if (len <= 6)
        return w[0] == 'h' && w[1] == 'm';
    return w[0] == 'i' && w[1] == 'n';
}

/* ---- token helpers ----------------------------------------------------- */

static inline const tact__token *nm_tok(const names_ctx *c, size_t i)
{
    return &c->sc->toks[i];
}

static inline bool nm_word(const names_ctx *c, size_t i)
{
    return i < c->n && c->sc->toks[i].kind == TACT__TOK_WORD;
}

static inline uint32_t nm_lex(const names_ctx *c, size_t i)
{
    return i < c->n ? c->sc->toks[i].lex : 0;
}

/* Token i's normalised form is w (compares the first byte before anything
 * else: this runs for every token against every cue word). */
static inline bool nm_is(const names_ctx *c, size_t i, const char *w)
{
    if (i >= c->n)
        return false;
    const tact__token *t = &c->sc->toks[i];
    const char *p = c->sc->norm.p + t->norm_off;
    if (p[0] != w[0])
        return false;
    size_t k = 1;
    for (; k < t->norm_len; k++)
        if (p[k] != w[k] || !w[k])
            return false;
    return w[k] == 0;
}

/* Token i is one of the words of a NULL-terminated list. */
static inline bool nm_in(const names_ctx *c, size_t i, const char *const *l)
{
    if (i >= c->n || c->sc->toks[i].norm_len == 0)
        return false;
    const tact__token *t = &c->sc->toks[i];
    if (t->kind != TACT__TOK_WORD && t->kind != TACT__TOK_PUNCT)
        return false;
    char first = c->sc->norm.p[t->norm_off];
    for (; *l; l++)
        if ((*l)[0] == first && nm_is(c, i, *l))
            return true;
    return false;
}

/* Token i is one of the words of the list(s) with bit(s) bits: the same as
 * nm_in with that list, from the per-scan classification. */
static inline bool nm_has(const names_ctx *c, size_t i, uint32_t bits)
{
    return i < c->n && (c->cls[i] & bits) != 0;
}

/* Initial capital ("Kelly", "J"), not all capitals. */
static inline bool nm_cap(const names_ctx *c, size_t i)
{
    return nm_word(c, i) && (c->sc->toks[i].shape & TACT__SH_INITCAP) != 0;
}

/* Token i is a single punctuation character ch. */
static inline bool nm_punct(const names_ctx *c, size_t i, char ch)
{
    if (i >= c->n || c->sc->toks[i].kind != TACT__TOK_PUNCT)
        return false;
    return c->sc->toks[i].end - c->sc->toks[i].start == 1 && c->sc->text[c->sc->toks[i].start] == ch;
}

/* No white space between tokens i-1 and i. */
static inline bool nm_glued(const names_ctx *c, size_t i)
{
    return i > 0 && i < c->n && !(c->sc->toks[i].shape & TACT__SH_SPACE_BEFORE);
}

/* A capital at token i says little: start of a sentence or line, or after
 * an emoji, a hashtag, a colon or a quote. */
bool tact__nm_cap_free(const names_ctx *c, size_t i);

/* Lexicon bits of a word, with hyphenated names ("ruby-mae") looked up
 * part by part: when every part is a name the word is a name. */
uint32_t tact__nm_bits_parts(const names_ctx *c, size_t i);

/* (inline: most words have bits of their own, or no hyphen; only an
 * unlisted hyphenated word is looked up part by part) */
static inline uint32_t tact__nm_bits(const names_ctx *c, size_t i)
{
    const tact__token *t = &c->sc->toks[i];
    if (t->lex || !(t->shape & TACT__SH_HYPHEN))
        return t->lex;
    return tact__nm_bits_parts(c, i);
}

/* The bits that make a name something else too (tact__nm_strong_name). */
#define NOT_A_NAME                                                                                \
    (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BRAND | TACT__LX_TITLE |          \
     TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_STREET |        \
     TACT__LX_BIGPLACE)

/* A word that is a name and nothing else: a known given name or surname
 * that is not an ordinary word, place or function word ("kayleigh").
 * (inline, as the tests below: they run for many tokens) */
static inline bool tact__nm_strong_name(const names_ctx *c, size_t i)
{
    if (!nm_word(c, i) || nm_tok(c, i)->norm_len < 2)
        return false;
    uint32_t b = tact__nm_bits(c, i);
    return (b & TACT__LX_NAME) && !(b & NOT_A_NAME);
}

/* A capitalised word that can continue a name ("Kayleigh Marsh"). */
static inline bool tact__nm_surname_like(const names_ctx *c, size_t i)
{
    if (!nm_cap(c, i) || nm_tok(c, i)->norm_len < 2)
        return false;
    uint32_t b = tact__nm_bits(c, i);
    if (b & (TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_TITLE | TACT__LX_KIN | TACT__LX_MONTH |
             TACT__LX_WEEKDAY | TACT__LX_STREET | TACT__LX_BIGPLACE | TACT__LX_ROLE))
        return false;
    return (b & (TACT__LX_NAME | TACT__LX_PROPER)) || !(b & TACT__LX_DICT);
}

/* Token i is a weekday in the plural: "Fridays". */
bool tact__nm_weekday_plural(const names_ctx *c, size_t i);

/* Token i is a discourse word ("Ok", "Honestly", "Hi") where a capital
 * says nothing: not the start of a name. */
bool tact__nm_discourse(const names_ctx *c, size_t i);

/* True when any token in [a, b] is blocked. */
bool tact__nm_blocked(const names_ctx *c, size_t a, size_t b);

/* Report tokens [a, b] as a person or a location, unless blocked. */
int tact__nm_emit(names_ctx *c, size_t a, size_t b, tact_type type, float conf, const char *rule,
                  const char *message);

/* ---- the parts ------------------------------------------------------------ */

void tact__names_public_mark(names_ctx *c);  /* names_public.c */
/* "the High Court", "Family Court": token i is a kind of court and the
 * next word is "court" (names_public.c). */
bool tact__nm_court_kind(const names_ctx *c, size_t i);
int tact__names_cues_scan(names_ctx *c);     /* names_cues.c */
/* Cities and place hashtags in a post about someone (names_context.c):
 * runs after the other rules and the tagger, on their candidates. */
int tact__names_case_places(names_ctx *c);
/* Hyphenated names and places, households in the plural
 * (names_context.c): tokens of rare shapes, in a pass of their own. */
int tact__names_shape_scan(names_ctx *c);
/* True when the candidates so far say the post is about a particular
 * person: a name, an age, a date of birth, an address, a postcode or a
 * school (names_context.c). */
bool tact__nm_about_someone(const names_ctx *c);
/* Add each file's cue lists to lx with their NL_* bits. */
int tact__names_public_lists(const tact__alloc *a, tact__lex *lx);
int tact__names_cues_lists(const tact__alloc *a, tact__lex *lx);

#endif
