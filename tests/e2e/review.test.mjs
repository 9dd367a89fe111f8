// A whole review in the real app, from the keyboard: each cue question, Space for the answer,
// a grade, the note, Enter. The file on disk must then equal the golden bytes of the engine's
// tests; Ctrl+Z must give back the original bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, text, all, By, until, ROOT, ARTIFACTS } from './driver.mjs';
import { scratch } from '../scratch.mjs';

const running = [];
after(async () => { for (const s of running) await s(); });

const GOLDEN = join(ROOT, 'tests/fixtures/golden');

async function press(driver, ...keys) {
  for (const key of keys) {
    await driver.actions().sendKeys(key).perform();
    await driver.sleep(120);
  }
}

test('review a note with the keyboard; the file equals the golden bytes; undo restores it', async () => {
  const vault = join(scratch('bokseup-review-'), 'vault');
  mkdirSync(join(vault, 'AWS'), { recursive: true });
  const input = join(GOLDEN, 'input/seed-10000.md');
  copyFileSync(input, join(vault, 'AWS/AMI.md'));
  mkdirSync(join(vault, 'attachments'));
  writeFileSync(join(vault, 'attachments/image 39.png'), readFileSync(join(ROOT, 'icons/32x32.png')));

  const app = await launch([vault, '--today', '2024-08-29', '--time', '14:01']);
  running.push(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await driver.findElement(By.css('[data-testid="start-review"]')).click();

  assert.equal(await text(driver, '[data-testid="review-title"]'), 'AMI');
  assert.equal(await text(driver, '[data-testid="review-stage"]'), '4일 복습');
  assert.equal(await text(driver, '[data-testid="position"]'), '1 / 1');
  const questions = [];
  for (let i = 0; i < 5; i++) {
    questions.push(await text(driver, '[data-testid="question"]'));
    assert.equal((await all(driver, '[data-testid="answer"]')).length, 0, 'the answer stays hidden until Space');
    await press(driver, ' ');
    await driver.wait(until.elementLocated(By.css('[data-testid="answer"]')), 5000);
    if (i === 0) writeFileSync(join(ARTIFACTS, 'review-answer.png'), await driver.takeScreenshot(), 'base64');
    await press(driver, String((i % 3) + 1));
  }
  assert.deepEqual(questions, ['AMI가 뭐야?', '인스턴스를 다른 AZ로 옮기는 방법', 'AMI를 백업하는 방법', 'EC2 Image Builder란?', 'EC2 Image Builder의 동작 방식']);

  // The whole note to reread, with its image served from the vault and its callout.
  await driver.wait(until.elementLocated(By.css('[data-testid="note-body"]')), 5000);
  const image = await driver.findElement(By.css('[data-testid="note-body"] img[alt="image 39.png"]'));
  assert.ok(await driver.executeScript('return arguments[0].complete && arguments[0].naturalWidth > 0', image), 'the embed loads through vault://');
  assert.equal((await all(driver, '[data-testid="note-body"] .callout-important')).length, 1);
  assert.equal((await all(driver, '[data-testid="long-term"]')).length, 0, '장기기억 완료 only from the 14-day review on');
  writeFileSync(join(ARTIFACTS, 'review-note.png'), await driver.takeScreenshot(), 'base64');
  await press(driver, '\uE007'); // Enter

  await driver.wait(until.elementLocated(By.css('[data-testid="finish"]')), 10000);
  assert.match(await text(driver, '[data-testid="done-note"]'), /AMI\s*4일 복습\s*→\s*7일 복습 · 9월 1일 \(일\)/);
  writeFileSync(join(ARTIFACTS, 'review-finish.png'), await driver.takeScreenshot(), 'base64');
  assert.deepEqual(readFileSync(join(vault, 'AWS/AMI.md')), readFileSync(join(GOLDEN, 'expected/review-d4.md')));

  // Ctrl+Z undoes the review: the original bytes, and the note is back in the queue.
  await driver.actions().keyDown('\uE009').sendKeys('z').keyUp('\uE009').perform();
  await driver.wait(async () => readFileSync(join(vault, 'AWS/AMI.md')).equals(readFileSync(input)), 10000);
  assert.equal(await text(driver, '[data-testid="review-title"]'), 'AMI');
});
