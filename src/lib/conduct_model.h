/*
 * conduct_model.h - a small learned conduct model beside the phrase rules:
 * one logistic regression per conduct type over hashed word unigrams and
 * bigrams of the scanner's normalised tokens and a few cue features
 * (trainer: tools/train-conduct.py on tests/conduct/corpus and
 * tests/conduct/train; model:
 * data/models/conduct.bin; provenance and figures: data/models/conduct.md).
 *
 * The feature function is shared by the scorer and by the trainer (through
 * tools/conduct-features.c), so both see exactly the same features.
 */
#ifndef TACT_CONDUCT_MODEL_H
#define TACT_CONDUCT_MODEL_H

#include "internal.h"

#define TACT__CM_MAXTYPES 8

/* One feature: its 64-bit hash and the token it belongs to. Called once per
 * feature occurrence, in token order. */
typedef void (*tact__cm_feat_fn)(void *ctx, uint64_t h, size_t tok);

/* Every feature of the scanner's tokens (allocation-free). */
void tact__cm_features(const tact_scanner *sc, tact__cm_feat_fn fn, void *ctx);

typedef struct tact__cm tact__cm;

/* Load from embedded bytes (conduct.bin). TACT_EMODEL when corrupt. */
int tact__cm_load(const tact__alloc *a, const char *data, size_t len, tact__cm **out);
void tact__cm_free(const tact__alloc *a, tact__cm *m);

/* Number of conduct types the model scores, and the type and threshold
 * (probability at or above which the model may speak) of model k. */
size_t tact__cm_ntypes(const tact__cm *m);
tact_type tact__cm_type(const tact__cm *m, size_t k);
float tact__cm_threshold(const tact__cm *m, size_t k);
/* The review tier of model k: at or above this probability (and below the
 * threshold) the model may ask for review ("it may be ..."); 1 when the
 * tier is off (and for TCM1 files, which have no such field). */
float tact__cm_review_threshold(const tact__cm *m, size_t k);

/*
 * Score the scanner's tokens: p[k] receives the probability of model k
 * (k < tact__cm_ntypes); 0 for every k when too few of the post's features
 * are known to the model (out of its domain). When sent is not NULL (sentence number of each
 * token, numbers 0..nsent), best[k] receives the sentence whose features
 * add most to model k; sent_sum is the caller's scratch for that, room for
 * (nsent + 1) * tact__cm_ntypes floats. Allocation-free.
 */
void tact__cm_score(const tact__cm *m, const tact_scanner *sc, const uint32_t *sent,
                    uint32_t nsent, float *p, uint32_t *best, float *sent_sum);

#endif
