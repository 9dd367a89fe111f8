// The learning features in headless Chromium with the in-memory backend: a backlog over the daily
// limit shows today's share with the minutes and the week, an exam's countdown and whether it
// fits; the weak-question drill runs on the review's keys and sends each grade (with its time)
// and writes no note; the tray's "약한 질문 연습" opens it; the settings take a limit in minutes
// and an exam.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';
import { makeVault } from './fixture.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

const VAULT = makeVault({ n: 200, seed: 5 });
const TODAY = VAULT.overview.agenda.today;
const DUE = VAULT.overview.agenda.today_reviews.map((n) => n.path);
const SHARE = [...DUE].reverse().slice(0, 4);
const add = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

const LEARNING = {
  plan: {
    limit: { unit: 'notes', value: 4 }, deferred: DUE.length - SHARE.length,
    days: [
      { date: TODAY, kind: 'normal', notes: SHARE, minutes: 9.5, moved: [] },
      { date: add(TODAY, 1), kind: 'normal', notes: DUE.filter((p) => !SHARE.includes(p)).slice(0, 4), minutes: 10, moved: [] },
      { date: add(TODAY, 2), kind: 'normal', notes: DUE.filter((p) => !SHARE.includes(p)).slice(4), minutes: 6, moved: [] },
    ],
    exams: [{
      name: 'AWS SysOps', date: add(TODAY, 9), days_left: 9, covered: 63, reviewed: 41, remaining: 22, days: 9,
      fits: false, minutes_needed: 40, notes_needed: 12,
    }],
  },
  week: [10, 10, 6, 3, 0, 8, 2].map((m, i) => ({ date: add(TODAY, i), notes: Math.ceil(m / 2.5), minutes: m })),
  weak: 3, known: 24, answer_seconds: 18, measured: true, on_break: null, later_days: 2,
};
const WEAK = DUE.slice(0, 3).map((path, i) => ({
  path, title: path.split('/').pop().replace('.md', ''), index: i, question: `질문 ${i}?`, question_html: `질문 <b>${i}</b>?`,
  answer_html: `<p>답 ${i}</p>`, recall: 0.1 + i * 0.2, last_grade: ['forgot', 'unsure', 'forgot'][i], last_at: `${add(TODAY, -3)}T09:00:00`, answers: i + 1,
}));

function open(options = {}) {
  return openPage(ctx, { [VAULT.overview.vault]: VAULT.overview }, VAULT.notes, options.viewport, undefined, {
    extra: { ...VAULT.extra, learning: LEARNING, weak: WEAK, ...options.extra }, colorScheme: options.colorScheme ?? 'light',
  });
}

