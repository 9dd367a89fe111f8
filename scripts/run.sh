#!/usr/bin/env bash
# Builds and starts Bokseup. Without arguments it opens the vault you opened last, or the
# bundled demo vault the first time; `scripts/run.sh ~/Obsidian/공부` opens that folder, and
# `--today YYYY-MM-DD` pins the date. With no display (a server, a container), it runs on a
# virtual screen and saves a screenshot to target/bokseup-screen.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --run
npm run --silent build
cargo build --locked --quiet
app=target/debug/bokseup
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
echo "No display here: running Bokseup on a virtual screen (Xvfb). Press Ctrl+C to stop."
export BOKSEUP_READY_FILE="$PWD/target/bokseup-ready"
rm -f "$BOKSEUP_READY_FILE"
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
  "$0" "$@" & app=$!
  shot=target/bokseup-screen.png
  # The app says when its first screen is painted with the vault loaded (not a frame of
  # "Reading the vault…"): wait for that, then take the picture.
  for i in $(seq 1 120); do
    if [ -s "$BOKSEUP_READY_FILE" ]; then
      sleep 0.3 && import -window root "$shot" && echo "Screenshot: $shot (first screen in $(head -1 "$BOKSEUP_READY_FILE") ms)"
      break
    fi
    kill -0 $app 2>/dev/null || break
    sleep 0.5
  done
  [ -s "$shot" ] || echo "No screenshot: the first screen did not show within a minute"
  wait $app' "$app" "$@"
