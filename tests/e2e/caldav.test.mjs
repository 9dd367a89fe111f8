// Publishing from the real app: the student saves a calendar account in the settings (its app
// password going to a real Secret Service, GNOME Keyring, on the test's private session bus), and
// the app's background publisher puts the review days into a real CalDAV server (Radicale); a
// note changed in Obsidian reaches the server by itself a few seconds later. The password is in
// neither the app's database nor its settings. And the home-network feed: the address under the
// QR code, fetched as a phone would, gives the same bytes as `bokseup ics`; GET only, a wrong
// token is 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, makeVault, privateBus, eventually, text, shot, runApp, exited, BIN, appEnv, ARTIFACTS, By, until } from './driver.mjs';
import { createServer } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { radicale } from '../calendar/radicale.mjs';
import { scratch } from '../scratch.mjs';

const PASSWORD = 'kr-app-pw-7f3e9a';

/** GNOME Keyring's secrets daemon on `bus`, its login keyring made and unlocked with a password. */
async function keyring(bus, home) {
  const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: { ...process.env, ...bus.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home },
    stdio: ['pipe', 'ignore', 'ignore'], detached: true,
  });
  daemon.stdin.end('keyring-unlock');
  await eventually(() => execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.ListNames'], { env: { ...process.env, ...bus.env }, encoding: 'utf8' }).includes('org.freedesktop.secrets'), 15000, 'the keyring daemon');
  return { stop: () => { try { process.kill(-daemon.pid, 'SIGKILL'); } catch { /* gone */ } } };
}

/** Every file under `dir` but the keyring's own, for a search of the password. */
function files(dir) {
  return readdirSync(dir, { recursive: true }).map((f) => join(dir, f))
    .filter((f) => !f.includes('/keyrings/') && statSync(f, { throwIfNoEntry: false })?.isFile());
}

test('an account saved in the settings publishes by itself, and follows a change in Obsidian', async (t) => {
  const bus = await privateBus();
  const home = scratch('bokseup-home-');
  const secrets = await keyring(bus, home);
  const server = await radicale('student', PASSWORD);
  t.after(() => (server.stop(), secrets.stop(), bus.stop()));
  const vault = makeVault('공부', {
    'AWS/EBS.md': '⭕과목: AWS\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
    '네트워크/DNS.md': '⭕과목: 네트워크\n⭕첫 학습날: 2026-11-25\n❤1일복습여부: true\n🧡4일복습여부: false',
  });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { home, bus });
  t.after(app.stop);
  const { driver } = app;
  const field = (id) => driver.wait(until.elementLocated(By.css(`[data-testid="${id}"]`)), 10000);
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 2개');
  await (await field('open-settings')).click();
  await (await field('caldav-provider')).sendKeys('다른 CalDAV 서버');
  const url = await field('caldav-url');
  await url.clear();
  await url.sendKeys(server.root);
  await (await field('caldav-user')).sendKeys('student');
  await (await field('caldav-password')).sendKeys(PASSWORD);
  await (await field('caldav-test')).click();
  await eventually(async () => (await text(driver, '[data-testid="caldav-said"]')) === `연결됨: ${server.url}`, 20000, 'the connection test');
  await (await field('caldav-save')).click();
  let seen = '';
  await eventually(async () => {
    seen = `${await text(driver, '[data-testid="caldav-said"]').catch(() => '')} / ${await text(driver, '[data-testid="caldav-line"]')}`;
    return /올렸습니다 · 복습이 있는 날 \d+일/.test(seen);
  }, 30000, 'the first publish').catch((e) => assert.fail(`${e.message}: ${seen}`));
  const first = server.held();
  const days = Number((await text(driver, '[data-testid="caldav-line"]')).match(/있는 날 (\d+)일/)[1]);
  assert.equal(Object.keys(first).length, days);
  assert.ok(Object.values(first).some((e) => e.includes('SUMMARY:복습 2개')), 'today\'s two reviews, in one event');
  assert.ok(Object.values(first).every((e) => e.includes('BEGIN:VALARM')));
  await driver.executeScript('document.querySelector(\'[data-testid="panel-caldav"]\').scrollIntoView()');
  await shot(driver, 'settings-caldav-published.png');

  // A note started in Obsidian for 12-10: its D1 on 12-11 reaches the server by itself.
  writeFileSync(join(vault, 'AWS/S3.md'), '---\n⭕과목: AWS\n⭕첫 학습날: 2026-12-10\n❤1일복습여부: false\n---\n');
  await eventually(() => Object.keys(server.held()).some((f) => f.startsWith('20261211-')), 30000, 'the change published');

  // The password is in the keyring only: not in the app's database, settings or logs.
  const searched = files(home);
  assert.ok(searched.some((f) => f.endsWith('.db') || f.endsWith('.sqlite3')), searched.join(', '));
  for (const f of searched) {
    assert.ok(!readFileSync(f).includes(PASSWORD), `the password is in ${f}`);
  }
});

