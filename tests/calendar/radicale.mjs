// A real CalDAV server for the tests: Radicale (installed by scripts/setup.sh into
// target/tools/radicale), started on a free port of 127.0.0.1 with a plain password file.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, resolve } from 'node:path';
import { scratch } from '../scratch.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const PYTHON = join(ROOT, 'target/tools/radicale/bin/python');

const freePort = () => new Promise((done) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); });
});
const listening = (port) => new Promise((done) => {
  const c = connect(port, '127.0.0.1', () => { c.end(); done(true); }).on('error', () => done(false));
});

/**
 * Starts Radicale with one account; resolves to { url (its "bokseup" calendar), root, held(),
 * stop() }. `held()` reads the events Radicale keeps on disk (file name → text), not through HTTP.
 */
export async function radicale(user, password) {
  const work = scratch('bokseup-radicale-');
  writeFileSync(join(work, 'users'), `${user}:${password}\n`);
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'radicale', '--server-hosts', `127.0.0.1:${port}`,
    '--storage-filesystem-folder', join(work, 'store'), '--auth-type', 'htpasswd',
    '--auth-htpasswd-filename', join(work, 'users'), '--auth-htpasswd-encryption', 'plain'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 400 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  const calendar = join(work, 'store/collection-root', user, 'bokseup');
  return {
    root: `http://127.0.0.1:${port}/`,
    url: `http://127.0.0.1:${port}/${user}/bokseup/`,
    held: () => {
      let files = [];
      try { files = readdirSync(calendar).filter((f) => f.endsWith('.ics')); } catch { /* not made yet */ }
      return Object.fromEntries(files.map((f) => [f, readFileSync(join(calendar, f), 'utf8')]));
    },
    stop: () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } },
  };
}
