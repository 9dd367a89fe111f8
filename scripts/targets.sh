#!/usr/bin/env bash
# What the app would link on macOS and Windows, checked on this Linux machine: `cargo tree` for
# those targets resolves without their standard libraries. Neither may list a GTK, GLib, GIO,
# WebKitGTK, appindicator or D-Bus crate: Tauri brings none for them, and the project's own
# Linux-only crates sit under `[target.'cfg(target_os = "linux")'.dependencies]`. The Linux tree
# must still have them (the check would otherwise pass for the wrong reason).
set -uo pipefail
cd "$(dirname "$0")/.."
forbidden='^(gtk|gtk-sys|gdk|gdk-sys|gdkx11|glib|glib-sys|gio|gio-sys|gobject-sys|webkit2gtk|webkit2gtk-sys|javascriptcore-rs|soup3|libappindicator|libappindicator-sys|libayatana-appindicator|dbus|libdbus-sys|dbus-secret-service|zbus|secret-service)$'
status=0 pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "not ok - $1"; fail=$((fail + 1)); status=1; }
crates() {
  cargo tree --locked -e normal --target "$1" -p bokseup --prefix none 2>/dev/null | sed 's/ v[0-9].*//' | sort -u
}
for target in x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc; do
  found=$(crates "$target" | grep -E "$forbidden" | tr '\n' ' ')
  if [ -n "$found" ]; then
    bad "$target links Linux desktop crates: $found"
  else
    ok "$target: no GTK, GLib, GIO, WebKitGTK, appindicator or D-Bus crate"
  fi
done
linux=$(crates x86_64-unknown-linux-gnu | grep -cE '^(gio|webkit2gtk|dbus-secret-service)$')
if [ "$linux" -eq 3 ]; then
  ok "x86_64-unknown-linux-gnu still links gio, webkit2gtk and the keyring's D-Bus client"
else
  bad "the Linux tree lost its desktop crates ($linux of 3): the check above proves nothing"
fi
# The updater unpacks archives on macOS (.app.tar.gz) only: Linux's update is the AppImage itself,
# so the Linux app links no tar crate (part of the binary's size goal), and macOS still does.
if crates x86_64-unknown-linux-gnu | grep -qx tar; then
  bad "the Linux app links the updater's archive crates (tar): its update is the AppImage itself"
elif ! crates aarch64-apple-darwin | grep -qx tar; then
  bad "the macOS app lost the updater's archive crates: its update is an .app.tar.gz"
else
  ok "the updater's archive crates are linked on macOS, not on Linux"
fi
# The engine and the command line have no platform-specific dependencies at all.
for package in bokseup-core bokseup-cli; do
  if grep -q "^\[target\." "crates/${package#bokseup-}/Cargo.toml"; then
    bad "$package declares target-specific dependencies"
  else
    ok "$package: the same dependencies on every OS"
  fi
done
echo "# pass $pass"
echo "# fail $fail"
exit $status
