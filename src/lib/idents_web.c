/*
 * idents_web.c - email addresses, links, social media handles, and map
 * positions (decimal and degrees-minutes-seconds coordinates, what3words).
 *
 * Links: a profile or fundraiser link points at a person and is always
 * reported; a link to a book, article or guidance page is not an identifier
 * unless its path carries a name. Handles: an organisation's account ("the
 * @BASW_UK podcast", all-capitals acronyms) is not a person's.
 */
#include "idents.h"

static bool ci_contains(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && ix_up((unsigned char)s[i + k]) == ix_up((unsigned char)w[k]))
            k++;
        if (k == m)
            return true;
    }
    return false;
}

static const char *const profile_hosts[] = {
    "facebook.com/", "fb.com/", "fb.me/", "instagram.com/", "tiktok.com/", "twitter.com/",
    "x.com/", "linkedin.com/in/", "snapchat.com/", "youtube.com/@", "threads.net/",
    "reddit.com/u", "onlyfans.com/", "t.me/", "wa.me/", "mastodon.social/@", "bsky.app/profile",
    /* a person's own link page or payment link */
    "linktr.ee/", "beacons.ai/", "paypal.me/", "ko-fi.com/", "cash.app/"};
/* ("donate", "appeal", "family" alone are a charity's pages: "/winter-appeal",
 * "/family-support"; a person's appeal carries a name, found by slug_has_name) */
static const char *const fundraiser_words[] = {"gofundme", "justgiving", "crowdfunder",
                                               "fundraiser", "fundraising", "missing"};
static const char *const resource_words[] = {
    "/book", "/article", "/research", "/report", "/guidance", "/publication", "/news", "/blog",
    "/podcast", "/event", "/resource", ".pdf", "/journal", "doi.org", "/learning", "/training",
    "/course", "/policy", "/policies", "/about", "/standards", "/wiki", ".gov.uk", ".ac.uk",
    ".nhs.uk", "/help", "/advice", "/jobs", "/careers", "/watch", "/episode", "petition",
    "/campaign", "/survey", "/consultation", "/signup", "/conference", "/webinar", "appeal",
    "donate"};

/* True when some '-' or '/' separated piece of the path is a first name. */
static bool slug_has_name(const tact_scanner *sc, const char *s, size_t n)
{
    if (!sc->rs->words.count)
        return false;
    size_t p = 0;
    /* skip scheme and host */
    for (size_t slashes = 0; p < n && slashes < 3; p++)
        if (s[p] == '/')
            slashes++;
    while (p < n) {
        size_t q = p;
        while (q < n && ix_alpha((unsigned char)s[q]))
            q++;
        if (q - p >= 3 && q - p < 32) {
            char w[32];
            for (size_t k = 0; k < q - p; k++)
                w[k] = (char)(s[p + k] | 0x20);
            uint32_t b = tact__lex_get(&sc->rs->words, w, q - p);
            if ((b & TACT__LX_FIRST) && !(b & (TACT__LX_DICT | TACT__LX_STOP)))
                return true;
        }
        p = q + 1;
    }
    return false;
}

/* A link lower-cased into a NUL-terminated buffer, so that the word lists
 * (all lower case) are found with strstr rather than one byte loop per
 * word. Links too long for the buffer, or holding a NUL, use ci_contains. */
typedef struct url_view {
    const char *s;
    size_t n;
    bool low_ok;
    char low[512];
    /* with low: the pairs of adjacent bytes of low, hashed to a bit each;
     * a word whose first pair's bit is clear is not in low (speed: most
     * words are not, and this answers without strstr) */
    uint64_t pairs[4];
} url_view;

static inline unsigned pair_bit(const char *p)
{
    return ((unsigned)(unsigned char)p[0] * 31u + (unsigned)(unsigned char)p[1]) & 255u;
}

/* w is in the link; b is pair_bit(w) (w has two bytes or more). */
static inline bool url_has(const url_view *u, const char *w, unsigned b)
{
    if (!u->low_ok)
        return ci_contains(u->s, u->n, w);
    if (!((u->pairs[b >> 6] >> (b & 63u)) & 1u))
        return false;
    /* and its third and fourth bytes, a pair of low too when w is */
    if (w[2] && w[3]) {
        unsigned b2 = pair_bit(w + 2);
        if (!((u->pairs[b2 >> 6] >> (b2 & 63u)) & 1u))
            return false;
    }
    return strstr(u->low, w) != NULL;
}

#define N_PROFILE (sizeof profile_hosts / sizeof profile_hosts[0])
#define N_FUND (sizeof fundraiser_words / sizeof fundraiser_words[0])
#define N_RESOURCE (sizeof resource_words / sizeof resource_words[0])

/* The word of the link lists with number i (profile hosts, then
 * fundraiser words, then resource words; then the two words
 * slug_for_family looks for, N_URLW in all: tact__idents.url_order). */
static const char *url_word(size_t i)
{
    if (i < N_PROFILE)
        return profile_hosts[i];
    i -= N_PROFILE;
    if (i < N_FUND)
        return fundraiser_words[i];
    i -= N_FUND;
    return i < N_RESOURCE ? resource_words[i] : i == N_RESOURCE ? "funeral" : "in-memory";
}

