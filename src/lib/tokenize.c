/*
 * tokenize.c - split a post into tokens that keep byte offsets into the
 * caller's text: words (with inner apostrophes and hyphens), numbers,
 * letter-digit mixes, @handles, #hashtags, URLs, emails, emoji clusters and
 * single punctuation characters. Each token gets a normalised form (NFKC,
 * case-folded, accents stripped) and its shape.
 */
#include "internal.h"
#include "lexicon.h"
#include "tinfo.h"

#if defined(__GNUC__)
#define TOK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TOK_UNLIKELY(x) (x)
#endif

typedef struct cursor {
    const unsigned char *s;
    size_t n;
    bool replace;
    /* scan_email's memory of the last run of local-part characters: a later
     * start inside the run ends at the same place, so the run (and the
     * domain after its '@') is read once, not once per start (linear time
     * on "a.a.a.a..." without an '@'). em_dom_end: SIZE_MAX not read yet,
     * 0 no valid domain, else the end of the address. */
    size_t em_run_end, em_dom_end;
    /* the first '@' at or after the last start scan_email looked from (n:
     * none; SIZE_MAX: not looked for yet). Most posts have no '@' after
     * their handles, and then no start can be an email. */
    size_t at_pos;
} cursor;

/* Code point at i and its length; invalid bytes read as U+FFFD. */
static size_t cp_at(const cursor *c, size_t i, int32_t *cp)
{
    if (i >= c->n) {
        *cp = 0;
        return 0;
    }
    if (c->s[i] < 0x80) {
        *cp = c->s[i];
        return 1;
    }
    size_t l = tact__utf8_decode(c->s, c->n, i, cp);
    if (*cp < 0)
        *cp = 0xFFFD;
    return l;
}

/* ASCII answered here; the Unicode tables only for the rest. */
static bool is_letter(int32_t cp)
{
    return cp < 0x80 ? (unsigned)((cp | 0x20) - 'a') < 26u : tact__cp_is_letter(cp);
}

static bool is_digit(int32_t cp)
{
    return cp < 0x80 ? (unsigned)(cp - '0') < 10u : tact__cp_is_digit(cp);
}

static bool is_space(int32_t cp)
{
    return cp < 0x80 ? cp == ' ' || (unsigned)(cp - '\t') < 5u : tact__cp_is_space(cp);
}

/* ASCII byte classes: AC_ALNUM a letter or digit, AC_DIGIT a digit,
 * AC_LOCAL an email local-part character (letters, digits, . _ % + -),
 * AC_ALPHA a letter, AC_UPPER an upper-case letter, AC_HYPH '-', AC_APOS '\'',
 * AC_AT '@'. */
enum { AC_ALNUM = 1, AC_DIGIT = 2, AC_LOCAL = 4, AC_ALPHA = 8, AC_UPPER = 16, AC_HYPH = 32,
       AC_APOS = 64, AC_AT = 128 };
static const unsigned char ascii_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 4, 0, 64, 0, 0, 0, 4, 0, 36, 4, 0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0,
    128, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29,
    29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29, 0, 0, 0, 0, 4,
    0, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13,
    13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The byte that ends a plain word's run of ASCII letters and digits:
 * WE_EMAIL, it may continue an email address's local part or be its '@'
 * (the address is tried first); WE_GOES_ON, the word may go on past it
 * (an apostrophe, a hyphen, a non-ASCII byte: scan_word decides);
 * WE_SPACE, a plain space, which the word's path takes with it (the
 * commonest byte after a word, and one trip less round the main loop). */
enum { WE_EMAIL = 1, WE_GOES_ON = 2, WE_SPACE = 4 };
static const unsigned char word_end[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 1, 0, 3, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* push_token's byte table, one load per byte: the byte lower-cased (A-Z
 * only) in bits 0-7, its ascii_class in bits 8-15, and LC_NONASCII for a
 * byte of 0x80 or more (whose other bits are 0). */
#define LC_NONASCII (1u << 16)
static const uint32_t ascii_lc[256] = {
    0x00000, 0x00001, 0x00002, 0x00003, 0x00004, 0x00005, 0x00006, 0x00007,
    0x00008, 0x00009, 0x0000a, 0x0000b, 0x0000c, 0x0000d, 0x0000e, 0x0000f,
    0x00010, 0x00011, 0x00012, 0x00013, 0x00014, 0x00015, 0x00016, 0x00017,
    0x00018, 0x00019, 0x0001a, 0x0001b, 0x0001c, 0x0001d, 0x0001e, 0x0001f,
    0x00020, 0x00021, 0x00022, 0x00023, 0x00024, 0x00425, 0x00026, 0x04027,
    0x00028, 0x00029, 0x0002a, 0x0042b, 0x0002c, 0x0242d, 0x0042e, 0x0002f,
    0x00730, 0x00731, 0x00732, 0x00733, 0x00734, 0x00735, 0x00736, 0x00737,
    0x00738, 0x00739, 0x0003a, 0x0003b, 0x0003c, 0x0003d, 0x0003e, 0x0003f,
    0x08040, 0x01d61, 0x01d62, 0x01d63, 0x01d64, 0x01d65, 0x01d66, 0x01d67,
    0x01d68, 0x01d69, 0x01d6a, 0x01d6b, 0x01d6c, 0x01d6d, 0x01d6e, 0x01d6f,
    0x01d70, 0x01d71, 0x01d72, 0x01d73, 0x01d74, 0x01d75, 0x01d76, 0x01d77,
    0x01d78, 0x01d79, 0x01d7a, 0x0005b, 0x0005c, 0x0005d, 0x0005e, 0x0045f,
    0x00060, 0x00d61, 0x00d62, 0x00d63, 0x00d64, 0x00d65, 0x00d66, 0x00d67,
    0x00d68, 0x00d69, 0x00d6a, 0x00d6b, 0x00d6c, 0x00d6d, 0x00d6e, 0x00d6f,
    0x00d70, 0x00d71, 0x00d72, 0x00d73, 0x00d74, 0x00d75, 0x00d76, 0x00d77,
    0x00d78, 0x00d79, 0x00d7a, 0x0007b, 0x0007c, 0x0007d, 0x0007e, 0x0007f,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
    0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000, 0x10000,
};

/* The plain-word path's byte table, one load per byte: 0 for a byte that
 * is no ASCII letter or digit, else the byte lower-cased in the top eight
 * bits and what it adds to the run's counts below them: upper-case letters
 * in bits 0-26, digits in bits 27-53 (a text is at most TACT_MAX_TEXT =
 * 2^26 bytes, so neither overflows; the lower-cased bytes summed into the
 * top bits are never read). */
