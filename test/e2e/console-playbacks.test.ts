/**
 * The Live page's playbacks in Chromium against the real controller: every
 * playback of the live state has its executor on the strip; its GO sends
 * `go { cueList }`, a double-click sends one GO, Backspace sends BACK, GO TO
 * asks for a second press (or Shift), the running parade list shows a parade
 * and its Stop sends `stopParade`. The commands are read off the console's own
 * socket.io frames, so the test checks what the console put on the wire.
 * GO, BLACKOUT, master and the crowd view stay on screen at 1440x900 and 1024x768.
 */
import type { LiveState } from '@crowdcue/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, openLive, startConsoleRig, type ConsoleRig } from './console-harness';

interface SentCommand {
  name: string;
  payload: Record<string, unknown>;
}

let rig: ConsoleRig;
let page: Page;
const sent: SentCommand[] = [];

/** Records every socket.io event the page emits (`42<ack id>["name", payload]`). */
function recordCommands(p: Page, into: SentCommand[]): void {
  p.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const m = /^42\d*(\[.*\])$/s.exec(typeof payload === 'string' ? payload : payload.toString('utf8'));
      if (!m) return;
      const [name, body] = JSON.parse(m[1]) as [string, Record<string, unknown>];
      into.push({ name, payload: body ?? {} });
    });
  });
}

/** A shared 2-core CI machine can be slow: wait generously for what must happen (never for a time). */
const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) => expect.poll(fn, { timeout: opts.timeout ?? 20_000, interval: 100 });
const SLOW = 90_000;
const sentOf = (name: string, cueList?: string) => sent.filter((c) => c.name === name && (cueList === undefined || c.payload.cueList === cueList));
const liveState = (): LiveState => rig.server.runtime.snapshot();

