#!/bin/sh
# run.sh - run every libFuzzer target for a while; fail on any crash.
#
#   fuzz/run.sh BUILD_DIR SECONDS     (make fuzz: 600 s each; make fuzz-ci: 60 s)
#
# Each BUILD_DIR/fuzz/fuzz_<target> runs for SECONDS over a working copy of
# fuzz/corpus/<target> (kept in BUILD_DIR/fuzz-work/<target>, so the
# repository's seeds stay small), with fuzz/<target>.dict when present. A
# crash, leak, timeout or out-of-memory leaves its input in
# BUILD_DIR/fuzz-artifacts/; minimise it (fuzz_<target> -minimize_crash=1),
# fix, and add it to fuzz/corpus/<target>/ as a regression input.
# FUZZ_JOBS (default 1) runs that many targets at once.
set -u
if [ $# -ne 2 ]; then
    echo "usage: fuzz/run.sh BUILD_DIR SECONDS" >&2
    exit 64
fi
build=$1
secs=$2
src=$(cd "$(dirname "$0")" && pwd)
art="$build/fuzz-artifacts"
work="$build/fuzz-work"
mkdir -p "$art" "$work"
found=0
failed=""

run_one() {
    bin=$1
    t=$(basename "$bin")
    t=${t#fuzz_}
    mkdir -p "$work/$t"
    dict=""
    [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
    seeds=""
    [ -d "$src/corpus/$t" ] && seeds="$src/corpus/$t"
    log="$art/$t.log"
    # shellcheck disable=SC2086
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$bin" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$art/$t-" $dict "$work/$t" $seeds >"$log" 2>&1
    rc=$?
    stats=$(grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | tr '\n' ' ')
    cov=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1 | sed 's/^#[0-9]* *//' | cut -c1-80)
    if [ $rc -eq 0 ]; then
        echo "fuzz $t: ok, $secs s; $cov; $stats"
    else
        echo "fuzz $t: FAILED (exit $rc); log $log; inputs $art/$t-*"
        grep -E 'ERROR|invariant failed|SUMMARY' "$log" | head -5
        return 1
    fi
}

jobs=${FUZZ_JOBS:-1}
running=0
for bin in "$build"/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    found=$((found + 1))
    if [ "$jobs" -gt 1 ]; then
        ( run_one "$bin" || touch "$art/.failed-$(basename "$bin")" ) &
        running=$((running + 1))
        if [ $running -ge "$jobs" ]; then
            wait
            running=0
        fi
    else
        run_one "$bin" || failed="$failed $(basename "$bin")"
    fi
done
wait
for f in "$art"/.failed-*; do
    [ -e "$f" ] || continue
    failed="$failed ${f#"$art"/.failed-}"
    rm -f "$f"
done
if [ $found -eq 0 ]; then
    echo "fuzz: no targets in $build/fuzz (configure with -DTACT_FUZZ=ON and clang)" >&2
    exit 1
fi
if [ -n "$failed" ]; then
    echo "fuzz: crashes in:$failed" >&2
    exit 1
fi
echo "fuzz: $found targets, no crashes"