#define N_URLW (N_PROFILE + N_FUND + N_RESOURCE + 2)
_Static_assert(N_URLW <= sizeof ((tact__idents *)0)->url_order, "url_order too small");

/* What url_found reports: a word of each list, or of the two. */
enum {
    UW_PROFILE = 1,
    UW_FUND = 2,
    UW_RESOURCE = 4,
    UW_FUNERAL = 8,
    UW_MEMORY = 16,
};

static unsigned url_kind(size_t i)
{
    return i < N_PROFILE                         ? UW_PROFILE
           : i < N_PROFILE + N_FUND              ? UW_FUND
           : i < N_PROFILE + N_FUND + N_RESOURCE ? UW_RESOURCE
           : i == N_URLW - 2                     ? UW_FUNERAL
                                                 : UW_MEMORY;
}

/* The UW_ bits of the words in the link (url_has of each, with ix's
 * tables: one pass over the link, each place tried only against the
 * words whose first two bytes have the bit of its own two, most places
 * none). u->low_ok. */
static unsigned url_found(const tact__idents *ix, const url_view *u)
{
    unsigned found = 0;
    const char *low = u->low;
    const size_t n = u->n;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned b = pair_bit(low + i);
        for (unsigned k = ix->url_first[b]; k < ix->url_first[b + 1]; k++) {
            unsigned id = ix->url_order[k];
            size_t m = ix->url_len[id];
            if (i + m <= n && memcmp(low + i, url_word(id), m) == 0)
                found |= url_kind(id);
        }
    }
    return found;
}

/* url_found without ix's tables: url_has of each word (u->pairs made). */
static unsigned url_found_slow(const url_view *u)
{
    unsigned found = 0;
    for (size_t i = 0; i < N_URLW; i++)
        if (url_has(u, url_word(i), pair_bit(url_word(i))))
            found |= url_kind(i);
    return found;
}

/* Offset of the path of link s (the first '/' after the host), or n. */
static size_t url_path(const char *s, size_t n)
{
    size_t p = 0;
    const char *sch = n >= 3 ? memchr(s, ':', n) : NULL;
    if (sch && (size_t)(sch - s) + 2 < n && sch[1] == '/' && sch[2] == '/')
        p = (size_t)(sch - s) + 3;
    while (p < n && s[p] != '/' && s[p] != '?' && s[p] != '#')
        p++;
    return p;
}

/* True when the link's path (after the host) asks for one family or one
 * person's funeral: "/help-the-adeyemi-family" (a word before "family"
 * that is no ordinary word: not "/support-for-the-family"),
 * "/funeral-costs-for-...". It points at one household. */
static bool slug_for_family(const tact_scanner *sc, unsigned found, const char *s, size_t n)
{
    size_t p = url_path(s, n);
    /* (speed: a word not in the whole link is not in its path; found: the
     * link's UW_ bits) */
    if (((found & UW_FUNERAL) && ci_contains(s + p, n - p, "funeral")) ||
        ((found & UW_MEMORY) && ci_contains(s + p, n - p, "in-memory")))
        return true;
    for (size_t i = p + 1; i + 7 <= n; i++) {
        if (s[i] != '-' || (s[i + 1] | 0x20) != 'f' || !ci_contains(s + i, 7, "-family"))
            continue;
        size_t a = i;
        while (a > p && ix_alpha((unsigned char)s[a - 1]))
            a--;
        if (i - a < 3 || i - a >= 32 || !sc->rs->words.count)
            continue;
        char w[32];
        for (size_t k = 0; k < i - a; k++)
            w[k] = (char)(s[a + k] | 0x20);
        uint32_t b = tact__lex_get(&sc->rs->words, w, i - a);
        if (!(b & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BIGPLACE)))
            return true;
    }
    return false;
}

/* True when "me", "my", "his" or "her" comes before off in the post: the
 * link is someone's own page. */
static bool owner_before(const tact_scanner *sc, size_t off)
{
    for (size_t k = 0; k < sc->ntoks && sc->toks[k].end <= off; k++)
        if (ix_is(sc, k, "me") || ix_is(sc, k, "my") || ix_is(sc, k, "his") ||
            ix_is(sc, k, "her"))
            return true;
    return false;
}

