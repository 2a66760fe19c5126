#!/usr/bin/env bash
# Runs every cargo-fuzz (libFuzzer) target of fuzz/ for a bounded time each.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET=600] [TARGET...]
# Needs the nightly toolchain (rustup toolchain install nightly) and cargo-fuzz
# (installed here if missing). New corpus entries go to fuzz/corpus/ (git-ignored
# except the committed seeds in fuzz/seeds/); crashes to fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"; shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t for ${seconds}s"
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$seconds" -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|SUMMARY|panicked|ERROR" || true
  test ! -d "artifacts/$t" || [ -z "$(ls -A "artifacts/$t" 2>/dev/null)" ] || { echo "crash in $t: see fuzz/artifacts/$t"; exit 1; }
done
