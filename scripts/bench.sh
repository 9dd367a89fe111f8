#!/usr/bin/env bash
# Benchmarks Bokseup's vault scan against the bench kit's peers (../shared/bench): the raw-read
# floor, naive Rust serde_yaml, js-yaml and PyYAML, interleaved in the same run so that the
# `x floor` ratios hold on a noisy machine. The app runs as `bokseup scan VAULT --counts`, the
# full scan the app does on open: walk, read, parse, typed notes, cue questions, schedules.
#   scripts/bench.sh                     1k and 10k notes, 5 runs, 3 cold runs
#   SIZES="10000 50000" RUNS=7 scripts/bench.sh
# Results: /tmp/bokseup-bench/results/table.md
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
kit=../shared/bench
[ -d "$kit" ] || { echo "bench kit not found at $kit" >&2; exit 1; }
work=${BENCH_DIR:-/tmp/bokseup-bench}
mkdir -p "$work/results"
# The kit may be read-only: build its peers in a copy.
rsync -a --delete --exclude target --exclude node_modules "$kit/" "$work/kit/" 2>/dev/null || cp -r "$kit/." "$work/kit/"
chmod -R u+w "$work/kit"
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null; }
"$work/kit/build_peers.sh"
cargo build --release --locked --quiet
app=$(pwd)/target/release/bokseup
vaults=()
for n in ${SIZES:-1000 10000}; do
  v="$work/notes-$n-seed42"
  [ -d "$v" ] || python3 "$work/kit/gen_vault.py" "$v" --notes "$n" --seed 42 --today 2024-10-27 >/dev/null
  vaults+=("$v")
  echo "bokseup on $n notes: $("$app" scan "$v" --counts) (manifest: $(python3 -c "import json,sys; e=json.load(open('$v/.bench/manifest.json'))['expected']; print(f\"files={e['md_files']} with_flags={e['with_flags']} plain={e['plain'] + e['review'] - e['with_flags']} fail={e['fail']}\")"))"
done
sync
python3 "$work/kit/bench.py" --runs "${RUNS:-5}" --cold-runs "${COLD_RUNS:-3}" \
  --peer "bokseup=$app scan {vault} --counts" --json "$work/results/results.json" "${vaults[@]}" \
  | tee "$work/results/table.md"
