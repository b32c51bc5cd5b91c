/*
 * redact.h - what the files of the safe-version writer share.
 *
 * redact.c drives: it screens the text, groups identifier findings into
 * entities (the same person or number seen twice is one entity), asks the
 * mode for a replacement of each, and writes the output. Every difference
 * between input and output is one replacement: a span of the original and
 * the text written instead (removal tidying and generalisation may widen a
 * span over neighbouring spaces, brackets, articles or prepositions), so
 * applying the replacement list to the input gives exactly the output.
 *
 * redact_surrogate.c: keyed hashing and realistic surrogates (pseudonymise).
 * redact_general.c:   coarser values (generalise).
 * redact_json.c:      tact_redact_json, the JSON of a safe version.
 */
#ifndef TACT_REDACT_H
#define TACT_REDACT_H

#include "internal.h"

#include <stdio.h>


/* One list of surrogate words (embedded data), parsed into scratch. */
typedef struct rd_list {
    const char **w;
    uint16_t *n;
    uint8_t *used; /* taken in this document by another original */
    size_t count;
} rd_list;

enum rd_name_role { RD_ROLE_FIRST = 0, RD_ROLE_SURNAME = 1, RD_ROLE_INITIAL = 2 };
enum rd_gender { RD_G_ANY = 0, RD_G_FEMALE = 1, RD_G_MALE = 2 };

/* A name word already mapped in this document. */
typedef struct rd_word {
    uint64_t h;      /* hash of the normalised original */
    uint32_t off;    /* normalised original in c->keys */
    uint16_t len;
    uint8_t role;
    uint8_t gender;
    uint32_t pick;   /* index into the list of the role */
} rd_word;

/* One finding being rewritten. */
typedef struct rd_item {
    size_t start, end;   /* the finding */
    size_t rstart, rend; /* the span actually replaced (rstart <= start, rend >= end) */
    tact_type type;
    uint32_t entity;     /* entity index */
    uint32_t nth;        /* 1-based number of the entity within its placeholder kind */
    bool first_mention;  /* first time this entity appears */
} rd_item;

typedef struct rd_ctx {
    tact_scanner *sc;
    const char *text;
    size_t len;
    tact_redact_mode mode;
    uint64_t k0, k1;        /* SipHash key */
    size_t prev_end;        /* end of the previous replaced span */
    tact_type prev_type;    /* type of the previous replacement */
    const char *pending_adj; /* generalise: an age adjective for the name that follows */
    size_t pending_at;       /* where that age started */
    const char **ent_noun;   /* generalise: the noun chosen for each entity */
    size_t nents;
    /* surrogate lists (pseudonymise), parsed lazily */
    bool lists_ready;
    rd_list female, male, surname, street, street_type, town, stem;
    /* name words mapped so far */
    rd_word *words;
    size_t nwords, words_cap;
    tact__buf keys;
    tact__buf scratch; /* a word being built */
} rd_ctx;

/* ---- redact_surrogate.c ---- */
uint64_t tact__rd_siphash(uint64_t k0, uint64_t k1, const void *data, size_t n);
/* Keyed hash of (tag, bytes). */
uint64_t tact__rd_keyed(const rd_ctx *c, unsigned tag, const char *s, size_t n);
int tact__rd_pseudonym(rd_ctx *c, rd_item *it, tact__buf *out);

/* A byte that belongs to a word: an ASCII letter or any byte of a non-ASCII
 * character. */
static inline bool tact__rd_letter_byte(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (unsigned char)ch >= 0x80;
}

/* Append fmt (one %u conversion, a literal from the caller) formatted with v. */
int tact__rd_put_fmt(rd_ctx *c, tact__buf *out, const char *fmt, unsigned v);

/* ---- redact_dates.c ---- */
int tact__rd_pseudo_dob(rd_ctx *c, const rd_item *it, tact__buf *out);
int tact__rd_pseudo_age(rd_ctx *c, const rd_item *it, tact__buf *out);
void tact__rd_ctx_free(rd_ctx *c);

/* ---- redact_general.c ---- */
int tact__rd_general(rd_ctx *c, rd_item *it, tact__buf *out);

/* ---- shared helpers (redact.c) ---- */
/* Pronoun-based guess of gender from the tokens after byte offset `off`. */
int tact__rd_gender_near(const rd_ctx *c, size_t off);
/* True when the span ends with a possessive 's / ’s / s'; *plen gets its length. */
bool tact__rd_possessive(const char *s, size_t n, size_t *plen);
/* The word (ASCII letters) just before byte offset `off`, skipping spaces;
 * returns its start or SIZE_MAX, and its length in *wn. */
size_t tact__rd_word_before(const rd_ctx *c, size_t off, size_t *wn);
/* Start of the label words before L that go with a value of this type
 * ("NHS number", "DOB:", "Mr and" before a name), or L. */
size_t tact__rd_labels(const rd_ctx *c, size_t L, tact_type type);
/* Case-insensitive ASCII equality of s[0..n) and the NUL-terminated w. */
bool tact__rd_ieq(const char *s, size_t n, const char *w);

#endif
