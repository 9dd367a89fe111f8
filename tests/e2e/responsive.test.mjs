// The real app on a generated 10,000-note vault: the window answers a WebDriver script within
// 100 ms of its answer with nothing running while the backend rescans the vault (commands run
// off the main thread), a long scan
// shows how many notes are read of how many, and the time
// from launch to the due list painted is printed for a cold and a warm index (debug build: the
// figures of the release build come from scripts/bench.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT, BIN, By, until, shot, text, eventually } from './driver.mjs';
import { scratch } from '../scratch.mjs';

const BENCH = join(ROOT, 'target/debug/bokseup-bench');

async function painted(driver, since) {
  await driver.wait(until.elementLocated(By.css('[data-testid="headline"]')), 60000);
  await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))');
  return Date.now() - since;
}

test('10,000 notes: the window answers within 100 ms during a rescan; launch to the due list painted', async (t) => {
  const vault = join(scratch('bokseup-big-'), '큰 볼트');
  execFileSync(BENCH, ['gen', vault, '--notes', '10000', '--seed', '5', '--today', '2024-10-27']);
  await new Promise((r) => setTimeout(r, 2500)); // older than the index's settling time
  const home = scratch('bokseup-home-');

  let started = Date.now();
  const cold = await launch([vault, '--today', '2024-10-27', '--time', '10:00'], { home });
  const coldMs = await painted(cold.driver, started);
  await cold.stop();
  started = Date.now();
  const app = await launch([vault, '--today', '2024-10-27', '--time', '10:00'], { home });
  t.after(app.stop);
  const { driver } = app;
  const warmMs = await painted(driver, started);
  const cards = await driver.executeScript('return document.querySelectorAll(\'[data-testid="note-card"]\').length');
  assert.ok(cards <= 300, `${cards} cards rendered: only the first of each group`);

  // The launch's own after-work settles first: in the second after the first paint the page can
  // pause for 100 to 200 ms once (seen with a rescan started at once, never 3 s later; most
  // likely the page's engine collecting the launch's garbage), a launch matter still open in
  // issue 17. What follows measures the rescan alone.
  await new Promise((r) => setTimeout(r, 2000));
  // A rescan (as when the window comes back to the front), and the page answering meanwhile.
  const answers = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const times = [];
    let scanning = true;
    const scan = window.__TAURI_INTERNALS__.invoke('overview').finally(() => { scanning = false; });
    (async () => {
      while (scanning) {
        const t0 = performance.now();
        await new Promise((r) => setTimeout(r, 0));
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
      await scan;
      done(times);
    })();`);
  // And WebDriver itself, round trips during a second rescan, against round trips with nothing
  // running measured just before: a loaded machine slows both, a window blocked by the scan
  // (hundreds of milliseconds in a debug build) only the second.
  const roundTrip = async () => {
    const t0 = Date.now();
    await driver.executeScript('return 1');
    return Date.now() - t0;
  };
  const idle = [];
  for (let i = 0; i < 5; i++) idle.push(await roundTrip());
  const trips = [];
  const scan = driver.executeScript('window.__scan = window.__TAURI_INTERNALS__.invoke("overview")');
  await scan;
  for (let i = 0; i < 5; i++) trips.push(await roundTrip());
  await driver.executeAsyncScript('const done = arguments[0]; window.__scan.then(() => done(), () => done())');
  await shot(driver, 'big-vault.png');

  // Another program marks the first of today's notes in long-term memory: the time until the
  // headline shows it (a MutationObserver in the page, on this process's clock).
  const due = JSON.parse(execFileSync(BIN, ['due', vault, '--today', '2024-10-27', '--json', '--data', join(home, 'cli')], { encoding: 'utf8', maxBuffer: 256 << 20 }));
  const file = due.notes.map((n) => join(vault, n.path)).find((f) => readFileSync(f, 'utf8').includes('🧠장기기억: false'));
  const before = await text(driver, '[data-testid="headline"]');
  await driver.executeScript(`
    const h = document.querySelector('[data-testid="headline"]');
    new MutationObserver(() => { window.__changedAt ??= Date.now(); }).observe(h, { childList: true, characterData: true, subtree: true });`);
  const written = Date.now();
  writeFileSync(file, readFileSync(file, 'utf8').replace(/🧠장기기억: false/, '🧠장기기억: true'));
  await eventually(async () => (await text(driver, '[data-testid="headline"]')) !== before, 20000, 'the headline to follow');
  const followed = (await driver.executeScript('return window.__changedAt')) - written;
  // Another 10,000-note vault opened (a copy: nothing of it indexed): while it is read, the page
  // shows how many notes are read of how many (polled in the page while the scan runs).
  const copy = join(scratch('bokseup-big-'), '복사본');
  cpSync(vault, copy, { recursive: true });
  const progress = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const seen = [];
    let scanning = true;
    const scan = window.__TAURI_INTERNALS__.invoke('open_vault', { path: arguments[0] }).finally(() => { scanning = false; });
    (async () => {
      while (scanning) {
        const bar = document.querySelector('[data-testid="scan-progress"]');
        if (bar && seen.at(-1) !== bar.innerText) seen.push(bar.innerText);
        await new Promise((r) => setTimeout(r, 30));
      }
      await scan;
      done(seen);
    })();`, copy);
  const counts = progress.map((p) => p.match(/노트 ([\d,]+) \/ ([\d,]+)개/)).filter(Boolean)
    .map((m) => [Number(m[1].replaceAll(',', '')), Number(m[2].replaceAll(',', ''))]);
  assert.ok(counts.length > 0, `no progress shown while the copy was read: ${JSON.stringify(progress)}`);
  assert.ok(counts.every(([read, total]) => read <= total && total >= 10000), JSON.stringify(progress));

  console.log(`progress shown while another 10,000-note vault was read: ${progress.join(' → ')}`);
  const build = BIN.includes('/release/') ? 'release' : 'debug';
  console.log(`10,000 notes (${build} build): launch to due list painted ${coldMs} ms cold index, ${warmMs} ms warm; ${cards} cards; in-page timer delays during a rescan ${answers.map((a) => a.toFixed(0)).join(', ')} ms (the last one spans the answer's arrival); WebDriver round trips ${trips.join(', ')} ms (idle: ${idle.join(', ')} ms); a note changed by another program on screen in ${followed} ms`);
  // The last sample spans the arrival of the answer (the page parsing 10,000 notes' agenda): the
  // page's own work, not the backend's. The ones before are the page while the backend scans.
  const during = answers.slice(0, -1);
  assert.ok(during.length > 0 && Math.max(...during) < 100, `page blocked: ${answers.map((a) => a.toFixed(0)).join(', ')}`);
  assert.ok(Math.max(...trips) < 100 + Math.max(...idle), `WebDriver round trips: ${trips.join(', ')} ms (idle: ${idle.join(', ')} ms)`);
});
