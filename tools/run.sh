#!/bin/sh
# run.sh - what `make run` starts: the local web page and JSON API.
#
#   sh tools/run.sh TACT ADDR      (make run ADDR=127.0.0.1:8080)
#
# tact serve prints the address it really listens on ("listening on
# http://..."); this script frames it so that it is easy to spot.
set -eu
tact=$1
addr=${2:-127.0.0.1:8080}
if "$tact" serve --help >/dev/null 2>&1; then
    echo ""
    echo "  tact: starting the page on $addr"
    echo "  Open the address printed below in your browser. Drafts stay on this machine."
    echo "  Press Ctrl-C to stop. (Port busy? make run ADDR=127.0.0.1:0 picks a free one.)"
    echo ""
    exec "$tact" serve --listen "$addr"
fi
echo "tact serve is not built; screening the bundled example post instead:"
"$tact" check docs/example-post.txt || true