test('over the daily limit, home shows today\'s share, the minutes, the week and the exam', async () => {
  const { page, errors } = await open();
  await page.getByTestId('learning').waitFor();
  assert.equal((await page.getByTestId('start-review').innerText()).replace(/\s+/g, ' ').trim(), `복습 시작 ${SHARE.length}`);
  const cards = await page.locator('[data-testid="today-reviews"] [data-path]').evaluateAll((els) => els.map((e) => e.dataset.path));
  assert.deepEqual(cards, SHARE, 'today\'s share, in the plan\'s order');
  assert.equal(await page.getByTestId('minutes-today').innerText(), '오늘 복습 약 10분');
  assert.equal(await page.getByTestId('plan-line').innerText(), `오늘은 4개만 · 나머지 ${DUE.length - 4}개는 다음 2일에 · 하루 한도 노트 4개`);
  assert.equal(await page.locator('[data-testid="week-minutes"] .bar').count(), 7);
  assert.equal(await page.getByTestId('weak-count').innerText(), '약한 질문 3개');
  assert.equal(await page.getByTestId('exam-countdown').innerText(), 'D-9');
  assert.equal(await page.getByTestId('exam-coverage').innerText(), '63개 중 41개 복습함 · 남은 22개를 9일에');
  assert.equal(await page.getByTestId('exam-fit').innerText(), '한도 안에 다 들어가지 않습니다: 하루 40분(12개)이 필요합니다');
  await page.screenshot({ path: join(ARTIFACTS, 'learning-home-ko-light.png') });
  // The calendar shows the rest on the next days.
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  const tomorrow = page.locator(`[data-testid="day"][data-date="${add(TODAY, 1)}"]`);
  assert.equal(await tomorrow.getAttribute('data-plan'), '4');
  await tomorrow.click();
  assert.equal(await page.locator('[data-testid="plan-list"] li').count(), 4);
  await page.screenshot({ path: join(ARTIFACTS, 'learning-calendar.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the drill: Space, then 1/2/3, each grade sent with its time, no note written', async () => {
  const { page, errors } = await open();
  await page.getByTestId('start-drill').click();
  await page.getByTestId('drill').waitFor();
  assert.match(await page.getByTestId('drill-promise').innerText(), /노트 파일은 바뀌지 않습니다/);
  assert.equal(await page.getByTestId('drill-position').innerText(), '1 / 3');
  assert.equal(await page.getByTestId('drill-recall').innerText(), '기억 확률 10%');
  await page.keyboard.press('1');
  assert.equal(await page.getByTestId('answer').count(), 0, 'no grade before the answer is shown');
  await page.keyboard.press(' ');
  await page.getByTestId('answer').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'learning-drill.png') });
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.querySelector('[data-testid="drill-position"]').textContent.trim() === '2 / 3');
  await page.keyboard.press(' ');
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelector('[data-testid="drill-position"]').textContent.trim() === '3 / 3');
  await page.keyboard.press('s');
  await page.getByTestId('drill-finish').waitFor();
  assert.match(await page.getByTestId('drill-finish').innerText(), /기억남 0 · 헷갈림 1 · 모름 1 · 건너뜀 1개/);
  await page.screenshot({ path: join(ARTIFACTS, 'learning-drill-finish.png') });
  const recorded = await page.evaluate(() => ({ drills: window.__BOKSEUP_BACKEND__.drills, writes: window.__BOKSEUP_BACKEND__.writes }));
  assert.deepEqual(recorded.drills.map((d) => [d.path, d.question, d.grade]), [[WEAK[0].path, '질문 0?', 'forgot'], [WEAK[1].path, '질문 1?', 'unsure']]);
  assert.ok(recorded.drills.every((d) => Number.isInteger(d.answerMs) && d.answerMs >= 0));
  assert.deepEqual(recorded.writes, [], 'no note written');
  await page.keyboard.press('Escape');
  await page.getByTestId('headline').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the tray\'s drill entry opens the drill; nothing weak says how questions become weak', async () => {
  const { page, errors } = await open({ extra: { weak: [] } });
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.requestForTest({ kind: 'drill' }));
  await page.getByTestId('drill-empty').waitFor();
  assert.match(await page.getByTestId('drill-empty').innerText(), /1 기억남 · 2 헷갈림 · 3 모름/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('settings: a daily limit in minutes, the vault history switch and an exam', async () => {
  const { page, errors } = await open({ viewport: { width: 1180, height: 1400 } });
  await page.keyboard.press('g');
  await page.keyboard.press(',');
  await page.getByTestId('panel-plan').waitFor();
  await page.getByTestId('daily-limit').fill('45');
  await page.getByTestId('daily-limit-unit').selectOption('minutes');
  await page.getByTestId('history-in-vault').uncheck();
  await page.getByTestId('add-exam').click();
  await page.getByTestId('exam-name').fill('AWS SysOps');
  await page.getByTestId('exam-date').fill('2026-12-20');
  await page.getByTestId('exam-subjects').fill('AWS,  네트워크 ,');
  await page.getByTestId('exam-subjects').blur();
  await page.getByTestId('panel-plan').screenshot({ path: join(ARTIFACTS, 'learning-settings.png') });
  await page.getByTestId('save-settings').click();
  await page.waitForFunction(() => window.__BOKSEUP_BACKEND__.saved.length > 0);
  const saved = await page.evaluate(() => window.__BOKSEUP_BACKEND__.saved.at(-1));
  assert.deepEqual(saved.daily_limit, { unit: 'minutes', value: 45 });
  assert.equal(saved.history_in_vault, false);
  assert.deepEqual(saved.exams, [{ name: 'AWS SysOps', date: '2026-12-20', subjects: ['AWS', '네트워크'], textbooks: [] }]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('dark and English', async () => {
  const { page, errors } = await open({ colorScheme: 'dark', extra: { settings: { language: 'en', theme: 'dark' } } });
  await page.getByTestId('learning').waitFor();
  assert.equal(await page.getByTestId('minutes-today').innerText(), 'About 10 min of reviews today');
  assert.equal(await page.getByTestId('exam-coverage').innerText(), '41 of 63 reviewed · the other 22 in 9 days');
  await page.screenshot({ path: join(ARTIFACTS, 'learning-home-en-dark.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
