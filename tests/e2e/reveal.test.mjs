// "폴더에서 보기" in the real app on Linux: the note is shown selected through the FileManager1
// D-Bus interface, caught by a file manager double on the test's private session bus, with the
// note's file:// URI (a Korean path, percent-encoded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { launch, makeVault, privateBus, fileManager, eventually, text, By, until } from './driver.mjs';

test('a note is shown selected in the file manager', async (t) => {
  const bus = await privateBus();
  const files = await fileManager(bus);
  t.after(() => (files.stop(), bus.stop()));
  const vault = makeVault('공부', { 'AWS/EC2 인스턴스.md': '⭕과목: AWS\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { bus });
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await (await driver.wait(until.elementLocated(By.css('[data-testid="today-reviews"] button.open')), 10000)).click();
  await (await driver.wait(until.elementLocated(By.css('[data-testid="show-folder"]')), 10000)).click();
  const calls = await eventually(() => files.calls().length && files.calls(), 10000, 'ShowItems');
  assert.deepEqual(calls, [[pathToFileURL(join(vault, 'AWS/EC2 인스턴스.md')).href]]);
});
