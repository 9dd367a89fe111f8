// The app as part of the desktop: one instance (a second launch hands over its vault and exits
// 0), start at login (the autostart entry is written with --hidden and removed again, in a
// temporary HOME), and a real XDND drop from another program (a folder opens; a file or a
// folder without notes is explained and changes nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, copyFixture, privateBus, runApp, exited, eventually, desktop, text, shot, By, until } from './driver.mjs';
import { scratch } from '../scratch.mjs';

test('a second launch with a vault: the running window shows it, the second process exits 0', async (t) => {
  const bus = await privateBus();
  t.after(bus.stop);
  const app = await launch([copyFixture('variations'), '--today', '2024-10-27'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'variations');

  const broken = copyFixture('broken');
  const second = runApp([broken], { home: app.home, bus });
  assert.equal(await exited(second), 0, 'the second launch hands over and exits 0');
  await driver.wait(async () => (await text(driver, '[data-testid="vault-name"]')) === 'broken', 15000);
  assert.equal((await driver.findElements(By.css('[data-testid="issues"] li'))).length, 8);

  // A relative path is taken from where the second launch ran; a file is refused with a reason.
  const file = runApp([join(broken, '좋은 노트.md')], { home: app.home, bus });
  assert.equal(await exited(file), 0);
  await driver.wait(until.elementLocated(By.css('[data-testid="toast"]')), 15000);
  assert.match(await text(driver, '[data-testid="toast"]'), /폴더가 아니라 파일입니다/);
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'broken');
});

test('start at login: enabling writes the entry with --hidden, disabling removes it', async (t) => {
  const app = await launch(['--today', '2026-11-29']);
  t.after(app.stop);
  const { driver } = app;
  const autostart = join(app.home, '.config/autostart');
  const entries = () => (existsSync(autostart) ? readdirSync(autostart) : []);
  // The top bar settles once the vault is read (its name pushes the buttons): click after that.
  await driver.wait(until.elementLocated(By.css('[data-testid="headline"]')), 20000);
  await driver.findElement(By.css('[data-testid="open-settings"]')).click();
  const box = await driver.wait(until.elementLocated(By.css('[data-testid="autostart"]')), 10000);
  assert.equal(await box.isSelected(), false);
  assert.deepEqual(entries(), []);
  await box.click();
  // The entry is created, then written (two steps): read it once both lines are in.
  const desktopFile = await eventually(() => {
    const [entry] = entries();
    const written = entry ? readFileSync(join(autostart, entry), 'utf8') : '';
    return written.includes('Exec=') && written.includes('Type=') && written;
  }, 10000, 'the autostart entry');
  assert.match(desktopFile, /^Exec=.*bokseup.* --hidden$/m);
  assert.match(desktopFile, /^Type=Application$/m);
  await shot(driver, 'settings-autostart.png');
  await box.click();
  await eventually(() => entries().length === 0, 10000, 'the entry to go');
});

test('a real drop from a file manager: a folder opens, a file or a folder without notes changes nothing', async (t) => {
  const app = await launch(['--today', '2026-11-29']);
  t.after(app.stop);
  const { driver, bus } = app;
  await driver.wait(until.elementLocated(By.css('[data-testid="welcome"]')), 20000);
  // The app's window is at the top left with no window manager: drop in its middle. A synthetic
  // drag under Xvfb now and then misses its start; a missed one is dragged again, as a user would.
  const drop = async (uri, landed) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      desktop(bus, 'drop', uri, '590', '420');
      try {
        return await driver.wait(landed, 8000);
      } catch { /* dragged again below */ }
    }
    throw new Error(`the drop of ${uri} never landed`);
  };
  const toast = async () => ((await driver.findElements(By.css('[data-testid="toast"]'))).length ? text(driver, '[data-testid="toast"]') : '');
  const vault = copyFixture('variations');
  await drop(pathToFileURL(vault).href + '/', async () => (await text(driver, '[data-testid="vault-name"]')) === 'variations');
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 8개');
  await shot(driver, 'dropped.png');

  await drop(pathToFileURL(join(vault, 'AMI.md')).href, async () => /폴더가 아니라 파일입니다: .*AMI\.md/.test(await toast()));
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'variations');

  const pictures = join(scratch('bokseup-'), '사진');
  mkdirSync(pictures);
  writeFileSync(join(pictures, '그림.png'), 'x');
  await drop(pathToFileURL(pictures).href + '/', async () => /노트\(\.md 파일\)가 없습니다/.test(await toast()));
  assert.equal(await text(driver, '[data-testid="vault-name"]'), 'variations');
  await shot(driver, 'drop-refused.png');
});
