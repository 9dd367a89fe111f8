// Today's due count on the dock icon: on a private session bus the app emits
// com.canonical.Unity.LauncherEntry.Update for its desktop entry with `count` equal to the tray's
// due count, and `count-visible` false once the reviews are done (here, by `bokseup review` in a
// terminal, which the app's watcher hears).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, makeVault, privateBus, launcherSignals, trayWatcher, runApp, exited, eventually, text } from './driver.mjs';

test('the dock shows today\'s count, and nothing once the reviews are done', async (t) => {
  const bus = await privateBus();
  const dock = await launcherSignals(bus);
  const tray = await trayWatcher(bus);
  t.after(() => (dock.stop(), tray.stop(), bus.stop()));
  const vault = makeVault('공부', {
    'AWS/EBS.md': '⭕과목: AWS\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
    '네트워크/DNS.md': '⭕과목: 네트워크\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false',
  });
  const app = await launch([vault, '--today', '2026-11-29', '--time', '12:00:00'], { bus });
  t.after(app.stop);
  assert.equal(await text(app.driver, '[data-testid="headline"]'), '오늘 복습할 노트 2개');
  const last = () => dock.heard.at(-1);
  await eventually(() => last()?.count === 2, 20000, 'a count of 2 on the dock');
  assert.deepEqual(last(), { uri: 'application://Bokseup.desktop', count: 2, visible: true });
  assert.ok((await tray.next()).registered, 'the tray item registered');
  await eventually(async () => (await tray.send('menu')).label === '2', 15000, 'the tray says the same');
  for (const note of ['AWS/EBS.md', '네트워크/DNS.md']) {
    assert.equal(await exited(runApp(['review', vault, note, '--today', '2026-11-29'], { home: app.home, bus })), 0);
  }
  await eventually(() => last()?.count === 0, 20000, 'the count cleared');
  assert.deepEqual(last(), { uri: 'application://Bokseup.desktop', count: 0, visible: false });
});
