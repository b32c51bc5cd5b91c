/*
 * idents.h - what the structured identifier detectors (idents*.c) share.
 *
 * Each detector scans either the raw bytes (numbers, postcodes, dates:
 * hand-written state machines) or the token stream (addresses, schools,
 * organisations: cue words from the lists in data/ident_*.txt), and reports
 * candidates with tact__add. Context raises or lowers confidence through
 * the cue helpers below. Overlaps are resolved later by findings.c.
 */
#ifndef TACT_IDENTS_H
#define TACT_IDENTS_H

#include "internal.h"
#include "lexicon.h"
#include "idents_filter.h"

/* Bits of the identifier lexicon (data/ident_*.txt), one per list. */
#define IX_PHONE_CUE (1u << 0)   /* number, mobile, ring, call, text ... */
#define IX_DOB_CUE (1u << 1)     /* dob, born, birthday ... */
#define IX_EXAMPLE (1u << 2)     /* example, e.g., fake, dummy, like ... */
#define IX_SCHOOL (1u << 3)      /* primary, academy, nursery ... */
#define IX_ORG_HOME (1u << 4)    /* lodge, house, court: a care home name with a care cue */
#define IX_CARE_CUE (1u << 5)    /* resident, room, meds, carers ... */
#define IX_FACILITY (1u << 6)    /* station, centre, hospital, office ... */
#define IX_COUNCIL_KIND (1u << 7)/* county, borough, city ... */
#define IX_CASE_CUE (1u << 8)    /* case, mosaic, lcs, court, crn ... */
#define IX_NONCASE_REF (1u << 9) /* booking, order, ticket, invoice ... */
#define IX_VEHICLE (1u << 10)    /* car, van, reg, plate, corsa ... */
#define IX_PERSON_NOUN (1u << 11)/* girl, boy, lad, son, mum, baby ... */
#define IX_UNIT (1u << 12)       /* minutes, hours, quid, percent ... */
#define IX_GENERIC (1u << 13)    /* local, care, youth, student ...: not a proper name part */
#define IX_TEAM (1u << 14)       /* assessment, duty, safeguarding ...: team kinds */
#define IX_EVENT (1u << 15)      /* conference, event, webinar ...: dates that are not births */
#define IX_PLACE_NOUN (1u << 16) /* hostel, site, flats, shop ...: a place on a street */
#define IX_NOT_GENERAL (1u << 17)/* attorney, secretary ...: "X General" is not a hospital */
#define IX_TITLE_WORD (1u << 18) /* royal, national, british ...: not a local school/org */
#define IX_HELPLINE (1u << 19)   /* helpline, freephone, hotline ...: an organisation's line */

/*
 * Gate words (speed): the words that each detector's per-token rules test
 * for first by spelling (ix_is). A scan looks every token up once
 * (ix_post.gate) so that a detector skips, with one test, a token no rule
 * of its own could start at. Only words from the rules themselves are
 * here; idents.c lists them next to these bits.
 */
#define IG_PLACES (1u << 0)  /* places(): estate, outside, the, royal, court ... */
#define IG_SCHOOLS (1u << 1) /* schools(): unit, centre, pru, high, at, from */
#define IG_ORGS (1u << 2)    /* orgs(): home, service, supported, mash, shelter ... */
#define IG_TEAM (1u << 3)    /* orgs(): team, service */
#define IG_AGES (1u << 4)    /* ages: aged, age, ages, of */
#define IG_AGES_NUM (1u << 5)/* ages, with a number next: only, just, turned, is ... */
#define IG_PLATFORM (1u << 6)/* idents_web.c: insta, snap, tiktok ... (its list) */
#define IG_ORGCAP (1u << 7)  /* orgs(), capitalised: homecare, care, unit, council, trust ... */
#define IG_YSGOL (1u << 8)   /* ysgol(), welsh_streets(): the type word first */
#define IG_FLAT (1u << 9)    /* flats(): flat, apartment, apt */

