// The tray in the real app, through a StatusNotifierWatcher double on a private session bus: the
// item registers with Debian's libayatana-appindicator, its label and menu carry today's count,
// a click on 복습 시작 over dbusmenu opens the review screen, and the silencing entries work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, makeVault, privateBus, trayWatcher, eventually, text, By, until } from './driver.mjs';

test('the tray shows the due count; 복습 시작 opens the review; 알림 끄기 silences', async (t) => {
  const bus = await privateBus();
  const tray = await trayWatcher(bus);
  t.after(() => (tray.stop(), bus.stop()));
  const vault = makeVault('공부', {
    'OSI 7계층.md': '⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true',
    'EBS 볼륨.md': '⭕첫 학습날: 2026-11-20\n❤1일복습여부: true',
    'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
  });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.ok((await tray.next()).registered, 'the tray item registered with the watcher');
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 3개');

  const menu = await eventually(async () => {
    const m = await tray.send('menu');
    return m.label === '3' && m;
  }, 15000, 'the tray label to carry the count');
  const labels = menu.entries.map((e) => e.label);
  assert.deepEqual(labels, ['오늘 복습 3개 · 다음 알림 21:00', '복습 시작 (3)', '열기', '알림 끄기', '1시간', '오늘', '다시 켜기', '종료']);
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
  await tray.send('click 다시 켜기');
  await eventually(async () => (await tray.send('menu')).entries[0].label === '오늘 복습 3개 · 다음 알림 21:00', 10000, 'reminders back on');
});
