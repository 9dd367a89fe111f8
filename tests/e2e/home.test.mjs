// The real app, end to end: open a fixture vault, check the cards and counts shown, switch vaults
// by dropping a folder, see broken files reported, and reopen the remembered vault.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, copyFixture, makeVault, eventually, text, textOf, all, By, until, ARTIFACTS } from './driver.mjs';
import { scratch } from '../scratch.mjs';

const running = [];
after(async () => { for (const s of running) await s(); });

async function start(args, opts) {
  const app = await launch(args, opts);
  running.push(app.stop);
  return app;
}

async function countOf(driver, id) {
  return Number(await text(driver, `[data-testid="count-${id}"] .value`));
}

async function cardPaths(driver, section) {
  const cards = await all(driver, `[data-testid="${section}"] [data-testid="note-card"]`);
  return Promise.all(cards.map((c) => c.getAttribute('data-path')));
}

test('shows today\'s reviews of a vault as cards with counts', async () => {
  const vault = copyFixture('variations');
  const { driver, stop, home } = await start([vault, '--today', '2024-10-27']);
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 8개');
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'variations');
  assert.equal(await text(driver, '[data-testid="today"]'), '2024년 10월 27일 (일)');
  assert.deepEqual(
    [await countOf(driver, 'overdue'), await countOf(driver, 'due'), await countOf(driver, 'upcoming'),
     await countOf(driver, 'not_started'), await countOf(driver, 'long_term'), await countOf(driver, 'plain')],
    [5, 3, 0, 1, 1, 4],
  );
  assert.deepEqual(await cardPaths(driver, 'today-reviews'), [
    '첫날만.md', '4일후만.md', '14일후만.md', '추가 키.md', '낡은 라벨.md', '윈도우/CRLF BOM.md', '제목 두 단계.md', '제목 한 단계.md',
  ]);
  const first = await driver.findElement(By.css('[data-testid="today-reviews"] [data-testid="note-card"]'));
  assert.equal(await textOf(driver, await first.findElement(By.css('[data-testid="due"]'))), '59일 지남');
  assert.equal(await textOf(driver, await first.findElement(By.css('[data-testid="stage"]'))), '4일 복습');
  assert.equal(await textOf(driver, await first.findElement(By.css('[data-testid="percent"]'))), '20%');
  // The stale label of 낡은 라벨.md ("장기기억") is recomputed from its flags.
  const stale = await driver.findElement(By.css('[data-path="낡은 라벨.md"] [data-testid="stage"]'));
  assert.equal(await textOf(driver, stale), '4일 복습');
  assert.equal((await all(driver, '[data-testid="issues"]')).length, 0);
  writeFileSync(join(ARTIFACTS, 'home-variations.png'), await driver.takeScreenshot(), 'base64');
  await stop();

  // The vault is remembered: a launch without a folder reopens it.
  const again = await start(['--today', '2024-10-27'], { home });
  assert.equal(await text(again.driver, '[data-testid="vault-name"]'), 'variations');
  assert.equal(await text(again.driver, '[data-testid="headline"]'), '오늘 복습할 노트 8개');
  await again.stop();
});

test('first launch shows the demo vault, and a dropped folder replaces it', async () => {
  const { driver, stop } = await start(['--today', '2026-11-28']);
  await driver.wait(until.elementLocated(By.css('[data-testid="welcome"]')), 20000);
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 7개');
  assert.deepEqual([await countOf(driver, 'overdue'), await countOf(driver, 'due'), await countOf(driver, 'upcoming')], [3, 4, 4]);
  writeFileSync(join(ARTIFACTS, 'home-demo.png'), await driver.takeScreenshot(), 'base64');

  // A drop arrives as Tauri's drag-drop event; the UI opens the folder through the backend.
  const broken = copyFixture('broken');
  const emitted = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'tauri://drag-drop', payload: { paths: [${JSON.stringify(broken)}], position: { x: 10, y: 10 } } }).then(done, (e) => done(String(e)));
  `);
  assert.equal(emitted, null, 'emitting the drop event');
  await driver.wait(async () => (await text(driver, '[data-testid="vault-name"]')) === 'broken', 20000);
  assert.equal((await all(driver, '[data-testid="welcome"]')).length, 0);
  const issues = await all(driver, '[data-testid="issues"] li');
  assert.equal(issues.length, 8);
  assert.match(await textOf(driver, issues[0]), /CP949\.md[\s\S]*UTF-8/);
  writeFileSync(join(ARTIFACTS, 'home-broken.png'), await driver.takeScreenshot(), 'base64');

  // A dropped path that is not a folder is explained, and the app offers a way out.
  await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'tauri://drag-drop', payload: { paths: ['/no/such/folder'], position: { x: 10, y: 10 } } }).then(done, (e) => done(String(e)));
  `);
  assert.match(await text(driver, '[data-testid="toast"]'), /폴더를 찾을 수 없습니다: \/no\/such\/folder/);
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'broken', 'a bad drop changes nothing');
  await stop();
});

