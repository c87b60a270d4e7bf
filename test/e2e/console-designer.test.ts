/**
 * A designer's console in Chromium under the controller's security headers: it
 * loads, connects its live socket, and saves a parade without touching the
 * fields only operators and admins may change (transmitters, brand approval,
 * the safety override), which stay exactly as they were stored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startConsoleRig, type ConsoleRig } from './console-harness';

let rig: ConsoleRig;
let page: Page;
const refusedByPolicy: string[] = [];

beforeAll(async () => {
  rig = await startConsoleRig();
  const { show, revision } = await rig.server.shows.get('demo');
  // What an admin and an operator set up before the designer comes in.
  await rig.server.shows.save(
    {
      ...show,
      brandSequences: [{ id: 'acme-hold', brand: 'acme', name: 'Acme hold', steps: [{ kind: 'hold', duration: 2000 }], schedule: { showTime: 600_000 }, approved: true, approvedBy: 'op' }],
      safety: { maxFlashesPerSecond: 5, override: { maxFlashesPerSecond: 5, reason: 'finale', approvedBy: 'admin' } },
    },
    'admin',
    { expectedRevision: revision },
  );
  await rig.server.accounts.create({ username: 'dana', role: 'designer', password: 'designer-password' });
  page = await rig.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refusedByPolicy.push(m.text());
  });
  await logIn(page, rig.url, 'dana', 'designer-password');
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('a designer console under the security headers', () => {
  it('saves a parade and leaves transmitters, brand approval and the safety override as stored', async () => {
    const before = await rig.server.shows.get('demo');
    await page.getByTestId('nav-shows').click();
    await page.getByTestId('show-open-demo').click();
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('parade-editor').waitFor();
    await page.getByTestId('parade-add').click();
    await page.getByTestId('add-step-COLOR').click();
    await page.getByTestId('step-color-0').fill('#00ff00');
    await page.getByTestId('step-color-0').blur();
    await expect.poll(async () => (await rig.server.shows.get('demo')).revision, { timeout: 15_000 }).toBeGreaterThan(before.revision);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(saved|clean)$/);

    const after = await rig.server.shows.get('demo');
    expect(after.savedBy).toBe('dana');
    expect(after.show.parades.length).toBe(before.show.parades.length + 1);
    expect(after.show.transmitters).toEqual(before.show.transmitters);
    expect(after.show.brandSequences).toEqual(before.show.brandSequences);
    expect(after.show.safety).toEqual(before.show.safety);
    expect(refusedByPolicy).toEqual([]);
  });
});
