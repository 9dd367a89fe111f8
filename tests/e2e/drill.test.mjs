// The weak-question drill in the real app: a vault whose history (another device's file in
// .bokseup/history) says three questions were forgotten or unsure; home counts them, the drill
// takes them with the review's keys, the grades reach this device's history file, and every note
// file is byte-identical afterwards. Then a backlog over the daily limit and an exam on home.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, makeVault, text, eventually, shot, By, until } from './driver.mjs';

const hashes = (vault) => {
  const out = {};
  const walk = (dir, rel = '') => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else if (name.endsWith('.md')) out[`${rel}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(vault);
  return out;
};

const line = (n, note, question, grade) => JSON.stringify({
  v: 1, kind: 'answer', event: `phone-${n}`, at: `2026-11-2${n}T09:00:00`, note, question, grade, source: 'review', step: 'd1', ms: 5000,
});

test('a drill of three weak questions writes no note', async (t) => {
  const vault = makeVault('공부', {
    'AWS/AMI.md': '⭕첫 학습날: 2026-11-20\n⭕과목: AWS\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false',
    'AWS/EBS.md': '⭕첫 학습날: 2026-11-20\n⭕과목: AWS\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false',
    '네트워크/DNS.md': '⭕첫 학습날: 2026-11-26\n⭕과목: 네트워크\n❤1일복습여부: true\n🧡4일복습여부: false',
  });
  mkdirSync(join(vault, '.bokseup/history'), { recursive: true });
  writeFileSync(join(vault, '.bokseup/history/phone.jsonl'),
    [line(1, 'AWS/AMI.md', '무엇인가?', 3), line(2, 'AWS/EBS.md', '무엇인가?', 2), line(3, '네트워크/DNS.md', '무엇인가?', 3)].join('\n') + '\n');
  const before = hashes(vault);
  const app = await launch([vault, '--today', '2026-11-29', '--time', '10:00']);
  t.after(app.stop);
  const { driver } = app;
  await eventually(async () => (await text(driver, '[data-testid="weak-count"]')) === '약한 질문 3개', 15000, 'the weak count');
  await driver.findElement(By.css('[data-testid="start-drill"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="drill"]')), 10000);
  assert.match(await text(driver, '[data-testid="drill-promise"]'), /노트 파일은 바뀌지 않습니다/);
  const body = await driver.findElement(By.css('body'));
  const seen = [];
  for (const grade of ['1', '2', '1']) {
    await eventually(async () => (await driver.findElements(By.css('[data-testid="reveal"]'))).length === 1, 10000, 'a question');
    seen.push(await text(driver, '[data-testid="drill-note"]'));
    await body.sendKeys(' ');
    await driver.wait(until.elementLocated(By.css('[data-testid="answer"]')), 5000);
    if (seen.length === 1) await shot(driver, 'drill-real.png');
    await body.sendKeys(grade);
  }
  await driver.wait(until.elementLocated(By.css('[data-testid="drill-finish"]')), 10000);
  assert.match(await text(driver, '[data-testid="drill-finish"]'), /기억남 2 · 헷갈림 1 · 모름 0/);
  await shot(driver, 'drill-real-finish.png');
  assert.deepEqual(seen.sort(), ['AMI', 'DNS', 'EBS']);

  // The notes are exactly as they were; the grades are in this device's history file.
  assert.deepEqual(hashes(vault), before, 'every note byte-identical');
  const files = readdirSync(join(vault, '.bokseup/history')).filter((f) => f !== 'phone.jsonl');
  assert.equal(files.length, 1, `this device's file: ${files}`);
  const lines = readFileSync(join(vault, '.bokseup/history', files[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.kind, l.source, l.grade]), [['answer', 'drill', 1], ['answer', 'drill', 2], ['answer', 'drill', 1]]);
  assert.ok(lines.every((l) => l.ms >= 0 && l.question === '무엇인가?'));

  // Back home: the question graded 헷갈림 is still weak; the others are remembered now.
  await driver.findElement(By.css('[data-testid="drill-home"]')).click();
  await eventually(async () => (await text(driver, '[data-testid="weak-count"]')) === '약한 질문 1개', 10000, 'one weak question left');
});

test('a backlog over the daily limit and an exam on home, in the real app', async (t) => {
  const notes = {};
  for (let i = 0; i < 8; i++) notes[`AWS/개념 ${i}.md`] = `⭕첫 학습날: 2026-11-${10 + i}\n⭕과목: AWS\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false`;
  const vault = makeVault('공부', notes);
  const app = await launch([vault, '--today', '2026-11-29', '--time', '10:00']);
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 8개');
  // Settings: a limit of 3 notes and an exam in five days on AWS.
  const body = await driver.findElement(By.css('body'));
  await body.sendKeys('g', ',');
  await driver.wait(until.elementLocated(By.css('[data-testid="panel-plan"]')), 10000);
  const limit = await driver.findElement(By.css('[data-testid="daily-limit"]'));
  await limit.clear();
  await limit.sendKeys('3');
  await driver.findElement(By.css('[data-testid="add-exam"]')).click();
  await driver.findElement(By.css('[data-testid="exam-name"]')).sendKeys('AWS SysOps');
  await driver.executeScript(`const d = document.querySelector('[data-testid="exam-date"]');
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; set.call(d, '2026-12-04');
    d.dispatchEvent(new Event('input', { bubbles: true }));`);
  const subjects = await driver.findElement(By.css('[data-testid="exam-subjects"]'));
  await subjects.sendKeys('AWS');
  await driver.executeScript('document.querySelector(\'[data-testid="exam-subjects"]\').dispatchEvent(new Event("change", { bubbles: true }))');
  await driver.executeScript('document.querySelector(\'[data-testid="panel-plan"]\').scrollIntoView()');
  await shot(driver, 'settings-plan-real.png');
  await driver.findElement(By.css('[data-testid="save-settings"]')).click();
  await eventually(async () => (await driver.findElements(By.css('[data-testid="toast"]'))).length === 1, 10000, 'saved');
  await body.sendKeys('g', 'h');
  await eventually(async () => (await text(driver, '[data-testid="plan-line"]')).startsWith('오늘은 3개만 · 나머지 5개는 다음 2일에'), 10000, 'the plan line');
  assert.equal((await text(driver, '[data-testid="start-review"]')).replace(/\s+/g, ' '), '복습 시작 3');
  assert.equal(await text(driver, '[data-testid="minutes-today"]'), '오늘 복습 약 5분');
  assert.equal(await text(driver, '[data-testid="exam-countdown"]'), 'D-5');
  assert.equal(await text(driver, '[data-testid="exam-coverage"]'), '8개 중 0개 복습함 · 남은 8개를 5일에');
  await shot(driver, 'plan-exam-real.png');
  // The calendar shows the rest of the backlog on the next days.
  await body.sendKeys('g', 'c');
  await eventually(async () => (await driver.findElements(By.css('[data-testid="day"][data-date="2026-11-30"][data-plan="3"]'))).length === 1, 10000, 'the plan on the calendar');
  await driver.findElement(By.css('[data-testid="day"][data-date="2026-11-30"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="plan-list"]')), 5000);
  await shot(driver, 'calendar-plan-real.png');
});
