// `bokseup ics` read back by an independent parser (Mozilla's ical.js): CRLF line ends, lines
// folded at 75 octets, one event per day with reviews carrying the forecast's count (computed
// here independently from the review model and `bokseup scan --json`), a display alarm on each,
// and UIDs that stay the same from one export to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ICAL from 'ical.js';
import { scratch } from '../scratch.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = process.env.BOKSEUP_BIN ?? join(ROOT, 'target/debug/bokseup');
const data = scratch('bokseup-data-');
// The command line speaks the language of LANG: pin Korean, whatever the machine's locale.
const KOREAN = { ...process.env, LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const bokseup = (...args) => execFileSync(BIN, [...args, '--data', data], { encoding: 'utf8', env: KOREAN });

const DAY = 86_400_000;
const toDay = (iso) => Date.UTC(...iso.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)));
const fromDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const plus = (iso, n) => fromDay(toDay(iso) + n * DAY);

/**
 * The review days of one note from `today` through `until` if the user keeps up, from the review
 * model (REVIEW-MODEL.md 1.1, 1.2): the next step on its date (or today when late), every ladder
 * step due by then caught up, later steps on day 0 + 1/4/7/14, then day 0 + 30 × 2^k after the
 * latest review.
 */
function reviewDays(note, today, until) {
  if (note.kind !== 'review' || !note.day0 || !note.next_due) return [];
  const ladder = [1, 4, 7, 14];
  let rung = note.step === 'extra' ? 4 : ['d1', 'd4', 'd7', 'd14'].indexOf(note.step);
  let due = note.next_due;
  const days = [];
  for (;;) {
    const on = due < today ? today : due;
    if (on > until) break;
    days.push(on);
    if (rung < 4) {
      rung++;
      while (rung < 4 && plus(note.day0, ladder[rung]) <= on) rung++;
    }
    if (rung < 4) {
      due = plus(note.day0, ladder[rung]);
    } else {
      let interval = 30;
      while (plus(note.day0, interval) <= on) interval *= 2;
      due = plus(note.day0, interval);
    }
  }
  return days;
}

function expectedCounts(vault, today, days) {
  const until = plus(today, days - 1);
  const scan = JSON.parse(bokseup('scan', vault, '--today', today, '--json'));
  const counts = new Map();
  for (const note of scan.notes) for (const day of reviewDays(note, today, until)) counts.set(day, (counts.get(day) ?? 0) + 1);
  return counts;
}

function check(vault, today, days) {
  const raw = bokseup('ics', vault, '--today', today, '--days', String(days));
  assert.ok(raw.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(raw), 'every line ends in CRLF');
  for (const line of raw.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);

  const calendar = new ICAL.Component(ICAL.parse(raw));
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const got = new Map(events.map((e) => [e.startDate.toString().slice(0, 10), e]));
  assert.equal(got.size, events.length, 'one event per day');
  const want = expectedCounts(vault, today, days);
  assert.deepEqual(new Map([...got].map(([day, e]) => [day, Number(e.summary.match(/^복습 (\d+)개$/)[1])])), want);
  for (const [day, event] of got) {
    assert.equal(event.description.split('\n').length, want.get(day), `${day} lists each note`);
    assert.equal(event.startDate.toString(), `${day}T09:00:00`, 'at the first reminder time, floating local time');
    const alarm = event.component.getFirstSubcomponent('valarm');
    assert.equal(alarm?.getFirstPropertyValue('action'), 'DISPLAY', `${day} has a display alarm`);
    assert.ok(alarm.getFirstPropertyValue('trigger'));
    assert.ok(event.uid.length > 0);
  }
  return { raw, events };
}

test('the demo vault over 60 days', () => {
  const vault = join(scratch('bokseup-'), 'demo');
  bokseup('demo', vault, '--today', '2026-11-29');
  const { events } = check(vault, '2026-11-29', 60);
  assert.ok(events.length >= 8, `${events.length} days with reviews`);
  const today = events.find((e) => e.startDate.toString().startsWith('2026-11-29'));
  assert.equal(today.summary, '복습 7개', 'everything overdue is today');
  assert.match(today.description, /OSI 7계층 — 추가 복습 \(10일 밀림\)/);
});

test('the variations fixture, and UIDs stable across two exports', () => {
  const vault = join(ROOT, 'tests/fixtures/variations');
  const first = check(vault, '2024-10-27', 90);
  const second = check(vault, '2024-10-27', 90);
  assert.deepEqual(second.events.map((e) => e.uid), first.events.map((e) => e.uid));
  // A day later the days that remain keep their UIDs, so a subscribed calendar updates them in place.
  const later = new Map(check(vault, '2024-10-28', 90).events.map((e) => [e.startDate.toString().slice(0, 10), e.uid]));
  for (const e of first.events) {
    const day = e.startDate.toString().slice(0, 10);
    if (later.has(day)) assert.equal(later.get(day), e.uid, day);
  }
});