#define WT_DIG_SHIFT 27
#define WT_CNT_MASK ((1ull << WT_DIG_SHIFT) - 1)
#define WT(c) ((uint64_t)(c) << 56)
#define WT_UP(c) (WT(c) | 1ull)
#define WT_DIG(c) (WT(c) | (1ull << WT_DIG_SHIFT))
static const uint64_t word_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    WT_DIG(48), WT_DIG(49), WT_DIG(50), WT_DIG(51), WT_DIG(52), WT_DIG(53), WT_DIG(54), WT_DIG(55),
    WT_DIG(56), WT_DIG(57), 0, 0, 0, 0, 0, 0,
    0, WT_UP(97), WT_UP(98), WT_UP(99), WT_UP(100), WT_UP(101), WT_UP(102), WT_UP(103),
    WT_UP(104), WT_UP(105), WT_UP(106), WT_UP(107), WT_UP(108), WT_UP(109), WT_UP(110), WT_UP(111),
    WT_UP(112), WT_UP(113), WT_UP(114), WT_UP(115), WT_UP(116), WT_UP(117), WT_UP(118), WT_UP(119),
    WT_UP(120), WT_UP(121), WT_UP(122), 0, 0, 0, 0, 0,
    0, WT(97), WT(98), WT(99), WT(100), WT(101), WT(102), WT(103),
    WT(104), WT(105), WT(106), WT(107), WT(108), WT(109), WT(110), WT(111),
    WT(112), WT(113), WT(114), WT(115), WT(116), WT(117), WT(118), WT(119),
    WT(120), WT(121), WT(122), 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
};
#undef WT
#undef WT_UP
#undef WT_DIG

/* The main loop's first question about a byte: BK_SPACE a plain space,
 * BK_ALNUM an ASCII letter or digit, BK_PUNCT other ASCII punctuation that
 * is a token of its own (not '@', '#' or an apostrophe, which may start
 * more), BK_PUNCT_END one of those that ends a sentence ('.', '!', '?');
 * BK_OTHER anything else (the general path). */
enum { BK_OTHER = 0, BK_SPACE = 1, BK_ALNUM = 2, BK_PUNCT = 3, BK_PUNCT_END = 4 };
static const unsigned char byte_kind[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 4, 3, 0, 3, 3, 3, 0, 3, 3, 3, 3, 3, 3, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3,
    3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* push_token's counts: upper-case letters in the low 32 bits, lower-case in
 * the high 32 (a text is at most TACT_MAX_TEXT bytes). */
#define UL_UP 1ull
#define UL_LO (1ull << 32)
static const uint64_t ascii_ul[256] = {
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP,
    UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP,
    UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP, UL_UP,
    UL_UP, UL_UP, UL_UP, 0, 0, 0, 0, 0,
    0, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO,
    UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO,
    UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO, UL_LO,
    UL_LO, UL_LO, UL_LO, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
};

static bool is_word_cp_slow(int32_t cp)
{
    return tact__cp_is_letter(cp) || tact__cp_is_digit(cp) || tact__cp_is_mark(cp);
}

static inline bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (ascii_class[cp] & AC_ALNUM);
    return is_word_cp_slow(cp);
}

static inline bool ascii_alnum(unsigned char ch)
{
    return ascii_class[ch] & AC_ALNUM;
}

static bool starts_with_ci(const cursor *c, size_t i, const char *p)
{
    size_t k = 0;
    for (; p[k]; k++) {
        if (i + k >= c->n)
            return false;
        unsigned char ch = c->s[i + k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + 32);
        if (ch != (unsigned char)p[k])
            return false;
    }
    return true;
}

/* A URL from i: scheme or www., to the next space, without trailing
 * punctuation. Returns its end, or i when there is none. */
static size_t scan_url(const cursor *c, size_t i)
{
    if (!(starts_with_ci(c, i, "http://") || starts_with_ci(c, i, "https://") ||
          starts_with_ci(c, i, "www.")))
        return i;
    size_t e = i;
    int parens = 0;
    while (e < c->n) {
        unsigned char ch = c->s[e];
        if (ch <= ' ' || ch == '"' || ch == '<' || ch == '>' || ch == 0x7f)
            break;
        if (ch >= 0x80) {
            int32_t cp;
            size_t l = cp_at(c, e, &cp);
            if (is_space(cp) || tact__cp_is_emoji(cp))
                break;
            e += l;
            continue;
        }
        if (ch == '(')
            parens++;
        else if (ch == ')')
            parens--;
        e++;
    }
    while (e > i) {
        unsigned char ch = c->s[e - 1];
        if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' ||
            ch == '\'' || ch == ']' || ch == '}' || (ch == ')' && parens < 0)) {
            if (ch == ')')
                parens++;
            e--;
        } else {
            break;
        }
    }
    /* "www." alone or "http://" alone is not a URL */
    size_t min = starts_with_ci(c, i, "www.") ? 5 : (starts_with_ci(c, i, "https://") ? 9 : 8);
    return e - i >= min ? e : i;
}

static inline bool email_local_char(unsigned char ch)
{
    return ascii_class[ch] & AC_LOCAL;
}

/* The domain after the '@' at `at`: returns the end of the address, or 0
 * when there is no valid domain. */
static size_t scan_domain(const cursor *c, size_t at)
{
    size_t e = at + 1;
    size_t dom = e, lastdot = 0;
    while (e < c->n && (ascii_alnum(c->s[e]) || c->s[e] == '-' || c->s[e] == '.')) {
        if (c->s[e] == '.')
            lastdot = e;
        e++;
    }
    while (e > dom && (c->s[e - 1] == '.' || c->s[e - 1] == '-'))
        e--;
    /* a full stop after the address ends the sentence, not the domain */
    while (lastdot >= e && lastdot > dom) {
        lastdot--;
        while (lastdot > dom && c->s[lastdot] != '.')
            lastdot--;
    }
    if (e == dom || lastdot <= dom || lastdot >= e - 1)
        return 0;
    /* top-level domain: two or more letters */
    size_t tld = lastdot + 1;
    if (e - tld < 2)
        return 0;
    for (size_t k = tld; k < e; k++)
        if (!((c->s[k] | 32) >= 'a' && (c->s[k] | 32) <= 'z'))
            return 0;
    return e;
}

/* An email address starting at i. Returns its end or i. Starts only move
 * forward, so a start before em_run_end lies inside the remembered run. */
static size_t scan_email(cursor *c, size_t i)
{
    size_t e;
    if (c->at_pos == SIZE_MAX || (c->at_pos < i && c->at_pos != c->n)) {
        const void *at = i < c->n ? memchr(c->s + i, '@', c->n - i) : NULL;
        c->at_pos = at ? (size_t)((const unsigned char *)at - c->s) : c->n;
    }
    if (c->at_pos == c->n)
        return i; /* an address needs an '@' after its start */
    if (i < c->em_run_end) {
        e = c->em_run_end;
    } else {
        e = i;
        while (e < c->n && email_local_char(c->s[e]))
            e++;
        c->em_run_end = e;
        c->em_dom_end = SIZE_MAX;
    }
    if (e == i || e >= c->n || c->s[e] != '@' || c->s[i] == '.')
        return i;
    if (c->em_dom_end == SIZE_MAX)
        c->em_dom_end = scan_domain(c, e);
    return c->em_dom_end ? c->em_dom_end : i;
}

/* The case and digit shape bits of a token from its letter counts (shared
 * by push_token and the tokenizer's plain-word path, so both give the same
 * shape). */
static inline unsigned case_shape(unsigned shape, unsigned letters, unsigned upper, unsigned lower,
                                  unsigned digits, bool first_upper)
{
    if (digits)
        shape |= TACT__SH_DIGIT;
    if (letters == 1 && digits == 0)
        shape |= TACT__SH_ONELETTER;
    if (letters >= 2 && upper == letters)
        shape |= TACT__SH_ALLCAP;
    else if (first_upper)
        shape |= TACT__SH_INITCAP;
    else if (letters && lower == letters)
        shape |= TACT__SH_LOWER;
    if (letters == 1 && upper == 1)
        shape |= TACT__SH_INITCAP;
    return shape;
}

