/**
 * A designer's flow in Chromium, on a 1440x900 laptop and a 1024x768 tablet:
 * a new show on a chosen venue (festival field, its size and zones), seats
 * selected then "+ Zone" makes a zone of them, a cue made to strobe too fast
 * shows its flash problem beside the cue as it is edited, the show is saved
 * as a draft that the live load refuses, and fixing the cue clears it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, startConsoleRig, type ConsoleRig } from './console-harness';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'tablet', width: 1024, height: 768 },
] as const;

let rig: ConsoleRig;

beforeAll(async () => {
  rig = await startConsoleRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

async function freshPage(width: number, height: number): Promise<Page> {
  const context = await rig.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await logIn(page, rig.url, 'admin', rig.adminPassword);
  return page;
}

/** A show whose only cue is a white/black SQUARE every `period` ms (400 is within 3/s). */
function strobeShow(id: string, period: number) {
  return {
    version: 1,
    id,
    name: `Strobe ${id}`,
    site: 7,
    venue: { name: 'Arena', zones: [0, 1, 2, 3].map((z) => ({ id: z, name: `Z${z}` })), seats: { kind: 'arena', seed: 1, seats: 2000, zones: 4 } },
    cueLists: [{ id: 'main', name: 'Main', cues: [{ id: 'hit', number: 1, label: 'Hit', looks: { all: { kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period } } }] }],
    transmitters: [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }],
  };
}

describe.each(VIEWPORTS)('designer flow at $width x $height', ({ name, width, height }) => {
  it('creates a show on a festival field of a chosen size, and "+ Zone" makes a zone of the selected seats', async () => {
    const page = await freshPage(width, height);
    await page.getByTestId('nav-shows').click();
    await page.getByTestId('new-show-name').fill(`Field ${name}`);
    await page.getByTestId('new-show-venue-kind-field').click();
    await page.getByTestId('new-show-venue-seats').fill('5000');
    await page.getByTestId('new-show-venue-zones').fill('6');
    await expect.poll(() => page.getByTestId('new-show-venue-total').textContent()).toMatch(/Festival field: [\d,]+ people in 6 zones/);
    await keepShot(`designer-new-show-${name}`, await page.screenshot());
    await page.getByTestId('new-show-create').click();
    const id = `field-${name}`;
    await expect.poll(async () => (await rig.server.shows.has(id)) && (await rig.server.shows.get(id)).show.venue.seats).toMatchObject({ kind: 'field', seats: 5000, zones: 6 });

    await page.getByTestId('nav-venue').click();
    await expect.poll(() => page.getByTestId('venue-selection').textContent()).toMatch(/seats · 6 zones/);
    const layer = page.getByTestId('venue-select-layer');
    await layer.scrollIntoViewIfNeeded();
    const box = (await layer.boundingBox())!;
    // A box over the middle of the field.
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    const selected = Number(/^(\d+) seats selected/.exec((await page.getByTestId('venue-selection').textContent()) ?? '')?.[1] ?? 0);
    expect(selected).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('zone-add').textContent()).toBe(`+ Zone from ${selected} seats`);
    await page.getByTestId('zone-add').click();
    // The new zone 6 holds exactly the selected seats, and they stay selected for the next step.
    const row = page.getByTestId('palette-zone-6').locator('xpath=..');
    await expect.poll(() => row.locator('.num').textContent(), { timeout: 10_000 }).toBe(String(selected));
    expect(await page.getByTestId('venue-selection').textContent()).toMatch(new RegExp(`^${selected} seats selected`));
    await expect.poll(async () => (await rig.server.shows.get(id)).show.venue.zones.map((z) => z.id), { timeout: 10_000 }).toContain(6);
    await keepShot(`designer-venue-zone-${name}`, await page.screenshot());

    // The venue kind and size can be changed on the Venue page too.
    const choice = page.getByTestId('venue-choice');
    await choice.getByTestId('venue-choice-kind-stadium').click();
    await choice.getByTestId('venue-choice-seats').fill('70000');
    expect(await choice.getByTestId('venue-choice-error').textContent()).toMatch(/seats must be .* to 65,535/);
    await choice.getByTestId('venue-choice-seats').fill('8000');
    await choice.getByTestId('venue-choice-zones').fill('12');
    await choice.getByTestId('venue-choice-apply').click();
    await expect.poll(() => page.getByTestId('venue-selection').textContent()).toMatch(/seats · 12 zones/);
    await page.context().close();
  }, 120_000);

  it('shows a too-fast cue\'s flash problem beside the cue as it is edited; the draft cannot go live until fixed', async () => {
    const id = `strobe-${name}`;
    await rig.server.shows.save(strobeShow(id, 400), 'admin');
    const page = await freshPage(width, height);
    await page.getByTestId('nav-shows').click();
    await page.getByTestId(`show-open-${id}`).click();
    await page.getByTestId('tab-cues').click();
    await page.getByTestId('cue-edit-row-hit').click();
    await expect.poll(() => page.getByTestId('flash-state').getAttribute('data-state')).toBe('ok');

    await page.getByTestId('cue-look-all-period').fill('100');
    await page.getByTestId('cue-look-all-period').press('Enter');
    // Inline, beside the cue, before anything is saved: the protocol's check in the page.
    await expect.poll(() => page.getByTestId('cue-errors').textContent()).toMatch(/"Hit": SQUARE every 100 ms flashes 10\/s, limit 3\/s \(slow it to every 334 ms or more\)/);
    expect(await page.getByTestId('flash-problems').textContent()).toMatch(/Draft: breaks the flash limit in 1 place/);
    // It still saves, as a draft.
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-draft'), { timeout: 10_000 }).toBe('yes');
    expect((await rig.server.shows.get(id)).draft?.problems[0]?.path).toBe('cueLists[0].cues[0].looks.all');
    await keepShot(`designer-flash-inline-${name}`, await page.screenshot());

    await page.getByTestId('nav-shows').click();
    await page.getByTestId(`show-draft-${id}`).waitFor();
    const live = rig.server.runtime.liveShowId;
    await page.getByTestId(`show-load-${id}`).click();
    await expect.poll(() => page.locator('.shows-page [role="alert"]').textContent()).toMatch(new RegExp(`show '${id}' is a draft and cannot go live: 1 problem with the flash limit: cueLists\\[0\\]\\.cues\\[0\\]\\.looks\\.all`));
    expect(rig.server.runtime.liveShowId).toBe(live);
    await keepShot(`designer-draft-refused-${name}`, await page.screenshot());

    // Fixed in Compose: the problem goes, the save clears the draft mark.
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('tab-cues').click();
    await page.getByTestId('cue-edit-row-hit').click();
    await page.getByTestId('cue-look-all-period').fill('400');
    await page.getByTestId('cue-look-all-period').press('Enter');
    await expect.poll(() => page.getByTestId('flash-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    await expect.poll(async () => (await rig.server.shows.get(id)).draft, { timeout: 10_000 }).toBeUndefined();
    await page.context().close();
  }, 120_000);
});