static int url_token(tact_scanner *sc, const tact__token *t)
{
    const char *s = sc->text + t->start;
    size_t n = t->end - t->start;
    url_view u;
    u.s = s;
    u.n = n;
    u.low_ok = n < sizeof u.low && !memchr(s, 0, n);
    const tact__idents *ix = sc->rs->idents;
    if (u.low_ok) {
        for (size_t i = 0; i < n; i++)
            u.low[i] = (char)(ix_upper((unsigned char)s[i]) ? s[i] + 32 : s[i]);
        u.low[n] = '\0';
        if (!ix) {
            memset(u.pairs, 0, sizeof u.pairs);
            for (size_t i = 0; i + 1 < n; i++) {
                unsigned b = pair_bit(u.low + i);
                u.pairs[b >> 6] |= 1ull << (b & 63u);
            }
        }
    }
    /* which words of the lists the link holds (url_has of each) */
    unsigned found = u.low_ok && ix ? url_found(ix, &u) : url_found_slow(&u);
    if (found & UW_PROFILE)
        return tact__add(sc, t->start, t->end, TACT_TYPE_URL, -1, 0.95f, "url.profile",
                         "This links to a social media profile. A profile link points to "
                         "one person.",
                         NULL);
    bool named = slug_has_name(sc, s, n) || slug_for_family(sc, found, s, n);
    if (found & UW_FUND)
        named = true;
    if (named)
        return tact__add(sc, t->start, t->end, TACT_TYPE_URL, -1, 0.9f, "url.personal", NULL,
                         NULL);
    if (found & UW_RESOURCE)
        return TACT_OK;
    /* a dated path (/2024/05/...) is a news story or blog post */
    size_t path = url_path(s, n);
    for (size_t i = path; i + 6 <= n; i++)
        if (s[i] == '/' && s[i + 1] == '2' && (s[i + 2] == '0' || s[i + 2] == '1') &&
            ix_digit((unsigned char)s[i + 3]) && ix_digit((unsigned char)s[i + 4]) && s[i + 5] == '/')
            return TACT_OK;
    /* a bare site ("www.kinshipcarers.org.uk") is an organisation's front
     * page unless the post makes it someone's: "contact me ... www.x.com" */
    if (path >= n - (n > 0 && s[n - 1] == '/') && !owner_before(sc, t->start))
        return TACT_OK;
    return tact__add(sc, t->start, t->end, TACT_TYPE_URL, -1, 0.6f, "url", NULL, NULL);
}

/* Fundraising pages name the person they raise money for. */
static const char *const fundraiser_hosts[] = {"justgiving.com/", "gofundme.com/",
                                               "crowdfunder.co.uk/", "gofund.me/",
                                               "givengain.com/", "totalgiving.co.uk/"};

/* A bare profile or fundraiser link without a scheme: "instagram.com/jay_x",
 * "justgiving.com/page/...".
 *
 * Speed: every host contains a '/', so a match of host h at i has a '/' at
 * i + (offset of the first '/' in h). Instead of trying every byte of the
 * text for every host, each host walks the '/' bytes of the text (memchr)
 * and tries only the one start position each implies. */
/* The '/' bytes of the text, found once for all the hosts: the offsets
 * in order, or all == false when there are more than fit (then each host
 * searches with memchr as before). */
typedef struct slashes {
    uint32_t at[64];
    size_t n;
    bool all;
} slashes;

/* Offset of the first '/' at or after from, or NULL: the same answer as
 * memchr from there, read from the list when it is complete. */
static const char *next_slash(const tact_scanner *sc, const slashes *sl, size_t *j, size_t from)
{
    if (!sl->all)
        return memchr(sc->text + from, '/', sc->len - from);
    while (*j < sl->n && sl->at[*j] < from)
        (*j)++;
    return *j < sl->n ? sc->text + sl->at[*j] : NULL;
}

void tact__ix_web_compile(tact__idents *ix)
{
    size_t np = sizeof profile_hosts / sizeof profile_hosts[0];
    size_t nf = sizeof fundraiser_hosts / sizeof fundraiser_hosts[0];
    memset(ix->host_end, 0, sizeof ix->host_end);
    /* url_found's tables: the words by the bit of their first two bytes */
    unsigned count[257] = {0};
    for (size_t i = 0; i < N_URLW; i++) {
        ix->url_len[i] = (uint8_t)strlen(url_word(i));
        count[pair_bit(url_word(i))]++;
    }
    unsigned at = 0;
    for (unsigned b = 0; b < 256; b++) {
        ix->url_first[b] = (uint8_t)at;
        at += count[b];
    }
    ix->url_first[256] = (uint8_t)at;
    unsigned fill[256];
    for (unsigned b = 0; b < 256; b++)
        fill[b] = ix->url_first[b];
    for (size_t i = 0; i < N_URLW; i++)
        ix->url_order[fill[pair_bit(url_word(i))]++] = (uint8_t)i;
    for (size_t h = 0; h < np + nf; h++) {
        const char *w = h < np ? profile_hosts[h] : fundraiser_hosts[h - np];
        size_t d = (size_t)(strchr(w, '/') - w);
        int c = (unsigned char)w[d - 1];
        /* both cases: bare_profiles compares with ix_up */
        ix->host_end[c] = 1;
        ix->host_end[ix_up(c)] = 1;
        if (ix_upper(c))
            ix->host_end[c + 32] = 1;
    }
}

