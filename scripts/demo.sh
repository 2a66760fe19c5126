#!/usr/bin/env bash
# The demo in one command: installs what is missing (scripts/setup.sh), builds the
# package (into pkg/, or $GHSEAL_PKG), then starts the GitHub secrets emulator and
# serves www/ on 127.0.0.1, printing the URL. Stops with Ctrl-C.
#   bash scripts/demo.sh [--port 8080] [--emulator-port 8787]   (0 = any free port)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export GHSEAL_PKG="${GHSEAL_PKG:-pkg}"
node scripts/build.mjs --out "$GHSEAL_PKG"
exec node scripts/serve-demo.mjs "$@"
