#!/bin/sh
# eval/run.sh - `make eval`: every evaluation in eval/, in order. Each reads
# ../shared (the scenario suite and the corpora) and prints its figures; each
# says clearly when the data is absent instead of failing.
set -u
tact=$1
here=$(cd "$(dirname "$0")" && pwd)
shared=${TACT_SHARED:-$here/../../shared}
rc=0
for script in "$here"/[0-9]*.py "$here"/[0-9]*.sh; do
    [ -e "$script" ] || continue
    echo
    echo "== $(basename "$script")"
    case "$script" in
        *.py) python3 "$script" "$tact" "$shared" || rc=1 ;;
        *.sh) sh "$script" "$tact" "$shared" || rc=1 ;;
    esac
done
exit $rc