/* (the '/' bytes: post->slashes, idents.c) */
static int bare_profiles(tact_scanner *sc, const ix_post *post)
{
    if (post->slashes->all && post->slashes->n == 0)
        return TACT_OK; /* no '/' */
    slashes sl; /* (at is read only up to n) */
    sl.n = 0;
    sl.all = post->slashes->all;
    size_t np = sizeof profile_hosts / sizeof profile_hosts[0];
    size_t nf = sizeof fundraiser_hosts / sizeof fundraiser_hosts[0];
    const tact__idents *ix = sc->rs->idents;
    if (sl.all && !ix) {
        sl.n = post->slashes->n;
        memcpy(sl.at, post->slashes->at, sl.n * sizeof sl.at[0]);
    } else if (sl.all) {
        /* Speed: a host matches only where the byte before its first '/'
         * matches too, so a '/' after a byte that ends no host's name (the
         * ':' and '/' of "https://", the 'o' of "t.co/") can be no host's:
         * dropped from the list. Every host would only pass over it (or
         * stop there, and then at every later one too). ix->host_end
         * holds those bytes (tact__ix_web_compile). */
        size_t kept = 0;
        for (size_t j = 0; j < post->slashes->n; j++) {
            uint32_t a = post->slashes->at[j];
            if (a > 0 && ix->host_end[(unsigned char)sc->text[a - 1]])
                sl.at[kept++] = a;
        }
        sl.n = kept;
        if (!kept)
            return TACT_OK;
    }
    for (size_t h = 0; h < np + nf; h++) {
        const char *w = h < np ? profile_hosts[h] : fundraiser_hosts[h - np];
        size_t m = strlen(w);
        size_t d = (size_t)(strchr(w, '/') - w);
        size_t from = d; /* search for '/' from here */
        size_t j = 0;    /* where next_slash is in sl */
        while (from < sc->len) {
            const char *hit = next_slash(sc, &sl, &j, from);
            if (!hit)
                break;
            size_t i = (size_t)(hit - sc->text) - d;
            from = (size_t)(hit - sc->text) + 1;
            if (i + m >= sc->len)
                break;
            if (ix_up(ix_at(sc, i)) != ix_up((unsigned char)w[0]) || !ix_left_edge(sc, i) ||
                tact__ix_in_web(sc, i))
                continue;
            size_t k = 0;
            while (k < m && ix_up(ix_at(sc, i + k)) == ix_up((unsigned char)w[k]))
                k++;
            if (k < m)
                continue;
            size_t e = i + m;
            while (e < sc->len && (ix_alnum(ix_at(sc, e)) || ix_at(sc, e) == '_' ||
                                   ix_at(sc, e) == '.' || ix_at(sc, e) == '@' || ix_at(sc, e) == '/' ||
                                   ix_at(sc, e) == '-'))
                e++;
            while (e > i + m && (ix_at(sc, e - 1) == '.' || ix_at(sc, e - 1) == '/'))
                e--;
            if (e == i + m)
                continue;
            int rc = tact__add(sc, i, e, TACT_TYPE_URL, -1, 0.9f,
                               h < np ? "url.profile" : "url.personal", NULL, NULL);
            if (rc)
                return rc;
            /* the byte loop went on at e + 1 */
            if (e + 1 + d > from)
                from = e + 1 + d;
        }
    }
    return TACT_OK;
}

/* "@nspcc", "@Barnardos", "@ofstednews", "@mind_uk": a charity, brand or
 * public body from the lexicon, with an optional uk/news/hq/official tail. */
static bool brand_handle(const tact_scanner *sc, const tact__token *t)
{
    const char *h = sc->text + t->start + 1;
    size_t n = t->end - t->start - 1;
    char w[32];
    if (n < 3 || n >= sizeof w || !sc->rs->words.count)
        return false;
    /* lower-case copy; a digit anywhere ("@jay_x93") is a person's style */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (ix_digit(c))
            return false;
        w[i] = (char)(ix_upper(c) ? c | 0x20 : c);
    }
    const uint32_t want = TACT__LX_BRAND | TACT__LX_PUBLIC;
    if (tact__lex_get(&sc->rs->words, w, n) & want)
        return true;
    /* with a tail: nspcc_uk, ofstednews, mindhq, basw_official */
    static const struct {
        const char *s;
        size_t n;
    } tails[] = {{"_uk", 3}, {"uk", 2},       {"_news", 5},    {"news", 4},
                 {"hq", 2},  {"_official", 9}, {"official", 8}};
    /* (every tail ends in one of these letters) */
    char last = w[n - 1];
    if (last != 'k' && last != 's' && last != 'q' && last != 'l')
        return false;
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t m = tails[i].n;
        if (m + 3 <= n && w[n - 1] == tails[i].s[m - 1] && memcmp(w + n - m, tails[i].s, m) == 0)
            return (tact__lex_get(&sc->rs->words, w, n - m) & want) != 0;
    }
    return false;
}

