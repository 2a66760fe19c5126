#!/usr/bin/env bash
# Installs what the build, demo and tests need on a fresh machine that has only the
# Rust toolchain and Node: the wasm target, wasm-bindgen-cli pinned to the crate's
# wasm-bindgen version, the npm packages from the lockfile (miniflare brings
# workerd), with --browser Debian's chromium + chromium-driver, and with --runtimes
# Debian's firefox-esr and Deno (PyPI's `deno` wheel, pinned, into target/deno).
# Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_runtimes=0
for arg in "$@"; do
  [ "$arg" = "--browser" ] && want_browser=1
  [ "$arg" = "--runtimes" ] && want_runtimes=1
done

# Debian packages, through sudo unless root.
apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

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
  apt_install chromium chromium-driver
fi

# --runtimes: what tests/runtimes/ needs beyond npm (miniflare/workerd and
# puppeteer-core come from the lockfile).
DENO_VERSION=2.9.8
if [ "$want_runtimes" = 1 ] && [ ! -x /usr/bin/firefox-esr ]; then
  echo "setup: installing Debian firefox-esr for the Firefox tests"
  apt_install firefox-esr
fi
if [ "$want_runtimes" = 1 ] && ! target/deno/bin/deno --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  echo "setup: installing Deno $DENO_VERSION (PyPI wheel) into target/deno"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    apt_install python3-pip
  fi
  rm -rf target/deno
  # --target leaves every Python environment alone (so PEP 668 does not apply).
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target target/deno "deno==$DENO_VERSION"
fi
