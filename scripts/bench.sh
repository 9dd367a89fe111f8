#!/usr/bin/env bash
# Bokseup's benchmark: builds the `bokseup` command and the bench runner in release mode, then
# prints every figure for 1,000 and 10,000 generated notes next to the floor (reading every
# note, nothing else) measured in the same run, as ratios, with their goals. Vaults are made
# by the project's own generator under target/bench/ and kept. The bench kit's peers join the
# table when ../shared/bench is there and built (../shared/bench/build_peers.sh).
#   scripts/bench.sh                     1,000 and 10,000 notes, 5 runs
#   scripts/bench.sh --runs 9 --large    more runs, and 100,000 notes too
#   scripts/bench.sh --smoke             one small vault, one run (what the test command does)
#   scripts/bench.sh --launch            the app's launch to its first painted due list, as the
#                                        app itself reports it (release app; under Xvfb here)
# The app binary's size is listed when target/release/bokseup-app exists (scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ "${1:-}" = "--launch" ]; then
  shift
  npm run --silent build
  cargo build --locked --release -p bokseup -p bokseup-bench
  run=(target/release/bokseup-bench launch --app target/release/bokseup-app "$@")
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then exec "${run[@]}"; fi
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" "${run[@]}"
fi
cargo build --locked --release -p bokseup-cli -p bokseup-bench
exec target/release/bokseup-bench run "$@"