static bool org_handle(const tact_scanner *sc, size_t k)
{
    const tact__token *t = &sc->toks[k];
    if (k > 0 && (ix_is(sc, k - 1, "the") || ix_is(sc, k - 1, "via")))
        return true;
    size_t up = 0, lo = 0;
    for (size_t b = t->start + 1; b < t->end; b++) {
        up += ix_upper(ix_at(sc, b));
        lo += ix_lower(ix_at(sc, b));
    }
    if (up >= 3 && lo == 0)
        return true;
    /* "@NSPCC_Learning", "@SWEngland", "@BASWCymru": an acronym first, or
     * an acronym with an organisation word */
    size_t lead = 0;
    while (t->start + 1 + lead < t->end && ix_upper(ix_at(sc, t->start + 1 + lead)))
        lead++;
    if (lead >= 4)
        return true;
    if (lead < 2)
        return brand_handle(sc, t);
    static const char *const org_words[] = {
        "england", "learning", "cymru", "scotland", "wales", "nhs", "council", "news",
        "team", "official", "trust", "care", "social", "work", "hq", "network", "events",
        "academy", "research", "voice", "action", "charity", "support", "foundation", "institute",
        "alliance", "policy", "press", "media", "gov", "centre", "online"};
    const char *h = sc->text + t->start + 1;
    size_t hn = t->end - t->start - 1;
    /* speed17: the letters of the handle, either case (bit c - 'a'): a
     * word with a first or second letter not among them is not in it */
    uint32_t letters = 0;
    for (size_t b = 0; b < hn; b++) {
        unsigned c = (unsigned char)h[b] | 0x20u;
        if (c >= 'a' && c <= 'z')
            letters |= 1u << (c - 'a');
    }
    for (size_t i = 0; i < sizeof org_words / sizeof org_words[0]; i++) {
        const char *w = org_words[i];
        if (!((letters >> (w[0] - 'a')) & 1u) || !((letters >> (w[1] - 'a')) & 1u))
            continue;
        if (ci_contains(h, hn, w))
            return true;
    }
    return false;
}

/* The words naming a platform: "insta: jay_x93". */
static const char *const platforms[] = {"insta", "instagram", "snap", "snapchat", "tiktok",
                                        "twitter", "ig", "sc", "fb", "facebook", "tt", NULL};

int tact__ix_web_gate(const tact__alloc *a, tact__lex *gate)
{
    return tact__lex_add_all(a, gate, platforms, IG_PLATFORM);
}

/* "insta: jay_x93", "snap is kayb.2009": a handle without its @. Token k
 * is a platform word (IG_PLATFORM). */
static int platform_handles(tact_scanner *sc, size_t k)
{
    /* the word itself, not only its hash (runs for platform words only) */
    bool is = false;
    for (size_t p = 0; platforms[p] && !is; p++)
        is = ix_is(sc, k, platforms[p]);
    if (!is)
        return TACT_OK;
    size_t j = k + 1;
    if (tact__ix_punct(sc, j, ':') || ix_is(sc, j, "is") || ix_is(sc, j, "name") ||
        ix_is(sc, j, "handle") || ix_is(sc, j, "@"))
        j++;
    if (j >= sc->ntoks || sc->toks[j].kind == TACT__TOK_HANDLE)
        return TACT_OK;
    size_t s = sc->toks[j].start, e = s;
    bool marked = false, letter = false;
    while (e < sc->len && (ix_alnum(ix_at(sc, e)) || ix_at(sc, e) == '_' ||
                           (ix_at(sc, e) == '.' && ix_alnum(ix_at(sc, e + 1))))) {
        if (ix_at(sc, e) == '_' || ix_at(sc, e) == '.' || ix_digit(ix_at(sc, e)))
            marked = true;
        letter = letter || ix_alpha(ix_at(sc, e));
        e++;
    }
    if (!marked || !letter || e - s < 3)
        return TACT_OK;
    return tact__add(sc, s, e, TACT_TYPE_HANDLE, -1, 0.75f, "handle.platform", NULL, NULL);
}

/*
 * "#JusticeForMaisieG", "#FindKacper", "#BringJackHome", "#RIPTyler": a
 * campaign hashtag built around one person's first name names that person
 * (a child, a victim). The name must follow a campaign prefix and start a
 * capitalised piece, so "#SocialWorkWeek" is not.
 */
static int name_hashtag(tact_scanner *sc, const tact__token *t)
{
    /* (not "prayfor", "standwith": mostly places and peoples) */
    static const char *const prefixes[] = {"justicefor", "helpfind", "find", "bring", "rip",
                                           "missing", "ripbaby", "ripyoung", "forever"};
    const char *s = sc->text + t->start + 1;
    size_t n = t->end - t->start - 1;
    /* every prefix starts with one of these letters */
    if (n < 6 || !sc->rs->words.count)
        return TACT_OK;
    int c0 = (unsigned char)s[0] | 0x20;
    if (!(c0 == 'j' || c0 == 'h' || c0 == 'f' || c0 == 'b' || c0 == 'r' || c0 == 'm'))
        return TACT_OK;
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t m = strlen(prefixes[p]);
        if (m >= n)
            continue;
        size_t k = 0;
        while (k < m && ((unsigned char)s[k] | 0x20) == (unsigned char)prefixes[p][k])
            k++;
        if (k < m || !ix_upper((unsigned char)s[m]))
            continue;
        /* the capitalised piece after the prefix: Maisie in MaisieG */
        size_t e = m + 1;
        while (e < n && ix_lower((unsigned char)s[e]))
            e++;
        if (e - m < 3 || e - m > 20)
            continue;
        char w[24];
        for (size_t i = 0; i < e - m; i++)
            w[i] = (char)((unsigned char)s[m + i] | 0x20);
        uint32_t b = tact__lex_get(&sc->rs->words, w, e - m);
        if ((b & TACT__LX_FIRST) &&
            !(b & (TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_BRAND |
                   TACT__LX_PUBLIC | TACT__LX_MONTH | TACT__LX_WEEKDAY)))
            return tact__add(sc, t->start, t->end, TACT_TYPE_HANDLE, -1, 0.8f, "handle.name_hashtag",
                             "This hashtag is built around one person's name.", NULL);
        return TACT_OK;
    }
    return TACT_OK;
}

