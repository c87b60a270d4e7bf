/**
 * A GO on a 64-zone look, every zone its own colour, through the whole path:
 * planner -> CCL driver -> the simulator's virtual transmitter (timed SENDs on
 * its channel) -> a crowd of bands in every zone. Afterwards every band shows
 * its zone's colour, and the look went out as a handful of ZONE_COLORS packets.
 */
import { decodeCcb, type Rgb } from '@crowdcue/protocol';
import { Crowd, type CrowdBandInput } from '@crowdcue/simulator';
import { monotonicScheduler, openTransmitter, type OpenedTransmitter } from '@crowdcue/controller';
import { afterEach, describe, expect, it } from 'vitest';
import { Planner } from '../../controller/src/planner/planner';

const SITE = 3;
const ZONES = Array.from({ length: 64 }, (_, z) => z);
const BANDS_PER_ZONE = 4;
const zoneColour = (z: number): Rgb => [(z * 4) % 256, 255 - z * 4, (z * 37) % 256];

const until = async (what: string, ok: () => boolean, timeoutMs = 40_000) => {
  const t0 = performance.now();
  while (!ok()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

let tx: OpenedTransmitter | undefined;
let planner: Planner | undefined;
afterEach(async () => {
  planner?.stop();
  await tx?.stop();
});

describe('GO on a 64-zone look through the virtual transmitter', () => {
  it('leaves every band with its zone colour, from a few ZONE_COLORS packets', async () => {
    const bands: CrowdBandInput[] = ZONES.flatMap((zone) =>
      Array.from({ length: BANDS_PER_ZONE }, (_, k) => ({ site: SITE, zone, pixel: zone * BANDS_PER_ZONE + k, x: zone * 4, y: k * 60 })),
    );
    const crowd = new Crowd(bands);
    tx = openTransmitter('virtual', { id: 'virtual', scheduler: monotonicScheduler, virtual: { crowd } });
    await tx.start();
    await until('the transmitter to say hello', () => tx?.capabilities() !== undefined);
    const device = tx.virtualDevice;
    if (!device) throw new Error('no virtual device');

    planner = new Planner({ scheduler: monotonicScheduler, site: SITE, venueZones: ZONES, transmitters: [tx] });
    const cue: string[] = [];
    planner.planned$.subscribe((s) => s.packet.purpose === 'cue' && s.packet.repeat === 0 && cue.push(`${s.packet.seq} ${s.ccb.cmd}`));
    // Started, as in a show: SYNC, refresh, and a re-send of every look should a loaded machine drop the link.
    planner.start();

    planner.setLooks(ZONES.map((zone) => ({ zone, look: { kind: 'color', rgb: zoneColour(zone), fadeMs: 0 } })), { cue: 'go' });
    const wrong = () => {
      const now = performance.now();
      return bands.flatMap((b, i) => {
        const got = crowd.colorOf(i, now);
        return got.join() === zoneColour(b.zone).join() ? [] : [`band ${i} (zone ${b.zone}): ${got.join()} not ${zoneColour(b.zone).join()}`];
      });
    };
    await until('every band showing its zone colour', () => wrong().length === 0).catch(() => expect(wrong()).toEqual([]));
    expect(wrong()).toEqual([]);
    // The cue went out as five ZONE_COLORS packets (each with its repeat), not 64 COLORs.
    expect(new Set(cue).size).toBe(5);
    expect([...new Set(cue)].every((c) => c.endsWith('ZONE_COLORS'))).toBe(true);
    // And on air, the bands got them from the device.
    expect(device.onAirRecord().some((t) => decodeCcb(t.rf).ok && t.rf[2] === 0x0a)).toBe(true);
  }, 90_000);
});
