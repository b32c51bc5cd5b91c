#!/bin/sh
# tools/train-offensive.sh - retrain the offensive-language classifier
# (data/models/offensive.bin) from ../shared/corpora. Called by
# tools/train.sh (`make train`); prints the dev-split figures.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${TACT_SHARED:-$here/../../shared}
if [ ! -d "$shared/corpora/olid" ]; then
    echo "train-offensive: corpora not found under $shared: skipped"
    exit 0
fi
python3 "$here/train-offensive.py" "$shared" "$here/../data/models/offensive.bin"
