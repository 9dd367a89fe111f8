// Starts the real app under tauri-driver (WebKitWebDriver) for end-to-end tests.
// Each launch gets its own data folder and HOME (so no remembered vault or login entry leaks
// between tests) and its own private session bus (so one test's app never answers another's
// second launch, toast or tray), and is torn down by killing whole process groups: a stuck app
// must not hang the runner. `desktop()` runs tests/e2e/desktop.py, the desktop's side: the
// notification daemon double, the tray watcher double, closing a window, a real XDND drop.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import net from 'node:net';
import { Builder, By, until } from 'selenium-webdriver';
import { scratch } from '../scratch.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = process.env.BOKSEUP_BIN ?? join(ROOT, 'target/debug/bokseup');
export const ARTIFACTS = join(ROOT, 'tests/e2e/.artifacts');
export const WINDOW_TITLE = '복습 · Bokseup';
const DESKTOP = join(ROOT, 'tests/e2e/desktop.py');
// Debian's python has python3-gi and python3-dbusmock; a python earlier on PATH may not.
const PYTHON = '/usr/bin/python3';
mkdirSync(ARTIFACTS, { recursive: true });

/** A fresh copy of a fixture vault in a temp folder, so tests never touch the committed files. */
export function copyFixture(name) {
  const dir = scratch('bokseup-vault-');
  const vault = join(dir, name);
  cpSync(join(ROOT, 'tests/fixtures', name), vault, { recursive: true });
  return vault;
}

/** A vault with `notes` (path → frontmatter lines) in a temp folder. */
export function makeVault(name, notes) {
  const vault = join(scratch('bokseup-vault-'), name);
  for (const [path, yaml] of Object.entries(notes)) {
    mkdirSync(join(vault, path, '..'), { recursive: true });
    writeFileSync(join(vault, path), `---\n${yaml}\n---\n\n### 단서 질문\n\n- 무엇인가?\n    - 답\n`);
  }
  return vault;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Processes to kill at the end, by process group. */
const groups = new Set();
function track(child) {
  groups.add(child.pid);
  child.on('exit', () => groups.delete(child.pid));
  return child;
}
function killGroup(pid) {
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  groups.delete(pid);
}
process.on('exit', () => { for (const pid of groups) killGroup(pid); });

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
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** Waits until `check()` returns something truthy; returns it. */
export async function eventually(check, ms = 20000, what = 'condition') {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** A private session bus: { address, env, stop }. */
export async function privateBus() {
  // Its socket in a folder of its own, removed at exit: killed, the daemon leaves it behind.
  const socket = `--address=unix:dir=${scratch('bokseup-bus-')}`;
  const daemon = track(spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', socket], {
    detached: true, stdio: ['ignore', 'pipe', 'ignore'],
  }));
  const address = await new Promise((res, rej) => {
    createInterface({ input: daemon.stdout }).once('line', res);
    daemon.once('exit', () => rej(new Error('dbus-daemon exited')));
  });
  return { address, env: { DBUS_SESSION_BUS_ADDRESS: address.trim() }, stop: () => killGroup(daemon.pid) };
}

