#!/bin/sh
# http.sh - load test of `tact serve` on loopback: POST /v1/check with a
# 280-character draft (bench/check.lua), 10 s, 2 threads, 32 connections.
# Prints requests/s and p99 latency. Nothing is asserted.
#
#   sh bench/http.sh TACT [SECONDS]
set -eu
tact=${1:?usage: bench/http.sh TACT [SECONDS]}
secs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v wrk >/dev/null 2>&1; then
    echo "skip HTTP: wrk is not installed (apt-get install wrk)"
    exit 0
fi
if ! "$tact" serve --help >/dev/null 2>&1; then
    echo "skip HTTP: this tact has no server"
    exit 0
fi
out=$(mktemp)
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT INT TERM
"$tact" serve --listen 127.0.0.1:0 --quiet --max-connections 256 >"$out" &
pid=$!
url=""
i=0
while [ -z "$url" ] && [ $i -lt 100 ]; do
    url=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$out")
    [ -n "$url" ] || sleep 0.05
    i=$((i + 1))
done
if [ -z "$url" ]; then
    echo "skip HTTP: tact serve did not start"
    exit 0
fi
echo "wrk: ${secs}s, 2 threads, 32 connections, POST ${url}v1/check (280 characters)"
res=$(wrk -t2 -c32 -d"${secs}s" --latency -s "$here/check.lua" "${url}v1/check")
rps=$(printf '%s\n' "$res" | awk '/^Requests\/sec:/ {print $2}')
printf '%s\n' "$res" | grep '^tact-http:' | sed 's/^tact-http: /  /'
echo "  /v1/check: ${rps} requests/s, p99 $(printf '%s\n' "$res" | sed -n 's/^tact-http: .*p99_ms=\([0-9.]*\).*/\1/p') ms"