/* Counts one letter of a token for case_shape(). */
static inline void count_letter(bool up, unsigned *letters, unsigned *upper, unsigned *lower,
                                bool *first_upper)
{
    if (up) {
        if (*letters == 0)
            *first_upper = true;
        (*upper)++;
    } else {
        (*lower)++;
    }
    (*letters)++;
}

#if defined(__GNUC__)
#define TOK_NOINLINE __attribute__((noinline))
#else
#define TOK_NOINLINE
#endif

/* push_token's general path for token t, [start, end) of the text, which
 * has a byte from 0x80 on: code point by code point, each normalised into
 * norm from t->norm_off; shape holds the bits the caller gave. (Out of
 * line: push_token's ASCII path, nearly every call, keeps a small frame.) */
static TOK_NOINLINE int push_token_cp(tact_scanner *sc, tact__token *t, size_t start, size_t end,
                                      unsigned shape)
{
    unsigned upper = 0, lower = 0, letters = 0, digits = 0, nonascii = 0;
    bool first_upper = false;
    cursor c = {(const unsigned char *)sc->text, sc->len, true, 0, SIZE_MAX, SIZE_MAX};
    size_t i = start;
    while (i < end) {
        if (c.s[i] < 0x80) {
            /* a run of ASCII bytes (most of such a token): the branches
             * below and tact__norm_cp's, on the byte tables, with norm
             * reserved once for the run (as tact__buf_putc would grow it,
             * byte by byte) */
            size_t r = i + 1;
            while (r < end && c.s[r] < 0x80)
                r++;
            if (sc->norm.cap - sc->norm.len < r - i + 1 &&
                tact__buf_reserve(&sc->a, &sc->norm, r - i) != TACT_OK)
                return TACT_ENOMEM;
            char *o = sc->norm.p + sc->norm.len;
            for (; i < r; i++) {
                const unsigned ch = c.s[i], k = ascii_class[ch];
                if (k & AC_ALPHA) {
                    count_letter((k & AC_UPPER) != 0, &letters, &upper, &lower, &first_upper);
                } else if (k & AC_DIGIT) {
                    digits++;
                } else if ((ch == '-' || ch == '\'') && i > start && i + 1 < end) {
                    shape |= ch == '-' ? TACT__SH_HYPHEN : TACT__SH_APOS;
                }
                *o++ = (char)(ascii_lc[ch] & 0xffu);
            }
            *o = '\0';
            sc->norm.len = (size_t)(o - sc->norm.p);
            continue;
        }
        int32_t cp;
        size_t l = cp_at(&c, i, &cp);
        if (cp >= 0x80)
            nonascii++;
        if (is_letter(cp)) {
            count_letter(tact__cp_is_upper(cp), &letters, &upper, &lower, &first_upper);
        } else if (is_digit(cp)) {
            digits++;
        } else if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && i > start && i + l < end) {
            shape |= TACT__SH_HYPHEN;
        } else if ((cp == '\'' || cp == 0x2019) && i > start && i + l < end) {
            shape |= TACT__SH_APOS;
        }
        if (tact__norm_cp(&sc->a, &sc->norm, cp) != TACT_OK)
            return TACT_ENOMEM;
        i += l;
    }
    t->norm_len = (uint32_t)(sc->norm.len - t->norm_off);
    if (nonascii)
        shape |= TACT__SH_NONASCII;
    t->shape = (uint16_t)case_shape(shape, letters, upper, lower, digits, first_upper);
    t->hash = tact__hash_inl(sc->norm.p + t->norm_off, t->norm_len);
    sc->ntoks++;
    return TACT_OK;
}

static int push_token(tact_scanner *sc, size_t start, size_t end, int kind, unsigned shape_extra)
{
    if (sc->ntoks == sc->toks_cap &&
        tact__grow(&sc->a, (void **)&sc->toks, &sc->toks_cap, sc->ntoks + 1, sizeof *sc->toks))
        return TACT_ENOMEM;
    tact__token *t = &sc->toks[sc->ntoks];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = (uint16_t)kind;
    t->norm_off = (uint32_t)sc->norm.len;
    t->lex = 0;
    unsigned upper = 0, lower = 0, letters = 0, digits = 0;
    bool first_upper = false;
    unsigned shape = shape_extra;
    /* ASCII tokens (nearly all) in one pass that copies, counts and
     * hashes (tact__hash's FNV-1a, finished below); a non-ASCII byte
     * abandons it for the general path, which starts over */
    bool ascii_fast = true;
    uint64_t h = 0xcbf29ce484222325ull;
    /* (as in the plain-word path: while norm holds no more bytes than the
     * text read so far, the reserve at the start has room) */
    if (sc->norm.len > start && sc->norm.cap - sc->norm.len < end - start + 1 &&
        tact__buf_reserve(&sc->a, &sc->norm, end - start) != TACT_OK)
        return TACT_ENOMEM;
    {
        const unsigned char *src = (const unsigned char *)sc->text;
        unsigned char *o = (unsigned char *)sc->norm.p + sc->norm.len;
        uint64_t ul = 0;
        unsigned seen = 0;
        /* (a non-ASCII byte is seen after the loop: what the loop wrote,
         * counted and hashed is then thrown away, and the general path
         * starts over at the same place in norm) */
        for (size_t k = start; k < end; k++) {
            const unsigned b = src[k];
            const uint32_t e = ascii_lc[b];
            const unsigned ch = e & 0xffu;
            ul += ascii_ul[b];
            seen |= e;
            *o++ = (unsigned char)ch;
            h ^= ch;
            h *= 0x100000001b3ull;
        }
        ascii_fast = !(seen & LC_NONASCII);
        seen >>= 8; /* (the ascii_class bits) */
        if (ascii_fast) {
            upper = (unsigned)(ul & 0xFFFFFFFFu);
            lower = (unsigned)(ul >> 32);
            letters = upper + lower;
            digits = (seen & AC_DIGIT) != 0; /* only whether there is one counts */
            if (upper) {
                /* the first letter upper-case */
                size_t f = start;
                while (!(ascii_class[src[f]] & AC_ALPHA))
                    f++;
                first_upper = (ascii_class[src[f]] & AC_UPPER) != 0;
            }
            /* a hyphen or apostrophe inside the token (not at its ends) */
            if ((seen & (AC_HYPH | AC_APOS)) && end - start > 2) {
                for (size_t k = start + 1; k + 1 < end; k++) {
                    if (src[k] == '-')
                        shape |= TACT__SH_HYPHEN;
                    else if (src[k] == '\'')
                        shape |= TACT__SH_APOS;
                }
            }
        }
    }
    if (!ascii_fast)
        return push_token_cp(sc, t, start, end, shape);
    sc->norm.len += end - start;
    sc->norm.p[sc->norm.len] = '\0';
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    t->norm_len = (uint32_t)(sc->norm.len - t->norm_off);
    t->shape = (uint16_t)case_shape(shape, letters, upper, lower, digits, first_upper);
    t->hash = h;
    sc->ntoks++;
    return TACT_OK;
}

