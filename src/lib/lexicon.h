/*
 * lexicon.h - bits of the general word lexicon (rs->words), looked up once
 * per token at tokenize time and kept in tact__token.lex.
 *
 * Bits 0-9 are general; 10-19 belong to the names subsystem; 20-29 to the
 * conduct subsystem. Keys are normalised (lower case, accents stripped).
 */
#ifndef TACT_LEXICON_H
#define TACT_LEXICON_H

#define TACT__LX_STOP (1u << 0)    /* function words: the, and, of ... */
#define TACT__LX_DICT (1u << 1)    /* an ordinary lower-case English word */
#define TACT__LX_FIRST (1u << 2)   /* a first name */
#define TACT__LX_SURNAME (1u << 3) /* a surname */
#define TACT__LX_PLACE (1u << 4)   /* a UK place name (town, city, district) */
#define TACT__LX_MONTH (1u << 5)   /* january, jan, ... */
#define TACT__LX_TITLE (1u << 6)   /* mr, mrs, ms, miss, dr ... */
#define TACT__LX_KIN (1u << 7)     /* mum, dad, nan, brother ... */
#define TACT__LX_STREET (1u << 8)  /* road, rd, street, avenue ... */
#define TACT__LX_WEEKDAY (1u << 9) /* monday, mon, ... */

#endif
