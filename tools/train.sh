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
# the library's own tokens, trained ONLY on the team's conduct corpora
# (tests/conduct/corpus/*.txt, the rules' corpus, and tests/conduct/train/*.txt,
# a training-only corpus), L2 and thresholds from 5-fold cross-validation
# (scores pooled over the folds: precision >= 0.99 with at most 0.1% of the
# ok lines at or above the threshold; cmodel3), the shipped weights refit on
# every line (--refit); see data/models/conduct.md and tools/train-conduct.py.
# A second, lower "review" threshold per type (medium "model.<type>.maybe"
# findings; REVIEW_SHIPPED/REVIEW_OFF in the trainer) is chosen the same way.
# Venting is a side type (SIDE_TYPES): review tier only, trained with the
# tests/conduct/train/side<N>_*.txt lines as well, which the other types never
# see (cmodel9).
# Deterministic (about 5 minutes); needs nothing from ../shared.
cmake --build "$build" --target tact-conduct-features >/dev/null
python3 "$here/tools/train-conduct.py" --build "$build" --refit \
    --out "$here/data/models/conduct.bin" --md "$here/data/models/conduct.md"
# --- end of conduct model section -------------------------------------------------

# the other models need the corpora
if [ ! -d "$corpora" ]; then
    echo "train.sh: $corpora not found; the corpora are needed to train" >&2
    exit 1
fi

# --- names: people-and-places tagger (data/models/ner.bin, clusters.bin) ----
# Averaged perceptron (src/lib/tagger.c, trainer tools/train-tagger.c),
# greedy decoding. Provenance and figures: data/models/ner.md, clusters.md.
# NER_MODE chooses what is trained (default: plain, the committed model's
# configuration):
#   plain    the committed model (from ed095d4): BTC + WNUT-17 train only,
#            no word classes (no clusters.bin is embedded), no TAB, no
#            practitioner posts unless NER_PRACT_REPEAT > 0.
#   classes  (names6 2026-11-21: met its ship rule but breaks three spec
#            tests, NOT shipped; see data/models/ner.md "Round names6")
#            word classes from unlabelled text as features (clusters.bin:
#            tools/train-clusters.c, exchange algorithm, top-down
#            16/256/1024 classes, words seen >= 5 times, keyed by the
#            library's token hash, from the TEXT of training splits only,
#            tools/cluster-text.py: btc.train, wnut17train, davidson, olid
#            training, TAB train documents; never btc.dev, emerging.dev, TAB
#            dev); training posts: BTC and WNUT-17 train (CC-BY-4.0), the TAB
#            train documents' PERSON/LOC spans (MIT, tools/tab-conll.py, all
#            epochs), and the team's practitioner-style posts
#            (tests/names/train/practitioner.jsonl, writer10 2026-11-21,
#            invented; tools/practitioner-conll.py): the fixed ~80% "train"
#            part (split by template), each post NER_PRACT_REPEAT (2) times
#            per epoch; the "dev" part is only scored.
#            Writes clusters.bin and ner.bin together: a ner.bin trained
#            with word classes records their id and does not load without
#            the same clusters.bin.
#   viterbi  the names5 variant (measured, not shipped): as classes but a
#            structured perceptron with Viterbi decoding ("TACTNER2"), no
#            practitioner posts unless NER_PRACT_REPEAT > 0.
# Deterministic, but the lexicon bits in the features follow the data/ and
# build/gen word lists: the committed ner.bin is reproduced byte for byte
# only with the lists of its commit (ed095d4); with today's lists "plain"
# gives other bytes of the same quality (ner.md). Retrain after list changes.
cmake --build "$build" --target tact-train-tagger tact-train-clusters >/dev/null
ner_tmp=$(mktemp -d)
ner_mode=${NER_MODE:-plain}
if [ "$ner_mode" = classes ]; then
    pract_repeat=${NER_PRACT_REPEAT:-2}