/* tact__hash of each one-byte ASCII string, for push_ascii_punct
 * (tests/unit/test_speed14.c checks them against tact__hash). */
static const uint64_t punct_hash[128] = {
    0x9091d60726574ae6ull, 0x34e9f27a2a0e313full, 0x5b0f07cd2a4c6e21ull,
    0xc8e2a2034441ff25ull, 0x58433858487e49ddull, 0x386a3c4861a1892aull,
    0xa0044c0fae379d94ull, 0x33e83e77f52c095bull, 0xf1b705108de0acd5ull,
    0xa677d5d7e5a75311ull, 0x1e1eec3c9fbe6361ull, 0xd857f91f3d949113ull,
    0xadc093bcf61b25b7ull, 0x2684a62aabfb96d3ull, 0x11922f6d8c9eba3dull,
    0x438b6c6f50f5db2full, 0x30f7c24e95eb8572ull, 0x9ecb5c84ea908af0ull,
    0x78b8d6061b3a22f4ull, 0xbaf86637c8520e8full, 0x8bfbcddc908b1d8full,
    0x408ec7c864498c5aull, 0x6c2c19372d1aee98ull, 0xefd52e262a98f983ull,
    0x97397fbd25593113ull, 0x1a36aef637ac7351ull, 0x670116c386d5848eull,
    0x4755f18f02f9908bull, 0x5e615d7c439853a7ull, 0x02b979ef2e589fc1ull,
    0xb65d4eace99517adull, 0xe8568baeebbf355full, 0x51be38e5953880b7ull,
    0x35eec2175a8b1169ull, 0x1c3b6aab598e5df2ull, 0x385f2cf406444a7eull,
    0x5ec044115b6e68d9ull, 0xabf04c7ab4d7f153ull, 0xa1091bad5eb3ee25ull,
    0xfe9662b3dae7c119ull, 0x90fef6231e43a9acull, 0x2a669a5e0c0d12f5ull,
    0x3043cb9af2fe6592ull, 0x72835bcc61e6de1aull, 0x7981c11c76493147ull,
    0xa095fb9d5cf1a3e8ull, 0x59b20c76bcc6be50ull, 0xdd5b2165bc28d44aull,
    0x9fbcf1d2737b4ddcull, 0x5f4063f58536f368ull, 0x32fe45edf84b9ca1ull,
    0x7b6d6da8a4796da0ull, 0x41805d15fa7f2ecbull, 0xba446f83af5f6e5full,
    0xfb6703ac5f28ceb5ull, 0x9fe181432cfd6651ull, 0xd929c53d432e92b3ull,
    0x46fd5f736b619f33ull, 0x0019704ccb8f32e9ull, 0x321e23059401a1aeull,
    0x083e1910236e0771ull, 0x03be498c3edaef50ull, 0x603a0a405d9ebafbull,
    0x40836f55248e05c2ull, 0x3d7f37cf9cf67042ull, 0x2896b3f78e931c39ull,
    0xab5c196f92a1dd30ull, 0x192fb3a5d3e34836ull, 0xfa4021e804109645ull,
    0x9e983e5b74c7b3e3ull, 0xf0515db2c551318aull, 0x8435501aee01522dull,
    0x5face66d8e1d432bull, 0xa1ec769f5f6518f5ull, 0x2f747d73ffe08f86ull,
    0x8d0d3a3112043e44ull, 0x482fb166b20ff79aull, 0x6f43ebe76fe84e75ull,
    0x749798920bc5da02ull, 0x54e0fda6e2aa760bull, 0x067e6c088d5f5311ull,
    0x7f427e7699bf8149ull, 0x178d26a820b0dee3ull, 0x59ccb6d9b5d81a38ull,
    0xce2fce59e3b77e0dull, 0x67c5496fa98919c9ull, 0x15f0e211148e0fcbull,
    0xd568de7ddd01c96eull, 0xee97153ca6378b13ull, 0xceebf0085a0fa1eeull,
    0x35fc7b3ddf408531ull, 0xa9a3ff46d7b28bafull, 0x2e141d63df330c68ull,
    0xd26c39d6e3a2341dull, 0x0e723f9967a19f77ull, 0x406b7c9b6d44fe05ull,
    0xab41e0ad57b1d6d3ull, 0xed8170de1919a24dull, 0x4f19bff7dffc739cull,
    0xd8a23470d89983fcull, 0xaec22a7b184be0acull, 0xaa425af7339e9855ull,
    0x4dab523c18efddadull, 0x5988c155ace754aaull, 0x52136647c7afe85eull,
    0xf66b82baca3440c7ull, 0xd5a3617cb5846ca1ull, 0x17e2f1ae46ecb76bull,
    0x8c46092e7ea3231eull, 0xb35a43aea31c9231ull, 0x6185dc504e7e9b03ull,
    0x937f1952222ab811ull, 0x510f869277457cbcull, 0xa3e5a1f34ea860abull,
    0xeff8ae53392e683eull, 0x37b07aa0a79ec264ull, 0xa12319e8f8de32f5ull,
    0x19e72c56ccfd8175ull, 0xe36bf18433cd2fe1ull, 0x15652e8625e301f3ull,
    0x5a5546256b54f6ffull, 0xc828e05b3af76667ull, 0x14979a7239a61eb6ull,
    0x826b34a80d6709b8ull, 0x6e6c1b22d25e2c28ull, 0x84e9ca7417bd546cull,
    0x23085c7891e515a7ull, 0xa6b17167919e709bull,
};

/* push_token for a one-byte ASCII punctuation token at i (its shape is
 * only what the caller passes). */
static int push_ascii_punct(tact_scanner *sc, size_t i, unsigned shape)
{
    if (sc->ntoks == sc->toks_cap &&
        tact__grow(&sc->a, (void **)&sc->toks, &sc->toks_cap, sc->ntoks + 1, sizeof *sc->toks))
        return TACT_ENOMEM;
    /* (no more normalised bytes than text bytes read: the reserve at the
     * start has room, as in the plain-word path) */
    if (sc->norm.len > i && sc->norm.cap - sc->norm.len < 2 &&
        tact__buf_reserve(&sc->a, &sc->norm, 1) != TACT_OK)
        return TACT_ENOMEM;
    unsigned char ch = (unsigned char)sc->text[i];
    tact__token *t = &sc->toks[sc->ntoks];
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + 1);
    t->kind = (uint16_t)TACT__TOK_PUNCT;
    t->norm_off = (uint32_t)sc->norm.len;
    t->norm_len = 1;
    t->lex = 0;
    t->shape = (uint16_t)shape;
    sc->norm.p[sc->norm.len++] = (char)ch;
    sc->norm.p[sc->norm.len] = '\0';
    t->hash = punct_hash[ch & 0x7f]; /* (ch is ASCII) */
    sc->ntoks++;
    return TACT_OK;
}

