/*
 * internal.h - what the files of libtact share with each other.
 *
 * Not installed. Cross-file helpers are named tact__*; everything else in a
 * .c file is static.
 *
 * The scan pipeline (scan.c):
 *   1. validate UTF-8 (utf8.c)
 *   2. tokenize into sc->toks with normalised forms in sc->norm (tokenize.c)
 *   3. tact__idents_scan: structured identifiers (phone, postcode, ...)
 *   4. tact__names_scan:  people and places (tagger + lexicons + cues)
 *   5. tact__conduct_scan: conduct findings (lexicons + classifier)
 *   6. overlap resolution and sorting (findings.c)
 *   7. tact__policy_apply: allow-list and severity overrides (policy.c)
 *   8. tact__verdict_decide: the verdict rule table (verdict.c)
 * Each subsystem compiles its immutable part into the ruleset once
 * (tact__X_compile) and frees it (tact__X_free).
 */
#ifndef TACT_INTERNAL_H
#define TACT_INTERNAL_H

#include "tact.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- allocation ---------------------------------------------------- */

/* Resolved allocator: never has NULL members. */
typedef struct tact__alloc {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} tact__alloc;

void tact__alloc_init(tact__alloc *a, const tact_allocator *user);
void *tact__malloc(const tact__alloc *a, size_t n);
void *tact__calloc(const tact__alloc *a, size_t count, size_t size);
void *tact__realloc(const tact__alloc *a, void *p, size_t n);
void tact__free(const tact__alloc *a, void *p);

/* Grow *arr (of elements of size elem) so that it holds at least need
 * elements; *cap is updated. Returns TACT_OK or TACT_ENOMEM. */
int tact__grow(const tact__alloc *a, void **arr, size_t *cap, size_t need, size_t elem);

/* A growable byte buffer. */
typedef struct tact__buf {
    char *p;
    size_t len, cap;
} tact__buf;