else
    pract_repeat=${NER_PRACT_REPEAT:-0}
fi
pract=$here/tests/names/train/practitioner.jsonl
set --
pract_dev=
if [ "$pract_repeat" -gt 0 ]; then
    python3 "$here/tools/practitioner-conll.py" --part train "$pract" > "$ner_tmp/pract.spans"
    python3 "$here/tools/practitioner-conll.py" --part dev "$pract" > "$ner_tmp/pract-dev.spans"
    set -- --repeat "$pract_repeat" "$ner_tmp/pract.spans"
    pract_dev="--dev $ner_tmp/pract-dev.spans"
fi
case "$ner_mode" in
classes | viterbi)
    python3 "$here/tools/cluster-text.py" "$corpora" > "$ner_tmp/text.txt"
    "$build/tests/tact-train-clusters" --levels 4,4,2 --min 5 --iters 15 \
        "$ner_tmp/clusters.bin" "$ner_tmp/text.txt"
    python3 "$here/tools/tab-conll.py" "$corpora/tab/tab_train_dev.jsonl" > "$ner_tmp/tab.conll"
    vit=
    [ "$ner_mode" = viterbi ] && vit=--viterbi
    "$build/tests/tact-train-tagger" $vit --epochs "${NER_EPOCHS:-8}" --bits "${NER_BITS:-17}" \
        --clusters "$ner_tmp/clusters.bin" \
        --aux "$ner_tmp/tab.conll" --aux-epochs "${NER_EPOCHS:-8}" \
        --dev "$corpora/btc/btc.dev" --dev "$corpora/wnut17/emerging.dev.conll" $pract_dev \
        "$ner_tmp/ner.bin" \
        "$corpora/btc/btc.train" "$corpora/wnut17/wnut17train.conll" "$@"
    mv "$ner_tmp/clusters.bin" "$here/data/models/clusters.bin"
    mv "$ner_tmp/ner.bin" "$here/data/models/ner.bin"
    ;;
plain)
    "$build/tests/tact-train-tagger" --epochs "${NER_EPOCHS:-8}" --bits "${NER_BITS:-17}" \
        --dev "$corpora/btc/btc.dev" --dev "$corpora/wnut17/emerging.dev.conll" $pract_dev \
        "$ner_tmp/ner.bin" \
        "$corpora/btc/btc.train" "$corpora/wnut17/wnut17train.conll" "$@"
    # no word classes: none is embedded
    rm -f "$here/data/models/clusters.bin"
    mv "$ner_tmp/ner.bin" "$here/data/models/ner.bin"
    ;;
*)
    echo "train.sh: NER_MODE must be classes, plain or viterbi" >&2
    rm -rf "$ner_tmp"
    exit 64
    ;;
esac
rm -rf "$ner_tmp"
# --- end of names section ------------------------------------------------------

# --- conduct: offensive-language classifier (data/models/offensive.bin) -------
# Logistic regression on hashed word and character n-grams, Davidson (MIT) and
# OLID (research use) training data with a held-out dev split; see
# data/models/offensive.md and tools/train-offensive.py.
sh "$here/tools/train-offensive.sh"
# --- end of conduct section ------------------------------------------------------

# --- the whole-post reading (data/models/verdict.tsv) ---------------------------
# Last: its features are the findings of the rules and of the models above, so
# the feature tool is rebuilt with them first. A softmax over ok/review/block
# trained ONLY on the readable posts of the team's own scenario suites
# (eval/team; never ../shared, a blind half or a held suite), thresholds by
# leaving one suite out at a time; see data/models/verdict.md and
# tools/train-verdict.py. Deterministic (about 2 minutes).
cmake --build "$build" --target tact-verdict-features >/dev/null
python3 "$here/tools/train-verdict.py" --build "$build" --cv --out "$here/data/models/verdict.tsv"
# --- end of the whole-post reading section ---------------------------------------
