/*
 * conduct.h - what the files of the conduct subsystem share: the phrase
 * matcher (conduct_match.c), the word normaliser for profanity and slurs
 * (conduct_norm.c), the offensive-language classifier (classifier.c), and
 * the per-scan notes the verdict reads (verdict.c).
 */
#ifndef TACT_CONDUCT_H
#define TACT_CONDUCT_H

#include "internal.h"

/* ---- phrase matcher ---------------------------------------------------- */

/*
 * Pattern language (one pattern per line in data/conduct_*.txt):
 *
 *     tag: word word {alt one|alt two} [optional words] * word <num>
 *
 * Words are matched against normalised tokens (lower case, curly quotes
 * straightened). A final "'s" on a word is a separate token, as in the
 * tokenizer; a curly apostrophe written in a pattern is read as "'". {a|b c} is a choice of token sequences, [a b|c] is optional,
 * "*" skips 0..5 tokens inside one sentence ("**" 0..12), "_" is exactly one
 * token, and
 * classes match a kind of token: <num> a number or ordinal ("3", "3rd",
 * "15yo"), <sarc> an eye-roll/upside-down/clap emoji, <laugh> a crying-with-
 * laughter emoji, <any> any token. The tag names the pattern's role within
 * its list (for example "personal" or "detail" in the case list).
 *
 * Word classes: "@name = alt|alt two|..." on its own line defines a class
 * that later patterns of the same list use as @name, either as an element
 * ("@incident {him|her}") or inside a choice ("{@incident|saw}"). A class
 * body is a flat list of alternatives (no braces, no other classes).
 */
typedef struct tact__pm tact__pm;

typedef struct tact__pm_match {
    uint32_t pat;         /* pattern index */
    uint32_t first, last; /* token range, inclusive */
    uint8_t group, tag;   /* the pattern's (tact__pm_group, tact__pm_tag) */
    uint16_t pad;
} tact__pm_match;

int tact__pm_new(const tact__alloc *a, tact__pm **out);
void tact__pm_free(const tact__alloc *a, tact__pm *pm);

/*
 * Compile every line of a list into the matcher. group is stored with each
 * pattern; tags lists the tag names the list may use (index = tag value).
 * Returns TACT_OK, TACT_ENOMEM, or TACT_EMODEL with *bad_line set.
 */
int tact__pm_add_list(const tact__alloc *a, tact__pm *pm, const char *data, size_t len,
                      uint8_t group, const char *const *tags, size_t ntags, size_t *bad_line);

uint8_t tact__pm_group(const tact__pm *pm, uint32_t pat);
uint8_t tact__pm_tag(const tact__pm *pm, uint32_t pat);

/* Every match in the scanner's tokens, appended to *out (grown with a). */
int tact__pm_scan(const tact__pm *pm, const tact_scanner *sc, const tact__alloc *a,
                  tact__pm_match **out, size_t *n, size_t *cap);

/* ---- co-occurrence rules (conduct_cooc.c) -------------------------------- */

/*
 * Order-free rules: "a word of class A and one of class B (and C) in one
 * sentence, none of the blockers". Syntax at the top of conduct_cooc.c and
 * in data/conduct_cooccur.txt. The classes are compiled into the phrase
 * matcher under group; their matches feed tact__cooc_eval.
 */
typedef struct tact__cooc tact__cooc;

typedef struct tact__cooc_hit {
    uint8_t type, sev;    /* tact_type, tact_severity of the rule */
    uint8_t asked;        /* the rule's "?": it speaks in a general question too */
    uint16_t rule;        /* rule index */
    uint32_t first, last; /* tightest token span of the matched classes */
} tact__cooc_hit;

typedef int (*tact__cooc_fn)(void *ctx, const tact__cooc_hit *hit);

/* TACT_OK, TACT_ENOMEM, or TACT_EMODEL with *bad_line (0: a class body). */
int tact__cooc_compile(const tact__alloc *a, tact__pm *pm, const char *data, size_t len,
                       uint8_t group, tact__cooc **out, size_t *bad_line);
void tact__cooc_free(const tact__alloc *a, tact__cooc *c);

/* Every rule that fires in a sentence, given the matcher's matches (in token
 * order) and the sentence number of each token. post: the classes (bit
 * tag) of the matches under c's group anywhere in the post, gathered by the
 * caller in one pass for all the lists. Stops at fn's first error. */