/*
 * The non-ASCII tokens most common in posts, made without the general
 * path: a curly double quote (U+201C, U+201D: punctuation, normalised to
 * '"'), an ellipsis (U+2026: punctuation, "...") and an emoji of one code
 * point (tact__tok_simple_emoji, itself as normalised form) with neither a
 * joiner, a variation selector, a skin tone nor a tag after it. The
 * general path gives each the same token: these code points are no space,
 * letter, digit or mark, the emoji are emoji that normalisation keeps and
 * no regional indicators, and the quotes and the ellipsis are no emoji
 * (tests/unit/test_speed25.c checks all of it against utf8.c). Sets *len
 * to the token's length in bytes, 0 to leave it to the general path.
 */
static TOK_NOINLINE int push_simple(tact_scanner *sc, size_t i, size_t *len, unsigned shape)
{
    const unsigned char *s = (const unsigned char *)sc->text;
    const size_t n = sc->len;
    *len = 0;
    unsigned char nb[4];
    size_t nl, l;
    int kind;
    if (s[i] == 0xE2) {
        if (i + 2 >= n || s[i + 1] != 0x80)
            return TACT_OK;
        if (s[i + 2] == 0x9C || s[i + 2] == 0x9D) {
            nb[0] = '"';
            nl = 1;
        } else if (s[i + 2] == 0xA6) {
            memcpy(nb, "...", 3);
            nl = 3;
        } else {
            return TACT_OK;
        }
        l = 3;
        kind = TACT__TOK_PUNCT;
    } else {
        if (i + 3 >= n || s[i + 1] != 0x9F || (s[i + 2] & 0xC0) != 0x80 ||
            (s[i + 3] & 0xC0) != 0x80)
            return TACT_OK;
        int32_t cp = 0x1F000 | (int32_t)(s[i + 2] & 0x3F) << 6 | (int32_t)(s[i + 3] & 0x3F);
        if (!tact__tok_simple_emoji(cp))
            return TACT_OK;
        /* what may follow: the text's end, ASCII, or an emoji that is no
         * skin tone (U+1F3C0 to U+1F3FF are left to the general path) */
        const size_t e = i + 4;
        if (e < n && s[e] >= 0x80 &&
            !(s[e] == 0xF0 && e + 2 < n && s[e + 1] == 0x9F && s[e + 2] != 0x8F))
            return TACT_OK;
        memcpy(nb, s + i, 4);
        nl = l = 4;
        kind = TACT__TOK_EMOJI;
    }
    if (sc->ntoks == sc->toks_cap &&
        tact__grow(&sc->a, (void **)&sc->toks, &sc->toks_cap, sc->ntoks + 1, sizeof *sc->toks))
        return TACT_ENOMEM;
    /* (no more normalised bytes than text bytes read: the reserve at the
     * start has room, as in the plain-word path) */
    if (sc->norm.len > i && sc->norm.cap - sc->norm.len < nl + 1 &&
        tact__buf_reserve(&sc->a, &sc->norm, nl) != TACT_OK)
        return TACT_ENOMEM;
    tact__token *t = &sc->toks[sc->ntoks];
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + l);
    t->kind = (uint16_t)kind;
    t->norm_off = (uint32_t)sc->norm.len;
    t->norm_len = (uint32_t)nl;
    t->lex = 0;
    t->shape = (uint16_t)(shape | TACT__SH_NONASCII);
    memcpy(sc->norm.p + sc->norm.len, nb, nl);
    sc->norm.len += nl;
    sc->norm.p[sc->norm.len] = '\0';
    t->hash = nl == 1 ? punct_hash['"'] : tact__hash_inl(nb, nl);
    sc->ntoks++;
    *len = l;
    return TACT_OK;
}

/* A word from i: letters, digits and marks, joined across an inner
 * apostrophe or hyphen between letters. A final 's is left for a separate
 * possessive token. Returns the end and sets *kind. */
static size_t scan_word(const cursor *c, size_t i, int *kind)
{
    size_t e = i;
    bool letters = false, digits = false;
    for (;;) {
        /* ASCII letters and digits without the code point machinery */
        if (e < c->n && ascii_alnum(c->s[e])) {
            unsigned k, seen = 0;
            while (e < c->n && ((k = ascii_class[c->s[e]]) & AC_ALNUM)) {
                seen |= k;
                e++;
            }
            if (seen & AC_DIGIT)
                digits = true;
            if (seen & AC_ALPHA)
                letters = true;
            continue;
        }
        int32_t cp;
        size_t l = cp_at(c, e, &cp);
        if (l && is_word_cp(cp)) {
            if (is_digit(cp))
                digits = true;
            else
                letters = true;
            e += l;
            continue;
        }
        if (l && (cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 || cp == 0x2011) &&
            e > i) {
            int32_t prev = 0, next;
            size_t pl = e - 1;
            while (pl > i && (c->s[pl] & 0xC0) == 0x80)
                pl--;
            cp_at(c, pl, &prev);
            size_t nl = cp_at(c, e + l, &next);
            if (nl && is_letter(prev) && is_letter(next)) {
                bool apos = cp != '-' && cp != 0x2010 && cp != 0x2011;
                if (apos && (next == 's' || next == 'S')) {
                    int32_t after;
                    size_t al = cp_at(c, e + l + nl, &after);
                    if (!al || !is_word_cp(after))
                        break; /* possessive: split */
                }
                e += l;
                continue;
            }
        }
        break;
    }
    *kind = digits ? (letters ? TACT__TOK_ALNUM : TACT__TOK_NUMBER) : TACT__TOK_WORD;
    return e;
}

/* The end of a run of handle characters (letters, digits, marks, '_') from i. */
static size_t handle_run(const cursor *c, size_t i)
{
    for (;;) {
        if (i < c->n && (ascii_alnum(c->s[i]) || c->s[i] == '_')) {
            i++;
            continue;
        }
        int32_t cp;
        size_t l = cp_at(c, i, &cp);
        if (!l || cp < 0x80 || !is_word_cp(cp))
            return i;
        i += l;
    }
}

static bool has_lex(const tact__token *t)
{
    return t->kind == TACT__TOK_WORD || t->kind == TACT__TOK_ALNUM || t->kind == TACT__TOK_NUMBER;
}

#if defined(__GNUC__)
/*
 * Two later probes of the general lexicon miss the cache on nearly every
 * post that has them: a handle's name as a brand (idents_web.c,
 * brand_handle: "@nspcc") and the phrases that start at the head word of a
 * multi-word entry (names_public.c, mark_lists: "prince william"). Their
 * slots are fetched here, ahead, so that the misses overlap the detectors
 * that run in between. Only a hint: the keys are built as those
 * functions build them in the usual case, and a key built differently
 * costs a wasted prefetch, never a different answer.
 */
