// The tray in the real app, through a StatusNotifierWatcher double on a private session bus: the
// item registers with Debian's libayatana-appindicator, its label and menu carry today's count,
// a click on 복습 시작 over dbusmenu opens the review screen, and the silencing entries work.
// Without the library the app runs on, says why, and still reminds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, makeVault, privateBus, trayWatcher, notificationDaemon, eventually, exited, runApp, text, BIN, By, until } from './driver.mjs';
import { scratch } from '../scratch.mjs';

test('the tray shows the due count, marked while "until done" waits; 복습 시작 opens the review; 알림 끄기 silences', async (t) => {
  const bus = await privateBus();
  const tray = await trayWatcher(bus);
  t.after(() => (tray.stop(), bus.stop()));
  const vault = makeVault('공부', {
    'OSI 7계층.md': '⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true',
    'EBS 볼륨.md': '⭕첫 학습날: 2026-11-20\n❤1일복습여부: true',
    'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
  });
  // "Until done" is on: the icon carries a red dot while today's share is left.
  const home = scratch('bokseup-home-');
  assert.equal(await exited(runApp(['settings', 'reminders-until-done', 'on'], { home, bus })), 0);
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { bus, home });
  t.after(app.stop);
  const { driver } = app;
  assert.ok((await tray.next()).registered, 'the tray item registered with the watcher');
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 3개');

  const menu = await eventually(async () => {
    const m = await tray.send('menu');
    return m.label === '3' && m;
  }, 15000, 'the tray label to carry the count');
  const labels = menu.entries.map((e) => e.label);
  assert.deepEqual(labels, ['오늘 복습 3개 · 다음 알림 21:00', '복습 시작 (3)', '약한 질문 연습 (0)', '열기', '알림 끄기', '1시간', '오늘', '다시 켜기', '종료']);
  await eventually(async () => (await tray.send('menu')).marked === true, 10000, 'the icon marked');
  const enabled = Object.fromEntries(menu.entries.map((e) => [e.label, e.enabled]));
  assert.equal(enabled['복습 시작 (3)'], true);
  assert.equal(enabled['다시 켜기'], false);

  assert.equal((await tray.send('click 복습 시작')).clicked, '복습 시작 (3)');
  await driver.wait(until.elementLocated(By.css('[data-testid="review"]')), 15000);
  assert.equal(await text(driver, '[data-testid="review-title"]'), 'OSI 7계층');

  await tray.send('click 오늘');
  const muted = await eventually(async () => {
    const m = await tray.send('menu');
    return m.entries[0].label.includes('알림 꺼짐') && m;
  }, 10000, 'the menu to say reminders are off');
  assert.equal(muted.entries[0].label, '오늘 복습 3개 · 알림 꺼짐 · 내일 04:00까지');
  assert.equal(muted.entries.find((e) => e.label === '다시 켜기').enabled, true);
  await eventually(async () => (await tray.send('menu')).marked === false, 10000, 'silenced for today: the mark goes');
  await tray.send('click 다시 켜기');
  await eventually(async () => (await tray.send('menu')).entries[0].label === '오늘 복습 3개 · 다음 알림 21:00', 10000, 'reminders back on');
  await eventually(async () => (await tray.send('menu')).marked === true, 10000, 'marked again');
});

test('without the tray library the app runs, says why there is no icon, and still reminds', async (t) => {
  // Hide Debian's libayatana-appindicator3 from the app alone: a private mount namespace (root).
  try {
    execFileSync('unshare', ['-m', 'true'], { stdio: 'ignore' });
  } catch {
    t.skip('unshare -m needs root: this machine cannot hide a library from one process');
    return;
  }
  const lib = '/usr/lib/x86_64-linux-gnu/libayatana-appindicator3.so.1.0.0';
  const wrapper = join(scratch('bokseup-'), 'bokseup-without-tray');
  writeFileSync(wrapper, `#!/bin/sh\nexec unshare -m sh -c 'mount --bind /dev/null ${lib} && exec "$0" "$@"' ${BIN} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const bus = await privateBus();
  const toasts = await notificationDaemon(bus);
  t.after(() => (toasts.stop(), bus.stop()));
  const vault = makeVault('공부', { 'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '08:59:57'], { bus, binary: wrapper });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await driver.findElement(By.css('[data-testid="open-settings"]')).click();
  assert.match(await text(driver, '[data-testid="tray-problem"]'), /트레이 라이브러리\(libayatana-appindicator3\)가 없어/);
  const toast = await eventually(() => toasts.calls()[0], 30000, 'the 09:00 toast without a tray');
  assert.equal(toast.title, '오늘 복습할 노트 1개');
});
