#!/usr/bin/env bash
# The documented bench command:
#
#   npm run bench [-- --crypto-pkg DIR] [-- --min-ms N --runs N]
#   (same as: bash scripts/bench.sh [--crypto-pkg DIR] ...)
#
# Measures, in one run: seal ops/s for ghseal, libsodium-wrappers, tweetsodium@0.0.5
# and sodium-native at 32 B and 4 KiB; gzipped size of what each ships; cold start
# (fresh process: import to first seal); `ghseal seal` as a whole process against a
# libsodium-wrappers script and `node -e ''` (bench/cli.mjs). The ghseal package measured is env
# GHSEAL_PKG (default pkg/); --crypto-pkg DIR adds a crypto-only build. Missing
# packages are built first (build output goes to stderr). Prints Markdown, starting
# with the exact command line so the README can quote it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pkg="${GHSEAL_PKG:-pkg}"
crypto=""
prev=""
for arg in "$@"; do
  case "$arg" in
    --crypto-pkg=*) crypto="${arg#--crypto-pkg=}" ;;
  esac
  if [ "$prev" = "--crypto-pkg" ]; then crypto="$arg"; fi
  prev="$arg"
done

# The command line as the user typed it (npm sets npm_lifecycle_event for `npm run`).
env_prefix=""
if [ -n "${GHSEAL_PKG:-}" ]; then env_prefix="GHSEAL_PKG=${GHSEAL_PKG} "; fi
if [ "${npm_lifecycle_event:-}" = "bench" ]; then
  invoked="${env_prefix}npm run bench${*:+ -- $*}"
else
  invoked="${env_prefix}bash scripts/bench.sh${*:+ $*}"
fi

if [ ! -f "$pkg/node.js" ] || [ ! -f "$pkg/wasm/ghseal_bg.wasm.inline.js" ]; then
  echo "building $pkg (node scripts/build.mjs --out $pkg)" >&2
  node scripts/build.mjs --out "$pkg" >&2
fi
if [ -n "$crypto" ] && { [ ! -f "$crypto/node.js" ] || [ ! -f "$crypto/wasm/ghseal_bg.wasm.inline.js" ]; }; then
  echo "building $crypto (node scripts/build.mjs --crypto-only --out $crypto)" >&2
  node scripts/build.mjs --crypto-only --out "$crypto" >&2
fi

echo "\`\$ ${invoked}\`"
echo
echo "(runs \`node bench/seal.mjs --pkg ${pkg}${*:+ $*}\`)"
echo
node bench/seal.mjs --pkg "$pkg" "$@"
echo
node bench/cli.mjs --pkg "$pkg"   # ghseal seal as a whole process vs a libsodium-wrappers script
echo
node bench/sync.mjs --pkg "$pkg"   # sync: requests and writes of a first apply and of the no-change rerun
