#!/bin/sh
# The client-node test (meson test client-node, suite js):
#   sh tests/js/run.sh KUBESIM_BINARY DIR
# installs the pinned @kubernetes/client-node (package-lock.json) into DIR, a
# folder of the build directory (never the source tree), with `npm ci`, then
# runs client_node.mjs there against KUBESIM_BINARY. Without node 18+ or npm,
# or when the npm registry cannot be reached, it says why and exits 77, which
# meson reports as SKIP.
set -u
kubesim=$1
dir=$2
src=$(cd "$(dirname "$0")" && pwd)
case $kubesim in
    /*) ;;
    *) kubesim=$PWD/$kubesim ;;
esac

skip() {
    echo "client-node: skipped: $*"
    exit 77
}

command -v node >/dev/null 2>&1 || skip "node is not installed (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed (Debian: apt-get install npm)"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || skip "node does not run"
[ "$major" -ge 18 ] 2>/dev/null || skip "node $(node --version) is older than 18"

mkdir -p "$dir" || exit 1
# Installed once per lock file: a copy of the lock beside node_modules says
# what is installed there.
if ! cmp -s "$src/package-lock.json" "$dir/package-lock.json" ||
    [ ! -d "$dir/node_modules/@kubernetes/client-node" ]; then
    cp "$src/package.json" "$src/package-lock.json" "$dir/" || exit 1
    log=$dir/npm-ci.log
    if ! npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts --fetch-retries=1 \
        --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 --fetch-timeout=60000 >"$log" 2>&1; then
        rm -f "$dir/package-lock.json"  # install again next time
        # Only a registry that cannot be reached is a skip; any other failure
        # (a broken lock file, a bad package) fails the test.
        unreachable='ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT'
        if grep -qE "$unreachable|network request" "$log"; then
            skip "the npm registry is unreachable: $(grep -m1 -E 'npm (ERR|error)' "$log")"
        fi
        echo "client-node: npm ci failed:"
        cat "$log"
        exit 1
    fi
fi
# ES modules resolve packages from the script's own folder upwards: the script
# runs from DIR, beside node_modules.
cp "$src/client_node.mjs" "$dir/" || exit 1
exec node "$dir/client_node.mjs" "$kubesim"