typedef struct tact__idents {
    tact__lex lex; /* normalised word -> IX_* bits */
    tact__hfilter lexf; /* hashes of lex's keys (idents_filter.h) */
    tact__lex gate;     /* gate word -> IG_* bits */
    tact__hfilter gatef;
    tact__hfilter anyf; /* lexf | gatef | numf: in neither when clear */
    tact__hfilter numf; /* hashes of the number words (idents_ages.c) */
    /* the bytes (both cases) just before the first '/' of a profile or
     * fundraiser host (idents_web.c, tact__ix_web_compile) */
    uint8_t host_end[256];
    /* the words of the link lists (profile hosts, fundraiser words,
     * resource words) and "funeral", "in-memory" (idents_web.c, url_found)
     * by the bit of their first two bytes (pair_bit): the numbers of those
     * of bit b are url_order[url_first[b]] up to url_order[url_first[b + 1]];
     * url_len: each word's length */
    uint8_t url_first[257];
    uint8_t url_order[96];
    uint8_t url_len[96];
    /* postcode areas (idents_postcode.c): bit b of pc_area[a] says "AB" is
     * an area (A = 'A' + a, B = 'A' + b); bit 26 says "A" alone is one */
    uint32_t pc_area[26];
} tact__idents;

/* ---- byte helpers ------------------------------------------------------ */

static inline bool ix_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool ix_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool ix_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool ix_alpha(int c) { return ix_upper(c) || ix_lower(c); }
static inline bool ix_alnum(int c) { return ix_alpha(c) || ix_digit(c); }
static inline int ix_up(int c) { return ix_lower(c) ? c - 32 : c; }

/* Byte at i, or 0 outside the text. */
static inline int ix_at(const tact_scanner *sc, size_t i)
{
    return i < sc->len ? (unsigned char)sc->text[i] : 0;
}

/*
 * Speed, for the byte loops that look for a digit (and a few marks): the
 * first i' >= i such that bytes i' .. i'+7 hold one with a value strictly
 * between lo and hi (or fewer than 8 bytes are left): every 8 bytes
 * stepped over hold none, so a loop that passes over such bytes one by one
 * may start again at i'. lo and hi are ASCII (lo < hi <= 128); bytes of
 * 128 and up never count. (The test is "hasbetween" of Sean Anderson's
 * Bit Twiddling Hacks, exact for bytes below 128.)
 */
static inline size_t ix_skip_none_between(const tact_scanner *sc, size_t i, unsigned lo,
                                          unsigned hi)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7f7f7f7f7f7f7f7full;
    const uint64_t high = 0x8080808080808080ull;
    while (i + 8 <= sc->len) {
        uint64_t x;
        memcpy(&x, sc->text + i, sizeof x);
        uint64_t t = ((ones * (127u + hi) - (x & low7)) & ~x & ((x & low7) + ones * (127u - lo))) & high;
        if (t)
            break;
        i += 8;
    }
    return i;
}

/* True when the bytes before i (if any) do not continue a word or number. */
static inline bool ix_left_edge(const tact_scanner *sc, size_t i)
{
    if (i == 0)
        return true;
    int c = (unsigned char)sc->text[i - 1];
    return !ix_alnum(c) && c != '_' && c != '/' && c != '@' && c < 0x80;
}

/* True when the byte at i does not continue a word or number. */
static inline bool ix_right_edge(const tact_scanner *sc, size_t i)
{
    int c = ix_at(sc, i);
    return !ix_alnum(c) && c != '_' && c != '@' && c < 0x80;
}

/* Value of the decimal digits in [s, e), or -1 (none, or too large). */
static inline long ix_num_at(const tact_scanner *sc, size_t s, size_t e)
{
    long v = 0;
    for (size_t i = s; i < e; i++) {
        if (!ix_digit(ix_at(sc, i)) || v > 100000)
            return -1;
        v = v * 10 + (ix_at(sc, i) - '0');
    }
    return e > s ? v : -1;
}

/* Number token value (plain digits, or 3rd/21st), or -1. */
static inline long ix_tok_num(const tact_scanner *sc, size_t k, bool ordinal_ok)
{
    if (k >= sc->ntoks)
        return -1;
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_NUMBER)
        return ix_num_at(sc, t->start, t->end);
    if (t->kind == TACT__TOK_ALNUM && ordinal_ok && t->end - t->start >= 3) {
        /* the suffix is read from the original bytes: a combining mark can
         * make the normalised form shorter than the text */
        size_t e = t->end - 2;
        char suf[2] = {(char)(sc->text[e] | 0x20), (char)(sc->text[e + 1] | 0x20)};
        if (memcmp(suf, "st", 2) && memcmp(suf, "nd", 2) && memcmp(suf, "rd", 2) &&
            memcmp(suf, "th", 2))
            return -1;
        return ix_num_at(sc, t->start, e);
    }
    return -1;
}

