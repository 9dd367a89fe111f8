// The student's week in headless Chromium (issue 18), on vaults and plans made by the engine
// (tests/ui/fixture.mjs with settings changed as `bokseup settings` does): the calendar marks free
// days, light days and the break and says which reviews come early or late, in both languages;
// home says when a break ends and what waits after it; the settings screen edits the easy days,
// the break and "remind until done"; a note's page shows each cue question's memory, in both
// themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';
import { makeVault } from './fixture.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

// 2026-11-28 is a Saturday: today is light, tomorrow free, and a break comes the week after.
const WEEK = makeVault({
  n: 60, seed: 5,
  settings: { 'easy-days': 'sat=light,sun=free', break: '2026-12-07..2026-12-09', 'daily-limit': '6' },
});
// A break under way.
const AWAY = makeVault({ n: 60, seed: 5, settings: { break: '2026-11-27..2026-11-30', 'daily-limit': '6' } });

function open(made, { lang = 'ko', theme = 'light', settings = {} } = {}) {
  return openPage(ctx, { [made.overview.vault]: made.overview }, made.notes, undefined, { reminders: made.reminders }, {
    locale: lang === 'en' ? 'en-US' : 'ko-KR', colorScheme: theme,
    extra: { ...made.extra, settings: { language: lang, theme, ...settings } },
  });
}

const SAYS = {
  ko: { free: '쉬는 요일', light: '가벼운 날', break: '쉬는 기간', early: /^당겨서 · /, freeLine: /^쉬는 요일: / },
  en: { free: 'Free day', light: 'Light day', break: 'Break', early: /^early · due /, freeLine: /^A free day: / },
};