static const char *const mailbox_roles[] = {
    "info", "enquiries", "enquiry", "hello", "contact", "admin", "office", "referrals",
    "referral", "support", "help", "helpline", "team", "news", "press", "media", "events",
    "jobs", "recruitment", "careers", "bookings", "booking", "membership", "noreply",
    "no-reply", "webmaster", "training", "communications", "comms", "feedback",
    "complaints", "mash", "duty", "fostering", "adoption", "safeguarding", "reception",
    "general", "hr", "finance", "marketing", "volunteering", "volunteers", "donations",
    "childrens", "children", "adults", "carers", "families", "parents", "youth", "housing",
    "advice", "schools", "frontdoor", "intake", "hosts", "peers", "students", "placements",
    "care", "lodgings", "sw", "socialwork", "vacancies", "workforce", "apprentices",
    "apprenticeships", "advocacy", "foodbank", "larder", "pantry", "coordinator", "programme",
    "admissions", "research", "outreach", "bereavement", "counselling", "helpdesk", "welfare",
    /* (twenty-fifth session) a service's own words: "kinship@", "iv@" (independent
     * visitors), "ni@", "amhp.rota@", "dementia.cafe@" */
    "kinship", "iv", "ni", "amhp", "imca", "imha", "scheme", "service", "services", "hub",
    "group", "club", "centre", "project", "wellbeing", "community", "appeal", "fundraising",
    "visitors", "visiting", "veterans", "cafe", "rota"};

static bool mailbox_role(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof mailbox_roles / sizeof mailbox_roles[0]; i++)
        if (strlen(mailbox_roles[i]) == n && memcmp(mailbox_roles[i], w, n) == 0)
            return true;
    return false;
}

/* A lower-case piece of a mailbox's local part: 3, a role word or a short
 * acronym or role the lexicon knows as no name ("psw", "grt", "mho"); 2,
 * an ordinary word that is no name ("lodgings") or a place ("kent",
 * "hexham": with a role word, "iv.kent@", "hexhamfamilies@", it is a
 * service's area; alone it is not enough); 1, an ordinary word that is
 * also a name ("hope"); 0, anything else (a name, an unknown word). Within
 * a run-together pair ("leavingcare") a 1 counts: "care". */
static int mailbox_word(const tact_scanner *sc, const char *w, size_t n, bool acronym)
{
    if (mailbox_role(w, n))
        return 3;
    uint32_t b = tact__lex_get(&sc->rs->words, w, n);
    if (b & TACT__LX_PLACE)
        return (b & TACT__LX_NAME) ? 0 : 2;
    if (b & (TACT__LX_DICT | TACT__LX_STOP))
        return (b & TACT__LX_NAME) ? 1 : 2;
    return acronym && !(b & ~TACT__LX_ROLE) && n >= 2 && n <= 4 ? 3 : 0;
}

/* "info@...", "referrals@...", "psw.childrens@...", "leavingcare@...": an
 * organisation's shared mailbox, not a person's address. Every piece of
 * the local part (split at '.', '_', '-', '+') names no one, or is two
 * ordinary words run together ("leavingcare"), and one is a role word or
 * an acronym. A digit ("jo.b1990"), an initial ("s.mahmood"), an unknown
 * word ("the.morrisseys", "dfoley") or a name ("kat.ferris.sw", even one
 * that is also a word: "bryony.amhp") makes it a person's, and so does an
 * ordinary word alone ("someone@", "sunshine@"). On the read suites, the shared mailboxes are
 * all in posts their writers call fine. */
static bool role_mailbox(const tact_scanner *sc, const tact__token *t)
{
    const char *s = sc->text + t->start;
    const char *at = memchr(s, '@', t->end - t->start);
    if (!at)
        return false;
    size_t n = (size_t)(at - s);
    char w[48];
    if (n == 0 || n >= sizeof w || !sc->rs->words.count)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ix_digit(c))
            return false;
        w[i] = (char)(ix_upper(c) ? c | 0x20 : c);
    }
    int best = 0;
    for (size_t p = 0; p < n;) {
        size_t q = p;
        while (q < n && ix_lower((unsigned char)w[q]))
            q++;
        if (q == p || (q < n && !strchr("._-+", w[q])))
            return false;
        int ok = q - p >= 2 ? mailbox_word(sc, w + p, q - p, true) : 0;
        /* two ordinary words of four letters or more, no acronym, when the
         * whole is no name ("blackwood") */
        bool whole_name = tact__lex_get(&sc->rs->words, w + p, q - p) & TACT__LX_NAME;
        for (size_t j = p + 4; !ok && !whole_name && j + 4 <= q; j++) {
            int a = mailbox_word(sc, w + p, j - p, false);
            int b = mailbox_word(sc, w + j, q - j, false);
            ok = a && b ? (a > b ? a : b) : 0;
        }
        if (ok < 2)
            return false;
        best = ok > best ? ok : best;
        p = q + 1;
    }
    return best == 3;
}

