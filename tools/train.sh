#!/bin/sh
# train.sh - retrain the committed models (make train): the conduct model from
# the team's own corpus, the others from ../shared/corpora.
# A simple sequential script: one section per model. Each section builds its
# trainer in the build directory, trains, and writes the model into data/.
#
#   BUILD=build SHARED=../shared sh tools/train.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
shared=${TACT_SHARED:-${SHARED:-$here/../shared}}
corpora=$shared/corpora

# --- conduct model: learned conduct signal beside the rules (data/models/conduct.bin) ---
# One-vs-rest logistic regression per conduct type on hashed word n-grams of
# the library's own tokens, trained ONLY on the team's conduct corpus
# (tests/conduct/corpus/*.txt), thresholds from its validation split; see
# data/models/conduct.md and tools/train-conduct.py. Deterministic.
cmake --build "$build" --target tact-conduct-features >/dev/null
python3 "$here/tools/train-conduct.py" --build "$build" \
    --out "$here/data/models/conduct.bin" --md "$here/data/models/conduct.md"
# --- end of conduct model section -------------------------------------------------

# the other models need the corpora
if [ ! -d "$corpora" ]; then
    echo "train.sh: $corpora not found; the corpora are needed to train" >&2
    exit 1
fi

# --- names: people-and-places tagger (data/models/ner.bin) -------------------
# Averaged perceptron (src/lib/tagger.c, trainer tools/train-tagger.c) on the
# BTC and WNUT-17 training splits (CC-BY-4.0), figures on their dev splits.
# Provenance is written to data/models/ner.md by hand after a retrain.
cmake --build "$build" --target tact-train-tagger >/dev/null
"$build/tests/tact-train-tagger" --epochs "${NER_EPOCHS:-8}" --bits "${NER_BITS:-17}" \
    --dev "$corpora/btc/btc.dev" --dev "$corpora/wnut17/emerging.dev.conll" \
    "$here/data/models/ner.bin" \
    "$corpora/btc/btc.train" "$corpora/wnut17/wnut17train.conll"
# --- end of names section ------------------------------------------------------

# --- conduct: offensive-language classifier (data/models/offensive.bin) -------
# Logistic regression on hashed word and character n-grams, Davidson (MIT) and
# OLID (research use) training data with a held-out dev split; see
# data/models/offensive.md and tools/train-offensive.py.
sh "$here/tools/train-offensive.sh"
# --- end of conduct section ------------------------------------------------------