for (const lang of ['ko', 'en']) {
  test(`the calendar marks free days, light days and the break, and which reviews come early (${lang})`, async () => {
    const plan = WEEK.extra.learning.plan;
    const kind = (date) => plan.days.find((d) => d.date === date)?.kind;
    assert.equal(kind('2026-11-28'), 'light');
    assert.equal(kind('2026-11-29'), 'free');
    assert.equal(kind('2026-12-08'), 'break');
    const { page, errors } = await open(WEEK, { lang });
    // Today's share is the plan's: a light day holds half the limit of 6.
    const share = plan.days[0].notes.length;
    assert.ok(share > 0 && share <= 3, `${share} on a light day`);
    assert.equal((await page.getByTestId('start-review').innerText()).replace(/\D+/g, ''), String(share));
    await page.keyboard.press('g');
    await page.keyboard.press('c');
    const cell = (date) => page.locator(`[data-testid="day"][data-date="${date}"]`);
    await cell('2026-11-29').waitFor();
    assert.equal(await cell('2026-11-28').getAttribute('data-rest'), 'light');
    assert.equal(await cell('2026-11-29').getAttribute('data-rest'), 'free');
    assert.equal(await cell('2026-11-29').getAttribute('data-plan'), '0', 'nothing planned on a free day');
    const legend = await page.locator('.legend').innerText();
    for (const word of [SAYS[lang].free, SAYS[lang].light, SAYS[lang].break]) assert.ok(legend.includes(word), `${word} in ${legend}`);
    // A free day says what happens to its reviews.
    await cell('2026-11-29').click();
    assert.match(await page.getByTestId('rest-line').innerText(), SAYS[lang].freeLine);
    // A day holding a review moved early (off a free Sunday) says so, with the day it was due.
    const early = plan.days.find((d) => d.moved.some((m) => m.early));
    assert.ok(early, 'the plan moved some review early');
    await cell(early.date).click();
    const shifts = await page.getByTestId('shift').allInnerTexts();
    assert.equal(shifts.filter((s) => SAYS[lang].early.test(s)).length, early.moved.filter((m) => m.early).length, shifts.join(' | '));
    await cell('2026-11-29').click();
    await page.screenshot({ path: join(ARTIFACTS, `week-calendar-${lang}.png`) });
    // December: the break.
    await page.getByTestId('next-month').click();
    await cell('2026-12-08').waitFor();
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09']) {
      assert.equal(await cell(date).getAttribute('data-rest'), 'break', date);
      assert.equal(await cell(date).getAttribute('data-plan'), '0', date);
    }
    assert.equal(await cell('2026-12-10').getAttribute('data-rest'), '');
    await cell('2026-12-08').click();
    assert.equal(await page.getByTestId('rest-line').innerText(), lang === 'ko'
      ? '쉬는 기간: 복습도 알림도 없습니다. 끝나면 기다린 복습을 하루 한도 안에서 나눕니다'
      : 'Break: no reviews and no reminders. After it, what waited is spread within the daily limit');
    await page.screenshot({ path: join(ARTIFACTS, `week-calendar-break-${lang}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('home says when the break ends and what waits after it', async () => {
  const onBreak = AWAY.extra.learning.on_break;
  assert.deepEqual({ to: onBreak.to, back: onBreak.back }, { to: '2026-11-30', back: '2026-12-01' });
  assert.ok(onBreak.waiting > 0 && onBreak.days > 0);
  const { page, errors } = await open(AWAY);
  assert.equal(await page.getByTestId('rest-line').innerText(),
    `쉬는 중 · 11월 30일 (월)까지 · 복습 ${onBreak.waiting}개가 12월 1일 (화)부터 ${onBreak.days}일에 나뉘어 기다립니다`);
  assert.equal(await page.getByTestId('start-review').count(), 0, 'nothing to start in a break');
  await page.screenshot({ path: join(ARTIFACTS, 'week-home-break-ko.png') });
  await page.close();
  const en = await open(AWAY, { lang: 'en', theme: 'dark' });
  assert.equal(await en.page.getByTestId('rest-line').innerText(),
    `On a break until Mon, Nov 30 · ${onBreak.waiting} reviews wait, spread over ${onBreak.days} days from Tue, Dec 1`);
  await en.page.screenshot({ path: join(ARTIFACTS, 'week-home-break-en-dark.png') });
  assert.deepEqual([...errors, ...en.errors], []);
  await en.page.close();
});

test('in a break the settings say reminders wait for its end, and offer no "turn back on" for it', async () => {
  // The engine's status in the break: not the user's silence.
  assert.deepEqual({ muted: AWAY.reminders.muted_until, until: AWAY.reminders.break_until }, { muted: null, until: '2026-12-01T04:00:00' });
  const { page, errors } = await open(AWAY);
  await page.getByTestId('open-settings').click();
  const panel = page.getByTestId('panel-reminders');
  await panel.waitFor();
  assert.match(await panel.innerText(), /쉬는 기간이라 알림이 없습니다 · 12월 1일 \(화\) 04:00부터 다시/);
  assert.equal(await page.getByTestId('unmute').count(), 0, 'nothing of the user\'s to turn back on');
  assert.equal(await page.getByTestId('mute-today').count(), 1, 'the user can still silence reminders');
  await panel.screenshot({ path: join(ARTIFACTS, 'week-settings-break-reminders.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the settings edit the easy days, the break and "remind until done"', async () => {
  const { page, errors } = await open(WEEK, { settings: { easy_days: ['normal', 'normal', 'normal', 'normal', 'normal', 'light', 'free'] } });
  await page.getByTestId('open-settings').click();
  await page.getByTestId('easy-days').waitFor();
  // Sunday first, as the calendar's weeks start.
  assert.deepEqual(await page.getByTestId('easy-days').locator('label > span').allInnerTexts(), ['일', '월', '화', '수', '목', '금', '토']);
  assert.equal(await page.getByTestId('easy-day-6').inputValue(), 'free');
  await page.getByTestId('easy-day-2').selectOption('light');
  await page.getByTestId('break-from').fill('2026-12-24');
  await page.getByTestId('break-from').dispatchEvent('change');
  assert.equal(await page.getByTestId('break-to').inputValue(), '2026-12-24', 'a first day alone is a one-day break');
  await page.getByTestId('break-to').fill('2026-12-27');
  await page.getByTestId('break-to').dispatchEvent('change');
  await page.getByTestId('until-done').check();
  await page.getByTestId('panel-plan').screenshot({ path: join(ARTIFACTS, 'week-settings.png') });
  await page.getByTestId('save-settings').click();
  await page.getByTestId('toast').getByText('설정을 저장했습니다').waitFor();
  const saved = await page.evaluate(() => window.__BOKSEUP_BACKEND__.saved.at(-1));
  assert.deepEqual(saved.easy_days, ['normal', 'normal', 'light', 'normal', 'normal', 'light', 'free']);
  assert.deepEqual(saved.break_days, { from: '2026-12-24', to: '2026-12-27' });
  assert.equal(saved.until_done, true);
  await page.getByTestId('break-clear').click();
  await page.getByTestId('save-settings').click();
  await page.waitForFunction(() => window.__BOKSEUP_BACKEND__.saved.length === 2);
  assert.equal(await page.evaluate(() => window.__BOKSEUP_BACKEND__.saved.at(-1).break_days), null);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`a note's page shows each cue question's grades, recall and FSRS's next day (${theme})`, async () => {
    // The engine's page of a note answered in the played days, with more than one question.
    const [path, made] = Object.entries(WEEK.extra.pages).find(([, p]) => p.questions.length >= 2 && p.questions.every((q) => q.grades.length >= 1));
    const { page, errors } = await open(WEEK, { theme, lang: theme === 'dark' ? 'en' : 'ko' });
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-search').fill(WEEK.notes[path].summary.title);
    await page.locator(`[data-testid="library-row"][data-path="${path}"]`).click();
    await page.getByTestId('questions').waitFor();
    const rows = page.getByTestId('question-memory');
    assert.equal(await rows.count(), made.questions.length);
    for (const [i, q] of made.questions.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.locator('.q-text').innerText(), q.question);
      assert.equal(await row.locator('.g-dot').count(), q.grades.length);
      const p = Math.round(q.recall * 100);
      assert.equal(await row.locator('.q-recall').innerText(), theme === 'dark' ? `recall now ${p}%` : `지금 기억할 확률 ${p}%`);
      assert.ok((await row.locator('.q-next').innerText()).startsWith(theme === 'dark' ? 'FSRS would ask' : 'FSRS라면'));
    }
    await page.getByTestId('questions').screenshot({ path: join(ARTIFACTS, `note-questions-${theme}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