/* ---- coordinates ---------------------------------------------------------- */

/* A decimal degree at i: optional sign, 1-3 digits, '.', 3+ decimals. */
static size_t decimal_deg(const tact_scanner *sc, size_t i, double *v, bool *strong)
{
    size_t p = i;
    bool neg = false;
    if (ix_at(sc, p) == '-' || ix_at(sc, p) == '+') {
        neg = ix_at(sc, p) == '-';
        p++;
    }
    double x = 0;
    size_t nd = 0;
    while (ix_digit(ix_at(sc, p)) && nd < 4) {
        x = x * 10 + (ix_at(sc, p) - '0');
        p++;
        nd++;
    }
    if (!nd || nd > 3 || ix_at(sc, p) != '.')
        return 0;
    p++;
    size_t nf = 0;
    double f = 0.1;
    while (ix_digit(ix_at(sc, p))) {
        x += f * (ix_at(sc, p) - '0');
        f /= 10;
        p++;
        nf++;
    }
    if (nf < 3)
        return 0;
    *v = neg ? -x : x;
    *strong = neg || nf >= 4;
    /* "51.4587° N" */
    if (ix_at(sc, p) == 0xC2 && ix_at(sc, p + 1) == 0xB0)
        p += 2;
    size_t q = p + (ix_at(sc, p) == ' ');
    if (strchr("NSEW", ix_at(sc, q)) && ix_at(sc, q) && ix_right_edge(sc, q + 1)) {
        p = q + 1;
        *strong = true;
    }
    return p;
}

static int decimal_pair(tact_scanner *sc, size_t i, size_t *next)
{
    double lat, lon;
    bool s1, s2;
    size_t e = decimal_deg(sc, i, &lat, &s1);
    if (!e || lat < -90 || lat > 90)
        return TACT_OK;
    size_t p = e;
    if (ix_at(sc, p) == ',')
        p++;
    while (ix_at(sc, p) == ' ')
        p++;
    if (p == e || p > e + 3)
        return TACT_OK;
    size_t e2 = decimal_deg(sc, p, &lon, &s2);
    if (!e2 || lon < -180 || lon > 180 || !ix_right_edge(sc, e2) || !(s1 || s2))
        return TACT_OK;
    *next = e2;
    return tact__add(sc, i, e2, TACT_TYPE_GEO_COORDINATES, -1, 0.93f, "geo.decimal", NULL, NULL);
}

/* Degrees, minutes, seconds: 51°27'31.2"N 2°32'29"W (prime marks too). */
static size_t dms(const tact_scanner *sc, size_t i)
{
    size_t p = i, nd = 0;
    while (ix_digit(ix_at(sc, p)) && nd < 3)
        p++, nd++;
    if (!nd || ix_at(sc, p) != 0xC2 || ix_at(sc, p + 1) != 0xB0)
        return 0;
    p += 2;
    for (int part = 0; part < 2; part++) {
        size_t q = p + (ix_at(sc, p) == ' ');
        size_t r = q;
        while (ix_digit(ix_at(sc, r)) || (ix_at(sc, r) == '.' && ix_digit(ix_at(sc, r + 1))))
            r++;
        if (r == q)
            break;
        if (ix_at(sc, r) == '\'' || ix_at(sc, r) == '"')
            p = r + 1 + (part == 1 && ix_at(sc, r) == '\'' && ix_at(sc, r + 1) == '\'');
        else if (ix_at(sc, r) == 0xE2 && ix_at(sc, r + 1) == 0x80 &&
                 (ix_at(sc, r + 2) == 0xB2 || ix_at(sc, r + 2) == 0xB3 || ix_at(sc, r + 2) == 0x99 ||
                  ix_at(sc, r + 2) == 0x9D))
            p = r + 3;
        else
            break;
    }
    size_t q = p + (ix_at(sc, p) == ' ');
    if (ix_at(sc, q) && strchr("NSEW", ix_at(sc, q)))
        return q + 1;
    return 0;
}

static int dms_pair(tact_scanner *sc, size_t i, size_t *next)
{
    size_t e = dms(sc, i);
    if (!e)
        return TACT_OK;
    size_t p = e;
    while (ix_at(sc, p) == ' ' || ix_at(sc, p) == ',')
        p++;
    size_t e2 = dms(sc, p);
    if (!e2 || p > e + 3)
        return TACT_OK;
    *next = e2;
    return tact__add(sc, i, e2, TACT_TYPE_GEO_COORDINATES, -1, 0.93f, "geo.dms", NULL, NULL);
}

/* ///filled.count.soap */
static int w3w(tact_scanner *sc, size_t i, size_t *next)
{
    if (ix_at(sc, i + 1) != '/' || ix_at(sc, i + 2) != '/' || tact__ix_in_web(sc, i))
        return TACT_OK;
    size_t p = i + 3;
    for (int w = 0; w < 3; w++) {
        size_t s = p;
        while (ix_lower(ix_at(sc, p)) || ix_at(sc, p) >= 0x80)
            p++;
        if (p == s)
            return TACT_OK;
        if (w < 2) {
            if (ix_at(sc, p) != '.')
                return TACT_OK;
            p++;
        }
    }
    if (!ix_right_edge(sc, p))
        return TACT_OK;
    *next = p;
    return tact__add(sc, i, p, TACT_TYPE_GEO_COORDINATES, -1, 0.95f, "geo.what3words", NULL, NULL);
}

