// Reminders in the real app, on a private session bus with a notification-daemon double: started
// at 08:59:40, exactly one toast comes at 09:00 with the right title, body and buttons; a click
// opens the review. With the window closed (a real WM_DELETE_WINDOW), the app stays in the
// background, says so once, and the reminder still comes and leads into the review. A login
// launch starts hidden and reminds shortly after; with "until done" the reminder comes again at
// the next time while today's share is left, not once it is done, and "오늘은 그만" silences it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, makeVault, privateBus, notificationDaemon, desktop, eventually, runApp, exited, sleep, text, shot, By, until, WINDOW_TITLE,
} from './driver.mjs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { scratch } from '../scratch.mjs';


/** Two notes overdue and one due on 2026-11-29. */
function dueVault() {
  return makeVault('공부', {
    '네트워크/OSI 7계층.md': '⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true',
    'AWS/EBS 볼륨.md': '⭕첫 학습날: 2026-11-20\n❤1일복습여부: true',
    'DNS.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
    '메모.md': 'tags: [메모]',
  });
}

/** A private bus with the notification daemon double; both go when the test ends. */
async function setup(t) {
  const bus = await privateBus();
  const toasts = await notificationDaemon(bus);
  t.after(() => (toasts.stop(), bus.stop()));
  return { bus, toasts };
}

const reminders = (toasts) => toasts.calls().filter((c) => c.title.startsWith('오늘 복습할 노트'));

