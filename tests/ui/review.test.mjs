// The review screen in headless Chromium over the in-memory backend: the paths the app test does
// not walk (no cue questions, 장기기억 완료, skipping, a failed save, a note reviewed elsewhere
// meanwhile, an early review to confirm) and start/enroll on the home screen with their undo toast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

const zero = { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 };
function summary(title, extra = {}) {
  return {
    path: `${title}.md`, title, kind: 'review', subject: 'OS', textbook: 'OSTEP', day0: '2026-11-14', status: 'due',
    step: 'd14', stage: '14일 복습', next_due: '2026-11-28', days_since: 14, days_late: 0, progress: 0.6,
    progress_bar: '', cues: 0, ...extra,
  };
}
const noCues = summary('교착 상태');
const early = summary('페이징', { step: 'd1', stage: '1일 복습', day0: '2026-11-27', days_since: 1 });
const notStarted = summary('IAM', { status: 'not_started', step: null, stage: null, next_due: null, day0: null, days_since: null, progress: 0 });
const plain = summary('메모', { kind: 'plain', status: null, step: null, stage: null, next_due: null, day0: null, progress: null });
const overview = {
  vault: '/home/me/공부', name: '공부', demo: false,
  agenda: {
    today: '2026-11-28', today_reviews: [noCues, early], upcoming: [], not_started: [notStarted], long_term: [], plain: [plain], issues: [],
    counts: { ...zero, due: 2, not_started: 1, plain: 1 },
  },
  complete: true,
  version: 1,
};
const notes = {
  [noCues.path]: { summary: noCues, cues: [], body_html: '<h3>핵심 요약</h3><p>네 가지 조건</p><p><a class="wikilink" href="#" data-note="페이징.md">페이징</a> <a href="https://example.com">밖</a></p>' },
  [early.path]: { summary: early, cues: [{ question_html: '페이징이란?', answer_html: '' }], body_html: '<p>고정 크기</p>' },
  [notStarted.path]: { summary: notStarted, cues: [], body_html: '' },
  [plain.path]: { summary: plain, cues: [], body_html: '' },
};

test('a note without cues goes to the note; 장기기억 완료 from D14; skip; finish', async () => {
  const { page } = await openPage(ctx, { '/home/me/공부': overview }, notes);
  await page.getByTestId('start-review').click();
  // No cue questions: straight to the note, with 장기기억 완료 offered at the 14-day review.
  await page.getByTestId('note-body').waitFor();
  assert.equal(await page.getByTestId('long-term').count(), 1);
  // A web link goes to the system browser, never into the app's window.
  await page.locator('[data-testid="note-body"] a[href^="https"]').click();
  assert.equal(page.url().startsWith('http://127.0.0.1'), true);
  assert.deepEqual(await page.evaluate(() => window.__BOKSEUP_BACKEND__.links), ['https://example.com']);
  // A wikilink opens the linked note on top.
  await page.locator('[data-testid="note-body"] a.wikilink').click();
  await page.getByTestId('reader').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'reader.png') });
  await page.keyboard.press('Escape');
  await page.getByTestId('reader').waitFor({ state: 'detached' });
  await page.keyboard.press('l');
  // The second note: D1, one cue without an answer; no long-term offer; skipped.
  await page.getByTestId('question').waitFor();
  assert.equal(await page.getByTestId('position').textContent(), '2 / 2');
  await page.keyboard.press(' ');
  assert.match(await page.getByTestId('answer').textContent(), /적어 둔 답이 없습니다/);
  await page.keyboard.press('1');
  assert.equal(await page.getByTestId('long-term').count(), 0);
  await page.keyboard.press('s');
  await page.getByTestId('finish').waitFor();
  assert.match(await page.getByTestId('finish').textContent(), /복습 1개 · 건너뜀 1개/);
  assert.match(await page.getByTestId('done-note').textContent(), /교착 상태.*장기기억/);
  const writes = await page.evaluate(() => window.__BOKSEUP_BACKEND__.writes);
  assert.deepEqual(writes.map((w) => [w.action, w.path, w.input.long_term, w.input.grades]), [['review', '교착 상태.md', true, []]]);
  await page.getByTestId('finish-home').click();
  await page.getByTestId('headline').waitFor();
  await page.close();
});

