/*
 * redact_dates.c - pseudonymised dates of birth and ages: a date shifted by
 * a keyed number of days in the same layout, an age kept in its band.
 */
#include "redact.h"

/* ---- dates and ages ------------------------------------------------------------ */

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december"};

/* Days since 1970-01-01 and back (Howard Hinnant's civil calendar). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

static unsigned days_in_month(long y, unsigned m)
{
    static const unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

typedef struct date_field {
    size_t a, b;
    int kind; /* 0 day, 1 month number, 2 month name, 3 year */
} date_field;

typedef struct num_field {
    size_t a, b;
    unsigned v;
} num_field;

/* Parse the date in a DOB span: numeric d/m/y, or day and month name and
 * year in either order. Writes the shifted date in the same layout. */
int tact__rd_pseudo_dob(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    const char *t = c->text;
    num_field nums[4];
    size_t nn = 0, mon_a = 0, mon_b = 0;
    unsigned mon = 0;
    for (size_t i = it->start; i < it->end;) {
        if (t[i] >= '0' && t[i] <= '9') {
            size_t j = i;
            unsigned v = 0;
            while (j < it->end && t[j] >= '0' && t[j] <= '9' && j - i < 5)
                v = v * 10 + (unsigned)(t[j++] - '0');
            if (nn < 4)
                nums[nn++] = (num_field){i, j, v};
            i = j;
        } else if (tact__rd_letter_byte(t[i])) {
            size_t j = i;
            while (j < it->end && tact__rd_letter_byte(t[j]))
                j++;
            for (unsigned m = 0; m < 12 && !mon; m++) {
                size_t ml = strlen(months[m]);
                if ((j - i == ml || (j - i == 3) || (j - i == 4 && m == 8)) && j - i <= ml) {
                    size_t k = 0;
                    for (; k < j - i; k++) {
                        char ch = t[i + k];
                        if (ch >= 'A' && ch <= 'Z')
                            ch = (char)(ch + 32);
                        if (ch != months[m][k])
                            break;
                    }
                    if (k == j - i) {
                        mon = m + 1;
                        mon_a = i;
                        mon_b = j;
                    }
                }
            }
            i = j;
        } else {
            i++;
        }
    }
    unsigned d = 0, m = 0;
    long y = 0;
    num_field *fy = NULL, *fd = NULL, *fm = NULL;
    if (mon && nn >= 2) {
        fd = &nums[0];
        fy = &nums[nn - 1];
        d = fd->v;
        m = mon;
    } else if (!mon && nn == 3) {
        fd = &nums[0];
        fm = &nums[1];
        fy = &nums[2];
        d = fd->v;
        m = fm->v;
    }
    if (fy) {
        y = (long)fy->v;
        if (fy->b - fy->a == 2)
            y += y > 30 ? 1900 : 2000;
    }
    if (!fy || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || y < 1900 || y > 2100) {
        const tact__type_info *ti = tact__type_info_get(it->type);
        return tact__buf_puts(&c->sc->a, out, ti ? ti->placeholder : "[DOB]");
    }
    uint64_t h = tact__rd_keyed(c, 25, t + it->start, it->end - it->start);
    long shift = 7 + (long)(h % 84);
    if ((h >> 32) & 1)
        shift = -shift;
    long ny;
    unsigned nm, nd;
    civil_from_days(days_from_civil(y, m, d) + shift, &ny, &nm, &nd);
    /* write the span again with the three fields swapped for the new ones */
    size_t pos = it->start;
    date_field f[3] = {{fd->a, fd->b, 0}, {fm ? fm->a : mon_a, fm ? fm->b : mon_b, fm ? 1 : 2},
              {fy->a, fy->b, 3}};
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (f[j].a < f[i].a) {
                date_field tmp = f[i];
                f[i] = f[j];
                f[j] = tmp;
            }
    for (int i = 0; i < 3; i++) {
        if (tact__buf_put(&c->sc->a, out, t + pos, f[i].a - pos))
            return TACT_ENOMEM;
        size_t w = f[i].b - f[i].a;
        int rc = TACT_OK;
        if (f[i].kind == 0)
            rc = tact__rd_put_fmt(c, out, w == 2 ? "%02u" : "%u", nd);
        else if (f[i].kind == 1)
            rc = tact__rd_put_fmt(c, out, w == 2 ? "%02u" : "%u", nm);
        else if (f[i].kind == 3)
            rc = tact__rd_put_fmt(c, out, w == 2 ? "%02u" : "%u", (unsigned)(w == 2 ? ny % 100 : ny));
        else {
            const char *mn = months[nm - 1];
            size_t ml = w < strlen(mn) ? 3 : strlen(mn);
            bool up = t[f[i].a] >= 'A' && t[f[i].a] <= 'Z';
            for (size_t k = 0; k < ml && !rc; k++)
                rc = tact__buf_putc(&c->sc->a, out, (char)(k == 0 && up ? mn[k] - 32 : mn[k]));
        }
        if (rc)
            return TACT_ENOMEM;
        pos = f[i].b;
        /* an ordinal after the day follows the new day */
        if (f[i].kind == 0 && pos + 2 <= it->end && tact__rd_letter_byte(t[pos]) &&
            tact__rd_letter_byte(t[pos + 1]) && !(pos + 2 < it->end && tact__rd_letter_byte(t[pos + 2]))) {
            const char *sfx = (nd % 10 == 1 && nd != 11) ? "st"
                              : (nd % 10 == 2 && nd != 12) ? "nd"
                              : (nd % 10 == 3 && nd != 13) ? "rd" : "th";
            if (tact__buf_puts(&c->sc->a, out, sfx))
                return TACT_ENOMEM;
            pos += 2;
        }
    }
    return tact__buf_put(&c->sc->a, out, t + pos, it->end - pos);
}

/* Ages stay in their band: infancy, early years, primary, secondary,
 * sixteen-seventeen, young adult, then decades. */
static void age_band(unsigned a, unsigned *lo, unsigned *hi)
{
    static const unsigned edges[] = {0, 2, 5, 11, 14, 16, 18, 25, 35, 45, 55, 65, 75, 85, 95, 120};
    for (size_t i = 0; i + 1 < sizeof edges / sizeof edges[0]; i++)
        if (a < edges[i + 1]) {
            *lo = edges[i];
            *hi = edges[i + 1] - 1;
            return;
        }
    *lo = 95;
    *hi = 105;
}

int tact__rd_pseudo_age(rd_ctx *c, const rd_item *it, tact__buf *out)
{
    const char *t = c->text;
    size_t i = it->start;
    while (i < it->end && !(t[i] >= '0' && t[i] <= '9'))
        i++;
    if (i == it->end) {
        const tact__type_info *ti = tact__type_info_get(it->type);
        return tact__buf_puts(&c->sc->a, out, ti ? ti->placeholder : "[AGE]");
    }
    size_t j = i;
    unsigned a = 0;
    while (j < it->end && t[j] >= '0' && t[j] <= '9' && j - i < 4)
        a = a * 10 + (unsigned)(t[j++] - '0');
    unsigned lo, hi;
    age_band(a, &lo, &hi);
    unsigned span = hi - lo + 1, na = a;
    if (span > 1) {
        unsigned r = (unsigned)(tact__rd_keyed(c, 26, t + i, j - i) % (span - 1));
        na = lo + (a - lo + 1 + r) % span;
    }
    if (tact__buf_put(&c->sc->a, out, t + it->start, i - it->start) || tact__rd_put_fmt(c, out, "%u", na))
        return TACT_ENOMEM;
    return tact__buf_put(&c->sc->a, out, t + j, it->end - j);
}

