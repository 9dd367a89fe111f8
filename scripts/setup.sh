#!/usr/bin/env bash
# Installs what building, running and testing Bokseup needs on a Debian 12 machine: Debian
# packages, the npm packages of package-lock.json, tauri-driver and cargo-fuzz. Safe to run
# again: it only installs what is missing.
#   scripts/setup.sh          everything (build, run, test)
#   scripts/setup.sh --run    only what building and running the app needs
set -euo pipefail
cd "$(dirname "$0")/.."

# libayatana-appindicator3-dev builds the tray (and brings its runtime library).
# libdbus-1-dev: the keyring's Secret Service client (the calendar account's app password).
build_pkgs=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libdbus-1-dev
  fonts-noto-cjk fonts-noto-color-emoji xvfb xauth x11-utils imagemagick dbus-daemon dbus-bin)
# The desktop's side of the end-to-end tests: a notification daemon double (python3-dbusmock),
# a tray watcher and a drag source (python3-gi, GTK's introspection data), XTest for the drop;
# desktop-file-validate checks the package's desktop entry; python3-venv holds Radicale (a CalDAV
# server) and gnome-keyring is a real Secret Service for the calendar account's password. gdb
# writes a hung app's stacks into the end-to-end log.
test_pkgs=(webkit2gtk-driver python3 python3-gi python3-dbusmock gir1.2-gtk-3.0 libxtst6 desktop-file-utils chromium
  python3-venv gnome-keyring gdb)

pkgs=("${build_pkgs[@]}")
[ "${1:-}" = "--run" ] || pkgs+=("${test_pkgs[@]}")
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" != "--run" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! tauri-driver --help >/dev/null 2>&1; then
    echo "setup: installing tauri-driver 2.1.0"
    cargo install tauri-driver --locked --version 2.1.0 --quiet
  fi
  # Radicale, a real CalDAV server the publishing tests start (PyPI, in its own venv).
  if [ ! -x target/tools/radicale/bin/python ] || ! target/tools/radicale/bin/python -c "import radicale" 2>/dev/null; then
    echo "setup: installing Radicale 3.9.0 (a CalDAV server for the tests)"
    rm -rf target/tools/radicale
    mkdir -p target/tools
    /usr/bin/python3 -m venv target/tools/radicale
    target/tools/radicale/bin/pip install --quiet --disable-pip-version-check "radicale==3.9.0"
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "setup: installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
fi
