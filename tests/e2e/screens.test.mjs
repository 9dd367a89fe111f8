// The screens beyond today's reviews in the real app, on the variations fixture with a fixed
// today (2024-10-27): the calendar's counts on chosen days (worked out by hand below from the
// notes' flags and REVIEW-MODEL.md 1.1 and 1.2), a subject filter in the library, the note page's
// "Obsidian에서 열기" through a stand-in opener on PATH, and the switch to English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, copyFixture, text, textOf, all, eventually, shot, By, until } from './driver.mjs';
import { scratch } from '../scratch.mjs';

/**
 * What the calendar must show, by hand. Today, 10-27, everything overdue or due is one review:
 * 8 notes. If the user keeps up: 10-30 holds 윈도우/CRLF BOM's and 제목 한 단계's D4 (day 0 10-26)
 * and 제목 두 단계's D7 (day 0 10-23); 10-28 holds nothing. In the past, 10-24 is 낡은 라벨's D4
 * (day 0 10-20), never done: missed. 09-08 is the D14 of 첫날만, 4일후만 and 14일후만 (day 0
 * 08-25), none ticked: three missed.
 */
const DAYS = {
  '2024-10-24': { planned: '0', done: '0', missed: '1' },
  '2024-10-27': { planned: '8', done: '0', missed: '0' },
  '2024-10-28': { planned: '0', done: '0', missed: '0' },
  '2024-10-30': { planned: '3', done: '0', missed: '0' },
};

async function cell(driver, date) {
  const el = await driver.wait(until.elementLocated(By.css(`[data-testid="day"][data-date="${date}"]`)), 10000);
  return { planned: await el.getAttribute('data-planned'), done: await el.getAttribute('data-done'), missed: await el.getAttribute('data-missed') };
}

async function go(driver, testid, ready) {
  await driver.findElement(By.css(`[data-testid="${testid}"]`)).click();
  return driver.wait(until.elementLocated(By.css(`[data-testid="${ready}"]`)), 10000);
}

test('calendar counts, a subject filter, Obsidian\'s link, and English', async (t) => {
  // A stand-in for xdg-open, first on PATH: it writes down what it was asked to open.
  const bin = scratch('bokseup-bin-');
  const opened = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const vault = copyFixture('variations');
  const app = await launch([vault, '--today', '2024-10-27', '--time', '10:00'], { env: { PATH: `${bin}:${process.env.PATH}` } });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 8개');

  // The calendar: the month of today, its counts, a day's list.
  await go(driver, 'nav-calendar', 'calendar');
  assert.equal(await text(driver, '[data-testid="month-title"]'), '2024년 10월');
  for (const [date, want] of Object.entries(DAYS)) assert.deepEqual(await cell(driver, date), want, date);
  await driver.findElement(By.css('[data-testid="day"][data-date="2024-10-30"]')).click();
  const panel = await text(driver, '[data-testid="day-panel"]');
  for (const title of ['CRLF BOM', '제목 두 단계', '제목 한 단계']) assert.ok(panel.includes(title), `${title} in\n${panel}`);
  await shot(driver, 'calendar-variations.png');
  await driver.findElement(By.css('[data-testid="prev-month"]')).click();
  await eventually(async () => (await text(driver, '[data-testid="month-title"]')) === '2024년 9월', 5000, 'September');
  assert.equal((await cell(driver, '2024-09-08')).missed, '3');

  // The library, filtered by subject: the one note of 운영체제, then those of none.
  await go(driver, 'nav-library', 'library-list');
  await driver.findElement(By.css('[data-testid="filter-subject"] option[value="운영체제"]')).click();
  await eventually(async () => (await all(driver, '[data-testid="library-row"]')).length === 1, 5000, 'one row');
  const row = await driver.findElement(By.css('[data-testid="library-row"]'));
  assert.equal(await row.getAttribute('data-path'), '추가 키.md');
  assert.match(await text(driver, '[data-testid="library-count"]'), /^노트 \d+개 중 1개$/);

  // Its page: the link Obsidian understands reaches the system's opener.
  await row.click();
  await driver.wait(until.elementLocated(By.css('[data-testid="note-page"]')), 10000);
  assert.equal(await text(driver, '[data-testid="note-title"]'), '추가 키');
  const marks = await Promise.all((await all(driver, '[data-testid="milestone"]')).map(async (m) => `${await m.getAttribute('data-step')}:${await m.getAttribute('data-mark')}`));
  // D1–D14 ticked by hand (no dates known), the extra review of day 0 + 30 (10-01) overdue, and
  // the next ones planned, the one in 2025 with its year.
  assert.deepEqual(marks.slice(0, 6), ['d1:done_undated', 'd4:done_undated', 'd7:done_undated', 'd14:done_undated', 'extra:overdue', 'extra:planned']);
  assert.ok(marks.slice(5).every((m) => m === 'extra:planned'), marks.join(' '));
  assert.match(await text(driver, '[data-testid="timeline"]'), /2025년 4월 29일/);
  await driver.findElement(By.css('[data-testid="open-obsidian"]')).click();
  const uri = await eventually(() => existsSync(opened) && readFileSync(opened, 'utf8').trim(), 10000, 'the opener to be called');
  assert.equal(uri, `obsidian://open?vault=variations&file=${encodeURIComponent('추가 키')}`);
  await shot(driver, 'note-variations.png');

  // English: the settings' language, saved; the labels change at once.
  await driver.findElement(By.css('[data-testid="open-settings"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="language"] option[value="en"]')), 10000).click();
  await driver.findElement(By.css('[data-testid="save-settings"]')).click();
  await eventually(async () => (await textOf(driver, await driver.findElement(By.css('[data-testid="nav-home"]')))).includes('Today'), 10000, 'English labels');
  assert.equal(await text(driver, '[data-testid="toast"]'), 'Settings saved', 'the confirmation in the new language');
  await go(driver, 'nav-home', 'headline');
  assert.equal(await text(driver, '[data-testid="headline"]'), '8 notes to review today');
  assert.equal(await text(driver, '[data-testid="today"]'), 'Sun, Oct 27, 2024');
  await go(driver, 'nav-calendar', 'calendar');
  assert.equal(await text(driver, '[data-testid="month-title"]'), 'September 2024', 'the month left open');
  await shot(driver, 'calendar-english.png');
});