static void warm_later_probes(const tact_scanner *sc, const tact__lex *lx, uint32_t mask, size_t i)
{
    const tact__token *t = &sc->toks[i];
    const char *w = sc->norm.p + t->norm_off;
    if (t->kind == TACT__TOK_HANDLE) {
        /* brand_handle: the lower-case name without '@', 3 to 31 bytes */
        if (!(t->shape & TACT__SH_NONASCII) && t->norm_len >= 4 && t->norm_len <= 32)
            __builtin_prefetch(&lx->slots[(uint32_t)tact__hash_inl(w + 1, t->norm_len - 1) & mask]);
        return;
    }
    enum { KEY_MAX = 128 };
    if (t->kind != TACT__TOK_WORD || !(t->lex & TACT__LX_HEAD) || t->norm_len >= KEY_MAX)
        return;
    /* mark_lists: the entry's words joined by spaces, up to four (the key
     * as tact__hash_inl hashes it, one word more at a time: its FNV-1a
     * state carried on, finished for each prefetch) */
    size_t kl = t->norm_len;
    uint64_t s = tact__fnv_more(TACT__FNV0, w, kl);
    for (size_t j = i + 1; j < sc->ntoks && j < i + 4; j++) {
        const tact__token *u = &sc->toks[j];
        if (u->kind != TACT__TOK_WORD || kl + u->norm_len + 1 >= KEY_MAX)
            break;
        s = (s ^ (unsigned char)' ') * 0x100000001b3ull;
        s = tact__fnv_more(s, sc->norm.p + u->norm_off, u->norm_len);
        kl += 1 + u->norm_len;
        __builtin_prefetch(&lx->slots[(uint32_t)tact__fnv_finish(s) & mask]);
    }
}
#endif

/* tact__lex_get_h (lex.c) inline, for the one lookup every word token
 * makes: the same probe, the same answer. */
static inline uint32_t lex_get_inl(const tact__lex *lx, uint64_t h)
{
    return tact__lex_probe(lx, h);
}

/*
 * The general lexicon is large (half a million words), so nearly every
 * lookup misses the cache. Looking the words up after tokenizing, with the
 * slot of each word prefetched when its token was made (TOK_PREFETCH),
 * overlaps those misses.
 */
static int lookup_words(tact_scanner *sc)
{
    const tact__lex *lx = &sc->rs->words;
    /* and the bits of tinfo.h of every token, in the same pass */
    const tact__tinfo *ti = sc->rs->tinfo;
    uint64_t *tv = NULL;
    if (ti) {
        tv = tact__scratch(sc, (sc->ntoks ? sc->ntoks : 1) * sizeof *tv);
        if (!tv)
            return TACT_ENOMEM;
    }
    if (!lx->count) {
        for (size_t i = 0, n = sc->ntoks; tv && i < n; i++)
            tv[i] = tact__tinfo_get(ti, sc->toks[i].hash);
        sc->tinfo = tv;
        return TACT_OK;
    }
#if defined(__GNUC__)
    uint32_t mask = lx->nslots - 1;
#endif
    tact__token *t = sc->toks;
    for (size_t i = 0, n = sc->ntoks; i < n; i++, t++) {
        if (tv)
            tv[i] = tact__tinfo_get(ti, t->hash);
        if (has_lex(t)) {
            t->lex = lex_get_inl(lx, t->hash);
#if defined(__GNUC__)
            if (t->lex & TACT__LX_HEAD)
                warm_later_probes(sc, lx, mask, i);
#endif
        }
#if defined(__GNUC__)
        else if (t->kind == TACT__TOK_HANDLE) {
            warm_later_probes(sc, lx, mask, i);
        }
#endif
    }
    sc->tinfo = tv;
    return TACT_OK;
}

/* Fetch the general lexicon's slot of a word token with hash h ahead of
 * lookup_words (a hint only). */
#if defined(__GNUC__)
#define TOK_PREFETCH(slots, mask, h)                                                           \
    do {                                                                                       \
        if (slots)                                                                             \
            __builtin_prefetch(&(slots)[(uint32_t)(h) & (mask)]);                              \
    } while (0)
#else
#define TOK_PREFETCH(slots, mask, h) ((void)0)
#endif

/*
 * The plain-word path's run of ASCII letters and digits [i, r) stops at a
 * byte that may let the word go on (WE_GOES_ON): scan_word's way on from
 * there, for ASCII text. An apostrophe or a hyphen between two letters
 * joins the word (not the apostrophe of a possessive 's, which is split
 * off), and so does the run after it, as long as the text is ASCII. The
 * bytes from r are lower-cased into o (o[k] for text byte i + k), hashed
 * into *h and counted into *cnt as the run was (word_tab); *nsep gets the
 * marks joined, *shape their TACT__SH_APOS and TACT__SH_HYPHEN (inner by
 * construction, as push_token marks them). Returns the word's end, or 0
 * when a non-ASCII byte leaves it to scan_word and push_token. (Speed:
 * "don't", "well-being" and "it's" took scan_word's and push_token's
 * passes after this one.)
 */
static size_t word_on_ascii(const unsigned char *s, size_t n, size_t i, size_t r,
                            unsigned char *o, uint64_t *h, uint64_t *cnt, size_t *nsep,
                            unsigned *shape)
{
    uint64_t hh = *h, cc = *cnt;
    size_t ns = 0;
    unsigned sh = 0;
    for (;;) {
        /* (r < n: s[r] has WE_GOES_ON, s[r - 1] is a letter or a digit) */
        const unsigned b = s[r];
        if (b != '\'' && b != '-')
            return 0;
        if (r + 1 >= n)
            break;
        const unsigned nx = s[r + 1];
        if (nx >= 0x80)
            return 0;
        if (!(ascii_class[s[r - 1]] & AC_ALPHA) || !(ascii_class[nx] & AC_ALPHA))
            break;
        if (b == '\'' && (nx == 's' || nx == 'S')) {
            /* a possessive 's (nothing of a word after the s) is split */
            if (r + 2 >= n)
                break;
            if (s[r + 2] >= 0x80)
                return 0;
            if (!(ascii_class[s[r + 2]] & AC_ALNUM))
                break;
        }
        o[r - i] = (unsigned char)b;
        hh ^= b;
        hh *= 0x100000001b3ull;
        ns++;
        sh |= b == '\'' ? TACT__SH_APOS : TACT__SH_HYPHEN;
        r++;
        uint64_t wt;
        while (r < n && (wt = word_tab[s[r]]) != 0) {
            unsigned ch = (unsigned)(wt >> 56);
            cc += wt;
            o[r - i] = (unsigned char)ch;
            hh ^= ch;
            hh *= 0x100000001b3ull;
            r++;
        }
        if (r >= n || !(word_end[s[r]] & WE_GOES_ON))
            break;
    }
    *h = hh;
    *cnt = cc;
    *nsep = ns;
    *shape = sh;
    return r;
}

/* The token [i, e) that word_on_ascii joined: its bytes lower-cased at
 * norm's end, its FNV-1a state h and word_tab counts cnt over them, nsep
 * marks among them; as the plain-word path makes a token, and the same
 * fields push_token would give it. */
/* The word hash's last mix (as push_token finishes it). */
static inline uint64_t hash_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
}

/* Whether the first letter of the ASCII word at i is upper-case (a digit
 * may come first; the word has a letter). */
static inline bool first_letter_upper(const unsigned char *s, size_t i)
{
    while (!(ascii_class[s[i]] & AC_ALPHA))
        i++;
    return (ascii_class[s[i]] & AC_UPPER) != 0;
}

