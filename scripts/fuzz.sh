#!/usr/bin/env bash
# Fuzzes the frontmatter reader, the line editor and the flat YAML fast path (fuzz/fuzz_targets) with cargo-fuzz and
# libFuzzer, from the small corpus kept in fuzz/corpus (copied: the run's findings stay out of
# the repository). A crash, a panic, a broken invariant or an input slower than its bound fails.
#   scripts/fuzz.sh                          each target 30 s (the test command sets FUZZ_SECONDS=15)
#   FUZZ_SECONDS=900 scripts/fuzz.sh         each target a quarter of an hour
#   FUZZ_KEEP=1 scripts/fuzz.sh              merge what was found into fuzz/corpus (minimized)
# The sanitized build uses nightly-only flags: the stable toolchain allows them with
# RUSTC_BOOTSTRAP=1, as this machine has no other toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" RUSTC_BOOTSTRAP=1
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in frontmatter edit flat_yaml; do
  cp -r "fuzz/corpus/$target" "$work/$target"
  log="$work/$target.log"
  if (cd fuzz && cargo fuzz run -O "$target" "$work/$target" -- \
      -max_total_time="${FUZZ_SECONDS:-30}" -timeout=2 -rss_limit_mb=4096 -max_len=300000 -print_final_stats=1) >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    echo "fuzz $target: ${runs} inputs in ${FUZZ_SECONDS:-30} s, no crash, no hang, every invariant held"
    echo "# pass 1"
  else
    echo "fuzz $target: FAILED"
    # The finding, or (a build that failed) the end of the log.
    { grep -E -A20 'panicked|ERROR|SUMMARY|Test unit written' "$log" || tail -n 30 "$log"; } | head -60
    echo "# fail 1"
    status=1
  fi
  if [ "${FUZZ_KEEP:-0}" = 1 ]; then
    (cd fuzz && cargo fuzz cmin -O "$target" "$work/$target" >/dev/null 2>&1) || true
    rm -rf "fuzz/corpus/$target" && cp -r "$work/$target" "fuzz/corpus/$target"
  fi
done
exit $status
