/*
 * verdict_model.h - the whole-post reading (verdict_model.c): a learned
 * second look at a post the rules sent for review or blocked.
 */
#ifndef TACT_VERDICT_MODEL_H
#define TACT_VERDICT_MODEL_H

#include "internal.h"

typedef struct tact__vm tact__vm;

/* Build the model from the text of data/models/verdict.tsv; TACT_EMODEL if
 * it is malformed. */
int tact__vm_load(const tact__alloc *a, const char *text, size_t n, tact__vm **out);
void tact__vm_free(const tact__alloc *a, tact__vm *m);

/* Called once for each feature of the post: its name (not NUL-terminated)
 * and value. A feature may be met more than once; it counts once. */
typedef void (*tact__vm_emit)(void *ctx, const char *name, size_t n, float value);

/* The features of the scanner's current post and its rules' verdict
 * (sc->result, as tact__verdict_decide left it): what the trainer
 * (tools/train-verdict.py, through tools/verdict-features.c) and the scorer
 * both read. */
void tact__vm_features(const tact_scanner *sc, tact__vm_emit emit, void *ctx);

/* The model's probabilities of ok, review and block for the current post. */
int tact__vm_probs(const tact__vm *m, tact_scanner *sc, float p[3]);

/* Apply the ruleset's model, if any, to the current result: a review the
 * model reads as ok or block with enough confidence becomes that; a block it
 * reads as ok with enough confidence becomes a review, unless a hard
 * identifier (a date of birth, an NHS, NI or case number, coordinates, a
 * vehicle, an address, a postcode, a person on the register) or abusive,
 * discriminatory or derogatory words drove it. */
int tact__vm_apply(tact_scanner *sc);
/* The same with a given model (m may be NULL: nothing changes); for tests. */
int tact__vm_apply_with(const tact__vm *m, tact_scanner *sc);

/* The ruleset's model (NULL when none is built in). */
const tact__vm *tact__vm_of(const tact_ruleset *rs);

#endif