int tact__buf_reserve(const tact__alloc *a, tact__buf *b, size_t extra);
int tact__buf_put(const tact__alloc *a, tact__buf *b, const void *s, size_t n);
int tact__buf_puts(const tact__alloc *a, tact__buf *b, const char *s);
int tact__buf_putc(const tact__alloc *a, tact__buf *b, char c);
/* JSON string with quotes, escaping everything JSON requires. */
int tact__buf_json_str(const tact__alloc *a, tact__buf *b, const char *s, size_t n);
/* Little-endian reads of the embedded model files. */
static inline uint32_t tact__rd32le(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline float tact__rdf32le(const unsigned char *p)
{
    uint32_t u = tact__rd32le(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* The escaper under tact__buf_json_str, for callers that reserve space once:
 * writes n bytes of s as a quoted JSON string at o, at most
 * TACT__JSON_MAX(n) bytes, no NUL; returns the end. */
#define TACT__JSON_MAX(n) (6 * (n) + 2)
char *tact__json_esc(char *o, const char *s, size_t n);
/* 1 for the bytes tact__json_esc does not write as they are: < 0x20, '"',
 * '\\' and >= 0x80 (alloc.c) */
extern const unsigned char tact__json_esc_byte[256];
/* Append finding f as a JSON object to b (the objects of tact_result_json's
 * "findings"), its "text" taken from text at f's offsets. */
int tact__json_finding(tact_scanner *sc, tact__buf *b, const tact_finding *f, const char *text);
void tact__buf_free(const tact__alloc *a, tact__buf *b);

/* Fill a tact_error (may be NULL). Returns code. The message must never
 * contain screened text. */
int tact__err(tact_error *err, int code, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- hashing and lexicons -------------------------------------------- */

uint64_t tact__hash(const void *s, size_t n);
/* The same hash, inline, for the per-token callers (tokenize.c, the
 * tagger's affix features): a call costs as much as hashing a short key. */
/* tact__hash_inl in two halves, for keys hashed a piece at a time (the
 * words of a multi-word key, with no copy of the key): its FNV-1a loop
 * from state h (start from TACT__FNV0), and its finish. */
#define TACT__FNV0 0xcbf29ce484222325ull
static inline uint64_t tact__fnv_more(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static inline uint64_t tact__fnv_finish(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static inline uint64_t tact__hash_inl(const void *s, size_t n)
{
    return tact__fnv_finish(tact__fnv_more(TACT__FNV0, s, n));
}

/*
 * An immutable string -> uint32 map, built once; used for every word list.
 * A lookup touches one slot (a cache line shared with its neighbours): a
 * key is identified by its 64-bit hash, so a word that is not in the list
 * matches one that is with a chance of about one in 40 trillion per lookup
 * for the largest list (450,000 words). Keys are kept, in insertion order,
 * for the callers that iterate (not in a frozen lexicon).
 */
typedef struct tact__lex_slot {
    uint64_t h;   /* hash of the key */
    uint32_t val; /* its value */
    uint32_t e1;  /* entry index + 1; 0: empty slot */
} tact__lex_slot;

typedef struct tact__lex {
    tact__lex_slot *slots;
    uint32_t nslots;   /* power of two */
    uint32_t count;
    uint32_t *koff;    /* key offset in keys (NULL in a frozen lexicon) */
    uint32_t *klen;
    uint32_t *val;
    char *keys;
    size_t keys_len, keys_cap;
    uint32_t cap;
    bool frozen;       /* slots point into embedded data: read-only, not freed */
} tact__lex;

int tact__lex_init(const tact__alloc *a, tact__lex *lx, uint32_t expected);
/* Adds key (or ORs val into an existing key's value). */
int tact__lex_add(const tact__alloc *a, tact__lex *lx, const char *key, size_t n, uint32_t val);
/* Returns the value, or 0 when absent. */
uint32_t tact__lex_get(const tact__lex *lx, const char *key, size_t n);
uint32_t tact__lex_get_h(const tact__lex *lx, const char *key, size_t n, uint64_t h);
/* tact__lex_get_h's probe, inline for the per-token callers (the key is
 * identified by its hash alone): the same slots, the same answer (an empty
 * slot or the end of a bounded walk: absent). */
static inline uint32_t tact__lex_probe(const tact__lex *lx, uint64_t h)
{
    const uint32_t ns = lx->nslots;
    const tact__lex_slot *slots = lx->slots;
    uint32_t mask = ns - 1, i = (uint32_t)h & mask;
    /* (the first slot answers nearly every probe: tested before the
     * bounded walk) */
    if (!ns || !slots[i].e1)
        return 0;
    if (slots[i].h == h)
        return slots[i].val;
    for (uint32_t k = 1; k < ns; k++) {
        i = (i + 1) & mask;
        const tact__lex_slot *sl = &slots[i];
        if (!sl->e1)
            return 0;
        if (sl->h == h)
            return sl->val;
    }
    return 0;
}
void tact__lex_free(const tact__alloc *a, tact__lex *lx);

/*
 * Frozen lexicons: tact__lex_freeze writes a built lexicon's slots as one
 * block (native byte order, made and read on the same machine by the build)
 * and tact__lex_thaw makes a read-only lexicon whose slots point into such a
 * block, without copying or hashing anything. A frozen lexicon answers
 * lookups only (no keys to iterate). The block must be 8-byte aligned and
 * outlive lx.
 */
int tact__lex_freeze(const tact__alloc *a, const tact__lex *lx, tact__buf *out);
int tact__lex_thaw(tact__lex *lx, const char *data, size_t len);

/* Add every word of a NULL-terminated list with value val. */
int tact__lex_add_all(const tact__alloc *a, tact__lex *lx, const char *const *words, uint32_t val);

/*
 * Add every line of a list (embedded data) to a lexicon with value val.
 * Lines are trimmed; empty lines and lines starting with '#' are skipped.
 * When fold is true, keys are lower-cased (ASCII) and accents are not
 * touched; lists should be written already normalised.
 */
int tact__lex_add_lines(const tact__alloc *a, tact__lex *lx, const char *data, size_t len,
                        uint32_t val, bool fold);

/* ---- embedded data ---------------------------------------------------- */

/*
 * Files under data/ (and lists the build generates from Debian and npm
 * packages) are compiled into the library. name is the file name without
 * directory, e.g. "street_types.txt". Returns NULL when absent.
 */
const char *tact__data_get(const char *name, size_t *len);

/* ---- UTF-8 and normalisation ----------------------------------------- */

/* Decode one code point at s[i..n). Returns its length (1..4) and stores the
 * code point; an invalid sequence returns 1 and stores -1. */
size_t tact__utf8_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp);
/* Index of the first invalid byte, or n when valid. */
size_t tact__utf8_validate(const char *s, size_t n);
/* Append the UTF-8 encoding of cp. */
int tact__utf8_put(const tact__alloc *a, tact__buf *b, int32_t cp);

/* Unicode category helpers (utf8proc). */
bool tact__cp_is_letter(int32_t cp);
bool tact__cp_is_digit(int32_t cp);
bool tact__cp_is_mark(int32_t cp);
bool tact__cp_is_space(int32_t cp);
bool tact__cp_is_emoji(int32_t cp);
bool tact__cp_is_upper(int32_t cp);

/* The emoji the tokenizer makes a token of without its general path when
 * one stands alone (tokenize.c, push_simple): code points that are emoji,
 * no letter, digit, mark, space or regional indicator, and their own
 * normalised form (tests/unit/test_speed25.c checks each). */
static inline bool tact__tok_simple_emoji(int32_t cp)
{
    return (cp >= 0x1F300 && cp <= 0x1F53D) || (cp >= 0x1F546 && cp <= 0x1F64F) ||
           (cp >= 0x1F680 && cp <= 0x1F6D7) || (cp >= 0x1F90C && cp <= 0x1F93A) ||
           (cp >= 0x1F93C && cp <= 0x1F945) || (cp >= 0x1F947 && cp <= 0x1FA53);
}

/*
 * Append the normalised form of cp: NFKC, case-folded, marks stripped
 * ("É" -> "e", "ﬁ" -> "fi", curly apostrophe -> "'").
 */
int tact__norm_cp(const tact__alloc *a, tact__buf *b, int32_t cp);

/* ---- tokens ------------------------------------------------------------ */

enum tact__tok_kind {
    TACT__TOK_WORD = 0,    /* letters, with inner ' and - joined */
    TACT__TOK_NUMBER = 1,  /* a run of digits (no separators) */
    TACT__TOK_ALNUM = 2,   /* mixed letters and digits: "BS7", "15yo" */
    TACT__TOK_HANDLE = 3,  /* @name */
    TACT__TOK_HASHTAG = 4, /* #tag */
    TACT__TOK_URL = 5,
    TACT__TOK_EMAIL = 6,
    TACT__TOK_EMOJI = 7,   /* one emoji cluster */
    TACT__TOK_PUNCT = 8,   /* one punctuation or symbol character */
    TACT__TOK_POSS = 9     /* possessive 's split from the word before */
};

/* Shape flags of a token, from its original text. */
#define TACT__SH_INITCAP (1u << 0)  /* first letter upper, rest not all upper */
#define TACT__SH_ALLCAP (1u << 1)   /* two or more letters, all upper */
#define TACT__SH_LOWER (1u << 2)    /* all letters lower */
#define TACT__SH_DIGIT (1u << 3)    /* contains a digit */
#define TACT__SH_HYPHEN (1u << 4)   /* contains an inner hyphen */
#define TACT__SH_APOS (1u << 5)     /* contains an inner apostrophe */
#define TACT__SH_SPACE_BEFORE (1u << 6) /* white space before it */
#define TACT__SH_LINE_START (1u << 7)   /* first token of a line */
#define TACT__SH_SENT_START (1u << 8)   /* first token of a sentence */
#define TACT__SH_NONASCII (1u << 9)     /* contains non-ASCII */
#define TACT__SH_ONELETTER (1u << 10)   /* a single letter */

typedef struct tact__token {
    uint32_t start, end;       /* bytes in the original text */
    uint32_t norm_off;         /* normalised form: sc->norm.p + norm_off */
    uint32_t norm_len;
    uint64_t hash;             /* tact__hash of the normalised form */
    uint16_t kind;             /* enum tact__tok_kind */
    uint16_t shape;            /* TACT__SH_* */
    uint32_t lex;              /* general lexicon bits (lexicon.h), filled at tokenize */
} tact__token;

/* ---- the ruleset and the scanner -------------------------------------- */

struct tact__policy; /* policy.c */
typedef struct tact__tinfo tact__tinfo; /* tinfo.h */

struct tact_ruleset {
    tact__alloc a;
    tact__lex words;            /* general lexicon: token -> TACT__LX_* bits (lexicon.c) */
    void *idents;               /* idents*.c */
    void *names;                /* names*.c, tagger*.c */
    void *conduct;              /* conduct*.c */
    struct tact__policy *policy;/* policy.c, may be NULL */
    tact__tinfo *tinfo;         /* tinfo.c: word-list bits by token hash, may be NULL */
    void *vmodel;               /* verdict_model.c: the whole-post reading, may be NULL */
};

/* verdict_model.c: load data/models/verdict.tsv into rs->vmodel (none built
 * in: NULL) and free it. */
int tact__vm_compile(tact_ruleset *rs, tact_error *err);
void tact__vm_release(tact_ruleset *rs);

/* A finding under construction; also what subsystems append. */
typedef struct tact__finding {
    tact_finding f;
    uint32_t tok_first, tok_last; /* token range, when known (else UINT32_MAX) */
} tact__finding;

/* Bump arena reset at every scan. */
typedef struct tact__arena_block {
    struct tact__arena_block *next;
    size_t used, size;
    /* data follows, max aligned */
} tact__arena_block;

/*
 * One kind of finding's JSON that does not depend on where it is (scan.c):
 * seg1 ,"category":..,"type":..,"severity":.. and seg2 ,"rule":..,
 * "message":..,"guidance":[..],"suggestion":.., for these type, category,
 * severity, guidance bits and rule, message and suggestion strings. The
 * strings are compared by content (mem holds them, then the two segments),
 * since a scanner-owned string may change between scans.
 */
#define TACT__JC_SLOTS 32
#define TACT__RJ_SLOTS 8
typedef struct tact__jcache {
    const char *rule, *msg, *sug;
    size_t rlen, mlen, slen, seg1, seg2, cap;
    unsigned guidance;
    int type, category, severity;
    char *mem;
} tact__jcache;

struct tact_scanner {
    const tact_ruleset *rs;
    tact__alloc a;
    const char *text;
    size_t len;
    unsigned scan_flags;
    tact__token *toks;
    size_t ntoks, toks_cap;
    tact__buf norm;            /* normalised token forms, concatenated */
    tact_finding *findings;    /* final, sorted */
    size_t nfindings, findings_cap;
    tact__finding *cand;       /* candidates from detectors */
    size_t ncand, cand_cap;
    tact_result result;
    bool have_result;
    tact__buf json;
    tact__arena_block *arena;
    /* redact.c: the current result is a redact's (cleared by every scan) */
    bool redacted;
    tact_redact_mode redact_mode;
    tact__buf redact_out;
    tact_replacement *repl;
    size_t nrepl, repl_cap;
    tact__buf repl_text;
    /* per-subsystem scratch that must persist across scans */
    void *names_scratch;
    void *conduct_scratch;
    /* idents.c: the IX_* bits of each token while tact__idents_scan's
     * detectors run (tact__ix_bits reads them), else NULL */
    const uint32_t *ix_bits;
    /* per token, tinfo.h's bits of its hash (filled at tokenize), or NULL */
    const uint64_t *tinfo;
    /* scan.c: the JSON of the guidance list of the last finding written
     * (its ids, escaped, comma-separated), for its TACT_GUIDE_* bits + 1
     * (0: none); the ids depend only on the bits and the ruleset */
    unsigned gj_key;
    size_t gj_len;
    char gj[256];
    /* scan.c: verdict reasons tact_result_json wrote, each as it is
     * (rj_len bytes) and then as JSON (rj_elen bytes), when both fit
     * (rj_len 0: none), in a slot picked by the reason's address; there
     * are few reasons, written again and again */
    size_t rj_len[TACT__RJ_SLOTS], rj_elen[TACT__RJ_SLOTS];
    char rj[TACT__RJ_SLOTS][192];
    /* scan.c: the JSON of a finding's fixed parts, for the last few kinds
     * of finding written (tact__jcache) */
    tact__jcache jc[TACT__JC_SLOTS];
};

/* Per-scan scratch memory; freed wholesale at the next scan. NULL on OOM. */
void *tact__scratch(tact_scanner *sc, size_t n);
void tact__scratch_reset(tact_scanner *sc);
void tact__scratch_free(tact_scanner *sc);

/* Normalised form of token i. */
static inline const char *tact__tok_norm(const tact_scanner *sc, size_t i, size_t *n)
{
    *n = sc->toks[i].norm_len;
    return sc->norm.p + sc->toks[i].norm_off;
}

/* True when token i's normalised form equals the NUL-terminated word w.
 * Inline: with w a literal, strlen(w) is a constant, so a token of another
 * length is rejected by one compare and the rest is a fixed-size memcmp. */
static inline bool tact__tok_is(const tact_scanner *sc, size_t i, const char *w)
{
    if (i >= sc->ntoks)
        return false;
    size_t n = strlen(w);
    return sc->toks[i].norm_len == n && memcmp(sc->norm.p + sc->toks[i].norm_off, w, n) == 0;
}
/* Token k is a word for a pet or an in-law ("lurcher", "cat",
 * "mother-in-law"): verdict.c's list, used there for the author's own and
 * by the conduct rules ("a very spoilt lurcher" is no one's client). */
bool tact__tok_pet(const tact_scanner *sc, size_t k);
/* Token i is a quote mark: ' or " or a curly one (U+2018 to U+201D). */
static inline bool tact__tok_quote(const tact_scanner *sc, size_t i)
{
    if (i >= sc->ntoks || sc->toks[i].kind != TACT__TOK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)sc->text + sc->toks[i].start;
    size_t len = sc->toks[i].end - sc->toks[i].start;
    if (len == 1)
        return s[0] == '\'' || s[0] == '"';
    return len == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9D;
}
/* Index of the first token whose end is > off (ntoks when none). */
size_t tact__tok_after(const tact_scanner *sc, size_t off);

/*
 * Append a candidate finding. rule/message/suggestion must be static (or
 * scanner-owned for the scan). Severity and guidance default by type when
 * given as -1 / 0: see tact__type_defaults in findings.c.
 */
int tact__add(tact_scanner *sc, size_t start, size_t end, tact_type type, int severity,
              float confidence, const char *rule, const char *message,
              const char *suggestion);

/* Defaults for a type: severity, guidance bits, message, placeholder. */
typedef struct tact__type_info {
    tact_type type;
    const char *name;
    tact_category category;
    tact_severity severity;
    unsigned guidance;
    const char *message;     /* generic plain-language message */
    const char *placeholder; /* "[NAME]" for identifiers, advice for conduct */
} tact__type_info;

const tact__type_info *tact__type_info_get(tact_type t);

/* ---- subsystems ---------------------------------------------------------- */

int tact__lexicon_compile(tact_ruleset *rs, tact_error *err); /* lexicon.c */
/* Build the general lexicon from the word lists (what the build freezes). */
int tact__lexicon_build(const tact__alloc *a, tact__lex *lx);
void tact__lexicon_free(tact_ruleset *rs);

int tact__tokenize(tact_scanner *sc);                 /* tokenize.c */

int tact__idents_compile(tact_ruleset *rs, tact_error *err);
void tact__idents_free(tact_ruleset *rs);
int tact__idents_scan(tact_scanner *sc);

int tact__names_compile(tact_ruleset *rs, tact_error *err);
void tact__names_free(tact_ruleset *rs);
int tact__names_scan(tact_scanner *sc);
void tact__names_scratch_free(tact_scanner *sc);

int tact__conduct_compile(tact_ruleset *rs, tact_error *err);
void tact__conduct_free(tact_ruleset *rs);
int tact__conduct_scan(tact_scanner *sc);
void tact__conduct_scratch_free(tact_scanner *sc);

int tact__findings_resolve(tact_scanner *sc);          /* findings.c */
/* qsort order of final findings: start, then end, then type. */
int tact__finding_cmp_pos(const void *a, const void *b);

int tact__policy_compile(tact_ruleset *rs, const char *text, size_t len, tact_error *err);
void tact__policy_free(tact_ruleset *rs);
int tact__policy_apply(tact_scanner *sc);

int tact__verdict_decide(tact_scanner *sc);            /* verdict.c */

#endif /* TACT_INTERNAL_H */
