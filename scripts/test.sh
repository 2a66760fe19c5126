#!/usr/bin/env bash
# The whole test suite (the README's test command). Installs what it needs first.
#   0. clippy on the library (the lints against panics are set in src/lib.rs)
#   1. Rust unit + host tests (sealed-box core, endpoint table, client over a fake transport)
#   2. the package build into pkg/
#   3. wasm-bindgen tests in Node and in headless Chromium, against the emulator
#   4. Node tests: libsodium interop, errors, package entries (Node ESM/CJS, browser,
#      Vite), emulator vs OpenAPI, client vs OpenAPI and emulator, CLI, demo page
#      and other runtimes: Deno, Cloudflare workerd (Miniflare), Firefox ESR (tests/runtimes/)
set -euo pipefail
cd "$(dirname "$0")/.."
export GHSEAL_PKG="${GHSEAL_PKG:-pkg}"

bash scripts/setup.sh --browser --runtimes

echo "== check-size (no hand-written source file over 400 lines; ARCHITECTURE.md)"
node scripts/check-size.mjs

echo "== cargo clippy (no unwrap/expect/indexing/panic outside tests, host and wasm32)"
cargo clippy --lib --target-dir target/clippy -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --target-dir target/clippy -- -D warnings
# The feature sets scripts/build.mjs builds: the default entries' front wasm,
# client-wasm/, ghseal/seal, sync-wasm/ (and seal-api,client, the wasm before the split).
for features in seal-api,options client seal-api sync seal-api,client; do
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features "$features" --target-dir target/clippy -- -D warnings
done

echo "== cargo test (host)"
cargo test --all-targets
cargo test --no-default-features --lib

echo "== build the package into $GHSEAL_PKG"
node scripts/build.mjs --out "$GHSEAL_PKG"

echo "== wasm-bindgen tests (Node, then headless Chromium) against the emulator"
emulator_log=$(mktemp)
# The emulator's control API wants this run's token, and from a browser only the
# wasm-bindgen-test-runner page's origin (its address pinned to a free port).
GHSEAL_EMULATOR_CONTROL_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')
export GHSEAL_EMULATOR_CONTROL_TOKEN
WASM_BINDGEN_TEST_ADDRESS=127.0.0.1:$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export WASM_BINDGEN_TEST_ADDRESS
node tests/emulator/cli.mjs --port 0 --control-origin "http://$WASM_BINDGEN_TEST_ADDRESS" >"$emulator_log" 2>&1 &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true; rm -f "$emulator_log"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$emulator_log" && break; sleep 0.1; done
GHSEAL_EMULATOR_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$emulator_log" | head -n 1)
export GHSEAL_EMULATOR_URL
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test --target wasm32-unknown-unknown --test wasm --target-dir target/wasm-test
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm \
  --features browser-test --target-dir target/wasm-test
kill $emulator_pid 2>/dev/null || true

echo "== node tests (then Deno, workerd and Firefox: tests/runtimes/)"
node --test --test-timeout=300000 tests/node/*.test.mjs tests/browser/*.test.mjs tests/runtimes/*.test.mjs