/** Runs a desktop.py subcommand on `bus`; returns its standard output. */
export function desktop(bus, ...args) {
  return execFileSync(PYTHON, [DESKTOP, ...args], {
    env: { ...process.env, ...bus.env }, encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The notification daemon double (python3-dbusmock) on `bus`; resolves once it answers. */
export async function notificationDaemon(bus) {
  const mock = track(spawn(PYTHON, ['-m', 'dbusmock', '--session', '-t', 'notification_daemon', '-p', '{"capabilities": "body actions"}'], {
    detached: true, stdio: 'ignore', env: { ...process.env, ...bus.env },
  }));
  await eventually(() => Array.isArray(JSON.parse(desktop(bus, 'notify-calls'))), 15000, 'the notification daemon double');
  return {
    /** Every Notify call so far: { title, body, actions: [{ id, label }] }; the n-th has server id n. */
    calls: () => JSON.parse(desktop(bus, 'notify-calls')),
    /** The user clicks toast `id` ("default") or one of its buttons. */
    act: (id, action) => desktop(bus, 'notify-act', String(id), action),
    stop: () => killGroup(mock.pid),
  };
}

/** A dock's ear on `bus`: every Unity LauncherEntry Update signal, as { uri, count, visible }. */
export async function launcherSignals(bus) {
  const ear = track(spawn(PYTHON, [DESKTOP, 'launcher-signals'], { detached: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...bus.env } }));
  const heard = [];
  let ready;
  const listening = new Promise((r) => (ready = r));
  createInterface({ input: ear.stdout }).on('line', (line) => {
    const value = JSON.parse(line);
    if (value.listening) ready(); else heard.push(value);
  });
  await listening;
  return { heard, stop: () => killGroup(ear.pid) };
}

/** A file manager double (FileManager1 on python3-dbusmock) on `bus`; `calls()` lists the URI
 * lists it was asked to show. */
export async function fileManager(bus) {
  const mock = track(spawn(PYTHON, ['-m', 'dbusmock', '--session', 'org.freedesktop.FileManager1', '/org/freedesktop/FileManager1',
    'org.freedesktop.FileManager1'], { detached: true, stdio: 'ignore', env: { ...process.env, ...bus.env } }));
  await eventually(() => (desktop(bus, 'file-manager-setup'), true), 15000, 'the file manager double');
  return { calls: () => JSON.parse(desktop(bus, 'file-manager-calls')), stop: () => killGroup(mock.pid) };
}

/** The StatusNotifierWatcher double on `bus`: `next()` reads its next JSON line, `send()` a command. */
export async function trayWatcher(bus) {
  const watcher = track(spawn(PYTHON, [DESKTOP, 'tray-watcher'], {
    detached: true, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...bus.env },
  }));
  const lines = [];
  const waiting = [];
  createInterface({ input: watcher.stdout }).on('line', (line) => {
    const value = JSON.parse(line);
    const w = waiting.shift();
    if (w) w(value); else lines.push(value);
  });
  const next = (ms = 20000) => new Promise((res, rej) => {
    if (lines.length) return res(lines.shift());
    const timer = setTimeout(() => rej(new Error('the tray watcher said nothing')), ms);
    waiting.push((v) => (clearTimeout(timer), res(v)));
  });
  const first = await next();
  if (!first.watching) throw new Error(`tray watcher: ${JSON.stringify(first)}`);
  return {
    next,
    send: async (command) => (watcher.stdin.write(`${command}\n`), next()),
    stop: () => killGroup(watcher.pid),
  };
}

/**
 * Launches the app (or a `binary` that execs it) with `args` under WebDriver; returns
 * { driver, stop, home, bus }. Without a `bus`, the launch gets a private one of its own; `env`
 * adds to the app's environment.
 */
export async function launch(args, { home, bus, binary = BIN, env: more = {} } = {}) {
  home ??= scratch('bokseup-home-');
  const ownBus = !bus;
  bus ??= await privateBus();
  const port = await freePort();
  const nativePort = await freePort();
  // Composited painting under WebDriver: without a GPU the app paints straight (see
  // window::choose_painting), and there WebKitWebDriver's screenshot after one of its own key
  // presses never returns. painting.test.mjs drives the straight painting with real keys.
  const env = { ...process.env, ...appEnv(home), ...bus.env, WEBKIT_DISABLE_COMPOSITING_MODE: '0', ...more };
  const tauriDriver = track(spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
  }));
  await waitForPort(port, 15000);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: binary, args } })
    .build();
  // A launch that outlives any test has hung: its stacks go to the log, and killing it fails
  // the waiting test instead of the whole run's time limit.
  const watchdog = setTimeout(() => {
    process.stderr.write(`bokseup ${args.join(' ')}: still running after ${HUNG_MS / 1000} s, killed\n`);
    stacks(tauriDriver.pid);
    killGroup(tauriDriver.pid);
  }, HUNG_MS).unref();
  const stop = async () => {
    clearTimeout(watchdog);
    try { await driver.quit(); } catch { /* the app may already be gone */ }
    killGroup(tauriDriver.pid);
    if (ownBus) bus.stop();
  };
  return { driver, stop, home, bus };
}

/** Longer than any test's launch takes (the longest take under a minute on a loaded machine). */
const HUNG_MS = 150000;

/** Writes the stack of every thread of the app processes in process group `group` (gdb). */
function stacks(group) {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,comm='], { encoding: 'utf8' });
  for (const [pid, pgid, comm] of table.split('\n').map((l) => l.trim().split(/\s+/))) {
    if (Number(pgid) !== group || !comm?.startsWith('bokseup')) continue;
    try {
      const bt = execFileSync('gdb', ['-p', pid, '-batch', '-ex', 'thread apply all bt 40'], {
        encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'],
      });
      process.stderr.write(`stacks of ${comm} (${pid}):\n${bt}\n`);
    } catch (e) {
      process.stderr.write(`no stacks of ${comm} (${pid}): ${e.message}\n`);
    }
  }
}

/**
 * The app's data, config and home folders inside `home`, and a Korean locale: the app speaks the
 * system's language until the user picks one, and the tests read its Korean labels (the English
 * ones are tested by switching the setting).
 */
export function appEnv(home) {
  return {
    HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'),
    LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '',
  };
}

/** Starts the app without WebDriver (a second launch, a login launch); resolves to the child process. */
export function runApp(args, { home, bus, env = {} }) {
  return track(spawn(BIN, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...appEnv(home), ...bus.env, ...env } }));
}

/** Resolves to the exit code of `child`, or rejects after `ms`. */
export function exited(child, ms = 20000) {
  return new Promise((res, rej) => {
    if (child.exitCode !== null) return res(child.exitCode);
    const timer = setTimeout(() => rej(new Error('the process did not exit')), ms);
    child.once('exit', (code) => (clearTimeout(timer), res(code)));
  });
}

/**
 * The text of the first element matching `css` as rendered: innerText, and nothing for a box not
 * on screen.
 * Not WebDriver's getText, whose visibility guess reads a box that clips its own text with an
 * ellipsis as empty in WebKitWebDriver.
 */
export async function text(driver, css) {
  return textOf(driver, await driver.wait(until.elementLocated(By.css(css)), 20000));
}

/** The rendered text of an element, as `text` reads it. */
export async function textOf(driver, el) {
  const shown = 'const e = arguments[0]; return e.getClientRects().length && getComputedStyle(e).visibility !== "hidden" ? e.innerText : ""';
  return (await driver.executeScript(shown, el)).trim();
}

export async function all(driver, css) {
  return driver.findElements(By.css(css));
}

export async function shot(driver, name) {
  // Two frames, so what is on screen has been painted.
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))');
  writeFileSync(join(ARTIFACTS, name), await driver.takeScreenshot(), 'base64');
}

export { By, until };
