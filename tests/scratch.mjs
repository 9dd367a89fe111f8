// Temporary folders for the Node tests, removed when the test file's process exits (node --test
// runs each file in its own): a vault copied for a test, a home, a package unpacked. Left
// behind, the end-to-end runs' copies of 10,000-note vaults filled a developer's /tmp by the
// gigabyte.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = [];

/** Removes every folder made, at exit. */
function removeAll() {
  for (const dir of made) {
    try { rmSync(dir, { recursive: true, force: true, maxRetries: 2 }); } catch { /* still in use */ }
  }
}

/** A new empty folder in the system's temp folder, named `prefix` and a random tail, removed at exit. */
export function scratch(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Registered at the first folder, after the e2e driver's handler (registered when it loads)
  // that kills the app's processes: an app still writing into a folder would keep it there.
  if (made.push(dir) === 1) process.on('exit', removeAll);
  return dir;
}
