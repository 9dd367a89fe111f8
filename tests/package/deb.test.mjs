// The Debian package scripts/package.sh makes: what it holds (the binary, a desktop entry that
// opens folders, icons at every size), what it depends on, and that the binary from the unpacked
// package runs. Checks the newest .deb under target/ (or BOKSEUP_DEB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratch } from '../scratch.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

function newestDeb() {
  if (process.env.BOKSEUP_DEB) return process.env.BOKSEUP_DEB;
  const found = ['debug', 'release']
    .map((mode) => join(ROOT, 'target', mode, 'bundle/deb'))
    .filter(existsSync)
    .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.deb')).map((f) => join(dir, f)));
  assert.ok(found.length, 'no .deb under target/: run scripts/package.sh first');
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const deb = newestDeb();
// The binary speaks the language of LANG: pin Korean, whatever the machine's locale.
const KOREAN = { ...process.env, LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const run = (cmd, ...args) => execFileSync(cmd, args, { encoding: 'utf8', env: KOREAN });

test('the package holds the binary, the desktop entry and icons at every size', () => {
  const files = run('dpkg-deb', '-c', deb).split('\n').map((l) => l.split(/\s+/).at(-1)).filter(Boolean);
  const has = (path) => files.some((f) => f.replace(/^\.\//, '') === path);
  assert.ok(has('usr/bin/bokseup'), `the command: ${files.join('\n')}`);
  assert.ok(has('usr/bin/bokseup-app'), 'the app');
  assert.ok(has('usr/share/applications/Bokseup.desktop'));
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    assert.ok(has(`usr/share/icons/hicolor/${size}x${size}/apps/bokseup-app.png`), `icon ${size}x${size}`);
  }
  console.log(`deb: ${(statSync(deb).size / 1048576).toFixed(1)} MiB, ${deb}`);
});

test('its control file declares the runtime dependencies, the tray library among them', () => {
  const depends = run('dpkg-deb', '-f', deb, 'Depends').trim().split(/,\s*/);
  for (const dep of ['libwebkit2gtk-4.1-0', 'libgtk-3-0', 'libayatana-appindicator3-1']) assert.ok(depends.includes(dep), `${dep} in ${depends}`);
  assert.equal(new Set(depends).size, depends.length, 'no dependency twice');
  assert.equal(run('dpkg-deb', '-f', deb, 'Section').trim(), 'education');
});

test('the desktop entry: name, category, folders for "Open with", a review action; it validates', () => {
  const dir = scratch('bokseup-deb-');
  run('dpkg-deb', '-x', deb, dir);
  const entryPath = join(dir, 'usr/share/applications/Bokseup.desktop');
  const entry = readFileSync(entryPath, 'utf8');
  assert.match(entry, /^Name=복습 Bokseup$/m);
  assert.match(entry, /^Comment=.+$/m);
  assert.match(entry, /^Categories=Education;$/m);
  assert.match(entry, /^MimeType=inode\/directory;$/m);
  assert.match(entry, /^Exec=bokseup-app %F$/m);
  assert.match(entry, /^Icon=bokseup-app$/m);
  assert.match(entry, /^Exec=bokseup-app --review$/m);
  run('desktop-file-validate', entryPath);
});

test('the command links neither WebKit nor GTK; the app does', () => {
  const dir = scratch('bokseup-deb-');
  run('dpkg-deb', '-x', deb, dir);
  const cli = run('ldd', join(dir, 'usr/bin/bokseup'));
  assert.doesNotMatch(cli, /webkit|gtk|gdk|glib|soup/i, cli);
  assert.match(run('ldd', join(dir, 'usr/bin/bokseup-app')), /libwebkit2gtk-4\.1/);
  console.log(`command: ${(statSync(join(dir, 'usr/bin/bokseup')).size / 1048576).toFixed(1)} MiB, app: ${(statSync(join(dir, 'usr/bin/bokseup-app')).size / 1048576).toFixed(1)} MiB`);
});

test('the binary from the unpacked package runs', () => {
  const dir = scratch('bokseup-deb-');
  run('dpkg-deb', '-x', deb, dir);
  const bin = join(dir, 'usr/bin/bokseup');
  const help = run(bin, '--help');
  assert.match(help, /bokseup due VAULT/);
  assert.match(help, /bokseup ics VAULT/);
  const demo = join(dir, 'demo');
  run(bin, 'demo', demo, '--today', '2026-11-29');
  assert.match(run(bin, 'due', demo, '--today', '2026-11-29'), /밀린 복습 3개, 오늘 4개/);
  console.log(`binary: ${(statSync(bin).size / 1048576).toFixed(1)} MiB`);
});
