#!/usr/bin/env bash
# Installs what the build, demo and tests need on a fresh machine that has only the
# Rust toolchain and Node: the wasm target, wasm-bindgen-cli pinned to the crate's
# wasm-bindgen version, the npm packages from the lockfile and (with --browser)
# Debian's chromium + chromium-driver. Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do [ "$arg" = "--browser" ] && want_browser=1; done

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

# The CLI must match the `wasm-bindgen = "=X"` pin in Cargo.toml exactly.
wb_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  echo "setup: installing wasm-bindgen-cli $wb_version (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  echo "setup: installing Debian chromium and chromium-driver for the browser tests"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
