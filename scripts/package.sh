#!/usr/bin/env bash
# Makes Bokseup's Debian package: the app (`bokseup-app`) and the command (`bokseup`), a desktop entry (복습 Bokseup, Education, opens
# folders: "Open with" on a vault folder works), icons at every size, and the runtime dependencies
# (WebKitGTK, GTK, libayatana-appindicator for the tray). Then tries an AppImage, which the Tauri
# CLI can only build where it can download its AppImage tools.
#   scripts/package.sh            release build → target/release/bundle/deb/Bokseup_*.deb
#   scripts/package.sh --debug    debug build, quicker (what the tests check)
# Install: sudo apt install ./target/release/bundle/deb/Bokseup_0.1.0_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --run
mode=release flags=()
if [ "${1:-}" = "--debug" ]; then mode=debug flags=(--debug); fi
# The `bokseup` command (crates/cli, no WebKit) goes in beside the app's binary, `bokseup-app`.
if [ "$mode" = release ]; then cargo build --locked --release -p bokseup-cli; else cargo build --locked -p bokseup-cli; fi
# The Tauri CLI works on the app's package, src-tauri/ (its tauri.conf.json links to the top-level
# one, whose paths are written from there); the page is built at the top.
export TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=.
cli_files="{\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/bokseup\":\"../target/$mode/bokseup\"}}}}}"
npx tauri build "${flags[@]}" --bundles deb --ci --config "$cli_files"
deb=$(ls -t target/$mode/bundle/deb/*.deb | head -n 1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
if [ "$mode" = release ]; then
  if npx tauri build --bundles appimage --ci >/tmp/bokseup-appimage.log 2>&1; then
    echo "package: $(ls -t target/release/bundle/appimage/*.AppImage | head -n 1)"
  else
    echo "package: no AppImage here: the Tauri CLI downloads its AppImage tools, and this machine cannot reach them ($(grep -m1 -o 'failed to bundle project.*' /tmp/bokseup-appimage.log || tail -n 1 /tmp/bokseup-appimage.log))"
  fi
fi