beforeAll(async () => {
  rig = await startConsoleRig();
  page = await rig.browser.newPage({ viewport: { width: 1440, height: 900 } });
  recordCommands(page, sent);
  await logIn(page, rig.url, 'admin', rig.adminPassword);
  await openLive(page);
  await page.getByTestId('playback-strip').waitFor();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('Live page playbacks in Chromium', () => {
  it('shows every playback of the live state on the strip', async () => {
    const playbacks = liveState().playbacks;
    expect(playbacks.length).toBeGreaterThan(0);
    for (const p of playbacks) {
      await poll(() => page.getByTestId(`playback-${p.cueList}`).isVisible()).toBe(true);
      expect(await page.getByTestId(`playback-select-${p.cueList}`).textContent()).toContain(p.name);
    }
  }, SLOW);

  it("each playback's GO sends go { cueList } and its cue starts", async () => {
    for (const p of liveState().playbacks) {
      const before = sentOf('go', p.cueList).length;
      await page.getByTestId(`playback-go-${p.cueList}`).click();
      await poll(() => sentOf('go', p.cueList).length).toBe(before + 1);
      await poll(() => page.getByTestId(`playback-current-${p.cueList}`).textContent()).not.toBe('—');
    }
  }, SLOW);

  it('a double-click on GO is one GO, for every playback', async () => {
    for (const p of liveState().playbacks) {
      const go = page.getByTestId(`playback-go-${p.cueList}`);
      await poll(() => go.getAttribute('data-locked')).toBe('false');
      const before = sentOf('go', p.cueList).length;
      await go.dblclick();
      await poll(() => go.getAttribute('data-locked')).toBe('false');
      // One more single GO after the lock-out: once its frame is seen, every earlier frame has been.
      await go.click();
      await poll(() => sentOf('go', p.cueList).length).toBeGreaterThanOrEqual(before + 2);
      expect(sentOf('go', p.cueList).length).toBe(before + 2);
    }
  }, SLOW);

  it('Backspace goes BACK on the selected playback', async () => {
    const first = liveState().playbacks[0];
    await page.getByTestId(`playback-select-${first.cueList}`).click();
    const before = sentOf('back', first.cueList).length;
    await page.keyboard.press('Backspace');
    await poll(() => sentOf('back', first.cueList).length).toBe(before + 1);
  }, SLOW);

  it('GO TO from a cue row asks for a second press, or goes at once with Shift', async () => {
    const list = liveState().playbacks[0].cueList;
    const goto = page.getByTestId('goto-wave');
    const before = sentOf('goto').length;
    // One press arms the row and sends nothing; left alone, it disarms.
    await goto.click();
    await poll(() => goto.getAttribute('data-armed')).toBe('true');
    await poll(() => goto.getAttribute('data-armed'), { timeout: 15_000 }).toBe('false');
    expect(sentOf('goto').length).toBe(before);
    // Two presses in a row go there, once.
    await goto.dblclick();
    await poll(() => sentOf('goto').length).toBe(before + 1);
    expect(sentOf('goto').at(-1)?.payload).toEqual({ cue: 'wave', cueList: list });
    await page.getByTestId('goto-chase').click({ modifiers: ['Shift'] });
    await poll(() => sentOf('goto').length).toBe(before + 2);
    expect(sentOf('goto').at(-1)?.payload).toEqual({ cue: 'chase', cueList: list });
  }, SLOW);

  it('lists the running parades, and Stop sends stopParade for that run', async () => {
    await poll(() => liveState().parades.length).toBeGreaterThan(0);
    for (const r of liveState().parades) {
      await poll(() => page.getByTestId(`parade-run-${r.run}`).textContent()).toContain(r.name);
    }
    const run = liveState().parades[0].run;
    await page.getByTestId(`parade-stop-${run}`).click();
    await poll(() => sentOf('stopParade').at(-1)?.payload).toEqual({ run });
  }, SLOW);

  it("each playback's level fader sends level { cueList, level }", async () => {
    for (const p of liveState().playbacks) {
      await page.getByTestId(`playback-level-${p.cueList}`).fill('128');
      await poll(() => sentOf('level', p.cueList).at(-1)?.payload).toEqual({ cueList: p.cueList, level: 128 });
    }
  }, SLOW);

  it('a zone says why it shows what it shows: on hover, and spelled out when picked', async () => {
    const zone = liveState().zones[0].zone;
    await poll(() => page.getByTestId(`zone-${zone}`).getAttribute('title')).toContain(`zone ${zone}: `);
    await page.getByTestId(`zone-${zone}`).click();
    await poll(() => page.getByTestId(`zone-why-${zone}`).textContent()).toMatch(new RegExp(`^zone ${zone}: `));
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('zone-whys').count()).toBe(0);
  }, SLOW);

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    it(`keeps GO, BLACKOUT, master, the crowd view and the strip on screen at ${width}x${height}`, async () => {
      await page.setViewportSize({ width, height });
      // As the page opens (earlier steps scrolled the stage column to reach the zone grid).
      await page.evaluate(() => document.querySelectorAll('.page, .live-main, .desk-more').forEach((el) => el.scrollTo(0, 0)));
      await page.mouse.move(0, 0);
      for (const id of ['go', 'blackout', 'master', 'crowd-view', ...liveState().playbacks.flatMap((pb) => ['go', 'pause', 'stop', 'level'].map((b) => `playback-${b}-${pb.cueList}`))]) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.y, id).toBeGreaterThanOrEqual(0);
        expect(box!.x, id).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height, `${id} bottom`).toBeLessThanOrEqual(height);
        expect(box!.x + box!.width, `${id} right`).toBeLessThanOrEqual(width);
      }
      // Touch targets: the strip's buttons and the cue rows' GO TO.
      const targets = page.locator('[data-testid^="playback-go-"], [data-testid^="playback-pause-"], [data-testid^="playback-stop-"], [data-testid^="playback-select-"], [data-testid^="parade-stop-"], [data-testid^="goto-"]');
      for (const box of await targets.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })))) {
        expect(Math.min(box.w, box.h)).toBeGreaterThanOrEqual(44);
      }
      await keepShot(`live-playbacks-${width}x${height}`, await page.screenshot());
    }, SLOW);
  }
});
