#!/bin/sh
# deps.sh - install what tact needs to build, test, evaluate and benchmark,
# only when it is missing. Works on a fresh Debian 12 as root; elsewhere it
# prints the missing packages and stops.
#
#   tools/deps.sh          Debian packages and the npm packages in package.json
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential cmake pkg-config clang libclang-rt-14-dev python3 \
libutf8proc-dev libcjson-dev libsqlite3-dev libmicrohttpd-dev \
wbritish-huge wamerican-huge chromium wrk hyperfine valgrind"
# Node.js and npm: Debian's packages, unless a node and npm are already on
# PATH (a machine with NodeSource's nodejs, which ships its own npm, must not
# be given Debian's npm: the two conflict).
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "deps.sh: missing Debian packages:$missing" >&2
        echo "deps.sh: run as root, or: sudo apt-get install$missing" >&2
        exit 1
    fi
    echo "deps.sh: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm packages: the page's browser tests (playwright-core) and the peers that
# make eval and make bench compare against. Installed from package-lock.json.
if [ -f package.json ]; then
    stamp=node_modules/.tact-stamp
    if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
        echo "deps.sh: installing npm packages" >&2
        if [ -f package-lock.json ]; then
            npm ci --no-audit --no-fund --loglevel=error >&2
        else
            npm install --no-audit --no-fund --loglevel=error >&2
        fi
        touch "$stamp"
    fi
fi
