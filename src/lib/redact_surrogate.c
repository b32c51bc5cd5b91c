/*
 * redact_surrogate.c - pseudonymise: consistent, realistic surrogates.
 *
 * Every choice is a keyed hash (SipHash-2-4) of the normalised original, so
 * the same original gets the same surrogate within a document, and across
 * documents when the caller gives a key. Surrogates come from ranges that
 * cannot belong to anyone: Ofcom's drama phone numbers, example.org, the
 * ZZ99 pseudo-postcodes, NHS numbers in the unissued 999 range (with a
 * valid check digit), HMRC's QQ example NI prefix, streets and towns from
 * data/surrogate_places.txt; names from data/surrogate_names.txt.
 */
#include "redact.h"

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                                       \
    do {                                                                               \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                      \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                         \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                         \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                      \
    } while (0)

uint64_t tact__rd_siphash(uint64_t k0, uint64_t k1, const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = 0;
        for (int j = 7; j >= 0; j--)
            m = (m << 8) | p[i + (size_t)j];
        v3 ^= m;
        SIPROUND;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)n << 56;
    for (size_t j = 0; i + j < n; j++)
        b |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= b;
    SIPROUND;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t tact__rd_keyed(const rd_ctx *c, unsigned tag, const char *s, size_t n)
{
    return tact__rd_siphash(c->k0 + tag * 0x9e3779b97f4a7c15ull, c->k1, s, n);
}

/* ---- lists ---------------------------------------------------------------- */

static int parse_lists(rd_ctx *c)
{
    if (c->lists_ready)
        return TACT_OK;
    struct {
        const char *file, *section;
        rd_list *l;
    } want[] = {{"surrogate_names.txt", "[female]", &c->female},
                {"surrogate_names.txt", "[male]", &c->male},
                {"surrogate_names.txt", "[surname]", &c->surname},
                {"surrogate_places.txt", "[street]", &c->street},
                {"surrogate_places.txt", "[street_type]", &c->street_type},
                {"surrogate_places.txt", "[town]", &c->town},
                {"surrogate_places.txt", "[stem]", &c->stem}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        size_t len = 0;
        const char *d = tact__data_get(want[k].file, &len);
        if (!d)
            return TACT_EMODEL;
        for (int pass = 0; pass < 2; pass++) {
            rd_list *l = want[k].l;
            size_t count = 0;
            bool in = false;
            for (size_t i = 0; i < len;) {
                size_t e = i;
                while (e < len && d[e] != '\n')
                    e++;
                size_t a = i, b = e;
                while (a < b && (d[a] == ' ' || d[a] == '\t'))
                    a++;
                while (b > a && (d[b - 1] == ' ' || d[b - 1] == '\t' || d[b - 1] == '\r'))
                    b--;
                if (b > a && d[a] == '[')
                    in = tact__rd_ieq(d + a, b - a, want[k].section);
                else if (in && b > a && d[a] != '#') {
                    if (pass == 1) {
                        l->w[count] = d + a;
                        l->n[count] = (uint16_t)(b - a);
                    }
                    count++;
                }
                i = e + 1;
            }
            if (count == 0)
                return TACT_EMODEL;
            if (pass == 0) {
                l->w = tact__scratch(c->sc, count * sizeof *l->w);
                l->n = tact__scratch(c->sc, count * sizeof *l->n);
                l->used = tact__scratch(c->sc, count);
                if (!l->w || !l->n || !l->used)
                    return TACT_ENOMEM;
                memset(l->used, 0, count);
            }
            l->count = count;
        }
    }
    c->lists_ready = true;
    return TACT_OK;
}

static bool list_has(const rd_list *l, const char *s, size_t n)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->n[i] == n) {
            size_t j = 0;
            for (; j < n; j++) {
                char a = s[j], b = l->w[i][j];
                if (a >= 'A' && a <= 'Z')
                    a = (char)(a + 32);
                if (b >= 'A' && b <= 'Z')
                    b = (char)(b + 32);
                if (a != b)
                    break;
            }
            if (j == n)
                return true;
        }
    return false;
}

/* True when the word w occurs as a whole word in the original text (case
 * folded, ASCII): a surrogate must not collide with a name already there. */
