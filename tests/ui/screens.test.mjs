// Every screen in both languages and both themes, in headless Chromium with the in-memory
// backend: no text runs out of its box (bounding boxes checked), the labels are in the chosen
// language, the theme is the chosen one (or the system's), and a screenshot of each is kept in
// tests/ui/.artifacts for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';
import { overflows } from './layout.mjs';
import { makeVault } from './fixture.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

const { overview, notes, extra } = makeVault({ n: 60 });
const VAULTS = { '/home/me/공부': overview };
const FIRST = overview.agenda.today_reviews[0].path;

/** What each screen shows in each language, to know the labels changed. */
const SCREENS = [
  { name: 'home', go: async () => {}, ko: '오늘의 복습', en: "Today's reviews" },
  { name: 'library', go: (p) => p.keyboard.press('g').then(() => p.keyboard.press('l')), ko: '노트 60개', en: '60 notes' },
  { name: 'library-cards', go: (p) => p.getByTestId('layout-cards').click(), ko: '노트 60개', en: '60 notes' },
  { name: 'note', go: (p) => p.goto(p.url()).then(() => openNote(p)), ko: '복습 기록', en: 'Reviews' },
  { name: 'calendar', go: (p) => p.keyboard.press('g').then(() => p.keyboard.press('c')), ko: '앞으로 30일', en: 'The next 30 days' },
  { name: 'stats', go: (p) => p.keyboard.press('g').then(() => p.keyboard.press('s')), ko: '과목별 노트', en: 'Notes by subject' },
  { name: 'settings', go: (p) => p.getByTestId('open-settings').click(), ko: '한 주의 시작', en: 'Weeks start on' },
];

async function openNote(page) {
  await page.getByTestId('headline').waitFor();
  await page.locator(`[data-testid="today-reviews"] [data-path="${FIRST}"] button.open`).click();
  await page.getByTestId('history').waitFor();
}

for (const lang of ['ko', 'en']) {
  for (const theme of ['light', 'dark']) {
    test(`every screen fits, in ${lang} and ${theme}`, async () => {
      const { page, errors } = await openPage(ctx, VAULTS, notes, { width: 1180, height: 820 }, undefined, {
        extra: { ...extra, settings: { language: lang, theme } },
      });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      for (const screen of SCREENS) {
        await screen.go(page);
        await page.getByText(screen[lang], { exact: false }).first().waitFor();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const problems = await overflows(page);
        assert.deepEqual(problems, [], `${screen.name} in ${lang}/${theme}`);
        await page.screenshot({ path: join(ARTIFACTS, `screen-${screen.name}-${lang}-${theme}.png`) });
        // The other language's words are not on the screen.
        const other = screen[lang === 'ko' ? 'en' : 'ko'];
        assert.equal(await page.getByText(other, { exact: true }).count(), 0, `${screen.name}: "${other}"`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

test('a narrow window fits every screen too, in English (the longer words)', async () => {
  const { page, errors } = await openPage(ctx, VAULTS, notes, { width: 720, height: 900 }, undefined, {
    extra: { ...extra, settings: { language: 'en', theme: 'light' } },
  });
  for (const screen of SCREENS) {
    await screen.go(page);
    await page.getByText(screen.en, { exact: false }).first().waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(await overflows(page), [], screen.name);
    await page.screenshot({ path: join(ARTIFACTS, `screen-${screen.name}-narrow.png`) });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the theme follows the system until one is chosen', async () => {
  const { page } = await openPage(ctx, VAULTS, notes, undefined, undefined, { extra, colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  // Colours come from the theme: the card is light on light, dark on dark.
  const card = () => page.getByTestId('note-card').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await card();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.notEqual(await card(), light);
  await page.close();
});

test('a vault without review notes says what to do on every screen', async () => {
  const plainOnly = makeVault({ n: 1, plain: true, path: '/home/me/빈 볼트' });
  const { page } = await openPage(ctx, { '/home/me/빈 볼트': plainOnly.overview }, plainOnly.notes, undefined, undefined, { extra: plainOnly.extra });
  await page.getByTestId('no-review-notes').waitFor();
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await page.getByTestId('calendar-empty').waitFor();
  assert.match(await page.getByTestId('forecast').textContent(), /앞으로 30일 동안 예정된 복습이 없습니다/);
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await page.getByTestId('stats-empty').waitFor();
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  assert.equal(await page.getByTestId('library-count').textContent().then((s) => s.trim()), '노트 1개');
  await page.getByTestId('library-search').fill('없는 말');
  await page.getByTestId('library-none').waitFor();
  assert.deepEqual(await overflows(page), []);
  await page.screenshot({ path: join(ARTIFACTS, 'empty-library.png') });
  await page.close();
});
