// The window as a machine without a GPU shows it: the app paints without accelerated compositing
// there (window::choose_painting; its web process gets WEBKIT_DISABLE_COMPOSITING_MODE=1), and a
// review runs start to end on real key presses (XTest, the X server's own input, not WebDriver's),
// its screens painted (an X screenshot of the screen) and its tick written to the note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeVault, privateBus, runApp, desktop, eventually, ARTIFACTS } from './driver.mjs';
import { scratch } from '../scratch.mjs';

const gpu = existsSync('/dev/dri') && readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));

/** The environment of `pid`'s WebKit web process, as name → value. */
function webProcessEnv(pid) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; }
    // "pid (comm) state ppid …": comm may hold spaces, so read past its closing parenthesis.
    const [comm, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2)];
    if (comm.startsWith('WebKitWebProces') && Number(rest.split(' ')[1]) === pid) {
      const pairs = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').filter(Boolean);
      return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    }
  }
  return null;
}

/** An X screenshot of the whole screen, saved as `name`: its distinct colours (a blank or black
 * window has one or two) and its pixels' signature (a hash that changes when anything painted). */
function screenshot(name) {
  const file = join(ARTIFACTS, name);
  execFileSync('import', ['-window', 'root', file]);
  const [colours, pixels] = execFileSync('identify', ['-format', '%k %#', file], { encoding: 'utf8' }).split(' ');
  return { colours: Number(colours), pixels };
}

test('without a GPU the window paints straight, and a review runs on the real keyboard', async (t) => {
  const vault = makeVault('공부', { 'AWS/AMI.md': '⭕첫 학습날: 2026-11-28\n⭕과목: AWS\n❤1일복습여부: false' });
  const note = join(vault, 'AWS/AMI.md');
  const home = scratch('bokseup-home-');
  const ready = join(scratch('bokseup-ready-'), 'ready');
  const bus = await privateBus();
  // The app's own choice: whatever the developer's shell says about compositing is left out.
  const app = runApp([vault, '--review', '--today', '2026-11-29', '--time', '10:00'], {
    home, bus, env: { WEBKIT_DISABLE_COMPOSITING_MODE: undefined, BOKSEUP_READY_FILE: ready },
  });
  t.after(() => { try { process.kill(-app.pid, 'SIGKILL'); } catch { /* gone */ } bus.stop(); });

  await eventually(() => existsSync(ready), 30000, 'the first screen painted');
  const env = await eventually(() => webProcessEnv(app.pid), 10000, 'the web process');
  assert.equal(env.WEBKIT_DISABLE_COMPOSITING_MODE, gpu ? undefined : '1', gpu ? 'a GPU composites' : 'no GPU: painted straight');

  // The review's first cue question, painted; each key paints a new screen.
  const question = await eventually(() => { const s = screenshot('painting-question.png'); return s.colours > 20 && s; }, 10000, 'the question painted');
  desktop(bus, 'keys', 'space');
  const answer = await eventually(() => { const s = screenshot('painting-answer.png'); return s.pixels !== question.pixels && s; }, 10000, 'the answer painted');
  desktop(bus, 'keys', '1');
  await eventually(() => screenshot('painting-note.png').pixels !== answer.pixels, 10000, 'the note painted');
  desktop(bus, 'keys', 'Return');
  await eventually(() => readFileSync(note, 'utf8').includes('❤1일복습여부: true'), 10000, 'the 1-day review ticked in the note');
  assert.equal(readFileSync(note, 'utf8'),
    '---\n⭕첫 학습날: 2026-11-28\n⭕과목: AWS\n❤1일복습여부: true\n🔁마지막복습: 2026-11-29\n---\n\n### 단서 질문\n\n- 무엇인가?\n    - 답\n',
    'the tick and the review\'s date, nothing else');
  await eventually(() => screenshot('painting-finish.png').pixels !== answer.pixels, 10000, 'the finish painted');
});
