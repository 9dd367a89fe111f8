// `bokseup publish` into a real CalDAV server (Radicale, started here on 127.0.0.1 with a password
// file), read back by an independent parser (Mozilla's ical.js) and compared with `bokseup ics`
// for the same days: the same UIDs, times, titles, note lists and display alarms. Publishing
// again changes nothing; a wrong password exits non-zero with a message that says what to fix
// and never the password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ICAL from 'ical.js';
import { radicale as startRadicale } from './radicale.mjs';
import { scratch } from '../scratch.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = process.env.BOKSEUP_BIN ?? join(ROOT, 'target/debug/bokseup');
const work = scratch('bokseup-caldav-');
const KOREAN = { ...process.env, LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const PASSWORD = 'app-pw 비밀 42';
const TODAY = '2026-11-28';
let radicale;
let url;

before(async () => {
  writeFileSync(join(work, 'password'), `${PASSWORD}\n`);
  writeFileSync(join(work, 'wrong'), 'not-it\n');
  radicale = await startRadicale('student', PASSWORD);
  url = radicale.url;
  execFileSync(BIN, ['demo', join(work, 'vault'), '--today', TODAY, '--data', join(work, 'data')], { env: KOREAN });
});
after(() => radicale?.stop());

const bokseup = (...args) =>
  spawnSync(BIN, [...args, '--data', join(work, 'data')], { encoding: 'utf8', env: KOREAN });
const publish = (passwordFile = 'password') =>
  bokseup('publish', join(work, 'vault'), '--caldav', url, '--user', 'student', '--password-file', join(work, passwordFile), '--today', TODAY, '--days', '30');

/** Every event the server holds, through a calendar-query REPORT, parsed by ical.js. */
async function held() {
  const res = await fetch(url, {
    method: 'REPORT',
    headers: { Authorization: `Basic ${Buffer.from(`student:${PASSWORD}`).toString('base64')}`, Depth: '1', 'Content-Type': 'application/xml' },
    body: '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>',
  });
  assert.equal(res.status, 207);
  const xml = await res.text();
  const unescape = (s) => s.replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const etags = [...xml.matchAll(/<[^/>]*getetag>([^<]*)</g)].map((m) => m[1]);
  const events = [...xml.matchAll(/<[^/>]*calendar-data[^>]*>([^<]+)</g)].flatMap((m) => describe(unescape(m[1])));
  return { events, etags: etags.sort() };
}

/** What each event says, as ical.js reads it. */
function describe(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    const alarm = v.getFirstSubcomponent('valarm');
    return {
      uid: e.uid, start: e.startDate.toString(), end: e.endDate.toString(), summary: e.summary, description: e.description,
      alarm: alarm && { action: alarm.getFirstPropertyValue('action'), trigger: alarm.getFirstPropertyValue('trigger').toString() },
    };
  }).sort((a, b) => a.uid.localeCompare(b.uid));
}

test('publish puts the same events as `bokseup ics`, and again changes nothing', async () => {
  const first = publish();
  assert.equal(first.status, 0, first.stderr);
  const feed = describe(bokseup('ics', join(work, 'vault'), '--today', TODAY, '--days', '30').stdout);
  assert.ok(feed.length >= 5, `the demo has review days: ${feed.length}`);
  assert.match(first.stdout, new RegExp(`새 일정 ${feed.length}개, 바뀐 일정 0개, 지운 일정 0개`));
  const server = await held();
  assert.deepEqual(server.events.sort((a, b) => a.uid.localeCompare(b.uid)), feed);
  assert.ok(feed.every((e) => e.alarm?.action === 'DISPLAY'));

  const again = publish();
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`새 일정 0개, 바뀐 일정 0개, 지운 일정 0개, 그대로 ${feed.length}개`));
  assert.deepEqual((await held()).etags, server.etags, 'the same ETags: nothing was rewritten');
});

test('a wrong password exits non-zero, says what to fix, and never prints the password', async () => {
  const before = await held();
  const wrong = publish('wrong');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /앱 전용 암호/);
  assert.ok(!`${wrong.stdout}${wrong.stderr}`.includes('not-it') && !wrong.stderr.includes(PASSWORD));
  assert.deepEqual((await held()).etags, before.etags);
});