int tact__cooc_eval(const tact__cooc *c, uint64_t post, const tact__pm_match *m, size_t nm,
                    const uint32_t *sent, tact__cooc_fn fn, void *ctx);

/* ---- word normaliser (conduct_norm.c) ----------------------------------- */

/*
 * A "unit" is a run of tokens written without spaces between them that may
 * hide a word: "f***", "sh1t", "$hit", "f.u.c.k"; or a run of single letters
 * separated by spaces: "f u c k". Each unit is given to the callback in up to
 * three forms: the leetspeak-decoded form, the same with runs of three or
 * more repeated letters squeezed, and a masked form containing '*' where
 * letters were hidden. how says which (TACT__CN_*).
 */
#define TACT__CN_PLAIN 0u
#define TACT__CN_SQUEEZED 1u
#define TACT__CN_MASKED 2u
#define TACT__CN_SPACED 3u
#define TACT__CN_HOW 3u  /* how & TACT__CN_HOW: one of the four above */
#define TACT__CN_OWN 4u  /* or'd in: s is token first's own normal form
                          * (first == last; its hash is the token's) */

typedef int (*tact__cn_fn)(void *ctx, size_t first, size_t last, const char *s, size_t n,
                           unsigned how);

/* words: when not NULL, a token's own normal form goes to fn (as
 * TACT__CN_PLAIN | TACT__CN_OWN) only when words holds it; the callback
 * promises to ignore the others. Its other forms go to fn whatever. */
int tact__cn_units(const tact_scanner *sc, const tact__lex *words, tact__cn_fn fn, void *ctx);

/* True when masked (with '*' for hidden letters) can be word: same length,
 * first letter shown and equal, every shown letter equal. */
bool tact__cn_mask_fits(const char *masked, size_t n, const char *word, size_t wn);

/* ---- offensive-language classifier (classifier.c) ----------------------- */

typedef struct tact__clf tact__clf;

/* Load the model from embedded bytes (offensive.bin). TACT_EMODEL when the
 * data is corrupt. */
int tact__clf_load(const tact__alloc *a, const char *data, size_t len, tact__clf **out);
void tact__clf_free(const tact__alloc *a, tact__clf *m);
/* Probability (0..1) that text is offensive. Allocation-free. */
float tact__clf_score(const tact__clf *m, const char *text, size_t len);

/* ---- what conduct scanning leaves for the verdict ----------------------- */

/* Token ranges where the author offers their own contact details
 * ("text me on", "pop round to"), recorded by conduct.c each scan. */
/* A conduct finding waiting to be merged with the others of its type in its
 * sentence (conduct.c), so that a person sees one finding per sentence and
 * type. */
typedef struct tact__cd_pending {
    uint32_t first, last, sent; /* token range, inclusive; sentence */
    uint8_t type, sev;
    float conf;
    const char *rule, *msg;
} tact__cd_pending;

typedef struct tact__cd_scratch {
    tact__pm_match *m;
    size_t nm, mcap;
    uint32_t *own;       /* pairs: first token, last token of an own-details cue */
    size_t nown, owncap;
    bool ownpost;        /* the author's own sale or invitation: contacts are theirs */
    uint32_t agency[4][2]; /* byte spans where a service is the subject of a complaint */
    size_t nagency;        /* (context "agency"), the first four */
    float offensive;     /* classifier probability for the whole post, or -1 */
    float case_p;        /* the model's case-discussion probability, or -1 */
    unsigned public_post; /* TACT__PUBLIC_*: see tact__conduct_public_post */
    bool staff;           /* a colleague's farewell or welcome (context "staff") */
    bool senior;          /* a post one person holds is named (context "senior") */
    bool senior_town;     /* ... with its town: "head of service at Wrexham" */
    bool fiction;         /* the post says its case is invented (context "fiction") */
    bool peer_question;   /* the author asks peers what to do (context "ask", no "jigsaw") */
    bool unsaid;          /* the author says they will not say who (context "unsaid", no "jigsaw") */
    bool reflect;         /* the author reflects on a case (context "reflect", no "jigsaw") */
    bool case_strong;     /* a strong case detail counts in the post ("whose stepdad has
                           * been hitting her") */
    bool own_life;        /* the post is the author's own life or family (context "parent") */
    bool involved;        /* a personal-involvement phrase of the case list ("my caseload",
                           * "the family I visited") counts in the post */
    bool places_someone;  /* a place everyone knows the person by (context "jigsaw") or a
                           * flat, room, bed or ward number (case "unit") */
    tact__cd_pending *pend; /* this scan's findings before the sentence merge */
    size_t npend, pendcap;
} tact__cd_scratch;

/* True when the finding [start,end) follows an own-details cue in the same
 * sentence, or the post is the author's own sale or open invitation. */
bool tact__conduct_own_details(const tact_scanner *sc, size_t start, size_t end);

/* A job advert (TACT__PUBLIC_HIRING: "support workers wanted", "apply
 * at"), or a post about the author's public or own life (TACT__PUBLIC_LIFE:
 * "passed my ASYE", "conference in", "first day of hols"), or a colleague's
 * farewell or welcome (TACT__PUBLIC_STAFF: "Bethan's leaving do", "welcome
 * to the team"), or the author's sport, outing or review of a place
 * (TACT__PUBLIC_LEISURE: "Strava:", "parkrun PB", "Google review:"), in
 * which no conduct rule found anything and the learned model sees no case;
 * 0 otherwise. */
enum { TACT__PUBLIC_HIRING = 1, TACT__PUBLIC_LIFE = 2, TACT__PUBLIC_STAFF = 3,
       TACT__PUBLIC_LEISURE = 4 };
unsigned tact__conduct_public_post(const tact_scanner *sc);

/* True when the post names a post one person holds ("our new head of
 * service", context "senior"): with the employer or town, it names them. */
bool tact__conduct_senior_role(const tact_scanner *sc);

/* True when that post is named with a town or city the place detectors
 * leave alone as too big ("head of service at Wrexham", "Wrexham's new
 * head of service"). */
bool tact__conduct_senior_town(const tact_scanner *sc);

/* The post says the case it tells is invented: "fictional case study",
 * "a made-up family", "not a real child" (context "fiction"). */
bool tact__conduct_fiction(const tact_scanner *sc);

/* The author asks peers what to do about a dilemma ("what would you do?",
 * "do I tell my manager?", "any advice?", context "ask"), and nothing in
 * the post places the person by what a whole area knows ("small village,
 * everyone knows him", context "jigsaw"). */
bool tact__conduct_peer_question(const tact_scanner *sc);
/* The author says they will not say who or what ("I won't say anything
 * about who or how", "No details, just ...", context "unsaid"), and nothing
 * in the post places the person by what a whole area knows (context
 * "jigsaw"). */
bool tact__conduct_unsaid(const tact_scanner *sc);
/* The author reflects on a case ("Placement reflection, week 6.", "I keep
 * thinking about a man I've been visiting", "I respect it. I hate it.",
 * context "reflect"), and nothing in the post places the person by what a
 * whole area knows (context "jigsaw") and no case detail of the strong kind
 * tells it ("... whose stepdad has been hitting her"). */
bool tact__conduct_reflect(const tact_scanner *sc);

/* True when the author tells of their own part in a case: a personal-
 * involvement phrase of data/conduct_case.txt ("my caseload", "the family
 * I visited", "I'm their social worker") counts in the post. */
bool tact__conduct_involved(const tact_scanner *sc);

/* True when the last scan saw what places one person however little else
 * the post says: "small village, everyone knows him", "in the paper for",
 * "in bay 4" (verdict rule 1e). */
bool tact__conduct_places_someone(const tact_scanner *sc);

/* True when the last scan read the post as the author's own life or
 * family ("my grandad turned 90 today", context "parent"). */
bool tact__conduct_own_life(const tact_scanner *sc);

/* True when the last scan found a colleague's farewell or welcome
 * ("Bethan's leaving do", "welcome to the team"), whatever else the post
 * holds (tact__conduct_public_post asks more). */
bool tact__conduct_staff(const tact_scanner *sc);

/* True when the post offers contact details in the first person ("drop me
 * a line at", "my number is"), not a team's ("call the team on"). */
bool tact__conduct_own_personal(const tact_scanner *sc);
/* The learned conduct model's case probability for the post: -1 when it was
 * not asked, 0 when the post is out of its domain (verdict_model.c). */
float tact__conduct_case_p(const tact_scanner *sc);

/* True when the byte span [start,end) overlaps or touches a place where
 * another service is the subject of a complaint ("housing options told my
 * care leaver to ...", context "agency"). */
bool tact__conduct_agency_at(const tact_scanner *sc, size_t start, size_t end);

#endif
