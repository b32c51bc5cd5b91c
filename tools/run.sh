#!/bin/sh
# run.sh - what `make run` starts: the local web page and JSON API.
set -eu
tact=$1
addr=$2
if "$tact" serve --help >/dev/null 2>&1; then
    echo "tact: starting the page at http://$addr/ (Ctrl-C to stop)"
    exec "$tact" serve --listen "$addr"
fi
echo "tact serve is not built; screening the bundled example post instead:"
"$tact" check docs/example-post.txt || true