/* ---- token helpers (idents.c) ------------------------------------------ */

/* The same as tact__tok_is(sc, i, w), inline: with w a literal, strlen(w)
 * is a constant, so a token of another length is rejected by one compare
 * and the rest is a fixed-size memcmp. The detectors call this for every
 * token against dozens of cue words. */
static inline bool ix_is(const tact_scanner *sc, size_t i, const char *w)
{
    if (i >= sc->ntoks)
        return false;
    size_t n = strlen(w);
    return sc->toks[i].norm_len == n && memcmp(sc->norm.p + sc->toks[i].norm_off, w, n) == 0;
}

/* IX_* bits of token i (0 when out of range or not a word). Inline: the
 * detectors ask this about most tokens, and most tokens are in no list,
 * which the filter tells without the lexicon probe (idents_filter.h). */
uint32_t tact__ix_bits_slow(const tact_scanner *sc, size_t i);
static inline uint32_t tact__ix_bits(const tact_scanner *sc, size_t i)
{
    if (i >= sc->ntoks)
        return 0;
    /* (speed: tact__idents_scan looks every token up once) */
    if (sc->ix_bits)
        return sc->ix_bits[i];
    const tact__idents *ix = sc->rs->idents;
    if (ix && !tact__hf_maybe(&ix->lexf, sc->toks[i].hash))
        return 0;
    return tact__ix_bits_slow(sc, i);
}
/* Index of the last token that ends at or before off, or SIZE_MAX. */
size_t tact__ix_tok_before(const tact_scanner *sc, size_t off);
/* True when a token carrying any of bits lies within nbefore tokens before
 * byte start or nafter tokens after byte end (not crossing a line break). */
bool tact__ix_cue_near(const tact_scanner *sc, size_t start, size_t end, uint32_t bits,
                       size_t nbefore, size_t nafter);
/* True when token i is a word starting with a capital letter. (Inline,
 * like tact__ix_punct: the detectors ask it about most tokens.) */
static inline bool tact__ix_cap(const tact_scanner *sc, size_t i)
{
    if (i >= sc->ntoks)
        return false;
    const tact__token *t = &sc->toks[i];
    return (t->kind == TACT__TOK_WORD || t->kind == TACT__TOK_ALNUM) &&
           (t->shape & (TACT__SH_INITCAP | TACT__SH_ALLCAP)) && ix_upper(ix_at(sc, t->start));
}
/* True when byte off lies inside a URL, email, handle or hashtag token. */
bool tact__ix_in_web(const tact_scanner *sc, size_t off);
/*
 * The same as tact__tok_after(sc, off) and tact__ix_in_web(sc, off), for
 * loops that move forward through the text: *cur is a token index the
 * caller keeps (start it at 0). When off moves forward the answer is found
 * by stepping from *cur; when it moves back, by binary search. Token ends
 * increase, so the result is always the binary search's.
 */
static inline size_t ix_tok_after_c(const tact_scanner *sc, size_t *cur, size_t off)
{
    size_t k = *cur;
    if (k > sc->ntoks || (k > 0 && sc->toks[k - 1].end > off)) {
        k = tact__tok_after(sc, off);
    } else {
        while (k < sc->ntoks && sc->toks[k].end <= off)
            k++;
    }
    *cur = k;
    return k;
}

static inline bool ix_in_web_c(const tact_scanner *sc, size_t *cur, size_t off)
{
    size_t k = ix_tok_after_c(sc, cur, off);
    if (k >= sc->ntoks || sc->toks[k].start > off)
        return false;
    unsigned kind = sc->toks[k].kind;
    return kind == TACT__TOK_URL || kind == TACT__TOK_EMAIL || kind == TACT__TOK_HANDLE ||
           kind == TACT__TOK_HASHTAG;
}

/* True when the text just before off (within a few tokens) says the thing
 * is an example, made up or fake: "like", "e.g.", "made up", "example". */
bool tact__ix_example_before(const tact_scanner *sc, size_t off);
/*
 * Match a tiny byte pattern at i: 'A' an upper-case letter, 'L' any ASCII
 * letter, '9' a digit, '_' an optional space, '~' an optional space or
 * hyphen; any other character matches itself. Returns the end offset, or 0
 * when it does not match. Edges are the caller's business.
 */