static int push_joined(tact_scanner *sc, size_t i, size_t e, uint64_t h, uint64_t cnt,
                       size_t nsep, unsigned shape)
{
    if (sc->ntoks == sc->toks_cap &&
        tact__grow(&sc->a, (void **)&sc->toks, &sc->toks_cap, sc->ntoks + 1, sizeof *sc->toks))
        return TACT_ENOMEM;
    const unsigned char *s = (const unsigned char *)sc->text;
    unsigned upper = (unsigned)(cnt & WT_CNT_MASK);
    unsigned digits = (unsigned)((cnt >> WT_DIG_SHIFT) & WT_CNT_MASK);
    unsigned letters = (unsigned)(e - i - nsep) - digits;
    tact__token *t = &sc->toks[sc->ntoks];
    t->start = (uint32_t)i;
    t->end = (uint32_t)e;
    t->kind = (uint16_t)(!digits ? TACT__TOK_WORD : letters ? TACT__TOK_ALNUM : TACT__TOK_NUMBER);
    t->norm_off = (uint32_t)sc->norm.len;
    t->norm_len = (uint32_t)(e - i);
    t->lex = 0;
    sc->norm.p[sc->norm.len + (e - i)] = '\0';
    sc->norm.len += e - i;
    bool first_upper = upper && first_letter_upper(s, i);
    t->shape = (uint16_t)case_shape(shape, letters, upper, letters - upper, digits, first_upper);
    t->hash = hash_final(h);
    sc->ntoks++;
    return TACT_OK;
}

/* The plain-word path's word from i, whose run [i, r) of ASCII letters and
 * digits (lower-cased at norm's end, hashed into h, counted into cnt) stops
 * at a byte that may let it go on: the token made, as word_on_ascii and
 * push_joined can, else as scan_word and push_token do. Returns its end,
 * 0 without memory. (Out of line: the tokenizer's loop keeps its
 * registers.) */
static TOK_NOINLINE size_t word_goes_on(tact_scanner *sc, const cursor *c, size_t i, size_t r,
                                        uint64_t h, uint64_t cnt, unsigned pending)
{
    size_t nsep, e;
    unsigned ext;
    unsigned char *o = (unsigned char *)sc->norm.p + sc->norm.len;
    if ((e = word_on_ascii(c->s, c->n, i, r, o, &h, &cnt, &nsep, &ext)) != 0)
        return push_joined(sc, i, e, h, cnt, nsep, pending | ext) == TACT_OK ? e : 0;
    int kind;
    e = scan_word(c, i, &kind);
    return push_token(sc, i, e, kind, pending) == TACT_OK ? e : 0;
}

