#!/usr/bin/env bash
# Runs every check and test of Bokseup, installing what they need first (scripts/setup.sh):
# Rust format and lint, what macOS and Windows would link, the engine's tests, the shell on Tauri's mock runtime, a crash loop and a
# race loop of real `bokseup review` processes, a short run of each fuzz target, the IPC types'
# freshness, the UI's type check and
# unit tests, the scan's conformance with the bench kit's manifests, the calendar file read back
# by an independent parser, the UI in headless Chromium, the real app end to end under Xvfb
# through tauri-driver (with doubles of the notification daemon and the tray host on private
# session buses, and a real drag and drop), and the Debian package.
# Ends with one line: "all: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" NO_COLOR=1 FORCE_COLOR=0 CARGO_TERM_COLOR=never

scripts/setup.sh || { echo "setup failed"; exit 1; }

logs=$(mktemp -d)
passed=0 failed=0 broken_steps=() timings=("$SECONDS s  setup")

# step NAME COMMAND...: runs one step, keeps its output, and adds its test counts.
step() {
  local name=$1; shift
  local started=$SECONDS
  echo "== $name"
  local log="$logs/$(echo "$name" | tr ' /' '__').log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  # Counts from cargo test ("test result: ok. N passed; M failed"), Vitest ("Tests  M failed | N passed")
  # and node --test ("# pass N", "# fail M").
  read -r p f < <(awk '
    /test result: / || /^ +Tests +[0-9]/ { for (i = 2; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
    /^# pass / { p += $3 } /^# fail / { f += $3 }
    END { print p + 0, f + 0 }' "$log")
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
  timings+=("$((SECONDS - started)) s  $name")
  if [ "$rc" -ne 0 ]; then
    broken_steps+=("$name")
    [ "${f:-0}" -gt 0 ] || failed=$((failed + 1))
  fi
}

# The generated IPC surface: the types (ts-rs, written by the engine's tests) and the commands,
# events and capability (written by src-tauri/build.rs from commands.rs and event.rs).
bindings_fresh() {
  local changed
  changed=$(git status --porcelain -- ui/src/bindings ui/src/lib/commands.ts src-tauri/capabilities)
  if [ -n "$changed" ]; then
    echo "the generated IPC surface is stale: regenerate with 'cargo test -p bokseup-core' and 'cargo build', and commit:"
    echo "$changed"
    return 1
  fi
  echo "ui/src/bindings, ui/src/lib/commands.ts and the capability match the Rust declarations"
}

# Clippy lints the workspace's crates while they are built for the tests (a separate
# `cargo clippy` would type-check every dependency once more: 10 of CI's 30 minutes from a clean
# checkout). clippy-driver is rustc with the lints added; cargo runs it for the workspace's own
# crates only, so the dependencies are built once, and a lint warning fails the build that meets it.
export RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

# Proves the lints are armed: clippy-driver, as the builds below call it, refuses a known lint.
lint_armed() {
  local dir
  dir=$(mktemp -d)
  printf 'fn main() {\n    let v: Vec<u8> = Vec::new();\n    println!("{}", v.len() == 0);\n}\n' >"$dir/canary.rs"
  if "$RUSTC_WORKSPACE_WRAPPER" rustc --edition 2021 --crate-type bin -o "$dir/canary" "$dir/canary.rs" >"$dir/log" 2>&1; then
    echo "clippy-driver let a lint warning through: the workspace's builds would not be linted"
    cat "$dir/log"; rm -rf "$dir"; return 1
  fi
  grep -q 'clippy::len-zero' "$dir/log" || { echo "clippy-driver failed for another reason:"; cat "$dir/log"; rm -rf "$dir"; return 1; }
  rm -rf "$dir"
  echo "clippy is armed (-D warnings): the engine, command, bench and app builds below are linted as they compile"
}

step "rust format" cargo fmt --all --check
step "release profile" scripts/release-profile.sh --check
step "other targets" scripts/targets.sh
step "ui build" npm run --silent build
step "rust lint" lint_armed
step "engine tests" cargo test -p bokseup-core --locked
step "command and bench tests" cargo test -p bokseup-cli -p bokseup-bench --locked
step "shell and loops" env BOKSEUP_CRASH_LOOPS=200 BOKSEUP_RACE_LOOPS=12 cargo test -p bokseup --locked -- --nocapture
step "fuzzing" env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS FUZZ_SECONDS=15 scripts/fuzz.sh
step "ipc surface" bindings_fresh
step "ui types" npx svelte-check --tsconfig ./tsconfig.json --output machine
step "ui unit tests" npx vitest run
step "release workflow" timeout 120 node --test tests/release.test.mjs
step "app build" cargo build --locked
step "conformance" python3 tests/conformance.py target/debug/bokseup
step "benchmark smoke" target/debug/bokseup-bench run --smoke
step "calendar file" timeout 120 node --test tests/calendar/
step "ui in chromium" timeout 420 node --test --test-concurrency=1 tests/ui/
step "end to end" timeout 900 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" \
  node --test --test-concurrency=1 --test-timeout=240000 tests/e2e/
step "debian package" scripts/package.sh --debug
step "package contents" timeout 120 node --test tests/package/

echo
# Where the time went, the slowest first (the test command must stay under 30 minutes).
printf '%s\n' "${timings[@]}" | sort -rn | head -8
echo "total: $SECONDS s"
if [ ${#broken_steps[@]} -gt 0 ]; then
  echo "failed steps: ${broken_steps[*]}"
fi
echo "all: $passed passed, $failed failed"
[ ${#broken_steps[@]} -eq 0 ]
