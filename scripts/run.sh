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
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
  "$0" "$@" & app=$!
  shot=target/bokseup-screen.png
  # The window maps before its page paints: wait until the screen holds a drawn page (many
  # colours, not a blank), then give the first screen a moment to settle.
  for i in $(seq 1 120); do
    if import -window root "$shot" 2>/dev/null && [ "$(identify -format %k "$shot" 2>/dev/null || echo 0)" -gt 200 ]; then
      sleep 1.5 && import -window root "$shot" && echo "Screenshot: $shot"
      break
    fi
    sleep 0.5
  done
  [ -s "$shot" ] || echo "No screenshot: the window did not paint within a minute"
  wait $app' "$app" "$@"
