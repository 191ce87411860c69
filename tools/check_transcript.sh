#!/bin/sh
# check_transcript.sh PROGRAM EXPECTED: runs PROGRAM twice; both runs must
# print the same transcript (determinism), equal to the EXPECTED file.
# KUBESIM_UPDATE_TRANSCRIPTS=1 rewrites EXPECTED instead. KUBESIM_RUNNER, when
# set, is the command that runs PROGRAM (node for the WebAssembly build).
set -eu
prog=$1
expected=$2
runner=${KUBESIM_RUNNER:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$runner "$prog" >"$tmp/first"
$runner "$prog" >"$tmp/second"
if ! cmp -s "$tmp/first" "$tmp/second"; then
    echo "the two runs differ (nondeterminism):"
    diff "$tmp/first" "$tmp/second" || true
    exit 1
fi
if [ "${KUBESIM_UPDATE_TRANSCRIPTS:-}" = 1 ]; then
    cp "$tmp/first" "$expected"
    exit 0
fi
if ! diff -u "$expected" "$tmp/first"; then
    echo "transcript differs from $expected"
    exit 1
fi