test('a failed save keeps the note and says why', async () => {
  const { page } = await openPage(ctx, { '/home/me/공부': overview }, notes);
  await page.evaluate(() => {
    window.__BOKSEUP_BACKEND__.review = async () => { throw { code: 'conflict', message: '교착 상태.md 파일이 그 사이에 바뀌었습니다.' }; };
  });
  await page.getByTestId('start-review').click();
  await page.getByTestId('note-body').waitFor();
  await page.keyboard.press('Enter');
  assert.match(await page.getByTestId('review-error').textContent(), /그 사이에 바뀌었습니다/);
  assert.equal(await page.getByTestId('complete').isEnabled(), true);
  await page.close();
});

test('start and enroll from the lists, with an undo toast', async () => {
  const { page } = await openPage(ctx, { '/home/me/공부': overview }, notes);
  await page.getByTestId('not-started').locator('summary').click();
  await page.getByTestId('not-started').getByTestId('list-action').click();
  assert.match(await page.getByTestId('toast').textContent(), /학습을 시작했습니다: IAM/);
  await page.getByTestId('plain').locator('summary').click();
  await page.getByTestId('plain').getByTestId('list-action').click();
  assert.match(await page.getByTestId('toast').textContent(), /복습 노트로 등록했습니다: 메모/);
  await page.screenshot({ path: join(ARTIFACTS, 'toast.png') });
  await page.keyboard.press('Control+z');
  await page.getByText('되돌렸습니다: 메모.md').waitFor();
  const writes = await page.evaluate(() => window.__BOKSEUP_BACKEND__.writes.map((w) => w.action));
  assert.deepEqual(writes, ['start']);
  await page.close();
});

test('a note reviewed elsewhere is set aside; an early review waits for the user to confirm', async () => {
  const { page } = await openPage(ctx, { '/home/me/공부': overview }, notes);
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.failReviewsForTest(
    { code: 'already_reviewed', message: '교착 상태.md: 이미 다른 곳에서 복습했습니다. 지금 이 노트는 추가 복습 · 2026-12-14 예정입니다. 아무것도 쓰지 않았습니다' },
    { code: 'not_due', message: '페이징.md: 1일 복습은(는) 2026-11-29에 할 차례입니다 (1일 뒤). 미리 복습으로 기록하려면 한 번 더 확인하세요' },
  ));
  await page.getByTestId('start-review').click();
  await page.getByTestId('note-body').waitFor();
  await page.keyboard.press('Enter');
  // Set aside with the backend's words; the next note comes.
  await page.getByText('이미 다른 곳에서 복습했습니다').waitFor();
  await page.getByTestId('question').waitFor();
  assert.equal(await page.getByTestId('review-title').textContent(), '페이징');
  await page.keyboard.press(' ');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  const early = page.getByTestId('early');
  await early.waitFor();
  assert.match(await early.textContent(), /2026-11-29에 할 차례입니다/);
  await page.screenshot({ path: join(ARTIFACTS, 'review-early.png') });
  await page.keyboard.press('Enter');
  await page.getByTestId('finish').waitFor();
  const writes = await page.evaluate(() => window.__BOKSEUP_BACKEND__.writes);
  assert.equal(writes.length, 1);
  assert.equal(writes[0].path, '페이징.md');
  assert.equal(writes[0].input.early, true);
  assert.match(await page.getByTestId('elsewhere').textContent(), /교착 상태/);
  await page.screenshot({ path: join(ARTIFACTS, 'review-finish-elsewhere.png') });
  await page.close();
});
