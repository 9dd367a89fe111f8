// The built UI in headless Chromium, without Tauri: api.ts falls back to the in-memory backend,
// fed with overviews here. Covers what the app test cannot reach cheaply: empty days, error
// recovery, the drop overlay, keyboard focus, and a narrow window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

const zero = { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 };
function note(title, next_due, status, extra = {}) {
  return {
    path: `과목/${title}.md`, title, kind: 'review', subject: '네트워크', textbook: '하향식 접근', day0: '2026-11-20',
    status, step: 'd4', stage: '4일 복습', next_due, days_since: 8, days_late: 0, progress: 0.2,
    progress_bar: '🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%', cues: 3, ...extra,
  };
}
function overview(vault, demo, agenda) {
  return { vault, name: vault.split('/').at(-1), demo, agenda: { today: '2026-11-28', today_reviews: [], upcoming: [], not_started: [], long_term: [], plain: [], issues: [], counts: zero, ...agenda }, complete: true, version: 1 };
}
const VAULTS = {
  '/home/me/공부': overview('/home/me/공부', false, {
    today_reviews: [note('TCP', '2026-11-24', 'overdue', { days_late: 4 }), note('UDP', '2026-11-28', 'due')],
    upcoming: [note('DNS', '2026-11-29', 'upcoming')],
    counts: { ...zero, overdue: 1, due: 1, upcoming: 1 },
  }),
  '/home/me/쉬는 날': overview('/home/me/쉬는 날', false, {
    upcoming: [note('HTTP', '2026-12-01', 'upcoming')],
    counts: { ...zero, upcoming: 1 },
  }),
};

function open(vaults, viewport) {
  return openPage(ctx, vaults, {}, viewport);
}

test('shows the open vault: headline, counts and cards in the backend\'s order', async () => {
  const { page, errors } = await open(VAULTS);
  assert.equal(await page.getByTestId('headline').textContent(), '오늘 복습할 노트 2개');
  assert.equal(await page.getByTestId('vault-name').textContent(), '공부');
  assert.equal(await page.getByTestId('today').textContent(), '2026년 11월 28일 (토)');
  const cards = page.getByTestId('today-reviews').getByTestId('note-card');
  assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.dataset.path)), ['과목/TCP.md', '과목/UDP.md']);
  assert.equal(await cards.first().getByTestId('due').textContent(), '4일 지남');
  assert.equal(await cards.nth(1).getByTestId('due').textContent(), '오늘');
  assert.equal(await page.getByTestId('count-overdue').locator('.value').textContent(), '1');
  assert.equal(await page.getByTestId('welcome').count(), 0, 'no demo banner on a real vault');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a free day says so and points at the next review', async () => {
  const { page } = await open({ '/home/me/쉬는 날': VAULTS['/home/me/쉬는 날'] });
  assert.equal(await page.getByTestId('headline').textContent(), '오늘은 복습할 노트가 없어요');
  assert.match(await page.locator('.sub').textContent(), /다음 복습은 3일 뒤 · HTTP/);
  assert.match(await page.getByTestId('today-reviews').textContent(), /모두 마쳤어요/);
  await page.close();
});

test('a dropped folder opens; a bad one is explained with a way back', async () => {
  const { page } = await open(VAULTS);
  assert.equal(await page.getByTestId('drop-overlay').count(), 0);
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.dragForTest('enter'));
  assert.match(await page.getByTestId('drop-overlay').textContent(), /여기에 놓으면 이 폴더를 볼트로 엽니다/);
  await page.screenshot({ path: join(ARTIFACTS, 'drop-overlay.png') });
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.dragForTest('leave'));
  assert.equal(await page.getByTestId('drop-overlay').count(), 0);
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.dragForTest('drop', ['/home/me/쉬는 날']));
  await page.getByText('오늘은 복습할 노트가 없어요').waitFor();
  assert.equal(await page.getByTestId('vault-name').textContent(), '쉬는 날');
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.dragForTest('drop', ['/tmp/없는 폴더']));
  const toast = page.getByTestId('toast');
  await toast.waitFor();
  assert.match(await toast.textContent(), /폴더를 찾을 수 없습니다: \/tmp\/없는 폴더/);
  // The open vault stays: a bad drop changes nothing.
  assert.equal(await page.getByTestId('vault-name').textContent(), '쉬는 날');
  assert.equal(await page.getByTestId('error').count(), 0);
  await page.close();
});

test('every control is reachable by keyboard, and Enter opens a collapsed group', async () => {
  const vault = overview('/home/me/공부', false, {
    not_started: [note('IAM', null, 'not_started', { stage: null, progress: 0 })],
    counts: { ...zero, not_started: 1 },
  });
  const { page } = await open({ '/home/me/공부': vault });
  const focused = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.innerText?.replace(/\s+/g, ' ').trim()));
  }
  assert.deepEqual(focused, ['다시 읽기', '☀️ 오늘', '📚 노트', '📅 달력', '📈 통계', '⚙️ 설정', '📂 폴더 열기…', '시작 전 1 첫 학습날이 없는 복습 노트']);
  assert.equal(await page.getByTestId('list-note').isVisible(), false);
  await page.keyboard.press('Enter');
  // A folded group builds its rows when it opens (its toggle event comes a task later).
  await page.getByTestId('list-note').waitFor({ state: 'visible', timeout: 5000 });
  // The focus ring shows where the keyboard is, in both themes.
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(ring, 'solid');
  await page.close();
});

test('coming back to the window rescans the vault', async () => {
  const { page } = await open(VAULTS);
  await page.evaluate(() => {
    const api = window.__BOKSEUP_BACKEND__;
    const real = api.rescanPage;
    window.__rescans = 0;
    api.rescanPage = () => (window.__rescans++, real());
  });
  await page.evaluate(() => window.__BOKSEUP_BACKEND__.focusForTest());
  await page.waitForFunction(() => window.__rescans === 1);
  await page.close();
});

test('a narrow window keeps cards readable', async () => {
  const { page } = await open(VAULTS, { width: 720, height: 900 });
  const box = await page.getByTestId('note-card').first().boundingBox();
  assert.ok(box.width >= 250 && box.x >= 0 && box.x + box.width <= 720, JSON.stringify(box));
  await page.screenshot({ path: join(ARTIFACTS, 'narrow.png'), fullPage: true });
  await page.close();
});