/* The bytes that can start a position: a digit, a sign, a '/'. */
static const bool pos_start[256] = {
    ['+'] = true, ['-'] = true, ['/'] = true, ['0'] = true, ['1'] = true, ['2'] = true,
    ['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true,
    ['9'] = true};

/* Whether the text holds what every position needs somewhere: a '.' with
 * three digits after it (decimal_deg), a degree sign (dms) or "///"
 * (w3w). Most posts have none, and then the walk below finds nothing. */
static bool pos_possible(const tact_scanner *sc, const ix_post *post)
{
    if (sc->len == 0)
        return false;
    const char *s = sc->text, *e = sc->text + sc->len;
    /* (a '.' with digits after it needs a digit in the text, "///" a '/';
     * the '.' and '/' bytes from post's lists when they are whole) */
    if (post->digit && post->dots->all) {
        for (size_t j = 0; j < post->dots->n; j++) {
            const char *p = s + post->dots->at[j];
            if (e - p > 3 && ix_digit((unsigned char)p[1]) && ix_digit((unsigned char)p[2]) &&
                ix_digit((unsigned char)p[3]))
                return true;
        }
    } else {
        for (const char *p = post->digit ? memchr(s, '.', sc->len) : NULL; p;
             p = memchr(p + 1, '.', (size_t)(e - p - 1)))
            if (e - p > 3 && ix_digit((unsigned char)p[1]) && ix_digit((unsigned char)p[2]) &&
                ix_digit((unsigned char)p[3]))
                return true;
    }
    for (const char *p = memchr(s, 0xB0, sc->len); p; p = memchr(p + 1, 0xB0, (size_t)(e - p - 1)))
        if (p > s && (unsigned char)p[-1] == 0xC2)
            return true;
    if (post->slashes->all) {
        /* (in order, no two the same: three in a row end two after) */
        for (size_t j = 0; j + 2 < post->slashes->n; j++)
            if (post->slashes->at[j + 2] == post->slashes->at[j] + 2)
                return true;
        return false;
    }
    for (const char *p = memchr(s, '/', sc->len); p;
         p = memchr(p + 1, '/', (size_t)(e - p - 1)))
        if (e - p > 2 && p[1] == '/' && p[2] == '/')
            return true;
    return false;
}

int tact__ix_web_scan(tact_scanner *sc, const ix_post *post)
{
    int rc;
    /* every rule of this loop starts at a web token or a platform word
     * (IG_PLATFORM): all in post->web */
    for (size_t h = 0; h < post->nweb; h++) {
        size_t k = post->web[h];
        const tact__token *t = &sc->toks[k];
        rc = TACT_OK;
        if (t->kind == TACT__TOK_EMAIL && !role_mailbox(sc, t))
            rc = tact__add(sc, t->start, t->end, TACT_TYPE_EMAIL, -1, 0.99f, "email", NULL, NULL);
        else if (t->kind == TACT__TOK_URL)
            rc = url_token(sc, t);
        else if (t->kind == TACT__TOK_HANDLE && !org_handle(sc, k))
            rc = tact__add(sc, t->start, t->end, TACT_TYPE_HANDLE, -1, 0.9f, "handle", NULL, NULL);
        else if (t->kind == TACT__TOK_WORD && (post->gate[k] & IG_PLATFORM))
            rc = platform_handles(sc, k);
        else if (t->kind == TACT__TOK_HASHTAG)
            rc = name_hashtag(sc, t);
        if (rc)
            return rc;
    }
    if ((rc = bare_profiles(sc, post)) != TACT_OK)
        return rc;
    /* a coordinate holds a digit (decimal_deg, dms), what3words a '/' */
    bool slash = post->slashes->n > 0 || !post->slashes->all;
    if ((!post->digit && !slash) || !pos_possible(sc, post))
        return TACT_OK;
    size_t i = 0;
    const unsigned char *txt = (const unsigned char *)sc->text;
    while (i < sc->len) {
        int c = txt[i];
        /* only a digit, a sign or a '/' can start a position: step over
         * everything else without the tests below ('+' .. '9' holds them
         * all, and ',' and '.' besides) */
        if (!pos_start[c]) {
            /* and every 8 bytes with nothing from '+' to '9' */
            i = ix_skip_none_between(sc, i + 1, '+' - 1, '9' + 1);
            continue;
        }
        size_t next = i + 1;
        rc = TACT_OK;
        if ((ix_digit(c) || c == '-' || c == '+') &&
            (i == 0 || ix_at(sc, i - 1) >= 0x80 || ix_left_edge(sc, i))) {
            if ((rc = decimal_pair(sc, i, &next)) == TACT_OK && next == i + 1)
                rc = dms_pair(sc, i, &next);
        } else if (c == '/') {
            rc = w3w(sc, i, &next);
        }
        if (rc)
            return rc;
        i = next;
    }
    return TACT_OK;
}
