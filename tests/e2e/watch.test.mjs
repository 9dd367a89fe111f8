// The file watcher in the real app: another program ticks a note's flag, adds a note, moves one
// to another folder and deletes one; each time the open screen follows without a page reload,
// and the app's own review does not come back as someone else's change. A reviewed note moved
// to another folder keeps its review history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, renameSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, makeVault, text, all, eventually, shot, By, until } from './driver.mjs';

const paths = async (driver) =>
  Promise.all((await all(driver, '[data-testid="today-reviews"] [data-testid="note-card"]')).map((c) => c.getAttribute('data-path')));

test('changes made by another program reach the open screen, without a reload', async (t) => {
  const vault = makeVault('공부', {
    'OSI 7계층.md': '⭕첫 학습날: 2026-11-25\n❤1일복습여부: true\n🧡4일복습여부: false',
    'EBS 볼륨.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
    '운영체제/페이징.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
  });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '10:00']);
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 3개');
  await driver.executeScript('window.__marker = "same page"');

  // Obsidian ticks EBS 볼륨's first review: the card leaves today's list. The page notes the
  // moment its headline changes (the same clock as this process's).
  await driver.executeScript(`
    const h = document.querySelector('[data-testid="headline"]');
    new MutationObserver(() => { window.__changedAt ??= Date.now(); }).observe(h, { childList: true, characterData: true, subtree: true });`);
  const ebs = join(vault, 'EBS 볼륨.md');
  await new Promise((r) => setTimeout(r, 1000)); // the watcher follows the vault just opened
  let started = Date.now();
  writeFileSync(ebs, readFileSync(ebs, 'utf8').replace('❤1일복습여부: false', '❤1일복습여부: true'));
  await eventually(async () => (await text(driver, '[data-testid="headline"]')) === '오늘 복습할 노트 2개', 10000, 'the card to leave');
  const tick = (await driver.executeScript('return window.__changedAt')) - started;
  assert.deepEqual((await paths(driver)).sort(), ['OSI 7계층.md', '운영체제/페이징.md']);

  // A sync tool adds a note due today, and moves another to a new folder.
  started = Date.now();
  writeFileSync(join(vault, 'DNS.md'), '---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n\n### 단서 질문\n\n- DNS?\n    - 이름\n');
  mkdirSync(join(vault, '네트워크'));
  renameSync(join(vault, 'OSI 7계층.md'), join(vault, '네트워크/OSI 7계층.md'));
  await eventually(async () => (await paths(driver)).sort().join() === ['DNS.md', '네트워크/OSI 7계층.md', '운영체제/페이징.md'].join(), 10000, 'the new and the moved note');
  const burst = Date.now() - started;

  // A folder deleted takes its note along.
  rmSync(join(vault, '운영체제'), { recursive: true });
  await eventually(async () => (await text(driver, '[data-testid="headline"]')) === '오늘 복습할 노트 2개', 10000, 'the deleted folder');
  assert.equal(await driver.executeScript('return window.__marker'), 'same page', 'no reload');
  await shot(driver, 'watched.png');
  console.log(`screen updated after another program's change: a flag in ${tick} ms (debounce 100 ms); an add and a move seen within ${burst} ms (polled)`);

  // The app's own review: written, and not taken for another program's change (no second load).
  await driver.executeScript(`
    window.__loads = 0;
    const invoke = window.__TAURI_INTERNALS__.invoke;
    window.__TAURI_INTERNALS__.invoke = (cmd, ...rest) => { if (cmd === 'overview') window.__loads++; return invoke(cmd, ...rest); };`);
  await driver.findElement(By.css('[data-testid="start-review"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="review"]')), 10000);
  const actions = driver.actions();
  // Keys go in when the screen asks for them: a key sent while a note is saved or loaded is
  // dropped, and a loaded machine makes that window long.
  for (let i = 0; i < 100; i++) {
    if ((await all(driver, '[data-testid="finish"]')).length) break;
    if ((await all(driver, '[data-testid="reveal"]')).length) {
      await actions.sendKeys(' ').perform();
      await actions.sendKeys('1').perform();
    } else if ((await all(driver, '[data-testid="complete"]:not([disabled])')).length) {
      await actions.sendKeys('\uE007').perform();
    } else {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await driver.wait(until.elementLocated(By.css('[data-testid="finish"]')), 10000);
  await new Promise((r) => setTimeout(r, 1500)); // longer than the watcher's debounce
  assert.equal(await driver.executeScript('return window.__loads'), 0, 'the review did not echo back as a change');

  // The reviewed note moved to another folder by another program keeps its history.
  mkdirSync(join(vault, '아카이브'));
  renameSync(join(vault, '네트워크/OSI 7계층.md'), join(vault, '아카이브/OSI 7계층.md'));
  await new Promise((r) => setTimeout(r, 1000));
  await actions.sendKeys('\uE00C').perform(); // Escape: back home, which loads the vault again
  await driver.wait(until.elementLocated(By.css('[data-testid="headline"]')), 10000);
  await driver.findElement(By.css('[data-testid="nav-library"]')).click();
  const row = await driver.wait(until.elementLocated(By.css('[data-testid="library-row"][data-path="아카이브/OSI 7계층.md"]')), 10000);
  await row.click();
  // The page may take the vault once more as the move's news arrives: its history settles.
  await eventually(async () => (await all(driver, '[data-testid="history-row"]')).length === 1, 10000, 'the review done before the move');
  await shot(driver, 'moved-history.png');
});