size_t tact__ix_match(const tact_scanner *sc, size_t i, const char *pat);
/* True when token i is punctuation equal to ch. */
static inline bool tact__ix_punct(const tact_scanner *sc, size_t i, char ch)
{
    return i < sc->ntoks && sc->toks[i].kind == TACT__TOK_PUNCT &&
           sc->toks[i].end == sc->toks[i].start + 1 && sc->text[sc->toks[i].start] == ch;
}

/* ---- detectors ----------------------------------------------------------- */

/* The offsets of one byte's occurrences in the text, in order (ix_post);
 * all false when there are more than fit, and then a detector walks the
 * text itself. */
typedef struct ix_bytes {
    uint32_t at[64];
    size_t n;
    bool all;
} ix_bytes;

/* What the whole post holds, found once by the driver (idents.c), so that a
 * detector can skip a pass that cannot fire: phone numbers, postcodes,
 * NHS/NI/vehicle/code numbers, numeric and written dates and coordinates
 * all need an ASCII digit; what3words needs a '/'. */
typedef struct ix_post {
    bool digit; /* an ASCII digit somewhere in the text */
    /* a digit (of any script) in a token that is not a URL, email, handle
     * or hashtag, or an email that starts with an ASCII digit. Most tweets
     * have digits only in their t.co links. Web tokens start only after a
     * byte that is not an ASCII letter or digit (tokenize.c), and URLs,
     * handles and hashtags never start with a digit, so a digit reached
     * through letters from a start outside the web tokens, or one at the
     * start itself, is outside them; a digit just after a space, '+', '(',
     * '/' or '-' may begin an email ("AB 123456.x@y.com"), hence the second
     * part. Detectors say where they skip on this. */
    bool digit_out;
    /* IG_* bits of every token (sc->ntoks of them) */
    const uint16_t *gate;
    /* speed: the tokens k, in order, with IG_* bits, IX_* bits
     * (tact__ix_bits) or TACT__LX_STREET (tact__token.lex): a loop whose
     * every rule starts at such a token visits only these (idents_address.c) */
    const uint32_t *hot;
    size_t nhot;
    /* the same for the URL, email, handle and hashtag tokens and the
     * IG_PLATFORM words (idents_web.c) */
    const uint32_t *web;
    size_t nweb;
    uint32_t ixany; /* IX_* bits of all tokens together */
    /* a number or alnum token somewhere (every age rule needs one, or a
     * number word: idents_ages.c) */
    bool numtok;
    /* a token that may be a number word (idents.c: numf), or one with an
     * inner hyphen ("fourteen-year-old"): the only places idents_ages.c
     * reads number words */
    bool numword;
    /* speed: the '.' and the '/' bytes of the text (idents.c, one walk
     * each, for the detectors that look for them: the position, profile
     * link and date prechecks of idents_web.c and idents_dates.c) */
    const ix_bytes *dots, *slashes;
} ix_post;

int tact__ix_phone_scan(tact_scanner *sc, const ix_post *p);    /* idents_phone.c */
int tact__ix_postcode_scan(tact_scanner *sc, const ix_post *p); /* idents_postcode.c */
/* idents_numbers.c: NHS, NI, case refs, vehicles */
int tact__ix_numbers_scan(tact_scanner *sc, const ix_post *p);
/* idents_dates.c: dates of birth, then ages */
int tact__ix_dates_scan(tact_scanner *sc, const ix_post *p);
int tact__ix_ages_scan(tact_scanner *sc, const ix_post *p);    /* idents_ages.c */
/* idents_address.c: address, location, school, org */
int tact__ix_address_scan(tact_scanner *sc, const ix_post *p);
/* idents_web.c: email, url, handle, geo */
int tact__ix_web_scan(tact_scanner *sc, const ix_post *p);
/* Fill ix->pc_area from the list of postcode areas (idents_postcode.c). */
void tact__ix_postcode_compile(tact__idents *ix);
/* Fill ix->host_end from the profile and fundraiser hosts (idents_web.c). */
void tact__ix_web_compile(tact__idents *ix);
/* Add the platform words to the gate lexicon (IG_PLATFORM). */
int tact__ix_web_gate(const tact__alloc *a, tact__lex *gate);

/* Exposed for the unit tests: NHS modulus 11 on 10 digits; NI shape. */
bool tact__ix_nhs_valid(const char *digits10);
bool tact__ix_ni_prefix_valid(int a, int b);

#endif
