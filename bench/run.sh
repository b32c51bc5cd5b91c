#!/bin/sh
# run.sh - tact speed and memory figures (make bench).
#
#   bench/run.sh TACT [--quick]
#
# Prints tables: throughput of `tact check --format jsonl` on one core and on
# all cores (posts/s, MB/s, peak RSS) over the Davidson tweets, the TAB
# documents and generated posts; in-process latency of one 280-character
# post (bench/latency.c); start-up time; the npm peers (bench/peers.js) and
# `wc -w` on the same input; bench/http.sh when present; and a line per
# target. Corpora are generated into the build directory; the parts that need
# ../shared say so and are skipped when it is absent. Nothing is asserted.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: bench/run.sh TACT [--quick]" >&2
    exit 64
fi
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/bench.py" "$@"
