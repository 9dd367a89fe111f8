// Vaults for the UI tests in Chromium, made by the engine (`bokseup-bench fixture`,
// crates/bench/src/fixture.rs): notes across subjects (one with a 200-character name, one with an
// emoji, some with none), every stage and status, two weeks of reviews played through the
// engine's Session, and what the window would be shown on `today` (overview, rendered notes, note
// pages, the calendar's days and lists, statistics). Nothing here works out a schedule: the
// in-memory backend answers what the engine said. Deterministic: the same arguments give the
// same vault.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const LONG_SUBJECT = '아주 긴 과목 이름 '.repeat(20).trim().slice(0, 200);

/**
 * A vault of `n` notes on `today`, shown as if it lived at `path` (the engine names it after the
 * folder, the last part of `path`); `demo` takes the bundled demo vault instead, `plain` makes
 * every note a plain one (a vault that has not taken up the template); `settings` are changed by
 * their command-line names first (`{ 'easy-days': 'sat=light,sun=free' }`).
 */
export function makeVault({ n = 60, today = '2026-11-28', path = '/home/me/공부', demo = false, plain = false, seed = 7, settings = {} } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'bokseup-fixture-'));
  try {
    const name = path.split('/').at(-1);
    const args = ['run', '--locked', '--quiet', '-p', 'bokseup-bench', '--', 'fixture', join(out, 'made'),
      '--notes', String(n), '--seed', String(seed), '--today', today, '--name', name, ...(demo ? ['--demo'] : []), ...(plain ? ['--plain'] : []),
      ...Object.entries(settings).flatMap(([k, v]) => ['--setting', `${k}=${v}`])];
    const made = JSON.parse(execFileSync('cargo', args, { cwd: ROOT, maxBuffer: 1 << 30, encoding: 'utf8' }));
    // Where the vault lives is only shown: the screens and screenshots see the same path each run.
    if (!demo) made.overview.vault = path;
    return made;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
