/**
 * The reference transmitter firmware as a device, not as source: the compiled
 * AVR firmware runs in simavr with its UART on a pty and a simulated RFM69,
 * `crowdcue play demo` drives it in its own process like any serial
 * transmitter, and what its radio put on air, fed to the demo's crowd at the
 * simulated times, leaves every band where a run on the simulator's virtual
 * transmitter leaves it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { airtimeUs, fromHex, type Rgb } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow } from '@crowdcue/simulator';
import { hasSocat } from '@crowdcue/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShow } from '../../controller/src/show/demo-show';
import { buildFirmware, decodeLine, missingFirmwareTools, startFirmwareSim, timedStarts, type FirmwareSim } from './firmware-rig';
import { startPtyRig, type PtyRig } from './serial-rig';

const bin = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));
const missing = missingFirmwareTools();
// CI installs the AVR toolchain, simavr and socat: there a missing tool is a failure, not a skip.
const run = (missing.length === 0 && hasSocat()) || Boolean(process.env.CI);
if (!run) console.warn(`firmware-simavr: skipped, missing ${[...missing, ...(hasSocat() ? [] : ['socat'])].join(', ')} (apt-get install them to run it)`);

const UNTIL_S = 12;

function play(path: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'play', 'demo', '--until', String(UNTIL_S), '--quiet', '--transmitter', `serial:${path}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** Every band's colour once the last packet has landed (plus a second), packets given as [rf, end ms]. */
function finalColours(packets: Array<[Uint8Array, number]>): { colours: Rgb[]; distinct: number } {
  const show = demoShow();
  const crowd = buildCrowd(venueFromShow(show.venue), { seed: 1, attendance: 1, site: show.site });
  const sorted = [...packets].sort((a, b) => a[1] - b[1]);
  for (const [rf, atMs] of sorted) crowd.receive(rf, atMs);
  const at = sorted[sorted.length - 1][1] + 1000;
  const colours: Rgb[] = [];
  for (let i = 0; i < crowd.count; i++) if (crowd.present[i]) colours.push(crowd.colorOf(i, at));
  return { colours, distinct: new Set(colours.map((c) => c.join(','))).size };
}

describe.skipIf(!run)('reference firmware in simavr, driven by crowdcue play', () => {
  let sim: FirmwareSim;
  let rig: PtyRig;
  beforeAll(async () => {
    buildFirmware();
    [sim, rig] = await Promise.all([startFirmwareSim(), startPtyRig()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([sim?.close(), rig?.close()]);
  });

  it('plays the demo opening to the same crowd as the virtual transmitter', async () => {
    const [onFirmware, onVirtual] = await Promise.all([play(sim.path), play(rig.hostPath)]);
    expect(onFirmware.code, onFirmware.err).toBe(0);
    expect(onVirtual.code, onVirtual.err).toBe(0);

    // The driver met a CCL device: HELLO answered with the firmware's INFO, clock synced, SENDs ACKed.
    const line = decodeLine(sim.frames());
    const info = line.find((f) => f.message.type === 'INFO');
    expect(info?.message).toMatchObject({ type: 'INFO', proto: 1, rfMax: 48, queueCap: 16, overhead: 13 });
    expect(line.filter((f) => f.message.type === 'CLOCK').length).toBeGreaterThanOrEqual(8);
    expect(line.filter((f) => f.message.type === 'ACK').length).toBeGreaterThan(5);

    const air = sim.air();
    expect(air.every((a) => !a.aborted)).toBe(true);
    // Most packets went as timed SENDs and started on their device time.
    expect(timedStarts(sim).length).toBeGreaterThan(air.length / 2);

    const fw = finalColours(air.map((a) => [fromHex(a.rf), a.endUs / 1000]));
    const virtual = finalColours(
      rig.device.air().map((a) => {
        const rf = fromHex(a.rf);
        return [rf, a.startHr + airtimeUs(rf.length, 38400, 13) / 1000];
      }),
    );
    // The opening ends on the split look: red and blue halves, so a crowd that missed it differs.
    expect(fw.distinct).toBeGreaterThanOrEqual(2);
    expect(fw.colours.length).toBe(virtual.colours.length);
    const differing = fw.colours.filter((c, i) => c.join(',') !== virtual.colours[i].join(',')).length;
    expect(differing).toBe(0);
  }, 120_000);
});
