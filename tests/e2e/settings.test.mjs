// Bad input in the real app: a reminder time that is not a time and a calendar file in a folder
// that does not exist are refused by the backend with what to do, and nothing is kept; a good
// calendar file is written at once. A vault that disappears while the app waits for the next
// reminder is reported in the window, and once it is back the next reminder still comes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { launch, makeVault, privateBus, notificationDaemon, runApp, exited, eventually, sleep, text, shot, By, until } from './driver.mjs';
import { scratch } from '../scratch.mjs';

async function field(driver, id) {
  return driver.wait(until.elementLocated(By.css(`[data-testid="${id}"]`)), 10000);
}

test('refusals say what to do and keep nothing; a calendar file is written when set', async (t) => {
  const vault = makeVault('공부', { 'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00']);
  t.after(app.stop);
  const { driver } = app;
  // The top bar settles once the vault is read (its name pushes the buttons): click after that.
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await (await field(driver, 'open-settings')).click();
  await (await field(driver, 'new-time')).sendKeys('25:00');
  await (await field(driver, 'add-time')).click();
  await (await field(driver, 'save-settings')).click();
  assert.match(await text(driver, '[data-testid="settings-error"]'), /알림 시각 형식이 아닙니다: "25:00". 24시간제 HH:MM/);
  await shot(driver, 'settings-bad-time.png');
  await driver.findElement(By.css('[aria-label="25:00 빼기"]')).click();

  const calendar = await field(driver, 'calendar-file');
  await calendar.sendKeys('/no/such/folder/복습.ics');
  await (await field(driver, 'save-settings')).click();
  await eventually(async () => /캘린더 파일을 둘 폴더가 없습니다: \/no\/such\/folder/.test(await text(driver, '[data-testid="settings-error"]')), 10000, 'the folder refusal');

  const ics = join(scratch('bokseup-sync-'), '복습.ics');
  await calendar.clear();
  await calendar.sendKeys(ics);
  await (await field(driver, 'save-settings')).click();
  await eventually(async () => /오늘 12:00에 썼습니다 · 복습이 있는 날 \d+일/.test(await text(driver, '[data-testid="calendar-line"]')), 10000, 'the calendar line');
  const written = readFileSync(ics, 'utf8');
  assert.match(written, /^BEGIN:VCALENDAR\r\n/);
  assert.match(written, /SUMMARY:복습 1개\r\n/);
  await shot(driver, 'settings-calendar-written.png');

  // What was refused was never kept: the reminder times are still the defaults.
  const settings = runApp(['settings'], { home: app.home, bus: app.bus });
  let out = '';
  settings.stdout.on('data', (d) => (out += d));
  assert.equal(await exited(settings), 0);
  assert.match(out, /reminder-times: 09:00, 21:00\n/);
  assert.match(out, new RegExp(`calendar-file: ${ics.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
});

test('with no notification service on the bus the settings say so, and once one runs they say nothing', async (t) => {
  const bus = await privateBus();
  t.after(() => bus.stop());
  const vault = makeVault('공부', { 'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await (await field(driver, 'open-settings')).click();
  assert.match(await text(driver, '[data-testid="toast-problem"]'), /알림 서비스\(org\.freedesktop\.Notifications\)가 없어 복습 알림이 보이지 않습니다/);
  assert.equal((await driver.findElements(By.css('[data-testid="toast-settings"]'))).length, 0, 'no settings page to open on Linux');
  await shot(driver, 'settings-no-toast-service.png');

  const toasts = await notificationDaemon(bus);
  t.after(toasts.stop);
  await driver.actions().sendKeys('\uE00C').perform();
  await text(driver, '[data-testid="headline"]');
  await (await field(driver, 'open-settings')).click();
  await field(driver, 'reminder-line');
  await eventually(async () => (await driver.findElements(By.css('[data-testid="toast-problem"]'))).length === 0, 10000, 'the warning gone');
});

test('a vault that disappears while waiting is reported, and the next reminder still comes', async (t) => {
  const bus = await privateBus();
  const toasts = await notificationDaemon(bus);
  t.after(() => (toasts.stop(), bus.stop()));
  const home = scratch('bokseup-home-');
  const set = runApp(['settings', 'reminder-times', '09:00, 09:01'], { home, bus });
  assert.equal(await exited(set), 0);
  const vault = makeVault('공부', { 'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '08:59:30'], { home, bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  const moved = `${vault}-옮김`;
  renameSync(vault, moved);
  // 09:00: the vault is gone. The window says so; no toast for a vault that cannot be read.
  await eventually(async () => /폴더를 찾을 수 없습니다/.test(await text(driver, '[data-testid="error"]')), 45000, 'the missing vault reported');
  await shot(driver, 'vault-gone.png');
  assert.deepEqual(toasts.calls(), []);
  renameSync(moved, vault);
  assert.ok(existsSync(vault));
  // 09:01: back, and the reminder comes.
  const toast = await eventually(() => toasts.calls()[0], 80000, 'the 09:01 toast');
  assert.equal(toast.title, '오늘 복습할 노트 1개');
  await eventually(async () => (await driver.findElements(By.css('[data-testid="error"]'))).length === 0, 10000, 'the message to go');
  await sleep(500);
});
