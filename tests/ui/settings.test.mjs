// The settings screen and the desktop's requests in headless Chromium, with the in-memory backend
// playing the backend's and the desktop's parts: reminder times, refusals shown as the backend
// words them, silencing, the calendar file and its help, the tray's absence, the autostart offer,
// and a toast's click starting the review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, openPage, ARTIFACTS } from './page.mjs';

let ctx;
before(async () => { ctx = await startServer(); });
after(async () => { await ctx.close(); });

const zero = { overdue: 0, due: 0, upcoming: 0, not_started: 0, long_term: 0, plain: 0, issues: 0 };
function note(title, status) {
  return {
    path: `${title}.md`, title, kind: 'review', subject: 'AWS', textbook: null, day0: '2026-11-20', status, step: 'd4',
    stage: '4일 복습', next_due: '2026-11-24', days_since: 8, days_late: 4, progress: 0.2, progress_bar: '', cues: 0,
  };
}
function overview(vault, reviews) {
  return {
    vault, name: vault.split('/').at(-1), demo: false,
    agenda: { today: '2026-11-28', today_reviews: reviews, upcoming: [], not_started: [], long_term: [], plain: [], issues: [],
      counts: { ...zero, overdue: reviews.length } },
    complete: true,
    version: 1,
  };
}
const VAULT = { '/home/me/공부': overview('/home/me/공부', [note('EBS 볼륨', 'overdue')]) };
const NOTES = { 'EBS 볼륨.md': { summary: note('EBS 볼륨', 'overdue'), cues: [], body_html: '<p>본문</p>' } };
const backend = (page, code) => page.evaluate(code);

async function openSettings(status, lang = 'ko', extra = {}) {
  const options = lang === 'en' ? { locale: 'en-US', extra: { ...extra, settings: { language: 'en' } } } : { extra };
  const opened = await openPage(ctx, VAULT, NOTES, undefined, status, options);
  await opened.page.getByTestId('open-settings').click();
  await opened.page.getByTestId('reminder-line').waitFor();
  return opened;
}