test('with the window open: one toast at 09:00, and its click opens the review', async (t) => {
  const { bus, toasts } = await setup(t);
  const app = await launch([dueVault(), '--today', '2026-11-29', '--time', '08:59:40'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 3개');
  assert.deepEqual(toasts.calls(), [], 'nothing before 09:00');
  const [toast] = await eventually(() => toasts.calls().length && toasts.calls(), 45000, 'the 09:00 toast');
  assert.equal(toast.title, '오늘 복습할 노트 3개');
  // Three notes of one cue question each, at the default pace (60 s reading, 30 s an answer).
  assert.equal(toast.body, '밀린 복습 2개 · OSI 7계층, EBS 볼륨 외 1개 · 오늘 복습 약 5분');
  assert.deepEqual(toast.actions.map((a) => a.label), ['지금 복습', '1시간 뒤에', '']);
  assert.deepEqual(toast.actions.map((a) => a.id), ['review', 'snooze', 'default']);
  await sleep(4000);
  assert.equal(toasts.calls().length, 1, 'exactly one toast for the 09:00 slot');

  toasts.act(1, 'default');
  await driver.wait(until.elementLocated(By.css('[data-testid="review"]')), 15000);
  assert.equal(await text(driver, '[data-testid="review-title"]'), 'OSI 7계층');
  await shot(driver, 'review-from-toast.png');
});

test('with the window closed: the app stays, says so once, and the toast\'s button opens the review', async (t) => {
  const { bus, toasts } = await setup(t);
  const app = await launch([dueVault(), '--today', '2026-11-29', '--time', '08:59:20'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 3개');
  assert.equal(desktop(bus, 'viewable', WINDOW_TITLE).trim(), 'yes');
  desktop(bus, 'close-window', WINDOW_TITLE);
  await eventually(() => desktop(bus, 'viewable', WINDOW_TITLE).trim() === 'no', 10000, 'the window to hide');
  const hint = await eventually(() => toasts.calls().find((c) => c.title === '복습 앱은 계속 실행 중입니다'), 10000, 'the hint');
  assert.match(hint.body, /백그라운드|트레이/);

  await eventually(() => reminders(toasts).length, 60000, 'the 09:00 toast with the window closed');
  const calls = toasts.calls();
  const id = calls.findIndex((c) => c.title === '오늘 복습할 노트 3개') + 1;
  assert.equal(id, 2, 'the hint came first, then the reminder');
  toasts.act(id, 'review');
  await eventually(() => desktop(bus, 'viewable', WINDOW_TITLE).trim() === 'yes', 15000, 'the window to come back');
  await driver.wait(until.elementLocated(By.css('[data-testid="review"]')), 15000);
  assert.equal(await text(driver, '[data-testid="review-title"]'), 'OSI 7계층');

  // Closing again: no second hint.
  desktop(bus, 'close-window', WINDOW_TITLE);
  await eventually(() => desktop(bus, 'viewable', WINDOW_TITLE).trim() === 'no', 10000, 'the window to hide again');
  await sleep(1500);
  assert.equal(toasts.calls().filter((c) => c.title === '복습 앱은 계속 실행 중입니다').length, 1);
});

test('"1시간 뒤에" snoozes: no second toast now, the settings say when it comes back', async (t) => {
  const { bus, toasts } = await setup(t);
  const app = await launch([dueVault(), '--today', '2026-11-29', '--time', '08:59:55'], { bus });
  t.after(app.stop);
  const { driver } = app;
  await eventually(() => reminders(toasts).length === 1, 30000, 'the 09:00 toast');
  toasts.act(1, 'snooze');
  await driver.findElement(By.css('[data-testid="open-settings"]')).click();
  await eventually(async () => /다시 알림 오늘 10:00/.test(await text(driver, '[data-testid="reminder-line"]')), 10000, 'the snooze in settings');
  await sleep(2000);
  assert.equal(reminders(toasts).length, 1);
  // This bus has no tray host: the settings say so, and reminders came all the same.
  assert.match(await text(driver, '[data-testid="tray-problem"]'), /StatusNotifier 호스트\)이 없습니다/);
  await shot(driver, 'settings-snoozed.png');
});

/** Runs a command of the app (`settings …`, `review …`) in `home` and waits for it to finish. */
async function command(args, home, bus) {
  const child = runApp(args, { home, bus });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  assert.equal(await exited(child, 30000), 0, `${args.join(' ')}: ${err}`);
}

/** A setting the app keeps in its database under `home`, read as the app left it. */
function stored(home, key) {
  const db = join(home, 'data', 'app.bokseup.desktop', 'bokseup.sqlite3');
  return execFileSync('/usr/bin/python3', ['-c', 'import sqlite3, sys; r = sqlite3.connect(sys.argv[1]).execute("SELECT value FROM setting WHERE key = ?", (sys.argv[2],)).fetchone(); print(r[0] if r else "")', db, key], { encoding: 'utf8' }).trim();
}

test('a login launch starts hidden and reminds shortly after; "until done" reminds again at the next time while today\'s share is left, not once it is done', async (t) => {
  // Two students started at login at 20:00:25, each on their own bus with a daemon double: the
  // login reminder comes about 15 s later, standing for the 09:00 time they slept through, then
  // the 20:01 time. One leaves today's share, the other does it in between. Both ask for
  // reminders only from 5 notes on, and have 3: without "until done" neither would hear a thing.
  const students = [];
  for (let i = 0; i < 2; i++) {
    const s = { ...(await setup(t)), home: scratch('bokseup-home-'), vault: dueVault() };
    for (const [name, value] of [['reminder-times', '09:00,20:01'], ['min-due', '5'], ['reminders-until-done', 'on']]) {
      await command(['settings', name, value], s.home, s.bus);
    }
    students.push(s);
  }
  const started = Date.now();
  for (const s of students) {
    const app = runApp(['--hidden', s.vault, '--today', '2026-11-29', '--time', '20:00:25'], { home: s.home, bus: s.bus });
    t.after(() => { try { process.kill(-app.pid, 'SIGKILL'); } catch { /* gone */ } });
  }
  const [left, done] = students;
  for (const s of students) {
    const [toast] = await eventually(() => reminders(s.toasts).length && reminders(s.toasts), 40000, 'the login reminder');
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds >= 10 && seconds < 40, `came ${seconds} s after the launch`);
    assert.equal(toast.title, '오늘 복습할 노트 3개');
    // Three notes of one cue question each, at the default pace (60 s reading, 30 s an answer).
    assert.equal(toast.body, '밀린 복습 2개 · OSI 7계층, EBS 볼륨 외 1개 · 오늘 복습 약 5분');
    assert.deepEqual(toast.actions.map((x) => x.label), ['지금 복습', '1시간 뒤에', '오늘은 그만', '']);
    assert.equal(desktop(s.bus, 'viewable', WINDOW_TITLE).trim(), 'no', 'no window at login');
  }
  // The second student does today's reviews (through the command line, on the same vault).
  for (const note of ['네트워크/OSI 7계층.md', 'AWS/EBS 볼륨.md', 'DNS.md']) {
    await command(['review', done.vault, note, '--date', '2026-11-29', '--time', '20:00'], done.home, done.bus);
  }
  assert.equal(reminders(left.toasts).length, 1, 'the missed 09:00 reminder is not shown on top');
  // 20:01: the first hears again, the second does not.
  const [, again] = await eventually(() => reminders(left.toasts).length >= 2 && reminders(left.toasts), 60000, 'the 20:01 toast');
  assert.equal(again.title, '오늘 복습할 노트 3개');
  await sleep(5000);
  assert.equal(reminders(done.toasts).length, 1, 'no reminder once the share is done');
  assert.equal(reminders(left.toasts).length, 2, 'once per reminder time');
  // "오늘은 그만" silences the rest of the review day (to 04:00 tomorrow).
  assert.equal(stored(left.home, 'reminder_mute_until'), '');
  left.toasts.act(left.toasts.calls().findLastIndex((c) => c.title.startsWith('오늘 복습할 노트')) + 1, 'done');
  await eventually(() => stored(left.home, 'reminder_mute_until').startsWith('2026-11-30T04:00'), 10000, 'silenced to the day\'s end');
});
