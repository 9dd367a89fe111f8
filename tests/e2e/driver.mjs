// Starts the real app under tauri-driver (WebKitWebDriver) for end-to-end tests.
// Each session gets its own data folder (so no remembered vault leaks between tests) and is
// torn down by killing tauri-driver's whole process group: a stuck app must not hang the runner.
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { Builder, By, until } from 'selenium-webdriver';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = process.env.BOKSEUP_BIN ?? join(ROOT, 'target/debug/bokseup');
export const ARTIFACTS = join(ROOT, 'tests/e2e/.artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** A fresh copy of a fixture vault in a temp folder, so tests never touch the committed files. */
export function copyFixture(name) {
  const dir = mkdtempSync(join(tmpdir(), 'bokseup-vault-'));
  const vault = join(dir, name);
  cpSync(join(ROOT, 'tests/fixtures', name), vault, { recursive: true });
  return vault;
}

async function freePort() {
  return new Promise((res) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((res) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), res(true)));
      s.on('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** Launches the app with `args`; returns { driver, stop, home }. */
export async function launch(args, { home } = {}) {
  home ??= mkdtempSync(join(tmpdir(), 'bokseup-home-'));
  const port = await freePort();
  const nativePort = await freePort();
  const env = { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') };
  const tauriDriver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, 15000);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: BIN, args } })
    .build();
  const stop = async () => {
    try { await driver.quit(); } catch { /* the app may already be gone */ }
    try { process.kill(-tauriDriver.pid, 'SIGKILL'); } catch { /* already exited */ }
  };
  return { driver, stop, home };
}

export async function text(driver, css) {
  const el = await driver.wait(until.elementLocated(By.css(css)), 20000);
  return (await el.getText()).trim();
}

export async function all(driver, css) {
  return driver.findElements(By.css(css));
}

export { By, until };