test('reminder times are edited as a list and saved as the backend keeps them', async () => {
  const { page, errors } = await openSettings();
  assert.equal(await page.getByTestId('reminder-line').textContent(), '다음 알림 오늘 21:00 · 지금 오늘 복습 1개');
  assert.equal(await page.getByTestId('save-settings').isDisabled(), true, 'nothing to save yet');
  await page.getByTestId('new-time').fill('13:30');
  await page.getByTestId('new-time').press('Enter');
  await page.getByRole('button', { name: '09:00 빼기' }).click();
  assert.deepEqual(await page.getByTestId('reminder-times').locator('li').allTextContents(), ['21:00×', '13:30×']);
  await page.getByTestId('min-due').fill('3');
  await page.getByTestId('rollover-hour').selectOption({ label: '새벽 5시' });
  await page.getByTestId('save-settings').click();
  await page.getByTestId('toast').getByText('설정을 저장했습니다').waitFor();
  const saved = await backend(page, () => window.__BOKSEUP_BACKEND__.saved.at(-1));
  assert.deepEqual(saved, {
    rollover_hour: 5, reminders: true, reminder_times: ['21:00', '13:30'], min_due: 3, keep_running: true, calendar_file: null,
    week_start: 'sunday', language: 'auto', theme: 'system', history_in_vault: true, daily_limit: { unit: 'notes', value: 20 }, exams: [], caldav: null, feed: false, feed_port: 47613,
    easy_days: ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal'], break_days: null, until_done: false,
  });
  assert.equal(await page.getByTestId('save-settings').isDisabled(), true);
  await page.screenshot({ path: join(ARTIFACTS, 'settings.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a refused value is shown as the backend says it, and nothing is lost from the form', async () => {
  const { page } = await openSettings();
  await backend(page, () => window.__BOKSEUP_BACKEND__.refuseSettingsForTest('알림 시각 형식이 아닙니다: "9시". 24시간제 HH:MM으로 적으세요 (예: 09:00, 21:30)'));
  await page.getByTestId('new-time').fill('9시');
  await page.getByTestId('add-time').click();
  await page.getByTestId('save-settings').click();
  const alert = page.getByTestId('settings-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /알림 시각 형식이 아닙니다: "9시"/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.deepEqual(await page.getByTestId('reminder-times').locator('li').allTextContents(), ['09:00×', '21:00×', '9시×']);
  assert.equal(await page.getByTestId('save-settings').isDisabled(), false);
  await page.screenshot({ path: join(ARTIFACTS, 'settings-refused.png') });
  await page.close();
});

test('silencing, the tray\'s absence, start at login', async () => {
  const { page } = await openSettings({ tray_problem: '이 데스크톱에는 트레이 아이콘을 보여 줄 곳(StatusNotifier 호스트)이 없습니다. 알림은 그대로 옵니다' });
  await page.getByTestId('mute-hour').click();
  await page.getByText('알림을 잠시 껐습니다 · 오늘 13:00까지').waitFor();
  await page.getByTestId('unmute').click();
  await page.getByTestId('mute-today').waitFor();
  assert.match(await page.getByTestId('tray-problem').textContent(), /StatusNotifier 호스트/);
  await page.getByTestId('autostart').check();
  await page.getByTestId('autostart').uncheck();
  assert.deepEqual(await backend(page, () => window.__BOKSEUP_BACKEND__.calls), ['mute:hour', 'unmute', 'autostart:true', 'autostart:false']);
  await page.close();
});

test('toasts the system would not show: what to do, and the button to the system\'s settings where there is one', async () => {
  const refused = {
    text: 'macOS에서 Bokseup의 알림이 꺼져 있어 복습 알림이 보이지 않습니다. 시스템 설정 › 알림 › Bokseup에서 알림을 허용해 주세요.',
    settings: true,
  };
  const { page } = await openSettings({ toast_problem: refused });
  const problem = page.getByTestId('toast-problem');
  assert.match(await problem.textContent(), /시스템 설정 › 알림 › Bokseup/);
  assert.equal(await page.getByTestId('toast-settings').textContent(), '알림 설정 열기');
  await page.getByTestId('toast-settings').click();
  assert.deepEqual(await backend(page, () => window.__BOKSEUP_BACKEND__.calls), ['toast-settings']);
  await page.getByTestId('panel-reminders').screenshot({ path: join(ARTIFACTS, 'settings-toasts-refused.png') });
  await page.close();

  const portable = { text: 'Windows shows no notifications from a copy of Bokseup that was not installed. Install it with its installer (-setup.exe or .msi) to get reminders.', settings: false };
  const { page: english } = await openSettings({ toast_problem: portable }, 'en');
  assert.match(await english.getByTestId('toast-problem').textContent(), /Install it with its installer/);
  assert.equal(await english.getByTestId('toast-settings').count(), 0, 'no settings page mends a portable copy');
  assert.equal(await english.getByRole('heading', { name: 'Review reminders' }).count(), 1, 'the screen speaks English');
  await english.close();

  const { page: fine } = await openSettings();
  await fine.getByTestId('reminder-line').waitFor();
  assert.equal(await fine.getByTestId('toast-problem').count(), 0);
  await fine.close();
});

test('updates: checked when asked, the new version with its notes, installed, restarted; a failure keeps the offer', async () => {
  const check = { current: '0.1.0', configured: true, installable: true, available: { version: '0.2.0', date: '2026-12-01', notes: '휴대폰 알림이 iPhone에서도 옵니다\n밀린 복습 계획이 주말을 비웁니다' } };
  const { page, errors } = await openSettings(undefined, 'ko', { update: { check, installFailure: { code: 'refused', message: '내려받은 업데이트의 서명이 이 앱의 키와 맞지 않아 아무것도 설치하지 않았습니다' } } });
  const panel = page.getByTestId('panel-update');
  assert.equal(await panel.getByTestId('update-line').count(), 0, 'nothing is fetched before the user asks');
  await panel.getByTestId('update-check').click();
  assert.equal(await panel.getByTestId('update-line').textContent(), '새 버전 0.2.0 · 2026-12-01 배포: 내려받아 서명을 확인한 뒤 설치합니다.');
  assert.match(await panel.getByTestId('update-notes').textContent(), /iPhone에서도/);
  await panel.getByTestId('update-install').click();
  assert.match(await panel.getByTestId('update-error').textContent(), /서명이 이 앱의 키와 맞지 않아/);
  assert.equal(await panel.getByTestId('update-install').count(), 1, 'the offer stays after a failure');
  await panel.screenshot({ path: join(ARTIFACTS, 'settings-update-refused.png') });
  await page.close();

  const { page: en } = await openSettings(undefined, 'en', { update: { check } });
  const panelEn = en.getByTestId('panel-update');
  await panelEn.getByTestId('update-check').click();
  await panelEn.getByTestId('update-install').click();
  assert.equal(await panelEn.getByTestId('update-line').textContent(), '0.2.0 is installed. It opens at the next start.');
  await panelEn.getByTestId('update-restart').click();
  assert.deepEqual(await backend(en, () => window.__BOKSEUP_BACKEND__.calls), ['update:check', 'update:install:0.2.0', 'restart']);
  await panelEn.screenshot({ path: join(ARTIFACTS, 'settings-update-installed.png') });
  await en.close();

  const { page: own } = await openSettings();
  await own.getByTestId('update-check').click();
  assert.equal(await own.getByTestId('update-line').textContent(), '직접 빌드한 앱은 스스로 업데이트하지 않습니다. 새 버전은 릴리스 페이지에서 받으세요.');
  assert.equal(await own.getByTestId('update-check').count(), 0);
  await own.close();
  assert.deepEqual(errors, []);
});

test('the calendar file: picked, saved, written, with help for phones', async () => {
  const { page } = await openSettings();
  assert.equal(await page.getByTestId('calendar-line').textContent(), '아직 캘린더 파일을 정하지 않았습니다.');
  assert.match(await page.getByTestId('calendar-help').textContent(), /Google 캘린더는 구독한 캘린더에 들어 있는 알림을 무시/);
  assert.match(await page.getByTestId('calendar-help').textContent(), /기본 알림/);
  await backend(page, () => window.__BOKSEUP_BACKEND__.pickCalendarForTest('/home/me/Sync/복습.ics'));
  await page.getByTestId('pick-calendar').click();
  assert.equal(await page.getByTestId('calendar-file').inputValue(), '/home/me/Sync/복습.ics');
  await page.getByTestId('save-settings').click();
  await page.getByText('오늘 12:00에 썼습니다 · 복습이 있는 날 3일').waitFor();
  await page.getByTestId('export-calendar').click();
  assert.ok((await backend(page, () => window.__BOKSEUP_BACKEND__.calls)).includes('export'));
  await page.getByTestId('panel-calendar').screenshot({ path: join(ARTIFACTS, 'settings-calendar.png') });
  await page.keyboard.press('Escape');
  await page.getByTestId('headline').waitFor();
  await page.close();
});

test('the calendar account: a service fills its address, test, save with the password, publish status, both languages', async () => {
  const { page, errors } = await openSettings();
  const panel = page.getByTestId('panel-caldav');
  assert.equal(await page.getByTestId('caldav-line').textContent(), '아직 캘린더 계정을 정하지 않았습니다.');
  assert.equal(await page.getByTestId('caldav-url').inputValue(), 'https://caldav.icloud.com/', 'iCloud first, its address filled in');
  assert.match(await page.getByTestId('caldav-provider-help').textContent(), /앱 암호/);
  // Google takes no app password: the panel says what to do instead and offers no form.
  await page.getByTestId('caldav-provider').selectOption('google');
  assert.match(await page.getByTestId('caldav-provider-help').textContent(), /OAuth/);
  assert.equal(await page.getByTestId('caldav-url').count(), 0);
  await page.getByTestId('caldav-provider').selectOption('naver');
  assert.equal(await page.getByTestId('caldav-url').inputValue(), 'https://caldav.calendar.naver.com/');
  await page.getByTestId('caldav-user').fill('student');
  await page.getByTestId('caldav-password').fill('app-pw-1234');
  await page.getByTestId('caldav-test').click();
  await page.getByTestId('caldav-said').getByText('연결됨: https://caldav.calendar.naver.com/').waitFor();
  // A refusal from the server is shown as the backend words it.
  await backend(page, () => window.__BOKSEUP_BACKEND__.failCaldavForTest({ code: 'calendar', message: '사용자 이름이나 앱 암호가 틀렸습니다 (401)' }));
  await page.getByTestId('caldav-save').click();
  await page.getByTestId('caldav-said').getByText('앱 암호가 틀렸습니다').waitFor();
  assert.equal(await page.getByTestId('caldav-said').getAttribute('class').then((c) => c.includes('bad')), true);
  await backend(page, () => window.__BOKSEUP_BACKEND__.failCaldavForTest(null));
  await page.getByTestId('caldav-save').click();
  await page.getByTestId('caldav-said').getByText('캘린더 계정을 저장했습니다').waitFor();
  assert.equal(await page.getByTestId('caldav-line').textContent(), '곧 올립니다…');
  assert.equal(await page.getByTestId('caldav-password').inputValue(), '', 'the password does not stay on the page');
  assert.equal(await page.getByTestId('caldav-password').getAttribute('placeholder'), '저장됨 (바꾸려면 새로 입력)');
  const calls = await backend(page, () => window.__BOKSEUP_BACKEND__.calls);
  assert.ok(calls.includes('caldav:naver:https://caldav.calendar.naver.com/:student'), calls.join(', '));
  // A publish in the background shows as it happens; a failure says when it is tried again.
  await backend(page, () => window.__BOKSEUP_BACKEND__.publishedForTest({
    calendar: 'https://caldav.calendar.naver.com/calendar/student/bokseup/', published_at: '2026-11-28T11:58:00', events: 12, changed: 12,
    error: null, failed_at: null, retry_at: null, failures: 0 }));
  await page.getByTestId('caldav-line').getByText('오늘 11:58에 올렸습니다 · 복습이 있는 날 12일').waitFor();
  await panel.screenshot({ path: join(ARTIFACTS, 'settings-caldav-ko.png') });
  await backend(page, () => window.__BOKSEUP_BACKEND__.publishedForTest({
    calendar: null, published_at: '2026-11-28T11:58:00', events: 12, changed: 0,
    error: '캘린더 서버에 닿지 못했습니다 (인터넷 연결을 확인하세요)', failed_at: '2026-11-28T12:00:00', retry_at: '2026-11-28T12:01:00', failures: 1 }));
  await page.getByTestId('caldav-line').getByText('오늘 12:01에 다시 시도합니다').waitFor();
  await page.getByTestId('caldav-publish').click();
  await page.getByTestId('caldav-forget').click();
  await page.getByTestId('caldav-said').getByText('캘린더 계정과 암호를 지웠습니다').waitFor();
  assert.equal(await page.getByTestId('caldav-line').textContent(), '아직 캘린더 계정을 정하지 않았습니다.');
  const after = await backend(page, () => window.__BOKSEUP_BACKEND__.calls);
  assert.ok(after.includes('publish') && after.includes('caldav:none'), after.join(', '));
  assert.deepEqual(errors, []);
  await page.close();

  const en = await openPage(ctx, VAULT, NOTES, undefined, undefined, { locale: 'en-US', colorScheme: 'dark', extra: { settings: { language: 'en', theme: 'dark' } } });
  await en.page.getByTestId('open-settings').click();
  await en.page.getByTestId('panel-caldav').waitFor();
  assert.equal(await en.page.getByTestId('caldav-line').textContent(), 'No calendar account yet.');
  assert.match(await en.page.getByTestId('caldav-roads').textContent(), /iPhone: publish to iCloud/);
  await en.page.getByTestId('panel-caldav').screenshot({ path: join(ARTIFACTS, 'settings-caldav-en-dark.png') });
  await en.page.close();
});

test('the home-network feed: off by default, on after saving with its address and QR code, a new address', async () => {
  const { page, errors } = await openSettings();
  assert.equal(await page.getByTestId('feed-line').textContent(), '꺼져 있습니다.');
  assert.equal(await page.getByTestId('feed-qr').count(), 0);
  assert.match(await page.getByTestId('panel-feed').textContent(), /같은 와이파이에 있고 앱이 켜져 있을 때/);
  await page.getByTestId('feed-on').check();
  assert.match(await page.getByTestId('panel-feed').textContent(), /켜고 저장하면 주소와 QR 코드가 나옵니다/);
  await page.getByTestId('save-settings').click();
  await page.getByTestId('feed-qr').waitFor();
  assert.equal(await page.getByTestId('feed-url').textContent(), 'webcal://192.168.0.7:47613/0123456789abcdef0123456789abcdef.ics');
  assert.equal(await page.getByTestId('feed-line').textContent(), '이 컴퓨터에서 내주는 중입니다.');
  // Every dark module of the backend's code is drawn: 21 modules a side plus the quiet zone.
  assert.equal(await page.getByTestId('feed-qr').getAttribute('viewBox'), '0 0 29 29');
  await page.getByTestId('panel-feed').screenshot({ path: join(ARTIFACTS, 'settings-feed.png') });
  await page.getByTestId('feed-renew').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="feed-url"]').textContent.includes('fedcba9876543210'));
  const saved = await backend(page, () => window.__BOKSEUP_BACKEND__.saved.at(-1));
  assert.equal(saved.feed, true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reminder\'s click starts the review; with nothing due it says so', async () => {
  const { page } = await openPage(ctx, VAULT, NOTES);
  await backend(page, () => window.__BOKSEUP_BACKEND__.requestForTest({ kind: 'review' }));
  await page.getByTestId('review').waitFor();
  assert.equal(await page.getByTestId('review-title').textContent(), 'EBS 볼륨');
  await page.close();

  const free = await openPage(ctx, { '/home/me/쉬는 날': overview('/home/me/쉬는 날', []) });
  await backend(free.page, () => window.__BOKSEUP_BACKEND__.requestForTest({ kind: 'review' }));
  await free.page.getByTestId('toast').getByText('오늘 복습할 노트가 없어요').waitFor();
  await backend(free.page, () => window.__BOKSEUP_BACKEND__.requestForTest({ kind: 'notice', message: '폴더가 아니라 파일입니다: /tmp/a.md' }));
  await free.page.getByTestId('toast').getByText('폴더가 아니라 파일입니다').waitFor();
  await free.page.close();
});

test('the offer to start at login comes once, on a vault of the user\'s own', async () => {
  const { page } = await openPage(ctx, VAULT, NOTES, undefined, { offer_autostart: true });
  const offer = page.getByTestId('autostart-offer');
  await offer.waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'autostart-offer.png') });
  await page.getByTestId('offer-accept').click();
  await offer.waitFor({ state: 'detached' });
  assert.deepEqual(await backend(page, () => window.__BOKSEUP_BACKEND__.calls), ['offer:true']);
  await page.close();
});
