/**
 * The Inputs settings page in Chromium against the real controller, at
 * 1440x900, as an operator: adding an OSC input to the live show, a bad
 * allow-list entry refused naming the field, saving, the controller listening
 * on the port at once, an OSC packet built here taken in, and the live page
 * showing the OSC input's figures.
 */
import { createSocket } from 'node:dgram';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, startConsoleRig, type ConsoleRig } from './console-harness';
import { freeUdpPort } from '../../controller/src/free-port.test-util';

let rig: ConsoleRig;
let page: Page;
const SLOW = 90_000;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/** An OSC message `address ,i value`, written byte by byte. */
function oscInt(address: string, value: number): Buffer {
  const padded = (s: string) => {
    const b = Buffer.from(`${s}\0`);
    return Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  };
  const arg = Buffer.alloc(4);
  arg.writeInt32BE(value);
  return Buffer.concat([padded(address), padded(',i'), arg]);
}

beforeAll(async () => {
  rig = await startConsoleRig();
  await rig.server.accounts.create({ username: 'stage-op', role: 'operator', password: 'stage-op-password' });
  page = await rig.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logIn(page, rig.url, 'stage-op', 'stage-op-password');
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('Inputs settings page in Chromium', () => {
  it('lets an operator add an OSC input to the live show, refusing a bad field by name', async () => {
    await page.getByTestId('nav-inputs').click();
    await page.getByTestId('inputs-page').waitFor();
    await poll(() => page.getByTestId('inputs-section-osc').textContent()).toContain('This show takes no OSC');
    expect(await page.getByTestId('inputs-section-timecode').isVisible()).toBe(true);
    expect(await page.getByTestId('inputs-section-desk').isVisible()).toBe(true);

    await page.getByTestId('osc-add').click();
    const port = await freeUdpPort();
    await page.getByTestId('osc-port').fill(String(port));
    await page.getByTestId('osc-port').press('Enter');
    await page.getByTestId('osc-allow').fill('127.0.0.1\nstage-left');
    await page.getByTestId('inputs-save').click();
    await poll(() => page.getByTestId('inputs-field-errors').textContent()).toContain('inputs.osc.allow[1]');
    expect((await rig.server.shows.get('demo')).show.inputs).toBeUndefined();

    await page.getByTestId('osc-allow').fill('127.0.0.1\n10.0.5.0/24');
    await page.getByTestId('inputs-save').click();
    await poll(() => page.getByTestId('inputs-saved').textContent()).toContain('the live show uses it now');
    expect((await rig.server.shows.get('demo')).show.inputs?.osc).toMatchObject({ port, allow: ['127.0.0.1', '10.0.5.0/24'] });
    await poll(() => rig.server.osc.port).toBe(port);
    await keepShot('inputs-page-1440', await page.screenshot());

    // The controller takes OSC on that port now.
    const client = createSocket('udp4');
    await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
    client.send(oscInt('/crowdcue/master', 77), port, '127.0.0.1');
    await poll(() => rig.server.runtime.snapshot().master).toBe(77);
    client.close();

    await page.getByTestId('nav-live').click();
    await poll(() => page.getByTestId('osc-status').textContent()).toContain(`UDP ${port}`);
    await poll(() => page.getByTestId('osc-status-messages').textContent()).toMatch(/^1 /);
    await keepShot('live-osc-status-1440', await page.screenshot());
  }, SLOW);
});