int tact__tokenize(tact_scanner *sc)
{
    sc->tinfo = NULL;
    cursor c = {(const unsigned char *)sc->text, sc->len, true, 0, SIZE_MAX, SIZE_MAX};
    /* the lexicon's slots, for TOK_PREFETCH (NULL: no lookups to come) */
    const tact__lex *lx = &sc->rs->words;
    const tact__lex_slot *lslots = lx->count ? lx->slots : NULL;
    const uint32_t lmask = lx->nslots ? lx->nslots - 1 : 0;
    size_t i = 0;
    unsigned pending = TACT__SH_LINE_START | TACT__SH_SENT_START;
    sc->ntoks = 0;
    sc->norm.len = 0;
    if (tact__buf_reserve(&sc->a, &sc->norm, sc->len + 16) != TACT_OK)
        return TACT_ENOMEM;
    while (i < c.n) {
        const unsigned bk = byte_kind[c.s[i]];
        if (bk == BK_SPACE) {
            /* a plain space (the most common byte between tokens): as the
             * white-space branch below */
            pending |= TACT__SH_SPACE_BEFORE;
            i++;
            continue;
        }
        if (bk == BK_ALNUM) {
            /* an ASCII letter or digit: the branches below, in their order,
             * with a plain word (a run of ASCII letters and digits that no
             * apostrophe, hyphen or other letter continues) taken in one
             * pass */
            unsigned char b0 = c.s[i];
            /* (whether an ASCII letter or digit comes just before: asked
             * only for a URL's or an address's start, both rare) */
#define PREV_ALNUM (i > 0 && ascii_alnum(c.s[i - 1]))
            size_t e;
            int kind;
            /* scan_url needs "ht" or "ww" to start with (the second byte
             * read only after an h or w) */
            unsigned char l0 = (unsigned char)(b0 | 0x20);
            bool url = (l0 == 'h' || l0 == 'w') && i + 1 < c.n &&
                       (unsigned char)(c.s[i + 1] | 0x20) == (l0 == 'h' ? 't' : 'w');
            if (TOK_UNLIKELY(url) && !PREV_ALNUM && (e = scan_url(&c, i)) > i) {
                kind = TACT__TOK_URL;
            } else {
                /* one pass over the run that also lower-cases it into
                 * norm, hashes it and counts its cases (the fields, shape
                 * and hash push_token gives it); kept only when the run is the whole token (else
                 * scan_word below, and push_token writes over it) */
                /* (norm was reserved for the whole text at the start: while
                 * it holds no more bytes than the text read so far, as with
                 * every text that normalises to no more bytes, the rest of
                 * the text fits) */
                if (sc->norm.len > i && sc->norm.cap - sc->norm.len < c.n - i + 1 &&
                    tact__buf_reserve(&sc->a, &sc->norm, c.n - i) != TACT_OK)
                    return TACT_ENOMEM;
                unsigned char *o = (unsigned char *)sc->norm.p + sc->norm.len;
                size_t r = i;
                unsigned upper, digits;
                uint64_t h = 0xcbf29ce484222325ull, cnt = 0;
                {
                    /* in locals: the stores through o may alias the cursor;
                     * (one index k for the text from i and for o) */
                    const unsigned char *const src = c.s + i;
                    const size_t n = c.n - i;
                    const uint64_t prime = 0x100000001b3ull;
                    uint64_t wt;
                    size_t k = 0;
                    while (k < n && (wt = word_tab[src[k]]) != 0) {
                        const unsigned ch = (unsigned)(wt >> 56);
                        cnt += wt;
                        o[k] = (unsigned char)ch;
                        h = (h ^ ch) * prime;
                        k++;
                    }
                    r = i + k;
                }
                /* an email address from i (tried before the word, as
                 * the branches below do): its local part is a run of
                 * local-part characters up to an '@', so a run of letters
                 * and digits that ends at neither cannot start one */
                /* what the byte after the run allows (none: the text's end) */
                const unsigned after = r < c.n ? word_end[c.s[r]] : 0;
                if (TOK_UNLIKELY(after & WE_EMAIL) && !PREV_ALNUM && c.at_pos != c.n &&
                    (e = scan_email(&c, i)) > i) {
                    if (push_token(sc, i, e, TACT__TOK_EMAIL, pending) != TACT_OK)
                        return TACT_ENOMEM;
                    pending = 0;
                    i = e;
                    continue;
                }
                upper = (unsigned)(cnt & WT_CNT_MASK);
                digits = (unsigned)((cnt >> WT_DIG_SHIFT) & WT_CNT_MASK);
                if (!(after & WE_GOES_ON)) {
                    kind = !digits ? TACT__TOK_WORD
                           : digits < r - i ? TACT__TOK_ALNUM
                                            : TACT__TOK_NUMBER;
                    if (sc->ntoks == sc->toks_cap &&
                        tact__grow(&sc->a, (void **)&sc->toks, &sc->toks_cap, sc->ntoks + 1,
                                   sizeof *sc->toks))
                        return TACT_ENOMEM;
                    tact__token *t = &sc->toks[sc->ntoks];
                    t->start = (uint32_t)i;
                    t->end = (uint32_t)r;
                    t->kind = (uint16_t)kind;
                    t->norm_off = (uint32_t)sc->norm.len;
                    t->norm_len = (uint32_t)(r - i);
                    t->lex = 0;
                    o[r - i] = '\0';
                    sc->norm.len += r - i;
                    h = hash_final(h);
                    bool first_upper = upper && first_letter_upper(c.s, i);
                    unsigned letters = (unsigned)(r - i) - digits;
                    /* (a lower-case word, the most common, as case_shape gives it) */
                    t->shape = (uint16_t)(!(upper | digits)
                                              ? pending | TACT__SH_LOWER |
                                                    (letters == 1 ? TACT__SH_ONELETTER : 0u)
                                              : case_shape(pending, letters, upper, letters - upper,
                                                           digits, first_upper));
                    t->hash = h;
                    TOK_PREFETCH(lslots, lmask, h);
                    sc->ntoks++;
                    /* a plain space after it: as the space branch at the
                     * loop's top would take it */
                    const unsigned sp = (after & WE_SPACE) != 0;
                    pending = sp ? TACT__SH_SPACE_BEFORE : 0u;
                    i = r + sp;
                    continue;
                }
                /* an apostrophe or a hyphen may join more to the word,
                 * or another letter (word_goes_on) */
                if ((e = word_goes_on(sc, &c, i, r, h, cnt, pending)) == 0)
                    return TACT_ENOMEM;
                TOK_PREFETCH(lslots, lmask, sc->toks[sc->ntoks - 1].hash);
                pending = 0;
                i = e;
                continue;
            }
            if (push_token(sc, i, e, kind, pending) != TACT_OK)
                return TACT_ENOMEM;
            TOK_PREFETCH(lslots, lmask, sc->toks[sc->ntoks - 1].hash);
            pending = 0;
            i = e;
            continue;
#undef PREV_ALNUM
        }
        if (bk >= BK_PUNCT) {
            /* other ASCII punctuation: a token of its own, as below */
            if (push_ascii_punct(sc, i, pending) != TACT_OK)
                return TACT_ENOMEM;
            pending = bk == BK_PUNCT_END ? TACT__SH_SENT_START : 0;
            i++;
            if (i < c.n && c.s[i] == ' ') {
                /* a plain space after it (", ", ". "): as at the loop's top */
                pending |= TACT__SH_SPACE_BEFORE;
                i++;
            }
            continue;
        }
        if (c.s[i] == 0xE2 || c.s[i] == 0xF0) {
            /* a curly double quote, an ellipsis or an emoji alone
             * (push_simple) */
            size_t sl;
            if (push_simple(sc, i, &sl, pending) != TACT_OK)
                return TACT_ENOMEM;
            if (sl) {
                pending = 0;
                i += sl;
                continue;
            }
        }
        int32_t cp;
        size_t l = cp_at(&c, i, &cp);
        if (is_space(cp) || cp == 0 || (cp < 0x20)) {
            if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
                pending |= TACT__SH_LINE_START | TACT__SH_SENT_START;
            pending |= TACT__SH_SPACE_BEFORE;
            i += l;
            continue;
        }
        size_t e;
        int kind;
        bool prev_alnum = i > 0 && ascii_alnum(c.s[i - 1]);
        if ((cp == 'h' || cp == 'H' || cp == 'w' || cp == 'W') && !prev_alnum &&
            (e = scan_url(&c, i)) > i) {
            kind = TACT__TOK_URL;
        } else if (ascii_alnum((unsigned char)cp) && !prev_alnum && (e = scan_email(&c, i)) > i) {
            kind = TACT__TOK_EMAIL;
        } else if ((cp == '@' || cp == '#') && !prev_alnum && i + 1 < c.n) {
            int32_t nx;
            size_t nl = cp_at(&c, i + 1, &nx);
            e = i + 1;
            if (cp == '@') {
                /* letters of any script: a handle cut short at "é" would
                 * leave part of it behind in a safe version */
                e = handle_run(&c, e);
                /* a dot inside a handle continues it on some platforms */
                while (e + 1 < c.n && c.s[e] == '.' && (ascii_alnum(c.s[e + 1]) || c.s[e + 1] == '_'))
                    e = handle_run(&c, e + 1);
            } else {
                while (nl && (is_word_cp(nx) || nx == '_')) {
                    e += nl;
                    nl = cp_at(&c, e, &nx);
                }
            }
            kind = e > i + 1 ? (cp == '@' ? TACT__TOK_HANDLE : TACT__TOK_HASHTAG) : TACT__TOK_PUNCT;
            if (kind == TACT__TOK_PUNCT)
                e = i + 1;
        } else if (is_word_cp(cp)) {
            e = scan_word(&c, i, &kind);
            if (e == i)
                e = i + l, kind = TACT__TOK_PUNCT;
        } else if (tact__cp_is_emoji(cp)) {
            e = i + l;
            for (;;) {
                int32_t nx;
                size_t nl = cp_at(&c, e, &nx);
                if (!nl)
                    break;
                if (tact__cp_is_emoji(nx) && (nx == 0x200D || nx == 0xFE0F || (nx >= 0x1F3FB && nx <= 0x1F3FF) ||
                                              (nx >= 0xE0020 && nx <= 0xE007F))) {
                    e += nl;
                    continue;
                }
                /* the code point after a zero-width joiner joins the cluster */
                if (e >= 3 && c.s[e - 3] == 0xE2 && c.s[e - 2] == 0x80 && c.s[e - 1] == 0x8D &&
                    tact__cp_is_emoji(nx)) {
                    e += nl;
                    continue;
                }
                /* a pair of regional indicators is one flag */
                if (nx >= 0x1F1E6 && nx <= 0x1F1FF && cp >= 0x1F1E6 && cp <= 0x1F1FF && e == i + l) {
                    e += nl;
                    continue;
                }
                break;
            }
            kind = TACT__TOK_EMOJI;
        } else if (cp == '\'' || cp == 0x2019) {
            /* possessive 's right after a word */
            int32_t nx, after;
            size_t nl = cp_at(&c, i + l, &nx);
            size_t al = nl ? cp_at(&c, i + l + nl, &after) : 0;
            if (sc->ntoks && !(pending & TACT__SH_SPACE_BEFORE) && (nx == 's' || nx == 'S') &&
                (!al || !is_word_cp(after)) && sc->toks[sc->ntoks - 1].end == i) {
                e = i + l + nl;
                kind = TACT__TOK_POSS;
            } else {
                e = i + l;
                kind = TACT__TOK_PUNCT;
            }
        } else {
            e = i + l;
            kind = TACT__TOK_PUNCT;
        }
        if (push_token(sc, i, e, kind, pending) != TACT_OK)
            return TACT_ENOMEM;
        if (kind <= TACT__TOK_ALNUM) /* has_lex */
            TOK_PREFETCH(lslots, lmask, sc->toks[sc->ntoks - 1].hash);
        pending = 0;
        if (kind == TACT__TOK_PUNCT && (cp == '.' || cp == '!' || cp == '?'))
            pending |= TACT__SH_SENT_START;
        i = e;
    }
    return lookup_words(sc);
}

size_t tact__tok_after(const tact_scanner *sc, size_t off)
{
    size_t lo = 0, hi = sc->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->toks[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
