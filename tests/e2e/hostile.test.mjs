// A hostile note in the real window: scripts, event handlers, remote images, frames, styles and
// javascript: links in its body and its cue questions. Nothing runs, nothing is fetched (a local
// server counts every request), and the window never navigates away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, makeVault, text, shot, sleep, By, until } from './driver.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

test('a hostile note runs nothing and fetches nothing', async (t) => {
  const hits = [];
  const server = createServer((req, res) => (hits.push(req.url), res.end('x')));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const remote = `http://127.0.0.1:${server.address().port}`;
  const vault = makeVault('공부', { '악성.md': '⭕첫 학습날: 2026-11-28\n❤1일복습여부: false' });
  writeFileSync(join(vault, '악성.md'), `---
⭕첫 학습날: 2026-11-28
❤1일복습여부: false
---
### 단서 질문

- 질문 <img src="x" onerror="window.__pwned = 'cue'">
    - 답 <script>window.__pwned = 'answer'</script>

### 핵심 필기

<script>window.__pwned = 'script'</script>

<img src="x" onerror="window.__pwned = 'onerror'">

![원격](${remote}/markdown-image.png)

<img src="${remote}/html-image.png">

<iframe src="${remote}/frame"></iframe>

<style>body { background: url(${remote}/css.png) }</style>

<svg onload="window.__pwned = 'svg'"><image href="${remote}/svg.png"/></svg>

<object data="${remote}/object"></object>

[자바스크립트](javascript:window.__pwned=1)

<a href="javascript:window.__pwned='a'" id="js">클릭</a>

<form action="${remote}/form"><button>보내기</button></form>
`);
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00']);
  t.after(app.stop);
  const { driver } = app;
  assert.equal(await text(driver, '[data-testid="headline"]'), '오늘 복습할 노트 1개');
  await driver.findElement(By.css('[data-testid="start-review"]')).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="question"]')), 15000);
  await driver.actions().sendKeys(' ').perform();
  await driver.wait(until.elementLocated(By.css('[data-testid="answer"]')), 5000);
  await driver.actions().sendKeys('1').perform();
  const body = await driver.wait(until.elementLocated(By.css('[data-testid="note-body"]')), 5000);
  for (const link of await body.findElements(By.css('a'))) {
    try { await link.click(); } catch { /* a link that is not clickable is fine */ }
  }
  await sleep(2000);
  await shot(driver, 'hostile.png');
  assert.equal(await driver.executeScript('return window.__pwned'), null, 'no script ran');
  assert.deepEqual(hits, [], 'nothing was fetched');
  const html = await driver.executeScript('return document.querySelector("[data-testid=note-body]").innerHTML');
  for (const tag of ['<script', '<iframe', '<object', '<style', '<form', 'onerror=', 'onload=', 'href="javascript:', 'src="http']) {
    assert.ok(!html.includes(tag), `${tag} in ${html}`);
  }
  assert.equal(await driver.executeScript('return location.protocol + "//" + location.host'), 'tauri://localhost', 'the window stays on the app');
});