test('the home-network feed serves what `bokseup ics` prints, GET only, behind its token', async (t) => {
  const bus = await privateBus();
  const home = scratch('bokseup-home-');
  t.after(() => bus.stop());
  const port = await new Promise((done) => { const s = createServer().listen(0, () => { const p = s.address().port; s.close(() => done(p)); }); });
  for (const args of [['feed', 'on'], ['feed-port', String(port)]]) {
    assert.equal(await exited(runApp(['settings', ...args], { home, bus })), 0);
  }
  const vault = makeVault('공부', {
    'AWS/EBS.md': '⭕과목: AWS\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
    '네트워크/DNS.md': '⭕과목: 네트워크\n⭕첫 학습날: 2026-11-20\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false',
  });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { home, bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 2개');
  await (await driver.wait(until.elementLocated(By.css('[data-testid="open-settings"]')), 10000)).click();
  const url = await eventually(async () => /^webcal:\/\//.test(await text(driver, '[data-testid="feed-url"]')) && text(driver, '[data-testid="feed-url"]'), 20000, 'the feed address');
  assert.match(url, new RegExp(`^webcal://[0-9.]+:${port}/[0-9a-f]{32}\\.ics$`));
  await driver.executeScript('document.querySelector(\'[data-testid="panel-feed"]\').scrollIntoView()');
  await shot(driver, 'settings-feed-real.png');
  // The QR code on screen, read from the window's screenshot by an independent decoder, is that
  // address.
  const qr = PNG.sync.read(Buffer.from(await driver.takeScreenshot(), 'base64'));
  assert.equal(jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data, url);

  const http = url.replace(/^webcal:/, 'http:');
  const served = await fetch(http);
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type'), /^text\/calendar/);
  const body = Buffer.from(await served.arrayBuffer());
  const printed = execFileSync(BIN, ['ics', vault, '--today', '2026-11-29'], { env: { ...process.env, ...appEnv(home), ...bus.env } });
  assert.ok(body.equals(printed), `the feed and \`bokseup ics\` differ:\n${body}\n---\n${printed}`);
  assert.match(body.toString(), /SUMMARY:복습 2개/);

  assert.equal((await fetch(http.replace(/[0-9a-f]{32}/, '0'.repeat(32)))).status, 404, 'a wrong token');
  assert.equal((await fetch(http.replace(/\/[0-9a-f]{32}\.ics$/, '/'))).status, 404);
  const post = await fetch(http, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET');
  assert.equal((await fetch(http, { method: 'DELETE' })).status, 405);

  // A new address: the old one is gone.
  await (await driver.findElement(By.css('[data-testid="feed-renew"]'))).click();
  await eventually(async () => (await text(driver, '[data-testid="feed-url"]')) !== url, 10000, 'a new address');
  assert.equal((await fetch(http)).status, 404, 'the old address');
});
