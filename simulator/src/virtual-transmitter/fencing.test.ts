/**
 * The virtual transmitter against the protocol's fencing vectors (PROTOCOL.md
 * 1.8): each step's bytes go in on its link, the device's answer must be the
 * vector's, byte for byte for a NACK.
 */
import vectors from '@crowdcue/protocol/vectors.json';
import { fromHex, toHex } from '@crowdcue/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualDeviceClock } from './device-clock';
import { TestHost } from './test-host';
import { VirtualTransmitter } from './virtual-transmitter';

interface FencingStep {
  link: string;
  host: string;
  expect: { type: string; reason?: number; wire?: string };
}

const scenarios = (vectors as unknown as { fencing: Array<{ name: string; steps: FencingStep[] }> }).fencing;
const devices: VirtualTransmitter[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});

describe('virtual transmitter: fencing vectors', () => {
  it('has scenarios to run', () => expect(scenarios.length).toBeGreaterThanOrEqual(5));
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const device = new VirtualTransmitter({ clock: new ManualDeviceClock(1_000_000, 5000), statusIntervalMs: 0 });
      devices.push(device);
      const links = new Map<string, { host: TestHost; raw: Buffer[] }>();
      for (const step of scenario.steps) {
        let link = links.get(step.link);
        if (!link) {
          // A new link replaces the one before it, as the device's TCP listener does.
          const stream = device.connect(step.link);
          const raw: Buffer[] = [];
          stream.on('data', (b: Buffer) => raw.push(b));
          link = { host: new TestHost(stream), raw };
          links.set(step.link, link);
        }
        const from = link.host.frames.length;
        const rawFrom = link.raw.length;
        const bytes = fromHex(step.host);
        link.host.writeRaw(bytes);
        const answer = await link.host.waitFor((f) => f.message.type !== 'STATUS', 2000, from);
        expect(answer.message.type, `${step.link}: ${step.host}`).toBe(step.expect.type);
        if (step.expect.wire) expect(toHex(Buffer.concat(link.raw.slice(rawFrom)))).toBe(step.expect.wire);
      }
    });
  }
});
