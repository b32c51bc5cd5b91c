/*
 * lexicon.h - bits of the general word lexicon (rs->words), looked up once
 * per token at tokenize time and kept in tact__token.lex.
 *
 * Bits 0-9 are general; 10-19 belong to the names subsystem; 20-29 to the
 * conduct subsystem. Keys are normalised (lower case, accents stripped).
 * Multi-word entries ("milton keynes") are stored whole, with single
 * spaces, and their first word carries TACT__LX_HEAD so that a detector
 * knows when a phrase lookup is worth trying.
 */
#ifndef TACT_LEXICON_H
#define TACT_LEXICON_H

#define TACT__LX_STOP (1u << 0)    /* function words: the, and, of ... */
#define TACT__LX_DICT (1u << 1)    /* an ordinary lower-case English word */
#define TACT__LX_FIRST (1u << 2)   /* a given name (or nickname) */
#define TACT__LX_SURNAME (1u << 3) /* a surname */
#define TACT__LX_PLACE (1u << 4)   /* a UK place name (town, city, district) */
#define TACT__LX_MONTH (1u << 5)   /* january, jan, ... */
#define TACT__LX_TITLE (1u << 6)   /* mr, mrs, ms, miss, dr ... */
#define TACT__LX_KIN (1u << 7)     /* mum, dad, nan, brother ... */
#define TACT__LX_STREET (1u << 8)  /* road, rd, street, avenue ... */
#define TACT__LX_WEEKDAY (1u << 9) /* monday, mon, ... */

/* names subsystem (names*.c, tagger*.c) */
#define TACT__LX_PROPER (1u << 10)   /* capitalised dictionary entry: a proper noun */
#define TACT__LX_BIGPLACE (1u << 11) /* city, large town, county, nation: too big to identify */
#define TACT__LX_ROLE (1u << 12)     /* role word before a name: worker, carer, mate ... */
#define TACT__LX_HEAD (1u << 13)     /* first word of a multi-word entry */
#define TACT__LX_PUBLIC (1u << 14)   /* public figure or inquiry (whole entry) */
#define TACT__LX_BRAND (1u << 15)    /* brand, shop, charity or agency: not a person or place */

/* The packaged name list does not tell given names from surnames, so a
 * name from it carries both bits. */
#define TACT__LX_NAME (TACT__LX_FIRST | TACT__LX_SURNAME)

#endif