static bool word_in_text(const rd_ctx *c, const char *w, size_t n)
{
    if (c->len > ((size_t)256 << 10))
        return false; /* too costly on huge inputs; probing still avoids the original */
    for (size_t i = 0; i + n <= c->len; i++) {
        if (i > 0) {
            char p = c->text[i - 1];
            if ((p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z'))
                continue;
        }
        size_t j = 0;
        for (; j < n; j++) {
            char a = c->text[i + j], b = w[j];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
        }
        if (j < n)
            continue;
        char nx = i + n < c->len ? c->text[i + n] : ' ';
        if (!((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z')))
            return true;
    }
    return false;
}

/* ---- names ------------------------------------------------------------------- */

static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "master", "sir",
                                     "dame", "lady", "lord", "prof", "rev", NULL};
static const char *const keep_words[] = {"the", "family", "kids", "children", "boys", "girls",
                                         "lot", "household", "twins", "siblings", "and", "&",
                                         NULL};

static bool in_list(const char *s, size_t n, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (tact__rd_ieq(s, n, set[i]))
            return true;
    return false;
}

static rd_list *list_for(rd_ctx *c, int role, int gender)
{
    if (role == RD_ROLE_SURNAME)
        return &c->surname;
    return gender == RD_G_MALE ? &c->male : &c->female;
}

/* Case-insensitive equality of two ASCII words. */
static bool same_word(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* The surrogate for one name word; memoised so a word keeps its surrogate. */
static int map_word(rd_ctx *c, const char *w, size_t n, int role, size_t at, const char **sw,
                    size_t *sn)
{
    char low[64];
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    uint64_t h = tact__hash(low, n);
    for (size_t i = 0; i < c->nwords; i++) {
        rd_word *m = &c->words[i];
        if (m->h == h && m->len == n && memcmp(c->keys.p + m->off, low, n) == 0) {
            rd_list *l = list_for(c, m->role, m->gender);
            *sw = l->w[m->pick];
            *sn = l->n[m->pick];
            return TACT_OK;
        }
    }
    int gender = RD_G_ANY;
    if (role == RD_ROLE_FIRST) {
        bool f = list_has(&c->female, low, n), m = list_has(&c->male, low, n);
        gender = f && !m ? RD_G_FEMALE : (m && !f ? RD_G_MALE : tact__rd_gender_near(c, at));
        if (gender == RD_G_ANY)
            gender = (tact__rd_keyed(c, 7, low, n) & 1) ? RD_G_MALE : RD_G_FEMALE;
    }
    rd_list *l = list_for(c, role, gender);
    size_t start = (size_t)(tact__rd_keyed(c, 1 + (unsigned)role, low, n) % l->count);
    size_t pick = SIZE_MAX, fallback = SIZE_MAX;
    for (size_t tries = 0; tries < l->count && pick == SIZE_MAX; tries++) {
        size_t k = (start + tries) % l->count;
        if (same_word(l->w[k], l->n[k], low, n))
            continue; /* never the original itself */
        if (fallback == SIZE_MAX)
            fallback = k;
        if (l->used[k] || word_in_text(c, l->w[k], l->n[k]))
            continue; /* taken by another original, or a word already in the text */
        pick = k;
    }
    if (pick == SIZE_MAX)
        pick = fallback == SIZE_MAX ? start : fallback;
    l->used[pick] = 1;
    if (c->nwords == c->words_cap &&
        tact__grow(&c->sc->a, (void **)&c->words, &c->words_cap, c->nwords + 1, sizeof *c->words))
        return TACT_ENOMEM;
    size_t off = c->keys.len;
    if (tact__buf_put(&c->sc->a, &c->keys, low, n))
        return TACT_ENOMEM;
    rd_word *m = &c->words[c->nwords++];
    m->h = h;
    m->off = (uint32_t)off;
    m->len = (uint16_t)n;
    m->role = (uint8_t)role;
    m->gender = (uint8_t)gender;
    m->pick = (uint32_t)pick;
    *sw = l->w[pick];
    *sn = l->n[pick];
    return TACT_OK;
}


/* Append w in the case shape of the original word o. */
static int put_shaped(rd_ctx *c, tact__buf *out, const char *o, size_t on, const char *w, size_t n)
{
    bool lower = true, upper = true;
    size_t letters = 0;
    for (size_t i = 0; i < on; i++) {
        if (o[i] >= 'A' && o[i] <= 'Z')
            lower = false, letters++;
        else if (o[i] >= 'a' && o[i] <= 'z')
            upper = false, letters++;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (lower && ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        else if (upper && letters > 1 && ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 32);
        if (tact__buf_putc(&c->sc->a, out, ch))
            return TACT_ENOMEM;
    }
    return TACT_OK;
}

typedef struct span_word {
    size_t a, b;
} span_word;

static int pseudo_name(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    const char *t = c->text;
    span_word ws[16];
    size_t nw = 0;
    for (size_t i = it->start; i < it->end && nw < 16;) {
        if (!tact__rd_letter_byte(t[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < it->end && (tact__rd_letter_byte(t[j]) ||
                               ((t[j] == '-' || t[j] == '\'') && j + 1 < it->end &&
                                tact__rd_letter_byte(t[j + 1]))))
            j++;
        ws[nw].a = i;
        ws[nw].b = j;
        nw++;
        i = j;
    }
    /* which words are names, and the last of them */
    size_t names = 0, last = SIZE_MAX;
    bool any_cap = false;
    for (size_t k = 0; k < nw; k++)
        any_cap = any_cap || (t[ws[k].a] >= 'A' && t[ws[k].a] <= 'Z');
    for (size_t k = 0; k < nw; k++) {
        const char *w = t + ws[k].a;
        size_t n = ws[k].b - ws[k].a;
        if (any_cap && w[0] >= 'a' && w[0] <= 'z')
            continue;
        if (!in_list(w, n, titles) && !in_list(w, n, keep_words)) {
            names++;
            last = k;
        }
    }
    bool has_cap = false;
    for (size_t k = 0; k < nw; k++)
        if (t[ws[k].a] >= 'A' && t[ws[k].a] <= 'Z')
            has_cap = true;
    /* a lone name right after a capitalised word is a surname: "Jade Cole" */
    bool cap_before = false;
    if (names == 1 && it->start >= 2 && t[it->start - 1] == ' ') {
        size_t b = it->start - 1, a = b;
        while (a > 0 && tact__rd_letter_byte(t[a - 1]))
            a--;
        cap_before = a < b && t[a] >= 'A' && t[a] <= 'Z' && (a == 0 || t[a - 1] == ' ') &&
                     !(a >= 2 && (t[a - 2] == '.' || t[a - 2] == '!' || t[a - 2] == '?')) &&
                     a > 0;
    }
    size_t pos = it->start, mark = out->len;
    bool after_title = false, seen_name = false;
    for (size_t k = 0; k < nw; k++) {
        const char *w = t + ws[k].a;
        size_t n = ws[k].b - ws[k].a;
        if (tact__buf_put(&c->sc->a, out, t + pos, ws[k].a - pos))
            return TACT_ENOMEM;
        pos = ws[k].b;
        bool lower_word = w[0] >= 'a' && w[0] <= 'z';
        if (in_list(w, n, titles) || in_list(w, n, keep_words) || (lower_word && has_cap)) {
            after_title = in_list(w, n, titles) || tact__rd_ieq(w, n, "the");
            if (tact__buf_put(&c->sc->a, out, w, n))
                return TACT_ENOMEM;
            continue;
        }
        bool allcap = n > 1 && n <= 3;
        for (size_t j = 0; j < n && allcap; j++)
            if (!(w[j] >= 'A' && w[j] <= 'Z'))
                allcap = false;
        if (n == 1 || allcap) {
            /* initials map to other initials, letter by letter */
            for (size_t j = 0; j < n; j++) {
                char ch = w[j];
                if (tact__rd_letter_byte(ch) && (unsigned char)ch < 0x80) {
                    char base = ch >= 'a' ? 'a' : 'A';
                    unsigned r = (unsigned)(tact__rd_keyed(c, 9, &ch, 1) % 25u);
                    unsigned o = (unsigned)(ch - base);
                    ch = (char)(base + (char)((o + 1 + r) % 26u));
                }
                if (tact__buf_putc(&c->sc->a, out, ch))
                    return TACT_ENOMEM;
            }
            seen_name = true;
            after_title = false;
            continue;
        }
        int role = RD_ROLE_FIRST;
        if ((after_title && k == last) || (names > 1 && k == last && seen_name) ||
            (names == 1 && cap_before))
            role = RD_ROLE_SURNAME;
        const char *sw;
        size_t sn;
        int rc = map_word(c, w, n, role, it->end, &sw, &sn);
        if (rc)
            return rc;
        if (put_shaped(c, out, w, n, sw, sn))
            return TACT_ENOMEM;
        seen_name = true;
        after_title = false;
    }
    if (!seen_name) {
        /* a description, not a name ("the one-legged bloke"): nothing to swap */
        out->len = mark;
        return tact__buf_puts(&c->sc->a, out, "someone");
    }
    return tact__buf_put(&c->sc->a, out, t + pos, it->end - pos);
}

/* ---- numbers -------------------------------------------------------------------- */

static size_t digits_of(const char *s, size_t n, char *d, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++)
        if (s[i] >= '0' && s[i] <= '9')
            d[k++] = s[i];
    return k;
}


static int pseudo_phone(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    char d[32] = {0};
    size_t nd = digits_of(c->text + it->start, it->end - it->start, d, sizeof d);
    unsigned r = (unsigned)(tact__rd_keyed(c, 20, d, nd) % 1000u);
    const char *s = c->text + it->start;
    bool intl = s[0] == '+' || (nd > 2 && d[0] == '0' && d[1] == '0');
    size_t k = 0;
    if (intl) /* +44 / 0044: skip the country code */
        k = d[0] == '0' ? 4 : 2;
    const char *nat = d + k;
    size_t nn = nd > k ? nd - k : 0;
    if (nn && nat[0] == '0')
        nat++, nn--;
    if (nn && nat[0] == '7')
        return tact__rd_put_fmt(c, out, intl ? "+44 7700 900%03u" : "07700 900%03u", r);
    if (nn >= 2 && nat[0] == '2' && nat[1] == '0')
        return tact__rd_put_fmt(c, out, intl ? "+44 20 7946 0%03u" : "020 7946 0%03u", r);
    return tact__rd_put_fmt(c, out, intl ? "+44 1632 960%03u" : "01632 960%03u", r);
}

static int nhs_check(const char *d9)
{
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += (d9[i] - '0') * (10 - i);
    int r = 11 - sum % 11;
    return r == 11 ? 0 : r; /* 10: no valid number */
}

/* Replace each digit of the original in place with the next of nd[],
 * keeping spaces and hyphens where the writer put them. */
static int put_digits_in_shape(rd_ctx *c, const rd_item *it, tact__buf *out, const char *nd,
                               size_t nn)
{
    size_t k = 0;
    for (size_t i = it->start; i < it->end; i++) {
        char ch = c->text[i];
        if (ch >= '0' && ch <= '9' && k < nn)
            ch = nd[k++];
        if (tact__buf_putc(&c->sc->a, out, ch))
            return TACT_ENOMEM;
    }
    return k < nn ? tact__buf_put(&c->sc->a, out, nd + k, nn - k) : TACT_OK;
}

static int pseudo_nhs(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    char d[32] = {0}, nd[10];
    size_t n = digits_of(c->text + it->start, it->end - it->start, d, sizeof d);
    uint64_t h = tact__rd_keyed(c, 21, d, n);
    for (;;) {
        nd[0] = nd[1] = nd[2] = '9';
        uint64_t x = h;
        for (int i = 3; i < 9; i++, x /= 10)
            nd[i] = (char)('0' + (int)(x % 10));
        int chk = nhs_check(nd);
        if (chk != 10) {
            nd[9] = (char)('0' + chk);
            break;
        }
        h = h * 6364136223846793005ull + 1442695040888963407ull;
    }
    if (n == 10)
        return put_digits_in_shape(c, it, out, nd, 10);
    char tmp[16];
    memcpy(tmp, nd, 3);
    tmp[3] = ' ';
    memcpy(tmp + 4, nd + 3, 3);
    tmp[7] = ' ';
    memcpy(tmp + 8, nd + 6, 4);
    return tact__buf_put(&c->sc->a, out, tmp, 12);
}

/* Letters and digits replaced by keyed ones of the same kind and case. */
static int pseudo_shape(rd_ctx *c, const rd_item *it, tact__buf *out, unsigned tag, bool ni)
{
    const char *s = c->text + it->start;
    size_t n = it->end - it->start;
    uint64_t h = tact__rd_keyed(c, tag, s, n);
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        uint64_t r = (h >> ((i * 7) % 57)) ^ (i * 0x9e3779b97f4a7c15ull);
        r ^= r >> 29;
        if (ch >= '0' && ch <= '9') {
            ch = (char)('0' + (int)(r % 10));
        } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
            char base = ch >= 'a' ? 'a' : 'A';
            letters++;
            if (ni && letters <= 2)
                ch = (char)(base + ('Q' - 'A')); /* QQ: HMRC's example prefix, never issued */
            else if (ni)
                ch = (char)(base + (int)(r % 4)); /* suffix A-D */
            else
                ch = (char)(base + (int)(r % 26));
        }
        if (tact__buf_putc(&c->sc->a, out, ch))
            return TACT_ENOMEM;
    }
    return TACT_OK;
}

static int pseudo_postcode(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
    const char *s = c->text + it->start;
    size_t n = it->end - it->start;
    uint64_t h = tact__rd_keyed(c, 22, s, n);
    bool lower = true, space = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z')
            lower = false;
        if (s[i] == ' ')
            space = true;
    }
    char pc[9] = "ZZ99 0AA";
    pc[5] = (char)('1' + (int)(h % 9));
    pc[6] = inward[(h >> 8) % 20];
    pc[7] = inward[(h >> 16) % 20];
    for (int i = 0; i < 8 && lower; i++)
        if (pc[i] >= 'A' && pc[i] <= 'Z')
            pc[i] = (char)(pc[i] + 32);
    if (space)
        return tact__buf_put(&c->sc->a, out, pc, 8);
    return tact__buf_put(&c->sc->a, out, pc, 4) || tact__buf_put(&c->sc->a, out, pc + 5, 3)
               ? TACT_ENOMEM
               : TACT_OK;
}

static int put_pick(rd_ctx *c, tact__buf *out, const rd_list *l, uint64_t h, bool lower)
{
    size_t k = (size_t)(h % l->count);
    const char *w = l->w[k];
    for (size_t i = 0; i < l->n[k]; i++) {
        char ch = w[i];
        if (lower && ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (tact__buf_putc(&c->sc->a, out, ch))
            return TACT_ENOMEM;
    }
    return TACT_OK;
}

static int pseudo_email(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    const char *s = c->text + it->start;
    size_t n = it->end - it->start;
    uint64_t h = tact__rd_keyed(c, 23, s, n);
    if (put_pick(c, out, (h & 1) ? &c->female : &c->male, h >> 1, true) ||
        tact__buf_putc(&c->sc->a, out, '.') ||
        put_pick(c, out, &c->surname, h >> 17, true) ||
        tact__buf_puts(&c->sc->a, out, "@example.org"))
        return TACT_ENOMEM;
    return TACT_OK;
}

/* ---- places ----------------------------------------------------------------- */

/* The tail of the span from the first of `kinds` ("Primary School"), or NULL. */
static const char *kind_tail(const rd_ctx *c, const rd_item *it, const char *const *kinds)
{
    const char *t = c->text;
    for (size_t i = it->start; i < it->end; i++) {
        if (i > it->start && tact__rd_letter_byte(t[i - 1]))
            continue;
        size_t j = i;
        while (j < it->end && tact__rd_letter_byte(t[j]))
            j++;
        if (j > i && in_list(t + i, j - i, kinds))
            return t + i;
    }
    return NULL;
}

static int pseudo_named_place(rd_ctx *c, const rd_item *it, tact__buf *out, unsigned tag,
                              const char *const *kinds, const char *dflt)
{
    const char *s = c->text + it->start;
    uint64_t h = tact__rd_keyed(c, tag, s, it->end - it->start);
    if (put_pick(c, out, &c->stem, h, false) || tact__buf_putc(&c->sc->a, out, ' '))
        return TACT_ENOMEM;
    const char *tail = kind_tail(c, it, kinds);
    if (tail)
        return tact__buf_put(&c->sc->a, out, tail, (size_t)(c->text + it->end - tail));
    return tact__buf_puts(&c->sc->a, out, dflt);
}

static int pseudo_address(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    const char *s = c->text + it->start;
    size_t n = it->end - it->start;
    uint64_t h = tact__rd_keyed(c, 24, s, n);
    if (s[0] >= '0' && s[0] <= '9' && tact__rd_put_fmt(c, out, "%u ", (unsigned)(1 + h % 98)))
        return TACT_ENOMEM;
    if (put_pick(c, out, &c->street, h >> 8, false) || tact__buf_putc(&c->sc->a, out, ' ') ||
        put_pick(c, out, &c->street_type, h >> 24, false))
        return TACT_ENOMEM;
    return TACT_OK;
}

int tact__rd_put_fmt(rd_ctx *c, tact__buf *out, const char *fmt, unsigned v)
{
    char tmp[64];
    int k = snprintf(tmp, sizeof tmp, fmt, v);
    if (k < 0 || (size_t)k >= sizeof tmp)
        return TACT_EINTERNAL;
    return tact__buf_put(&c->sc->a, out, tmp, (size_t)k);
}

/* ---- dispatch --------------------------------------------------------------------- */

int tact__rd_pseudonym(rd_ctx *c, rd_item *it, tact__buf *out)
{
    static const char *const school_kinds[] = {"primary", "infant", "infants", "junior",
                                               "nursery", "academy", "secondary", "high",
                                               "grammar", "college", "school", "community",
                                               "church", "c", "ce", "rc", NULL};
    static const char *const org_kinds[] = {"care", "nursing", "house", "lodge", "council",
                                            "trust", "hospital", "centre", "center", "team",
                                            "court", "surgery", "practice", "service",
                                            "services", "unit", "ward", "home", "hostel",
                                            "project", "foundation", "charity", NULL};
    int rc = parse_lists(c);
    if (rc)
        return rc;
    switch (it->type) {
    case TACT_TYPE_PERSON:
    case TACT_TYPE_PROTECTED_PERSON: return pseudo_name(c, it, out);
    case TACT_TYPE_PHONE: return pseudo_phone(c, it, out);
    case TACT_TYPE_EMAIL: return pseudo_email(c, it, out);
    case TACT_TYPE_POSTCODE: return pseudo_postcode(c, it, out);
    case TACT_TYPE_NHS_NUMBER: return pseudo_nhs(c, it, out);
    case TACT_TYPE_NI_NUMBER: return pseudo_shape(c, it, out, 27, true);
    case TACT_TYPE_CASE_REFERENCE: return pseudo_shape(c, it, out, 28, false);
    case TACT_TYPE_VEHICLE_REGISTRATION: return pseudo_shape(c, it, out, 29, false);
    case TACT_TYPE_DATE_OF_BIRTH: return tact__rd_pseudo_dob(c, it, out);
    case TACT_TYPE_AGE: return tact__rd_pseudo_age(c, it, out);
    case TACT_TYPE_ADDRESS: return pseudo_address(c, it, out);
    case TACT_TYPE_LOCATION: {
        uint64_t h = tact__rd_keyed(c, 30, c->text + it->start, it->end - it->start);
        return put_pick(c, out, &c->town, h, false);
    }
    case TACT_TYPE_SCHOOL:
        return pseudo_named_place(c, it, out, 31, school_kinds, "School");
    case TACT_TYPE_ORGANISATION:
        return pseudo_named_place(c, it, out, 32, org_kinds, "Trust");
    case TACT_TYPE_HANDLE: {
        uint64_t h = tact__rd_keyed(c, 33, c->text + it->start, it->end - it->start);
        if (tact__buf_puts(&c->sc->a, out, "@example_") ||
            put_pick(c, out, (h & 1) ? &c->female : &c->male, h >> 1, true))
            return TACT_ENOMEM;
        return TACT_OK;
    }
    case TACT_TYPE_URL: {
        uint64_t h = tact__rd_keyed(c, 34, c->text + it->start, it->end - it->start);
        return tact__rd_put_fmt(c, out, "https://example.org/%06x", (unsigned)(h & 0xffffff));
    }
    default: {
        /* no realistic surrogate is safe here (coordinates): a placeholder */
        const tact__type_info *ti = tact__type_info_get(it->type);
        return tact__buf_puts(&c->sc->a, out, ti ? ti->placeholder : "[REDACTED]");
    }
    }
}

void tact__rd_ctx_free(rd_ctx *c)
{
    tact__free(&c->sc->a, c->words);
    c->words = NULL;
    c->nwords = c->words_cap = 0;
    tact__buf_free(&c->sc->a, &c->keys);
    tact__buf_free(&c->sc->a, &c->scratch);
}