test('the lower half of the home screen: upcoming days and collapsed groups', async () => {
  const { driver, stop } = await start(['--today', '2026-11-28']);
  await driver.wait(until.elementLocated(By.css('[data-testid="upcoming"]')), 20000);
  const days = await all(driver, '[data-testid="upcoming"] .day');
  assert.deepEqual(await Promise.all(days.map((d) => textOf(driver, d))), [
    '11월 29일 (일) · 내일', '11월 30일 (월) · 모레', '12월 2일 (수) · 4일 뒤', '12월 3일 (목) · 5일 뒤',
  ]);
  await driver.findElement(By.css('[data-testid="not-started"] summary')).click();
  assert.equal(await text(driver, '[data-testid="not-started"] [data-testid="list-note"] .title'), 'IAM 정책');
  await driver.executeScript('window.scrollTo(0, document.body.scrollHeight)');
  writeFileSync(join(ARTIFACTS, 'home-demo-lower.png'), await driver.takeScreenshot(), 'base64');
  await stop();
});

test('the app says when its first screen is on with the vault loaded, and how long the launch took', async () => {
  const vault = makeVault('공부', { 'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const ready = join(scratch('bokseup-ready-'), 'ready');
  const { driver } = await start([vault, '--today', '2026-11-29', '--time', '12:00:00'], { env: { BOKSEUP_READY_FILE: ready } });
  await eventually(() => existsSync(ready), 30000, 'the first screen reported');
  // Said when the loaded screen is there, not a frame of "Reading the vault…".
  assert.equal((await driver.findElements(By.css('[data-testid="loading"]'))).length, 0);
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  const [first, phases] = readFileSync(ready, 'utf8').split('\n');
  const ms = Number(first);
  assert.ok(Number.isInteger(ms) && ms > 0 && ms < 60000, `launch to first screen: ${ms} ms`);
  // The moments of the launch, the app's and the page's, in time order and before the screen:
  // where a slow launch spent its time.
  const moments = phases.split(' ').map((p) => p.split('='));
  const at = Object.fromEntries(moments.map(([name, t]) => [name, Number(t)]));
  assert.deepEqual(Object.keys(at).sort(), ['answer', 'connected', 'drawn', 'first_screen_answered', 'first_screen_asked',
    'frame', 'page', 'painted', 'script', 'setup', 'window'], phases);
  const times = moments.map(([, t]) => t);
  assert.ok(times.every((t, i) => Number(t) <= Number(times[i + 1] ?? t)), `moments in time order: ${phases}`);
  // Each after what it waits for; the page's clock is the wall clock, the app's its own start
  // (a millisecond apart at most in rounding).
  const chain = ['setup', 'window', 'first_screen_answered', 'answer', 'drawn', 'frame', 'painted'];
  for (let i = 1; i < chain.length; i++) assert.ok(at[chain[i - 1]] <= at[chain[i]] + 1, `${chain[i - 1]} before ${chain[i]}: ${phases}`);
  assert.ok(at.page <= at.script && at.script <= at.connected && at.connected <= at.answer, phases);
  assert.ok(at.painted <= ms + 1, `painted before it was said: ${phases}, ${ms}`);
});
